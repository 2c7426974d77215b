"""Extraction: from a fetched page to an article's text and metadata.

trafilatura finds the main text; the metadata that decides identity and
dating (canonical URL, published date, authors) is read here in a fixed order
of trust, because trafilatura's own choice is not documented as stable.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html
from lxml.etree import ParserError
from w3lib.encoding import html_to_unicode

from pipeline.collect.urls import normalize_url, pick_canonical, same_site
from pipeline.languages import all_languages, languages_dir, union
from pipeline.records import Article, Page
from pipeline.understand import byline_place, dates
from pipeline.understand.byline_shapes import dateline
from pipeline.understand.byline_words import load_words
from pipeline.understand.bylines import clean_authors, site_owner
from pipeline.understand.page_type import judge_page
from pipeline.understand.titles import strip_site_name

MAX_HTML_CHARS = 3_000_000  # trafilatura's tree work grows with the page; huge pages are cut
PAYWALL_MARKERS = re.compile(r"\b(paywall|premium-content|subscriber-only|plus-article|article--locked|"
                             r"piano-offer|tp-container|paid-content)\b", re.I)


class ExtractError(ValueError):
    """The page has no usable article text."""


def _guess_encoding(body: bytes) -> str:
    """For pages that declare no charset anywhere: UTF-8 if the bytes are valid UTF-8, else windows-1252.

    Undeclared non-UTF-8 pages on the web are overwhelmingly windows-1252 (or its
    subset Latin-1), which is also what the HTML standard tells browsers to assume.
    """
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text, honouring BOM, the HTTP charset and <meta charset>, in w3lib's order."""
    _, text = html_to_unicode(content_type, body, auto_detect_fun=_guess_encoding)
    return text


def content_hash(text: str) -> str:
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def _meta(tree, *names: str) -> str | None:
    for name in names:
        found = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
        if found and found[0].strip():
            return found[0].strip()
    return None


def _jsonld_authors(objects: list[dict]) -> list[str]:
    names = []
    for obj in objects:
        author = obj.get("author")
        for item in author if isinstance(author, list) else [author]:
            name = item.get("name") if isinstance(item, dict) else item
            if isinstance(name, str) and name.strip() and name.strip() not in names:
                names.append(name.strip())
        if names:
            break
    return names


def _publishers(objects: list[dict], url: str) -> tuple[str, ...]:
    """The names of the publishers the page's JSON-LD objects give at the page's own address ("publisher":
    {"name": "台北時報", "url": "https://www.taipeitimes.com/"} on taipeitimes.com). A publisher without an
    address of its own may be a press release's issuer, its author on a wire's site ("Segment" on GlobeNewswire)."""
    found = (obj.get("publisher") for obj in objects)
    return tuple(dict.fromkeys(p["name"].strip() for p in found if isinstance(p, dict)
                               and isinstance(p.get("name"), str) and p["name"].strip()
                               and isinstance(p.get("url"), str) and same_site(p["url"], url)))


def _meta_publisher(tree) -> tuple[str, ...]:
    """The publisher a meta tag names ("Deutsche Welle (www.dw.com)" on dw.com, its address in brackets dropped):
    one of the site's names, as the JSON-LD publisher's; trafilatura's author repeats it without the address. A
    publisher given as an address (a Facebook page) names nothing."""
    name = _meta(tree, "publisher")
    name = re.sub(r"\s*\((?:https?://|www\.)[^)]*\)\s*", " ", name or "").strip()
    return (name,) if name and not re.match(r"(?:https?:)?//|www\.", name) else ()


