"""Languages are data: one folder per ISO 639-1 code under pipeline/data/languages/.

Each folder holds a language.yaml (its name, spaCy pipeline, entity switches,
month names, byline words, "next page" words, litigation words...) and the
word lists that file names (vocabulary.yaml, given_names.txt, rule patterns).
Code asks `language(code)` for one language, or `all_languages()` where every
language's words apply at once (a German article may quote an English caption),
and never tests for a code itself. docs/understanding.md says how to add one.

The folder is found through one setting, $TRACKER_LANGUAGES_DIR (tests point
it at a temporary folder). Everything built from the data is cached per
folder, so changing the setting takes effect at the next lookup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_DIR = Path(__file__).parent / "data" / "languages"
# An article in a language without a folder (or with none detected) is judged as English:
# the statistical model, the larger vocabulary, and the language most sources write in.
FALLBACK = "en"


class LanguageDataError(ValueError):
    """A language folder cannot be read."""


@dataclass(eq=False)  # compared and hashed by identity, so functions can cache what they build from one
class Language:
    code: str
    name: str
    directory: Path
    ner: dict = field(default_factory=dict)
    entities: dict = field(default_factory=dict)
    vocabulary: Path | None = None
    given_names: list[str] = field(default_factory=list)
    person_titles: list[str] = field(default_factory=list)
    determiners: list[str] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)
    time: dict[str, list[str]] = field(default_factory=dict)
    byline: dict[str, list[str]] = field(default_factory=dict)
    timezone: str | None = None  # where a time written without an offset is read, when the source gives none
    not_article_paths: list[str] = field(default_factory=list)
    next_page: list[str] = field(default_factory=list)
    home_page: list[str] = field(default_factory=list)
    page_paths: dict[str, list[str]] = field(default_factory=dict)  # kind of page -> path words (page_type.py)
    page_titles: dict[str, list[str]] = field(default_factory=dict)  # kind of page -> how its title begins
    episode_words: list[str] = field(default_factory=list)  # a title or address naming an episode (page_media.py)
    slide_counter: list[str] = field(default_factory=list)  # "1 of 8": the word between (page_media.py)
    paged: list[str] = field(default_factory=list)  # "/page/7": a listing's further page (page_type.py)
    linking: dict = field(default_factory=dict)
    story: dict = field(default_factory=dict)  # lines that are no story: credits, footers, captions (understand/story.py)
    stemmer: str | None = None  # the Snowball algorithm for search (pipeline/store/search.py), e.g. "german"
    events: dict[str, list[str]] = field(default_factory=dict)  # kind of event -> title cues (developments.py)

    def switch(self, name: str) -> bool:
        """An entity-normalisation switch (language.yaml `entities:`); off when not given."""
        return bool(self.entities.get(name, False))

    def path(self, relative: str) -> Path:
        return self.directory / relative


def languages_dir() -> Path:
    """The folder of language folders: $TRACKER_LANGUAGES_DIR, else pipeline/data/languages."""
    return _path(os.environ.get("TRACKER_LANGUAGES_DIR") or "")


@lru_cache(maxsize=8)
def _path(setting: str) -> Path:
    # One Path object per setting: it is the key of every cache built from the data, and
    # the lookup runs for every article, link and span.
    return Path(setting) if setting else DEFAULT_DIR


def read_lines(path: Path) -> list[str]:
    """A word list: one entry a line; blank lines and lines starting with # are skipped."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _words(value) -> list[str]:
    return [str(v) for v in value or []]


def _load(folder: Path) -> Language:
    path = folder / "language.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LanguageDataError(f"{path}: cannot read: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise LanguageDataError(f"{path}: expected a mapping")
    code = str(data.get("code") or folder.name)
    if code != folder.name:
        raise LanguageDataError(f"{path}: code {code!r} differs from its folder's name")
    vocabulary = folder / data["vocabulary"] if data.get("vocabulary") else None
    return Language(
        code=code,
        name=str(data.get("name") or code),
        directory=folder,
        ner=dict(data.get("ner") or {}),
        entities=dict(data.get("entities") or {}),
        vocabulary=vocabulary,
        given_names=read_lines(folder / data["given_names"]) if data.get("given_names") else [],
        person_titles=read_lines(folder / data["person_titles"]) if data.get("person_titles") else [],
        determiners=_words(data.get("determiners")),
        months={str(k).lower(): int(v) for k, v in (data.get("months") or {}).items()},
        time={k: _words(v) for k, v in (data.get("time") or {}).items()},
        byline={k: _words(v) for k, v in (data.get("byline") or {}).items()},
        timezone=str(data["timezone"]) if data.get("timezone") else None,
        not_article_paths=_words(data.get("not_article_paths")),
        next_page=_words(data.get("next_page")),
        home_page=_words(data.get("home_page")),
        page_paths={str(k): _words(v) for k, v in (data.get("page_paths") or {}).items()},
        page_titles={str(k): _words(v) for k, v in (data.get("page_titles") or {}).items()},
        episode_words=_words(data.get("episode_words")),
        slide_counter=_words(data.get("slide_counter")),
        paged=_words(data.get("paged")),
        linking=dict(data.get("linking") or {}),
        story={k: _words(v) for k, v in (data.get("story") or {}).items()},
        stemmer=str((data.get("search") or {}).get("stemmer") or "") or None,
        events={str(k): _words(v) for k, v in ((data.get("developments") or {}).get("events") or {}).items()},
    )


@lru_cache(maxsize=4)
def _all(directory: Path) -> dict[str, Language]:
    folders = sorted(p for p in directory.iterdir() if (p / "language.yaml").exists()) if directory.is_dir() else []
    found = {folder.name: _load(folder) for folder in folders}
    if not found:
        raise LanguageDataError(f"{directory}: no language folders (each needs a language.yaml)")
    return found


def codes() -> list[str]:
    """The codes of every language with a folder, sorted."""
    return list(_all(languages_dir()))


def all_languages() -> list[Language]:
    return list(_all(languages_dir()).values())


def language(code: str | None) -> Language:
    """The language with this code; a code without a folder (or None) gets the fallback language.

    The fallback is English, or, in a folder without English, the first language by code.
    """
    known = _all(languages_dir())
    if code and code.lower() in known:
        return known[code.lower()]
    return known.get(FALLBACK) or next(iter(known.values()))


def union(words: str) -> list[str]:
    """One list field (e.g. "next_page") of every language, in order, without repeats."""
    return list(dict.fromkeys(w for lang in all_languages() for w in getattr(lang, words)))
