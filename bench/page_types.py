"""Which pages would be stored: our page-type judgement and trafilatura's, side by side, per kind of page.

    .venv/bin/python bench/page_types.py                  # the development part (the weights were set on it)
    .venv/bin/python bench/page_types.py --split test     # round 2's held-out part (measured once, now seen)
    .venv/bin/python bench/page_types.py --split test2    # round 3's held-out part (measured once, now seen)
    .venv/bin/python bench/page_types.py --split test3    # round 4's held-out part, mostly non-articles
    .venv/bin/python bench/page_types.py --split test4    # round 5's held-out part (new repositories)
    .venv/bin/python bench/page_types.py --split test5    # round 6's held-out part (home and archive pages)
    .venv/bin/python bench/page_types.py --split test6    # round 7's held-out part (home, product, audio pages)
    .venv/bin/python bench/page_types.py --split test7    # round 8's held-out part (business, home, about pages)
    .venv/bin/python bench/page_types.py -v               # and every page judged wrongly, with its signals
    .venv/bin/python bench/page_types.py --licensed       # without the pages of a repository with no licence

The pages are public pages from public repositories (tests/data/page_types/README.md), read from
tests/data/page_types/ or, for those not in this repository (rounds 4 to 8), from ../shared/corpora/page_types/
(or the folder the environment variable PAGE_TYPES_PAGES names);
a split whose pages are not there is reported as absent. Each is run through
`extract_article` as a sitemap link of a source with nothing stored yet: no feed entry vouches for it and no
stored article URLs are known, the hardest case. "stored" means judged an article (and text found); for
trafilatura, that `trafilatura.extract` with its defaults returns text.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data" / "page_types"
# Real pages kept beside the repository, not in it; PAGE_TYPES_PAGES names another folder laid out the same way
# (where shared/corpora cannot be written to).
SHARED = Path(os.environ.get("PAGE_TYPES_PAGES") or ROOT.parent / "shared" / "corpora" / "page_types")


def page_file(row: dict) -> Path | None:
    """Where the page of a label is: in the repository, else in shared/corpora; None when in neither."""
    return next((base / row["path"] for base in (DATA, SHARED) if (base / row["path"]).is_file()), None)


def body(row: dict) -> bytes:
    """The page's HTML; a label that records the page's SHA-1 (rounds 4 to 8) is checked against it."""
    raw = gzip.decompress(page_file(row).read_bytes())
    if row.get("sha1") and hashlib.sha1(raw).hexdigest() != row["sha1"]:
        raise ValueError(f"{row['path']}: not the page that was labelled (SHA-1 differs)")
    return raw


def load(split: str, licensed: bool = False) -> list[dict]:
    """The labelled pages of a split; `licensed` leaves out those of a repository with no licence."""
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if (split == "all" or r["split"] == split) and not (licensed and r.get("unlicensed"))]


def old_rule(article) -> bool:
    """`looks_like_article` before the verdict: no tag/author/video path, no og:type website, 120 words."""
    from pipeline.understand.extract import is_not_article_path

    return (not is_not_article_path(urlsplit(article.fetched_url).path)
            and (article.page_type or "").lower() not in OLD_NOT_ARTICLE_TYPES and article.word_count >= 120)


OLD_NOT_ARTICLE_TYPES = {"website", "profile", "video", "video.other", "video.movie", "video.episode", "book"}


def judge(row: dict):
    """(stored by us, the verdict or the reason for no article, stored by the rule before it)."""
    from pipeline.records import Page
    from pipeline.understand.extract import ExtractError, extract_article

    page = Page(url=row["url"], body=body(row), source=urlsplit(row["url"]).hostname or "", via="sitemap")
    try:
        article = extract_article(page)
    except ExtractError as exc:
        return False, f"no text: {exc}", False
    return article.verdict.is_article, article.verdict, old_rule(article)


def trafilatura_stores(row: dict) -> bool:
    import trafilatura

    return bool(trafilatura.extract(body(row), url=row["url"]))


def evaluate(rows: list[dict], with_trafilatura: bool = True) -> dict:
    counts: dict[str, Counter] = {}
    wrong = []
    for row in rows:
        ours, why, before = judge(row)
        theirs = trafilatura_stores(row) if with_trafilatura else None
        c = counts.setdefault(row["type"], Counter())
        c["pages"] += 1
        c["ours"] += ours
        c["before"] += before
        c["trafilatura"] += bool(theirs)
        if ours != (row["type"] == "article"):
            wrong.append((row, why))
    articles = counts.get("article", Counter())
    others = {k: v for k, v in counts.items() if k != "article"}
    return {
        "per_type": {k: dict(v) for k, v in sorted(counts.items())},
        "articles": articles["pages"],
        "articles_rejected": articles["pages"] - articles["ours"],
        "non_articles": sum(v["pages"] for v in others.values()),
        "non_articles_stored": sum(v["ours"] for v in others.values()),
        "before_articles_rejected": articles["pages"] - articles["before"],
        "before_non_articles_stored": sum(v["before"] for v in others.values()),
        "trafilatura_articles_rejected": articles["pages"] - articles["trafilatura"],
        "trafilatura_non_articles_stored": sum(v["trafilatura"] for v in others.values()),
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "all"], default="dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every page judged wrongly")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura's side (faster)")
    parser.add_argument("--licensed", action="store_true", help="leave out the pages of a repository with no licence")
    args = parser.parse_args()
    rows = load(args.split, args.licensed)
    absent = [r for r in rows if page_file(r) is None]
    if absent:
        print(f"{len(absent)} of {len(rows)} pages absent (neither in tests/data/page_types nor in {SHARED}): "
              "left out\n")
        rows = [r for r in rows if page_file(r) is not None]
    result = evaluate(rows, with_trafilatura=not args.no_trafilatura)
    print(f"page types: {sum(v['pages'] for v in result['per_type'].values())} pages (split: {args.split}"
          f"{', licensed only' if args.licensed else ''})\n")
    print(f"{'type':<10}{'pages':>7}{'stored (ours)':>16}{'(rule before)':>16}{'stored (trafilatura)':>23}")
    for kind, c in result["per_type"].items():
        theirs = "-" if args.no_trafilatura else c.get("trafilatura", 0)
        print(f"{kind:<10}{c['pages']:>7}{c.get('ours', 0):>16}{c.get('before', 0):>16}{theirs:>23}")
    n, rejected = result["articles"], result["articles_rejected"]
    print(f"\narticles rejected: ours {rejected} of {n} ({rejected / max(n, 1):.1%}), rule before "
          f"{result['before_articles_rejected']}", end="")
    if not args.no_trafilatura:
        print(f", trafilatura {result['trafilatura_articles_rejected']}", end="")
    print(f"\nnon-articles stored: ours {result['non_articles_stored']} of {result['non_articles']}, rule before "
          f"{result['before_non_articles_stored']}", end="")
    if not args.no_trafilatura:
        print(f", trafilatura {result['trafilatura_non_articles_stored']}", end="")
    print()
    if args.verbose:
        for row, why in result["wrong"]:
            detail = why.summary() if hasattr(why, "summary") else why
            print(f"\n{row['type']:<8} {row['url']}\n         {detail}")


if __name__ == "__main__":
    main()
