"""Shared fixtures: fixture sites on 127.0.0.1, fresh databases, and running the real `tracker` command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.store.schema import migrate
from tests.cost import pytest_runtest_protocol  # noqa: F401  (the slow mark is checked, see tests/cost.py)
from tracker.sitehost import SAMPLE_SITE, Site

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
TRACKER = str(Path(sys.executable).parent / "tracker")
ARTIFACTS = ROOT / "test-artifacts"


# The fixture sites are on 127.0.0.1, which pipeline/collect/safety.py refuses unless allowed. Tests that
# call a fetching function in this process (discover, inspect, the case and bill API clients) get it from
# here; a test of the refusal passes allow_loopback=False or sets the variable to 0 itself.
os.environ.setdefault("TRACKER_ALLOW_LOOPBACK", "1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def db():
    """A fresh, migrated in-memory database; closed after the test."""
    database = sqlite_utils.Database(memory=True)
    migrate(database)
    yield database
    database.close()


@pytest.fixture
def mini_site():
    with Site(SITES / "mini") as site:
        yield site


@pytest.fixture(scope="session")
def sample_site():
    with Site(SAMPLE_SITE / "www") as site:
        yield site


def write_sources(template: Path, base_url: str, out: Path) -> Path:
    """A sources file with __BASE__ replaced by a running fixture site's address."""
    out.write_text(template.read_text(encoding="utf-8").replace("__BASE__", base_url), encoding="utf-8")
    return out


def run_tracker(*args: str, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `tracker` console script as a subprocess, the way cron runs it."""
    # Our fixture sites are on 127.0.0.1, which the crawler (and discover, inspect) refuse unless allowed.
    full_env = {**os.environ, "TRACKER_LOG_LEVEL": "ERROR", "TRACKER_ALLOW_LOOPBACK": "1", **(env or {})}
    return subprocess.run([TRACKER, *args], capture_output=True, text=True, timeout=timeout, env=full_env)


# Settings for crawling our own loopback servers fast; the code path is the real one. Loopback must
# be allowed explicitly: by default the crawler refuses it (pipeline/collect/safety.py).
FAST = {"TRACKER_AUTOTHROTTLE": "0", "TRACKER_DOWNLOAD_DELAY": "0", "TRACKER_PER_DOMAIN": "8",
        "TRACKER_ALLOW_LOOPBACK": "1"}


def assert_one_line_error(result, *fragments):
    """A command failed with one line of error and no traceback, naming every fragment."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert result.stdout == ""


def development_problems(conn) -> list:
    """Listed articles (relevant, not a copy) not in exactly one development, and members that are not listed."""
    return conn.execute(
        "select a.id, count(d.article_id) from articles a left join development_articles d on d.article_id = a.id "
        "where a.relevant = 1 and a.duplicate_of is null group by a.id having count(d.article_id) != 1 "
        "union all select d.article_id, -1 from development_articles d join articles a on a.id = d.article_id "
        "where not (a.relevant = 1 and a.duplicate_of is null)").fetchall()
