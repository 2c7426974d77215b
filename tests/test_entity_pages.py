"""Entity pages over HTTP, and alias lookups in the timeline and the feeds, against a real crawl and `tracker serve`."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.parse import urlencode

import feedparser
import pytest

from tests.publishing_env import published  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow


def article_id(published, title_start: str) -> int:  # noqa: F811
    return published.query("select id from articles where title like ?", [title_start + "%"])[0][0]


def test_an_alias_opens_the_canonical_page(published):  # noqa: F811
    # urllib follows the redirect: the page is served at the canonical name's address.
    with urllib.request.urlopen(published.base + "/tracker/-/entity/Microsoft%20Corporation", timeout=30) as response:
        assert response.url == published.base + "/tracker/-/entity/Microsoft"
        page = response.read().decode("utf-8")
    assert '<h1 class="entity-name">Microsoft</h1>' in page
    assert 'href="https://www.wikidata.org/wiki/Q2283"' in page
    assert re.search(r'<span class="alias">Microsoft Corp\.</span>', page)
    assert f'href="/tracker/articles/{article_id(published, "Authors sue OpenAI")}"' in page
    assert '<a class="entity" href="/tracker/-/entity/OpenAI">OpenAI</a>' in page  # named with it
    assert re.search(r'<rect class="bar"[^>]*><title>2026-01: 1 article</title>', page)  # the month chart


def test_a_surname_and_any_case_find_the_person(published):  # noqa: F811
    status, _, page = published.get("/tracker/-/entity/silverman")
    assert status == 200 and '<h1 class="entity-name">Sarah Silverman</h1>' in page


def test_cases_and_bills_of_an_entity(published):  # noqa: F811
    status, _, page = published.get("/tracker/-/entity/OpenAI")
    assert status == 200
    cases = re.search(r'<ul class="entity-cases">(.*?)</ul>', page, re.S).group(1)
    assert re.search(r'href="/tracker/-/case/gema-v-openai">[^<]+</a> <small>\(defendant\)</small> '
                     r'<small>1 article</small>', cases)
    status, _, page = published.get("/tracker/-/entity/Chris%20Coons")
    assert status == 200
    assert re.search(r'href="/tracker/-/bill/no-fakes-act">[^<]+</a> <small>\(sponsor\)</small> <small>1 article</small>',
                     page)


def test_an_unknown_name_says_so_with_close_matches(published):  # noqa: F811
    status, _, page = published.get("/tracker/-/entity/Microsfot")
    assert status == 404
    assert "No entity named “Microsfot”" in page and '<a class="entity" href="/tracker/-/entity/Microsoft">' in page
    status, _, page = published.get("/tracker/-/entity/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert status == 404 and "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_timeline_finds_an_alias_and_names_an_unknown_entity(published):  # noqa: F811
    status, _, body = published.get("/tracker/entity_timeline.json?" + urlencode(
        {"entity": "Screen Actors Guild", "_shape": "array"}))
    titles = {r["title"] for r in json.loads(body)}
    assert status == 200 and "SAG-AFTRA video game contract sets rules for AI digital replicas" in titles
    status, _, page = published.get("/tracker/entity_timeline?entity=Screen+Actors+Guild")
    assert '<a class="entity" href="/tracker/-/entity/SAG-AFTRA">SAG-AFTRA</a>' in page  # its page, one click away
    assert status == 200
    status, _, page = published.get("/tracker/entity_timeline?entity=Silvermann")
    assert status == 404 and "No person, organisation or work named “Silvermann”" in page
    assert '<a class="entity" href="/tracker/-/entity/Sarah%20Silverman">' in page
    status, _, page = published.get("/tracker/co_mentions?entity=Silvermann")
    assert status == 404 and "No person, organisation or work named “Silvermann”" in page
    assert published.get("/tracker/co_mentions?entity=")[0] == 200  # empty: every pair
    # The JSON API answers as for any query: no rows.
    status, _, body = published.get("/tracker/entity_timeline.json?entity=Silvermann&_shape=array")
    assert status == 200 and json.loads(body) == []


def test_entity_feeds_and_saved_filters_find_an_alias(published):  # noqa: F811
    status, _, body = published.get("/tracker/feed_entity.atom?entity=Microsoft+Corporation")
    parsed = feedparser.parse(body)
    assert status == 200 and parsed.feed.title == "AI Copyright Tracker: articles mentioning Microsoft"
    assert [e.title for e in parsed.entries] == ["Authors sue OpenAI and Microsoft over training data"]
    status, _, body = published.get("/tracker/feed_developments_entity.atom?entity=RIAA")
    assert status == 200 and len(feedparser.parse(body).entries) == 1
    query = urlencode({"topics": "", "entities": "RIAA, microsoft corp.", "languages": "", "q": "",
                       "min_relevance": ""})
    status, _, body = published.get("/tracker/feed_filter.atom?" + query)
    assert status == 200
    assert sorted(e.title for e in feedparser.parse(body).entries) == [
        "Authors sue OpenAI and Microsoft over training data",
        "NO FAKES Act reintroduced in the Senate with support from SAG-AFTRA"]
    status, _, body = published.get("/tracker/feed_entity.atom?entity=Microsfot")
    assert status == 404 and "Did you mean: Microsoft" in body


def test_entity_names_elsewhere_link_their_pages(published):  # noqa: F811
    status, _, page = published.get("/-/feeds")
    assert status == 200 and '<a class="entity" href="/tracker/-/entity/OpenAI">page</a>' in page
    development = published.query("select development_id from development_articles limit 1")[0][0]
    status, _, page = published.get(f"/tracker/development?id={development}")
    assert status == 200 and re.search(r'<a class="entity" href="/tracker/-/entity/[^"]+">', page)
    status, _, page = published.get("/tracker/co_mentions?entity=OpenAI")
    assert status == 200 and '<a class="entity" href="/tracker/-/entity/Microsoft">Microsoft</a>' in page
    status, _, page = published.get("/tracker/entity_mentions?entity=GEMA")
    assert status == 200 and '<a class="entity" href="/tracker/-/entity/GEMA">GEMA</a>' in page
    # The facets of people and organisations: each value filters the list, and its page is one more link.
    status, _, page = published.get("/tracker/relevant_articles")
    people = re.search(r'id="facet-people".*?</ul>', page, re.S).group(0)
    assert status == 200 and '<a class="entity-page" href="/tracker/-/entity/Sarah%20Silverman"' in people
    status, _, page = published.get("/tracker/entity_mentions?_facet=entity")
    facet = re.search(r'id="facet-entity".*?</ul>', page, re.S).group(0)
    assert '<a class="entity-page" href="/tracker/-/entity/OpenAI"' in facet
    status, _, page = published.get("/tracker/relevant_articles?_facet=source")
    sources = re.search(r'id="facet-source".*?</ul>', page, re.S).group(0)
    assert "entity-page" not in sources  # an outlet is not an entity
