"""Storage: articles, their topics and entities, the run log and feed state, in SQLite.

One `store_articles` call writes one batch in one transaction, so a crawl
killed at any point leaves either the whole batch or none of it: never half
an article, and never the same article twice (the URL is UNIQUE, and every
URL an article was seen under is kept in `article_urls`).
"""


from __future__ import annotations

import gzip
import json
import sqlite3
from collections import Counter
from collections.abc import Callable

import sqlite_utils

from pipeline.clock import now_iso
from pipeline.records import Article, Links, Source
from pipeline.store.cases import write_links
from pipeline.store.db import StorageError, explain_db_error
from pipeline.store.search import search_stems
from pipeline.testhooks import pause_for_test
from pipeline.understand.dates import local_date


def sync_sources(db: sqlite_utils.Database, sources: list[Source]) -> dict[str, int]:
    """Upsert the sources of the sources file; returns name -> id."""
    with db.atomic():
        for s in sources:
            row = {"name": s.name, "homepage": s.homepage, "language": s.language, "category": s.category,
                   "timezone": s.timezone}
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
        from pipeline.store.dedupe import NearDuplicates

        self.near = NearDuplicates.from_db(db)
        self.counts: Counter = Counter()

    def _source_id(self, name: str) -> int:
        if name not in self.source_ids:
            self.source_ids[name] = self.db["sources"].insert({"name": name}).last_pk
        return self.source_ids[name]

    def store_articles(self, articles: list[Article], then: Callable[[list[int]], object] | None = None) -> Counter:
        """Insert new articles, update changed ones in place, skip unchanged ones. One transaction.

        `then(article_ids)` runs inside that transaction, after the rows are written: the
        developments stage (pipeline/developments.py), so no commit leaves a listed article
        without its development.
        """
        outcome: Counter = Counter()
        pending_signatures = []
        self.near.refresh(self.db)
        try:
            with self.db.atomic():
                stored = []
                for article in articles:
                    result, article_id = self._store_one(article, pending_signatures)
                    stored.append(article_id)
                    outcome[result] += 1
                    if result in ("new", "duplicate") and not article.relevant:
                        outcome["irrelevant"] += 1
                if then is not None:
                    then(stored)
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
            # The page's own clock: its date is the one a reader of the site sees (a record without it, from
            # a feed or an older caller, is dated in UTC).
            "published_at": article.published_at or article.published,
            "published_local_date": local_date(article.published_at or article.published),
            "published_from": article.published_from, "fetched": article.fetched or now_iso(),
            "language": article.language, "text": article.text, "description": article.description,
            "word_count": article.word_count, "content_hash": article.content_hash,
            "relevance": article.relevance, "relevant": int(article.relevant),
            "evidence": json.dumps(article.evidence, ensure_ascii=False), "paywalled": int(article.paywalled),
            "fetched_url": article.fetched_url,
            # Only listed articles are searched; the stems of the others would be dead weight.
            "search_stems": search_stems(article.title, article.text, article.language) if article.relevant else None,
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
        """Replace the article's topics, entities and case and bill links (used by crawl and by reprocess)."""
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
        self.write_links(article_id, article)

    def write_links(self, article_id: int, article: Article) -> None:
        write_links(self.db, article_id, article.links if article.relevant else Links())

    def _entity_id(self, name: str, type_: str, wikidata: str | None) -> int:
        self.db.execute("insert or ignore into entities (name, type, wikidata) values (?, ?, ?)",
                        [name, type_, wikidata])
        return self.db.execute("select id from entities where name = ? and type = ?", [name, type_]).fetchone()[0]



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
