"""Splitting text into sentences: the one splitter, for relevance (passing mentions) and linking (cues).

A plain rule rather than spaCy's sentencizer: both callers run on every
article, most of which never reach the NER model, and a full stop followed by
a capital (or a digit, or an opening quote) is a good enough sentence end for
"is this term in the same sentence as that one".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from pipeline.languages import all_languages, languages_dir

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»«']?\s+(?=[\"“„»«']?[A-ZÄÖÜ0-9])")
_LAST_WORD = re.compile(r"([\w.]+)[.]\W*$")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


def abbreviations() -> frozenset[str]:
    """A full stop after these ends no sentence ("Warner Bros. Discovery sued"): every language's
    `linking: abbreviations`, since a German article quotes English names and the other way round."""
    return _abbreviations(languages_dir())


@lru_cache(maxsize=4)
def _abbreviations(directory: Path) -> frozenset[str]:
    return frozenset(str(w).lower() for lang in all_languages() for w in lang.linking.get("abbreviations") or [])


def _known(given: Collection[str] | None) -> Collection[str]:
    return abbreviations() if given is None else given


def _sentence_ends(text: str, abbreviations: Collection[str]) -> list[re.Match]:
    ends, start = [], 0
    for m in SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text[start:m.start()])
        token = word.group(1).lower() if word else ""
        if token in abbreviations or _INITIALS.fullmatch(token):
            continue
        ends.append(m)
        start = m.end()
    return ends


def sentence_starts(text: str, abbreviations: Collection[str] | None = None) -> list[int]:
    """Offsets where the second, third, ... sentence of `text` begins.

    A full stop after one of `abbreviations` (lower case, without the final dot:
    "bros", "u.s") or after an initial ("R.R.") ends no sentence.
    """
    return [m.end() for m in _sentence_ends(text, _known(abbreviations))]


def split_sentences(text: str, abbreviations: Collection[str] | None = None) -> list[str]:
    """The sentences of `text`, without the quote and white space between them; empty ones left out."""
    found, start = [], 0
    for m in _sentence_ends(text, _known(abbreviations)):
        found.append(text[start:m.start()])
        start = m.end()
    found.append(text[start:])
    return [s for s in found if s.strip()]
