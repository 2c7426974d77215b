"""The one HTTP client outside Scrapy: `tracker discover`, `tracker inspect` and the case/bill APIs.

The spiders fetch through Scrapy. Everything else fetches a few URLs while
someone waits, one at a time, through this module, which behaves like the
crawl where it matters: the same user agent, the same size cap (also while
decompressing, so a decompression bomb is refused after at most the cap),
robots.txt judged by Protego (the parser Scrapy is configured with), and
redirects followed up to Scrapy's limit. crawlers/settings.py imports its
USER_AGENT and DOWNLOAD_MAXSIZE from here, so the two cannot drift apart.

Every failure is a FetchFailed (or a subclass) whose message is one line,
"URL: reason", in the words a user would search for.
"""

from __future__ import annotations

import os
import socket
import ssl
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit, urlunsplit

import httpx

from pipeline.collect.safety import UnresolvableHost, UnsafeURL, check_url

CONTACT_URL = os.environ.get("TRACKER_CONTACT_URL", "https://github.com/ai-copyright-tracker/tracker")
USER_AGENT = f"ai-copyright-tracker/0.1 (+{CONTACT_URL})"
# A news page is rarely above 2 MB; anything far larger is not an article (crawlers/settings.py).
DOWNLOAD_MAXSIZE = int(os.environ.get("TRACKER_MAXSIZE", str(8 * 1024 * 1024)))
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 20  # Scrapy's REDIRECT_MAX_TIMES
ERROR_BODY_BYTES = 64 * 1024  # of a 4xx/5xx answer, enough for an API's {"detail": ...}
_CHUNK = 64 * 1024


class FetchFailed(Exception):
    """The URL could not be fetched; str() is one line, "URL: reason"."""

    def __init__(self, message: str, url: str = "", status: int = 0):
        super().__init__(message)
        self.url = url
        self.status = status


class HttpStatus(FetchFailed):
    """The server answered 4xx or 5xx. `headers` and the start of `body` are kept (Retry-After, error details)."""

    def __init__(self, message: str, url: str, status: int, headers: dict[str, str], body: bytes):
        super().__init__(message, url, status)
        self.headers = headers
        self.body = body


class NoAnswer(FetchFailed):
    """No HTTP answer at all: DNS, refused, reset, timeout, TLS."""


class TooLarge(FetchFailed):
    """The body, sent or decompressed, is over the size cap."""


class Refused(FetchFailed):
    """The URL (or a redirect on the way) points somewhere the tracker does not fetch: not the public web."""


