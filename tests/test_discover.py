"""`tracker discover`: run as a real subprocess against fixture sites on 127.0.0.1 (tests/sites/discover/)."""

from __future__ import annotations

import re
import socket

import pytest
import yaml

from pipeline.collect.discover import guess_article_pattern
from pipeline.collect.sitemaps import SitemapError, parse_sitemap
from pipeline.collect.sources import parse_sources
from tests.conftest import SITES, assert_one_line_error, free_port, run_tracker
from tracker.discover import source_entry
from tracker.sitehost import SAMPLE_SITE, Site

FIXTURES = SITES / "discover"


@pytest.fixture(scope="module")
def courier():
    with Site(FIXTURES / "courier") as site:
        yield site


@pytest.fixture(scope="module")
def anzeiger():
    with Site(FIXTURES / "anzeiger") as site:
        yield site


def entry_of(output: str) -> list:
    """The pasted entry, read the way the crawl reads sources.yaml."""
    block = output.split("paste under `sources:`):", 1)[-1]
    return parse_sources(yaml.safe_load("sources:\n" + block), "pasted entry")


@pytest.mark.slow
def test_discover_reports_feeds_sitemaps_and_robots(courier):
    base = courier.base_url
    result = run_tracker("discover", f"{base}/")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The announced feed, with its entry count and newest date.
    assert re.search(rf"ok +{base}/rss/news.xml +\[announced\] .*4 entries, newest 2026-11-20", out)
    # A common path that lists the same articles is reported but not proposed twice.
    assert re.search(rf"ok +{base}/atom.xml +\[common path\] .*same articles as {base}/rss/news.xml", out)
    assert re.search(rf"{base}/comments/feed.xml .*comment feed", out)
    # The sitemap index named in robots.txt: its children are read and counted.
    assert re.search(rf"ok +{base}/sitemaps/index.xml +\[robots.txt\] +index of 2 sitemaps, 3 entries, "
                     rf"newest 2026-11-20", out)
    # The article paths sampled from the feeds are judged by robots.txt as the crawl judges them.
    assert "DISALLOWED  /private/memo.html" in out
    assert "allowed     /news/2026/11/authors-sue-openai.html" in out
    assert out.count("/news/2026/11/authors-sue-openai.html") == 1  # sampled once despite ?utm and #comment
    [source] = entry_of(out)
    assert source.name == "Example Courier"
    assert source.homepage == f"{base}/"
    assert source.language == "en"
    assert source.feeds == [f"{base}/rss/news.xml"]
    assert source.sitemaps == [] and source.listings == []


@pytest.mark.slow
def test_discover_sitemap_site_gets_pattern_and_horizon(anzeiger):
    """No fresh feed: the news sitemap found at /sitemap.xml is proposed, with an article_pattern and `since`."""
    base = anzeiger.base_url
    result = run_tracker("discover", f"{base}/", "--name", "Beispiel: Anzeiger")
    assert result.returncode == 0, result.stderr
    assert re.search(rf"ok +{base}/feed.xml .*1 entry, newest 2019-07-01 .*STALE", result.stdout)
    assert re.search(rf"ok +{base}/sitemap.xml +\[common path\] +sitemap, 2 entries, newest 2026-11-19", result.stdout)
    [source] = entry_of(result.stdout)
    assert source.name == "Beispiel: Anzeiger"
    assert source.language == "de"
    assert source.feeds == []
    assert source.sitemaps == [f"{base}/sitemap.xml"]
    assert source.since == "30d"
    assert re.search(source.article_pattern, f"{base}/kultur/gema-gewinnt-gegen-openai-100234.html")
    assert not re.search(source.article_pattern, f"{base}/")


@pytest.mark.slow
def test_discover_bare_site_proposes_homepage_as_listing():
    with Site(FIXTURES / "bare") as site:
        result = run_tracker("discover", f"{site.base_url}/", "--yaml")
    assert result.returncode == 0, result.stderr
    [source] = parse_sources(yaml.safe_load("sources:\n" + result.stdout))
    assert source.listings == [f"{site.base_url}/"]
    assert source.feeds == [] and source.sitemaps == []
    assert source.name == "Creators' Rights Campaign"


@pytest.mark.slow
def test_discover_connection_refused():
    assert_one_line_error(run_tracker("discover", f"http://127.0.0.1:{free_port()}/"),
                          "cannot fetch the homepage", "connection refused")


@pytest.mark.slow
def test_discover_404(courier):
    assert_one_line_error(run_tracker("discover", f"{courier.base_url}/no/such/page"), "HTTP 404")


@pytest.mark.slow
def test_discover_timeout():
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        assert_one_line_error(run_tracker("discover", f"http://127.0.0.1:{port}/", "--timeout", "1"),
                              "timed out after 1 s")


@pytest.mark.slow
def test_discover_empty_homepage(tmp_path):
    (tmp_path / "index.html").write_text("  \n")
    with Site(tmp_path) as site:
        assert_one_line_error(run_tracker("discover", f"{site.base_url}/"), "homepage is empty")


# --- the pieces, in process ---------------------------------------------------------------------


