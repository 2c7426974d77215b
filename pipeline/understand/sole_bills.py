"""A bill by its place and its subject alone, when its jurisdiction has no other bill in the file (issue 18).

"Chinas Behörden verlangen seit September eine Kennzeichnung KI-generierter Inhalte", "Beijing now requires
AI-generated text ... to be labelled": no word for the kind of instrument, but the place has one measure on the beat
and three words of its names stand near the place. Where a place has several bills, their kind must say which
(bill_descriptions.py). The words are compared as there, by Snowball stem, generic words and acronyms aside.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.understand.bill_descriptions import _WORD, WINDOW, Described, _keys, bill_words, places_in

MIN_WORDS = 3  # two are too few: "KI-generierter Inhalte" in a Chinese court case is no labelling rule


def find(sentences: list[str], bills: dict[str, list[Described]], named: set[str]) -> list[tuple[str, str]]:
    """(slug, evidence) for each bill of a one-bill jurisdiction that a sentence speaks of by place and subject."""
    words = bill_words()
    alone = {j: b[0] for j, b in bills.items() if len(b) == 1 and b[0].slug not in named}
    found = []
    regex = _places_of(tuple(sorted(j for j in alone if j in words.place)), words)
    # Most articles name no place of those jurisdictions: one search of the whole passes them over.
    for sentence in sentences if regex.search(" ".join(sentences)) else ():
        if not regex.search(sentence):
            continue
        for place in places_in(sentence, words):
            for j in (j for j, regex in words.place.items() if j in alone and regex.fullmatch(place.group(0))):
                bill = alone[j]
                tokens = _WORD.findall(sentence[max(0, place.start() - 160):place.end() + 160])[:2 * WINDOW]
                said = {}
                for token in tokens:
                    if not token.isupper() and (keys := _keys(token, words) & bill.keys):
                        said.setdefault(min(keys), token)
                if len(said) >= MIN_WORDS:
                    found.append((bill.slug, f"description:{place.group(0)} + {' '.join(said.values())}"))
    return found


@lru_cache(maxsize=16)
def _places_of(jurisdictions: tuple[str, ...], words) -> re.Pattern:
    return re.compile("|".join(f"(?:{words.place[j].pattern})" for j in jurisdictions) or "(?!)")