def _authors(places) -> list[str]:
    """The first place's names (each place cleaned, most trusted first), else the first place's that names anyone.

    A name of two words or more that JSON-LD writes in lower case or as a slug ("viktor hedlund", "chuck-ross"),
    machine data, and another place on the page writes with capitals ("Viktor Hedlund" in the visible byline) is
    written as the page shows it (a meta tag's or a byline's lower case is the page's own: "cindy mangomini").
    The other places are read only then, or when the first names nobody: the visible byline is a walk over the
    page."""
    places = iter(places)
    first = next(places, [])
    if not first:
        return next((found for found in places if found), [])
    # a name of two words or more: one word in lower case ("dpa", "amw") is a sign as its writer writes it
    lower = [n.islower() and " " in _name_key(n) for n in first]
    if not any(lower):
        return first
    shown: dict[str, str] = {}
    for name in (n for found in (first, *places) for n in found if not n.islower()):
        shown.setdefault(_name_key(name), name)  # the most trusted place's ("Chuck Ross" in meta, then "Chuck-Ross")
    return [shown.get(_name_key(n), n) if low else n for n, low in zip(first, lower, strict=True)]


def _name_key(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name).casefold()


def _either(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=4)
def _not_article_path(directory: Path) -> re.Pattern:
    return re.compile(rf"/({_either(union('not_article_paths'))})(/|$)", re.I)


def is_not_article_path(path: str) -> bool:
    """/tag/, /author/, /galerie/...: a path segment (every language's words) that marks a non-article page."""
    return bool(_not_article_path(languages_dir()).search(path))


@dataclass
class _BylineWords:
    start: re.Pattern  # a visible byline: "Von Anna Berger | 17. Juni 2025", "By Dana Whitcomb and Lee Park"
    tail: re.Pattern  # where a byline runs on into its date: "... Published 14 March 2025"
    by: re.Pattern
    separator: re.Pattern
    inner_by: re.Pattern  # "By" again inside the names: a menu's "By Subject By Title By Publisher", no byline


@lru_cache(maxsize=4)
def _byline_words(directory: Path) -> _BylineWords:
    def words(kind: str) -> list[str]:
        return list(dict.fromkeys(w for lang in all_languages() for w in lang.byline.get(kind, [])))

    by, joins = _either(words("by")), "|".join(rf"\b{re.escape(w)}\b" for w in words("and"))
    separator = "|".join(filter(None, [",", "&", joins]))
    # A capitalised word, then up to four more or name particles ("Anna von Berg"), in the data's order.
    particles = "".join("|" + re.escape(w) for w in words("name_particles"))
    name = rf"[A-ZÄÖÜ][\w'’.-]+(?:[ \t]+(?:[A-ZÄÖÜ][\w'’.-]+{particles})){{0,4}}"
    return _BylineWords(
        # "Autorin/Autor Roman Goncharenko": two forms of the word (her, his) joined by a slash are one
        start=re.compile(rf"^\s*(?:{by})(?:/(?:{by}))?\s+({name}(?:\s*(?:{separator})\s*{name})*)", re.I),
        tail=re.compile(rf"\b({_either(words('date_words'))})\b.*$", re.I | re.S),
        by=re.compile(rf"^({by})(?:/(?:{by}))?\s+", re.I),
        separator=re.compile(rf"\s*(?:;|{separator})\s*"),
        # capitalised only: lower-case "von" is also a name particle ("Anna von Berg")
        inner_by=re.compile(rf"\s(?:{_either([w[:1].upper() + w[1:] for w in words('by')])})\s"),
    )


