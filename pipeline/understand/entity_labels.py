"""Which actor a span names, and of which type: evidence from the article, not a fixed tie-break.

pipeline/understand/entities.py cleans the spans NER and the rules found; this
module decides, one article at a time, what the model's findings mean:

* one label per unknown name: the model's votes plus the article's evidence. An
  honorific or title in front ("Ms Pugh", "Judge Alsup") and a speech verb after
  ("Kane said") speak for a person; an organisation word in the name, "the" in
  front ("the Civic Party") and a spokesperson ("Tesco's spokesperson") for an
  organisation. Which words are evidence is each language's data (`entities:` in
  its language.yaml: `honorifics`, `speech_verbs`, `org_cues`, `chambers`).
* a short form is the full name it shortens, when the article names that one
  actor in full: "Johansson" and "Ms Johansson" are Scarlett Johansson, "Van der
  Velden" is Eline Van der Velden, "Bartz" (tagged ORG) is Andrea Bartz.
* a name the article introduces as a character or a work ("the film Frozen",
  "characters such as Darth Vader") is a WORK, never a person (`work_cues`); the
  gazetteer's WORK entries are WORKs wherever they stand.
* a lone word the model calls a person is kept unless something contradicts it:
  the article writes it in lower case too (a common noun at a sentence start:
  "Editorial", "Volunteer"), or it is part of an organisation or work named there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pipeline.languages import Language, all_languages, languages_dir
from pipeline.understand.entity_rules import determiners, given_names, org_word_lists


@dataclass
class Span:
    surface: str
    label: str
    entry: dict | None  # the gazetteer's entry, when the span is a curated actor

    @property
    def name(self) -> str:
        return self.entry["name"] if self.entry else self.surface


@lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    """Single-word suffixes and heads ("Verband", "Guild"): alone they name no one."""
    suffixes, heads = org_word_lists()
    return frozenset(w for w in suffixes + heads if " " not in w)


def entity_words(key: str) -> list[str]:
    """Every language's `entities: <key>` list: an English honorific in a German article still counts."""
    return list(_entity_words(languages_dir(), key))


@lru_cache(maxsize=16)
def _entity_set(directory, key: str) -> frozenset[str]:
    return frozenset(_entity_words(directory, key))


@lru_cache(maxsize=16)
def _entity_words(directory, key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(w) for lang in all_languages() for w in lang.entities.get(key) or []))


def _either(words: list[str]) -> str:
    return _alternation(tuple(words))


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def is_honorific(word: str) -> bool:
    return word in _entity_set(languages_dir(), "honorifics")


def is_chamber(name: str) -> bool:
    """"Senate", "the House", "Bundestag": a chamber of a parliament, never a person."""
    return name in _entity_set(languages_dir(), "chambers")


@lru_cache(maxsize=4096)
def _rx(pattern: str) -> re.Pattern:
    # The patterns below hold a name and long alternations (honorifics, speech verbs): compiling one costs
    # five times matching it (2.4 ms against 0.46 per name), and `re` keeps only 512. The same names come
    # back article after article, so they are kept here (issue 20: the NER worker spent half its time here).
    return re.compile(pattern)


def _count(pattern: str, text: str, lead: str | None = None, literal: bool = False) -> int:
    """How many times `pattern` matches in `text`, as len(re.findall(pattern, text)) counts them.

    `lead` is what every match begins with: a name (`literal`) or an alternation of words. The pattern is
    then tried only where the lead stands, not at each of the text's characters: an article's thirty names
    cost the NER worker 15 ms an article in these scans, a fifth of the model's own time (issue 20). The
    count is the same: findall tries each position from the left and goes on after the end of a match,
    and no match can begin where its lead does not.
    """
    rx = _rx(pattern)
    if lead is None:
        return len(rx.findall(text))
    count, end = 0, 0
    for start in _literal_starts(lead, text) if literal else _lead_starts(lead, text):
        if start >= end and (match := rx.match(text, start)):  # match() at a position still looks behind it
            count += 1
            end = max(match.end(), start + 1)
    return count


