"""Dates, bylines and titles of stored articles, read again (`tracker reprocess`).

Extraction decides them when a page is stored; when the rules change (issue 19: the offset of a
publication time, clean bylines, titles without the site's name), stored rows are brought up to date
here. A row whose raw HTML is kept is extracted again from it (the text stays as stored: its hash
identifies the article); one without gets what can be derived from its row: its authors cleaned, its
title without the site's name, and its date as stored (UTC stands in for the offset it no longer has).
"""

from __future__ import annotations

import gzip
import json

from pipeline.records import Page
from pipeline.understand.bylines import clean_authors
from pipeline.understand.dates import local_date
from pipeline.understand.extract import ExtractError, extract_article
from pipeline.understand.titles import strip_site_name


def _from_raw(row: dict) -> dict | None:
    page = Page(url=row["fetched_url"] or row["url"], body=gzip.decompress(row["html_gz"]), source=row["source"] or "",
                via="reprocess", fetched=row["fetched"] or "", language_hint=row["source_language"],
                timezone=row["timezone"])
    try:
        article = extract_article(page)
    except (ExtractError, ValueError, OSError):
        return None
    if not article.published:
        return None  # a date the row had from its feed entry, which is not kept: leave the row's
    return {"title": article.title, "authors": article.authors, "published": article.published,
            "published_at": article.published_at, "published_from": article.published_from}


def refresh_page_facts(db, batch_size: int = 200) -> int:
    """Bring every stored article's date, authors and title up to the current rules; returns how many changed."""
    changed, last = 0, 0
    while True:
        rows = list(db.query(
            "select a.id, a.url, a.fetched_url, a.title, a.authors, a.published, a.published_at, a.published_from,"
            " a.published_local_date, a.fetched, s.name as source, s.language as source_language, s.timezone,"
            " r.html_gz from articles a left join sources s on s.id = a.source_id"
            " left join raw_pages r on r.article_id = a.id where a.id > ? order by a.id limit ?", [last, batch_size]))
        if not rows:
            return changed
        last = rows[-1]["id"]
        with db.atomic():
            for row in rows:
                found = _from_raw(row) if row["html_gz"] else None
                site = (row["source"], row["fetched_url"] or row["url"])
                if found is None:
                    found = {"title": strip_site_name(row["title"] or "", site),
                             "authors": clean_authors(json.loads(row["authors"] or "[]"), site),
                             "published": row["published"], "published_at": row["published_at"] or row["published"],
                             "published_from": row["published_from"]}
                found["authors"] = json.dumps(found["authors"], ensure_ascii=False)
                found["published_local_date"] = local_date(found["published_at"])
                if any(found[key] != row[key] for key in found):
                    db["articles"].update(row["id"], found)
                    changed += 1
