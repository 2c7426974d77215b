#!/usr/bin/env python3
"""Verify the sample site against expected.yaml and sources.yaml.

Reads the static files under sample_site/www/ directly (no server needed) and
checks, independently of build.py:
  * every path in expected.yaml exists; non-article and disallowed pages exist;
  * every article is reachable from its outlet's feed / sitemap / listing
    (listings are followed through their rel=next pagination);
  * titles, publication dates, authors and language on each page match
    expected.yaml, and the feed/sitemap titles match too;
  * article bodies are 250-700 words; persons and orgs are mentioned;
  * robots.txt blocks the embargoed page and nothing else that matters;
  * the special cases (wire copy, tracking parameters, XSS title, encodings);
  * every internal link, stylesheet and image on every page resolves.

Usage:  python sample_site/check.py     (needs PyYAML and lxml)
Exit status 0 when everything passes.
"""
from __future__ import annotations

import json
import re
import sys
import urllib.robotparser
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import yaml
from lxml import etree, html

HERE = Path(__file__).resolve().parent
WWW = HERE / "www"
HOST = "http://127.0.0.1:8999"  # stand-in for the server's __BASE__

ERRORS: list[str] = []


def err(msg: str) -> None:
    ERRORS.append(msg)


def file_for(path: str) -> Path:
    p = WWW / path.lstrip("/")
    return p / "index.html" if path.endswith("/") else p


def raw(path: str) -> bytes:
    return file_for(path).read_bytes()


