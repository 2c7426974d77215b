"""The order of the stages, in one place.

    page --extract--> article --language--> --relevance & topics--> --entities--> stored

`prepare` runs the cheap per-page stages as pages arrive. `understand` runs
the expensive one, NER, over a batch at once (nlp.pipe) and only on relevant
articles: irrelevant ones are stored with their relevance but no entities.
"""

from __future__ import annotations

import json

from pipeline.entities import tag_entities
from pipeline.extract import ExtractError, extract_article, looks_like_article
from pipeline.language import detect_language
from pipeline.records import Article, Page
from pipeline.relevance import judge_relevance


class NotAnArticle(ExtractError):
    """A listing link led to a tag, author, video or gallery page: skipped, not an error."""


def classify(article: Article) -> Article:
    """Language, then relevance and topics (they depend on the language's vocabulary)."""
    article.language = detect_language(f"{article.title}\n{article.text}", article.language_hint)
    judgement = judge_relevance(article.title, article.text, article.language)
    article.relevance = judgement.relevance
    article.relevant = judgement.relevant
    article.evidence = judgement.evidence
    article.topics = judgement.topics
    return article


def prepare(page: Page) -> Article:
    """Extraction, language, relevance and topics for one fetched page."""
    article = extract_article(page)
    if page.require_article and not looks_like_article(article):
        raise NotAnArticle(f"not an article page ({article.page_type or 'no article markup'}, "
                           f"{article.word_count} words)")
    return classify(article)


def understand(articles: list[Article], model: str | None = None) -> list[Article]:
    """Entities for the relevant articles of a batch, in one nlp.pipe pass."""
    relevant = [a for a in articles if a.relevant]
    tagged = tag_entities([(f"{a.title}\n\n{a.text}", a.language) for a in relevant], model=model)
    for article, entities in zip(relevant, tagged, strict=True):
        article.entities = entities
    for article in articles:
        if not article.relevant:
            article.entities = []
    return articles


def process_pages(pages: list[Page], model: str | None = None) -> tuple[list[Article], list[tuple[Page, str]]]:
    """All stages for a batch of pages: (articles, [(page, reason) for pages that gave none])."""
    articles, skipped = [], []
    for page in pages:
        try:
            articles.append(prepare(page))
        except ExtractError as exc:
            skipped.append((page, str(exc)))
    return understand(articles, model), skipped


def reprocess(db, model: str | None = None, batch_size: int = 64) -> dict:
    """Re-run language, relevance, topics and entities on stored articles; fetches nothing.

    Deterministic: the same vocabularies and model give the same rows, so
    running it twice changes nothing the second time.
    """
    from pipeline.storage import Store

    store = Store(db, archive_html=False)
    counts = {"articles": 0, "relevant": 0, "changed": 0}
    last_id = 0
    while True:
        rows = list(db.query(
            "select a.id, a.url, a.title, a.text, a.language, a.relevance, a.relevant, s.name as source "
            "from articles a left join sources s on s.id = a.source_id where a.id > ? order by a.id limit ?",
            [last_id, batch_size]))
        if not rows:
            break
        last_id = rows[-1]["id"]
        batch = [classify(Article(url=r["url"], source=r["source"] or "", title=r["title"] or "",
                                  text=r["text"] or "")) for r in rows]
        understand(batch, model)
        with db.atomic():
            for row, article in zip(rows, batch, strict=True):
                if (row["relevance"], row["relevant"], row["language"]) != (
                        article.relevance, int(article.relevant), article.language):
                    counts["changed"] += 1
                db["articles"].update(row["id"], {
                    "language": article.language, "relevance": article.relevance,
                    "relevant": int(article.relevant), "evidence": json.dumps(article.evidence, ensure_ascii=False),
                })
                store.write_understanding(row["id"], article)
        counts["articles"] += len(rows)
        counts["relevant"] += sum(a.relevant for a in batch)
    return counts
