"""A case's page and a bill's, the coverage gaps and the news-against-docket chart, served by the real Datasette
(issue 18). The browser walks the same pages in tests/test_browser.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from pipeline.curated import load_cases
from pipeline.developments import assign_developments
from pipeline.publish.snapshot import publish_snapshot
from pipeline.records import Article
from pipeline.store.articles import Store, sync_topics
from pipeline.store.cases import seed_curated
from pipeline.store.db import open_db
from pipeline.store.proposals import accept_proposal, add_proposal
from pipeline.store.schema import migrate
from pipeline.understand.linking import link_cases_and_bills
from pipeline.understand.relevance import load_topics
from tests.test_cases import datasette_on

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "datasette_config" / "metadata.yaml").read_text(encoding="utf-8"))
RECENT = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0).isoformat()


def _plugin():
    spec = importlib.util.spec_from_file_location("case_pages", ROOT / "datasette_config" / "plugins" / "case_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _article(url, title, text, published="2025-11-12T08:00:00+00:00"):
    article = Article(url=url, source="test", title=title, text=text, language="de" if "gegen" in title else "en",
                      relevant=True, relevance=0.9, content_hash=url, published=published)
    return link_cases_and_bills([article])[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A published snapshot: two articles on GEMA v. OpenAI (one with markup in its title), a recent one on Ziff
    Davis v. OpenAI, a case accepted from discovery (unverified); served by Datasette on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("casepages")
    db = open_db(tmp / "tracker.db")
    seed_curated(db)
    sync_topics(db, load_topics())
    Store(db, archive_html=False).store_articles([
        _article("https://news.test/gema", "GEMA gegen OpenAI: Landgericht urteilt",
                 "Das Landgericht München I gab der GEMA recht."),
        _article("https://news.test/gema2", "GEMA v. OpenAI <script>alert(1)</script> appeal",
                 "OpenAI appealed the ruling in GEMA v. OpenAI.", "2025-12-01T08:00:00+00:00"),
        _article("https://news.test/ziff", "Ziff Davis v. OpenAI: discovery fight", "Ziff Davis sued OpenAI.",
                 RECENT),
    ], then=lambda ids: assign_developments(db, ids))
    _, pid = add_proposal(db, {"source": "courtlistener", "caption": "Meridian Sound Records LLC v. Cadence Labs, Inc.",
                               "court": "District Court, S.D. New York", "court_id": "nysd", "docket": "1:26-cv-06610",
                               "parties": {"plaintiffs": ["Meridian Sound Records"], "defendants": ["Cadence Labs"]},
                               "evidence": ["https://www.courtlistener.com/docket/71000003/x/"]})
    accept_proposal(db, pid, "rev", slug="meridian-v-cadence")
    db.close()
    with datasette_on(publish_snapshot(tmp / "tracker.db", tmp / "published" / "tracker.db")) as base:
        yield base


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", page, flags=re.S)).split())


@pytest.mark.slow
def test_a_case_page_shows_each_field_with_its_sources_and_everything_about_the_case(site):
    status, page = _get(f"{site}/tracker/-/case/gema-v-openai")
    assert status == 200
    case = next(c for c in load_cases() if c["slug"] == "gema-v-openai")
    # Every sourced field shows the URLs it was read at.
    for field_name in ("docket", "court", "filed", "claims", "status"):
        for url in case["sources"][field_name]:
            assert f'href="{url}"' in page.replace("&amp;", "&"), (field_name, url)
    text = _text(page)
    assert "42 O 14139/24" in text and "Every field below is sourced" in text and "Not verified" not in text
    assert 'class="entity party plaintiff" href="/tracker/entity_timeline?entity=GEMA"' in page
    # One timeline: the curated docket event and both news developments, newest first.
    kinds = re.findall(r'<li class="(docket|news)"><time>([^<]*)</time>', page)
    assert kinds == [("news", "2025-12-01"), ("news", "2025-11-12"), ("docket", "2025-11-11")]
    assert re.search(r'href="/tracker/development\?id=\d+"', page)
    # Related cases: GEMA's other suit (same plaintiff), others against OpenAI (same defendant).
    assert 'href="/tracker/-/case/gema-v-suno"' in page and "also brought by GEMA" in text
    assert "also against OpenAI" in text
    assert "2 relevant articles mention it" in text and 'href="/tracker/articles/' in page
    assert 'href="/tracker/feed_case.atom?slug=gema-v-openai"' in page
    # Crawled titles are text.
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.slow
def test_an_unverified_case_says_so_and_an_unknown_one_is_a_404(site):
    status, page = _get(f"{site}/tracker/-/case/meridian-v-cadence")
    assert status == 200
    text = _text(page)
    assert "Not verified. Discovered (courtlistener, proposal 1) and accepted by rev" in text
    assert "Every field below is sourced" not in text
    status, page = _get(f"{site}/tracker/-/case/no-such-case")
    assert status == 404 and "No case called" in page


@pytest.mark.slow
def test_a_bill_page_shows_its_fields_sources_and_timeline(site):
    status, page = _get(f"{site}/tracker/-/bill/no-fakes-act")
    assert status == 200
    text = _text(page)
    assert "Sponsors" in text and "Chris Coons" in text and '<li class="action">' in page
    assert "no source" not in text  # the chamber is read in the number's source


@pytest.mark.slow
def test_overview_lists_link_to_the_pages_and_say_what_is_verified(site):
    _, page = _get(f"{site}/tracker/cases_overview")
    assert 'href="/tracker/-/case/gema-v-openai"' in page
    rows = json.loads(_get(f"{site}/tracker/cases_overview.json?_shape=array")[1])
    verification = {r["slug"]: r["verification"] for r in rows}
    assert verification["gema-v-openai"] == "sourced"
    assert verification["meridian-v-cadence"].startswith("not verified: Discovered")
    _, page = _get(f"{site}/tracker/bills_overview")
    assert 'href="/tracker/-/bill/no-fakes-act"' in page


@pytest.mark.slow
def test_coverage_gaps_lists_active_cases_without_recent_news(site):
    rows = json.loads(_get(f"{site}/tracker/coverage_gaps.json?_shape=array")[1])
    slugs = {r["slug"] for r in rows}
    statuses = {c["slug"]: c.get("status") for c in load_cases()}
    assert "ziff-davis-v-openai" not in slugs  # news three days ago
    assert "gema-v-openai" not in slugs  # decided: not active
    assert "gema-v-suno" in slugs  # pending, no news
    assert {statuses.get(s) for s in slugs} <= {"pending", "appeal"}
    fewer = json.loads(_get(f"{site}/tracker/coverage_gaps.json?_shape=array&days=1")[1])
    assert "ziff-davis-v-openai" in {r["slug"] for r in fewer}  # three days is a gap of more than one


@pytest.mark.slow
def test_the_news_against_docket_chart_has_both_series(site):
    chart = METADATA["plugins"]["datasette-dashboards"]["attention"]["charts"]["news-vs-docket"]
    sql = re.sub(r"\[\[.*?\]\]", "", chart["query"], flags=re.S)
    from urllib.parse import urlencode
    rows = json.loads(_get(f"{site}/tracker.json?" + urlencode({"sql": sql, "_shape": "array"}))[1])
    gema = {(r["kind"], r["month"]): r["n"] for r in rows if r["case"] == "GEMA v. OpenAI"}
    assert gema == {("docket events", "2025-11-01"): 1, ("news articles", "2025-11-01"): 1,
                    ("news articles", "2025-12-01"): 1}


def _plan(db, sql: str, params) -> list[str]:
    return [row[3] for row in db.execute("explain query plan " + sql, params).fetchall()]


@pytest.mark.parametrize("kind", ["case", "bill"])
def test_the_page_reads_by_slug_through_indexes(tmp_path, kind):
    plugin = _plugin()
    spec = plugin.KINDS[kind]
    db = sqlite_utils.Database(tmp_path / "t.db")
    migrate(db)
    for name in ("EVENTS_SQL", "DEVELOPMENTS_SQL", "ARTICLES_SQL", "COUNT_SQL"):
        plan = _plan(db, getattr(plugin, name).format(**spec), ["x", 10] if name == "ARTICLES_SQL" else ["x"])
        table = spec["events"] if name == "EVENTS_SQL" else spec["links"]
        # The case's own rows first, found by its slug; every other table by its key.
        first = next(d for d in plan if d.startswith(("SEARCH", "SCAN")) and " d " not in f" {d} ")
        assert re.match(rf"SEARCH \w+ USING (COVERING )?INDEX idx_{table}_{spec['key']}", first), (name, plan)
        # Scanning a materialised subquery (the newest ten) is fine; scanning a table is not.
        assert not any(re.match(r"SCAN (a|r|l|d|m|e|articles|developments)\b", d) for d in plan), (name, plan)
