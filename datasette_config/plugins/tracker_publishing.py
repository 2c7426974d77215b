"""Datasette plugin for the tracker: links between articles and actors, snippets, Atom feeds, a feeds page.

Every value that came from a crawled page is escaped here before it is
marked safe; the templates never use |safe on data.
"""

from __future__ import annotations

import difflib
import json
import os
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.publish import atom
from pipeline.publish.entity_page import close_matches, entity_path, resolve
from pipeline.publish.saved_filters import FiltersError, load_filters, query_params
from pipeline.store.search import search_query

DATABASE = "tracker"
SNIPPET_OPEN, SNIPPET_CLOSE = "⟦", "⟧"  # the markers the search query asks snippet() for
ENTITY_LIST_COLUMNS = {"people", "organisations", "works"}
ENTITY_COLUMNS = {"entity", "co_mentioned"}


def _query_url(datasette, query: str, fmt: str | None = None, **params) -> str:
    url = datasette.urls.query(DATABASE, query, format=fmt)
    return url + ("?" + urlencode(params) if params else "")


_LINKS: dict[tuple[int, str], str] = {}


def _entity_link(datasette, name: str) -> str:
    # A 1,000-row list names the same few hundred entities again and again (issue 20: building each link
    # anew was a fifth of such a page's time). Settings such as base_url are fixed for a server's life.
    key = (id(datasette), name)
    if key not in _LINKS:
        if len(_LINKS) > 20000:
            _LINKS.clear()
        _LINKS[key] = f'<a class="entity" href="{escape(datasette.urls.path(entity_path(name)))}">{escape(name)}</a>'
    return _LINKS[key]


def _skip_markdown_cells() -> None:
    """Stop datasette-render-markdown from looking at every cell of every page.

    It comes with datasette-dashboards, whose templates use its `render_markdown` function, so it stays
    installed. Its render_cell hook renders columns named `*_markdown` (none here) and, to find out, reads
    the plugin configuration once per cell: 40% of the time of a 1,000-row page (issue 20). Only that hook
    is turned into a no-op; its template function and variables are untouched."""
    plugin = pm.get_plugin("render_markdown")
    for impl in pm.hook.render_cell.get_hookimpls():
        if plugin is not None and impl.plugin is plugin:
            impl.function = lambda *args: None


_skip_markdown_cells()


def _record_url(datasette, kind: str, slug: str) -> str:
    """A case's or bill's page, served by plugins/case_pages.py."""
    return datasette.urls.database(DATABASE) + f"/-/{kind}/{quote(slug, safe='')}"


def _json_list(value) -> list[str] | None:
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    return [str(i) for i in items] if isinstance(items, list) else None


def _row_value(row, key):
    try:
        return row[key]
    except (IndexError, KeyError):
        return None


@hookimpl
def prepare_connection(conn):
    # search_query(:q) in the canned queries: a reader's query with OR, NOT, "phrases" and prefix* as a valid
    # FTS5 expression, German words matched by their stem (pipeline/store/search.py).
    conn.create_function("search_query", 1, search_query, deterministic=True)
    # The snapshot is read-only: SQLite may read it through a memory map instead of copying each page. A
    # search of the articles table seeks 50,000 rows across the file; its count took 77 ms read page by page
    # and 39 ms mapped (1M articles, issue 20). SQLite caps the map at its compiled maximum (2 GB here).
    conn.execute("PRAGMA mmap_size = 2147483648")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE or value is None:
        return None
    if column in ENTITY_LIST_COLUMNS:
        names = _json_list(value)
        if names is not None:
            return Markup(", ".join(_entity_link(datasette, n) for n in names))
    if column == "topics":
        slugs = _json_list(value)
        if slugs is not None:
            return Markup(", ".join(
                f'<a href="{escape(_query_url(datasette, "by_topic", topic=s))}">{escape(s)}</a>' for s in slugs))
    if column in ENTITY_COLUMNS or (table == "entities" and column == "name"):
        return Markup(_entity_link(datasette, str(value)))
    if column == "slug" and table is None and isinstance(value, str):
        # cases_overview, bills_overview, coverage_gaps: each slug opens its page (plugins/case_pages.py), with
        # its feed beside it.
        kind = "bill" if _row_value(row, "title") is not None or _row_value(row, "last_action") is not None else "case"
        feed = _query_url(datasette, f"feed_{kind}", "atom", slug=value)
        return Markup(f'<a class="{kind}" href="{escape(_record_url(datasette, kind, value))}">{escape(value)}</a> '
                      f'(<a href="{escape(feed)}">feed</a>)')
    if column == "snippet" and isinstance(value, str):
        # Escape first, then turn our own markers into <mark>: the page text stays text.
        marked = str(escape(value)).replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>")
        return Markup(marked)
    if column == "title" and table in (None, "relevant_articles", "entity_mentions"):
        # Canned queries and entity_mentions carry article_id; the relevant_articles view calls it id.
        article_id = _row_value(row, "id" if table == "relevant_articles" else "article_id")
        if isinstance(article_id, int):
            href = datasette.urls.row(DATABASE, "articles", str(article_id))
            return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
    return None


