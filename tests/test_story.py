"""Only the story is tagged: bylines, credits, captions' credits and footers are authors and outlets, not actors."""

from pipeline.process import entities_of
from pipeline.records import Article, EntityMention
from pipeline.understand.story import story_lines, story_text, without_outlet


def names(article):
    return {(m.name, m.type) for m in entities_of([article])[0]}


def test_bylines_credits_captions_and_footers_are_left_out():
    text = ("By Dana Whitcomb and Lee Park\n"
            "Von Jonas Feldmann | 1. August 2025, 10:00 Uhr\n"
            "Von den 20 Klägern ist keiner erschienen, sagte Anna Berger.\n"
            "Anthropic agreed to pay. Jane Doe contributed reporting.\n"
            "Jane Doe contributed reporting.\n"
            "The court agreed (Reporting by Tom Smith in London; Editing by Ana Ruiz)\n"
            "Braverman and Sunak in 2022. Image: Brian Burnell.\n"
            "Circuit Ledger is reader-funded.\n"
            "Sign up for our newsletter\n"
            "© 2025 Medienwoche Verlagsgesellschaft mbH. Alle Rechte vorbehalten.")
    assert story_lines(text) == [
        "Von den 20 Klägern ist keiner erschienen, sagte Anna Berger.", "Anthropic agreed to pay.",
        "The court agreed", "Braverman and Sunak in 2022."]


def test_an_authors_name_on_a_line_of_its_own_is_a_byline():
    text = "Priya Nandakumar, Legal Affairs\nPriya Nandakumar said the court was wrong."
    assert story_lines(text, ["Priya Nandakumar"]) == ["Priya Nandakumar said the court was wrong."]


def test_headline_and_body_are_joined_without_repeating_the_headline():
    assert story_text("Judge Rules for Anthropic", "Judge Rules for Anthropic\nThe judge ruled.") == \
        "Judge Rules for Anthropic\n\nThe judge ruled."


def test_a_byline_names_no_entity_unless_the_story_names_the_person():
    byline = Article(url="u", source="Medienwoche", language="de", authors=["Jonas Feldmann"],
                     title="GEMA gewinnt gegen OpenAI",
                     text="Von Jonas Feldmann | 1. August 2025\nDie GEMA hat gegen OpenAI gewonnen.")
    assert names(byline) == {("GEMA", "ORG"), ("OpenAI", "ORG")}  # no author, no "1. August 2025" ORG
    english = Article(url="u", source="Wire", language="en", title="Getty loses in London",
                      text="By Dana Whitcombe\nGetty Images lost its case against Stability AI, said Rachel Adeyemi.\n"
                           "(Reporting by Tom Okafor; Editing by Ana Ruiz)")
    assert names(english) == {("Getty Images", "ORG"), ("Stability AI", "ORG"), ("Rachel Adeyemi", "PERSON")}
    quoted = Article(url="u", source="Wire", language="en", title="Getty loses", authors=["Dana Whitcombe"],
                     text="By Dana Whitcombe\nGetty Images lost, said Dana Whitcombe, who covered the trial.")
    assert ("Dana Whitcombe", "PERSON") in names(quoted)


def test_the_outlet_is_no_entity_of_its_own_articles_unless_the_story_is_about_it():
    found = [EntityMention("Circuit Ledger", "ORG"), EntityMention("OpenAI", "ORG")]
    assert [e.name for e in without_outlet(found, "Circuit Ledger", "OpenAI sued")] == ["OpenAI"]
    assert len(without_outlet(found, "Circuit Ledger", "Circuit Ledger is sold to a rival")) == 2
    article = Article(url="u", source="Circuit Ledger", language="en", title="Anthropic Agrees to Settle",
                      text="Anthropic agreed to pay authors, Circuit Ledger has learned. Andrea Bartz sued.")
    assert "Circuit Ledger" not in {n for n, _ in names(article)}