def charset_of(data: bytes) -> str:
    m = re.search(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', data[:2048], re.I)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def text_of(path: str) -> str:
    data = raw(path)
    return data.decode(charset_of(data)).replace("__BASE__", HOST)


def doc_of(path: str):
    return html.document_fromstring(text_of(path), base_url=HOST + path)


def to_path(url: str) -> str | None:
    """Absolute URL on our host -> path (query dropped); None for other hosts."""
    parts = urlsplit(url.replace("__BASE__", HOST))
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != HOST:
        return None
    return parts.path


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def links(doc, page_path: str) -> list[str]:
    out = []
    for a in doc.xpath("//a[@href]"):
        href = a.get("href")
        if href.startswith("#") or href.startswith("mailto:"):
            continue
        p = to_path(urljoin(HOST + page_path, href))
        if p:
            out.append(p)
    return out


# --------------------------------------------------------------------------- discovery

def feed_items(path: str) -> dict[str, dict]:
    """RSS 2.0 or Atom -> {path: {"title", "link", "published", "authors"}}."""
    root = etree.fromstring(text_of(path).encode("utf-8"))
    items = {}
    if root.tag == "rss":
        dc = "{http://purl.org/dc/elements/1.1/}"
        for it in root.iter("item"):
            for req in ("title", "link", "pubDate", "description", "guid", f"{dc}creator"):
                if it.find(req) is None or not (it.findtext(req) or "").strip():
                    err(f"{path}: item {it.findtext('link')} lacks <{req}>")
            link = it.findtext("link").strip()
            items[to_path(link)] = {"title": it.findtext("title"), "link": link,
                                    "authors": [norm(x) for x in it.findtext(f"{dc}creator").split(",")]}
    elif root.tag == "{http://www.w3.org/2005/Atom}feed":
        A = "{http://www.w3.org/2005/Atom}"
        for req in ("id", "title", "updated"):
            if root.find(A + req) is None:
                err(f"{path}: feed lacks <{req}>")
        for e in root.iter(A + "entry"):
            for req in ("id", "title", "updated", "published", "author", "summary"):
                if e.find(A + req) is None:
                    err(f"{path}: entry {e.findtext(A + 'id')} lacks <{req}>")
            alt = [lk for lk in e.findall(A + "link") if lk.get("rel", "alternate") == "alternate"]
            if not alt:
                err(f"{path}: entry {e.findtext(A + 'id')} lacks link rel=alternate")
                continue
            link = alt[0].get("href")
            items[to_path(link)] = {"title": e.findtext(A + "title"), "link": link,
                                    "published": e.findtext(A + "published"),
                                    "authors": [a.findtext(A + "name") for a in e.findall(A + "author")]}
    else:
        err(f"{path}: not a feed")
    return items


FED_NON_ARTICLES: set[str] = set()


def sitemap_items(path: str) -> dict[str, dict]:
    root = etree.fromstring(text_of(path).encode("utf-8"))
    S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    N = "{http://www.google.com/schemas/sitemap-news/0.9}"
    items = {}
    for u in root.iter(S + "url"):
        loc = u.findtext(S + "loc")
        news = u.find(N + "news")
        if news is None and to_path(loc) in FED_NON_ARTICLES and u.find(S + "lastmod") is not None:
            continue  # a page the sitemap lists that is not an article (expected.yaml fed_non_articles)
        if u.find(S + "lastmod") is None or news is None:
            err(f"{path}: {loc} lacks lastmod or news:news")
            continue
        lang = news.findtext(f"{N}publication/{N}language")
        if lang != "de":
            err(f"{path}: {loc} news:language is {lang!r}")
        items[to_path(loc)] = {"title": news.findtext(N + "title"), "link": loc,
                               "published": news.findtext(N + "publication_date")}
    return items


def crawl_listing(start: str) -> tuple[list[str], set[str]]:
    """Follow rel=next from a listing; return (listing pages, linked paths)."""
    pages, linked, url = [], set(), start
    while url and url not in pages:
        if not file_for(url).exists():
            err(f"listing page {url} missing")
            break
        pages.append(url)
        doc = doc_of(url)
        linked.update(links(doc, url))
        nxt = doc.xpath('//a[@rel="next"]/@href | //link[@rel="next"]/@href')
        url = to_path(urljoin(HOST + url, nxt[0])) if nxt else None
    return pages, linked


# --------------------------------------------------------------------------- page extraction

BODY_XPATH = {
    "The Daily Reel": '//div[contains(@class,"entry-content")]',
    "Circuit Ledger": '//div[contains(@class,"post__content")]',
    "Medienwoche": '//div[@class="artikeltext"]',
    "Harbor Courier": '//div[@class="hc-story"]',
}
NOISE = ("read-more-inline", "ad-unit", "inline-card", "lesetipp", "hc-related-inline", "wire-credit")
MONTHS_DE = {m: i for i, m in enumerate(["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                                         "September", "Oktober", "November", "Dezember"], 1)}


def body_text(doc, outlet: str) -> str:
    nodes = doc.xpath(BODY_XPATH[outlet])
    if len(nodes) != 1:
        return ""
    parts = []
    for el in nodes[0]:
        cls = el.get("class") or ""
        if el.tag in ("p", "h2", "h3") and not any(n in cls for n in NOISE):
            parts.append(el.text_content())
    return "\n".join(parts)


def page_meta(doc, outlet: str, path: str) -> dict:
    """Title, published, authors as a crawler would read them for each outlet."""
    h1 = doc.xpath("//h1")
    out = {"title": norm(h1[0].text_content()) if h1 else None, "authors": [], "published": None}
    if outlet == "The Daily Reel":
        lds = [json.loads(s) for s in doc.xpath('//script[@type="application/ld+json"]/text()')]
        ld = next((x for x in lds if x.get("@type") == "NewsArticle"), {})
        out["published"] = ld.get("datePublished")
        out["authors"] = [a["name"] for a in ld.get("author", [])]
        out["ld_headline"] = ld.get("headline")
    elif outlet == "Circuit Ledger":
        out["published"] = (doc.xpath('//meta[@property="article:published_time"]/@content') or [None])[0]
        out["authors"] = [norm(a) for a in (doc.xpath('//meta[@name="author"]/@content') or [""])[0].split(",") if a.strip()]
    elif outlet == "Medienwoche":
        line = norm((doc.xpath('//p[@class="autorzeile"]') or [None])[0].text_content())
        m = re.fullmatch(r"Von (.+) \| (\d{1,2})\. (\w+) (\d{4}), (\d{2}):(\d{2}) Uhr", line)
        if m:
            d = datetime(int(m[4]), MONTHS_DE[m[3]], int(m[2]), int(m[5]), int(m[6]), tzinfo=ZoneInfo("Europe/Berlin"))
            out["published"] = d.isoformat(timespec="seconds")
            out["authors"] = [norm(a) for a in m[1].split(" und ")]
        else:
            err(f"{path}: byline not parseable: {line!r}")
        for bad in ('//meta[contains(@property,"time")]', '//script[@type="application/ld+json"]', "//time"):
            if doc.xpath(bad):
                err(f"{path}: Medienwoche pages must carry their date only in the byline ({bad})")
    elif outlet == "Harbor Courier":
        t = doc.xpath('//time[@class="hc-pubtime"]/@datetime')
        out["published"] = t[0] if t else None
        out["authors"] = [norm(a.text_content()) for a in doc.xpath('//span[@class="hc-by"]/a[@rel="author"]')]
        m = re.search(r"/(\d{4}-\d{2}-\d{2})-", path)
        if not m or not out["published"] or not out["published"].startswith(m[1]):
            err(f"{path}: URL date and <time datetime> disagree ({out['published']})")
    return out


# --------------------------------------------------------------------------- checks

ORG_ALIASES = {
    "European Commission": ["Europäische Kommission", "Commission", "Kommission"],
    "EU AI Office": ["AI Office", "KI-Büro"],
    "US Copyright Office": ["Copyright Office"],
    "Universal": ["Universal"],
    "WGA": ["Writers Guild"],
    "AMPTP": ["Alliance of Motion Picture", "bargaining group", "studios' bargaining"],
    "Senate Judiciary Committee": ["Senate"],
    "Supreme Court of the United States": ["Supreme Court"],
    "Danish government": ["Dänemark"],
    "Deutscher Journalisten-Verband": ["DJV"],
    "BDZV": ["BDZV"],
    "Activision": ["Activision"],
    "Continental Wire": ["Continental Wire"],
    "Harbor City Council": ["Council"],
    "Harbor City Office of Emergency Management": ["Office of Emergency Management"],
    "Hamburger Verkehrsbehörde": ["Verkehrsbehörde"],
    "Denkmalschutzamt Hamburg": ["Denkmalschutzamt"],
    "Bundesregierung": ["Bundesregierung", "Justizministerium"],
}


def mentioned(needle: str, hay: str) -> bool:
    return needle.lower() in hay.lower()


def main() -> int:
    expected = yaml.safe_load((HERE / "expected.yaml").read_text("utf-8"))
    FED_NON_ARTICLES.update(expected.get("fed_non_articles", []))
    sources = yaml.safe_load((HERE / "sources.yaml").read_text("utf-8"))["sources"]
    articles = expected["articles"]
    by_outlet = {s["name"]: s for s in sources}

    # robots
    robots_txt = text_of("/robots.txt")
    rp = urllib.robotparser.RobotFileParser()
    rp.parse(robots_txt.splitlines())
    if "User-agent: *" not in robots_txt or f"Sitemap: {HOST}/medienwoche/sitemap.xml" not in robots_txt:
        err("robots.txt lacks User-agent: * or the Sitemap line")

    # discovery per outlet
    found: dict[str, dict[str, dict]] = {}
    listing_links: dict[str, set[str]] = {}
    listing_pages: list[str] = []
    for s in sources:
        for key in ("name", "homepage", "language", "feeds", "sitemaps", "listings"):
            if key not in s:
                err(f"sources.yaml: {s.get('name')} lacks {key}")
        if not file_for(to_path(s["homepage"])).exists():
            err(f"homepage {s['homepage']} missing")
        items: dict[str, dict] = {}
        for f in s["feeds"]:
            items.update(feed_items(to_path(f)))
            home = text_of(to_path(s["homepage"]))
            if f.replace("__BASE__", HOST) not in home or "rel=\"alternate\"" not in home:
                err(f"{s['homepage']} lacks <link rel=alternate> to {f}")
        for sm in s["sitemaps"]:
            items.update(sitemap_items(to_path(sm)))
        linked: set[str] = set()
        for lst in s["listings"]:
            pages, got = crawl_listing(to_path(lst))
            listing_pages += pages
            linked |= got
        listing_links[s["name"]] = linked
        for p in linked:
            items.setdefault(p, {})
        found[s["name"]] = items
    for lst in ("/courier/section/culture/", "/courier/de/kultur/"):
        pages = [p for p in listing_pages if p.startswith(lst)]
        if len(pages) < 2:
            err(f"listing {lst} should paginate (found {pages})")

    # articles
    paths = [a["path"] for a in articles]
    if len(set(paths)) != len(paths):
        err("duplicate paths in expected.yaml")
    bodies: dict[str, str] = {}
    for a in articles:
        path, outlet = a["path"], a["outlet"]
        for key in ("outlet", "language", "title", "published", "authors", "relevant", "borderline", "topics", "persons", "orgs"):
            if key not in a:
                err(f"{path}: expected.yaml entry lacks {key}")
        if not file_for(path).exists():
            err(f"{path}: file missing")
            continue
        if not rp.can_fetch("*", HOST + path):
            err(f"{path}: article is blocked by robots.txt")
        doc = doc_of(path)
        # reachability
        item = found.get(outlet, {}).get(path)
        if item is None:
            err(f"{path}: not reachable from the {outlet} feed/sitemap/listing")
            item = {}
        if item.get("title") is not None and item["title"] != a["title"]:
            err(f"{path}: feed/sitemap title {item['title']!r} != expected {a['title']!r}")
        if item.get("published") and datetime.fromisoformat(item["published"]) != datetime.fromisoformat(a["published"]):
            err(f"{path}: feed/sitemap date {item['published']} != {a['published']}")
        # canonical
        canon = doc.xpath('//link[@rel="canonical"]/@href')
        if not canon or urlsplit(urljoin(HOST + path, canon[0])).path != path or "?" in canon[0]:
            err(f"{path}: canonical {canon} does not point to itself")
        # metadata
        meta = page_meta(doc, outlet, path)
        if meta["title"] != a["title"]:
            err(f"{path}: <h1> {meta['title']!r} != expected {a['title']!r}")
        t = norm(doc.findtext(".//title") or "")
        if not t.startswith(a["title"]):
            err(f"{path}: <title> {t!r} does not start with the expected title")
        og = doc.xpath('//meta[@property="og:title"]/@content')
        if og and og[0] != a["title"]:
            err(f"{path}: og:title {og[0]!r} != expected")
        if "ld_headline" in meta and meta["ld_headline"] != a["title"]:
            err(f"{path}: JSON-LD headline differs")
        if not meta["published"] or datetime.fromisoformat(meta["published"]) != datetime.fromisoformat(a["published"]) \
                or not re.search(r"([+-]\d{2}:\d{2}|Z)$", a["published"]):
            err(f"{path}: page date {meta['published']} != expected {a['published']}")
        if meta["authors"] != a["authors"]:
            err(f"{path}: page authors {meta['authors']} != expected {a['authors']}")
        if item.get("authors") and item["authors"] != a["authors"]:
            err(f"{path}: feed authors {item['authors']} != expected {a['authors']}")
        lang = doc.get("lang", "")
        if not lang.startswith(a["language"]):
            err(f"{path}: <html lang={lang!r}> but expected {a['language']}")
        # body
        body = body_text(doc, outlet)
        bodies[path] = body
        n = len(body.split())
        if not 250 <= n <= 700:
            err(f"{path}: body has {n} words (want 250-700)")
        hay = body + " " + a["title"] + " " + " ".join(doc.xpath('//meta[@name="description"]/@content'))
        for person in a["persons"]:
            if not mentioned(person.split()[-1], hay):
                err(f"{path}: person {person!r} not mentioned")
        for org in a["orgs"]:
            if not any(mentioned(x, hay) for x in [org] + ORG_ALIASES.get(org, [])):
                err(f"{path}: org {org!r} not mentioned")
        bad_topics = set(a["topics"]) - {"litigation", "legislation", "labor", "likeness", "licensing", "training_data", "campaign"}
        if bad_topics:
            err(f"{path}: unknown topics {bad_topics}")
        if a["relevant"] and not a["topics"]:
            err(f"{path}: relevant article without topics")
        if not a["relevant"] and a["topics"]:
            err(f"{path}: irrelevant article with topics")
        if not ("2025-06-01" <= a["published"][:10] <= "2026-11-25"):
            err(f"{path}: date out of range")

    # special cases
    wire = [a["path"] for a in articles if "Continental Wire" in a["orgs"]]
    if len(wire) != 2 or bodies.get(wire[0]) != bodies.get(wire[1]) or not bodies.get(wire[0]):
        err(f"wire copies {wire} should have identical bodies")
    elif len({a["title"] for a in articles if a["path"] in wire}) != 2:
        err("wire copies should have different headlines")
    tracked = [p for p, it in found["The Daily Reel"].items() if "utm_source=rss" in it.get("link", "")]
    if len(tracked) != 1 or "utm_medium=feed" not in found["The Daily Reel"][tracked[0]]["link"]:
        err(f"expected exactly one Daily Reel feed link with tracking parameters, got {tracked}")
    xss = [a for a in articles if "<script>alert('x')</script>" in a["title"] and "<img src=x onerror=alert(1)>" in a["title"]]
    if len(xss) != 1 or xss[0]["outlet"] != "Circuit Ledger" or not xss[0]["relevant"]:
        err("expected one relevant Circuit Ledger article with the XSS strings in its title")
    else:
        src = raw(xss[0]["path"]).decode("utf-8")
        if "<script>alert" in src or "<img src=x" in src:
            err("XSS title is not entity-escaped in the HTML source")
        if "<script>alert" in text_of("/ledger/atom.xml"):
            err("XSS title is not escaped in the Atom feed")
    cp = [a["path"] for a in articles if charset_of(raw(a["path"])) == "windows-1252"]
    if len(cp) != 1:
        err(f"expected one windows-1252 article, got {cp}")
    else:
        data = raw(cp[0])
        if b"__BASE__" in data:
            err(f"{cp[0]}: windows-1252 page must not contain __BASE__")
        if not (b"\x93" in data and b"\x94" in data):
            err(f"{cp[0]}: no cp1252 curly quotes")
        try:
            data.decode("utf-8")
            err(f"{cp[0]}: decodes as UTF-8, so it is not really windows-1252")
        except UnicodeDecodeError:
            pass
    umlaut = [a for a in articles if a["language"] == "de" and sum(a["title"].count(c) for c in "äöüßÄÖÜ") >= 3]
    if not umlaut or not re.search(rb'<meta charset="utf-8">', raw(umlaut[0]["path"]), re.I):
        err("expected a German article with umlauts/ß in the title, served as UTF-8 with meta charset")

    # non-articles and disallowed
    all_listing_links = set().union(*listing_links.values())
    for p in expected["non_articles"]:
        if not file_for(p).exists():
            err(f"non-article {p} missing")
            continue
        if p in paths:
            err(f"non-article {p} is also listed as an article")
        d = doc_of(p)
        if d.xpath('//div[@class="hc-story"]') or len(" ".join(d.xpath("//main//p//text()")).split()) > 80:
            err(f"non-article {p} has article-like body text")
    kinds = {k: [p for p in expected["non_articles"] if f"/{k}/" in p] for k in ("tag", "author", "video", "gallery")}
    for k, ps in kinds.items():
        if not any(p in all_listing_links for p in ps):
            err(f"no {k} page linked from a listing")
    for p in expected["disallowed"]:
        if not file_for(p).exists():
            err(f"disallowed page {p} missing")
        if rp.can_fetch("*", HOST + p):
            err(f"{p} is not blocked by robots.txt")
        if p not in all_listing_links:
            err(f"{p} should be linked from a listing (robots test)")
        if any(p in items and items[p].get("title") for items in found.values()):
            err(f"{p} appears in a feed or sitemap")

    # every HTML page is accounted for exactly once
    accounted = paths + expected["non_articles"] + expected["disallowed"] + expected.get("other_pages", [])
    if len(accounted) != len(set(accounted)):
        err("a path is listed twice across articles/non_articles/disallowed/other_pages")
    on_disk = set()
    for f in WWW.rglob("*.html"):
        u = "/" + f.relative_to(WWW).as_posix()
        on_disk.add(u[: -len("index.html")] if u.endswith("/index.html") else u)
    if on_disk != set(accounted):
        err(f"HTML pages not accounted for: {sorted(on_disk - set(accounted))}; "
            f"listed but missing: {sorted(set(accounted) - on_disk)}")

    # links, assets, placeholders across the whole tree
    for f in sorted(WWW.rglob("*")):
        if f.is_dir():
            continue
        rel = "/" + f.relative_to(WWW).as_posix()
        data = f.read_bytes()
        if f.suffix not in (".html", ".xml", ".txt") and b"__BASE__" in data:
            err(f"{rel}: __BASE__ in a file that is not substituted")
        if f.suffix in (".xml",):
            try:
                etree.fromstring(data)
            except etree.XMLSyntaxError as e:
                err(f"{rel}: not well-formed XML: {e}")
        if f.suffix != ".html":
            continue
        page = rel[:-len("index.html")] if rel.endswith("/index.html") else rel
        d = doc_of(page)
        refs = d.xpath("//a/@href | //link[@rel!='canonical' and @rel!='alternate']/@href | //img/@src | //script/@src | //video/@poster")
        for r in refs:
            if r.startswith(("#", "mailto:", "https://social.example")):
                continue
            target = to_path(urljoin(HOST + page, r))
            if target is None:
                err(f"{rel}: link to another host: {r}")
            elif not file_for(target).exists():
                err(f"{rel}: broken link {r}")

    # counts
    c_out = Counter(a["outlet"] for a in articles)
    n_de = sum(a["language"] == "de" for a in articles)
    n_rel = sum(a["relevant"] for a in articles)
    if len(articles) < 48 or n_de < 18 or min(c_out.values()) < 12 or len(c_out) != 4:
        err(f"not enough articles: {len(articles)} total, {n_de} German, per outlet {dict(c_out)}")
    if any(not a["language"] == "de" for a in articles if a["outlet"] == "Medienwoche"):
        err("all Medienwoche articles must be German")
    print(f"{len(articles)} articles, {n_de} German, {n_rel} relevant "
          f"({100 * n_rel // len(articles)}%), {sum(a['borderline'] for a in articles)} borderline")
    for o, n in sorted(c_out.items()):
        sub = [a for a in articles if a["outlet"] == o]
        print(f"  {o:15} {n:2}  en={sum(a['language'] == 'en' for a in sub):2} de={sum(a['language'] == 'de' for a in sub):2} "
              f"relevant={sum(a['relevant'] for a in sub):2}")
    print(f"{len(expected['non_articles'])} non-article pages, {len(expected['disallowed'])} disallowed")

    if ERRORS:
        print(f"\n{len(ERRORS)} problem(s):")
        for e in ERRORS:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
