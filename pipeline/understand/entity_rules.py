"""Rule patterns of a language (its language.yaml `ner: rules:`) and the word lists they use.

A language without a statistical model (German) finds names with rules: spaCy
EntityRuler patterns, one JSON object per line, in its folder under
pipeline/data/languages/. A value written "@name" stands for a word list or
regular expression built here from org_suffixes.txt, the language's
org_words.txt and its language.yaml, so that one list serves both the patterns
and the normalisation in pipeline/understand/entities.py. Name forms with
inflected adjectives ("der Deutschen Bahn") and acronyms are handled here too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.languages import Language, all_languages, languages_dir, union

DATA = Path(__file__).parents[1] / "data"


def read_lines(filename: str) -> list[str]:
    path = DATA / filename
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def org_word_lists() -> tuple[list[str], list[str]]:
    suffixes, heads, section = [], [], "suffix"
    path = DATA / "org_suffixes.txt"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        line = line.strip()
        if line.lower().startswith("# head"):
            section = "head"
        elif line.lower().startswith("# suffix"):
            section = "suffix"
        elif line and not line.startswith("#"):
            (heads if section == "head" else suffixes).append(line)
    return suffixes, heads


CUE_IDS = {"rule:apposition", "rule:cue"}  # rules whose first token is a cue, not part of the name


def determiners() -> frozenset[str]:
    """Every language's articles ("the", "der", "eine"): a name never starts with one."""
    return _determiners(languages_dir())


@lru_cache(maxsize=4)
def _determiners(directory: Path) -> frozenset[str]:
    return frozenset(union("determiners"))


@dataclass
class _Inflection:
    """How a language's capitalised name adjectives inflect (`ner:` in its language.yaml)."""

    adjective: re.Pattern  # `name_adjective`: a capitalised adjective that is part of a name
    ending: re.Pattern  # any of `adjective_endings`, at the end of a word
    ranks: dict[str, int]  # ending -> how surely a name written with it is in its base form
    base: dict[str, str]  # `base_endings`: the noun's gender -> the adjective's ending in the base form


@lru_cache(maxsize=8)
def _inflection(lang: Language) -> _Inflection | None:
    if not lang.ner.get("name_adjective"):
        return None
    ranks = {str(k): int(v) for k, v in (lang.ner.get("adjective_endings") or {}).items()}
    endings = "|".join(re.escape(e) for e in sorted(ranks, key=len, reverse=True)) or "(?!)"
    return _Inflection(re.compile(lang.ner["name_adjective"]), re.compile(f"(?:{endings})$"), ranks,
                       {str(k): str(v) for k, v in (lang.ner.get("base_endings") or {}).items()})


def adjective_inflection(word: str) -> tuple[str, int] | None:
    """(stem, how surely the word is in its base form) if `word` is a name adjective of any language.

    "Deutscher" -> ("Deutsch", 2), "Deutschen" -> ("Deutsch", 0); None for any other word.
    """
    for lang in all_languages():
        inflection = _inflection(lang)
        if inflection and inflection.adjective.match(word):
            ending = inflection.ending.search(word)
            suffix = ending.group(0) if ending else ""
            return word[:len(word) - len(suffix)], inflection.ranks.get(suffix, 1)
    return None


def _sections(path: Path | None) -> dict[str, list[str]]:
    """A word list split into "# name" sections (a language's org_words.txt)."""
    sections: dict[str, list[str]] = defaultdict(list)
    current = None
    for line in path.read_text(encoding="utf-8").splitlines() if path and path.exists() else []:
        line = line.strip()
        if re.fullmatch(r"#\s*\w+", line):
            current = line.lstrip("# ")
        elif line and not line.startswith("#") and current:
            sections[current].append(line)
    return sections


def _ending_regex(endings: list[str]) -> str:
    # Never an empty alternation: an empty list must match nothing, not everything.
    alternatives = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True)) or "(?!)"
    return rf"^[\w-]*(?:{alternatives})$"


def _org_words_file(lang: Language) -> Path | None:
    return lang.path(lang.ner["org_words"]) if lang.ner.get("org_words") else None


