"""The run log: one row per crawl run with its counts, and the errors it recorded and carried on from."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import sqlite_utils

from pipeline.clock import now_iso
from pipeline.records import FetchError
from pipeline.store.db import StorageError, writing

RUN_COUNTERS = (
    "feeds_fetched", "feeds_not_modified", "feeds_failed", "pages_fetched", "articles_new",
    "articles_updated", "articles_unchanged", "articles_duplicate", "articles_irrelevant", "errors",
)

log = logging.getLogger("tracker.storage")


def start_run(db: sqlite_utils.Database, sources: int) -> int:
    with writing(db):
        return db["crawl_runs"].insert(
            {"started": now_iso(), "status": "running", "sources": sources, **dict.fromkeys(RUN_COUNTERS, 0)}
        ).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict, message: str = "") -> None:
    row = {"finished": now_iso(), "status": status, "message": message}
    row.update({k: int(counts.get(k, 0)) for k in RUN_COUNTERS})
    with writing(db):
        db["crawl_runs"].update(run_id, row)


def mark_abandoned_runs(db: sqlite_utils.Database) -> int:
    """Runs still 'running' when a new run starts (under the lock) were killed: say so.

    Their `finished` is the time of their last recorded error, or else their
    start: the moment they died is unknown, and "now" would make them look long.
    """
    with writing(db):
        cursor = db.execute(
            "update crawl_runs set status = 'killed', message = 'process ended without finishing the run', "
            "finished = coalesce(finished, (select max(at) from errors where errors.run_id = crawl_runs.id), started) "
            "where status = 'running'")
    return cursor.rowcount


def record_error(db: sqlite_utils.Database, run_id: int | None, error: FetchError) -> bool:
    """Log one error of a run. Never raises: an error that cannot be written (full disk) is logged instead."""
    try:
        with writing(db):
            db["errors"].insert({"run_id": run_id, "at": now_iso(), "source": error.source, "url": error.url,
                                 "stage": error.stage, "message": error.message[:2000]})
        return True
    except StorageError as exc:
        log.error("%s (while recording %s error for %s)", exc, error.stage, error.url)
        return False


def prune_raw_pages(db: sqlite_utils.Database, days: int | None) -> int:
    """Drop archived HTML fetched more than `days` days ago; None or 0 keeps it forever.

    Only the raw HTML goes: the article row and its extracted text stay.
    The freed pages are reused by later writes (no VACUUM, which would need
    a second copy of the database on disk).
    """
    if not days or days <= 0:
        return 0
    cutoff = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
    with writing(db):
        return db.execute("delete from raw_pages where fetched < ?", [cutoff]).rowcount
