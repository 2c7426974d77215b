"""Published dates in every form, with the offset the page gave, in the documented order of trust."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from lxml import html

from pipeline.understand.dates import (
    date_from_byline,
    date_from_url,
    find_published,
    is_older_than,
    local_date,
    page_zone,
    to_iso,
    to_utc_iso,
)

BERLIN = ZoneInfo("Europe/Berlin")


def published(page: str, url: str = "https://example.com/story") -> tuple:
    tree = html.fromstring(page)
    return find_published(tree, tree.text_content(), url)


@pytest.mark.parametrize("text, zone, expected", [
    ("Published 14 March 2025", None, "2025-03-14T00:00:00+00:00"),
    ("Updated March 14, 2025 at 3:05 pm", None, "2025-03-14T15:05:00+00:00"),  # no zone known: UTC
    ("Updated March 14, 2025 at 9:12 pm", ZoneInfo("America/Los_Angeles"), "2025-03-14T21:12:00-07:00"),
    ("23. Januar 2026", BERLIN, "2026-01-23T00:00:00+00:00"),  # a calendar day stays that day
    ("Veröffentlicht am 23. Januar 2026, 14:05 Uhr", BERLIN, "2026-01-23T14:05:00+01:00"),
    ("Stand: 3. März 2025", BERLIN, "2025-03-03T00:00:00+00:00"),
    ("am 23.01.2026 um 9:30 Uhr", BERLIN, "2026-01-23T09:30:00+01:00"),
    ("no date here", None, None),
])
def test_bylines_en_and_de(text, zone, expected):
    assert (date_from_byline(text, zone) if zone else date_from_byline(text)) == expected


@pytest.mark.parametrize("stamp, utc, day", [
    # Late evening on the US west and east coasts is the next day in UTC; the reader's date is the local one.
    ("2025-03-14T21:12:00-07:00", "2025-03-15T04:12:00+00:00", "2025-03-14"),  # PDT
    ("2025-01-14T21:12:00-08:00", "2025-01-15T05:12:00+00:00", "2025-01-14"),  # PST
    ("2025-01-14T23:59:00-05:00", "2025-01-15T04:59:00+00:00", "2025-01-14"),  # EST
    ("2025-07-04T20:30:00-04:00", "2025-07-05T00:30:00+00:00", "2025-07-04"),  # EDT
    ("2025-01-15T00:30:00+01:00", "2025-01-14T23:30:00+00:00", "2025-01-15"),  # Berlin just after midnight
    ("2025-03-14T21:12:00Z", "2025-03-14T21:12:00+00:00", "2025-03-14"),
])
def test_late_evening_keeps_its_local_date(stamp, utc, day):
    jsonld = f'<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{stamp}"}}</script>'
    at, where = published(f"<html><head>{jsonld}</head><body><p>text</p></body></html>")
    assert where == "json-ld"
    assert to_utc_iso(at) == utc
    assert local_date(at) == day


def test_a_time_without_offset_is_read_in_the_sources_zone_else_the_languages_else_utc():
    meta = '<html><head><meta property="article:published_time" content="2025-03-14T21:12:00"></head></html>'
    tree = html.fromstring(meta)
    pacific = page_zone("America/Los_Angeles", "en")
    assert find_published(tree, "", "https://x.com/a", tz=pacific) == ("2025-03-14T21:12:00-07:00", "meta")
    assert find_published(tree, "", "https://x.com/a", tz=page_zone(None, "de")) == (
        "2025-03-14T21:12:00+01:00", "meta")  # German's `timezone:` in its language.yaml
    assert find_published(tree, "", "https://x.com/a", tz=page_zone(None, "en")) == (
        "2025-03-14T21:12:00+00:00", "meta")  # English names no zone
    assert page_zone("Not/AZone", None) is UTC
    assert to_iso("2025-03-14", pacific) == "2025-03-14T00:00:00+00:00"  # a date alone is a calendar day


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
        "2025-03-14T09:30:00-04:00", "json-ld")
    assert published(f"<html><head>{meta}</head><body>{byline}</body></html>", url) == (
        "2025-06-02T18:00:00+02:00", "meta")
    assert published(f"<html><body>{byline}</body></html>", url) == ("2020-01-02T00:00:00+00:00", "byline")
    assert published("<html><body><p>text</p></body></html>", url) == ("2019-05-05T00:00:00+00:00", "url")
    assert published("<html><body><p>text</p></body></html>") == (None, None)


def test_utc_normalisation_and_nonsense():
    assert to_utc_iso("2025-03-14T23:30:00-05:00") == "2025-03-15T04:30:00+00:00"
    assert to_utc_iso("2025-03-14T10:00:00Z") == "2025-03-14T10:00:00+00:00"
    assert to_utc_iso("2025-03-14T10:00:00+0100") == "2025-03-14T09:00:00+00:00"
    assert to_utc_iso("1970-01-01") is None and to_utc_iso("yesterday") is None
    assert is_older_than("2001-01-01", 86400) and not is_older_than("2001-01-01", None)


SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_site"


def test_every_date_pattern_of_the_sample_site():
    """JSON-LD with a Pacific offset (Reel), article:published_time in UTC (Ledger), a written German byline
    read in Berlin time (Medienwoche), <time datetime> with an Eastern or Berlin offset (Courier)."""
    from pipeline.records import Page
    from pipeline.understand.extract import extract_article

    expected = yaml.safe_load((SAMPLE_SITE / "expected.yaml").read_text(encoding="utf-8"))["articles"]
    seen = set()
    for item in expected:
        path = SAMPLE_SITE / "www" / item["path"].strip("/")
        path = path / "index.html" if path.is_dir() else path
        body = path.read_bytes().replace(b"__BASE__", b"http://127.0.0.1:9")
        article = extract_article(Page(url="http://127.0.0.1:9" + item["path"], body=body, source=item["outlet"],
                                       via="feed", language_hint=item["language"]))
        stamp = str(item["published"])
        assert article.published_at == stamp, item["path"]
        assert article.published == to_utc_iso(stamp)
        assert local_date(article.published_at) == stamp[:10]
        seen.add((item["outlet"], article.published_from))
    assert {where for _, where in seen} == {"json-ld", "meta", "byline"}
    assert len({outlet for outlet, _ in seen}) == 4


def test_the_sources_timezone_reaches_extraction():
    from pipeline.records import Page
    from pipeline.understand.extract import extract_article

    body = ('<html lang="en"><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2025-03-14T21:12:00"}</script></head><body><article>'
            + "<p>Authors sued an AI company over the training of its models on their books.</p>" * 20
            + "</article></body></html>").encode()
    page = Page(url="https://x.com/a", body=body, source="X", via="feed", timezone="America/Los_Angeles")
    article = extract_article(page)
    assert (article.published_at, article.published) == ("2025-03-14T21:12:00-07:00", "2025-03-15T04:12:00+00:00")
    page.timezone = None  # English names no zone: UTC
    assert extract_article(page).published_at == "2025-03-14T21:12:00+00:00"
