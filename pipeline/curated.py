"""The curated data files, each read in one place: cases, bills and the gazetteer of actors.

They live in pipeline/data/ (see its README). A broken cases or bills file is
a CuratedDataError with the file and the entry at fault, so a crawl can say
what to fix and go on storing articles unlinked.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
CASES_FILE = DATA_DIR / "cases.yaml"
BILLS_FILE = DATA_DIR / "bills.yaml"
GAZETTEER_FILE = DATA_DIR / "gazetteer.jsonl"


class CuratedDataError(ValueError):
    """cases.yaml or bills.yaml cannot be read."""


def _load_list(path: Path, required: tuple[str, ...]) -> list[dict]:
    try:
        # The C loader: the pure-Python one takes a second for these two files, at every crawl start.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise CuratedDataError(f"{path}: cannot read: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, list):
        raise CuratedDataError(f"{path}: expected a list of entries")
    seen = set()
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise CuratedDataError(f"{path}: entry {i} is not a mapping")
        missing = [k for k in required if not entry.get(k)]
        if missing:
            raise CuratedDataError(f"{path}: entry {i} ({entry.get('slug', '?')}) lacks {', '.join(missing)}")
        if entry["slug"] in seen:
            raise CuratedDataError(f"{path}: slug {entry['slug']} appears twice")
        seen.add(entry["slug"])
    return data


@lru_cache(maxsize=4)
def load_cases(path: Path = CASES_FILE) -> list[dict]:
    return _load_list(Path(path), ("slug", "name", "short_name"))


@lru_cache(maxsize=4)
def load_bills(path: Path = BILLS_FILE) -> list[dict]:
    return _load_list(Path(path), ("slug", "title", "short_name"))


@lru_cache(maxsize=1)
def load_gazetteer() -> list[dict]:
    """Every gazetteer entry: name, type, aliases (per language), wikidata. Entities and linking both read this."""
    if not GAZETTEER_FILE.exists():
        return []
    return [json.loads(line) for line in GAZETTEER_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_label_only(name: str) -> bool:
    """"Equity (UK)" is a label that tells two actors apart, not a form that occurs in text."""
    return "(" in name and name.rstrip().endswith(")")