@hookimpl
def prepare_jinja2_environment(env, datasette):
    # A development's languages, outlets and entities are JSON lists: the templates show them as names.
    env.filters["json_list"] = lambda value: _json_list(value) or []


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """On an article's page: a reading view of it. On the home page: when the data was crawled and published."""
    if view_name == "index":
        async def freshness():
            return {"freshness": await data_freshness(datasette)}
        return freshness
    if view_name in ("database", "table") and database == DATABASE and request is not None:
        query = request.url_vars.get("table")  # a canned query is served under /tracker/<its name>
        if query in CHOICES and not request.args.get(CHOICES[query][0]):
            async def choices():
                return {"choices": await query_choices(datasette, query)}
            return choices
    if view_name != "row" or database != DATABASE or table != "articles" or request is None:
        return {}
    pk = request.url_vars.get("pks")

    async def reading_view():
        if not pk or not pk.isdigit():
            return {}
        return {"article": await article_view(datasette, int(pk))}

    return reading_view


# A canned query opened without its parameter offers the values people pick from, instead of "0 results".
CHOICES = {
    "by_topic": ("topic", "Pick a topic",
                 "select t.slug as value, t.label as label, count(r.id) as n from topics t "
                 "left join article_topics at on at.topic = t.slug "
                 "left join relevant_articles r on r.id = at.article_id group by t.slug order by n desc, t.label"),
    "entity_timeline": ("entity", "The most mentioned people and organisations",
                        "select entity as value, entity || ' (' || lower(type) || ')' as label, count(*) as n "
                        "from entity_mentions group by entity, type order by n desc, entity limit 40"),
}


async def query_choices(datasette, query: str) -> dict:
    param, heading, sql = CHOICES[query]
    rows = (await datasette.get_database(DATABASE).execute(sql)).rows
    return {"heading": heading, "items": [{"label": r["label"], "count": r["n"],
                                           "url": _query_url(datasette, query, **{param: r["value"]})}
                                          for r in rows]}


async def data_freshness(datasette) -> dict:
    """The last finished crawl, what it stored, and when the snapshot being served was published."""
    db = datasette.get_database(DATABASE)
    run = (await db.execute(
        "select id, finished, status, articles_new, articles_updated from crawl_runs "
        "where finished is not null order by id desc limit 1")).first()
    if run is None:
        return {}
    listed_new = (await db.execute(
        "select count(*) from relevant_articles r join articles a on a.id = r.id "
        "where a.fetched >= (select started from crawl_runs where id = ?)", [run["id"]])).first()[0]
    published = None
    if db.path:
        published = datetime.fromtimestamp(os.stat(db.path).st_mtime, UTC).replace(microsecond=0).isoformat()
    return {"last_crawl": run["finished"], "status": run["status"], "new": run["articles_new"],
            "updated": run["articles_updated"], "listed_new": listed_new, "published": published,
            "latest_url": _query_url(datasette, "latest")}


def _paragraphs(title: str, text: str) -> list[str]:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]  # the extracted text often starts with the headline, shown above it already
    return paragraphs


def _evidence(value) -> str:
    """["parties:GEMA + OpenAI", "name:GEMA gegen OpenAI"] -> "parties: GEMA + OpenAI; name: GEMA gegen OpenAI"."""
    return "; ".join(item.replace(":", ": ", 1) if ":" in item else item for item in _json_list(value) or [])


