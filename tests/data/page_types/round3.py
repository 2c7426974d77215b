"""Round 3 (issue 19): a second held-out split, `test2`, from mozilla/readability's real-world test pages.

Grown and committed before any code change of round 3 and before the judgement was run on any of it. Each
page's address is its canonical link or og:url (pages without one are left out, but for Daring Fireball's
colophon, whose address is known); synthetic test pages (a few hundred bytes of lorem ipsum) are left out.
Labels are ours, from each page's address, title and text. Run: python round3.py [/work/.mirror]
"""

from __future__ import annotations

import json
import sys

import lxml.html
from fetch_pages import HERE, git, write

REPO = "mozilla+readability"
SOURCE = "https://github.com/mozilla/readability/blob/{commit}/test/test-pages/{name}/source.html"
LICENCE = "Apache-2.0 (repository); pages (c) their publishers"

# Non-articles, with their kind.
OTHERS = {
    "mozilla-1": "about",          # Firefox's "customize" product page
    "mozilla-2": "about",          # Firefox Developer Edition's first-run page
    "nytimes-5": "home",           # The New York Times en Español, its front page
    "yahoo-2": "archive",          # Yahoo News, /news/: a section front of headlines
    "daringfireball-1": "about",   # Daring Fireball's colophon
}
KNOWN_URLS = {"daringfireball-1": "https://daringfireball.net/colophon/", "yahoo-2": "https://us.yahoo.com/news/"}
# Neither a news or blog article nor a kind asked about: encyclopaedia entries, fiction, a book chapter,
# how-to pages; and a second copy of one page (lifehacker-post-comment-load = lifehacker-working).
NEITHER = {"wikipedia", "wikipedia-2", "wikipedia-3", "wikipedia-4", "royal-road", "archive-of-our-own",
           "google-sre-book-1", "ehow-1", "ehow-2", "lifehacker-post-comment-load"}


def address(raw: bytes) -> str:
    tree = lxml.html.fromstring(raw)
    found = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    return found[0] if found else ""


def round3(rows: list) -> None:
    commit = git(REPO, "rev-parse", "HEAD").decode().strip()
    for line in git(REPO, "ls-tree", "--name-only", "HEAD", "test/test-pages/").decode().splitlines():
        name = line.rsplit("/", 1)[-1]
        if name in NEITHER:
            continue
        raw = git(REPO, "show", f"HEAD:{line}/source.html")
        url = KNOWN_URLS.get(name) or address(raw)
        if not url.startswith("http") or len(raw) < 5000:
            continue
        write(rows, "readability", name, raw, split="test2", url=url, type=OTHERS.get(name, "article"),
              source=SOURCE.format(commit=commit, name=name), licence=LICENCE, round=3)


if __name__ == "__main__":
    rows: list = []
    round3(rows)
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "pages", sys.argv[1:] or "")
