"""An entity's page, as plain data: who it is, its other names, when it was in the news, with whom, in which disputes.

The queries take a plain sqlite3 connection (Datasette hands one over through
`execute_fn`), so the page's facts are tested without a server. An entity's
cost is one pass over its mentions through two indexes (months, latest
and recent articles all come from it); its co-mentions, cases and bills are
counted over its latest RECENT articles, so a frequent entity costs no more there
than a rare one.

The address of an entity's page is `entity_path(name)`: `/tracker/-/entity/<name>`, the
canonical name percent-encoded; any alias or short form there finds it too.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from itertools import groupby
from urllib.parse import quote

from pipeline.store.entity_aliases import NAMES_FOR

PATH = "/tracker/-/entity/"
RECENT = 1000  # co-mentions, cases and bills are counted over this many of the entity's latest articles
LATEST = 20
POSSESSIVE = re.compile(r"['’]s?$")
# The listed articles mentioning the entities :ids (a JSON list), with their dates, as the entity_timeline query
# finds them: article_entities_entity_article, then the partial index articles_listed_id (listed articles only).
MENTIONS = """select ae.article_id, coalesce(a.published, a.fetched) as date
from article_entities ae cross join articles a indexed by articles_listed_id on a.id = ae.article_id
where ae.entity_id in (select value from json_each(:ids))
  and a.relevant = 1 and a.duplicate_of is null"""


def entity_path(name: str, type_: str | None = None) -> str:
    """The page of the entity called `name` (canonical name, alias or short form), relative to Datasette's root.

    Plugins and templates that link an entity use this (or the `entity_url` template filter), so every link has
    one form: `/tracker/-/entity/OpenAI`, `/tracker/-/entity/The%20Walt%20Disney%20Company`,
    `/tracker/-/entity/Bartz?type=ORG` (beside the case pages, `/tracker/-/case/SLUG`).
    """
    return PATH + quote(name, safe="") + (f"?type={quote(type_)}" if type_ else "")


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def resolve(conn: sqlite3.Connection, name: str, type_: str | None = None) -> list[dict]:
    """The entities a name stands for, at the best rank it has: its own name, an alias, a short form."""
    rows = _rows(conn, f"select e.id, e.name, e.type, e.wikidata from entities e where e.name in ({NAMES_FOR}) "
                       "order by e.name, e.type", {"entity": name.strip()})
    return [r for r in rows if not type_ or r["type"] == type_.upper()]


def close_matches(conn: sqlite3.Connection, name: str, n: int = 5) -> list[str]:
    """Canonical names close to a name nobody has: ones sharing a word with it, or spelt nearly alike.

    Candidates come from the alias index (forms that are one of the name's words, or start like it), not from
    every entity, so an unknown name costs a few index reads at any size.
    """
    wanted = name.strip()
    if not wanted:
        return []
    words = [w for w in wanted.replace("-", " ").split() if len(w) > 2]
    candidates = _rows(conn, "select alias, name from entity_aliases where alias in (select value from json_each(?)) "
                             "or alias like ? limit 500", [json.dumps(words), wanted[:3].replace("%", "") + "%"])
    existing = {r[0] for r in conn.execute(
        "select name from entities where name in (select value from json_each(?))",
        [json.dumps(sorted({c["name"] for c in candidates}))])}
    by_form: dict[str, str] = {}
    for c in candidates:
        if c["name"] in existing:
            by_form.setdefault(c["alias"].casefold(), c["name"])
    shared = [by_form[w.casefold()] for w in words if w.casefold() in by_form]
    near = [by_form[f] for f in difflib.get_close_matches(wanted.casefold(), list(by_form), n=n, cutoff=0.6)]
    return list(dict.fromkeys(shared + near))[:n]


def _chart(months: list[dict]) -> dict:
    """Articles per month as bars, every month from the first to the last (gaps are zero), for an inline SVG."""
    if not months:
        return {"bars": [], "max": 0}
    counts = {m["month"]: m["articles"] for m in months}
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    series = []
    while f"{year:04d}-{month:02d}" <= last and len(series) < 240:
        key = f"{year:04d}-{month:02d}"
        series.append({"month": key, "articles": counts.get(key, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    top = max(counts.values())
    width = 600 / len(series)
    step = -(-len(series) // 8)  # at most eight month labels under the bars
    return {"max": top, "first": series[0]["month"], "last": series[-1]["month"],
            "bars": [{"month": s["month"], "articles": s["articles"], "x": round(i * width, 1),
                      "w": round(max(width - 2, 1), 1), "h": round(100 * s["articles"] / top, 1),
                      "mid": round((i + 0.5) * width, 1), "label": s["month"] if i % step == 0 else None}
                     for i, s in enumerate(series)]}


def _disputes(conn: sqlite3.Connection, forms: set[str], recent_ids: str) -> dict[str, list[dict]]:
    """Cases the entity is a party to, bills it sponsors, and those its latest articles are linked to."""
    found: dict[str, list[dict]] = {}
    for kind, table, links, key, roles in (
            ("cases", "cases", "article_cases", "case_slug", ("plaintiffs", "defendants")),
            ("bills", "bills", "article_bills", "bill_slug", ("sponsors",))):
        counts = {r["slug"]: r["n"] for r in _rows(
            conn, f"select l.{key} as slug, count(*) as n from {links} l "
                  f"where l.article_id in (select value from json_each(?)) group by l.{key}", [recent_ids])}
        rows = _rows(conn, f"select slug, short_name, {', '.join(roles)} from {table}")
        items = []
        for row in rows:
            role = next((r.rstrip("s") for r in roles
                         if {p.casefold() for p in _json_list(row[r])} & forms), None)
            if role or row["slug"] in counts:
                items.append({"slug": row["slug"], "name": row["short_name"], "role": role,
                              "articles": counts.get(row["slug"], 0)})
        found[kind] = sorted(items, key=lambda i: (i["role"] is None, -i["articles"], i["name"]))
    return found


def _json_list(value) -> list[str]:
    try:
        items = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return [str(i) for i in items] if isinstance(items, list) else []


def profile(conn: sqlite3.Connection, entities: list[dict]) -> dict:
    """Everything an entity's page shows, for the entities of one canonical name (one per type it was tagged as)."""
    ids = json.dumps([e["id"] for e in entities])
    names = sorted({e["name"] for e in entities})
    # The gazetteer's first (curated), then forms found in text; "Disney's" is how a text used a name, not another one.
    aliases = [r[0] for r in conn.execute(
        "select alias from entity_aliases where name in (select value from json_each(?)) and rank > 0 "
        "order by rank, source <> 'gazetteer', alias collate nocase", [json.dumps(names)])
        if not POSSESSIVE.search(r[0])][:40]
    # One pass over the mentions (the costly part: one index seek each) gives the months, the latest and the recent.
    # An article naming it as a PERSON and as an ORG counts once. Dates mostly grow with ids, so the sorts below
    # get nearly sorted input and take linear time.
    dates = dict(conn.execute(MENTIONS, {"ids": ids}).fetchall())
    dated = sorted(((date or "", article_id) for article_id, date in dates.items()))
    months = [{"month": month, "articles": sum(1 for _ in group)}
              for month, group in groupby(dated, key=lambda m: m[0][:7]) if month]
    latest = _rows(conn, """select a.id as article_id, coalesce(a.published, a.fetched) as date, a.title,
  s.name as source, a.language
from articles a left join sources s on s.id = a.source_id where a.id in (select value from json_each(?))
order by date desc, a.id desc""", [json.dumps([m[1] for m in dated[-LATEST:]])])
    recent = json.dumps(sorted(dates)[-RECENT:])
    co_mentioned = _rows(conn, """select e.name, e.type, count(*) as articles
from article_entities y join entities e on e.id = y.entity_id
where y.article_id in (select value from json_each(:recent)) and y.entity_id not in (select value from json_each(:ids))
group by e.name order by articles desc, e.name limit 12""", {"recent": recent, "ids": ids})
    # A case's parties and a bill's sponsors are matched by the entity's names and aliases, not by short forms.
    forms = {r[0].casefold() for r in conn.execute(
        "select alias from entity_aliases where name in (select value from json_each(?)) and rank < 2",
        [json.dumps(names)])}
    return {
        "name": names[0], "types": sorted({e["type"] for e in entities}),
        "wikidata": next((e["wikidata"] for e in entities if e["wikidata"]), None),
        "aliases": aliases, "articles": len(dates),
        "chart": _chart(months), "latest": latest, "co_mentioned": co_mentioned,
        "recent_limited": len(json.loads(recent)) >= RECENT, **_disputes(conn, forms, recent),
    }
