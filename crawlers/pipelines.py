"""The one Scrapy item pipeline: it maps item types to calls into pipeline/ingest.py, and does nothing else.

The spider carries the run's `Ingest` (made by tracker/crawl.py), so the
spider's look-ups (stored URLs, skipped pages, feed state) and the writes go
through one database connection.
"""

from __future__ import annotations

from pipeline.records import FeedStatus, FetchError, Page


class TrackerPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.ingest = self.crawler.spider.ingest
        # The run's counters live in Scrapy's stats, which the progress display and the summary read.
        self.ingest.count = lambda key, n=1: self.crawler.stats.inc_value(f"tracker/{key}", n)

    async def process_item(self, item):
        if isinstance(item, Page):
            await self.ingest.page(item)
        elif isinstance(item, FetchError):
            self.ingest.error(item)
        elif isinstance(item, FeedStatus):
            self.ingest.feed_status(item)
        return item

    async def close_spider(self):
        await self.ingest.close()
        if self.ingest.fatal:
            self.crawler.stats.set_value("tracker/fatal", self.ingest.fatal)
