"""`tracker alerts send` and `tracker digest`: developments to people, by e-mail and webhook or as a file (issue 16)."""

from __future__ import annotations

import re
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path

import click

from pipeline.publish.alerts import DEFAULT_ALERTS, AlertsError, load_alerts
from pipeline.publish.saved_filters import DEFAULT_FILTERS, FiltersError, load_filters
from tracker.locking import run_lock

DEFAULT_DB = Path("data/tracker.db")

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The working SQLite database.")
filters_option = click.option("--filters", "filters_file", type=click.Path(dir_okay=False, path_type=Path),
                              default=DEFAULT_FILTERS, show_default="config/filters.yaml",
                              help="Saved filters file (for subscriptions to a filter).")


def alerts_lock(db_path: Path):
    """One `alerts send` per database at a time (tracker/locking.py). Its own lock file, not the crawl's:
    alerts can go out while the next crawl runs. What a refused second send would have sent is still
    undelivered, so the next run sends it."""
    return run_lock(db_path, ".alerts.lock", "another `tracker alerts send`", "exiting without sending")


def _open(db_path: Path):
    from pipeline.store.db import StorageError, open_db

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist yet: run `tracker crawl` first")
    try:
        return open_db(db_path)
    except StorageError as exc:
        raise click.ClickException(str(exc)) from None


def _need_developments(db, db_path: Path) -> None:
    if "development_articles" not in db.table_names():
        raise click.ClickException(f"{db_path} has no developments yet: run `tracker reprocess` (or the next "
                                   f"crawl) with a version that groups articles into developments")


def _filters(filters_file: Path):
    try:
        return load_filters(filters_file)
    except FiltersError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("alerts")
def alerts_group():
    """E-mail and webhook alerts for the subscriptions in config/alerts.yaml."""


@alerts_group.command("send")
@db_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_ALERTS,
              show_default="config/alerts.yaml", help="Subscriptions file.")
@filters_option
@click.option("--dry-run", is_flag=True, help="Show what would be sent (the plain-text digests); send and record nothing.")
def send_command(db_path, config_file, filters_file, dry_run):
    """Send each due subscription the developments it has not had yet (run from cron after each crawl).

    A digest is recorded as sent only after the destination accepted it. A
    destination that fails (an HTTP error, a timeout, an SMTP refusal) is retried
    with back-off on later runs and listed by `tracker status`. Exits 1 when a
    destination failed, 75 when another `alerts send` is running.
    """
    from pipeline.publish.digest import render
    from pipeline.publish.send import send_alerts
    from pipeline.understand.relevance import load_topics

    filters = _filters(filters_file)
    try:
        config = load_alerts(config_file, filters, {topic["slug"] for topic in load_topics()})
    except AlertsError as exc:
        raise click.ClickException(str(exc)) from None

    def preview(digest, destination):
        click.echo(f"--- to {destination} ---\n{render(digest, 'txt')}")

    if not db_path.exists():  # before the lock: its file goes beside the database
        raise click.ClickException(f"{db_path} does not exist yet: run `tracker crawl` first")
    with alerts_lock(db_path):
        db = _open(db_path)
        try:
            _need_developments(db, db_path)
            outcomes = send_alerts(db.conn, config, filters, dry_run=dry_run, say=click.echo, preview=preview)
        except sqlite3.Error as exc:
            raise click.ClickException(f"{db_path}: {exc}") from None
        finally:
            db.close()
    sent = [o for o in outcomes if o.status == "sent"]
    failed = [o for o in outcomes if o.status == "failed"]
    click.echo(f"alerts: {len(sent)} sent, {len(failed)} failed, "
               f"{sum(o.status == 'nothing new' for o in outcomes)} with nothing new, "
               f"{sum(o.status in ('not due', 'backing off') for o in outcomes)} not due")
    if failed:
        raise click.ClickException(f"{len(failed)} destination(s) failed; they are retried with back-off "
                                   f"(see tracker status)")


def parse_since(value: str) -> timedelta:
    match = re.fullmatch(r"(\d+)\s*([hdw])", value.strip())
    if not match:
        raise click.BadParameter("use a number and h, d or w, like 36h, 7d or 2w")
    number, unit = int(match.group(1)), match.group(2)
    return timedelta(hours=number) if unit == "h" else timedelta(days=number * (7 if unit == "w" else 1))


@click.command("digest")
@db_option
@click.option("--filter", "filter_name", help="A saved filter of config/filters.yaml (its name or slug).")
@click.option("--topic", help="A topic slug, like litigation.")
@click.option("--entity", help="A person or organisation, as in the entities table.")
@click.option("--case", "case_slug", help="A case slug (tracker cases list).")
@click.option("--bill", "bill_slug", help="A bill slug.")
@click.option("--since", default="7d", show_default=True, help="How far back: 36h, 7d, 2w.")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "txt"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--base-url", default=None, help="The published site, for the links to each development's page "
              "[default: base_url of config/alerts.yaml, else http://127.0.0.1:8001].")
@filters_option
def digest_command(db_path, filter_name, topic, entity, case_slug, bill_slug, since, fmt, out, base_url, filters_file):
    """Write a digest of the developments a filter, topic, entity, case or bill followed lately (for a newsletter).

    Nothing is recorded: it is the same digest `tracker alerts send` mails, for
    pasting by hand.
    """
    from pipeline.publish.digest import render
    from pipeline.publish.send import digest_for

    chosen = [(kind, value) for kind, value in (("filter", filter_name), ("topic", topic), ("entity", entity),
                                                ("case", case_slug), ("bill", bill_slug)) if value]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --filter, --topic, --entity, --case, --bill")
    kind, value = chosen[0]
    filters = _filters(filters_file)
    title = f"{kind.capitalize()}: {value}"
    if kind == "filter":
        saved = next((f for f in filters if value in (f.slug, f.name)), None)
        if saved is None:
            raise click.ClickException(f"{filters_file}: no saved filter {value!r}; there are: "
                                       f"{', '.join(f.slug for f in filters)}")
        title = saved.name
    if base_url is None:
        try:
            base_url = load_alerts(DEFAULT_ALERTS).base_url
        except AlertsError:
            base_url = "http://127.0.0.1:8001"
    db = _open(db_path)
    try:
        _need_developments(db, db_path)
        digest = digest_for(db.conn, kind, value, filters, parse_since(since), base_url, title)
    finally:
        db.close()
    text = render(digest, fmt)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(digest.items)} developments to {out}", err=True)
    else:
        sys.stdout.write(text)
