"""Clauses of a sentence that pair different parties (issue 18, sixth round).

"David Woulard and the band Attack the Sound filed a class action against Suno in Chicago, while country singer
Anthony Justice went after Udio's parent in New York": Woulard also sues Udio and Justice also sues Suno, but not
here. A plaintiff and a defendant in two clauses of a sentence (cut at `clause_breaks`: "; ", ", while",
"während") are no pair when the plaintiff's clause has a defendant of its own and the defendant's clause a
plaintiff of its own: each clause pairs its own parties. One clause with both is not enough: "Sancton leads a
class against OpenAI, while Basbanes brought a separate complaint" (Basbanes's clause has no defendant), "Kadrey
says OpenAI trained ...; their suit ... as their complaint against Meta" (Meta's clause has no plaintiff).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.languages import languages_dir
from pipeline.understand.linking_words import caption_words, every_language


@lru_cache(maxsize=4)
def _breaks(directory: Path) -> re.Pattern:
    words = "|".join(every_language("clause_breaks")) or "(?!)"
    return re.compile(words)


def clause_breaks() -> re.Pattern:
    return _breaks(languages_dir())


def crossed(sentence: str, plaintiff: re.Match, defendant: re.Match, cases: dict) -> bool:
    """Whether the pair stands in two clauses, one of which pairs other parties: `cases` maps each case in
    question to its (plaintiffs, defendants) patterns."""
    cuts = [m.start() for m in clause_breaks().finditer(sentence)]
    if not cuts:
        return False
    p, d = _clause(cuts, plaintiff.start()), _clause(cuts, defendant.start())
    # The plaintiff's own clause may name the defendant again: "Bird sued Microsoft, while Basbanes named both
    # Microsoft and OpenAI".
    if p == d or any(_clause(cuts, m.start()) == p for m in defendant.re.finditer(sentence)):
        return False
    return any(_clause(cuts, m.start()) == p for _, side in cases.values() for m in side.finditer(sentence)) and any(
        _clause(cuts, m.start()) == d for side, _ in cases.values() for m in side.finditer(sentence))


def _clause(cuts: list[int], at: int) -> int:
    return sum(1 for c in cuts if c <= at)


def listed(sentence: str, others: set[str], own: list[str]) -> bool:
    """Whether one of the words `others` and one of `own` are items of one list in the sentence, cut at a comma or a
    `list_joins` word ("on training, copyrightability and digital replicas"), not words of one phrase ("digital
    replicas of deceased performers"): bill_descriptions.py, for the words of two bills of a series."""
    joins = _list_joins(languages_dir())
    at = {w: sentence.find(w) for w in [*others, *own]}
    return any(0 <= at[o] and 0 <= at[w] and joins.search(sentence[min(at[o], at[w]):max(at[o], at[w])])
               for o in others for w in own)


@lru_cache(maxsize=4)
def _list_joins(directory: Path) -> re.Pattern:
    joins = "|".join(re.escape(w) for w in every_language("list_joins")) or "(?!)"
    return re.compile(rf"^[\w\s-]*(?:,|\s(?:{joins})\s)[\w\s-]*$")


def suit_elsewhere(sentence: str, plaintiff: re.Match, defendants: re.Pattern) -> bool:
    """The plaintiff's own suit, named right after it, is against someone else than `defendants`: "Nach dem Urteil
    gegen OpenAI richtet sich der Blick auf GEMAs Klage gegen den Musikgenerator Suno" pairs GEMA with Suno only."""
    own = _own_suit(languages_dir()).match(sentence, plaintiff.end())
    return bool(own) and not defendants.search(sentence, own.end(), own.end() + 40)


@lru_cache(maxsize=4)
def _own_suit(directory: Path) -> re.Pattern:
    suits = "|".join(every_language("suit_words")) or "(?!)"
    # "GEMAs Klage gegen", "GEMA's suit against": the possessive, a word at most, a word for the suit, the connector.
    return re.compile(rf"(?:'s|’s|s|')?\s+(?:[\w-]+\s+)?(?:{suits})(?:{caption_words().connector})")
