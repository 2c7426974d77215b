"""Feed state: ETag and Last-Modified for conditional GET, and the back-off of a failing feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlite_utils

from pipeline.clock import now_utc
from pipeline.records import FeedStatus
from pipeline.store.db import writing

BACKOFF_START = timedelta(minutes=30)
BACKOFF_MAX = timedelta(days=1)


def conditional_headers(state: dict) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the URL answered last time: an unchanged document is a 304."""
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    return headers


def feed_state(db: sqlite_utils.Database, url: str) -> dict:
    rows = list(db.query("select * from feeds where url = ?", [url]))
    return rows[0] if rows else {}


def feed_due(state: dict, now: datetime | None = None) -> bool:
    """A failing feed is retried after a back-off; it is never dropped."""
    when = state.get("next_attempt")
    return not when or datetime.fromisoformat(when) <= (now or datetime.now(UTC))


def save_feed_status(db: sqlite_utils.Database, status: FeedStatus) -> None:
    state = feed_state(db, status.url)
    now = now_utc()
    row = {"url": status.url, "source": status.source, "last_status": status.status,
           "last_attempt": now.isoformat(), "entries": status.entries, "kind": status.kind}
    ok = status.status in (200, 304) and not status.error
    if ok:
        row.update({"last_success": now.isoformat(), "consecutive_failures": 0, "last_error": None,
                    "next_attempt": None})
        if status.status == 200:
            row.update({"etag": status.etag, "last_modified": status.last_modified})
        else:
            row["not_modified_count"] = (state.get("not_modified_count") or 0) + 1
    else:
        failures = (state.get("consecutive_failures") or 0) + 1
        delay = min(BACKOFF_START * 2 ** (failures - 1), BACKOFF_MAX)
        row.update({"consecutive_failures": failures, "last_error": status.error or f"HTTP {status.status}",
                    "next_attempt": (now + delay).isoformat()})
    with writing(db):
        db["feeds"].upsert(row, pk="url")
