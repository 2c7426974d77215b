"""Bills the news describes rather than names, long bill names in lower case, and a person by the name the
case's short name uses (issue 18, fourth round). Each rule is tested with its guard; the snippets are written
for the tests and are in none of the measured sets (tests/data/linking/)."""

from __future__ import annotations

import pytest

from pipeline.understand.bill_names import loose_alias
from pipeline.understand.linking import link_article
from pipeline.understand.party_names import called_by_short_name


def bills(text: str, title: str = "News") -> dict[str, list[str]]:
    return link_article(title, text).bills


@pytest.mark.parametrize(("text", "slug"), [
    # A place of the jurisdiction, a word of the bill's kind, a word of its names.
    ("Denmark's planned deepfake bill goes to parliament in the autumn.", "dk-deepfake-copyright-amendment"),
    # German inflection, by Snowball stem: "strafrechtlich" for the title's "strafrechtlichen".
    ("Der Bundesrat hat einen Gesetzentwurf beschlossen, der Deepfakes strafrechtlich erfasst.",
     "de-deepfake-strafrecht-201b"),
    # An issuer places a bill as a place does.
    ("In its report on AI training, the Copyright Office doubted that all such copying is fair use.",
     "usco-ai-report-part-3-training"),
    ("Die EU will mit einem digitalen Omnibus Fristen verschieben.", "eu-digital-omnibus-ai"),
])
def test_a_bill_described_by_its_place_kind_and_subject_links(text, slug):
    found = bills(text)
    assert list(found) == [slug]
    assert found[slug][0].startswith("description:")


@pytest.mark.parametrize("text", [
    # No word of the bill's subject: Denmark has other copyright bills.
    "Denmark's new copyright bill for libraries passed its first reading.",
    # A word of another kind than the bill's: the Digital Markets Act is no omnibus and no directive.
    "The EU's Digital Markets Act applies to the largest platforms.",
    # The kind word belongs to another law's name.
    "The UK's Data Protection Act 2018 still applies to training data about people.",
    # Two bills of the jurisdiction fit (the COPIED and TAKE IT DOWN Acts): neither.
    "A federal deepfake bill cleared a Senate committee.",
    # A place of no jurisdiction with bills in the file.
    "Texas passed its own deepfake law.",
    # A plural kind word is a body of law, not one bill.
    "The judge let claims under New York's right-of-publicity laws go forward.",
    # A generic word ("Schutz") is no subject.
    "Das deutsche Gesetz zum Schutz von Geschäftsgeheimnissen gilt auch für Trainingsdaten.",
])
def test_a_description_that_does_not_single_out_one_bill_links_nothing(text):
    assert bills(text) == {}


def test_each_word_goes_with_the_nearest_place_in_its_clause():
    assert set(bills("Unlike Denmark's deepfake bill, Germany's new data law says nothing of voices.")) == {
        "dk-deepfake-copyright-amendment"}


def test_a_description_next_to_a_named_bill_of_that_jurisdiction_and_kind_is_that_bill():
    # Only the NO AI FRAUD Act's names speak of replicas, but the article names the NO FAKES Act.
    found = bills("The NO FAKES Act is back. The House bill on digital replicas has bipartisan sponsors.")
    assert set(found) == {"no-fakes-act"}
    assert set(bills("The House bill on digital replicas has bipartisan sponsors.")) == {"no-ai-fraud-act"}


def test_ai_is_a_subject_only_right_before_the_kind_word():
    assert set(bills("Italy's new AI law took effect in October.")) == {"it-ai-law-132-2025"}
    assert set(bills("Die Pflichten des KI-Gesetzes der EU gelten seit August.")) == {"eu-ai-act"}
    # Another word between: the subject is "transparency", maybe a bill the file does not list.
    assert bills("Italy's AI transparency law took effect in October.") == {}
    # Many US bills speak of AI: "AI bill" singles out none of them.
    assert bills("A federal AI bill cleared a Senate committee.") == {}
    # California's only AI bill in the file is the AI Copyright Transparency Act: its own names never say "AI law".
    assert bills("California's new AI law for hiring takes effect in January.") == {}
    # "Rulebook" and "Regelwerk" are words for a law.
    assert set(bills("The EU's AI rulebook entered into force in August 2024.")) == {"eu-ai-act"}
    assert set(bills("Das KI-Regelwerk der EU gilt seit August.")) == {"eu-ai-act"}


