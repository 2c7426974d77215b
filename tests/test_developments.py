"""Developments: every listed article in exactly one, through every transition; the labelled figures."""

import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.developments import WINDOW_DAYS, Item, assign_developments, pair_score, place_orphans
from pipeline.process import reprocess
from pipeline.records import Article, EntityMention, Links
from pipeline.store.articles import Store
from pipeline.store.schema import migrate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def article(n, language="en", people=(), orgs=(), day="2026-03-02", cases=(), text=None, relevant=True):
    return Article(
        url=f"https://example.org/{n}", source="Example", title=f"Story {n}", language=language, relevant=relevant,
        relevance=0.9 if relevant else 0.1, published=f"{day}T10:00:00+00:00", fetched=f"{day}T11:00:00+00:00",
        text=text or f"Article number {n} with words of its own: {' '.join(f'word{n}x{i}' for i in range(80))}",
        content_hash=f"hash-{n}-{text and hash(text)}",
        entities=[EntityMention(p, "PERSON") for p in people] + [EntityMention(o, "ORG") for o in orgs],
        links=Links(cases={c: ["test"] for c in cases}))


@pytest.fixture
def store(tmp_path):
    db = sqlite_utils.Database(tmp_path / "t.db")
    migrate(db)
    db["sources"].insert({"name": "Example"})
    yield Store(db, archive_html=False)
    db.close()


def save(store, *articles):
    return store.store_articles(list(articles), then=lambda ids: assign_developments(store.db, ids))


def members(db) -> dict[str, int]:
    """URL -> development, checking the invariant on the way: each listed article in exactly one development."""
    listed = {r[0] for r in db.execute("select url from articles where relevant = 1 and duplicate_of is null")}
    rows = db.execute("select a.url, d.development_id from development_articles d "
                      "join articles a on a.id = d.article_id").fetchall()
    assert {url for url, _ in rows} == listed
    counts = dict(db.execute("select id, articles from developments").fetchall())
    assert counts == {d: sum(1 for _, x in rows if x == d) for _, d in rows}  # none empty, counts right
    return {url.rsplit("/", 1)[1]: d for url, d in rows}


def test_new_coverage_joins_and_other_stories_start_their_own(store):
    save(store, article(1, people=["Jakob Engel-Schmidt"], orgs=["Danish government"]))
    save(store, article(2, "de", people=["Jakob Engel-Schmidt"], orgs=["Danish government"], day="2026-03-03"),
         article(3, people=["Ann Other"], orgs=["Midjourney"]))
    found = members(store.db)
    assert found["1"] == found["2"] != found["3"]
    row = store.db.execute("select title, first_seen, last_seen, updated, languages, outlets, entities, articles "
                           "from developments where id = ?", [found["1"]]).fetchone()
    assert row == ("Story 1", "2026-03-02T10:00:00+00:00", "2026-03-03T10:00:00+00:00", "2026-03-03T11:00:00+00:00",
                   '["de", "en"]', '["Example"]', '["Danish government", "Jakob Engel-Schmidt"]', 2)


def test_the_same_names_weeks_apart_or_in_another_case_are_another_development(store):
    save(store, article(1, people=["William Alsup"], orgs=["Anthropic"], cases=["bartz-v-anthropic"]))
    later = f"2026-03-{2 + WINDOW_DAYS + 2:02d}"
    save(store, article(2, "de", people=["William Alsup"], orgs=["Anthropic"], cases=["bartz-v-anthropic"],
                        day=later),
         article(3, "de", people=["William Alsup"], orgs=["Anthropic"], cases=["kadrey-v-meta"]))
    found = members(store.db)
    assert len({found["1"], found["2"], found["3"]}) == 3
    a, b = Item(1, None, "en", {1, 2}, {"case:x"}), Item(2, None, "de", {1, 2}, {"case:y"})
    assert pair_score(a, b, {1: 1.5, 2: 0.6}) == 0.0  # different cases: never one story


@pytest.mark.parametrize("newest_first", [False, True])
def test_a_story_covered_for_weeks_is_cut_into_developments_of_a_week_at_most(store, newest_first):
    """Both ways: a crawl reads feeds newest first, so developments grow back in time too."""
    core = " ".join(f"core{i}" for i in range(90))
    days = list(enumerate(("2026-03-01", "2026-03-04", "2026-03-07", "2026-03-10"), start=1))
    for n, day in reversed(days) if newest_first else days:
        own = " ".join(f"own{n}x{i}" for i in range(30))
        save(store, article(n, people=["Ada Lindqvist"], day=day, text=f"{core} {own}"))
    found = members(store.db)
    assert len(set(found.values())) == 2  # four articles over nine days: not one development
    for development in set(found.values()):
        first, last = store.db.execute("select substr(first_seen, 1, 10), substr(last_seen, 1, 10) "
                                       "from developments where id = ?", [development]).fetchone()
        assert (int(last[-2:]) - int(first[-2:])) <= 7


def test_a_slogan_quoted_in_both_languages_joins_what_one_shared_organisation_does_not(store):
    slogan = "Kreative starten die Kampagne „Stealing Isn't Innovation“ gegen KI-Konzerne. " + "Mehr Text. " * 20
    save(store, article(1, orgs=["Human Artistry Campaign"],
                        text='Creators launch the "Stealing Isn\'t Innovation" campaign. ' + "More text. " * 20),
         article(2, "de", orgs=["Human Artistry Campaign"], text=slogan),
         article(3, "de", orgs=["Human Artistry Campaign"], text="Eine andere Geschichte. " * 20))
    found = members(store.db)
    assert found["1"] == found["2"] != found["3"]


