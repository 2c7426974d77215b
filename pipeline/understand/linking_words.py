"""The words of every language's `linking:` data that the article linker reads (pipeline/understand/linking.py).

A German article may quote an English caption, so every language's words apply to every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.languages import all_languages, languages_dir


@dataclass
class CaptionWords:
    """The words of every language's `linking:` data (a German article may quote an English caption)."""

    connector: str  # "v." and its spellings, as a regex with the spaces around it
    has_connector: re.Pattern
    connector_words: frozenset[str]
    litigation: re.Pattern  # words that make a sentence with both parties about the dispute, not a deal
    places: dict[str, set[str]]  # jurisdiction -> words before a law's name that place it there
    all_places: set[str]
    abbreviations: frozenset[str]
    name_variants: dict[str, set[str]]  # a given name -> its other forms ("Anthony" -> {"Tony"}, "Tony" -> {"Anthony"})
    on_behalf_of: tuple[str, ...]  # "Estate of": the party named after it is the person it stands for
    their_suit: re.Pattern  # "its earlier case against": the plaintiff is the one the sentence before names
    given_names: frozenset[str]  # every language's, and their variants: a party starting with one is a person
    not_surnames: frozenset[str]  # "John Doe" is nobody: "Doe" alone is no one's surname
    name_suffixes: frozenset[str]  # generic last words of a name the news drops: "Caseway AI" is "Caseway"
    not_short_names: frozenset[str]  # what is left then, yet an ordinary word or someone else: "Stability"
    masthead_owner: tuple[str, ...]  # "{m} publisher": a publisher named by one of its mastheads
    honorifics: tuple[str, ...]  # "Ms.": "Ms. Yin" is a person the news calls "a voice actor surnamed Yin"
    surnamed: tuple[str, ...]  # "surnamed", "namens"
    consolidated: re.Pattern  # "consolidated", "MDL": the sentence speaks of a case that gathers suits
    statute_section: str  # "§", "Paragraf" as a regex: a section of a statute ("§ 201b StGB")
    statutes: dict[str, str]  # "StGB" -> a regex of its long names ("Strafgesetzbuch(?:s|es)?")
    statute_joins: str  # "des", "im": "Paragraf 201b des Strafgesetzbuchs"
    ordinals: dict[int, re.Pattern]  # n -> "second suit", "zweite Klage": the parties' n-th suit
    possessives: frozenset[str]  # "its", "seinen": "Colorado delays its AI Act" places the law in Colorado


@lru_cache(maxsize=4)
def _caption_words(directory: Path) -> CaptionWords:
    langs = [lang.linking for lang in all_languages()]
    connectors = list(dict.fromkeys(w for words in langs for w in words.get("connectors") or []))
    # An article may follow the connector: "Thaler gegen den Comptroller-General" (`connector_articles`).
    articles = "|".join(re.escape(str(w)) for words in langs for w in words.get("connector_articles") or []) or "(?!)"
    connector = r"\s+(?:" + ("|".join(re.escape(w) for w in sorted(connectors, key=len, reverse=True)) or "(?!)") \
        + rf")\s+(?:(?:{articles})\s+)?"
    litigation = "|".join(w for words in langs for w in words.get("litigation") or []) or "(?!)"
    places: dict[str, set[str]] = {}
    for words in langs:
        for jurisdiction, names in (words.get("places") or {}).items():
            places.setdefault(jurisdiction, set()).update(map(str, names))
    others = {str(w) for words in langs for w in words.get("other_places") or []}
    abbreviations = frozenset(str(w).lower() for words in langs for w in words.get("abbreviations") or [])
    variants: dict[str, set[str]] = {}
    for words in langs:
        for long, shorts in (words.get("given_name_variants") or {}).items():
            for short in shorts:
                variants.setdefault(str(long), set()).add(str(short))
                variants.setdefault(str(short), set()).add(str(long))
    behalf = tuple(sorted({str(w) for words in langs for w in words.get("on_behalf_of") or []}, key=len, reverse=True))
    their_suit = "|".join(w for words in langs for w in words.get("their_suit") or []) or "(?!)"
    consolidated = "|".join(w for words in langs for w in words.get("consolidated") or []) or "(?!)"
    statutes: dict[str, list[str]] = {}
    for words in langs:
        for short, long in (words.get("statutes") or {}).items():
            statutes.setdefault(str(short), []).extend(map(str, long))
    suits = _either(langs, "suit_words")
    numbers: dict[int, list[str]] = {}
    for words in langs:
        for n, names in (words.get("ordinals") or {}).items():
            numbers.setdefault(int(n), []).extend(map(str, names))
    # ... or after it: "the case they first brought in Nashville", "the lyrics case, first filed in Nashville".
    after: dict[int, list[str]] = {}
    for words in langs:
        for n, names in (words.get("ordinals_after") or {}).items():
            after.setdefault(int(n), []).extend(map(str, names))
    ordinals = {n: re.compile(rf"(?i)(?<!\w)(?:(?:{'|'.join(names)})\s+(?:[\w-]+\s+)?(?:{suits})(?!\w)|(?:{suits})"
                              rf"\W+(?:[\w'’]+\W+){{0,2}}?(?:{'|'.join(after.get(n) or ['(?!)'])})(?!\w))")
                for n, names in numbers.items()}
    extra = (tuple(sorted(_words(langs, "masthead_owner"))),
             tuple(sorted(_words(langs, "honorifics"), key=len, reverse=True)), tuple(sorted(_words(langs, "surnamed"))),
             re.compile(rf"(?<!\w)(?:{consolidated})(?!\w)"), _either(langs, "section_words"),
             {k: "|".join(v) for k, v in statutes.items()}, _either(langs, "statute_joins"), ordinals,
             _words(langs, "possessives"))
    return CaptionWords(connector, re.compile(connector), frozenset(w.lower() for w in connectors),
                        re.compile(rf"(?i)(?<!\w)(?:{litigation})(?!\w)"), places, others.union(*places.values()),
                        abbreviations, variants, behalf, re.compile(rf"(?i)(?<!\w)(?:{their_suit})\s+"),
                        frozenset(n for lang in all_languages() for n in lang.given_names).union(variants),
                        _words(langs, "not_surnames"), _words(langs, "name_suffixes"), _words(langs, "not_short_names"),
                        *extra)


def _either(langs: list[dict], key: str) -> str:
    return "|".join(str(w) for words in langs for w in words.get(key) or []) or "(?!)"


def _words(langs: list[dict], key: str) -> frozenset[str]:
    return frozenset(str(w) for words in langs for w in words.get(key) or [])


def every_language(key: str) -> list[str]:
    """Every language's words under `linking: key`, as strings (YAML may read a word as a number or a boolean)."""
    return [str(w) for lang in all_languages() for w in lang.linking.get(key) or []]


def caption_words() -> CaptionWords:
    return _caption_words(languages_dir())


CAPTION_REACH = 200  # characters a party's name may take on either side of the connector


def caption_windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around every connector; a caption lies wholly inside one of them."""
    windows: list[tuple[int, int]] = []
    for m in caption_words().has_connector.finditer(text):
        a, b = max(0, m.start() - CAPTION_REACH), min(len(text), m.end() + CAPTION_REACH)
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], b)
        else:
            windows.append((a, b))
    return windows
