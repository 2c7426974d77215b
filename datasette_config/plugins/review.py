"""The review page (issue 17): signed-in reviewers correct the machine; the public site stays read-only.

Datasette serves the snapshot with --immutable; nothing here writes to it. A
correction made on these pages goes to the corrections file
(TRACKER_CORRECTIONS_DB, set by `tracker serve`), checked the way `tracker
correct` checks it, and shows on the public site after the next publish
(`tracker corrections apply`, or the next crawl). Reviewers sign in with
datasette-auth-passwords (accounts in config/reviewers.yaml, see
tracker/review_serve.py); their actor carries `reviewer: true`. Every write is a
POST form: Datasette's CSRF protection (asgi-csrf) refuses one without the
page's token, and this module refuses one without a reviewer (403).
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from datasette import Forbidden, hookimpl
from datasette.utils.asgi import Response

from pipeline.corrections.kinds import ENTITY_TYPES, KINDS, check
from pipeline.corrections.store import CorrectionError, add, load, open_corrections

DATABASE = "tracker"
BORDERLINE = (0.35, 0.65)  # around the relevance threshold of 0.5: where the machine is least sure
WEB_KINDS = [k for k in KINDS if k != "revert"]  # undoing is a CLI job: `tracker correct revert ID`


def is_reviewer(actor) -> bool:
    return bool(actor and actor.get("reviewer"))


def corrections_path() -> str | None:
    return os.environ.get("TRACKER_CORRECTIONS_DB")


def _pending(limit: int = 20) -> list:
    path = corrections_path()
    if not path:
        return []
    store = open_corrections(path, readonly=True)
    try:
        return list(reversed(load(store)))[:limit]
    finally:
        store.close()


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """On an article's page, for a reviewer: what the correction forms need."""
    if view_name != "row" or database != DATABASE or table != "articles" or request is None:
        return {}
    if not is_reviewer(request.actor):
        return {}
    pk = request.url_vars.get("pks")

    async def review():
        if not pk or not pk.isdigit():
            return {}
        return {"review": await article_review(datasette, int(pk))}

    return review


async def article_review(datasette, article_id: int) -> dict | None:
    db = datasette.get_database(DATABASE)
    row = (await db.execute("select id, url, relevant, relevance from articles where id = ?", [article_id])).first()
    if row is None:
        return None
    entities = (await db.execute(
        "select e.name, e.type from article_entities ae join entities e on e.id = ae.entity_id "
        "where ae.article_id = ? order by ae.mentions desc, e.name", [article_id])).rows
    topics = [r[0] for r in (await db.execute("select topic from article_topics where article_id = ? "
                                               "order by score desc", [article_id])).rows]
    links = (await db.execute(
        "select 'case:' || case_slug as link, confirmed from article_cases where article_id = ? union all "
        "select 'bill:' || bill_slug, confirmed from article_bills where article_id = ?", [article_id, article_id])).rows
    all_topics = [r[0] for r in (await db.execute("select slug from topics order by slug")).rows]
    return {
        "id": row["id"], "url": row["url"], "relevant": bool(row["relevant"]), "relevance": row["relevance"],
        "topics": ",".join(topics), "all_topics": all_topics, "types": ENTITY_TYPES,
        "entities": [{"name": e["name"], "type": e["type"], "review_url": entity_url(datasette, e["name"])}
                     for e in entities],
        "links": [{"link": link["link"], "confirmed": bool(link["confirmed"])} for link in links],
        "action": datasette.urls.path("/-/review/correct"),
        "next": datasette.urls.row(DATABASE, "articles", str(article_id)),
    }


def entity_url(datasette, name: str) -> str:
    return datasette.urls.path("/-/review/entity") + "?" + urlencode({"name": name})