def test_a_syndicated_copy_is_not_a_member(store):
    original, copy = article(1, orgs=["GEMA"]), article(2, orgs=["GEMA"])
    copy.text, copy.content_hash = original.text, original.content_hash
    copy.source = "Other outlet"  # the same wire story on another site
    save(store, original)
    outcome = save(store, copy)
    assert outcome["duplicate"] == 1
    assert set(members(store.db)) == {"1"}
    assert store.db.execute("select articles, outlets from developments").fetchall() == [(1, '["Example"]')]


def test_an_article_judged_irrelevant_leaves_and_an_empty_development_goes(store):
    save(store, article(1, people=["Jakob Engel-Schmidt"]), article(2, orgs=["Midjourney"]))
    store.db.execute("update articles set relevant = 0 where url like '%/2'")
    counts = assign_developments(store.db, [2])
    assert counts["left"] == 1
    assert set(members(store.db)) == {"1"}
    assert store.db.execute("select count(*) from developments").fetchone()[0] == 1
    store.db.execute("update articles set relevant = 1 where url like '%/2'")
    assert assign_developments(store.db, [2])["started"] == 1
    assert set(members(store.db)) == {"1", "2"}


def test_an_article_fetched_again_and_no_longer_relevant_leaves_in_the_same_transaction(store):
    save(store, article(1, people=["Ada Lindqvist"]))
    changed = article(1, people=["Ada Lindqvist"], relevant=False, text="The page now carries another story. " * 20)
    assert save(store, changed)["updated"] == 1
    assert members(store.db) == {}
    assert store.db.execute("select count(*) from developments").fetchone()[0] == 0


def test_an_article_that_bridges_two_developments_merges_them(store):
    save(store, article(1, people=["Ada Lindqvist"]), article(2, "de", people=["Bruno Keller"]))
    first = members(store.db)
    assert first["1"] != first["2"]
    save(store, article(3, "nl", people=["Ada Lindqvist", "Bruno Keller"]))
    found = members(store.db)
    assert found["1"] == found["2"] == found["3"] == min(first.values())
    assert store.db.execute("select count(*) from developments").fetchone()[0] == 1


def test_a_batch_rolled_back_leaves_no_development(store):
    def fail(ids):
        assign_developments(store.db, ids)
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        store.store_articles([article(1, people=["Ada Lindqvist"])], then=fail)
    assert store.db.execute("select count(*) from developments").fetchone()[0] == 0
    assert store.db.execute("select count(*) from articles").fetchone()[0] == 0


def test_orphans_are_placed_and_reprocess_keeps_every_listed_article_in_one(store):
    Store(store.db, archive_html=False).store_articles([article(1, people=["Ada Lindqvist"])])  # no stage
    assert place_orphans(store.db)["started"] == 1
    members(store.db)
    reprocess(store.db)  # the text is not about AI and copyright: judged irrelevant, it leaves
    assert members(store.db) == {}
    assert store.db.execute("select count(*) from developments").fetchone()[0] == 0


def test_the_labelled_clusters_stay_above_their_floor():
    """The figures in docs/understanding.md, with a margin: a regression fails."""
    import developments_eval

    result = developments_eval.evaluate()
    assert result["articles"] >= 60 and len(result["cross_language"]) >= 10
    assert result["precision"] >= 0.97, result["wrong_joins"]
    assert result["f1"] >= 0.95, result["wrong_splits"]
    assert all(result["cross_language"].values()), result["cross_language"]


def test_headlines_name_kinds_of_event_that_compare_across_languages():
    from pipeline.developments import event_kinds
    from pipeline.languages import language

    en, de = language("en"), language("de")
    assert event_kinds("Video game performers end year-long strike with AI consent rules", en) == {"strike"}
    assert event_kinds("Videospiel-Sprecher beenden Streik – mit KI-Regeln im Vertrag", de) >= {"strike"}
    assert event_kinds("Disney and Universal sue Midjourney", en) == {"lawsuit"}
    assert event_kinds("Disney und Universal verklagen den Bildgenerator Midjourney", de) == {"lawsuit"}
    assert "ruling" not in event_kinds("Europe's new rules for AI", en)  # "rules" as a noun is no ruling
    assert event_kinds("Quarterly results", en) == set()


def test_the_same_kind_of_event_joins_two_languages_and_another_kind_keeps_them_apart():
    from pipeline.developments import Item, pair_score

    day = datetime(2025, 7, 10, 10)
    english = Item(1, day, "en", entities={7}, events={"strike"})
    german = Item(2, day + timedelta(hours=20), "de", entities={7}, events={"strike", "contract"})
    weights = {7: 0.6}
    assert pair_score(english, german, weights) >= 0.5
    assert pair_score(english, Item(2, german.date, "de", entities={7}, events={"lawsuit"}), weights) < 0.5
    assert pair_score(english, Item(2, german.date, "de", entities={7}), weights) < 0.5  # SAG-AFTRA alone
    later = Item(2, day + timedelta(days=3), "de", entities={7}, events={"strike"})
    assert pair_score(english, later, weights) < 0.5
