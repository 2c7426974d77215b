"""`tracker inspect`: real subprocesses against a fixture site on 127.0.0.1 and against saved pages."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
from datetime import datetime

import pytest
import sqlite_utils
import yaml

from tests.conftest import FAST, SITES, TRACKER, free_port, run_tracker
from tracker.sitehost import SAMPLE_SITE, Site

FIXTURES = SITES / "discover"
PAGES = FIXTURES / "pages"
ARTICLE_KEYS = {"url", "fetched_url", "title", "authors", "published", "published_from", "fetched", "language",
                "description", "text", "word_count", "content_hash", "paywalled", "relevance", "relevant",
                "evidence", "topics", "entities"}
# The same structures the database holds, with JSON types: authors and evidence are lists, relevant a bool.
COMPARED = ("url", "fetched_url", "title", "published", "published_from", "language", "description", "text",
            "word_count", "content_hash", "relevance", "evidence")


@pytest.fixture(scope="module")
def courier():
    with Site(FIXTURES / "courier") as site:
        yield site


def inspect_json(*args: str, stdin: str | None = None) -> dict:
    result = subprocess.run([TRACKER, "inspect", *args, "--json"], capture_output=True, text=True, input=stdin,
                            timeout=300, env={**os.environ, "TRACKER_LOG_LEVEL": "ERROR"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_line_error(result, *fragments):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert result.stdout == ""


def test_inspect_url_json_has_the_database_columns(courier):
    data = inspect_json(f"{courier.base_url}/news/2026/11/authors-sue-openai.html?utm_source=rss")
    assert set(data) == ARTICLE_KEYS
    assert data["url"] == f"{courier.base_url}/news/2026/11/authors-sue-openai.html"  # canonical, tracking removed
    assert data["title"] == "Authors sue OpenAI over training data"
    assert data["authors"] == ["Jane Writer", "Tom Reporter"]
    assert (data["published"], data["published_from"]) == ("2026-11-17T14:30:00+00:00", "json-ld")
    assert data["language"] == "en"
    assert data["word_count"] == len(data["text"].split()) > 150
    assert data["relevant"] is True and data["relevance"] >= 0.5
    assert any(e.startswith("ai:") for e in data["evidence"]) and any(e.startswith("rights:") for e in data["evidence"])
    assert "litigation" in [t["topic"] for t in data["topics"]]
    entities = {(e["name"], e["type"]): e for e in data["entities"]}
    assert set(entities[("OpenAI", "ORG")]) == {"name", "type", "mentions", "surface_forms", "wikidata"}
    assert entities[("OpenAI", "ORG")]["mentions"] >= 3
    assert "OpenAI" in entities[("OpenAI", "ORG")]["surface_forms"]
    assert ("Microsoft", "ORG") in entities


def test_inspect_url_human_output(courier):
    result = run_tracker("inspect", f"{courier.base_url}/news/2026/11/no-fakes-act-hearing.html")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"url           {courier.base_url}/news/2026/11/no-fakes-act-hearing.html" in out
    assert "published     2026-11-20T15:00:00+00:00 (from meta)" in out
    assert "authors       Lee Clerk" in out
    assert "language      en" in out
    assert "paywalled     no" in out
    assert "relevant (threshold" in out
    assert re.search(r"\n  ORG +SAG-AFTRA +\d+x +as: SAG-AFTRA", out)  # an entity: type, name, mentions, forms
    assert "  Actors, singers and technology companies told a Senate subcommittee" in out  # first lines of text


def test_inspect_shows_what_the_crawl_stores(courier, tmp_path):
    """No separate code path: for every article a real crawl stored, inspect prints the same values."""
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"sources": [{
        "name": "Example Courier", "homepage": f"{courier.base_url}/", "language": "en",
        "feeds": [f"{courier.base_url}/rss/news.xml"]}]}))
    db_path = tmp_path / "tracker.db"
    crawl = run_tracker("crawl", "--sources", str(sources), "--db", str(db_path), "--no-publish", env=FAST)
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select * from articles order by url"))
    entity_rows = list(db.query(
        "select a.url, e.name, e.type, ae.mentions, ae.surface_forms from article_entities ae "
        "join entities e on e.id = ae.entity_id join articles a on a.id = ae.article_id"))
    topic_rows = list(db.query("select a.url, t.topic, t.score from article_topics t join articles a on a.id = t.article_id"))
    db.close()
    assert len(rows) == 3  # the fourth feed item is disallowed by robots.txt
    # One inspect per stored article, run side by side.
    runs = [subprocess.Popen([TRACKER, "inspect", row["fetched_url"], "--json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for row in rows]
    for row, run in zip(rows, runs, strict=True):
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        shown = json.loads(out)
        for key in COMPARED:
            expected = json.loads(row[key]) if key == "evidence" else row[key]
            assert shown[key] == expected, (row["url"], key)
        assert shown["authors"] == json.loads(row["authors"])
        assert int(shown["relevant"]) == row["relevant"] and int(shown["paywalled"]) == row["paywalled"]
        assert sorted((e["name"], e["type"], e["mentions"], e["surface_forms"]) for e in shown["entities"]) == sorted(
            (e["name"], e["type"], e["mentions"], json.loads(e["surface_forms"])) for e in entity_rows
            if e["url"] == row["url"])
        assert sorted((t["topic"], t["score"]) for t in shown["topics"]) == sorted(
            (t["topic"], t["score"]) for t in topic_rows if t["url"] == row["url"])
    assert any(row["relevant"] for row in rows) and not all(row["relevant"] for row in rows)


def test_inspect_saved_page_with_url():
    address = "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html?utm_source=twitter"
    data = inspect_json(str(PAGES / "tageblatt-paywall.html"), "--url", address)
    assert data["url"] == "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html"
    assert data["fetched_url"] == "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html"
    assert data["paywalled"] is True
    assert data["language"] == "de"
    assert data["authors"] == ["Katrin Berger"]
    assert (data["published"], data["published_from"]) == ("2026-11-23T06:45:00+00:00", "json-ld")
    assert data["relevant"] is True
    assert "likeness" in [t["topic"] for t in data["topics"]]


def test_inspect_saved_page_without_url_says_so():
    result = run_tracker("inspect", str(PAGES / "courier-no-fakes-act.html"))
    assert result.returncode == 0, result.stderr
    # The page's canonical is on another host than file://, so the crawl's rule keeps the fetched address.
    assert f"url           {(PAGES / 'courier-no-fakes-act.html').as_uri()}" in result.stdout
    assert "pass --url" in result.stdout
    with_url = inspect_json(str(PAGES / "courier-no-fakes-act.html"), "--url",
                            "https://www.courier.example/news/2026/11/no-fakes-act-hearing.html?utm_medium=x")
    assert with_url["url"] == "https://www.courier.example/news/2026/11/no-fakes-act-hearing.html"


def sample_articles() -> list[dict]:
    expected = SAMPLE_SITE / "expected.yaml"
    if not (SAMPLE_SITE / "www").is_dir() or not expected.exists():
        return []
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    articles = data["articles"] if isinstance(data, dict) else data
    # A few of each language, enough to catch a drift between inspect and the labels without slowing the suite.
    return [a for lang in ("en", "de") for a in [a for a in articles if a.get("language") == lang][:2]]


@pytest.mark.skipif(not sample_articles(), reason="sample_site/www is not built")
@pytest.mark.parametrize("article", sample_articles(), ids=lambda a: a["path"])
def test_inspect_sample_site_pages(article):
    path = SAMPLE_SITE / "www" / article["path"].lstrip("/")
    if path.is_dir() or article["path"].endswith("/"):
        path = path / "index.html"
    address = "http://127.0.0.1:8765" + article["path"]
    data = inspect_json(str(path), "--url", address)
    assert data["language"] == article["language"]
    assert data["relevant"] == article["relevant"]
    assert data["title"] == article["title"]
    if article.get("published") and not article.get("notes"):
        # The labels keep the page's own offset; the tracker stores UTC. Compare the instants.
        assert datetime.fromisoformat(data["published"]) == datetime.fromisoformat(str(article["published"]))


def test_inspect_text_from_stdin():
    text = ("Die GEMA hat OpenAI vor dem Landgericht München verklagt. Die Verwertungsgesellschaft wirft dem "
            "Unternehmen vor, Liedtexte ohne Lizenz für das Training von ChatGPT genutzt und damit das "
            "Urheberrecht verletzt zu haben. Der Chatbot gebe die Texte auf Nachfrage fast wörtlich wieder.")
    data = inspect_json("--text", "-", stdin=text)
    assert set(data) == {"text", "word_count", "language", "relevance", "relevant", "evidence", "topics", "entities"}
    assert data["language"] == "de"
    assert data["relevant"] is True
    assert "OpenAI" in [e["name"] for e in data["entities"]]
    english = inspect_json("--text", "-", stdin="The weather was sunny in Berlin on Sunday, and the parks were full.")
    assert english["language"] == "en" and english["relevant"] is False and english["entities"] == []


# --- errors: one line on stderr, non-zero exit, never a traceback -----------------------------------


def test_inspect_png_and_pdf_files(tmp_path):
    png = tmp_path / "photo.html"  # the name does not matter: the bytes do
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    pdf = tmp_path / "ruling.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert_one_line_error(run_tracker("inspect", str(png)), "not HTML", "PNG image")
    assert_one_line_error(run_tracker("inspect", str(pdf)), "not HTML", "PDF document")


def test_inspect_empty_file_and_empty_response(tmp_path):
    (tmp_path / "empty.html").write_text("\n  \n")
    assert_one_line_error(run_tracker("inspect", str(tmp_path / "empty.html")), "empty")
    with Site(tmp_path) as site:
        assert_one_line_error(run_tracker("inspect", f"{site.base_url}/empty.html"), "empty")


def test_inspect_page_without_text(tmp_path):
    (tmp_path / "shell.html").write_text("<html><head><script>render()</script></head><body></body></html>")
    assert_one_line_error(run_tracker("inspect", str(tmp_path / "shell.html")), "no article", "no main text")


def test_inspect_unfetchable_urls(courier):
    assert_one_line_error(run_tracker("inspect", f"http://127.0.0.1:{free_port()}/a.html"), "connection refused")
    assert_one_line_error(run_tracker("inspect", f"{courier.base_url}/news/missing.html"), "HTTP 404")
    assert_one_line_error(run_tracker("inspect", f"{courier.base_url}/private/memo.html"), "disallowed by robots.txt")
    assert_one_line_error(run_tracker("inspect", f"{courier.base_url}/rss/news.xml"), "not HTML", "XML")


def test_inspect_timeout():
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/story.html"
        assert_one_line_error(run_tracker("inspect", url, "--timeout", "1"), "timed out after 1 s")


def test_inspect_usage_errors(tmp_path):
    assert_one_line_error(run_tracker("inspect", str(tmp_path / "nope.html")), "no such file")
    missing = run_tracker("inspect")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "give a URL" in missing.stderr
