"""One sitemap reader: the crawl's sitemap spider and `tracker discover` see the same entries (issue 13)."""

from __future__ import annotations

import gzip

import pytest
import scrapy
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawlers.spiders.sitemaps import SitemapSpider
from pipeline.collect.http import Robots, TooLarge
from pipeline.collect.sitemaps import read_sitemap
from pipeline.records import FeedStatus, FetchError, Source
from tracker.discover import _try_sitemap
from tracker.sitehost import Site

NEWS_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def _write_site(root, base: str) -> dict[str, bytes]:
    """An index of a news sitemap and a gzipped archive sitemap, with relative <loc>s; path -> body."""
    files = {
        "sitemap_index.xml": b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>news.xml</loc><lastmod>2026-11-20</lastmod></sitemap>
  <sitemap><loc>/archive/2026-11.xml.gz</loc><lastmod>2026-11-01</lastmod></sitemap>
</sitemapindex>""",
        "news.xml": f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset {NEWS_NS}>
  <url><loc>{base}/news/one.html</loc><lastmod>2026-11-20</lastmod>
    <news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2026-11-19T09:15:00+01:00</news:publication_date><news:title>One</news:title></news:news>
  </url>
  <url><loc>/news/two.html</loc><lastmod>2026-11-18</lastmod></url>
  <url><loc>three.html</loc></url>
  <url><loc>mailto:desk@example.org</loc></url>
  <url><loc></loc></url>
</urlset>""".encode(),
        "archive/2026-11.xml.gz": gzip.compress(f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>../story/four.html</loc><lastmod>2026-11-02T10:00:00Z</lastmod></url>
  <url><loc>{base}/story/five.html</loc></url>
</urlset>""".encode()),
    }
    for path, body in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(body)
    return {f"{base}/{path}": body for path, body in files.items()}


def _crawl_entries(bodies: dict[str, bytes], start: str) -> tuple[list[tuple[str, str | None]], list[FetchError]]:
    """Feed the sitemap spider the same bodies, following its sitemap requests; collect its article requests."""
    crawler = get_crawler(SitemapSpider)
    spider = SitemapSpider.from_crawler(crawler, sources=[Source(name="ex", sitemaps=[start])])
    pending, articles, errors = [scrapy.Request(start, cb_kwargs={"source": spider.sources[0], "depth": 0})], [], []
    while pending:
        request = pending.pop(0)
        response = Response(request.url, body=bodies[request.url], request=request)
        for out in spider.parse_sitemap(response, **request.cb_kwargs):
            if isinstance(out, FetchError):
                errors.append(out)
            elif isinstance(out, FeedStatus):
                continue  # what the sitemap answered, kept for the next conditional GET: not an entry
            elif out.callback == spider.parse_sitemap:
                pending.append(out)
            else:
                articles.append((out.url, out.cb_kwargs["entry"].published))
    return articles, errors


@pytest.mark.slow
def test_crawl_and_discover_see_the_same_sitemap_entries(tmp_path):
    with Site(tmp_path) as site:
        base = site.base_url
        bodies = _write_site(tmp_path, base)
        found = _try_sitemap(f"{base}/sitemap_index.xml", "robots.txt", Robots(timeout=5), 5)
    crawl, errors = _crawl_entries(bodies, f"{base}/sitemap_index.xml")
    expected = {
        (f"{base}/news/one.html", "2026-11-19T08:15:00+00:00"),  # news:publication_date beats lastmod
        (f"{base}/news/two.html", "2026-11-18T00:00:00+00:00"),  # relative to the host
        (f"{base}/three.html", None),  # relative to the sitemap's own URL
        (f"{base}/story/four.html", "2026-11-02T10:00:00+00:00"),  # in the gzipped sitemap, relative
        (f"{base}/story/five.html", None),
    }
    assert errors == []
    assert found.ok and found.detail == "index of 2 sitemaps", found.problem
    assert set(crawl) == expected
    assert set(zip(found.article_urls, found.dates, strict=True)) == expected
    assert len(crawl) == len(found.article_urls) == len(expected)  # mailto: and the empty <loc> dropped by both


def test_a_gzip_bomb_posing_as_a_sitemap_is_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * (3 * 1024 * 1024))
    with pytest.raises(TooLarge) as refused:
        read_sitemap(bomb, "https://a.example/sitemap.xml.gz", max_size=1024 * 1024)
    assert "expands beyond 1 MB" in str(refused.value) and "\n" not in str(refused.value)
    small = gzip.compress(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a</loc></url></urlset>')
    assert [e.loc for e in read_sitemap(small, "https://a.example/s.xml.gz", max_size=1024).entries] == [
        "https://a.example/a"]
