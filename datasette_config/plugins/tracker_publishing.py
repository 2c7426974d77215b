"""Datasette plugin for the tracker: links between articles and actors, snippets, Atom feeds, a feeds page.

Every value that came from a crawled page is escaped here before it is
marked safe; the templates never use |safe on data.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline.publish import atom
from pipeline.publish.saved_filters import FiltersError, load_filters, query_params

DATABASE = "tracker"
SNIPPET_OPEN, SNIPPET_CLOSE = "⟦", "⟧"  # the markers the search query asks snippet() for
ENTITY_LIST_COLUMNS = {"people", "organisations"}
ENTITY_COLUMNS = {"entity", "co_mentioned"}


def _query_url(datasette, query: str, fmt: str | None = None, **params) -> str:
    url = datasette.urls.query(DATABASE, query, format=fmt)
    return url + ("?" + urlencode(params) if params else "")


def _timeline_link(datasette, name: str) -> str:
    return f'<a class="entity" href="{escape(_query_url(datasette, "entity_timeline", entity=name))}">{escape(name)}</a>'


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
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE or value is None:
        return None
    if column in ENTITY_LIST_COLUMNS:
        names = _json_list(value)
        if names is not None:
            return Markup(", ".join(_timeline_link(datasette, n) for n in names))
    if column == "topics":
        slugs = _json_list(value)
        if slugs is not None:
            return Markup(", ".join(
                f'<a href="{escape(_query_url(datasette, "by_topic", topic=s))}">{escape(s)}</a>' for s in slugs))
    if column in ENTITY_COLUMNS or (table == "entities" and column == "name"):
        return Markup(_timeline_link(datasette, str(value)))
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
def extra_template_vars(template, database, table, view_name, request, datasette):
    """On an article's page: its topics, people and organisations, each one click from its timeline or topic."""
    if view_name != "row" or database != DATABASE or table != "articles" or request is None:
        return {}
    pk = request.url_vars.get("pks")

    async def article_tags():
        if not pk or not pk.isdigit():
            return {}
        db = datasette.get_database(DATABASE)
        entities = await db.execute(
            "select e.name, e.type, ae.mentions from article_entities ae join entities e on e.id = ae.entity_id "
            "where ae.article_id = ? order by ae.mentions desc, e.name", [int(pk)])
        topics = await db.execute(
            "select t.topic, coalesce(tp.label, t.topic) as label from article_topics t "
            "left join topics tp on tp.slug = t.topic where t.article_id = ? order by t.score desc", [int(pk)])
        def link(query, fmt=None, **params):
            return _query_url(datasette, query, fmt, **params)

        return {"article_tags": {
            "people": [{"name": r["name"], "mentions": r["mentions"], "url": link("entity_timeline", entity=r["name"])}
                       for r in entities.rows if r["type"] == "PERSON"],
            "organisations": [{"name": r["name"], "mentions": r["mentions"],
                               "url": link("entity_timeline", entity=r["name"])}
                              for r in entities.rows if r["type"] == "ORG"],
            "topics": [{"name": r["label"], "url": link("by_topic", topic=r["topic"]),
                        "feed": link("feed_topic", "atom", topic=r["topic"])} for r in topics.rows],
        }}

    return article_tags


# --- Atom ------------------------------------------------------------------------------------------
# datasette-atom 0.9 gives a canned query one fixed title, answers an empty result with an
# error (max() of no rows) and has no room for categories, summary or published date. Our
# feed_* queries are therefore rendered by pipeline/atom.py, the same code as the static export;
# every other .atom request still goes to datasette-atom.

async def _labels(datasette) -> dict[str, str]:
    result = await datasette.get_database(DATABASE).execute("select slug, label from topics")
    return {r["slug"]: r["label"] for r in result.rows}


async def _last_crawl(datasette) -> str | None:
    result = await datasette.get_database(DATABASE).execute("select max(finished) from crawl_runs")
    return result.first()[0] if result.rows else None


async def render_feed(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if not (database == DATABASE and query_name and query_name.startswith("feed_")):
        from datasette_atom import render_atom
        return render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data)
    params = {key: request.args.get(key, "") for key in request.args}
    title = atom.feed_title(query_name, params, await _labels(datasette))
    self_url = request.url
    alternate = datasette.absolute_url(request, _query_url(datasette, query_name, **params))
    body = atom.build_feed([dict(zip(columns, row, strict=True)) for row in rows], title=title, feed_id=self_url,
                           self_url=self_url, alternate_url=alternate, updated=await _last_crawl(datasette))
    return Response(body, content_type="application/atom+xml; charset=utf-8")


def _can_render_feed(columns):
    return {"atom_id", "atom_title", "atom_updated"}.issubset(columns)


@hookimpl(trylast=True)
def register_output_renderer(datasette):
    # trylast: Datasette keeps the last renderer registered for an extension, so ours wraps datasette-atom's.
    return {"extension": "atom", "render": render_feed, "can_render": _can_render_feed}


# --- the feeds page ------------------------------------------------------------------------------

async def feeds_page(request, datasette):
    db = datasette.get_database(DATABASE)
    topics = (await db.execute("select slug, label, description from topics order by label")).rows
    languages = (await db.execute(
        "select language, count(*) as n from relevant_articles where language is not null "
        "group by language order by n desc")).rows
    people = (await db.execute(
        "select entity, count(*) as n from entity_mentions group by entity order by n desc, entity limit 30")).rows
    absolute = lambda query, **p: datasette.absolute_url(request, _query_url(datasette, query, "atom", **p))  # noqa: E731
    try:
        filters, filters_error = load_filters(), None
    except FiltersError as exc:
        filters, filters_error = [], str(exc)
    feeds = {
        "all": {"title": atom.feed_title("feed_all", {}), "url": absolute("feed_all")},
        "topics": [{"title": t["label"], "description": t["description"], "url": absolute("feed_topic", topic=t["slug"])}
                   for t in topics],
        "languages": [{"title": f"{atom.language_name(r['language'])} ({r['language']})",
                       "count": r["n"], "url": absolute("feed_language", language=r["language"])} for r in languages],
        "entities": [{"title": r["entity"], "count": r["n"], "url": absolute("feed_entity", entity=r["entity"]),
                      "timeline": _query_url(datasette, "entity_timeline", entity=r["entity"])} for r in people],
        "filters": [{"title": f.name, "slug": f.slug, "url": absolute("feed_filter", **query_params(f)),
                     "criteria": _criteria(f)} for f in filters],
        "filters_error": filters_error,
        "search_url": datasette.absolute_url(request, _query_url(datasette, "feed_search", "atom")),
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

