"""Sitemaps, through Scrapy's own SitemapSpider: indexes, gzipped sitemaps and news sitemaps."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.spiders import SitemapSpider as ScrapySitemapSpider

from crawlers.spiders.base import TrackerSpider
from pipeline.dates import is_older_than, to_utc_iso
from pipeline.records import FeedEntry
from pipeline.sources import since_seconds


class SitemapSpider(TrackerSpider, ScrapySitemapSpider):
    name = "sitemaps"
    via = "sitemap"
    sitemap_rules = [("", "parse_article")]

    def __init__(self, sources=None, db_path=None, **kwargs):
        super().__init__(sources=sources, db_path=db_path, **kwargs)
        self.sitemap_urls = [url for s in self.sources for url in s.sitemaps]
        # Child sitemaps of an index carry no request meta, so a page is attributed by its host.
        self._by_host = {}
        for s in self.sources:
            for url in [*s.sitemaps, s.homepage or ""]:
                host = urlsplit(url).hostname
                if host:
                    self._by_host.setdefault(host.removeprefix("www."), s)
        self._hints: dict[str, FeedEntry] = {}

    def source_for(self, url: str):
        return self._by_host.get((urlsplit(url).hostname or "").removeprefix("www."))

    def sitemap_filter(self, entries):
        """Skip entries older than the source's `since:` horizon and articles already stored."""
        fresh = []
        for entry in entries:
            loc = entry.get("loc", "")
            source = self.source_for(loc)
            lastmod = entry.get("lastmod") or entry.get("publication_date")
            if source and is_older_than(lastmod, since_seconds(source.since)):
                self.count("sitemap_entries_too_old")
                continue
            fresh.append(entry)
        # Child sitemaps of an index are never in article_urls, so they always pass.
        unseen = set(self.unseen([e["loc"] for e in fresh if "loc" in e]))
        for entry in fresh:
            if entry.get("loc") in unseen:
                if entry.get("lastmod"):
                    self._hints[entry["loc"]] = FeedEntry(url=entry["loc"], published=to_utc_iso(entry["lastmod"]))
                yield entry

    def parse_article(self, response):
        source = self.source_for(response.url) or self.source_for(response.request.url)
        # lastmod is a poor publication date; it is only a hint used when the page itself has none.
        yield self.page(response, source.name if source else "", entry=self._hints.pop(response.request.url, None))
