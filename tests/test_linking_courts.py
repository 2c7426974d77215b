"""Linking news to cases by court, by given-name variant, by surname and across two sentences (issue 18).

Each test names a wording the linker once missed or wrongly linked; the snippets are written for the test and
are in none of the measured sets (tests/data/linking/)."""

from __future__ import annotations

import pytest

from pipeline.understand.courts import mentions
from pipeline.understand.linking import link_article, party_forms


def cases(text: str, title: str = "News") -> dict[str, list[str]]:
    return link_article(title, text).cases


def test_a_court_names_its_country_and_its_distinctive_words():
    [delhi] = mentions("On Monday the Delhi High Court granted an order.")
    [japan] = mentions("It failed before Japan's Intellectual Property High Court.")
    [canada] = mentions("Getty sued in the Federal Court of Canada.")
    [german] = mentions("Der britische Supreme Court entschied anders.")
    assert (delhi.country, delhi.words) == ("IN", ("Delhi", "High"))
    assert (japan.country, japan.words) == ("JP", ("Intellectual", "Property", "High"))
    assert canada.country == "CA" and german.country == "UK"
    assert mentions("The company courted investors.") == ()


def test_a_plaintiff_and_a_court_only_its_case_has_link_without_a_defendant():
    found = cases("Aishwarya Rai Bachchan has won an order in the Delhi High Court against deepfakes.")
    assert found == {"aishwarya-rai-delhi": ["court:Aishwarya Rai Bachchan + Delhi High Court"]}
    # One plaintiff, three courts, three cases.
    thaler = cases("Stephen Thaler lost in the UK Supreme Court and in Germany's Federal Court of Justice.")
    assert set(thaler) == {"thaler-v-comptroller", "dabus-bgh"}


@pytest.mark.parametrize("text", [
    # Four suits by one author in one court: the court does not say which.
    "J.B. MacKinnon filed in the Supreme Court of British Columbia on Friday.",
    # A plaintiff of one case and a defendant of another in the same court (Alcon v. Tesla, WBD v. Midjourney).
    "Warner Bros. Discovery must face a contributory-infringement claim, a Los Angeles judge ruled.",
    # A plaintiff as the source of the news, not as a party.
    "The Asahi Shimbun reported that the Tokyo District Court heard the Yomiuri case on Monday.",
    # A court that says nothing about where it is (her name alone may link her one case: not by the court).
    "Aishwarya Rai Bachchan said the court would hear her on Monday.",
])
def test_a_court_that_does_not_single_out_one_case_links_nothing(text):
    assert not [e for found in cases(text).values() for e in found if e.startswith("court:")]


def test_a_court_in_another_country_vetoes_a_party_pair():
    assert cases("Getty Images sued Stability AI in the Federal Court of Canada last week.") == {}
    assert set(cases("Getty Images sued Stability AI in the High Court in London.")) == {"getty-v-stability-uk"}
    # A place of the case's own country in the sentence keeps the pair: the foreign court is another suit's.
    both = cases("Nikkei sued Perplexity in Tokyo, after Dow Jones sued it in federal court in New York.")
    assert {"nikkei-asahi-v-perplexity", "dow-jones-v-perplexity"} <= set(both)


def test_given_name_variants_estates_and_names_starting_with_a_digit_are_party_forms():
    assert "Tony Justice" in party_forms("Anthony Justice")
    assert "George Carlin" in party_forms("Estate of George Carlin (executor Jerold Hamza)")
    assert "5th Wheel Records" in party_forms("5th Wheel Records")
    assert party_forms("proposed class of Canadian copyright holders") == []


def test_a_person_named_in_full_once_is_named_by_the_surname_after():
    text = "Stephen Thaler built an AI system called DABUS.\nThaler's appeal to the UK Supreme Court failed."
    assert set(cases(text)) == {"thaler-v-comptroller"}
    assert cases("Thaler's appeal to the UK Supreme Court failed.") == {}


def test_a_suit_named_by_its_owner_takes_the_plaintiff_of_the_sentence_before():
    text = "The New York Times sued Perplexity on Friday. The paper's earlier case against OpenAI goes on."
    assert "nyt-v-microsoft-openai" in cases(text)
    other = "Perplexity was sued on Friday. The paper's earlier case against OpenAI goes on."
    assert "nyt-v-microsoft-openai" not in cases(other)


