"""The one Scrapy item pipeline: it hands items to `pipeline/` and does nothing else.

Pages are prepared as they arrive (extraction, language, relevance) and
stored in batches, so NER runs through nlp.pipe over a batch and each batch
is one transaction. Feed state (ETag, Last-Modified) is saved only after
the articles it led to are stored: a crawl killed in between fetches the
feed again next time instead of skipping what it never stored.
"""

from __future__ import annotations

import os

from pipeline.process import NotAnArticle, prepare, understand
from pipeline.extract import ExtractError
from pipeline.records import FeedStatus, FetchError, Page
from pipeline.storage import Store, StorageError, open_db, record_error, save_feed_status

BATCH_SIZE = int(os.environ.get("TRACKER_BATCH_SIZE", "32"))


class TrackerPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.batch = []
        self.feed_statuses: list[FeedStatus] = []
        self.unsaved = 0  # articles of batches that could not be stored

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider

    def open_spider(self):
        self.db = open_db(self.spider.db_path)
        self.store = Store(self.db)
        self.run_id = getattr(self.spider, "run_id", None)
        self.model = getattr(self.spider, "model", None)

    def process_item(self, item):
        if isinstance(item, Page):
            try:
                self.batch.append(prepare(item))
            except NotAnArticle:
                self.count("pages_not_article")
            except ExtractError as exc:
                self.error(FetchError(item.source, item.url, "extract", str(exc)))
            except Exception as exc:  # one bad page must not end the run: record it and go on
                self.error(FetchError(item.source, item.url, "extract", f"{type(exc).__name__}: {exc}"))
            if len(self.batch) >= BATCH_SIZE:
                self.flush()
        elif isinstance(item, FetchError):
            self.error(item)
        elif isinstance(item, FeedStatus):
            self.feed_statuses.append(item)
        return item

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"tracker/{key}", n)

    def error(self, error: FetchError) -> None:
        self.count("errors")
        record_error(self.db, self.run_id, error)

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        try:
            understand(batch, self.model)
            outcome = self.store.store_articles(batch)
        except StorageError as exc:
            # Nothing of the batch was written (one transaction). Remember it, so the feeds
            # are not marked as read and the next run fetches these articles again.
            self.unsaved += len(batch)
            self.crawler.stats.set_value("tracker/fatal", str(exc))
            self.spider.logger.error("could not store %d articles: %s", len(batch), exc)
            return
        for key, n in outcome.items():
            self.count(f"articles_{key}", n)

    def close_spider(self):
        try:
            self.flush()
            for status in self.feed_statuses:
                if self.unsaved and status.status == 200:
                    continue  # keep the old ETag: what this feed led to was not all stored
                save_feed_status(self.db, status)
        except StorageError as exc:
            self.crawler.stats.set_value("tracker/fatal", str(exc))
            self.spider.logger.error("could not save feed state: %s", exc)
        finally:
            self.db.close()
