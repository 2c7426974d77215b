"""How the page-type set was assembled (run once, at development time; kept to show the provenance).

Reads local mirrors of the public repositories named in README.md (fetched with the `fetch` tool into
/work/.mirror/<owner>+<name>/repo), strips what the judgement never reads (scripts other than JSON-LD,
styles, inline SVG, comments) to keep the set small, and writes gzipped pages plus labels.jsonl.
Round 1: scrapinghub's benchmark and SeniorResearch (unlicensed, marked so). Round 2: the licensed test pages
of trafilatura, htmldate, newspaper4k and postlight/parser, labelled in round2.py, split by `split_v2`.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html

HERE = Path(__file__).parent
MIRROR = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror")
SCRIPT = re.compile(r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script>", re.S | re.I)
STYLE = re.compile(r"<(style|svg|noscript)\b[^>]*>.*?</\1>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(MIRROR / repo / "repo"), *args], capture_output=True, check=True).stdout


def slim(raw: bytes) -> bytes:
    text = raw.decode("utf-8", errors="surrogateescape")
    text = COMMENT.sub("", STYLE.sub("", SCRIPT.sub("", text)))
    return text.encode("utf-8", errors="surrogateescape")


def split_of(path: str) -> str:
    """Three pages in ten are held out, chosen by a hash of the path: nobody picks them."""
    return "test" if int(hashlib.sha1(path.encode()).hexdigest(), 16) % 10 < 3 else "dev"


def split_v2(key: str) -> str:
    """The second round's held-out split (issue 19, round 2), fixed before any new page was looked at.

    `key` is "<owner>/<name>:<path in the repository>". Three in ten are held out ("test"); the
    pages of the first round are all "dev" now (their test part was measured once and then seen).
    """
    return "test" if int(hashlib.sha1(("v2:" + key).encode()).hexdigest(), 16) % 10 < 3 else "dev"


def write(rows: list, folder: str, name: str, raw: bytes, split: str = "dev", **label) -> None:
    """Round 1's pages are all "dev" now: their held-out part was measured once and then looked at."""
    path = f"pages/{folder}/{name}.html.gz"
    (HERE / path).parent.mkdir(parents=True, exist_ok=True)
    (HERE / path).write_bytes(gzip.compress(slim(raw), mtime=0))
    rows.append({"path": path, "split": split, **label})


# Kinds of the SeniorResearch not_articles pages, read from their URL and title by us (the article /
# not-article label is the repository author's).
SENIOR_KINDS = [
    (r"/(av|video|videos|Video|Live|live-tv|nightly-films)(/|$)|/av-\d|360-degrees|megaphone|podcast|"
     r"meet-the-press-full|morning-joe|nightly-news|/now$|mtp-daily|rachel-maddow", "video"),
    (r"/(pictures|photos)/|/g-\d|week-in-pictures", "gallery"),
    (r"/person/|/shows$|/schedule|contact-the-verge|/learn-german|/radio/|/tv/s-|media-center/s-", "about"),
    (r"^https?://[^/]+/?(\?.*)?$", "home"),
]


def senior_research(rows: list) -> None:
    repo = "AdamClarkStandke+SeniorResearch"
    source = "https://github.com/AdamClarkStandke/SeniorResearch"
    for line in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "Articles", "not_articles").decode().splitlines():
        if not line.endswith(".html") or "/reddit/" in line or "/foodnetwork/" in line:
            continue  # forum threads and recipes are neither news articles nor the kinds asked about
        top, site, name = line.split("/")
        url = base64.urlsafe_b64decode(name.removesuffix(".html") + "==").decode()
        if top == "Articles":
            kind = "article"
        else:
            kind = next((k for pattern, k in SENIOR_KINDS if re.search(pattern, url)), "archive")
        write(rows, f"senior/{site}", hashlib.sha1(url.encode()).hexdigest()[:16], git(repo, "show", f"HEAD:{line}"),
              url=url, type=kind, source=f"{source}/blob/master/{line}",
              licence="NONE: no licence stated in the repository; pages (c) their publishers; research use",
              unlicensed=True, round=1)


