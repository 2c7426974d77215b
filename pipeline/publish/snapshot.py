"""The published snapshot: a read-only copy of the working database that Datasette serves."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pipeline.store.db import StorageError, explain_db_error
from pipeline.testhooks import pause_for_test

# Working state that is nobody's business on the public site: who subscribed to alerts (e-mail addresses), the
# review queue of discovered cases (unverified by definition, with reviewers' names: nothing unverified is
# published as a case), which articles were taken down and what each correction touched (pipeline/corrections/).
PRIVATE_TABLES = ("alert_deliveries", "alert_destinations", "case_proposals", "hidden_articles", "corrections_applied")
# Every table that holds rows of an article: a taken-down article leaves all of them.
ARTICLE_TABLES = ("development_articles", "article_topics", "article_entities", "article_cases", "article_bills",
                  "article_urls", "raw_pages", "article_signatures", "alert_deliveries")


def publish_snapshot(db_path: str | Path, out_path: str | Path) -> Path:
    """A consistent read-only copy of the working database, swapped in atomically.

    VACUUM INTO writes a complete copy as of one transaction into a temporary
    file next to the snapshot (same filesystem, so the rename is atomic);
    os.replace then renames it over the old snapshot. A reader sees the old or
    the new file, never a half-written one, and a reader that already has the
    old file open keeps reading it unchanged (which is what makes Datasette's
    --immutable mode safe here). The temporary name carries the process id, so
    a crawl's publish and a manual `tracker publish` never share one.
    """
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_path)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
        try:
            conn.execute("VACUUM INTO ?", [str(tmp)])
        finally:
            conn.close()
        snap = sqlite3.connect(tmp)
        try:
            snap.execute("PRAGMA journal_mode = DELETE")  # a snapshot is one self-contained file
            snap.execute("PRAGMA secure_delete = ON")  # dropped rows are overwritten, not left in free pages
            with snap:
                take_down(snap)
                for table in PRIVATE_TABLES:
                    snap.execute(f"DROP TABLE IF EXISTS {table}")
        finally:
            snap.close()
        os.chmod(tmp, 0o444)
        pause_for_test("publish")
        os.replace(tmp, out_path)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write snapshot {out_path}: {explain_db_error(exc)}") from exc
    return out_path


def take_down(snap: sqlite3.Connection) -> int:
    """Remove the taken-down articles from the snapshot: their rows, their search index entries, their place
    in developments (which are summarised again without them). Returns how many."""
    if not snap.execute("select 1 from sqlite_master where name = 'hidden_articles'").fetchone():
        return 0  # a database from before corrections
    from pipeline.developments import refresh_development

    ids = [r[0] for r in snap.execute("select article_id from hidden_articles")]
    if not ids:
        return 0
    tables = {r[0] for r in snap.execute("select name from sqlite_master where type = 'table'")}
    marks = ",".join("?" * len(ids))
    developments = [r[0] for r in snap.execute(
        f"select distinct development_id from development_articles where article_id in ({marks})", ids)]
    entities = [r[0] for r in snap.execute(
        f"select distinct entity_id from article_entities where article_id in ({marks})", ids)]
    for table in ARTICLE_TABLES:
        if table in tables:
            snap.execute(f"delete from {table} where article_id in ({marks})", ids)
    # A person named only in a taken-down story is not left behind in the list of entities either.
    snap.executemany("delete from entities where id = ? and not exists "
                     "(select 1 from article_entities where entity_id = ?)", [(e, e) for e in entities])
    # The full-text index forgets them through its delete trigger.
    snap.execute(f"delete from articles where id in ({marks})", ids)
    snap.execute("insert into articles_fts (articles_fts) values ('optimize')")  # no old segment keeps their words
    for development in developments:
        refresh_development(snap, development)
    return len(ids)


def _remove_stale_temporaries(out_path: Path) -> None:
    """Temporaries left by a publish that was killed: remove those whose process is gone."""
    for tmp in out_path.parent.glob(f".{out_path.name}.*.tmp"):
        pid = tmp.name.removeprefix(f".{out_path.name}.").removesuffix(".tmp")
        if pid.isdigit() and int(pid) != os.getpid() and Path(f"/proc/{pid}").exists():
            continue  # another publish is writing it right now
        tmp.unlink(missing_ok=True)
