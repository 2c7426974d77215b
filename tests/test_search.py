"""Search that understands German and the operators people type (issue 21), on a real SQLite FTS5 index."""

from __future__ import annotations

import random
import sqlite3

import pytest

from pipeline.records import Article
from pipeline.store.articles import Store
from pipeline.store.search import NOTHING, search_query, search_stems


def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table articles_fts using fts5(title, text, search_stems, tokenize='porter')")
    return conn


@pytest.mark.parametrize("query", [
    "", "   ", '"', '""', "OR", "NOT x", "x NOT", "x OR OR y", "(", ")", "(x", "x)", "()", "(x OR) y", "*",
    "x*y", "AND AND", "x -y", "title:x", "NEAR(x y)", "x^", "'", "ü*", '"unbalanced phrase', "a (b OR (c NOT d))",
])
def test_every_query_parses(query):
    conn = fts()
    conn.execute("select rowid from articles_fts where articles_fts match ?", [search_query(query)]).fetchall()


def test_random_queries_always_parse():
    rng = random.Random(21)
    alphabet = ['a', 'b', 'Künstler', '"', '(', ')', '*', ' OR ', ' NOT ', ' AND ', ' ', '-', ':', '^', "'"]
    conn = fts()
    for _ in range(2000):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        conn.execute("select rowid from articles_fts where articles_fts match ?", [search_query(query)]).fetchall()


def test_an_empty_query_matches_nothing():
    assert search_query("") == search_query("  ( OR ") == NOTHING


ARTICLES = {
    1: ("Künstlerinnen klagen", "Die Künstlerinnen und Künstlern der Initiative fordern Vergütung.", "de"),
    2: ("Urheberrechts-Streit", "Ein Streit um die Reform des Urheberrechts und die Rechte der Urheber.", "de"),
    3: ("Fair use ruling", "The judge said training was fair use; the artists plan to appeal.", "en"),
    4: ("Künstliche Intelligenz", "Eine künstliche Intelligenz schreibt Texte.", "de"),
    5: ("Artists sue", "An artist and two illustrators sued the company over its image generator.", "en"),
}


def indexed():
    conn = fts()
    for rowid, (title, text, language) in ARTICLES.items():
        conn.execute("insert into articles_fts (rowid, title, text, search_stems) values (?, ?, ?, ?)",
                     [rowid, title, text, search_stems(title, text, language)])
    return conn


def hits(conn, query: str) -> list[int]:
    return sorted(r[0] for r in conn.execute("select rowid from articles_fts where articles_fts match ?",
                                             [search_query(query)]))


@pytest.mark.parametrize("query, expected", [
    # German inflections of one word find each other (porter alone finds none of these).
    ("Künstler", [1]), ("Künstlerin", [1]), ("Künstlern", [1]), ("Künstlerinnen", [1]),
    ("Urheberrecht", [2]), ("Urheberrechte", [2]), ("Urheberrechten", [2]),
    # ... and "Kunst" does not find "künstliche": stems, not prefixes.
    ("Kunst", []),
    # English still works as before (porter), and by its Snowball stem.
    ("sue", [5]), ("artists", [3, 5]), ("ruling", [3]),
    # Operators.
    ("fair use OR Urheberrecht", [2, 3]), ('"fair use"', [3]), ('"use fair"', []), ("Urheberrecht NOT Reform", []),
    ("Künstler*", [1]), ("Künstl*", [1, 4]), ("artist NOT judge", [5]), ("(sue OR ruling) artists", [3, 5]),
])
def test_inflected_forms_operators_and_prefixes(query, expected):
    assert hits(indexed(), query) == expected


def test_porter_alone_misses_the_german_forms():
    """Why the stems column exists: the same queries on title and text only."""
    conn = indexed()
    forms = ("Künstler", "Künstlerin", "Künstlern", "Künstlerinnen", "Urheberrecht", "Urheberrechte",
             "Urheberrechten")
    misses = [q for q in forms if not conn.execute("select rowid from articles_fts where articles_fts match ?",
                                                   ['{title text} : "' + q + '"']).fetchall()]
    assert misses == ["Künstler", "Künstlerin", "Urheberrechten"]  # 3 of 7 forms; with the stems, none


def test_the_store_writes_the_stems_and_the_index_holds_them(db):
    store = Store(db, archive_html=False)
    store.store_articles([
        Article(url="https://a.test/1", source="t", title=ARTICLES[1][0], text=ARTICLES[1][1], language="de",
                relevant=True, relevance=0.9, content_hash="1"),
        Article(url="https://a.test/2", source="t", title="Wetter", text="Sonnig und warm.", language="de",
                relevant=False, relevance=0.1, content_hash="2"),
    ])
    rows = {r["url"]: r["search_stems"] for r in db.query("select url, search_stems from articles")}
    assert rows == {"https://a.test/1": search_stems(*ARTICLES[1]), "https://a.test/2": None}
    found = [r[0] for r in db.execute("select rowid from articles_fts where articles_fts match ?",
                                      [search_query("Künstler")])]
    assert found == [1]


def test_the_migration_stems_the_listed_articles_of_an_existing_database(tmp_path):
    import sqlite_utils

    from pipeline.store.schema import MIGRATIONS, m008_search_stems, migrate

    old = sqlite_utils.Database(tmp_path / "old.db")
    old["_migrations"].create({"name": str, "applied": str}, pk="name")
    for migration in MIGRATIONS[:MIGRATIONS.index(m008_search_stems)]:
        migration(old)
        old["_migrations"].insert({"name": migration.__name__, "applied": "2026-01-01"})
    for id_, relevant in ((1, 1), (2, 0)):
        old["articles"].insert({"id": id_, "url": f"https://a.test/{id_}", "title": ARTICLES[1][0],
                                "text": ARTICLES[1][1], "language": "de", "relevant": relevant})
    old.close()
    db = sqlite_utils.Database(tmp_path / "old.db")
    assert "m008_search_stems" in migrate(db)
    stems = dict(db.execute("select id, search_stems from articles").fetchall())
    assert stems == {1: search_stems(*ARTICLES[1]), 2: None}
    assert [r[0] for r in db.execute("select rowid from articles_fts where articles_fts match ?",
                                     [search_query("Künstler")])] == [1]
    db.execute("insert into articles_fts (articles_fts) values ('integrity-check')")
    assert db["articles"].detect_fts() == "articles_fts"
