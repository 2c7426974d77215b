"""The one Scrapy item pipeline: it hands items to `pipeline/` and does nothing else.

Pages are prepared as they arrive (extraction, language, relevance) and
stored in batches, so NER runs through nlp.pipe over a batch and each batch
is one transaction. Feed state (ETag, Last-Modified) is saved only after
the articles it led to are stored: a crawl killed in between fetches the
feed again next time instead of skipping what it never stored.

NER is the slowest stage by far, and the whole crawl shares one process
(Scrapy's reactor). So NER runs in worker processes (TRACKER_NER_WORKERS,
default 1; 0 runs it in the crawl process): while a worker tags one batch,
the crawl process goes on fetching, extracting and storing on the other core.
Batches are still stored in the crawl process, in the order they were
filled, one transaction each. At most two batches per worker wait for NER;
beyond that process_item waits, which makes Scrapy stop fetching, so memory
stays flat however many pages a feed lists.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from pipeline.extract import ExtractError
from pipeline.process import NotAnArticle, prepare, understand
from pipeline.records import Article, FeedStatus, FetchError, Page
from pipeline.skipped import NO_TEXT, NOT_ARTICLE, remember_skipped_page
from pipeline.storage import StorageError, Store, open_db, record_error, save_feed_status

BATCH_SIZE = int(os.environ.get("TRACKER_BATCH_SIZE", "32"))


def ner_workers() -> int:
    return max(0, int(os.environ.get("TRACKER_NER_WORKERS", "1")))


# --- the NER worker processes ----------------------------------------------------------------------

def _exit_with(parent: int) -> None:
    # A worker holds both ends of its task queue, so it never sees EOF: when the crawl process is
    # killed (kill -9, OOM), the worker must notice by itself or it lingers with the model in memory.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _start_worker(model: str | None, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the crawl process shuts down gracefully and
    # still needs its workers to finish the batches in flight.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    from pipeline.entities import load_english, load_german, model_name

    load_english(model_name(model))  # once per worker, not once per batch
    load_german()


def _entities_of(articles: list[Article], model: str | None) -> list[list]:
    """Runs in a worker: the entities of each article of a batch, in order."""
    return [article.entities for article in understand(articles, model)]


class WorkerPool:
    """One pool for the whole crawl process, shared by its spiders, started on the first batch that needs NER.

    A crawl that finds nothing new never starts it, so a no-op run does not pay for loading the model.
    """

    def __init__(self):
        self.executor: ProcessPoolExecutor | None = None
        self.users = 0

    def _start(self, model: str | None) -> None:
        # spawn, not fork: the crawl process runs threads and an event loop that a fork would copy mid-flight.
        self.executor = ProcessPoolExecutor(ner_workers(), mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker, initargs=(model, os.getpid()))

    def warm(self, model: str | None) -> None:
        """Start the workers on the first relevant article, so they load the model while the first batch fills."""
        if self.executor is None:
            self._start(model)
            self.executor.submit(os.getpid)  # a no-op task: it makes the pool spawn its workers now

    def submit(self, articles: list[Article], model: str | None):
        if self.executor is None:
            self._start(model)
        # The raw HTML stays here (it is archived by the crawl process); the worker needs only the text.
        try:
            return self.executor.submit(_entities_of, [replace(a, html=None) for a in articles], model)
        except BrokenProcessPool:
            self.reset()
            raise

    def reset(self) -> None:
        """After a worker died: drop the broken pool, so the next batch starts a fresh one."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def release(self) -> None:
        self.users -= 1
        if self.users <= 0 and self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


POOL = WorkerPool()


# --- the item pipeline -----------------------------------------------------------------------------

class TrackerPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.batch: list[Article] = []
        self.feed_statuses: list[FeedStatus] = []
        self.unsaved = 0  # articles of batches that could not be stored
        self.pending: set[asyncio.Task] = set()  # batches in NER or waiting to be stored
        self.last: asyncio.Task | None = None  # the batch filled last: the next one is stored after it
        self._store: Store | None = None
        self.workers = ner_workers()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider

    def open_spider(self):
        self.db = open_db(self.spider.db_path)
        self.run_id = getattr(self.spider, "run_id", None)
        self.model = getattr(self.spider, "model", None)
        POOL.users += 1

    @property
    def store(self) -> Store:
        # Made on first use: it loads every stored signature, which a run with nothing new does not need.
        if self._store is None:
            self._store = Store(self.db)
        return self._store

    async def process_item(self, item):
        if isinstance(item, Page):
            try:
                article = prepare(item)
                self.batch.append(article)
                if article.relevant and self.workers:
                    POOL.warm(self.model)
            except NotAnArticle as exc:
                self.count("pages_not_article")
                remember_skipped_page(self.db, item, NOT_ARTICLE, str(exc))  # not fetched again for a while
            except ExtractError as exc:
                self.error(FetchError(item.source, item.url, "extract", str(exc)))
                remember_skipped_page(self.db, item, NO_TEXT, str(exc))
            except Exception as exc:  # one bad page must not end the run: record it and go on
                self.error(FetchError(item.source, item.url, "extract", f"{type(exc).__name__}: {exc}"))
            if len(self.batch) >= BATCH_SIZE:
                self.flush()
                # Back-pressure: while the workers are behind, this item waits and Scrapy fetches no more.
                while len(self.pending) > 2 * max(self.workers, 1):
                    await asyncio.wait(self.pending, return_when=asyncio.FIRST_COMPLETED)
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
        """Send the batch to NER (if any of it is relevant) and store it when its turn comes."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        future = None
        if self.workers and any(a.relevant for a in batch):
            try:
                future = asyncio.wrap_future(POOL.submit(batch, self.model))
            except Exception as exc:  # handled like a failure inside the worker, in _finish
                future = asyncio.get_running_loop().create_future()
                future.set_exception(exc)
        task = asyncio.ensure_future(self._finish(batch, future, self.last))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)
        self.last = task

    async def _finish(self, batch: list[Article], future, previous: asyncio.Task | None) -> None:
        try:
            if future is not None:
                entities = await future
                for article, found in zip(batch, entities, strict=True):
                    article.entities = found
            else:
                understand(batch, self.model)  # in this process: no worker, or nothing relevant to tag
        except Exception as exc:  # a worker died or NER failed: record it; the feeds stay unread
            if isinstance(exc, BrokenProcessPool):
                POOL.reset()
            self.unsaved += len(batch)
            self.error(FetchError(batch[0].source, batch[0].url, "entities",
                                  f"NER failed for a batch of {len(batch)} articles, not stored: "
                                  f"{type(exc).__name__}: {exc}"))
            return
        finally:
            if previous is not None:
                await asyncio.wait([previous])  # store in the order the batches were filled
        self._store_batch(batch)

    def _store_batch(self, batch: list[Article]) -> None:
        try:
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

    async def close_spider(self):
        try:
            self.flush()
            if self.pending:
                await asyncio.wait(set(self.pending))
            for status in self.feed_statuses:
                if self.unsaved and status.status == 200:
                    continue  # keep the old ETag: what this feed led to was not all stored
                save_feed_status(self.db, status)
        except StorageError as exc:
            self.crawler.stats.set_value("tracker/fatal", str(exc))
            self.spider.logger.error("could not save feed state: %s", exc)
        finally:
            POOL.release()
            self.db.close()
