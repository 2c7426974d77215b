"""Entity names: every alias and short form finds its entity (entity_aliases), and an entity page's facts."""

import json
import sqlite3

from pipeline.publish.digest import criteria
from pipeline.publish.entity_page import close_matches, entity_path, profile, resolve
from pipeline.publish.saved_filters import SavedFilter
from pipeline.records import Article, EntityMention, TopicScore
from pipeline.store.articles import Store
from pipeline.store.cases import seed_curated
from pipeline.store.entity_aliases import NAMES_FOR, seed_gazetteer_aliases
from pipeline.store.schema import MIGRATIONS


def text(n: int) -> str:
    """A text no other article's is a near-copy of (copies are not listed)."""
    return " ".join(f"story{n}word{i} appears in a sentence about licensing {n * 1000 + i}." for i in range(120))

DISNEY = EntityMention("The Walt Disney Company", "ORG", 3, ["Disney", "Disney's"], "Q7414")
MIDJOURNEY = EntityMention("Midjourney", "ORG", 4, ["Midjourney"])
SILVERMAN = EntityMention("Sarah Silverman", "PERSON", 2, ["Sarah Silverman", "Silverman"])


def store(db, n, date, entities, relevant=True):
    article = Article(url=f"https://example.com/{n}", text=text(n), fetched_url=f"https://example.com/{n}",
                      source="Example", title=f"Story {n}", relevant=relevant, relevance=0.9 if relevant else 0.1,
                      content_hash=f"h{n}", published=f"{date}T10:00:00+00:00",
                      topics=[TopicScore("litigation", 0.8, ["lawsuit"])], entities=entities)
    Store(db, archive_html=False).store_articles([article])


def names(db, form):
    return [e["name"] for e in resolve(db.conn, form)]


def test_a_name_an_alias_a_text_form_and_a_short_form_find_the_entity(db):
    store(db, 1, "2026-01-05", [DISNEY, MIDJOURNEY, SILVERMAN])
    assert names(db, "The Walt Disney Company") == ["The Walt Disney Company"]
    assert names(db, "disney") == ["The Walt Disney Company"]  # gazetteer alias (and a text form), any case
    assert names(db, "Walt Disney Co.") == ["The Walt Disney Company"]  # gazetteer alias never seen in text
    assert names(db, "Walt Disney Company") == ["The Walt Disney Company"]
    assert names(db, "Silverman") == ["Sarah Silverman"]
    assert names(db, "Nobody Here") == []
    # A gazetteer alias of an actor nobody mentioned finds nothing: the page says so rather than show it empty.
    assert names(db, "Microsoft Corporation") == []


def test_a_canonical_name_is_never_taken_for_another_entitys_alias(db):
    store(db, 1, "2026-01-05", [EntityMention("Universal Music Group", "ORG", 1, ["Universal"])])
    assert names(db, "Universal") == ["Universal Music Group"]
    store(db, 2, "2026-01-06", [EntityMention("Universal", "ORG", 1, ["Universal"])])
    assert names(db, "Universal") == ["Universal"]  # its own name (rank 0) beats a form found in text (rank 1)


def test_a_shared_surname_finds_everyone_who_has_it_and_a_type_picks_one(db):
    store(db, 1, "2026-01-05", [EntityMention("Andrea Bartz", "PERSON", 1, ["Andrea Bartz"]),
                                EntityMention("Tom Bartz", "PERSON", 1, ["Tom Bartz"]),
                                EntityMention("Bartz", "ORG", 1, ["Bartz"])])
    assert names(db, "Bartz") == ["Bartz"]  # a name of its own first
    assert [e["type"] for e in resolve(db.conn, "Bartz", "org")] == ["ORG"]
    assert resolve(db.conn, "Bartz", "PERSON") == []
    store(db, 2, "2026-01-06", [EntityMention("Kim Lee", "PERSON", 1, []), EntityMention("Ann Lee", "PERSON", 1, [])])
    assert sorted(names(db, "Lee")) == ["Ann Lee", "Kim Lee"]


