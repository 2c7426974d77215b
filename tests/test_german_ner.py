"""The German NER model trained in training/german_ner: it is what German text runs through, it can be
replaced per language, and its figures on the untouched GermEval 2014 test split hold (with a margin).

The floors are the measured figures (docs/understanding.md, "The German model") minus about 0.04.
"""

import sys
from pathlib import Path

import pytest

from pipeline.languages import language
from pipeline.understand.entities import load_pipeline, model_name, tag_entities

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import german_ner  # noqa: E402

SHIPPED = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "languages" / "de" / "ner_model"

# The first 500 sentences of the test split, in seconds: model alone and the tagging stage's pipeline.
FAST_FLOORS = {("model_alone", "PERSON"): 0.41, ("model_alone", "ORG"): 0.44,  # measured 0.457, 0.482
               ("pipeline", "PERSON"): 0.48, ("pipeline", "ORG"): 0.46}  # measured 0.524, 0.500
# The whole test split (5,100 sentences).
FULL_FLOORS = {("model_alone", "PERSON"): 0.50, ("model_alone", "ORG"): 0.41,  # measured 0.542, 0.455
               ("pipeline", "PERSON"): 0.55, ("pipeline", "ORG"): 0.44}  # measured 0.589, 0.483


def test_german_text_runs_through_the_shipped_model_after_the_gazetteer():
    nlp = load_pipeline(language("de"))
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    assert {"PERSON", "ORG"} <= set(nlp.get_pipe("ner").labels)
    assert Path(model_name(lang=language("de"))) == SHIPPED


def test_the_model_setting_is_per_language(monkeypatch):
    monkeypatch.setenv("TRACKER_SPACY_MODEL", "some_english_model")
    assert model_name(lang=language("en")) == "some_english_model"
    assert Path(model_name(lang=language("de"))) == SHIPPED  # the English setting leaves German alone
    assert Path(model_name("another_english_model", language("de"))) == SHIPPED
    monkeypatch.setenv("TRACKER_SPACY_MODEL_DE", "/models/better_german")
    assert model_name(lang=language("de")) == "/models/better_german"
    monkeypatch.setenv("TRACKER_SPACY_MODEL_EN", "en_other")
    assert model_name("ignored", language("en")) == "en_other"


def test_what_the_rules_used_to_call_organisations_is_not_one():
    text = ("Schimpfen Sie nicht über Ihrem Wecker. Am 1. Dezember stellte die Stimme des Ensembles "
            "einen Donald Trumpimitator vor. Die Trainingsdaten der KI-Anbieter seien geprüft, sagte der "
            "GEMA-Chef Tobias Holzmüller.")
    (found,) = tag_entities([(text, "de")])
    names = {m.name for m in found}
    assert not names & {"Schimpfen Sie", "Ihrem Wecker", "1. Dezember", "Dezember", "Stimme", "Trainingsdaten",
                        "Donald Trumpimitator", "KI-Anbieter", "GEMA-Chef"}, names
    assert ("Tobias Holzmüller", "PERSON") in {(m.name, m.type) for m in found}


def _check(result, floors):
    low = {key: result[key[0]][key[1]]["f1"] for key, floor in floors.items() if result[key[0]][key[1]]["f1"] < floor}
    assert not low, f"F1 below its floor: {low}"


def test_germeval_test_slice_holds_its_figures():
    _check(german_ner.evaluate("test", limit=500), FAST_FLOORS)


@pytest.mark.slow
def test_germeval_test_split_holds_its_figures():
    _check(german_ner.evaluate("test"), FULL_FLOORS)


def test_legal_corpus_sentences_keep_names_and_drop_anonymised_parties():
    from training.german_ner.corpus import _ler_sentence

    def rows(text):
        return [pair.rsplit("/", 1) for pair in text.split()]

    judge = _ler_sentence("bgh", rows('Richter/O Dr./O Nielsen/B-RR beim/O "/B-GRT Bundesgerichtshof/I-GRT "/I-GRT ./O'))
    assert [(judge.tokens[a], b - a, label) for a, b, label in judge.spans] == [
        ("Nielsen", 1, "PERSON"), ("Bundesgerichtshof", 1, "ORG")]  # quotes trimmed from the span
    law = _ler_sentence("bgh", rows("nach/O §/B-GS 1/I-GS BGB/I-GS ./O"))
    assert law.spans == []  # laws are no entity here
    for anonymised in ("Die/O Klägerin/O K./B-PER T./I-PER ./O", "der/O R/B-UN …/I-UN GmbH/I-UN ./O",
                       "der/O A-AG/B-UN ./O", "das/O Amtsgericht/B-GRT P./I-GRT ./O"):
        assert _ler_sentence("bgh", rows(anonymised)) is None, anonymised
