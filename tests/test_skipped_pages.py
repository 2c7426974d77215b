"""A rerun does not fetch again what it already judged; a feed entry that changed is fetched again.

One module-scoped fixture runs three crawls of tests/sites/skipped with the
real `tracker crawl`, against tests/fixture_server.py (which logs every
request). Run 1 meets a listing with an article, a gallery (not an article),
a blank page (no text) and a link robots.txt forbids, and a feed with two
entries. Then the site switches to version 2: the feed entry /feed/edited.html
gets a later <updated> and new text, and the gallery becomes a full article.
Run 2 must ask for none of the skipped pages, and must refetch the edited
entry only. Run 3, with TRACKER_SKIP_RETRY_DAYS=0, tries the content skips
again (the former gallery is then stored), but not the robots.txt refusal,
whose own horizon (7 days) is not over. The articles are about gardening:
not relevant, so no crawl here loads the NER model.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils

from pipeline.collect.feeds import edited_after_publication, edited_entries, parse_feed
from pipeline.collect.skipped import (
    NO_TEXT,
    NOT_ARTICLE,
    ROBOTS,
    RetryHorizon,
    recently_skipped,
    remember_skipped,
    remember_skipped_page,
)
from pipeline.records import Article, FeedEntry, Page
from pipeline.store.articles import Store, stored_fetch_times
from pipeline.store.db import open_db
from pipeline.store.schema import MIGRATIONS, migrate
from tests.conftest import FAST, SITES, run_tracker, write_sources
from tests.fixture_server import FixtureServer

SITE = SITES / "skipped"
ENV = {**FAST, "TRACKER_NER_WORKERS": "0", "TRACKER_TIMEOUT": "5"}
GALLERY, BLANK, FORBIDDEN = "/list/pictures-of-the-week.html", "/list/blank.html", "/private/members-only.html"


@dataclass
class Crawls:
    fx: FixtureServer
    db: sqlite_utils.Database
    runs: list  # CompletedProcess of runs 1, 2 and 3
    starts: list  # time.monotonic() when each run started, then infinity
    after: list  # skipped_pages after each run: {url: row}

    def hits(self, path: str, run: int) -> int:
        start, end = self.starts[run - 1], self.starts[run]
        return sum(1 for h in self.fx.log if h.path.split("?")[0] == path and start <= h.started < end)

    def url(self, path: str) -> str:
        return self.fx.base_url + path

    def skipped(self, path: str, run: int = 3) -> dict | None:
        return self.after[run - 1].get(self.url(path))

    def errors(self, path: str, run: int) -> list[dict]:
        return list(self.db.query("select * from errors where url = ? and run_id = ?", [self.url(path), run]))

    def stored(self, path: str) -> list[dict]:
        return list(self.db.query("select a.* from article_urls u join articles a on a.id = u.article_id "
                                  "where u.url = ?", [self.url(path)]))


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("skipped")
    with FixtureServer(SITE) as fx:
        sources = write_sources(SITE / "sources.yaml", fx.base_url, tmp / "sources.yaml")
        args = ("crawl", "--sources", str(sources), "--db", str(tmp / "tracker.db"), "--no-publish")
        runs, starts, after = [], [], []
        for env in (ENV, ENV, {**ENV, "TRACKER_SKIP_RETRY_DAYS": "0"}):
            if runs:
                fx.version = 2
                time.sleep(1.1)  # the feed's new <updated> (__NOW__) must be later than run 1's fetch, to the second
            starts.append(time.monotonic())
            runs.append(run_tracker(*args, env=env, timeout=180))
            with sqlite_utils.Database(tmp / "tracker.db") as db:
                after.append({row["url"]: row for row in db["skipped_pages"].rows})
        starts.append(float("inf"))
        db = sqlite_utils.Database(tmp / "tracker.db")
        yield Crawls(fx, db, runs, starts, after)
        db.close()


@pytest.mark.slow
def test_runs_complete(crawls):
    for run in crawls.runs:
        assert run.returncode == 0, run.stderr[-2000:]


@pytest.mark.slow
def test_first_run_fetches_and_records_what_it_skips(crawls):
    assert crawls.hits(GALLERY, 1) == 1 and crawls.hits(BLANK, 1) == 1
    assert crawls.hits(FORBIDDEN, 1) == 0  # robots.txt: refused inside the crawler, never sent
    assert crawls.stored("/list/spring-planting.html")
    reasons = {path: (crawls.skipped(path, 1) or {}).get("reason") for path in (GALLERY, BLANK, FORBIDDEN)}
    assert reasons == {GALLERY: NOT_ARTICLE, BLANK: NO_TEXT, FORBIDDEN: ROBOTS}
    # Errors are recorded as before, the first time.
    assert [e["stage"] for e in crawls.errors(BLANK, 1)] == ["extract"]
    # A robots.txt refusal is a skip, not an error: the reason is kept with the skipped page.
    assert not crawls.errors(FORBIDDEN, 1)
    detail = crawls.skipped(FORBIDDEN, 1)["detail"]
    assert detail.startswith("refused:") and "robots.txt" in detail
    assert not crawls.errors(GALLERY, 1)  # not an article is not an error


@pytest.mark.slow
def test_second_run_asks_for_no_page_it_skipped(crawls):
    assert crawls.hits("/list/", 2) == 1  # the listing itself was read again
    for path in (GALLERY, BLANK, FORBIDDEN, "/list/spring-planting.html"):
        assert crawls.hits(path, 2) == 0, path
        assert not crawls.errors(path, 2), path
    assert crawls.skipped(GALLERY, 2)["times"] == 1
    assert "3 pages skipped on earlier runs not fetched" in crawls.runs[1].stdout


@pytest.mark.slow
def test_content_skips_are_tried_again_after_their_horizon(crawls):
    assert crawls.hits(GALLERY, 3) == 1 and crawls.hits(BLANK, 3) == 1
    # The gallery has become an article: it is stored, and no longer in skipped_pages.
    assert len(crawls.stored(GALLERY)) == 1
    assert crawls.skipped(GALLERY) is None
    blank = crawls.skipped(BLANK)
    assert blank["times"] == 2 and blank["last_seen"] > blank["first_seen"]
    # robots.txt has its own horizon (TRACKER_ROBOTS_RETRY_DAYS, 7 days): still left out.
    assert crawls.hits(FORBIDDEN, 3) == 0 and not crawls.errors(FORBIDDEN, 3)
    assert crawls.skipped(FORBIDDEN)["times"] == 1


@pytest.mark.slow
def test_feed_entry_updated_later_is_refetched_and_updated_in_place(crawls):
    assert crawls.hits("/feed/edited.html", 1) == 1 and crawls.hits("/feed/steady.html", 1) == 1
    assert crawls.hits("/feed/edited.html", 2) == 1
    assert crawls.hits("/feed/steady.html", 2) == 0  # updated == published: not an edit
    rows = crawls.stored("/feed/edited.html")
    assert len(rows) == 1
    assert "second tap" in rows[0]["text"] and rows[0]["updated"]
    assert crawls.db.execute("select count(*) from articles where title like 'Water tap repaired%'").fetchone()[0] == 1
    assert crawls.db.execute("select articles_updated from crawl_runs where id = 2").fetchone()[0] == 1


# --- the storage functions, on a real SQLite file --------------------------------------------------

@pytest.fixture
def filedb(tmp_path):
    database = open_db(tmp_path / "tracker.db")
    yield database
    database.close()


def iso(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat()


def store(db, url: str) -> None:
    text = " ".join(f"Sentence {i} about the allotment and its water tap." for i in range(60))
    Store(db).store_articles([Article(url=url, fetched_url=url, source="Example", title="T", text=text,
                                      content_hash=str(hash(text)), fetched=iso(datetime.now(UTC)))])


def test_remember_counts_again_under_the_normalized_url(filedb):
    assert remember_skipped(filedb, "https://example.com/gallery?utm_source=rss#top", "Example", NOT_ARTICLE, "og:type")
    assert remember_skipped(filedb, "https://example.com/gallery", "Example", NO_TEXT, "empty page")
    rows = list(filedb["skipped_pages"].rows)
    assert len(rows) == 1
    row = rows[0]
    assert row["url"] == "https://example.com/gallery"
    assert (row["reason"], row["detail"], row["times"], row["source"]) == (NO_TEXT, "empty page", 2, "Example")
    assert row["first_seen"] <= row["last_seen"]
    with pytest.raises(ValueError):
        remember_skipped(filedb, "https://example.com/x", "Example", "boring")


def test_a_page_made_from_feed_content_is_not_remembered(filedb):
    # Its URL failed for another reason (timeout, 404): that must not keep it away for a month.
    page = Page(url="https://example.com/a", body=b"", source="Example", via="feed-content", status=0)
    assert not remember_skipped_page(filedb, page, NO_TEXT, "no main text found")
    page.via = "listing"
    assert remember_skipped_page(filedb, page, NO_TEXT, "no main text found")
    assert [r["url"] for r in filedb["skipped_pages"].rows] == ["https://example.com/a"]


def test_each_reason_has_its_horizon(filedb):
    now = datetime.now(UTC)
    rows = [("https://example.com/old-gallery", NOT_ARTICLE, now - timedelta(days=40)),
            ("https://example.com/gallery", NOT_ARTICLE, now - timedelta(days=10)),
            ("https://example.com/robots-old", ROBOTS, now - timedelta(days=10)),
            ("https://example.com/robots", ROBOTS, now - timedelta(days=1))]
    for url, reason, seen in rows:
        filedb["skipped_pages"].insert({"url": url, "source": "Example", "reason": reason, "detail": "",
                                        "first_seen": iso(seen), "last_seen": iso(seen), "times": 1})
    urls = [r[0] for r in rows] + ["https://example.com/never-seen"]
    assert recently_skipped(filedb, urls, RetryHorizon()) == {
        "https://example.com/gallery": NOT_ARTICLE, "https://example.com/robots": ROBOTS}
    assert recently_skipped(filedb, urls, RetryHorizon(content_days=0)) == {"https://example.com/robots": ROBOTS}
    assert recently_skipped(filedb, urls, RetryHorizon(content_days=60, robots_days=0)) == {
        "https://example.com/old-gallery": NOT_ARTICLE, "https://example.com/gallery": NOT_ARTICLE}
    # A sitemap or feed saying the page changed since it was skipped: a changed page may be an article now.
    changed = {"https://example.com/gallery": iso(now), "https://example.com/robots": iso(now)}
    assert recently_skipped(filedb, urls, RetryHorizon(), changed_since=changed) == {"https://example.com/robots": ROBOTS}
    older = {"https://example.com/gallery": iso(now - timedelta(days=20))}
    assert "https://example.com/gallery" in recently_skipped(filedb, urls, RetryHorizon(), changed_since=older)


def test_a_stored_article_is_never_a_skipped_page(filedb):
    url = "https://example.com/story"
    assert remember_skipped(filedb, url, "Example", NOT_ARTICLE)
    store(filedb, url)  # tried again after the horizon, and an article now
    assert filedb["skipped_pages"].count == 0  # removed in the transaction that stored it
    # A stored article refetched (its sitemap said it changed) and now without text stays stored and unskipped.
    assert not remember_skipped(filedb, url, "Example", NO_TEXT, "empty page")
    assert filedb["skipped_pages"].count == 0
    # Even a row that got in by other means does not hide a stored article.
    filedb.execute("insert into skipped_pages (url, reason, last_seen, times) values (?, ?, ?, 1)",
                   [url, NO_TEXT, iso(datetime.now(UTC))])
    assert recently_skipped(filedb, [url], RetryHorizon()) == {}


def test_stored_fetch_time_is_the_later_of_fetched_and_updated(filedb):
    url = "https://example.com/story"
    store(filedb, url)
    # Updated in place on 1 February, fetched again unchanged on 1 March: a sitemap or feed saying
    # "changed 15 February" must not refetch it on every run.
    filedb.execute("update articles set updated = '2026-02-01T00:00:00+00:00', fetched = '2026-03-01T00:00:00+00:00'")
    assert stored_fetch_times(filedb, [url]) == {url: "2026-03-01T00:00:00+00:00"}
    filedb.execute("update articles set updated = null")
    assert stored_fetch_times(filedb, [url]) == {url: "2026-03-01T00:00:00+00:00"}


def test_a_write_that_fails_is_logged_not_raised(tmp_path):
    open_db(tmp_path / "tracker.db").close()
    readonly = open_db(tmp_path / "tracker.db", readonly=True)
    try:
        assert remember_skipped(readonly, "https://example.com/x", "Example", NOT_ARTICLE) is False
    finally:
        readonly.close()


def test_migration_adds_the_table_to_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied": str}, pk="name")
    before = [m for m in MIGRATIONS if m.__name__ < "m007"]
    for migration in before:
        migration(old)
        old["_migrations"].insert({"name": migration.__name__, "applied": "2026-01-01"})
    old.close()
    db = sqlite_utils.Database(path)
    try:
        assert migrate(db)[0] == "m007_skipped_pages"
        assert {c.name for c in db["skipped_pages"].columns} == {
            "url", "source", "reason", "detail", "first_seen", "last_seen", "times"}
        assert db["skipped_pages"].pks == ["url"]
        with pytest.raises(sqlite3.IntegrityError):  # reason and last_seen are required
            db.execute("insert into skipped_pages (url) values ('https://example.com/x')")
    finally:
        db.close()


# --- feed entries: published and updated -----------------------------------------------------------

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2025-04-02T09:00:00Z</updated>
<entry><title>Edited</title><id>urn:1</id><link href="/a.html"/>
  <published>2025-04-01T11:00:00+02:00</published><updated>2025-04-03T09:00:00Z</updated></entry>
<entry><title>Same</title><id>urn:2</id><link href="/b.html"/>
  <published>2025-04-02T09:00:00Z</published><updated>2025-04-02T09:00:00Z</updated></entry>
<entry><title>Only updated</title><id>urn:3</id><link href="/c.html"/><updated>2025-04-02T09:00:00Z</updated></entry>
</feed>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.com/</link>
<item><title>A</title><link>https://example.com/d.html</link><pubDate>Wed, 02 Apr 2025 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_feed_entries_carry_their_updated_time_in_utc():
    a, b, c = parse_feed(ATOM, "https://example.com/feed.xml").entries
    assert (a.published, a.updated) == ("2025-04-01T09:00:00+00:00", "2025-04-03T09:00:00+00:00")
    assert b.updated == b.published == "2025-04-02T09:00:00+00:00"
    assert c.published == c.updated == "2025-04-02T09:00:00+00:00"  # Atom's <updated> stands in for both
    (d,) = parse_feed(RSS, "https://example.com/rss.xml").entries
    assert d.published == "2025-04-02T09:00:00+00:00" and d.updated is None  # not a copy of pubDate


def test_only_an_edit_after_publication_counts():
    now = datetime(2025, 5, 1, tzinfo=UTC)
    entry = FeedEntry(url="https://example.com/a", published="2025-04-01T09:00:00+00:00")
    assert edited_after_publication(entry, now) is None
    entry.updated = entry.published
    assert edited_after_publication(entry, now) is None
    entry.updated = "2025-04-03T09:00:00+00:00"
    assert edited_after_publication(entry, now) == "2025-04-03T09:00:00+00:00"
    entry.published = None
    assert edited_after_publication(entry, now) == "2025-04-03T09:00:00+00:00"
    # A date in the future (a broken feed clock) would refetch the page on every run until then.
    entry.updated = "2025-06-01T00:00:00+00:00"
    assert edited_after_publication(entry, now) is None


def test_a_feed_build_time_stamped_on_every_entry_is_not_an_edit():
    now = datetime(2025, 5, 1, tzinfo=UTC)
    stamp = "2025-04-30T12:00:00+00:00"

    def entry(url, published, updated):
        return FeedEntry(url=url, published=published, updated=updated)

    c = "2025-04-20T08:00:00+00:00"
    entries = {e.url: e for e in (entry("https://example.com/a", "2025-04-01T09:00:00+00:00", stamp),
                                  entry("https://example.com/b", "2025-04-02T09:00:00+00:00", stamp),
                                  entry("https://example.com/c", "2025-04-03T09:00:00+00:00", c),
                                  entry("https://example.com/d", "2025-04-04T09:00:00+00:00", "2025-04-04T09:00:00+00:00"))}
    assert edited_entries(entries, now) == {"https://example.com/c": c}
    del entries["https://example.com/b"]  # one entry with that time: a real edit
    assert edited_entries(entries, now) == {"https://example.com/a": stamp, "https://example.com/c": c}
