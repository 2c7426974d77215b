"""One real crawl of tests/sites/publishing and one `tracker serve` on it, shared by the publishing tests.

The publishing tests live in several files (test_datasette, test_atom_feeds,
test_feeds_export, test_browser, test_escaping). A session fixture defined
here is imported by each, so the state is cached at module level: the crawl
and the server happen once per pytest run, and stop when pytest ends.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FAST, SITES, TRACKER, Site, free_port, run_tracker, write_sources

SITE = SITES / "publishing"
MALICIOUS_SLUG = "getty-stability-ruling"


@dataclass
class Published:
    site_url: str
    base: str  # Datasette, e.g. http://127.0.0.1:PORT
    db_path: Path  # the working database
    snapshot: Path  # what Datasette serves
    tmp: Path

    def get(self, path: str) -> tuple[int, str, str]:
        """(status, content type, body) of a GET against Datasette."""
        url = path if path.startswith("http") else self.base + path
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.headers.get("content-type", ""), response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("content-type", ""), exc.read().decode("utf-8", "replace")

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        conn = sqlite3.connect(f"file:{self.snapshot}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


_state: dict = {}


def _wait_until_up(base: str, server: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"tracker serve exited: {log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("tracker serve did not answer within 30 s")


@pytest.fixture(scope="session")
def published(request, tmp_path_factory) -> Published:
    if "published" in _state:
        return _state["published"]
    tmp = tmp_path_factory.mktemp("publishing")
    site = Site(SITE)
    site.__enter__()
    request.config.add_cleanup(lambda: site.__exit__(None, None, None))
    sources = write_sources(SITE / "sources.yaml", site.base_url, tmp / "sources.yaml")
    db_path = tmp / "tracker.db"
    result = run_tracker("crawl", "--sources", str(sources), "--db", str(db_path), env=FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    # The tests below need the whole site stored; if a stage dropped a batch, say why here.
    conn = sqlite3.connect(db_path)
    stored = conn.execute("select count(*) from articles").fetchone()[0]
    errors = conn.execute("select stage || ': ' || message from errors").fetchall()
    conn.close()
    assert stored == 6, f"the publishing fixture crawl stored {stored} of 6 articles; errors: {errors}"
    port = free_port()
    # The server's log goes to a file: an unread pipe fills after some hundred requests (64 KB) and the
    # server then blocks writing its access log, so every later request times out.
    log = open(tmp / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115  (closed with the session)
    request.config.add_cleanup(log.close)
    server = subprocess.Popen([TRACKER, "serve", "--db", str(db_path), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)

    def stop():
        # `tracker serve` runs Datasette as its child: signal the whole group we started.
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    request.config.add_cleanup(stop)
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(base, server, tmp / "serve.log")
    _state["published"] = Published(site_url=site.base_url, base=base, db_path=db_path,
                                    snapshot=db_path.parent / "published" / "tracker.db", tmp=tmp)
    return _state["published"]


def have_chromium() -> bool:
    return shutil.which("chromium") is not None or Path("/usr/bin/chromium").exists()
