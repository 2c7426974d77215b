"""`tracker serve` works whatever the working database is called: its snapshot is always named tracker.db."""

import json
import subprocess
import time
import urllib.request

import pytest

from pipeline.store.db import open_db
from tests.conftest import TRACKER, free_port
from tracker.crawl import published_path

pytestmark = pytest.mark.slow  # runs the tracker or a server (tests/cost.py)


def test_published_paths_keep_two_databases_apart(tmp_path):
    assert published_path(tmp_path / "tracker.db") == tmp_path / "published" / "tracker.db"
    assert published_path(tmp_path / "other.db") == tmp_path / "published" / "other" / "tracker.db"


def test_serve_works_when_the_database_is_not_named_tracker(tmp_path):
    open_db(tmp_path / "other.db").close()
    port = free_port()
    server = subprocess.Popen([TRACKER, "serve", "--db", str(tmp_path / "other.db"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        # The canned queries and the feeds page are there: they were missing under the name "other".
        with urllib.request.urlopen(base + "/tracker/latest.json?_shape=array", timeout=10) as answer:
            assert answer.status == 200 and json.loads(answer.read()) == []
        with urllib.request.urlopen(base + "/-/feeds", timeout=10) as answer:
            assert answer.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert (tmp_path / "published" / "other" / "tracker.db").exists()
