"""`relevant_articles` read from a table kept by triggers (issue #20), not computed on every read.

Until m018 `relevant_articles` was a view whose topics, people, organisations and works were JSON subqueries
over article_topics, article_entities and entities. Every list and feed read it, and a facet over a search
evaluated four subqueries per matching article: 1.1 s at a million articles. Now each listed article (relevant,
not a copy) has one row in `listed_articles`, with the lists already made, and the view `relevant_articles`
reads it. The triggers below keep it equal to what the view
returned, on every write path (crawl, reprocess, corrections, cases, the snapshot's takedowns), in the same
transaction as the write: there is no nightly job to forget and no moment when the two disagree.
`tests/test_listing.py` compares the table with the view's SQL after each kind of change.

The view's columns and their order are those of m017's; readers (canned queries, feeds, plugins) did not change.
"""

from __future__ import annotations

import sqlite_utils

from pipeline.store.counts import create_counts, create_source_counts

# The publication's own local date, else the UTC day of `published` or of the fetch (as m015).
LOCAL_DAY = "coalesce(a.published_local_date, substr(coalesce(a.published, a.fetched), 1, 10))"


def _list(type_: str, article: str) -> str:
    return (f"(select json_group_array(name) from (select e.name from article_entities ae join entities e "
            f"on e.id = ae.entity_id where ae.article_id = {article} and e.type = '{type_}' "
            f"order by ae.mentions desc, e.name))")


def _topics(article: str) -> str:
    return (f"(select json_group_array(topic) from (select topic from article_topics t where t.article_id = {article} "
            f"order by t.score desc))")


LISTS = {"people": "PERSON", "organisations": "ORG", "works": "WORK"}
COLUMNS = ("id", "date", "day", "published_at", "month", "updated", "title", "url", "source", "language",
           "relevance", "description", "topics", "people", "organisations", "works")

# One article's row, as the view of m017 computed it.
ROW_SQL = f"""select a.id, coalesce(a.published, a.fetched), {LOCAL_DAY},
  coalesce(a.published_at, a.published, a.fetched), substr({LOCAL_DAY}, 1, 7),
  a.updated, a.title, a.url, s.name, a.language, a.relevance, a.description,
  {_topics('a.id')}, {_list('PERSON', 'a.id')}, {_list('ORG', 'a.id')}, {_list('WORK', 'a.id')}
from articles a left join sources s on s.id = a.source_id
where a.relevant = 1 and a.duplicate_of is null"""

# The article columns the row is made of: an update of any other (text, evidence, authors, the fetch
# bookkeeping) leaves the row alone.
ARTICLE_COLUMNS = ("published", "fetched", "published_local_date", "published_at", "updated", "title", "url",
                   "source_id", "language", "relevance", "description", "relevant", "duplicate_of")


def _refresh(article: str) -> str:
    return (f"delete from listed_articles where id = {article};\n"
            f"  insert into listed_articles ({', '.join(COLUMNS)}) {ROW_SQL} and a.id = {article};")


def _entity_lists(article: str) -> str:
    return ", ".join(f"{column} = {_list(type_, article)}" for column, type_ in LISTS.items())


TRIGGERS = {
    "listing_articles_insert": f"after insert on articles begin {_refresh('new.id')} end",
    "listing_articles_update": (f"after update of {', '.join(ARTICLE_COLUMNS)} on articles begin "
                                f"{_refresh('new.id')} end"),
    "listing_articles_delete": "after delete on articles begin delete from listed_articles where id = old.id; end",
    "listing_topics_insert": (f"after insert on article_topics begin update listed_articles set topics = "
                              f"{_topics('new.article_id')} where id = new.article_id; end"),
    "listing_topics_update": (f"after update on article_topics begin "
                              f"update listed_articles set topics = {_topics('old.article_id')} "
                              f"where id = old.article_id; "
                              f"update listed_articles set topics = {_topics('new.article_id')} "
                              f"where id = new.article_id; end"),
    "listing_topics_delete": (f"after delete on article_topics begin update listed_articles set topics = "
                              f"{_topics('old.article_id')} where id = old.article_id; end"),
    "listing_entities_insert": (f"after insert on article_entities begin update listed_articles set "
                                f"{_entity_lists('new.article_id')} where id = new.article_id; end"),
    "listing_entities_update": (f"after update on article_entities begin "
                                f"update listed_articles set {_entity_lists('old.article_id')} "
                                f"where id = old.article_id; "
                                f"update listed_articles set {_entity_lists('new.article_id')} "
                                f"where id = new.article_id; end"),
    "listing_entities_delete": (f"after delete on article_entities begin update listed_articles set "
                                f"{_entity_lists('old.article_id')} where id = old.article_id; end"),
    # A renamed or retyped entity (a merge, a correction) changes the lists of every article naming it.
    "listing_entity_change": (f"after update of name, type on entities begin update listed_articles set "
                              f"{_entity_lists('listed_articles.id')} where id in "
                              f"(select article_id from article_entities where entity_id = new.id); end"),
    "listing_source_rename": ("after update of name on sources begin update listed_articles set source = new.name "
                              "where id in (select id from articles where source_id = new.id); end"),
}


def m018_listing_table(db: sqlite_utils.Database) -> None:
    db.execute("drop view if exists relevant_articles")
    # `listed` is 1 on every row. It is there for the planner: the view below says `where listed = 1`, and an
    # index that serves that equality and the date order is the one SQLite picks for "the newest matches of a
    # search" (walk the dates, stop after a page) instead of sorting every match. Without it, a search of
    # 60,000 matches was sorted in full for each page of 20 (155 ms at 1M articles, against 5 ms).
    db.execute("""create table listed_articles (
  id integer primary key, listed integer not null default 1, date text, day text, published_at text, month text,
  updated text, title text, url text, source text, language text, relevance float, description text, topics text,
  people text, organisations text, works text)""")
    db.execute(f"insert into listed_articles ({', '.join(COLUMNS)}) {ROW_SQL}")
    # Newest first is every list's order; the feeds by language and by source filter first.
    db.execute("create index listed_articles_date on listed_articles(listed, date)")
    db.execute("create index listed_articles_language_date on listed_articles(language, date)")
    db.execute("create index listed_articles_source_date on listed_articles(source, date)")
    for name, body in TRIGGERS.items():
        db.execute(f"drop trigger if exists {name}")
        db.execute(f"create trigger {name} {body}")
    db.create_view("relevant_articles", f"select {', '.join(COLUMNS)} from listed_articles where listed = 1")
    # The same columns as m015's view, read from the listing: an article row (with its text) is no longer
    # read for each mention, nor its source joined.
    db.execute("drop view if exists entity_mentions")
    db.create_view("entity_mentions", """
select e.name as entity, e.type, ae.mentions, l.id as article_id, l.date, l.day, l.month, l.title, l.url, l.source,
  l.language
from article_entities ae join entities e on e.id = ae.entity_id join listed_articles l on l.id = ae.article_id""")
    create_counts(db)
    create_source_counts(db)
    # The review queue's borderline articles and largest developments (datasette_config/plugins/review.py).
    db.execute("create index if not exists articles_borderline on articles(relevance) where duplicate_of is null")
    db.execute("create index if not exists developments_size on developments(articles)")