def test_parse_sitemap_news_and_index():
    news = (FIXTURES / "anzeiger" / "sitemap.xml").read_bytes().replace(b"__BASE__", b"https://a.example")
    sitemap = parse_sitemap(news, "https://a.example/sitemap.xml")
    assert sitemap.kind == "urlset"
    # news:publication_date, converted to UTC
    assert ("https://a.example/kultur/synchronsprecher-tarifvertrag-100241.html",
            "2026-11-19T08:15:00+00:00") in [(e.loc, e.date) for e in sitemap.entries]
    index = parse_sitemap((FIXTURES / "courier" / "sitemaps" / "index.xml").read_bytes(), "https://c.example/s.xml")
    assert index.kind == "sitemapindex" and len(index.entries) == 2
    for body in (b"<html><body>hi</body></html>", b"not xml at all", b""):
        with pytest.raises(SitemapError):
            parse_sitemap(body, "https://a.example/sitemap.xml")


def test_parse_sitemap_ignores_entities():
    body = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/&e;</loc></url>'
            b"</urlset>")
    sitemap = parse_sitemap(body, "https://a.example/sitemap.xml")
    assert all("root:" not in e.loc for e in sitemap.entries)


@pytest.mark.parametrize("urls, expected", [
    (["https://a.example/2026/11/20/x", "https://a.example/2026/10/01/y"], r"/\d{4}/\d{2}/\d{2}/"),
    (["https://a.example/news/2026/11/x.html", "https://a.example/news/2026/10/y.html"], r"/\d{4}/\d{2}/"),
    (["https://a.example/politik/ki-123456.html", "https://a.example/kultur/gema-7654321"], r"[-/]\d{6,}(?:\.html?)?/?$"),
    (["https://a.example/stories/alpha", "https://a.example/stories/beta"], r"/stories/."),
    (["https://a.example/alpha", "https://a.example/beta/gamma"], None),
    (["https://a.example/2026/11/20/x"], None),  # one URL is too little to generalise from
])
def test_guess_article_pattern(urls, expected):
    assert guess_article_pattern(urls, "https://a.example/") == expected


def test_source_entry_quotes_what_yaml_would_misread():
    entry = source_entry("Ärzte: Blatt #1 'quoted'", "https://a.example/", "de", ["https://a.example/feed?x=1&y=2"],
                         [], [], r"/\d{4}/[a-z-]+/")
    [source] = parse_sources(yaml.safe_load("sources:\n" + entry))
    assert source.name == "Ärzte: Blatt #1 'quoted'"
    assert source.feeds == ["https://a.example/feed?x=1&y=2"]
    assert source.article_pattern == r"/\d{4}/[a-z-]+/"
    assert source.since is None  # only proposed with sitemaps



def test_guess_article_pattern_from_a_sitemap_that_also_lists_its_home_and_an_archive():
    urls = [f"https://a.example/artikel/story-{i}.html" for i in range(6)]
    urls += ["https://a.example/", "https://a.example/thema/ki/"]
    assert guess_article_pattern(urls, "https://a.example/") == r"/artikel/."
    assert guess_article_pattern(urls[:2] + urls[6:], "https://a.example/") is None  # half are not articles


def test_guess_article_pattern_below_a_section_homepage():
    urls = ["https://a.example/culture/news/x.html", "https://a.example/culture/news/y"]
    assert guess_article_pattern(urls, "https://a.example/culture/") == r"/culture/news/."
    # The homepage's own folder says nothing about which links are articles.
    assert guess_article_pattern(["https://a.example/culture/x", "https://a.example/culture/y"],
                                 "https://a.example/culture/") is None


@pytest.mark.slow
@pytest.mark.skipif(not (SAMPLE_SITE / "www").is_dir(), reason="sample_site/www is not built")
def test_discover_keeps_to_the_sources_own_section(sample_site):
    """The sample site hosts four outlets on one host; robots.txt names only Medienwoche's sitemap."""
    base = sample_site.base_url
    reel = run_tracker("discover", f"{base}/reel/")
    assert reel.returncode == 0, reel.stderr
    assert re.search(r"medienwoche/sitemap.xml .*none of its articles is under /reel/", reel.stdout)
    [source] = entry_of(reel.stdout)
    assert source.feeds == [f"{base}/reel/feed.xml"] and source.sitemaps == []
    medienwoche = run_tracker("discover", f"{base}/medienwoche/", "--yaml")
    [source] = parse_sources(yaml.safe_load("sources:\n" + medienwoche.stdout))
    assert source.sitemaps == [f"{base}/medienwoche/sitemap.xml"] and source.language == "de"
    assert source.article_pattern == "/medienwoche/artikel/."


@pytest.mark.slow
def test_discover_check_reports_dead_feeds(courier, tmp_path):
    base = courier.base_url
    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump({"sources": [
        {"name": "Courier", "homepage": f"{base}/", "feeds": [f"{base}/rss/news.xml", f"{base}/feed/"],
         "sitemaps": [f"{base}/sitemaps/index.xml"]},
        {"name": "Courier listings", "homepage": f"{base}/", "listings": [f"{base}/"]},
    ]}))
    result = run_tracker("discover", "--check", str(sources))
    assert result.returncode == 1, result.stderr
    assert re.search(rf"ok +{base}/rss/news.xml .*4 entries", result.stdout)
    assert re.search(rf"fail +{base}/feed/ .*HTTP 404", result.stdout)
    assert re.search(rf"ok +{base}/sitemaps/index.xml .*3 entries", result.stdout)
    assert "1 of 3 feeds and sitemaps failed" in result.stdout
    sources.write_text("sources: [{name: x}]")
    assert_one_line_error(run_tracker("discover", "--check", str(sources)), "give at least one of feeds")