def _literal_starts(literal: str, text: str):
    """Every position of `literal` in `text`, overlapping ones too (str.find, a C loop)."""
    at = text.find(literal)
    while at != -1:
        yield at
        at = text.find(literal, at + 1)


def _found(pattern: str, text: str, lead: str) -> bool:
    """Whether `pattern`, whose matches begin with the alternation `lead`, matches anywhere in `text`."""
    rx = _rx(pattern)
    return any(rx.match(text, start) for start in _lead_starts(lead, text))


@lru_cache(maxsize=32)
def _lead_starts(lead: str, text: str) -> tuple[int, ...]:
    """Where an alternation of words (honorifics, speech verbs) can begin: found once per article and
    shared by all of its names."""
    return tuple(m.start() for m in _rx(f"(?=(?:{lead}))").finditer(text))


def evidence(name: str, text: str) -> int:
    """How strongly the article says `name` is a person (> 0) or an organisation (< 0)."""
    if not text:
        return 0
    words = name.split()
    names = [re.escape(name)] + ([re.escape(words[-1])] if len(words) > 1 else [])
    target = rf"(?:{'|'.join(names)})"
    score = 0
    honorifics = _either(entity_words("honorifics") + entity_words("titles_before"))
    score += 2 * _count(rf"(?<![\w.])(?:{honorifics})\.?\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}{target}(?!\w)", text,
                        lead=honorifics)
    if len(words) > 1:
        # "Kane said": the surname alone as the speaker. A whole name says nothing ("Vantor Mobility said").
        speech, last = _either(entity_words("speech_verbs")), re.escape(words[-1])
        score += _count(rf"(?<![\w-]){last},?\s+(?:{speech})(?!\w)", text, lead=words[-1], literal=True)
        score += _count(rf"(?<!\w)(?:{speech})\s+{last}(?![\w-])", text, lead=speech)
        if words[0] in given_names():
            score += 2  # "Nadia Rousseau": a known given name first
    if len(words) > 1:
        determiners = _either(entity_words("org_determiners"))
        score -= _count(rf"(?<!\w)(?:{determiners})\s+{re.escape(name)}(?!\w)", text, lead=determiners)
    cues = _either(entity_words("org_cues"))
    score -= 2 * _count(rf"(?<!\w){re.escape(name)}['’]s?\s+(?:{cues})(?!\w)", text, lead=name, literal=True)
    return score - 2 * appositions(name, text)


def appositions(name: str, text: str) -> int:
    """"Cadenza, a new AI music app": the name followed by what kind of organisation or product it is."""
    nouns = _either(entity_words("org_nouns"))
    return _count(rf"(?<!\w){re.escape(name)},\s+(?:an?|the|ein|eine|der|die|das)\s+(?:[\w-]+\s+){{0,4}}?"
                  rf"(?:{nouns})(?!\w)", text, lead=name, literal=True)


def named_as_work(name: str, text: str) -> bool:
    """"the film Frozen", "characters such as Darth Vader and Shrek": named as a character or a work."""
    if not text:
        return False
    cues, connectors = _either(entity_words("work_cues")), _either(entity_words("work_connectors"))
    other = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    return _found(rf"(?<!\w)(?:{cues})\s+(?:(?:{connectors})\s+)?(?:{other}(?:,\s+|\s+and\s+|\s+und\s+))*"
                  rf"{re.escape(name)}(?![\w-])", text, lead=cues)


def _alone(word: str, text: str, names: list[str]) -> int:
    """How often `word` stands in the text outside the given longer names."""
    count = _count(rf"(?<!\w){re.escape(word)}(?!\w)", text, lead=word, literal=True)
    return count - sum(_count(rf"(?<!\w){re.escape(n)}(?!\w)", text, lead=n, literal=True) for n in names)


