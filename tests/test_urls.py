"""Canonical URLs: rel=canonical / og:url when trustworthy, tracking parameters removed."""

from __future__ import annotations

from pipeline.collect.urls import normalize_url, pick_canonical, same_site, strip_tracking


def test_tracking_parameters_removed_others_kept():
    url = "https://example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=x&gclid=y#comments"
    assert strip_tracking(url) == "https://example.com/a?id=7"
    assert normalize_url("https://Example.com/a?b=2&a=1&utm_campaign=z") == "https://example.com/a?a=1&b=2"


def test_canonical_choice():
    fetched = "https://example.com/news/story?utm_source=x"
    assert pick_canonical(fetched, ["/news/story-canonical"]) == "https://example.com/news/story-canonical"
    # another outlet's canonical (syndication) is ignored: near-duplicate detection handles those
    assert pick_canonical(fetched, ["https://wire.example.org/original"]) == "https://example.com/news/story"
    # a canonical pointing at the front page is a template bug
    assert pick_canonical(fetched, ["https://example.com/"]) == "https://example.com/news/story"
    assert pick_canonical(fetched, ["", "https://www.example.com/og"]) == "https://www.example.com/og"
    assert same_site("https://www.example.com/a", "https://example.com/b")
    assert not same_site("https://example.com/a", "https://example.org/a")
