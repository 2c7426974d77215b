"""Defects found in the last read of the ninth round (issue 18), each with its near miss. The snippets are written
for the tests and are in none of the measured sets (tests/data/linking/)."""

from __future__ import annotations

from pipeline.understand.bill_descriptions import bill_words, places_in
from pipeline.understand.linking import link_article


def links(text: str, title: str = "News"):
    return link_article(title, text)


def test_co_defendants_of_one_suit_are_not_each_defendant_s_own_suit():
    # Many authors' suits name OpenAI and Microsoft together; only one is against Microsoft alone.
    assert "bird-v-microsoft" not in links("A group of authors sued OpenAI and Microsoft over training data.").cases
    assert "bird-v-microsoft" in links("A group of authors sued Microsoft over its Megatron model.").cases


def test_a_chamber_in_the_sentence_keeps_the_bills_of_no_chamber():
    # "at a Senate hearing" keeps the Senate's bills and the Copyright Office's reports, which no chamber has.
    text = "The U.S. Copyright Office released the second part of its AI report, on copyrightability"
    assert "usco-ai-report-part-2-copyrightability" in links(text + ", at a Senate hearing.").bills
    assert "usco-ai-report-part-2-copyrightability" in links(text + ".").bills


def test_a_place_before_a_chamber_is_its_country_not_another_body():
    words = bill_words()
    assert "Senate" in [p.group(0) for p in places_in("Lawmakers in the U.S. Senate introduced a bill.", words)]
    # A name before the word is another body's: the White House is no House.
    assert "House" not in [p.group(0) for p in places_in("Lawmakers in the White House backed a bill.", words)]


def test_a_kind_its_place_has_one_of_needs_a_word_of_the_beat():
    # "code" and "measures" are everyday words: the EU's or China's one code or measures need the subject too.
    assert not links("The European Commission asked the platform to hand over the source code of its "
                     "recommendation algorithm.").bills
    assert not links("China announced new measures to support the property market.").bills
    assert "eu-gpai-code-of-practice" in links("Die EU-Kommission hat einen Verhaltenskodex für KI-Modelle "
                                               "veröffentlicht.").bills
