"""Serving the published snapshot, and switching to a new one when `tracker publish` swaps it in.

Datasette opens the snapshot with --immutable: fast counts, no locking, and
safe because a snapshot file is never changed in place (publishing renames a
new file over the old name). The flip side is that Datasette keeps reading
the old file it has open. So `tracker serve` watches the snapshot's inode and
restarts Datasette when it changes; readers see the old data or the new data,
with a gap of about a second while Datasette starts again.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable
from pathlib import Path


def _exit_on_term(signum, frame):
    raise SystemExit(0)


def snapshot_identity(snapshot: Path) -> tuple[int, int] | None:
    try:
        st = snapshot.stat()
    except FileNotFoundError:
        return None  # between an unlink and a rename; os.replace never leaves this, but be lenient
    return st.st_ino, st.st_mtime_ns


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve_and_reload(command: list[str], snapshot: Path, say: Callable[[str], None] = print,
                     interval: float = 1.0) -> int:
    """Run `command` (Datasette on `snapshot`); restart it whenever a new snapshot is swapped in."""
    # systemd and test harnesses stop us with SIGTERM: stop Datasette too instead of orphaning it.
    signal.signal(signal.SIGTERM, _exit_on_term)
    current = snapshot_identity(snapshot)
    child = subprocess.Popen(command)
    try:
        while True:
            try:
                return child.wait(timeout=interval)  # Datasette ended by itself (bad option, port taken)
            except subprocess.TimeoutExpired:
                pass
            latest = snapshot_identity(snapshot)
            if latest is not None and latest != current:
                current = latest
                say(f"new snapshot {snapshot}: restarting Datasette")
                _stop(child)
                child = subprocess.Popen(command)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(child)
