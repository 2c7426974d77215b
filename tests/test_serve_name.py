"""`tracker serve` on a database not named tracker.db says why the canned queries will be missing."""

import subprocess

import pytest

from pipeline.store.db import open_db
from tests.conftest import TRACKER, free_port

pytestmark = pytest.mark.slow  # runs the tracker or a server (tests/cost.py)


def test_serve_warns_when_the_database_is_not_named_tracker(tmp_path):
    open_db(tmp_path / "other.db").close()
    server = subprocess.Popen([TRACKER, "serve", "--db", str(tmp_path / "other.db"), "--port", str(free_port())],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first_line = server.stderr.readline()
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "warning: Datasette will call this database 'other'" in first_line
    assert (tmp_path / "published" / "other.db").exists()