async def queue_page(request, datasette):
    """What most needs a look: borderline relevance, new entities, unconfirmed links, large developments."""
    if not is_reviewer(request.actor):
        raise Forbidden("Sign in as a reviewer (/-/login) to see the review queue.")
    db = datasette.get_database(DATABASE)
    gazetteer = await _gazetteer_names()
    low, high = BORDERLINE

    async def rows(sql, params=()):
        return [dict(r) for r in (await db.execute(sql, params)).rows]

    borderline = await rows(
        # The partial index of m018; left to itself SQLite read the duplicate_of index, i.e. every article.
        "select id, title, relevance, relevant from articles indexed by articles_borderline "
        "where duplicate_of is null and relevance between ? and ? "
        "order by abs(relevance - 0.5), id desc limit 25", [low, high])
    # The newest entities: ids grow as names are first seen (issue 20: ordering every entity by its latest
    # mention grouped all 400,000 mentions of a million articles on each view).
    entities = [e for e in await rows(
        "select e.name, e.type, (select count(*) from article_entities ae where ae.entity_id = e.id) as articles "
        "from entities e where exists (select 1 from article_entities ae where ae.entity_id = e.id) "
        "order by e.id desc limit 200") if e["name"].casefold() not in gazetteer][:25]
    links = await rows(
        "select l.article_id, a.title, 'case:' || l.case_slug as link from article_cases l "
        "join articles a on a.id = l.article_id where l.confirmed is null union all "
        "select l.article_id, a.title, 'bill:' || l.bill_slug from article_bills l "
        "join articles a on a.id = l.article_id where l.confirmed is null order by 1 desc limit 25")
    developments = await rows("select id, title, articles from developments where articles > 1 "
                              "order by articles desc, id desc limit 10")
    for item in borderline + links:
        item["url"] = datasette.urls.row(DATABASE, "articles", str(item.get("id") or item.get("article_id")))
    for entity in entities:
        entity["review_url"] = entity_url(datasette, entity["name"])
    for development in developments:
        development["url"] = datasette.urls.path(f"/{DATABASE}/development") + f"?id={development['id']}"
    return Response.html(await datasette.render_template("review.html", {
        "borderline": borderline, "entities": entities, "links": links, "developments": developments,
        "pending": _pending(), "configured": bool(corrections_path()),
    }, request=request))


async def _gazetteer_names() -> set[str]:
    from pipeline.curated import load_gazetteer

    names = set()
    for entry in load_gazetteer():
        names.add(entry["name"].casefold())
        names.update(a.casefold() for key in ("aliases", "aliases_de") for a in entry.get(key) or [])
    return names


async def entity_page(request, datasette):
    """An entity's corrections: its type, merging it into another, renaming it, moving one of its names."""
    if not is_reviewer(request.actor):
        raise Forbidden("Sign in as a reviewer (/-/login) to correct entities.")
    name = request.args.get("name", "")
    db = datasette.get_database(DATABASE)
    found = [dict(r) for r in (await db.execute(
        "select e.name, e.type, count(ae.article_id) as articles, "
        "(select json_group_array(distinct f.value) from article_entities x, json_each(x.surface_forms) f "
        " where x.entity_id = e.id) as forms "
        "from entities e left join article_entities ae on ae.entity_id = e.id "
        "where e.name = ? collate nocase group by e.id", [name])).rows]
    if not found:
        return Response.html(await datasette.render_template(
            "review_entity.html", {"name": name, "found": []}, request=request), status=404)
    return Response.html(await datasette.render_template("review_entity.html", {
        "name": found[0]["name"], "found": found, "types": ENTITY_TYPES,
        "action": datasette.urls.path("/-/review/correct"),
        "next": entity_url(datasette, found[0]["name"]),
        "timeline": datasette.urls.path(f"/{DATABASE}/entity_timeline") + "?" + urlencode({"entity": found[0]["name"]}),
    }, request=request))


def _local(path: str, fallback: str) -> str:
    """Only a path on this site: a form cannot send a reviewer elsewhere after saving."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else fallback


async def correct(request, datasette):
    """POST: store one correction in the corrections file. 403 without a reviewer; asgi-csrf checks the token."""
    if request.method != "POST":
        return Response.text("Send corrections with the forms on the review pages (POST).", status=405)
    if not is_reviewer(request.actor):
        return Response.text("Forbidden: sign in as a reviewer to make corrections.", status=403)
    path = corrections_path()
    if not path:
        return Response.text("This server has no corrections file (start it with `tracker serve`).", status=503)
    form = await request.post_vars()
    kind = form.get("kind", "")
    back = _local(form.get("next", ""), datasette.urls.path("/-/review"))
    if kind not in WEB_KINDS:
        datasette.add_message(request, f"Unknown kind of correction {kind!r}.", datasette.ERROR)
        return Response.redirect(back)
    store = open_corrections(path)
    try:
        earlier = load(store)
        correction = await datasette.get_database(DATABASE).execute_fn(lambda conn: check(
            conn, kind, form.get("target", ""), form.get("value", ""), form.get("reason", ""),
            who=request.actor["id"], source_url=form.get("source") or None, corrections=earlier))
        add(store, correction)
    except CorrectionError as exc:
        datasette.add_message(request, f"Not saved: {exc}", datasette.ERROR)
        return Response.redirect(back)
    finally:
        store.close()
    datasette.add_message(request, f"Correction {correction.id} saved ({kind}). The public pages show it after the "
                                   f"next publish (tracker corrections apply, or the next crawl).", datasette.INFO)
    return Response.redirect(back)


@hookimpl
def register_routes():
    return [
        (r"^/-/review$", queue_page),
        (r"^/-/review/entity$", entity_page),
        (r"^/-/review/correct$", correct),
    ]


@hookimpl
def menu_links(datasette, actor):
    if is_reviewer(actor):
        return [{"href": datasette.urls.path("/-/review"), "label": "Review queue"}]
    return []