def test_initials_without_full_stops_name_the_same_person():
    assert {"R Madhavan", "JB MacKinnon"} <= set(party_forms("R. Madhavan")) | set(party_forms("J.B. MacKinnon"))
    assert set(cases("Actor R Madhavan won an order from the Delhi High Court against fake trailers.")) == {
        "madhavan-v-g-filmz"}
    # The surname alone and a court with four of his suits say nothing.
    assert cases("Author MacKinnon went to the Supreme Court of British Columbia again.") == {}


def test_a_name_without_its_generic_last_words_is_a_form_unless_what_is_left_is_an_ordinary_word():
    assert {"Strike 3", "Caseway", "Emotional Perception"} <= {
        f for p in ("Strike 3 Holdings", "Caseway AI", "Emotional Perception AI") for f in party_forms(p)}
    assert set(cases("CanLII and Caseway have settled their lawsuit over court records.")) == {"canlii-v-caseway"}
    # "Stability" and "Entrepreneur" are words; "Guardian News &" is no name.
    for party, short in (("Stability AI", "Stability"), ("Entrepreneur Media", "Entrepreneur"),
                         ("Guardian News & Media", "Guardian News &")):
        assert short not in party_forms(party)
    assert cases("Stability matters, Getty Images said of its lawsuit.") == {}


def test_the_one_name_in_brackets_is_a_form_but_not_a_place_or_a_list():
    assert "Cameo" in party_forms("Baron App (Cameo)")
    assert "Tokyo" not in party_forms("The Yomiuri Shimbun (Tokyo)")
    assert "Variety" not in party_forms("Penske Media Corporation (Rolling Stone, Billboard, Variety)")
    assert set(cases("A judge sided with Cameo in its trademark lawsuit against OpenAI.")) == {"cameo-v-openai"}
    assert cases("A judge in Tokyo heard another lawsuit against Perplexity on Tuesday.") == {}


def test_plural_class_actions_and_german_participles_are_words_of_litigation():
    text = "Vancouver author J.B. MacKinnon has filed proposed class actions against Meta and Databricks."
    assert set(cases(text, title="Author news")) == {"mackinnon-v-meta", "mackinnon-v-databricks"}
    assert cases("J.B. MacKinnon praised Meta and Databricks for their open models.", title="Author news") == {}


def test_a_court_of_the_sentence_before_counts_when_this_one_names_the_plaintiff_and_the_suit():
    text = ("Der Bundesgerichtshof hat bestätigt, dass eine KI kein Erfinder sein kann. "
            "Geklagt hatte der Amerikaner Stephen Thaler.")
    assert set(cases(text)) == {"dabus-bgh"}
    # Without a word of the suit in the second sentence, the plaintiff is only mentioned.
    assert cases("The Delhi High Court ruled on a deepfake case on Monday. Karan Johar said he was pleased.") == {}
    # A court that already found its plaintiff lends itself to no other (Ajay Devgn, who sues once, is linked by
    # his name and the word of the suit, not by the court).
    found = cases("The Delhi High Court granted Karan Johar an injunction. Ajay Devgn has sued too.")
    assert found["karan-johar-delhi"][0].startswith("court:")
    assert all(not e.startswith("court:") for e in found.get("ajay-devgn-delhi", []))


# --- third round (heldout3's misses by class) ------------------------------------------------------------


def bills(text: str, title: str = "News") -> dict[str, list[str]]:
    return link_article(title, text).bills


def test_a_judge_the_case_record_names_stands_for_the_court():
    found = cases("Justice Sanjeev Narula has barred websites from selling merchandise with Jackie Shroff's face.")
    assert set(found) == {"jackie-shroff-delhi"}
    assert found["jackie-shroff-delhi"][0].startswith("court:")
    # A judge no record names says nothing; nor does a judge before whom the plaintiff has no case.
    assert cases("Justice Rohan Mehra has barred websites from selling merchandise with Jackie Shroff's face.") == {}
    assert cases("Justice Sanjeev Narula has barred websites from selling mugs with Karan Johar's face.") == {}


