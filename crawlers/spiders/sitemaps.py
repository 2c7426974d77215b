"""Sitemaps: indexes, gzipped sitemaps and Google News sitemaps.

Scrapy's SitemapSpider drops the nested <news:publication_date> and
<news:title> of news sitemaps, so the documents are read by
pipeline.collect.sitemaps instead, the same reader `tracker discover` uses;
it gunzips .xml.gz bodies under the sitemap size cap, so a gzip bomb posing
as a sitemap is refused.
"""

from __future__ import annotations

import re

from crawlers.spiders.base import TrackerSpider, usable_link
from pipeline.collect.discover import sitemaps_from_robots
from pipeline.collect.http import FetchFailed
from pipeline.collect.sitemaps import SITEMAP_MAXSIZE, SitemapError, read_sitemap
from pipeline.collect.sources import since_seconds
from pipeline.records import FeedEntry, FetchError
from pipeline.understand.dates import is_older_than

MAX_INDEX_DEPTH = 3  # index -> index -> sitemap is already unusual; deeper is a loop or a trap


class SitemapSpider(TrackerSpider):
    name = "sitemaps"
    via = "sitemap"

    async def start(self):
        for source in self.sources:
            for request in self.sitemap_requests(source, source.sitemaps):
                yield request

    def sitemap_requests(self, source, urls: list[str], depth: int = 0):
        for url in urls:
            # A conditional GET: an unchanged sitemap answers 304 and is not read again. Only sitemaps of
            # URLs keep validators, never an index (see parse_sitemap), so the headers are empty for those.
            yield self.request(url, source.name, "sitemap", callback=self.parse_sitemap, errback=self.sitemap_failed,
                               headers=self.conditional(url), cb_kwargs={"source": source, "depth": depth},
                               meta={"download_maxsize": SITEMAP_MAXSIZE, "handle_httpstatus_list": [304]})

    def parse_sitemap(self, response, source, depth: int = 0):
        if response.status == 304:
            self.count("sitemaps_not_modified")
            yield self.answered(response, source.name, "sitemap")
            return
        if response.url.endswith("/robots.txt"):
            # A sources file may list robots.txt itself as the sitemap entry point.
            yield from self.sitemap_requests(source, sitemaps_from_robots(response.text, response.url), depth + 1)
            return
        try:
            sitemap = read_sitemap(response.body, response.url)
        except (SitemapError, FetchFailed) as exc:
            yield self.sitemap_error(source, response.url, str(exc).removeprefix(f"{response.url}: "))
            return
        self.count("sitemaps_fetched")
        if sitemap.kind == "sitemapindex":
            if depth >= MAX_INDEX_DEPTH:
                yield self.sitemap_error(source, response.url, "sitemap index nested too deep; not followed")
                return
            children = [e.loc for e in sitemap.entries
                        if not is_older_than(e.lastmod, since_seconds(source.since))]
            # An index keeps no validators: its children may change while it stays the same, and a 304 here
            # would hide them. It is small, and the children are asked conditionally.
            yield from self.sitemap_requests(source, children, depth + 1)
            return
        yield from self.article_requests(source, sitemap.entries)
        # Last, like a feed's: saved only after the articles it led to are stored (pipeline/ingest.py).
        yield self.answered(response, source.name, "sitemap", entries=len(sitemap.entries))

    def article_requests(self, source, entries):
        horizon = since_seconds(source.since)
        pattern = re.compile(source.article_pattern) if source.article_pattern else None
        fresh = {}
        for entry in entries:
            # A news sitemap's publication date is the better horizon; lastmod also moves on edits.
            if is_older_than(entry.date, horizon):
                self.count("sitemap_entries_too_old")
                continue
            if pattern and not pattern.search(entry.loc):
                continue
            try:
                fresh.setdefault(usable_link(entry.loc), entry)
            except ValueError as exc:  # one bad <loc> is one error; the rest of the sitemap goes on
                yield self.bad_link(source.name, entry.loc, "article", exc)
        changed = {url: e.lastmod for url, e in fresh.items() if e.lastmod}
        for url in self.unseen(list(fresh), changed_since=changed):
            entry = fresh[url]
            # lastmod is a poor publication date; it is only a hint used when the page itself has none.
            hint = FeedEntry(url=url, title=entry.news_title, published=entry.date)
            yield self.request(url, source.name, "article", callback=self.parse_sitemap_article,
                               errback=self.sitemap_article_failed, cb_kwargs={"source": source.name, "entry": hint})

    def parse_sitemap_article(self, response, source: str, entry: FeedEntry):
        yield self.page(response, source, entry=entry, via="sitemap")

    def sitemap_error(self, source, url: str, message: str) -> FetchError:
        self.count("sitemaps_failed")
        return FetchError(source=source.name, url=url, stage="sitemap", message=message)

    def sitemap_failed(self, failure):
        self.count("sitemaps_failed")
        yield self.failed(failure, failure.request.cb_kwargs["source"].name, "sitemap")

    def sitemap_article_failed(self, failure):
        yield from self.article_failed(failure, failure.request.cb_kwargs["source"])
