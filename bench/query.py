"""Datasette latency of every page and feed a researcher or a feed reader opens, at 100k and 1M articles (issue #20).

    .venv/bin/python bench/query.py --sizes 100000,1000000

Each database (bench/query_db.py) has the real schema and 10% relevant articles (--relevant-share: issue #7
calls that mix realistic) with topics, entities, case links and developments. A real Datasette (the command
`tracker serve` runs, with the project's metadata, plugins and templates) serves it read-only on 127.0.0.1 as
"tracker", and the script asks it over HTTP, one request at a time, for each entry of bench/query_pages.py:
the HTML pages with their counts and facets, the Atom feeds, the search boxes as an API client asks, the
entity, case, bill and development pages and the review queue (signed in as a reviewer).

It prints p50 and p95 per page and size, then PASS or FAIL for each page against its target at the largest
size (p95 <= 50 ms for full-text search and feeds, <= 150 ms for every other page), and exits 1 on a miss.
Databases are kept in --cache and reused (upgraded by migrate() first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bench.query_db import build, link_cases, seed_developments  # noqa: E402
from bench.query_pages import PAGES, TARGETS  # noqa: E402
from pipeline.store.schema import migrate  # noqa: E402

# The review queue is for signed-in reviewers: the benchmark signs its own cookie with a secret it gives Datasette.
SECRET = "bench-query-secret"


def _rows(body: bytes) -> int:
    if body.lstrip().startswith(b"<?xml"):
        return body.count(b"<entry>")  # a feed: its entries
    if not body.lstrip().startswith((b"[", b"{")):
        return 1  # an HTML page: one
    data = json.loads(body)
    return len(data if isinstance(data, list) else data["rows"])


def facts(db: Path) -> dict:
    """Names the URLs need that only the database knows: bills, the largest developments, listed articles."""
    conn = sqlite_utils.Database(db)
    try:
        return {"bills": [r[0] for r in conn.execute("select bill_slug, count(*) from article_bills group by 1 "
                                                     "order by 2 desc limit 3")] or
                [r[0] for r in conn.execute("select slug from bills order by slug limit 3")],
                "developments": [r[0] for r in conn.execute("select id from developments "
                                                            "order by articles desc, id desc limit 5")] or [1],
                "articles": [r[0] for r in conn.execute("select id from relevant_articles order by date desc limit 5")]}
    finally:
        conn.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path):
    """A real Datasette on the database, with the project's configuration, as `tracker serve` starts it."""
    from tracker.cli import datasette_command

    port = _free_port()
    command = datasette_command(db, "127.0.0.1", port)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "DATASETTE_SECRET": SECRET})
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


def reviewer_cookie() -> str:
    from itsdangerous import URLSafeSerializer

    # What Datasette's own sign-in sets (ds_actor, signed with DATASETTE_SECRET, namespace "actor").
    return "ds_actor=" + URLSafeSerializer(SECRET, "actor").dumps({"a": {"id": "bench", "reviewer": True}})


def fetch(base: str, path: str, cookie: str) -> bytes:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    try:
        return urllib.request.urlopen(request, timeout=60).read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{path}: HTTP {exc.code} {exc.read()[:300]!r}") from None


def measure(base: str, requests: int, known: dict, only: str = "", seed: int = 3) -> dict[str, dict]:
    cookie = reviewer_cookie()
    results = {}
    for name, kind, make in PAGES:
        if only and only not in name:
            continue
        rng = random.Random(seed)
        for _ in range(3):  # warm the page cache and Datasette's connections
            fetch(base, make(rng, known), cookie)
        times, rows = [], 0
        for _ in range(requests):
            path = make(rng, known)
            start = time.perf_counter()
            body = fetch(base, path, cookie)
            times.append((time.perf_counter() - start) * 1000)
            rows += _rows(body)
        times.sort()
        results[name] = {"kind": kind, "p50": statistics.median(times),
                         "p95": times[max(0, int(len(times) * 0.95) - 1)], "rows": rows / requests}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="article counts, comma-separated")
    parser.add_argument("--words", type=int, default=150, help="words of text per article")
    parser.add_argument("--relevant-share", type=float, default=0.1,
                        help="share of relevant articles (0.1, issue #7's realistic mix)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this")
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
        started = time.perf_counter()
        upgraded = migrate(cached)  # a database cached by an older version of the schema
        if upgraded:
            print(f"  migrated in {time.perf_counter() - started:.0f} s: {', '.join(upgraded)}", flush=True)
        link_cases(cached)  # cached before the case pages were measured
        seed_developments(cached)  # ... or before the development pages were
        cached.close()
        served.parent.mkdir(parents=True, exist_ok=True)
        served.unlink(missing_ok=True)
        served.hardlink_to(db)
        proc, base = serve(served)
        try:
            report[n] = measure(base, args.requests, facts(served), args.only)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        for name, r in report[n].items():
            print(f"  {n:>8} articles  {name:<46} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                  f"({r['rows']:.0f} rows)", flush=True)
    largest = max(sizes)
    misses = 0
    for name, r in report[largest].items():
        target = TARGETS[r["kind"]]
        passed = r["p95"] <= target
        misses += not passed
        print(f"{'PASS' if passed else 'FAIL'}  {name} p95 at {largest} articles <= {target} ms: {r['p95']:.1f} ms")
    print(f"{len(report[largest]) - misses} of {len(report[largest])} pages within their target at {largest} articles")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if misses == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
