"""What the sentence before lends to a sentence about a suit (pipeline/understand/linking.py): the plaintiff of
"their suit", the defendant of "its own complaint". News paragraphs name the parties once and go on."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.languages import languages_dir
from pipeline.understand.linking_words import caption_words, every_language


@lru_cache(maxsize=4)
def _references(directory: Path) -> re.Pattern:
    words = "|".join(every_language("plaintiff_references"))
    return re.compile(rf"(?:{words or '(?!)'})(?!\w)")


def their_suit(sentence: str, previous: str, plaintiffs: re.Pattern, defendants: re.Pattern) -> re.Match | None:
    """"The Times sued Perplexity. The paper's earlier case against OpenAI ...": the plaintiff in the sentence
    before, when this one speaks of its suit against the defendant. So too when this one opens by referring to
    the plaintiff and speaks of the suit: "Richner Communications is the lead plaintiff in a new complaint. The
    papers accuse Microsoft and OpenAI ..." (`plaintiff_references`)."""
    for a in caption_words().their_suit.finditer(sentence) if previous else ():
        if defendants.match(sentence, a.end()):
            return plaintiffs.search(previous)
    if previous and _references(languages_dir()).match(sentence) and caption_words().litigation.search(sentence):
        return plaintiffs.search(previous)
    return None


@lru_cache(maxsize=4)
def _defendant_references(directory: Path) -> re.Pattern:
    words = "|".join(every_language("defendant_references"))
    return re.compile(rf"(?<!\w)(?:{words or '(?!)'})(?!\w)")


def may_borrow(sentence: str) -> bool:
    """Whether `their_suit` can lend the sentence a plaintiff at all: it speaks of "their suit" or opens by referring
    to the plaintiff. A cheap test before asking whether it names one of its own."""
    return bool(caption_words().their_suit.search(sentence) or _references(languages_dir()).match(sentence))


def defendant(sentence: str, previous: str, defendants: re.Pattern) -> re.Match | None:
    """"Eight Alden dailies sued Microsoft and OpenAI. A second group, led by the Boston Herald, followed with its
    own complaint": the defendant in the sentence before, when this one names the plaintiff and the suit, or
    refers to the defendant by what it is ("have pursued a similar case against the startup",
    `defendant_references`): a word that says a suit ("case") without one of litigation."""
    if previous and (caption_words().litigation.search(sentence)
                     or _defendant_references(languages_dir()).search(sentence)):
        return defendants.search(previous)
    return None
