"""Crash safety: kill -9 at chosen points, a full disk and a read-only database.

Each killed crawl is stopped by the test-only hook TRACKER_TEST_PAUSE_AT
(pipeline.testhooks.pause_for_test), then a normal rerun must leave exactly
the articles of a clean single run: none lost, none twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import development_problems, write_sources
from tests.ops_site import build_site, crawl_command, crawl_env, serve, start_crawl, stored_paths

pytestmark = pytest.mark.slow

# stage[:n] -> what is on disk when the process dies
KILL_POINTS = {
    "started": "run logged as running, nothing fetched",
    "store:2": "inside the second batch's transaction (first batch committed)",
    "stored:3": "after three batches committed, feed state not saved",
    "finished": "run logged as completed, snapshot not published",
    "publish": "snapshot written to its temporary file, not renamed",
}


@pytest.fixture(scope="module")
def ops(tmp_path_factory):
    root = tmp_path_factory.mktemp("ops-site")
    site = build_site(root)
    with serve(root) as server:
        sources = write_sources(root / "sources.yaml", server.base_url, root / "sources.local.yaml")
        yield site, sources


def wait_for(path: Path, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"crawl ended before pausing: {proc.returncode} {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"crawl did not reach {path.name}")
        time.sleep(0.05)


def check_clean(db: Path, site) -> None:
    """Every page of the site stored exactly once, with its URLs, archive row and no orphan rows.

    The copy of a00 (same text, same source) is one article seen under two URLs.
    """
    paths = stored_paths(db)
    assert len(paths) == len(set(paths)), "an article was stored twice"
    assert len(paths) == len(site.articles)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        seen = {urlsplit(u).path for (u,) in conn.execute("select url from article_urls")}
        assert site.expected_paths <= seen
        assert set(paths) <= seen
        assert conn.execute("select count(*) from raw_pages").fetchone()[0] == len(paths)
        orphans = conn.execute("select count(*) from article_urls where article_id not in (select id from articles)")
        assert orphans.fetchone()[0] == 0
        assert development_problems(conn) == []
    finally:
        conn.close()


def all_urls(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {urlsplit(u).path for (u,) in conn.execute("select url from article_urls")}
    finally:
        conn.close()


def test_kill_at_each_point_then_rerun_matches_a_clean_run(ops, tmp_path):
    site, sources = ops
    killed = {}
    # The killed crawls run side by side (each on its own database) to keep the test short.
    for point in KILL_POINTS:
        db = tmp_path / point.replace(":", "-") / "tracker.db"
        marker = db.parent / "paused"
        db.parent.mkdir()
        killed[point] = (db, marker, start_crawl(sources, db, TRACKER_TEST_PAUSE_AT=point,
                                                 TRACKER_TEST_PAUSE_FILE=str(marker)))
    for point, (db, marker, proc) in killed.items():
        wait_for(marker, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        status = conn.execute("select status from crawl_runs order by id desc").fetchone()[0]
        # Developments are placed in the batch's own transaction: no kill leaves a listed article without one.
        assert development_problems(conn) == [], point
        conn.close()
        assert status == ("completed" if point in ("finished", "publish") else "running"), point
        if point == "publish":
            assert list(db.parent.glob("published/.tracker.db.*.tmp")), "the temporary snapshot should be left"
            assert not (db.parent / "published" / "tracker.db").exists()

    reruns = {point: start_crawl(sources, db) for point, (db, _, _) in killed.items()}
    for point, proc in reruns.items():
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, f"{point}: {err}"
        db = killed[point][0]
        check_clean(db, site)
        conn = sqlite3.connect(db)
        runs = conn.execute("select status, finished from crawl_runs order by id").fetchall()
        conn.close()
        if point in ("finished", "publish"):
            assert [s for s, _ in runs] == ["completed", "completed"], point
        else:
            assert [s for s, _ in runs] == ["killed", "completed"], point
            assert runs[0][1], "a killed run gets a finishing time"
        # Same URLs as a clean single run: killed at "started", the rerun is a crawl from scratch.
        assert all_urls(db) == all_urls(killed["started"][0]), point
        # The rerun published a whole snapshot and cleaned up the killed publish's temporary file.
        published = db.parent / "published" / "tracker.db"
        assert stored_paths(published) == stored_paths(db)
        assert not list(db.parent.glob("published/.tracker.db.*.tmp"))


def mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()})")


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "1m")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def one_line_error(result_stderr: str) -> str:
    lines = [line for line in result_stderr.splitlines() if line.strip()]
    assert "Traceback" not in result_stderr, result_stderr
    assert lines, "expected an error message"
    return lines[-1]


def test_full_disk_fails_cleanly_and_a_rerun_with_space_loses_nothing(ops, small_disk):
    site, sources = ops
    db = small_disk / "tracker.db"
    proc = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    message = one_line_error(proc.stderr)
    assert message.startswith("Error:") and "disk is full" in message, message
    # Nothing half-written: whatever got in is whole, and with room again the next run completes the set.
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    proc = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    check_clean(db, site)


def test_read_only_database_gives_one_clear_line(ops, small_disk):
    site, sources = ops
    db = small_disk / "tracker.db"
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    first = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = stored_paths(db)
    (small_disk / "tracker.db.lock").unlink()  # as after a reboot: the lock file is created again
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    message = one_line_error(proc.stderr)
    assert message.startswith("Error:") and "read-only" in message, message
    # With the lock file in place (only the database unwritable), the crawl itself reports it.
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    (small_disk / "tracker.db.lock").touch()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    message = one_line_error(proc.stderr)
    assert message.startswith("Error:") and "read-only" in message, message
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert stored_paths(db) == before
    check_clean(db, site)


def test_disk_full_before_the_run_starts_is_one_line(ops, small_disk):
    site, sources = ops
    with open(small_disk / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"x" * 65536)
                filler.flush()
        except OSError:
            pass
    proc = subprocess.run(crawl_command(sources, small_disk / "tracker.db"), env=crawl_env(), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert one_line_error(proc.stderr).startswith("Error:") and "disk is full" in proc.stderr
