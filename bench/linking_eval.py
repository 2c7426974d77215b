"""Precision and recall of linking articles to cases and bills (issue 8).

    .venv/bin/python -m bench.linking_eval [--errors] [FILE]

FILE holds short English and German snippets, one JSON object per line, each
labelled with the case and bill slugs it mentions ("cases": [...], "bills":
[...]); hard negatives have neither. Counts are over (snippet, slug) pairs,
micro-averaged. Without FILE, each part in tests/data/linking/ is measured on
its own: the set tuned on (labelled.jsonl), the held-out set (heldout.jsonl),
the articles about the cases added in December 2026 (newcases.jsonl, written
after reading their aliases, measured once, then fixed on), and a second
held-out set about them (heldout2.jsonl, written before the fixes without
reading the linker or the aliases, measured once after them), and a third
held-out set (heldout3.jsonl, written before the second round of fixes, on
which heldout2 was no longer held out, measured once after them), and a fourth
(heldout4.jsonl, written and committed after the third round, which was fixed
on heldout3, and measured once after it), and snippets written for the fourth
round's rules (dev5.jsonl: bills described rather than named, a person by the
name the case's short name uses; tuned on, not held out), and seven sets
written blind by sessions that saw only a catalogue of the cases and bills
(heldout5.jsonl to heldout11.jsonl; each measured once when it arrived, then
fixed on, except heldout11, the eighth round's sealed set, measured once and not
fixed on until the ninth round: see docs/cases-and-bills.md for which figure is a first measurement), and the
ninth round's development set (dev12.jsonl, written blind by a second writer, measured once when it arrived, then
fixed on), and the ninth round's sealed set (heldout12.jsonl, written blind, committed unread and measured once
on the ninth round's linker as merged; not fixed on).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.linking import link_article  # noqa: E402

LINKING = ROOT / "tests" / "data" / "linking"
LABELLED = LINKING / "labelled.jsonl"
PARTS = [LABELLED, LINKING / "heldout.jsonl", LINKING / "newcases.jsonl", LINKING / "heldout2.jsonl",
         LINKING / "heldout3.jsonl", LINKING / "heldout4.jsonl", LINKING / "dev5.jsonl", LINKING / "heldout5.jsonl",
         LINKING / "heldout6.jsonl", LINKING / "heldout7.jsonl", LINKING / "heldout8.jsonl",
         LINKING / "heldout9.jsonl", LINKING / "heldout10.jsonl",
         LINKING / "heldout11.jsonl", LINKING / "dev12.jsonl", LINKING / "heldout12.jsonl"]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3)}


def evaluate(path: Path = LABELLED) -> dict:
    """{"cases": scores, "bills": scores, "all": scores, "errors": [...], "snippets": n, "ms_per_snippet": x}."""
    records = load(path)
    counts = {"cases": [0, 0, 0], "bills": [0, 0, 0]}
    errors = []
    started = time.perf_counter()
    for record in records:
        links = link_article(record["title"], record["text"], record.get("language"))
        for kind, found in (("cases", set(links.cases)), ("bills", set(links.bills))):
            expected = set(record.get(kind, []))
            counts[kind][0] += len(found & expected)
            counts[kind][1] += len(found - expected)
            counts[kind][2] += len(expected - found)
            for slug in sorted(found - expected):
                errors.append(f"{record['id']}: false {kind[:-1]} {slug} "
                              f"{(links.cases if kind == 'cases' else links.bills)[slug]}")
            for slug in sorted(expected - found):
                errors.append(f"{record['id']}: missed {kind[:-1]} {slug}")
    elapsed = time.perf_counter() - started
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"cases": scores(*counts["cases"]), "bills": scores(*counts["bills"]), "all": scores(*total),
            "errors": errors, "snippets": len(records),
            "ms_per_snippet": round(1000 * elapsed / max(len(records), 1), 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="List every false and missed link.")
    args = parser.parse_args(argv)
    for i, path in enumerate([args.file] if args.file else PARTS):
        result = evaluate(path)
        print(("\n" if i else "") + f"{result['snippets']} labelled snippets ({path.name}), "
              f"{result['ms_per_snippet']} ms each")
        print(f"{'':6} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for kind in ("cases", "bills", "all"):
            s = result[kind]
            print(f"{kind:6} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  {s['tp']:3} {s['fp']:3} {s['fn']:3}")
        if args.errors:
            for line in result["errors"]:
                print(line)


if __name__ == "__main__":
    main()
