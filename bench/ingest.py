"""How close does ingestion come to the NER limit? One run answers it for two mixes of articles.

    .venv/bin/python bench/ingest.py --articles 2000
    .venv/bin/python bench/ingest.py --articles 20000 --no-limit   # memory at 20k, without the NER-only limit

For each mix (all relevant, 10% relevant) it generates a synthetic news site
(bench/sitegen.py), serves it on 127.0.0.1, and measures:

1. end to end: a real `tracker crawl` subprocess (fetch, extract, classify,
   NER, store) with fast loopback settings, in articles/s;
2. the limit: spaCy NER alone (the same pipelines as pipeline/understand/entities.py,
   nlp.pipe, unused components excluded) over the texts that were stored, in
   as many processes as the crawl has NER workers;
3. their ratio, the peak RSS of the crawl's process tree, and DB bytes per article;
4. a second crawl with nothing new: its time as a share of the first, and how
   many article pages the server served again.

It prints PASS or FAIL for every target and exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sitegen import CountingSite, generate  # noqa: E402

TRACKER = str(Path(sys.executable).parent / "tracker")
FAST = {"TRACKER_AUTOTHROTTLE": "0", "TRACKER_DOWNLOAD_DELAY": "0", "TRACKER_PER_DOMAIN": "16",
        "TRACKER_ALLOW_LOOPBACK": "1",  # the generated site is served on 127.0.0.1
        "TRACKER_LOG_LEVEL": "ERROR"}
RSS_LIMIT_MB = 1024


# --- memory of a process tree, from /proc ----------------------------------------------------------

def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """(sum, largest) VmRSS in kB of pid and all its descendants."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/status") as f:
                vm = next((line for line in f if line.startswith("VmRSS:")), "VmRSS: 0 kB")
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry)] = int(vm.split()[1])
    tree, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    sizes = [rss.get(p, 0) for p in tree]
    return sum(sizes), max(sizes, default=0)


def run_crawl(sources: str, db: Path, env: dict) -> dict:
    """One `tracker crawl` subprocess: wall time, exit code, output and peak RSS of its tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([TRACKER, "crawl", "--sources", sources, "--db", str(db), "--no-publish"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    peak = {"sum": 0, "largest": 0}

    def sample():
        while proc.poll() is None:
            total, largest = _tree_rss_kb(proc.pid)
            peak["sum"], peak["largest"] = max(peak["sum"], total), max(peak["largest"], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    return {"seconds": wall, "returncode": proc.returncode, "stdout": out.strip(), "stderr": err.strip()[-2000:],
            "peak_rss_mb": peak["sum"] / 1024, "largest_process_mb": peak["largest"] / 1024}


# --- the NER limit ---------------------------------------------------------------------------------

def _ner_worker(items, model, barrier, results):
    from pipeline.languages import language
    from pipeline.understand.entities import load_pipeline

    groups = {}
    for text, code in items:
        groups.setdefault(language(code), []).append(text)
    pipelines = {lang: load_pipeline(lang, model) for lang in groups}
    barrier.wait()  # every process has its model: start the clock together
    start = time.perf_counter()
    for lang, texts in groups.items():
        for _doc in pipelines[lang].pipe(texts, batch_size=32):
            pass
    results.put((start, time.perf_counter()))


def ner_limit(items: list[tuple[str, str]], processes: int, model: str | None) -> float:
    """Seconds that NER alone takes over these (text, language) items in `processes` processes."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    shares = [items[i::processes] for i in range(processes)]
    workers = [ctx.Process(target=_ner_worker, args=(share, model, barrier, results)) for share in shares]
    for w in workers:
        w.start()
    spans = [results.get() for _ in workers]
    for w in workers:
        w.join()
    return max(end for _, end in spans) - min(start for start, _ in spans)


def stored_texts(db: Path) -> tuple[list[tuple[str, str]], int, int]:
    """The texts NER runs on (title, blank line, text, as pipeline.process.understand builds them)."""
    conn = sqlite3.connect(db)
    rows = conn.execute("select title, text, language from articles order by id").fetchall()
    relevant = conn.execute("select count(*) from articles where relevant = 1").fetchone()[0]
    errors = conn.execute("select count(*) from errors").fetchone()[0]
    conn.close()
    return [(f"{t}\n\n{x}", lang) for t, x, lang in rows], relevant, errors


# --- one mix ---------------------------------------------------------------------------------------

