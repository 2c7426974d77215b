"""`tracker status`: last runs, failing feeds with their back-off, errors by source, articles per day."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from pipeline.records import FeedStatus, FetchError
from pipeline.store.db import open_db
from pipeline.store.feed_state import save_feed_status
from pipeline.store.runs import (
    finish_run,
    mark_abandoned_runs,
    record_error,
    start_run,
)
from tracker.cli import cli


def make_db(path: Path, finished_hours_ago: float = 1) -> None:
    """Two runs (the first killed), a failing and a healthy feed, errors, and articles on two days."""
    db = open_db(path)
    db["sources"].insert({"id": 1, "name": "Daily"})
    killed = start_run(db, 1)
    record_error(db, killed, FetchError("Daily", "https://daily.test/a", "article", "timed out"))
    mark_abandoned_runs(db)
    run = start_run(db, 1)
    for url in ("https://daily.test/x1", "https://daily.test/x2"):
        record_error(db, run, FetchError("Daily", url, "article", "HTTP 404"))
    record_error(db, run, FetchError("Daily", "https://daily.test/feed", "feed", "HTTP 500"))
    finish_run(db, run, "completed", {"feeds_fetched": 1, "feeds_failed": 1, "pages_fetched": 5, "articles_new": 3,
                                      "articles_irrelevant": 1, "errors": 3})
    finished = (datetime.now(UTC) - timedelta(hours=finished_hours_ago)).replace(microsecond=0).isoformat()
    db["crawl_runs"].update(run, {"finished": finished})
    save_feed_status(db, FeedStatus(url="https://daily.test/feed", source="Daily", status=500, error="HTTP 500"))
    save_feed_status(db, FeedStatus(url="https://daily.test/ok", source="Daily", status=200, entries=4))
    today = datetime.now(UTC).date()
    for i, (days_ago, relevant) in enumerate([(0, 1), (0, 0), (1, 1)]):
        db["articles"].insert({"url": f"https://daily.test/{i}", "source_id": 1, "relevant": relevant,
                               "fetched": f"{today - timedelta(days=days_ago)}T08:00:00+00:00"})
    db.close()


def status(*args: str):
    return CliRunner().invoke(cli, ["status", *args])


def test_status_shows_runs_failing_feeds_errors_and_articles_per_day(tmp_path):
    db = tmp_path / "tracker.db"
    make_db(db)
    result = status("--db", str(db))
    assert result.exit_code == 0, result.output
    text = result.output
    assert "NEEDS ATTENTION" in text and "! 1 feeds failing" in text
    run_lines = [line.split() for line in text.splitlines() if line.startswith("  2 ") or line.startswith("  1 ")]
    assert ["completed", "1/0/1", "5", "3/0/0/1", "3"] == run_lines[0][4:]
    assert "killed" in run_lines[1]
    feed_line = next(line for line in text.splitlines() if "https://daily.test/feed" in line)
    assert "Daily" in feed_line and "1" in feed_line.split() and "HTTP 500" in feed_line
    assert "https://daily.test/ok" not in text
    error_lines = [line.split() for line in text.splitlines() if line.startswith("  Daily ")]
    assert [line[:3] for line in error_lines] == [["Daily", "article", "2"], ["Daily", "feed", "1"]]
    today = datetime.now(UTC).date()
    assert f"  {today}  2         1" in text
    assert f"  {today - timedelta(days=1)}  1         1" in text


def test_status_json_has_the_same_facts_for_monitoring(tmp_path):
    db = tmp_path / "tracker.db"
    make_db(db)
    data = json.loads(status("--db", str(db), "--json").output)
    assert [r["status"] for r in data["runs"]] == ["completed", "killed"]
    assert data["runs"][0]["articles_new"] == 3
    feed = data["failing_feeds"][0]
    assert feed["url"] == "https://daily.test/feed" and feed["consecutive_failures"] == 1
    assert datetime.fromisoformat(feed["next_attempt"]) > datetime.now(UTC)
    assert {(s["source"], s["stage"], s["errors"]) for s in data["failing_sources"]} == {
        ("Daily", "article", 2), ("Daily", "feed", 1)}
    assert sum(d["articles"] for d in data["articles_per_day"]) == 3
    assert data["totals"]["articles"] == 3 and data["healthy"] is False
    assert data["totals"]["relevant"] == 2


def test_relevant_means_what_datasette_lists(tmp_path):
    """A syndicated copy is stored, but neither Datasette nor the status counts it as a relevant article."""
    import sqlite_utils

    path = tmp_path / "tracker.db"
    make_db(path)
    db = sqlite_utils.Database(path)
    db["articles"].insert({"url": "https://daily.test/copy", "source_id": 1, "relevant": 1, "duplicate_of": 1,
                           "fetched": datetime.now(UTC).replace(microsecond=0).isoformat()})
    listed = db.execute("select count(*) from relevant_articles").fetchone()[0]
    db.close()
    data = json.loads(status("--db", str(path), "--json").output)
    assert data["totals"]["relevant"] == listed == 2 and data["totals"]["articles"] == 4
    assert sum(d["relevant"] for d in data["articles_per_day"]) == 2


def test_check_exits_1_when_the_last_completed_run_is_too_old(tmp_path):
    db = tmp_path / "tracker.db"
    make_db(db, finished_hours_ago=50)
    result = status("--db", str(db), "--check")
    assert result.exit_code == 1
    assert "last completed run finished 2.1 days ago (limit 26 h)" in result.output
    fresh = tmp_path / "fresh.db"
    make_db(fresh)
    assert "last completed run" not in status("--db", str(fresh)).output


def test_missing_database_is_one_line(tmp_path):
    result = status("--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'none.db'} does not exist yet: run `tracker crawl` first"
