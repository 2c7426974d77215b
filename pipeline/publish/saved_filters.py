"""Saved filters: named selections of relevant articles that advocacy staff follow as feeds.

A filter lives in config/filters.yaml. Each one becomes the parameters of the
`feed_filter` canned query, so the live Datasette feed and the static file
written by `tracker feeds export` run the very same SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILTERS = ROOT / "config" / "filters.yaml"
KEYS = {"name", "slug", "topics", "entities", "search", "languages", "min_relevance"}


class FiltersError(ValueError):
    """The filters file cannot be used; the message says where and why, on one line."""


@dataclass
class SavedFilter:
    name: str
    slug: str
    topics: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    min_relevance: float = 0.0


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "filter"


def fts_query(terms: list[str]) -> str:
    """Search terms as one FTS5 query: each term a quoted phrase, any of them may match."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms if term.strip())


def _strings(value, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise FiltersError(f"{where}: '{key}' must be a list of strings")
    items = [str(v).strip() for v in value if str(v).strip()]
    # Lists travel as comma-separated query parameters.
    if any("," in item for item in items) and key != "search":
        raise FiltersError(f"{where}: '{key}' entries cannot contain commas")
    return items


def load_filters(path: str | Path = DEFAULT_FILTERS, topics: set[str] | None = None) -> list[SavedFilter]:
    """Read and check the filters file. `topics` (known slugs), when given, catches typos in topic names."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FiltersError(f"{path}: cannot read filters file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise FiltersError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    entries = (data or {}).get("filters") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise FiltersError(f"{path}: expected a top-level 'filters:' list")
    filters, slugs = [], set()
    for number, entry in enumerate(entries, 1):
        where = f"{path}: filter {number}"
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise FiltersError(f"{where}: every filter needs a 'name'")
        unknown = set(entry) - KEYS
        if unknown:
            raise FiltersError(f"{where} ({entry['name']}): unknown key(s) {', '.join(sorted(unknown))}")
        try:
            min_relevance = float(entry.get("min_relevance") or 0)
        except (TypeError, ValueError):
            raise FiltersError(f"{where} ({entry['name']}): min_relevance must be a number") from None
        if not 0 <= min_relevance <= 1:
            raise FiltersError(f"{where} ({entry['name']}): min_relevance must be between 0 and 1")
        saved = SavedFilter(
            name=str(entry["name"]).strip(), slug=slugify(str(entry.get("slug") or entry["name"])),
            topics=_strings(entry.get("topics"), where, "topics"),
            entities=_strings(entry.get("entities"), where, "entities"),
            search=_strings(entry.get("search"), where, "search"),
            languages=[lang.lower() for lang in _strings(entry.get("languages"), where, "languages")],
            min_relevance=min_relevance,
        )
        if topics is not None and set(saved.topics) - topics:
            raise FiltersError(f"{where} ({saved.name}): unknown topic(s) {', '.join(sorted(set(saved.topics) - topics))}"
                               f"; known: {', '.join(sorted(topics))}")
        if saved.slug in slugs:
            raise FiltersError(f"{where} ({saved.name}): slug '{saved.slug}' is used twice")
        slugs.add(saved.slug)
        filters.append(saved)
    return filters


def query_params(saved: SavedFilter) -> dict[str, str]:
    """The parameters of the `feed_filter` canned query for this filter (empty string = no constraint)."""
    return {
        "topics": ",".join(saved.topics),
        "entities": ",".join(saved.entities),
        "q": fts_query(saved.search),
        "languages": ",".join(saved.languages),
        "min_relevance": f"{saved.min_relevance:g}",
        "name": saved.name,  # not used by the SQL; gives the feed its title
    }
