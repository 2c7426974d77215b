"""Digests: the developments a selection follows, chosen from the database and written as HTML, Markdown or text.

One development is one story with its coverage (the `developments` and
`development_articles` tables). A digest lists each development once: its title,
a one-line summary from its first report, the outlets and languages that
covered it ("also covered by"), a link to its page on the published site and to
every article. `tracker alerts send` mails or posts it; `tracker digest` writes it.

Titles and summaries are crawled text: the templates escape them for the format
they write (HTML entities, Markdown backslashes), so a title with markup in it
arrives as the text it is.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from pipeline.publish.saved_filters import SavedFilter, fts_query
from pipeline.store.entity_aliases import names_for
from pipeline.store.search import search_query

TEMPLATES = Path(__file__).resolve().parent / "templates"  # digest.html, digest.md, digest.txt
FORMATS = ("html", "md", "txt")
LISTED = "a.relevant = 1 and a.duplicate_of is null"
SUMMARY_CHARS = 220


@dataclass
class DigestArticle:
    id: int
    title: str
    url: str
    source: str
    language: str
    date: str
    new: bool = False


@dataclass
class DigestItem:
    id: int
    title: str
    summary: str
    first_seen: str
    last_seen: str
    languages: list[str]
    outlets: list[str]
    page_url: str
    articles: list[DigestArticle] = field(default_factory=list)

    @property
    def lead(self) -> DigestArticle:
        return self.articles[0]

    @property
    def also_covered_by(self) -> list[str]:
        return [outlet for outlet in self.outlets if outlet != self.lead.source]

    @property
    def new_coverage(self) -> bool:
        """Known story, new articles: some of its coverage was in an earlier digest."""
        return any(not a.new for a in self.articles) and any(a.new for a in self.articles)


@dataclass
class Digest:
    title: str  # e.g. "Lawsuits against AI companies"
    since: str
    items: list[DigestItem]
    base_url: str

    @property
    def article_ids(self) -> list[int]:
        return [a.id for item in self.items for a in item.articles]


def criteria(selection: str, value: str, filters: list[SavedFilter] | None = None) -> tuple[str, dict]:
    """SQL on an article `a` (and its development `d`) for one subscription's selection, with its parameters.

    The same conditions as the article feeds (the `feed_*` canned queries), so a
    subscription to a saved filter gets the developments of the articles its feed lists.
    """
    if selection == "topic":
        return "a.id in (select article_id from article_topics where topic = :value)", {"value": value}
    if selection == "entity":
        return ("a.id in (select ae.article_id from article_entities ae join entities e on e.id = ae.entity_id "
                f"where e.name in ({names_for('value')}))"), {"value": value}
    if selection in ("case", "bill"):
        table = "article_cases" if selection == "case" else "article_bills"
        return (f"(d.{selection}_slug = :value or a.id in "
                f"(select article_id from {table} where {selection}_slug = :value))"), {"value": value}
    if selection != "filter":
        raise ValueError(f"unknown selection {selection!r}")
    saved = next((f for f in filters or [] if value in (f.slug, f.name)), None)
    if saved is None:
        raise ValueError(f"no saved filter {value!r}")
    parts, params = ["a.relevance >= :min_relevance"], {"min_relevance": saved.min_relevance}
    if saved.topics:
        params.update({f"t{i}": t for i, t in enumerate(saved.topics)})
        parts.append("a.id in (select article_id from article_topics where topic in "
                     f"({', '.join(f':t{i}' for i in range(len(saved.topics)))}))")
    if saved.entities:
        # Each name, alias or short form finds its entity, as in the feed_filter query.
        params.update({f"e{i}": e for i, e in enumerate(saved.entities)})
        parts.append("a.id in (select ae.article_id from article_entities ae join entities e on e.id = ae.entity_id "
                     f"where e.name in ({' union '.join(names_for(f'e{i}') for i in range(len(saved.entities)))}))")
    if saved.languages:
        params.update({f"l{i}": lang for i, lang in enumerate(saved.languages)})
        parts.append(f"a.language in ({', '.join(f':l{i}' for i in range(len(saved.languages)))})")
    if saved.search:
        params["q"] = search_query(fts_query(saved.search))
        parts.append("a.id in (select rowid from articles_fts where articles_fts match :q)")
    return " and ".join(parts), params


def due_developments(conn: sqlite3.Connection, where: str, params: dict, since: str,
                     delivered: tuple[str, str] | None = None) -> list[int]:
    """Developments with a listed article matching `where` and coverage fetched since `since`, newest first.

    With `delivered` = (subscription, destination), coverage already delivered
    there does not count: a development comes back only when new articles join it.
    """
    fresh = f"da2.development_id = d.id and {LISTED.replace('a.', 'a2.')} and a2.fetched >= :since"
    if delivered:
        fresh += (" and a2.id not in (select article_id from alert_deliveries "
                  "where subscription = :subscription and destination = :destination)")
        params = {**params, "subscription": delivered[0], "destination": delivered[1]}
    sql = f"""select d.id from developments d
