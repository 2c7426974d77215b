"""Storage: articles, their topics and entities, the run log and feed state, in SQLite.

One `store_articles` call writes one batch in one transaction, so a crawl
killed at any point leaves either the whole batch or none of it: never half
an article, and never the same article twice (the URL is UNIQUE, and every
URL an article was seen under is kept in `article_urls`).
"""

from __future__ import annotations

import errno
import gzip
import json
import logging
import os
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from pipeline.records import Article, FeedStatus, FetchError, Source
from pipeline.schema import migrate

BACKOFF_START = timedelta(minutes=30)
BACKOFF_MAX = timedelta(days=1)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StorageError(RuntimeError):
    """The database cannot be opened or written (read-only file, full disk, not a database)."""


def open_db(path: str | Path, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating if needed) the working database.

    WAL lets readers (tracker status, a Datasette on the working file) read
    while a crawl writes; busy_timeout makes a brief overlap wait instead of failing.
    """
    path = Path(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            return sqlite_utils.Database(conn)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA foreign_keys = ON")
        if db.journal_mode != "wal":
            db.enable_wal()
        migrate(db)
        return db
    except (sqlite3.DatabaseError, OSError) as exc:
        raise StorageError(f"{path}: cannot open database: {explain_db_error(exc, path)}") from exc


def sync_sources(db: sqlite_utils.Database, sources: list[Source]) -> dict[str, int]:
    """Upsert the sources of the sources file; returns name -> id."""
    with db.atomic():
        for s in sources:
            row = {"name": s.name, "homepage": s.homepage, "language": s.language, "category": s.category}
            existing = list(db.query("select id from sources where name = ?", [s.name]))
            if existing:
                db["sources"].update(existing[0]["id"], row)
            else:
                db["sources"].insert(row)
    return {r["name"]: r["id"] for r in db.query("select id, name from sources")}


def sync_topics(db: sqlite_utils.Database, topics: list[dict]) -> None:
    with db.atomic():
        db["topics"].upsert_all(
            [{"slug": t["slug"], "label": t["label"], "description": t["description"]} for t in topics], pk="slug"
        )


def known_urls(db: sqlite_utils.Database, urls: list[str]) -> set[str]:
    """Which of these URLs are already stored (under any URL the article was seen at)."""
    found = set()
    urls = list(dict.fromkeys(urls))
    for start in range(0, len(urls), 500):
        chunk = urls[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"select url from article_urls where url in ({marks})", chunk))
    return found


class Store:
    """Writes batches of processed articles. One per crawl (or reprocess) run."""

    def __init__(self, db: sqlite_utils.Database, archive_html: bool = True):
        self.db = db
        self.archive_html = archive_html
        self.source_ids = {r["name"]: r["id"] for r in db.query("select id, name from sources")}
        # Imported here: datasketch pulls in scipy (about a second), which a crawl refused by the lock,
        # `tracker status` and `tracker publish` never need.
        from pipeline.dedupe import NearDuplicates

        self.near = NearDuplicates.from_db(db)
        self.counts: Counter = Counter()

    def _source_id(self, name: str) -> int:
        if name not in self.source_ids:
            self.source_ids[name] = self.db["sources"].insert({"name": name}).last_pk
        return self.source_ids[name]

    def store_articles(self, articles: list[Article]) -> Counter:
        """Insert new articles, update changed ones in place, skip unchanged ones. One transaction."""
        outcome: Counter = Counter()
        pending_signatures = []
        self.near.refresh(self.db)
        try:
            with self.db.atomic():
                for article in articles:
                    result, article_id = self._store_one(article, pending_signatures)
                    outcome[result] += 1
                    if result in ("new", "duplicate") and not article.relevant:
                        outcome["irrelevant"] += 1
                pause_for_test("store")  # test-only: rows written, transaction not yet committed
        except sqlite3.Error as exc:
            raise StorageError(f"cannot write to the database: {explain_db_error(exc)}") from exc
        pause_for_test("stored")  # test-only: batch committed, feed state not yet saved
        # Only after the commit: the in-memory index must not know rows that were rolled back.
        for article_id, signature in pending_signatures:
            self.near.add(article_id, signature)
        self.counts.update(outcome)
        return outcome

    def _existing(self, article: Article) -> dict | None:
        """The stored article this one is: same URL (any URL it was seen under), or same text from the same source.

        The second case is one article reached under two URLs that no canonical link
        ties together (print view, a second section path): it is stored once.
        """
        urls = [u for u in (article.url, article.fetched_url) if u]
        marks = ",".join("?" * len(urls))
        rows = list(self.db.query(
            f"select a.id, a.content_hash, a.duplicate_of from article_urls u join articles a on a.id = u.article_id "
            f"where u.url in ({marks}) limit 1", urls))
        if not rows and article.content_hash:
            rows = list(self.db.query(
                "select id, content_hash, duplicate_of from articles where content_hash = ? and source_id = ? "
                "order by id limit 1", [article.content_hash, self._source_id(article.source)]))
        return rows[0] if rows else None

    def _row(self, article: Article) -> dict:
        return {
            "url": article.url, "source_id": self._source_id(article.source), "title": article.title,
            "authors": json.dumps(article.authors, ensure_ascii=False), "published": article.published,
            "published_from": article.published_from, "fetched": article.fetched or now_iso(),
            "language": article.language, "text": article.text, "description": article.description,
            "word_count": article.word_count, "content_hash": article.content_hash,
            "relevance": article.relevance, "relevant": int(article.relevant),
            "evidence": json.dumps(article.evidence, ensure_ascii=False), "paywalled": int(article.paywalled),
            "fetched_url": article.fetched_url,
        }

    def _store_one(self, article: Article, pending_signatures: list) -> tuple[str, int]:
        existing = self._existing(article)
        if existing:
            article_id = existing["id"]
            self._remember_urls(article, article_id)
            if existing["content_hash"] == article.content_hash:
                # Remember that it was checked, so a sitemap lastmod older than this does not refetch it.
                self.db["articles"].update(article_id, {"fetched": article.fetched or now_iso()})
                return "unchanged", article_id
            row = self._row(article)
            row.pop("url")  # keep the URL it was first stored under; the new one is in article_urls
            row["updated"] = now_iso()
            self.db["articles"].update(article_id, row)
            self.write_understanding(article_id, article)
            self._archive(article_id, article)
            signature = self.near.signature(article.text)
            if signature is not None:
                # The new text is what later copies of this story will resemble.
                self.db["article_signatures"].upsert(
                    {"article_id": article_id, "minhash": self.near.to_bytes(signature)}, pk="article_id")
                if existing["duplicate_of"] is None:
                    pending_signatures.append((article_id, signature))
            return "updated", article_id
        signature = self.near.signature(article.text)
        duplicate_of = self._duplicate_of(article, signature, pending_signatures)
        row = self._row(article)
        row["duplicate_of"] = duplicate_of
        article_id = self.db["articles"].insert(row).last_pk
        self._remember_urls(article, article_id)
        self.write_understanding(article_id, article)
        self._archive(article_id, article)
        if signature is not None:
            self.db["article_signatures"].insert({"article_id": article_id, "minhash": self.near.to_bytes(signature)})
            pending_signatures.append((article_id, signature))
        return ("duplicate" if duplicate_of else "new"), article_id

    def _duplicate_of(self, article: Article, signature, pending_signatures: list) -> int | None:
        rows = list(self.db.query(
            "select id from articles where content_hash = ? and duplicate_of is null order by id limit 1",
            [article.content_hash]))
        if rows:
            return rows[0]["id"]
        if signature is None:
            return None
        # The index learns a batch's articles only after its commit, so a wire story and its copy
        # arriving in the same batch are compared here directly.
        in_batch = self.near.first_match_among(signature, pending_signatures)
        indexed = self.near.first_match(signature)
        return min((i for i in (in_batch, indexed) if i is not None), default=None)

    def _remember_urls(self, article: Article, article_id: int) -> None:
        for url in {article.url, article.fetched_url} - {""}:
            self.db.execute("insert or ignore into article_urls (url, article_id) values (?, ?)", [url, article_id])

    def _archive(self, article_id: int, article: Article) -> None:
        if self.archive_html and article.html:
            self.db["raw_pages"].upsert(
                {"article_id": article_id, "fetched": article.fetched or now_iso(),
                 "html_gz": gzip.compress(article.html, 6)}, pk="article_id")

    def write_understanding(self, article_id: int, article: Article) -> None:
        """Replace the article's topics and entities (used by crawl and by reprocess)."""
        self.db.execute("delete from article_topics where article_id = ?", [article_id])
        self.db.execute("delete from article_entities where article_id = ?", [article_id])
        for topic in article.topics:
            self.db.execute(
                "insert into article_topics (article_id, topic, score, evidence) values (?, ?, ?, ?)",
                [article_id, topic.slug, topic.score, json.dumps(topic.evidence, ensure_ascii=False)])
        for entity in article.entities:
            entity_id = self._entity_id(entity.name, entity.type, entity.wikidata)
            self.db.execute(
                "insert into article_entities (article_id, entity_id, mentions, surface_forms) values (?, ?, ?, ?)",
                [article_id, entity_id, entity.mentions, json.dumps(entity.surface_forms, ensure_ascii=False)])
        from pipeline.cases import write_links  # issue 8: the cases and bills the article mentions

        write_links(self.db, article_id, article)

    def _entity_id(self, name: str, type_: str, wikidata: str | None) -> int:
        self.db.execute("insert or ignore into entities (name, type, wikidata) values (?, ?, ?)",
                        [name, type_, wikidata])
        return self.db.execute("select id from entities where name = ? and type = ?", [name, type_]).fetchone()[0]


