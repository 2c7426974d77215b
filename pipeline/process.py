"""The order of the stages, in one place.

    sources ─► fetch ─► extract ─► language ─► relevance & topics ─► entities ─► cases & bills ─► store ─► developments ─► publish
    (collect/)  (Scrapy)  └──────────── understand/ ─────────────────────────────────────────┘   (store/)  (developments.py) (publish/)

`process_pages` below is that order for one batch of fetched pages, and every
caller runs the same functions in the same order: the crawl (through
pipeline/ingest.py, which runs `prepare` as pages arrive and the rest per
batch, entities in a worker process), `tracker inspect` on one URL, and
`reprocess` on stored articles. Only relevant articles get entities and links:
irrelevant ones are stored with their relevance, to be judged again later.
Developments are placed against the stored ones (pipeline/developments.py), in
the transaction that stores a batch: `tracker inspect` stores nothing, so it
stops before them.
"""

from __future__ import annotations

import json

from pipeline.records import Article, Page
from pipeline.understand.entities import tag_entities
from pipeline.understand.extract import ExtractError, extract_article, looks_like_article
from pipeline.understand.language import detect_language
from pipeline.understand.linking import link_cases_and_bills
from pipeline.understand.page_type import GONE
from pipeline.understand.relevance import judge_relevance
from pipeline.understand.story import story_text, without_outlet


class NotAnArticle(ExtractError):
    """The page is an archive, a home, about, video or gallery page (its verdict says which): skipped, not an error.

    `article` is what extraction found, so `tracker inspect` can show the verdict and its signals.
    """

    def __init__(self, message: str, article: Article | None = None):
        super().__init__(message)
        self.article = article


class PageGone(NotAnArticle):
    """The link answered 404 or 410: the story was pulled, and the feed's copy of it is not stored either."""


def process_pages(pages: list[Page], model: str | None = None) -> tuple[list[Article], list[tuple[Page, str]]]:
    """Every stage for a batch of pages: (articles ready to store, [(page, reason) for pages that gave none])."""
    articles, skipped = [], []
    for page in pages:
        try:
            articles.append(prepare(page))  # extract, language, relevance and topics
        except ExtractError as exc:
            skipped.append((page, str(exc)))
    tag(articles, model)  # entities
    link(articles)  # cases and bills
    return articles, skipped


def prepare(page: Page) -> Article:
    """The per-page stages: extraction and the page-type verdict, then language, relevance and topics."""
    if page.status in GONE:
        raise PageGone(f"gone: the link answered HTTP {page.status} (the story was pulled)")
    article = extract_article(page)
    if not looks_like_article(article):
        raise NotAnArticle(f"not an article: {article.verdict.summary()}", article)
    return classify(article)


def classify(article: Article) -> Article:
    """Language, then relevance and topics (they depend on the language's vocabulary)."""
    article.language = detect_language(f"{article.title}\n{article.text}", article.language_hint)
    judgement = judge_relevance(article.title, article.text, article.language)
    article.relevance = judgement.relevance
    article.relevant = judgement.relevant
    article.evidence = judgement.evidence
    article.topics = judgement.topics
    return article


def tag(articles: list[Article], model: str | None = None) -> list[Article]:
    """Entities for the relevant articles of a batch, in one nlp.pipe pass (the costly stage)."""
    relevant = [a for a in articles if a.relevant]
    for article, entities in zip(relevant, entities_of(relevant, model), strict=True):
        article.entities = entities
    for article in articles:
        if not article.relevant:
            article.entities = []
    return articles


def entities_of(articles: list[Article], model: str | None = None) -> list[list]:
    """The entities of each article, relevant or not: only the story is tagged (understand/story.py),
    and the outlet's own name is no entity of its articles."""
    tagged = tag_entities([(story_text(a.title, a.text, a.authors), a.language) for a in articles], model=model)
    return [without_outlet(entities, a.source, a.title) for a, entities in zip(articles, tagged, strict=True)]


def link(articles: list[Article]) -> list[Article]:
    """The cases and bills each relevant article mentions."""
    return link_cases_and_bills(articles)