def test_a_city_after_a_word_of_litigation_names_the_court():
    assert set(cases("Jackie Shroff won an injunction in Delhi against merchandise sellers.")) == {
        "jackie-shroff-delhi"}
    # A city before any word of the dispute only says where the story is (his one suit is linked by his name).
    assert cases("In Delhi, Jackie Shroff spoke to fans about his lawsuit.") == {
        "jackie-shroff-delhi": ["plaintiff:Jackie Shroff"]}
    # A city that is not where the case is heard.
    assert cases("Jackie Shroff won an injunction in Mumbai against merchandise sellers.") == {}


@pytest.mark.parametrize("text, slug", [
    ("Susana Martinez-Conde and Stephen Macknik accused Apple of copying their books into its models.",
     "martinez-conde-v-apple"),
    ("Authors Molly Tanzer and Jennifer Gilmore allege that Salesforce trained on pirated novels.",
     "tanzer-v-salesforce"),
    ("Die Autorinnen werfen Salesforce vor, Jennifer Gilmores Romane kopiert zu haben.", "tanzer-v-salesforce"),
])
def test_verbs_of_a_complaint_are_words_of_litigation(text, slug):
    assert set(cases(text)) == {slug}


def test_the_same_names_without_a_complaint_link_nothing():
    assert cases("Susana Martinez-Conde praised Apple for its new laptops in a talk.") == {}


def test_initials_before_or_inside_a_name_and_a_leading_acronym_are_dropped():
    assert "Molly Tanzer" in party_forms("E. Molly Tanzer")
    assert "MacKinnon" not in party_forms("J.B. MacKinnon")
    assert "Prathiba Singh" in party_forms("Prathiba M. Singh")
    assert "RAI" in party_forms("RAI Radiotelevisione Italiana")
    assert "AI" not in party_forms("AI voice-cloning platforms and other defendants (38 in all)")
    assert set(cases("Chiara Biancheri won damages from RAI over her flower image.")) == {"biancheri-v-rai"}


def test_a_person_named_by_title_and_surname_is_surnamed_in_the_news():
    assert "surnamed Yin" in party_forms("Ms. Yin (voice actor)")
    assert "Yin" not in party_forms("Ms. Yin (voice actor)")
    assert "surnamed Li" in party_forms("a university professor surnamed Li")
    assert set(cases("A dubbing artist surnamed Yin won at the Beijing Internet Court over a cloned voice.")) == {
        "yin-ai-voice-beijing"}
    assert cases("A dubbing artist surnamed Yin won at the Guangzhou Internet Court over a cloned voice.") == {}
    # Two plaintiffs surnamed Li in one court (the professor's voice, Li v. Liu): the court does not say which.
    assert "surnamed Li" in party_forms("Li")
    assert cases("A plaintiff surnamed Li won at the Beijing Internet Court on Monday.") == {}


def test_a_defendant_sued_in_no_other_case_stands_with_its_court_for_the_case():
    assert set(cases("Taubel Legal won before the Municipal Court in Prague on Tuesday.")) == {"taubel-legal-prague"}
    # A defendant of many suits does not say which one, even in a court that has only one of them.
    assert cases("A Munich court ruled against OpenAI on Tuesday.") == {}


def test_a_consolidated_case_is_linked_by_its_description_and_its_defendant():
    found = cases("Publishers want to join the consolidated copyright litigation against Google over Gemini.")
    assert set(found) == {"in-re-google-generative-ai"}
    # A member suit's parties in the sentence: the news is about that suit.
    member = cases("In the consolidated OpenAI litigation, Ziff Davis may pursue its claims against OpenAI.")
    assert "in-re-openai-copyright-litigation" not in member and "ziff-davis-v-openai" in member
    # "Consolidated" of accounts is no litigation.
    assert cases("Google's consolidated revenue rose, its lawyers told the court.") == {}


def test_a_pair_shared_by_two_suits_goes_to_the_one_the_article_names_otherwise():
    assert set(cases("Kai Bird and Jia Tolentino sued Microsoft in New York.")) == {"bird-v-microsoft"}
    # Without other evidence the pair fits both suits, and both are linked.
    assert set(cases("Jia Tolentino sued Microsoft in New York.")) == {"bird-v-microsoft", "sancton-v-openai"}


