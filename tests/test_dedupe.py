"""Nothing stored twice: same URL, same article under two URLs, syndicated copies, changed articles."""

from __future__ import annotations

import random

from pipeline.records import Article
from pipeline.store.articles import Store
from pipeline.understand.extract import content_hash

WORDS = ("court judge authors copyright training model licence lawsuit publisher music label union replica "
         "voice contract settlement damages ruling appeal data crawler opt-out levy").split()


def text(seed: int, n: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def article(url: str, body: str, source: str = "A", fetched_url: str = "") -> Article:
    return Article(url=url, source=source, title=url, text=body, fetched_url=fetched_url or url,
                   content_hash=content_hash(body), word_count=len(body.split()))


def test_same_url_unchanged_then_updated_in_place(db):
    store = Store(db, archive_html=False)
    assert store.store_articles([article("https://a/1", text(1))])["new"] == 1
    assert store.store_articles([article("https://a/1", text(1))])["unchanged"] == 1
    assert store.store_articles([article("https://a/1", text(1) + " update: appeal filed")])["updated"] == 1
    rows = list(db.query("select text, updated from articles"))
    assert len(rows) == 1 and rows[0]["text"].endswith("appeal filed") and rows[0]["updated"]


def test_same_article_under_two_urls_stored_once(db):
    store = Store(db, archive_html=False)
    # tied by canonical
    store.store_articles([article("https://a/story", text(2), fetched_url="https://a/story?utm_source=x")])
    store.store_articles([article("https://a/story", text(2), fetched_url="https://a/amp/story")])
    # not tied by canonical, but the same text from the same source
    store.store_articles([article("https://a/print/story", text(2))])
    assert db.execute("select count(*) from articles").fetchone()[0] == 1
    assert db.execute("select count(*) from article_urls").fetchone()[0] == 4


def test_syndicated_copy_in_same_batch_and_across_runs(db):
    store = Store(db, archive_html=False)
    wire = text(3)
    copy = "AP — " + wire + " Distributed by the wire."
    store.store_articles([article("https://wire/a", wire, "Wire"), article("https://other/a", copy, "Other"),
                          article("https://third/b", text(4), "Other")])
    rows = {r["url"]: r for r in db.query("select id, url, duplicate_of from articles")}
    assert rows["https://other/a"]["duplicate_of"] == rows["https://wire/a"]["id"]
    assert rows["https://third/b"]["duplicate_of"] is None
    # a later run, with the index rebuilt from the database
    later = Store(db, archive_html=False)
    later.store_articles([article("https://fourth/a", wire + " Reporting by staff.", "Fourth")])
    assert list(db.query("select duplicate_of from articles where url = 'https://fourth/a'"))[0]["duplicate_of"] == \
        rows["https://wire/a"]["id"]
