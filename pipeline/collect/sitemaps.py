"""Reading sitemaps and sitemap indexes, including Google News sitemaps.

The one sitemap reader: the crawl (crawlers/spiders/sitemaps.py) and
`tracker discover` both call read_sitemap, so discover reports exactly the
entries a crawl would fetch.

Scrapy's own Sitemap class keeps only the direct children of <url>, so the
nested <news:news><news:publication_date> and <news:title> of a news sitemap
are lost; this reader keeps them. It never resolves entities, never touches
the network and refuses huge trees, so an entity-expansion ("billion laughs")
document yields nothing instead of gigabytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urljoin

from lxml import etree

from pipeline.collect.http import decompress
from pipeline.understand.dates import to_utc_iso

# The sitemap protocol allows 50 MB uncompressed; article pages get the much lower DOWNLOAD_MAXSIZE.
SITEMAP_MAXSIZE = int(os.environ.get("TRACKER_SITEMAP_MAXSIZE", str(50 * 1024 * 1024)))


@dataclass
class SitemapEntry:
    loc: str
    lastmod: str | None = None  # ISO 8601, UTC
    news_published: str | None = None  # news:publication_date, ISO 8601, UTC
    news_title: str = ""
    alternates: list[str] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        """The entry's best date: a news sitemap's publication date, else lastmod (which also moves on edits)."""
        return self.news_published or self.lastmod


@dataclass
class Sitemap:
    kind: str  # "urlset", "sitemapindex" or "" when the document is neither
    entries: list[SitemapEntry] = field(default_factory=list)


class SitemapError(ValueError):
    """The body is not a sitemap at all."""


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(node) -> str:
    return (node.text or "").strip()


def read_sitemap(body: bytes, url: str, max_size: int = SITEMAP_MAXSIZE) -> Sitemap:
    """A fetched sitemap: gunzipped when it is gzip (sitemap.xml.gz), under max_size, then parsed.

    Raises SitemapError, or pipeline.collect.http.FetchFailed for a gzip body
    that is broken or expands beyond max_size.
    """
    if body[:2] == b"\x1f\x8b":
        body = decompress(body, ["gzip"], max_size, url)
    return parse_sitemap(body, url)


def parse_sitemap(body: bytes, url: str = "") -> Sitemap:
    """Parse a (decompressed) sitemap or sitemap index found at `url`.

    Entries whose <loc> is not an http(s) URL after resolving against `url` are skipped.
    """
    if not body or not body.strip():
        raise SitemapError("empty document")
    parser_args = dict(events=("start", "end"), recover=True, resolve_entities=False, no_network=True,
                       huge_tree=False, remove_comments=True, remove_pis=True)
    kind = ""
    entries: list[SitemapEntry] = []
    try:
        for event, elem in etree.iterparse(BytesIO(body.strip()), **parser_args):
            name = _local(elem.tag)
            if event == "start":
                if not kind:
                    kind = name
                continue
            if name not in ("url", "sitemap"):
                continue
            entry = _entry(elem, url)
            if entry:
                entries.append(entry)
            elem.clear()  # keep memory flat on sitemaps with tens of thousands of URLs
    except etree.XMLSyntaxError as exc:
        if not kind:
            raise SitemapError(f"not XML: {exc}") from exc
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind or '?'}>)")
    return Sitemap(kind=kind, entries=entries)


def _entry(elem, base_url: str) -> SitemapEntry | None:
    loc, lastmod, published, title, alternates = "", None, None, "", []
    for child in elem.iter():
        name = _local(child.tag)
        if name == "loc" and not loc and child.getparent() is elem:
            loc = _text(child)
        elif name == "lastmod" and child.getparent() is elem:
            lastmod = to_utc_iso(_text(child))
        elif name == "publication_date":
            published = to_utc_iso(_text(child))
        elif name == "title" and child.getparent() is not elem:
            title = _text(child)
        elif name == "link" and child.get("href"):
            alternates.append(child.get("href").strip())
    # The protocol wants absolute URLs, but a relative <loc> ("/2026/01/story.html") is a CMS mistake
    # with one obvious meaning: resolved against the sitemap's own URL, as a browser resolves a link, it
    # points where an absolute <loc> could point anyway, so following it opens nothing new, while
    # dropping it would silently lose the site's articles. Without a base URL it cannot be resolved.
    try:
        loc = urljoin(base_url, loc) if loc else ""
    except ValueError:
        pass  # a malformed absolute URL ("http://[::1/x"): kept as written, so the crawl records it as one bad link
    if not loc.startswith(("http://", "https://")):
        return None
    return SitemapEntry(loc=loc, lastmod=lastmod, news_published=published, news_title=title, alternates=alternates)