def run_mix(n: int, share: float, workers: int, model: str | None, workdir: Path, limit: bool = True) -> dict:
    site_root = workdir / f"site-{int(share * 100)}"
    db = workdir / f"bench-{int(share * 100)}.db"
    env = {**FAST, "TRACKER_NER_WORKERS": str(workers)}
    if model:
        env["TRACKER_SPACY_MODEL"] = model
    with CountingSite(site_root) as site:
        t = time.perf_counter()
        made = generate(site_root, site.base_url, n, share)
        print(f"  generated {made['articles']} pages ({made['relevant']} relevant, {made['words']} words) "
              f"in {time.perf_counter() - t:.1f} s", flush=True)
        first = run_crawl(made["sources"], db, env)
        print(f"  first crawl: {first['seconds']:.1f} s, exit {first['returncode']}: {first['stdout']}", flush=True)
        served_first = dict(site.hits)
        site.hits.clear()
        second = run_crawl(made["sources"], db, env)
        print(f"  second crawl: {second['seconds']:.2f} s, exit {second['returncode']}: {second['stdout']}", flush=True)
        served_second = dict(site.hits)
    db_bytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.suffix != ".lock")
    items, relevant, errors = stored_texts(db)
    stored = len(items)
    words = sum(len(text.split()) for text, _ in items)
    limit_s = ner_limit(items, workers or 1, model) if items and limit else float("nan")
    result = {
        "mix": f"{share:.0%} relevant", "share": share, "articles": n, "expected_relevant": made["relevant"],
        "stored": stored, "relevant": relevant, "errors": errors, "words": words,
        "first": first, "second": second, "served_first": served_first, "served_second": served_second,
        "e2e_articles_per_s": stored / first["seconds"], "ner_seconds": limit_s,
        "ner_articles_per_s": stored / limit_s, "ner_words_per_s": words / limit_s,
        "db_bytes_per_article": db_bytes / max(stored, 1), "second_share": second["seconds"] / first["seconds"],
        "refetched": served_second.get("article", 0), "load_average": os.getloadavg(),
    }
    result["ratio"] = result["e2e_articles_per_s"] / result["ner_articles_per_s"]
    print(f"  load average after the mix: {os.getloadavg()[0]:.1f} (other work on the machine skews every figure)")
    if limit:
        print(f"  NER alone over all {stored} texts ({words} words), {workers or 1} process(es): {limit_s:.1f} s = "
              f"{result['ner_articles_per_s']:.1f} articles/s, {result['ner_words_per_s']:.0f} words/s", flush=True)
    return result


def check(results: list[dict], n: int) -> list[tuple[str, bool, str]]:
    """(target, passed, measured) for every target of issue #7."""
    checks = []
    for r in results:
        mix = r["mix"]
        complete = (r["stored"] == r["articles"] and r["relevant"] == r["expected_relevant"] and not r["errors"]
                    and r["first"]["returncode"] == 0 and r["second"]["returncode"] == 0)
        checks.append((f"{mix}: every page stored once, judged as generated, no errors", complete,
                       f"{r['stored']}/{r['articles']} stored, {r['relevant']}/{r['expected_relevant']} relevant, "
                       f"{r['errors']} errors"))
        if r["ner_seconds"] != r["ner_seconds"]:  # NaN: --no-limit, a memory run
            pass
        elif r["share"] >= 1:
            checks.append((f"{mix}: end-to-end / NER-only >= 0.8", r["ratio"] >= 0.8,
                           f"{r['e2e_articles_per_s']:.1f} / {r['ner_articles_per_s']:.1f} = {r['ratio']:.2f}"))
        else:
            checks.append((f"{mix}: end-to-end faster than NER-only over all texts", r["ratio"] > 1,
                           f"{r['e2e_articles_per_s']:.1f} vs {r['ner_articles_per_s']:.1f} articles/s "
                           f"(x{r['ratio']:.2f})"))
        checks.append((f"{mix}: second run <= 3% of the first", r["second_share"] <= 0.03,
                       f"{r['second']['seconds']:.2f} s / {r['first']['seconds']:.1f} s = {r['second_share']:.1%}"))
        checks.append((f"{mix}: 0 article pages fetched again", r["refetched"] == 0, f"{r['refetched']} refetched"))
        checks.append((f"{mix}: peak RSS of the crawl's process tree <= 1 GB (target set for 20k; this run {n:,})",
                       r["first"]["peak_rss_mb"] <= RSS_LIMIT_MB, f"{r['first']['peak_rss_mb']:.0f} MB"))
    return checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles per mix")
    parser.add_argument("--mixes", default="1,0.1", help="relevant shares to run, comma-separated")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("TRACKER_NER_WORKERS", "1")),
                        help="NER worker processes of the crawl (0 = NER in the crawl process); "
                             "the limit is measured with as many processes (at least 1)")
    parser.add_argument("--model", default=None, help="spaCy model (default: the tracker's)")
    parser.add_argument("--no-limit", action="store_true",
                        help="skip the NER-only limit (and the ratio): for a long memory run, such as 20k articles")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", type=Path, help="keep sites and databases in this folder")
    args = parser.parse_args(argv)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for share in (float(s) for s in args.mixes.split(",")):
            print(f"mix: {share:.0%} relevant, {args.articles} articles, {args.workers} NER worker(s)", flush=True)
            results.append(run_mix(args.articles, share, args.workers, args.model, workdir, not args.no_limit))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n| mix | end-to-end articles/s | NER-only articles/s | ratio | peak RSS | DB/article | "
          "2nd run | refetched |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['mix']} | {r['e2e_articles_per_s']:.1f} | {r['ner_articles_per_s']:.1f} "
              f"({r['ner_words_per_s']:.0f} words/s) | {r['ratio']:.2f} | {r['first']['peak_rss_mb']:.0f} MB | "
              f"{r['db_bytes_per_article'] / 1024:.1f} KB | {r['second_share']:.1%} | {r['refetched']} |")
    checks = check(results, args.articles)
    print()
    for name, passed, measured in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {measured}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "checks": checks}, indent=2, default=str))
    return 0 if all(passed for _, passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