# --- run log -------------------------------------------------------------------------------------

RUN_COUNTERS = (
    "feeds_fetched", "feeds_not_modified", "feeds_failed", "pages_fetched", "articles_new",
    "articles_updated", "articles_unchanged", "articles_duplicate", "articles_irrelevant", "errors",
)

log = logging.getLogger("tracker.storage")


def explain_db_error(exc: BaseException, path: str | Path | None = None) -> str:
    """What an operator should do about a database error, in one line.

    With `path`, a bare "unable to open database file" on an existing database
    whose file or folder cannot be written is reported as read-only: SQLite
    needs to create its -wal/-shm files beside the database.
    """
    text = str(exc)
    lowered = text.lower()
    unwritable = path is not None and Path(path).exists() and not (
        os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK))
    if ("readonly" in lowered or "read-only" in lowered or getattr(exc, "errno", None) == errno.EROFS
            or ("unable to open" in lowered and unwritable)):
        return f"read-only ({text}): check the owner and permissions of the database and its folder, and the mount"
    if "disk is full" in lowered or getattr(exc, "errno", None) == errno.ENOSPC:
        return f"the disk is full ({text}): free some space and run again; nothing stored so far is lost"
    return text


@contextmanager
def writing(db: sqlite_utils.Database):
    """One transaction; a failed write becomes a StorageError with a readable reason, not a traceback."""
    try:
        with db.atomic():
            yield
    except sqlite3.Error as exc:
        raise StorageError(f"cannot write to the database: {explain_db_error(exc)}") from exc


