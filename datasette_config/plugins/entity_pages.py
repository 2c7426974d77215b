"""Datasette plugin: one page per person, organisation or work, at /tracker/-/entity/<name>.

Any alias or short form finds the entity and is redirected to its canonical
name's address, so each entity has one URL; a name nobody has answers 404 with
close matches. The facts come from pipeline/publish/entity_page.py; the template
escapes every value (nothing there uses |safe on data).

Other plugins and templates link an entity with `entity_path(name)` (from
pipeline.publish.entity_page) or the `entity_url` template filter.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from urllib.parse import parse_qs, quote, unquote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from pipeline.publish.entity_page import close_matches, entity_path, profile, resolve

DATABASE = "tracker"


def entity_url(datasette, name: str, type_: str | None = None) -> str:
    """The entity page's address under Datasette's base_url."""
    return datasette.urls.path(entity_path(name, type_))


def _query_url(datasette, query: str, **params) -> str:
    return datasette.urls.query(DATABASE, query) + "?" + urlencode(params)


async def entity_page(request, datasette):
    wanted = unquote(request.url_vars["name"])
    type_ = request.args.get("type") or None
    db = datasette.get_database(DATABASE)
    found = await db.execute_fn(lambda conn: resolve(conn, wanted, type_))
    names = sorted({e["name"] for e in found})
    if not found:
        close = await db.execute_fn(lambda conn: close_matches(conn, wanted))
        context = {"unknown": wanted, "type": type_,
                   "close": [{"name": n, "url": entity_url(datasette, n)} for n in close]}
        html = await datasette.render_template("entity.html", context, request=request)
        return Response.html(html, status=404)
    if len(names) > 1:
        # A short form several people share ("Smith"): the reader picks one.
        context = {"ambiguous": wanted, "choices": [
            {"name": e["name"], "type": e["type"], "url": entity_url(datasette, e["name"])} for e in found]}
        return Response.html(await datasette.render_template("entity.html", context, request=request))
    if names[0] != wanted:
        # One address per entity: an alias, a short form or another spelling goes to the canonical name's.
        return Response.redirect(entity_url(datasette, names[0], type_))
    facts = await _cached_facts(datasette, db, found)
    return Response.html(await datasette.render_template("entity.html", {"entity": facts}, request=request))


# An entity's facts, by snapshot and entity. The snapshot never changes while it is served (`tracker serve` restarts
# Datasette when a new one is published; the file's identity is in the key as well), and the most mentioned
# entities, whose pages cost the most (one index seek per mention: ~70 ms for 36,000 at 1M articles), are also
# the most visited.
_FACTS: OrderedDict = OrderedDict()
CACHED_PAGES = 256


async def _cached_facts(datasette, db, found: list[dict]) -> dict:
    try:
        st = os.stat(db.path) if db.path else None
    except OSError:
        st = None
    key = (db.path, st.st_ino if st else None, st.st_mtime_ns if st else None, tuple(e["id"] for e in found))
    if st is not None and key in _FACTS:
        _FACTS.move_to_end(key)
        return _FACTS[key]
    facts = await db.execute_fn(lambda conn: profile(conn, found))
    _add_links(datasette, facts)
    if st is not None:
        _FACTS[key] = facts
        while len(_FACTS) > CACHED_PAGES:
            _FACTS.popitem(last=False)
    return facts


def _add_links(datasette, facts: dict) -> None:
    for item in facts["latest"]:
        item["url"] = datasette.urls.row(DATABASE, "articles", str(item["article_id"]))
    for item in facts["co_mentioned"]:
        item["url"] = entity_url(datasette, item["name"])
    for kind in ("case", "bill"):  # their pages (plugins/case_pages.py)
        for item in facts[f"{kind}s"]:
            item["url"] = datasette.urls.path(f"/{DATABASE}/-/{kind}/{quote(item['slug'], safe='')}")
    name = facts["name"]
    facts["links"] = {
        "timeline": _query_url(datasette, "entity_timeline", entity=name),
        "co_mentions": _query_url(datasette, "co_mentions", entity=name),
        "feed": datasette.urls.query(DATABASE, "feed_entity", format="atom") + "?" + urlencode({"entity": name}),
        "developments": datasette.urls.query(DATABASE, "feed_developments_entity", format="atom")
        + "?" + urlencode({"entity": name}),
    }


# Canned queries that take an entity: opened with a name, they say whose page it is, or that nobody has it.
ENTITY_QUERIES = {"entity_timeline", "co_mentions"}


@hookimpl
def extra_template_vars(view_name, database, request, datasette):
    if view_name not in ("database", "table") or database != DATABASE or request is None:
        return {}
    wanted = (request.args.get("entity") or "").strip()
    if request.url_vars.get("table") not in ENTITY_QUERIES or not wanted:
        return {}

    async def entity_note():
        db = datasette.get_database(DATABASE)
        found = await db.execute_fn(lambda conn: resolve(conn, wanted))
        if found:
            names = sorted({e["name"] for e in found})
            return {"entity_note": {"names": [{"name": n, "url": entity_url(datasette, n)} for n in names]}}
        close = await db.execute_fn(lambda conn: close_matches(conn, wanted))
        return {"entity_note": {"unknown": wanted,
                                "close": [{"name": n, "url": entity_url(datasette, n)} for n in close]}}

    return entity_note


@hookimpl
def asgi_wrapper(datasette):
    """The entity_timeline or co_mentions page of a name nobody has answers 404 (its note says so, with close matches).

    A canned query's page always answers 200; the status is changed on the way out, for the HTML page only:
    the JSON API keeps answering 200 with no rows, as it does for any query.
    """
    pages = {datasette.urls.query(DATABASE, query) for query in ENTITY_QUERIES}

    def wrap(app):
        async def wrapped(scope, receive, send):
            wanted = _entity_asked(scope, pages)
            if wanted and not await datasette.get_database(DATABASE).execute_fn(lambda conn: resolve(conn, wanted)):
                async def send_404(message):
                    if message["type"] == "http.response.start" and message["status"] == 200:
                        message = {**message, "status": 404}
                    await send(message)
                return await app(scope, receive, send_404)
            return await app(scope, receive, send)
        return wrapped
    return wrap


def _entity_asked(scope, pages: set[str]) -> str | None:
    if scope.get("type") != "http" or scope.get("path") not in pages:
        return None
    values = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace")).get("entity")
    return values[0].strip() if values and values[0].strip() else None


@hookimpl
def register_routes():
    # The name is one path segment, percent-encoded ("AC%2FDC" stays one): Datasette routes on the raw path.
    return [(rf"^/{DATABASE}/-/entity/(?P<name>[^/]+)$", entity_page)]


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["entity_url"] = lambda name, type_=None: entity_url(datasette, str(name), type_)
