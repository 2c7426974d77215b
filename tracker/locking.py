"""One run at a time per database: the lock `tracker crawl`, `reprocess`, `demo` and `alerts send` take.

flock is released by the kernel when the process dies, even by kill -9, so a
crashed run never leaves a stale lock. A second run exits at once with
EXIT_LOCKED (75, EX_TEMPFAIL), so cron never stacks runs up behind a slow one;
the next scheduled run simply tries again.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

import click

EXIT_LOCKED = 75


class LockedError(click.ClickException):
    exit_code = EXIT_LOCKED


@contextmanager
def run_lock(db_path: Path, suffix: str = ".lock", who: str = "another crawl",
             leaving: str = "exiting without doing anything"):
    """Hold `<db>.lock` (or `<db><suffix>`) for the block; LockedError naming the holder's pid if it is taken."""
    lock_path = db_path.with_name(db_path.name + suffix)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")  # noqa: SIM115 (closed in the finally below)
    except OSError as exc:
        try:  # an existing lock file on a read-only disk still locks; the database then says what is wrong
            handle = open(lock_path)  # noqa: SIM115
        except OSError:
            from pipeline.store.db import explain_db_error

            raise click.ClickException(f"cannot create the lock file {lock_path}: {explain_db_error(exc)}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise LockedError(f"{who} (pid {holder or '?'}) is already running on {db_path}; "
                          f"{leaving} (lock file {lock_path})") from None
    try:
        try:  # the pid, for the "already running" message and `tracker status`; unbuffered, so a full
            handle.truncate(0)  # disk cannot make close() fail later
            os.write(handle.fileno(), f"{os.getpid()}\n".encode())
        except OSError:
            pass
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
