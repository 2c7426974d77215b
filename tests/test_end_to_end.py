"""The whole path, on real components: the sample site on 127.0.0.1 -> `tracker crawl` -> SQLite -> `tracker serve`.

This is the foundation's acceptance test: a real Scrapy crawl in a subprocess,
a real SQLite file, and Datasette's JSON API over HTTP.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from urllib.parse import quote, urlsplit

import pytest
import sqlite_utils
import yaml

from pipeline.understand.dates import to_utc_iso
from tests.conftest import FAST, TRACKER, free_port, run_tracker, write_sources
from tracker.sitehost import SAMPLE_SITE

pytestmark = pytest.mark.slow
EXPECTED = yaml.safe_load((SAMPLE_SITE / "expected.yaml").read_text(encoding="utf-8"))


def expected_articles() -> list[dict]:
    return EXPECTED["articles"] if isinstance(EXPECTED, dict) else EXPECTED


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, sample_site):
    workdir = tmp_path_factory.mktemp("e2e")
    sources = write_sources(SAMPLE_SITE / "sources.yaml", sample_site.base_url, workdir / "sources.yaml")
    db_path = workdir / "tracker.db"
    first = run_tracker("crawl", "--sources", str(sources), "--db", str(db_path), env=FAST)
    assert first.returncode == 0, first.stderr[-3000:]
    return {"dir": workdir, "sources": sources, "db": db_path, "first": first}


def stored(db_path) -> dict[str, dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return {urlsplit(r["url"]).path: r for r in db.query("select * from articles")}
    finally:
        db.close()


def test_crawl_stores_every_sample_article_and_nothing_else(crawled):
    paths = set(stored(crawled["db"]))
    wanted = {a["path"] for a in expected_articles()}
    missing = wanted - paths
    assert not missing, f"not stored: {sorted(missing)}"
    for path in EXPECTED.get("non_articles", []) + EXPECTED.get("disallowed", []):
        assert path not in paths, f"{path} is not an article and must not be stored"
    assert len(paths - wanted) == 0, f"stored but not expected: {sorted(paths - wanted)}"


def test_pages_a_feed_or_sitemap_lists_that_are_not_articles_are_skipped(crawled):
    """Issue 19: a video post and a pulled story in the Reel's feed; the home page, a category archive and the
    imprint in Medienwoche's sitemap. None is stored; the pulled story is recorded as gone, its feed text nowhere."""
    paths = set(stored(crawled["db"]))
    for path in EXPECTED["fed_non_articles"] + EXPECTED["gone"]:
        assert path not in paths, f"{path} is not an article and must not be stored"
    db = sqlite_utils.Database(crawled["db"])
    try:
        skipped = {urlsplit(r["url"]).path: r for r in db.query("select * from skipped_pages")}
        canary = db.execute("select count(*) from articles where text like '%PULLED-CANARY%'").fetchone()[0]
    finally:
        db.close()
    assert canary == 0
    for path in EXPECTED["gone"]:
        assert skipped[path]["reason"] == "gone", skipped.get(path)
    for path in EXPECTED["fed_non_articles"]:
        assert skipped[path]["reason"] == "not an article", path


def test_relevance_agrees_with_the_sample_sites_labels(crawled):
    rows = stored(crawled["db"])
    agree = [bool(rows[a["path"]]["relevant"]) == a["relevant"] for a in expected_articles() if a["path"] in rows]
    assert sum(agree) / len(agree) >= 0.9, f"relevance agrees on {sum(agree)} of {len(agree)}"


def test_articles_have_language_dates_and_entities(crawled):
    rows = stored(crawled["db"])
    for a in expected_articles():
        row = rows[a["path"]]
        assert row["language"] == a["language"], a["path"]
        assert row["published"], a["path"]
        assert row["published"] == to_utc_iso(str(a["published"])), (a["path"], row["published_from"])
        # The outlet's own date and offset (7:45 pm in Los Angeles is the next day in UTC).
        assert row["published_at"] == str(a["published"]), (a["path"], row["published_from"])
        assert row["published_local_date"] == str(a["published"])[:10], a["path"]
        assert sorted(json.loads(row["authors"])) == sorted(a["authors"]), a["path"]
    db = sqlite_utils.Database(crawled["db"])
    tagged = db.execute(
        "select count(distinct a.id) from articles a join article_entities ae on ae.article_id = a.id "
        "where a.relevant = 1").fetchone()[0]
    relevant = db.execute("select count(*) from articles where relevant = 1").fetchone()[0]
    assert relevant and tagged >= 0.9 * relevant
    topics = db.execute("select count(*) from article_topics").fetchone()[0]
    assert topics >= relevant
    db.close()


