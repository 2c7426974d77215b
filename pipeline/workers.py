"""NER in worker processes, so the crawl process goes on fetching and extracting on the other core.

NER is the slowest stage by far, and a crawl runs in one process (Scrapy's
reactor). TRACKER_NER_WORKERS (default 1) worker processes tag batches; 0
runs NER in the calling process. The pool is started on the first relevant
article, so a crawl that finds nothing new never loads the model.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from pipeline.records import Article


def ner_workers() -> int:
    return max(0, int(os.environ.get("TRACKER_NER_WORKERS", "1")))


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
    from pipeline.understand.entities import load_all

    load_all(model)  # once per worker, not once per batch


def _entities_of(articles: list[Article], model: str | None) -> list[list]:
    """Runs in a worker: the entities of each article of a batch, in order."""
    from pipeline.process import tag

    return [article.entities for article in tag(articles, model)]


class NerPool:
    """The worker processes of one crawl, started on the first batch that needs NER."""

    def __init__(self, model: str | None, workers: int | None = None):
        self.model = model
        self.workers = ner_workers() if workers is None else workers
        self.executor: ProcessPoolExecutor | None = None

    def _start(self) -> None:
        # spawn, not fork: the crawl process runs threads and an event loop that a fork would copy mid-flight.
        self.executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker, initargs=(self.model, os.getpid()))

    def warm(self) -> None:
        """Start the workers now, so they load the model while the first batch fills."""
        if self.workers and self.executor is None:
            self._start()
            self.executor.submit(os.getpid)  # a no-op task: it makes the pool spawn its workers now

    def submit(self, articles: list[Article]) -> Future:
        """The entities of each article, from a worker. Raises BrokenProcessPool if a worker died."""
        if self.executor is None:
            self._start()
        # The raw HTML stays here (it is archived by the crawl process); the worker needs only the text.
        try:
            return self.executor.submit(_entities_of, [replace(a, html=None) for a in articles], self.model)
        except BrokenProcessPool:
            self.reset()
            raise

    def reset(self) -> None:
        """After a worker died: drop the broken pool, so the next batch starts a fresh one."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
