"""Unattended crawls: the lock, the run log's counts and errors, the raw archive and its retention,
progress on a terminal and quiet under cron, the rotating log file, and publishing a snapshot that
Datasette picks up."""

from __future__ import annotations

import gzip
import json
import logging
import os
import pty
import re
import sqlite3
import subprocess
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from pipeline.publish.snapshot import publish_snapshot
from pipeline.store.runs import prune_raw_pages
from tests.conftest import TRACKER, free_port, write_sources
from tests.ops_site import (
    build_site,
    crawl_command,
    crawl_env,
    serve,
    start_crawl,
    write_article,
    write_sitemap,
)
from tracker.crawl import log_to_file

slow = pytest.mark.slow


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def running(db: Path) -> bool:
    try:
        return bool(rows(db, "select count(*) from crawl_runs where status = 'running'")[0][0])
    except sqlite3.OperationalError:  # the first crawl is still creating the schema
        return False


@slow
def test_second_crawl_exits_75_at_once_while_the_first_runs(tmp_path):
    build_site(tmp_path / "site", count=8)
    with serve(tmp_path / "site", delay=0.4) as server:
        sources = write_sources(tmp_path / "site" / "sources.yaml", server.base_url, tmp_path / "sources.yaml")
        db = tmp_path / "data" / "tracker.db"
        log = tmp_path / "logs" / "crawl.log"
        first = start_crawl(sources, db, "--log-file", str(log))
        deadline = time.monotonic() + 120
        while not running(db):
            assert first.poll() is None and time.monotonic() < deadline, first.stderr.read()
            time.sleep(0.1)
        began = time.monotonic()
        second = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True,
                                timeout=60)
        took = time.monotonic() - began
        assert first.poll() is None, "the first crawl should still be running (slow site)"
        assert second.returncode == 75
        assert f"another crawl (pid {first.pid}) is already running" in second.stderr
        assert "Traceback" not in second.stderr and second.stdout == ""
        assert took < 5, f"refused after {took:.1f} s"
        out, err = first.communicate(timeout=240)
    assert first.returncode == 0, err
    # The refused run left no trace in the run log, and did not mark the running one as killed.
    assert rows(db, "select id, status from crawl_runs") == [(1, "completed")]
    logged = log.read_text()
    assert "run 1 completed" in logged and "[scrapy" in logged


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Two crawls of the generated site: the second sees a 304 feed, a backed-off feed and one changed page."""
    root = tmp_path_factory.mktemp("counts")
    site = build_site(root / "site")
    with serve(root / "site") as server:
        sources = write_sources(root / "site" / "sources.yaml", server.base_url, root / "sources.yaml")
        db = root / "tracker.db"
        first = subprocess.run(crawl_command(sources, db), env=crawl_env(), capture_output=True, text=True,
                               timeout=240)
        # Between the runs: a page reached under a second URL, whose canonical is a05, with new text;
        # and some archived HTML made old, for the retention setting to prune.
        write_article(root / "site", "/news/a05-amp.html", "Authors sue OpenAI, case 5 (updated)",
                      "<p>" + "Updated: the authors sued OpenAI for copyright infringement over training data. " * 20
                      + "</p>", canonical="/news/a05.html")
        write_sitemap(root / "site", [*site.sitemap_paths, "/news/a05-amp.html"])
        old = (datetime.now(UTC) - timedelta(days=100)).isoformat()
        conn = sqlite3.connect(db)
        with conn:
            # Not a05: the second run updates it, which archives its new HTML with a fresh date.
            # (Ids follow fetch order, which is not fixed, so a05 may be among the first three.)
            conn.execute("update raw_pages set fetched = ? where article_id in (select id from articles "
                         "where url not like '%/news/a05.html' order by id limit 3)", [old])
        conn.close()
        second = subprocess.run(crawl_command(sources, db), env=crawl_env(TRACKER_RAW_DAYS="30"),
                                capture_output=True, text=True, timeout=240)
        yield {"site": site, "db": db, "first": first, "second": second, "base": server.base_url, "root": root}


@slow
def test_cron_run_prints_one_summary_line_and_nothing_else(two_runs):
    for run in (two_runs["first"], two_runs["second"]):
        assert run.returncode == 0, run.stderr
        assert run.stderr == ""
        assert len(run.stdout.splitlines()) == 1
    assert two_runs["first"].stdout.startswith("run 1 completed: 1 feed fetched, 0 not modified, 1 failed;")


@slow
def test_run_log_counts_match_what_was_stored(two_runs):
    site, db = two_runs["site"], two_runs["db"]
    names = ("status", "feeds_fetched", "feeds_not_modified", "feeds_failed", "pages_fetched", "articles_new",
             "articles_updated", "articles_duplicate", "articles_irrelevant", "errors")
    first, second = (dict(zip(names, r, strict=True))
                     for r in rows(db, f"select {', '.join(names)} from crawl_runs order by id"))
    irrelevant = sum(not relevant for relevant in site.articles.values())
    pages = len(site.articles) + 1  # every article, plus the copy of a00 under a second URL
    assert first == {"status": "completed", "feeds_fetched": 1, "feeds_not_modified": 0, "feeds_failed": 1,
                     "pages_fetched": pages, "articles_new": len(site.articles), "articles_updated": 0,
                     "articles_duplicate": 0, "articles_irrelevant": irrelevant, "errors": 1}
    # Second run: the feed answers 304 to its ETag, the dead feed is backing off (not fetched),
    # the sitemap's known pages are skipped, and the one new URL updates a05 in place.
    assert second == {"status": "completed", "feeds_fetched": 0, "feeds_not_modified": 1, "feeds_failed": 0,
                      "pages_fetched": 1, "articles_new": 0, "articles_updated": 1,
                      "articles_duplicate": 0, "articles_irrelevant": 0, "errors": 0}
    # The counts agree with the rows themselves.
    assert rows(db, "select count(*), sum(relevant = 0) from articles")[0] == (len(site.articles), irrelevant)
    assert rows(db, "select count(*) from articles where updated is not null")[0][0] == 1
    assert rows(db, "select count(*) from errors where run_id = 1")[0][0] == first["errors"]


@slow
def test_errors_table_names_source_url_stage_and_message(two_runs):
    base = two_runs["base"]
    found = set(rows(two_runs["db"], "select source, url, stage, message from errors"))
    assert found == {("Ops News", f"{base}/feed2.xml", "feed", "HTTP 404")}
    # The feed item whose page answers 404 is a pulled story: recorded as gone, not an error, not stored.
    assert rows(two_runs["db"], "select reason from skipped_pages where url = ?",
                [f"{base}/news/missing.html"]) == [("gone",)]
    failures, next_attempt = rows(two_runs["db"], "select consecutive_failures, next_attempt from feeds "
                                                  "where url like '%feed2.xml'")[0]
    assert failures == 1 and datetime.fromisoformat(next_attempt) > datetime.now(UTC)


@slow
def test_raw_archive_keeps_the_fetched_html_and_prunes_old_pages(two_runs):
    db, root, base = two_runs["db"], two_runs["root"], two_runs["base"]
    archived = rows(db, "select a.fetched_url, r.html_gz from raw_pages r join articles a on a.id = r.article_id")
    assert len(archived) == len(two_runs["site"].articles) - 3
    for url, html_gz in archived:
        served = (root / "site" / urlsplit(url).path.lstrip("/")).read_bytes().replace(b"__BASE__", base.encode())
        assert gzip.decompress(html_gz) == served
        assert len(html_gz) < len(served)
    assert "; 3 raw pages pruned" in two_runs["second"].stdout
    # The articles themselves stay: only their raw HTML went.
    assert rows(db, "select count(*) from articles where id not in (select article_id from raw_pages)")[0][0] == 3


def test_prune_raw_pages_keeps_everything_without_a_setting(db):
    db["sources"].insert({"id": 1, "name": "S"})
    now = datetime.now(UTC)
    for i, age in enumerate((1, 10, 40, 400), start=1):
        db["articles"].insert({"id": i, "url": f"https://x.test/{i}", "source_id": 1})
        db["raw_pages"].insert({"article_id": i, "fetched": (now - timedelta(days=age)).isoformat(),
                                "html_gz": gzip.compress(b"<html></html>")})
    assert prune_raw_pages(db, None) == 0 and prune_raw_pages(db, 0) == 0
    assert prune_raw_pages(db, 30) == 2
    assert [r["article_id"] for r in db["raw_pages"].rows] == [1, 2]


@slow
def test_progress_shows_on_a_terminal(tmp_path):
    build_site(tmp_path / "site", count=6)
    with serve(tmp_path / "site", delay=0.5) as server:
        sources = write_sources(tmp_path / "site" / "sources.yaml", server.base_url, tmp_path / "sources.yaml")
        leader, follower = pty.openpty()
        proc = subprocess.Popen(crawl_command(sources, tmp_path / "t.db"), env=crawl_env(), stdout=follower,
                                stderr=subprocess.PIPE)
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        proc.wait(240)
        os.close(leader)
    text = output.decode()
    assert proc.returncode == 0
    assert "\rcrawling 1 source:" in text
    assert re.search(r"  Ops News: 8 pages, 1 error\b", text), text[-600:]
    assert "run 1 completed" in text


def test_log_file_rotates(tmp_path):
    handler = log_to_file(tmp_path / "logs" / "crawl.log", max_bytes=2000, backups=2)
    try:
        for i in range(200):
            logging.getLogger("tracker").info("line %d of a long month of crawling", i)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["crawl.log", "crawl.log.1", "crawl.log.2"]
    assert "line 199" in (tmp_path / "logs" / "crawl.log").read_text()
    assert all(p.stat().st_size <= 2100 for p in (tmp_path / "logs").iterdir())


def make_working_db(path: Path, articles: int) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("create table if not exists articles (id integer primary key, url text, text text)")
        conn.executemany("insert into articles (url, text) values (?, ?)",
                         [(f"https://x.test/{i}", "word " * 2000) for i in range(articles)])
    conn.close()


def test_publish_swaps_atomically_and_readers_never_see_a_partial_file(tmp_path):
    work, snapshot = tmp_path / "tracker.db", tmp_path / "published" / "tracker.db"
    make_working_db(work, 50)
    publish_snapshot(work, snapshot)
    assert not os.access(snapshot, os.W_OK) or os.geteuid() == 0
    assert snapshot.stat().st_mode & 0o222 == 0, "the snapshot is read-only"
    seen, problems, done = set(), [], threading.Event()

    def read_continuously():
        while not done.is_set():
            try:
                conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
                assert conn.execute("pragma quick_check").fetchone()[0] == "ok"
                seen.add(conn.execute("select count(*) from articles").fetchone()[0])
                conn.close()
            except Exception as exc:  # any failure to read is what this test is about
                problems.append(repr(exc))

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        for _ in range(8):
            make_working_db(work, 50)
            publish_snapshot(work, snapshot)
    finally:
        done.set()
        reader.join()
    assert problems == []
    assert seen <= set(range(50, 501, 50)) and len(seen) > 1
    assert sorted(p.name for p in snapshot.parent.iterdir()) == ["tracker.db"]


def served_count(port: int) -> int | None:
    url = f"http://127.0.0.1:{port}/tracker.json?sql={quote('select count(*) as n from articles')}&_shape=array"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)[0]["n"]
    except OSError:
        return None


@slow
def test_serve_picks_up_a_new_snapshot(tmp_path):
    work = tmp_path / "tracker.db"
    make_working_db(work, 3)
    port = free_port()
    server = subprocess.Popen([TRACKER, "serve", "--db", str(work), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        counts = []
        deadline = time.monotonic() + 60
        while served_count(port) != 3:
            assert server.poll() is None and time.monotonic() < deadline, server.stdout.read()
            time.sleep(0.2)
        make_working_db(work, 4)
        assert subprocess.run([TRACKER, "publish", "--db", str(work)], capture_output=True).returncode == 0
        deadline = time.monotonic() + 60
        while (n := served_count(port)) != 7:
            counts.append(n)
            assert time.monotonic() < deadline, f"still serving the old snapshot: {counts}"
            time.sleep(0.2)
        # While switching, a reader saw the old data or the new data (or a brief refusal), nothing else.
        assert set(counts) <= {3, None}
    finally:
        server.terminate()
        server.wait(timeout=20)
