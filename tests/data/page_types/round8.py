"""Round 8 (issue 19): a seventh held-out split, `test7`, of repositories no earlier page-type round used.

Labels are ours, set by hand from each page's address, title, headings and opening text before the judgement was
run on any of them, and committed (with the SHA-1 of every page as stored) before the first measurement. Sources:
- omnivore-app/omnivore (AGPL-3.0) `packages/readabilityjs/test/test-pages/*/source.html`, the pages its fork of
  readability added to mozilla's (those of mozilla's set, round 3, are skipped), each with its `url.txt`: news,
  blog posts and essays, a YouTube page, a conference talk's video page, a documentation site's front;
- j0k3r/graby (MIT) `tests/fixtures/content/`: news and blog articles in French, German, Spanish, Korean and
  English, Rolling Stone's front page, and a blog's "not found" page (its test serves it with status 404; here,
  like every page, it runs as an answered sitemap link: a soft 404);
- scrapinghub/webstruct (MIT) `webstruct_data/corpus/business_pages/source/`: small businesses' home, contact,
  about, team, help and listing pages, saved for their contact details. Only pages whose own address is known (a
  canonical link or og:url, or a `<base href>` that names the page, not just the site) are taken.
Pages (c) their publishers. Which pages are taken is fixed by sha1("v8:" + repository + ":" + path), in that
order, not by looking: of omnivore's pages every non-article of a kind the issue names and the first
OMNIVORE_ARTICLES articles; every graby page with an address; of webstruct's pages with an address the first
WEBSTRUCT_FIRST, of which those of a kind below are kept. A page of an earlier round (by its address) is skipped.
The pages are written to ../shared/corpora/page_types/pages/round8/ (or under PAGE_TYPES_PAGES; not committed),
the labels appended to labels.jsonl.
Run: python round8.py [/work/.mirror]     (with --list: the pages and their labels, nothing written)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

LIST = "--list" in sys.argv  # read before fetch_pages, which takes its first argument for the mirror's folder
if LIST:
    sys.argv.remove("--list")

import lxml.html  # noqa: E402
from fetch_pages import HERE, git, slim  # noqa: E402
from round7 import address_key, own_address  # noqa: E402

SHARED = Path(os.environ.get("PAGE_TYPES_PAGES") or HERE.parents[3] / "shared" / "corpora" / "page_types")
BLOB = "https://github.com/{repo}/blob/{commit}/{path}"
OMNIVORE_ARTICLES = 30
WEBSTRUCT_FIRST = 45

OMNIVORE = "omnivore-app+omnivore"
OMNIVORE_PAGES = "packages/readabilityjs/test/test-pages/"
MOZILLA = ("mozilla+readability", "ab4027a8b37669745016869a37a504727992b2ba")  # round 3's commit
# omnivore's added pages that are not articles (by folder), and those that are neither an article nor a kind the
# issue asks about (Q&A and forum threads, a paper's abstract, a how-to guide, a podcast's full transcript), or a
# second copy of a page (the same Medium story under two hosts)
OMNIVORE_OTHERS = {
    "youtube-embed": "video",        # a YouTube watch page: a title and 71 characters
    "gdcvault": "video",             # a conference talk's video page (GDC Vault /play/…)
    "digital-garden-docs": "home",   # a documentation site's front page ("Digital Garden Overview", at /)
}
OMNIVORE_NEITHER = {
    "zhihu", "mathoverflow", "community.musictribe.com",  # Q&A and forum threads
    "sciencedirect",        # a scholarly paper's abstract page
    "robinwieruch.de",      # a how-to guide (a tutorial)
    "nytimes-podcasts",     # a podcast episode's full transcript (ambiguous, as in round 4)
    "erik-engheim",         # the Medium story of "debugger.medium" again, under the author's host
}

GRABY = "j0k3r+graby"
# graby's fixtures with their address (the test's, or the page's own) and kind; its other fixtures are synthetic
# (empty-img-node, gist-xss), not HTML pages (an oEmbed XML answer, a PDF, an image) or a second copy of a page
# (20minutes-authors.html is 20minutes-date.html)
GRABY_PAGES = {
    "bjori-404.html": ("https://bjori.blogspot.com/201", "error"),  # a blog's "not found" page (a soft 404 here)
    "rollingstone.html": ("https://www.rollingstone.com/", "home"),  # the test asks a story, gets the front page
    "https___bjori.blogspot.com_2015_04_next-gen-mongodb-driver.html":
        ("https://bjori.blogspot.com/2015/04/next-gen-mongodb-driver.html", "article"),
    "keithjgrant.html": ("", "article"), "20minutes-jsonld.html": ("", "article"), "20minutes-date.html": ("", "article"),
    "lemonde-date.html": ("", "article"), "timothysykes-keepol.html": ("", "article"), "blog-oracle.html": ("", "article"),
    "framablog.html": ("", "article"), "liberation-authors.html": ("", "article"),
    "https___www.presseportal.de_pm_103258_2930232.html": ("", "article"),
    "https___www.xataka.com_movilidad_coches-vendidos-2023-2024-espana.html": ("", "article"),
    "https___www.motherjones.com_politics_2012_02_mac-mcclelland-free-online-shipping-warehouses-labor_.html":
        ("", "article"),
    "https___www.lemonde.fr_actualite-medias_article_2015_04_12_radio-france-vers-une-sortie-du-conflit_4614610_3236"
    ".html": ("", "article"),
    "https___www.clubic.com_carte-graphique_carte-graphique-amd_article-478936-1-radeon-hd-7750-7770.html":
        ("", "article"),
    "http___www.newstown.co.kr_news_articleView.html_idxno_243722.html": ("", "article"),
}  # "" : the page's own address (canonical link or og:url)

WEBSTRUCT = "scrapinghub+webstruct"
WEBSTRUCT_PAGES = "webstruct_data/corpus/business_pages/source/"
# webstruct's pages (by file name) among the first WEBSTRUCT_FIRST with an address that are kept, with their kind;
# the others there (a support site's request form, two service brochures of a business) are left out
WEBSTRUCT_KINDS = {
    "21.html": "home",     # a building society's home for intermediaries (/intermediaries/home.aspx)
    "50.html": "about",    # a manufacturer's warranty and returns policies
    "231.html": "home",    # Medtronic's home page (/index.htm)
    "401.html": "home",    # a laboratory builder's home page
    "19.html": "home",     # a building society's home page (/homepage.aspx)
    "101.html": "about",   # a builder's "About Us"
    "169.html": "home",    # an e-learning shop's home page
    "254.html": "about",   # a shop's "Contact Us" with an enquiry form
    "118.html": "archive",  # a builder's blog: its latest posts listed
    "214.html": "home",    # a vitamin shop's home page
    "317.html": "about",   # a web agency's "Contact Us"
    "229.html": "about",   # a psychologist's contact page
    "232.html": "about",   # Medtronic's company overview
    "97.html": "product",  # a software company's page of one product
    "75.html": "home",     # a server reseller's home page
    "374.html": "about",   # a jeweller's "Contact Us"
    "171.html": "archive",  # an e-learning company's blog: its latest posts listed
    "73.html": "about",    # a software company's "Contact us"
    "239.html": "about",   # a medical spa's contact page
    "307.html": "home",    # a tool shop's home page
    "90.html": "about",    # a company's advisory board (team)
    "149.html": "home",    # a roofer's home page
    "151.html": "about",   # a roofer's "About Us"
    "207.html": "about",   # a law firm's "Contact Us"
    "416.html": "archive",  # a shop's category listing (U-locks)
    "66.html": "home",     # a software product's home page
    "89.html": "about",    # a company's management team
    "67.html": "home",     # a software product's support site's front
    "331.html": "home",    # a property consultant's home page
    "206.html": "home",    # a law firm's home page
    "439.html": "home",    # a hotel's home page
    "406.html": "about",   # a junk removal firm's contact form
    "49.html": "about",    # a manufacturer's contact page
    "253.html": "home",    # an upholstery supplier's shop front
    "222.html": "home",    # a dentist's home page
    "279.html": "about",   # a cleaning firm's "Meet Our Staff"
    "92.html": "about",    # a software company's "Contact Us"
    "256.html": "about",   # a shop's checkout help
    "276.html": "about",   # a cleaning firm's "Contact Us"
    "58.html": "archive",  # a shop's index of solutions by application and industry
    "13.html": "about",    # a car finance firm's contact page and quote form
    "99.html": "about",    # a builder's contact page
}
WEBSTRUCT_LEFT_OUT = {"41.html", "152.html", "420.html"}  # a request form, two service brochures


def order(repo: str, path: str) -> str:
    return hashlib.sha1(f"v8:{repo.replace('+', '/')}:{path}".encode()).hexdigest()


def base_address(raw: bytes) -> str:
    """The `<base href>` webstruct inserted, when it names a page and not just the site ("…/contact-us")."""
    found = lxml.html.fromstring(raw).xpath("//base/@href")
    return found[0] if found and urlsplit(found[0]).path not in ("", "/") else ""


def omnivore() -> list[tuple]:
    moz = {p.rsplit("/", 1)[1] for p in git(MOZILLA[0], "ls-tree", "--name-only", MOZILLA[1],
                                            "test/test-pages/").decode().split()}
    found = []
    for folder in git(OMNIVORE, "ls-tree", "--name-only", "HEAD", OMNIVORE_PAGES).decode().split():
        name = folder.rsplit("/", 1)[1]
        if name in moz or name in OMNIVORE_NEITHER:
            continue
        try:
            url = git(OMNIVORE, "show", f"HEAD:{folder}/url.txt").decode().strip()
        except Exception:  # no url.txt: no address
            continue
        path = folder + "/source.html"
        found.append((order(OMNIVORE, path), path, url, OMNIVORE_OTHERS.get(name, "article")))
    found.sort()
    kept, articles = [], 0
    for item in found:
        if item[3] == "article":
            if articles == OMNIVORE_ARTICLES:
                continue
            articles += 1
        kept.append(item[1:])
    return kept


def graby() -> list[tuple]:
    found = []
    for name, (url, kind) in GRABY_PAGES.items():
        path = "tests/fixtures/content/" + name
        found.append((order(GRABY, path), path, url or own_address(git(GRABY, "show", f"HEAD:{path}")), kind))
    return [item[1:] for item in sorted(found)]


def webstruct() -> list[tuple]:
    paths = git(WEBSTRUCT, "ls-tree", "--name-only", "HEAD", WEBSTRUCT_PAGES).decode().split()
    kept, taken = [], 0
    for path in sorted(paths, key=lambda p: order(WEBSTRUCT, p)):
        raw = git(WEBSTRUCT, "show", f"HEAD:{path}")
        url = own_address(raw) or base_address(raw)
        if not url:
            continue
        taken += 1
        name = path.rsplit("/", 1)[1]
        if name in WEBSTRUCT_KINDS:
            kept.append((path, url, WEBSTRUCT_KINDS[name]))
        elif name not in WEBSTRUCT_LEFT_OUT:
            raise ValueError(f"{name}: among the first {WEBSTRUCT_FIRST} and not labelled")
        if taken == WEBSTRUCT_FIRST:
            break
    return kept


LICENCES = {OMNIVORE: "AGPL-3.0", GRABY: "MIT", WEBSTRUCT: "MIT"}


def collect(write: bool = True) -> list:
    rows: list = []
    labels = (HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    seen = {address_key(row["url"]) for row in map(json.loads, filter(None, labels)) if row.get("round") != 8}
    for repo, pages in ((OMNIVORE, omnivore()), (GRABY, graby()), (WEBSTRUCT, webstruct())):
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        for path, url, kind in pages:
            if not url or address_key(url) in seen:  # a page of an earlier round
                continue
            seen.add(address_key(url))
            data = slim(git(repo, "show", f"HEAD:{path}"))
            rel = f"pages/round8/{repo.split('+')[1]}-{hashlib.sha1(path.encode()).hexdigest()[:10]}.html.gz"
            if write:
                out = SHARED / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(gzip.compress(data, mtime=0))
            rows.append({"path": rel, "split": "test7", "url": url, "type": kind,
                         "source": BLOB.format(repo=repo.replace("+", "/"), commit=commit, path=path),
                         "licence": LICENCES[repo] + " (repository); pages (c) their publishers", "round": 8,
                         "sha1": hashlib.sha1(data).hexdigest()})
    return rows


if __name__ == "__main__":
    if LIST:
        for row in collect(write=False):
            print(row["type"], row["url"], row["source"].rsplit("/", 2)[1])
        sys.exit()
    found = collect()
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in found:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(found), "pages")
