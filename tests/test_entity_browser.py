"""An entity's page as a person uses it, in Debian's headless Chromium: found by an alias, reached from an article."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.publishing_env import have_chromium, published  # noqa: F401  (session fixture)
from tests.test_browser import page  # noqa: F401  (the Chromium tab fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not have_chromium(), reason="Debian chromium is not installed (make browser)")]


def test_an_alias_opens_the_page_with_name_aliases_chart_and_articles(page, published):  # noqa: F811
    page.goto(published.base + "/tracker/-/entity/Screen%20Actors%20Guild")
    page.wait_for_url("**/tracker/-/entity/SAG-AFTRA")
    assert page.locator("h1.entity-name").inner_text() == "SAG-AFTRA"
    assert "ORG" in page.locator(".entity-facts").inner_text()
    assert "Screen Actors Guild" in page.locator(".entity-aliases").inner_text()
    bars = page.locator("figure.entity-chart rect.bar")
    assert bars.count() >= 1 and bars.first.bounding_box()["height"] > 10  # drawn, not only in the markup
    latest = page.locator("ol.entity-latest a").all_inner_texts()
    assert "SAG-AFTRA video game contract sets rules for AI digital replicas" in latest
    page.screenshot(path=ARTIFACTS / "browser-entity-1-page.png", full_page=True)
    # Its latest article opens the reading view, whose organisations lead back here.
    page.click("ol.entity-latest a:has-text('SAG-AFTRA video game contract')")
    page.wait_for_url("**/tracker/articles/*")
    page.click("a.entity.org:has-text('SAG-AFTRA')")
    page.wait_for_url("**/tracker/-/entity/SAG-AFTRA")
    # A co-mentioned entity is one click away too.
    page.locator("ul.entity-co-mentioned a").first.click()
    page.wait_for_selector("h1.entity-name")
    assert page.locator("h1.entity-name").inner_text() != "SAG-AFTRA"


def test_an_unknown_name_shows_the_message_and_close_matches(page, published):  # noqa: F811
    response = page.goto(published.base + "/tracker/-/entity/Sarah%20Silvermann")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "No entity named “Sarah Silvermann”"
    page.screenshot(path=ARTIFACTS / "browser-entity-2-unknown.png", full_page=True)
    page.click("section.entity-unknown a.entity:has-text('Sarah Silverman')")
    page.wait_for_url("**/tracker/-/entity/Sarah%20Silverman")
    assert page.locator("h1.entity-name").inner_text() == "Sarah Silverman"
