"""Published dates in every form, normalised to UTC ISO 8601, in the documented order of trust."""

from __future__ import annotations

import pytest
from lxml import html

from pipeline.understand.dates import (
    date_from_byline,
    date_from_url,
    find_published,
    is_older_than,
    to_utc_iso,
)


def published(page: str, url: str = "https://example.com/story") -> tuple:
    tree = html.fromstring(page)
    return find_published(tree, tree.text_content(), url)


@pytest.mark.parametrize("text, expected", [
    ("Published 14 March 2025", "2025-03-14T00:00:00+00:00"),
    ("Updated March 14, 2025 at 3:05 pm", "2025-03-14T14:05:00+00:00"),  # local (Berlin) time with a clock time
    ("23. Januar 2026", "2026-01-23T00:00:00+00:00"),
    ("Veröffentlicht am 23. Januar 2026, 14:05 Uhr", "2026-01-23T13:05:00+00:00"),
    ("Stand: 3. März 2025", "2025-03-03T00:00:00+00:00"),
    ("am 23.01.2026 um 9:30 Uhr", "2026-01-23T08:30:00+00:00"),
    ("no date here", None),
])
def test_bylines_en_and_de(text, expected):
    assert date_from_byline(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://x.com/2025/03/14/story.html", "2025-03-14T00:00:00+00:00"),
    ("https://x.com/news/20250314-story", "2025-03-14T00:00:00+00:00"),
    ("https://x.com/2025/03/story", "2025-03-01T00:00:00+00:00"),
    ("https://x.com/story-123", None),
])
def test_dates_from_urls(url, expected):
    assert date_from_url(url) == expected


def test_order_of_trust():
    jsonld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-14T09:30:00-04:00"}</script>'
    meta = '<meta property="article:published_time" content="2025-06-02T18:00:00+02:00">'
    byline = "<p>Published 2 January 2020</p>"
    url = "https://example.com/2019/05/05/story"
    assert published(f"<html><head>{jsonld}{meta}</head><body>{byline}</body></html>", url) == (
        "2025-03-14T13:30:00+00:00", "json-ld")
    assert published(f"<html><head>{meta}</head><body>{byline}</body></html>", url) == (
        "2025-06-02T16:00:00+00:00", "meta")
    assert published(f"<html><body>{byline}</body></html>", url) == ("2020-01-02T00:00:00+00:00", "byline")
    assert published("<html><body><p>text</p></body></html>", url) == ("2019-05-05T00:00:00+00:00", "url")
    assert published("<html><body><p>text</p></body></html>") == (None, None)


def test_utc_normalisation_and_nonsense():
    assert to_utc_iso("2025-03-14T23:30:00-05:00") == "2025-03-15T04:30:00+00:00"
    assert to_utc_iso("2025-03-14T10:00:00Z") == "2025-03-14T10:00:00+00:00"
    assert to_utc_iso("2025-03-14T10:00:00+0100") == "2025-03-14T09:00:00+00:00"
    assert to_utc_iso("1970-01-01") is None and to_utc_iso("yesterday") is None
    assert is_older_than("2001-01-01", 86400) and not is_older_than("2001-01-01", None)
