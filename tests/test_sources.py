"""The default sources file is a serious starting point: enough sources, both languages, every category."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from pipeline.collect.sources import load_sources
from tracker.cli import DEFAULT_SOURCES

CATEGORIES = {"trade", "tech", "wire", "legal", "policy", "german_press", "creators_org", "agency", "search"}


def test_default_sources_shape():
    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources) >= 40
    assert {s.language for s in sources} == {"en", "de"}
    assert set(Counter(s.category for s in sources)) == CATEGORIES
    for s in sources:
        assert s.homepage and s.language and s.category, s.name
        assert s.feeds or s.sitemaps or s.listings or s.homepage, s.name
        for url in [*s.feeds, *s.sitemaps, *s.listings]:
            assert urlsplit(url).scheme == "https" or url.startswith("http://"), (s.name, url)


def test_named_organisations_are_covered():
    names = " ".join(s.name.lower() for s in load_sources(DEFAULT_SOURCES))
    for wanted in ("heise", "golem", "netzpolitik", "sag-aftra", "wga", "human artistry", "copyright alliance",
                   "authors guild", "gema", "copyright office", "euipo"):
        assert wanted in names or wanted.replace("-", "") in names.replace("-", ""), wanted