def _local_time(stamp: str | None) -> dict:
    """"2025-03-14T21:12:00-07:00" -> {"datetime": it, "clock": "21:12", "offset": "UTC−07:00"}.

    Midnight UTC is how a date without a time is stored (pipeline/understand/dates.py): no clock for it.
    """
    if not stamp or len(stamp) < 16 or stamp[10] != "T":
        return {"datetime": stamp, "clock": None, "offset": None}
    offset = stamp[19:].replace("Z", "+00:00")
    if stamp[11:19] == "00:00:00" and offset in ("+00:00", ""):
        return {"datetime": stamp, "clock": None, "offset": None}
    shown = "UTC" if offset in ("+00:00", "") else "UTC" + offset.replace("-", "−")
    return {"datetime": stamp, "clock": stamp[11:16], "offset": shown}


async def article_view(datasette, article_id: int) -> dict | None:
    """Everything the article page shows, as plain values: the template escapes them."""
    db = datasette.get_database(DATABASE)
    found = await db.execute(
        "select a.id, a.title, a.url, a.authors, a.published, a.published_at, a.published_local_date, a.fetched,"
        " a.updated, a.language, a.text, a.relevance,"
        " a.relevant, a.duplicate_of, a.word_count, s.name as source, s.homepage from articles a"
        " left join sources s on s.id = a.source_id where a.id = ?", [article_id])
    row = found.first()
    if row is None:
        return None
    entities = await db.execute(
        "select e.name, e.type, ae.mentions from article_entities ae join entities e on e.id = ae.entity_id "
        "where ae.article_id = ? order by ae.mentions desc, e.name", [article_id])
    topics = await db.execute(
        "select t.topic, coalesce(tp.label, t.topic) as label, t.score, t.evidence from article_topics t "
        "left join topics tp on tp.slug = t.topic where t.article_id = ? order by t.score desc", [article_id])
    cases = await db.execute(
        "select c.slug, c.short_name, l.evidence from article_cases l join cases c on c.slug = l.case_slug "
        "where l.article_id = ? order by c.short_name", [article_id])
    bills = await db.execute(
        "select b.slug, b.short_name, l.evidence from article_bills l join bills b on b.slug = l.bill_slug "
        "where l.article_id = ? order by b.short_name", [article_id])

    development = (await db.execute(
        "select d.id, d.title, d.articles, d.languages from development_articles m "
        "join developments d on d.id = m.development_id where m.article_id = ?", [article_id])).first()

    def link(query, fmt=None, **params):
        return _query_url(datasette, query, fmt, **params)

    def people(kind):
        return [{"name": r["name"], "mentions": r["mentions"], "url": datasette.urls.path(entity_path(r["name"]))}
                for r in entities.rows if r["type"] == kind]

    return {
        "id": row["id"], "title": row["title"], "url": row["url"], "source": row["source"],
        "homepage": row["homepage"], "authors": _json_list(row["authors"]) or [],
        # The publication's own local date and clock, as the site showed them, not the UTC day.
        "date": row["published_local_date"] or (row["published"] or row["fetched"] or "")[:10],
        "dated": bool(row["published"]), **_local_time(row["published_at"] or row["published"]),
        "updated": (row["updated"] or "")[:10], "language": row["language"],
        "language_name": atom.language_name(row["language"]) if row["language"] else None,
        "paragraphs": _paragraphs(row["title"] or "", row["text"] or ""),
        "relevance": row["relevance"], "relevant": bool(row["relevant"]), "words": row["word_count"],
        "duplicate_of": row["duplicate_of"],
        "original_url": datasette.urls.row(DATABASE, "articles", str(row["duplicate_of"]))
        if row["duplicate_of"] else None,
        "people": people("PERSON"), "organisations": people("ORG"), "works": people("WORK"),
        # The story this article is part of, with how many articles and languages cover it.
        "development": {"title": development["title"], "articles": development["articles"],
                        "languages": _json_list(development["languages"]) or [],
                        "url": link("development", id=development["id"])} if development else None,
        "topics": [{"name": r["label"], "url": link("by_topic", topic=r["topic"]),
                    "feed": link("feed_topic", "atom", topic=r["topic"]),
                    # Vocabulary terms as they fired; a /regex/ term is shown as written.
                    "evidence": "; ".join(_json_list(r["evidence"]) or [])} for r in topics.rows],
        "cases": [{"name": r["short_name"], "url": _record_url(datasette, "case", r["slug"]),
                   "feed": link("feed_case", "atom", slug=r["slug"]),
                   "evidence": _evidence(r["evidence"])} for r in cases.rows],
        "bills": [{"name": r["short_name"], "url": _record_url(datasette, "bill", r["slug"]),
                   "feed": link("feed_bill", "atom", slug=r["slug"]),
                   "evidence": _evidence(r["evidence"])} for r in bills.rows],
    }


