"""`tracker cases ...`: the lawsuits and bills the tracker follows (issue 8)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.curated import CuratedDataError
from pipeline.store.db import StorageError

DEFAULT_DB = Path("data/tracker.db")

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The working SQLite database.")


def _open(db_path: Path):
    from pipeline.store.db import open_db

    try:
        return open_db(db_path)
    except StorageError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("cases")
def cases_group():
    """Lawsuits and bills: the curated lists, their updates from public APIs, and the articles about them."""


publish_option = click.option("--no-publish", is_flag=True,
                              help="Do not refresh the published snapshot afterwards.")


def _publish(db_path: Path) -> None:
    """Datasette serves the published snapshot: refresh it, or the change stays invisible until the next crawl."""
    from pipeline.store.db import StorageError
    from tracker.crawl import publish_after

    try:
        publish_after(db_path, say=click.echo)
    except StorageError as exc:
        raise click.ClickException(str(exc)) from None


@cases_group.command()
@db_option
@click.option("--offline", is_flag=True, help="Only write the curated data; ask no API.")
@publish_option
def sync(db_path, offline, no_publish):
    """Seed the curated cases and bills, then refresh them from CourtListener, congress.gov and the Federal Register.

    CourtListener needs COURTLISTENER_TOKEN and congress.gov CONGRESS_API_KEY;
    without them those steps are skipped and the curated data serves. The
    Federal Register needs no key. Exits 1 when an API refused (401/403),
    rate-limited (429) or could not be reached; the curated data is written
    first either way, and every failure is also recorded in the errors table.
    """
    from pipeline.store.cases import seed_curated

    db = _open(db_path)
    try:
        counts = seed_curated(db)
    except CuratedDataError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"seeded {counts['cases']} cases and {counts['bills']} bills from the curated files")
    failed = not offline and _refresh(db)
    if not no_publish:
        _publish(db_path)
    if failed:
        raise SystemExit(1)


def _refresh(db) -> bool:
    """Ask each API in turn; True when one of them refused or could not be reached."""
    from pipeline.external import congress, courtlistener, federal_register

    failed = False
    steps = [
        ("CourtListener", courtlistener.client_from_env(), courtlistener.refresh_cases, "cases",
         f"{courtlistener.TOKEN_ENV} is not set; cases keep their curated data"),
        ("congress.gov", congress.client_from_env(), congress.refresh_bills, "bills",
         f"{congress.KEY_ENV} is not set; bills keep their curated data"),
        ("Federal Register", federal_register.FederalRegister(), federal_register.refresh_documents, "bills", ""),
    ]
    for api, client, refresh, what, missing in steps:
        if client is None:
            click.echo(f"{api}: {missing}")
            continue
        result = refresh(db, client)
        line = f"{api}: {result[what]} {what} refreshed, {result['events']} new events"
        if result["errors"]:
            line += f", {len(result['errors'])} not found or failed (see the errors table)"
        click.echo(line)
        for message in result["errors"]:
            _record(db, api, message)
        if result["stopped"]:
            failed = True
            _record(db, api, result["stopped"])
            click.echo(result["stopped"], err=True)
    return failed


def _record(db, api: str, message: str) -> None:
    from pipeline.records import FetchError
    from pipeline.store.runs import record_error

    record_error(db, None, FetchError(source=api, url="", stage="cases", message=message))


@cases_group.command("list")
@db_option
@click.option("--bills", "show_bills", is_flag=True, help="List the bills instead of the cases.")
def list_command(db_path, show_bills):
    """The cases (or bills) with their status, latest event and the number of articles linked to them."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `tracker cases sync` or `tracker crawl` first")
    db = _open(db_path)
    table, links, key, day = (("bills", "article_bills", "bill_slug", "last_action_date") if show_bills
                              else ("cases", "article_cases", "case_slug", "last_event_date"))
    rows = list(db.query(
        f"select t.slug, t.status, t.{day} as day, (select count(*) from {links} l join articles a "
        f"on a.id = l.article_id where l.{key} = t.slug and a.duplicate_of is null) as articles "
        f"from {table} t order by articles desc, t.slug"))
    if not rows:
        click.echo(f"no {table} yet: run `tracker cases sync`")
        return
    for row in rows:
        click.echo(f"{row['slug']:<45} {row['status'] or '':<13} {row['day'] or '?':<10} {row['articles']:>4} articles")


@cases_group.command()
@db_option
@publish_option
def link(db_path, no_publish):
    """Link every stored relevant article to the cases and bills it mentions again (after editing the aliases)."""
    from pipeline.process import reprocess

    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist")
    db = _open(db_path)
    try:
        # The same stages as a crawl, with the stored entities kept: NER is the costly part, and
        # the curated aliases do not change it.
        counts = reprocess(db, entities=False)
        from tracker.corrections_cmd import apply_after

        apply_after(db, db_path)  # links rejected or added by reviewers stay so
    except CuratedDataError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"linked {counts['articles']} articles: {counts['case_links']} links to cases, "
               f"{counts['bill_links']} to bills")
    if not no_publish:
        _publish(db_path)


@cases_group.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
def check(file):
    """Show which cases and bills a text mentions, and why (reads a file, or standard input)."""
    from pipeline.understand.linking import link_article

    text = file.read()
    title, _, body = text.partition("\n")
    links = link_article(title, body)
    click.echo(json.dumps({"cases": links.cases, "bills": links.bills}, ensure_ascii=False, indent=2))
