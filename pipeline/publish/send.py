"""Sending alerts: for each due destination, the developments it has not had, delivered through Apprise.

The order is what keeps "nothing sent twice, nothing skipped":
1. choose what the destination has not received (alert_deliveries) since its history began;
2. hand the message to the destination (Apprise: SMTP, Slack, Teams, a JSON POST);
3. only after the destination accepted it, record every article of it as delivered, in one transaction.
A crash before 3 sends the same digest again on the next run (the webhook JSON and
the e-mail carry a digest id that a receiver can use to drop the repeat); a refusal
(an HTTP 500, a timeout, an SMTP error) records nothing but the failure, and the
destination is tried again after a back-off. One process at a time: the command
holds a lock (tracker/alerts_cmd.py), so two runs cannot claim the same digest.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.clock import now_utc
from pipeline.publish.alerts import (
    AlertsConfig,
    AlertsError,
    Destination,
    Subscription,
    apprise_url,
    backoff,
    current_slot,
    first_since,
)
from pipeline.publish.digest import Digest, criteria, due_developments, load_items, render, subject
from pipeline.publish.saved_filters import SavedFilter
from pipeline.testhooks import pause_for_test


@dataclass
class Outcome:
    subscription: str
    destination: str
    status: str  # sent, nothing new, not due, backing off, failed, dry run
    developments: int = 0
    articles: int = 0
    error: str = ""

    def line(self) -> str:
        what = f"{self.developments} development{'' if self.developments == 1 else 's'}"
        text = {"sent": f"sent {what}", "dry run": f"would send {what}", "failed": f"FAILED ({self.error})",
                "backing off": f"backing off after failures until {self.error}"}.get(self.status, self.status)
        return f"{self.subscription} -> {self.destination}: {text}"


def digest_id(subscription: str, destination: str, article_ids: list[int]) -> str:
    """The same content to the same place has the same id, so a receiver can recognise a repeat."""
    key = f"{subscription}\n{destination}\n{','.join(map(str, sorted(article_ids)))}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def deliver(destination: Destination, digest: Digest, timeout: float, ident: str) -> str | None:
    """Send one digest through Apprise; None when the destination accepted it, else why not (one line)."""
    import apprise  # loaded only when something is sent: its plugins take a moment to register

    try:
        url = apprise_url(destination, timeout)
    except AlertsError as exc:
        return str(exc)
    # Apprise's documented URL options carry the digest id: a "+Header" for e-mail, a ":key=value" payload
    # field for the generic JSON POST.
    url += f"&+X-Tracker-Digest={ident}" if destination.kind == "email" else ""
    url += f"&:digest_id={ident}" if destination.kind == "json" else ""
    notifier = apprise.Apprise()
    if not notifier.add(url):
        return f"Apprise does not recognise the {destination.kind} URL of {destination.key}"
    html = destination.kind == "email"
    body = render(digest, "html" if html else "txt")
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as log:
        ok = notifier.notify(body=body, title=subject(digest),
                             body_format=apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT)
    if ok:
        return None
    lines = [line.strip() for line in log.getvalue().splitlines() if line.strip()]
    return " / ".join(lines[-2:])[:300] or "the destination did not accept the message"


Notify = Callable[[Destination, Digest, float, str], "str | None"]


def _state(conn: sqlite3.Connection, subscription: Subscription, destination: Destination,
           now: datetime, create: bool) -> dict:
    row = conn.execute("select since, last_handled, consecutive_failures, next_attempt from alert_destinations "
                       "where subscription = ? and destination = ?", [subscription.name, destination.key]).fetchone()
    if row:
        return {"since": row[0], "last_handled": row[1], "failures": row[2] or 0, "next_attempt": row[3]}
    state = {"since": first_since(subscription, now).isoformat(), "last_handled": None, "failures": 0,
             "next_attempt": None}
    if create:
        with conn:
            conn.execute("insert into alert_destinations (subscription, destination, since, sent_messages, "
                         "consecutive_failures) values (?, ?, ?, 0, 0)",
                         [subscription.name, destination.key, state["since"]])
    return state


def send_alerts(conn: sqlite3.Connection, config: AlertsConfig, filters: list[SavedFilter], *,
                now: datetime | None = None, dry_run: bool = False, notify: Notify = deliver,
                say: Callable[[str], None] | None = None, preview: Callable[[Digest, str], None] | None = None,
                ) -> list[Outcome]:
    """Handle every subscription's due destinations once; returns what happened to each."""
    now = now or now_utc()
    outcomes = []
    for subscription in config.subscriptions:
        where, params = criteria(subscription.selection, subscription.value, filters)
        slot = current_slot(subscription, now)
        for destination in subscription.destinations:
            outcome = _handle(conn, config, subscription, destination, where, params, slot, now, dry_run, notify,
                              preview)
            outcomes.append(outcome)
            if say and outcome.status not in ("not due", "nothing new"):
                say(outcome.line())
    return outcomes


