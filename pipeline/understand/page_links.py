"""Signals of a page's address and links (issue 19, round 6), for page_type.py.

An archive, a section or a gallery sits above its items: its address is their path's beginning, and a further
page of it says so ("/page/7/"). An article is a leaf: it links to few pages under its own address.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pipeline.languages import all_languages, languages_dir
from pipeline.records import PageSignal


@lru_cache(maxsize=4)
def _paged(directory: Path) -> re.Pattern:
    words = sorted({w for lang in all_languages() for w in lang.paged}, key=len, reverse=True)
    return re.compile(r"/(" + "|".join(map(re.escape, words or ["page"])) + r")/(\d{1,5})/?$", re.I)


def paged_listing(path: str) -> re.Match | None:
    """ "/page/7", "/seite/3" at the end of a path (language.yaml `paged`): a listing's further page, whose number
    is no story's id. The match holds the word and the number."""
    return _paged(languages_dir()).search(path)


def below(signals: list[PageSignal], tree, url: str) -> None:
    """Links to five or more pages under the page's own address (/news → /news/a-story, /news/page/2): a
    section, category or gallery page over its items. An article is a leaf: of the 863 articles of dev and
    test to test4, none links to more than three pages under its own path; 32 of 246 other pages do."""
    page = urlsplit(url)
    own = page.path.rstrip("/")
    if not own:
        return  # the home page: everything is under it (the URL signal says home)
    found = tree.xpath("//base/@href")
    base = urljoin(url, found[0].strip()) if found else url  # TYPO3 writes relative links against <base>
    below = set()
    for href in tree.xpath("//a/@href")[:3000]:
        try:
            target = urlsplit(urljoin(base, href.strip()))
        except ValueError:
            continue
        path = target.path.rstrip("/")
        if (target.hostname or "") == (page.hostname or "") and path.startswith(own + "/") and len(path) > len(own) + 1:
            below.add(path)
    if len(below) >= 5:
        signals.append(PageSignal("links below", f"{len(below)} pages under its own address",
                                  -2.0 if len(below) >= 15 else -1.5, "archive"))
