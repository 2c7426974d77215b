"""Storage: migrations, and what happens to an article stored twice, changed, or copied."""

import pytest
import sqlite_utils

from pipeline.records import Article, EntityMention, TopicScore
from pipeline.store.articles import Store, known_urls
from pipeline.store.db import StorageError
from pipeline.store.schema import MIGRATIONS, migrate

TEXT = " ".join(f"word{i} appears in a sentence about licensing number {i}." for i in range(120))


def article(url="https://example.com/a", text=TEXT, **kw):
    defaults = dict(source="Example", title="Title", relevant=True, relevance=0.9, content_hash=str(hash(text)),
                    topics=[TopicScore("litigation", 0.8, ["lawsuit"])],
                    entities=[EntityMention("OpenAI", "ORG", 2, ["OpenAI", "OpenAI's"])])
    defaults.update(kw)
    return Article(url=url, text=text, fetched_url=url, **defaults)


def test_migrations_run_once_and_upgrade_an_older_database(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied": str}, pk="name")
    MIGRATIONS[0](old)  # a database from the first version: only m001 applied
    old["_migrations"].insert({"name": MIGRATIONS[0].__name__, "applied": "2026-01-01"})
    old.close()
    db = sqlite_utils.Database(path)
    applied = migrate(db)
    assert applied == [m.__name__ for m in MIGRATIONS[1:]]
    assert migrate(db) == []
    assert "raw_pages" in db.table_names()


def test_same_article_twice_is_stored_once(db):
    store = Store(db)
    assert store.store_articles([article()])["new"] == 1
    assert store.store_articles([article()])["unchanged"] == 1
    assert db["articles"].count == 1
    assert db["article_entities"].count == 1


def test_second_url_of_the_same_article_is_remembered(db):
    store = Store(db)
    first = article()
    store.store_articles([first])
    again = article(url="https://example.com/a")
    again.fetched_url = "https://example.com/a?page=amp"
    assert store.store_articles([again])["unchanged"] == 1
    assert known_urls(db, ["https://example.com/a?page=amp", "https://example.com/other"]) == {
        "https://example.com/a?page=amp"}


def test_changed_article_is_updated_in_place(db):
    store = Store(db)
    store.store_articles([article()])
    changed = article(text=TEXT + " A correction was added.", title="New title")
    assert store.store_articles([changed])["updated"] == 1
    rows = list(db["articles"].rows)
    assert len(rows) == 1 and rows[0]["title"] == "New title" and rows[0]["updated"]
    # The full-text index follows the update (trigger).
    hits = list(db.query("select rowid from articles_fts where articles_fts match 'correction'"))
    assert [h["rowid"] for h in hits] == [rows[0]["id"]]


def test_syndicated_copy_points_to_the_first(db):
    store = Store(db)
    store.store_articles([article()])
    copy = article(url="https://other.example/wire", text="WIRE SERVICE. " + TEXT, content_hash="other")
    assert store.store_articles([copy])["duplicate"] == 1
    rows = {r["url"]: r for r in db["articles"].rows}
    assert rows["https://other.example/wire"]["duplicate_of"] == rows["https://example.com/a"]["id"]


def test_near_duplicate_index_survives_a_new_run(db):
    Store(db).store_articles([article()])
    copy = article(url="https://other.example/wire", text=TEXT + " Reporting by agency.", content_hash="x")
    assert Store(db).store_articles([copy])["duplicate"] == 1


def test_irrelevant_article_is_stored_with_its_relevance_but_no_entities(db):
    store = Store(db)
    outcome = store.store_articles([article(relevant=False, relevance=0.1, entities=[], topics=[])])
    assert outcome["new"] == 1 and outcome["irrelevant"] == 1
    row = next(db["articles"].rows)
    assert row["relevant"] == 0 and row["relevance"] == 0.1
    # Kept for re-judging, but not searchable: the full-text index holds listed articles only.
    assert list(db.query("select rowid from articles_fts where articles_fts match 'licensing'")) == []


def test_a_failing_batch_writes_nothing(db):
    store = Store(db)
    good = article()
    bad = article(url="https://example.com/b", text="other " * 200, content_hash="b")
    bad.title = object()  # cannot be bound: the second article of the batch fails
    with pytest.raises(StorageError):
        store.store_articles([good, bad])
    assert db["articles"].count == 0
    assert db["article_urls"].count == 0


def test_near_duplicate_index_loads_only_recent_articles(db):
    Store(db).store_articles([article()])
    db.execute("update articles set fetched = '2020-01-01T00:00:00+00:00'")
    copy = article(url="https://other.example/wire", text=TEXT + " Reporting by agency.", content_hash="x")
    assert Store(db).store_articles([copy])["new"] == 1  # a years-old story is not what a copy echoes
