"""Datasette for researchers: views, ranked search with snippets, facets, canned queries, navigation, read-only.

Everything runs against a real crawl of tests/sites/publishing served by `tracker serve`.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

import pytest
import yaml

from tests.publishing_env import published  # noqa: F401  (session fixture)
from tracker.feeds_export import METADATA

pytestmark = pytest.mark.slow


def rows(published, path: str, **params) -> list[dict]:  # noqa: F811
    status, _, body = published.get(f"{path}.json?" + urlencode({**params, "_shape": "array"}))
    assert status == 200, body[:500]
    return json.loads(body)


def test_relevant_articles_view_holds_only_relevant_articles(published):  # noqa: F811
    relevant = {r["id"] for r in published.query("select id from articles where relevant = 1 and duplicate_of is null")}
    everything = {r["id"] for r in published.query("select id from articles")}
    assert relevant and relevant != everything  # the weather article was crawled but is not relevant
    served = rows(published, "/tracker/relevant_articles", _size="max")
    assert {r["id"] for r in served} == relevant
    assert all(isinstance(json.loads(r["topics"]), list) for r in served)


def test_search_is_ranked_restricted_to_relevant_and_has_snippets(published):  # noqa: F811
    results = rows(published, "/tracker/search", q="copyright")
    relevant = {r["id"] for r in published.query("select id from articles where relevant = 1")}
    assert len(results) >= 3
    assert {r["article_id"] for r in results} <= relevant
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1] > 0
    assert all("⟦" in r["snippet"] for r in results)
    # The HTML page turns the markers into <mark> and nothing else into markup.
    status, _, page = published.get("/tracker/search?q=copyright")
    assert status == 200 and "<mark>copyright</mark>" in page.replace("<mark>Copyright</mark>", "<mark>copyright</mark>")
    # Nothing irrelevant: the weather article's words find nothing.
    assert rows(published, "/tracker/search", q="weather") == []


def test_search_uses_porter_stemming(published):  # noqa: F811
    # The fixture says "sued"; "suing" only matches through the porter stemmer.
    titles = [r["title"] for r in rows(published, "/tracker/search", q="suing")]
    assert any("Authors sue OpenAI" in t for t in titles)


def test_facets_on_source_language_topic_entity_and_month(published):  # noqa: F811
    status, _, body = published.get("/tracker/relevant_articles.json")
    assert status == 200
    facets = json.loads(body)["facet_results"]
    assert {"source", "language", "month", "topics", "people", "organisations"} <= set(facets)
    languages = {f["value"]: f["count"] for f in facets["language"]["results"]}
    expected = {r[0]: r[1] for r in published.query(
        "select language, count(*) from articles where relevant = 1 group by language")}
    assert languages == expected
    orgs = {f["value"]: f["count"] for f in facets["organisations"]["results"]}
    openai = published.query("select count(*) from article_entities ae join entities e on e.id = ae.entity_id "
                             "join articles a on a.id = ae.article_id where e.name = 'OpenAI' and a.relevant = 1")
    assert orgs["OpenAI"] == openai[0][0] >= 2
    months = {f["value"] for f in facets["month"]["results"]}
    assert months == {"2026-01", "2026-02"}


def test_full_text_search_on_the_view(published):  # noqa: F811
    found = rows(published, "/tracker/relevant_articles", _search="replicas")
    ids = {r["id"] for r in found}
    # The index holds the relevant, non-duplicate articles and nothing else: its matches are the view's.
    expected = {r[0] for r in published.query("select rowid from articles_fts where articles_fts match 'replicas'")}
    assert ids == expected and ids
    indexed = {r[0] for r in published.query("select id from articles_fts_docsize")}
    listed = {r[0] for r in published.query("select id from articles where relevant = 1 and duplicate_of is null")}
    assert indexed == listed != {r[0] for r in published.query("select id from articles")}


def test_latest_and_by_topic(published):  # noqa: F811
    latest = rows(published, "/tracker/latest")
    dates = [r["date"] for r in latest]
    assert dates == sorted(dates, reverse=True) and len(latest) == 5
    litigation = rows(published, "/tracker/by_topic", topic="litigation")
    expected = published.query("select count(*) from article_topics t join articles a on a.id = t.article_id "
                               "where t.topic = 'litigation' and a.relevant = 1")[0][0]
    assert len(litigation) == expected >= 2


def test_entity_timeline_lists_every_relevant_mention_by_date(published):  # noqa: F811
    timeline = rows(published, "/tracker/entity_timeline", entity="openai")  # case-insensitive
    expected = published.query("select a.id from article_entities ae join entities e on e.id = ae.entity_id "
                               "join articles a on a.id = ae.article_id where e.name = 'OpenAI' and a.relevant = 1")
    assert {r["article_id"] for r in timeline} == {r[0] for r in expected}
    assert [r["date"] for r in timeline] == sorted(r["date"] for r in timeline)


def test_co_mentions_count_shared_articles(published):  # noqa: F811
    pairs = rows(published, "/tracker/co_mentions", entity="OpenAI")
    partners = {r["co_mentioned"]: r["articles"] for r in pairs}
    assert partners.get("Microsoft") == 1 and partners.get("GEMA") == 1
    everything = rows(published, "/tracker/co_mentions", entity="")
    assert all(r["entity"] != r["co_mentioned"] for r in everything)
    # Each unordered pair once when no entity is given.
    assert len({frozenset((r["entity"], r["co_mentioned"])) for r in everything}) == len(everything)


def test_top_entities_per_month(published):  # noqa: F811
    top = rows(published, "/tracker/top_entities")
    jan_orgs = [r for r in top if r["month"] == "2026-01" and r["type"] == "ORG"]
    assert jan_orgs[0]["entity"] == "OpenAI" and jan_orgs[0]["articles"] == 2 and jan_orgs[0]["rank"] == 1
    assert {r["type"] for r in top} == {"PERSON", "ORG"}


def test_source_health(published):  # noqa: F811
    health = {r["source"]: r for r in rows(published, "/tracker/source_health")}
    row = health["Publishing Test News"]
    assert row["articles"] == 6 and row["relevant"] == 5 and row["feeds"] == 1
    assert row["status"] == "ok" and row["feeds_failing"] == 0


def test_article_page_links_each_actor_to_their_timeline(published):  # noqa: F811
    article_id = published.query("select id from articles where title like 'Authors sue OpenAI%'")[0][0]
    status, _, page = published.get(f"/tracker/articles/{article_id}")
    assert status == 200
    links = dict(re.findall(r'<a class="entity [a-z]+" href="([^"]+)">([^<]+)</a>', page))
    assert "/tracker/entity_timeline?entity=Sarah+Silverman" in links
    assert links["/tracker/entity_timeline?entity=OpenAI"] == "OpenAI"
    # One click: that link is the timeline, and it lists this article.
    timeline = rows(published, "/tracker/entity_timeline", entity="Sarah Silverman")
    assert [r["article_id"] for r in timeline] == [article_id]


def test_query_results_link_titles_and_actors(published):  # noqa: F811
    status, _, page = published.get("/tracker/latest")
    assert status == 200
    assert re.search(r'<a href="/tracker/articles/\d+">Authors sue OpenAI', page)
    assert f'href="/tracker/entity_timeline?entity={quote("SAG-AFTRA")}"' in page
    assert 'href="/tracker/by_topic?topic=litigation"' in page


def test_attention_chart_dashboard(published):  # noqa: F811
    status, _, page = published.get("/-/dashboards/attention")
    assert status == 200 and "Relevant articles per week, by topic" in page
    weeks = rows(published, "/tracker/topic_weeks", _size="max")
    total = published.query("select count(*) from article_topics t join articles a on a.id = t.article_id "
                            "where a.relevant = 1")[0][0]
    assert sum(r["articles"] for r in weeks) == total
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["week"]) for r in weeks)
    # Weeks start on Monday.
    assert {__import__("datetime").date.fromisoformat(r["week"]).weekday() for r in weeks} == {0}


def test_served_read_only(published):  # noqa: F811
    status, _, body = published.get("/-/databases.json")
    assert [d["is_mutable"] for d in json.loads(body) if d["name"] == "tracker"] == [False]
    status, _, _ = published.get("/tracker.json?" + urlencode({"sql": "delete from articles"}))
    assert status == 400
    assert published.query("select count(*) from articles")[0][0] == 6
    queries = yaml.safe_load(METADATA.read_text())["databases"]["tracker"]["queries"]
    assert not [name for name, q in queries.items() if q.get("write")]


def test_every_table_and_column_is_documented(published):  # noqa: F811
    tables = yaml.safe_load(METADATA.read_text())["databases"]["tracker"]["tables"]
    names = [r[0] for r in published.query(
        "select name from sqlite_master where type in ('table', 'view') and name not like 'articles_fts%' "
        "and name not like 'sqlite_%'")]
    for name in names:
        assert name in tables, f"{name} is not described in metadata.yaml"
        if tables[name].get("hidden"):
            continue
        columns = [r[1] for r in published.query(f"pragma table_info([{name}])")]
        missing = set(columns) - set(tables[name].get("columns", {}))
        assert not missing, f"{name}: undocumented columns {missing}"


def test_search_page_without_a_query_lists_the_newest_articles(published):  # noqa: F811
    latest = rows(published, "/tracker/search", q="")
    listed = published.query("select id from articles where relevant = 1 and duplicate_of is null")
    assert [r["article_id"] for r in latest] and len(latest) == len(listed)
    assert [r["date"] for r in latest] == sorted((r["date"] for r in latest), reverse=True)
    status, _, page = published.get("/tracker/search")
    assert status == 200 and "syntax error" not in page and "Künstler*" in page  # the help beside the box


def test_search_understands_german_forms_and_operators(published):  # noqa: F811
    gema = {r["id"] for r in published.query("select id from articles where title like '%GEMA%' and relevant = 1")}
    assert gema
    for query in ("Urheberrechts", "Urheberrechte", "fair use OR Urheberrecht", "Urheberrech*"):
        assert gema <= {r["article_id"] for r in rows(published, "/tracker/search", q=query)}, query
    assert not gema & {r["article_id"] for r in rows(published, "/tracker/search", q="Urheberrecht NOT GEMA")}
    for broken in ('"unbalanced', "NOT", "(()", "a OR", "title:"):
        status, _, page = published.get("/tracker/search?" + urlencode({"q": broken}))
        assert status == 200 and "syntax error" not in page, broken


def test_queries_opened_without_a_parameter_offer_the_choices(published):  # noqa: F811
    status, _, page = published.get("/tracker/by_topic")
    assert status == 200
    topics = re.findall(r'<a href="/tracker/by_topic\?topic=([a-z_]+)">', page)
    assert set(topics) == {r[0] for r in published.query("select slug from topics")}
    status, _, page = published.get("/tracker/entity_timeline")
    assert 'href="/tracker/entity_timeline?entity=OpenAI"' in page
    assert 'class="choices"' not in published.get("/tracker/by_topic?topic=labor")[2]


def test_canned_queries_hide_their_sql_behind_a_toggle(published):  # noqa: F811
    queries = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["tracker"]["queries"]
    assert all(q.get("hide_sql") for q in queries.values())
    _, _, page = published.get("/tracker/latest")
    assert 'id="sql-query"' not in page and "_show_sql=1" in page
    assert 'id="sql-query"' in published.get("/tracker/latest?_show_sql=1")[2]


def test_home_page_says_when_the_data_was_crawled_and_links_cases(published):  # noqa: F811
    _, _, page = published.get("/")
    run = published.query("select finished from crawl_runs order by id desc limit 1")[0][0]
    assert f"Last crawl {run}" in page and "This copy was published" in page
    assert 'href="/tracker/cases_overview"' in page and 'href="/tracker/bills_overview"' in page
    _, _, cases = published.get("/tracker/cases_overview")
    assert 'href="/tracker/-/case/silverman-v-openai"' in cases
    assert 'href="/tracker/feed_case.atom?slug=silverman-v-openai"' in cases


def test_every_chart_counts_in_whole_numbers_labels_dates_and_has_data(published):  # noqa: F811
    dashboard = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["plugins"]["datasette-dashboards"]["attention"]
    charts = dashboard["charts"]
    assert {"weekly-topics", "monthly-cases", "monthly-people", "monthly-organisations"} <= set(charts)
    for name, chart in charts.items():
        encoding = chart["display"]["encoding"]
        assert encoding["y"]["axis"] == {"tickMinStep": 1, "format": "d"}, name  # no 0.5 articles
        assert "%" in encoding["x"]["axis"]["format"], name  # a date, not "2026 W00"
        sql = re.sub(r"\[\[.*?\]\]", "", chart["query"], flags=re.S)
        assert published.query(sql), name
    status, _, page = published.get("/-/dashboards/attention")
    assert status == 200 and all(chart["title"] in page for chart in charts.values())
