"""The spider callbacks on saved pages, without a crawl: no network, no reactor, no subprocess.

As in city-scrapers, a saved body (the collection fixture site in tests/sites/collection, with
__BASE__ filled in) is wrapped as a Scrapy response to the Request the spider yielded, and that
request's own callback is called with its cb_kwargs. What the callback yields (requests and their
callbacks, FeedStatus, FetchError, Page) is what the crawl would schedule or store. The crawl of the
same site, through Scrapy's engine, is tests/test_collection.py.
"""

from __future__ import annotations

import asyncio
import gzip
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, JsonResponse, Request, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawlers.spiders.collect import CollectSpider
from pipeline.collect.sources import parse_sources
from pipeline.records import FeedStatus, FetchError, Page
from tests.conftest import ROOT, assert_one_line_error

SITE = Path(__file__).resolve().parent / "sites" / "collection"
BASE = "https://news.example"

SOURCES = parse_sources({"sources": [
    {"name": "Feed Source", "feeds": [f"{BASE}/feeds/rss2.xml", f"{BASE}/feeds/atom.xml"]},
    {"name": "Wire Outlet", "sitemaps": [f"{BASE}/wire/sitemap_index.xml"], "since": "3650d"},
    {"name": "The Syndicator", "listings": [f"{BASE}/syn/"]},
    {"name": "Homepage Only", "homepage": f"{BASE}/home/"},
]})
FEED, WIRE, SYN, HOME = SOURCES


def saved(path: str) -> bytes:
    """A page of the fixture site as the server would send it."""
    text = (SITE / path).read_text(encoding="utf-8")
    return text.replace("__BASE__", BASE).replace("__NOW__", datetime.now(UTC).date().isoformat()).encode()


def make_spider(ingest=None, **settings) -> CollectSpider:
    crawler = get_crawler(CollectSpider, settings)
    return CollectSpider.from_crawler(crawler, sources=SOURCES, ingest=ingest)


@pytest.fixture
def spider():
    return make_spider()


def follow(request: Request, body: bytes, response_class=HtmlResponse, status: int = 200, headers=None) -> list:
    """The response `body` to `request`, handed to the request's callback; what the callback yields."""
    response = response_class(url=request.url, body=body, status=status, headers=headers, request=request)
    return list(request.callback(response, **request.cb_kwargs) or [])


def fail(request: Request, exc: Exception) -> list:
    """`request` failed with `exc`; what its errback yields."""
    failure = Failure(exc)
    failure.request = request
    return list(request.errback(failure) or [])


def stat(spider, key: str):
    return spider.crawler.stats.get_value(f"tracker/{key}")


def first_requests(spider) -> list[Request]:
    async def collect():
        return [request async for request in spider.start()]
    return asyncio.run(collect())


def only(items, kind):
    return [item for item in items if isinstance(item, kind)]


def test_a_run_starts_with_every_configured_url_and_the_homepage_of_homepage_only_sources(spider):
    requests = {r.url: r for r in first_requests(spider)}
    assert set(requests) == {f"{BASE}/feeds/rss2.xml", f"{BASE}/feeds/atom.xml", f"{BASE}/wire/sitemap_index.xml",
                             f"{BASE}/syn/", f"{BASE}/home/"}
    assert requests[f"{BASE}/feeds/atom.xml"].callback == spider.parse_feed
    assert requests[f"{BASE}/wire/sitemap_index.xml"].callback == spider.parse_sitemap
    assert requests[f"{BASE}/syn/"].callback == spider.parse_listing
    assert requests[f"{BASE}/home/"].callback == spider.parse_homepage
    # Without a database there is no stored state: no conditional GET.
    assert "If-None-Match" not in requests[f"{BASE}/feeds/rss2.xml"].headers


def test_a_feed_yields_its_status_and_one_request_per_entry_without_tracking_parameters(spider):
    feed_request = next(r for r in first_requests(spider) if r.url.endswith("rss2.xml"))
    items = follow(feed_request, saved("feeds/rss2.xml"), XmlResponse, headers={"ETag": '"v1"'})
    (status,) = only(items, FeedStatus)
    assert (status.url, status.source, status.status, status.entries, status.etag) == (
        feed_request.url, "Feed Source", 200, 4, '"v1"')
    articles = only(items, Request)
    assert [r.url for r in articles] == [f"{BASE}/news/2025/03/14/jsonld-date.html", f"{BASE}/news/og-date.html",
                                         f"{BASE}/news/teaser.html", f"{BASE}/private/secret.html"]
    assert all(r.callback == spider.parse_feed_article for r in articles)
    assert articles[0].cb_kwargs["entry"].title == "JSON-LD dated"
    assert stat(spider, "feeds_fetched") == 1

    (page,) = follow(articles[2], saved("news/teaser.html"))
    assert isinstance(page, Page)
    assert (page.url, page.source, page.via, page.entry.title) == (f"{BASE}/news/teaser.html", "Feed Source",
                                                                   "feed", "Teaser")
    assert page.body == saved("news/teaser.html")


