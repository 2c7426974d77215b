"""Reading RSS 0.9x/1.0/2.0 and Atom feeds with feedparser."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import feedparser

from pipeline.records import FeedEntry

FUTURE_SKEW = timedelta(hours=1)


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
        try:
            link = urljoin(url, link)
        except ValueError:  # a broken link ("http://[::1/x") is kept as it is: the crawler records it
            pass
        # Links that are not http(s) (file:, ftp:...) are kept too: the crawler refuses each
        # and records why (pipeline/collect/safety.py), so a hostile feed is visible in `errors`.
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
                # dict.get: feedparser's own get() answers published_parsed when an entry has no
                # updated date, which would make every RSS pubDate look like an edit time.
                updated=_iso(dict.get(e, "updated_parsed")),
                authors=authors,
                summary=e.get("summary", ""),
                content=content,
                guid=e.get("id"),
            )
        )
    return feed


def edited_after_publication(entry: FeedEntry, now: datetime | None = None) -> str | None:
    """The entry's `updated` time when it says the article was edited after it was published, else None.

    Many feeds give updated == published (Atom requires <updated>, and an entry
    with only that has it as its publication date too): those are not edits,
    or every run would fetch them again. A time in the future (a broken feed
    clock) is ignored for the same reason: it would refetch the page on every
    run until then. An hour of clock skew is allowed.
    """
    if not entry.updated or (entry.published and entry.updated <= entry.published):
        return None
    if entry.updated > ((now or datetime.now(UTC)) + FUTURE_SKEW).replace(microsecond=0).isoformat():
        return None
    return entry.updated


def edited_entries(entries: dict[str, FeedEntry], now: datetime | None = None) -> dict[str, str]:
    """url -> updated time, for the entries (url -> entry) that say they were edited after publication.

    An `updated` time shared by entries published at different times is when the
    feed was generated, not an edit (some CMSs stamp every entry with it): it is
    ignored, or every run would fetch every entry of that feed again.
    """
    published_at: dict[str, set] = defaultdict(set)
    for entry in entries.values():
        if entry.updated:
            published_at[entry.updated].add(entry.published)
    return {url: when for url, entry in entries.items()
            if (when := edited_after_publication(entry, now)) and len(published_at[when]) == 1}


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
            href = link.get("href").strip()
            try:
                href = urljoin(base_url, href)
            except ValueError:  # kept as it is: the crawler records it as one bad link, the others go on
                pass
            if href not in out:
                out.append(href)
    return out
