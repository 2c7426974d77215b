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