def _handle(conn, config, subscription, destination, where, params, slot, now, dry_run, notify, preview) -> Outcome:
    outcome = Outcome(subscription.name, destination.key, "not due")
    state = _state(conn, subscription, destination, now, create=not dry_run)
    if state["next_attempt"] and state["next_attempt"] > now.isoformat():
        outcome.status, outcome.error = "backing off", state["next_attempt"]
        return outcome
    due = state["failures"] or slot is None or not state["last_handled"] or state["last_handled"] < slot.isoformat()
    if not due:
        return outcome
    delivered_to = (subscription.name, destination.key)
    ids = due_developments(conn, where, params, state["since"], delivered_to)
    if not ids:
        outcome.status = "nothing new"
        if not dry_run:
            with conn:
                conn.execute("update alert_destinations set last_handled = ? where subscription = ? and "
                             "destination = ?", [now.isoformat(), *delivered_to])
        return outcome
    delivered = {row[0] for row in conn.execute(
        "select article_id from alert_deliveries where subscription = ? and destination = ?", delivered_to)}
    shown_since = state["last_handled"] or state["since"]
    items = load_items(conn, ids, config.base_url, state["since"], delivered)
    digest = Digest(subscription.name, shown_since, items, config.base_url)
    outcome.developments, outcome.articles = len(items), len(digest.article_ids)
    if dry_run:
        outcome.status = "dry run"
        if preview:
            preview(digest, destination.key)
        return outcome
    ident = digest_id(subscription.name, destination.key, digest.article_ids)
    pause_for_test("alerts_send")
    error = notify(destination, digest, config.timeout, ident)
    stamp = now_utc().isoformat()
    if error is None:
        pause_for_test("alerts_accepted")
        with conn:  # one transaction: every article of the message, and the destination's state
            conn.executemany(
                "insert or ignore into alert_deliveries (subscription, destination, article_id, development_id, "
                "sent) values (?, ?, ?, ?, ?)",
                [(*delivered_to, a.id, item.id, stamp) for item in items for a in item.articles])
            conn.execute("""update alert_destinations set last_handled = ?, last_sent = ?, last_attempt = ?,
                sent_messages = coalesce(sent_messages, 0) + 1, consecutive_failures = 0, last_error = null,
                next_attempt = null where subscription = ? and destination = ?""",
                         [now.isoformat(), stamp, stamp, *delivered_to])
        outcome.status = "sent"
        pause_for_test("alerts_recorded")
        return outcome
    failures = state["failures"] + 1
    retry = (now_utc() + backoff(failures)).isoformat()
    with conn:
        conn.execute("""update alert_destinations set last_attempt = ?, consecutive_failures = ?, last_error = ?,
            next_attempt = ? where subscription = ? and destination = ?""",
                     [stamp, failures, error, retry, *delivered_to])
    outcome.status, outcome.error = "failed", error
    return outcome


def digest_for(conn: sqlite3.Connection, selection: str, value: str, filters: list[SavedFilter], since: timedelta,
               base_url: str, title: str, now: datetime | None = None) -> Digest:
    """`tracker digest`: the developments with coverage in the last `since`, nothing remembered."""
    start = ((now or now_utc()) - since).isoformat()
    where, params = criteria(selection, value, filters)
    ids = due_developments(conn, where, params, start)
    return Digest(title, start, load_items(conn, ids, base_url, start), base_url)
