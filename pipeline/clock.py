"""One clock for every stage: timestamps are ISO 8601 in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    """Now, in UTC, to the second: for arithmetic (back-off times) on the same clock as now_iso."""
    return datetime.now(UTC).replace(microsecond=0)


def now_iso() -> str:
    return now_utc().isoformat()
