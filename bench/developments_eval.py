"""Evaluate the developments stage against our labelled clusters.

    .venv/bin/python bench/developments_eval.py [--data FILE] [--json] [--model NAME]

Runs every stage on each labelled article (language, relevance and topics,
entities, cases and bills), stores them in a fresh database in date order, one
batch per day, the way a daily crawl would, and compares the developments the
stage made with the labelled ones. Prints pairwise precision, recall and F1
(over every pair of labelled articles: a pair is positive when both are in the
same cluster), whether each cluster with both English and German articles was
found whole, and every pair that was wrongly joined or wrongly split.

The set (tests/data/developments/labelled.jsonl) is ours: the relevant
articles of tests/data/labelled with a date and a cluster each, plus short
articles written for it (more coverage of the same events, and near-misses:
the same case or the same companies, another event, within days). The
thresholds were tuned on it, so the figures guard against regressions; they
are not an estimate for real news.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.developments import assign_developments  # noqa: E402
from pipeline.process import classify, understand  # noqa: E402
from pipeline.records import Article, Source  # noqa: E402
from pipeline.store.articles import Store, sync_sources, sync_topics  # noqa: E402
from pipeline.store.cases import seed_curated  # noqa: E402
from pipeline.store.db import open_db  # noqa: E402
from pipeline.understand.relevance import load_topics  # noqa: E402

DATA = ROOT / "tests" / "data" / "developments" / "labelled.jsonl"


def load_labelled(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(items: list[dict], model: str | None = None) -> dict[str, int | None]:
    """Labelled id -> the development the stage put it in (None: judged irrelevant, so in none)."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "eval.db")
        sync_sources(db, [Source(name=s) for s in sorted({i["source"] for i in items})])
        sync_topics(db, load_topics())
        seed_curated(db)
        store = Store(db, archive_html=False)
        articles = {}
        for item in items:
            article = Article(url=f"https://example.org/{item['id']}", source=item["source"], title=item["title"],
                              text=item["text"], published=item["published"], fetched=item["published"],
                              language_hint=item["language"], word_count=len(item["text"].split()),
                              content_hash=item["id"])
            articles[item["id"]] = classify(article)
        understand(list(articles.values()), model)
        days = defaultdict(list)
        for item in sorted(items, key=lambda i: i["published"]):
            days[item["published"][:10]].append(articles[item["id"]])
        for batch in days.values():
            store.store_articles(batch, then=lambda ids: assign_developments(db, ids))
        found = {}
        for item in items:
            row = db.execute("select d.development_id from articles a left join development_articles d "
                             "on d.article_id = a.id where a.url = ?", [articles[item["id"]].url]).fetchone()
            found[item["id"]] = row[0] if row else None
        db.close()
    return found


def score(items: list[dict], found: dict[str, int | None]) -> dict:
    tp = fp = fn = 0
    wrong_joins, wrong_splits = [], []
    for a, b in itertools.combinations(items, 2):
        gold = a["cluster"] == b["cluster"]
        same = found[a["id"]] is not None and found[a["id"]] == found[b["id"]]
        tp += gold and same
        if same and not gold:
            fp += 1
            wrong_joins.append((a["id"], b["id"]))
        if gold and not same:
            fn += 1
            wrong_splits.append((a["id"], b["id"]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    clusters = defaultdict(list)
    for item in items:
        clusters[item["cluster"]].append(item)
    cross = {name: len({found[m["id"]] for m in members}) == 1 and found[members[0]["id"]] is not None
             for name, members in sorted(clusters.items()) if len({m["language"] for m in members}) > 1}
    return {"articles": len(items), "clusters": len(clusters),
            "clustered_articles": sum(len(m) for m in clusters.values() if len(m) > 1),
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "tp": tp, "fp": fp, "fn": fn, "cross_language": cross,
            "wrong_joins": wrong_joins, "wrong_splits": wrong_splits}


def evaluate(path: Path = DATA, model: str | None = None) -> dict:
    items = load_labelled(path)
    return score(items, predict(items, model))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.data, args.model)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']} articles, {result['clusters']} labelled developments "
          f"({result['clustered_articles']} articles in developments of two or more)")
    print(f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    found = sum(result["cross_language"].values())
    print(f"cross-language developments found whole: {found} of {len(result['cross_language'])}")
    for name, ok in result["cross_language"].items():
        print(f"  {'ok  ' if ok else 'MISS'} {name}")
    for label, pairs in (("wrongly joined", result["wrong_joins"]), ("wrongly split", result["wrong_splits"])):
        for a, b in pairs:
            print(f"{label}: {a} + {b}")


if __name__ == "__main__":
    main()
