"""Evaluate relevance, topics and entities against the labelled set.

    .venv/bin/python bench/evaluate.py [--data FILE] [--split all|dev|test] [--json] [--model NAME]
    .venv/bin/python bench/evaluate.py --corrections data/corrections.db [--db data/tracker.db] [--json]

Prints precision, recall and F1 for relevance, for each topic, and for PERSON
and ORG, English and German separately, then every borderline article with
its score and evidence. The labelled set is split by id: ids ending in an odd
digit are "dev" (the rules were tuned on them), even digits are "test".

Entities are compared by canonical name: gold strings (the fullest surface
form in the text) and predicted names both go through the gazetteer's aliases,
then are compared case-insensitively, so "Screen Actors Guild" in the gold list
matches a predicted "SAG-AFTRA". Entities are scored on every article, not only
the relevant ones, so the figures measure the tagger rather than the relevance
filter in front of it.

With --corrections, the labelled set is what reviewers corrected (docs/reviewing.md): every article with a
relevance or topics correction in force, judged by the machine as it is now, against the reviewer's
judgement. Nobody tuned on those, and every review adds to them. Only relevance and topics are scored this
way: entity corrections say what is wrong with one entity, not which entities an article names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.entities import alias_index, tag_entities  # noqa: E402
from pipeline.understand.relevance import judge_relevance, load_topics  # noqa: E402
from pipeline.understand.story import story_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "labelled" / "articles.jsonl"
LANGUAGES = ("en", "de")


def load_labelled(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def split_of(article_id: str) -> str:
    """'dev' for ids ending in an odd digit (tuned on), 'test' for even ones."""
    return "dev" if int(article_id[-1]) % 2 else "test"


def canonical(name: str) -> str:
    """A gold or predicted name mapped through the gazetteer, lower-cased, without a leading article.

    "The Athletic" and "Athletic" are the same name: the tagger drops a leading
    article that NER glued on ("the High Court"), the gold keeps the fullest form.
    """
    entry = alias_index().get(name.lower())
    name = (entry["name"] if entry else name).lower()
    return re.sub(r"^(?:the|der|die|das) ", "", name)


class Counts:
    """True positives, false positives and false negatives, and the figures from them."""

    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set, predicted: set):
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def predict(articles: list[dict], model: str | None = None) -> list[dict]:
    """Run relevance, topics and entities on each labelled article."""
    texts = [(story_text(a["title"], a["text"]), a["language"]) for a in articles]
    tagged = tag_entities(texts, model=model)
    out = []
    for article, entities in zip(articles, tagged, strict=True):
        judgement = judge_relevance(article["title"], article["text"], article["language"])
        out.append({
            "relevance": judgement.relevance, "relevant": judgement.relevant, "evidence": judgement.evidence,
            "topics": [t.slug for t in judgement.topics],
            "persons": sorted({m.name for m in entities if m.type == "PERSON"}),
            "orgs": sorted({m.name for m in entities if m.type == "ORG"}),
        })
    return out


def score(articles: list[dict], predictions: list[dict]) -> dict:
    """Figures per language ('en', 'de', 'all') for relevance, each topic, PERSON and ORG."""
    slugs = [t["slug"] for t in load_topics()]
    counts: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    errors = []
    for article, pred in zip(articles, predictions, strict=True):
        for lang in (article["language"], "all"):
            c = counts[lang]
            gold_rel = {article["id"]} if article["relevant"] else set()
            pred_rel = {article["id"]} if pred["relevant"] else set()
            c["relevance"].add(gold_rel, pred_rel)
            for slug in slugs:
                c[f"topic:{slug}"].add({slug} & set(article["topics"]), {slug} & set(pred["topics"]))
            c["topics (micro)"].add(set(article["topics"]), set(pred["topics"]))
            for label, key in (("PERSON", "persons"), ("ORG", "orgs")):
                gold = {canonical(n) for n in article[key]}
                predicted = {canonical(n) for n in pred[key]}
                c[label].add(gold, predicted)
                if lang == "all" and gold != predicted:
                    errors.append({"id": article["id"], "type": label, "missed": sorted(gold - predicted),
                                   "spurious": sorted(predicted - gold)})
    figures = {lang: {name: c.figures() for name, c in by_name.items()} for lang, by_name in counts.items()}
    borderline = [{
        "id": a["id"], "kind": a["borderline_kind"], "gold": a["relevant"], "predicted": p["relevant"],
        "relevance": p["relevance"], "evidence": p["evidence"], "title": a["title"],
    } for a, p in zip(articles, predictions, strict=True) if a["borderline"]]
    return {"articles": len(articles), "figures": figures, "borderline": borderline, "entity_errors": errors,
            "relevance_errors": [{"id": a["id"], "gold": a["relevant"], "predicted": p["relevant"],
                                  "relevance": p["relevance"], "evidence": p["evidence"]}
                                 for a, p in zip(articles, predictions, strict=True)
                                 if a["relevant"] != p["relevant"]]}


def evaluate(path: Path = DATA, split: str = "all", model: str | None = None) -> dict:
    articles = load_labelled(path)
    if split != "all":
        articles = [a for a in articles if split_of(a["id"]) == split]
    started = time.perf_counter()
    result = score(articles, predict(articles, model))
    result["split"] = split
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def from_corrections(corrections_path: Path, db_path: Path) -> list[dict]:
    """The reviewers' judgements as labelled articles: relevant and topics where a correction says so, else None."""
    import sqlite3

    from pipeline.corrections.kinds import article_id
    from pipeline.corrections.store import active, load, open_corrections

    store = open_corrections(corrections_path, readonly=True)
    corrections = active(load(store))
    store.close()
    conn = sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True)
    labelled: dict[int, dict] = {}
    try:
        for c in corrections:
            if c.kind not in ("relevance", "topics"):
                continue
            found = article_id(conn, c.target)
            if found is None:
                continue  # the article is gone from this database; `tracker status` lists it
            if found not in labelled:
                title, text, language = conn.execute("select title, text, language from articles where id = ?",
                                                     [found]).fetchone()
                labelled[found] = {"id": f"c{found}", "title": title or "", "text": text or "",
                                   "language": language or "en", "relevant": None, "topics": None}
            if c.kind == "relevance":
                labelled[found]["relevant"] = c.value == "true"
            else:
                labelled[found]["topics"] = [t for t in (c.value or "").split(",") if t]
    finally:
        conn.close()
    return list(labelled.values())


