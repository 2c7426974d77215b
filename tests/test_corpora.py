"""Real material from shared/corpora: robots.txt files of news sites, compressed bodies and bombs, sitemaps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from protego import Protego

from pipeline.collect.discover import sitemaps_from_robots
from pipeline.collect.sitemaps import SitemapError, parse_sitemap

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ROBOTS = sorted(p for p in (CORPORA / "robots").iterdir() if p.name not in ("LICENSE", "SOURCE.txt")) \
    if (CORPORA / "robots").is_dir() else []
COMPRESSED = CORPORA / "scrapy-samples" / "compressed"
SITEMAPS = CORPORA / "scrapy-samples" / "sitemaps"
pytestmark = pytest.mark.skipif(not ROBOTS, reason="shared/corpora is not there")


@pytest.mark.parametrize("path", ROBOTS, ids=lambda p: p.name)
def test_robots_txt_parsed_and_sitemaps_found(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    base = f"https://{path.name}/robots.txt"
    robots = Protego.parse(text)  # the parser Scrapy's RobotsTxtMiddleware uses (ROBOTSTXT_PARSER)
    assert robots.can_fetch(f"https://{path.name}/", "ai-copyright-tracker") in (True, False)
    ours = sitemaps_from_robots(text, base)
    assert ours == list(dict.fromkeys(robots.sitemaps))  # same lines as Protego finds, in order
    declared = sum(1 for line in text.splitlines() if line.strip().lower().startswith("sitemap:"))
    assert len(ours) <= declared and (declared == 0) == (not ours)
    assert all(u.startswith(("http://", "https://")) for u in ours)


def test_robots_corpus_disallows_are_applied():
    nyt = Protego.parse((CORPORA / "robots" / "www.nytimes.com").read_text(encoding="utf-8"))
    assert not nyt.can_fetch("https://www.nytimes.com/register", "ai-copyright-tracker")
    assert nyt.can_fetch("https://www.nytimes.com/2025/01/01/business/ai.html", "ai-copyright-tracker")
    assert sum(len(sitemaps_from_robots(p.read_text(encoding="utf-8", errors="replace"), "https://x/"))
               for p in ROBOTS) > 20


# Run in a subprocess so that its peak RSS is its own, not pytest's.
DECODE = r"""
import json, sys
from pathlib import Path
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.utils.gz import gunzip
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
sys.path.insert(0, sys.argv[2])
from tracker.crawl import scrapy_settings
settings = scrapy_settings()
crawler = get_crawler(settings_dict={k: settings[k] for k in ("DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE")})
mw = HttpCompressionMiddleware.from_crawler(crawler)
out = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    encoding = {"gzip": "gzip", "br": "br", "zstd": "zstd", "deflate": "deflate"}.get(
        next((k for k in ("gzip", "br", "zstd", "deflate") if k in path.name), ""), None)
    if path.suffix == ".gz":
        encoding = "gzip"
    if not encoding:
        continue
    headers = {"Content-Encoding": encoding, "Content-Type": "text/html"}
    response = Response("http://example.com/", body=path.read_bytes(), headers=headers)
    try:
        decoded = mw.process_response(Request("http://example.com/"), response)
        out[path.name] = ["decoded", len(decoded.body)]
    except IgnoreRequest as exc:
        out[path.name] = ["refused", str(exc)[:80]]
    except Exception as exc:
        out[path.name] = ["error", type(exc).__name__]
