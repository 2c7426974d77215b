"""`tracker reprocess`: re-runs language, relevance, topics and entities on stored rows, fetches nothing,
and gives the same result when run twice."""

import pytest
import sqlite_utils

from pipeline.process import reprocess
from pipeline.records import Article
from pipeline.store.articles import Store
from pipeline.store.schema import migrate
from tests.conftest import run_tracker

RELEVANT = Article(
    url="https://example.org/news/gema-openai", source="Example", title="GEMA verklagt OpenAI wegen Liedtexten",
    text=("Die Verwertungsgesellschaft GEMA hat OpenAI vor dem Landgericht München I verklagt. Der Vorwurf: "
          "Die Sprachmodelle hinter ChatGPT seien mit urheberrechtlich geschützten Liedtexten trainiert worden. "
          "„Das ist eine Frage des Urheberrechts“, sagte Anna Berger, Juristin der GEMA. Die Klage betrifft "
          "die Vergütung von Urheberinnen und Urhebern für das Training von KI."))
WEATHER = Article(url="https://example.org/news/weather", source="Example", title="Sunny weekend ahead",
                  text="Forecasters expect a sunny and warm weekend across the region, with light winds. " * 3,
                  language="en")


def stored_db(path):
    db = sqlite_utils.Database(path)
    migrate(db)
    # Stored as an older, worse pipeline would have left them: no judgement, no entities.
    Store(db, archive_html=False).store_articles([RELEVANT, WEATHER])
    db["articles"].update(1, {"relevance": 0.0, "relevant": 0, "language": None})
    return db


def snapshot(db):
    return (list(db.query("select url, language, relevance, relevant, evidence from articles order by url")),
            list(db.query("select a.url, t.topic from article_topics t join articles a on a.id = t.article_id "
                          "order by 1, 2")),
            list(db.query("select a.url, e.name, e.type, x.mentions from article_entities x "
                          "join entities e on e.id = x.entity_id join articles a on a.id = x.article_id "
                          "order by 1, 2")))


def test_reprocess_rejudges_stored_articles_and_is_idempotent(tmp_path):
    db = stored_db(tmp_path / "t.db")
    counts = reprocess(db)
    assert counts == {"articles": 2, "relevant": 1, "changed": 1, "case_links": 1, "bill_links": 0, "page_facts": 0}
    articles, topics, entities = first = snapshot(db)
    gema = next(a for a in articles if "gema" in a["url"])
    assert gema["language"] == "de" and gema["relevant"] == 1 and "rights:gema" in gema["evidence"]
    assert ("https://example.org/news/gema-openai", "litigation") in [(t["url"], t["topic"]) for t in topics]
    names = {(e["name"], e["type"]) for e in entities}
    assert {("GEMA", "ORG"), ("OpenAI", "ORG"), ("Landgericht München I", "ORG"), ("Anna Berger", "PERSON")} <= names
    assert all("gema" in e["url"] for e in entities)  # NER ran only on the relevant article
    assert reprocess(db)["changed"] == 0
    assert snapshot(db) == first


@pytest.mark.slow
def test_tracker_reprocess_command(tmp_path):
    path = tmp_path / "t.db"
    stored_db(path).close()
    result = run_tracker("reprocess", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "reprocessed 2 articles: 1 relevant, 1 changed" in result.stdout
    again = run_tracker("reprocess", "--db", str(path))
    assert "0 changed" in again.stdout
    missing = run_tracker("reprocess", "--db", str(tmp_path / "missing.db"))
    assert missing.returncode != 0 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.slow
def test_commands_that_change_the_data_publish_it(tmp_path):
    """Datasette serves the published snapshot: reprocess and cases link/sync refresh it, unless told not to."""
    path = tmp_path / "tracker.db"
    stored_db(path).close()
    snapshot = tmp_path / "published" / "tracker.db"
    assert run_tracker("reprocess", "--db", str(path), "--no-publish").returncode == 0
    assert not snapshot.exists()
    result = run_tracker("reprocess", "--db", str(path))
    assert result.returncode == 0 and f"published {snapshot}" in result.stdout
    published = sqlite_utils.Database(snapshot)
    assert published.execute("select count(*) from articles where relevant = 1").fetchone()[0] == 1
    published.close()
    for command in (["cases", "link"], ["cases", "sync", "--offline"]):
        before = snapshot.stat().st_mtime_ns
        result = run_tracker(*command, "--db", str(path))
        assert result.returncode == 0 and f"published {snapshot}" in result.stdout, result.stderr
        assert snapshot.stat().st_mtime_ns > before


def test_reprocess_rereads_dates_bylines_and_titles_from_the_kept_html(tmp_path):
    # Stored by the code before issue 19: the UTC date only, a raw byline, the site's name in the title.
    page = (b'<html><head><title>Authors sue OpenAI - Example</title>'
            b'<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-14T21:12:00-07:00",'
            b' "author": ["By TOM KRISHER, AP Auto Writer"]}</script></head><body><article>'
            + b"<p>Authors sued OpenAI over copyright and the training of its large language models.</p>" * 30
            + b"</article></body></html>")
    db = sqlite_utils.Database(tmp_path / "t.db")
    migrate(db)
    kept = Article(url="https://example.org/news/sue", source="Example", title="Authors sue OpenAI - Example",
                   text="Authors sued OpenAI. " * 40, authors=["By TOM KRISHER", "AP Auto Writer"],
                   published="2025-03-15T04:12:00+00:00", html=page)
    lost = Article(url="https://example.org/news/old", source="Example", title="An older story | Example",
                   text="An older story about the weather. " * 40, authors=["Admin"],
                   published="2025-03-15T04:12:00+00:00")
    Store(db).store_articles([kept, lost])
    db.execute("update articles set published_at = published, published_local_date = substr(published, 1, 10)")
    counts = reprocess(db, entities=True)
    assert counts["page_facts"] == 2
    rows = {r["url"].rsplit("/", 1)[1]: r for r in db.query(
        "select url, title, authors, published, published_at, published_local_date from articles")}
    assert rows["sue"]["published_at"] == "2025-03-14T21:12:00-07:00"
    assert rows["sue"]["published_local_date"] == "2025-03-14" and rows["sue"]["published"] == "2025-03-15T04:12:00+00:00"
    assert rows["sue"]["title"] == "Authors sue OpenAI" and rows["sue"]["authors"] == '["Tom Krisher"]'
    # No HTML kept: what the row allows. The UTC date stands; the byline and title are cleaned.
    assert rows["old"]["published_local_date"] == "2025-03-15" and rows["old"]["title"] == "An older story"
    assert rows["old"]["authors"] == "[]"
    assert reprocess(db)["page_facts"] == 0
