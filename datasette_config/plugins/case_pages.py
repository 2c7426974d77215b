"""Datasette plugin: one page per case (/tracker/-/case/SLUG) and per bill (/tracker/-/bill/SLUG) (issue 18).

A case page shows what a lawyer checks first: caption, court, docket, filing
date, claims, status and the latest event, each with the public sources it
was read at (the `sources` column), and says so plainly when the entry is not
verified yet. Then the parties, one timeline of the docket events and the
news developments, related cases (same plaintiff or same defendant), the
latest articles, and the feeds. A bill page shows the same for a bill.

The page reads only by slug (the primary key) and the indexes on case_slug /
bill_slug; values are plain data and the template autoescapes them.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from pipeline.publish.entity_page import entity_path

DATABASE = "tracker"
LATEST_ARTICLES = 10

# What differs between a case and a bill: tables, columns, and the fields shown with their sources.
KINDS = {
    "case": {
        "table": "cases", "events": "case_events", "links": "article_cases", "key": "case_slug",
        "title": "name", "latest": ("last_event", "last_event_date"),
        "fields": [("name", "Caption"), ("court", "Court"), ("docket", "Docket"), ("filed", "Filed"),
                   ("claims", "Claims"), ("status", "Status"), ("last_event", "Latest event")],
        "event_sources": {"curated": "curated case file", "courtlistener": "CourtListener"},
    },
    "bill": {
        "table": "bills", "events": "bill_actions", "links": "article_bills", "key": "bill_slug",
        "title": "title", "latest": ("last_action", "last_action_date"),
        "fields": [("title", "Title"), ("number", "Number"), ("chamber", "Chamber"), ("sponsors", "Sponsors"),
                   ("status", "Status"), ("last_action", "Latest action")],
        "event_sources": {"curated": "curated bill file", "congress.gov": "congress.gov",
                          "federal-register": "Federal Register"},
    },
}


# A field read in the same place as another: a bill's chamber is in its number ("S." is the Senate).
SOURCED_WITH = {"chamber": "number", "title": "name"}


# The page's queries, each by slug through an index on case_slug / bill_slug (tests/test_case_pages.py reads
# their plans). A case with many articles reads its links once for the count and once for the newest ten.
EVENTS_SQL = "select date, description, source, url from {events} where {key} = ? order by date desc, id desc"
DEVELOPMENTS_SQL = """
    select d.id, d.title, d.first_seen, d.articles, d.languages, d.outlets from developments d
    where d.id in (select m.development_id from {links} l
                   join development_articles m on m.article_id = l.article_id where l.{key} = ?)"""
# The case's links are the outer loop (CROSS JOIN), and whether a linked article is listed, and its date, are
# read from the articles_listed_id index, not from its row (m006). Left to itself the planner walks every listed
# article newest first looking for the case's ten, which at a million articles reads them all.
LISTED_LINKS = """{links} l cross join articles a indexed by articles_listed_id on a.id = l.article_id
    where l.{key} = ? and a.relevant = 1 and a.duplicate_of is null"""
ARTICLES_SQL = """
    with newest as (select l.article_id as id, coalesce(a.published, a.fetched) as date from """ + LISTED_LINKS + """
                    order by date desc limit ?)
    select r.id, r.title, r.day as date, r.source, r.url, r.language
    from newest n cross join relevant_articles r on r.id = n.id
    order by n.date desc"""  # shown: the publication's local date (m014); ordered: the UTC time
COUNT_SQL = "select count(*) from " + LISTED_LINKS
# 120-odd cases: their JSON party lists are read whole, which costs less than an index would save.
RELATED_SQL = """
    select c.slug, c.short_name, c.status, c.verify,
      (select group_concat(p.value, ', ') from json_each(c.plaintiffs) p
       where p.value in (select value from json_each(:plaintiffs))) as plaintiff,
      (select group_concat(d.value, ', ') from json_each(c.defendants) d
       where d.value in (select value from json_each(:defendants))) as defendant
    from cases c where c.slug <> :slug and (plaintiff is not null or defendant is not null)
    order by c.filed desc, c.short_name"""


def page_url(datasette, kind: str, slug: str) -> str:
    return datasette.urls.database(DATABASE) + f"/-/{kind}/{quote(slug, safe='')}"


def _query_url(datasette, query: str, fmt: str | None = None, **params) -> str:
    url = datasette.urls.query(DATABASE, query, format=fmt)
    return url + ("?" + urlencode(params) if params else "")


def entity_url(datasette, name: str) -> str:
    # A party opens its entity page (plugins/entity_pages.py), which finds it by any alias or short form.
    return datasette.urls.path(entity_path(name))


def _list(value) -> list:
    try:
        items = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return items if isinstance(items, list) else []


def _display(value) -> str:
    items = _list(value) if isinstance(value, str) and value.startswith("[") else None
    return ", ".join(map(str, items)) if items is not None else ("" if value is None else str(value))


async def _rows(db, sql: str, params) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


async def record_view(datasette, kind: str, slug: str) -> dict | None:
    """Everything a case or bill page shows, as plain values; None when there is no such entry."""
    spec = KINDS[kind]
    db = datasette.get_database(DATABASE)
    found = await _rows(db, f"select * from {spec['table']} where slug = ?", [slug])
    if not found:
        return None
    row = found[0]
    sources = {}
    try:
        sources = json.loads(row.get("sources") or "{}") or {}
    except ValueError:
        pass
    text, day = spec["latest"]
    fields = []
    for column, label in spec["fields"]:
        value = _display(row.get(column))
        if column == text and value and row.get(day) and not value.startswith(str(row[day])[:7]):
            value = f"{row[day]}: {value}"
        fields.append({"label": label, "value": value,
                       "sources": sources.get(column) or sources.get(SOURCED_WITH.get(column, column)) or []})
    events = await _rows(db, EVENTS_SQL.format(**spec), [slug])
    developments = await _rows(db, DEVELOPMENTS_SQL.format(**spec), [slug])
    # A curated event starts with its own date ("2025-11-11: ..."), shown once, in the date column.
    timeline = [{"date": e["date"] or "", "kind": "docket" if kind == "case" else "action",
                 "title": e["description"].removeprefix(f"{e['date']}: ") if e["date"] else e["description"],
                 "source": spec["event_sources"].get(e["source"], e["source"]), "url": e["url"]} for e in events]
    timeline += [{"date": (d["first_seen"] or "")[:10], "kind": "news", "title": d["title"],
                  "source": f"{d['articles']} article{'' if d['articles'] == 1 else 's'}: "
                            + ", ".join(map(str, _list(d["outlets"]))),
                  "url": _query_url(datasette, "development", id=d["id"])} for d in developments]
    timeline.sort(key=lambda item: (item["date"], item["kind"] != "news"), reverse=True)
    articles = await _rows(db, ARTICLES_SQL.format(**spec), [slug, LATEST_ARTICLES])
    total = (await db.execute(COUNT_SQL.format(**spec), [slug])).first()[0]
    view = {
        "kind": kind, "slug": slug, "title": row.get(spec["title"]) or slug, "short_name": row.get("short_name"),
        "jurisdiction": row.get("jurisdiction"), "verified": not row.get("verify"),
        "verify_reason": row.get("verify_reason"), "fields": fields, "timeline": timeline,
        "articles": [{**a, "date": (a["date"] or "")[:10],
                      "page": datasette.urls.row(DATABASE, "articles", str(a["id"]))} for a in articles],
        "article_count": total,
        "feed": _query_url(datasette, f"feed_{kind}", "atom", slug=slug),
        "developments_feed": _query_url(datasette, f"feed_developments_{kind}", "atom", slug=slug),
        "timeline_query": _query_url(datasette, f"{kind}_timeline", slug=slug),
        "json": datasette.urls.row(DATABASE, spec["table"], slug) + ".json",
        "external": row.get("courtlistener_url") or row.get("congress_url"),
        "refresh_error": row.get("refresh_error"),
    }
    if kind == "case":
        view["parties"] = {side: [{"name": n, "url": entity_url(datasette, n)} for n in _list(row.get(side))]
                           for side in ("plaintiffs", "defendants")}
        view["related"] = await related_cases(datasette, row)
    return view


async def related_cases(datasette, row: dict) -> list[dict]:
    """Other cases with the same plaintiff or the same defendant, and which party they share."""
    db = datasette.get_database(DATABASE)
    related = await _rows(db, RELATED_SQL, {"slug": row["slug"], "plaintiffs": row.get("plaintiffs") or "[]",
                           "defendants": row.get("defendants") or "[]"})
    return [{**r, "url": page_url(datasette, "case", r["slug"]),
             "shared": "; ".join(x for x in (f"also brought by {r['plaintiff']}" if r["plaintiff"] else "",
                                             f"also against {r['defendant']}" if r["defendant"] else "") if x)}
            for r in related]


async def _page(kind: str, request, datasette):
    slug = request.url_vars["slug"]
    view = await record_view(datasette, kind, slug)
    if view is None:
        raise NotFound(f"No {kind} called “{slug}” in the tracker")
    return Response.html(await datasette.render_template("case.html", {"record": view}, request=request))


async def case_page(request, datasette):
    return await _page("case", request, datasette)


async def bill_page(request, datasette):
    return await _page("bill", request, datasette)


@hookimpl
def register_routes():
    return [(rf"^/{DATABASE}/-/case/(?P<slug>[^/]+)$", case_page),
            (rf"^/{DATABASE}/-/bill/(?P<slug>[^/]+)$", bill_page)]
