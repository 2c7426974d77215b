"""Data records passed between stages.

Each stage of the pipeline takes one of these and returns the next, so the
contract between stages is visible in one place. They are plain dataclasses:
Scrapy accepts them as items (through itemadapter) without `pipeline/`
having to import Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """One entry of the sources file."""

    name: str
    homepage: str | None = None
    language: str | None = None
    category: str | None = None
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    article_pattern: str | None = None
    since: str | None = None  # sitemap lastmod horizon, e.g. "30d"
    timezone: str | None = None  # tz database name: where the site's times without an offset are


@dataclass
class FeedEntry:
    """One item of an RSS or Atom feed, as feedparser gave it."""

    url: str
    title: str = ""
    published: str | None = None  # ISO 8601, UTC
    updated: str | None = None  # ISO 8601, UTC; only when the feed gives it (Atom <updated>, dc:modified)
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    content: str = ""  # full content, when the feed carries it (HTML)
    guid: str | None = None


@dataclass
class Page:
    """A fetched response, handed by a spider to the pipeline."""

    url: str  # the URL that was requested (after redirects)
    body: bytes
    source: str  # Source.name
    via: str  # "feed", "sitemap", "listing" or "feed-content"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fetched: str = ""  # ISO 8601, UTC
    entry: FeedEntry | None = None  # the feed entry or sitemap hint that led here
    require_article: bool = False  # listing links: keep only pages that look like articles
    language_hint: str | None = None  # the source's `language:` in the sources file
    timezone: str | None = None  # the source's `timezone:` (tz database name), for times written without offset
    known_urls: list[str] = field(default_factory=list)  # articles stored from its source (their URL shapes)


@dataclass
class FetchError:
    """A failure that the run records and carries on from."""

    source: str
    url: str
    stage: str  # "feed", "sitemap", "listing", "article", "extract", "store", ...
    message: str


@dataclass
class FeedStatus:
    """What a feed (or a sitemap, or a listing's first page) answered, kept for conditional GET and feed health."""

    url: str
    source: str
    status: int  # HTTP status; 0 for a network failure
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    entries: int = 0
    kind: str = "feed"  # "feed", "sitemap" or "listing"


@dataclass
class EntityMention:
    """A person or organisation found in one article."""

    name: str  # canonical name
    type: str  # "PERSON", "ORG" or "WORK" (a character or a title of a work)
    mentions: int = 1
    surface_forms: list[str] = field(default_factory=list)
    wikidata: str | None = None


@dataclass
class TopicScore:
    slug: str
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class Links:
    """The cases and bills an article mentions: slug -> evidence (e.g. ["alias:GEMA gegen OpenAI"])."""

    cases: dict[str, list[str]] = field(default_factory=dict)
    bills: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PageSignal:
    """One piece of evidence about what kind of page this is: + for an article, - against (page_type.py)."""

    name: str  # "structured data", "og:type", "teasers", "url", "text length", "http status", ...
    value: str
    weight: float
    kind: str  # the kind of page it points to: "article", "archive", "home", "about", "video", ...


@dataclass
class PageVerdict:
    """Article or another kind of page, the sum of the weights, and every signal behind it."""

    kind: str
    score: float
    signals: list[PageSignal] = field(default_factory=list)

    @property
    def is_article(self) -> bool:
        return self.kind == "article"

    def summary(self) -> str:
        return f"{self.kind} ({self.score:+.1f}: " + "; ".join(
            f"{s.name} {s.value} {s.weight:+.1f}" for s in self.signals) + ")"


@dataclass
class Article:
    """An article as it is stored: the row of `articles` plus its links."""

    url: str  # canonical URL
    source: str
    title: str
    text: str
    fetched_url: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, UTC
    published_at: str | None = None  # ISO 8601 with the offset the page gave: its date is the local date
    published_from: str | None = None  # "json-ld", "meta", "byline", "url", "feed", ...
    fetched: str = ""
    language: str | None = None
    language_hint: str | None = None
    description: str = ""
    paywalled: bool = False
    page_type: str | None = None  # og:type or JSON-LD @type, as the page declares it
    verdict: PageVerdict | None = None  # article or another kind of page, and why (understand/page_type.py)
    word_count: int = 0
    content_hash: str = ""
    relevance: float = 0.0
    relevant: bool = False
    evidence: list[str] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    links: Links = field(default_factory=Links)  # cases and bills; relevant articles only
    html: bytes | None = None  # raw page, for the archive