def start_run(db: sqlite_utils.Database, sources: int) -> int:
    with writing(db):
        return db["crawl_runs"].insert(
            {"started": now_iso(), "status": "running", "sources": sources, **dict.fromkeys(RUN_COUNTERS, 0)}
        ).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict, message: str = "") -> None:
    row = {"finished": now_iso(), "status": status, "message": message}
    row.update({k: int(counts.get(k, 0)) for k in RUN_COUNTERS})
    with writing(db):
        db["crawl_runs"].update(run_id, row)


def mark_abandoned_runs(db: sqlite_utils.Database) -> int:
    """Runs still 'running' when a new run starts (under the lock) were killed: say so.

    Their `finished` is the time of their last recorded error, or else their
    start: the moment they died is unknown, and "now" would make them look long.
    """
    with writing(db):
        cursor = db.execute(
            "update crawl_runs set status = 'killed', message = 'process ended without finishing the run', "
            "finished = coalesce(finished, (select max(at) from errors where errors.run_id = crawl_runs.id), started) "
            "where status = 'running'")
    return cursor.rowcount


def record_error(db: sqlite_utils.Database, run_id: int | None, error: FetchError) -> bool:
    """Log one error of a run. Never raises: an error that cannot be written (full disk) is logged instead."""
    try:
        with writing(db):
            db["errors"].insert({"run_id": run_id, "at": now_iso(), "source": error.source, "url": error.url,
                                 "stage": error.stage, "message": error.message[:2000]})
        return True
    except StorageError as exc:
        log.error("%s (while recording %s error for %s)", exc, error.stage, error.url)
        return False


