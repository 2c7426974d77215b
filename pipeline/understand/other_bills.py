"""Bills the catalogue does not hold, named in an article beside a description that fits one it does.

"Representative Josh Harder's AI Accountability Act would direct the Commerce Department ... the bill does not
touch copyright or personal data": the article's "bill" is Harder's, not the catalogue's AI Accountability and
Personal Data Protection Act (Hawley and Blumenthal), though its words fit that one's name. A person with a
sponsor's title (`sponsor_titles`) and their own "... Act", named otherwise than any of a bill's names, whose
capitalised words all stand in that bill's name, and who is no sponsor of it, rules the bill out of that
article's descriptions; the name itself still links (`name:`), a description does not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.curated import load_bills
from pipeline.understand.bill_descriptions import _keys, bill_words
from pipeline.understand.linking_words import every_language


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in every_language("sponsor_titles")) or "(?!)"
    # "Representative Josh Harder's AI Accountability Act", "Sen. Smith's Digital Likeness Act".
    return re.compile(rf"(?<!\w)(?:{titles})\.?\s+(?P<person>(?:[A-ZÄÖÜ][\w'-]+\s+){{0,2}}[A-ZÄÖÜ][\w-]+)"
                      rf"(?:'s|’s|s)\s+(?P<act>(?:[A-Z][\w-]*\s+){{1,8}}?Act)(?!\w)")


@lru_cache(maxsize=1)
def _bills() -> tuple[tuple[str, frozenset[str], tuple[str, ...], frozenset[str]], ...]:
    """Each bill: slug, the words of its names, its names (lower-cased), its sponsors' words."""
    out = []
    for bill in load_bills():
        names = [bill.get("title") or "", bill.get("short_name") or "", *(bill.get("aliases") or [])]
        words = frozenset(w for n in names for w in re.findall(r"[A-Za-z]+", n))
        people = frozenset(w for s in bill.get("sponsors") or [] for w in re.findall(r"[A-ZÄÖÜ][\w-]+", s))
        out.append((bill["slug"], words, tuple(n.lower() for n in names if n), people))
    return tuple(out)


def drop(text: str, links) -> None:
    """Remove from `links` the bills linked by description only that the article's own Act rules out."""
    for slug in ruled_out(text) & set(links.bills):
        if all(e.startswith("description:") for e in links.bills[slug]):
            del links.bills[slug]


def ruled_out(text: str) -> set[str]:
    """The bills whose descriptions the article's own uncatalogued "... Act" of another sponsor explains."""
    if "Act" not in text:
        return set()
    out = set()
    for found in _pattern().finditer(text):
        act = " ".join(found["act"].split())
        own = set(re.findall(r"[A-Za-z]+", act)) - {"Act"}
        surname = found["person"].split()[-1]
        for slug, words, names, people in _bills():
            if own and own <= words and act.lower() not in names and surname not in people:
                out.add(slug)
    return out


def by_words(sentence: str, slugs: list[str], subjects: re.Pattern) -> list[str]:
    """Of several bills a sentence's sponsors fit ("Assemblymember Rebecca Bauer-Kahan's follow-up bill, which
    would let copyright owners ask developers ..."), those whose names share the most words of the beat
    (`bill_subjects`) of five letters or more with it, by their stems ("copyright" and AB 412's "Copyright ...
    copyrighted"); all if none shares any ("her bill would protect the voices": "protect" is no subject)."""
    words = bill_words()
    said = {k for w in re.findall(r"[^\W\d_]{5,}", sentence) if subjects.match(w) for k in _keys(w, words)}
    shared = {}
    for slug, names_words, _, _ in _bills():
        if slug in slugs:
            shared[slug] = len(said & {k for w in names_words if len(w) >= 5 for k in _keys(w, words)})
    best = max(shared.values(), default=0)
    fitting = [s for s in slugs if shared.get(s) == best] if best else slugs
    if len(fitting) > 1:
        # Still several: any telling word of their names ("Rep. Adam Schiff's bill would require AI companies to
        # disclose copyrighted works": "disclose" is the Disclosure Act's, "copyright" every one of his bills').
        # Lower-case words only: the sponsor's own name stands in some names ("Schiff AI disclosure bill").
        said = {k for w in re.findall(r"(?<!\w)[a-zäöüß]{5,}", sentence) for k in _keys(w, words)} - words.generic
        # A word and a name's word of one stem by their first six letters ("disclose", "Disclosure"); an acronym is a
        # name ("TRAIN").
        shared = {slug: len({k[:6] for k in said if len(k) >= 6} & {k[:6] for w in names_words if len(w) >= 5
                                                                    and not w.isupper() for k in _keys(w, words)})
                  for slug, names_words, _, _ in _bills() if slug in fitting}
        best = max(shared.values(), default=0)
        fitting = [s for s in fitting if shared.get(s) == best] if best else fitting
    return fitting
