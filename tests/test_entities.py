"""Entities: the gazetteer wins, German rules find people and organisations, and one actor is one entity."""

from pipeline.entities import normalize_entities, tag_entities


def names(mentions):
    return {(m.name, m.type) for m in mentions}


def test_possessives_aliases_and_lone_surnames_fold_into_one_actor():
    spans = [("Scarlett Johansson", "PERSON", None), ("Johansson", "PERSON", None), ("Johansson's", "PERSON", None),
             ("OpenAI's", "ORG", None), ("OpenAI", "ORG", None),
             ("SAG-AFTRA", "ORG", None), ("Screen Actors Guild", "ORG", None)]
    found = {m.name: m for m in normalize_entities(spans)}
    assert set(found) == {"Scarlett Johansson", "OpenAI", "SAG-AFTRA"}
    assert found["Scarlett Johansson"].mentions == 3
    assert found["OpenAI"].wikidata == "Q21708200"
    assert set(found["SAG-AFTRA"].surface_forms) == {"SAG-AFTRA", "Screen Actors Guild"}


def test_junk_is_filtered():
    spans = [("AI", "ORG", None), ("Sky", "PERSON", None), ("EXCLUSIVE", "ORG", None), ("2024", "ORG", None),
             ("the Digital Millennium Copyright Act", "ORG", None), ("Verband", "ORG", None),
             ("Altman", "PERSON", None), ("Dana Whitcombe", "PERSON", None)]
    # "Altman" alone, with no full name in the article, is too weak to keep.
    assert names(normalize_entities(spans)) == {("Dana Whitcombe", "PERSON")}


def test_determiners_titles_and_short_forms_are_trimmed():
    spans = [("the Westbrook Law School", "ORG", None), ("Superintendent Elaine Matsuda", "PERSON", None),
             ("the fictional Coalition of Working Voice Artists", "ORG", None),
             ("Millbrook City Council", "ORG", None), ("City Council", "ORG", None)]
    assert names(normalize_entities(spans)) == {
        ("Westbrook Law School", "ORG"), ("Elaine Matsuda", "PERSON"),
        ("Coalition of Working Voice Artists", "ORG"), ("Millbrook City Council", "ORG")}


def test_one_label_per_name_and_surnames_tagged_org_are_people():
    text = "Judge William Alsup ruled. Alsup said the copies were not fair use. Alsup wrote more."
    spans = [("William Alsup", "PERSON", None), ("Alsup", "ORG", None), ("Alsup", "PERSON", None)]
    found = normalize_entities(spans, text=text)
    assert names(found) == {("William Alsup", "PERSON")} and found[0].mentions == 3


def test_english_model_with_gazetteer_ruler_first():
    text = ("OpenAI's lawyers met Scarlett Johansson's team. Johansson said SAG-AFTRA, the Screen Actors Guild, "
            "backed her. Judge Sidney Stein of the U.S. District Court for the Southern District of New York "
            "ruled for The New York Times.")
    (found,) = tag_entities([(text, "en")])
    got = names(found)
    assert {("OpenAI", "ORG"), ("Scarlett Johansson", "PERSON"), ("SAG-AFTRA", "ORG"),
            ("The New York Times", "ORG")} <= got
    assert not any(name in ("Johansson", "Screen Actors Guild", "OpenAI's") for name, _ in got)
    assert ("Sidney Stein", "PERSON") in got or ("Sidney H. Stein", "PERSON") in got


def test_german_rules_find_people_and_organisations():
    text = ("Die Klage der GEMA gegen OpenAI hat das Landgericht München I verhandelt. „Das ist ein Signal“, "
            "sagte Anna Berger-Schmitt vom Verband Deutscher Hörbuchsprecher. Auch Klaus-Dieter Wehmeyer "
            "von der Tonwerk Synchron GmbH äußerte sich. Der fiktive Verlag Grünspan und die Bundesnetzagentur "
            "schweigen. OpenAIs Anwälte widersprachen; der Verband kündigte Berufung an.")
    (found,) = tag_entities([(text, "de")])
    assert names(found) == {
        ("GEMA", "ORG"), ("OpenAI", "ORG"), ("Landgericht München I", "ORG"),
        ("Anna Berger-Schmitt", "PERSON"), ("Verband Deutscher Hörbuchsprecher", "ORG"),
        ("Klaus-Dieter Wehmeyer", "PERSON"), ("Tonwerk Synchron GmbH", "ORG"), ("Grünspan", "ORG"),
        ("Bundesnetzagentur", "ORG")}


def test_batches_keep_order_and_languages_apart():
    items = [("Sarah Silverman sued Meta.", "en"), ("Die GEMA verklagt Suno.", "de"), ("", "en")]
    results = tag_entities(items)
    assert len(results) == 3 and results[2] == []
    assert ("Sarah Silverman", "PERSON") in names(results[0]) and ("Meta", "ORG") in names(results[0])
    assert names(results[1]) == {("GEMA", "ORG"), ("Suno", "ORG")}
