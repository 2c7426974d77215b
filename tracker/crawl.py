"""Running a crawl: sources file -> the three spiders -> the working database -> the published snapshot."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.relevance import load_topics
from pipeline.sources import load_sources
from pipeline.storage import (
    RUN_COUNTERS, finish_run, mark_abandoned_runs, open_db, publish_snapshot, start_run, sync_sources, sync_topics,
)


@dataclass
class CrawlResult:
    run_id: int
    status: str
    counts: Counter = field(default_factory=Counter)
    snapshot: Path | None = None


def published_path(db_path: str | Path) -> Path:
    """data/tracker.db -> data/published/tracker.db: the copy Datasette serves.

    The snapshot keeps the working file's name because Datasette names a
    database after its file, and metadata.yaml describes the database "tracker".
    """
    db_path = Path(db_path)
    return db_path.parent / "published" / db_path.name


def scrapy_settings(overrides: dict | None = None):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(sources_file: str | Path, db_path: str | Path, base: str | None = None,
              settings: dict | None = None, model: str | None = None, publish: bool = True) -> CrawlResult:
    """Crawl every source once. Dead sources are recorded, not fatal.

    Raises SourcesError / StorageError when the run cannot start at all.
    """
    from scrapy.crawler import CrawlerProcess

    from crawlers.spiders.feeds import FeedSpider
    from crawlers.spiders.listings import ListingSpider
    from crawlers.spiders.sitemaps import SitemapSpider

    sources = load_sources(sources_file, base=base)
    db = open_db(db_path)
    try:
        sync_sources(db, sources)
        sync_topics(db, load_topics())
        mark_abandoned_runs(db)
        run_id = start_run(db, len(sources))
    finally:
        db.close()

    process = CrawlerProcess(scrapy_settings(settings))
    logging.getLogger("scrapy").propagate = True
    plan = [
        (FeedSpider, [s for s in sources if s.feeds]),
        (SitemapSpider, [s for s in sources if s.sitemaps]),
        (ListingSpider, [s for s in sources if s.listings]),
    ]
    for spider_cls, spider_sources in plan:
        if spider_sources:
            process.crawl(spider_cls, sources=spider_sources, db_path=str(db_path), run_id=run_id, model=model)
    crawlers = list(process.crawlers)
    process.start()

    counts: Counter = Counter()
    fatal = []
    for crawler in crawlers:
        for key, value in crawler.stats.get_stats().items():
            if key.startswith("tracker/") and isinstance(value, int):
                counts[key.removeprefix("tracker/")] += value
        if crawler.stats.get_value("tracker/fatal"):
            fatal.append(crawler.stats.get_value("tracker/fatal"))
    status = "failed" if fatal else "completed"
    db = open_db(db_path)
    try:
        finish_run(db, run_id, status, {k: counts.get(k, 0) for k in RUN_COUNTERS}, "; ".join(fatal))
    finally:
        db.close()
    snapshot = publish_snapshot(db_path, published_path(db_path)) if publish else None
    return CrawlResult(run_id=run_id, status=status, counts=counts, snapshot=snapshot)
