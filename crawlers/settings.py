"""Scrapy settings for the tracker's spiders.

Polite by default: robots.txt is obeyed, AutoThrottle adapts the pace to each
site, and the user agent says who we are and where to reach us. The few
tunables an operator may want come from environment variables.
"""

import os

# Defined once, with the HTTP client that `tracker discover`, `tracker inspect` and the case APIs use.
from pipeline.collect.http import CONTACT_URL, DOWNLOAD_MAXSIZE, USER_AGENT  # noqa: F401

BOT_NAME = "ai-copyright-tracker"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
# Our `scrapy crawl` refuses: crawls run through `tracker crawl` (crawlers/commands/crawl.py).
COMMANDS_MODULE = "crawlers.commands"

ROBOTSTXT_OBEY = True
# Scrapy's default parser (Protego) handles the odd robots.txt files of real news sites.
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"

# TRACKER_AUTOTHROTTLE=0 and TRACKER_DOWNLOAD_DELAY=0 are for our own loopback test sites only.
AUTOTHROTTLE_ENABLED = os.environ.get("TRACKER_AUTOTHROTTLE", "1") != "0"
AUTOTHROTTLE_START_DELAY = float(os.environ.get("TRACKER_START_DELAY", "1.0"))
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = float(os.environ.get("TRACKER_TARGET_CONCURRENCY", "2.0"))
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = int(os.environ.get("TRACKER_PER_DOMAIN", "2"))
# Scrapy 2.19's downloader overshoots the per-domain limit under the asyncio reactor; see crawlers/middlewares.py.
DOWNLOADER = "crawlers.middlewares.PoliteDownloader"
DOWNLOAD_DELAY = float(os.environ.get("TRACKER_DOWNLOAD_DELAY", "0.5"))

DOWNLOAD_TIMEOUT = float(os.environ.get("TRACKER_TIMEOUT", "30"))
# A crawl that runs past TRACKER_MAX_RUNTIME seconds is stopped: Scrapy closes the spider (what was
# fetched is stored, the run is marked interrupted, the lock released), so a stuck server cannot keep
# the lock and make every later cron run exit 75. No download runs past the limit (DeadlineMiddleware);
# should closing hang all the same, tracker/crawl.py stops the reactor TRACKER_STOP_GRACE seconds
# later. The default fits a crawl every 3 hours.
CLOSESPIDER_TIMEOUT = float(os.environ.get("TRACKER_MAX_RUNTIME", str(2 * 3600)))
TRACKER_STOP_GRACE = float(os.environ.get("TRACKER_STOP_GRACE", "60"))
# A news page is rarely above 2 MB; anything far larger is not an article. Scrapy's
# HttpCompressionMiddleware applies the same cap while decompressing, chunk by chunk,
# so a decompression bomb is refused after at most this many bytes (the bombs in
# shared/corpora expand to 11 MB). Sitemaps get their own, larger cap (pipeline/collect/sitemaps.py).
# DOWNLOAD_MAXSIZE (env TRACKER_MAXSIZE, 8 MiB) is imported above from pipeline/collect/http.py.
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = int(os.environ.get("TRACKER_RETRY_TIMES", "2"))
# 429 is not retried in the same run; its Retry-After (capped) pauses the site (crawlers/middlewares.py).
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
RETRY_AFTER_MAX = float(os.environ.get("TRACKER_RETRY_AFTER_MAX", "120"))
# Retries wait RETRY_BACKOFF_BASE seconds, then twice that, ... (crawlers/middlewares.py).
RETRY_BACKOFF_BASE = float(os.environ.get("TRACKER_RETRY_BACKOFF", "2.0"))
RETRY_BACKOFF_MAX = 60.0
# Only http and https are ever fetched: Scrapy's handlers for file:, data:, ftp: and s3: are off, so
# a link a remote site hands us can never read local files or open other protocols.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
# Every request, redirects included, must go to a public address (pipeline/collect/safety.py); the
# resolver checks again the address actually connected to. TRACKER_ALLOW_LOOPBACK=1 allows 127.0.0.1
# and ::1 (the demo and tests set it as the setting TRACKER_ALLOW_LOOPBACK); private ranges stay refused.
TWISTED_DNS_RESOLVER = "crawlers.middlewares.SafeResolver"
DOWNLOADER_MIDDLEWARES = {
    "crawlers.middlewares.SafeTargetMiddleware": 50,  # before robots.txt (100), which would fetch the host
    "crawlers.middlewares.DeadlineMiddleware": 60,  # downloads end by TRACKER_MAX_RUNTIME (before 350 sets the default)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawlers.middlewares.LoopAwareRedirectMiddleware": 600,
}

# Pages skipped as not an article or without text are not fetched again for this many days, links
# robots.txt forbids for ROBOTS_RETRY_DAYS (rules change more often); 0 tries them every run (pipeline/collect/skipped.py).
SKIP_RETRY_DAYS = float(os.environ.get("TRACKER_SKIP_RETRY_DAYS", "30"))
ROBOTS_RETRY_DAYS = float(os.environ.get("TRACKER_ROBOTS_RETRY_DAYS", "7"))

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control extension opens an HTTP port that runs code sent to it; an unattended
# cron crawl has no use for that (nor for the telnet console). Items go to SQLite through the item
# pipeline, never to feed exports.
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {"scrapy.extensions.remote_control.RemoteControl": None,
              "scrapy.extensions.telnet.TelnetConsole": None,
              "scrapy.extensions.feedexport.FeedExporter": None}
HTTPCACHE_ENABLED = os.environ.get("TRACKER_HTTPCACHE", "") == "1"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 3600

ITEM_PIPELINES = {"crawlers.pipelines.TrackerPipeline": 300}
# Spiders record feed failures themselves, so they must see 304/4xx/5xx responses.
HTTPERROR_ALLOW_ALL = False

LOG_LEVEL = os.environ.get("TRACKER_LOG_LEVEL", "WARNING")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
