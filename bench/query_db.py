"""The synthetic databases bench/query.py measures: the real schema, 10% relevant articles, topics, entities,
case links and developments, as a crawl would leave them (issue #7, #20).

Each database is made with `pipeline.store.schema.migrate` and filled in one transaction with executemany; the
schema's own triggers fill the full-text index, the listing (relevant_articles) and its counts, so the build
also shows what those triggers cost.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from bench.query_pages import CASES
from bench.sitegen import AI_ORGS, DE_REL, EN_OTHER, EN_REL, RIGHTS_ORGS, _fill
from pipeline.store.cases import seed_curated
from pipeline.store.schema import migrate
from pipeline.understand.relevance import load_topics


def _sentences(rng: random.Random, count: int) -> list[str]:
    extra = ["The court in {place} set an injunction hearing for {weekday}, {person} said"]
    templates = EN_REL + EN_OTHER + DE_REL + extra
    return [_fill(rng.choice(templates), rng) + "." for _ in range(count)]


def build(path: Path, n: int, words: int, relevant_share: float, seed: int = 11) -> float:
    """A database of n articles with topics and entities; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    migrate(db)
    db.execute("PRAGMA journal_mode = OFF")  # a scratch file made in one go: nothing to recover
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -400000")
    topics = [t["slug"] for t in load_topics()]
    pool = _sentences(rng, min(30000, 20 * n))
    per_article = max(1, words // 18)
    names = AI_ORGS + RIGHTS_ORGS + [f"{f} {last}" for f in ("Anna", "James", "Maria", "David", "Laura")
                                     for last in ("Keller", "Morgan", "Schneider", "Bennett", "Hoffmann")]
    names += [f"Actor {i}" for i in range(5000)]  # the long tail of people named once or twice
    weights = [1 / (rank + 1) for rank in range(len(names))]  # Zipf: a few actors are everywhere
    conn = db.conn
    with conn:
        conn.executemany("insert into sources (id, name, language) values (?, ?, ?)",
                         [(i, f"Source {i}", "de" if i % 3 == 0 else "en") for i in range(1, 41)])
        conn.executemany("insert or ignore into topics (slug, label, description) values (?, ?, '')",
                         [(t, t) for t in topics])
        conn.executemany("insert into entities (id, name, type) values (?, ?, ?)",
                         [(i + 1, name, "PERSON" if " " in name and name[0] != "T" else "ORG")
                          for i, name in enumerate(names)])
        start = datetime(2023, 1, 1, tzinfo=UTC)
        step = (3 * 365 * 24 * 3600) / n
        chunk = 20000
        for first in range(0, n, chunk):
            rows, topic_rows, entity_rows, url_rows = [], [], [], []
            for i in range(first, min(first + chunk, n)):
                aid = i + 1
                text = " ".join(rng.choices(pool, k=per_article))
                published = (start + timedelta(seconds=int(i * step))).isoformat()
                relevant = rng.random() < relevant_share
                url = f"https://news{aid % 40}.example/{aid}"
                rows.append((aid, url, aid % 40 + 1, text[:90], published, published, text, len(text.split()),
                             hashlib.sha1(text.encode()).hexdigest(), 0.8 if relevant else 0.1, int(relevant),
                             "de" if aid % 3 == 0 else "en"))
                url_rows.append((url, aid))
                if relevant:  # like the pipeline: topics and entities only for relevant articles
                    for topic in rng.sample(topics, rng.randint(1, 2)):
                        topic_rows.append((aid, topic, 0.8))
                    for eid in set(rng.choices(range(1, len(names) + 1), weights=weights, k=rng.randint(2, 6))):
                        entity_rows.append((aid, eid, rng.randint(1, 5)))
            conn.executemany(
                "insert into articles (id, url, source_id, title, published, fetched, text, word_count, "
                "content_hash, relevance, relevant, language) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany("insert into article_urls (url, article_id) values (?, ?)", url_rows)
            conn.executemany("insert into article_topics (article_id, topic, score) values (?, ?, ?)", topic_rows)
            conn.executemany("insert into article_entities (article_id, entity_id, mentions) values (?, ?, ?)",
                             entity_rows)
    link_cases(db, seed)
    seed_developments(db, seed)
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    tmp.replace(path)
    return time.perf_counter() - started


CASE_LINK_SHARE = 0.05
BILL_LINK_SHARE = 0.02


def link_cases(db, seed: int = 11) -> None:
    """The curated cases and bills, and links from one relevant article in twenty to a case and one in fifty
    to a bill (a Zipf share per case or bill: a few take most of the coverage, as in the news)."""
    if not db["cases"].count:
        seed_curated(db)
    ids = [r[0] for r in db.execute("select id from articles where relevant = 1")]
    for table, key, records, share, first in (("article_cases", "case_slug", "cases", CASE_LINK_SHARE, CASES),
                                              ("article_bills", "bill_slug", "bills", BILL_LINK_SHARE, [])):
        if db[table].count:
            continue
        rng = random.Random(seed)
        slugs = first + sorted({r[0] for r in db.execute(f"select slug from {records}")} - set(first))
        weights = [1 / (rank + 1) for rank in range(len(slugs))]
        links = [(aid, rng.choices(slugs, weights=weights)[0]) for aid in ids if rng.random() < share]
        with db.conn:
            db.conn.executemany(f"insert or ignore into {table} (article_id, {key}, evidence) values (?, ?, '[]')",
                                links)


def seed_developments(db, seed: int = 11) -> None:
    """Developments as the clustering leaves them: consecutive listed articles (by date) grouped 1 to 8 at a
    time, most alone (a Zipf share), each with its languages, outlets, topics, entities and case."""
    if db["developments"].count:
        return
    rng = random.Random(seed)
    rows = db.execute("select id, title, date, language, source, topics, people, organisations from relevant_articles "
                      "order by date").fetchall()
    cases = dict(db.execute("select article_id, case_slug from article_cases").fetchall())
    sizes = list(range(1, 9))
    weights = [1 / size ** 1.5 for size in sizes]
    developments, members, start, number = [], [], 0, 0
    while start < len(rows):
        group = rows[start:start + rng.choices(sizes, weights=weights)[0]]
        start += len(group)
        number += 1
        unique = lambda values: json.dumps(sorted(set(values)))  # noqa: E731
        lists = [json.loads(r[5]) + json.loads(r[6]) + json.loads(r[7]) for r in group]
        developments.append((number, group[0][1], group[0][2], group[-1][2], group[-1][2],
                             unique(r[3] for r in group), unique(r[4] for r in group),
                             unique(t for r in group for t in json.loads(r[5])),
                             unique(name for names in lists for name in names),
                             next((cases[r[0]] for r in group if r[0] in cases), None), len(group)))
        members += [(r[0], number) for r in group]
    with db.conn:
        db.conn.executemany("insert into developments (id, title, first_seen, last_seen, updated, languages, outlets, "
                            "topics, entities, case_slug, articles) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            developments)
        db.conn.executemany("insert into development_articles (article_id, development_id) values (?, ?)", members)


