"""A fixture web server for crawl tests that needs more than static files.

It is tracker.sitehost's Site (a folder served with __BASE__ and __NOW__
filled in) plus: a log of every request (so a test can assert that a URL was
never fetched), conditional GETs on feeds answered with 304, /status/<code>/...
answered with that status, /slow/... slow, /endless/... a body that never
ends, /loop/... a redirect to itself, /redirect-to?url=U a redirect to U, the compressed samples of shared/corpora
with their Content-Encoding, *.xml.gz gzipped from the .xml file, and a second
version of some pages (the folder v2/) on demand. No charset in the header:
pages and feeds declare their own (or, on purpose, none).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from tracker.sitehost import Site, SiteHandler

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
COMPRESSED = CORPORA / "scrapy-samples" / "compressed"
# path -> (sample file, Content-Encoding)
ENCODED = {
    "/bomb/gzip.html": ("bomb-gzip.bin", "gzip"),
    "/bomb/br.html": ("bomb-br.bin", "br"),
    "/bomb/zstd.html": ("bomb-zstd.bin", "zstd"),
    "/bomb/deflate.html": ("bomb-deflate.bin", "deflate"),
    "/bomb/good-br.html": ("html-br.bin", "br"),
    "/bomb/good-zstd.html": ("html-zstd-static-content-size.bin", "zstd"),
}
# Documents answered with an ETag (and 304 to a matching If-None-Match): feeds and sitemaps, as news sites do.
FEED = re.compile(r"(^/feeds/|/feed\.xml$|sitemap[^/]*\.xml$)")


@dataclass
class Hit:
    started: float  # time.monotonic() when the request arrived (the wall clock may jump)
    path: str  # path and query, as requested
    headers: dict
    at: float = 0.0  # when the answer was complete; 0 while it is still being answered
    status: int = 0


class _Handler(SiteHandler):
    site: FixtureServer
    charset_header = False

    def do_GET(self):
        fx = self.site
        hit = Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
        with fx.lock:
            fx.log.append(hit)  # logged on arrival: a request still hanging is seen too
            fx.inflight += 1
            fx.max_inflight = max(fx.max_inflight, fx.inflight)
        try:
            hit.status = self.answer()
        finally:
            hit.at = time.monotonic()
            with fx.lock:
                fx.inflight -= 1

    def answer(self) -> int:
        fx = self.site
        if fx.delay:
            time.sleep(fx.delay)
        path = unquote(urlsplit(self.path).path)
        if m := re.match(r"^/status/(\d{3})/", path):
            return self.send(int(m.group(1)), b"error page", {"Content-Type": "text/html"})
        if path.startswith("/slow/"):
            time.sleep(fx.slow_seconds)
            with contextlib.suppress(OSError):  # the crawler has usually given up and closed the connection
                return self.send(200, b"<rss version='2.0'><channel><title>late</title></channel></rss>",
                                 {"Content-Type": "application/rss+xml"})
            return 0
        if path.startswith("/endless/"):
            return self.endless()
        if path.startswith("/loop/"):
            return self.send(302, b"", {"Location": path})
        if path == "/redirect-to":  # wherever ?url= says: a hostile redirect, for the address checks
            return self.send(302, b"", {"Location": parse_qs(urlsplit(self.path).query).get("url", ["/"])[0]})
        if path in ENCODED:
            name, encoding = ENCODED[path]
            return self.send(200, (COMPRESSED / name).read_bytes(),
                             {"Content-Type": "text/html", "Content-Encoding": encoding})
        gzipped = path.endswith(".xml.gz")
        status, body, headers = self.static(path.removesuffix(".gz") if gzipped else path)
        if status != 200:
            return self.send(status, body, headers)
        if gzipped:
            return self.send(200, gzip.compress(body), {"Content-Type": "application/x-gzip"})
        if FEED.search(path):
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": "Mon, 02 Feb 2026 10:00:00 GMT"})
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
        return self.send(200, body, headers)

    def endless(self) -> int:
        """A 200 with no Content-Length whose body never ends: only a client with a size cap gets out."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_536 + b"</p>\n"
        with contextlib.suppress(OSError):  # the client hangs up once it has had enough
            for _ in range(100_000):
                self.wfile.write(chunk)
        return 200


class FixtureServer(Site):
    handler = _Handler

    def __init__(self, root: Path, slow_seconds: float = 3.0, delay: float = 0.0):
        self.version = 1
        self.slow_seconds = slow_seconds
        self.delay = delay  # added to every answer, so that concurrent requests overlap
        self.log: list[Hit] = []
        self.inflight = 0
        self.max_inflight = 0
        self.lock = threading.Lock()
        super().__init__(root)

    def paths(self, since: float = 0.0) -> list[str]:
        return [h.path for h in self.log if h.started >= since]

    def hits(self, prefix: str) -> list[Hit]:
        return [h for h in self.log if h.path.startswith(prefix)]

    def max_overlap(self, exclude: tuple[str, ...] = ()) -> int:
        """The most requests that were being answered at the same moment (ignoring paths under `exclude`)."""
        events = []
        for h in self.log:
            if not h.path.startswith(exclude):
                events += [(h.started, 1), (h.at or time.monotonic(), -1)]
        most = current = 0
        for _, step in sorted(events, key=lambda e: (e[0], e[1])):
            current += step
            most = max(most, current)
        return most

    def file_for(self, path: str) -> Path | None:
        if self.version > 1:
            newer = super().file_for(f"/v{self.version}/{path.lstrip('/')}")
            if newer is not None:
                return newer
        return super().file_for(path)
