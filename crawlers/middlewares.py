"""Scrapy machinery the tracker adjusts: retries with back-off, and per-domain limits that hold.

Retries with exponential back-off.

Scrapy's RetryMiddleware re-queues a failed request at once; a server that
answered 503 or timed out is then asked again within milliseconds. This
subclass waits before handing the retry back: RETRY_BACKOFF_BASE seconds
after the first failure, twice that after the second, up to
RETRY_BACKOFF_MAX. The wait is an asyncio sleep, so other downloads go on.
"""

from __future__ import annotations

import asyncio
from time import monotonic

from scrapy.core.downloader import Downloader
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def _wait(self, result):
        if isinstance(result, Request) and self.base > 0:
            attempt = result.meta.get("retry_times", 1)
            delay = min(self.base * 2 ** (attempt - 1), self.cap)
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            await asyncio.sleep(delay)
        return result

    async def process_response(self, request, response):
        return await self._wait(super().process_response(request, response))

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

    def _process_queue(self, slot) -> None:
        if slot.latercall:
            return
        now = monotonic()
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
