"""Bills by name (issue 18): how linking.py matches a bill's names, and when a name is not a mention.

A long descriptive name matches in any case ("the government's report on copyright and artificial intelligence"),
an "... Act" also as the compound German makes of it ("ELVIS-Gesetz"), and a name right after another
jurisdiction's place word is none ("Colorado AI Act"). The words are each language's `linking:` data.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.languages import languages_dir
from pipeline.understand.bill_descriptions import _WORD, bill_words
from pipeline.understand.linking_words import caption_words, every_language


def with_compounds(names: list[str]) -> list[str]:
    """The names, and each "... Act" also as the compound other languages make of it (`act_compounds`): "ELVIS
    Act" is "ELVIS-Gesetz" in German news, and without "Act" ("the Take It Down deadline"). Only names of capitalised
    words ("NO FAKES Act"), not "Data (Use and Access) Act"."""
    compounds = _act_compounds(languages_dir())
    out = list(names)
    for name in names:
        words = name.split()
        if len(words) >= 2 and words[-1] == "Act" and all(re.fullmatch(r"[A-Z][\w.]*", w) for w in words[:-1]):
            out += ["-".join(words[:-1]) + "-" + c for c in compounds]
            # "the Take It Down deadline", "No Fakes": a name of two capitalised words or more is the Act without
            # "Act", when one of them is no acronym of three letters or fewer ("EU AI" is no name), and only in its
            # own case ("training data transparency" is no name).
            if len(words) >= 3 and any(len(w) >= 4 for w in words[:-1]) and not loose_alias(" ".join(words[:-1])):
                out.append(" ".join(words[:-1]))
    return out


@lru_cache(maxsize=4)
def _act_compounds(directory: Path) -> tuple[str, ...]:
    return tuple(every_language("act_compounds"))


def loose_alias(alias: str) -> bool:
    """A long descriptive name is matched in any case ("the government's report on copyright and artificial
    intelligence"): three words or more, two of them of five letters or more and not acronyms.
    "Make It Fair" keeps its case: "make it fair" is no campaign."""
    telling = [t for t in _WORD.findall(alias) if len(t) >= 5 and not t.isupper()]
    return len(alias.split()) >= 3 and len(telling) >= 2


def placed_elsewhere(text: str, start: int, end: int, jurisdictions: tuple[str, ...], loose: bool) -> bool:
    """A bill's name right after another jurisdiction's place word is not a mention ("Colorado AI Act"); a
    long name matched in any case is not one either when its sentence names a place or issuer of another
    jurisdiction and none of the bill's own ("the Copyright Office's report on copyright and artificial
    intelligence" is not the UK government's)."""
    if _foreign_place_before(text, start, jurisdictions):
        return True
    if not loose:
        return False
    words = bill_words()
    sentence = _sentence_at(text, start, end)
    if any(words.place[j].search(sentence) for j in jurisdictions if j in words.place):
        return False
    return bool(words.any_place.search(sentence))


def _sentence_at(text: str, start: int, end: int) -> str:
    before = max((m.end() for m in re.finditer(r"[.!?\n]\s", text[:start])), default=0)
    after = re.search(r"[.!?\n](?:\s|$)", text[end:])
    return text[before:end + after.start() if after else len(text)]


def _foreign_place_before(text: str, start: int, jurisdictions: tuple[str, ...]) -> bool:
    # A name at the end of a compound belongs to the compound's law, placed by the word before the compound:
    # "kalifornisches Wahl-Deepfake-Gesetz" is no German "Deepfake-Gesetz".
    start -= len(re.search(r"(?:[^\W\d_]+-)*$", text[max(0, start - 60):start])[0])
    before = re.search(r"([\w.-]+?)(?:'s|’s|s)?\s+$", text[max(0, start - 40):start])
    if not before:
        return False
    words = caption_words()
    # "Colorado delays its AI Act": after "its", the place is the one the sentence names before.
    named = re.findall(r"[\w.-]+", text[max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1:start]) \
        if before.group(0).strip().lower() in words.possessives else [before.group(1)]
    allowed = set().union(*(words.places.get(j, set()) for j in jurisdictions)) if jurisdictions else set()
    return any(w in words.all_places and w not in allowed for w in named)


def reviews(name: str) -> bool:
    """Whether a name opens with a word for reviewing an instrument ("review of the DSM Directive", "Überprüfung der
    DSM-Richtlinie", `bill_review_words`): the instrument it names inside is mentioned too."""
    first = name.split()[0].lower() if name.split() else ""
    return first in _review_words(languages_dir())


@lru_cache(maxsize=4)
def _review_words(directory: Path) -> frozenset[str]:
    return frozenset(w.lower() for w in every_language("bill_review_words"))


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the bill names found at `spans` blanked out (underscores, no word), offsets kept: "the AI Act Code
    of Practice" names the code, and its words "AI Act" describe no other bill. The first character stays, so a name
    that opens a sentence still opens one ("... backed by SAG-AFTRA. AB 2602 voids ...")."""
    chars = list(text)
    for start, end in spans:
        chars[start + 1:end] = "_" * (end - start - 1)
    return "".join(chars)
