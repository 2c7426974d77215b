"""Cases and bills in the database: the curated seed, their events, and the links of articles to them.

The curated files (pipeline/data/cases.yaml, bills.yaml) seed `cases` and
`bills`; each entry's last event becomes a row of `case_events` /
`bill_actions`, next to the events the APIs bring (pipeline/external/courtlistener.py,
congress.py, federal_register.py). `cases.last_event` and
`bills.last_action` always show the newest dated event.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

from pipeline.clock import now_iso
from pipeline.curated import load_bills, load_cases
from pipeline.records import Links


def _json(value) -> str:
    return json.dumps(value or [], ensure_ascii=False)


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _reason(verify) -> str | None:
    """`verify: "the 2025 status could not be confirmed"` -> that text; no `verify:` -> None."""
    return verify.strip() if isinstance(verify, str) and verify.strip() else None


def event_date(text: str, exact) -> str | None:
    """The date of a curated event: the exact date if given, else the YYYY-MM(-DD) it starts with."""
    if exact:
        return _iso(exact)
    m = re.match(r"(\d{4}-\d{2}(?:-\d{2})?)", text or "")
    return m[1] if m else None


def event_key(day: str | None, text: str) -> str:
    """A stable key for a curated event: the same event is stored once, an edited one is a new event."""
    return hashlib.sha1(f"{day}|{text}".encode()).hexdigest()[:16]


CASE_FIELDS = ("name", "short_name", "court", "jurisdiction", "docket", "status", "last_event")
BILL_FIELDS = ("title", "short_name", "jurisdiction", "number", "bill_type", "status", "last_action")


def seed_curated(db, cases: list[dict] | None = None, bills: list[dict] | None = None) -> dict[str, int]:
    """Write the curated files into `cases`, `bills`, `case_events` and `bill_actions`. Idempotent.

    Curated fields are overwritten by the file (it is the source for them); the
    columns the APIs fill (courtlistener_docket_id when the file has none,
    refreshed, refresh_error...) are kept. Nothing is deleted: a case removed
    from the file keeps its row and its links.
    """
    cases = load_cases() if cases is None else cases
    bills = load_bills() if bills is None else bills
    with db.atomic():
        for case in cases:
            row = {k: case.get(k) for k in CASE_FIELDS}
            row.update(slug=case["slug"], aliases=_json(case.get("aliases")), filed=_iso(case.get("filed")),
                       plaintiffs=_json(case.get("plaintiffs")), defendants=_json(case.get("defendants")),
                       topics=_json(case.get("topics")), verify=int(bool(case.get("verify"))),
                       verify_reason=_reason(case.get("verify")), claims=_json(case.get("claims")),
                       sources=json.dumps(case.get("sources") or {}, ensure_ascii=False),
                       curated_event=case.get("last_event"),
                       curated_event_date=event_date(case.get("last_event"), case.get("last_event_date")))
            row["last_event_date"] = row["curated_event_date"]
            if case.get("courtlistener_docket_id"):
                row["courtlistener_docket_id"] = int(case["courtlistener_docket_id"])
            db["cases"].upsert(row, pk="slug")
            if case.get("last_event"):
                add_event(db, "case_events", "case_slug", case["slug"], row["curated_event_date"],
                          case["last_event"], "curated", event_key(row["curated_event_date"], case["last_event"]))
        for bill in bills:
            row = {k: bill.get(k) for k in BILL_FIELDS}
            day = event_date(bill.get("last_action"), bill.get("last_action_date"))
            row.update(slug=bill["slug"], aliases=_json(bill.get("aliases")), congress=bill.get("congress"),
                       bill_number=bill.get("bill_number"), sponsors=_json(bill.get("sponsors")),
                       topics=_json(bill.get("topics")),
                       federal_register_terms=_json(bill.get("federal_register_terms")),
                       verify=int(bool(bill.get("verify"))), verify_reason=_reason(bill.get("verify")),
                       chamber=bill.get("chamber"), sources=json.dumps(bill.get("sources") or {}, ensure_ascii=False),
                       curated_action=bill.get("last_action"),
                       curated_action_date=day, last_action_date=day)
            db["bills"].upsert(row, pk="slug")
            if bill.get("last_action"):
                add_event(db, "bill_actions", "bill_slug", bill["slug"], day, bill["last_action"], "curated",
                          event_key(day, bill["last_action"]))
        update_latest(db)
    return {"cases": len(cases), "bills": len(bills)}


def add_event(db, table: str, key_column: str, slug: str, day: str | None, description: str, source: str,
              source_key: str, url: str | None = None) -> bool:
    """One event of a case or action on a bill; the same (slug, source, source_key) is stored once."""
    cursor = db.execute(
        f"insert or ignore into {table} ({key_column}, date, description, source, source_key, url, recorded) "
        f"values (?, ?, ?, ?, ?, ?, ?)", [slug, day, description, source, source_key, url, now_iso()])
    return cursor.rowcount > 0


def update_latest(db) -> None:
    """last_event / last_action: the newest dated event (ties: the curated one).

    Federal Register documents are left out: they are found by search terms, not by the bill's
    identity, so they belong on the timeline but should not become a bill's status line.
    """
    for table, events, key, text, day in (("cases", "case_events", "case_slug", "last_event", "last_event_date"),
                                          ("bills", "bill_actions", "bill_slug", "last_action",
                                           "last_action_date")):
        db.execute(f"""
            update {table} set ({text}, {day}) = (
              select e.description, e.date from {events} e where e.{key} = {table}.slug and e.date is not null
                and e.source <> 'federal-register'
              order by e.date desc, e.source = 'curated' desc, e.id desc limit 1)
            where exists (select 1 from {events} e where e.{key} = {table}.slug and e.date is not null
                          and e.source <> 'federal-register')""")


def refresh_each(db, table: str, rows: list[dict], refresh_one, counted: str) -> dict:
    """Refresh rows one at a time, each in its own transaction, the way every API client does it.

    `refresh_one(row)` returns how many new events it stored. An API error is
    recorded on that row and the next row is tried; a stopping error (bad
    token, rate limit, unreachable) ends the loop, since every next call would
    fail the same way. Returns {counted: n, "events": n, "errors": [...], "stopped": message or None}.
    """
    from pipeline.external.http_json import STOPPING, ApiError

    result = {counted: 0, "events": 0, "errors": [], "stopped": None}
    for row in rows:
        try:
            with db.atomic():
                result["events"] += refresh_one(row)
            result[counted] += 1
        except STOPPING as exc:
            result["stopped"] = str(exc)
            break
        except ApiError as exc:
            result["errors"].append(f"{row['slug']}: {exc}")
            with db.atomic():
                db[table].update(row["slug"], {"refresh_error": str(exc)})
    with db.atomic():
        update_latest(db)
    return result


def write_links(db, article_id: int, links: Links) -> None:
    """Replace an article's links to cases and bills with those the linking stage found."""
    db.execute("delete from article_cases where article_id = ?", [article_id])
    db.execute("delete from article_bills where article_id = ?", [article_id])
    for table, column, found in (("article_cases", "case_slug", links.cases),
                                 ("article_bills", "bill_slug", links.bills)):
        for slug, evidence in found.items():
            db.execute(f"insert or ignore into {table} (article_id, {column}, evidence) values (?, ?, ?)",
                       [article_id, slug, json.dumps(evidence, ensure_ascii=False)])
