"""Pages a crawl fetched (or was refused) and did not keep, remembered so later runs do not ask again.

A cron crawl meets the same listing links every run: the gallery, the video
page, the tag page that is not an article, the page without text, the link
robots.txt forbids. Without a memory each of them is fetched (and each
failure recorded) again on every run, for months. `skipped_pages` holds one
row per such URL; the spiders leave out a URL skipped within its retry
horizon, and try it again after that, so a page that later becomes an
article is then stored (which removes its row: see m007_skipped_pages).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlite_utils

from pipeline.clock import now_iso
from pipeline.collect.urls import normalize_url
from pipeline.records import Page
from pipeline.store.db import StorageError, writing

NOT_ARTICLE = "not an article"
NO_TEXT = "no text"
ROBOTS = "robots.txt"
GONE = "gone"  # a feed item whose link answered 404 or 410: the story was pulled
REASONS = (NOT_ARTICLE, NO_TEXT, ROBOTS, GONE)

log = logging.getLogger("tracker.skipped")


@dataclass(frozen=True)
class RetryHorizon:
    """How long a skipped URL is left alone, in days; 0 (or less) fetches it again on every run.

    robots.txt rules change more often than what a page is, so they get a shorter horizon.
    """

    content_days: float = 30.0
    robots_days: float = 7.0

    def days(self, reason: str) -> float:
        return self.robots_days if reason == ROBOTS else self.content_days


def remember_skipped(db: sqlite_utils.Database, url: str, source: str, reason: str, detail: str = "") -> bool:
    """Record a page that was not kept, or count it again (times + 1, last_seen = now).

    A URL whose article is stored is not recorded: a stored article refetched
    because its sitemap or feed said it changed, and now without text, stays
    stored and keeps being checked. Never raises (like record_error): a row
    that cannot be written only means the page is fetched again next run.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown skip reason {reason!r}")
    url = normalize_url(url)
    now = now_iso()
    try:
        with writing(db):
            cursor = db.execute(
                "insert into skipped_pages (url, source, reason, detail, first_seen, last_seen, times) "
                "select ?, ?, ?, ?, ?, ?, 1 where not exists (select 1 from article_urls where url = ?) "
                "on conflict (url) do update set source = excluded.source, reason = excluded.reason, "
                "detail = excluded.detail, last_seen = excluded.last_seen, times = times + 1",
                [url, source, reason, detail[:500], now, now, url])
        return cursor.rowcount > 0
    except (StorageError, sqlite3.Error) as exc:
        log.error("%s (while remembering skipped page %s)", exc, url)
        return False


def remember_skipped_page(db: sqlite_utils.Database, page: Page, reason: str, detail: str = "") -> bool:
    """remember_skipped for a fetched page that gave no article (called by the crawl's item pipeline).

    A page made from a feed's own content (via "feed-content") was never
    fetched: its URL failed for another reason (a timeout, a 500), which must
    not keep it away for a month; only a link that answered 404 or 410 (gone)
    is remembered. Recorded under the URL that answered (after redirects), like
    the URLs of stored articles.
    """
    if page.via == "feed-content" and reason != GONE:
        return False
    return remember_skipped(db, page.url, page.source, reason, detail)


def recently_skipped(db: sqlite_utils.Database, urls: list[str], horizon: RetryHorizon,
                     changed_since: dict[str, str] | None = None, now: datetime | None = None) -> dict[str, str]:
    """Of these normalized URLs, the ones not to fetch again yet: url -> reason.

    A URL is left out while it was last skipped within its reason's horizon,
    unless `changed_since` (url -> when a sitemap or feed says the page
    changed, UTC ISO) is later than that: a changed page may be an article
    now. robots.txt refusals ignore `changed_since` (the page is not the
    question). A URL whose article is stored is never left out here.
    """
    now = now or datetime.now(UTC)
    changed_since = changed_since or {}
    cutoffs = {reason: (now - timedelta(days=horizon.days(reason))).replace(microsecond=0).isoformat()
               for reason in REASONS if horizon.days(reason) > 0}
    if not cutoffs or not urls:
        return {}
    found: dict[str, str] = {}
    urls = list(dict.fromkeys(urls))
    for start in range(0, len(urls), 500):
        chunk = urls[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for url, reason, last_seen in db.execute(
                f"select s.url, s.reason, s.last_seen from skipped_pages s where s.url in ({marks}) "
                f"and not exists (select 1 from article_urls u where u.url = s.url)", chunk):
            cutoff = cutoffs.get(reason)
            if cutoff is None or not last_seen or last_seen <= cutoff:
                continue  # its horizon is over (or retrying is switched off): fetch it again
            changed = changed_since.get(url)
            if reason != ROBOTS and changed and changed > last_seen:
                continue
            found[url] = reason
    return found
