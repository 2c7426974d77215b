"""Reading RSS 0.9x/1.0/2.0 and Atom feeds with feedparser."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from pipeline.records import FeedEntry


@dataclass
class Feed:
    url: str
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    # feedparser's "bozo" flag: the feed was malformed but (maybe) still usable.
    problem: str | None = None
    encoding: str = ""  # the character encoding feedparser settled on
    parsed: dict = field(default_factory=dict, repr=False)  # feedparser's own result, for checks and debugging


class FeedError(ValueError):
    """The body is not a feed at all (no entries and a parse error)."""


def _iso(struct) -> str | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), UTC).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def parse_feed(body: bytes | str, url: str, headers: dict[str, str] | None = None) -> Feed:
    """Parse a feed body. Relative links are resolved against `url`.

    Malformed feeds are read as far as feedparser can; a body that yields no
    feed at all raises FeedError with feedparser's reason.
    """
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    # feedparser resolves relative URIs against Content-Location, so pass the feed URL there.
    response_headers.setdefault("content-location", url)
    # Without a Content-Type feedparser assumes text/xml's US-ASCII/Latin-1 default and flags the
    # feed as malformed; application/xml lets the XML declaration or BOM choose the encoding.
    if not response_headers.get("content-type"):
        response_headers["content-type"] = "application/xml"
    try:
        parsed = feedparser.parse(body, response_headers=response_headers, sanitize_html=True)
    except Exception as exc:  # feedparser is lenient, but a parser bug must not end a crawl
        raise FeedError(f"feedparser failed: {type(exc).__name__}: {exc}") from exc
    problem = None
    if parsed.get("bozo"):
        problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
    # No entries, a parse error, and nothing feedparser recognised as RSS or Atom: an error page or HTML.
    if not parsed.entries and problem and (not parsed.feed or not parsed.get("version")):
        raise FeedError(problem)
    feed = Feed(url=url, title=parsed.feed.get("title", ""), problem=problem,
                encoding=parsed.get("encoding", ""), parsed=parsed)
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link:
            # Some feeds (RSS 0.9x, odd Atom) put the article URL only in guid/id.
            guid = e.get("id") or ""
            link = guid if guid.startswith(("http://", "https://")) else ""
        if not link:
            continue
        link = urljoin(url, link)
        if not link.startswith(("http://", "https://")):
            continue
        content = ""
        if e.get("content"):
            content = max((c.get("value", "") for c in e["content"]), key=len)
        authors = [a.get("name") for a in e.get("authors", []) if a.get("name")]
        if not authors and e.get("author"):
            authors = [e["author"]]
        feed.entries.append(
            FeedEntry(
                url=link,
                title=e.get("title", ""),
                published=_iso(e.get("published_parsed") or e.get("updated_parsed")),
                authors=authors,
                summary=e.get("summary", ""),
                content=content,
                guid=e.get("id"),
            )
        )
    return feed


def find_feed_links(html: str, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml|atom+xml">."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return []
    out = []
    for link in tree.xpath('//link[@rel="alternate"][@href]'):
        kind = (link.get("type") or "").lower()
        if "rss" in kind or "atom" in kind or kind.endswith("/xml"):
            href = urljoin(base_url, link.get("href").strip())
            if href not in out:
                out.append(href)
    return out
