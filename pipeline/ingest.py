"""Ingestion: a crawl run's start, the stream of fetched pages, and its end. No Scrapy here.

    begin_run ─► Ingest.page(page)* ─► Ingest.close() ─► end_run
                 prepare as each page arrives (extract, language, relevance and topics);
                 per batch: entities (in a worker) ─► cases and bills ─► store and developments,
                 one transaction;
                 feed state last, only when everything its feeds led to was stored.

The stages themselves, and their order, are in pipeline/process.py; this
module decides when they run. Pages are prepared as they arrive and stored in
batches of BATCH_SIZE, so NER runs through nlp.pipe over a batch and each
batch is one transaction. While a worker tags one batch the caller goes on
fetching and preparing; batches are still stored in the order they were
filled. At most two batches per worker wait for NER: beyond that `page()`
waits, which makes the crawler stop fetching, so memory stays flat however
many pages a feed lists.

Feed state (ETag, Last-Modified) is saved only after the articles it led to
are stored: a crawl killed in between fetches the feed again next time
instead of skipping what it never stored.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

import sqlite_utils

from pipeline.collect.skipped import GONE, NO_TEXT, NOT_ARTICLE, remember_skipped_page
from pipeline.curated import CuratedDataError
from pipeline.developments import assign_developments
from pipeline.process import NotAnArticle, PageGone, link, prepare, tag
from pipeline.records import Article, FeedStatus, FetchError, Page, Source
from pipeline.store.articles import Store, sync_sources, sync_topics
from pipeline.store.cases import seed_curated
from pipeline.store.db import StorageError
from pipeline.store.entity_aliases import seed_gazetteer_aliases
from pipeline.store.feed_state import save_feed_status
from pipeline.store.runs import (
    RUN_COUNTERS,
    finish_run,
    mark_abandoned_runs,
    prune_raw_pages,
    record_error,
    start_run,
)
from pipeline.understand.extract import ExtractError
from pipeline.understand.relevance import load_topics
from pipeline.workers import NerPool

BATCH_SIZE = int(os.environ.get("TRACKER_BATCH_SIZE", "32"))
log = logging.getLogger("tracker.ingest")


def begin_run(db: sqlite_utils.Database, sources: list[Source]) -> int:
    """Everything a run needs before its first page: sources, topics, the curated cases and bills, a run row.

    The curated data is seeded here, once per run, because links point at its
    rows. A broken curated file is recorded and the run goes on: its articles
    are stored unlinked, and `tracker cases link` links them once it is fixed.
    """
    sync_sources(db, sources)
    sync_topics(db, load_topics())
    mark_abandoned_runs(db)
    run_id = start_run(db, len(sources))
    seed_gazetteer_aliases(db)  # "Disney" finds The Walt Disney Company in pages and feeds
    try:
        seed_curated(db)
    except CuratedDataError as exc:
        log.error("%s: articles are stored without links to cases and bills", exc)
        record_error(db, run_id, FetchError("curated", "", "cases", str(exc)))
    return run_id


def end_run(db: sqlite_utils.Database, run_id: int, status: str, counts: Counter, message: str = "",
            raw_days: int | None = None) -> None:
    """Close the run's row with its counts, and prune archived HTML older than `raw_days`."""
    finish_run(db, run_id, status, {k: counts.get(k, 0) for k in RUN_COUNTERS}, message)
    counts["raw_pages_pruned"] = prune_raw_pages(db, raw_days)