class Disallowed(FetchFailed):
    """robots.txt does not allow our user agent to fetch the URL."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes  # decompressed
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _no_answer_reason(exc: httpx.TransportError, timeout: float) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    # httpx wraps the socket error; the cause chain says which one it was.
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, socket.gaierror):
            return "DNS lookup failed"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        if isinstance(cause, TimeoutError):
            return f"timed out after {timeout:g} s"
        cause = cause.__cause__ or cause.__context__
    text = " ".join(str(exc).split())
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "DNS lookup failed"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection ({text or 'no answer'})"
    return text or type(exc).__name__


# --- decompression, capped ---------------------------------------------------------------------
# Each decoder stops as soon as the output passes max_size, so a body of a few kilobytes that
# expands to gigabytes costs at most max_size of memory. The same approach as Scrapy's own
# HttpCompressionMiddleware, which the crawl uses.

def _inflate(data: bytes, max_size: int, wbits: int) -> bytes:
    decompressor = zlib.decompressobj(wbits)
    out, size, pending = BytesIO(), 0, data
    while not decompressor.eof:
        chunk = decompressor.decompress(pending, _CHUNK)
        pending = decompressor.unconsumed_tail
        if not chunk:
            break  # all input used (a truncated body keeps what it had, as Scrapy does)
        size += len(chunk)
        if size > max_size:
            raise OverflowError(size)
        out.write(chunk)
    return out.getvalue()


def _gunzip(data: bytes, max_size: int) -> bytes:
    return _inflate(data, max_size, zlib.MAX_WBITS | 16)


def _deflate(data: bytes, max_size: int) -> bytes:
    try:
        return _inflate(data, max_size, zlib.MAX_WBITS)
    except zlib.error:  # raw deflate without the zlib header, as some servers send it
        return _inflate(data, max_size, -zlib.MAX_WBITS)


def _unbrotli(data: bytes, max_size: int) -> bytes:
    import brotli

    decompressor = brotli.Decompressor()
    out = decompressor.process(data, output_buffer_limit=_CHUNK)
    size, parts = len(out), [out]
    if size > max_size:
        raise OverflowError(size)
    while not decompressor.is_finished():
        chunk = decompressor.process(b"", output_buffer_limit=_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_size:
            raise OverflowError(size)
        parts.append(chunk)
    return b"".join(parts)


def _unzstd(data: bytes, max_size: int) -> bytes:
    try:
        from compression import zstd  # Python 3.14
    except ImportError:
        from backports import zstd
    reader = zstd.ZstdFile(BytesIO(data))
    parts, size = [], 0
    while chunk := reader.read(_CHUNK):
        size += len(chunk)
        if size > max_size:
            raise OverflowError(size)
        parts.append(chunk)
    return b"".join(parts)


DECODERS = {"gzip": _gunzip, "x-gzip": _gunzip, "deflate": _deflate, "br": _unbrotli, "zstd": _unzstd}
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def decompress(body: bytes, encodings: list[str], max_size: int, url: str = "") -> bytes:
    """Undo Content-Encoding (listed in the order applied), refusing output over max_size."""
    for encoding in reversed(encodings):
        if encoding in ("", "identity"):
            continue
        decoder = DECODERS.get(encoding)
        if decoder is None:
            raise FetchFailed(f"{url}: unsupported Content-Encoding {encoding!r}", url)
        try:
            body = decoder(body, max_size)
        except OverflowError:
            raise TooLarge(f"{url}: {encoding} body expands beyond {_mb(max_size)}, the size cap; "
                           f"refused (a decompression bomb?)", url) from None
        except Exception as exc:  # zlib.error, brotli.error, zstd errors, EOFError: all "cannot read"
            raise FetchFailed(f"{url}: {encoding} body cannot be read: {exc}", url) from None
    return body


# --- fetching ---------------------------------------------------------------------------------

_client: httpx.Client | None = None


def _check_target(request: httpx.Request) -> None:
    # httpx calls request hooks for the first request and for every redirect hop: each is checked
    # (http(s) only, every resolved address public; loopback with TRACKER_ALLOW_LOOPBACK) before it is sent.
    # As in the crawl, this checks the name's addresses before connecting; it does not pin them.
    check_url(str(request.url))


def _shared_client() -> httpx.Client:
    # One client for the process: connections to the same host are reused across calls.
    global _client
    if _client is None:
        _client = httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                               headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
                               event_hooks={"request": [_check_target]})
    return _client


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DOWNLOAD_MAXSIZE,
          headers: dict[str, str] | None = None, params: dict | None = None) -> Response:
    """GET one URL. Raises FetchFailed (or a subclass) for network errors, 4xx/5xx and oversized bodies.

    A body that is gzip without saying so (sitemap.xml.gz, or a server that gzips regardless)
    is gunzipped too, under the same cap.
    """
    if not url.startswith(("http://", "https://")):
        raise FetchFailed(f"{url}: not an http(s) URL", url)
    try:
        with _shared_client().stream("GET", url, headers=headers, params=params, timeout=timeout) as answer:
            final_url, status = str(answer.url), answer.status_code
            answer_headers = {k.lower(): v for k, v in answer.headers.items()}
            if status >= 400:
                body = _read_capped(answer, ERROR_BODY_BYTES, url, truncate=True)
                try:
                    body = decompress(body, _encodings(answer_headers), ERROR_BODY_BYTES * 16, url)
                except FetchFailed:  # a cut-off or broken error page: the status is what matters
                    body = b""
                reason = answer.reason_phrase or ""
                raise HttpStatus(f"{url}: HTTP {status} {reason}".strip(), final_url, status, answer_headers, body)
            declared = answer_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(f"{url}: larger than {_mb(max_bytes)}, the size cap "
                               f"(Content-Length {int(declared):,})", url)
            body = _read_capped(answer, max_bytes, url)
    except UnresolvableHost:
        raise NoAnswer(f"{url}: DNS lookup failed", url) from None
    except UnsafeURL as exc:
        raise Refused(f"{url}: {exc}", url) from None
    except httpx.TooManyRedirects:
        raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects", url) from None
    except httpx.UnsupportedProtocol:
        raise FetchFailed(f"{url}: redirected to a URL that is not http(s)", url) from None
    except httpx.InvalidURL as exc:
        raise FetchFailed(f"{url}: invalid URL ({exc})", url) from None
    except httpx.TransportError as exc:
        raise NoAnswer(f"{url}: {_no_answer_reason(exc, timeout)}", url) from None
    body = decompress(body, _encodings(answer_headers), max_bytes, url)
    if body[:2] == b"\x1f\x8b":
        body = decompress(body, ["gzip"], max_bytes, url)
    return Response(url=final_url, status=status, body=body, headers=answer_headers)


def _encodings(headers: dict[str, str]) -> list[str]:
    return [e.strip().lower() for e in headers.get("content-encoding", "").split(",") if e.strip()]


def _read_capped(answer: httpx.Response, max_bytes: int, url: str, truncate: bool = False) -> bytes:
    """The raw (still compressed) body, read while it streams in and abandoned once over max_bytes."""
    parts, size = [], 0
    for chunk in answer.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            if truncate:
                parts.append(chunk[: max_bytes - (size - len(chunk))])
                break
            raise TooLarge(f"{url}: larger than {_mb(max_bytes)}, the size cap", url)
        parts.append(chunk)
    return b"".join(parts)


# --- robots.txt ----------------------------------------------------------------------------------

def site_root(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


class Robots:
    """robots.txt per host, read once, judged the way the crawl judges it (Protego, our USER_AGENT)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT):
        self.timeout = timeout
        self._parsers: dict = {}
        self.notes: dict[str, str] = {}  # host root -> what happened when reading its robots.txt
        self.texts: dict[str, str] = {}

    def parser(self, url: str):
        from protego import Protego

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

    def check(self, url: str) -> None:
        """Raise Disallowed when the crawl would not fetch `url`."""
        if not self.allowed(url):
            raise Disallowed(f"{url}: disallowed by robots.txt for {USER_AGENT}", url)

    def sitemaps(self, url: str) -> list[str]:
        return list(self.parser(url).sitemaps)