# --- Atom ------------------------------------------------------------------------------------------
# datasette-atom 0.9 gives a canned query one fixed title, answers an empty result with an
# error (max() of no rows) and has no room for categories, summary or published date. Our
# feed_* queries are therefore rendered by pipeline/publish/atom.py, the same code as the static export;
# every other .atom request still goes to datasette-atom.

async def _labels(datasette) -> dict[str, str]:
    """Topic slug -> label, and "case:slug" / "bill:slug" -> short name, for feed titles."""
    db = datasette.get_database(DATABASE)
    result = await db.execute("select slug, label from topics union all select 'case:' || slug, short_name "
                              "from cases union all select 'bill:' || slug, short_name from bills")
    return {r[0]: r[1] for r in result.rows}


# What a feed's parameter must name, and where the known values are: a typo answers 404 with close matches.
FEED_SUBJECTS = {
    "feed_entity": ("entity", "person or organisation", None),
    "feed_topic": ("topic", "topic", "select slug from topics"),
    "feed_case": ("slug", "case", "select slug from cases"),
    "feed_bill": ("slug", "bill", "select slug from bills"),
    "feed_developments_entity": ("entity", "person or organisation", None),
    "feed_developments_topic": ("topic", "topic", "select slug from topics"),
    "feed_developments_case": ("slug", "case", "select slug from cases"),
    "feed_developments_bill": ("slug", "bill", "select slug from bills"),
    "feed_language": ("language", "language", "select distinct language from listed_articles "
                      "indexed by listed_articles_language_date where language is not null"),
}


