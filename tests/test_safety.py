"""Only the public web is fetched: http(s) to public addresses, whatever a remote site points the crawler at.

A hostile site on 127.0.0.1 (loopback allowed for it) points a feed entry, a
sitemap <loc>, a 302 redirect, a homepage <link rel=alternate> and robots.txt
`Sitemap:` lines at private, link-local, file: and ftp: targets: each is
refused before any connection and recorded in `errors`, and the site's good
links are still fetched. With loopback not allowed, every spelling of it is
refused, and the fixture server sees no request at all.

The refused addresses are never connected to: the check runs before the
request is sent, and the crawls here go through a proxy address that is a
closed port on 127.0.0.1, so even a broken check could not reach 10.x or
169.254.x (Scrapy sends every non-loopback request to that proxy).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawlers.middlewares import SafeResolver
from pipeline.collect import safety
from pipeline.collect.safety import UnresolvableHost, UnsafeURL, check_url, refusal, split_target
from tests.conftest import FAST, free_port, run_tracker

# --- check_url: every form ------------------------------------------------------------------------

LOOPBACK = ["http://127.0.0.1/", "http://127.0.0.1:2375/containers/json", "http://[::1]/", "http://[::1]:8001/",
            "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://0177.0.0.1/", "http://localhost:8001/",
            "http://[::ffff:127.0.0.1]/", "http://[2002:7f00:1::]/"]
NEVER = {
    "http://10.0.0.1/": "private",
    "http://192.168.1.1/": "private",
    "http://172.16.0.1/": "private",
    "http://[fd00::1]/": "private",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://[fe80::1]/": "link-local",
    "http://0.0.0.0:8001/": "unspecified",
    "http://[::]/": "unspecified",
    "http://224.0.0.1/": "multicast",
    "http://[ff02::1]/": "multicast",
    "http://240.0.0.1/": "reserved",
    "http://100.64.0.1/": "not a public address",
    "http://[::ffff:10.0.0.1]/": "private",
    "http://167772161/": "private",  # 10.0.0.1 in decimal
    "http://0xa9fea9fe/": "link-local",  # 169.254.169.254 in hex
    "file:///etc/passwd": "scheme file:",
    "ftp://example.com/feed.xml": "scheme ftp:",
    "data:text/html,<p>x": "scheme data:",
    "s3://bucket/key": "scheme s3:",
    "gopher://example.com/": "scheme gopher:",
    "http://example.com:99999/feed.xml": "Port out of range",
    "http://[::1/feed.xml": "Invalid IPv6 URL",
    "http://exa mple.com/": "whitespace",
    "http:///path-only": "no host",
}


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_is_refused_unless_allowed(url):
    with pytest.raises(UnsafeURL, match="loopback address"):
        check_url(url, allow_loopback=False)
    assert check_url(url, allow_loopback=True)


@pytest.mark.parametrize("url,reason", NEVER.items())
def test_never_fetched_even_with_loopback_allowed(url, reason):
    with pytest.raises(UnsafeURL, match=reason) as raised:
        check_url(url, allow_loopback=True)
    assert "\n" not in str(raised.value)


def test_public_addresses_pass():
    assert check_url("http://93.184.215.14/", allow_loopback=False) == ["93.184.215.14"]
    assert check_url("https://[2606:4700:4700::1111]:8443/x", allow_loopback=False) == ["2606:4700:4700::1111"]


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in answers[host]]
    monkeypatch.setattr(safety.socket, "getaddrinfo", getaddrinfo)


def test_a_name_is_judged_by_every_address_it_resolves_to(monkeypatch):
    fake_dns(monkeypatch, {"metadata.google.internal": ["169.254.169.254"],
                           "mixed.example": ["93.184.215.14", "10.1.2.3"],  # one public, one private: refused
                           "v6only.example": ["::1"],
                           "news.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]})
    with pytest.raises(UnsafeURL, match="metadata.google.internal resolves to 169.254.169.254, a link-local"):
        check_url("http://metadata.google.internal/computeMetadata/v1/", allow_loopback=True)
    with pytest.raises(UnsafeURL, match="mixed.example resolves to 10.1.2.3, a private address"):
        check_url("https://mixed.example/feed", allow_loopback=True)
    with pytest.raises(UnsafeURL, match="loopback"):
        check_url("http://v6only.example/", allow_loopback=False)
    assert len(check_url("https://news.example/", allow_loopback=False)) == 2
    with pytest.raises(UnresolvableHost, match="DNS lookup failed for nowhere.invalid"):
        check_url("http://nowhere.invalid/")


def test_the_environment_decides_when_not_told(monkeypatch):
    monkeypatch.setenv("TRACKER_ALLOW_LOOPBACK", "1")
    assert check_url("http://127.0.0.1:9/")
    with pytest.raises(UnsafeURL, match="private"):
        check_url("http://10.0.0.1/")
    monkeypatch.setenv("TRACKER_ALLOW_LOOPBACK", "0")
    with pytest.raises(UnsafeURL, match="loopback"):
        check_url("http://127.0.0.1:9/")


def test_split_target_gives_the_default_ports():
    assert split_target("http://example.com/x") == ("example.com", 80)
    assert split_target("HTTPS://Example.com/x") == ("example.com", 443)
    assert split_target("http://[2001:db8::1]:8080/") == ("2001:db8::1", 8080)


def test_the_resolver_checks_the_address_actually_connected_to():
    """DNS rebinding: a name that passed the check but answers 10.x when connecting is still refused."""
    from twisted.internet.error import DNSLookupError

    resolver = SafeResolver.__new__(SafeResolver)
    resolver.allow = False
    assert resolver.checked("93.184.215.14", "news.example") == "93.184.215.14"
    for address in ("10.0.0.1", "169.254.169.254", "127.0.0.1"):
        with pytest.raises(DNSLookupError, match=address):
            resolver.checked(address, "rebind.example")
    resolver.allow = True
    assert resolver.checked("127.0.0.1", "localhost") == "127.0.0.1"
    with pytest.raises(DNSLookupError):
        resolver.checked("10.0.0.1", "rebind.example")


def test_refusal_names_the_kind_of_address():
    assert refusal("8.8.8.8", allow_loopback=False) is None
    assert refusal("127.0.0.1", allow_loopback=True) is None
    assert refusal("10.0.0.1", allow_loopback=True) == "a private address"


# --- crawls of a hostile site ---------------------------------------------------------------------

ARTICLE = ("<html><head><title>{0}</title></head><body><article><h1>{0}</h1><p>"
           + "Generative AI training on copyrighted works was argued in court today. " * 12
           + "</p></article></body></html>")


def hostile_pages(base: str) -> dict[str, tuple[int, dict, str]]:
    """path -> (status, headers, body) of a site that points the crawler at forbidden targets."""
    item = "<item><title>{0}</title><link>{1}</link><guid>{1}</guid></item>"
    entries = [("Good one", f"{base}/articles/good-1.html"),
               ("Private", "http://10.0.0.1/admin"),
               ("Metadata", "http://169.254.169.254/latest/meta-data/"),
               ("Bad port", f"{base.rsplit(':', 1)[0]}:99999/articles/x.html"),
               ("Broken IPv6", "http://[::1/feed.xml"),
               ("Local file", "file:///etc/passwd"),
               ("FTP", "ftp://10.0.0.5/pub/"),
               ("Redirected", f"{base}/redirect"),
               ("Loop", f"{base}/loop-a"),
               ("Rate limited", f"{base}/limited.html"),
               ("Huge", f"{base}/huge.html"),
               ("Good two", f"{base}/articles/good-2.html")]
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>' + base + "</link>"
            + "".join(item.format(t, u) for t, u in entries) + "</channel></rss>")
    sitemap = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               + "".join(f"<url><loc>{u}</loc></url>" for u in
                         ["http://169.254.169.254/latest/user-data", f"{base}/articles/good-3.html",
                          "ftp://10.0.0.6/sitemap-entry", "http://[::1/x"])
               + "</urlset>")
    home = ("<html><head><title>Home</title>"
            '<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">'
            '<link rel="alternate" type="application/rss+xml" href="ftp://10.0.0.7/feed.xml">'
            '<link rel="alternate" type="application/atom+xml" href="http://10.0.0.8/feed.xml">'
            "</head><body><p>home</p></body></html>")
    robots = ("User-agent: *\nAllow: /\n"
              "Sitemap: file:///etc/hosts\nSitemap: http://169.254.169.254/sitemap.xml\nSitemap: http://[::1/s.xml\n")
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, feed),
        "/sitemap.xml": (200, {"Content-Type": "application/xml"}, sitemap),
        "/home/": (200, html, home),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, robots),
        "/redirect": (302, {"Location": "http://10.0.0.2/secret"}, ""),
        "/loop-a": (302, {"Location": f"{base}/loop-b"}, ""),
        "/loop-b": (302, {"Location": f"{base}/loop-a"}, ""),
        "/limited.html": (429, {"Retry-After": "3600"}, ""),
        **{f"/articles/good-{i}.html": (200, html, ARTICLE.format(f"Good article {i}")) for i in (1, 2, 3)},
    }


class HostileSite:
    def __init__(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                if self.path == "/huge.html":  # no Content-Length: the size is known only while reading
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(40):
                        self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
                    return
                status, headers, body = site.pages.get(self.path, (404, {}, "not found"))
                data = body.encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.hits: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.pages = hostile_pages(self.base_url)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def no_way_out() -> dict:
    """Send anything not on loopback to a closed local port: a broken check fails the test, nothing leaks."""
    proxy = f"http://127.0.0.1:{free_port()}"
    return {"http_proxy": proxy, "https_proxy": proxy, "no_proxy": "127.0.0.1,localhost,::1"}


def crawl(tmp_path, sources: str, **env) -> tuple[object, list[tuple[str, str, str]], list[str]]:
    (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
    db = tmp_path / "tracker.db"
    result = run_tracker("crawl", "--sources", str(tmp_path / "sources.yaml"), "--db", str(db), "--no-publish",
                         env={**FAST, "TRACKER_NER_WORKERS": "0", "TRACKER_TIMEOUT": "5",
                              "TRACKER_RETRY_TIMES": "0", "TRACKER_RETRY_AFTER_MAX": "1", **no_way_out(), **env})
    conn = sqlite3.connect(db)
    errors = conn.execute("select stage, url, message from errors").fetchall()
    urls = [row[0] for row in conn.execute("select url from articles")]
    conn.close()
    return result, errors, urls


def message_for(errors, url_part: str) -> str:
    found = [m for _, u, m in errors if url_part in u]
    assert found, f"no error recorded for {url_part}: {errors}"
    return found[0]


@pytest.mark.slow
def test_a_hostile_site_cannot_point_the_crawler_at_internal_targets(tmp_path):
    with HostileSite() as site:
        sources = f"""sources:
  - name: Hostile feed
    feeds: [{site.base_url}/feed.xml]
  - name: Hostile sitemap
    sitemaps: [{site.base_url}/sitemap.xml]
  - name: Hostile homepage
    homepage: {site.base_url}/home/
