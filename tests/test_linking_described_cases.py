"""Cases and bills described rather than named (pipeline/understand/descriptions.py), each rule with its guard.

The snippets are written for these tests against the curated files; each rule is checked with a sentence it
must link and one it must not.
"""

from __future__ import annotations

import pytest

from pipeline.understand.linking import link_article


def bills(text: str, title: str = "") -> dict:
    return link_article(title, text).bills


def cases(text: str, title: str = "") -> dict:
    return link_article(title, text).cases


def test_a_bill_named_by_its_sponsors():
    found = bills("Sens. Josh Hawley and Richard Blumenthal want people to be able to sue companies that train "
                  "models on their personal data or copyrighted work without consent, under a bill filed Monday.")
    assert found == {"ai-accountability-personal-data-protection-act": ["sponsors:Blumenthal + Hawley"]}


def test_a_sponsor_by_title_and_surname():
    found = bills("Rep. Salazar's bill would make a person's voice and likeness their intellectual property.")
    assert list(found) == ["no-ai-fraud-act"]


@pytest.mark.parametrize("text", [
    # Both senators write other bills too: one about something else is not theirs of the list.
    "Sens. Josh Hawley and Richard Blumenthal introduced a bill to ban AI companions for minors.",
    # Blackburn co-sponsors three bills of the list: her name alone says none of them.
    "Sen. Marsha Blackburn said her bill would protect the voices of Nashville's artists.",
    # A surname alone is many people: Jack Johnson sponsored the ELVIS Act, Mike Johnson is the Speaker.
    "Speaker Mike Johnson said the House would take up a bill on AI and copyright next year.",
    # Sponsors named, but no bill: an interview.
    "Sen. Chris Coons told reporters that deepfakes of performers are a growing problem.",
])
def test_sponsors_that_say_no_single_bill_of_the_list(text):
    assert bills(text) == {}


def test_a_case_by_its_defendant_and_the_kind_of_its_plaintiffs():
    found = cases("Nvidia was sued by a group of authors who say their books were used to train NeMo.")
    assert found == {"nazemian-v-nvidia": ["described:authors + Nvidia"]}


def test_the_record_chooses_among_cases_of_the_same_kind():
    # Anthropic is sued by authors in California (Bartz) and in British Columbia (MacKinnon): the sum and the
    # judge are in one record only.
    text = "Judge William Alsup approved Anthropic's $1.5 billion settlement with authors."
    assert list(cases(text)) == ["bartz-v-anthropic"]
    text = "Der KI-Entwickler Anthropic zahlt Autorinnen und Autoren 1,5 Milliarden Dollar, um die Sammelklage beizulegen."
    assert list(cases(text)) == ["bartz-v-anthropic"]


@pytest.mark.parametrize("text", [
    # No word of a dispute in the paragraph: a deal, not the suit.
    "Nvidia signed a licensing agreement with a group of authors for its NeMo models.",
    # Authors sue OpenAI in many suits: the kind and the defendant say none of them.
    "A judge let the authors' claims against OpenAI go forward.",
    # Anthropic is sued by authors twice and the sentence shares nothing with either record.
    "Anthropic is still fighting authors in court.",
])
def test_a_kind_and_a_defendant_that_say_no_single_case(text):
    assert cases(text) == {}


def test_two_plaintiffs_in_full_and_their_defendant_need_no_word_of_litigation():
    found = cases("Writers Abdi Nazemian and Brian Keene say Nvidia trained its NeMo models on Books3.")
    assert found == {"nazemian-v-nvidia": ["plaintiffs:Abdi Nazemian + Brian Keene + Nvidia"]}


def test_one_plaintiff_or_no_defendant_is_not_enough():
    assert cases("Writer Abdi Nazemian says Nvidia's NeMo models know his novels.") == {}
    assert cases("Abdi Nazemian and Brian Keene read from their new novels in Brooklyn.") == {}


def test_a_court_of_appeals_verb_makes_the_sentence_about_a_dispute():
    found = cases("The D.C. Circuit affirmed that Stephen Thaler's machine-made picture cannot be registered.")
    assert list(found) == ["thaler-v-perlmutter"]


def test_a_law_placed_by_a_possessive_is_that_place_s():
    assert bills("Colorado delays its AI Act until June.") == {}
    assert bills("Colorado lawmakers delayed the state's AI Act.") == {}
    # The guard looks at the place the sentence names: Brussels's AI Act is the EU's.
    assert list(bills("Brussels is rewriting parts of its AI Act.")) == ["eu-ai-act"]


def test_a_defendant_sued_only_once_and_a_court_of_its_case():
    found = cases("The Third Circuit will hear Ross Intelligence's appeal on the Westlaw headnotes.")
    assert list(found) == ["thomson-reuters-v-ross"]
    # The same defendant before a court that is not its case's: another dispute.
    assert cases("Ross Intelligence lost a contract dispute in the Ninth Circuit.") == {}
    # A defendant of several suits, with a court that fits more than one of them, says none.
    assert cases("Midjourney's appeal went to the Ninth Circuit.") == {}


