"""Developments in Datasette: the list, a development's page, "part of" on an article's page, the feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from tests.publishing_env import published  # noqa: F401  (session fixture)

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def rows(published, path: str, **params) -> list[dict]:  # noqa: F811
    status, _, body = published.get(f"{path}.json?" + urlencode({**params, "_shape": "array"}))
    assert status == 200, body[:500]
    return json.loads(body)


def test_every_listed_article_is_in_one_listed_development(published):  # noqa: F811
    listed = {r["id"] for r in published.query("select id from articles where relevant = 1 and duplicate_of is null")}
    members = published.query("select article_id, development_id from development_articles")
    assert {r["article_id"] for r in members} == listed and len(members) == len(listed)
    served = rows(published, "/tracker/developments")
    assert {r["development_id"] for r in served} == {r["development_id"] for r in members}
    assert [r["updated"] for r in served] == sorted((r["updated"] for r in served), reverse=True)


def test_a_development_page_shows_its_coverage_and_an_article_links_to_it(published):  # noqa: F811
    article = published.query("select a.id, a.title, m.development_id from articles a join development_articles m "
                              "on m.article_id = a.id order by a.id limit 1")[0]
    status, _, page = published.get(f"/tracker/development?id={article['development_id']}")
    assert status == 200 and 'class="coverage"' in page and "development-title" in page
    status, _, row_page = published.get(f"/tracker/articles/{article['id']}")
    assert status == 200 and "Part of <a href=" in row_page and f"development?id={article['development_id']}" in row_page


def test_a_developments_feed_has_one_entry_per_development_with_its_coverage(published):  # noqa: F811
    topic = published.query("select topic from article_topics group by topic order by count(*) desc limit 1")[0][0]
    status, _, body = published.get("/tracker/feed_developments_topic.atom?" + urlencode({"topic": topic}))
    assert status == 200, body[:300]
    entries = ET.fromstring(body.encode()).findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert ids and len(ids) == len(set(ids)) and all(":development:" in i for i in ids)
    assert all("Also covered by" in e.find(f"{ATOM}content").text for e in entries)
    status, _, _ = published.get("/tracker/feed_developments_topic.atom?topic=no-such-topic")
    assert status == 404


def test_the_home_page_and_the_feeds_page_lead_to_developments(published):  # noqa: F811
    status, _, home = published.get("/")
    assert status == 200 and "/tracker/developments" in home
    status, _, feeds = published.get("/-/feeds")
    assert status == 200 and "feed_developments_topic.atom?topic=litigation" in feeds
    assert "feed_developments_case.atom?slug=" in feeds


def test_developments_are_faceted_by_language_outlet_and_topic(published):  # noqa: F811
    status, _, body = published.get("/tracker/development_list.json?_facet_array=languages")
    assert status == 200, body[:300]
    data = json.loads(body)
    assert {"languages", "outlets", "topics"} <= set(data["facet_results"])
    assert data["facet_results"]["languages"]["results"]
