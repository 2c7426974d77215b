"""The digest e-mail as a reader sees it: received by a local SMTP server, rendered in Debian's headless Chromium.

The screenshot goes to test-artifacts/digest.png; with TRACKER_UPDATE_DOCS_PICTURES=1 it also replaces
docs/images/digest.png, so the picture in the docs is always a real message.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from pipeline.clock import now_utc
from pipeline.publish.alerts import Destination
from pipeline.publish.send import deliver, digest_for
from tests.alerts_env import HTML_TITLE, SMTPServer, article, build_db, development
from tests.conftest import ARTIFACTS, ROOT
from tests.publishing_env import have_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not have_chromium(), reason="Debian chromium is not installed (make browser)")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def digest_db():
    fetched = now_utc().isoformat()
    db = build_db(None, fetched)
    g1 = article(db, "Süddeutsche Technik", "GEMA gegen OpenAI: Gericht verhandelt über Liedtexte",
                 "https://sz-tech.example/gema-openai", "de", "2026-12-03T07:30:00+00:00", fetched,
                 topics=["litigation"], description="Das Landgericht München hört GEMA und OpenAI zu "
                 "Songtexten in ChatGPT. Ein Urteil wird im Frühjahr erwartet.")
    g2 = article(db, "Wire Daily", "German court hears GEMA's lyrics case against OpenAI",
                 "https://wire.example/gema-openai", "en", "2026-12-03T11:00:00+00:00", fetched, topics=["litigation"])
    development(db, "Munich court hears GEMA v. OpenAI over song lyrics", [g1, g2], case_slug="gema-v-openai")
    return db


def test_the_digest_email_renders_as_a_readable_page(tmp_path):
    from playwright.sync_api import sync_playwright

    db = digest_db()
    digest = digest_for(db.conn, "topic", "litigation", [], timedelta(days=7), "https://tracker.example.org",
                        "Lawsuits against AI companies")
    with SMTPServer() as smtp:
        os.environ.update(smtp.env())
        try:
            assert deliver(Destination("email", "legal-team@example.org"), digest, 5, "picture") is None
        finally:
            for key in smtp.env():
                os.environ.pop(key, None)
        [mail] = smtp.messages
    html = mail.get_body(("html",)).get_content()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 720, "height": 300})
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_content(html, wait_until="load")
        titles = page.locator("h2").all_inner_texts()
        assert HTML_TITLE in titles, titles  # the markup is shown, not run
        assert not dialogs and page.locator("b").count() == 0
        links = page.locator("h2 a").evaluate_all("els => els.map(e => e.href)")
        assert all(link.startswith("https://tracker.example.org/tracker/development?id=") for link in links)
        assert "also covered by Wire Daily" in page.inner_text("body")
        page.screenshot(path=ARTIFACTS / "digest.png", full_page=True)
        if os.environ.get("TRACKER_UPDATE_DOCS_PICTURES") == "1":
            (ROOT / "docs" / "images").mkdir(exist_ok=True)
            page.screenshot(path=ROOT / "docs" / "images" / "digest.png", full_page=True)
        browser.close()
