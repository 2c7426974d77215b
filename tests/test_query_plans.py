"""Issue 7 at the schema level: what the full-text index holds, and the plans of the queries the product serves.

The plans are read with EXPLAIN QUERY PLAN on a real SQLite database made by the migrations, for the SQL in
datasette_config/metadata.yaml; the timings are bench/query.py's job (docs/performance.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from datasette.utils import escape_fts

from pipeline.publish.snapshot import publish_snapshot
from pipeline.store.schema import MIGRATIONS, m006_query_speed, migrate
from pipeline.store.search import search_query

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "datasette_config" / "metadata.yaml").read_text(encoding="utf-8"))[
    "databases"]["tracker"]["queries"]


def add(db, id_, text="zebra", relevant=1, duplicate_of=None, title="t", published=None):
    db["articles"].insert({"id": id_, "url": f"https://example.com/{id_}", "title": title, "text": text,
                           "relevant": relevant, "duplicate_of": duplicate_of,
                           "published": published or f"2026-01-01T00:00:{id_ % 60:02d}+00:00"})


def found(db, word: str) -> list[int]:
    return sorted(r[0] for r in db.execute("select rowid from articles_fts where articles_fts match ?", [word]))


def test_index_holds_only_listed_articles_through_every_change(db):
    add(db, 1, relevant=0)
    assert found(db, "zebra") == []  # stored for re-judging, not searchable
    db["articles"].update(1, {"relevant": 1})  # re-judged relevant
    assert found(db, "zebra") == [1]
    db["articles"].update(1, {"text": "yak"})  # text edited while relevant: the old words go
    assert found(db, "zebra") == [] and found(db, "yak") == [1]
    add(db, 2, text="yak")
    assert found(db, "yak") == [1, 2]
    db["articles"].update(2, {"duplicate_of": 1})  # recognised as a copy
    assert found(db, "yak") == [1]
    db["articles"].update(2, {"duplicate_of": None})
    assert found(db, "yak") == [1, 2]
    db["articles"].update(1, {"relevant": 0})  # re-judged irrelevant
    assert found(db, "yak") == [2]
    db["articles"].update(1, {"text": "ibis"})  # an unlisted article's edit stays out
    assert found(db, "ibis") == []
    db.execute("delete from articles where id = 2")
    assert found(db, "yak") == []
    add(db, 3, text="okapi", relevant=1, duplicate_of=1)  # stored as a copy straight away
    assert found(db, "okapi") == []
    # Other columns do not touch the index; bm25 statistics would drift if they did.
    db["articles"].update(1, {"relevant": 1})
    db["articles"].update(1, {"fetched": "2026-02-01T00:00:00+00:00", "relevance": 0.7})
    assert found(db, "ibis") == [1]
    # The FTS5 structure is consistent and sqlite-utils still finds the index.
    db.execute("insert into articles_fts (articles_fts) values ('integrity-check')")
    assert db["articles"].detect_fts() == "articles_fts"


def test_migration_leaves_only_listed_articles_in_an_existing_index(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied": str}, pk="name")
    for migration in MIGRATIONS[:MIGRATIONS.index(m006_query_speed)]:  # before m006: every article indexed
        migration(old)
        old["_migrations"].insert({"name": migration.__name__, "applied": "2026-01-01"})
    add(old, 1)
    add(old, 2, relevant=0)
    add(old, 3, duplicate_of=1)
    assert found(old, "zebra") == [1, 2, 3]
    old.close()
    db = sqlite_utils.Database(path)
    assert migrate(db)[0] == "m006_query_speed"
    assert found(db, "zebra") == [1]
    db["articles"].update(2, {"relevant": 1})  # the new triggers are in place
    assert found(db, "zebra") == [1, 2]
    db.close()


def test_nothing_rebuilds_the_index_from_every_article():
    # rebuild_fts, populate_fts, FTS5's 'rebuild' and a second enable_fts re-read the whole content table.
    calls = re.compile(r"\.(rebuild_fts|populate_fts|enable_fts)\(|values\s*\(\s*'rebuild'", re.IGNORECASE)
    offenders = []
    for folder in ("pipeline", "tracker", "crawlers", "bench"):
        for source in sorted((ROOT / folder).rglob("*.py")):
            for match in calls.finditer(source.read_text(encoding="utf-8")):
                offenders.append(f"{source.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == ["pipeline/store/schema.py: .enable_fts("]  # m001's, replaced by m006's triggers


def explain(db, sql: str, **params) -> list[tuple[int, str]]:
    """(parent, detail) of each step of the plan."""
    db.conn.create_function("escape_fts", 1, escape_fts)
    db.conn.create_function("search_query", 1, search_query)
    return [(r[1], r[3]) for r in db.execute("explain query plan " + sql, params)]


def top_level_sort(plan) -> bool:
    # Sorts inside the view's JSON subqueries have a parent; the query's own ORDER BY has none.
    return (0, "USE TEMP B-TREE FOR ORDER BY") in plan


FEEDS = {
    "latest": {}, "feed_all": {}, "feed_topic": {"topic": "litigation"}, "feed_entity": {"entity": "OpenAI"},
    "feed_search": {"q": "copyright"}, "feed_language": {"language": "de"}, "by_topic": {"topic": "litigation"},
    "feed_filter": {"topics": "labor", "entities": "", "languages": "", "q": "", "min_relevance": ""},
}


# Issue 20: relevant_articles reads listed_articles (kept by triggers, pipeline/store/listing.py); its index
# (listed, date) serves the view's `listed = 1` and the newest-first order.
LISTED_DATE = "USING INDEX listed_articles_date (listed=?)"


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_newest_first_lists_read_the_listed_date_index_without_sorting(db, name):
    plan = explain(db, QUERIES[name]["sql"], **FEEDS[name])
    assert any(LISTED_DATE in detail for _, detail in plan), plan
    assert not top_level_sort(plan), plan


@pytest.mark.parametrize("extra", ["", " where id in (select rowid from articles_fts where articles_fts match 'x')"])
def test_the_views_table_page_reads_the_index_too(db, extra):
    # What Datasette runs for /tracker/relevant_articles (sort_desc: date), with and without ?_search=.
    plan = explain(db, f"select * from relevant_articles{extra} order by date desc limit 101")
    assert any(LISTED_DATE in detail for _, detail in plan) and not top_level_sort(plan)
    # No JSON subquery is evaluated per row any more: the lists are stored.
    assert not any("SUBQUERY" in detail for _, detail in plan if "LIST SUBQUERY" not in detail), plan


# Issue 20: the pages that grouped or sorted every listed article now start from a count, an index or the
# entity; each plan must name what it starts from and never scan the articles table.
START = {
    "top_entities": ({}, "USING COVERING INDEX entity_month_counts_rank"),
    "source_health": ({}, "SEARCH n USING INTEGER PRIMARY KEY"),
    "co_mentions": ({"entity": "OpenAI"}, "SEARCH e USING COVERING INDEX idx_entities_name_type (name=?)"),
    "works_in_disputes": ({"work": "", "slug": ""}, "SEARCH ae USING COVERING INDEX article_entities_entity_article"),
    "feed_developments_topic": ({"topic": "litigation"}, "SCAN d USING COVERING INDEX idx_developments_updated"),
    "by_topic": ({"topic": "litigation"}, LISTED_DATE),
}


@pytest.mark.parametrize("name", sorted(START))
def test_pages_start_from_their_index_not_from_every_article(db, name):
    params, expected = START[name]
    details = [d for _, d in explain(db, QUERIES[name]["sql"], **params)]
    assert any(expected in d for d in details), details
    assert not any(d.startswith("SCAN a ") or d.startswith("SCAN articles") for d in details), details


def test_topic_weeks_reads_its_counts(db):
    details = [d for _, d in explain(db, "select * from topic_weeks")]
    assert details == ["SCAN topic_week_counts"], details


def test_entity_timeline_starts_from_the_entity(db):
    details = [d for _, d in explain(db, QUERIES["entity_timeline"]["sql"], entity="openai")]
    # The name, alias or short form is looked up in entity_aliases' primary key, then each name in entities.
    assert [d for d in details if " al " in d or " x " in d] == ["SEARCH al USING PRIMARY KEY (alias=?)",
                                                                 "SEARCH x USING PRIMARY KEY (alias=?)"]
    assert [d for d in details if "SUBQUERY" not in d and " al " not in d and " x " not in d][:3] == [
        "SEARCH e USING COVERING INDEX idx_entities_name_type (name=?)",
        "SEARCH ae USING COVERING INDEX article_entities_entity_article (entity_id=?)",
        "SEARCH listed_articles USING INTEGER PRIMARY KEY (rowid=?)",  # the listing, not the article's row
    ]


def run(db, name: str, **params) -> list[dict]:
    db.conn.create_function("escape_fts", 1, escape_fts)
    db.conn.create_function("search_query", 1, search_query)  # as the Datasette plugin does
    return list(db.query(QUERIES[name]["sql"], params))


def test_entity_timeline_lists_listed_mentions_oldest_first(db):
    db["entities"].insert({"id": 1, "name": "OpenAI", "type": "ORG"})
    for id_, relevant, duplicate_of in ((1, 1, None), (2, 0, None), (3, 1, 1), (4, 1, None)):
        add(db, id_, relevant=relevant, duplicate_of=duplicate_of, published=f"2026-01-0{5 - id_}")
        db["article_entities"].insert({"article_id": id_, "entity_id": 1, "mentions": id_})
    rows = run(db, "entity_timeline", entity="openai")
    assert [(r["article_id"], r["date"], r["mentions"]) for r in rows] == [(4, "2026-01-01", 4), (1, "2026-01-04", 1)]


def test_search_ranks_the_newest_matches_and_snippets_only_what_it_shows(db):
    window = int(re.search(r"order by rowid desc limit (\d+)", QUERIES["search"]["sql"]).group(1))
    with db.conn:
        # The oldest article is the best match by far, then come `window` newer, weaker ones.
        add(db, 1, title="zebra zebra zebra", text="zebra " * 20)
        for id_ in range(2, window + 2):
            add(db, id_, text=f"a zebra and {id_} other words " * 5)
        add(db, window + 2, title="zebra zebra", text="zebra " * 10)
        add(db, window + 3, title="zebra", text="zebra " * 30, relevant=0)
    rows = run(db, "search", q="zebra")
    assert len(rows) == 100
    assert rows[0]["article_id"] == window + 2  # the best of the newest `window`
    assert 1 not in {r["article_id"] for r in rows}  # older than the window
    assert window + 3 not in {r["article_id"] for r in rows}  # not relevant
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and all("⟦" in r["snippet"] for r in rows)
    assert list(rows[0]) == ["article_id", "title", "snippet", "date", "source", "language", "url", "score"]


def test_published_snapshot_keeps_the_indexes_and_triggers(tmp_path):
    work = sqlite_utils.Database(tmp_path / "work.db")
    migrate(work)
    add(work, 1)
    add(work, 2, relevant=0)
    work.close()
    snapshot = sqlite_utils.Database(publish_snapshot(tmp_path / "work.db", tmp_path / "published" / "tracker.db"))
    names = {r[0] for r in snapshot.execute("select name from sqlite_master where type in ('index', 'trigger')")}
    assert {"listed_articles_date", "articles_listed_id", "entities_name_nocase", "article_entities_entity_article",
            "articles_ai", "articles_ad", "articles_au", "listing_articles_insert", "listing_entities_insert"} <= names
    assert found(snapshot, "zebra") == [1]
    plan = explain(snapshot, QUERIES["latest"]["sql"])
    assert any(LISTED_DATE in d for _, d in plan) and not top_level_sort(plan)
    # No statistics (docs/performance.md): with them the planner knows `listed = 1` matches every row and sorts
    # every match of a search instead of walking the dates (feed_search at 1M: 9 ms without, 460 ms with).
    assert "sqlite_stat1" not in snapshot.table_names()
    snapshot.close()


def test_taking_a_count_away_finds_its_row_by_key(db):
    # A reprocess removes and adds every article's entities: each removal must reach its count through the
    # primary key, not walk a month's thousands of counts (pipeline/store/counts.py).
    from pipeline.store.counts import _add

    statements = _add("entity_month_counts", "-", "'2026-01'", "entity_id", "article_entities",
                      "article_entities where article_entities.article_id = 5").split(";")
    for sql in [s for s in statements if s.strip()]:
        details = [d for _, d in explain(db, sql)]
        assert any("(month=? AND entity_id=?)" in d for d in details), details
        assert not any(d.startswith("SCAN entity_month_counts") or "(month=?)" in d for d in details), details
