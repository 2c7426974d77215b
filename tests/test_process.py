"""The order of the stages: a page goes through extraction, language, relevance and (if relevant) entities."""

from pathlib import Path

import pytest

from pipeline.process import NotAnArticle, prepare, process_pages, understand
from pipeline.records import Page

MINI = Path(__file__).resolve().parent / "sites" / "mini"


def page(path: str, url: str, **kw) -> Page:
    body = (MINI / path).read_bytes().replace(b"__BASE__", b"https://mini.example")
    return Page(url=url, body=body, source="Mini News", via="feed", **kw)


def test_a_relevant_page_goes_through_every_stage():
    p = page("news/2026/01/authors-sue.html", "https://mini.example/news/2026/01/authors-sue.html?utm_source=rss")
    (article,), skipped = process_pages([p])
    assert not skipped
    assert article.url == "https://mini.example/news/2026/01/authors-sue.html"
    assert article.language == "en"
    assert article.published == "2026-01-13T14:30:00+00:00" and article.published_from == "json-ld"
    assert article.relevant and article.relevance >= 0.5
    assert {t.slug for t in article.topics} >= {"litigation", "training_data"}
    names = {(e.name, e.type) for e in article.entities}
    assert ("OpenAI", "ORG") in names and ("Sarah Silverman", "PERSON") in names


def test_irrelevant_pages_get_no_entities(monkeypatch):
    calls = []
    import pipeline.process as process

    monkeypatch.setattr(process, "tag_entities", lambda items, model=None: calls.append(items) or [[] for _ in items])
    weather = prepare(page("news/2026/01/weather.html", "https://mini.example/news/2026/01/weather.html"))
    assert not weather.relevant
    understand([weather])
    assert calls == [[]]  # NER ran over nothing: the irrelevant article was not sent to it


def test_a_listing_link_that_is_not_an_article_is_skipped():
    p = page("private/secret.html", "https://mini.example/tag/ai/", require_article=True)
    with pytest.raises(NotAnArticle):
        prepare(p)


def test_a_page_without_text_is_reported_not_stored():
    empty = Page(url="https://mini.example/empty", body=b"<html><body></body></html>", source="Mini", via="feed")
    articles, skipped = process_pages([empty])
    assert articles == [] and skipped and "text" in skipped[0][1]
