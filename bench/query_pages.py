"""Every page and feed a researcher or a feed reader opens, as bench/query.py asks for them (issue #20).

Each entry is (name, kind, make): `make(rng, facts)` returns a URL path with the parameters a reader would
send; `kind` chooses the target. The HTML pages are fetched as HTML (so Datasette computes the counts and
the facets the page shows), the feeds as the Atom a feed reader fetches, and the search boxes as an API
client asks for them. `facts` holds names found in the database (developments, bills), so every URL names
something that exists.
"""

from __future__ import annotations

import random
import urllib.parse

# p95 targets at the largest size, in ms (issue #20): full-text search and feeds 50, every other page 150.
TARGETS = {"fts": 50, "feed": 50, "page": 150}

SEARCHES = ["copyright", "lawsuit", "licensing", "Getty", "fair use", "royalties", "Midjourney", "training data",
            "Urheberrecht", "GEMA", "voice actors", "injunction"]
# The most-mentioned actors (Zipf rank 1-5) and two of the long tail: both ends of a timeline's cost.
ENTITIES = ["OpenAI", "Getty Images", "Anna Keller", "Midjourney", "The New York Times", "Stability AI", "Actor 17",
            "Actor 2500"]
# The most linked case (Zipf rank 1), one in the middle and rarely covered ones.
CASES = ["nyt-v-microsoft-openai", "getty-v-stability-uk", "gema-v-openai", "koda-v-suno", "li-v-liu"]
TOPICS = ["litigation", "licensing", "legislation", "labor", "likeness", "training_data", "campaign"]
LANGUAGES = ["en", "de"]


def _q(path: str, **params) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}" if params else path


def _name(path: str, value: str) -> str:
    return path + urllib.parse.quote(value, safe="")


def _pick(rng: random.Random, values):
    return rng.choice(list(values))


