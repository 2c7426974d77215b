"""Cases linked by the sixth round's rules (issue 18), each with its guard. The snippets are written for the tests
and are in none of the measured sets (tests/data/linking/)."""

from __future__ import annotations

from pipeline.understand.linking import link_article


def cases(text: str, title: str = "News") -> dict[str, list[str]]:
    return link_article(title, text).cases


def test_each_clause_pairs_its_own_parties():
    # Woulard and Justice each sue both Suno and Udio, but here each names one.
    found = cases("David Woulard sued Suno in Illinois last month, while Anthony Justice filed against Udio in New "
                  "York.")
    assert set(found) == {"woulard-v-suno", "justice-v-udio"}
    found = cases("Anthony Justice sued Suno in Illinois; David Woulard filed against Udio in New York.")
    assert set(found) == {"justice-v-suno", "woulard-v-udio"}


def test_a_clause_without_a_party_of_its_own_pairs_across():
    # Basbanes's clause names no defendant: the sentence's defendants are his too.
    found = cases("Julian Sancton sued OpenAI and Microsoft in Manhattan, while Nicholas Basbanes brought a separate "
                  "complaint.")
    assert {"sancton-v-openai", "basbanes-v-microsoft"} <= set(found)
    # A plaintiff's own clause that names the defendant again pairs there.
    found = cases("Kai Bird sued Microsoft alone, while Nicholas Basbanes named both Microsoft and OpenAI in his "
                  "complaint.")
    assert {"bird-v-microsoft", "basbanes-v-microsoft"} <= set(found)


def test_a_plaintiff_of_an_in_re_case_only_pairs_with_its_defendant():
    # O'Nan sues Databricks only in the gathered case (his suit against Nvidia is another defendant's).
    found = cases("Stewart O'Nan has sued Databricks over the books used to train its models.")
    assert "in-re-mosaic-llm-litigation" in found


def test_a_plaintiff_with_a_member_suit_of_its_own_is_not_the_gathered_cases():
    # The Daily News sues OpenAI in its own suit, one of the MDL's members: the pair is that suit's.
    found = cases("The Daily News sued OpenAI over its articles.")
    assert "in-re-openai-copyright-litigation" not in found


def test_a_word_of_consolidation_makes_a_paragraph_about_a_dispute():
    found = cases("Writer Elizabeth Lyon is in a consolidated case now; she says Adobe trained a model on her books.")
    assert "lyon-v-adobe" in found
    assert "lyon-v-adobe" not in cases("Writer Elizabeth Lyon says Adobe trained a model on her books.")


def test_a_short_name_counts_with_the_plaintiffs_court():
    # "Mofa" (for "Mofa Information Technology") is too short to name the party alone ...
    assert "mofa-ada-hangzhou" in cases("Das Internetgericht Hangzhou hat der Firma Mofa in einem Urheberrechtsstreit "
                                        "recht gegeben.")
    # ... so without its court it names nothing.
    assert "mofa-ada-hangzhou" not in cases("Die Firma Mofa klagt gegen einen Konkurrenten.")


def test_chinas_internet_courts_by_their_german_names():
    found = cases("Das Internetgericht Peking gab einer Person namens He recht, deren Gesicht eine App nutzte.")
    assert "he-v-ai-companion-app" in found
    # Another country's court is not it.
    assert "he-v-ai-companion-app" not in cases("Das Landgericht Hamburg gab einer Person namens He recht.")


def test_a_court_in_the_genitive_is_that_court():
    assert "dabus-bgh" in cases("Ein Senat des Bundesgerichtshofs hat im DABUS-Verfahren entschieden.")
    # The subject needs a court the case fits: the Federal Patent Court is another.
    assert "dabus-bgh" not in cases("Ein Senat des Bundespatentgerichts hat im DABUS-Verfahren entschieden.")


