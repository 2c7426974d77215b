"""Collect raw author strings from public pages, for the labelled byline set (tests/data/bylines/).

Development-time only: it reads two public corpora checked out beside the repository, and writes
the author strings exactly as the page gave them (before bylines.clean_authors), one JSON object a line.
The labels (`expected`) were then written by hand. Usage:

    python bench/bylines_collect.py --benchmark DIR --readability DIR > raw.jsonl

DIR of --benchmark: scrapinghub/article-extraction-benchmark (html/*.html.gz, ground-truth.json; MIT).
DIR of --readability: mozilla/readability test/test-pages (expected-metadata.json `byline`; Apache-2.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.understand import extract  # noqa: E402


def benchmark(directory: Path):
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        body = gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())
        url = truth[key]["url"]
        raw = (extract.decode_html(body))[: extract.MAX_HTML_CHARS]
        tree, _ = extract._parse(raw)
        objects = extract.dates.jsonld_objects(tree)
        meta = extract._trafilatura_metadata(tree, url)
        fallback = {"author": meta.author}
        found = next((r for r in extract._author_candidates(tree, objects, fallback, None) if r), [])
        site = extract._meta(tree, "og:site_name")
        if found:
            yield {"id": f"aeb-{key[:12]}", "corpus": "article-extraction-benchmark", "url": url,
                   "site_name": site, "raw": found}


def page_types(directory: Path):
    """Round 2 of tests/data/page_types (licensed test pages of trafilatura, htmldate, newspaper4k, postlight):
    the author strings of its article pages, as the tracker's extraction finds them."""
    for line in (directory / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("round") != 2 or row["type"] != "article":
            continue
        body = gzip.decompress((directory / row["path"]).read_bytes())
        raw = (extract.decode_html(body))[: extract.MAX_HTML_CHARS]
        tree, _ = extract._parse(raw)
        objects = extract.dates.jsonld_objects(tree)
        meta = extract._trafilatura_metadata(tree, row["url"])
        found = next((r for r in extract._author_candidates(tree, objects, {"author": meta.author}, None) if r), [])
        if found:
            yield {"id": "pt2-" + Path(row["path"]).name.split(".")[0], "corpus": "page-types-round-2",
                   "url": row["url"], "site_name": extract._meta(tree, "og:site_name"), "raw": found,
                   "source": row["source"], "licence": row["licence"]}


def readability(directory: Path):
    for folder in sorted(p for p in directory.iterdir() if (p / "expected-metadata.json").exists()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        if meta.get("byline"):
            yield {"id": f"rdb-{folder.name}", "corpus": "readability", "url": None,
                   "site_name": meta.get("siteName"), "raw": [meta["byline"]]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path)
    parser.add_argument("--readability", type=Path)
    parser.add_argument("--page-types", type=Path, help="tests/data/page_types (its round 2)")
    args = parser.parse_args()
    for source in ([page_types(args.page_types)] if args.page_types else []) + (
            [benchmark(args.benchmark)] if args.benchmark else []) + (
            [readability(args.readability)] if args.readability else []):
        for item in source:
            print(json.dumps(item, ensure_ascii=False))
