"""Atom feeds of relevant articles, built the same way for Datasette and for the static export.

Rows come from the `feed_*` canned queries in datasette_config/metadata.yaml
(columns atom_id, atom_title, atom_updated, atom_link, plus published, source,
summary, language and the JSON lists topics, people, organisations, works).

Crawled titles and summaries are data: ElementTree escapes every text node
and attribute, and the one HTML field (the entry content) is assembled from
escaped parts and then passed through nh3, so nothing a crawled page carried
can run in a feed reader.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import nh3

from pipeline.languages import codes, language

ATOM = "http://www.w3.org/2005/Atom"
SITE_TITLE = "AI Copyright Tracker"
TOPIC_SCHEME = "https://github.com/ai-copyright-tracker/tracker/topics"
ENTITY_SCHEME = "https://github.com/ai-copyright-tracker/tracker/entities"
EPOCH = "1970-01-01T00:00:00Z"
CONTENT_TAGS = {"p", "a", "strong", "br", "ul", "li"}

ET.register_namespace("", ATOM)


def language_name(code: str) -> str:
    """"German" for "de" (the `name:` in the language's folder); a code without a folder stays as it is."""
    return language(code).name if code in codes() else code


def rfc3339(value: str | None) -> str | None:
    """ISO 8601 from the database -> RFC 3339 as Atom wants it, keeping its offset (naive times are UTC).

    A publication time keeps the offset the page gave ("2025-03-14T21:12:00-07:00"), so a reader sees the
    article's own local date.
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def json_list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        items = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return [str(v) for v in items if v is not None] if isinstance(items, list) else []


def feed_title(query: str, params: dict, labels: dict[str, str] | None = None) -> str:
    """A title that says what the feed holds, from the canned query and its parameters."""
    labels = labels or {}

    def topic_names(value: str) -> str:
        return ", ".join(labels.get(t.strip(), t.strip()) for t in value.split(",") if t.strip())

    def language_names(value: str) -> str:
        return ", ".join(language_name(x.strip()) for x in value.split(",") if x.strip())

    if query == "feed_topic":
        what = f"topic {topic_names(params.get('topic', ''))}"
    elif query == "feed_entity":
        what = f"articles mentioning {params.get('entity', '')}"
    elif query == "feed_search":
        what = f"search for “{params.get('q', '')}”"
    elif query == "feed_language":
        what = f"articles in {language_names(params.get('language', ''))}"
    elif query in ("feed_case", "feed_bill"):  # one lawsuit or bill, its events and its news, by its name
        kind = query.removeprefix("feed_")
        what = f"{kind} {labels.get(f'{kind}:' + params.get('slug', ''), params.get('slug', ''))}"
    elif query.startswith("feed_developments_"):  # one entry per story, not per article
        kind = query.removeprefix("feed_developments_")
        value = params.get("slug" if kind in ("case", "bill") else kind, "")
        name = topic_names(value) if kind == "topic" else labels.get(f"{kind}:{value}", value)
        what = f"developments, {kind} {name}"
    elif query == "feed_corrections":
        what = "corrections by reviewers"
    elif query == "feed_filter" and params.get("name"):
        what = f"saved filter “{params['name']}”"
    elif query == "feed_filter":
        parts = []
        if params.get("topics"):
            parts.append(f"topics {topic_names(params['topics'])}")
        if params.get("entities"):
            parts.append(f"mentioning {params['entities'].replace(',', ', ')}")
        if params.get("q"):
            parts.append(f"matching {params['q']}")
        if params.get("languages"):
            parts.append(f"in {language_names(params['languages'])}")
        if params.get("min_relevance") not in (None, "", "0"):
            parts.append(f"relevance ≥ {params['min_relevance']}")
        what = "; ".join(parts) or "all relevant developments"
    else:
        what = "all relevant developments"
    return f"{SITE_TITLE}: {what}"


def _coverage(value) -> list[dict]:
    """The articles of a development (a JSON list of {source, url, title}), those with a web address."""
    try:
        items = json.loads(value) if isinstance(value, str) else (value or [])
    except ValueError:
        return []
    return [{"source": str(i.get("source") or ""), "url": str(i.get("url"))} for i in items
            if isinstance(i, dict) and str(i.get("url") or "").startswith(("http://", "https://"))]


def entry_content(row: dict) -> str:
    """The entry body as (sanitised) HTML: summary, source, date, language, who and what it is about."""
    esc = html.escape
    parts = []
    if row.get("summary"):
        parts.append(f"<p>{esc(str(row['summary']))}</p>")
    facts = [f"Source: {esc(str(row.get('source') or 'unknown'))}"]
    published = rfc3339(row.get("published"))
    if published:
        facts.append(f"Published: {esc(published[:10])}")
    if row.get("language"):
        facts.append(f"Language: {esc(str(row['language']))}")
    parts.append("<p>" + " · ".join(facts) + "</p>")
    for label, key in (("People", "people"), ("Organisations", "organisations"),
                       ("Works and characters", "works"), ("Topics", "topics"),
                       ("People and organisations", "entities")):
        names = json_list(row.get(key))
        if names:
            parts.append(f"<p><strong>{label}:</strong> {esc(', '.join(names))}</p>")
    coverage = _coverage(row.get("also"))
    if coverage:  # a development's entry: every outlet that covered it, each linked
        parts.append("<p><strong>Also covered by:</strong> " + ", ".join(
            f'<a href="{esc(c["url"], quote=True)}">{esc(c["source"] or c["url"])}</a>' for c in coverage) + "</p>")
    link = row.get("atom_link")
    if link and str(link).startswith(("http://", "https://")):
        parts.append(f'<p><a href="{esc(str(link), quote=True)}">Read the article</a></p>')
    # Everything above is escaped already; nh3 is the second lock on the door.
    return nh3.clean("".join(parts), tags=CONTENT_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https"})


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def build_feed(rows: list[dict], *, title: str, feed_id: str, self_url: str, alternate_url: str | None = None,
               updated: str | None = None, labels: dict[str, str] | None = None, stylesheet: str | None = None
               ) -> bytes:
    """A complete Atom document (UTF-8 bytes). `updated` is used when there are no entries.

    An entry's authors are the article's byline (the JSON list `authors`), else its source; a topic's
    category is labelled with its human name from `labels` (slug -> label). With `stylesheet` (the URL of an
    XSL file), a browser that opens the feed shows a readable page instead of raw XML; feed readers ignore it.
    """
    labels = labels or {}
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    if alternate_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": alternate_url})
    entry_dates = [rfc3339(r.get("atom_updated")) or rfc3339(r.get("published")) for r in rows]
    # The latest instant, whatever the offsets (strings of different offsets do not sort by time).
    _text(feed, "updated", max([d for d in entry_dates if d] or [rfc3339(updated) or EPOCH], key=_instant))
    # A feed-level author makes entries without a source still valid Atom.
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", SITE_TITLE)
    _text(feed, "generator", "ai-copyright-tracker")
    seen = set()
    for row, entry_updated in zip(rows, entry_dates, strict=True):
        entry_id = str(row.get("atom_id") or "")
        if not entry_id or entry_id in seen:
            continue  # an article in a feed once, even if a query joined it twice
        seen.add(entry_id)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", entry_id)
        _text(entry, "title", str(row.get("atom_title") or "(untitled)"), type="text")
        _text(entry, "updated", entry_updated or rfc3339(updated) or EPOCH)
        if rfc3339(row.get("published")):
            _text(entry, "published", rfc3339(row.get("published")))
        if row.get("atom_link"):
            ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                      "href": str(row["atom_link"])})
        for name in json_list(row.get("authors")) or ([str(row["source"])] if row.get("source") else []):
            author_element = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(author_element, "name", name)
        if row.get("summary"):
            _text(entry, "summary", str(row["summary"]), type="text")
        _text(entry, "content", entry_content(row), type="html")
        for slug in json_list(row.get("topics")):
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": slug, "scheme": TOPIC_SCHEME,
                                                         "label": labels.get(slug, slug)})
        for key in ("people", "organisations", "works"):
            for name in json_list(row.get(key)):
                ET.SubElement(entry, f"{{{ATOM}}}category", {"term": name, "scheme": f"{ENTITY_SCHEME}/{key}",
                                                             "label": name})
    ET.indent(feed)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    if stylesheet:
        declaration, _, rest = body.partition(b"\n")
        instruction = f'<?xml-stylesheet type="text/xsl" href="{html.escape(stylesheet, quote=True)}"?>'
        body = declaration + b"\n" + instruction.encode() + b"\n" + rest
    return body


def build_opml(feeds: list[tuple[str, str, str | None]], title: str = f"{SITE_TITLE} feeds") -> bytes:
    """An OPML 2.0 subscription list of (title, xml_url, html_url) for Feedly, Inoreader or Miniflux."""
    opml = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(opml, "body")
    group = ET.SubElement(body, "outline", {"text": title, "title": title})
    for feed_name, xml_url, html_url in feeds:
        attrs = {"type": "rss", "text": feed_name, "title": feed_name, "xmlUrl": xml_url}
        if html_url:
            attrs["htmlUrl"] = html_url
        ET.SubElement(group, "outline", attrs)
    ET.indent(opml)
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True)