def _byline_authors(tree) -> list[str]:
    """Authors from the page's visible byline, when no metadata names them.

    rel="author" links are the standard mark-up; failing that, a short element
    that starts with a language's "by" word ("By", "Von") followed by capitalised names.
    Either standing in a comment thread, a sidebar or a table of contents is someone else's (byline_place).
    """
    headline = byline_place.headline_of(tree)
    linked = [" ".join(t.split()) for a in tree.xpath('//a[@rel="author"]') if not byline_place.in_aside(a, headline)
              for t in a.xpath(".//text()") if t.strip()]
    if linked:
        return list(dict.fromkeys(linked))
    for element in _near_top(tree, headline):
        line = " ".join(element.text_content().split())
        if len(line) < 160 and (match := _byline_words(languages_dir()).start.match(line)):
            if byline_place.in_aside(element, headline) or _byline_words(languages_dir()).inner_by.search(
                    match.group(1)):
                continue
            # The pattern is case-insensitive for "By"/"Von" only in spirit: names must be capitalised.
            names = [n for n in _split_authors(match.group(1)) if n[:1].isupper()]
            if len(names) >= 2 and dateline(names[-1], names[-2], load_words(languages_dir())):
                names.pop()  # "Von Seb Dumitru, Lille": a byline's place after the name, in the byline's own style
            if names:
                return names
    return _site_with_agency(tree, headline)


def _site_with_agency(tree, headline) -> list[str]:
    """A credit line with no "By": the site's name (or a writer's) "with" a news agency, right after the headline
    ("Le Monde.fr avec AFP"); the cleaner keeps the agency and drops the site. Only a known agency counts: "Le Monde
    avec nous" is a slogan."""
    words = load_words(languages_dir())
    joins = words.joins  # every language's "and"/"with", "avec" too
    if headline is None:
        return []
    order = {element: i for i, element in enumerate(tree.iter())}
    at = order.get(headline, 0)
    for element in _near_top(tree, headline):
        if not 0 < order[element] - at <= byline_place.NEAR:
            continue
        line = " ".join(element.text_content().split())
        parts = joins.split(line) if len(line) < 60 else []
        if len(parts) == 2 and parts[1].casefold() in words.agencies and parts[0][:1].isupper():
            return [line]
        # "Sehernur Karsu | 05.04.2025": two or three capitalised words, a bar, a date in figures
        if (dated := NAME_BAR_DATE.match(line)) and not byline_place.in_aside(element, headline):
            return [dated.group(1)]
    return []


# A byline with no "By": a name, a bar, the date in figures ("Sehernur Karsu | 05.04.2025 - Güncelleme : 05.04.2025")
NAME_BAR_DATE = re.compile(r"^((?:[A-ZÀ-ÞİŞĞÇÖÜ][\w'’-]+ ){1,2}[A-ZÀ-ÞİŞĞÇÖÜ][\w'’-]+)\s*[|•·]\s*"
                           r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s.{0,40})?$")  # what follows: a time, "Updated …"


def _near_top(tree, headline, most: int = 400) -> list:
    """The elements a visible byline is looked for in: the page's first `most`, and as many from its headline on
    (a page whose menus come first holds its byline far down: n-tv's "Von Seb Dumitru, Lille" is its 846th)."""
    elements = list(tree.iter("p", "div", "span", "address", "li"))
    if headline is None or len(elements) <= most:
        return elements[:most]
    order = {element: i for i, element in enumerate(tree.iter())}
    start = next((k for k, element in enumerate(elements) if order[element] > order.get(headline, 0)), len(elements))
    return elements[:most] + elements[max(most, start):start + most]


def _split_authors(value: str | None, split: bool = True) -> list[str]:
    """A byline's names. With split=False (an author field), the value stays whole: bylines.clean_authors splits
    it and needs what a comma joins ("Tom Rask, The Plain Dealer" is one person and his paper, "Harm, Robert" one
    person, "Jobs & Hire" a site's name); split, they read as separate authors."""
    if not value:
        return []
    # Bylines often run on into the date ("By Chris Roe. Published 14 March 2025"): cut that off.
    words = _byline_words(languages_dir())
    value = words.tail.sub("", value).strip(" .,;|-")
    value = words.by.sub("", value.strip())
    if not split:
        return [value.strip()] if value.strip() and len(value) < 240 else []
    parts = words.separator.split(value)
    return [p.strip() for p in parts if p.strip() and len(p) < 80]