where exists (select 1 from development_articles da join articles a on a.id = da.article_id
              where da.development_id = d.id and {LISTED} and {where})
  and exists (select 1 from development_articles da2 join articles a2 on a2.id = da2.article_id where {fresh})
order by d.updated desc, d.id desc"""
    return [row[0] for row in conn.execute(sql, {**params, "since": since})]


def load_items(conn: sqlite3.Connection, ids: list[int], base_url: str, since: str,
               delivered: set[int] = frozenset()) -> list[DigestItem]:
    """The developments as digest items; an article fetched since `since` and not in `delivered` is new."""
    items = []
    for dev_id in ids:
        row = conn.execute("select id, title, first_seen, last_seen, languages, outlets from developments "
                           "where id = ?", [dev_id]).fetchone()
        members = conn.execute(f"""select a.id, a.title, a.url, coalesce(s.name, ''), coalesce(a.language, ''),
  coalesce(a.published, a.fetched), a.fetched, coalesce(nullif(a.description, ''), substr(a.text, 1, 600))
from development_articles da join articles a on a.id = da.article_id left join sources s on s.id = a.source_id
where da.development_id = ? and {LISTED} order by coalesce(a.published, a.fetched), a.id""", [dev_id]).fetchall()
        if not row or not members:
            continue
        articles = [DigestArticle(m[0], m[1] or m[2], m[2], m[3], m[4], m[5] or "",
                                  new=(m[6] or "") >= since and m[0] not in delivered) for m in members]
        outlets = _json_list(row[5]) or list(dict.fromkeys(a.source for a in articles))
        items.append(DigestItem(
            id=row[0], title=row[1] or articles[0].title, summary=one_line(members[0][7] or ""),
            first_seen=(row[2] or articles[0].date)[:10], last_seen=(row[3] or articles[-1].date)[:10],
            languages=_json_list(row[4]) or sorted({a.language for a in articles if a.language}),
            outlets=outlets, page_url=f"{base_url.rstrip('/')}/tracker/development?id={row[0]}", articles=articles,
        ))
    return items


def _json_list(value) -> list[str]:
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


def one_line(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentence of a description, on one line, cut at a word near `limit` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    sentence = re.match(r"(.+?[.!?])(\s|$)", text)
    if sentence and len(sentence.group(1)) >= 40:
        text = sentence.group(1)
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return text


# --- writing it ------------------------------------------------------------------------------------------------

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")
MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|[-+](?=\s)|\d+(?=[.)]\s))")
HTML_CHARS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def markdown_text(value) -> str:
    """Text that Markdown shows as written, whichever renderer reads it (CommonMark, Python-Markdown).

    <, > and & become entities, so `<script>` is shown, never passed through as HTML; the marks of emphasis,
    links and tables are backslashed; a leading "#", "-" or "1." would start a heading or a list, so it is
    escaped too. Full stops and brackets elsewhere stay: nobody should have to clean up "v\\. OpenAI".
    """
    text = MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).translate(HTML_CHARS)
    return MARKDOWN_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                           else "\\" + m.group(2)), text)


def link_url(value) -> str:
    """Only http(s) links; characters that would end a Markdown link or an attribute are percent-encoded."""
    url = str(value)
    if urlsplit(url).scheme not in ("http", "https"):
        return "#"
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=markdown_text, url=link_url)
    return env


def render(digest: Digest, fmt: str) -> str:
    """The digest as `html` (an e-mail or a web page), `md` (for a newsletter) or `txt` (chat, plain e-mail)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    return _environment().get_template(f"digest.{fmt}").render(digest=digest)


def subject(digest: Digest) -> str:
    count = len(digest.items)
    return f"{digest.title}: {count} development{'' if count == 1 else 's'}"