def test_an_ordinal_says_which_part_of_a_series_of_reports():
    found = bills("Prompts alone do not make a user an author, the Copyright Office said in the second part of its "
                  "AI report.")
    assert list(found) == ["usco-ai-report-part-2-copyrightability"]
    found = bills("Im ersten Teil seines KI-Berichts verlangte das Copyright Office ein Bundesgesetz gegen Deepfakes.")
    assert list(found) == ["usco-ai-report-part-1-digital-replicas"]
    # Without an ordinal, three reports of the Office fit.
    assert bills("The Copyright Office said in its AI report that prompts alone do not make an author.") == {}


def test_china_s_labelling_measures_by_their_issuer_and_in_german():
    found = bills("The Cyberspace Administration of China's labeling measures took effect in September.")
    assert list(found) == ["cn-ai-content-labeling-measures"]
    assert list(bills("Chinas Maßnahmen zur Kennzeichnung KI-generierter Inhalte gelten seit September.")) == [
        "cn-ai-content-labeling-measures"]
    # "CAC" is also the Paris index.
    assert bills("The CAC 40 fell as labeling measures for packaging were tightened.") == {}


def test_a_bill_the_article_names_does_not_make_a_description_ambiguous():
    # "KI-Verordnung" fits the AI Act as well as the omnibus's "digitalen" does the omnibus; the Act is named.
    text = "Mit dem digitalen Omnibus will die EU-Kommission Teile der KI-Verordnung aufschieben."
    assert set(bills(text)) == {"eu-ai-act", "eu-digital-omnibus-ai"}


def test_a_long_descriptive_name_matches_in_any_case_unless_its_sentence_is_placed_elsewhere():
    found = bills("Ministers published the government's report on copyright and artificial intelligence.")
    assert found == {"uk-copyright-ai-report-2026": ["alias:report on copyright and artificial intelligence"]}
    # Another jurisdiction's issuer in the sentence: the US Copyright Office's report, not the UK's.
    assert bills("The Copyright Office's report on copyright and artificial intelligence has three parts.") == {}
    # Written as the alias is, the name links as before, whatever else the sentence names.
    assert "uk-copyright-ai-report-2026" in bills("Unlike the Copyright Office, the UK's Report on Copyright "
                                                  "and Artificial Intelligence made no proposal.")


def test_only_long_names_of_telling_words_are_matched_in_any_case():
    assert loose_alias("Report on Copyright and Artificial Intelligence")
    assert not loose_alias("Make It Fair")  # "make it fair" is no campaign
    assert not loose_alias("opt-out consultation")  # two words
    assert bills("We want to make it fair for artists, the singer said.") == {}


def test_a_plaintiff_named_as_the_case_s_short_name_names_them():
    case = {"short_name": "Nagarjuna personality-rights case", "plaintiffs": ["Akkineni Nagarjuna"]}
    assert called_by_short_name(case) == ["Nagarjuna"]
    found = link_article("News", "Actor Nagarjuna won an order from the Delhi High Court against "
                                 "AI-generated videos.").cases
    assert set(found) == {"nagarjuna-delhi"}


@pytest.mark.parametrize("case", [
    # A caption: its surname needs the full name once in the article (the surname rule).
    {"short_name": "Thaler v. Perlmutter", "plaintiffs": ["Stephen Thaler"]},
    # A word too short to be a name on its own.
    {"short_name": "Rai personality-rights case", "plaintiffs": ["Aishwarya Rai"]},
    # The short name starts with something else.
    {"short_name": "Delhi personality-rights case", "plaintiffs": ["Akkineni Nagarjuna"]},
])
def test_no_form_from_a_caption_a_short_word_or_another_word(case):
    assert called_by_short_name(case) == []
