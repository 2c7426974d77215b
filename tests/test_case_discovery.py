"""Discovery of cases the tracker does not know, and the review queue (issue 18).

CourtListener is served from recorded search pages on 127.0.0.1 (tests/data/api/README.md says where their
format comes from); articles are stored the way the crawl stores them.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
import yaml

from pipeline.cases_discovery import discover_articles, discover_courtlistener, find_case_mention, known_cases
from pipeline.external.courtlistener import CourtListener
from pipeline.publish.snapshot import publish_snapshot
from pipeline.records import Article, EntityMention, TopicScore
from pipeline.store.articles import Store, sync_topics
from pipeline.store.cases import seed_curated
from pipeline.store.db import open_db
from pipeline.store.proposals import (
    ProposalError,
    accept_proposal,
    add_proposal,
    caption_key,
    docket_key,
    list_proposals,
    reject_proposal,
)
from pipeline.understand.relevance import load_topics
from tests.conftest import run_tracker
from tests.test_case_apis import CL, apis  # noqa: F401  (the fake API server fixture)

SEARCH = f"{CL}/search/"
CURSOR = "cz0xMS44MiZkPTIwMjYtMDEtMTI="
PAGES = {SEARCH: (200, "courtlistener_search_page1.json", {}),
         f"{SEARCH}?cursor={CURSOR}": (200, "courtlistener_search_page2.json", {})}


@pytest.fixture
def seeded(tmp_path):
    db = open_db(tmp_path / "t.db")
    seed_curated(db)
    sync_topics(db, load_topics())  # what a crawl's begin_run writes
    yield db
    db.close()


# --- the queue ---------------------------------------------------------------------------------------

def test_captions_and_dockets_are_normalised_the_way_courts_and_news_write_them():
    assert caption_key("The New York Times Company v. Microsoft Corporation") == caption_key(
        "New York Times Co. vs Microsoft Corp., et al.") == "new york times v microsoft"
    assert caption_key("Sarah Andersen, et al. v. Stability AI Ltd.") == "sarah andersen v stability ai"
    assert docket_key("nysd", "1:23-cv-011195-SHS") == docket_key("nysd", "23-cv-11195") == "nysd|23-cv-11195"
    assert docket_key("nysd", "1:23-cv-11195") != docket_key("cand", "1:23-cv-11195")


def test_a_case_proposed_before_is_not_proposed_again_whatever_its_status(seeded):
    first = {"source": "articles", "caption": "Harbor Light v. Pixelforge AI", "evidence": ["https://a.test/1"],
             "article_ids": [1]}
    assert add_proposal(seeded, first)[0] == "new"
    # Another article about the same pending proposal adds its evidence; the same one again adds nothing.
    assert add_proposal(seeded, {**first, "evidence": ["https://a.test/2"], "article_ids": [2]})[0] == "merged"
    assert add_proposal(seeded, first)[0] == "seen"
    [row] = list_proposals(seeded)
    assert json.loads(row["evidence"]) == ["https://a.test/1", "https://a.test/2"]
    reject_proposal(seeded, row["id"], "a licensing dispute, not about AI", "rev")
    assert add_proposal(seeded, {**first, "caption": "Harbor Light Inc. vs. Pixelforge AI, Inc."})[0] == "seen"
    assert list_proposals(seeded) == [] and list_proposals(seeded, "rejected")[0]["reviewer"] == "rev"


def test_accepting_writes_an_unverified_case_and_a_cases_yaml_stub(seeded):
    _, pid = add_proposal(seeded, {"source": "courtlistener", "caption": "Meridian Sound Records LLC v. Cadence Labs, Inc.",
                                   "court": "District Court, S.D. New York", "court_id": "nysd",
                                   "docket": "1:26-cv-06610", "filed": "2026-08-19",
                                   "parties": {"plaintiffs": ["Meridian Sound Records LLC"],
                                               "defendants": ["Cadence Labs, Inc."], "docket_id": 71000003},
                                   "evidence": ["https://www.courtlistener.com/docket/71000003/x/"]})
    case = accept_proposal(seeded, pid, "rev")
    row = seeded["cases"].get(case["slug"])
    assert row["slug"] == "meridian-sound-records-v-cadence-labs"
    assert row["verify"] == 1 and "accepted by rev" in row["verify_reason"] and "cases.yaml" in row["verify_reason"]
    assert row["short_name"] == "Meridian Sound Records v. Cadence Labs" and row["courtlistener_docket_id"] == 71000003
    assert json.loads(row["sources"])["docket"] == ["https://www.courtlistener.com/docket/71000003/x/"]
    [entry] = yaml.safe_load(case["yaml"])
    assert entry["slug"] == row["slug"] and entry["verify"] == row["verify_reason"] and entry["docket"] == "1:26-cv-06610"
    assert seeded["case_proposals"].get(pid)["status"] == "accepted"
    with pytest.raises(ProposalError, match="accepted already"):
        reject_proposal(seeded, pid, "changed my mind", "rev")
    with pytest.raises(ProposalError, match="needs a reason"):
        reject_proposal(seeded, pid, " ", "rev")
    # The accepted case is known now: the same docket found again is not a proposal.
    assert known_cases(seeded).knows("Meridian Sound Records v. Cadence Labs", "nysd", "1:26-cv-06610")


def test_the_queue_is_not_published(seeded, tmp_path):
    add_proposal(seeded, {"source": "articles", "caption": "A v. B"})
    snapshot = publish_snapshot(tmp_path / "t.db", tmp_path / "published" / "tracker.db")
    tables = {r[0] for r in sqlite3.connect(snapshot).execute("select name from sqlite_master where type = 'table'")}
    assert "cases" in tables and "case_proposals" not in tables


def test_known_cases_are_known_by_docket_caption_or_parties(seeded):
    known = known_cases(seeded)
    assert known.knows("The New York Times Company v. Microsoft Corporation", "nysd", "1:23-cv-11195")
    assert known.knows("Encyclopaedia Britannica, Inc. v. Perplexity AI, Inc.", "nysd", "1:25-cv-07546")  # parties
    assert not known.knows("Perplexity AI, Inc. v. Encyclopaedia Britannica, Inc.")  # the other way round
    # The same parties under another docket in the same court are a second suit.
    assert not known.knows("The New York Times Company v. Microsoft Corporation", "nysd", "1:26-cv-00001")


# --- CourtListener -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_courtlistener_search_pages_are_followed_and_known_cases_skipped(apis, seeded):  # noqa: F811
    server = apis(PAGES)
    client = CourtListener("secret-token", server.url + CL)
    counts = discover_courtlistener(seeded, client)
    assert {k: counts.get(k) for k in ("dockets", "new", "known", "error")} == {
        "dockets": 4, "new": 2, "known": 2, "error": None}
    rows = list_proposals(seeded)
    assert [(r["caption"], r["court_id"], r["docket"], r["filed"]) for r in rows] == [
        ("Harbor Light Illustrators v. Pixelforge AI, Inc.", "cand", "3:26-cv-08123", "2026-10-02"),
        ("Meridian Sound Records LLC v. Cadence Labs, Inc.", "nysd", "1:26-cv-06610", "2026-08-19")]
    assert json.loads(rows[0]["evidence"]) == [
        "https://www.courtlistener.com/docket/71000001/harbor-light-illustrators-v-pixelforge-ai-inc/"]
    parties = json.loads(rows[0]["parties"])
    assert parties["plaintiffs"] == ["Harbor Light Illustrators"] and parties["defendants"] == ["Pixelforge AI"]
    first, second = server.requests
    assert first["headers"]["Authorization"] == "Token secret-token"
    assert {k: v[0] for k, v in first["query"].items()} == {
        "type": "r", "nature_of_suit": "820", "order_by": "dateFiled desc",
        "q": '"artificial intelligence" OR generative OR "training data" OR "large language model"'}
    assert second["query"]["cursor"] == [CURSOR] and second["query"]["nature_of_suit"] == ["820"]
    again = discover_courtlistener(seeded, client)
    assert (again.get("new"), again.get("seen"), again.get("known")) == (None, 2, 2)
    assert len(list_proposals(seeded, None)) == 2


@pytest.mark.slow
@pytest.mark.parametrize("status, fixture, headers, message", [
    (401, "courtlistener_401.json", {}, "CourtListener: HTTP 401 unauthorized: Invalid token.; check COURTLISTENER_TOKEN"),
    (403, "courtlistener_403.json", {}, "CourtListener: HTTP 403 forbidden"),
    (429, "courtlistener_429.json", {"Retry-After": "3600"}, "CourtListener: HTTP 429 rate limit reached, retry after 3600 s"),
    (500, "courtlistener_500.json", {}, "CourtListener: HTTP 500 for http://127.0.0.1:"),
])
def test_a_failing_page_stops_the_search_and_keeps_what_came_before(apis, seeded, status, fixture, headers,  # noqa: F811
                                                                    message):
    server = apis({**PAGES, f"{SEARCH}?cursor={CURSOR}": (status, fixture, headers)})
    counts = discover_courtlistener(seeded, CourtListener("t", server.url + CL), max_pages=3)
    assert counts["error"].startswith(message) and "\n" not in counts["error"]
    assert counts["new"] == 1 and len(list_proposals(seeded)) == 1  # the first page's proposal stays


@pytest.mark.slow
def test_the_page_cap_is_kept(apis, seeded):  # noqa: F811
    server = apis(PAGES)
    discover_courtlistener(seeded, CourtListener("t", server.url + CL), max_pages=1)
    assert len(server.requests) == 1


# --- articles --------------------------------------------------------------------------------------------

def _stored(db, url, title, text, entities, topics=("litigation",), language="en"):
    article = Article(url=url, source="test", title=title, text=text, language=language, relevant=True,
                      relevance=0.9, content_hash=url, published="2026-11-20T08:00:00+00:00",
                      topics=[TopicScore(t, 0.9) for t in topics],
                      entities=[EntityMention(name, kind, surface_forms=forms) for name, kind, forms in entities])
    Store(db, archive_html=False).store_articles([article])


HARBOR = [("Harbor Light Illustrators", "ORG", ["Harbor Light Illustrators", "Harbor Light"]),
          ("Pixelforge AI", "ORG", ["Pixelforge AI", "Pixelforge"])]


def test_a_pair_of_parties_and_a_court_in_an_unlinked_article_is_proposed_once(seeded):
    _stored(seeded, "https://n.test/1", "Illustrators sue Pixelforge",
            "Harbor Light Illustrators sued Pixelforge AI on Thursday in the U.S. District Court for the Northern "
            "District of California, claiming the start-up trained its image model on their portfolios.", HARBOR)
    _stored(seeded, "https://n.test/2", "Pixelforge faces artists' suit",
            "The collective Harbor Light has filed a copyright lawsuit against Pixelforge in federal court in "
            "San Francisco.", HARBOR)
    counts = discover_articles(seeded)
    assert (counts["articles"], counts.get("new"), counts.get("merged")) == (2, 1, 1)
    [row] = list_proposals(seeded)
    assert row["caption"] == "Harbor Light Illustrators v. Pixelforge AI" and row["source"] == "articles"
    assert row["court"].startswith("U.S. District Court for the Northern District of California")
    assert sorted(json.loads(row["evidence"])) == ["https://n.test/1", "https://n.test/2"]


def test_german_articles_are_read_too():
    names = {"Nordklang": "Nordklang", "Tonwerk AI": "Tonwerk AI"}
    text = "Die Verwertungsgesellschaft Nordklang hat Tonwerk AI vor dem Landgericht Hamburg verklagt."
    assert find_case_mention("Klage gegen KI-Firma", text, names) == ("Nordklang", "Tonwerk AI", "Landgericht Hamburg")


@pytest.mark.parametrize("text", [
    "Harbor Light Illustrators signed a licensing deal with Pixelforge AI in San Francisco.",  # no dispute
    "Harbor Light Illustrators sued Pixelforge AI on Thursday, claiming it trained on their portfolios.",  # no court
    "Pixelforge AI said the District Court had dismissed a suit; Harbor Light Illustrators welcomed it.",  # no pair
])
def test_no_dispute_no_court_or_no_pair_is_no_proposal(text):
    names = {form: name for name, _, forms in HARBOR for form in forms}
    assert find_case_mention("News", text, names) is None


def test_articles_about_known_cases_or_linked_ones_propose_nothing(seeded):
    times = [("The New York Times", "ORG", ["The New York Times", "New York Times"]), ("OpenAI", "ORG", ["OpenAI"])]
    # Not linked (stored without the linking stage), but its pair is a known case's.
    _stored(seeded, "https://n.test/3", "Times presses on",
            "The New York Times sued OpenAI in federal court in Manhattan over its articles.", times)
    counts = discover_articles(seeded)
    assert counts.get("known") == 1 and list_proposals(seeded) == []
    _stored(seeded, "https://n.test/4", "Sports", "Harbor Light Illustrators sued Pixelforge AI in the District Court.",
            HARBOR, topics=("labor",))
    assert discover_articles(seeded)["articles"] == 1  # only litigation articles are read


# --- the commands ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_discover_review_accept_and_reject_from_the_command_line(apis, tmp_path):  # noqa: F811
    server = apis({**PAGES, f"{SEARCH}?cursor={CURSOR}": (429, "courtlistener_429.json", {"Retry-After": "60"})})
    db_path = tmp_path / "t.db"
    seed_curated(open_db(db_path))
    env = {"COURTLISTENER_TOKEN": "k", "COURTLISTENER_URL": server.url + CL}
    result = run_tracker("cases", "discover", "--db", str(db_path), env=env, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "CourtListener: HTTP 429 rate limit reached, retry after 60 s; stopped asking it for this run"]
    assert ("CourtListener: 3 dockets read, 1 proposed, 0 added to a proposal, 2 already known, 0 proposed before"
            in result.stdout.splitlines())
    listed = run_tracker("cases", "proposals", "--db", str(db_path), timeout=60)
    assert "Harbor Light Illustrators v. Pixelforge AI, Inc." in listed.stdout
    assert "District Court, N.D. California · 3:26-cv-08123 · 2026-10-02" in listed.stdout
    accepted = run_tracker("cases", "accept", "1", "--reviewer", "ana", "--db", str(db_path), timeout=60)
    assert accepted.returncode == 0, accepted.stderr
    assert yaml.safe_load(accepted.stdout)[0]["slug"] == "harbor-light-illustrators-v-pixelforge-ai"
    refused = run_tracker("cases", "reject", "1", "--reason", "x", "--db", str(db_path), timeout=60)
    assert refused.returncode == 1 and "proposal 1 was accepted already" in refused.stderr
    decided = run_tracker("cases", "proposals", "--status", "all", "--db", str(db_path), timeout=60)
    assert "accepted by ana" in decided.stdout and "-> harbor-light-illustrators-v-pixelforge-ai" in decided.stdout
