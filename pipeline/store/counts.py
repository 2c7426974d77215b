"""Counts per period of listed articles, kept by triggers (issue #20): the attention chart and the monthly top entities.

`topic_weeks` (articles per topic per week) and the canned query `top_entities` (the most named per month)
grouped every listed article on every page view: about one second each at a million articles. The counts are
now kept in two tables, changed by the same writes that change the listing (pipeline/store/listing.py), in the
same transaction:

- `topic_week_counts(week, topic, articles)`;
- `entity_month_counts(month, entity_id, articles, mentions)`;
- `development_entity_counts(development_id, entity_id, articles)` (m019): which developments name an entity,
  counted over `development_articles` instead of the listing. The developments feed of the most named entity
  looked up the development of each of its 37,000 articles to find them (40 ms at 1M; the feed target is 50).

A count moves when a listed article gains or loses a topic or an entity, and when an article enters or leaves
the listing (listed_articles' rows are deleted and inserted again when an article changes, so a new date moves
its counts to the new period). Rows that fall to zero are deleted. `tests/test_listing.py` compares both
tables with a count made from scratch after each kind of change.
"""

from __future__ import annotations

from typing import NamedTuple

import sqlite_utils

WEEK = "date({row}.day, 'weekday 0', '-6 days')"
MONTH = "{row}.month"


class Counter(NamedTuple):
    child: str  # the article's rows that are counted (its topics, its entities)
    key: str  # the child's column counted by
    period: str  # what a parent row is counted under ({row} is the parent row)
    period_col: str
    sums: dict  # extra columns summed from the child rows
    parent: str = "listed_articles"  # the rows that bring an article into the count
    parent_id: str = "id"  # the parent's article id
    parent_moves: bool = False  # parent rows are updated in place (a development merged into another)


COUNTERS = {
    "topic_week_counts": Counter("article_topics", "topic", WEEK, "week", {}),
    "entity_month_counts": Counter("article_entities", "entity_id", MONTH, "month", {"mentions": "mentions"}),
    "development_entity_counts": Counter("article_entities", "entity_id", "{row}.development_id", "development_id", {},
                                         parent="development_articles", parent_id="article_id", parent_moves=True),
}
# m018 made the first two; m019 the third (a migration creates what it created then, and no more).
M018_COUNTERS = ("topic_week_counts", "entity_month_counts")
# Copied with a new count row (and kept by the trigger below): the entity's type, so that each month's ten
# most named people, organisations and works are read from an index (month, type, articles), not ranked
# from all 86,000 counts of a million articles (124 ms).
LOOKED_UP = {"entity_month_counts": {"type": "(select e.type from entities e where e.id = key)"}}


def _add(name: str, sign: str, period: str, key: str, child: str, where: str) -> str:
    """Add (sign '+') or take away ('-') one article per (period, key) of the child rows `where` selects."""
    key_col, period_col, sums = COUNTERS[name].key, COUNTERS[name].period_col, COUNTERS[name].sums
    rows = (f"select {period} as period, {child}.{key} as key"
            + "".join(f", {child}.{src} as {col}" for col, src in sums.items()) + f" from {where}")
    if sign == "+":
        looked_up = LOOKED_UP.get(name, {})
        extra_cols = "".join(f", {col}" for col in sums)
        extra_set = "".join(f", {col} = {col} + excluded.{col}" for col in sums)
        return (f"insert into {name} ({period_col}, {key_col}, articles{extra_cols}{''.join(', ' + c for c in looked_up)}) "
                f"select period, key, 1{extra_cols}{''.join(', ' + v for v in looked_up.values())} "
                f"from ({rows}) where true on conflict do update set articles = articles + 1{extra_set};")
    # The rows to lower are found from the article's few child rows through the primary key, never by
    # walking the counts (a month holds thousands at 1M articles: a reprocess would be quadratic).
    touched = (f"select t.rowid from ({rows}) c cross join {name} t "
               f"on t.{period_col} = c.period and t.{key_col} = c.key")
    extra_set = "".join(f", {col} = {col} - (select c.{col} from ({rows}) c where c.period = {name}.{period_col} "
                        f"and c.key = {name}.{key_col})" for col in sums)
    return (f"update {name} set articles = articles - 1{extra_set} where rowid in ({touched}); "
            f"delete from {name} where rowid in ({touched} where t.articles <= 0);")


def triggers(name: str) -> dict[str, str]:
    spec = COUNTERS[name]
    on_new_parent = spec.period.format(row="new")
    on_old_parent = spec.period.format(row="old")
    parent_period = spec.period.format(row="l")
    child, key = spec.child, spec.key
    new_rows = f"{child} where {child}.article_id = new.{spec.parent_id}"
    old_rows = f"{child} where {child}.article_id = old.{spec.parent_id}"
    found = {
        f"{name}_listed": (f"after insert on {spec.parent} begin "
                           f"{_add(name, '+', on_new_parent, key, child, new_rows)} end"),
        f"{name}_unlisted": (f"after delete on {spec.parent} begin "
                             f"{_add(name, '-', on_old_parent, key, child, old_rows)} end"),
        f"{name}_child_insert": (
            f"after insert on {child} begin "
            f"{_add(name, '+', parent_period, key, 'new', f'{spec.parent} l where l.{spec.parent_id} = new.article_id')} end"),
        f"{name}_child_delete": (
            f"after delete on {child} begin "
            f"{_add(name, '-', parent_period, key, 'old', f'{spec.parent} l where l.{spec.parent_id} = old.article_id')} end"),
        f"{name}_child_update": (
            f"after update on {child} begin "
            f"{_add(name, '-', parent_period, key, 'old', f'{spec.parent} l where l.{spec.parent_id} = old.article_id')} "
            f"{_add(name, '+', parent_period, key, 'new', f'{spec.parent} l where l.{spec.parent_id} = new.article_id')} end"),
    }
    if spec.parent_moves:
        found[f"{name}_moved"] = (f"after update on {spec.parent} begin "
                                  f"{_add(name, '-', on_old_parent, key, child, old_rows)} "
                                  f"{_add(name, '+', on_new_parent, key, child, new_rows)} end")
    return found