def _author_candidates(tree, objects: list[dict], fallback: dict, entry, split: bool = False):
    """The author lists a page gives, most trusted first, as written (JSON-LD, meta, trafilatura, byline, feed).
    An author field stays whole for the cleaner; split=True splits it at its commas, as the page-type judgement
    has always seen it (a "byline" signal is a name of 3 to 60 characters)."""
    yield _jsonld_authors(objects)
    yield _split_authors(_meta(tree, "author", "article:author", "dc.creator"), split=split)
    # trafilatura's guess is read from where its name stands: one standing only among comments, in a sidebar or
    # in the headline is no byline (the visible byline, next, skips such blocks itself).
    yield byline_place.placed(tree, _split_authors(fallback.get("author"), split=split))
    yield _byline_authors(tree)
    yield entry.authors if entry else []


def _is_paywalled(tree, raw_html: str, objects: list[dict], word_count: int) -> bool:
    for obj in objects:
        free = obj.get("isAccessibleForFree")
        if free is False or (isinstance(free, str) and free.lower() == "false"):
            return True
    # Marker classes mean something only when the visible text is a teaser.
    return word_count < 250 and bool(PAYWALL_MARKERS.search(raw_html))


def _page_type(tree, objects: list[dict]) -> str | None:
    for obj in objects:
        kind = obj.get("@type")
        if isinstance(kind, list):
            kind = kind[0] if kind else None
        if isinstance(kind, str) and kind.endswith(("Article", "Posting", "Report", "NewsArticle", "BlogPosting")):
            return kind
    return _meta(tree, "og:type")


def clean_title(title: str) -> str:
    """Titles are data: decode entities once and fold white space; never interpret markup."""
    return re.sub(r"\s+", " ", html_lib.unescape(title or "")).strip()


def _parse(raw: str):
    """The page's one tree, parsed as trafilatura parses (comments dropped, broken markup repaired).

    Our metadata and trafilatura's extraction read the same tree, so the page is
    parsed once. When trafilatura rejects the document as not quite HTML, lxml's
    plain parse still gives the metadata, and there is no main text.
    """
    import trafilatura

    tree = trafilatura.load_html(raw)
    if tree is not None:
        return tree, True
    try:
        return lxml_html.fromstring(raw), False
    except (ParserError, ValueError) as exc:
        raise ExtractError(f"not HTML: {exc}") from exc


def _trafilatura_metadata(tree, url: str):
    """trafilatura.extract_metadata without its htmldate run: the date is ours (dates.find_published).

    Title, author and description are only fallbacks for what the page's own
    metadata lacks; htmldate runs later, and only for a page whose date nothing else gave.
    """
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_title,
        extract_url,
    )

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader has bugs of its own; ours reads it too
        pass
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    metadata.clean_and_trim()
    return metadata


def _htmldate(tree, url: str | None) -> str | None:
    """htmldate's guess, with the parameters trafilatura would give it; the last resort for a date."""
    from htmldate import find_date
    from trafilatura.settings import Extractor

    return find_date(tree, **{**Extractor().date_params, "url": url})


