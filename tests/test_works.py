"""Characters and works are their own entity type, WORK, never people; a researcher can ask which works are named
in which dispute (the canned query works_in_disputes)."""

import json

import yaml

from pipeline.records import Article, EntityMention, Links
from pipeline.store.articles import Store
from pipeline.store.cases import seed_curated
from pipeline.understand.entities import tag_entities
from tests.test_storage import article

METADATA = "datasette_config/metadata.yaml"


def test_characters_and_works_from_the_gazetteer_and_rules_are_works_never_people():
    text = ("Warner Bros. Discovery sues Midjourney\n\nThe studio says the tool copies characters such as Bugs Bunny, "
            "Wonder Woman and Rick Sanchez. Darth Vader appears too, and the film Frozen. Disney said Shrek and the "
            "Minions were copied, said Rachel Adeyemi.")
    (found,) = tag_entities([(text, "en")])
    types = {m.name: m.type for m in found}
    for work in ("Bugs Bunny", "Wonder Woman", "Rick Sanchez", "Darth Vader", "Frozen", "Shrek", "Minions"):
        assert types.get(work) == "WORK", (work, types)
    assert types["Rachel Adeyemi"] == "PERSON"
    assert not any(t == "PERSON" and n in {"Vader", "Bugs", "Sanchez"} for n, t in types.items())


def _query(name: str) -> str:
    with open(METADATA, encoding="utf-8") as f:
        return yaml.safe_load(f)["databases"]["tracker"]["queries"][name]["sql"]


def test_works_in_disputes_lists_each_work_with_the_cases_of_the_articles_naming_it(db):
    seed_curated(db)
    slug = "disney-universal-v-midjourney"
    named = [EntityMention("Darth Vader", "WORK", 3, ["Darth Vader"]), EntityMention("Shrek", "WORK", 1, ["Shrek"]),
             EntityMention("Midjourney", "ORG", 2, ["Midjourney"])]
    store = Store(db)
    store.store_articles([
        article("https://example.com/a", text="one " * 200, entities=named, links=Links(cases={slug: ["Midjourney"]})),
        article("https://example.com/b", text="two " * 200, entities=named[:1], links=Links(cases={slug: ["x"]})),
        article("https://example.com/c", text="three " * 200, entities=named[1:]),  # linked to no case
    ])
    rows = list(db.query(_query("works_in_disputes"), {"work": "", "slug": ""}))
    assert [(r["work"], r["case_slug"], r["articles"], r["mentions"]) for r in rows] == [
        ("Darth Vader", slug, 2, 6), ("Shrek", slug, 1, 1)]
    assert [r["work"] for r in db.query(_query("works_in_disputes"), {"work": "shrek", "slug": ""})] == ["Shrek"]
    works = sorted(json.loads(r["works"]) for r in db.query("select works from relevant_articles"))
    assert works == [["Darth Vader"], ["Darth Vader", "Shrek"], ["Shrek"]]  # a facet column, like people


def test_the_article_record_says_work_is_a_type():
    assert Article(url="u", source="s", title="t", text="x", entities=[EntityMention("Star Wars", "WORK")]).entities
