"""`scrapy crawl` refuses, in one line, and names the command that crawls.

A tracker crawl is more than a Scrapy crawl: the sources file, the run's row in crawl_runs,
the lock that keeps cron runs apart, the ingestion into the database and the published
snapshot are all `tracker crawl`'s (tracker/crawl.py). Run by Scrapy alone, the spider would
have no sources and nowhere to store; it used to finish at once having done nothing, which
looks like success. scrapy.cfg stays for `scrapy shell`, `scrapy fetch` and `scrapy list`.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl

MESSAGE = ("scrapy crawl does not run the tracker: its spiders need the sources file, the database and the run "
           "log that `tracker crawl` provides; run `tracker crawl` (see `tracker crawl --help`)")


class Command(ScrapyCrawl):
    requires_crawler_process = False  # nothing is crawled, so no reactor is started

    def short_desc(self) -> str:
        return "Refuses: crawls run through `tracker crawl`"

    def run(self, args, opts) -> None:
        print(f"Error: {MESSAGE}", file=sys.stderr)
        self.exitcode = 1
