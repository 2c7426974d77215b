"""Issue #20: `relevant_articles` reads a table kept by triggers; after every kind of write it equals the view it replaced."""

from __future__ import annotations

import json

import sqlite_utils

from pipeline.publish.snapshot import publish_snapshot
from pipeline.store.counts import COUNTERS, SOURCE_COUNTS_FROM_SCRATCH, from_scratch
from pipeline.store.listing import COLUMNS, ROW_SQL
from pipeline.store.schema import MIGRATIONS, m018_listing_table, m019_development_entities, migrate


def table(db) -> list[tuple]:
    return db.execute(f"select {', '.join(COLUMNS)} from relevant_articles order by id").fetchall()


def computed(db) -> list[tuple]:
    return db.execute(f"select * from ({ROW_SQL}) order by 1").fetchall()


def check(db) -> list[tuple]:
    rows = table(db)
    assert rows == computed(db)
    # No list repeats a value: the array facets count without removing repeats (facet_window_unique_lists).
    for column in ("topics", "people", "organisations", "works"):
        for (value,) in db.execute(f"select {column} from listed_articles"):
            items = json.loads(value or "[]")
            assert len(items) == len(set(items)), (column, items)
    for name in COUNTERS:  # the counts per week and per month (pipeline/store/counts.py)
        kept = db.execute(f"select * from {name} order by 1, 2").fetchall()
        assert kept == db.execute(f"select * from ({from_scratch(name)}) order by 1, 2").fetchall(), name
    assert db.execute("select * from source_counts where articles > 0 order by 1").fetchall() == db.execute(
        f"{SOURCE_COUNTS_FROM_SCRATCH} order by 1").fetchall()
    return rows


def seed(db) -> None:
    db["sources"].insert_all([{"id": 1, "name": "Wire"}, {"id": 2, "name": "Zeitung"}])
    db["entities"].insert_all([{"id": 1, "name": "OpenAI", "type": "ORG"}, {"id": 2, "name": "Ann Lee", "type": "PERSON"},
                               {"id": 3, "name": "Darth Vader", "type": "WORK"}])
    db["topics"].insert_all([{"slug": "litigation", "label": "Litigation"}, {"slug": "labor", "label": "Labor"}])
    for i, relevant in ((1, 1), (2, 1), (3, 0)):
        db["articles"].insert({"id": i, "url": f"https://e.example/{i}", "source_id": 1 + i % 2, "title": f"T{i}",
                               "text": "words", "relevant": relevant, "published": f"2026-01-0{i}T22:00:00+00:00",
                               "published_local_date": f"2026-01-0{i}", "language": "en", "relevance": 0.8})


def test_every_write_keeps_the_table_equal_to_the_view(db):
    seed(db)
    assert [r[0] for r in check(db)] == [1, 2]
    db["article_topics"].insert_all([{"article_id": 1, "topic": "litigation", "score": 0.9},
                                     {"article_id": 1, "topic": "labor", "score": 0.95}])
    db["article_entities"].insert_all([{"article_id": 1, "entity_id": 1, "mentions": 3},
                                       {"article_id": 1, "entity_id": 2, "mentions": 1},
                                       {"article_id": 1, "entity_id": 3, "mentions": 2},
                                       {"article_id": 2, "entity_id": 1, "mentions": 1}])
    rows = check(db)
    assert db.execute("select * from topic_weeks order by topic").fetchall() == [
        ("2025-12-29", "labor", 1), ("2025-12-29", "litigation", 1)]
    assert db.execute("select month, entity_id, articles, mentions from entity_month_counts "
                      "where entity_id = 1").fetchall() == [("2026-01", 1, 2, 4)]
    assert rows[0][COLUMNS.index("topics")] == '["labor","litigation"]'
    assert (rows[0][COLUMNS.index("people")], rows[0][COLUMNS.index("works")]) == ('["Ann Lee"]', '["Darth Vader"]')
    db.execute("update article_topics set score = 0.1 where topic = 'labor'")
    db.execute("update article_entities set mentions = 9 where entity_id = 2")
    assert check(db)[0][COLUMNS.index("topics")] == '["litigation","labor"]'
    db["entities"].update(2, {"name": "Ann B. Lee"})  # a correction renames a person
    db["entities"].update(3, {"type": "ORG"})  # ... or retypes a work
    db["sources"].update(1, {"name": "Wire Service"})
    assert check(db)[0][COLUMNS.index("organisations")] == '["OpenAI","Darth Vader"]'
    db["articles"].update(3, {"relevant": 1, "source_id": 1})  # re-judged relevant: listed; moved source
    db["articles"].update(2, {"duplicate_of": 1})  # recognised as a copy: unlisted
    db["articles"].update(1, {"title": "New title", "published_local_date": "2026-01-02"})
    assert [r[0] for r in check(db)] == [1, 3]
    db["articles"].update(1, {"published_local_date": "2026-02-10"})  # re-dated: its counts move to February
    check(db)
    assert db.execute("select month, articles from entity_month_counts where entity_id = 2").fetchall() == [
        ("2026-02", 1)]
    db["articles"].update(1, {"text": "other words", "evidence": "[]"})  # not a listed column: the row stays
    db.execute("delete from article_entities where article_id = 1 and entity_id = 1")
    db.execute("delete from article_topics where article_id = 1")
    db.execute("insert or replace into articles (id, url, title, relevant, language) "
               "values (3, 'https://e.example/3', 'Replaced', 1, 'de')")
    db.execute("delete from articles where id = 1")
    rows = check(db)
    assert [(r[0], r[COLUMNS.index("title")]) for r in rows] == [(3, "Replaced")]


