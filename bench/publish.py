"""The cost of publishing a snapshot at a million articles: time, peak memory, size (issue #20).

    .venv/bin/python bench/publish.py --articles 1000000

`tracker publish` copies the working database into a new file with VACUUM INTO and renames it over the
published one (pipeline/publish/snapshot.py), so its cost grows with the database. This builds (or reuses)
bench/query.py's synthetic database of that size, publishes it --runs times, each in a fresh process, and prints
the wall time, the process's peak resident memory (ru_maxrss of the child) and the bytes written, with the
takedown step on (one hidden article) as a crawl's publish runs it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bench.query_db import build  # noqa: E402
from pipeline.store.schema import migrate  # noqa: E402

CHILD = """
import sys
from pipeline.publish.snapshot import publish_snapshot
publish_snapshot(sys.argv[1], sys.argv[2])
"""


def publish_once(db: Path, out: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, str(db), str(out)], check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    # ru_maxrss of the children is the largest of any child so far: each run is in a fresh process, and the
    # first run is the only one that can be masked by an earlier, larger child (there is none).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_rss_mb": max(peak_kb, before) / 1024, "bytes": out.stat().st_size}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=ROOT / "data" / "bench")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    db = args.cache / f"bench-{args.articles}-150w-0.1rel.db"
    if not db.exists():
        print(f"building {args.articles} articles ...", flush=True)
        build(db, args.articles, 150, 0.1)
    work = sqlite_utils.Database(db)
    migrate(work)
    hidden = work.execute("select id from relevant_articles order by date desc limit 1").fetchone()
    with work.conn:  # one takedown, so the snapshot's take_down step runs as it does after a correction
        work.execute("delete from hidden_articles")
        work.execute("insert into hidden_articles (article_id, uid) values (?, 'bench')", [hidden[0]])
    work.close()
    out = args.cache / "published" / "tracker.db"
    out.parent.mkdir(parents=True, exist_ok=True)
    size = db.stat().st_size
    results = []
    try:
        for run in range(args.runs):
            result = publish_once(db, out)
            results.append(result)
            print(f"run {run + 1}: {result['seconds']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB, "
                  f"snapshot {result['bytes'] / 1e6:.0f} MB (working database {size / 1e6:.0f} MB)", flush=True)
    finally:
        with sqlite_utils.Database(db).conn as conn:
            conn.execute("delete from hidden_articles where uid = 'bench'")
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "db_bytes": size, "runs": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
