"""Round 6 (issue 19): a fifth held-out split, `test5`, of repositories no earlier round used, many non-articles.

Labels are ours, set by hand from each page's address, title, headings and text before the judgement was run on
any of them, and committed (with the SHA-1 of every page as stored) before the first measurement. Sources:
TeamHG-Memex/autopager (MIT; pages with pagination links, annotated for a paginator: blog and news home pages,
category, date and paged archives in Bengali, Russian, Spanish, Italian, Japanese, Czech, Greek, Chinese,
Norwegian and English, and a few articles) and goose3/goose3 (Apache-2.0; its content-extraction test pages:
news articles in English, Spanish, French, German, Chinese and Korean, and one radio episode page); pages (c)
their publishers. The pages are written to ../shared/corpora/page_types/pages/round6/ (not committed), the labels
appended to labels.jsonl.
Run: python round6.py [/work/.mirror]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys

from fetch_pages import HERE, git, slim

SHARED = HERE.parents[3] / "shared" / "corpora" / "page_types"
BLOB = "https://github.com/{repo}/blob/{commit}/{path}"

# autopager's pages (address: its data.csv), by number. Left out: shops and product lists, forums and their
# boards, event calendars, review pages, a member list, a webcomic, travel and company sites, pages with next to
# nothing in their text, and most further pages of a listing already taken.
AUTOPAGER = "TeamHG-Memex+autopager"
AUTOPAGER_PAGES = {
    # home pages: the front of a news site, blog or magazine (some show whole posts, one after another)
    10: "home",     # NewsChittagong24, a Bengali local news portal
    25: "home",     # RumorFix, celebrity news
    33: "home",     # Tom & Lorenzo, a fashion and TV blog
    80: "home",     # Juan Merodio, a Spanish marketing blog
    85: "home",     # Lazialità, an Italian football magazine
    97: "home",     # E?DIARY, a Japanese picture diary: the latest posts in full
    99: "home",     # iPříběh, a Czech story blog under og:type Article
    101: "home",    # indomotoblog, Indonesian motorcycle news
    105: "home",    # iPhone 研究室, a Japanese iPhone blog under og:type article
    110: "home",    # a Russian polymer-clay site: a course announcement leading the front page
    124: "home",    # GamingShogun, a games blog
    130: "home",    # EordaiaLive, a Greek local news site
    147: "home",    # Eco Child's Play, a parenting blog
    153: "home",    # Modaynovias, a Spanish fashion blog
    161: "home",    # 鬼女ナンデス, a Japanese matome blog (og:type blog)
    169: "home",    # Master Horologer, a Blogger watch blog
    175: "home",    # Fashionlush, a fashion and DIY blog
    180: "home",    # HindutvaOnline, an Indian opinion blog
    201: "home",    # DarkVeins, an Italian horror portal
    # archives: category, tag, date and paged listings of posts, a blog's index
    11: "archive",   # NewsChittagong24's category ?cat=1
    14: "archive",   # binarymarket.ru, category "Стратегии"
    22: "archive",   # iContact's blog index
    27: "archive",   # RumorFix, /page/1097/
    35: "archive",   # Tom & Lorenzo, /page/673/
    39: "archive",   # gekiura.com, one day's new items (Japanese)
    73: "archive",   # When Geeks Wed, the blog's index under og:type article
    81: "archive",   # Juan Merodio, /page/7/
    86: "archive",   # Lazialità, category "Notizia del giorno"
    95: "archive",   # streetstorm.ru, news list
    107: "archive",  # iPhone 研究室, new articles, page 9
    112: "archive",  # Serverworlds' blog index
    137: "archive",  # Disfraces Jarana's blog, a category's page 62
    138: "archive",  # Disfraces Jarana's blog, January 2016
    143: "archive",  # towerrevo.jp, March 2014
    146: "archive",  # Icelandair Norway's news list
    148: "archive",  # Eco Child's Play, category Parenting
    151: "archive",  # Eco Child's Play, May 2015
    162: "archive",  # 鬼女ナンデス, a category
    165: "archive",  # inmykonos.com, news list
    170: "archive",  # Master Horologer, a Blogger search listing (search?updated-max=…)
    173: "archive",  # MightyFingers' blog index
    185: "archive",  # jslcae.com, an industry news list (Chinese)
    192: "archive",  # Dibrugarh University, news and events, page 9
    202: "archive",  # DarkVeins, "Notizie horror"
    # articles
    83: "article",   # Regtransfers, "The UK's Most Expensive Number Plate" (a company's article)
    132: "article",  # EordaiaLive, a Greek local news item (under og:type website)
    150: "article",  # Eco Child's Play, a 2008 post
    155: "article",  # Modaynovias, a Spanish beauty post
}

# goose3's content test pages (address: the test's .json). Left out: synthetic pages (example.com, exemple.com,
# a paragraph-order test), a lyrics page, a how-to guide filed under another page's address (okaymarketing),
# copies of one page (gizmodo2/3, businessWeek4, get_canonical_url = marketplace), and CNN Arabic's page, which
# newspaper4k's set already holds.
GOOSE = "goose3+goose3"
GOOSE_DIR = "tests/data/content/"
GOOSE_NEITHER = {"allnewlyrics1", "articlebody_attribute", "articlebody_itemprop", "articlebody_tag", "issue24",
                 "okaymarketing", "pattern_config", "retry_top_node", "gizmodo2", "gizmodo3", "businessWeek4",
                 "get_canonical_url", "cnn_arabic"}
GOOSE_OTHERS = {
    "marketplace": "audio",  # Marketplace Tech for Friday, April 19, 2013: a radio episode page, player and segments
}


def add(rows: list, repo: str, commit: str, path: str, raw: bytes, name: str, url: str, kind: str,
        licence: str) -> None:
    rel = f"pages/round6/{name}.html.gz"
    data = slim(raw)
    out = SHARED / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(data, mtime=0))
    rows.append({"path": rel, "split": "test5", "url": url, "type": kind,
                 "source": BLOB.format(repo=repo.replace("+", "/"), commit=commit, path=path),
                 "licence": licence, "round": 6, "sha1": hashlib.sha1(data).hexdigest()})


def collect() -> list:
    rows: list = []
    commit = git(AUTOPAGER, "rev-parse", "HEAD").decode().strip()
    listed = git(AUTOPAGER, "show", "HEAD:autopager/data/data.csv").decode().splitlines()[1:]
    address = {int(line.split(",")[0]): line.split(",")[1] for line in listed}
    for number, kind in AUTOPAGER_PAGES.items():
        path = f"autopager/data/html/{number}.html"
        add(rows, AUTOPAGER, commit, path, git(AUTOPAGER, "show", f"HEAD:{path}"), f"autopager-{number}",
            address[number], kind, "MIT (repository); pages (c) their publishers")
    commit = git(GOOSE, "rev-parse", "HEAD").decode().strip()
    for path in git(GOOSE, "ls-tree", "--name-only", "HEAD", GOOSE_DIR).decode().split():
        name = path.removeprefix(GOOSE_DIR + "test_").removesuffix(".html")
        if not path.endswith(".html") or name in GOOSE_NEITHER:
            continue
        url = json.loads(git(GOOSE, "show", f"HEAD:{path.removesuffix('.html')}.json"))["url"]
        add(rows, GOOSE, commit, path, git(GOOSE, "show", f"HEAD:{path}"), f"goose3-{name}", url,
            GOOSE_OTHERS.get(name, "article"), "Apache-2.0 (repository); pages (c) their publishers")
    return rows


if __name__ == "__main__":
    found = collect()
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in found:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(found), "pages", sys.argv[1:] or "")
