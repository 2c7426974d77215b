"""The corrections file: one row per correction, never edited, superseded by a later one of the same target.

A correction is kept as it was made (kind, target, value, who, when, reason,
source URL). Targets are stored in a form that outlives the work database:
an article by its URL, an entity by its name, a case or bill by its slug. A
later correction with the same key (kinds.py) supersedes an earlier one, and
a `revert` supersedes the one it names; `superseded_by` is recomputed after
every write, so the listing, the log and `apply_corrections` agree.

Each correction has a `uid` (random, made once): export writes it, import
skips uids already there, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from pipeline.clock import now_iso
from pipeline.corrections.kinds import RECORD_FIELDS, Correction, CorrectionError, key_of

__all__ = ["Correction", "CorrectionError", "add", "export_lines", "import_lines", "load", "open_corrections"]

ENV = "TRACKER_CORRECTIONS_DB"


def default_path(db_path: str | Path) -> Path:
    """data/tracker.db -> data/corrections.db (other.db -> other.corrections.db); $TRACKER_CORRECTIONS_DB wins."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    db_path = Path(db_path)
    name = "corrections.db" if db_path.name == "tracker.db" else f"{db_path.stem}.corrections.db"
    return db_path.with_name(name)


migrations = Migrations("corrections")


@migrations()
def c001_corrections(db: sqlite_utils.Database) -> None:
    db["corrections"].create({
        "id": int, "uid": str, "kind": str, "target": str, "value": str, "who": str, "at": str, "reason": str,
        "source_url": str, "superseded_by": int,
    }, pk="id", not_null={"uid", "kind", "target", "at", "reason"})
    db["corrections"].create_index(["uid"], unique=True)


def open_corrections(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """The corrections file, created and migrated on first use (read-only: an absent file reads as empty)."""
    path = Path(path)
    if readonly:
        if not path.exists():
            return _empty()
        return sqlite_utils.Database(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    if db.journal_mode != "wal":
        db.enable_wal()  # the review page writes while a crawl reads
    migrations.apply(db)
    return db


def _empty() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    migrations.apply(db)
    return db


def load(db: sqlite_utils.Database) -> list[Correction]:
    """Every correction, oldest first."""
    return [Correction(**row) for row in db.query("select * from corrections order by at, id")]


def active(corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if c.superseded_by is None]


def add(db: sqlite_utils.Database, correction: Correction) -> Correction:
    """Store a correction (already checked by kinds.check) and mark what it supersedes."""
    correction.uid = correction.uid or uuid.uuid4().hex
    correction.at = correction.at or now_iso()
    with db.atomic():
        correction.id = db["corrections"].insert(correction.record()).last_pk
        _supersede(db)
    return correction


def import_lines(db: sqlite_utils.Database, lines) -> tuple[int, int]:
    """JSON lines as written by `export_lines`; returns (added, already there). Idempotent by uid."""
    added = known = 0
    with db.atomic():
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                row = {k: record.get(k) for k in RECORD_FIELDS}
                missing = [k for k in ("uid", "kind", "target", "at", "reason") if not row[k]]
            except (ValueError, AttributeError) as exc:
                raise CorrectionError(f"line {number}: not a JSON object ({exc})") from None
            if missing:
                raise CorrectionError(f"line {number}: missing {', '.join(missing)}")
            if db.execute("select 1 from corrections where uid = ?", [row["uid"]]).fetchone():
                known += 1
                continue
            db["corrections"].insert(row)
            added += 1
        _supersede(db)
    return added, known


def export_lines(db: sqlite_utils.Database):
    """One JSON object per correction, oldest first: reviewable in a pull request, importable elsewhere."""
    for correction in load(db):
        yield json.dumps(correction.record(), ensure_ascii=False, sort_keys=True)


def _supersede(db: sqlite_utils.Database) -> None:
    """superseded_by: the later correction of the same key, or the revert that names it."""
    rows = load(db)
    by_uid = {c.uid: c for c in rows}
    latest: dict[tuple, Correction] = {}
    superseded: dict[int, int | None] = {c.id: None for c in rows}
    for correction in rows:  # oldest first
        if correction.kind == "revert":
            undone = by_uid.get(correction.target)
            if undone is not None and undone.id != correction.id:
                superseded[undone.id] = correction.id
            continue
        key = key_of(correction)
        if key in latest:
            superseded[latest[key].id] = correction.id
        latest[key] = correction
    for id_, by in superseded.items():
        db.execute("update corrections set superseded_by = ? where id = ?", [by, id_])
