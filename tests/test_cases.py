"""Cases and bills: the curated data, linking articles to them, and their timelines and feeds (issue 8)."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest

from bench.linking_eval import evaluate
from pipeline.curated import CuratedDataError, load_bills, load_cases
from pipeline.publish.snapshot import publish_snapshot
from pipeline.records import Article
from pipeline.store.articles import Store
from pipeline.store.cases import seed_curated
from pipeline.store.db import open_db
from pipeline.understand.linking import link_article, link_cases_and_bills
from pipeline.understand.text import sentence_starts, split_sentences
from tests.conftest import free_port

LINKING = Path(__file__).parent / "data" / "linking"


@pytest.mark.parametrize("title, text, kind, slug, evidence", [
    ("GEMA gegen OpenAI: Urteil", "", "cases", "gema-v-openai", "name:GEMA gegen OpenAI"),
    ("Ruling in Times vs OpenAI", "", "cases", "nyt-v-microsoft-openai", "alias:Times vs OpenAI"),
    ("New filing", "The docket 23-cv-11195 shows a new order.", "cases", "nyt-v-microsoft-openai",
     "docket:23-cv-11195"),
    ("Aktenzeichen", "Az. 42 O 14139/24 ist nicht rechtskräftig.", "cases", "gema-v-openai", "docket:42 O 14139/24"),
    ("Authors", "Judge Alsup ruled in Andrea Bartz v. Anthropic.", "cases", "bartz-v-anthropic",
     "caption:Andrea Bartz v. Anthropic"),
    ("Suit", "Getty Images sued Stability AI in Delaware.", "cases", "getty-v-stability-us",
     "parties:Getty Images + Stability AI"),
    ("House bill", "The companion bill is H.R. 2794.", "bills", "no-fakes-act", "number:H.R. 2794"),
    ("Kalifornien", "Assembly Bill 2602 ist in Kraft.", "bills", "ca-ab-2602", "number:Assembly Bill 2602"),
    ("Gesetz", "Das dänische Deepfake-Gesetz kommt.", "bills", "dk-deepfake-copyright-amendment",
     "alias:dänische Deepfake-Gesetz"),
])
def test_links_by_name_alias_docket_number_caption_and_parties(title, text, kind, slug, evidence):
    links = getattr(link_article(title, text), kind)
    assert evidence in links.get(slug, []), links


def test_a_party_pair_needs_a_word_of_litigation():
    deal = "OpenAI signed a licensing deal with The New York Times for ChatGPT."
    suit = "The New York Times sued OpenAI for copyright infringement."
    assert link_article("Deal", deal).cases == {}
    assert list(link_article("Suit", suit).cases) == ["nyt-v-microsoft-openai"]
    # "In re" cases gather many suits: parties alone never link to them.
    assert "in-re-openai-copyright-litigation" not in link_article("Suit", suit).cases


def test_the_text_chooses_between_cases_with_the_same_parties():
    london = link_article("Getty v Stability AI", "The High Court in London ruled on Getty Images' claim.").cases
    both = link_article("Getty Images v Stability AI", "The ruling came on Tuesday.").cases
    assert set(london) == {"getty-v-stability-uk"}
    assert set(both) == {"getty-v-stability-uk", "getty-v-stability-us"}


def test_another_jurisdictions_law_is_not_linked():
    assert link_article("Colorado AI Act delayed", "Colorado's AI Act starts later.").bills == {}
    assert set(link_article("EU", "Europe's AI Act applies from August.").bills) == {"eu-ai-act"}
    # The longer name wins: the code of practice, not the Act.
    assert set(link_article("Code", "The AI Act Code of Practice is out.").bills) == {"eu-gpai-code-of-practice"}


def test_sentences_do_not_end_at_abbreviations():
    text = "Warner Bros. Discovery sued. George R.R. Martin too. The U.S. court agreed."
    assert split_sentences(text) == [
        "Warner Bros. Discovery sued.", "George R.R. Martin too.", "The U.S. court agreed."]
    # Relevance counts sentences with the same splitter (pipeline/understand/relevance.py, Scan.sentence_of).
    assert [text[i:i + 6] for i in sentence_starts(text)] == ["George", "The U."]


def test_every_curated_entry_is_found_by_its_own_short_name():
    for case in load_cases():
        assert case["slug"] in link_article(case["short_name"], "").cases, case["slug"]
    for bill in load_bills():
        assert bill["slug"] in link_article(bill["short_name"], "").bills, bill["slug"]


def test_a_broken_curated_file_is_one_line_error(tmp_path):
    bad = tmp_path / "cases.yaml"
    bad.write_text("- slug: a\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(CuratedDataError) as error:
        load_cases(bad)
    assert str(error.value).startswith(f"{bad}: cannot read:") and "\n" not in str(error.value)
    bad.write_text("- slug: a\n  name: A\n  short_name: A\n- slug: a\n  name: B\n  short_name: B\n")
    with pytest.raises(CuratedDataError, match="slug a appears twice"):
        load_cases(bad)


def test_seeding_twice_stores_everything_once_and_keeps_api_columns(db):
    seed_curated(db)
    db["cases"].update("kadrey-v-meta", {"courtlistener_docket_id": 123, "refreshed": "2026-01-01T00:00:00+00:00"})
    seed_curated(db)
    assert db["cases"].count == len(load_cases()) and db["bills"].count == len(load_bills())
    assert db["case_events"].count == sum(1 for c in load_cases() if c.get("last_event"))
    case = db["cases"].get("kadrey-v-meta")
    assert case["courtlistener_docket_id"] == 123 and case["refreshed"].startswith("2026")
    assert json.loads(case["defendants"]) == ["Meta Platforms"]
    # A month-only event keeps its month as its date.
    assert db["cases"].get("authors-guild-v-openai")["last_event_date"] == "2025-10"


def _article(url, title, text, relevant=True):
    """An article as the stages before storing leave it: judged, then linked (the linking stage)."""
    article = Article(url=url, source="test", title=title, text=text, language="en", relevant=relevant,
                      relevance=0.9 if relevant else 0.1, content_hash=url, published="2025-11-12T08:00:00+00:00")
    return link_cases_and_bills([article])[0]


def test_storing_an_article_links_it_and_an_irrelevant_version_unlinks_it(db):
    seed_curated(db)  # done by begin_run at the start of every crawl
    store = Store(db, archive_html=False)
    store.store_articles([_article("https://a.test/1", "GEMA gegen OpenAI: Urteil in München",
                                   "Das Landgericht gab der Klage statt. Der NO FAKES Act ist ein anderes Thema.")])
    links = {r["case_slug"]: json.loads(r["evidence"]) for r in db["article_cases"].rows}
    assert links == {"gema-v-openai": ["name:GEMA gegen OpenAI", "parties:GEMA + OpenAI"]}
    assert [r["bill_slug"] for r in db["article_bills"].rows] == ["no-fakes-act"]
    changed = _article("https://a.test/1", "GEMA gegen OpenAI", "Changed text.", relevant=False)
    changed.content_hash = "other"
    store.store_articles([changed])
    assert db["article_cases"].count == 0 and db["article_bills"].count == 0


def test_relinking_links_stored_articles_again(db):
    from pipeline.process import reprocess

    seed_curated(db)
    Store(db, archive_html=False).store_articles([_article("https://a.test/2", "Kadrey v. Meta", "A ruling.")])
    db.execute("delete from article_cases")
    counts = reprocess(db, entities=False)  # what `tracker cases link` runs
    assert {k: counts[k] for k in ("articles", "case_links", "bill_links")} == {
        "articles": 1, "case_links": 1, "bill_links": 0}
    assert [r["case_slug"] for r in db["article_cases"].rows] == ["kadrey-v-meta"]


def test_linking_precision_and_recall_stay_at_their_measured_level():
    """Measured in docs/cases-and-bills.md; the margins allow small changes, not a broken linker."""
    tuned = evaluate(LINKING / "labelled.jsonl")
    heldout = evaluate(LINKING / "heldout.jsonl")
    assert tuned["snippets"] >= 60
    assert tuned["all"]["precision"] >= 0.93 and tuned["all"]["recall"] >= 0.93, tuned["errors"]
    assert heldout["all"]["precision"] >= 0.93 and heldout["all"]["recall"] >= 0.90, heldout["errors"]


def test_linking_the_cases_added_in_december_stays_at_its_measured_level():
    """newcases.jsonl: articles about the 80 cases added by the sourcing pass, written after reading their aliases
    and measured once (P 0.966, R 0.848); after the fixes it showed (no longer held-out) P 1.000, R 0.985.
    heldout2.jsonl: written before those fixes without reading the linker or the aliases, measured once after
    them: P 0.980, R 0.696; after the second round of fixes (no longer held out) P 1.000, R 0.841.
    heldout3.jsonl: written before that second round, measured once after it: cases P 0.977, R 0.737; after
    the third round (no longer held out) P 1.000, R 0.965.
    heldout4.jsonl: written after the third round, measured once: P 0.980, R 0.862 (cases P 0.974, R 0.925);
    after the fourth round (no longer held out) P 1.000, R 0.966 (bills R 1.000).
    dev5.jsonl: written for the fourth round's rules and tuned on: P 1.000, R 1.000.
    heldout5.jsonl: written blind, measured once before the fifth round: P 0.968, R 0.645; after it (tuned on)
    P 1.000, R 0.882. heldout6.jsonl: written blind, measured once after the fifth round: P 0.955, R 0.771; after
    the fixes it showed P 0.989, R 0.844. heldout7.jsonl: written blind after those fixes, measured once:
    P 0.986, R 0.802; after the fixes it showed P 0.993, R 0.855. The sixth round (on the misses of heldout5-7,
    then of heldout8) raised heldout5 to P 1.000, R 0.957, heldout6 to 0.990 / 0.936 and heldout7 to 0.994 /
    0.953. heldout8.jsonl: written blind, measured once with the sixth round's first half: P 0.975, R 0.833;
    after the rest, P 1.000, R 0.949. heldout9.jsonl: written blind, measured once on the sixth round's linker:
    P 0.978, R 0.877; the seventh round (on its errors and heldout5-8's misses) raised it to P 1.000, R 0.974,
    heldout5 to 1.000 / 0.957, heldout6 to 0.991 / 0.963, heldout7 to 0.994 / 0.959 and heldout8 to 1.000 / 0.964
    (see docs/cases-and-bills.md). heldout10.jsonl: written blind and sealed, measured once on the seventh
    round's linker: P 0.974, R 0.899 (its first figure); the eighth round, fixed on its errors and the misses of
    heldout5-9, raised it to P 1.000, R 0.982 (not a first measurement; the margin is a little under that),
    heldout6 to 1.000 / 0.963, heldout8 to 1.000 / 0.971 and heldout9 to 1.000 / 0.981. heldout11.jsonl: written
    blind and sealed, measured once on the eighth round's linker: P 0.968, R 0.894 (its first figure). The ninth
    round, fixed on its errors and then on dev12's, raised it to P 0.977, R 0.994 (not a first measurement; three of
    its false links are entries the writer left unlabelled), heldout and heldout3 to 1.000 / 1.000, heldout5 to
    1.000 / 0.978, heldout6 to 1.000 / 0.972,
    heldout7 to 1.000 / 0.983, heldout8 to 1.000 / 0.978, heldout9 to 1.000 / 1.000 and heldout10 to 1.000 / 0.994.
    dev12.jsonl: written blind by a second writer as the ninth round's development set, measured once when it
    arrived: P 0.982, R 0.937 (its first figure, on the linker at 27a7153); after the fixes on its errors P 1.000,
    R 1.000 (not a first measurement). heldout12.jsonl: written blind and sealed, measured once on the ninth round's
    linker as merged (22f3f88): P 0.994, R 0.965 (its first figure; not fixed on), the margin a little under it.
    The margins are a little under the figures measured."""
    new = evaluate(LINKING / "newcases.jsonl")
    assert new["snippets"] >= 50
    assert new["cases"]["precision"] >= 0.95 and new["cases"]["recall"] >= 0.92, new["errors"]
    second = evaluate(LINKING / "heldout2.jsonl")
    assert second["snippets"] >= 40
    assert second["cases"]["precision"] >= 0.95 and second["cases"]["recall"] >= 0.80, second["errors"]
    third = evaluate(LINKING / "heldout3.jsonl")
    assert third["snippets"] >= 60
    assert third["cases"]["precision"] >= 0.95 and third["cases"]["recall"] >= 0.93, third["errors"]
    assert third["bills"]["precision"] >= 0.95 and third["bills"]["recall"] >= 0.95, third["errors"]
    fourth = evaluate(LINKING / "heldout4.jsonl")
    assert fourth["snippets"] >= 60
    assert fourth["all"]["precision"] >= 0.95 and fourth["all"]["recall"] >= 0.93, fourth["errors"]
    assert fourth["cases"]["precision"] >= 0.95 and fourth["cases"]["recall"] >= 0.92, fourth["errors"]
    assert fourth["bills"]["precision"] >= 0.95 and fourth["bills"]["recall"] >= 0.94, fourth["errors"]
    dev = evaluate(LINKING / "dev5.jsonl")
    assert dev["snippets"] >= 20
    assert dev["all"]["precision"] >= 0.95 and dev["all"]["recall"] >= 0.93, dev["errors"]
    fifth = evaluate(LINKING / "heldout5.jsonl")
    assert fifth["snippets"] >= 80
    assert fifth["all"]["precision"] >= 0.97 and fifth["all"]["recall"] >= 0.97, fifth["errors"]
    sixth = evaluate(LINKING / "heldout6.jsonl")
    assert sixth["snippets"] >= 80
    assert sixth["all"]["precision"] >= 0.97 and sixth["all"]["recall"] >= 0.96, sixth["errors"]
    seventh = evaluate(LINKING / "heldout7.jsonl")
    assert seventh["snippets"] >= 90
    assert seventh["all"]["precision"] >= 0.99 and seventh["all"]["recall"] >= 0.97, seventh["errors"]
    eighth = evaluate(LINKING / "heldout8.jsonl")
    assert eighth["snippets"] >= 100
    assert eighth["all"]["precision"] >= 0.97 and eighth["all"]["recall"] >= 0.97, eighth["errors"]
    ninth = evaluate(LINKING / "heldout9.jsonl")
    assert ninth["snippets"] >= 100
    assert ninth["all"]["precision"] >= 0.97 and ninth["all"]["recall"] >= 0.99, ninth["errors"]
    tenth = evaluate(LINKING / "heldout10.jsonl")
    assert tenth["snippets"] >= 110
    assert tenth["all"]["precision"] >= 0.97 and tenth["all"]["recall"] >= 0.98, tenth["errors"]
    eleventh = evaluate(LINKING / "heldout11.jsonl")
    assert eleventh["snippets"] >= 120
    assert eleventh["all"]["precision"] >= 0.97 and eleventh["all"]["recall"] >= 0.99, eleventh["errors"]
    dev12 = evaluate(LINKING / "dev12.jsonl")
    assert dev12["snippets"] >= 120
    assert dev12["all"]["precision"] >= 0.99 and dev12["all"]["recall"] >= 0.99, dev12["errors"]
    twelfth = evaluate(LINKING / "heldout12.jsonl")
    assert twelfth["snippets"] >= 120
    assert twelfth["all"]["precision"] >= 0.99 and twelfth["all"]["recall"] >= 0.96, twelfth["errors"]


@contextmanager
def datasette_on(snapshot: Path):
    """The real Datasette, configured as `tracker serve` runs it, on a published snapshot; yields its base URL.

    Its log goes to a file beside the snapshot: an unread pipe fills and blocks the server.
    """
    from tracker.cli import datasette_command

    port = free_port()
    with open(snapshot.parent / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(datasette_command(snapshot, "127.0.0.1", port), stdout=log,
                                   stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        try:
            yield base
        finally:
            process.terminate()
            process.wait(10)


@pytest.fixture
def served(tmp_path):
    """A published snapshot with two linked articles, served by the real Datasette on 127.0.0.1."""
    db_path = tmp_path / "tracker.db"
    db = open_db(db_path)
    seed_curated(db)
    Store(db, archive_html=False).store_articles([
        _article("https://news.test/gema", "GEMA gegen OpenAI: Landgericht urteilt",
                 "Das Landgericht München I gab der GEMA recht."),
        _article("https://news.test/other", "Kadrey v. Meta", "Chhabria ruled for Meta."),
    ])
    db.close()
    with datasette_on(publish_snapshot(db_path, tmp_path / "published" / "tracker.db")) as base:
        yield base


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.mark.slow
def test_case_timeline_and_feed_over_http(served):
    rows = json.loads(_get(f"{served}/tracker/case_timeline.json?slug=gema-v-openai&_shape=array"))
    assert [(r["kind"], r["date"][:10]) for r in rows] == [("event", "2025-11-11"), ("news", "2025-11-12")]
    assert rows[1]["title"] == "GEMA gegen OpenAI: Landgericht urteilt"
    assert json.loads(rows[1]["evidence"])[0] == "name:GEMA gegen OpenAI"
    feed = feedparser.parse(_get(f"{served}/tracker/feed_case.atom?slug=gema-v-openai"))
    assert feed.feed.title == "AI Copyright Tracker: case GEMA v. OpenAI"  # its name, not its slug
    # The curated event has no URL of its own: it points to the case's page.
    assert [e.link for e in feed.entries] == ["https://news.test/gema", "/tracker/-/case/gema-v-openai"]
    assert feed.entries[1].title.startswith("GEMA v. OpenAI: 2025-11-11: LG München I")
    bill = feedparser.parse(_get(f"{served}/tracker/feed_bill.atom?slug=no-fakes-act"))
    assert len(bill.entries) == 1 and bill.entries[0].id.startswith("urn:ai-copyright-tracker:bill-action:")
    overview = json.loads(_get(f"{served}/tracker/cases_overview.json?_shape=array"))
    assert {r["slug"]: r["articles"] for r in overview[:2]} == {"gema-v-openai": 1, "kadrey-v-meta": 1}


def test_reprocess_links_the_articles_it_judges_relevant(db):
    from pipeline.process import reprocess

    text = ("The New York Times sued OpenAI and Microsoft for copyright infringement, saying millions of its "
            "articles were used without permission to train the AI models behind ChatGPT. The judge let the "
            "lawsuit proceed; the newspaper wants damages for the unlicensed training on its journalism.")
    Store(db, archive_html=False).store_articles([_article("https://a.test/3", "Times v. OpenAI goes on", text)])
    db.execute("delete from article_cases")
    counts = reprocess(db)
    assert counts["relevant"] == 1
    assert [r["case_slug"] for r in db["article_cases"].rows] == ["nyt-v-microsoft-openai"]


def test_a_run_seeds_the_curated_data_before_its_first_article(db):
    from pipeline.ingest import begin_run

    assert db["cases"].count == 0
    run_id = begin_run(db, [])
    assert db["cases"].count == len(load_cases()) and db["bills"].count == len(load_bills())
    Store(db, archive_html=False).store_articles([_article("https://a.test/4", "Kadrey v. Meta", "A ruling.")])
    assert [r["case_slug"] for r in db["article_cases"].rows] == ["kadrey-v-meta"]
    assert run_id == 1


def test_a_broken_curated_file_is_recorded_and_the_run_goes_on(db, monkeypatch, tmp_path):
    from pipeline import curated
    from pipeline.ingest import begin_run

    bad = tmp_path / "cases.yaml"
    bad.write_text("- slug: a\n  name: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr("pipeline.store.cases.load_cases", lambda: curated.load_cases(bad))
    run_id = begin_run(db, [])
    errors = list(db["errors"].rows)
    assert [(e["run_id"], e["stage"]) for e in errors] == [(run_id, "cases")]
    assert errors[0]["message"].startswith(f"{bad}: cannot read:")


def test_the_seed_keeps_each_fact_s_sources_claims_and_why_it_is_unverified(db):
    seed_curated(db)
    case = next(c for c in load_cases() if c.get("sources") and c.get("claims"))
    row = db["cases"].get(case["slug"])
    assert json.loads(row["sources"]) == case["sources"] and json.loads(row["claims"]) == case["claims"]
    unverified = next(c for c in load_cases() if c.get("verify"))
    row = db["cases"].get(unverified["slug"])
    assert row["verify"] == 1 and row["verify_reason"] == unverified["verify"].strip()
    bill = next(b for b in load_bills() if b.get("chamber") and b.get("sources"))
    row = db["bills"].get(bill["slug"])
    assert row["chamber"] == bill["chamber"] and json.loads(row["sources"]) == bill["sources"]


def test_a_broken_curated_file_is_read_once_per_batch_not_once_per_article(monkeypatch, tmp_path):
    from pipeline import curated
    from pipeline.understand import linking

    bad = tmp_path / "cases.yaml"
    bad.write_text("- slug: a\n  name: [unclosed\n", encoding="utf-8")
    reads = []

    def load_broken():
        reads.append(1)
        return curated.load_cases(bad)

    monkeypatch.setattr(linking, "load_cases", load_broken)
    articles = [Article(url=f"https://a.test/b{i}", source="t", title="Kadrey v. Meta", text="A ruling.",
                        language="en", relevant=True) for i in range(5)]
    linking.matcher.cache_clear()
    try:
        link_cases_and_bills(articles)
    finally:
        linking.matcher.cache_clear()
    assert len(reads) == 1 and all(a.links.cases == {} for a in articles)  # was once per article


def test_a_party_named_with_a_lower_case_first_letter_is_a_name_not_a_description():
    from pipeline.understand.linking import party_forms

    assert "xAI" in party_forms("xAI Corp.")
    assert party_forms("eBay Inc.")
    assert party_forms("other authors") == []
    assert party_forms("certified class of authors") == []