def understand(articles: list[Article], model: str | None = None) -> list[Article]:
    """The per-batch stages, in order: entities, then cases and bills."""
    return link(tag(articles, model))


def reprocess(db, model: str | None = None, batch_size: int = 64, entities: bool = True,
              ids: list[int] | None = None, overrides: dict[int, bool] | None = None) -> dict:
    """Run the stages after extraction again on stored articles; fetches nothing.

    First each article's date, authors and title under the current rules
    (pipeline/page_facts.py: from the kept raw HTML where there is some), then language, relevance and topics, entities, then case and bill links, then
    developments: an article no longer listed leaves its development, a newly
    listed one is placed, the others stay where they are. With
    `entities=False` (`tracker cases link`, after the curated aliases changed)
    only the links are redone, from the stored relevance: NER is the costly
    stage, and the aliases do not change it. Deterministic: the same
    vocabularies, curated files and model give the same rows, so running it
    twice changes nothing the second time.

    `ids` limits it to those articles (undoing a correction runs them again);
    `overrides` (article id -> relevant) is a reviewer's relevance, which
    decides whether an article gets entities and links (pipeline/corrections/).
    The corrections themselves are applied afterwards, by the caller.
    """
    from pipeline.developments import assign_developments
    from pipeline.store.articles import Store
    from pipeline.store.cases import seed_curated
    from pipeline.store.entity_aliases import seed_gazetteer_aliases
    from pipeline.store.search import search_stems

    seed_curated(db)  # the links point at these rows; raises CuratedDataError for a broken file
    seed_gazetteer_aliases(db)  # after a gazetteer change, its new aliases find their entities
    store = Store(db, archive_html=False)
    counts = {"articles": 0, "relevant": 0, "changed": 0, "case_links": 0, "bill_links": 0, "page_facts": 0}
    if entities:
        from pipeline.page_facts import refresh_page_facts

        # Dates, bylines and titles first (from the kept HTML where there is some): titles feed relevance.
        counts["page_facts"] = refresh_page_facts(db)
    last_id = 0
    only = "" if ids is None else f" and a.id in ({','.join(str(int(i)) for i in ids) or 'null'})"
    overrides = overrides or {}
    while True:
        rows = list(db.query(
            "select a.id, a.url, a.title, a.text, a.authors, a.language, a.relevance, a.relevant, s.name as source "
            f"from articles a left join sources s on s.id = a.source_id where a.id > ?{only} order by a.id limit ?",
            [last_id, batch_size]))
        if not rows:
            break
        last_id = rows[-1]["id"]
        batch = [Article(url=r["url"], source=r["source"] or "", title=r["title"] or "", text=r["text"] or "",
                         authors=json.loads(r["authors"] or "[]"), language=r["language"],
                         relevant=bool(r["relevant"]), relevance=r["relevance"] or 0.0)
                 for r in rows]
        if entities:
            for row, article in zip(rows, batch, strict=True):
                classify(article)
                article.relevant = overrides.get(row["id"], article.relevant)
            understand(batch, model)
        else:
            link(batch)
        with db.atomic():
            for row, article in zip(rows, batch, strict=True):
                if not entities:
                    store.write_links(row["id"], article)
                    continue
                if (row["relevance"], row["relevant"], row["language"]) != (
                        article.relevance, int(article.relevant), article.language):
                    counts["changed"] += 1
                db["articles"].update(row["id"], {
                    "language": article.language, "relevance": article.relevance,
                    "relevant": int(article.relevant), "evidence": json.dumps(article.evidence, ensure_ascii=False),
                    "search_stems": search_stems(article.title, article.text, article.language)
                    if article.relevant else None,
                })
                store.write_understanding(row["id"], article)
            assign_developments(db, [row["id"] for row in rows])  # in the batch's transaction
        counts["articles"] += len(rows)
        counts["relevant"] += sum(a.relevant for a in batch)
        counts["case_links"] += sum(len(a.links.cases) for a in batch)
        counts["bill_links"] += sum(len(a.links.bills) for a in batch)
    return counts
