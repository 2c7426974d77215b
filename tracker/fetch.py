"""Fetching a handful of URLs for `tracker discover` and `tracker inspect`.

These commands fetch a few pages while someone waits at the terminal, so a
plain blocking urllib GET is the simple choice here. The spiders never use
this: they fetch through Scrapy. What the crawl would do is copied instead:
the same user agent, the same size cap, and robots.txt read by Protego, the
parser Scrapy is configured with.
"""

from __future__ import annotations

import gzip
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from crawlers.settings import DOWNLOAD_MAXSIZE, USER_AGENT

DEFAULT_TIMEOUT = 15.0


class FetchFailed(Exception):
    """The URL could not be fetched; the message is one line for the user."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _reason(exc: BaseException, timeout: float) -> str:
    """One line that says what went wrong, in the words a user would search for."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}".strip()
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, socket.gaierror):
        return "DNS lookup failed"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return f"{type(exc).__name__}: {exc}"


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DOWNLOAD_MAXSIZE) -> Response:
    """GET one URL. Raises FetchFailed for network errors, HTTP errors (4xx/5xx) and oversized bodies."""
    if not url.startswith(("http://", "https://")):
        raise FetchFailed(f"{url}: not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(max_bytes + 1)
            final_url, status = answer.geturl(), answer.status
            headers = {k.lower(): v for k, v in answer.headers.items()}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchFailed(f"{url}: {_reason(exc, timeout)}") from None
    except Exception as exc:  # http.client's odd ones (BadStatusLine, IncompleteRead): still one line
        raise FetchFailed(f"{url}: {type(exc).__name__}: {exc}") from None
    if len(body) > max_bytes:
        raise FetchFailed(f"{url}: larger than {max_bytes // (1024 * 1024)} MB, the crawl's size cap")
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz and servers that gzip regardless of Accept-Encoding
        try:
            body = gzip.decompress(body)[: max_bytes + 1]
        except (OSError, EOFError) as exc:
            raise FetchFailed(f"{url}: gzip body cannot be read: {exc}") from None
    return Response(url=final_url, status=status, body=body, headers=headers)


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


class Robots:
    """robots.txt per host, read once, judged the way the crawl judges it (Protego, our USER_AGENT)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT):
        self.timeout = timeout
        self._parsers: dict[str, Protego] = {}
        self.notes: dict[str, str] = {}  # host root -> what happened when reading its robots.txt
        self.texts: dict[str, str] = {}

    def parser(self, url: str) -> Protego:
        root = site_root(url)
        if root not in self._parsers:
            text = ""
            try:
                answer = fetch(root + "robots.txt", timeout=self.timeout, max_bytes=1024 * 1024)
                text = answer.body.decode("utf-8", "replace")
                self.notes[root] = f"{root}robots.txt read ({len(text.splitlines())} lines)"
            except FetchFailed as exc:
                # As Scrapy does: a missing or unreachable robots.txt allows everything.
                self.notes[root] = f"no robots.txt ({str(exc).split(': ', 1)[-1]}): everything allowed"
            self.texts[root] = text
            self._parsers[root] = Protego.parse(text)
        return self._parsers[root]

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(url, USER_AGENT)

    def sitemaps(self, url: str) -> list[str]:
        return list(self.parser(url).sitemaps)