def test_a_statute_section_is_linked_in_its_german_spellings():
    for text in ("Der Bundesrat schlägt einen neuen Paragrafen 201b im Strafgesetzbuch vor.",
                 "Der Entwurf des § 201b StGB-E liegt dem Bundestag vor.",
                 "Paragraf 201b des Strafgesetzbuchs soll Deepfakes erfassen."):
        assert set(bills(text)) == {"de-deepfake-strafrecht-201b"}, text
    assert bills("Paragraf 201 des Strafgesetzbuchs schützt das gesprochene Wort.") == {}
    assert bills("Ein Paragraf 201b im Bürgerlichen Gesetzbuch existiert nicht.") == {}


def test_a_publisher_is_named_by_a_masthead_its_file_lists():
    forms = party_forms("Penske Media Corporation (Rolling Stone, Billboard, Variety)")
    assert {"Rolling Stone publisher", "owner of Billboard"} <= set(forms) and "Variety" not in forms
    assert [f for f in party_forms("The Yomiuri Shimbun (Tokyo)") if "Tokyo" in f] == ["The Yomiuri Shimbun (Tokyo)"]
    assert set(cases("The Billboard owner has sued Google over AI Overviews.")) == {"penske-v-google"}
    assert cases("Billboard reported that Google is changing AI Overviews.") == {}


def test_a_court_of_appeals_and_a_german_city_adjective_name_the_case_s_court():
    assert set(cases("Jason Allen has appealed to the Tenth Circuit.")) == {"allen-v-perlmutter"}
    assert cases("Jason Allen has appealed to the Ninth Circuit.") == {}
    assert set(cases("Manfred Lehmann hat vor dem Berliner Landgericht gewonnen.")) == {"lehmann-v-youtuber-lg-berlin"}
    assert cases("Manfred Lehmann hat vor dem Hamburger Landgericht gewonnen.") == {}


def test_the_same_parties_second_suit_is_told_apart_by_its_number():
    second = "Universal Music Publishing Group and ABKCO filed a second lawsuit against Anthropic over torrenting."
    assert set(cases(second)) == {"concord-v-anthropic-ii"}
    first = "Universal Music Publishing Group and ABKCO sued Anthropic over Claude's lyrics."
    assert set(cases(first)) == {"concord-v-anthropic"}
    both = second + " Their first case over lyrics goes on in San Jose."
    assert set(cases(both)) == {"concord-v-anthropic", "concord-v-anthropic-ii"}
    assert set(cases("Die Musikverlage ABKCO und Concord reichten eine zweite Klage gegen Anthropic ein.")) == {
        "concord-v-anthropic-ii"}
    # "A separate lawsuit", "eine weitere Klage": another suit than the first.
    assert set(cases("ABKCO and Concord filed a separate lawsuit against Anthropic over pirated sheet music.")) == {
        "concord-v-anthropic-ii"}
    assert set(cases("ABKCO und Concord reichten eine weitere Klage gegen Anthropic ein.")) == {"concord-v-anthropic-ii"}


def test_a_headline_s_word_of_dispute_covers_the_lead_paragraph_only():
    lead = "Alcon Entertainment says Tesla used an AI-generated image in the style of its film without permission."
    assert list(link_article("Film producer sues Tesla over robotaxi image", lead).cases) == ["alcon-v-tesla"]
    # A headline without a word of dispute: a complaint about an image is no lawsuit yet.
    assert link_article("Film producer angry at Tesla over robotaxi image", lead).cases == {}
    # The headline says nothing of the paragraphs after the lead.
    text = "Tesla unveiled its robotaxi in Los Angeles.\n\n" + lead
    assert link_article("Film producer sues Tesla over robotaxi image", text).cases == {}


def test_a_defendant_in_the_sentence_before_with_the_plaintiff_and_the_suit_in_this_one():
    text = ("Eight dailies of the Alden chain sued Microsoft and OpenAI last year. A second group, led by the "
            "Boston Herald, followed with its own complaint.")
    assert "boston-herald-v-openai" in cases(text)
    # Without a word of the suit in the plaintiff's sentence, the paper is only named.
    text = ("Eight dailies of the Alden chain sued Microsoft and OpenAI last year. The Boston Herald covered the "
            "story on its front page.")
    assert "boston-herald-v-openai" not in cases(text)