"""
        result, errors, urls = crawl(tmp_path, sources, TRACKER_MAXSIZE="100000", TRACKER_RETRY_TIMES="2",
                                     TRACKER_RETRY_AFTER_MAX="2")
        hits = list(site.hits)
    assert result.returncode == 0, result.stdout + result.stderr
    # The good links around the bad ones were all fetched: one bad link loses nothing else.
    for i in (1, 2, 3):
        assert f"/articles/good-{i}.html" in hits
    # Each forbidden target is one row in `errors`, saying why.
    assert "private address" in message_for(errors, "10.0.0.1/admin")
    assert "link-local" in message_for(errors, "169.254.169.254/latest/meta-data")
    assert "link-local" in message_for(errors, "169.254.169.254/latest/user-data")
    assert "Port out of range" in message_for(errors, ":99999/")
    assert "Invalid IPv6 URL" in message_for(errors, "http://[::1/x")  # feedparser itself drops it from a feed
    assert "scheme file:" in message_for(errors, "file://etc/passwd")  # as feedparser resolves it
    assert "scheme ftp:" in message_for(errors, "ftp://10.0.0.5/")
    # The redirect target is checked like any other request.
    assert "/redirect" in hits
    assert "10.0.0.2 is a private address" in message_for(errors, "http://10.0.0.2/secret")
    # Homepage discovery: the alternate links, and robots.txt's Sitemap: lines.
    assert "scheme ftp:" in message_for(errors, "ftp://10.0.0.7/")
    assert "private address" in message_for(errors, "http://10.0.0.8/feed.xml")
    assert "scheme file:" in message_for(errors, "file:///etc/hosts")
    assert "link-local" in message_for(errors, "169.254.169.254/sitemap.xml")
    assert "Invalid IPv6 URL" in message_for(errors, "http://[::1/s.xml")
    # A redirect loop is one error, not a link that silently vanishes.
    assert "redirect loop" in message_for(errors, "/loop-")
    # A 429 is recorded and not asked again in the same run (its Retry-After is an hour).
    assert hits.count("/limited.html") == 1
    assert "HTTP 429" in message_for(errors, "/limited.html")
    # A body growing past the size limit says so.
    assert "larger than TRACKER_MAXSIZE (100000 bytes)" in message_for(errors, "/huge.html")
    # Nothing but the fixture's own pages was stored.
    assert urls and all(u.startswith(site.base_url) for u in urls), urls
    assert all("\n" not in m and "Traceback" not in m for _, _, m in errors)


@pytest.mark.slow
def test_loopback_in_every_spelling_is_refused_by_default(tmp_path):
    with HostileSite() as site:
        port = site.port
        spellings = [f"http://127.0.0.1:{port}/feed.xml", f"http://[::1]:{port}/feed.xml",
                     f"http://2130706433:{port}/feed.xml", f"http://0x7f000001:{port}/feed.xml",
                     f"http://localhost:{port}/feed.xml", f"http://127.1:{port}/feed.xml"]
        sources = "sources:\n  - name: Loopback\n    feeds:\n" + "".join(f"      - {u}\n" for u in spellings)
        result, errors, urls = crawl(tmp_path, sources, TRACKER_ALLOW_LOOPBACK="0")
        assert site.hits == []  # refused before connecting: the server never saw a request
        assert result.returncode == 0, result.stderr
        for url in spellings:
            assert "loopback address" in message_for(errors, url.split("/feed")[0])
        assert urls == []
        # The same crawl with --allow-loopback reads the feed.
        (tmp_path / "tracker.db").unlink()
        db = tmp_path / "again.db"
        allowed = run_tracker("crawl", "--allow-loopback", "--sources", str(tmp_path / "sources.yaml"),
                              "--db", str(db), "--no-publish",
                              env={**FAST, "TRACKER_ALLOW_LOOPBACK": "0", "TRACKER_NER_WORKERS": "0",
                                   "TRACKER_RETRY_TIMES": "0", "TRACKER_RETRY_AFTER_MAX": "1", **no_way_out()})
        assert allowed.returncode == 0, allowed.stderr
        assert "/feed.xml" in site.hits


@pytest.mark.slow
def test_the_address_connected_to_is_checked_even_without_the_middleware(tmp_path):
    """The resolver pins the check: with SafeTargetMiddleware switched off, localhost is still not reached."""
    script = """