def score_corrections(articles: list[dict]) -> dict:
    """Relevance and topics of the machine, now, against the reviewers' corrections (per language and all)."""
    counts: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    errors = []
    for article in articles:
        judgement = judge_relevance(article["title"], article["text"], article["language"])
        predicted_topics = {t.slug for t in judgement.topics}
        for lang in (article["language"], "all"):
            if article["relevant"] is not None:
                counts[lang]["relevance"].add({article["id"]} if article["relevant"] else set(),
                                              {article["id"]} if judgement.relevant else set())
            if article["topics"] is not None:
                counts[lang]["topics (micro)"].add(set(article["topics"]), predicted_topics)
        if article["relevant"] is not None and article["relevant"] != judgement.relevant:
            errors.append({"id": article["id"], "gold": article["relevant"], "predicted": judgement.relevant,
                           "relevance": judgement.relevance, "evidence": judgement.evidence})
    figures = {lang: {name: c.figures() for name, c in by_name.items()} for lang, by_name in counts.items()}
    return {"articles": len(articles), "figures": figures, "borderline": [], "entity_errors": [],
            "relevance_errors": errors, "split": "corrections", "seconds": 0}


def print_report(result: dict, verbose: bool = False):
    figures = result["figures"]
    print(f"labelled articles: {result['articles']} (split: {result['split']}), {result['seconds']} s")
    rows = [r for r in ("relevance", "PERSON", "ORG", "topics (micro)") if r in figures.get("all", {})] + sorted(
        k for k in figures.get("all", {}) if k.startswith("topic:"))
    print(f"\n{'':22}" + "".join(f"{lang:>24}" for lang in (*LANGUAGES, "all")))
    print(f"{'':22}" + f"{'P     R     F1   (n)':>24}" * 3)
    for row in rows:
        cells = []
        for lang in (*LANGUAGES, "all"):
            f = figures.get(lang, {}).get(row)
            cells.append(f"{f['precision']:.2f}  {f['recall']:.2f}  {f['f1']:.2f} ({f['tp'] + f['fn']:>3})"
                         if f else "-")
        print(f"{row:22}" + "".join(f"{c:>24}" for c in cells))
    print("\nborderline articles:")
    for b in result["borderline"]:
        mark = "ok " if b["gold"] == b["predicted"] else "ERR"
        print(f"  {mark} {b['id']:7} {b['kind']:19} gold={str(b['gold']):5} score={b['relevance']:.2f} "
              f"{b['title'][:60]}")
        print(f"        evidence: {', '.join(b['evidence']) or '-'}")
    if verbose:
        print("\nrelevance errors:")
        for e in result["relevance_errors"]:
            print(f"  {e['id']:7} gold={e['gold']} score={e['relevance']:.2f} {', '.join(e['evidence'])}")
        print("\nentity errors:")
        for e in result["entity_errors"]:
            print(f"  {e['id']:7} {e['type']:6} missed={e['missed']} spurious={e['spurious']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="labelled articles (JSON lines)")
    parser.add_argument("--split", choices=["all", "dev", "test"], default="all")
    parser.add_argument("--model", help="spaCy model for English (default: $TRACKER_SPACY_MODEL or the small model)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list every wrong judgement")
    parser.add_argument("--corrections", type=Path, help="score against the reviewers' corrections in this file")
    parser.add_argument("--db", type=Path, default=Path("data/tracker.db"),
                        help="the work database the corrections were made on (with --corrections)")
    args = parser.parse_args(argv)
    if args.corrections:
        if not args.corrections.exists() or not args.db.exists():
            print(f"error: need both {args.corrections} and {args.db}", file=sys.stderr)
            return 1
        result = score_corrections(from_corrections(args.corrections, args.db))
        print(json.dumps(result, indent=2, ensure_ascii=False)) if args.json else print_report(result, args.verbose)
        return 0
    if not args.data.exists():
        print(f"error: no labelled set at {args.data}", file=sys.stderr)
        return 1
    try:
        result = evaluate(args.data, args.split, args.model)
    except (ValueError, KeyError) as exc:
        print(f"error: bad labelled set {args.data}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
