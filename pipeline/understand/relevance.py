"""Relevance and topics: is an article about an AI-copyright development, and which kind?

The vocabularies are data (pipeline/data/languages/<code>/vocabulary.yaml,
found through pipeline/languages.py; topic names in pipeline/data/vocab/topics.yaml), not code. An
article is relevant when it carries evidence of BOTH sides of the dispute:
AI (models, training, generative tools) and rights (copyright, likeness,
licensing, unions' contracts). Either side alone is a borderline case that
stays irrelevant; docs/understanding.md explains the rules.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.languages import Language, LanguageDataError, language
from pipeline.records import TopicScore
from pipeline.understand.text import sentence_starts

TOPICS_FILE = Path(__file__).parents[1] / "data" / "vocab" / "topics.yaml"
THRESHOLD = 0.5  # relevance at or above this is "relevant"
TOPIC_THRESHOLD = 0.7
TITLE_WEIGHT = 2.0  # a term in the headline counts this many times a term in the body
# Rights evidence confined to one sentence of the body is a passing mention ("the law
# does not deal with copyright"), typical of general AI-regulation news; it counts
# for this fraction only. Passing means: strong terms (weight >= SPREAD_WEIGHT) in at
# most one sentence, and any rights terms in at most two. A headline counts as two.
PASSING_STRONG, PASSING_ANY = 1, 2
SPREAD_WEIGHT = 0.6
PASSING_FACTOR = 0.25


@dataclass
class Term:
    label: str
    pattern: re.Pattern
    weight: float
    # The words (lower-cased \w+ runs) the text must contain for the phrase to match at all.
    # A phrase's separators and boundaries are never word characters, so a match always
    # consists of exactly these words: looking them up in the article's set of words is far
    # cheaper than running ~200 regexes over every article. None for /regex/ terms.
    words: frozenset[str] | None = None
    # For /regex/ terms: a lower-cased literal every match contains, if the regex has one.
    literal: str | None = None


@dataclass
class Vocabulary:
    language: str
    ai: list[Term] = field(default_factory=list)
    rights: list[Term] = field(default_factory=list)
    topics: dict[str, list[Term]] = field(default_factory=dict)


@dataclass
class Judgement:
    relevance: float
    relevant: bool
    evidence: list[str]
    topics: list[TopicScore]


def _compile(label: str) -> re.Pattern:
    # "/regex/" is a regular expression, matched case-insensitively on the text as written.
    # Anything else is a phrase matched on word boundaries in the lower-cased text. The "no
    # word character before" check comes after the first letter, not before it: a pattern
    # that starts with a literal lets re skip ahead to where that letter occurs, which makes
    # the scan 10-20 times faster than checking the lookbehind at every position.
    if _is_regex(label):
        return re.compile(label[1:-1], re.I)
    phrase = label.lower()
    return re.compile(re.escape(phrase[0]) + r"(?<!\w.)" + re.escape(phrase[1:]).replace(r"\ ", r"[\s-]+") + r"(?!\w)",
                      re.S)


def _is_regex(label: str) -> bool:
    return len(label) > 2 and label.startswith("/") and label.endswith("/")


WORD = re.compile(r"\w+")


def _words(label: str) -> frozenset[str] | None:
    if _is_regex(label):
        return None
    return frozenset(WORD.findall(label.lower())) or None


def _literal(label: str) -> str | None:
    """The longest literal run at the top level of a /regex/ ("vergütung" in /\\w*vergütung\\w*/).

    Top-level literals of a sequence are matched by every match (quantified, optional,
    alternative and look-around parts are other node types and end a run), so a text
    without the run cannot match. A regex is user data: if its parse tree looks unusual,
    there is simply no filter.
    """
    try:
        from re import _parser

        runs, run = [], ""
        for op, value in _parser.parse(label[1:-1]):
            if op is _parser.LITERAL:
                run += chr(value)
            else:
                runs.append(run)
                run = ""
        best = max([*runs, run], key=len).lower()
    except Exception:  # a private module of re: if it changes, lose the speed, not the matches
        return None
    return best if len(best) >= 2 else None


def _terms(mapping: dict | None) -> list[Term]:
    terms = []
    for key, weight in (mapping or {}).items():
        label = str(key)
        regex = _is_regex(label)
        terms.append(Term(label, _compile(label), float(weight), None if regex else _words(label),
                          _literal(label) if regex else None))
    return terms


@dataclass
class Scan:
    """Where each term occurs in one article, computed once and shared by every score."""

    title: str
    text: str
    cache: dict = field(default_factory=dict)
    _lower: tuple[str, str] | None = None
    _words: set[str] | None = None
    _bounds: list[int] | None = None

    def hits(self, term: Term) -> tuple[int, list[int]]:
        """(matches in the title, start offsets of matches in the text)."""
        key = id(term)
        if key not in self.cache:
            if self._lower is None:
                self._lower = (self.title.lower(), self.text.lower())
                self._words = set(WORD.findall(self._lower[0])) | set(WORD.findall(self._lower[1]))
            if term.words is None:  # a /regex/: on the text as written
                if term.literal and term.literal not in self._lower[0] and term.literal not in self._lower[1]:
                    self.cache[key] = (0, [])
                    return self.cache[key]
                title, text = self.title, self.text
            elif not term.words <= self._words:
                self.cache[key] = (0, [])
                return self.cache[key]
            elif len(self._lower[1]) == len(self.text):
                title, text = self._lower
            else:  # lower() changed the length (rare letters such as "İ"): offsets must stay the text's
                title, text = self._lower[0], self.text
                term = Term(term.label, re.compile(term.pattern.pattern, re.S | re.I), term.weight, term.words)
            self.cache[key] = (len(term.pattern.findall(title)), [m.start() for m in term.pattern.finditer(text)])
        return self.cache[key]

    def sentence_of(self, offset: int) -> int:
        if self._bounds is None:
            self._bounds = sentence_starts(self.text)
        return bisect.bisect_right(self._bounds, offset)


def load_vocabulary(code: str | None) -> Vocabulary:
    """The vocabulary of a language; a language without one (or without a folder) gets the fallback's."""
    lang = language(code)
    if lang.vocabulary is None or not lang.vocabulary.exists():
        lang = language(None)
    return _vocabulary(lang)


