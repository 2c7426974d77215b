"""The default sources file is a serious starting point: enough sources, both languages, every category."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from pipeline.collect.sources import CATEGORIES, FIELDS, SourcesError, load_sources, parse_sources
from tracker.cli import DEFAULT_SOURCES

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DOC = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
FULL = {"name": "Example Trade Paper", "homepage": "https://www.example.com/", "language": "en", "category": "trade",
        "feeds": ["https://www.example.com/feed/"], "sitemaps": [], "listings": [], "article_pattern": "/20",
        "since": "30d"}


def test_default_sources_shape():
    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources) >= 40
    assert {s.language for s in sources} == {"en", "de"}
    assert set(Counter(s.category for s in sources)) == set(CATEGORIES)
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


def documented_fields() -> dict[str, str]:
    """docs/sources.md's field table: field -> what its Required column says."""
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", SOURCES_DOC.split("| Field | Required | Meaning |", 1)[1], re.M)
    return {field: required.strip() for field, required in rows}


def test_the_documented_fields_are_the_loaders_and_required_means_required():
    documented = documented_fields()
    assert set(documented) == FIELDS
    parse_sources({"sources": [FULL]})
    for field, required in documented.items():
        entry = {k: v for k, v in FULL.items() if k != field}
        if required == "yes":
            with pytest.raises(SourcesError, match=f"'{field}' is required"):
                parse_sources({"sources": [entry]})
        else:
            assert parse_sources({"sources": [entry]}), f"{field} is documented as {required!r}"
    # The routes and the homepage: one of them is needed, any one will do.
    routes = {k: v for k, v in FULL.items() if k not in ("homepage", "feeds", "sitemaps", "listings")}
    with pytest.raises(SourcesError, match="give at least one of feeds, sitemaps, listings or a homepage"):
        parse_sources({"sources": [routes]})
    for field in ("homepage", "feeds", "sitemaps", "listings"):
        value = "https://www.example.com/" if field == "homepage" else ["https://www.example.com/x"]
        assert parse_sources({"sources": [{**routes, field: value}]})


def test_the_documented_categories_are_the_loaders():
    table = SOURCES_DOC.split("## Categories", 1)[1].split("##", 1)[0]
    assert tuple(re.findall(r"^\| `(\w+)` \|", table, re.M)) == CATEGORIES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"category: trade                   # optional: {', '.join(CATEGORIES)}" in readme


def test_an_unknown_category_is_a_one_line_error_naming_the_file_and_the_source(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{**FULL, "category": "legal_press"}]}), encoding="utf-8")
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: source 'Example Trade Paper': 'category' must be one of trade, tech,")
    assert message.endswith("not 'legal_press'")


def test_a_timezone_is_a_tz_database_name(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": [{**FULL, "timezone": "America/Los_Angeles"}]}), encoding="utf-8")
    assert [s.timezone for s in load_sources(path)] == ["America/Los_Angeles"]
    path.write_text(yaml.safe_dump({"sources": [{**FULL, "timezone": "PST"}]}), encoding="utf-8")
    with pytest.raises(SourcesError, match="'timezone' must be a tz database name"):
        load_sources(path)