out["_maxsize"] = settings.getint("DOWNLOAD_MAXSIZE")
# VmHWM is this process's own peak: ru_maxrss would also count the parent's size at fork/exec
# (Linux carries it over), so it reads pytest's memory, not ours.
status = Path("/proc/self/status").read_text()
out["_peak_rss_mb"] = int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:"))) / 1024
print(json.dumps(out))
"""


def test_compressed_samples_decoded_and_bombs_refused_without_memory_blowup():
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", DECODE, str(COMPRESSED), str(root)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    for bomb in ("bomb-gzip.bin", "bomb-br.bin", "bomb-zstd.bin", "bomb-deflate.bin"):
        assert out[bomb][0] == "refused", (bomb, out[bomb])
    for good in ("html-gzip.bin", "html-br.bin", "html-rawdeflate.bin", "html-zlibdeflate.bin",
                 "html-zstd-static-content-size.bin", "html-zstd-static-no-content-size.bin",
                 "html-zstd-streaming-no-content-size.bin", "feed-sample1.xml.gz"):
        assert out[good][0] == "decoded" and out[good][1] > 5000, (good, out[good])
    # Broken gzip is decoded as far as it goes (Scrapy's documented behaviour), never an exception.
    for broken in ("truncated-crc-error.gz", "truncated-crc-error-short.gz", "unexpected-eof.gz"):
        assert out[broken][0] in ("decoded", "refused"), (broken, out[broken])
    # The bombs expand to 11 MB; the cap stops them at 8 MB. Scrapy and the test itself take ~100 MB.
    assert out["_maxsize"] <= 10 * 1024 * 1024
    assert out["_peak_rss_mb"] < 250, out["_peak_rss_mb"]


def test_broken_gzip_decodes_to_the_expected_prefix():
    from scrapy.utils.gz import gunzip

    decoded = gunzip((COMPRESSED / "unexpected-eof.gz").read_bytes(), max_size=8 * 1024 * 1024)
    # The expected output is stored as the Latin-1 reading of the bytes, re-encoded as UTF-8.
    assert decoded.decode("latin-1") == (COMPRESSED / "unexpected-eof-output.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(SITEMAPS.glob("*.xml")) if SITEMAPS.is_dir() else [], ids=lambda p: p.name)
def test_corpus_sitemaps_yield_their_locs(path):
    from scrapy.utils.sitemap import Sitemap as ScrapySitemap

    body = path.read_bytes()
    try:
        ours = parse_sitemap(body)
    except SitemapError:
        pytest.fail(f"{path.name} should parse")
    theirs = ScrapySitemap(body)
    assert ours.kind == theirs.type
    # Scrapy keeps empty <loc>s; we drop what is not an http(s) URL.
    assert [e.loc for e in ours.entries] == [d["loc"] for d in theirs if d["loc"].startswith("http")]
    assert all("root:" not in e.loc for e in ours.entries)


def test_entity_expansion_is_not_expanded():
    body = (SITEMAPS / "test_utils_sitemap__test_xml_entity_expansion.xml").read_bytes()
    sitemap = parse_sitemap(body)
    assert [e.loc for e in sitemap.entries] == ["http://127.0.0.1:8000/"]
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
    <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
    <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/&lol4;</loc></url></urlset>"""
    assert all(len(e.loc) < 50 for e in parse_sitemap(laughs).entries)


def test_news_sitemap_fields_and_index():
    news = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/a</loc><lastmod>2026-01-23</lastmod><news:news>
<news:publication><news:name>Ex</news:name><news:language>de</news:language></news:publication>
<news:publication_date>2026-01-23T14:05:00+01:00</news:publication_date><news:title>GEMA gewinnt</news:title>
</news:news></url></urlset>"""
    entry = parse_sitemap(news).entries[0]
    assert (entry.loc, entry.lastmod, entry.news_published, entry.news_title) == (
        "https://example.com/a", "2026-01-23T00:00:00+00:00", "2026-01-23T13:05:00+00:00", "GEMA gewinnt")
    index = parse_sitemap((SITEMAPS / "test_utils_sitemap__test_sitemap_index.xml").read_bytes())
    assert index.kind == "sitemapindex" and index.entries[0].loc.endswith(".xml.gz")
    with pytest.raises(SitemapError):
        parse_sitemap(b"<html><body>not a sitemap</body></html>")
