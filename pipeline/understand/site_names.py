"""The names a site goes by, to tell them apart from an author or a headline.

A page names its site in several ways: the source's name in sources.yaml, its
og:site_name, its address ("www.reuters.com"), and in its author fields and
titles with small differences ("The Telegraph", "Telegraph Sport",
"Snopes.com", "Al-Bawaba"). Used by bylines.py (the site is no author) and
titles.py (the site's name is no part of a headline).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

SECOND_LEVEL = {"com", "co", "net", "org", "gov", "ac", "edu", "ne", "or", "go"}  # "uol.com.br", "bbc.co.uk"
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def squash(value: str) -> str:
    """"The Beachbody Blog" and "beachbody-blog.com" alike: letters and digits only, lower case."""
    return re.sub(r"[\W_]+", "", value.casefold())


def folded(value: str) -> set[str]:
    """"Andalucía Información" as its address writes it ("andaluciainformacion"), "KleineGrüneMonster" as
    "kleinegruenemonster" and "kleinegrunemonster": without accents, umlauts also spelt out."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    return {squash(value), squash(bare), squash(value.casefold().translate(UMLAUTS))}


def _labels(host: str) -> list[str]:
    """"www.uol.com.br" -> ["uol", "com.br"]: the host's labels, a two-level ending kept whole."""
    labels = host.removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        labels = labels[:-2] + [".".join(labels[-2:])]
    return labels


@lru_cache(maxsize=1)
def _determiner() -> re.Pattern:
    """Every language's determiners before a site's name: "The Telegraph", "DER SPIEGEL" (spiegel.de)."""
    from pipeline.languages import all_languages

    found = sorted({w for lang in all_languages() for w in lang.determiners}, key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(map(re.escape, found))})\s+", re.I) if found else re.compile(r"(?!)")


def keys(name: str) -> set[str]:
    """"The Telegraph" -> {"thetelegraph", "telegraph"}; "https://www.nj.com/x" or "NJ.com" -> {"nj"}."""
    found = folded(name) | folded(_determiner().sub("", name.strip()))
    try:
        host = urlsplit(name if "//" in name else "//" + name).hostname or ""
    except ValueError:  # "NeoL／ネオエル": a fullwidth slash is no address, and urlsplit refuses it
        host = ""
    if "." in host and " " not in name.strip():  # "www.reuters.com" -> "reuters"
        found.add(squash(".".join(_labels(host)[:-1])))
        if "//" in name and len(labels := _labels(host)) >= 3:
            found.add(squash(labels[-2]))  # "wien.orf.at" -> also "orf": the site's own name under its sections
    return found - {""}


def _host_key(name: str) -> str:
    """"https://detroit.cbslocal.com/x" -> "cbslocal": the address's name, without sub-domain and ending."""
    try:
        host = urlsplit(name).hostname or "" if "//" in name else ""
    except ValueError:
        return ""
    labels = _labels(host)
    return squash(labels[-2]) if len(labels) >= 2 else ""


def _skipping(token: str, key: str, most: int = 4) -> bool:
    """"rmb" in "remember": the same first letter, then the others in order, at least one letter skipped; the key
    at most `most` times as long as the token."""
    if not key.startswith(token[0]) or key.startswith(token) or len(key) > most * len(token):
        return False
    rest = iter(key[1:])
    return all(c in rest for c in token[1:])


def words(name: str) -> list[str]:
    """"The Telegraph" -> ["telegraph"]: the words of a name, lower case, without a leading "the"."""
    found = [w for w in re.split(r"[\W_]+", name.casefold()) if w]
    return found[1:] if found[:1] == ["the"] and len(found) > 1 else found


def _cjk_pairs(name: str) -> set[str]:
    """Each two Chinese or Japanese characters in a row: a brand in those scripts has no spaces to split it at."""
    runs = re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{2,}", name)
    return {run[i:i + 2] for run in runs for i in range(len(run) - 1)}