PAGES: list[tuple[str, str, callable]] = [
    # Search boxes, as an API client asks (_shape=array: no count, no facets), and the ranked search.
    ("fts: relevant_articles ?_search= (API)", "fts", lambda r, f: _q(
        "/tracker/relevant_articles.json", _search=_pick(r, SEARCHES), _size=20, _shape="array", _nocount=1)),
    ("fts: articles ?_search= (API)", "fts", lambda r, f: _q(
        "/tracker/articles.json", _search=_pick(r, SEARCHES), _size=20, _shape="array", _nocount=1)),
    ("fts: search (bm25, snippets)", "fts", lambda r, f: _q("/tracker/search.json", q=_pick(r, SEARCHES),
                                                              _shape="array")),
    # Feeds, as a feed reader fetches them.
    ("feed: all", "feed", lambda r, f: "/tracker/feed_all.atom"),
    ("feed: topic", "feed", lambda r, f: _q("/tracker/feed_topic.atom", topic=_pick(r, TOPICS))),
    ("feed: entity", "feed", lambda r, f: _q("/tracker/feed_entity.atom", entity=_pick(r, ENTITIES))),
    ("feed: search", "feed", lambda r, f: _q("/tracker/feed_search.atom", q=_pick(r, SEARCHES))),
    ("feed: language", "feed", lambda r, f: _q("/tracker/feed_language.atom", language=_pick(r, LANGUAGES))),
    ("feed: saved filter", "feed", lambda r, f: _q(
        "/tracker/feed_filter.atom", q=_pick(r, SEARCHES), topics=_pick(r, TOPICS), entities="",
        languages="", min_relevance="")),
    ("feed: case", "feed", lambda r, f: _q("/tracker/feed_case.atom", slug=_pick(r, CASES))),
    ("feed: bill", "feed", lambda r, f: _q("/tracker/feed_bill.atom", slug=_pick(r, f["bills"]))),
    ("feed: developments by topic", "feed", lambda r, f: _q("/tracker/feed_developments_topic.atom",
                                                             topic=_pick(r, TOPICS))),
    ("feed: developments by entity", "feed", lambda r, f: _q("/tracker/feed_developments_entity.atom",
                                                              entity=_pick(r, ENTITIES))),
    ("feed: developments by case", "feed", lambda r, f: _q("/tracker/feed_developments_case.atom",
                                                            slug=_pick(r, CASES))),
    ("feed: developments by bill", "feed", lambda r, f: _q("/tracker/feed_developments_bill.atom",
                                                            slug=_pick(r, f["bills"]))),
    ("feed: corrections", "feed", lambda r, f: "/tracker/feed_corrections.atom"),
    # Pages, as HTML: with the counts and facets Datasette computes for them.
    ("page: database", "page", lambda r, f: "/tracker"),
    ("page: feeds", "page", lambda r, f: "/-/feeds"),
    ("page: relevant_articles (facets)", "page", lambda r, f: "/tracker/relevant_articles"),
    ("page: relevant_articles ?_search= (facets)", "page", lambda r, f: _q(
        "/tracker/relevant_articles", _search=_pick(r, SEARCHES))),
    # What a click on a topic or a person in the facets opens (plugins/facet_window.py's index filters).
    ("page: relevant_articles by topic (facets)", "page", lambda r, f: _q(
        "/tracker/relevant_articles", _topic=_pick(r, TOPICS))),
    ("page: relevant_articles by person (facets)", "page", lambda r, f: _q(
        "/tracker/relevant_articles", _person=_pick(r, ["Anna Keller", "James Morgan", "Maria Schneider"]))),
    ("page: articles ?_search=", "page", lambda r, f: _q("/tracker/articles", _search=_pick(r, SEARCHES))),
    ("page: article", "page", lambda r, f: f"/tracker/articles/{_pick(r, f['articles'])}"),
    ("page: entity_mentions of an entity (facets)", "page", lambda r, f: _q(
        "/tracker/entity_mentions", entity=_pick(r, ENTITIES))),
    ("page: topic_weeks", "page", lambda r, f: "/tracker/topic_weeks"),
    ("page: entity", "page", lambda r, f: _name("/tracker/-/entity/", _pick(r, ENTITIES))),
    ("page: case", "page", lambda r, f: _name("/tracker/-/case/", _pick(r, CASES))),
    ("page: bill", "page", lambda r, f: _name("/tracker/-/bill/", _pick(r, f["bills"]))),
    ("page: developments", "page", lambda r, f: "/tracker/developments"),
    ("page: development_list (facets)", "page", lambda r, f: "/tracker/development_list"),
    ("page: development", "page", lambda r, f: _q("/tracker/development", id=_pick(r, f["developments"]))),
    ("page: latest", "page", lambda r, f: "/tracker/latest"),
    ("page: by_topic", "page", lambda r, f: _q("/tracker/by_topic", topic=_pick(r, TOPICS))),
    ("page: entity_timeline", "page", lambda r, f: _q("/tracker/entity_timeline", entity=_pick(r, ENTITIES))),
    ("page: co_mentions", "page", lambda r, f: _q("/tracker/co_mentions", entity=_pick(r, ENTITIES))),
    ("page: top_entities", "page", lambda r, f: "/tracker/top_entities"),
    ("page: source_health", "page", lambda r, f: "/tracker/source_health"),
    ("page: works_in_disputes", "page", lambda r, f: _q("/tracker/works_in_disputes", slug="", work="")),
    ("page: cases_overview", "page", lambda r, f: "/tracker/cases_overview"),
    ("page: coverage_gaps", "page", lambda r, f: _q("/tracker/coverage_gaps", days=30)),
    ("page: bills_overview", "page", lambda r, f: "/tracker/bills_overview"),
    ("page: case_timeline", "page", lambda r, f: _q("/tracker/case_timeline", slug=_pick(r, CASES))),
    ("page: bill_timeline", "page", lambda r, f: _q("/tracker/bill_timeline", slug=_pick(r, f["bills"]))),
    ("page: review queue (signed in)", "page", lambda r, f: "/-/review"),
]