import os, sys
os.environ.update(TRACKER_ALLOW_LOOPBACK="0", TRACKER_NER_WORKERS="0")
from tracker.crawl import run_crawl
from crawlers.settings import DOWNLOADER_MIDDLEWARES
off = {**DOWNLOADER_MIDDLEWARES, "crawlers.middlewares.SafeTargetMiddleware": None}
run_crawl(sys.argv[1], sys.argv[2], settings={"DOWNLOADER_MIDDLEWARES": off, "RETRY_TIMES": 0}, publish=False)
"""
    with HostileSite() as site:
        (tmp_path / "sources.yaml").write_text(
            f"sources:\n  - name: Pin\n    feeds: ['http://localhost:{site.port}/feed.xml']\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "sources.yaml"), str(tmp_path / "t.db")],
                              capture_output=True, text=True, timeout=120, env={**os.environ, **no_way_out()})
        assert done.returncode == 0, done.stderr
        assert site.hits == []
    conn = sqlite3.connect(tmp_path / "t.db")
    assert "DNS lookup failed" in conn.execute("select message from errors").fetchone()[0]
    conn.close()


# --- a stuck server cannot keep the run, or its lock --------------------------------------------------

class TricklingSite(HostileSite):
    """/feed.xml is fine; /stuck.xml sends its headers, then one byte a second, for ever."""

    def __init__(self):
        super().__init__()
        handler = self.server.RequestHandlerClass
        plain = handler.do_GET

        def do_get(request):
            if request.path != "/stuck.xml":
                return plain(request)
            self.hits.append(request.path)
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Length", "1000000")
            request.end_headers()
            try:
                while True:
                    request.wfile.write(b" ")
                    request.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass  # the crawler hung up

        handler.do_GET = do_get


@pytest.mark.slow
def test_a_stuck_source_is_cut_off_at_the_time_limit(tmp_path):
    with TricklingSite() as site:
        sources = (f"sources:\n  - name: Fine\n    feeds: [{site.base_url}/feed.xml]\n"
                   f"  - name: Stuck\n    feeds: [{site.base_url}/stuck.xml]\n")
        started = time.monotonic()
        # The download timeout (60 s) is not what stops it: the run's own limit (4 s) is.
        result, errors, urls = crawl(tmp_path, sources, TRACKER_MAX_RUNTIME="4", TRACKER_STOP_GRACE="3",
                                     TRACKER_TIMEOUT="60")
        took = time.monotonic() - started
        assert "/stuck.xml" in site.hits
    assert took < 40, took
    assert result.returncode == 1
    assert "interrupted: stopped at the time limit, TRACKER_MAX_RUNTIME=4 s" in result.stderr
    conn = sqlite3.connect(tmp_path / "tracker.db")
    status, message = conn.execute("select status, message from crawl_runs").fetchone()
    conn.close()
    assert status == "interrupted" and "TRACKER_MAX_RUNTIME=4" in message
    # The spider was closed, not killed: the fine source's feed and pages were handled and recorded...
    assert "run 1 interrupted: 1 feed fetched" in result.stdout
    assert any("/articles/good-" in u for u in urls), urls  # stored before the limit, and kept
    assert "not fetched: 10.0.0.1 is a private address" in message_for(errors, "10.0.0.1/admin")
    # ...and the lock is free for the next run.
    again = run_tracker("crawl", "--sources", str(tmp_path / "sources.yaml"), "--db", str(tmp_path / "tracker.db"),
                        "--no-publish", env={**FAST, "TRACKER_MAX_RUNTIME": "1", "TRACKER_STOP_GRACE": "1",
                                             "TRACKER_NER_WORKERS": "0"}, timeout=60)
    assert again.returncode != 75, again.stderr


# --- quiet under cron -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_failing_sources_leave_stderr_quiet_under_cron(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"
    with HostileSite() as site:
        sources = (f"sources:\n  - name: Dead feed\n    feeds: [{dead}/feed.xml, {dead}/other.xml]\n"
                   f"    sitemaps: [{dead}/sitemap.xml]\n"
                   f"  - name: Dead homepage\n    homepage: {dead}/\n"
                   f"  - name: Missing\n    feeds: [{site.base_url}/no-such-feed.xml]\n"
                   f"  - name: Fine\n    sitemaps: [{site.base_url}/sitemap.xml]\n")
        log = tmp_path / "crawl.log"
        # The cron default log level (WARNING), not the tests' ERROR: the noise was at ERROR anyway.
        result, _, _ = crawl(tmp_path, sources, TRACKER_LOG_LEVEL="WARNING", TRACKER_LOG_FILE=str(log))
    conn = sqlite3.connect(tmp_path / "tracker.db")
    errors = conn.execute("select source, stage, message from errors").fetchall()
    conn.close()
    assert result.returncode == 0, result.stderr
    # Each of these sources failed; before, one dead host alone wrote 76 lines and tracebacks to stderr.
    # Now stderr has nothing per request (the summary on stdout counts the errors; `errors` has them).
    assert result.stderr == "", result.stderr
    assert len(result.stdout.strip().splitlines()) == 1  # the summary
    assert {source for source, *_ in errors} >= {"Dead feed", "Dead homepage", "Missing", "Fine"}
    assert "Connection was refused" in log.read_text()  # the detail is in the log file


def test_a_link_from_a_fetched_document_is_checked_on_its_own():
    from crawlers.spiders.base import usable_link

    # What Scrapy would request: a space in the path encoded, tracking parameters dropped.
    assert usable_link(" https://news.example/a b.html?utm_source=rss ") == "https://news.example/a%20b.html"
    for bad, reason in [("http://news.example:99999/x", "Port out of range"), ("http://[::1/x", "Invalid IPv6"),
                        ("file:///etc/passwd", "scheme file:"), ("http://exa mple.com/", "whitespace"), ("", "empty")]:
        with pytest.raises(ValueError, match=reason):
            usable_link(bad)


def test_a_feed_with_a_bad_link_loses_nothing_else_and_is_marked_read_last():
    """Before: a port out of range raised in the callback, every entry was lost and the ETag saved anyway."""
    from scrapy.http import Request, TextResponse
    from scrapy.utils.test import get_crawler

    from crawlers.spiders.feeds import FeedSpider
    from pipeline.records import FeedStatus, FetchError

    spider = FeedSpider.from_crawler(get_crawler(FeedSpider), sources=[])
    items = "".join(f"<item><title>{i}</title><link>{u}</link></item>" for i, u in enumerate(
        ["https://news.example/a", "https://news.example:99999/b", "ftp://news.example/c", "https://news.example/d"]))
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    url = "https://news.example/feed.xml"
    response = TextResponse(url, body=body.encode(), headers={"ETag": '"v1"'}, request=Request(url))
    out = list(spider.parse_feed(response, source="News"))
    assert [r.url for r in out if isinstance(r, Request)] == ["https://news.example/a", "https://news.example/d"]
    assert sorted(e.message.split(":")[0] for e in out if isinstance(e, FetchError)) == [
        "Port out of range 0-65535", "scheme ftp"]
    assert isinstance(out[-1], FeedStatus) and out[-1].etag == '"v1"'  # saved only after every entry was handed on


def test_start_requests_are_built_per_source_in_their_own_guard():
    """Before: one source that could not be made into requests ended the start, and no later source was crawled."""
    import asyncio

    from scrapy.http import Request
    from scrapy.utils.test import get_crawler

    from crawlers.spiders.collect import CollectSpider
    from pipeline.records import FetchError, Source

    sources = [Source(name="Broken", feeds=[None]), Source(name="Fine", feeds=["https://fine.example/feed"])]
    spider = CollectSpider.from_crawler(get_crawler(CollectSpider), sources=sources)

    async def collect():
        return [r async for r in spider.start()]

    out = asyncio.run(collect())
    assert [(type(r), getattr(r, "source", None)) for r in out][0] == (FetchError, "Broken")
    assert [r.url for r in out if isinstance(r, Request)] == ["https://fine.example/feed"]