def test_the_migration_fills_the_aliases_of_a_database_that_had_entities_before(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db")
    import sqlite_utils

    old = sqlite_utils.Database(conn)
    # Found by name, not position: later migrations may follow it, and its number may change on merge.
    [aliases] = [m for m in MIGRATIONS if m.__name__.endswith("_entity_aliases")]
    for migration in MIGRATIONS[:MIGRATIONS.index(aliases)]:
        migration(old)
    old.execute("insert into entities (id, name, type) values (1, 'The Walt Disney Company', 'ORG'), "
                "(2, 'Sarah Silverman', 'PERSON')")
    old.execute("insert into article_entities values (1, 1, 2, ?)", [json.dumps(["Disney", "Mouse House"])])
    aliases(old)
    assert names(old, "Mouse House") == ["The Walt Disney Company"]  # a text form
    assert names(old, "Walt Disney Co.") == ["The Walt Disney Company"]  # the gazetteer
    assert names(old, "silverman") == ["Sarah Silverman"]  # a short form
    conn.close()


def test_close_matches_share_a_word_or_a_spelling(db):
    store(db, 1, "2026-01-05", [DISNEY, MIDJOURNEY, SILVERMAN])
    assert close_matches(db.conn, "Midjourny") == ["Midjourney"]
    assert close_matches(db.conn, "Sarah Silvermann") == ["Sarah Silverman"]
    assert "The Walt Disney Company" in close_matches(db.conn, "Disney Studios")
    assert close_matches(db.conn, "Zzyzx") == []


def test_the_page_facts(db):
    seed_curated(db)
    store(db, 1, "2025-11-05", [DISNEY, MIDJOURNEY])
    store(db, 2, "2026-01-05", [DISNEY, MIDJOURNEY, SILVERMAN])
    store(db, 3, "2026-01-20", [DISNEY])
    store(db, 4, "2026-02-01", [DISNEY, MIDJOURNEY], relevant=False)  # not listed: counted nowhere
    db.execute("insert into article_cases (article_id, case_slug, evidence) "
               "select 2, slug, '[]' from cases where slug = 'disney-universal-v-midjourney'")
    found = resolve(db.conn, "Disney")
    facts = profile(db.conn, found)
    assert facts["name"] == "The Walt Disney Company" and facts["types"] == ["ORG"]
    assert facts["wikidata"] == "Q7414"
    assert "Disney" in facts["aliases"] and "Walt Disney Co." in facts["aliases"]
    assert "Disney's" not in facts["aliases"]  # a possessive is how a text used the name, not another name
    assert facts["articles"] == 3
    assert [(b["month"], b["articles"]) for b in facts["chart"]["bars"]] == [
        ("2025-11", 1), ("2025-12", 0), ("2026-01", 2)]
    assert [a["title"] for a in facts["latest"]] == ["Story 3", "Story 2", "Story 1"]
    assert [(c["name"], c["articles"]) for c in facts["co_mentioned"]] == [("Midjourney", 2), ("Sarah Silverman", 1)]
    [case] = [c for c in facts["cases"] if c["slug"] == "disney-universal-v-midjourney"]
    assert case["role"] == "plaintiff" and case["articles"] == 1
    midjourney = profile(db.conn, resolve(db.conn, "Midjourney"))
    assert [c["role"] for c in midjourney["cases"] if c["slug"] == "disney-universal-v-midjourney"] == ["defendant"]


def test_digests_find_an_entity_by_alias_too(db):
    store(db, 1, "2026-01-05", [DISNEY])
    store(db, 2, "2026-01-06", [MIDJOURNEY])

    def matching(selection, value, filters=None):
        where, params = criteria(selection, value, filters)
        return [r[0] for r in db.execute(f"select a.id from articles a where {where}", params).fetchall()]

    assert matching("entity", "Disney") == [1]
    saved = SavedFilter(name="Studios", slug="studios", entities=["disney", "Midjourney"])
    assert sorted(matching("filter", "studios", [saved])) == [1, 2]


def test_the_page_address_is_the_name_percent_encoded():
    assert entity_path("OpenAI") == "/tracker/-/entity/OpenAI"
    assert entity_path("The Walt Disney Company") == "/tracker/-/entity/The%20Walt%20Disney%20Company"
    assert entity_path("AC/DC") == "/tracker/-/entity/AC%2FDC"
    assert entity_path("Bartz", "ORG") == "/tracker/-/entity/Bartz?type=ORG"


def test_the_gazetteer_seed_runs_again_without_change(db):
    before = db.execute("select count(*) from entity_aliases").fetchone()[0]
    assert seed_gazetteer_aliases(db) > 500
    assert not db.conn.in_transaction  # committed: begin_run calls it outside a transaction, and the crawl's
    # later writes must not land in one nobody commits
    assert db.execute("select count(*) from entity_aliases").fetchone()[0] == before


def test_the_pass_over_the_mentions_reads_two_indexes_and_no_article_row(db):
    from pipeline.publish.entity_page import MENTIONS

    plan = [row[3] for row in db.execute("explain query plan " + MENTIONS, {"ids": "[1]"}).fetchall()]
    assert "SEARCH ae USING COVERING INDEX article_entities_entity_article (entity_id=?)" in plan
    assert "SEARCH a USING INDEX articles_listed_id (id=?)" in plan  # a partial index: listed articles only
    assert not any("SCAN a" in step or "TEMP B-TREE" in step for step in plan), plan
    lookup = [row[3] for row in db.execute("explain query plan " + NAMES_FOR, {"entity": "x"}).fetchall()]
    assert all("PRIMARY KEY (alias=?)" in step for step in lookup if step.startswith(("SEARCH", "SCAN"))), lookup
