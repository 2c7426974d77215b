"""Reading and checking the sources file (YAML)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import yaml

from pipeline.collect.safety import UnsafeURL, split_target
from pipeline.records import Source
from pipeline.understand.dates import zone

FIELDS = {"name", "homepage", "language", "category", "feeds", "sitemaps", "listings", "article_pattern", "since",
          "timezone"}
LIST_FIELDS = ("feeds", "sitemaps", "listings")
SINCE_RE = re.compile(r"^(\d+)([dhw])$")
# The categories of docs/sources.md; a misspelt one would quietly make a facet of its own in Datasette.
CATEGORIES = ("trade", "tech", "wire", "legal", "policy", "german_press", "creators_org", "agency", "search")


log = logging.getLogger("tracker.sources")


class SourcesError(ValueError):
    """The sources file cannot be used; the message says where and why."""


class _KeyCheckingLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; we keep it too, but say so."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                self.duplicates.append(f"line {key_node.start_mark.line + 1}: key {key!r} given twice; "
                                       f"the last one is used")
            seen.add(key if isinstance(key, str) else id(key_node))
        return super().construct_mapping(node, deep)


def _load_yaml(raw: str, where: str):
    loader = _KeyCheckingLoader(raw)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    for duplicate in loader.duplicates:
        log.warning("%s: %s", where, duplicate)
    return data


def load_sources(path: str | Path, base: str | None = None) -> list[Source]:
    """Read a sources file. `base` replaces the placeholder __BASE__ (used by the demo site)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read sources file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        line = raw_bytes_line(path, exc.start)
        raise SourcesError(f"{path}: line {line}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                           f"save the file as UTF-8") from None
    if base is not None:
        raw = raw.replace("__BASE__", base.rstrip("/"))
    try:
        data = _load_yaml(raw, str(path))
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from exc
    return parse_sources(data, str(path))


def raw_bytes_line(path: Path, offset: int) -> int:
    return path.read_bytes()[:offset].count(b"\n") + 1


def url_problem(value) -> str | None:
    """Why a configured URL cannot be crawled (scheme, host, port, IPv6 brackets, spaces), or None."""
    if not isinstance(value, str):
        return f"expected a URL, got {type(value).__name__}"
    try:
        split_target(value)  # the checks the crawler makes before every request (pipeline/collect/safety.py)
    except UnsafeURL as exc:
        return f"{value!r}: {exc}"
    return None


def parse_sources(data, where: str = "sources") -> list[Source]:
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{where}: expected a mapping with a 'sources:' list")
    if not data["sources"]:
        log.warning("%s: 'sources:' is empty; a crawl fetches nothing", where)
    sources, seen = [], set()
    urls: dict[str, str] = {}  # URL -> the source that lists it first
    for i, entry in enumerate(data["sources"], 1):
        label = f"{where}: source #{i}"
        if not isinstance(entry, dict):
            raise SourcesError(f"{label}: expected a mapping, got {type(entry).__name__}")
        unknown = set(entry) - FIELDS
        if unknown:
            raise SourcesError(f"{label}: unknown field(s) {', '.join(sorted(unknown))}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SourcesError(f"{label}: 'name' is required")
        label = f"{where}: source {name!r}"
        if name.strip() in seen:  # names are stored stripped: "Wire" and "Wire " would be merged
            raise SourcesError(f"{label}: duplicate name")
        seen.add(name.strip())
        lists = {}
        for key in LIST_FIELDS:
            value = entry.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise SourcesError(f"{label}: '{key}' must be a list of http(s) URLs")
            for url in value:
                problem = url_problem(url)
                if problem:
                    raise SourcesError(f"{label}: '{key}': {problem}")
                if url in urls:  # fetched once per run all the same, but which source gets the articles?
                    log.warning("%s: '%s': %s is also listed under source %r", label, key, url, urls[url])
                urls.setdefault(url, name.strip())
            lists[key] = value
        homepage = entry.get("homepage")
        if homepage is not None:
            problem = url_problem(homepage)
            if problem:
                raise SourcesError(f"{label}: 'homepage': {problem}")
        if not any(lists.values()) and not homepage:
            raise SourcesError(f"{label}: give at least one of feeds, sitemaps, listings or a homepage")
        pattern = entry.get("article_pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise SourcesError(f"{label}: article_pattern is not a valid regex: {exc}") from exc
        since = entry.get("since")
        if since is not None and not SINCE_RE.match(str(since)):
            raise SourcesError(f"{label}: 'since' must look like 30d, 12h or 2w")
        language = entry.get("language")
        if language is not None and not re.fullmatch(r"[a-z]{2}", str(language)):
            raise SourcesError(f"{label}: 'language' must be a two-letter code such as en or de")
        timezone = entry.get("timezone")
        if timezone is not None and zone(str(timezone)) is None:
            raise SourcesError(f"{label}: 'timezone' must be a tz database name such as America/New_York")
        category = entry.get("category")
        if category is not None and category not in CATEGORIES:
            raise SourcesError(f"{label}: 'category' must be one of {', '.join(CATEGORIES)}, not {category!r}")
        sources.append(
            Source(
                name=name.strip(),
                homepage=homepage,
                language=language,
                category=category,
                article_pattern=pattern,
                since=str(since) if since is not None else None,
                timezone=str(timezone) if timezone is not None else None,
                **lists,
            )
        )
    return sources


def since_seconds(since: str | None) -> int | None:
    """'30d' -> seconds; None stays None (no horizon)."""
    if not since:
        return None
    number, unit = SINCE_RE.match(since).groups()
    return int(number) * {"h": 3600, "d": 86400, "w": 7 * 86400}[unit]
