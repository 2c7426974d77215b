"""`tracker correct` and `tracker corrections ...`: what reviewers fixed, kept and applied everywhere (issue 17)."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

import click

from pipeline.corrections.kinds import KINDS
from pipeline.corrections.store import CorrectionError, default_path
from pipeline.store.db import StorageError
from tracker.alerts_cmd import _open as _open_work  # the same one-line errors as `alerts send`
from tracker.locking import LockedError, run_lock

DEFAULT_DB = Path("data/tracker.db")

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The working SQLite database.")
corrections_option = click.option(
    "--corrections", "corrections_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The corrections file [default: corrections.db beside the database; env TRACKER_CORRECTIONS_DB].")
publish_option = click.option("--no-publish", is_flag=True, help="Do not refresh the published snapshot afterwards.")


def _store(db_path: Path, corrections_path: Path | None, readonly: bool = False):
    from pipeline.corrections.store import open_corrections

    # Read-only for list and export: looking at corrections must not create an empty corrections file.
    return open_corrections(corrections_path or default_path(db_path), readonly=readonly)


def apply_after(db, db_path: Path, model: str | None = None, say=click.echo) -> None:
    """Apply the corrections file beside `db_path` to the open work database (crawl, reprocess, cases link)."""
    from pipeline.corrections.apply import apply_from_file

    counts = apply_from_file(db, default_path(db_path), model)
    if counts.get("missing"):
        say(f"corrections: {counts['missing']} whose target no longer exists (see tracker status)")


def _apply_and_publish(db_path: Path, corrections_path: Path | None, no_publish: bool, model: str | None) -> None:
    """Apply every correction to the work database, then publish; a crawl holding the lock applies them itself."""
    from pipeline.corrections.apply import apply_corrections
    from pipeline.corrections.store import load

    try:
        with run_lock(db_path):
            db = _open_work(db_path)
            store = _store(db_path, corrections_path)
            try:
                counts = apply_corrections(db, load(store), model)
            finally:
                store.close()
                db.close()
    except LockedError as exc:
        click.echo(f"stored; not applied now: {exc.message}. The crawl applies it when it ends.")
        return
    line = f"applied {counts['applied']} corrections"
    if counts.get("missing"):
        line += f"; {counts['missing']} whose target no longer exists (see tracker status)"
    if counts.get("undone"):
        line += f"; {counts['undone']} articles judged again by the machine after an undo"
    click.echo(line)
    if not no_publish:
        from tracker.crawl import publish_after

        try:
            publish_after(db_path, say=click.echo)
        except StorageError as exc:
            raise click.ClickException(str(exc)) from None


KIND_HELP = "\n".join(f"  {name:<18} {kind.target} -> {kind.value}: {kind.help}" for name, kind in KINDS.items())


@click.command("correct", epilog="\b\nKinds (TARGET -> VALUE):\n" + KIND_HELP)
@click.argument("kind", type=click.Choice(list(KINDS)), metavar="KIND")
@click.argument("target")
@click.argument("value", required=False, default="")
@click.option("--reason", required=True, help="Why: kept with the correction and shown in the public log.")
@click.option("--source", "source_url", default=None, help="A URL that shows it (a court filing, a correction).")
@click.option("--who", default=None, help="Who made it [default: the user name].")
@db_option
@corrections_option
@publish_option
@click.option("--model", default=None, envvar="TRACKER_SPACY_MODEL", help="spaCy model, for undoing a correction.")
def correct_command(kind, target, value, reason, source_url, who, db_path, corrections_path, no_publish, model):
    """Correct the machine: KIND TARGET VALUE, for example `relevance 42 false --reason "sports story"`.

    TARGET is an article (its id or URL), an entity's name, an alias or, for
    `revert`, the id of a correction. The correction is kept in the corrections
    file, applied to the database at once (and by every crawl, reprocess and
    cases link after it), and the snapshot is published again.
    """
    from pipeline.corrections.kinds import check
    from pipeline.corrections.store import add, load

    db = _open_work(db_path)
    store = _store(db_path, corrections_path)
    try:
        correction = check(db, kind, target, value, reason, who=who or _user(), source_url=source_url,
                           corrections=load(store))
        add(store, correction)
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
        db.close()
    click.echo(f"correction {correction.id}: {kind} {correction.target} {correction.value}".rstrip())
    _apply_and_publish(db_path, corrections_path, no_publish, model)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


@click.group("corrections")
def corrections_group():
    """The corrections file: list, export, import, apply; reviewer accounts for the review page."""


@corrections_group.command("list")
@db_option
@corrections_option
@click.option("--all", "show_all", is_flag=True, help="Also the corrections superseded or reverted.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with id and superseded_by.")
def list_command(db_path, corrections_path, show_all, as_json):
    """The corrections in force, oldest first (with --all, also those superseded)."""
    from dataclasses import asdict

    from pipeline.corrections.store import load

    store = _store(db_path, corrections_path, readonly=True)
    try:
        rows = [c for c in load(store) if show_all or c.superseded_by is None]
    finally:
        store.close()
    if not rows:
        click.echo("no corrections")
    for c in rows:
        if as_json:
            click.echo(json.dumps(asdict(c), ensure_ascii=False, sort_keys=True))
            continue
        note = f"  (superseded by {c.superseded_by})" if c.superseded_by else ""
        click.echo(f"{c.id:>4}  {c.at[:16]}  {c.who or '-':<10} {c.kind:<17} {c.target}  ->  {c.value or '-'}"
                   f"  because: {c.reason}{note}")


@corrections_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@corrections_option
def export_command(file, db_path, corrections_path):
    """Write every correction to FILE as JSON lines ('-': standard output), for a pull request or another install."""
    from pipeline.corrections.store import export_lines

    store = _store(db_path, corrections_path, readonly=True)
    try:
        lines = list(export_lines(store))
    finally:
        store.close()
    text = "".join(line + "\n" for line in lines)
    if str(file) == "-":
        sys.stdout.write(text)
        return
    file.write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(lines)} corrections to {file}")


@corrections_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@corrections_option
@publish_option
@click.option("--model", default=None, envvar="TRACKER_SPACY_MODEL", help="spaCy model, for undoing a correction.")
def import_command(file, db_path, corrections_path, no_publish, model):
    """Add the corrections of a JSON-lines FILE (as written by export); those already here are skipped."""
    from pipeline.corrections.store import import_lines

    store = _store(db_path, corrections_path)
    try:
        added, known = import_lines(store, file.read_text(encoding="utf-8").splitlines())
    except CorrectionError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    finally:
        store.close()
    click.echo(f"imported {added} corrections, {known} already there")
    if db_path.exists():
        _apply_and_publish(db_path, corrections_path, no_publish, model)


@corrections_group.command("apply")
@db_option
@corrections_option
@publish_option
@click.option("--model", default=None, envvar="TRACKER_SPACY_MODEL", help="spaCy model, for undoing a correction.")
def apply_command(db_path, corrections_path, no_publish, model):
    """Apply every correction to the database and publish (after reviewers corrected on the review page)."""
    _apply_and_publish(db_path, corrections_path, no_publish, model)


@corrections_group.command("add-reviewer")
@click.argument("name")
@click.option("--reviewers", "reviewers_file", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("config/reviewers.yaml"), show_default=True, help="The reviewer accounts file.")
@click.password_option(help="The password (asked for when not given; only its hash is written).")
def add_reviewer_command(name, reviewers_file, password):
    """Add (or change) a reviewer account for the review page: NAME and a hashed password in config/reviewers.yaml."""
    from tracker.review_serve import add_reviewer

    try:
        add_reviewer(reviewers_file, name, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{reviewers_file}: reviewer {name} added; `tracker serve` picks it up when it starts")
