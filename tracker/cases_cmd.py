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


def _open_existing(db_path: Path):
    """The review commands read a database that has cases; opening a missing file would make an empty one."""
    if not db_path.exists():
        raise click.ClickException(f"{db_path} does not exist: run `tracker cases sync` or `tracker crawl` first")
    return _open(db_path)


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


def _publish(db_path: Path, say=click.echo) -> None:
    """Datasette serves the published snapshot: refresh it, or the change stays invisible until the next crawl."""
    from pipeline.store.db import StorageError
    from tracker.crawl import publish_after

    try:
        publish_after(db_path, say=say)
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
    db = _open_existing(db_path)
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


# --- discovery and the review queue (issue 18) -----------------------------------------------------

@cases_group.command()
@db_option
@click.option("--courtlistener/--no-courtlistener", "use_courtlistener", default=True, show_default=True,
              help="Search CourtListener (needs COURTLISTENER_TOKEN).")
@click.option("--articles/--no-articles", "use_articles", default=True, show_default=True,
              help="Read the stored litigation articles that link to no known case.")
@click.option("--pages", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Most search result pages to read from CourtListener (20 dockets each).")
@click.option("--since", metavar="YYYY-MM-DD", default=None, help="Only articles published since this day.")
def discover(db_path, use_courtlistener, use_articles, pages, since):
    """Propose cases the tracker does not know yet, for review (`tracker cases proposals`).

    Two directions: CourtListener's search (RECAP dockets with nature of suit
    820 Copyright that mention AI terms), and stored litigation articles that
    name a pair of parties and a court but link to no known case. Known cases
    and earlier proposals (also rejected ones) are not proposed again. Exits 1
    when CourtListener refused (401/403), rate-limited (429), failed (5xx) or
    could not be reached; what the other direction found is queued either way.
    """
    from pipeline.cases_discovery import discover_articles, discover_courtlistener
    from pipeline.external import courtlistener

    db = _open_existing(db_path)
    failed = False
    if use_courtlistener:
        client = courtlistener.client_from_env()
        if client is None:
            click.echo(f"CourtListener: {courtlistener.TOKEN_ENV} is not set; not searched")
        else:
            counts = discover_courtlistener(db, client, max_pages=pages)
            click.echo(f"CourtListener: {counts['dockets']} dockets read, {_outcomes(counts)}")
            if counts["error"]:
                failed = True
                _record(db, "CourtListener", counts["error"])
                click.echo(counts["error"], err=True)
    if use_articles:
        counts = discover_articles(db, since=since)
        click.echo(f"articles: {counts['articles']} unlinked litigation articles read, {_outcomes(counts)}")
    if failed:
        raise SystemExit(1)


def _outcomes(counts: dict) -> str:
    return (f"{counts.get('new', 0)} proposed, {counts.get('merged', 0)} added to a proposal, "
            f"{counts.get('known', 0)} already known, {counts.get('seen', 0)} proposed before")


@cases_group.command()
@db_option
@click.option("--status", type=click.Choice(["proposed", "accepted", "rejected", "all"]), default="proposed",
              show_default=True, help="Which proposals to list.")
def proposals(db_path, status):
    """The proposed cases waiting for review (or the decided ones), with where each was found."""
    from pipeline.store.proposals import list_proposals

    rows = list_proposals(_open_existing(db_path), None if status == "all" else status)
    if not rows:
        click.echo(f"no {'' if status == 'all' else status + ' '}proposals")
        return
    for row in rows:
        where = " · ".join(x for x in (row["court"], row["docket"], row["filed"]) if x)
        click.echo(f"{row['id']:>4}  {row['status']:<9} {row['source']:<13} {row['caption']}")
        if where:
            click.echo(f"      {where}")
        for url in json.loads(row["evidence"] or "[]")[:3]:
            click.echo(f"      {url}")
        if row["status"] != "proposed":
            decided = f"{row['status']} by {row['reviewer']} {(row['decided_at'] or '')[:10]}"
            click.echo(f"      {decided}{': ' + row['reason'] if row['reason'] else ''}"
                       f"{' -> ' + row['case_slug'] if row['case_slug'] else ''}")


def _reviewer(value: str | None) -> str:
    import getpass

    return value or getpass.getuser()


reviewer_option = click.option("--reviewer", default=None, help="Who decides (default: the user name).")


@cases_group.command()
@db_option
@click.argument("proposal_id", type=int)
@click.option("--slug", default=None, help="The new case's slug (default: made from the caption).")
@reviewer_option
@publish_option
def accept(db_path, proposal_id, slug, reviewer, no_publish):
    """Accept a proposal: it becomes a case marked unverified, and its cases.yaml stub is printed.

    The case is shown as unverified (its verify_reason) until the stub, with a
    source for every field, is in pipeline/data/cases.yaml.
    """
    from pipeline.store.proposals import ProposalError, accept_proposal

    db = _open_existing(db_path)
    try:
        case = accept_proposal(db, proposal_id, _reviewer(reviewer), slug)
    except ProposalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"accepted proposal {proposal_id} as case {case['slug']} (unverified until it is in cases.yaml "
               "with sources); stub for pipeline/data/cases.yaml:", err=True)
    click.echo(case["yaml"], nl=False)
    if not no_publish:
        _publish(db_path, say=lambda line: click.echo(line, err=True))  # stdout is the stub alone


@cases_group.command()
@db_option
@click.argument("proposal_id", type=int)
@click.option("--reason", required=True, help="Why it is not a case to follow (kept, and shown in the list).")
@reviewer_option
def reject(db_path, proposal_id, reason, reviewer):
    """Reject a proposal, with a reason; the same case is not proposed again."""
    from pipeline.store.proposals import ProposalError, reject_proposal

    try:
        reject_proposal(_open_existing(db_path), proposal_id, reason, _reviewer(reviewer))
    except ProposalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"rejected proposal {proposal_id}")
