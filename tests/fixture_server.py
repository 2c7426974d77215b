"""A fixture web server for crawl tests that needs more than static files.

On top of serving a folder with __BASE__ substitution (like tracker.sitehost),
it keeps a log of every request (so a test can assert that a URL was never
fetched), answers conditional GETs on feeds with 304, answers /status/<code>/...
with that status, is slow on /slow/..., serves the compressed samples of
shared/corpora with their Content-Encoding, gzips *.xml.gz from the .xml file,
and switches to a second version of some pages (the folder v2/) on demand.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import mimetypes
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
FEED = re.compile(r"(^/feeds/|/feed\.xml$)")


@dataclass
class Hit:
    started: float  # time.monotonic() when the request arrived (the wall clock may jump)
    path: str  # path and query, as requested
    headers: dict
    at: float = 0.0  # when the answer was complete; 0 while it is still being answered
    status: int = 0


class FixtureServer:
    def __init__(self, root: Path, slow_seconds: float = 3.0, delay: float = 0.0):
        self.root = Path(root).resolve()
        self.version = 1
        self.slow_seconds = slow_seconds
        self.delay = delay  # added to every answer, so that concurrent requests overlap
        self.log: list[Hit] = []
        self.inflight = 0
        self.max_inflight = 0
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"fixture": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

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

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def file_for(self, path: str) -> Path | None:
        candidates = []
        if self.version > 1:
            candidates.append(self.root / f"v{self.version}" / path.lstrip("/"))
        candidates.append(self.root / path.lstrip("/"))
        for target in candidates:
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if self.root in target.parents and target.is_file():
                return target
        return None


class _Handler(BaseHTTPRequestHandler):
    fixture: FixtureServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):
        pass

    def handle(self):
        with contextlib.suppress(ConnectionError):  # a client that hangs up is not the test's concern
            super().handle()

    def do_GET(self):
        fx = self.fixture
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

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> int:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)
        return status

    def answer(self) -> int:
        fx = self.fixture
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
        if path in ENCODED:
            name, encoding = ENCODED[path]
            return self.send(200, (COMPRESSED / name).read_bytes(),
                             {"Content-Type": "text/html", "Content-Encoding": encoding})
        gzipped = path.endswith(".xml.gz")
        target = fx.file_for(path.removesuffix(".gz") if gzipped else path)
        if target is None:
            return self.send(404, b"not found", {"Content-Type": "text/html"})
        body = target.read_bytes()
        if target.suffix in (".html", ".xml", ".txt"):
            now = datetime.now(UTC).replace(microsecond=0).isoformat()
            body = body.replace(b"__BASE__", fx.base_url.encode()).replace(b"__NOW__", now.encode())
        if gzipped:
            return self.send(200, gzip.compress(body), {"Content-Type": "application/x-gzip"})
        # No charset in the header: pages and feeds declare their own (or, on purpose, none).
        ctype = {".xml": "application/xml", ".txt": "text/plain"}.get(target.suffix) or \
            mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = {"Content-Type": ctype}
        if FEED.search(path):
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": "Mon, 02 Feb 2026 10:00:00 GMT"})
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", {"ETag": etag})
        return self.send(200, body, headers)
