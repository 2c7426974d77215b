"""`tracker correct` and `tracker corrections ...` as a person runs them: a correction survives the next crawl and
`tracker reprocess`, is exported and imported, and a wrong one fails with one line."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from tests.conftest import FAST, assert_one_line_error, run_tracker
from tests.publishing_env import published  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow


@pytest.fixture
def work(published, tmp_path):  # noqa: F811
    """A copy of the publishing fixture's crawled database, to correct without touching the shared one."""
    db = tmp_path / "tracker.db"
    shutil.copy(published.db_path, db)
    return db


def query(path, sql, params=()):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_a_correction_is_published_and_survives_a_crawl_and_reprocess(work, published):  # noqa: F811
    snapshot = work.parent / "published" / "tracker.db"
    [(gema, url)] = query(work, "select id, url from articles where title like '%GEMA%'")
    result = run_tracker("correct", "hide", str(gema), "--reason", "the publisher asked us to remove it",
                         "--db", str(work))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"correction 1: hide {url} true"
    assert "applied 1 corrections" in result.stdout and f"published {snapshot}" in result.stdout
    result = run_tracker("correct", "entity-type", "Sarah Silverman", "ORG", "--reason", "test of a retype",
                         "--db", str(work), "--no-publish")
    assert result.returncode == 0, result.stderr
    assert "published" not in result.stdout

    def corrected(path):
        return (query(path, "select count(*) from articles where id = ?", [gema])[0][0],
                query(path, "select type from entities where name = 'Sarah Silverman'"))

    run_tracker("publish", "--db", str(work))
    assert corrected(snapshot) == (0, [("ORG",)])
    assert query(snapshot, "select what, target, reason from corrections_log order by id") == [
        ("an article was taken down", None, None), ("Sarah Silverman is of type ORG", "Sarah Silverman",
                                                     "test of a retype")]

    # The next crawl (the same site, nothing new) and a reprocess leave both corrections in force.
    result = run_tracker("crawl", "--sources", str(published.tmp / "sources.yaml"), "--db", str(work), env=FAST)
    assert result.returncode == 0, result.stderr
    assert corrected(snapshot) == (0, [("ORG",)])
    result = run_tracker("reprocess", "--db", str(work))
    assert result.returncode == 0, result.stderr
    assert corrected(snapshot) == (0, [("ORG",)])
    assert query(work, "select a.url from hidden_articles h join articles a on a.id = h.article_id") == [(url,)]

    listing = run_tracker("corrections", "list", "--db", str(work))
    assert listing.returncode == 0 and "hide" in listing.stdout and "entity-type" in listing.stdout

    # A rejected case link stays rejected when `tracker cases link` links every article again.
    [(silverman,)] = query(work, "select id from articles where title like 'Authors sue OpenAI%'")
    assert run_tracker("correct", "link-reject", str(silverman), "case:silverman-v-openai", "--reason", "test",
                       "--db", str(work), "--no-publish").returncode == 0
    result = run_tracker("cases", "link", "--db", str(work))
    assert result.returncode == 0, result.stderr
    assert query(snapshot, "select case_slug from article_cases where article_id = ?", [silverman]) == []


def test_export_import_and_revert_from_the_command_line(work, tmp_path):
    [(silverman,)] = query(work, "select id from articles where title like 'Authors sue OpenAI%'")
    assert run_tracker("correct", "relevance", str(silverman), "false", "--reason", "opinion piece",
                       "--source", "https://example.org/why", "--db", str(work), "--no-publish").returncode == 0
    exported = tmp_path / "corrections.jsonl"
    result = run_tracker("corrections", "export", str(exported), "--db", str(work))
    assert result.stdout == f"wrote 1 corrections to {exported}\n"
    [record] = [json.loads(line) for line in exported.read_text().splitlines()]
    assert record["kind"] == "relevance" and record["value"] == "false" and record["source_url"] == "https://example.org/why"

    other = tmp_path / "other.db"
    shutil.copy(work.parent / "tracker.db", other)  # another install of the same data, without the corrections file
    for expected in ("imported 1 corrections, 0 already there", "imported 0 corrections, 1 already there"):
        result = run_tracker("corrections", "import", str(exported), "--db", str(other), "--no-publish")
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == expected
    assert query(other, "select relevant from articles where id = ?", [silverman]) == [(0,)]
    assert (tmp_path / "other.corrections.db").exists()

    result = run_tracker("correct", "revert", "1", "--reason", "it is news after all", "--db", str(work),
                         "--no-publish")
    assert result.returncode == 0, result.stderr
    assert query(work, "select relevant from articles where id = ?", [silverman]) == [(1,)]


def test_a_wrong_correction_is_one_line_and_stores_nothing(work):
    assert_one_line_error(run_tracker("correct", "relevance", "9999", "false", "--reason", "x", "--db", str(work)),
                          "no article '9999'")
    assert_one_line_error(run_tracker("correct", "topics", "1", "gossip", "--reason", "x", "--db", str(work)),
                          "unknown topic gossip")
    result = run_tracker("correct", "relevant", "1", "false", "--reason", "x", "--db", str(work))
    assert result.returncode == 2 and "'relevant' is not one of 'relevance'" in result.stderr
    listing = run_tracker("corrections", "list", "--db", str(work))
    assert listing.stdout == "no corrections\n"
