"""Relevance and topics: both sides of the dispute must be present, and the evidence says why."""

import pytest

from pipeline.understand.relevance import judge_relevance, load_topics

LAWSUIT = ("Authors sue AI company over training data",
           "A group of novelists filed a copyright lawsuit against an AI company, saying its large language "
           "models were trained on pirated copies of their books. The judge will hear a motion to dismiss. "
           "The authors say the copying is not fair use.")


def test_an_ai_copyright_lawsuit_is_relevant_with_evidence_and_topics():
    j = judge_relevance(*LAWSUIT, "en")
    assert j.relevant and j.relevance >= 0.8
    assert "rights:copyright" in j.evidence and "ai:large language models" in j.evidence
    slugs = [t.slug for t in j.topics]
    assert "litigation" in slugs and "training_data" in slugs
    assert all(t.evidence for t in j.topics)  # each topic says which terms fired


@pytest.mark.parametrize("title, text", [
    # AI in production, no rights angle
    ("Hospital uses AI to write notes", "The hospital network rolled out an AI model that drafts doctors' notes. "
     "Doctors say the machine learning tool saves an hour a day."),
    # copyright without AI
    ("Court rules on song copyright", "A jury found that the pop song did not infringe the copyright of the "
     "older ballad. The lawsuit had been filed in 2017; the plaintiffs may appeal. The copyright claim failed."),
])
def test_one_side_alone_is_not_relevant(title, text):
    j = judge_relevance(title, text, "en")
    assert not j.relevant and j.topics == []


def test_general_regulation_mentioning_copyright_in_passing_is_not_relevant():
    text = ("The state's artificial intelligence law requires developers of high-risk AI systems to prevent "
            "algorithmic discrimination in hiring and lending. Companies must carry out impact assessments "
            "and tell consumers when AI is used. The law does not deal with copyright. Consumer groups "
            "welcomed the AI rules, and lawmakers will return to them next year.")
    j = judge_relevance("State delays its AI law", text, "en")
    assert not j.relevant
    assert "rights:(passing mention)" in j.evidence
    # The same copyright evidence spread over the article is not a passing mention.
    core = text + " Authors say the copyright question is central. Copyright holders want AI licensing deals."
    assert judge_relevance("State delays its AI law", core, "en").relevant


def test_european_union_is_not_a_trade_union():
    j = judge_relevance("EU AI rules", "The European Union adopted AI rules for AI models.", "en")
    assert not any("union" in e for e in j.evidence)


def test_german_compounds_count_as_evidence():
    text = ("Rund 30 Regionalzeitungen wollen ihre Inhalte gemeinsam an KI-Unternehmen lizenzieren. "
            "Die Einnahmen sollen an die Urheber verteilt werden; eine Grundvergütung ist vorgesehen. "
            "Angeboten werden Lizenzarten für das Training von Sprachmodellen.")
    j = judge_relevance("Zeitungen bündeln Rechte für KI-Anbieter", text, "de")
    assert j.relevant
    assert r"rights:/\blizenz\w*/" in j.evidence and r"rights:/\w*vergütung\w*/" in j.evidence
    assert "licensing" in [t.slug for t in j.topics]


def test_vocabularies_are_data_files(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "language.yaml").write_text("code: en\nvocabulary: vocabulary.yaml\n", encoding="utf-8")
    (tmp_path / "en" / "vocabulary.yaml").write_text("language: en\nai:\n  robot: 1.0\nrights:\n  royalty: 1.0\n"
                                                     "topics:\n  licensing:\n    royalty: 1.0\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_LANGUAGES_DIR", str(tmp_path))
    j = judge_relevance("Robot pays royalty", "The robot pays a royalty. Each robot pays a royalty.", "en")
    assert j.relevant and j.evidence == ["ai:robot", "rights:royalty"]
    assert [t.slug for t in j.topics] == ["licensing"]


def test_unknown_language_falls_back_to_english_and_topics_are_listed():
    assert judge_relevance(*LAWSUIT, "fr").relevant
    assert {t["slug"] for t in load_topics()} == {
        "litigation", "legislation", "labor", "likeness", "licensing", "training_data", "campaign"}