def test_an_atom_feed_resolves_relative_links_against_the_feed(spider):
    feed_request = next(r for r in first_requests(spider) if r.url.endswith("atom.xml"))
    urls = [r.url for r in only(follow(feed_request, saved("feeds/atom.xml"), XmlResponse), Request)]
    assert urls == [f"{BASE}/news/en-byline.html", f"{BASE}/news/2025/11/20/url-date.html",
                    f"{BASE}/news/from-atom.html"]


@pytest.mark.parametrize("status, body, error", [
    (304, b"", None),
    (500, b"oops", "HTTP 500"),
    (200, b"<!doctype html><html><body><p>Moved to our new site<br></body></html>", "not a feed"),
])
def test_a_feed_that_is_not_modified_failing_or_not_a_feed_yields_no_article_request(spider, status, body, error):
    feed_request = next(iter(spider.feed_requests("Feed Source", [f"{BASE}/feeds/rss2.xml"])))
    items = follow(feed_request, body, TextResponse, status=status, headers={"Content-Type": "text/html"})
    assert not only(items, Request)
    (feed_status,) = only(items, FeedStatus)
    assert feed_status.status == status
    if error is None:
        assert feed_status.error is None and not only(items, FetchError)
        assert stat(spider, "feeds_not_modified") == 1
    else:
        assert error in feed_status.error
        (fetch_error,) = only(items, FetchError)
        assert (fetch_error.stage, fetch_error.source) == ("feed", "Feed Source") and error in fetch_error.message
        assert stat(spider, "feeds_failed") == 1


def test_a_feed_that_cannot_be_reached_is_recorded_with_the_reason(spider):
    feed_request = next(iter(spider.feed_requests("Feed Source", [f"{BASE}/feeds/rss2.xml"])))
    feed_status, error = fail(feed_request, DNSLookupError("news.example"))
    assert (feed_status.status, feed_status.error) == (0, "DNS lookup failed")
    assert (error.stage, error.message, error.url) == ("feed", "DNS lookup failed", feed_request.url)


def test_an_unreachable_feed_article_is_kept_from_the_feed_text_unless_robots_txt_forbids_it(spider):
    feed_request = next(r for r in first_requests(spider) if r.url.endswith("rss2.xml"))
    secret = next(r for r in follow(feed_request, saved("feeds/rss2.xml"), XmlResponse)
                  if isinstance(r, Request) and r.url.endswith("secret.html"))

    error, page = fail(secret, DNSLookupError("news.example"))
    assert (error.stage, error.url) == ("article", secret.url)
    assert page.via == "feed-content" and b"digital replica" in page.body and b"<title>Secret</title>" in page.body

    # robots.txt: nothing stored by other means, and no error either: a skip, counted.
    refused = fail(secret, IgnoreRequest("Forbidden by robots.txt"))
    assert refused == []
    assert stat(spider, "pages_robots_refused") == 1


def test_a_sitemap_index_is_followed_to_fresh_sitemaps_and_a_news_sitemap_to_fresh_articles(spider):
    index_request = next(r for r in first_requests(spider) if r.url.endswith("sitemap_index.xml"))
    children = follow(index_request, saved("wire/sitemap_index.xml"), XmlResponse)
    # The 2001 sitemap is older than the source's 3650-day horizon.
    assert [r.url for r in children] == [f"{BASE}/wire/sitemap-1.xml.gz", f"{BASE}/wire/news-sitemap.xml"]
    assert all(r.callback == spider.parse_sitemap and r.cb_kwargs["depth"] == 1 for r in children)

    *articles, answered = follow(children[1], saved("wire/news-sitemap.xml"), XmlResponse)
    assert [r.url for r in articles] == [f"{BASE}/wire/changing.html", f"{BASE}/wire/no-date.html"]
    assert (answered.kind, answered.status, answered.entries) == ("sitemap", 200, 3)  # last: saved after them
    assert stat(spider, "sitemap_entries_too_old") == 1
    hint = articles[0].cb_kwargs["entry"]  # the news sitemap's title and date travel with the request
    assert (hint.title, hint.published) == ("Settlement talks", "2026-03-01T07:00:00+00:00")

    (page,) = follow(articles[0], saved("wire/changing.html"))
    assert (page.source, page.via, page.entry.title) == ("Wire Outlet", "sitemap", "Settlement talks")


