"""Database schema, as numbered migrations recorded in the database itself.

A database made by an older version upgrades itself on open: every migration
not yet listed in `_migrations` runs once, in order, inside a transaction.
Table and column names of the foundation contract are fixed; add new
migrations at the end and never edit an applied one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils


def m001_initial(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"id": int, "name": str, "homepage": str, "language": str, "category": str}, pk="id", not_null={"name"}
    )
    db["sources"].create_index(["name"], unique=True)
    db["articles"].create(
        {
            "id": int, "url": str, "source_id": int, "title": str, "authors": str, "published": str,
            "published_from": str, "fetched": str, "updated": str, "language": str, "text": str,
            "description": str, "word_count": int, "content_hash": str, "duplicate_of": int,
            "relevance": float, "relevant": int, "evidence": str, "paywalled": int, "fetched_url": str,
        },
        pk="id",
        not_null={"url"},
        foreign_keys=[("source_id", "sources", "id"), ("duplicate_of", "articles", "id")],
    )
    db["articles"].create_index(["url"], unique=True)
    for columns in (["published"], ["relevant", "published"], ["content_hash"], ["source_id"], ["duplicate_of"]):
        db["articles"].create_index(columns)
    # Every URL an article was seen under (fetched, canonical, feed link): the same
    # article reached by a second URL is recognised before it is fetched again.
    db["article_urls"].create({"url": str, "article_id": int}, pk="url",
                              foreign_keys=[("article_id", "articles", "id")])
    db["article_urls"].create_index(["article_id"])
    db["topics"].create({"slug": str, "label": str, "description": str}, pk="slug")
    db["article_topics"].create(
        {"article_id": int, "topic": str, "score": float, "evidence": str},
        pk=("article_id", "topic"),
        foreign_keys=[("article_id", "articles", "id"), ("topic", "topics", "slug")],
    )
    db["article_topics"].create_index(["topic"])
    db["entities"].create({"id": int, "name": str, "type": str, "wikidata": str}, pk="id", not_null={"name", "type"})
    db["entities"].create_index(["name", "type"], unique=True)
    db["article_entities"].create(
        {"article_id": int, "entity_id": int, "mentions": int, "surface_forms": str},
        pk=("article_id", "entity_id"),
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["article_entities"].create_index(["entity_id"])
    db["crawl_runs"].create(
        {
            "id": int, "started": str, "finished": str, "status": str, "sources": int,
            "feeds_fetched": int, "feeds_not_modified": int, "feeds_failed": int, "pages_fetched": int,
            "articles_new": int, "articles_updated": int, "articles_unchanged": int, "articles_duplicate": int,
            "articles_irrelevant": int, "errors": int, "message": str,
        },
        pk="id",
    )
    db["errors"].create(
        {"id": int, "run_id": int, "at": str, "source": str, "url": str, "stage": str, "message": str},
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["errors"].create_index(["run_id"])
    db["feeds"].create(
        {
            "url": str, "source": str, "etag": str, "last_modified": str, "last_status": int,
            "last_attempt": str, "last_success": str, "consecutive_failures": int, "last_error": str,
            "next_attempt": str, "entries": int, "not_modified_count": int,
        },
        pk="url",
    )
    # MinHash signatures of article texts, for spotting syndicated copies.
    db["article_signatures"].create({"article_id": int, "minhash": bytes}, pk="article_id",
                                    foreign_keys=[("article_id", "articles", "id")])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


def m002_raw_pages(db: sqlite_utils.Database) -> None:
    # The fetched HTML of stored articles, gzip-compressed, so extraction can be redone without fetching.
    db["raw_pages"].create({"article_id": int, "fetched": str, "html_gz": bytes}, pk="article_id",
                           foreign_keys=[("article_id", "articles", "id")])


MIGRATIONS = [m001_initial, m002_raw_pages]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations this database has not had yet; returns their names."""
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied": str}, pk="name")
    done = {row["name"] for row in db["_migrations"].rows}
    applied = []
    for migration in MIGRATIONS:
        if migration.__name__ in done:
            continue
        with db.atomic():
            migration(db)
            db["_migrations"].insert({"name": migration.__name__, "applied": datetime.now(UTC).isoformat()})
        applied.append(migration.__name__)
    return applied
