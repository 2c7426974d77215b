"""Scrapy machinery the tracker adjusts: only public http(s) targets, retries with back-off, per-domain limits that hold.

Retries with exponential back-off.

Scrapy's RetryMiddleware re-queues a failed request at once; a server that
answered 503 or timed out is then asked again within milliseconds. This
subclass waits before handing the retry back: RETRY_BACKOFF_BASE seconds
after the first failure, twice that after the second, up to
RETRY_BACKOFF_MAX. The wait is an asyncio sleep, so other downloads go on.
"""

from __future__ import annotations

import asyncio
import logging
from time import monotonic

from scrapy.core.downloader import Downloader
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro
from twisted.internet.error import DNSLookupError

from pipeline.collect.safety import UnsafeURL, check_host, loopback_allowed, refusal, split_target

log = logging.getLogger(__name__)


def allow_loopback(settings) -> bool:
    """TRACKER_ALLOW_LOOPBACK as a Scrapy setting (the demo sets it), else from the environment."""
    if settings.get("TRACKER_ALLOW_LOOPBACK") is None:
        return loopback_allowed()
    return settings.getbool("TRACKER_ALLOW_LOOPBACK")


class UnsafeRequest(IgnoreRequest):
    """A request refused by pipeline/collect/safety.py: its errback records the reason in `errors`."""


class SafeTargetMiddleware:
    """Every request, before anything is sent: http(s) only, to hosts that resolve only to public addresses.

    It sits first in the chain (before robots.txt, which would otherwise fetch
    the forbidden host's robots.txt), and sees every request the engine
    schedules: feed entries, sitemap <loc>s, listing links, discovered feeds
    and sitemaps, and redirect targets (RedirectMiddleware hands back a new
    Request, which comes through here again). The verdict for a host is kept
    for the run; the lookup runs in a thread, so the crawl goes on meanwhile.
    """

    def __init__(self, allow: bool):
        self.allow = allow
        self.verdicts: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(allow_loopback(crawler.settings))

    async def process_request(self, request):
        try:
            host, port = split_target(request.url)
        except UnsafeURL as exc:
            raise UnsafeRequest(str(exc)) from None
        if host not in self.verdicts:
            try:
                await asyncio.to_thread(check_host, host, port, self.allow)
                self.verdicts[host] = None
            except UnsafeURL as exc:
                self.verdicts[host] = str(exc)
        if self.verdicts[host]:
            raise UnsafeRequest(self.verdicts[host])
        return None


class DeadlineMiddleware:
    """No download outlasts the run's time limit (CLOSESPIDER_TIMEOUT, from TRACKER_MAX_RUNTIME).

    At the limit Scrapy closes the spider, but closing waits for the downloads
    in progress; a server that trickles its answer would hold it for a whole
    DOWNLOAD_TIMEOUT. Each request's timeout is therefore cut to the time left
    (plus a second), so the spider closes promptly and stores what it fetched.
    """

    def __init__(self, limit: float, timeout: float):
        self.deadline = monotonic() + limit if limit else None
        self.timeout = timeout

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("CLOSESPIDER_TIMEOUT"), crawler.settings.getfloat("DOWNLOAD_TIMEOUT"))

    def process_request(self, request):
        if self.deadline is not None:
            left = max(self.deadline - monotonic(), 0) + 1
            request.meta["download_timeout"] = min(request.meta.get("download_timeout", self.timeout), left)
        return None


class SafeResolver(CachingThreadedResolver):
    """Scrapy's resolver, refusing non-public addresses: the address connected to is the one checked.

    SafeTargetMiddleware checks a host before the request is sent; a name
    whose DNS answer changes between that check and the connection (DNS
    rebinding) would slip past it. This resolver is what the downloader
    actually connects with, so the address it hands out is checked again here.
    """

    def __init__(self, reactor, cache_size: int, timeout: float, allow: bool = False):
        super().__init__(reactor, cache_size, timeout)
        self.allow = allow

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow = allow_loopback(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self.checked, name)

    def checked(self, address: str, name: str) -> str:
        reason = refusal(address, self.allow)
        if reason:
            log.warning("refused to connect to %s: it resolves to %s, %s", name, address, reason)
            raise DNSLookupError(f"{name} resolves to {address}, {reason}")
        return address


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with a loop recorded as an error instead of vanishing.

    In a loop A -> B -> A the duplicate filter drops the second request for A
    without a word, so the link disappeared from the run. A redirect back to a
    URL of its own chain is refused here; the request's errback records it.
    """

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*chain, redirected.url])}")
        return super()._redirect(redirected, request, reason)


def retry_after_seconds(value: bytes | None) -> float | None:
    """A Retry-After header in seconds: delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    from email.utils import parsedate_to_datetime
    from time import time

    try:
        return max(parsedate_to_datetime(text).timestamp() - time(), 0.0)
    except (TypeError, ValueError):
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Also: a 429 is not asked again in this run, and its site is left alone for Retry-After seconds (capped)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_cap = settings.getfloat("RETRY_AFTER_MAX", 300.0)

    async def _wait(self, result):
        if isinstance(result, Request) and self.base > 0:
            attempt = result.meta.get("retry_times", 1)
            delay = min(self.base * 2 ** (attempt - 1), self.cap)
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            await asyncio.sleep(delay)
        return result

    async def process_response(self, request, response):
        if response.status == 429:
            # "Too many requests": retrying at once (three times in 106 s, with Retry-After: 3600) is
            # what the site asked us not to do. The answer goes to the spider, which records it; the
            # site's download slot waits Retry-After seconds, capped at RETRY_AFTER_MAX, before its next request.
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            self.crawler.stats.inc_value("tracker/rate_limited")
            self._pause_slot(request, min(wait if wait is not None else self.base, self.retry_after_cap))
            return response
        return await self._wait(super().process_response(request, response))

    def _pause_slot(self, request, seconds: float) -> None:
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(request.meta.get("download_slot"))
        if slot is not None and hasattr(downloader, "paused_until"):  # PoliteDownloader waits that long
            until = downloader.paused_until
            until[id(slot)] = max(until.get(id(slot), 0.0), monotonic() + seconds)

    async def process_exception(self, request, exception):
        return await self._wait(super().process_exception(request, exception))


class PoliteDownloader(Downloader):
    """Scrapy's downloader, with CONCURRENT_REQUESTS_PER_DOMAIN actually holding under the asyncio reactor.

    In Scrapy 2.19 `_process_queue` starts each download with
    `loop.create_task(...)`, and the task marks its request as transferring only
    when it first runs, on a later turn of the event loop. The loop in
    `_process_queue` therefore still sees free slots and hands out the whole
    queue: tests/test_collection.py measured 4 requests at once on a site
    limited to 2. Marking the request before the task is scheduled fixes it;
    `_download` adds it again (a set) and removes it when the download ends.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self.paused_until: dict[int, float] = {}  # id(slot) -> monotonic time its next request may start
        # A pause never runs past the crawl's time limit: queued requests would hold the spider's closing.
        limit = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.deadline = monotonic() + limit if limit else float("inf")

    def _process_queue(self, slot) -> None:
        if slot.latercall:
            return
        now = monotonic()
        paused = min(self.paused_until.get(id(slot), 0.0), self.deadline) - now  # a 429's Retry-After
        if paused > 0:
            slot.latercall = call_later(paused, self._latercall, slot)
            return
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # the fix: reserve the slot now, not when the task starts
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break
