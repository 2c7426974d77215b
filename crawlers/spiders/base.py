"""What every tracker spider shares: its sources, the database it checks, and turning responses into items."""

from __future__ import annotations

import os

import scrapy
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError
from w3lib.url import safe_url_string

from crawlers.middlewares import UnsafeRequest
from pipeline.clock import now_iso
from pipeline.collect.safety import split_target
from pipeline.collect.skipped import ROBOTS, RetryHorizon, recently_skipped, remember_skipped
from pipeline.collect.urls import normalize_url, strip_tracking
from pipeline.records import FeedStatus, FetchError, Page, Source
from pipeline.store.articles import stored_fetch_times
from pipeline.store.feed_state import conditional_headers, feed_state


def describe_failure(failure) -> str:
    """One line for the errors table: what went wrong, without a traceback."""
    exc = failure.value
    if failure.check(HttpError):
        return f"HTTP {exc.response.status}"
    if failure.check(DNSLookupError):
        return "DNS lookup failed"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return f"timed out: {exc}"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection refused"
    if failure.check(UnsafeRequest):
        return str(exc)  # "not fetched: 10.0.0.1 is a private address" (pipeline/collect/safety.py)
    if failure.check(DownloadCancelledError, CancelledError) and not str(exc):
        # Scrapy cancels a body that grows past the size limit mid-stream (chunked, no Content-Length).
        limit = failure.request.meta.get("download_maxsize") or os.environ.get("TRACKER_MAXSIZE", "8388608")
        return f"refused: body larger than TRACKER_MAXSIZE ({limit} bytes); download cancelled"
    if failure.check(IgnoreRequest):
        # robots.txt, or a body over DOWNLOAD_MAXSIZE (also while decompressing: a decompression bomb)
        return f"refused: {exc}".strip()
    return f"{type(exc).__name__}: {exc}".strip()


def refused_by_robots(failure) -> bool:
    """Scrapy's RobotsTxtMiddleware refused the request ("Forbidden by robots.txt"); nothing was sent."""
    return bool(failure.check(IgnoreRequest)) and "Forbidden by robots.txt" in str(failure.value)


