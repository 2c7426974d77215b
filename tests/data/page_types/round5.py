"""Round 5 (issue 19): a fourth held-out split, `test4`, of repositories no earlier round used.

Labels are ours, set from each page's address, title and text before the judgement was run on any of them, and
committed (with the SHA-1 of every page as stored) before the first measurement. Sources: discourse/onebox
(MIT; link-preview fixtures: GIF, video, album, slide-deck and channel pages), jaimeiniesta/metainspector (MIT;
captured responses of real pages), flairNLP/fundus (MIT; one article per publisher, many languages); pages (c)
their publishers. Fundus's articles are picked by a hash (`picked`), plus every one with eight or more figure
captions (articles with many photos), a rule fixed before any was looked at. The pages are written to
../shared/corpora/page_types/pages/ (not committed), the labels appended to labels.jsonl.
Run: python round5.py [/work/.mirror]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys

import lxml.html
from fetch_pages import HERE, git, slim

SHARED = HERE.parents[3] / "shared" / "corpora" / "page_types"
BLOB = "https://github.com/{repo}/blob/{commit}/{path}"

# discourse/onebox's fixtures (address: the page's own canonical or og:url, else its spec's). Left out: shop
# pages (amazon, etsy, google play), code (github, gitlab), documents (google docs and drive, pubmed), social
# and forum posts (twitter, reddit, discourse topics), an event page (meetup), an encyclopaedia entry, JSON
# and binary responses, and pages with next to nothing in their HTML (under 100 characters of text: the four
# cl.ly share pages, a YouTube playlist stub, a CNN gallery stub).
ONEBOX = "discourse+onebox"
ONEBOX_PAGES = {
    "gfycat": ("https://gfycat.com/shrillnegativearrowana", "video"),          # a GIF page
    "googlephotos": ("", "gallery"),                                           # a shared photo album
    "imgur": ("https://imgur.com/gallery/Sdc0Klc", "gallery"),                 # an album
    "kaltura": ("", "video"),
    "youku": ("http://v.youku.com/v_show/id_XNjM3MzAxNzc2.html", "video"),     # a concert video, Chinese
    "youtube-channel": ("http://www.youtube.com/user/googlechrome", "author"),
    "youtube-embed": ("https://www.youtube.com/embed/KCyIfcevExE", "video"),   # an embedded player
    "youtube": ("http://www.youtube.com/watch?v=21Lk4YiASMo", "video"),
    "slides": ("http://slides.com/drksephy/ecmascript-2015", "gallery"),       # a slide deck
    "dailymail": ("", "article"),
}
# metainspector's captured responses of real pages (the synthetic test pages and the images are left out, and
# a theme's preview page, a shop page of sorts).
MI = "jaimeiniesta+metainspector"
MI_PAGES = {
    "guardian.co.uk": ("", "article"),
    "invalid_utf8_byte_seq": ("", "article"),                                  # a Chilean blog post, Spanish
    "theonion.com": ("", "article"),
    "markupvalidator_faqs": ("http://markupvalidator.com/faqs", "about"),      # a product's FAQ
    "pagerankalert.com": ("http://pagerankalert.com/", "home"),
    "twitter_markupvalidator": ("https://twitter.com/markupvalidator", "author"),
    "youtube": ("https://www.youtube.com/watch?v=iaGSSrp49uc", "video"),  # its og:url is relative
    "youtube_short_title": ("", "video"),
}
FUNDUS = "flairNLP+fundus"
FUNDUS_DIR = "tests/resources/parser/test_data"


def picked(key: str, one_in: int) -> bool:
    return int(hashlib.sha1(("v5:" + key).encode()).hexdigest(), 16) % one_in == 0


def address(raw: bytes) -> str:
    tree = lxml.html.fromstring(raw)
    found = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    return found[0].strip() if found else ""


def add(rows: list, repo: str, commit: str, path: str, raw: bytes, name: str, url: str, kind: str) -> None:
    rel = f"pages/round5/{name}.html.gz"
    data = slim(raw)
    out = SHARED / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(data, mtime=0))
    rows.append({"path": rel, "split": "test4", "url": url, "type": kind,
                 "source": BLOB.format(repo=repo.replace("+", "/"), commit=commit, path=path),
                 "licence": "MIT (repository); pages (c) their publishers", "round": 5,
                 "sha1": hashlib.sha1(data).hexdigest()})


def response(repo: str, path: str) -> bytes:
    raw = git(repo, "show", f"HEAD:{path}")
    if raw[:5] == b"HTTP/":  # a captured response: headers, a blank line, the page
        raw = raw.replace(b"\r\n", b"\n").partition(b"\n\n")[2]
    return raw


def collect() -> list:
    rows: list = []
    for repo, pages, folder, suffix in ((ONEBOX, ONEBOX_PAGES, "spec/fixtures/", ".response"),
                                        (MI, MI_PAGES, "spec/fixtures/", ".response")):
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        for name, (url, kind) in pages.items():
            path = folder + name + suffix
            raw = response(repo, path)
            add(rows, repo, commit, path, raw, repo.split("+")[1] + "-" + name, url or address(raw), kind)
    commit = git(FUNDUS, "rev-parse", "HEAD").decode().strip()
    for path in git(FUNDUS, "ls-tree", "-r", "--name-only", "HEAD", FUNDUS_DIR).decode().split():
        if not path.endswith(".html.gz"):
            continue
        raw = gzip.decompress(git(FUNDUS, "show", f"HEAD:{path}"))
        captions = len(lxml.html.fromstring(raw).xpath("//figcaption"))
        if not (picked(path, 12) or captions >= 8):
            continue
        url = address(raw)
        if url:
            name = "fundus-" + path.removeprefix(FUNDUS_DIR + "/").removesuffix(".html.gz").replace("/", "-")
            add(rows, FUNDUS, commit, path, raw, name, url, "article")
    return rows


if __name__ == "__main__":
    found = collect()
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in found:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(found), "pages", sys.argv[1:] or "")