def test_the_federal_circuit_sits_in_washington():
    found = cases("The Federal Circuit in Washington turned down Stephen Thaler's appeal.")
    assert "thaler-v-vidal" in found
    # "D.C." is the D.C. Circuit's (Thaler v. Perlmutter), not the Federal Circuit's.
    assert "thaler-v-vidal" not in cases("The D.C. Circuit turned down Stephen Thaler's appeal.")


def test_a_sentence_referring_to_the_plaintiff_takes_it_from_the_sentence_before():
    text = ("Richner Communications, a Long Island publisher, joined the fight this week. {} accuse OpenAI and "
            "Microsoft of copying local news.")
    assert "richner-v-microsoft" in cases(text.format("The papers"))
    # Someone else accuses them, or "They", who may be anyone: no pair.
    assert "richner-v-microsoft" not in cases(text.format("Regulators"))
    assert "richner-v-microsoft" not in cases(text.format("They"))


def test_a_case_brought_by_a_plaintiff_is_a_word_of_the_suit():
    assert "raw-story-v-openai" in cases("OpenAI won the motion. The theory had been thrown out in the case brought "
                                         "by Raw Story.")
    assert "raw-story-v-openai" not in cases("OpenAI won the motion. The theory was praised by Raw Story.")


def test_a_plaintiff_by_the_title_that_opens_the_short_name():
    # "Sadhguru personality-rights case" for "Sadhguru Jagadish Vasudev".
    assert "sadhguru-delhi" in cases("The Delhi High Court has protected Sadhguru against deepfake videos.")
    # Not a given name: "Karan" alone is no party.
    assert "karan-johar-delhi" not in cases("The Delhi High Court has protected Karan against deepfake videos.")


def test_an_act_by_its_german_compound():
    assert "tn-elvis-act" in link_article("News", "Das ELVIS-Gesetz aus Tennessee schützt Stimmen.").bills
    assert "tn-elvis-act" not in link_article("News", "Das ELVIS-Museum in Tennessee zeigt Stimmen.").bills


def test_a_case_by_the_phrase_its_short_name_quotes():
    assert "lin-v-changshu-half-heart" in cases("The Changshu court's half heart decision protected an image.")
    # The phrase needs a court the case fits.
    assert "lin-v-changshu-half-heart" not in cases("A Hamburg court's half heart decision protected an image.")


def test_an_in_re_case_by_a_word_of_its_name_and_its_defendant():
    assert "in-re-clearview-ai" in cases("A judge approved the settlement of the Clearview AI privacy litigation.")
    # The same words fit the suit of a pair the sentence names: the ACLU's.
    assert "in-re-clearview-ai" not in cases("The ACLU's privacy lawsuit against Clearview AI was settled.")


def test_a_word_of_consolidation_is_blocked_only_by_a_member_suit():
    # The ACLU's state suit is no member of the federal consolidated case.
    found = cases("Clearview AI settled the consolidated privacy litigation in Chicago after its deal with the ACLU "
                  "in state court.")
    assert {"in-re-clearview-ai", "aclu-v-clearview"} <= set(found)
    # Ziff Davis's suit is one of the OpenAI MDL's members.
    assert "in-re-openai-copyright-litigation" not in cases(
        "In the consolidated litigation, Ziff Davis sued OpenAI over its articles.")


def test_the_same_court_is_the_court_the_paragraph_last_named():
    text = ("The Beijing Internet Court awarded damages to a voice actress surnamed Yin. In another case {} held that "
            "an app's AI companion built on a celebrity surnamed He infringed his rights.")
    assert "he-v-ai-companion-app" in cases(text.format("the same court"))
    # "a court" says which in no way.
    assert "he-v-ai-companion-app" not in cases(text.format("a court"))


def test_german_words_for_a_dismissed_or_brought_case_are_words_of_the_suit():
    assert "raw-story-v-openai" in cases("OpenAI hat gewonnen. Dieselbe Theorie wurde bei Raw Story abgewiesen.")
    assert "raw-story-v-openai" not in cases("OpenAI hat gewonnen. Dieselbe Theorie wurde bei Raw Story gelobt.")