def usable_link(url) -> str:
    """A link from a remote document, ready to fetch (tracking parameters dropped); ValueError if it is not.

    Checked one link at a time, so one bad link (a port out of range, a broken
    IPv6 address, a file: or ftp: URL) is recorded on its own and the others go on.
    Where it points (loopback, private...) is checked when it is fetched, by SafeTargetMiddleware.
    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError("empty link")
    url = safe_url_string(url.strip())  # what Scrapy would request: a space in the path becomes %20
    split_target(url)
    normalize_url(url)  # raises for what the look-ups of stored articles could not handle
    return strip_tracking(url)


class TrackerSpider(scrapy.Spider):
    """Takes `sources` (list of Source) and the run's `ingest` (pipeline/ingest.py) as spider arguments.

    Without an `ingest` (a spider tested on saved pages), nothing is looked up: every URL is new.
    """

    via = "unknown"

    def __init__(self, sources: list[Source] | None = None, ingest=None, **kwargs):
        super().__init__(**kwargs)
        self.sources = sources or []
        self.ingest = ingest

    @property
    def db(self):
        return self.ingest.db if self.ingest is not None else None

    @property
    def retry_horizon(self) -> RetryHorizon:
        """How long pages skipped on earlier runs are left out (SKIP_RETRY_DAYS, ROBOTS_RETRY_DAYS in settings)."""
        settings = getattr(self, "settings", None)
        if settings is None:
            return RetryHorizon()
        return RetryHorizon(settings.getfloat("SKIP_RETRY_DAYS", RetryHorizon.content_days),
                            settings.getfloat("ROBOTS_RETRY_DAYS", RetryHorizon.robots_days))

    def unseen(self, urls: list[str], changed_since: dict[str, str] | None = None) -> list[str]:
        """Drop URLs whose article is already stored, so a rerun fetches no article twice.

        `changed_since` maps a URL to the time a sitemap or feed says it last changed: a stored
        article changed after we fetched it is fetched again (and updated in place). URLs an
        earlier run skipped (not an article, no text, refused by robots.txt) are dropped too
        until their retry horizon is over (pipeline/collect/skipped.py).
        """
        if not self.db or not urls:
            return urls
        changed_since = changed_since or {}
        normal = {u: normalize_url(u) for u in urls}
        fetched = stored_fetch_times(self.db, list(normal.values()))
        new = [u for u in urls if normal[u] not in fetched]
        skipped = recently_skipped(self.db, [normal[u] for u in new], self.retry_horizon,
                                   {normal[u]: changed_since[u] for u in new if u in changed_since})
        keep = []
        for url in urls:
            when = fetched.get(normal[url])
            changed = changed_since.get(url)
            if when is None:
                if normal[url] in skipped:
                    self.count("pages_skipped_known")
                else:
                    keep.append(url)
            elif changed and changed > when:
                self.count("articles_changed_refetched")
                keep.append(url)
        return keep

    def bad_link(self, source: str, url, stage: str, exc: Exception) -> FetchError:
        self.count("links_refused")
        message = " ".join(str(exc).split()) or type(exc).__name__
        return FetchError(source=source, url=str(url)[:2000], stage=stage, message=message)

    def request(self, url: str, source: str, stage: str, **kwargs):
        """A scrapy.Request, or one FetchError when the URL cannot be made into a request."""
        try:
            split_target(url)
            return scrapy.Request(url, **kwargs)
        except ValueError as exc:
            return self.bad_link(source, url, stage, exc)

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"tracker/{key}", n)

    def page(self, response, source: str, entry=None, require_article: bool = False, via: str | None = None) -> Page:
        self.count("pages_fetched")
        headers = {k.decode("latin-1").lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        return Page(url=response.url, body=response.body, source=source, via=via or self.via, status=response.status,
                    headers=headers, fetched=now_iso(), entry=entry, require_article=require_article,
                    language_hint=self.language_of(source), timezone=self.timezone_of(source))

    def language_of(self, source: str) -> str | None:
        """The `language:` the sources file gives for a source: a hint for language detection."""
        return next((s.language for s in self.sources if s.name == source), None)

    def timezone_of(self, source: str) -> str | None:
        """The `timezone:` the sources file gives for a source: where its times without an offset are."""
        return next((s.timezone for s in self.sources if s.name == source), None)

    def failed(self, failure, source: str, stage: str):
        request = failure.request
        message = describe_failure(failure)
        return FetchError(source=source, url=request.url, stage=stage, message=message)

    def conditional(self, url: str) -> dict[str, str]:
        """The conditional GET headers for a sitemap or listing URL (feeds do the same in feeds.py)."""
        return conditional_headers(feed_state(self.db, url)) if self.db else {}

    def answered(self, response, source: str, kind: str, entries: int = 0) -> FeedStatus:
        """What a sitemap or listing answered, saved (after what it led to is stored) for the next conditional GET."""
        header = response.headers.get
        return FeedStatus(url=response.request.url, source=source, status=response.status, entries=entries,
                          etag=(header("ETag") or b"").decode("latin-1") or None,
                          last_modified=(header("Last-Modified") or b"").decode("latin-1") or None, kind=kind)

    def article_failed(self, failure, source: str):
        """What a failed article link leaves: one error, or none when robots.txt refused it.

        A publisher that asks crawlers to stay away from a page has not failed: that is a skip,
        remembered in skipped_pages (not asked for again for a while) and counted, not an error.
        """
        if refused_by_robots(failure):
            self.remember_refusal(failure, source, describe_failure(failure))
            self.count("pages_robots_refused")
            return []
        return [self.failed(failure, source, "article")]

    def remember_refusal(self, failure, source: str, message: str) -> None:
        """An article link robots.txt forbids: remembered, and left out until ROBOTS_RETRY_DAYS are over.

        Only article links: a configured feed, sitemap or listing that robots.txt forbids
        is a sources-file problem the operator should keep seeing in the errors.
        """
        if self.db and refused_by_robots(failure):
            remember_skipped(self.db, failure.request.url, source, ROBOTS, message)
