"""Bills described in lists and by common-noun issuers (issue 18, sixth round): each rule with its guard. The
snippets are written for the tests and are in none of the measured sets (tests/data/linking/)."""

from __future__ import annotations

import pytest

from pipeline.understand.linking import link_article


def bills(text: str, title: str = "News") -> dict[str, list[str]]:
    return link_article(title, text).bills


def test_each_item_after_a_plural_head_is_a_description_of_its_own():
    found = bills("The governor of New York put her name to two AI bills: one makes brands label synthetic "
                  "performers in their adverts, the other lets heirs control digital replicas after death under the "
                  "post-mortem publicity right.")
    assert set(found) == {"ny-synthetic-performer-disclosure", "ny-post-mortem-digital-replicas"}


def test_an_item_two_bills_fit_takes_the_one_the_other_items_left():
    # Both California bills speak of digital replicas of performers; the contract clause says which the first
    # item is, so the second, which fits both equally, is the other.
    found = bills("California enacted two bills on performers: one voids contract terms that allow a digital "
                  "replica without a clear description, and the other covers the digital replica of a performer "
                  "who has died.")
    assert set(found) == {"ca-ab-2602", "ca-ab-1836"}


def test_a_governor_places_a_state_bill():
    found = bills("Gov. Gavin Newsom signed two bills: one voids contract terms allowing a digital replica of a "
                  "performer, the other covers the digital replica of a performer who has died.")
    assert set(found) == {"ca-ab-2602", "ca-ab-1836"}


def test_items_with_kind_words_each_describe_a_bill():
    found = bills("Over two years the Copyright Office has published a report on digital replicas, a report on "
                  "copyrightability and a report on training.")
    assert set(found) == {"usco-ai-report-part-1-digital-replicas", "usco-ai-report-part-2-copyrightability",
                          "usco-ai-report-part-3-training"}


@pytest.mark.parametrize("text", [
    # Items without a place in their sentence describe nothing.
    "Lawmakers considered two bills: one on synthetic performers, the other on digital replicas.",
    # Items that two bills fit equally, with nothing to tell them apart, link neither.
    "California passed two bills: one on digital replicas, the other on digital replicas of performers.",
])
def test_a_list_without_a_place_or_without_items_links_nothing(text):
    assert not (set(bills(text)) & {"ny-synthetic-performer-disclosure", "ny-post-mortem-digital-replicas",
                                    "ca-ab-2602", "ca-ab-1836"})


def test_the_commission_alone_is_the_eus_issuer():
    found = bills("The Commission's template asks providers for a summary of the content they trained on.")
    assert "eu-training-content-summary-template" in found


@pytest.mark.parametrize("text", [
    # A capitalised word before "Commission" makes it another body.
    "The Federal Trade Commission's template asks providers for a summary of the content they trained on.",
    "The Law Commission's template asks providers for a summary of the content they trained on.",
])
def test_a_commission_after_a_capitalised_word_is_another_body(text):
    assert "eu-training-content-summary-template" not in bills(text)


def test_a_place_may_stand_twenty_words_from_the_bill_it_describes():
    # Fourteen words between "Denmark" and "deepfakes": ten were the limit until the sixth round.
    found = bills("Denmark, which holds the rotating presidency and has long argued for the union's performers, "
                  "drafted an amendment against deepfakes.")
    assert "dk-deepfake-copyright-amendment" in found


def test_the_house_of_commons_is_no_us_place():
    # "House" alone is the US House; the House of Commons is the UK's, and no US bill is described here.
    found = bills("The House of Lords backed a bill on unauthorised digital replicas of voices and likeness.")
    assert not [slug for slug in found if not slug.startswith("uk-")]


def test_a_notice_of_inquiry_is_a_kind_of_instrument():
    found = bills("The Copyright Office's notice of inquiry drew thousands of comments.")
    assert "usco-ai-notice-of-inquiry-2023" in found


