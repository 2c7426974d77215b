"""`tracker status`: is the crawl healthy? Last runs, failing feeds and sources, articles per day.

Read-only: it opens the working database with mode=ro and never takes the
crawl lock, so it can run at any time, also while a crawl is writing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

DEFAULT_DB = Path("data/tracker.db")
RUN_COLUMNS = ("id", "started", "finished", "status", "sources", "feeds_fetched", "feeds_not_modified", "feeds_failed",
               "pages_fetched", "articles_new", "articles_updated", "articles_duplicate", "articles_irrelevant",
               "errors", "message")


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _lock_holder(db_path: Path) -> int | None:
    """The pid written by the running crawl, if that process is alive.

    Reading the pid instead of trying the lock: a status check must never make
    a crawl that starts at the same moment exit as "already running".
    """
    try:
        pid = int((db_path.with_name(db_path.name + ".lock")).read_text().strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if pid and Path(f"/proc/{pid}").exists() else None


def collect_status(db_path: Path, runs: int = 10, days: int = 14, max_age_hours: float = 26) -> dict:
    """Everything `tracker status` shows, as plain data (the --json output)."""
    conn = sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    try:
        now = datetime.now(UTC)
        since = (now - timedelta(days=days)).date().isoformat()
        last_runs = _rows(conn, f"select {', '.join(RUN_COLUMNS)} from crawl_runs order by id desc limit ?", [runs])
        failing_feeds = _rows(conn, """
            select url, source, consecutive_failures, last_error, last_attempt, last_success, next_attempt
            from feeds where consecutive_failures > 0 and coalesce(kind, 'feed') = 'feed' order by consecutive_failures desc, url""")
        latest = last_runs[0]["id"] if last_runs else None
        failing_sources = _rows(conn, """
            select coalesce(source, '') as source, stage, count(*) as errors, max(message) as example
            from errors where run_id = ? group by source, stage order by errors desc, source""", [latest])
        per_day = _rows(conn, """
            select substr(fetched, 1, 10) as day, count(*) as articles,
              coalesce(sum(relevant = 1 and duplicate_of is null), 0) as relevant
            from articles where fetched >= ? group by day order by day desc""", [since])
        # "Relevant" means what Datasette and the feeds list: relevant and not a copy of another article.
        totals = _rows(conn, "select count(*) as articles, "
                             "coalesce(sum(relevant = 1 and duplicate_of is null), 0) as relevant, "
                             "(select count(*) from raw_pages) as raw_pages from articles")[0]
        failing_alerts = _failing_alerts(conn)
        unresolved = _unresolved_corrections(conn)
    finally:
        conn.close()

    completed = [r for r in last_runs if r["status"] == "completed"]
    problems = []
    holder = _lock_holder(db_path)
    if not last_runs:
        problems.append("no crawl has run yet")
    elif not completed:
        problems.append(f"none of the last {len(last_runs)} runs completed")
    else:
        finished = datetime.fromisoformat(completed[0]["finished"])
        if now - finished > timedelta(hours=max_age_hours):
            problems.append(f"last completed run finished {_ago(now - finished)} ago (limit {max_age_hours:g} h)")
    if last_runs and last_runs[0]["status"] not in ("completed", "running"):
        problems.append(f"last run {last_runs[0]['id']} {last_runs[0]['status']}")
    if last_runs and last_runs[0]["status"] == "running" and not holder:
        problems.append(f"run {last_runs[0]['id']} is marked running but no crawl holds the lock (killed?)")
    if failing_feeds:
        problems.append(f"{len(failing_feeds)} feeds failing")
    if failing_alerts:
        problems.append(f"{len(failing_alerts)} alert destination{'' if len(failing_alerts) == 1 else 's'} failing")
    return {
        "database": str(db_path), "checked": now.replace(microsecond=0).isoformat(), "healthy": not problems,
        "problems": problems, "running_pid": holder, "runs": last_runs, "failing_feeds": failing_feeds,
        "failing_sources": failing_sources, "articles_per_day": per_day, "totals": totals,
        "failing_alerts": failing_alerts, "unresolved_corrections": unresolved,
    }


def _failing_alerts(conn: sqlite3.Connection) -> list[dict]:
    """Alert destinations whose last try failed (`tracker alerts send` retries them with back-off)."""
    if not conn.execute("select 1 from sqlite_master where name = 'alert_destinations'").fetchone():
        return []  # a database from before alerts
    return _rows(conn, """select subscription, destination, consecutive_failures, last_error, last_attempt,
        last_sent, next_attempt from alert_destinations where consecutive_failures > 0
        order by consecutive_failures desc, subscription, destination""")


def _unresolved_corrections(conn: sqlite3.Connection) -> list[dict]:
    """Corrections whose target no longer exists (an article gone, an entity renamed by the machine): kept in the
    corrections file and tried again on every apply, listed here so a reviewer can look."""
    if not conn.execute("select 1 from sqlite_master where name = 'corrections_applied'").fetchone():
        return []  # a database from before corrections
    return _rows(conn, "select correction_id, kind, target, value, status from corrections_applied "
                       "where status != 'applied' order by correction_id")


def _ago(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} h" if hours < 48 else f"{hours / 24:.1f} days"


def _duration(run: dict) -> str:
    if not run["finished"]:
        return "-"
    seconds = int((datetime.fromisoformat(run["finished"]) - datetime.fromisoformat(run["started"])).total_seconds())
    return f"{seconds // 60}m{seconds % 60:02d}s"


def _table(headers: list[str], rows: list[list]) -> list[str]:
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return lines


def render(status: dict) -> str:
    """The terminal view: short sections, one table each."""
    out = [f"{status['database']}: " + ("healthy" if status["healthy"] else "NEEDS ATTENTION")]
    out += [f"  ! {p}" for p in status["problems"]]
    if status["running_pid"]:
        out.append(f"  a crawl is running now (pid {status['running_pid']})")
    t = status["totals"]
    out.append(f"  {t['articles']} articles stored, {t['relevant']} relevant, {t['raw_pages']} raw pages archived")

    out += ["", "Last runs (feeds: fetched/not modified/failed; articles: new/updated/duplicate/irrelevant):"]
    out += _table(["run", "started", "took", "status", "feeds", "pages", "articles", "errors"], [
        [r["id"], r["started"].replace("T", " ")[:16], _duration(r), r["status"],
         f"{r['feeds_fetched']}/{r['feeds_not_modified']}/{r['feeds_failed']}", r["pages_fetched"],
         f"{r['articles_new']}/{r['articles_updated']}/{r['articles_duplicate']}/{r['articles_irrelevant']}",
         r["errors"]] for r in status["runs"]]) if status["runs"] else ["  (no runs yet)"]

    out += ["", "Failing feeds (backing off; retried at 'next attempt'):"]
    out += _table(["feed", "source", "failures", "last error", "next attempt"], [
        [f["url"], f["source"], f["consecutive_failures"], (f["last_error"] or "")[:40],
         (f["next_attempt"] or "").replace("T", " ")[:16]] for f in status["failing_feeds"]]
    ) if status["failing_feeds"] else ["  none"]

    if status.get("failing_alerts"):
        out += ["", "Failing alert destinations (tracker alerts send retries them at 'next attempt'):"]
        out += _table(["subscription", "destination", "failures", "last error", "next attempt"], [
            [a["subscription"], a["destination"], a["consecutive_failures"], (a["last_error"] or "")[:50],
             (a["next_attempt"] or "").replace("T", " ")[:16]] for a in status["failing_alerts"]])

    out += ["", "Errors of the last run, by source and stage:"]
    out += _table(["source", "stage", "errors", "example"], [
        [s["source"], s["stage"], s["errors"], (s["example"] or "")[:50]] for s in status["failing_sources"]]
    ) if status["failing_sources"] else ["  none"]

    if status.get("unresolved_corrections"):
        out += ["", "Corrections whose target no longer exists (kept; applied again when it is back):"]
        out += _table(["id", "kind", "target", "problem"], [
            [c["correction_id"], c["kind"], (c["target"] or "")[:60], c["status"]]
            for c in status["unresolved_corrections"]])

    out += ["", "Articles per day (by fetch date):"]
    out += _table(["day", "articles", "relevant"], [
        [d["day"], d["articles"], d["relevant"]] for d in status["articles_per_day"]]
    ) if status["articles_per_day"] else ["  none in this period"]
    return "\n".join(out)


@click.command("status")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="The working SQLite database.")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON, for monitoring.")
@click.option("--runs", default=10, show_default=True, type=click.IntRange(min=1), help="How many recent runs.")
@click.option("--days", default=14, show_default=True, type=click.IntRange(min=1), help="Days of articles per day.")
@click.option("--max-age", "max_age", default=26.0, show_default=True, type=float,
              help="Hours after which a missing completed run counts as a problem.")
@click.option("--check", is_flag=True, help="Exit 1 when there is a problem (for monitoring scripts).")
def status_command(db_path, as_json, runs, days, max_age, check):
    """Show the last crawl runs, failing feeds and sources, and articles per day."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist yet: run `tracker crawl` first")
    try:
        status = collect_status(db_path, runs=runs, days=days, max_age_hours=max_age)
    except sqlite3.Error as exc:
        raise click.ClickException(f"{db_path}: cannot read the run log: {exc}") from None
    if as_json:
        click.echo(json.dumps(status, indent=2, ensure_ascii=False))
    else:
        click.echo(render(status))
    if check and not status["healthy"]:
        raise SystemExit(1)
