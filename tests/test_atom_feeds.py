"""Atom feeds for advocacy staff: every feed Datasette offers is parsed with feedparser and checked."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import feedparser
import pytest

from pipeline.publish import atom
from pipeline.publish.saved_filters import load_filters, query_params
from tests.publishing_env import published  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow
A = "{http://www.w3.org/2005/Atom}"


def feed_urls(published):  # noqa: F811
    """Every live feed: all, each topic, each entity, a search, each language, each saved filter."""
    urls = {"all": "/tracker/feed_all.atom"}
    for (slug,) in published.query("select slug from topics"):
        urls[f"topic {slug}"] = "/tracker/feed_topic.atom?" + urlencode({"topic": slug})
    for (name,) in published.query("select distinct entity from entity_mentions"):
        urls[f"entity {name}"] = "/tracker/feed_entity.atom?" + urlencode({"entity": name})
    urls["search"] = "/tracker/feed_search.atom?" + urlencode({"q": "fair use"})
    for (language,) in published.query("select distinct language from relevant_articles"):
        urls[f"language {language}"] = "/tracker/feed_language.atom?" + urlencode({"language": language})
    for saved in load_filters():
        urls[f"filter {saved.slug}"] = "/tracker/feed_filter.atom?" + urlencode(query_params(saved))
    return urls


def fetch(published, path):  # noqa: F811
    status, ctype, body = published.get(path)
    assert status == 200, (path, body[:300])
    assert ctype.startswith("application/atom+xml")
    return body


def test_every_feed_is_valid_atom(published):  # noqa: F811
    urls = feed_urls(published)
    assert len(urls) > 15
    article_urls = {r[0] for r in published.query("select url from relevant_articles")}
    bylines = {r[0]: json.loads(r[1] or "[]") for r in published.query("select url, authors from articles")}
    nonempty = 0
    for name, path in urls.items():
        body = fetch(published, path)
        parsed = feedparser.parse(body)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        feed = parsed.feed
        assert feed.id == published.base + path, name  # absolute id: the feed's own address
        assert [link.href for link in feed.links if link.rel == "self"] == [published.base + path]
        assert feed.updated_parsed is not None
        assert feed.title.startswith("AI Copyright Tracker: ")
        root = ET.fromstring(body.encode())
        assert root.tag == f"{A}feed" and root.find(f"{A}author/{A}name") is not None
        for entry in parsed.entries:
            assert urlsplit(entry.id).scheme == "http" and entry.id in article_urls
            assert entry.link == entry.id  # links to the original article
            assert entry.updated_parsed and entry.published_parsed
            # The byline, as the reader sees it on the article; the outlet only when the page names nobody.
            assert [a.name for a in entry.authors] == (bylines[entry.id] or ["Publishing Test News"])
            assert "Source: Publishing Test News" in entry.content[0].value
        nonempty += bool(parsed.entries)
    assert nonempty >= len(urls) - 2


def test_feed_titles_say_what_the_feed_is(published):  # noqa: F811
    def title(path):
        return feedparser.parse(fetch(published, path)).feed.title

    assert title("/tracker/feed_topic.atom?topic=litigation") == "AI Copyright Tracker: topic Litigation"
    assert title("/tracker/feed_entity.atom?entity=OpenAI") == "AI Copyright Tracker: articles mentioning OpenAI"
    assert title("/tracker/feed_language.atom?language=de") == "AI Copyright Tracker: articles in German"
    assert title("/tracker/feed_search.atom?q=fair+use") == "AI Copyright Tracker: search for “fair use”"
    saved = load_filters()[0]
    assert title("/tracker/feed_filter.atom?" + urlencode(query_params(saved))) == \
        f"AI Copyright Tracker: saved filter “{saved.name}”"


def test_entries_carry_summary_source_date_and_actors(published):  # noqa: F811
    parsed = feedparser.parse(fetch(published, "/tracker/feed_entity.atom?entity=Sarah+Silverman"))
    [entry] = parsed.entries
    assert entry.title == "Authors sue OpenAI and Microsoft over training data"
    assert entry.summary.startswith("Sarah Silverman and other authors")
    # 9:30 pm in California: the entry keeps the page's offset, and its date is the local one, not UTC's 14th.
    assert entry.published == "2026-01-13T21:30:00-08:00"
    terms = {t.term for t in entry.tags}
    assert {"Sarah Silverman", "OpenAI", "Microsoft", "litigation"} <= terms
    assert {t.label for t in entry.tags if t.term == "litigation"} == {"Litigation"}  # the topic's name
    assert entry.author == "Jane Writer"  # the article's byline, not the outlet
    content = entry.content[0].value
    assert "People:</strong> Sarah Silverman" in content and "Published: 2026-01-13" in content


def test_feeds_select_what_they_say(published):  # noqa: F811
    def ids(path):
        return {e.id for e in feedparser.parse(fetch(published, path)).entries}

    german = {r[0] for r in published.query("select url from relevant_articles where language = 'de'")}
    assert ids("/tracker/feed_language.atom?language=de") == german and german
    labor = {r[0] for r in published.query(
        "select a.url from articles a join article_topics t on t.article_id = a.id where t.topic = 'labor'")}
    assert ids("/tracker/feed_topic.atom?topic=labor") == labor and labor
    everything = ids("/tracker/feed_all.atom")
    assert everything == {r[0] for r in published.query("select url from relevant_articles")}
    # A filter's criteria combine: litigation AND OpenAI is narrower than either alone.
    both = ids("/tracker/feed_filter.atom?topics=litigation&entities=OpenAI&q=&languages=&min_relevance=")
    assert both and both < ids("/tracker/feed_topic.atom?topic=litigation")
    assert both <= ids("/tracker/feed_entity.atom?entity=OpenAI")


def test_empty_feed_is_still_valid(published):  # noqa: F811
    body = fetch(published, "/tracker/feed_search.atom?q=nothingmatchesthis")
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated_parsed


def test_a_feed_for_something_unknown_answers_404_with_close_matches(published):  # noqa: F811
    status, _, body = published.get("/tracker/feed_entity.atom?entity=Nobody+At+All")
    assert status == 404 and "No person or organisation called “Nobody At All”" in body
    status, _, body = published.get("/tracker/feed_entity.atom?entity=OpenIA")
    assert status == 404 and "Did you mean: OpenAI" in body
    status, _, body = published.get("/tracker/feed_topic.atom?topic=litigaton")
    assert status == 404 and "litigation" in body
    status, _, body = published.get("/tracker/feed_case.atom?slug=gema-v-openia")
    assert status == 404 and "gema-v-openai" in body
    assert published.get("/tracker/feed_entity.atom?entity=openai")[0] == 200  # names are not case-sensitive


def test_feed_discoverable_from_pages(published):  # noqa: F811
    status, _, page = published.get("/-/feeds")
    assert status == 200
    links = re.findall(r'<a class="feed[^"]*" href="([^"]+)"', page)
    assert any("feed_all.atom" in link for link in links)
    assert sum("feed_filter.atom" in link for link in links) == len(load_filters())
    for link in links[:5]:
        assert feedparser.parse(fetch(published, link.replace("&amp;", "&"))).feed.title


def test_other_atom_requests_still_go_to_datasette_atom(published):  # noqa: F811
    sql = ("select url as atom_id, title as atom_title, published as atom_updated, url as atom_link "
           "from articles where relevant = 1")
    status, _, body = published.get("/tracker.atom?" + urlencode({"sql": sql, "_feed_title": "custom"}))
    assert status == 200
    parsed = feedparser.parse(body)
    assert parsed.feed.title == "custom" and len(parsed.entries) == 5


def test_rfc3339_and_titles_unit():
    assert atom.rfc3339("2026-01-13T09:30:00-05:00") == "2026-01-13T09:30:00-05:00"  # the page's own offset
    assert atom.rfc3339("2026-01-13T09:30:00+00:00") == "2026-01-13T09:30:00Z"
    assert atom.rfc3339("2026-01-13T09:30:00") == "2026-01-13T09:30:00Z"
    assert atom.rfc3339("not a date") is None
    assert atom.feed_title("feed_filter", {"topics": "litigation,labor", "languages": "de"},
                           {"litigation": "Litigation", "labor": "Labor"}) == \
        "AI Copyright Tracker: topics Litigation, Labor; in German"


def test_case_feeds_are_listed_and_their_news_carries_actors_and_topics(published):  # noqa: F811
    status, _, page = published.get("/-/feeds")
    assert status == 200
    cases = re.findall(r'<a class="feed case" href="([^"]+)">([^<]+)</a>', page)
    assert len(cases) == published.query("select count(*) from cases")[0][0]
    [(href, name)] = [(h, n) for h, n in cases if "silverman" in h]
    feed = feedparser.parse(fetch(published, href.replace("&amp;", "&").removeprefix(published.base)))
    assert feed.feed.title == f"AI Copyright Tracker: case {name}"
    [news] = [e for e in feed.entries if e.link.startswith("http://127.0.0.1")]
    assert {"Sarah Silverman", "OpenAI", "litigation"} <= {t.term for t in news.tags}
