"""`tracker feeds export DIR`: the saved filters as static Atom files, plus an OPML list of them.

The rows come from the `feed_filter` canned query of datasette_config/metadata.yaml,
run on the published snapshot, so a static file holds exactly what the live
Datasette feed of the same filter shows.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import click
import yaml

from pipeline.publish import atom
from pipeline.publish.saved_filters import DEFAULT_FILTERS, FiltersError, load_filters, query_params
from pipeline.store.search import search_query

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "datasette_config" / "metadata.yaml"
OPML_NAME = "feeds.opml"


def feed_filter_sql(metadata: Path = METADATA) -> str:
    data = yaml.safe_load(metadata.read_text(encoding="utf-8"))
    return data["databases"]["tracker"]["queries"]["feed_filter"]["sql"]


def _write(path: Path, body: bytes) -> None:
    # Write then rename: a feed reader polling the folder never sees half a file.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(body)
    os.replace(tmp, path)


def export_feeds(db_path: Path, out_dir: Path, filters_path: Path = DEFAULT_FILTERS,
                 base_url: str | None = None) -> list[tuple[str, Path, int]]:
    """Write one .atom per saved filter and feeds.opml; returns (filter name, file, entries)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.create_function("search_query", 1, search_query, deterministic=True)  # as the Datasette plugin does
    conn.row_factory = sqlite3.Row
    try:
        labels = {r["slug"]: r["label"] for r in conn.execute("select slug, label from topics")}
        filters = load_filters(filters_path, topics=set(labels) or None)
        last_crawl = conn.execute("select max(finished) from crawl_runs").fetchone()[0]
        sql = feed_filter_sql()
        out_dir.mkdir(parents=True, exist_ok=True)
        base = (base_url or out_dir.resolve().as_uri()).rstrip("/") + "/"
        written, listing = [], []
        for saved in filters:
            params = query_params(saved)
            rows = [dict(r) for r in conn.execute(sql, {k: v for k, v in params.items() if k != "name"})]
            url = f"{base}{saved.slug}.atom"
            body = atom.build_feed(rows, title=atom.feed_title("feed_filter", params, labels),
                                   feed_id=f"tag:ai-copyright-tracker,2026:filter/{saved.slug}", self_url=url,
                                   updated=last_crawl)
            path = out_dir / f"{saved.slug}.atom"
            _write(path, body)
            written.append((saved.name, path, len({r["atom_id"] for r in rows})))
            listing.append((saved.name, url, None))
        _write(out_dir / OPML_NAME, atom.build_opml(listing))
    finally:
        conn.close()
    return written


@click.group()
def feeds():
    """Atom feeds of the saved filters (config/filters.yaml)."""


@feeds.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("data/tracker.db"),
              show_default=True, help="The working database; its published snapshot is read when there is one.")
@click.option("--filters", "filters_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_FILTERS,
              show_default="config/filters.yaml", help="Saved filters file (YAML).")
@click.option("--base-url", default=None,
              help="Address DIR will be served from, for the feeds' self links and the OPML [default: DIR as file:// URL].")
def export_command(out_dir, db_path, filters_path, base_url):
    """Write a static Atom file for every saved filter into OUT_DIR, and feeds.opml listing them all."""
    from tracker.crawl import published_path

    source = published_path(db_path) if published_path(db_path).exists() else db_path
    if not source.exists():
        raise click.ClickException(f"{db_path} does not exist yet: run `tracker crawl` first")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise click.ClickException(f"--base-url must start with http:// or https://, got {base_url!r}")
    try:
        written = export_feeds(source, out_dir, filters_path, base_url)
    except FiltersError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{source}: cannot read the database: {exc}") from None
    except OSError as exc:
        raise click.ClickException(f"{out_dir}: cannot write feeds: {exc.strerror or exc}") from None
    for name, path, entries in written:
        click.echo(f"{path}: {entries} entries ({name})")
    click.echo(f"{out_dir / OPML_NAME}: {len(written)} feeds")
