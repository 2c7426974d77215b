"""The one HTTP client outside Scrapy (pipeline/collect/http.py), against a local server (issue 13)."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

import crawlers.settings
from pipeline.collect import http
from pipeline.collect.http import Disallowed, FetchFailed, HttpStatus, NoAnswer, Robots, TooLarge, fetch
from tests.conftest import free_port
from tests.fixture_server import COMPRESSED, FixtureServer

MB = 1024 * 1024


@pytest.fixture
def server(tmp_path):
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (tmp_path / "page.html").write_text("<html><body><p>hello</p></body></html>")
    (tmp_path / "big.html").write_bytes(b"<p>" + b"y" * (2 * MB) + b"</p>")
    (tmp_path / "sitemap.xml").write_bytes(b"<urlset>" + b" " * (3 * MB) + b"</urlset>")
    with FixtureServer(tmp_path, slow_seconds=5.0) as fx:
        yield fx


def _one_line(exc: BaseException) -> str:
    message = str(exc)
    assert message and "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.slow
def test_the_crawl_and_the_client_send_one_user_agent(server):
    answer = fetch(f"{server.base_url}/page.html")
    assert answer.status == 200 and b"hello" in answer.body and answer.content_type == "text/html"
    [hit] = server.hits("/page.html")
    assert hit.headers["user-agent"] == http.USER_AGENT == crawlers.settings.USER_AGENT
    assert crawlers.settings.DOWNLOAD_MAXSIZE == http.DOWNLOAD_MAXSIZE == 8 * MB  # TRACKER_MAXSIZE unset in tests


@pytest.mark.slow
def test_a_body_that_never_ends_is_cut_off_at_the_cap_while_streaming(server):
    started = time.monotonic()
    with pytest.raises(TooLarge) as refused:
        fetch(f"{server.base_url}/endless/page.html", max_bytes=1 * MB, timeout=10)
    # The server would send 6.5 GB; the client stops soon after the first megabyte.
    assert time.monotonic() - started < 10
    assert _one_line(refused.value).endswith("larger than 1 MB, the size cap")
    with pytest.raises(TooLarge, match=r"Content-Length 2,097,\d+"):  # announced too large: not even read
        fetch(f"{server.base_url}/big.html", max_bytes=1 * MB)
    assert len(fetch(f"{server.base_url}/big.html", max_bytes=3 * MB).body) > 2 * MB


@pytest.mark.slow
@pytest.mark.skipif(not COMPRESSED.is_dir(), reason="shared/corpora is not there")
@pytest.mark.parametrize("kind", ["gzip", "br", "zstd", "deflate"])
def test_decompression_bombs_are_refused_at_the_cap(server, kind):
    # Each sample is a few kilobytes that expands to 11 MB, over the 8 MB cap.
    with pytest.raises(TooLarge) as refused:
        fetch(f"{server.base_url}/bomb/{kind}.html")
    assert f"{kind} body expands beyond 8 MB" in _one_line(refused.value)


@pytest.mark.slow
@pytest.mark.skipif(not COMPRESSED.is_dir(), reason="shared/corpora is not there")
@pytest.mark.parametrize("kind", ["br", "zstd"])
def test_well_formed_compressed_pages_are_decoded(server, kind):
    assert b"</html>" in fetch(f"{server.base_url}/bomb/good-{kind}.html").body


@pytest.mark.slow
def test_a_gzipped_file_without_content_encoding_is_gunzipped_under_the_cap(server):
    # sitemap.xml.gz is served gzipped as application/x-gzip: 3 MB of XML in a few kilobytes.
    with pytest.raises(TooLarge, match="gzip body expands beyond 1 MB"):
        fetch(f"{server.base_url}/sitemap.xml.gz", max_bytes=1 * MB)
    body = fetch(f"{server.base_url}/sitemap.xml.gz", max_bytes=4 * MB).body
    assert body.startswith(b"<urlset>") and len(body) > 3 * MB


@pytest.mark.slow
def test_failures_are_one_line_each_in_one_vocabulary(server):
    base = server.base_url
    with pytest.raises(HttpStatus) as missing:
        fetch(f"{base}/status/404/gone.html")
    assert _one_line(missing.value) == f"{base}/status/404/gone.html: HTTP 404 Not Found"
    assert missing.value.status == 404 and missing.value.body == b"error page"
    with pytest.raises(NoAnswer) as refused:
        fetch(f"http://127.0.0.1:{free_port()}/a.html")
    assert _one_line(refused.value).endswith(": connection refused")
    with pytest.raises(NoAnswer) as slow:
        fetch(f"{base}/slow/feed.xml", timeout=1)
    assert _one_line(slow.value).endswith(": timed out after 1 s")
    with pytest.raises(FetchFailed) as loop:
        fetch(f"{base}/loop/a.html")
    assert _one_line(loop.value).endswith(f": more than {http.MAX_REDIRECTS} redirects")
    with pytest.raises(FetchFailed) as scheme:
        fetch("ftp://127.0.0.1/file")
    assert _one_line(scheme.value) == "ftp://127.0.0.1/file: not an http(s) URL"
    with pytest.raises(Disallowed) as robots:
        Robots(timeout=5).check(f"{base}/private/memo.html")
    assert _one_line(robots.value).endswith(f"disallowed by robots.txt for {http.USER_AGENT}")
    Robots(timeout=5).check(f"{base}/page.html")  # allowed: no exception
    # All of them are FetchFailed: one except clause covers the client.
    for exc in (missing, refused, slow, loop, robots):
        assert isinstance(exc.value, FetchFailed)


@pytest.mark.slow
def test_a_timeout_while_connecting_is_reported_the_same_way():
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        with pytest.raises(NoAnswer) as slow:
            fetch(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=1)
    assert _one_line(slow.value).endswith(": timed out after 1 s")


def test_a_failed_dns_lookup_is_named_as_such():
    # Built in process: a real lookup would need a resolver, and tests run offline.
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as cause:
            raise httpx.ConnectError("connect failed") from cause  # the cause, not the text, tells
    except httpx.ConnectError as exc:
        assert http._no_answer_reason(exc, 15) == "DNS lookup failed"
    assert http._no_answer_reason(httpx.ReadTimeout("read"), 2.5) == "timed out after 2.5 s"


def test_only_the_public_web_is_fetched_redirects_included(monkeypatch):
    """The same address rules as the crawl (pipeline/collect/safety.py), checked before any connection."""
    from pipeline.collect.http import Refused

    monkeypatch.delenv("TRACKER_ALLOW_LOOPBACK", raising=False)
    for target in ("http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/",
                   "http://[::1]:9/", "http://2130706433/", "http://0x7f000001/"):
        with pytest.raises(Refused) as refused:
            fetch(target, timeout=1)
        assert _one_line(refused.value).startswith(target), target


@pytest.mark.slow
def test_a_redirect_to_a_private_address_is_refused(server, monkeypatch):
    from pipeline.collect.http import Refused

    monkeypatch.setenv("TRACKER_ALLOW_LOOPBACK", "1")  # our own fixture server, on purpose
    with pytest.raises(Refused) as refused:
        fetch(f"{server.base_url}/redirect-to?url=http://10.0.0.2/internal", timeout=2)
    assert "10.0.0.2" in str(refused.value) and "private" in str(refused.value)
