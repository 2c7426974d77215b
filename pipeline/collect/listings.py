"""Section listing pages: which of their links lead to articles, and which to the next page.

The listing spider (crawlers/spiders/listings.py) fetches; this decides. With
an `article_pattern` only matching links are articles. Without one, every
same-site link outside the page chrome is a candidate, except paths known not
to be articles (/tag/, /autor/...), and the pipeline keeps only pages that
look like articles (pipeline.understand.extract.looks_like_article). "Next
page" links are rel="next" or a link whose text starts with one of the
languages' next-page words ("next", "weiter"), from pipeline/data/languages/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from pipeline.collect.urls import normalize_url, same_site, strip_tracking
from pipeline.languages import languages_dir, union
from pipeline.understand.extract import is_not_article_path

CHROME = "//nav | //header | //footer | //*[@role='navigation'] | //*[contains(@class,'cookie')]"
SKIP_EXT = re.compile(r"\.(jpg|jpeg|png|gif|svg|webp|pdf|zip|mp3|mp4|css|js|xml|rss|atom|json)$", re.I)
NEXT_SIGNS = ["›", "»", "→"]  # arrows say "next" in every language


@dataclass
class ListingLinks:
    articles: list[str] = field(default_factory=list)  # candidate article URLs, tracking removed, in page order
    next_pages: list[str] = field(default_factory=list)  # same-site next pages, in page order
    not_articles: int = 0  # links skipped because their path marks a non-article page
    bad: list[tuple[str, str]] = field(default_factory=list)  # (href, why) of links that are not URLs at all


@lru_cache(maxsize=4)
def _next_text(directory: Path) -> re.Pattern:
    words = sorted(map(re.escape, union("next_page")), key=len, reverse=True) + NEXT_SIGNS
    return re.compile(rf"^\s*({'|'.join(words)})\b", re.I)


def is_next_page_text(text: str) -> bool:
    """Whether a link's text says it leads to the next page ("Next", "Weiter »", "›")."""
    return bool(_next_text(languages_dir()).match(text))


def listing_links(page, url: str, article_pattern: str | None = None) -> ListingLinks:
    """The links of one listing page (its HTML text, or an lxml tree of it) fetched from `url`."""
    tree = lxml_html.fromstring(page) if isinstance(page, str | bytes) else page
    pattern = re.compile(article_pattern) if article_pattern else None
    chrome = {_join(url, h) for node in tree.xpath(CHROME) for h in node.xpath(".//a/@href")}
    next_pages = [_join(url, h) for h in tree.xpath('//link[@rel="next"]/@href | //a[@rel="next"]/@href')]
    for a in tree.xpath("//a[@href]"):
        if is_next_page_text(" ".join(a.xpath(".//text()"))):
            next_pages.append(_join(url, a.get("href")))
    found = ListingLinks()
    candidates = []
    for href in tree.xpath("//a/@href"):
        try:  # one malformed link (a port out of range, a broken IPv6 address) is one error, not the page's
            link = urljoin(url, href.strip())
            if not link.startswith(("http://", "https://")) or not same_site(link, url):
                continue
            if normalize_url(link) == normalize_url(url):
                continue
        except ValueError as exc:
            found.bad.append((href, str(exc)))
            continue
        if link in chrome or link in next_pages or SKIP_EXT.search(link.split("?")[0]):
            continue
        if pattern and not pattern.search(link):
            continue
        if not pattern and is_not_article_path(urlsplit(link).path):
            # /tag/, /author/, /video/, /gallery/...: known not to be articles, so not even fetched.
            found.not_articles += 1
            continue
        candidates.append(strip_tracking(link))
    found.articles = list(dict.fromkeys(candidates))
    found.next_pages = [u for u in dict.fromkeys(next_pages) if u and _same_site(u, url)]
    return found


def _join(base: str, href: str | None) -> str | None:
    try:
        return urljoin(base, (href or "").strip())
    except ValueError:
        return None


def _same_site(link: str, url: str) -> bool:
    try:
        return same_site(link, url)
    except ValueError:
        return False
