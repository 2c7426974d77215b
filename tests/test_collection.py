"""Crawls of the collection fixture site (tests/sites/collection) with the real `tracker crawl`.

One module-scoped fixture runs two crawls against tests/fixture_server.py,
which logs every request: run 1 finds everything, then the site switches to
version 2 (one article changed, its sitemap lastmod moved on) and run 2
must answer from 304s and fetch only the changed article again.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pytest
import sqlite_utils

from tests.conftest import FAST, SITES, run_tracker, write_sources
from tests.fixture_server import FixtureServer

pytestmark = pytest.mark.slow  # runs the tracker or a server (tests/cost.py)

SITE = SITES / "collection"
PER_DOMAIN = 2
BACKOFF = 0.3
ENV = {**FAST, "TRACKER_PER_DOMAIN": str(PER_DOMAIN), "TRACKER_TIMEOUT": "2", "TRACKER_RETRY_BACKOFF": str(BACKOFF),
       "TRACKER_LISTING_PAGES": "3"}


@dataclass
class Crawl:
    fx: FixtureServer
    db: sqlite_utils.Database
    runs: list  # CompletedProcess of run 1 and run 2
    run2_started: float

    def article(self, path: str) -> dict:
        rows = list(self.db.query(
            "select a.*, s.name as source from article_urls u join articles a on a.id = u.article_id "
            "join sources s on s.id = a.source_id where u.url = ?", [self.fx.base_url + path]))
        assert rows, f"{path} was not stored"
        return rows[0]

    def stored(self, path: str) -> bool:
        return bool(list(self.db.query("select 1 from article_urls where url = ?", [self.fx.base_url + path])))

    def fetched(self, path: str, since: float = 0.0) -> int:
        return sum(1 for h in self.fx.log if h.path.split("?")[0] == path and h.started >= since)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("collection")
    # /slow/ answers long after TRACKER_TIMEOUT, even if the crawl's event loop is held up for a while
    with FixtureServer(SITE, slow_seconds=30.0, delay=0.02) as fx:
        sources = write_sources(SITE / "sources.yaml", fx.base_url, tmp / "sources.yaml")
        args = ("crawl", "--sources", str(sources), "--db", str(tmp / "tracker.db"), "--no-publish")
        first = run_tracker(*args, env=ENV, timeout=180)
        fx.version = 2
        time.sleep(1.1)  # lastmod of version 2 must be later than run 1's fetch time (second resolution)
        second_started = time.monotonic()
        second = run_tracker(*args, env=ENV, timeout=180)
        db = sqlite_utils.Database(tmp / "tracker.db")
        yield Crawl(fx, db, [first, second], second_started)
        db.close()


def test_runs_complete_despite_dead_sources(crawl):
    for run in crawl.runs:
        assert run.returncode == 0, run.stderr[-2000:]
    statuses = [r["status"] for r in crawl.db.query("select status from crawl_runs order by id")]
    assert statuses == ["completed", "completed"]


def test_500_404_and_timeout_are_recorded(crawl):
    errors = {(r["url"].removeprefix(crawl.fx.base_url), r["stage"]): r["message"]
              for r in crawl.db.query("select * from errors where run_id = 1")}
    assert errors[("/status/500/feed.xml", "feed")] == "HTTP 500"
    assert errors[("/status/404/feed.xml", "feed")] == "HTTP 404"
    assert errors[("/slow/feed.xml", "feed")].startswith("timed out")
    assert errors[("/status/500/listing.html", "listing")] == "HTTP 500"
    feeds = {r["url"].removeprefix(crawl.fx.base_url): r for r in crawl.db.query("select * from feeds")}
    for url in ("/status/500/feed.xml", "/status/404/feed.xml", "/slow/feed.xml"):
        assert feeds[url]["consecutive_failures"] == 1 and feeds[url]["next_attempt"], url
        assert crawl.fetched(url, since=crawl.run2_started) == 0, f"{url} asked again before its back-off ended"


def test_5xx_and_timeouts_are_retried_with_backoff(crawl):
    hits = [h for h in crawl.fx.hits("/status/500/feed.xml")]
    assert len(hits) == 3  # first try + RETRY_TIMES=2
    gaps = [b.started - a.at for a, b in zip(hits, hits[1:], strict=False)]
    assert gaps[0] >= BACKOFF * 0.9 and gaps[1] >= 2 * BACKOFF * 0.9, gaps
    assert len(crawl.fx.hits("/slow/feed.xml")) == 3
    assert len(crawl.fx.hits("/status/404/feed.xml")) == 1  # a 404 is not retried


def test_per_domain_concurrency_is_respected(crawl):
    # Requests the crawler gave up on (timeouts) keep the server busy after the crawler moved on.
    assert 1 <= crawl.fx.max_overlap(exclude=("/slow/",)) <= PER_DOMAIN


def test_second_run_answers_from_304_and_refetches_no_article(crawl):
    runs = list(crawl.db.query("select * from crawl_runs order by id"))
    feeds_ok = 7  # six feeds of Feed Source and the discovered one of Homepage Only
    assert runs[0]["feeds_fetched"] == feeds_ok and runs[0]["feeds_not_modified"] == 0
    assert runs[1]["feeds_not_modified"] == feeds_ok and runs[1]["feeds_fetched"] == 0
    sent = [h.headers.get("if-none-match") for h in crawl.fx.hits("/feeds/rss2.xml")]
    assert len(sent) == 2
    assert sent[0] is None and sent[1]
    stored = [r["url"] for r in crawl.db.query("select url from article_urls")]
    refetched = {h.path for h in crawl.fx.log if h.started >= crawl.run2_started
                 and crawl.fx.base_url + h.path.split("?")[0] in stored}
    assert refetched == {"/wire/changing.html"}


def test_changed_article_is_updated_in_place(crawl):
    row = crawl.article("/wire/changing.html")
    assert "agreement in principle" in row["text"]
    assert row["updated"]
    assert crawl.db.execute("select count(*) from articles where title like 'Settlement talks%'").fetchone()[0] == 1
    assert list(crawl.db.query("select articles_updated from crawl_runs where id = 2"))[0]["articles_updated"] == 1


def test_robots_disallowed_article_is_never_fetched(crawl):
    assert crawl.fetched("/private/secret.html") == 0
    assert not crawl.stored("/private/secret.html")  # not even from the feed's own content
    assert crawl.fetched("/robots.txt") >= 1


def test_same_article_under_several_urls_is_stored_once(crawl):
    ids = {crawl.article(p)["id"] for p in ("/syn/story.html", "/syn/section-b/story.html", "/syn/print/story.html")}
    assert len(ids) == 1
    titles = crawl.db.execute("select count(*) from articles where title like 'Publishers test a collective%'")
    assert titles.fetchone()[0] == 1
    # utm_* was stripped before fetching: one request for the feed link with tracking parameters
    assert crawl.fetched("/news/2025/03/14/jsonld-date.html") == 1
    assert crawl.article("/news/2025/03/14/jsonld-date.html")["url"].endswith("/news/2025/03/14/jsonld-date.html")


def test_syndicated_copy_points_to_the_first(crawl):
    wire, copy = crawl.article("/wire/ai-training-story.html"), crawl.article("/syn/copy-of-wire.html")
    assert wire["id"] != copy["id"]
    first, second = sorted([wire, copy], key=lambda r: r["id"])
    assert first["duplicate_of"] is None and second["duplicate_of"] == first["id"]


@pytest.mark.parametrize("path, published, how", [
    ("/news/2025/03/14/jsonld-date.html", "2025-03-14T13:30:00+00:00", "json-ld"),
    ("/news/og-date.html", "2025-06-02T16:00:00+00:00", "meta"),
    ("/news/en-byline.html", "2025-03-14T00:00:00+00:00", "byline"),
    ("/wire/de-byline.html", "2026-01-23T13:05:00+00:00", "byline"),
    ("/news/2025/11/20/url-date.html", "2025-11-20T00:00:00+00:00", "url"),
    ("/wire/no-date.html", "2026-02-20T20:45:00+00:00", "sitemap"),
])
def test_dates_in_every_form_are_utc_iso(crawl, path, published, how):
    row = crawl.article(path)
    assert (row["published"], row["published_from"]) == (published, how)


def test_authors_and_paywall(crawl):
    assert json.loads(crawl.article("/news/2025/03/14/jsonld-date.html")["authors"]) == ["Jane Doe", "Max Mustermann"]
    assert json.loads(crawl.article("/news/og-date.html")["authors"]) == ["Alex Smith", "Sam Lee"]
    assert json.loads(crawl.article("/news/en-byline.html")["authors"]) == ["Chris Roe"]
    assert crawl.article("/news/teaser.html")["paywalled"] == 1
    assert crawl.article("/news/en-byline.html")["paywalled"] == 0


def test_sitemap_index_gzip_news_and_horizon(crawl):
    for path in ("/wire/ai-training-story.html", "/wire/de-byline.html", "/wire/changing.html"):
        assert crawl.article(path)["source"] == "Wire Outlet"
    assert crawl.fetched("/wire/sitemap-1.xml.gz") >= 1
    assert crawl.fetched("/wire/old-story.html") == 0  # older than `since: 3650d`
    assert crawl.fetched("/wire/sitemap-2001.xml") == 0


def test_listing_pagination_depth_and_non_articles(crawl):
    assert crawl.stored("/syn/deep-article.html")  # found on page 3
    assert crawl.fetched("/syn/page/4.html") == 0 and crawl.fetched("/syn/too-deep.html") == 0
    for path in ("/syn/tag/ai.html", "/syn/author/jane.html", "/syn/video/ai-explainer.html"):
        assert crawl.fetched(path) == 0, f"{path} should be skipped by its URL"
    for path in ("/syn/pictures-of-the-week.html", "/syn/clip.html"):
        assert crawl.fetched(path) >= 1 and not crawl.stored(path), f"{path} should be told apart by content"


def test_homepage_only_source_discovers_feed_and_sitemap(crawl):
    assert crawl.article("/home/artikel-1.html")["source"] == "Homepage Only"  # from <link rel=alternate>
    assert crawl.article("/home/artikel-2.html")["source"] == "Homepage Only"  # from robots.txt Sitemap:


def test_encodings(crawl):
    page = crawl.article("/news/cp1252.html")  # windows-1252, no charset anywhere
    assert page["title"] == "Café owners and the “AI levy” – a report"
    assert "„Das ist ein Café – kein Rechenzentrum“" in page["text"]
    latin = crawl.article("/status/403/feed-only.html")  # ISO-8859-1 feed; the page refuses (403, not gone)
    assert latin["title"] == "Urheberrecht für KI-Training"
    assert "Ärztin und Übersetzerin" in latin["text"]


def test_decompression_bombs_refused_good_bodies_decoded(crawl):
    messages = {r["url"].removeprefix(crawl.fx.base_url): r["message"]
                for r in crawl.db.query("select url, message from errors where run_id = 1")}
    for kind in ("gzip", "br", "zstd", "deflate"):
        assert "DOWNLOAD_MAXSIZE" in messages[f"/bomb/{kind}.html"], kind
        assert not crawl.stored(f"/bomb/{kind}.html")
    assert crawl.stored("/bomb/good-br.html") and crawl.stored("/bomb/good-zstd.html")


def test_sitemaps_are_asked_conditionally_on_the_next_run_but_not_their_index(crawl):
    """Like feeds, a sitemap's ETag is kept and sent again, so an unchanged one is a 304; an index is read in
    full every time, since its children can change while it stays the same."""
    sitemap = [h.headers.get("if-none-match") for h in crawl.fx.hits("/wire/news-sitemap.xml")]
    index = [h.headers.get("if-none-match") for h in crawl.fx.hits("/wire/sitemap_index.xml")]
    assert len(sitemap) == 2 and sitemap[0] is None and sitemap[1]
    assert index == [None, None]
    kinds = {r["url"].rsplit("/", 1)[-1]: r["kind"] for r in crawl.db.query("select url, kind from feeds")}
    assert kinds["news-sitemap.xml"] == "sitemap" and "sitemap_index.xml" not in kinds
