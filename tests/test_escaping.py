"""Crawled titles and text are data: an article titled with <script> and <img onerror> stays text everywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import feedparser
import pytest

from pipeline.publish import atom
from tests.publishing_env import MALICIOUS_SLUG, published  # noqa: F401  (session fixture)

A = "{http://www.w3.org/2005/Atom}"
NASTY = "<script>alert('title')</script>"
NASTY_IMG = "<img src=x onerror=alert('img')>"


def malicious(published):  # noqa: F811
    [row] = published.query("select id, title, url from articles where url like ?", [f"%{MALICIOUS_SLUG}%"])
    # The test means something only if the crawl kept the markup as text in the title.
    assert NASTY in row["title"] and NASTY_IMG in row["title"]
    return row


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/tracker/articles/{id}", "/tracker/latest", "/tracker/search?q=Getty",
                                  "/tracker/relevant_articles", "/tracker/entity_timeline?entity=Getty+Images",
                                  "/tracker/feed_all", "/tracker/articles?_search=Getty",
                                  "/tracker/-/case/getty-v-stability-us"])
def test_pages_show_the_markup_escaped(published, path):  # noqa: F811
    row = malicious(published)
    status, _, page = published.get(path.format(id=row["id"]))
    assert status == 200
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(" in page


@pytest.mark.slow
def test_feeds_carry_the_markup_as_text(published):  # noqa: F811
    row = malicious(published)
    status, _, body = published.get("/tracker/feed_topic.atom?topic=litigation")
    assert status == 200
    assert "<script>" not in body and "<img src" not in body
    root = ET.fromstring(body.encode())
    [entry] = [e for e in root.findall(f"{A}entry") if e.findtext(f"{A}id") == row["url"]]
    assert entry.findtext(f"{A}title") == row["title"]  # exactly the text, once unescaped by XML
    assert entry.find(f"{A}title").get("type") == "text"
    content = entry.findtext(f"{A}content")  # the HTML a reader will render
    assert "<script" not in content and "<img" not in content
    assert "&lt;script&gt;alert('desc')" in content
    parsed = feedparser.parse(body)
    assert any(e.title == row["title"] for e in parsed.entries)


def test_entry_content_escapes_every_field():
    row = {"summary": "<b onmouseover=x()>hi</b>", "source": "<script>s</script>", "language": "<i>",
           "people": '["<img src=x onerror=y()>"]', "organisations": '["A&B"]', "topics": "[]",
           "atom_link": 'javascript:alert(1)', "published": "2026-01-01T00:00:00Z"}
    html = atom.entry_content(row)
    assert "<b" not in html and "<script" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=y()&gt;" in html and "A&amp;B" in html
    assert "javascript:" not in html  # only http(s) links are kept


def test_build_feed_escapes_titles_and_attributes():
    rows = [{"atom_id": "https://example.org/a?x=1&y=2", "atom_title": NASTY, "atom_updated": "2026-01-01T00:00:00Z",
             "atom_link": 'https://example.org/a"><script>', "source": "S"}]
    body = atom.build_feed(rows, title="t <b>", feed_id="tag:x,2026:f", self_url="https://e.org/f.atom")
    root = ET.fromstring(body)
    assert root.findtext(f"{A}title") == "t <b>"
    entry = root.find(f"{A}entry")
    assert entry.findtext(f"{A}title") == NASTY
    assert entry.find(f"{A}link").get("href") == 'https://example.org/a"><script>'
    assert b"<script>" not in body


def test_snippet_cell_escapes_text_and_marks_matches():
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("tracker_publishing",
                                                  ROOT / "datasette_config" / "plugins" / "tracker_publishing.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    urls = SimpleNamespace(query=lambda db, q, format=None: f"/{db}/{q}", row=lambda db, t, pk: f"/{db}/{t}/{pk}")
    ds = SimpleNamespace(urls=urls)
    cell = plugin.render_cell({}, "x <script>alert(1)</script> ⟦copyright⟧ y", "snippet", None, "tracker", ds)
    assert str(cell) == "x &lt;script&gt;alert(1)&lt;/script&gt; <mark>copyright</mark> y"
    people = plugin.render_cell({}, '["<img src=x onerror=a()>"]', "people", None, "tracker", ds)
    assert "<img" not in str(people) and "&lt;img" in str(people)
    title = plugin.render_cell({"article_id": 3}, NASTY, "title", None, "tracker", ds)
    assert str(title) == '<a href="/tracker/articles/3">&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</a>'