@lru_cache(maxsize=8)
def pattern_values(lang: Language) -> dict[str, object]:
    """What the "@name" placeholders in a language's rule patterns stand for.

    The patterns are data, but the word lists they use live in their own files
    (org_suffixes.txt, the language's org_words.txt) so that one list serves the
    patterns and the normalisation below.
    """
    suffixes, heads = org_word_lists()
    words = _sections(_org_words_file(lang))
    court = re.compile(_ending_regex(lang.ner.get("court_endings") or []))
    alone = tuple(lang.ner.get("head_prefixes_alone") or [])

    def is_court(head: str) -> bool:
        return bool(court.match(head))

    return {
        "@determiners": sorted(determiners()),
        "@club_prefixes": list(lang.ner.get("club_prefixes") or []),
        "@suffix_tokens": [s for s in suffixes if " " not in s],
        "@court_heads": [h for h in heads if " " not in h and is_court(h)],
        "@other_heads": [h for h in heads if " " not in h and not is_court(h) and not (alone and h.startswith(alone))],
        "@seat_heads": words.get("seat", []),
        "@kind_nouns": _ending_regex(words.get("kind", [])),
        "@adjective_heads": _ending_regex([w.split()[0] for w in words.get("adjective", [])]),
        "@company_endings": _ending_regex(words.get("company", [])),
        "@name_adjective": lang.ner.get("name_adjective") or "(?!)",
    }


@lru_cache(maxsize=8)
def _genders(lang: Language) -> list[tuple[str, str]]:
    """Organisation noun endings with their gender, longest first: [("kulturrat", "m"), ...]."""
    pairs = [w.split() for w in _sections(_org_words_file(lang)).get("adjective", [])]
    return sorted(((p[0], p[1]) for p in pairs if len(p) == 2), key=lambda p: -len(p[0]))


def base_form(name: str, lang: Language) -> str:
    """"Deutschen Bahn" -> "Deutsche Bahn", "Deutsche Kulturrat" -> "Deutscher Kulturrat"."""
    words = name.split()
    inflection = _inflection(lang)
    gender = next((g for ending, g in _genders(lang) if words[-1].lower().endswith(ending)), None)
    if inflection is None or gender not in inflection.base or len(words) < 2 \
            or not all(inflection.adjective.match(w) for w in words[:-1]):
        return name
    stems = [inflection.ending.sub("", w) + inflection.base[gender] for w in words[:-1]]
    return " ".join(stems + words[-1:])


def _expand(value, values: dict):
    if isinstance(value, str) and value.startswith("@"):
        if value not in values:
            raise ValueError(f"unknown placeholder {value!r} in an entity pattern")
        return values[value]
    if isinstance(value, dict):
        return {k: _expand(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, values) for v in value]
    return value


def rule_files(lang: Language) -> list[Path]:
    """The rule pattern files a language's language.yaml lists under `ner: rules:`."""
    return [lang.path(name) for name in lang.ner.get("rules") or []]


def load_rules(lang: Language) -> list[dict]:
    """All rule patterns of a language, in the order its language.yaml lists them."""
    return [p for path in rule_files(lang) for p in load_patterns(path, lang)]


def load_patterns(path: Path, lang: Language) -> list[dict]:
    """The EntityRuler patterns in one .jsonl file, placeholders filled in from `lang`'s word lists.

    One JSON object per line, as spaCy's EntityRuler reads them, plus a "why" field
    that is documentation only. The one place rule patterns are read.
    """
    values = pattern_values(lang)
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name}:{number}: not JSON ({error.msg})") from None
        pattern.pop("why", None)
        patterns.append(_expand(pattern, values))
    if any("_" in token for p in patterns for token in p["pattern"] if isinstance(p["pattern"], list)):
        _register_given_name_attribute()
    return patterns


def _register_given_name_attribute():
    from spacy.tokens import Token

    names = given_names()
    Token.set_extension("given_name", force=True,
                        getter=lambda t: t.text[:1].isupper() and all(p in names for p in t.text.split("-")))


def given_names() -> frozenset[str]:
    """Every language's given names: an English name in a German article is still a name."""
    return _given_names(languages_dir())


@lru_cache(maxsize=4)
def _given_names(directory: Path) -> frozenset[str]:
    return frozenset(union("given_names"))


def abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` is made of `name`'s initials: "DWD" of "Deutscher Wetterdienst", "EZB" of
    "Europäische Zentralbank", "KfW" of "Kreditanstalt für Wiederaufbau".

    Every capitalised word gives its first letter and may give more letters from inside
    (German compounds: "Skiverband" gives S and V); a lower-case word may give its first letter.
    """
    letters = [c for c in acronym.lower() if c.isalpha()]
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
    required = [w[:1].isupper() for w in re.findall(r"[^\W\d_]+", name)]

    def match(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        if not required[j] and match(i, j + 1):
            return True
        if i >= len(letters) or words[j][0] != letters[i]:
            return False
        k, pos = i + 1, 1
        while True:
            if match(k, j + 1):
                return True
            if k >= len(letters) or (pos := words[j].find(letters[k], pos)) < 0:
                return False
            k, pos = k + 1, pos + 1

    return len(letters) >= 2 and len(words) >= 2 and match(0, 0)