def from_scratch(name: str) -> str:
    """The counts, made from the listing (what the triggers keep; the migration's fill and the tests' check)."""
    spec = COUNTERS[name]
    child, key, period, period_col, sums = spec[:5]
    extra = "".join(f", sum(c.{src}) as {col}" for col, src in sums.items())
    looked_up = "".join(f", {sql.replace('key', 'c.' + key)} as {col}" for col, sql in LOOKED_UP.get(name, {}).items())
    return (f"select {period.format(row='l')} as {period_col}, c.{key} as {key}, count(*) as articles{extra}"
            f"{looked_up} from {child} c join {spec.parent} l on l.{spec.parent_id} = c.article_id group by 1, 2")


def create_counts(db: sqlite_utils.Database) -> None:
    db.execute("create table topic_week_counts (week text not null, topic text not null, articles integer not null, "
               "primary key (week, topic))")
    db.execute("create table entity_month_counts (month text not null, entity_id integer not null, "
               "articles integer not null, mentions integer, type text, primary key (month, entity_id))")
    for name in M018_COUNTERS:
        _fill_and_keep(db, name)
    db.execute("create trigger entity_month_counts_type after update of type on entities begin "
               "update entity_month_counts set type = new.type where entity_id = new.id; end")
    # The monthly top lists read each month's and type's largest counts first.
    db.execute("create index entity_month_counts_rank on entity_month_counts(month, type, articles desc, mentions desc)")
    db.execute("drop view if exists topic_weeks")
    db.create_view("topic_weeks", "select week, topic, articles from topic_week_counts")


def _fill_and_keep(db: sqlite_utils.Database, name: str) -> None:
    db.execute(f"insert into {name} {from_scratch(name)}")
    for trigger, body in triggers(name).items():
        db.execute(f"drop trigger if exists {trigger}")
        db.execute(f"create trigger {trigger} {body}")


def create_development_entity_counts(db: sqlite_utils.Database) -> None:
    """Which developments name an entity (m019), for the developments feed of a person or organisation."""
    db.execute("create table development_entity_counts (development_id integer not null, entity_id integer not null, "
               "articles integer not null, primary key (development_id, entity_id))")
    _fill_and_keep(db, "development_entity_counts")
    db.execute("create index development_entity_counts_entity on development_entity_counts(entity_id, development_id)")


SOURCE_TRIGGERS = {
    "source_counts_insert": ("after insert on articles when new.source_id is not null begin "
                             "insert into source_counts (source_id, articles, relevant) "
                             "values (new.source_id, 1, new.relevant is 1) on conflict do update set "
                             "articles = articles + 1, relevant = relevant + excluded.relevant; end"),
    "source_counts_delete": ("after delete on articles when old.source_id is not null begin "
                             "update source_counts set articles = articles - 1, relevant = relevant - (old.relevant is 1) "
                             "where source_id = old.source_id; end"),
    "source_counts_update": ("after update of source_id, relevant on articles begin "
                             "update source_counts set articles = articles - 1, relevant = relevant - (old.relevant is 1) "
                             "where source_id = old.source_id; "
                             "insert into source_counts (source_id, articles, relevant) "
                             "select new.source_id, 1, new.relevant is 1 where new.source_id is not null "
                             "on conflict do update set articles = articles + 1, relevant = relevant + excluded.relevant; "
                             "end"),
}
SOURCE_COUNTS_FROM_SCRATCH = ("select source_id, count(*), coalesce(sum(relevant is 1), 0) from articles "
                              "where source_id is not null group by source_id")


def create_source_counts(db: sqlite_utils.Database) -> None:
    """Articles and relevant articles per source, for `source_health` (which counted a million rows per view).

    The last article's time is read from an index instead: a maximum cannot be kept by subtracting."""
    db.execute("create table source_counts (source_id integer primary key, articles integer not null, "
               "relevant integer not null)")
    db.execute(f"insert into source_counts {SOURCE_COUNTS_FROM_SCRATCH}")
    for name, body in SOURCE_TRIGGERS.items():
        db.execute(f"drop trigger if exists {name}")
        db.execute(f"create trigger {name} {body}")
    db.execute("create index if not exists articles_source_fetched on articles(source_id, fetched)")
    # source_health's errors of the last ten runs and the last error of each source.
    db.execute("create index if not exists errors_source_run on errors(source, run_id)")
    db.execute("create index if not exists errors_source_id on errors(source, id)")