def test_the_owner_of_another_organisation_is_not_its_own_case_s_party():
    # Elon Musk is sued in one case only (by Alcon, in California), but here his company xAI is the one suing.
    assert cases("Elon Musk's xAI filed a trade-secret lawsuit in California federal court.") == {}
    assert list(cases("Elon Musk asked a California federal court to dismiss the Blade Runner claims.")) == [
        "alcon-v-tesla"]


def test_a_description_beside_a_named_case_of_that_defendant_is_that_case():
    # The labels are only intervening in ANI's suit; they do not describe a labels' suit against OpenAI.
    text = "ANI's copyright suit against OpenAI drew music labels who want to intervene."
    assert set(cases(text)) == {"ani-v-openai"}
    # (GEMA speaks for composers and music publishers; since the ninth round "labels" are the major labels' suits.)
    assert set(cases("Music publishers' copyright suit against OpenAI goes to trial in Munich.")) == {"gema-v-openai"}


def test_a_defendant_that_issues_rules_is_no_description():
    # Visual artists sued the Copyright Office (Allen); here artists only wrote to it.
    assert cases("Artists told the Copyright Office that AI liability should rest with developers.") == {}


def test_a_case_by_what_it_is_known_by_and_a_court_it_fits():
    # DABUS is the subject of several cases; each court picks its own.
    found = cases("Der Bundesgerichtshof entschied, dass die KI DABUS nicht als Erfinder gelten kann.")
    assert list(found) == ["dabus-bgh"]
    found = cases("Courts in Tokyo and Australia agree: Japan's Intellectual Property High Court and the Full "
                  "Federal Court of Australia both turned DABUS away as an inventor.")
    assert set(found) == {"dabus-japan", "dabus-australia"}
    # The subject without a court that fits it says nothing: DABUS was refused in many offices.
    assert cases("DABUS was refused as an inventor again, this time by the European Patent Office.") == {}


def test_a_party_in_brackets_is_no_subject():
    # Huckabee's case names its defendant Meta in brackets; Meta in a Manhattan court is no particular case.
    assert cases("Meta won a ruling in a Manhattan federal court.") == {}


def test_what_a_party_s_brackets_say_of_it_can_be_the_subject():
    # "Shanghai Character License Administrative Co. (Ultraman licensee)": Ultraman is what the case is about.
    found = cases("The Hangzhou Internet Court held a platform liable for users' Ultraman LoRA models.")
    assert list(found) == ["ultraman-hangzhou"]
    found = cases("Guangzhou Internet Court orders AI image site to stop producing Ultraman pictures.")
    assert list(found) == ["ultraman-guangzhou"]


def test_the_headline_s_subject_goes_with_the_lead_s_court_only():
    lead = "Das Amtsgericht München hat entschieden, dass mit KI erzeugte Logos keine Werke sind."
    assert cases(lead, title="KI-Logos nicht geschützt")["ag-muenchen-ki-logos"][0].startswith("subject:")
    # The Amtsgericht München is the one court of the file's logos case, and links it alone (test_linking_round7.py);
    # the subject is not evidence without the headline's word.
    assert not by_subject(cases(lead, title="Logos nicht geschützt"))
    # A later paragraph's court is not the headline's.
    assert not by_subject(cases("Ein Designer verlor.\n\n" + lead, title="KI-Logos nicht geschützt"))


def by_subject(found: dict[str, list[str]]) -> list[str]:
    return [e for evidence in found.values() for e in evidence if e.startswith("subject:")]


def test_the_same_plaintiffs_second_suit_by_its_number():
    # Music publishers sue Anthropic twice; the description says which by its number, or means the first.
    second = cases("Music publishers have filed a second lawsuit against Anthropic over pirated sheet music.")
    assert list(second) == ["concord-v-anthropic-ii"]
    first = cases("Music publishers sued Anthropic over song lyrics reproduced by Claude.")
    assert list(first) == ["concord-v-anthropic"]


def test_a_person_who_sues_once_named_in_full_with_a_word_of_the_suit():
    found = cases("Jackie Shroff's suit against an AI chatbot operator followed Anil Kapoor's 2023 order.")
    assert set(found) == {"jackie-shroff-delhi", "anil-kapoor-v-simply-life"}
    # No word of a suit: the actor is only named.
    assert cases("Jackie Shroff starred in the new film.") == {}
    # A plaintiff of two cases is no one case: Sarah Silverman sues OpenAI and Meta.
    assert cases("Sarah Silverman spoke about her lawsuit at the festival.") == {}
    # A newspaper that is the source of the news is not suing in it.
    assert "boston-herald-v-openai" not in cases("A judge ruled for Midjourney, the Boston Herald reported.")


def test_the_record_is_compared_with_the_whole_paragraph():
    # Authors sue Meta in California (Kadrey) and in British Columbia (MacKinnon): the judge, a sentence later,
    # is in one record only.
    text = "The authors suing Meta over Llama still have one live claim. Judge Vince Chhabria set a hearing on it."
    assert list(cases(text)) == ["kadrey-v-meta"]
    assert cases("The authors suing Meta over Llama still have one live claim.") == {}
