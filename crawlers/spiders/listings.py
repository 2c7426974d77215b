"""Section listing pages: follow their pagination, and their links to article pages.

Which links are articles and which lead to the next page is decided in
pipeline/collect/listings.py; this spider only fetches.
"""

from __future__ import annotations

import os

from scrapy.http import JsonResponse, TextResponse

from crawlers.spiders.base import TrackerSpider
from pipeline.collect.listings import listing_links
from pipeline.records import FetchError


class ListingSpider(TrackerSpider):
    name = "listings"
    via = "listing"

    def __init__(self, sources=None, max_pages: int | None = None, **kwargs):
        super().__init__(sources=sources, **kwargs)
        self.max_pages = int(max_pages or os.environ.get("TRACKER_LISTING_PAGES", "3"))

    async def start(self):
        for source in self.sources:
            for request in self.listing_requests(source, source.listings):
                yield request

    def listing_requests(self, source, urls: list[str], depth: int = 1):
        for url in urls:
            # The listing's own page is a conditional GET: unchanged, it answers 304 and its links (and the
            # pages after it) are not read again. Later pages follow only from a changed first page.
            yield self.request(url, source.name, "listing", callback=self.parse_listing, errback=self.listing_failed,
                               headers=self.conditional(url) if depth == 1 else {},
                               cb_kwargs={"source": source, "depth": depth}, dont_filter=depth == 1,
                               meta={"handle_httpstatus_list": [304]} if depth == 1 else {})

    def parse_listing(self, response, source, depth: int):
        if response.status == 304:
            self.count("listings_not_modified")
            yield self.answered(response, source.name, "listing")
            return
        if not isinstance(response, TextResponse) or isinstance(response, JsonResponse):
            # A PDF, an image or a JSON answer: their responses have xpath(), but it raises.
            yield self.failed_listing(response, source, "not an HTML page")
            return
        links = listing_links(response.selector.root, response.url, source.article_pattern)
        for href, why in links.bad:  # one bad link is one error; the rest of the listing goes on
            yield self.bad_link(source.name, href, "article", ValueError(why))
        if links.not_articles:
            self.count("listing_links_not_article", links.not_articles)
        for url in self.unseen(links.articles):
            # self.request checks the link once more (usable_link) and makes it one error if it is not.
            yield self.request(url, source.name, "article", callback=self.parse_listing_article,
                               errback=self.listing_article_failed,
                               cb_kwargs={"source": source.name, "require_article": not source.article_pattern})
        if depth < self.max_pages:
            yield from self.listing_requests(source, links.next_pages, depth + 1)
        if depth == 1:  # last, so it is saved only after the articles it led to are stored
            yield self.answered(response, source.name, "listing", entries=len(links.articles))

    def parse_listing_article(self, response, source: str, require_article: bool):
        yield self.page(response, source, require_article=require_article, via="listing")

    def failed_listing(self, response, source, message):
        self.count("listings_failed")
        return FetchError(source=source.name, url=response.url, stage="listing", message=message)

    def listing_failed(self, failure):
        yield self.failed(failure, failure.request.cb_kwargs["source"].name, "listing")

    def listing_article_failed(self, failure):
        yield from self.article_failed(failure, failure.request.cb_kwargs["source"])
