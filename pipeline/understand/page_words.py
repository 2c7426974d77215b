"""The words of a page that name its kind (issue 19), for page_type.py: its title's opening ("Contact us",
"Impressum") and its address's path words (/category/, /impressum/), both language data (`page_titles` and
`page_paths` in each language.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.languages import all_languages, languages_dir
from pipeline.records import PageSignal


@lru_cache(maxsize=8)
def _kind_patterns(directory: Path, field: str, before: str, after: str) -> dict[str, re.Pattern]:
    """Every language's words per kind of page (language.yaml `field`), as one pattern each."""
    words: dict[str, list[str]] = {}
    for lang in all_languages():
        for kind, listed in getattr(lang, field).items():
            words.setdefault(kind, []).extend(listed)
    return {kind: re.compile(before + "(" + "|".join(_word(w) for w in sorted(set(listed), key=len, reverse=True))
                             + ")" + after, re.I) for kind, listed in words.items() if listed}


def _word(word: str) -> str:
    """A listed word as a pattern; "newsletter$" names the page only as the address's last part, with or without
    an ending (a newsletter's sign-up page is /newsletter/, its issues live under it: /newsletter/the-paradox-of-
    effort; a site's news index is /news or /news.html, its stories are not, round 8)."""
    return re.escape(word[:-1]) + r"(?=(/|\.\w{2,5})?$)" if word.endswith("$") else re.escape(word)


def page_titles(directory: Path) -> dict[str, re.Pattern]:
    """Title openings per kind of page (language.yaml `page_titles`)."""
    return _kind_patterns(directory, "page_titles", "^", r"\b")


def title(signals: list[PageSignal], tree) -> None:
    """A short title that begins "Contact us", "Privacy policy", "Impressum" names a page about the site.

    Read in og:title and <title>, each up to its first separator: a site that puts its own name before the
    page's in one ("SibenLab privacy policy") may put it after in the other ("privacy policy: SibenLab", round 8).
    """
    for found in tree.xpath('//meta[@property="og:title"]/@content') + tree.xpath("//title/text()")[:1]:
        # A colon right after a word splits only before a short tail, a site's name ("privacy policy: SibenLab"), not
        # before a headline's subtitle ("Privacy policy: what Meta's new terms mean for AI training")
        first = re.split(r"\s[|\u2013\u2014:-]\s|\s[|:]|:\s(?=\S+(?:\s\S+){0,3}$)", " ".join(found.split()))[0]
        if not first or len(first.split()) > 6:
            continue
        for kind, pattern in page_titles(languages_dir()).items():
            if pattern.search(first):
                signals.append(PageSignal("title", f'"{first}"', -2.0, kind))
                return


def page_paths(directory: Path) -> dict[str, re.Pattern]:
    """Path words per kind of page (language.yaml `page_paths`)."""
    return _kind_patterns(directory, "page_paths", "/", r"(/|$|\.)")