def vote_labels(spans: list[Span], text: str, lang: Language) -> None:
    """One label per unknown name: NER can call the same name PERSON once and ORG the next time.

    The model's votes (one per mention) and the article's evidence add up; an
    organisation word in the name ("Guild", or the language's `org_heads`: "News",
    "University") makes it an ORG, a chamber of parliament too.
    A known given name first counts for a person, and so does the shape of the
    name: a name whose last word recurs alone ("Deshmukh said") is a person's, one whose
    first word recurs alone ("Halftone says") an organisation's. A draw is an ORG.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        if span.entry is None and span.label in {"PERSON", "ORG"}:
            votes[span.surface][span.label] += 1
    for surface, counter in votes.items():
        words = surface.split()
        if named_as_work(surface, text):
            label = "WORK"
        elif any(w in org_words() or w in entity_words("org_heads") for w in words) or is_chamber(surface):
            label = "ORG"
        else:
            # The rules of a language without a model already looked at the name's shape and context.
            weigh = lang.switch("label_voting")
            score = counter["PERSON"] - counter["ORG"] + (evidence(surface, text) if weigh else 0)
            if not weigh and len(words) > 1 and words[0] in given_names():
                score += 2  # "Saanvi Deshmukh": a given name first
            if weigh and 2 <= len(words) <= 3 and text:
                first, last = _alone(words[0], text, [surface]), _alone(words[-1], text, [surface])
                score += (last > 0 and first == 0) - (first > 0 and last == 0)
            label = "PERSON" if score > 0 else "ORG" if score < 0 or len(counter) > 1 else counter.most_common(1)[0][0]
        for span in spans:
            if span.entry is None and span.surface == surface and span.label in {"PERSON", "ORG"}:
                span.label = label


def full_names(spans: list[Span]) -> list[Span]:
    """The article's people named with more than one word, first mention first, one span per name."""
    seen: dict[str, Span] = {}
    for span in spans:
        if span.label == "PERSON" and " " in span.name:
            seen.setdefault(span.name, span)
    return list(seen.values())


def expand(name: str, people: list[Span], text: str = "", label: str = "PERSON") -> Span | None:
    """The person of the article whose full name `name` shortens, or None.

    The end of a full name ("Johansson", "Van der Velden"; with two people of one
    surname, the first named), or a given name that begins exactly one full name
    ("Britney" -> Britney Spears). A surname whose full name the model did not tag
    is looked up in the text when the model called it a person: "Brewster Kahle ...
    Kahle said" gives Brewster Kahle.
    """
    words = name.split()
    ends = [p for p in people if len(p.name.split()) > len(words) and p.name.split()[-len(words):] == words]
    if ends:
        return ends[0]
    if len(words) == 1:
        starts = [p for p in people if p.name.split()[0] == name]
        if len({p.name for p in starts}) == 1:
            return starts[0]
        # A given name, or any capitalised word inside a sentence ("founder, Brewster Kahle, said").
        pattern = rf"(?<![\w.-])([A-Z][\w'’-]+) {re.escape(name)}(?![\w-])"
        for match in _rx(pattern).finditer(text) if label == "PERSON" else ():
            before = text[:match.start()].split()[-1:] or [""]
            inside = before[0][-1:] in set(",;") or before[0].islower() and before[0] not in determiners()
            first = match.group(1)
            if first in given_names() or inside and not (first in org_words() or is_honorific(first)
                                                        or first in entity_words("titles_before")):
                return Span(match.group(0), "PERSON", None)
    return None


@lru_cache(maxsize=1)
def _first_words_of_organisations() -> frozenset[str]:
    from pipeline.curated import load_gazetteer

    return frozenset(e["name"].split()[0] for e in load_gazetteer() if e["type"] != "PERSON" and " " in e["name"])


def contradicted(word: str, text: str, spans: list[Span]) -> bool:
    """Whether a lone word the model called a person is something else by the article's own words.

    Written in lower case elsewhere, it is a common noun that began a sentence
    ("Editorial", "Volunteer"); inside the name of an organisation or a work of
    the article, it is that name's fragment ("Scientology" of "Church of Scientology").
    """
    if word[:1].islower():
        return True  # "miles": the model's guess at a lower-case word
    if text and _rx(rf"(?<![\w.]){re.escape(word.lower())}(?!\w)").search(text) or appositions(word, text):
        return True
    if word in _first_words_of_organisations():
        return True  # "Universal", "Warner": an organisation's short form
    return any(s.label in {"ORG", "WORK"} and word in s.name.split() and s.name != word for s in spans)