async def unknown_subject(datasette, query_name: str, params: dict) -> dict | None:
    """A 404 naming the close matches when a feed asks for an entity, topic, case or bill that is not there."""
    if query_name not in FEED_SUBJECTS:
        return None
    key, what, sql = FEED_SUBJECTS[query_name]
    wanted = (params.get(key) or "").strip()
    db = datasette.get_database(DATABASE)
    if key == "entity":  # any alias or short form (entity_aliases), looked up by index, not by listing every name
        if await db.execute_fn(lambda conn: resolve(conn, wanted)):
            return None
        close = await db.execute_fn(lambda conn: close_matches(conn, wanted))
    else:
        known = [r[0] for r in (await db.execute(sql)).rows]
        if wanted.casefold() in {k.casefold() for k in known}:
            return None
        close = difflib.get_close_matches(wanted, known, n=5, cutoff=0.6) or difflib.get_close_matches(
            wanted.casefold(), [k.casefold() for k in known], n=5, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    # A dict, not a Response: Datasette sets a Response's status to the query's own 200.
    return {"body": f"No {what} called “{wanted}” in the tracker, so this feed would stay empty.{hint}\n",
            "status_code": 404, "content_type": "text/plain; charset=utf-8"}


async def _last_crawl(datasette) -> str | None:
    result = await datasette.get_database(DATABASE).execute("select max(finished) from crawl_runs")
    return result.first()[0] if result.rows else None


async def render_feed(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if not (database == DATABASE and query_name and query_name.startswith("feed_")):
        from datasette_atom import render_atom
        return render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data)
    params = {key: request.args.get(key, "") for key in request.args}
    missing = await unknown_subject(datasette, query_name, params)
    if missing is not None:
        return missing
    labels = await _labels(datasette)
    named = dict(params)
    if params.get("entity"):  # titled by the canonical name, whichever alias the address used
        found = await datasette.get_database(DATABASE).execute_fn(lambda conn: resolve(conn, params["entity"]))
        if len({e["name"] for e in found}) == 1:
            named["entity"] = found[0]["name"]
    title = atom.feed_title(query_name, named, labels)
    self_url = request.url
    alternate = datasette.absolute_url(request, _query_url(datasette, query_name, **params))
    body = atom.build_feed([dict(zip(columns, row, strict=True)) for row in rows], title=title, feed_id=self_url,
                           self_url=self_url, alternate_url=alternate, updated=await _last_crawl(datasette),
                           labels=labels, stylesheet=datasette.urls.path("/static/atom.xsl"))
    # A browser asks for HTML first and shows application/atom+xml as raw text, but applies the XSL stylesheet
    # to XML: it gets the same document as application/xml. Feed readers ask for Atom (or anything) and get Atom.
    browser = "text/html" in request.headers.get("accept", "")
    return Response(body, content_type=("application/xml" if browser else "application/atom+xml") + "; charset=utf-8")


def _can_render_feed(columns):
    return {"atom_id", "atom_title", "atom_updated"}.issubset(columns)


@hookimpl(trylast=True)
def register_output_renderer(datasette):
    # trylast: Datasette keeps the last renderer registered for an extension, so ours wraps datasette-atom's.
    return {"extension": "atom", "render": render_feed, "can_render": _can_render_feed}


# --- the feeds page ------------------------------------------------------------------------------

RECENT_ARTICLES = 5000


async def feeds_page(request, datasette):
    db = datasette.get_database(DATABASE)
    topics = (await db.execute("select slug, label, description from topics order by label")).rows
    # Issue 20: each count reads an index, not every listed article (the page took 3 s at 1M articles).
    languages = (await db.execute(
        "select language, count(*) as n from listed_articles indexed by listed_articles_language_date "
        "where language is not null group by language order by n desc")).rows
    # The people and organisations most named lately (in the newest articles), the ones worth a feed.
    people = (await db.execute(
        f"select e.name as entity, count(*) as n from (select id from relevant_articles order by date desc "
        f"limit {RECENT_ARTICLES}) r join article_entities ae on ae.article_id = r.id "
        f"join entities e on e.id = ae.entity_id group by e.id order by n desc, e.name limit 30")).rows
    disputes = {}
    for kind, table, links, key in (("case", "cases", "article_cases", "case_slug"),
                                    ("bill", "bills", "article_bills", "bill_slug")):
        disputes[kind] = (await db.execute(
            f"select t.slug, t.short_name, (select count(*) from {links} l cross join relevant_articles r "
            f"on r.id = l.article_id where l.{key} = t.slug) as n from {table} t order by n desc, t.short_name")).rows
    absolute = lambda query, **p: datasette.absolute_url(request, _query_url(datasette, query, "atom", **p))  # noqa: E731
    try:
        filters, filters_error = load_filters(), None
    except FiltersError as exc:
        filters, filters_error = [], str(exc)
    feeds = {
        "all": {"title": atom.feed_title("feed_all", {}), "url": absolute("feed_all")},
        "topics": [{"title": t["label"], "description": t["description"], "url": absolute("feed_topic", topic=t["slug"]),
                    "developments": absolute("feed_developments_topic", topic=t["slug"])} for t in topics],
        "languages": [{"title": f"{atom.language_name(r['language'])} ({r['language']})",
                       "count": r["n"], "url": absolute("feed_language", language=r["language"])} for r in languages],
        "entities": [{"title": r["entity"], "count": r["n"], "url": absolute("feed_entity", entity=r["entity"]),
                      "developments": absolute("feed_developments_entity", entity=r["entity"]),
                      "page": datasette.urls.path(entity_path(r["entity"]))} for r in people],
        "cases": [{"title": r["short_name"], "count": r["n"], "url": absolute("feed_case", slug=r["slug"]),
                   "developments": absolute("feed_developments_case", slug=r["slug"]),
                   "timeline": _record_url(datasette, "case", r["slug"])} for r in disputes["case"]],
        "bills": [{"title": r["short_name"], "count": r["n"], "url": absolute("feed_bill", slug=r["slug"]),
                   "developments": absolute("feed_developments_bill", slug=r["slug"]),
                   "timeline": _record_url(datasette, "bill", r["slug"])} for r in disputes["bill"]],
        "filters": [{"title": f.name, "slug": f.slug, "url": absolute("feed_filter", **query_params(f)),
                     "criteria": _criteria(f)} for f in filters],
        "filters_error": filters_error,
        "search_url": datasette.absolute_url(request, _query_url(datasette, "feed_search", "atom")),
        "recent": RECENT_ARTICLES,
    }
    return Response.html(await datasette.render_template("feeds.html", {"feeds": feeds}, request=request))


def _criteria(saved) -> str:
    parts = []
    for label, values in (("topics", saved.topics), ("entities", saved.entities), ("search", saved.search),
                          ("languages", saved.languages)):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if saved.min_relevance:
        parts.append(f"relevance ≥ {saved.min_relevance:g}")
    return "; ".join(parts) or "all relevant articles"


@hookimpl
def register_routes():
    return [(r"^/-/feeds$", feeds_page)]