@lru_cache(maxsize=8)
def _vocabulary(lang: Language) -> Vocabulary:
    if lang.vocabulary is None or not lang.vocabulary.exists():
        raise LanguageDataError(f"{lang.directory}: the fallback language has no vocabulary")
    data = yaml.safe_load(lang.vocabulary.read_text(encoding="utf-8"))
    return Vocabulary(
        language=data.get("language", lang.code),
        ai=_terms(data.get("ai")),
        rights=_terms(data.get("rights")),
        topics={slug: _terms(terms) for slug, terms in (data.get("topics") or {}).items()},
    )


def load_topics() -> list[dict]:
    """Topic slugs, labels and descriptions, for the `topics` table."""
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return [{"slug": slug, **info} for slug, info in data["topics"].items()]


def _evidence(terms: list[Term], scan: Scan) -> tuple[float, list[str]]:
    """Weighted hits; a repeated term adds less each time (log-damped) so one word cannot carry an article."""
    total, fired = 0.0, []
    for term in terms:
        in_title, offsets = scan.hits(term)
        hits = in_title * TITLE_WEIGHT + len(offsets)
        if hits:
            total += term.weight * (1 + math.log(hits))
            fired.append(term.label)
    return total, fired


def _spread(terms: list[Term], scan: Scan) -> int:
    """In how many sentences the terms occur; the headline counts as two."""
    in_title = any(scan.hits(t)[0] for t in terms)
    sentences = {scan.sentence_of(offset) for t in terms for offset in scan.hits(t)[1]}
    return 2 * in_title + len(sentences)


def is_passing(terms: list[Term], title: str, text: str, scan: Scan | None = None) -> bool:
    """Whether the rights evidence is only a passing mention (see PASSING_*)."""
    scan = scan or Scan(title, text)
    strong = [t for t in terms if t.weight >= SPREAD_WEIGHT]
    return _spread(strong, scan) <= PASSING_STRONG and _spread(terms, scan) <= PASSING_ANY


def _saturate(x: float, scale: float = 1.5) -> float:
    return 1 - math.exp(-x / scale)


def judge_relevance(title: str, text: str, language: str | None) -> Judgement:
    vocab = load_vocabulary(language)
    scan = Scan(title, text)
    ai_total, ai_fired = _evidence(vocab.ai, scan)
    rights_total, rights_fired = _evidence(vocab.rights, scan)
    rights = _saturate(rights_total)
    if rights_fired and is_passing(vocab.rights, title, text, scan):
        rights *= PASSING_FACTOR
        rights_fired = [*rights_fired, "(passing mention)"]
    # Geometric mean: both sides have to be present for a high score.
    relevance = round(math.sqrt(_saturate(ai_total) * rights), 4)
    relevant = relevance >= THRESHOLD
    topics = []
    for slug, terms in vocab.topics.items():
        total, fired = _evidence(terms, scan)
        score = round(_saturate(total, 1.2), 4)
        if relevant and score >= TOPIC_THRESHOLD:
            topics.append(TopicScore(slug=slug, score=score, evidence=fired))
    topics.sort(key=lambda t: -t.score)
    evidence = [f"ai:{t}" for t in ai_fired] + [f"rights:{t}" for t in rights_fired]
    return Judgement(relevance=relevance, relevant=relevant, evidence=evidence, topics=topics)
