"""The published site as a person uses it, in Debian's headless Chromium driven by Playwright.

Screenshots go to test-artifacts/ (kept by CI as an artifact).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTIFACTS
from tests.publishing_env import have_chromium, published  # noqa: F401  (session fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not have_chromium(), reason="Debian chromium is not installed (make browser)")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.dialogs = []
        # A crawled <script> that ran would open a dialog: record any.
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        yield tab
        browser.close()


def test_search_article_timeline_and_feed(page, published):  # noqa: F811
    page.goto(published.base + "/")
    assert "AI Copyright Tracker" in page.title()
    page.screenshot(path=ARTIFACTS / "browser-1-home.png", full_page=True)

    page.fill("#tracker-q", "copyright")
    page.click("form.tracker-search button")
    page.wait_for_url("**/tracker/search?q=copyright*")
    marks = page.locator("td.col-snippet mark")
    assert marks.count() >= 3
    page.screenshot(path=ARTIFACTS / "browser-2-search.png", full_page=True)

    page.click("td.col-title a:has-text('Authors sue OpenAI')")
    page.wait_for_url("**/tracker/articles/*")
    page.screenshot(path=ARTIFACTS / "browser-3-article.png", full_page=True)

    page.click("a.entity.person:has-text('Sarah Silverman')")
    page.wait_for_url("**/tracker/-/entity/Sarah%20Silverman")
    assert page.locator("h1.entity-name").inner_text() == "Sarah Silverman"
    assert page.locator("ol.entity-latest a").first.inner_text().startswith("Authors sue OpenAI")
    page.screenshot(path=ARTIFACTS / "browser-4-entity.png", full_page=True)
    page.click("p.entity-links a:has-text('timeline')")
    page.wait_for_url("**/tracker/entity_timeline?entity=Sarah+Silverman")
    assert page.locator("td.col-title").first.inner_text().startswith("Authors sue OpenAI")

    page.goto(published.base + "/-/feeds")
    page.screenshot(path=ARTIFACTS / "browser-5-feeds.png", full_page=True)
    link = page.locator("a.feed:has-text('Litigation')").first
    href = link.get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    assert "<title>AI Copyright Tracker: topic Litigation</title>" in response.text()
    with page.expect_navigation():
        link.click()
    assert page.url == href


def test_malicious_title_does_not_run(page, published):  # noqa: F811
    [row] = published.query("select id from articles where title like '%<script>%'")
    for path in (f"/tracker/articles/{row['id']}", "/tracker/latest", "/tracker/search?q=Getty",
                 "/tracker/relevant_articles"):
        page.goto(published.base + path)
        page.wait_for_load_state("load")
    page.goto(published.base + f"/tracker/articles/{row['id']}")
    # Shown as text in the reading view, and kept as text in the stored row behind it.
    assert "<script>alert('title')</script>" in page.locator("article.reading h1").inner_text()
    assert "<script>alert('title')</script>" in page.locator("td.col-title").text_content()
    page.screenshot(path=ARTIFACTS / "browser-6-escaped-title.png", full_page=True)
    assert page.dialogs == []
    assert page.locator("img[src=x]").count() == 0


def test_attention_chart_renders(page, published):  # noqa: F811
    page.goto(published.base + "/-/dashboards/attention")
    page.wait_for_selector("canvas, svg.marks", timeout=15000)  # raises if Vega never draws the chart
    assert page.locator("canvas, svg.marks").count() >= 1
    page.screenshot(path=ARTIFACTS / "browser-7-chart.png", full_page=True)


def test_article_page_is_a_reading_view(page, published):  # noqa: F811
    [row] = published.query("select id, authors from articles where title like 'Authors sue OpenAI%'")
    page.goto(published.base + f"/tracker/articles/{row['id']}")
    width = page.viewport_size["width"]
    text = page.locator(".article-text").bounding_box()
    assert text["width"] >= width / 2, text  # a column you can read, not 30 px at the edge
    assert page.locator(".article-text p").count() >= 3
    byline = page.locator("article.reading .byline").inner_text()
    authors = json.loads(row["authors"])
    assert authors and all(name in byline for name in authors) and "[" not in byline  # names, not JSON
    # Published at 9:30 pm Pacific time: the reader sees the local date and clock, not the next UTC day.
    assert "2026-01-13, 21:30 UTC−08:00" in byline and "2026-01-14" not in byline
    assert page.locator("article.reading .byline time").get_attribute("datetime") == "2026-01-13T21:30:00-08:00"
    assert page.locator("details.raw-row").get_attribute("open") is None  # the raw row is one click away
    page.click("details.raw-row summary")
    assert page.locator("td.col-title").is_visible()
    page.screenshot(path=ARTIFACTS / "browser-8-article-reading.png", full_page=True)


def test_a_german_search_finds_inflected_forms(page, published):  # noqa: F811
    page.goto(published.base + "/tracker/search")
    assert page.locator("td.col-title").count() >= 3  # no query: the newest articles, not an error
    assert page.locator(".search-help").is_visible()
    page.goto(published.base + "/tracker/search?q=Urheberrechts")
    assert page.locator("td.col-title a:has-text('GEMA')").count() >= 1


def test_a_case_is_two_clicks_from_the_home_page(page, published):  # noqa: F811
    page.goto(published.base + "/")
    page.click("a:has-text('lawsuits')")
    page.wait_for_url("**/tracker/cases_overview*")
    page.click("a.case:has-text('silverman-v-openai')")
    page.wait_for_url("**/tracker/-/case/silverman-v-openai")
    page.screenshot(path=ARTIFACTS / "browser-9-case.png", full_page=True)
    # The case page: its fields with their sources, its parties, one timeline, the article, the feed.
    assert page.locator("table.record-fields td.sources a").count() >= 5
    assert page.locator("ol.timeline li.docket").count() >= 1 and page.locator("ol.timeline li.news").count() == 1
    assert page.locator("section.latest-articles a:has-text('Authors sue OpenAI')").count() == 1
    assert page.locator("p.feeds a.feed").first.get_attribute("href") == "/tracker/feed_case.atom?slug=silverman-v-openai"
    # A party opens its page; a related case (another suit against OpenAI) opens its own.
    page.click("a.party.defendant:has-text('OpenAI')")
    page.wait_for_url("**/tracker/-/entity/OpenAI")
    assert page.locator("ul.entity-cases a.case:has-text('Silverman v. OpenAI')").count() == 1  # and back again
    page.go_back()
    page.locator("section.related a.case").first.click()
    page.wait_for_url("**/tracker/-/case/*")
    assert page.locator("h1").count() == 1 and page.dialogs == []
    # The news development on the timeline opens the development's page.
    page.goto(published.base + "/tracker/-/case/silverman-v-openai")
    page.locator("ol.timeline li.news a").first.click()
    page.wait_for_url("**/tracker/development?id=*")


def test_coverage_gaps_and_the_news_against_docket_chart(page, published):  # noqa: F811
    page.goto(published.base + "/")
    page.click("a:has-text('coverage gaps')")
    page.wait_for_url("**/tracker/coverage_gaps*")
    assert page.locator("td.col-slug a.case").count() >= 10  # the fixture's news is old: most active cases lack any
    page.screenshot(path=ARTIFACTS / "browser-11-gaps.png", full_page=True)
    page.goto(published.base + "/-/dashboards/attention")
    chart = page.locator("#chart-news-vs-docket")
    chart.locator("svg, canvas").first.wait_for(timeout=15000)
    page.screenshot(path=ARTIFACTS / "browser-12-news-vs-docket.png", full_page=True)


def test_an_unknown_entity_feed_says_so(page, published):  # noqa: F811
    response = page.goto(published.base + "/tracker/feed_entity.atom?entity=OpenIA")
    assert response.status == 404
    assert "Did you mean: OpenAI" in page.locator("body").inner_text()


def test_a_feed_opened_in_the_browser_is_a_readable_page(page, published):  # noqa: F811
    page.goto(published.base + "/tracker/feed_topic.atom?topic=litigation")
    text = page.locator("body").inner_text()
    assert "This is a news feed." in text and "feed reader" in text
    assert page.locator(".entry h2 a").count() >= 1
    assert page.dialogs == []  # titles stay text
    page.screenshot(path=ARTIFACTS / "browser-10-feed.png", full_page=True)


def test_an_article_links_to_its_development_and_back(page, published):  # noqa: F811
    [row] = published.query("select id, title from articles where title like '%<script>%'")
    page.goto(published.base + f"/tracker/articles/{row['id']}")
    page.click("p.part-of a")
    page.wait_for_url("**/tracker/development?id=*")
    # The title is data: shown as text, and nothing in it runs.
    assert "<script>alert('title')</script>" in page.locator("h2.development-title").inner_text()
    coverage = page.locator("ol.coverage li")
    assert coverage.count() == 1 and "(en)" in coverage.first.inner_text()
    assert "outlets:" in page.locator("section.development").inner_text()
    page.screenshot(path=ARTIFACTS / "browser-10-development.png", full_page=True)
    assert page.dialogs == [] and page.locator("img[src=x]").count() == 0
    coverage.first.locator("a").first.click()
    page.wait_for_url(f"**/tracker/articles/{row['id']}")