class SiteNames:
    """The names of one site: the source's, the page's og:site_name, the page's URL."""

    def __init__(self, names: Iterable[str | None]):
        names = [n for n in names if n]
        self.keys = {key for name in names for key in keys(name)}
        self.words = [w for w in (words(n) for n in names if "//" not in n) if w]
        self.hosts = {_host_key(n) for n in names} - {""}
        self.brands = {g for n in names if "//" not in n for g in _cjk_pairs(n)}

    def is_name(self, text: str) -> bool:
        """Exactly one of the site's names, however written ("Snopes.com" for "Snopes", "Al-Bawaba")."""
        return bool(keys(text) & self.keys)

    def is_site(self, text: str) -> bool:
        """The site, with or without a section ("Telegraph Sport", "CNN Business"), or a part of its name
        ("Sky" of "Sky News", "Business Insider" of "Business Insider Deutschland")."""
        if self.is_name(text):
            return True
        if _cjk_pairs(text) & self.brands:
            return True  # "北京新浪網" on 新浪新聞中心: two characters in a row of its name, a place and "net" around them
        if any("." in t and keys(t) & self.keys for t in text.split()):
            return True  # "NJ Advance Media for NJ.com"
        if "/" in text and any(self.is_name(p) for p in text.split("/")):
            return True  # "The Oregonian/OregonLive" on OregonLive.com: the paper and its site
        mine = words(text)
        for name in self.words:
            shorter = min(len(mine), len(name))
            if shorter and mine[:shorter] == name[:shorter] and (shorter == len(mine) or len(name[0]) > 2):
                return True
        if len(mine) == 1 and len(mine[0]) >= 5 and any(k.startswith(mine[0]) for k in self.keys):
            return True
        # "Limespacer" on limespace.de: the address's name with a letter or two on (its people, its account)
        if len(mine) == 1 and any(len(k) >= 5 and mine[0].startswith(k) and len(mine[0]) - len(k) <= 2
                                  for k in self.keys):
            return True
        # "EFC Bayrische Bembel" on bayrische-bembel.de, "Apartment Therapy Submissions" on apartmenttherapy.com:
        # two or more of its words, at its start or end, are the site's address
        runs = {"".join(mine[:n]) for n in range(2, len(mine))} | {"".join(mine[-n:]) for n in range(2, len(mine))}
        if runs & self.hosts:
            return True
        # "THE NEW YORK TIMES" on nytimes.com: the first words' initials, then the last word
        if len(mine) >= 3 and "".join(w[0] for w in mine[:-1]) + mine[-1] in self.hosts:
            return True
        # "Deutsches Rotes Kreuz" on drk.de: the initials of all its words are the address
        if len(mine) >= 3 and "".join(w[0] for w in mine) in self.hosts:
            return True
        return self.is_abbreviation(text)

    def is_publisher(self, text: str) -> bool:
        """"Ediciones El País" on El País: one word, then the site's name of two words or more; "Heise Online" on
        heise.de, "Khaama Press" on khaama.com: the address's name, then one or two words: the site's publisher
        or edition. Only a whole author string: "Souza Harbor Daily UK" is the end of "Rita de Souza" and the site,
        "Energieverbraucher e V" the end of a company's name."""
        mine = words(text)
        if 2 <= len(mine) <= 3 and len(mine[0]) >= 4 and mine[0] in self.hosts and text[:1].isupper():
            return True
        return any(len(name) >= 2 and len(mine) == len(name) + 1 and mine[1:] == name for name in self.words)

    def is_abbreviation(self, text: str) -> bool:
        """The site's name shortened into an account: "Rmb" for Remember 80/90 (its letters, skipping some),
        "KWCHCIK" for Catch It Kansas (its initials after the station's call sign), "CBS Detroit" on
        cbslocal.com, "CBC News" on cbc.ca (the address's first letters in capitals, then a place or a section)."""
        tokens = text.split()
        if len(tokens) == 1 and tokens[0].isalpha():
            token = tokens[0].casefold()
            if 3 <= len(token) <= 5 and any(_skipping(token, k) for k in self.keys):
                return True
            # "IWB" on investmentwatchblog.com: an acronym in capitals, the address's letters in order, however
            # long the address (its words are not known, so their initials cannot be checked one by one); the
            # address's name only ("https://www.harbor13.com/x", squashed whole, holds the letters of "HBC")
            if tokens[0].isupper() and 3 <= len(token) <= 5 and any(_skipping(token, k, 99) for k in self.hosts):
                return True
            # "Wirtschaftswoche" on wiwo.de: the address a contraction of the name, which is three times as long
            if len(token) >= 9 and any(3 <= len(h) * 3 <= len(token) and _skipping(h, token, 99) for h in self.hosts):
                return True
            initials = ["".join(w[0] for w in name) for name in self.words if len(name) >= 3]
            if tokens[0].isupper() and any(token.startswith(i) or token.endswith(i) for i in initials):
                return True
        first = tokens[0] if tokens else ""
        return (len(tokens) in (2, 3) and first.isupper() and first.isalpha() and 2 <= len(first) <= 5
                and any(k.startswith(first.casefold()) for k in self.hosts))