def extract_article(page: Page) -> Article:
    """Extract one page. Raises ExtractError when there is no article text to keep."""
    content_type = page.headers.get("content-type") or page.headers.get("Content-Type")
    raw = decode_html(page.body, content_type)[:MAX_HTML_CHARS]
    if not raw.strip():
        raise ExtractError("empty page")
    # Imported here, not at the top: it takes a fifth of a second, and a crawl that finds
    # nothing new (most cron runs) imports this module but never extracts anything.
    import trafilatura

    tree, readable = _parse(raw)
    doc, meta = {}, None
    if readable:
        # bare_extraction works on a copy of the tree it is given; ours stays as parsed.
        found = trafilatura.bare_extraction(
            tree, url=page.url, with_metadata=False, include_comments=False, include_tables=False
        )
        doc = found.as_dict() if found is not None else {}
        meta = _trafilatura_metadata(tree, page.url) if found is not None else None
    text = (doc.get("text") or "").strip()
    entry = page.entry
    if not text and entry and (entry.content or entry.summary):
        # The page has no readable body (script-rendered, blocked): the feed's own content stands in.
        feed_html = entry.content or entry.summary
        text = (trafilatura.extract(feed_html) or lxml_html.fromstring(feed_html).text_content()).strip()
    if not text:
        raise ExtractError("no main text found")

    objects = dates.jsonld_objects(tree)
    canonical = pick_canonical(
        page.url, tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    )
    # Language detection uses the hint only for a text too short to judge. The sources file's
    # `language:` comes first: the operator's word for a site beats a CMS template's html lang.
    page_lang = (tree.get("lang") or _meta(tree, "og:locale", "content-language", "language") or "").strip()[:2].lower()
    lang_hint = page.language_hint or page_lang or None
    visible = tree.text_content() if len(raw) < 500_000 else text
    # A time written without an offset is read on the clock of the page's own language first: a German page
    # of a source listed as English ("14:05 Uhr") is on Berlin time.
    published, published_from = dates.find_published(tree, visible, page.url, objects,
                                                      dates.page_zone(page.timezone, page_lang or lang_hint))
    if not published and entry and entry.published:
        # The hint of the feed entry, or of the (news) sitemap entry, that led to this page (in UTC: feedparser
        # keeps no offset).
        published, published_from = entry.published, "sitemap" if page.via == "sitemap" else "feed"
    if not published and meta is not None and (guess := _htmldate(tree, meta.url)):
        published, published_from = dates.to_iso(guess), "trafilatura"
    fallback = {"author": meta.author, "title": meta.title, "description": meta.description} if meta else {}

    # Each place in order of trust, cleaned (bylines.py); a place that names only the site or a URL gives way.
    site = (page.source, _meta(tree, "og:site_name"), page.url)
    # the publisher the page's structured data names at its address is the site too, in whatever script ("台北時報"
    # on Taipei Times, "दैनिक भास्कर" on bhaskar.com): the address spells none of those names
    as_site = site + _publishers(objects, page.url) + _meta_publisher(tree)
    authors = _authors(clean_authors(raw, as_site) for raw in _author_candidates(tree, objects, fallback, entry)) \
        or site_owner(_meta(tree, "og:site_name"), page.url)  # a personal site named after its owner, no byline
    # The page-type judgement asks whether the page has a byline at all, as written: "ABC News" in the author slot
    # is no author, but it is the mark of an article page.
    written_byline = next((raw for raw in _author_candidates(tree, objects, fallback, entry, split=True) if raw), [])

    title = strip_site_name(clean_title(
        _meta(tree, "og:title") or fallback.get("title") or (entry.title if entry else "") or canonical
    ), site)
    word_count = len(text.split())
    verdict = judge_page(tree, objects, page.url, text, status=page.status, via=page.via, dated_from=published_from,
                         authors=written_byline, listed_as=entry.title if entry else "", known_urls=page.known_urls)
    return Article(
        url=canonical,
        fetched_url=normalize_url(page.url),
        source=page.source,
        title=title,
        text=text,
        authors=authors,
        published=dates.to_utc_iso(published),
        published_at=published,
        published_from=published_from,
        fetched=page.fetched,
        language_hint=lang_hint or doc.get("language"),
        description=clean_title(_meta(tree, "og:description", "description") or fallback.get("description") or ""),
        paywalled=_is_paywalled(tree, raw, objects, word_count),
        page_type=_page_type(tree, objects),
        verdict=verdict,
        word_count=word_count,
        content_hash=content_hash(text),
        html=page.body,
    )


def looks_like_article(article: Article) -> bool:
    """The page-type verdict (pipeline/understand/page_type.py): an article, not an archive, video, about page..."""
    return article.verdict is None or article.verdict.is_article