def scrapinghub(rows: list) -> None:
    repo = "scrapinghub+article-extraction-benchmark"
    truth = json.loads(git(repo, "show", "HEAD:ground-truth.json"))
    for key, item in truth.items():
        raw = gzip.decompress(git(repo, "show", f"HEAD:html/{key}.html.gz"))
        write(rows, "scrapinghub", key[:16], raw, url=item["url"], type="article",
              source=f"https://github.com/scrapinghub/article-extraction-benchmark/blob/master/html/{key}.html.gz",
              licence="MIT (repository); pages (c) their publishers", round=1)


# Pages of htmldate's and trafilatura's test sets that are not articles, labelled by us from the page itself.
ADBAR = [
    ("adbar+htmldate", "tests/cache/bayern.de.html", "https://bayern.de/", "home"),
    ("adbar+htmldate", "tests/cache/austria.info.html", "https://www.austria.info/", "home"),
    ("adbar+htmldate", "tests/cache/stuttgart.de.html", "http://www.stuttgart.de/", "home"),
    ("adbar+htmldate", "tests/cache/blog.wordpress.com.html", "https://en.blog.wordpress.com/", "home"),
    ("adbar+htmldate", "tests/cache/creativecommons.org.html", "https://creativecommons.org/about/", "about"),
    ("adbar+htmldate", "tests/eval/prof-pc.de.html", "https://prof-pc.de/", "home"),
    ("adbar+htmldate", "tests/eval/shabka.org.about.html", "https://shabka.org/about-us/", "about"),
    ("adbar+htmldate", "tests/eval/2gewinnt.wordpress.com.uns.html", "https://2gewinnt.wordpress.com/uber-uns/",
     "about"),
    ("adbar+htmldate", "tests/eval/echte-demokratie-jetzt.de.blog.html", "http://www.echte-demokratie-jetzt.de/blog/",
     "home"),
    ("adbar+trafilatura", "tests/cache/fairkom.eu.about.html", "https://www.fairkom.eu/about", "about"),
    ("adbar+trafilatura", "tests/eval/markeich.de.impressum.html",
     "https://www.markeich.de/kontakt/impressum-werbeagentur-soltau/", "about"),
    ("adbar+trafilatura", "tests/eval/pix-bavaria.de.html", "https://www.pix-bavaria.de/", "home"),
    ("adbar+trafilatura", "tests/eval/sass-ag.de.index.html", "https://sass-ag.de", "home"),
    ("adbar+trafilatura", "tests/eval/neos.eu.wir.html", "https://www.neos.eu/wir-sind-neos", "about"),
    ("adbar+trafilatura", "tests/eval/jodel.com.advertising.html", "https://advertising.jodel.com/", "home"),
]


def adbar(rows: list) -> None:
    for repo, path, url, kind in ADBAR:
        try:
            raw = git(repo, "show", f"HEAD:{path}")
        except subprocess.CalledProcessError:
            print("missing", repo, path)
            continue
        owner, name = repo.split("+")
        write(rows, name, Path(path).stem, raw, url=url, type=kind,
              source=f"https://github.com/{owner}/{name}/blob/master/{path}",
              licence="Apache-2.0 (repository); page (c) its publisher")


LICENCES = {
    "adbar/trafilatura": "Apache-2.0 (repository); page (c) its publisher",
    "adbar/htmldate": "Apache-2.0 (repository); page (c) its publisher",
    "AndyTheFactory/newspaper4k": "MIT (repository); page (c) its publisher",
    "postlight/parser": "MIT or Apache-2.0 (repository); page (c) its publisher",
}
# Pages of round 1 (the `ADBAR` list above) that round 2 finds again: already seen, so never held out.
SEEN = {url for _, _, url, _ in ADBAR}