def test_a_gzipped_sitemap_is_read_and_a_broken_one_is_an_error(spider):
    request = next(iter(spider.sitemap_requests(WIRE, [f"{BASE}/wire/sitemap-1.xml.gz"], depth=1)))
    urls = [r.url for r in follow(request, gzip.compress(saved("wire/sitemap-1.xml")), XmlResponse)]
    assert urls and all(url.startswith(f"{BASE}/wire/") for url in urls)

    (error,) = follow(request, b"\x1f\x8b\x08" + b"gzip magic, then no gzip at all", XmlResponse)
    assert isinstance(error, FetchError) and error.stage == "sitemap" and "gzip" in error.message


def test_a_sitemap_index_nested_too_deep_is_not_followed(spider):
    request = next(iter(spider.sitemap_requests(WIRE, [f"{BASE}/wire/sitemap_index.xml"], depth=3)))
    (error,) = follow(request, saved("wire/sitemap_index.xml"), XmlResponse)
    assert isinstance(error, FetchError) and "nested too deep" in error.message


def test_robots_txt_as_a_sitemap_entry_point_gives_its_sitemaps(spider):
    request = next(iter(spider.sitemap_requests(WIRE, [f"{BASE}/robots.txt"])))
    (sitemap,) = follow(request, saved("robots.txt"), TextResponse)
    assert sitemap.url == f"{BASE}/home/sitemap.xml" and sitemap.callback == spider.parse_sitemap


def test_a_listing_follows_article_links_and_the_next_page_but_not_chrome_or_tag_pages(spider):
    listing = next(r for r in first_requests(spider) if r.url == f"{BASE}/syn/")
    *items, answered = follow(listing, saved("syn/index.html"))
    assert (answered.kind, answered.url) == ("listing", f"{BASE}/syn/")  # last: saved after what it led to
    articles = [r for r in items if r.callback == spider.parse_listing_article]
    urls = [r.url for r in articles]
    assert f"{BASE}/syn/story.html" in urls  # ?utm_campaign=list dropped
    assert f"{BASE}/syn/copy-of-wire.html" in urls
    assert not [u for u in urls if "/tag/" in u or "/author/" in u or "about" in u or "imprint" in u]
    assert stat(spider, "listing_links_not_article") == 2
    # Without an article_pattern, the pipeline is told to keep only pages that look like articles.
    assert all(r.cb_kwargs == {"source": "The Syndicator", "require_article": True} for r in articles)
    (next_page,) = [r for r in items if r.callback == spider.parse_listing]
    assert (next_page.url, next_page.cb_kwargs["depth"]) == (f"{BASE}/syn/page/2.html", 2)


def test_a_listing_stops_at_its_page_limit_and_obeys_its_article_pattern():
    spider = make_spider()
    spider.max_pages = 3
    pattern = parse_sources({"sources": [{"name": "The Syndicator", "listings": [f"{BASE}/syn/"],
                                          "article_pattern": r"/syn/story\.html"}]})[0]
    (third,) = spider.listing_requests(pattern, [f"{BASE}/syn/page/3.html"], depth=3)
    items = follow(third, saved("syn/page/3.html"))
    assert items == []  # deep-article.html does not match; page 4 is past the limit
    (first,) = spider.listing_requests(pattern, [f"{BASE}/syn/"])
    articles = [r for r in follow(first, saved("syn/index.html"))[:-1] if r.callback == spider.parse_listing_article]
    assert [r.url for r in articles] == [f"{BASE}/syn/story.html"]  # not /syn/print/story.html
    assert articles[0].cb_kwargs["require_article"] is False


@pytest.mark.parametrize("response_class, body", [(Response, b"%PDF-1.4"), (JsonResponse, b'{"items": []}')])
def test_a_listing_that_is_not_html_is_an_error(spider, response_class, body):
    (listing,) = spider.listing_requests(SYN, [f"{BASE}/syn/latest"])
    (error,) = follow(listing, body, response_class)
    assert (error.stage, error.source, error.message) == ("listing", "The Syndicator", "not an HTML page")
    assert stat(spider, "listings_failed") == 1


def test_a_homepage_only_source_is_discovered_through_its_feed_links_and_robots_txt(spider):
    homepage = next(r for r in first_requests(spider) if r.url == f"{BASE}/home/")
    feed, robots = follow(homepage, saved("home/index.html"))
    assert (feed.url, feed.callback) == (f"{BASE}/home/feed.xml", spider.parse_feed)
    assert (robots.url, robots.callback, robots.cb_kwargs["feeds"]) == (f"{BASE}/robots.txt", spider.parse_robots, 1)
    (sitemap,) = follow(robots, saved("robots.txt"), TextResponse)
    assert (sitemap.url, sitemap.callback) == (f"{BASE}/home/sitemap.xml", spider.parse_sitemap)


