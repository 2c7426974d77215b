"""Datasette query latency on synthetic databases of 100k and 1M articles.

    .venv/bin/python bench/query.py --sizes 100000,1000000

Each database has the real schema (pipeline.schema.migrate) and is filled in
one transaction with executemany; the full-text index is filled by the
schema's own triggers. A real Datasette (the command `tracker serve` runs,
with the project's metadata) serves it read-only on 127.0.0.1, and the script
asks it over HTTP, one request at a time, for:

- full-text search the way Datasette's table page does it (articles.json?_search=);
- full-text search ranked by relevance (bm25, through the ?sql= JSON API);
- an entity timeline (articles a month that mention one actor);
- a topic feed (the newest relevant articles of one topic).

It prints p50 and p95 per query and size, and exits 1 when the FTS p95 at the
largest size misses 50 ms. Databases are kept in --cache and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bench.sitegen import AI_ORGS, DE_REL, EN_OTHER, EN_REL, RIGHTS_ORGS, _fill  # noqa: E402
from pipeline.relevance import load_topics  # noqa: E402
from pipeline.schema import migrate  # noqa: E402

FTS_TARGET_MS = 50
SEARCHES = ["copyright", "lawsuit", "licensing", "Getty", "fair use", "royalties", "Midjourney", "training data",
            "Urheberrecht", "GEMA", "voice actors", "injunction"]
ENTITIES = ["OpenAI", "Getty Images", "Anna Keller", "Midjourney", "The New York Times", "Stability AI"]


def _sentences(rng: random.Random, count: int) -> list[str]:
    extra = ["The court in {place} set an injunction hearing for {weekday}, {person} said"]
    templates = EN_REL + EN_OTHER + DE_REL + extra
    return [_fill(rng.choice(templates), rng) + "." for _ in range(count)]


def build(path: Path, n: int, words: int, seed: int = 11) -> float:
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
                relevant = rng.random() < 0.3
                url = f"https://news{aid % 40}.example/{aid}"
                rows.append((aid, url, aid % 40 + 1, text[:90], published, published, text, len(text.split()),
                             hashlib.sha1(text.encode()).hexdigest(), 0.8 if relevant else 0.1, int(relevant),
                             "de" if aid % 3 == 0 else "en"))
                url_rows.append((url, aid))
                if relevant:
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
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    tmp.replace(path)
    return time.perf_counter() - started


QUERIES = {
    "fts: Datasette table search": lambda rng: (
        "/bench/articles.json?" + urllib.parse.urlencode(
            {"_search": rng.choice(SEARCHES), "_size": 20, "_shape": "array", "_nocount": 1, "_col": "title"})),
    "fts: ranked by bm25 (?sql=)": lambda rng: _sql(
        "select a.id, a.title, a.published from articles_fts f join articles a on a.id = f.rowid "
        "where articles_fts match :q order by rank limit 20", q=_fts_phrase(rng.choice(SEARCHES))),
    "entity timeline": lambda rng: _sql(
        "select substr(a.published, 1, 7) as month, count(*) as articles from entities e "
        "join article_entities ae on ae.entity_id = e.id join articles a on a.id = ae.article_id "
        "where e.name = :name group by month order by month", name=rng.choice(ENTITIES)),
    "topic feed": lambda rng: _sql(
        "select a.id, a.title, a.url, a.published from article_topics t join articles a on a.id = t.article_id "
        "where t.topic = :topic and a.relevant = 1 and a.duplicate_of is null order by a.published desc limit 50",
        topic=rng.choice(_TOPICS)),
}
_TOPICS = [t["slug"] for t in load_topics()]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _sql(sql: str, **params) -> str:
    return "/bench.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array", **params})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path):
    """A real Datasette on the database, with the project's configuration, as `tracker serve` starts it."""
    from tracker.cli import datasette_command

    port = _free_port()
    command = datasette_command(db, "127.0.0.1", port)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"datasette exited: {proc.stderr.read().decode()[-500:]}") from None
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("datasette did not start within 120 s")


def measure(base: str, requests: int, seed: int = 3) -> dict[str, dict]:
    results = {}
    for name, make in QUERIES.items():
        rng = random.Random(seed)
        for _ in range(3):  # warm the page cache and Datasette's connections
            urllib.request.urlopen(base + make(rng), timeout=30).read()
        times, rows = [], 0
        for _ in range(requests):
            url = base + make(rng)
            start = time.perf_counter()
            body = urllib.request.urlopen(url, timeout=30).read()
            times.append((time.perf_counter() - start) * 1000)
            rows += len(json.loads(body))
        times.sort()
        results[name] = {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
                         "rows": rows / requests}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="article counts, comma-separated")
    parser.add_argument("--words", type=int, default=150, help="words of text per article")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per query")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "bench", help="where the databases are kept")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    report = {}
    for n in sizes:
        db = args.cache / f"bench-{n}-{args.words}w.db"
        # Datasette names the database after the file; the queries address it as "bench".
        served = args.cache / f"size-{n}" / "bench.db"
        if not db.exists():
            print(f"building {n} articles of {args.words} words ...", flush=True)
            print(f"  built in {build(db, n, args.words):.0f} s, {db.stat().st_size / 1e6:.0f} MB", flush=True)
        served.parent.mkdir(parents=True, exist_ok=True)
        served.unlink(missing_ok=True)
        served.hardlink_to(db)
        proc, base = serve(served)
        try:
            report[n] = measure(base, args.requests)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        for name, r in report[n].items():
            print(f"  {n:>8} articles  {name:<30} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                  f"({r['rows']:.0f} rows)", flush=True)
    largest = max(sizes)
    ok = True
    for name in [q for q in QUERIES if q.startswith("fts")]:
        p95 = report[largest][name]["p95"]
        passed = p95 <= FTS_TARGET_MS
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}  {name} p95 at {largest} articles <= {FTS_TARGET_MS} ms: {p95:.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