def _candidates():
    """(repository, path, address) of every test page with a known address, first occurrence of an address."""
    import round2  # noqa: F401  (the labels, beside this script)

    found = []
    evaldata = json.loads(git("adbar+trafilatura", "show", "HEAD:tests/evaldata.json"))
    found += [("adbar/trafilatura", "tests/eval/" + v["file"], url) for url, v in evaldata.items()]
    for name, folder in (("eval_default.json", "tests/eval/"), ("eval_mediacloud_2020.json", "tests/test_set/")):
        listed = json.loads(git("adbar+htmldate", "show", f"HEAD:tests/{name}"))
        found += [("adbar/htmldate", folder + v["file"], url) for url, v in listed.items()]
    for repo in ("adbar/htmldate", "adbar/trafilatura"):
        text = git(repo.replace("/", "+"), "show", "HEAD:tests/realworld_tests.py").decode()
        block = text[text.index("MOCK_PAGES"):]
        block = block[:block.index("\n}")]
        found += [(repo, "tests/cache/" + f, url) for url, f in re.findall(r'"(https?://[^"]+)":\s*"([^"]+)"', block)]
    conftest = git("AndyTheFactory+newspaper4k", "show", "HEAD:tests/conftest.py").decode()
    named = dict(re.findall(r'\(\s*"(\w+)",\s*\(?\s*"(http[^"]+)"', conftest))
    named.pop("chinese_article", None)  # a BBC Chinese page under a sohu.com address: its own address is unknown
    tests = {}
    for f in git("postlight+parser", "grep", "-l", "readFileSync('./fixtures/", "HEAD", "--", "src").decode().split():
        text = git("postlight+parser", "show", f).decode()
        if m := re.search(r"url\s*=\s*\n?\s*['\"](http[^'\"]+)['\"]", text):
            for fixture in re.findall(r"readFileSync\('\./(fixtures/[^']+)'\)", text):
                tests[fixture] = m.group(1)
    for repo, folder in (("AndyTheFactory/newspaper4k", "tests/data/html"), ("postlight/parser", "fixtures")):
        for path in git(repo.replace("/", "+"), "ls-tree", "-r", "--name-only", "HEAD", folder).decode().split():
            if not path.endswith(".html"):
                continue
            raw = git(repo.replace("/", "+"), "show", f"HEAD:{path}")
            tree = lxml.html.fromstring(raw)
            own = tree.xpath('//meta[@property="og:url"]/@content | //link[@rel="canonical"]/@href')
            own = [u.strip() for u in own if u.strip().startswith("http")]
            url = own[0] if own else named.get(Path(path).stem) or tests.get(path)
            if url:
                found.append((repo, path, url))
    seen, unique = set(), []
    for repo, path, url in found:
        key = re.sub(r"^https?:|/$", "", url)
        if key not in seen:
            seen.add(key)
            unique.append((repo, path, url))
    return unique


def round2(rows: list) -> None:
    sys.path.insert(0, str(HERE))
    from round2 import NEITHER, OTHER_PREFIXES, OTHERS

    for repo, path, url in _candidates():
        if not url.startswith("http") or any(part in url for part in NEITHER):  # "hard::…": a list key, no address
            continue
        kind = OTHERS.get(url) or next((k for p, k in OTHER_PREFIXES.items() if url.startswith(p)), "article")
        key = f"{repo}:{path}"
        picked = int(hashlib.sha1(("pick:" + key).encode()).hexdigest(), 16) % 6 == 0
        if kind == "article" and not picked and repo not in ("postlight/parser", "AndyTheFactory/newspaper4k"):
            continue
        try:
            raw = git(repo.replace("/", "+"), "show", f"HEAD:{path}")
        except subprocess.CalledProcessError:  # htmldate keeps some pages of its lists under tests/cache/
            path = path.replace("tests/eval/", "tests/cache/")
            try:
                raw = git(repo.replace("/", "+"), "show", f"HEAD:{path}")
            except subprocess.CalledProcessError:
                continue
        owner, name = repo.split("/")
        commit = git(repo.replace("/", "+"), "rev-parse", "HEAD").decode().strip()
        write(rows, name, hashlib.sha1(key.encode()).hexdigest()[:16], raw,
              split="dev" if url in SEEN else split_v2(key), url=url, type=kind,
              source=f"https://github.com/{repo}/blob/{commit}/{path}", licence=LICENCES[repo], round=2)


if __name__ == "__main__":
    rows: list = []
    scrapinghub(rows)
    senior_research(rows)
    round2(rows)
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "pages")
