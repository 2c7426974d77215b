"""Finding a site's feeds and sitemaps from its homepage and robots.txt."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

from pipeline.collect.feeds import find_feed_links

# Tried when a homepage announces no feed; the usual places of WordPress, Ghost, Drupal and news CMSs.
COMMON_FEED_PATHS = ["/feed/", "/rss.xml", "/feed.xml", "/atom.xml", "/rss/", "/index.xml", "/feeds/all.rss"]
COMMON_SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"]


def sitemaps_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, as absolute URLs, in order and without repeats."""
    found = []
    for line in robots_txt.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = value.strip()
            try:
                url = urljoin(base_url, url)
            except ValueError:  # kept as it is: the crawler records it as one bad link, the others go on
                pass
            if url not in found:
                found.append(url)
    return found


def feeds_from_homepage(html: str, base_url: str) -> list[str]:
    """Feeds announced by <link rel="alternate" type="application/rss+xml|atom+xml">."""
    return find_feed_links(html, base_url)


# --- used by `tracker discover` (issue 9); its sitemaps are read by pipeline.collect.sitemaps ---------


def newest_date(dates: list[str | None]) -> str | None:
    """The latest of some ISO 8601 UTC dates (they sort as strings), ignoring missing ones."""
    present = [d for d in dates if d]
    return max(present) if present else None


# Dated paths, then a shared folder, then ids and .html: the first that every sampled article URL
# matches, and the homepage does not, is proposed.
DATED_PATTERNS = [r"/\d{4}/\d{2}/\d{2}/", r"/\d{4}/\d{2}/", r"/\d{4}-\d{2}-\d{2}/"]
LOOSE_PATTERNS = [r"[-/]\d{6,}(?:\.html?)?/?$", r"\.html?$"]


MOST_URLS = 0.75  # share of a sitemap's URLs a guessed pattern must match


def guess_article_pattern(article_urls: list[str], homepage: str) -> str | None:
    """A regex for `article_pattern` that most of the given article URLs match (MOST_URLS), or None.

    Tries dated paths, numeric ids and a shared first path segment such as
    /news/; the guess is shown to a person before it is used, never applied blindly.
    Most, not all: a sitemap also lists the home page, an archive or an imprint.
    """
    paths = [urlsplit(u).path for u in article_urls if u]
    if len(paths) < 2:
        return None
    home_path = urlsplit(homepage).path or "/"

    def fits(pattern: str) -> bool:
        regex = re.compile(pattern)
        matched = sum(bool(regex.search(p)) for p in paths)
        return matched >= 2 and matched >= MOST_URLS * len(paths) and not regex.search(home_path)

    for candidate in DATED_PATTERNS:
        if fits(candidate):
            return candidate
    # The folder all articles share, when it is deeper than the homepage: /news/ or /medien/artikel/.
    folders = [p.rstrip("/").split("/")[1:-1] for p in paths]
    common: list[str] = []
    while True:  # the deepest folder most paths share
        depth = len(common) + 1
        shared = Counter(tuple(f[:depth]) for f in folders if len(f) >= depth and f[:depth - 1] == common)
        if not shared:
            break
        prefix, count = shared.most_common(1)[0]
        if count < MOST_URLS * len(paths):
            break
        common = list(prefix)
    home_depth = len([part for part in home_path.split("/") if part])
    if len(common) > home_depth:  # /news/ under a homepage at /, /culture/news/ under one at /culture/
        candidate = re.escape("/" + "/".join(common) + "/") + "."
        if fits(candidate):
            return candidate
    for candidate in LOOSE_PATTERNS:
        if fits(candidate):
            return candidate
    return None
