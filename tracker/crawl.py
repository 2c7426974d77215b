"""Running a crawl: sources file -> the collect spider -> the working database -> the published snapshot."""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.collect.sources import load_sources
from pipeline.corrections.apply import apply_from_file
from pipeline.corrections.store import default_path
from pipeline.ingest import Ingest, begin_run, end_run
from pipeline.publish.snapshot import publish_snapshot
from pipeline.store.db import StorageError, explain_db_error, open_db
from pipeline.testhooks import pause_for_test


@dataclass
class CrawlResult:
    run_id: int
    status: str
    counts: Counter = field(default_factory=Counter)
    snapshot: Path | None = None
    message: str = ""


# Loggers whose records are about one request, each also recorded in `errors` by the spiders'
# errbacks: kept out of stderr (cron mails it) but still in the --log-file. A dead host alone
# gave 76 lines of stderr, tracebacks included, from the robots.txt and retry middlewares.
PER_REQUEST_LOGGERS = ("scrapy.downloadermiddlewares.", "scrapy.core.downloader", "crawlers.middlewares")


def _not_per_request(record: logging.LogRecord) -> bool:
    return not record.name.startswith(PER_REQUEST_LOGGERS)


def quiet_console(**_signal) -> None:
    """Filter per-request records from the stderr handler Scrapy installs (not from a log file)."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler):
            if _not_per_request not in handler.filters:
                handler.addFilter(_not_per_request)


def published_path(db_path: str | Path) -> Path:
    """data/tracker.db -> data/published/tracker.db: the copy Datasette serves.

    The snapshot is always named tracker.db, because Datasette names a database after its
    file and the canned queries, feeds and pages in datasette_config/ are for "tracker".
    A working file with another name gets a folder of its own: data/other.db ->
    data/published/other/tracker.db, so two databases side by side never share a snapshot.
    """
    db_path = Path(db_path)
    if db_path.name == "tracker.db":
        return db_path.parent / "published" / "tracker.db"
    return db_path.parent / "published" / db_path.stem / "tracker.db"


def publish_after(db_path: str | Path, say=print) -> Path:
    """Refresh the published snapshot after a command changed the working database, so Datasette shows it."""
    snapshot = publish_snapshot(db_path, published_path(db_path))
    say(f"published {snapshot}")
    return snapshot


def scrapy_settings(overrides: dict | None = None):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def log_to_file(path: str | Path, max_bytes: int = 5_000_000, backups: int = 5) -> logging.Handler:
    """Send INFO and above (Scrapy's stats, errors, the summary) to a file that rotates by size.

    Works the same under cron and systemd, without logrotate: at `max_bytes`
    the file becomes .1, .1 becomes .2, and so on up to `backups` files.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("tracker.run").addHandler(handler)  # the summary line, which does not propagate
    return handler


def _writing(db_path, step):
    """Run one database step of the crawl; any SQLite error becomes a one-line StorageError."""
    try:
        return step()
    except sqlite3.Error as exc:
        raise StorageError(f"{db_path}: {explain_db_error(exc)}") from exc


def _backstop(seconds: float, forced: list):
    """Stop the reactor outright if the crawl is still running `seconds` after it started.

    CLOSESPIDER_TIMEOUT closes the spider at the limit, but closing waits for the
    downloads in progress; one that never ends (a server that trickles, a handler
    that hangs) would keep the run, and its lock, forever. The batches already
    stored stay stored; what was in memory is fetched again next run.
    """
    from twisted.internet import reactor

    def stop():
        forced.append(True)
        logging.getLogger("tracker.run").error("the crawl did not stop within %g s of its time limit; stopping it",
                                               seconds)
        reactor.crash()  # not stop(): Scrapy's shutdown trigger would wait for the same stuck downloads
        # crash() skips the shutdown triggers, among them the one that ends the reactor's thread pool
        # (DNS lookups): its threads would keep the process alive after the run is recorded.
        reactor.getThreadPool().stop()

    return reactor.callLater(seconds, stop)


def run_crawl(sources_file: str | Path, db_path: str | Path, base: str | None = None,
              settings: dict | None = None, model: str | None = None, publish: bool = True,
              raw_days: int | None = None, progress=None) -> CrawlResult:
    """Crawl every source once. Dead sources are recorded, not fatal.

    Raises SourcesError / StorageError when the run cannot start at all.
    `progress` is a stream to draw progress on (a terminal), or None for quiet.
    """
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawlers.spiders.collect import CollectSpider

    sources = load_sources(sources_file, base=base)
    db = open_db(db_path)
    try:
        run_id = _writing(db_path, lambda: begin_run(db, sources))
        pause_for_test("started")  # test-only: run logged as running, nothing fetched yet

        process = CrawlerProcess(scrapy_settings(settings))
        logging.getLogger("scrapy").propagate = True
        # One spider for every kind of source: one downloader, so per-domain limits hold per site (issue 3).
        # The spider and the item pipeline share the run's Ingest, and with it one database connection.
        if sources:
            process.crawl(CollectSpider, sources=sources, ingest=Ingest(db, run_id=run_id, model=model))
        crawlers = list(process.crawlers)
        for crawler in crawlers:  # Scrapy installs its stderr handler as the crawler starts
            crawler.signals.connect(quiet_console, signal=signals.engine_started)
        watcher = None
        if progress is not None and crawlers:
            from tracker.progress import Progress

            watcher = Progress(crawlers, progress)  # kept in a variable: Scrapy's signals hold only weak references
        limit = process.settings.getfloat("CLOSESPIDER_TIMEOUT")
        forced = []
        backstop = _backstop(limit + process.settings.getfloat("TRACKER_STOP_GRACE", 60), forced) if limit else None
        process.start()
        if backstop is not None and backstop.active():
            backstop.cancel()
        del watcher

        counts: Counter = Counter()
        fatal, notes = [], []
        interrupted = False
        for crawler in crawlers:
            for key, value in crawler.stats.get_stats().items():
                if key.startswith("tracker/") and isinstance(value, int):
                    counts[key.removeprefix("tracker/")] += value
            if crawler.stats.get_value("tracker/fatal"):
                fatal.append(crawler.stats.get_value("tracker/fatal"))
            # Ctrl-C: Scrapy closes the spiders cleanly, but the run did not cover everything.
            interrupted |= crawler.stats.get_value("finish_reason") == "shutdown"
            if crawler.stats.get_value("finish_reason") == "closespider_timeout" or forced:
                interrupted = True  # what was stored is kept; the rest is fetched next run
                notes = [f"stopped at the time limit, TRACKER_MAX_RUNTIME={limit:g} s"]
        status = "failed" if fatal else "interrupted" if interrupted else "completed"
        fatal += notes
        # The machine has judged what this run stored: the reviewers' corrections go on top, before publishing.
        _writing(db_path, lambda: apply_from_file(db, default_path(db_path), model))
        _writing(db_path, lambda: end_run(db, run_id, status, counts, "; ".join(fatal), raw_days))
    finally:
        db.close()
    pause_for_test("finished")  # test-only: run logged as finished, snapshot not yet published
    snapshot = publish_snapshot(db_path, published_path(db_path)) if publish else None
    return CrawlResult(run_id=run_id, status=status, counts=counts, snapshot=snapshot, message="; ".join(fatal))
