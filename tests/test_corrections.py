"""Corrections (issue 17): each kind applied to a real work database, holding when the machine judges again,
undone by a later correction, exported and imported; takedowns left out of the snapshot."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from pipeline.corrections.apply import apply_corrections, apply_from_file
from pipeline.corrections.kinds import check
from pipeline.corrections.store import (
    CorrectionError,
    add,
    export_lines,
    import_lines,
    load,
    open_corrections,
)
from pipeline.developments import assign_developments
from pipeline.process import reprocess
from pipeline.publish.snapshot import publish_snapshot
from pipeline.records import Article
from pipeline.store.articles import Store, sync_topics
from pipeline.store.schema import migrate
from pipeline.understand.relevance import load_topics
from tests.conftest import development_problems
from tests.test_reprocess import RELEVANT
from tests.test_reprocess import WEATHER as WEATHER_STORY

SILVERMAN = Article(
    url="https://example.org/news/silverman", source="Example", title="Authors sue OpenAI over training on books",
    text=("Comedian Sarah Silverman and two other authors sued OpenAI in federal court in San Francisco, saying "
          "ChatGPT was trained on copyrighted books without permission. The lawsuit says the AI company copied "
          "their works from pirate libraries. Reporter Tom Hale of the Daily Ledger covered the hearing. "
          "The authors ask for damages for copyright infringement and for the training data to be disclosed."),
    published="2026-03-02T10:00:00+00:00", content_hash="silverman")
GEMA = Article(**{**RELEVANT.__dict__, "published": "2026-03-02T12:00:00+00:00", "content_hash": "gema"})
WEATHER = Article(**{**WEATHER_STORY.__dict__, "content_hash": "weather"})


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    """A work database as a crawl leaves it (machine judgement, developments), made once: NER is costly."""
    path = tmp_path_factory.mktemp("work") / "tracker.db"
    db = sqlite_utils.Database(path)
    migrate(db)
    sync_topics(db, load_topics())
    Store(db, archive_html=False).store_articles([GEMA, SILVERMAN, WEATHER])
    reprocess(db)
    db.close()
    return path


@pytest.fixture
def work(judged, tmp_path):
    path = tmp_path / "tracker.db"
    path.write_bytes(judged.read_bytes())
    db = sqlite_utils.Database(path)
    yield db
    db.close()


@pytest.fixture
def store(tmp_path):
    db = open_corrections(tmp_path / "corrections.db")
    yield db
    db.close()


def ids(db) -> dict[str, int]:
    return {url.rsplit("/", 1)[1]: id_ for id_, url in db.execute("select id, url from articles")}


def correct(work, store, kind, target, value="", reason="checked by hand", **kw):
    correction = add(store, check(work, kind, str(target), value, reason, who="test", corrections=load(store), **kw))
    apply_corrections(work, load(store))
    return correction


def entities_of(db, article_id) -> set[tuple[str, str]]:
    return set(db.execute("select e.name, e.type from article_entities ae join entities e on e.id = ae.entity_id "
                          "where ae.article_id = ?", [article_id]).fetchall())


def state(db) -> tuple:
    """Everything a correction can change, to compare before and after the machine runs again."""
    return (db.execute("select id, relevant from articles order by id").fetchall(),
            db.execute("select article_id, topic from article_topics order by 1, 2").fetchall(),
            db.execute("select ae.article_id, e.name, e.type, ae.mentions from article_entities ae "
                       "join entities e on e.id = ae.entity_id order by 1, 2, 3").fetchall(),
            db.execute("select article_id, case_slug, confirmed from article_cases order by 1, 2").fetchall(),
            db.execute("select article_id from hidden_articles order by 1").fetchall(),
            sorted(len(set(g)) for g in _groups(db)))


def _groups(db):
    groups: dict[int, list[int]] = {}
    for article, development in db.execute("select article_id, development_id from development_articles"):
        groups.setdefault(development, []).append(article)
    return list(groups.values())


def test_every_kind_is_applied_and_holds_when_the_machine_judges_again(work, store):
    a = ids(work)
    gema, silverman, weather = a["gema-openai"], a["silverman"], a["weather"]
    assert ("Anna Berger", "PERSON") in entities_of(work, gema)
    assert ("Tom Hale", "PERSON") in entities_of(work, silverman)
    machine = state(work)

    correct(work, store, "relevance", weather, "true", source_url="https://example.org/why")
    assert work.execute("select relevant from articles where id = ?", [weather]).fetchone()[0] == 1
    correct(work, store, "topics", silverman, "litigation,training_data")
    assert {r[0] for r in work.execute("select topic from article_topics where article_id = ?", [silverman])} == \
        {"litigation", "training_data"}
    correct(work, store, "mention-remove", silverman, "Tom Hale")
    assert ("Tom Hale", "PERSON") not in entities_of(work, silverman)
    correct(work, store, "entity-type", "Anna Berger", "ORG")
    assert ("Anna Berger", "ORG") in entities_of(work, gema)
    correct(work, store, "entity-merge", "Sarah Silverman", "OpenAI")
    assert ("Sarah Silverman", "PERSON") not in entities_of(work, silverman)
    forms = work.execute("select ae.surface_forms from article_entities ae join entities e on e.id = ae.entity_id "
                         "where e.name = 'OpenAI' and ae.article_id = ?", [silverman]).fetchone()[0]
    assert "Sarah Silverman" in json.loads(forms)  # the merged name carries over as an alias
    correct(work, store, "entity-rename", "GEMA", "GEMA (Gesellschaft für musikalische Aufführungsrechte)")
    assert ("GEMA (Gesellschaft für musikalische Aufführungsrechte)", "ORG") in entities_of(work, gema)
    correct(work, store, "link-reject", gema, "case:gema-v-openai")
    assert not work.execute("select 1 from article_cases where article_id = ?", [gema]).fetchone()
    correct(work, store, "link-add", silverman, "silverman-v-openai")
    assert work.execute("select confirmed from article_cases where article_id = ? and case_slug = "
                        "'silverman-v-openai'", [silverman]).fetchone() == (1,)
    correct(work, store, "development-merge", gema, str(silverman))
    development = work.execute("select development_id from development_articles where article_id = ?",
                               [gema]).fetchone()[0]
    assert work.execute("select development_id from development_articles where article_id = ?",
                        [silverman]).fetchone()[0] == development
    assert work.execute("select articles from developments where id = ?", [development]).fetchone()[0] >= 2
    correct(work, store, "hide", weather, reason="the outlet asked us to remove it")
    assert work.execute("select article_id from hidden_articles").fetchall() == [(weather,)]
    assert development_problems(work.conn) == []
    corrected = state(work)
    assert corrected != machine

    # The machine judges everything again (what `tracker reprocess` does), then the corrections go on top.
    reprocess(work)
    assert state(work) != corrected  # the machine undid them...
    apply_from_file(work, store_path(store))
    assert state(work) == corrected  # ...and applying them again restores every one
    assert development_problems(work.conn) == []
    applied = work.execute("select status from corrections_applied").fetchall()
    assert applied and all(s == ("applied",) for s in applied)


def store_path(store) -> str:
    return store.execute("pragma database_list").fetchone()[2]


def test_a_crawl_that_stores_an_article_again_does_not_undo_its_correction(work, store):
    silverman = ids(work)["silverman"]
    correct(work, store, "relevance", silverman, "false")
    correct(work, store, "topics", silverman, "labor")
    # The outlet edited the story: the crawl stores the new text with the machine's judgement of it.
    updated = Article(**{**SILVERMAN.__dict__, "text": SILVERMAN.text + " The judge set a hearing for May.",
                         "relevant": True, "relevance": 0.9, "content_hash": "edited"})
    Store(work, archive_html=False).store_articles([updated], then=lambda stored: assign_developments(work, stored))
    assert work.execute("select relevant from articles where id = ?", [silverman]).fetchone()[0] == 1
    apply_from_file(work, store_path(store))  # what run_crawl does before it publishes
    assert work.execute("select relevant from articles where id = ?", [silverman]).fetchone()[0] == 0
    assert [r[0] for r in work.execute("select topic from article_topics where article_id = ?", [silverman])] == \
        ["labor"]
    assert development_problems(work.conn) == []


def test_a_later_correction_overrides_an_earlier_one_and_revert_brings_the_machine_back(work, store):
    gema = ids(work)["gema-openai"]
    first = correct(work, store, "relevance", gema, "false")
    assert work.execute("select relevant from articles where id = ?", [gema]).fetchone()[0] == 0
    assert not work.execute("select 1 from development_articles where article_id = ?", [gema]).fetchone()
    second = correct(work, store, "relevance", gema, "true", reason="it is about the GEMA case after all")
    assert [c.superseded_by for c in load(store)] == [second.id, None]
    assert work.execute("select relevant from articles where id = ?", [gema]).fetchone()[0] == 1
    assert work.execute("select 1 from development_articles where article_id = ?", [gema]).fetchone()

    correct(work, store, "mention-remove", gema, "Anna Berger")
    assert ("Anna Berger", "PERSON") not in entities_of(work, gema)
    removal = load(store)[-1]
    correct(work, store, "revert", str(removal.id), reason="she is quoted after all")
    assert ("Anna Berger", "PERSON") in entities_of(work, gema)  # NER ran again on the article
    assert [c.superseded_by is not None for c in load(store)] == [True, False, True, False]
    log = work.execute("select id, status, what from corrections_log order by id").fetchall()
    assert [(i, s) for i, s, _ in log] == [(first.id, "superseded"), (second.id, "applied"),
                                           (removal.id, "superseded"), (removal.id + 1, "applied")]


def test_export_and_import_move_corrections_between_installs_and_import_twice_adds_nothing(work, store, tmp_path):
    gema = ids(work)["gema-openai"]
    correct(work, store, "hide", gema, reason="legal request")
    correct(work, store, "relevance", gema, "false")
    lines = list(export_lines(store))
    assert [json.loads(line)["kind"] for line in lines] == ["hide", "relevance"]
    other = open_corrections(tmp_path / "elsewhere.db")
    assert import_lines(other, lines) == (2, 0)
    assert import_lines(other, lines) == (0, 2)
    assert [(c.kind, c.target, c.value, c.reason, c.uid) for c in load(other)] == \
        [(c.kind, c.target, c.value, c.reason, c.uid) for c in load(store)]
    with pytest.raises(CorrectionError, match="line 1: missing uid"):
        import_lines(other, ['{"kind": "hide"}'])
    other.close()


@pytest.mark.parametrize(("kind", "target", "value", "message"), [
    ("relevant", "1", "true", "unknown kind 'relevant'; the kinds are: relevance, topics"),
    ("relevance", "999", "false", "no article '999'"),
    ("relevance", "https://nowhere.example/x", "false", "no article 'https://nowhere.example/x'"),
    ("relevance", "1", "maybe", "relevance is true or false"),
    ("topics", "1", "litigation,gossip", "unknown topic gossip"),
    ("entity-type", "OpenAI", "COMPANY", "PERSON, ORG, WORK"),
    ("entity-merge", "Nobody Known", "OpenAI", "no entity 'Nobody Known'"),
    ("link-confirm", "1", "case:no-such-case", "no case or bill 'case:no-such-case'"),
    ("revert", "77", "", "no correction '77'"),
])
def test_a_wrong_correction_says_what_is_wrong(work, store, kind, target, value, message):
    with pytest.raises(CorrectionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check(work, kind, target, value, "because", corrections=load(store))


def test_a_correction_needs_a_reason_and_an_http_source(work):
    with pytest.raises(CorrectionError, match="needs a reason"):
        check(work, "relevance", "1", "false", "  ")
    with pytest.raises(CorrectionError, match="http"):
        check(work, "relevance", "1", "false", "why", source_url="javascript:alert(1)")


def test_a_correction_whose_target_is_gone_is_kept_and_reported(work, store, tmp_path):
    from tracker.status import collect_status, render

    gema = ids(work)["gema-openai"]
    correct(work, store, "topics", gema, "litigation")
    # The work database is rebuilt from scratch (or the article deleted): the correction stays in its file.
    for table in ("article_topics", "article_entities", "article_cases", "article_urls", "development_articles",
                  "raw_pages", "article_signatures"):
        work.execute(f"delete from {table} where article_id = ?", [gema])
    work.execute("delete from articles where id = ?", [gema])
    work.conn.commit()
    counts = apply_from_file(work, store_path(store))
    assert counts["missing"] == 1 and len(load(store)) == 1
    work.conn.commit()
    status = collect_status(tmp_path / "tracker.db")
    [missing] = status["unresolved_corrections"]
    assert missing["kind"] == "topics" and missing["target"] == GEMA.url and "no article" in missing["status"]
    shown = render(status).split("Corrections whose target no longer exists")[1]
    assert "topics" in shown.splitlines()[2] and GEMA.url in shown


def test_a_taken_down_article_is_nowhere_in_the_snapshot_and_the_log_keeps_only_the_fact(work, store, tmp_path):
    silverman = ids(work)["silverman"]
    correct(work, store, "relevance", ids(work)["gema-openai"], "false", source_url="https://example.org/note")
    correct(work, store, "hide", silverman, reason="court order against Sarah Silverman story",
            source_url="https://example.org/order")
    correct(work, store, "topics", silverman, "labor")
    work.conn.commit()
    out = publish_snapshot(tmp_path / "tracker.db", tmp_path / "published" / "tracker.db")
    snap = sqlite3.connect(out)
    assert not snap.execute("select 1 from articles where id = ?", [silverman]).fetchone()
    for table in ("article_topics", "article_entities", "article_cases", "article_urls", "development_articles"):
        assert not snap.execute(f"select 1 from {table} where article_id = ?", [silverman]).fetchone(), table
    assert not snap.execute("select rowid from articles_fts where articles_fts match 'Silverman'").fetchall()
    assert not snap.execute("select 1 from relevant_articles where url = ?", [SILVERMAN.url]).fetchone()
    assert snap.execute("select coalesce(sum(articles), 0) from developments").fetchone()[0] == \
        snap.execute("select count(*) from development_articles").fetchone()[0]
    assert not snap.execute("select 1 from entities where name = 'Tom Hale'").fetchone()  # named only there
    assert snap.execute("select 1 from entities where name = 'OpenAI'").fetchone()  # named elsewhere too
    tables = {r[0] for r in snap.execute("select name from sqlite_master where type = 'table'")}
    assert "hidden_articles" not in tables and "corrections_applied" not in tables
    log = snap.execute("select kind, what, target, value, reason, source_url from corrections_log "
                       "order by id").fetchall()
    assert log[0] == ("relevance", "marked not relevant", GEMA.url, "false", "checked by hand",
                      "https://example.org/note")
    assert log[1:] == [("hide", "an article was taken down", None, None, None, None),
                       ("topics", "a correction to an article that was taken down", None, None, None, None)]
    text = b"".join(open(out, "rb").read().split())
    assert b"court order" not in text and SILVERMAN.url.encode() not in text
    snap.close()


def test_the_corrections_are_a_labelled_set_for_bench_evaluate(work, store, tmp_path, capsys):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import evaluate

    a = ids(work)
    correct(work, store, "relevance", a["silverman"], "false")  # the machine says relevant: a false positive
    correct(work, store, "relevance", a["gema-openai"], "true")  # agrees: a true positive
    correct(work, store, "topics", a["gema-openai"], "litigation,licensing")
    correct(work, store, "hide", a["weather"])  # not a judgement of relevance or topics: left out
    work.conn.commit()
    labelled = evaluate.from_corrections(tmp_path / "corrections.db", tmp_path / "tracker.db")
    assert sorted((x["id"], x["relevant"], x["topics"]) for x in labelled) == sorted([
        (f"c{a['silverman']}", False, None), (f"c{a['gema-openai']}", True, ["litigation", "licensing"])])
    result = evaluate.score_corrections(labelled)
    relevance = result["figures"]["all"]["relevance"]
    assert (relevance["tp"], relevance["fp"], relevance["fn"]) == (1, 1, 0)
    assert [e["id"] for e in result["relevance_errors"]] == [f"c{a['silverman']}"]
    assert evaluate.main(["--corrections", str(tmp_path / "corrections.db"), "--db", str(tmp_path / "tracker.db"),
                          "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"]["all"]["relevance"]["precision"] == 0.5


def test_a_database_from_before_corrections_upgrades_and_takes_them(tmp_path):
    from sqlite_utils.migrations import Migrations

    from pipeline.store.schema import MIGRATIONS, m016_corrections

    before = Migrations("tracker")
    for migration in MIGRATIONS[:MIGRATIONS.index(m016_corrections)]:
        before()(migration)
    db = sqlite_utils.Database(tmp_path / "tracker.db")
    before.apply(db)  # the schema the code before issue 17 made
    db["sources"].insert({"id": 1, "name": "Example"})
    db["articles"].insert({"id": 1, "url": "https://example.org/a", "source_id": 1, "title": "A", "relevant": 1})
    db["cases"].insert({"slug": "x-v-y", "name": "X v. Y"})
    db["article_cases"].insert({"article_id": 1, "case_slug": "x-v-y", "evidence": "[]"})
    assert "corrections_log" not in db.table_names()
    assert migrate(db)[0] == "m016_corrections"
    assert db.execute("select article_id, case_slug, evidence, confirmed from article_cases").fetchall() == \
        [(1, "x-v-y", "[]", None)]  # kept, and not confirmed by anyone
    store = open_corrections(tmp_path / "corrections.db")
    add(store, check(db, "link-confirm", "1", "case:x-v-y", "read the complaint"))
    assert apply_corrections(db, load(store))["applied"] == 1
    assert db.execute("select confirmed from article_cases").fetchall() == [(1,)]
    store.close()
    db.close()


def test_development_moves_and_splits_hold_when_the_stage_runs_again(work, store):
    a = ids(work)
    gema, silverman, weather = a["gema-openai"], a["silverman"], a["weather"]

    def development(article):
        row = work.execute("select development_id from development_articles where article_id = ?",
                           [article]).fetchone()
        return row and row[0]

    def rebuild():  # the developments stage places everything again from nothing; then the corrections
        work.execute("delete from development_articles")
        work.execute("delete from developments")
        reprocess(work)
        apply_from_file(work, store_path(store))
        assert development_problems(work.conn) == []

    assert development(gema) != development(silverman)  # the machine keeps them apart
    correct(work, store, "development-move", silverman, str(gema))
    assert development(silverman) == development(gema)
    rebuild()
    assert development(silverman) == development(gema)  # the move holds
    correct(work, store, "development-split", gema, str(silverman))
    assert development(silverman) != development(gema)
    correct(work, store, "development-merge", silverman, str(gema))
    assert development(silverman) == development(gema)
    rebuild()
    assert development(silverman) == development(gema)
    assert work.execute("select articles from developments where id = ?", [development(gema)]).fetchone() == (2,)
    correct(work, store, "development-move", silverman, "new")
    assert development(silverman) != development(gema)
    problem = correct(work, store, "development-merge", weather, str(gema))  # the weather story is not listed
    status = work.execute("select status from corrections_applied where uid = ?", [problem.uid]).fetchone()[0]
    assert status.startswith("target missing") and "not listed" in status
    assert development_problems(work.conn) == []


def test_an_alias_moves_to_another_entity_and_stays_there(work, store):
    a = ids(work)
    gema, silverman = a["gema-openai"], a["silverman"]

    def row(article, name):
        found = work.execute("select ae.mentions, ae.surface_forms from article_entities ae join entities e "
                             "on e.id = ae.entity_id where ae.article_id = ? and e.name = ?", [article, name]).fetchone()
        return found and (found[0], json.loads(found[1]))

    assert row(silverman, "Daily Ledger") == (1, ["Daily Ledger"]) and row(silverman, "OpenAI") == (2, ["OpenAI"])
    correct(work, store, "alias-move", "Daily Ledger", "OpenAI")  # the row's only name: the whole row moves
    assert row(silverman, "Daily Ledger") is None and row(silverman, "OpenAI") == (3, ["OpenAI", "Daily Ledger"])
    assert not work.execute("select 1 from entities where name = 'Daily Ledger'").fetchone()
    assert row(gema, "GEMA") == (3, ["GEMA", "Verwertungsgesellschaft GEMA"])
    correct(work, store, "alias-move", "Verwertungsgesellschaft GEMA", "Anna Berger")  # one of two names: one mention
    assert row(gema, "GEMA") == (2, ["GEMA"])
    assert row(gema, "Anna Berger") == (2, ["Anna Berger", "Verwertungsgesellschaft GEMA"])
    moved = state(work)
    reprocess(work)
    assert row(silverman, "Daily Ledger") == (1, ["Daily Ledger"])  # NER found it again...
    apply_from_file(work, store_path(store))
    assert state(work) == moved  # ...and the alias went back where the reviewer put it
