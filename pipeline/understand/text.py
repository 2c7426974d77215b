"""Splitting text into sentences: the one splitter, for relevance (passing mentions) and linking (cues).

A plain rule rather than spaCy's sentencizer: both callers run on every
article, most of which never reach the NER model, and a full stop followed by
a capital (or a digit, or an opening quote) is a good enough sentence end for
"is this term in the same sentence as that one".
"""

from __future__ import annotations

import re
from collections.abc import Collection

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»«']?\s+(?=[\"“„»«']?[A-ZÄÖÜ0-9])")
# A full stop after these is not the end of a sentence: "Warner Bros. Discovery sued ...".
ABBREVIATIONS = frozenset({"bros", "inc", "co", "corp", "ltd", "mr", "mrs", "ms", "dr", "st", "jr", "v", "vs", "no",
                           "nr", "az", "u.s", "e.v", "abs", "art", "gov", "sen", "rep", "hon", "prof", "gen"})
_LAST_WORD = re.compile(r"([\w.]+)[.]\W*$")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")


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


def sentence_starts(text: str, abbreviations: Collection[str] = ABBREVIATIONS) -> list[int]:
    """Offsets where the second, third, ... sentence of `text` begins.

    A full stop after one of `abbreviations` (lower case, without the final dot:
    "bros", "u.s") or after an initial ("R.R.") ends no sentence.
    """
    return [m.end() for m in _sentence_ends(text, abbreviations)]


def split_sentences(text: str, abbreviations: Collection[str] = ABBREVIATIONS) -> list[str]:
    """The sentences of `text`, without the quote and white space between them; empty ones left out."""
    found, start = [], 0
    for m in _sentence_ends(text, abbreviations):
        found.append(text[start:m.start()])
        start = m.end()
    found.append(text[start:])
    return [s for s in found if s.strip()]
