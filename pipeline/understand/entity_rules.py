"""German rule patterns: the data files in pipeline/data/patterns/ and the word lists they use.

The patterns are spaCy EntityRuler patterns, one JSON object per line. A value
written "@name" stands for a word list or regular expression built here from
org_suffixes.txt and org_words_de.txt, so that one list serves both the
patterns and the normalisation in pipeline/entities.py. German name forms
(inflected adjectives, acronyms) are handled here too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

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


COURT = re.compile(r"gericht(?:shof)?$")
CUE_IDS = {"rule:apposition", "rule:cue"}  # rules whose first token is a cue, not part of the name
DETERMINERS = {"the", "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines"}
# A capitalised adjective inside a sentence is part of a name: German writes ordinary adjectives
# in lower case. The stems cover "Deutsche", "Europäisches", "Hanseatische", "Digitale".
NAME_ADJECTIVE = (r"^(?:[A-ZÄÖÜ][a-zäöüß]*(?:isch|lich|ig|al|ell|sch)|Frei|Neu|Vereinigt|Allgemein)"
                  r"(?:e|er|es|en)$")
PATTERNS = DATA / "patterns"
CLUB_PREFIXES = ["FC", "SV", "TSV", "TV", "HSG", "VfB", "VfL", "SC", "SpVgg", "SG", "TuS", "BSC", "1."]


def _sections(filename: str) -> dict[str, list[str]]:
    """A word list split into "# name" sections (org_words_de.txt)."""
    sections: dict[str, list[str]] = defaultdict(list)
    current = None
    path = DATA / filename
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
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


@lru_cache(maxsize=1)
def pattern_values() -> dict[str, object]:
    """What the "@name" placeholders in patterns/*.jsonl stand for.

    The patterns are data, but the word lists they use live in their own files
    (org_suffixes.txt, org_words_de.txt) so that one list serves the patterns and
    the normalisation below.
    """
    suffixes, heads = org_word_lists()
    words = _sections("org_words_de.txt")
    return {
        "@determiners": sorted(DETERMINERS),
        "@club_prefixes": CLUB_PREFIXES,
        "@suffix_tokens": [s for s in suffixes if " " not in s],
        "@court_heads": [h for h in heads if " " not in h and COURT.search(h)],
        # Federal bodies ("Bundesregierung") are names on their own: the next noun is not part of them.
        "@other_heads": [h for h in heads if " " not in h and not COURT.search(h) and not h.startswith("Bundes")],
        "@seat_heads": words.get("seat", []),
        "@kind_nouns": _ending_regex(words.get("kind", [])),
        "@adjective_heads": _ending_regex([w.split()[0] for w in words.get("adjective", [])]),
        "@company_endings": _ending_regex(words.get("company", [])),
        "@name_adjective": NAME_ADJECTIVE,
    }


@lru_cache(maxsize=1)
def _genders() -> list[tuple[str, str]]:
    """Organisation noun endings with their gender, longest first: [("kulturrat", "m"), ...]."""
    pairs = [w.split() for w in _sections("org_words_de.txt").get("adjective", [])]
    return sorted(((p[0], p[1]) for p in pairs if len(p) == 2), key=lambda p: -len(p[0]))


BASE_ENDING = {"f": "e", "m": "er", "n": "es"}  # strong nominative: "Deutsche Bahn", "Deutscher Rat", "Deutsches Institut"


def base_form(name: str) -> str:
    """"Deutschen Bahn" -> "Deutsche Bahn", "Deutsche Kulturrat" -> "Deutscher Kulturrat"."""
    words = name.split()
    gender = next((g for ending, g in _genders() if words[-1].lower().endswith(ending)), None)
    if gender is None or len(words) < 2 or not all(re.match(NAME_ADJECTIVE, w) for w in words[:-1]):
        return name
    return " ".join([re.sub(r"(?:er|es|en|e)$", "", w) + BASE_ENDING[gender] for w in words[:-1]] + words[-1:])


def _expand(value):
    if isinstance(value, str) and value.startswith("@"):
        if value not in pattern_values():
            raise ValueError(f"unknown placeholder {value!r} in an entity pattern")
        return pattern_values()[value]
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


def load_patterns(name: str) -> list[dict]:
    """The EntityRuler patterns in patterns/<name>.jsonl, placeholders filled in.

    One JSON object per line, as spaCy's EntityRuler reads them, plus a "why" field
    that is documentation only. The one place rule patterns are read.
    """
    path = PATTERNS / f"{name}.jsonl"
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name}:{number}: not JSON ({error.msg})") from None
        pattern.pop("why", None)
        patterns.append(_expand(pattern))
    if any("_" in token for p in patterns for token in p["pattern"] if isinstance(p["pattern"], list)):
        _register_given_name_attribute()
    return patterns


def _register_given_name_attribute():
    from spacy.tokens import Token

    names = frozenset(read_lines("given_names_de.txt") + read_lines("given_names_en.txt"))
    Token.set_extension("given_name", force=True,
                        getter=lambda t: t.text[:1].isupper() and all(p in names for p in t.text.split("-")))


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