def test_second_crawl_stores_nothing_twice(crawled):
    before = stored(crawled["db"])
    again = run_tracker("crawl", "--sources", str(crawled["sources"]), "--db", str(crawled["db"]), env=FAST)
    assert again.returncode == 0, again.stderr[-3000:]
    after = stored(crawled["db"])
    assert set(after) == set(before)
    assert {p: r["id"] for p, r in after.items()} == {p: r["id"] for p, r in before.items()}
    db = sqlite_utils.Database(crawled["db"])
    last = next(db.query("select * from crawl_runs order by id desc limit 1"))
    db.close()
    assert last["status"] == "completed"
    assert last["articles_new"] == 0 and last["articles_duplicate"] == 0


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_datasette_serves_relevant_articles_with_their_people_and_organisations(crawled):
    port = free_port()
    server = subprocess.Popen([TRACKER, "serve", "--db", str(crawled["db"]), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/versions.json")
        latest = get_json(f"{base}/tracker/latest.json?_shape=array")
        relevant_paths = {a["path"] for a in expected_articles() if a["relevant"]}
        served = {urlsplit(r["url"]).path for r in latest}
        assert served and served <= {a["path"] for a in expected_articles()}
        assert len(served & relevant_paths) >= 0.8 * len(relevant_paths)
        sql = ("select a.url, e.name, e.type from articles a join article_entities ae on ae.article_id = a.id "
               "join entities e on e.id = ae.entity_id where a.relevant = 1")
        rows = get_json(f"{base}/tracker.json?_shape=array&sql={quote(sql)}")
        people = {r["name"] for r in rows if r["type"] == "PERSON"}
        orgs = {r["name"] for r in rows if r["type"] == "ORG"}
        wanted_orgs = {o for a in expected_articles() if a["relevant"] for o in a.get("orgs", [])}
        wanted_people = {p for a in expected_articles() if a["relevant"] for p in a.get("persons", [])}
        assert len(orgs & wanted_orgs) >= 0.5 * len(wanted_orgs), sorted(wanted_orgs - orgs)
        assert len(people & wanted_people) >= 0.5 * len(wanted_people), sorted(wanted_people - people)
        # Read-only: Datasette refuses writes through its SQL API.
        with pytest.raises(urllib.error.HTTPError):
            get_json(f"{base}/tracker.json?sql={quote('delete from articles')}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_demo_fills_the_database(tmp_path):
    db_path = tmp_path / "demo" / "tracker.db"
    result = run_tracker("demo", "--no-serve", "--db", str(db_path), env=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "sample news site at http://127.0.0.1:" in result.stdout
    db = sqlite_utils.Database(db_path)
    try:
        assert db["articles"].count >= 40
        assert db.execute("select count(*) from entities").fetchone()[0] >= 20
        assert db.execute("select count(distinct topic) from article_topics").fetchone()[0] >= 5
    finally:
        db.close()
    assert (tmp_path / "demo" / "published" / "tracker.db").exists()


def test_the_sample_sites_special_cases(crawled):
    rows = stored(crawled["db"])
    by_id = {r["id"]: path for path, r in rows.items()}
    wire = [a["path"] for a in expected_articles() if "syndicated" in (a.get("notes") or "").lower()]
    assert len(wire) == 2
    copies = [rows[p] for p in wire if rows[p]["duplicate_of"]]
    assert len(copies) == 1, "exactly one of the two wire copies points to the other"
    assert by_id[copies[0]["duplicate_of"]] in wire
    # Tracking parameters are never part of a stored URL.
    assert not [r["url"] for r in rows.values() if "utm_" in r["url"]]
    # A title with markup in it is kept as text, literally.
    assert any("<script>" in r["title"] for r in rows.values())


def test_the_demo_shows_a_development_covered_in_english_and_german(crawled):
    """The GEMA v. OpenAI ruling, in English (the Reel, or the Courier's wire copy of it) and German (Medienwoche)."""
    db = sqlite_utils.Database(crawled["db"])
    try:
        rows = list(db.query("select d.languages, d.outlets, d.articles, d.case_slug from developments d "
                             "where d.languages like '%\"de\"%' and d.languages like '%\"en\"%'"))
        listed = db.execute("select count(*) from articles where relevant = 1 and duplicate_of is null").fetchone()[0]
        placed = db.execute("select count(*) from development_articles").fetchone()[0]
    finally:
        db.close()
    assert placed == listed
    gema = [r for r in rows if r["case_slug"] == "gema-v-openai"]
    assert gema and gema[0]["articles"] == 2
    # The English report is the Reel's story or its wire copy at the Courier, whichever the crawl stored first
    # (fetching runs in parallel): the other is its duplicate and is not counted as coverage twice.
    outlets = json.loads(gema[0]["outlets"])
    assert "Medienwoche" in outlets and len(outlets) == 2
    assert set(outlets) - {"Medienwoche"} <= {"The Daily Reel", "Harbor Courier"}
