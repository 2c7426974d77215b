"""Datasette query latency on synthetic databases of 100k and 1M articles.

    .venv/bin/python bench/query.py --sizes 100000,1000000

Each database has the real schema (pipeline.store.schema.migrate) and is filled in
one transaction with executemany; the full-text index is filled by the
schema's own triggers. --relevant-share of the articles are relevant (default
0.1: issue #7 calls 10% relevant the realistic mix, as in a real crawl most
stored articles are irrelevant and kept only for re-judging). A real Datasette
(the command `tracker serve` runs, with the project's metadata) serves it
read-only on 127.0.0.1 under the name "tracker", so the canned queries of
datasette_config/metadata.yaml are there, and the script asks it over HTTP,
one request at a time, for the queries the product serves (QUERIES below):
the search box of the facet page and of the articles table (?_search=), the
canned `search` (ranked, with snippets), the feeds `feed_search`,
`feed_topic`, `feed_entity`, the `latest` list and the `entity_timeline`, and
the case pages (a case's page, `cases_overview`, `coverage_gaps`; the curated
cases are seeded and one relevant article in twenty is linked to a case, a few
cases taking most links, as in the news).

It prints p50 and p95 per query and size, and exits 1 when the p95 of a
full-text query (a name starting "fts") misses 50 ms at the largest size.
Databases are kept in --cache and reused (upgraded by migrate() first).
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
from pipeline.store.cases import seed_curated  # noqa: E402
from pipeline.store.schema import migrate  # noqa: E402
from pipeline.understand.relevance import load_topics  # noqa: E402

FTS_TARGET_MS = 50
SEARCHES = ["copyright", "lawsuit", "licensing", "Getty", "fair use", "royalties", "Midjourney", "training data",
            "Urheberrecht", "GEMA", "voice actors", "injunction"]
# The most-mentioned actors (Zipf rank 1-5) and two of the long tail: both ends of the timeline's cost.
ENTITIES = ["OpenAI", "Getty Images", "Anna Keller", "Midjourney", "The New York Times", "Stability AI", "Actor 17",
            "Actor 2500"]


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
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    tmp.replace(path)
    return time.perf_counter() - started


CASE_LINK_SHARE = 0.05
# The most linked case (Zipf rank 1), one in the middle and one rarely covered: both ends of a case page's cost.
CASES = ["nyt-v-microsoft-openai", "getty-v-stability-uk", "gema-v-openai", "koda-v-suno", "li-v-liu"]


def link_cases(db, seed: int = 11) -> None:
    """The curated cases, and links from one relevant article in twenty to them (a Zipf share per case)."""
    if db["article_cases"].count:
        return
    seed_curated(db)
    rng = random.Random(seed)
    slugs = CASES + sorted({r[0] for r in db.execute("select slug from cases")} - set(CASES))
    weights = [1 / (rank + 1) for rank in range(len(slugs))]
    ids = [r[0] for r in db.execute("select id from articles where relevant = 1")]
    links = [(aid, rng.choices(slugs, weights=weights)[0]) for aid in ids if rng.random() < CASE_LINK_SHARE]
    with db.conn:
        db.conn.executemany("insert or ignore into article_cases (article_id, case_slug, evidence) "
                            "values (?, ?, '[]')", links)


def _table_search(table: str, rng: random.Random) -> str:
    # _shape=array is what an API client asks for; Datasette then skips the count and the facets.
    return f"/tracker/{table}.json?" + urllib.parse.urlencode(
        {"_search": rng.choice(SEARCHES), "_size": 20, "_shape": "array", "_nocount": 1})


def _canned(name: str, **params) -> str:
    return f"/tracker/{name}.json?" + urllib.parse.urlencode({**params, "_shape": "array"})


QUERIES = {
    "fts: relevant_articles ?_search=": lambda rng: _table_search("relevant_articles", rng),
    "fts: articles ?_search=": lambda rng: _table_search("articles", rng),
    "fts: canned search (bm25, snippets)": lambda rng: _canned("search", q=rng.choice(SEARCHES)),
    "fts: feed_search": lambda rng: _canned("feed_search", q=rng.choice(SEARCHES)),
    # The HTML facet page runs six facets over every match (each capped by facet_time_limit_ms).
    "facet page search (facets, no count)": lambda rng: "/tracker/relevant_articles.json?" + urllib.parse.urlencode(
        {"_search": rng.choice(SEARCHES), "_size": 20, "_nocount": 1, "_nosuggest": 1}),
    "latest": lambda rng: _canned("latest"),
    "feed_topic": lambda rng: _canned("feed_topic", topic=rng.choice(_TOPICS)),
    "feed_entity": lambda rng: _canned("feed_entity", entity=rng.choice(ENTITIES)),
    "entity_timeline": lambda rng: _canned("entity_timeline", entity=rng.choice(ENTITIES)),
    "case page (HTML)": lambda rng: f"/tracker/-/case/{rng.choice(CASES)}",
    "cases_overview": lambda rng: _canned("cases_overview"),
    "coverage_gaps": lambda rng: _canned("coverage_gaps"),
}
_TOPICS = [t["slug"] for t in load_topics()]


def _rows(body: bytes) -> int:
    if not body.lstrip().startswith((b"[", b"{")):
        return 1  # a page (the case page): one
    data = json.loads(body)
    return len(data if isinstance(data, list) else data["rows"])


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
            rows += _rows(body)
        times.sort()
        results[name] = {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
                         "rows": rows / requests}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="article counts, comma-separated")
    parser.add_argument("--words", type=int, default=150, help="words of text per article")
    parser.add_argument("--relevant-share", type=float, default=0.1,
                        help="share of relevant articles (0.1, issue #7's realistic mix)")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per query")
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "bench", help="where the databases are kept")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    report = {}
    for n in sizes:
        share = f"{args.relevant_share:g}"
        db = args.cache / f"bench-{n}-{args.words}w-{share}rel.db"
        # Datasette names a database after its file, and the canned queries of metadata.yaml belong to
        # "tracker" (the published snapshot is always tracker.db): serve a hard link of that name.
        served = args.cache / f"size-{n}-{args.words}w-{share}rel" / "tracker.db"
        if not db.exists():
            print(f"building {n} articles of {args.words} words, {share} relevant ...", flush=True)
            seconds = build(db, n, args.words, args.relevant_share)
            print(f"  built in {seconds:.0f} s, {db.stat().st_size / 1e6:.0f} MB", flush=True)
        cached = sqlite_utils.Database(db)
        upgraded = migrate(cached)  # a database cached by an older version of the schema
        link_cases(cached)  # cached before the case pages were measured
        cached.close()
        if upgraded:
            print(f"  migrated: {', '.join(upgraded)}", flush=True)
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
            print(f"  {n:>8} articles  {name:<38} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
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