def test_migration_fills_the_table_from_an_older_database(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    for migration in MIGRATIONS[:MIGRATIONS.index(m018_listing_table)]:
        migration(db)
    seed(db)
    db["article_entities"].insert({"article_id": 2, "entity_id": 2, "mentions": 1})
    before = db.execute("select * from relevant_articles order by id").fetchall()  # still the view
    assert "relevant_articles" in db.view_names()
    m018_listing_table(db)
    assert table(db) == before and len(before) == 2
    assert "listed_articles" in db.table_names() and "relevant_articles" in db.view_names()


def test_a_takedown_in_the_snapshot_leaves_the_listing(tmp_path):
    db = sqlite_utils.Database(tmp_path / "work.db")
    migrate(db)
    seed(db)
    db["hidden_articles"].insert({"article_id": 2, "uid": "x"})
    db.close()
    snap = sqlite_utils.Database(publish_snapshot(tmp_path / "work.db", tmp_path / "tracker.db"))
    assert [r[0] for r in table(snap)] == [1]
    assert table(snap) == computed(snap)


def test_developments_keep_which_entities_they_name(db):
    """development_entity_counts (m019) follows a development's articles and their entities through every write."""
    seed(db)
    db["developments"].insert_all([{"id": 10, "title": "A", "updated": "2026-01-02"},
                                   {"id": 11, "title": "B", "updated": "2026-01-03"}])
    db["article_entities"].insert_all([{"article_id": 1, "entity_id": 1, "mentions": 3},
                                       {"article_id": 2, "entity_id": 1, "mentions": 1},
                                       {"article_id": 2, "entity_id": 2, "mentions": 1}])
    db["development_articles"].insert_all([{"article_id": 1, "development_id": 10},
                                           {"article_id": 2, "development_id": 11}])
    check(db)
    named = "select development_id, entity_id, articles from development_entity_counts order by 1, 2"
    assert db.execute(named).fetchall() == [(10, 1, 1), (11, 1, 1), (11, 2, 1)]
    db.execute("update development_articles set development_id = 10 where development_id = 11")  # a merge
    assert db.execute(named).fetchall() == [(10, 1, 2), (10, 2, 1)]
    db["article_entities"].insert({"article_id": 1, "entity_id": 3, "mentions": 1})  # re-tagged
    db.execute("update article_entities set entity_id = 3 where article_id = 2 and entity_id = 2")  # merged names
    db.execute("delete from article_entities where article_id = 1 and entity_id = 1")
    check(db)
    assert db.execute(named).fetchall() == [(10, 1, 1), (10, 3, 2)]
    db.execute("delete from development_articles where article_id = 2")  # a correction takes it out
    check(db)
    assert db.execute(named).fetchall() == [(10, 3, 1)]


def test_m019_counts_what_an_older_database_holds(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    for migration in MIGRATIONS[:MIGRATIONS.index(m019_development_entities)]:
        migration(db)
    seed(db)
    db["article_entities"].insert_all([{"article_id": 1, "entity_id": 1, "mentions": 1},
                                       {"article_id": 2, "entity_id": 1, "mentions": 1}])
    db["development_articles"].insert_all([{"article_id": 1, "development_id": 5},
                                           {"article_id": 2, "development_id": 5}])
    m019_development_entities(db)
    assert db.execute("select * from development_entity_counts").fetchall() == [(5, 1, 2)]
    check(db)