class Ingest:
    """Takes what a crawl fetched (pages, errors, feed statuses) and stores it, batch by batch.

    `count(key, n)` is told every counter of the run summary (articles_new,
    pages_not_article, errors...); by default they add up in `self.counts`.
    After `close()`, `fatal` holds why some articles could not be stored, if any.
    """

    def __init__(self, db: sqlite_utils.Database, run_id: int | None = None, model: str | None = None,
                 workers: int | None = None, batch_size: int = BATCH_SIZE,
                 count: Callable[[str, int], None] | None = None):
        self.db = db
        self.run_id = run_id
        self.model = model
        self.batch_size = batch_size
        self.counts: Counter = Counter()
        self.count = count or self._add
        self.pool = NerPool(model, workers)
        self.batch: list[Article] = []
        self.feed_statuses: list[FeedStatus] = []
        self.unsaved = 0  # articles of batches that could not be stored
        self.fatal: str | None = None
        self.pending: set[asyncio.Task] = set()  # batches in NER or waiting to be stored
        self.last: asyncio.Task | None = None  # the batch filled last: the next one is stored after it
        self._store: Store | None = None
        self._known: dict[str, list[str]] = {}

    def _add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    @property
    def store(self) -> Store:
        # Made on first use: it loads the recent signatures, which a run with nothing new does not need.
        if self._store is None:
            self._store = Store(self.db)
        return self._store

    # --- what a crawl hands in ---------------------------------------------------------------------

    def known_urls(self, source: str) -> list[str]:
        """The URLs of the source's latest stored articles, read once a run: a new article is usually shaped alike."""
        if source not in self._known:
            try:
                self._known[source] = [r[0] for r in self.db.execute(
                    "select a.url from articles a join sources s on s.id = a.source_id where s.name = ? "
                    "order by a.id desc limit 50", [source])]
            except sqlite3.Error:  # a signal, not a requirement: without it the page is judged on the rest
                self._known[source] = []
        return self._known[source]

    async def page(self, page: Page) -> None:
        """Prepare one fetched page; store the batch when it is full."""
        try:
            page.known_urls = page.known_urls or self.known_urls(page.source)
            article = prepare(page)
            self.batch.append(article)
            if article.relevant:
                self.pool.warm()
        except PageGone as exc:
            self.count("pages_gone", 1)
            remember_skipped_page(self.db, page, GONE, str(exc))  # recorded; its feed text is not stored
        except NotAnArticle as exc:
            self.count("pages_not_article", 1)
            remember_skipped_page(self.db, page, NOT_ARTICLE, str(exc))  # not fetched again for a while
        except ExtractError as exc:
            self.error(FetchError(page.source, page.url, "extract", str(exc)))
            remember_skipped_page(self.db, page, NO_TEXT, str(exc))
        except Exception as exc:  # one bad page must not end the run: record it and go on
            self.error(FetchError(page.source, page.url, "extract", f"{type(exc).__name__}: {exc}"))
        if len(self.batch) >= self.batch_size:
            self.flush()
            # Back-pressure: while the workers are behind, this page waits and the crawler fetches no more.
            while len(self.pending) > 2 * max(self.pool.workers, 1):
                await asyncio.wait(self.pending, return_when=asyncio.FIRST_COMPLETED)

    def error(self, error: FetchError) -> None:
        self.count("errors", 1)
        record_error(self.db, self.run_id, error)

    def feed_status(self, status: FeedStatus) -> None:
        self.feed_statuses.append(status)  # saved in close(), after the articles

    # --- batches -----------------------------------------------------------------------------------

    def flush(self) -> None:
        """Send the batch to NER (if any of it is relevant) and store it when its turn comes."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        future = None
        if self.pool.workers and any(a.relevant for a in batch):
            try:
                future = asyncio.wrap_future(self.pool.submit(batch))
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
                tag(batch, self.model)  # in this process: no worker, or nothing relevant to tag
        except Exception as exc:  # a worker died or NER failed: record it; the feeds stay unread
            if isinstance(exc, BrokenProcessPool):
                self.pool.reset()
            self.unsaved += len(batch)
            self.error(FetchError(batch[0].source, batch[0].url, "entities",
                                  f"NER failed for a batch of {len(batch)} articles, not stored: "
                                  f"{type(exc).__name__}: {exc}"))
            return
        finally:
            if previous is not None:
                await asyncio.wait([previous])  # store in the order the batches were filled
        link(batch)
        self._store_batch(batch)

    def _store_batch(self, batch: list[Article]) -> None:
        try:
            # Developments in the batch's own transaction: a crawl killed at any point leaves
            # no listed article without one, and no development pointing at rows rolled back.
            outcome = self.store.store_articles(batch, then=lambda ids: assign_developments(self.db, ids))
        except StorageError as exc:
            # Nothing of the batch was written (one transaction). Remember it, so the feeds
            # are not marked as read and the next run fetches these articles again.
            self.unsaved += len(batch)
            self.fatal = str(exc)
            log.error("could not store %d articles: %s", len(batch), exc)
            return
        for key, n in outcome.items():
            self.count(f"articles_{key}", n)

    async def close(self) -> None:
        """Store what is left, wait for every batch, then save the feed state."""
        try:
            self.flush()
            if self.pending:
                await asyncio.wait(set(self.pending))
            for status in self.feed_statuses:
                if self.unsaved and status.status == 200:
                    continue  # keep the old ETag: what this feed led to was not all stored
                save_feed_status(self.db, status)
        except StorageError as exc:
            self.fatal = str(exc)
            log.error("could not save feed state: %s", exc)
        finally:
            self.pool.close()
