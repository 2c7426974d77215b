"""The names a site goes by, to tell them apart from an author or a headline.

A page names its site in several ways: the source's name in sources.yaml, its
og:site_name, its address ("www.reuters.com"), and in its author fields and
titles with small differences ("The Telegraph", "Telegraph Sport",
"Snopes.com", "Al-Bawaba"). Used by bylines.py (the site is no author) and
titles.py (the site's name is no part of a headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit


def squash(value: str) -> str:
    """"The Beachbody Blog" and "beachbody-blog.com" alike: letters and digits only, lower case."""
    return re.sub(r"[\W_]+", "", value.casefold())


def keys(name: str) -> set[str]:
    """"The Telegraph" -> {"thetelegraph", "telegraph"}; "https://www.nj.com/x" or "NJ.com" -> {"nj"}."""
    found = {squash(name), squash(re.sub(r"^the\s+", "", name.strip(), flags=re.I))}
    try:
        host = urlsplit(name if "//" in name else "//" + name).hostname or ""
    except ValueError:  # "NeoL／ネオエル": a fullwidth slash is no address, and urlsplit refuses it
        host = ""
    if "." in host and " " not in name.strip():  # "www.reuters.com" -> "reuters"
        found.add(squash(host.removeprefix("www.").rsplit(".", 1)[0]))
    return found - {""}


def words(name: str) -> list[str]:
    """"The Telegraph" -> ["telegraph"]: the words of a name, lower case, without a leading "the"."""
    found = [w for w in re.split(r"[\W_]+", name.casefold()) if w]
    return found[1:] if found[:1] == ["the"] and len(found) > 1 else found


class SiteNames:
    """The names of one site: the source's, the page's og:site_name, the page's URL."""

    def __init__(self, names: Iterable[str | None]):
        names = [n for n in names if n]
        self.keys = {key for name in names for key in keys(name)}
        self.words = [w for w in (words(n) for n in names if "//" not in n) if w]

    def is_name(self, text: str) -> bool:
        """Exactly one of the site's names, however written ("Snopes.com" for "Snopes", "Al-Bawaba")."""
        return bool(keys(text) & self.keys)

    def is_site(self, text: str) -> bool:
        """The site, with or without a section ("Telegraph Sport", "CNN Business"), or a part of its name
        ("Sky" of "Sky News", "Business Insider" of "Business Insider Deutschland")."""
        if self.is_name(text):
            return True
        if any("." in t and keys(t) & self.keys for t in text.split()):
            return True  # "NJ Advance Media for NJ.com"
        mine = words(text)
        for name in self.words:
            shorter = min(len(mine), len(name))
            if shorter and mine[:shorter] == name[:shorter] and (shorter == len(mine) or len(name[0]) > 2):
                return True
        return len(mine) == 1 and len(mine[0]) >= 5 and any(k.startswith(mine[0]) for k in self.keys)