def test_places_of_one_jurisdiction_share_their_words():
    # The subject stands nearer "Chinese", the kind word nearer the issuer.
    found = bills("Chinese apps must label AI-generated images and clips under measures issued by the Cyberspace "
                  "Administration of China.")
    assert "cn-ai-content-labeling-measures" in found


def test_a_sentence_without_a_place_takes_the_places_of_the_sentence_before():
    text = ("The Copyright Office asked the public how training should be treated. That notice of inquiry drew "
            "thousands of answers.")
    assert "usco-ai-notice-of-inquiry-2023" in bills(text)
    # Not across paragraphs, and not without a place in the sentence before.
    assert "usco-ai-notice-of-inquiry-2023" not in bills(text.replace(". ", ".\n"))
    assert "usco-ai-notice-of-inquiry-2023" not in bills(text.replace("The Copyright Office", "The agency"))


def test_the_word_that_opens_a_sentence_is_no_name_before_a_kind_word():
    # "That notice" is no law named "That Notice"; "Federal Register notice" still names another instrument.
    assert "usco-ai-notice-of-inquiry-2023" in bills("The Copyright Office explained: That notice of inquiry "
                                                     "drew thousands of answers.")
    assert "usco-ai-notice-of-inquiry-2023" not in bills("The Copyright Office cited a Register notice of "
                                                         "inquiry that drew thousands of answers.")


def test_a_german_amendment_is_a_kind_of_law():
    found = bills("Dänemark plant eine Änderung, die Deepfakes von Gesicht und Stimme verbietet.")
    assert "dk-deepfake-copyright-amendment" in found


def test_a_name_of_generic_words_fits_when_all_its_words_are_there():
    # "Copyright and AI consultation": every word is generic or an acronym, so all of them must be said.
    assert "uk-copyright-ai-consultation" in bills("Britain's consultation on copyright and AI drew many answers.")
    assert "uk-copyright-ai-consultation" not in bills("Britain's consultation on AI drew many answers.")
    # The words must be in the kind word's clause: here they are the report's.
    found = bills("UK's AI copyright report is out, consultation answers are in hand.")
    assert "uk-copyright-ai-report-2026" in found and "uk-copyright-ai-consultation" not in found


def test_the_office_alone_is_the_us_copyright_office():
    assert "usco-ai-report-part-2-copyrightability" in bills("The Office's copyrightability report came out in January.")
    # After a capitalised word it is another office.
    assert "usco-ai-report-part-2-copyrightability" not in bills(
        "The Intellectual Property Office's copyrightability report came out in January.")


def test_strasbourg_places_a_bill_in_the_eu():
    found = bills("Das Plenum in Straßburg hat den Initiativbericht zu generativer KI angenommen.")
    assert "ep-copyright-genai-report" in found


def test_a_head_closing_the_sentence_before_announces_the_items_and_a_named_bill_is_not_the_other():
    text = ("Gov. Gavin Newsom signed two California bills on performers. AB 2602 voids some contract terms; the "
            "other covers the digital replica of a performer who has died.")
    assert {"ca-ab-2602", "ca-ab-1836"} <= set(bills(text))
    # Without a head, one item two bills fit equally is nobody's.
    assert "ca-ab-1836" not in bills(text.replace("two California bills on performers", "a California bill"))


def test_a_verb_of_amending_is_a_kind_of_law():
    # "Urheberrechtsgesetz" before the verb is a German noun, not another law's name.
    assert "dk-deepfake-copyright-amendment" in bills("Dänemark will das Urheberrechtsgesetz ändern, um Deepfakes "
                                                      "zu bekämpfen.")
    assert "dk-deepfake-copyright-amendment" in bills("Denmark will amend its copyright act to fight deepfakes.")
    # "amended" is no such verb: "an amended complaint".
    assert "dk-deepfake-copyright-amendment" not in bills("Denmark's artists amended their complaint about "
                                                          "deepfakes.")


def test_a_volume_is_a_report():
    assert "usco-ai-report-part-3-training" in bills("The training volume the Copyright Office released in May "
                                                     "drew criticism.")
