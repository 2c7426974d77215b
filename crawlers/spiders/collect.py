"""The spider a crawl runs: feeds, sitemaps, listings and homepage-only sources, in one Scrapy crawler.

One crawler means one downloader, so CONCURRENT_REQUESTS_PER_DOMAIN,
AutoThrottle and the download delay hold for a site as a whole, even when
its feed, its sitemap and its section pages are read in the same run (three
separate spiders would each keep their own per-domain slots).

A source that gives only a `homepage:` is discovered on every run: the feeds
its homepage announces with <link rel="alternate">, and the sitemaps listed
on the `Sitemap:` lines of its robots.txt. Finding neither is recorded as an
error, so such a source never goes quiet unnoticed.
"""

from __future__ import annotations

from urllib.parse import urljoin

from crawlers.spiders.feeds import FeedSpider
from crawlers.spiders.listings import ListingSpider
from crawlers.spiders.sitemaps import SitemapSpider
from pipeline.collect.discover import feeds_from_homepage, sitemaps_from_robots
from pipeline.records import FetchError


def homepage_only(source) -> bool:
    return bool(source.homepage) and not (source.feeds or source.sitemaps or source.listings)


class CollectSpider(FeedSpider, SitemapSpider, ListingSpider):
    name = "collect"
    via = "collect"

    async def start(self):
        for source in self.sources:
            # Each source's requests are built inside their own guard: whatever goes wrong with one
            # source is one error, and every later source is still crawled.
            try:
                requests = list(self.source_requests(source))
            except Exception as exc:
                self.logger.exception("cannot start source %s", source.name)
                requests = [FetchError(source=source.name, url=source.homepage or "", stage="start",
                                       message=f"{type(exc).__name__}: {exc}")]
            for request in requests:
                yield request

    def source_requests(self, source):
        if homepage_only(source):
            yield self.request(source.homepage, source.name, "discover", callback=self.parse_homepage,
                               errback=self.homepage_failed, cb_kwargs={"source": source}, dont_filter=True)
            return
        yield from self.feed_requests(source.name, source.feeds)
        yield from self.sitemap_requests(source, source.sitemaps)
        yield from self.listing_requests(source, source.listings)

    def parse_homepage(self, response, source):
        feeds = feeds_from_homepage(response.text, response.url) if hasattr(response, "text") else []
        self.count("feeds_discovered", len(feeds))
        yield from self.feed_requests(source.name, feeds)
        # robots.txt is read after the homepage so that, if neither gives anything, one error says so.
        yield self.request(urljoin(response.url, "/robots.txt"), source.name, "discover", callback=self.parse_robots,
                           errback=self.robots_failed, cb_kwargs={"source": source, "feeds": len(feeds)},
                           meta={"handle_httpstatus_all": True, "dont_obey_robotstxt": True}, dont_filter=True)

    def parse_robots(self, response, source, feeds: int):
        sitemaps = []
        if response.status == 200 and hasattr(response, "text"):
            sitemaps = sitemaps_from_robots(response.text, response.url)
        self.count("sitemaps_discovered", len(sitemaps))
        if not feeds and not sitemaps:
            yield FetchError(source=source.name, url=source.homepage, stage="discover",
                             message="homepage announces no feed and robots.txt lists no sitemap")
        yield from self.sitemap_requests(source, sitemaps)

    def homepage_failed(self, failure):
        yield self.failed(failure, failure.request.cb_kwargs["source"].name, "discover")

    def robots_failed(self, failure):
        source = failure.request.cb_kwargs["source"]
        if not failure.request.cb_kwargs["feeds"]:
            yield self.failed(failure, source.name, "discover")
