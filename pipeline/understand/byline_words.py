"""The words of byline cleaning (pipeline/understand/bylines.py), gathered from every language's data.

Each language's `byline:` and `months:` in language.yaml, its given names and person titles, and the words of
languages without a folder (pipeline/data/bylines.yaml), all used together: a German page may carry an English
byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.languages import all_languages


@dataclass
class Words:
    by: re.Pattern  # "By", "Written by", "Von" at the start
    joins: re.Pattern  # "and", "&": between two names (";", a bar, a new line or a dash: see _pieces)
    roles: frozenset[str]  # "writer", "correspondent": a part ending in one is a role, not a name
    credentials: frozenset[str]  # "MS", "RDN", "PhD": letters after a name
    stop: re.Pattern  # a weekday, a month, a date word or a digit: the byline has run on into its date
    not_names: frozenset[str]  # "admin", "follow author": a site's account or a button, not a person
    generic: frozenset[str]  # "staff", "bureau", "wire services": a credit of the site's, not a name
    other_credits: re.Pattern  # "Edited by", "Photos by": someone who did not write it
    buttons: re.Pattern  # "Follow", "Link Copied", "See full bio": a page's controls run on after the name
    glued: re.Pattern  # "Teresa NewsomeDec": a date word run on without a space
    given: frozenset[str]  # every language's given names: "Andrea" on andreabottlinger.wordpress.com is a person
    titles: frozenset[str]  # person titles and roles before a name ("Rechtsanwalt Dennis Tölle")
    outlets: frozenset[str]  # "post", "times": "Joe Davidson Washington Post" ends in a publication
    before_date: frozenset[str]  # "on": "Jovelstefan On" (of "On December 3"), a date cut off
    before_place: frozenset[str]  # "in": "Lena Ode in Leeds", a dateline after the name
    month_abbreviations: frozenset[str]  # "Dec" alone: a date, no author
    particles: frozenset[str]  # "de", "van", "dos": the only words of a name written in lower case
    honorifics: frozenset[str]  # "Herr", "Mr": go even before a surname alone ("Herr Rein")
    suffixes: frozenset[str]  # "Jr.", "III": part of the name before them, even after a comma
    by_after: frozenset[str]  # "著" after a name: it marks the author ("Eric Freeman 著")
    others_after: frozenset[str]  # "訳" after a name: a translator, no author
    agencies: frozenset[str]  # "Reuters", "dpa": after a name and a comma, its outlet; credited alone, an author
    wires: frozenset[str]  # "wire": "CNN Wire" on another site is that outlet's wire, a named desk
    blog_hosts: frozenset[str]  # "wordpress.com": a sub-domain of a blog platform is its user's account
    legal_forms: frozenset[str]  # "GmbH", "KG", "Inc." ending a field: the field is a company, no author


OTHER_LANGUAGES = Path(__file__).resolve().parent.parent / "data" / "bylines.yaml"


def _language_words(kind: str) -> list[str]:
    words = [w for lang in all_languages() for w in lang.byline.get(kind, [])]
    # and the words of languages without a folder (pipeline/data/bylines.yaml): "by", "and"
    words += [str(w) for w in (yaml.safe_load(OTHER_LANGUAGES.read_text(encoding="utf-8")) or {}).get(kind, [])]
    return list(dict.fromkeys(words))


def _either(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=4)
def load_words(directory: Path) -> Words:
    months = {m for lang in all_languages() for m in lang.months if len(m) > 3}
    dated = set(_language_words("weekdays")) | set(_language_words("date_words"))
    joins = "|".join(rf"\s+{re.escape(w)}\s+" for w in _language_words("and"))
    return Words(
        by=re.compile(rf"^(?:(?:{_either(_language_words('written'))})\s+)?(?:{_either(_language_words('by'))})"
                      rf"(?:/(?:{_either(_language_words('by'))}))?(?:\s*[:：●]\s*|\s+)", re.I),
        joins=re.compile("|".join(filter(None, [r"\s*&\s*", joins]))),
        roles=frozenset(w.lower() for w in _language_words("roles")),
        credentials=frozenset(w.lower().replace(".", "") for w in _language_words("credentials")),
        # A month is a date only before a number, a comma or the end: "Laura June Topolsky" is a name.
        stop=re.compile(rf"(?:\b(?:{_either(dated)})\b|\b(?:{_either(months)})\b(?=\s*(?:\d|,|$))|\d).*$",
                        re.I | re.S),
        not_names=frozenset(w.lower() for w in _language_words("not_names")),
        generic=frozenset(w.lower() for w in _language_words("generic")),
        other_credits=re.compile(rf"^(?:{_either(_language_words('other_credits'))})\s+"
                                 rf"(?:{_either(_language_words('by'))})\b", re.I),
        buttons=re.compile(rf"(?:^|\s)(?:{_either(_language_words('buttons'))})\b.*$", re.I | re.S),
        glued=re.compile(rf"(?<=[a-z])(?=(?:{_either(w.title() for w in months | dated)}|"
                         rf"{_either(m.title()[:3] for m in months)})\b)"),
        given=frozenset(n.casefold() for lang in all_languages() for n in lang.given_names),
        titles=frozenset(t.casefold() for lang in all_languages() for t in lang.person_titles)
        | frozenset(w.lower() for w in _language_words("roles")),
        outlets=frozenset(w.lower() for w in _language_words("outlets")),
        before_date=frozenset(w.lower() for w in _language_words("before_date")),
        before_place=frozenset(w.casefold() for w in _language_words("before_place")),
        month_abbreviations=frozenset(m[:3].casefold() for m in months),
        particles=frozenset(w.casefold() for w in _language_words("name_particles")),
        honorifics=frozenset(w.casefold() for w in _language_words("honorifics")),
        agencies=frozenset(w.casefold() for w in _language_words("agencies")),
        suffixes=frozenset(w.casefold() for w in _language_words("suffixes")),
        by_after=frozenset(_language_words("by_after")),
        others_after=frozenset(_language_words("others_after")),
        wires=frozenset(w.casefold() for w in _language_words("wires")),
        blog_hosts=frozenset(w.casefold() for w in _language_words("blog_hosts")),
        legal_forms=frozenset(w.casefold() for w in _language_words("legal_forms")),
    )
