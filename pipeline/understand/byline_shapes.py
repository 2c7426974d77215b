"""The shapes of a name string that say what its words are: two people run together, a dateline after a list of
names, a section before the byline's "by", a catalogue's "Surname, Given", a phrase that is no name. Split from
bylines.py (which applies them); the words are each language's data (byline_words.py)."""

from __future__ import annotations

from pipeline.understand.byline_words import Words


def run_together(tokens: list[str], words: Words) -> list[list[str]]:
    """"Paul Wiseman Fatima Hussein": four words, a given name first and third, are two people; so are five with
    an initial in one of them ("Paul K Pickett Karl Smallwood")."""
    def initial(t: str) -> bool:
        return len(t.rstrip(".")) == 1 and t[:1].isupper()

    if len(tokens) not in (4, 5) or tokens[0].casefold() not in words.given \
            or not all(t[:1].isupper() and (t.isalpha() or initial(t)) for t in tokens):
        return [tokens]
    for cut in (2, 3):
        first, second = tokens[:cut], tokens[cut:]
        if 2 <= len(second) <= 3 and second[0].casefold() in words.given and first[-1].casefold() not in words.given \
                and not initial(first[-1]) and not initial(second[-1]) \
                and sum(map(initial, tokens)) == len(tokens) - 4:
            return [first, second]
    return [tokens]


def dateline(part: str, before: str, words: Words) -> bool:
    """One capitalised word after a name of two words or more: the place the story was written in ("Monika
    Bolliger und Anna Trechsel, Sweidah"), not a co-author; a given name ("…, Maria"), an agency ("…, AFP"), an
    acronym ("…, TNN") or a suffix ("…, Jr.") is no place. The callers say where it applies: in an author field
    only after two names or more (after one, a word may be an outlet credited beside its writer: "Victor
    Tangermann, Futurism" on ScienceAlert); in a visible byline, or trafilatura's "; "-joined split of one ("Von
    Seb Dumitru, Lille"), after one name too."""
    return len(part.split()) == 1 and part.isalpha() and part[:1].isupper() and part[1:].islower() \
        and len(before.split()) >= 2 and part.casefold() not in words.given | words.agencies | words.suffixes


def after_kicker(raw: str, words: Words) -> str:
    """"capital von Jemima Kelly" (trafilatura writes "Capital Von Jemima Kelly"): one word before the "by", the
    story's section, then the byline; not after a given name ("Anna Von Berg", a particle in capitals)."""
    first, _, rest = raw.partition(" ")
    by = words.by.match(rest)
    if by and (rest[:1].isupper() or first.islower()) and first.casefold() not in words.given \
            and len(rest[by.end():].split()) >= 2 and rest[by.end():][:1].isupper():
        return rest
    return raw


def inverted(pieces: list[str], words: Words) -> bool:
    """"Harm", "Robert": a surname, then a given name, each one word (a catalogue's "Surname, Given"; the
    extraction splits it at the comma). "Anna, Ben" (two given names) are two people."""
    last, first = (p.strip() for p in pieces)
    return " " not in last and " " not in first and last.isalpha() and first.isalpha() \
        and last[:1].isupper() and last[1:].islower() and first[:1].isupper() and first[1:].islower() \
        and first.casefold() in words.given and last.casefold() not in words.given


def phrase(tokens: list[str], words: Words) -> bool:
    """Two or three words, the first capitalised, then one in lower case that is no name particle ("de", "van",
    "dos"): a phrase, a category or a credit, not a name. Names written all in lower case ("danah boyd") are not
    phrases, nor longer names of organisations, which hold such words ("Organization for Transformative Works")."""
    return 2 <= len(tokens) <= 3 and tokens[0][:1].isupper() and any(
        t.isalpha() and t.islower() and t not in words.particles for t in tokens[1:])
