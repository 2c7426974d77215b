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

from tests.conftest import FAST, SITES, TRACKER, assert_one_line_error, free_port, run_tracker
from tracker.sitehost import SAMPLE_SITE, Site

pytestmark = pytest.mark.slow  # runs the tracker or a server (tests/cost.py)

FIXTURES = SITES / "discover"
PAGES = FIXTURES / "pages"
ARTICLE_KEYS = {"url", "fetched_url", "title", "authors", "published", "published_from", "fetched", "language",
                "description", "text", "word_count", "content_hash", "paywalled", "relevance", "relevant",
                "evidence", "topics", "entities", "entities_stored", "cases", "bills",
                "page_verdict"}
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


def run_side_by_side(*commands: list[str]) -> list[subprocess.CompletedProcess]:
    """Several `tracker` runs at once: most of their time is Python starting up, which overlaps well."""
    env = {**os.environ, "TRACKER_LOG_LEVEL": "ERROR"}
    runs = [subprocess.Popen([TRACKER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for args in commands]
    results = []
    for args, run in zip(commands, runs, strict=True):
        out, err = run.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(args, run.returncode, out, err))
    return results


def test_inspect_url_json_and_text_output(courier):
    as_json, as_text = run_side_by_side(
        ["inspect", f"{courier.base_url}/news/2026/11/authors-sue-openai.html?utm_source=rss", "--json"],
        ["inspect", f"{courier.base_url}/news/2026/11/no-fakes-act-hearing.html"])
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert set(data) == ARTICLE_KEYS
    assert data["page_verdict"]["kind"] == "article" and data["page_verdict"]["signals"]
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

    assert as_text.returncode == 0, as_text.stderr
    out = as_text.stdout
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
    case_rows = list(db.query("select a.url, c.case_slug, c.evidence from article_cases c "
                              "join articles a on a.id = c.article_id"))
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
        # Entities are shown for every article; the crawl stored them only for a relevant one.
        assert shown["entities_stored"] is bool(row["relevant"])
        stored = [e for e in shown["entities"] if shown["entities_stored"]]
        assert sorted((e["name"], e["type"], e["mentions"], e["surface_forms"]) for e in stored) == sorted(
            (e["name"], e["type"], e["mentions"], json.loads(e["surface_forms"])) for e in entity_rows
            if e["url"] == row["url"])
        assert sorted((t["topic"], t["score"]) for t in shown["topics"]) == sorted(
            (t["topic"], t["score"]) for t in topic_rows if t["url"] == row["url"])
        # Case links too: inspect runs the same stages as the crawl, linking included.
        assert sorted((c["case_slug"], c["evidence"]) for c in shown["cases"]) == sorted(
            (c["case_slug"], json.loads(c["evidence"])) for c in case_rows if c["url"] == row["url"])
    assert any(row["relevant"] for row in rows) and not all(row["relevant"] for row in rows)
    assert case_rows, "the fixture site should have at least one article linked to a case"


def test_inspect_saved_pages_with_url():
    """--url gives a saved page its address; a canonical on another host is ignored, as in the crawl."""
    address = "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html?utm_source=twitter"
    tageblatt, mirror = run_side_by_side(
        ["inspect", str(PAGES / "tageblatt-paywall.html"), "--url", address, "--json"],
        ["inspect", str(PAGES / "courier-no-fakes-act.html"), "--url", "https://mirror.example/copy/no-fakes.html",
         "--json"])
    assert tageblatt.returncode == 0, tageblatt.stderr
    data = json.loads(tageblatt.stdout)
    assert data["url"] == "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html"
    assert data["fetched_url"] == "https://www.tageblatt.example/kultur/ki-stimmen-klage-100777.html"
    assert data["paywalled"] is True
    assert data["language"] == "de"
    assert data["authors"] == ["Katrin Berger"]
    assert (data["published"], data["published_from"]) == ("2026-11-23T06:45:00+00:00", "json-ld")
    assert data["relevant"] is True
    assert "likeness" in [t["topic"] for t in data["topics"]]
    # The page's canonical says www.courier.example; a copy served elsewhere keeps its own address.
    assert json.loads(mirror.stdout)["url"] == "https://mirror.example/copy/no-fakes.html"


def test_inspect_saved_page_without_url_says_so(tmp_path):
    saved = tmp_path / "box-office.html"
    saved.write_bytes((FIXTURES / "courier/news/2026/10/box-office.html").read_bytes())
    result = run_tracker("inspect", str(saved))
    assert result.returncode == 0, result.stderr
    assert f"url           {saved.as_uri()}" in result.stdout
    assert "pass --url" in result.stdout
    assert "not relevant" in result.stdout
    assert "(not stored: a crawl stores the entities of relevant articles only)" in result.stdout


def sample_articles() -> list[dict]:
    expected = SAMPLE_SITE / "expected.yaml"
    if not (SAMPLE_SITE / "www").is_dir() or not expected.exists():
        return []
    data = yaml.safe_load(expected.read_text(encoding="utf-8"))
    articles = data["articles"] if isinstance(data, dict) else data
    # One of each language, enough to catch a drift between inspect and the labels without slowing the suite.
    return [a for lang in ("en", "de") for a in [a for a in articles if a.get("language") == lang][:1]]


@pytest.mark.skipif(not sample_articles(), reason="sample_site/www is not built")
@pytest.mark.parametrize("article", sample_articles(), ids=lambda a: a["path"])
def test_inspect_sample_site_pages(article, tmp_path):
    source = SAMPLE_SITE / "www" / article["path"].lstrip("/")
    if source.is_dir() or article["path"].endswith("/"):
        source = source / "index.html"
    # Saved as a browser would save it: the site's placeholder replaced by the address it was served from.
    origin = "https://sample.example"
    saved = tmp_path / "saved.html"
    saved.write_bytes(source.read_bytes().replace(b"__BASE__", origin.encode()))
    data = inspect_json(str(saved), "--url", origin + article["path"] + "?utm_source=feed")
    assert data["url"] == origin + article["path"]
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
    assert set(data) == {"text", "word_count", "language", "relevance", "relevant", "evidence", "topics", "entities",
                         "entities_stored", "cases", "bills"}
    assert data["language"] == "de"
    assert data["relevant"] is True
    assert "OpenAI" in [e["name"] for e in data["entities"]]
    assert [c["case_slug"] for c in data["cases"]] == ["gema-v-openai"]
    assert data["entities_stored"] is True
    # An irrelevant text is tagged too, so the tagger can be measured on any text; a crawl would not store them.
    english = inspect_json("--text", "-", stdin="The weather was sunny in Berlin on Sunday, said Dana Whitcombe of "
                                                 "the Met Office, and the parks were full.")
    assert english["language"] == "en" and english["relevant"] is False and english["entities_stored"] is False
    assert ("Dana Whitcombe", "PERSON") in {(e["name"], e["type"]) for e in english["entities"]}


# --- errors: one line on stderr, non-zero exit, never a traceback -----------------------------------


def test_inspect_bad_inputs(tmp_path, courier):
    """Each bad input: one line on stderr, a non-zero exit, nothing on stdout."""
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")  # the bytes count
    (tmp_path / "ruling.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "empty.html").write_text("\n  \n")
    (tmp_path / "shell.html").write_text("<html><head><script>render()</script></head><body></body></html>")
    with Site(tmp_path) as site:
        cases = {
            "PNG image": [str(tmp_path / "photo.html")],
            "PDF document": [str(tmp_path / "ruling.pdf")],
            "the page is empty": [str(tmp_path / "empty.html")],
            "empty": [f"{site.base_url}/empty.html"],
            "no main text found": [str(tmp_path / "shell.html")],
            "no such file": [str(tmp_path / "nope.html")],
            "connection refused": [f"http://127.0.0.1:{free_port()}/a.html"],
            "HTTP 404": [f"{courier.base_url}/news/missing.html"],
            "disallowed by robots.txt": [f"{courier.base_url}/private/memo.html"],
            "not HTML: it is XML": [f"{courier.base_url}/rss/news.xml"],
            "not HTML: the server says image/png": [f"{site.base_url}/photo.png"],
        }
        (tmp_path / "photo.png").write_bytes(b"<html>" + b"x" * 10)  # served as image/png by its name
        results = run_side_by_side(*[["inspect", *args] for args in cases.values()])
    for fragment, result in zip(cases, results, strict=True):
        assert_one_line_error(result, fragment)


def test_inspect_timeout():
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/story.html"
        assert_one_line_error(run_tracker("inspect", url, "--timeout", "1"), "timed out after 1 s")


def test_inspect_usage_errors():
    missing, both = run_side_by_side(["inspect"], ["inspect", "http://127.0.0.1:9/a.html", "--text", "-"])
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "give a URL" in missing.stderr
    assert both.returncode == 2 and "Traceback" not in both.stderr and "--text" in both.stderr