def prune_raw_pages(db: sqlite_utils.Database, days: int | None) -> int:
    """Drop archived HTML fetched more than `days` days ago; None or 0 keeps it forever.

    Only the raw HTML goes: the article row and its extracted text stay.
    The freed pages are reused by later writes (no VACUUM, which would need
    a second copy of the database on disk).
    """
    if not days or days <= 0:
        return 0
    cutoff = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
    with writing(db):
        return db.execute("delete from raw_pages where fetched < ?", [cutoff]).rowcount


def pause_for_test(stage: str) -> None:
    """TEST-ONLY hook: with TRACKER_TEST_PAUSE_AT=stage[:n], stop at the n-th pass through `stage`.

    It writes TRACKER_TEST_PAUSE_FILE and sleeps, so a test can kill -9 the
    crawl at a known point (tests/test_crash.py). Without the variable, it does nothing.
    """
    wanted = os.environ.get("TRACKER_TEST_PAUSE_AT")
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != stage:
        return
    _PAUSE_PASSES[stage] = _PAUSE_PASSES.get(stage, 0) + 1
    if _PAUSE_PASSES[stage] != int(nth or 1):
        return
    Path(os.environ["TRACKER_TEST_PAUSE_FILE"]).write_text(f"{stage} {os.getpid()}\n")
    while True:
        time.sleep(60)


_PAUSE_PASSES: dict[str, int] = {}


# --- feed state ----------------------------------------------------------------------------------

def feed_state(db: sqlite_utils.Database, url: str) -> dict:
    rows = list(db.query("select * from feeds where url = ?", [url]))
    return rows[0] if rows else {}


def feed_due(state: dict, now: datetime | None = None) -> bool:
    """A failing feed is retried after a back-off; it is never dropped."""
    when = state.get("next_attempt")
    return not when or datetime.fromisoformat(when) <= (now or datetime.now(UTC))


def save_feed_status(db: sqlite_utils.Database, status: FeedStatus) -> None:
    state = feed_state(db, status.url)
    now = datetime.now(UTC).replace(microsecond=0)
    row = {"url": status.url, "source": status.source, "last_status": status.status,
           "last_attempt": now.isoformat(), "entries": status.entries}
    ok = status.status in (200, 304) and not status.error
    if ok:
        row.update({"last_success": now.isoformat(), "consecutive_failures": 0, "last_error": None,
                    "next_attempt": None})
        if status.status == 200:
            row.update({"etag": status.etag, "last_modified": status.last_modified})
        else:
            row["not_modified_count"] = (state.get("not_modified_count") or 0) + 1
    else:
        failures = (state.get("consecutive_failures") or 0) + 1
        delay = min(BACKOFF_START * 2 ** (failures - 1), BACKOFF_MAX)
        row.update({"consecutive_failures": failures, "last_error": status.error or f"HTTP {status.status}",
                    "next_attempt": (now + delay).isoformat()})
    with writing(db):
        db["feeds"].upsert(row, pk="url")


# --- publishing ----------------------------------------------------------------------------------

def stored_fetch_times(db, urls: list[str]) -> dict[str, str]:
    """For the URLs already stored (under any URL the article was seen at): when it was last fetched.

    The spiders use it to fetch no stored article twice, unless a sitemap or feed says it changed since.
    The later of `updated` and `fetched`: an article updated in place and later fetched again
    unchanged was last checked at `fetched` (SQLite's max() of several values is NULL if one is).
    """
    found: dict[str, str] = {}
    urls = list(dict.fromkeys(urls))
    for start in range(0, len(urls), 500):
        chunk = urls[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for url, fetched in db.execute(
                f"select u.url, max(coalesce(a.updated, ''), coalesce(a.fetched, '')) from article_urls u "
                f"join articles a on a.id = u.article_id where u.url in ({marks})", chunk):
            found[url] = fetched
    return found


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
        finally:
            snap.close()
        os.chmod(tmp, 0o444)
        pause_for_test("publish")
        os.replace(tmp, out_path)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"cannot write snapshot {out_path}: {explain_db_error(exc)}") from exc
    return out_path


def _remove_stale_temporaries(out_path: Path) -> None:
    """Temporaries left by a publish that was killed: remove those whose process is gone."""
    for tmp in out_path.parent.glob(f".{out_path.name}.*.tmp"):
        pid = tmp.name.removeprefix(f".{out_path.name}.").removesuffix(".tmp")
        if pid.isdigit() and int(pid) != os.getpid() and Path(f"/proc/{pid}").exists():
            continue  # another publish is writing it right now
        tmp.unlink(missing_ok=True)
