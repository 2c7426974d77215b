"""One clock for every stage: timestamps are ISO 8601 in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
