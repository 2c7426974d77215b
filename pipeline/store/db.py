"""Opening the working database, and turning SQLite failures into one-line reasons an operator can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from pipeline.store.schema import migrate


class StorageError(RuntimeError):
    """The database cannot be opened or written (read-only file, full disk, not a database)."""


def open_db(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating if needed) the working database.

    WAL lets readers (tracker status, a Datasette on the working file) read
    while a crawl writes; busy_timeout makes a brief overlap wait instead of failing.
    """
    path = Path(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            return sqlite_utils.Database(conn)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA foreign_keys = ON")
        if db.journal_mode != "wal":
            db.enable_wal()
        migrate(db)
        return db
    except (sqlite3.DatabaseError, OSError) as exc:
        raise StorageError(f"{path}: cannot open database: {explain_db_error(exc, path)}") from exc


def explain_db_error(exc: BaseException, path: str | Path | None = None) -> str:
    """What an operator should do about a database error, in one line.

    With `path`, a bare "unable to open database file" on an existing database
    whose file or folder cannot be written is reported as read-only: SQLite
    needs to create its -wal/-shm files beside the database.
    """
    text = str(exc)
    lowered = text.lower()
    unwritable = path is not None and Path(path).exists() and not (
        os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK))
    if ("readonly" in lowered or "read-only" in lowered or getattr(exc, "errno", None) == errno.EROFS
            or ("unable to open" in lowered and unwritable)):
        return f"read-only ({text}): check the owner and permissions of the database and its folder, and the mount"
    if "disk is full" in lowered or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"the disk is full ({text}): free some space and run again; nothing stored so far is lost"
    return text


@contextmanager
def writing(db: sqlite_utils.Database):
    """One transaction; a failed write becomes a StorageError with a readable reason, not a traceback."""
    try:
        with db.atomic():
            yield
    except sqlite3.Error as exc:
        raise StorageError(f"cannot write to the database: {explain_db_error(exc)}") from exc
