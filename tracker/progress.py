"""Progress of an interactive crawl: one live status line, then a line per source.

Shown only when a person is watching (stdout is a terminal). Under cron the
crawl prints nothing but its final summary line and errors, so cron mails
only what matters.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from scrapy import signals

from pipeline.records import FetchError, Page


class Progress:
    """Listens to the crawlers' signals and redraws one status line every second."""

    def __init__(self, crawlers, stream, interval: float = 1.0):
        self.crawlers = crawlers
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.pages: Counter = Counter()
        self.errors: Counter = Counter()
        self.sources: dict[str, set] = defaultdict(set)  # source -> spiders still working on it
        self.running = len(crawlers)
        self.loop = None
        for crawler in crawlers:
            crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider):
        for source in getattr(spider, "sources", []):
            self.sources[source.name].add(spider.name)
        if self.loop is None:
            # Imported here: by now Scrapy has installed its reactor, so this does not install another.
            from twisted.internet import task

            self.loop = task.LoopingCall(self.draw)
            self.loop.start(self.interval, now=False)

    def item_scraped(self, item, spider):
        if isinstance(item, Page):
            self.pages[item.source] += 1
        elif isinstance(item, FetchError):
            self.errors[item.source] += 1

    def spider_closed(self, spider, reason):
        self.running -= 1
        for source in getattr(spider, "sources", []):
            waiting = self.sources.get(source.name)
            if waiting is None:
                continue
            waiting.discard(spider.name)
            if not waiting:  # every spider that had this source is done: its line is final
                self.clear()
                self.stream.write(f"  {source.name}: {_count(self.pages[source.name], 'page')}, "
                                  f"{_count(self.errors[source.name], 'error')}\n")
                del self.sources[source.name]
        if self.running <= 0 and self.loop is not None and self.loop.running:
            self.loop.stop()
            self.clear()
        self.stream.flush()

    def stats(self, key: str) -> int:
        return sum(c.stats.get_value(f"tracker/{key}", 0) or 0 for c in self.crawlers)

    def draw(self):
        elapsed = int(time.monotonic() - self.started)
        line = (f"crawling {_count(len(self.sources), 'source')}: {_count(sum(self.pages.values()), 'page')}, "
                f"{_count(self.stats('articles_new'), 'new article')}, {_count(sum(self.errors.values()), 'error')}, "
                f"{elapsed // 60}:{elapsed % 60:02d}")
        self.stream.write("\r" + line[:119].ljust(80))
        self.stream.flush()

    def clear(self):
        self.stream.write("\r" + " " * 80 + "\r")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
