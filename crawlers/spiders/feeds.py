"""RSS and Atom feeds: read each feed with feedparser, then follow its entries to their article pages."""

from __future__ import annotations

import html

from scrapy.spidermiddlewares.httperror import HttpError

from crawlers.spiders.base import TrackerSpider, describe_failure, refused_by_robots, usable_link
from pipeline.collect.feeds import FeedError, edited_entries, parse_feed
from pipeline.records import FeedEntry, FeedStatus, FetchError, Page
from pipeline.store.feed_state import conditional_headers, feed_due, feed_state
from pipeline.understand.page_type import GONE


class FeedSpider(TrackerSpider):
    name = "feeds"
    via = "feed"

    async def start(self):
        for source in self.sources:
            for request in self.feed_requests(source.name, source.feeds):
                yield request

    def feed_requests(self, source: str, urls: list[str]):
        """Conditional GETs for the feeds that are due (a failing feed waits out its back-off)."""
        for url in urls:
            state = feed_state(self.db, url) if self.db else {}
            if not feed_due(state):
                # Backing off after repeated failures; `tracker status` shows when it is tried again.
                self.count("feeds_backing_off")
                continue
            yield self.request(
                url, source, "feed", headers=conditional_headers(state), callback=self.parse_feed, errback=self.feed_failed,
                cb_kwargs={"source": source}, meta={"handle_httpstatus_all": True, "source": source},
                dont_filter=True,
            )

    def parse_feed(self, response, source: str):
        status = response.status
        if status == 304:
            self.count("feeds_not_modified")
            yield FeedStatus(url=response.request.url, source=source, status=304)
            return
        if status >= 400:
            self.count("feeds_failed")
            yield FeedStatus(url=response.request.url, source=source, status=status, error=f"HTTP {status}")
            yield FetchError(source=source, url=response.url, stage="feed", message=f"HTTP {status}")
            return
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        try:
            feed = parse_feed(response.body, response.url, headers)
        except FeedError as exc:
            self.count("feeds_failed")
            yield FeedStatus(url=response.request.url, source=source, status=status, error=f"not a feed: {exc}")
            yield FetchError(source=source, url=response.url, stage="feed", message=f"not a feed: {exc}")
            return
        self.count("feeds_fetched")
        if feed.problem and not feed.entries:
            yield FetchError(source=source, url=response.url, stage="feed", message=f"malformed feed: {feed.problem}")
        # Tracking parameters are dropped before fetching: the same article reached through
        # ?utm_source=rss and through a listing is then one request, not two. A bad link is
        # one error; the other entries go on.
        entries = {}
        for entry in feed.entries:
            try:
                entries.setdefault(usable_link(entry.url), entry)
            except ValueError as exc:
                yield self.bad_link(source, entry.url, "article", exc)
        # An entry edited after we fetched its article is fetched again, and the article updated in place.
        for url in self.unseen(list(entries), changed_since=edited_entries(entries)):
            yield self.request(url, source, "article", callback=self.parse_feed_article,
                               errback=self.feed_article_failed,
                               cb_kwargs={"source": source, "entry": entries[url]}, meta={"source": source})
        # Last: the feed's ETag is saved only once every entry has been handed on (pipeline/ingest.py
        # saves it after the articles). Were this callback to fail above, the feed is read in full next time.
        yield FeedStatus(url=response.request.url, source=source, status=status, entries=len(feed.entries),
                         etag=response.headers.get("ETag", b"").decode("latin-1") or None,
                         last_modified=response.headers.get("Last-Modified", b"").decode("latin-1") or None)

    def parse_feed_article(self, response, source: str, entry: FeedEntry):
        yield self.page(response, source, entry=entry, via="feed")

    def feed_failed(self, failure):
        source = failure.request.meta.get("source", "")
        self.count("feeds_failed")
        message = describe_failure(failure)
        yield FeedStatus(url=failure.request.url, source=source, status=0, error=message)
        yield FetchError(source=source, url=failure.request.url, stage="feed", message=message)

    def feed_article_failed(self, failure):
        request = failure.request
        source, entry = request.cb_kwargs["source"], request.cb_kwargs["entry"]
        if refused_by_robots(failure):
            # The publisher asked crawlers to stay away from this page: a skip, not an error, and the
            # feed's copy of the text is not stored instead either.
            yield from self.article_failed(failure, source)
            return
        status = failure.value.response.status if failure.check(HttpError) else 0
        if status not in GONE:
            yield FetchError(source=source, url=request.url, stage="article", message=describe_failure(failure))
        if status in GONE or entry.content or len(entry.summary) > 500:
            # The article page is out of reach, but the feed carried the text: keep that rather than nothing,
            # unless the link answered 404 or 410 (the story was pulled): the pipeline then records it as gone
            # and stores nothing. The title is text and is escaped; feedparser has already sanitised the HTML.
            body = f"<html><head><title>{html.escape(entry.title)}</title></head><body><article>" \
                   f"{entry.content or entry.summary}</article></body></html>"
            yield Page(url=entry.url, body=body.encode("utf-8"), source=source, via="feed-content",
                       status=status, headers={"content-type": "text/html; charset=utf-8"}, entry=entry,
                       language_hint=self.language_of(source), timezone=self.timezone_of(source))
