"""The review page (issue 17): a reviewer signs in, corrects an article in Chromium, and after the next publish
the public page shows it; without sign-in, or without the CSRF token, a write is refused."""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, TRACKER, free_port, run_tracker
from tests.publishing_env import _wait_until_up, have_chromium, published  # noqa: F401  (session fixture)
from tracker.review_serve import add_reviewer

pytestmark = [pytest.mark.slow]
PASSWORD = "test-only-" + os.urandom(6).hex()  # made here, never stored anywhere but the test's temporary folder
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class Review:
    def __init__(self, base: str, db: Path, corrections: Path, log: Path):
        self.base, self.db, self.corrections, self.log = base, db, corrections, log

    def log_tail(self) -> str:
        """The end of `tracker serve`'s output, shown when a test fails on a restart."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def opener(self):
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, opener, path, data=None):
        """(status, body) of a GET, or of a form POST when `data` is given; redirects are followed."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def sign_in(self):
        opener = self.opener()
        self.open(opener, "/-/login")  # the login form sets the CSRF cookie
        token = self.token(opener)
        status, _ = self.open(opener, "/-/login", {"username": "rita", "password": PASSWORD, "csrftoken": token})
        assert status == 200
        return opener

    def token(self, opener) -> str:
        jar = next(h for h in opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor)).cookiejar
        return next(c.value for c in jar if c.name == "ds_csrftoken")

    def stored(self) -> list:
        if not self.corrections.exists():
            return []
        conn = sqlite3.connect(self.corrections)
        try:
            return conn.execute("select kind, target, value, who, reason from corrections order by id").fetchall()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def review(published, tmp_path_factory):  # noqa: F811
    """A `tracker serve` of a copy of the published fixture's database, with one reviewer account."""
    tmp = tmp_path_factory.mktemp("review")
    db = tmp / "tracker.db"
    shutil.copy(published.db_path, db)
    reviewers = tmp / "reviewers.yaml"
    add_reviewer(reviewers, "rita", PASSWORD)
    port = free_port()
    log = open(tmp / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
    env = {**os.environ, "TRACKER_REVIEWERS": str(reviewers)}
    env.pop("TRACKER_CORRECTIONS_DB", None)
    server = subprocess.Popen([TRACKER, "serve", "--db", str(db), "--port", str(port)], stdout=log,
                              stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, tmp / "serve.log")
        yield Review(base, db, tmp / "corrections.db", tmp / "serve.log")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        log.close()


def one(db: Path, sql: str, params) -> object:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def article_id(db: Path, title_like: str) -> int:
    return one(db, "select id from articles where title like ?", [title_like])


def test_without_sign_in_the_review_pages_and_writes_are_refused(review):
    anonymous = review.opener()
    assert review.open(anonymous, "/-/review")[0] == 403
    assert review.open(anonymous, "/-/review/entity?name=OpenAI")[0] == 403
    gema = article_id(review.db, "%GEMA%")
    status, body = review.open(anonymous, "/-/review/correct",
                               {"kind": "hide", "target": gema, "reason": "anonymous takedown"})
    assert status == 403 and "sign in" in body
    # With a CSRF cookie and its token, but signed in as nobody: still refused.
    review.open(anonymous, "/-/login")
    status, _ = review.open(anonymous, "/-/review/correct", {"kind": "hide", "target": gema, "reason": "x",
                                                              "csrftoken": review.token(anonymous)})
    assert status == 403
    page = review.open(anonymous, f"/tracker/articles/{gema}")[1]
    assert 'class="review"' not in page  # the public page has no controls
    assert review.stored() == []


def test_a_signed_in_write_without_the_csrf_token_is_refused(review):
    reviewer = review.sign_in()
    assert review.open(reviewer, "/-/review")[0] == 200
    gema = article_id(review.db, "%GEMA%")
    status, body = review.open(reviewer, "/-/review/correct", {"kind": "hide", "target": gema, "reason": "no token"})
    assert status == 403 and "did not match cookie" in body  # asgi-csrf's refusal
    status, _ = review.open(reviewer, "/-/review/correct", {"kind": "hide", "target": gema, "reason": "forged",
                                                             "csrftoken": "not-the-token"})
    assert status == 403
    assert review.stored() == []


def test_the_review_queue_lists_what_needs_a_look(review):
    reviewer = review.sign_in()
    status, page = review.open(reviewer, "/-/review")
    assert status == 200
    for heading in ("Borderline relevance", "New entities, not in the gazetteer",
                    "Case and bill links nobody has confirmed", "Large developments"):
        assert heading in page
    assert "silverman-v-openai" in page  # an unconfirmed case link of the fixture crawl


def test_a_reviewer_merges_an_entity_on_its_review_page(review):
    reviewer = review.sign_in()
    # The public entity page offers the reviewer its corrections, and nobody else.
    assert "/-/review/entity?name=Microsoft" in review.open(reviewer, "/tracker/-/entity/Microsoft")[1]
    assert "/-/review/entity" not in review.open(review.opener(), "/tracker/-/entity/Microsoft")[1]
    status, page = review.open(reviewer, "/-/review/entity?name=microsoft")
    assert status == 200 and "Review: Microsoft" in page and "Merge into it" in page
    assert review.open(reviewer, "/-/review/entity?name=Nobody%20Known")[0] == 404
    status, page = review.open(reviewer, "/-/review/correct", {
        "kind": "entity-merge", "target": "Microsoft", "value": "OpenAI", "reason": "test: one actor",
        "csrftoken": review.token(reviewer), "next": "https://elsewhere.example/"})
    assert status == 200 and "Correction 1 saved" in page and "Review queue" in page  # not sent elsewhere
    status, page = review.open(reviewer, "/-/review/correct", {
        "kind": "entity-merge", "target": "Microsoft", "value": "Nobody Known", "reason": "x",
        "csrftoken": review.token(reviewer)})
    assert "Not saved: no entity &#39;Nobody Known&#39;" in page
    assert review.stored() == [("entity-merge", "Microsoft", "OpenAI", "rita", "test: one actor")]


@pytest.mark.browser
@pytest.mark.skipif(not have_chromium(), reason="Debian chromium is not installed (make browser)")
def test_a_reviewer_corrects_an_article_and_the_public_page_changes_after_the_next_publish(review):
    from playwright.sync_api import sync_playwright

    target = article_id(review.db, "Authors sue OpenAI%")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(review.base + "/-/login")
        page.fill("input[name=username]", "rita")
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit], button[type=submit]")
        page.goto(review.base + f"/tracker/articles/{target}")
        form = page.locator("form.review-relevance")
        form.locator("select[name=value]").select_option("false")
        form.locator("input[name=reason]").fill("an opinion piece, not news of a development")
        form.locator("input[name=source]").fill("https://example.org/editorial-note")
        page.screenshot(path=ARTIFACTS / "review-1-article.png", full_page=True)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
        assert "saved" in page.locator(".message-info").inner_text()
        assert review.stored()[-1] == ("relevance", _url(review.db, target), "false", "rita",
                                       "an opinion piece, not news of a development")
        page.goto(review.base + "/-/review")
        page.screenshot(path=ARTIFACTS / "review-2-queue.png", full_page=True)
        assert "<script>alert('title')</script>" in page.locator("table.review-links").inner_text()  # text, not code
        assert dialogs == [] and page.locator("img[src=x]").count() == 0
        browser.close()

    assert _listed(review, target)  # not yet: the public site changes on the next publish
    result = run_tracker("corrections", "apply", "--db", str(review.db))
    assert result.returncode == 0, result.stderr
    assert f"applied {len(review.stored())} corrections" in result.stdout
    # `tracker serve` restarts Datasette on the new snapshot; on a loaded CI machine that can take a while.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and _listed(review, target):
        time.sleep(0.5)
    assert not _listed(review, target), review.log_tail()
    status, body = Review.open(review, review.opener(), f"/tracker/articles/{target}")
    assert status == 200 and "Not listed" in body
    status, log = Review.open(review, review.opener(), "/tracker/corrections_log.json?_shape=array")
    entry = next(e for e in json.loads(log) if e["kind"] == "relevance")
    assert entry["what"] == "marked not relevant" and entry["source_url"] == "https://example.org/editorial-note"
    status, feed = Review.open(review, review.opener(), "/tracker/feed_corrections.atom")
    assert status == 200 and "an opinion piece" in feed and "Correction" in feed


def _url(db: Path, article: int) -> str:
    return one(db, "select url from articles where id = ?", [article])


def _listed(review: Review, article: int) -> bool:
    try:
        status, body = review.open(review.opener(), f"/tracker/relevant_articles.json?_shape=array&id={article}")
    except OSError:  # Datasette restarting
        return True
    return status != 200 or bool(json.loads(body))
