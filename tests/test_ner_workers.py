"""NER in worker processes: a worker that cannot tag loses nothing."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import FAST, SITES, run_tracker, write_sources

pytestmark = pytest.mark.slow


def test_a_failing_ner_worker_stores_nothing_half_and_the_next_run_catches_up(mini_site, tmp_path):
    sources = write_sources(SITES / "mini" / "sources.yaml", mini_site.base_url, tmp_path / "sources.yaml")
    db = tmp_path / "t.db"
    # A model that does not exist makes the worker die while starting: every batch it was sent fails.
    broken = run_tracker("crawl", "--sources", str(sources), "--db", str(db), "--no-publish",
                         env={**FAST, "TRACKER_NER_WORKERS": "1", "TRACKER_SPACY_MODEL": "no_such_model_xyz"})
    assert broken.returncode in (0, 1), broken.stderr[-2000:]
    assert "Traceback" not in broken.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 0
    messages = [m for (m,) in conn.execute("select message from errors where stage = 'entities'")]
    assert messages and "not stored" in messages[0]
    # The feed is not marked as read, so the next run fetches what was not stored.
    assert conn.execute("select count(*) from feeds where last_status = 200").fetchone()[0] == 0
    conn.close()

    fixed = run_tracker("crawl", "--sources", str(sources), "--db", str(db), "--no-publish",
                        env={**FAST, "TRACKER_NER_WORKERS": "1"})
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    conn = sqlite3.connect(db)
    titles = {t for (t,) in conn.execute("select title from articles")}
    entities = {n for (n,) in conn.execute("select name from entities")}
    conn.close()
    assert "Authors sue OpenAI over training data" in titles
    assert "OpenAI" in entities  # tagged by the worker this time