def test_a_homepage_with_neither_feed_nor_sitemap_is_an_error(spider):
    homepage = next(r for r in first_requests(spider) if r.url == f"{BASE}/home/")
    (robots,) = follow(homepage, b"<html><head><title>Nothing</title></head><body></body></html>")
    (error,) = follow(robots, b"not found", TextResponse, status=404)
    assert isinstance(error, FetchError)
    assert (error.source, error.stage, error.url) == ("Homepage Only", "discover", f"{BASE}/home/")
    (unreachable,) = fail(homepage, DNSLookupError("news.example"))
    assert (unreachable.stage, unreachable.message) == ("discover", "DNS lookup failed")


def test_with_a_database_stored_articles_are_not_requested_again_and_feeds_are_asked_conditionally(db):
    db["articles"].insert({"id": 1, "url": f"{BASE}/news/teaser.html", "fetched": "2999-01-01T00:00:00+00:00"})
    db["article_urls"].insert({"url": f"{BASE}/news/teaser.html", "article_id": 1})
    db["feeds"].insert({"url": f"{BASE}/feeds/rss2.xml", "etag": '"v1"'})
    spider = make_spider(ingest=SimpleNamespace(db=db))
    feed_request = next(r for r in first_requests(spider) if r.url.endswith("rss2.xml"))
    assert feed_request.headers["If-None-Match"] == b'"v1"'
    urls = [r.url for r in only(follow(feed_request, saved("feeds/rss2.xml"), XmlResponse), Request)]
    assert f"{BASE}/news/teaser.html" not in urls and len(urls) == 3


def test_scrapy_crawl_refuses_in_one_line_and_names_tracker_crawl():
    # scrapy.cfg makes this a Scrapy project (for scrapy shell/fetch/list); a crawl is `tracker crawl`'s job.
    scrapy = str(Path(sys.executable).parent / "scrapy")
    result = subprocess.run([scrapy, "crawl", "collect"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert_one_line_error(result, "scrapy crawl does not run the tracker", "run `tracker crawl`")
    listed = subprocess.run([scrapy, "list"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "collect" in listed.stdout.split()


def spider_with_state(url: str, etag: str) -> CollectSpider:
    """A spider whose database remembers what `url` answered last time."""
    import sqlite_utils

    from pipeline.store.schema import migrate

    db = sqlite_utils.Database(memory=True)
    migrate(db)
    db["feeds"].insert({"url": url, "source": "Wire Outlet", "etag": etag, "kind": "sitemap"})
    return make_spider(ingest=SimpleNamespace(db=db))


def test_an_unchanged_sitemap_is_a_304_and_nothing_else_is_asked():
    url = f"{BASE}/wire/news-sitemap.xml"
    spider = spider_with_state(url, '"abc"')
    source = next(s for s in spider.sources if s.name == "Wire Outlet")
    [request] = spider.sitemap_requests(source, [url])
    assert request.headers.get("If-None-Match") == b'"abc"'
    items = follow(request, b"", XmlResponse, status=304)
    assert [(type(i), i.status, i.kind) for i in items] == [(FeedStatus, 304, "sitemap")]
    assert stat(spider, "sitemaps_not_modified") == 1


def test_a_changed_sitemap_leads_to_its_articles_and_then_to_its_new_validators():
    url = f"{BASE}/wire/news-sitemap.xml"
    spider = spider_with_state(url, '"old"')
    source = next(s for s in spider.sources if s.name == "Wire Outlet")
    [request] = spider.sitemap_requests(source, [url])
    items = follow(request, saved("wire/news-sitemap.xml"), XmlResponse, headers={"ETag": '"new"'})
    assert isinstance(items[-1], FeedStatus) and (items[-1].etag, items[-1].kind) == ('"new"', "sitemap")
    assert any(isinstance(i, Request) for i in items[:-1])  # the articles first: the ETag is saved after them


def test_an_unchanged_listing_is_a_304_and_its_links_are_not_read():
    url = f"{BASE}/syn/"
    spider = spider_with_state(url, '"listing"')
    source = next(s for s in spider.sources if s.name == "The Syndicator")
    [request] = spider.listing_requests(source, [url])
    assert request.headers.get("If-None-Match") == b'"listing"'
    items = follow(request, b"", HtmlResponse, status=304)
    assert [(type(i), i.status, i.kind) for i in items] == [(FeedStatus, 304, "listing")]
