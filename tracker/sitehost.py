"""Serving a folder of static pages on 127.0.0.1: the bundled sample site, and test fixture sites.

The placeholder __BASE__ in .html, .xml and .txt files becomes the server's
own address (http://127.0.0.1:PORT), so feeds, sitemaps and canonical links
are absolute and correct whatever free port the server got.
"""

from __future__ import annotations

import mimetypes
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_site"
SUBSTITUTED = {".html", ".htm", ".xml", ".txt", ".rss", ".atom", ""}
TYPES = {".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml"}


class SiteHandler(SimpleHTTPRequestHandler):
    root: Path
    base: str

    def log_message(self, format, *args):  # quiet: tests and the demo print their own progress
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in target.parents and target != self.root:
            self.send_error(404)
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            self.send_error(404, "Not Found")
            return
        body = target.read_bytes()
        if target.suffix in SUBSTITUTED and b"__BASE__" in body:
            body = body.replace(b"__BASE__", self.base.encode())
        ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix in (".html", ".htm", ".xml", ".txt") and "charset" not in ctype:
            # Pages declare their own charset in <meta>; the header stays neutral so that wins.
            ctype = ctype if target.suffix in (".html", ".htm") else f"{ctype}; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Site:
    """A running static site; `with Site(root) as site:` stops it afterwards."""

    def __init__(self, root: str | Path, host: str = "127.0.0.1", port: int = 0):
        root = Path(root).resolve()
        handler = type("Handler", (SiteHandler,), {"root": root, "base": ""})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.base_url = f"http://{host}:{self.server.server_address[1]}"
        handler.base = self.base_url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
