"""Finding a site's feeds and sitemaps from its homepage and robots.txt."""

from __future__ import annotations

from urllib.parse import urljoin

from pipeline.feeds import find_feed_links

# Tried when a homepage announces no feed; the usual places of WordPress, Ghost, Drupal and news CMSs.
COMMON_FEED_PATHS = ["/feed/", "/rss.xml", "/feed.xml", "/atom.xml", "/rss/", "/index.xml", "/feeds/all.rss"]
COMMON_SITEMAP_PATHS = ["/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"]


def sitemaps_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, as absolute URLs, in order and without repeats."""
    found = []
    for line in robots_txt.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = urljoin(base_url, value.strip())
            if url not in found:
                found.append(url)
    return found


def feeds_from_homepage(html: str, base_url: str) -> list[str]:
    """Feeds announced by <link rel="alternate" type="application/rss+xml|atom+xml">."""
    return find_feed_links(html, base_url)
