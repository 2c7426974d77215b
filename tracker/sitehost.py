"""Serving a folder of static pages on 127.0.0.1: the bundled sample site, and test fixture sites.

The placeholders __BASE__ and __NOW__ in .html, .xml and .txt files become
the server's own address (http://127.0.0.1:PORT) and the current time, so
feeds, sitemaps and canonical links are absolute and correct whatever free
port the server got, and dates are fresh. tests/fixture_server.py builds on
this server for the crawl tests' special behaviours.
"""

from __future__ import annotations

import contextlib
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.clock import now_iso

SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_site"
SUBSTITUTED = {".html", ".htm", ".xml", ".txt", ".rss", ".atom", ""}
TYPES = {".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml"}


class SiteHandler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.0"
    # Pages declare their own charset in <meta>; feeds, sitemaps and text get "; charset=utf-8" unless
    # the server is told to leave it out (test sites whose feeds declare their own, or on purpose none).
    charset_header = True

    def log_message(self, format, *args):  # quiet: tests and the demo print their own progress
        pass

    def handle(self):
        with contextlib.suppress(ConnectionError):  # a client that hangs up is not the server's concern
            super().handle()

    def do_GET(self):
        self.answer()

    def answer(self) -> int:
        status, body, headers = self.static(unquote(urlsplit(self.path).path))
        return self.send(status, body, headers)

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> int:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)
        return status

    def static(self, path: str) -> tuple[int, bytes, dict]:
        """The file at `path`, placeholders filled in: (status, body, headers)."""
        target = self.site.file_for(path)
        if target is None:
            return 404, b"not found", {"Content-Type": "text/html"}
        body = target.read_bytes()
        if target.suffix in SUBSTITUTED:
            body = body.replace(b"__BASE__", self.site.base_url.encode())
            if b"__NOW__" in body:
                body = body.replace(b"__NOW__", now_iso().encode())
        ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if self.charset_header and target.suffix in (".xml", ".txt") and "charset" not in ctype:
            ctype = f"{ctype}; charset=utf-8"
        return 200, body, {"Content-Type": ctype}


class Site:
    """A running static site; `with Site(root) as site:` stops it afterwards."""

    handler = SiteHandler

    def __init__(self, root: str | Path, host: str = "127.0.0.1", port: int = 0):
        self.root = Path(root).resolve()
        handler = type("Handler", (self.handler,), {"site": self})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.base_url = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def file_for(self, path: str) -> Path | None:
        """The file a URL path names (index.html for a folder), never one outside the root."""
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if (self.root in target.parents) and target.is_file():
            return target
        return None

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
