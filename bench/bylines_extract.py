"""Bylines through the whole extraction: `extract_article`'s authors against the labels, for a split whose pages
are in mirrors of their repositories (/work/.mirror/<owner>+<name>/repo, as bench/bylines_collect.py reads them).

bench/bylines.py cleans the first place that names anyone; `extract_article` lets a place that names only the site
give way to the next (JSON-LD "DER SPIEGEL", then the visible byline). Round 7's labels are the page's own byline,
so this is the figure a reader would check. Development-time only:

    .venv/bin/python bench/bylines_extract.py --split heldout7 [-v]
    .venv/bin/python bench/bylines_extract.py --split heldout8 [-v]   # round 8 (fundus, the rest of its pages)
    .venv/bin/python bench/bylines_extract.py --split heldout9 [-v]   # round 9 (Omnivore, graby, GNE, keepcosmos)
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bylines import load  # noqa: E402
from pipeline.records import Page  # noqa: E402
from pipeline.understand.extract import ExtractError, extract_article  # noqa: E402


def page(source: str, mirror: Path) -> bytes:
    repo, commit, path = re.match(r"https://github.com/([^/]+/[^/]+)/blob/([0-9a-f]+)/(.*)", source).groups()
    body = subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), "show", f"{commit}:{path}"],
                          capture_output=True, check=True).stdout
    return gzip.decompress(body) if path.endswith(".gz") else body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="heldout7")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    items = [i for i in load() if i["split"] == args.split and i.get("source")]
    right = 0
    for item in items:
        try:
            got = extract_article(Page(url=item["url"], body=page(item["source"], args.mirror),
                                       source=item.get("site_name") or "", via="sitemap")).authors
        except ExtractError:
            got = []
        right += got == item["expected"]
        if args.verbose and got != item["expected"]:
            print(f"{item['id']}: expected {item['expected']!r}\n    got      {got!r}")
    print(f"{args.split} {right} of {len(items)} exactly right through extract_article  "
          f"accuracy {right / max(len(items), 1):.3f}")


if __name__ == "__main__":
    main()
