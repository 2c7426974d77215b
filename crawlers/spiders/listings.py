"""Section listing pages: follow their pagination, and their links to article pages.

With an `article_pattern` only matching links are followed. Without one,
every same-site link outside the page chrome is fetched and the pipeline
keeps only pages that look like articles (see pipeline.extract.looks_like_article).
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin, urlsplit

from crawlers.spiders.base import TrackerSpider, usable_link
from pipeline.collect.urls import normalize_url, same_site, strip_tracking
from pipeline.records import FetchError
from pipeline.understand.extract import NOT_ARTICLE_PATH

NEXT_TEXT = re.compile(r"^\s*(next|older|more|weiter|nächste|ältere|mehr|›|»|→)\b", re.I)
CHROME = "//nav | //header | //footer | //*[@role='navigation'] | //*[contains(@class,'cookie')]"
SKIP_EXT = re.compile(r"\.(jpg|jpeg|png|gif|svg|webp|pdf|zip|mp3|mp4|css|js|xml|rss|atom|json)$", re.I)


def safely(function, *args):
    """urljoin or a link test on a malformed link: None, so the link is not followed, instead of an exception."""
    try:
        return function(*args)
    except ValueError:
        return None


class ListingSpider(TrackerSpider):
    name = "listings"
    via = "listing"

    def __init__(self, sources=None, db_path=None, max_pages: int | None = None, **kwargs):
        super().__init__(sources=sources, db_path=db_path, **kwargs)
        self.max_pages = int(max_pages or os.environ.get("TRACKER_LISTING_PAGES", "3"))

    async def start(self):
        for source in self.sources:
            for request in self.listing_requests(source, source.listings):
                yield request

    def listing_requests(self, source, urls: list[str], depth: int = 1):
        for url in urls:
            yield self.request(url, source.name, "listing", callback=self.parse_listing, errback=self.listing_failed,
                               cb_kwargs={"source": source, "depth": depth}, dont_filter=depth == 1)

    def parse_listing(self, response, source, depth: int):
        if not hasattr(response, "xpath"):
            yield self.failed_listing(response, source, "not an HTML page")
            return
        pattern = re.compile(source.article_pattern) if source.article_pattern else None
        chrome = set()
        for node in response.xpath(CHROME):
            chrome.update(safely(urljoin, response.url, h) for h in node.xpath(".//a/@href").getall())
        next_pages = [safely(urljoin, response.url, h) for h in response.xpath(
            '//link[@rel="next"]/@href | //a[@rel="next"]/@href').getall()]
        for a in response.xpath("//a[@href]"):
            text = " ".join(a.xpath(".//text()").getall())
            if NEXT_TEXT.match(text):
                next_pages.append(safely(urljoin, response.url, a.attrib["href"]))
        candidates = []
        for href in response.xpath("//a/@href").getall():
            try:  # one bad link is one error; the rest of the listing goes on
                url = urljoin(response.url, href.strip())
                if not url.startswith(("http://", "https://")) or not same_site(url, response.url):
                    continue
                usable_link(url)
            except ValueError as exc:
                yield self.bad_link(source.name, href, "article", exc)
                continue
            if url in chrome or url in next_pages or SKIP_EXT.search(url.split("?")[0]):
                continue
            if normalize_url(url) == normalize_url(response.url):
                continue
            if pattern and not pattern.search(url):
                continue
            if not pattern and NOT_ARTICLE_PATH.search(urlsplit(url).path):
                # /tag/, /author/, /video/, /gallery/...: known not to be articles, so not even fetched.
                self.count("listing_links_not_article")
                continue
            candidates.append(strip_tracking(url))
        for url in self.unseen(list(dict.fromkeys(candidates))):
            yield self.request(url, source.name, "article", callback=self.parse_listing_article,
                               errback=self.listing_article_failed,
                               cb_kwargs={"source": source.name, "require_article": pattern is None})
        if depth < self.max_pages:
            pages = [u for u in dict.fromkeys(next_pages) if u and safely(same_site, u, response.url)]
            yield from self.listing_requests(source, pages, depth + 1)

    def parse_listing_article(self, response, source: str, require_article: bool):
        yield self.page(response, source, require_article=require_article, via="listing")

    def failed_listing(self, response, source, message):
        self.count("listings_failed")
        return FetchError(source=source.name, url=response.url, stage="listing", message=message)

    def listing_failed(self, failure):
        yield self.failed(failure, failure.request.cb_kwargs["source"].name, "listing")

    def listing_article_failed(self, failure):
        yield self.failed(failure, failure.request.cb_kwargs["source"], "article")
