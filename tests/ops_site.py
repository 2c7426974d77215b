"""A generated news site for the operations tests: enough articles for several batches, known failures,
a feed that answers 304 to its own ETag, and pages that can be made slow.

Built into a temporary folder by each test, so the expected counts below are
derived from what the site holds, not typed in by hand.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import FAST, TRACKER
from tracker.sitehost import Site

WORDS = ("river harbour market council bridge station garden library orchestra season festival weather "
         "tourism railway budget school hospital museum theatre football election mayor winter summer "
         "farmers traffic housing energy climate forecast concert bakery village coast mountain island "
         "cycling marathon exhibition painting sculpture harvest vineyard ferry airport tunnel").split()
RELEVANT = ("Authors sued OpenAI in federal court, saying the company infringed their copyright when it "
            "copied copyrighted books without permission to train its large language model. ")

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2026-01-{day:02d}T09:30:00Z"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{body}</article><footer>(c) Ops</footer>
</body></html>"""


@dataclass
class OpsSite:
    root: Path
    articles: dict[str, bool] = field(default_factory=dict)  # path -> relevant
    feed_paths: list[str] = field(default_factory=list)
    sitemap_paths: list[str] = field(default_factory=list)
    copy_path: str = "/news/copy-of-a00.html"

    @property
    def expected_paths(self) -> set[str]:
        """Every page a complete crawl stores."""
        return set(self.articles) | {self.copy_path}


def _text(rng: random.Random, relevant: bool, words: int) -> str:
    paragraphs = []
    for _ in range(max(1, words // 60)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(60))
        paragraphs.append(f"<p>{RELEVANT if relevant else ''}{sentence.capitalize()}.</p>")
    return "".join(paragraphs)


def build_site(root: Path, count: int = 16, words: int = 180, seed: int = 6) -> OpsSite:
    """count articles: the first half in the feed, the rest in the sitemap; every fourth is off-topic.

    Extra: a feed entry whose page is missing (404), a second feed that does not
    exist (404), and a copy of a00 under another URL (stored as a duplicate).
    """
    rng = random.Random(seed)
    site = OpsSite(root)
    (root / "news").mkdir(parents=True, exist_ok=True)
    bodies = {}
    for i in range(count):
        path = f"/news/a{i:02d}.html"
        relevant = i % 4 != 3
        site.articles[path] = relevant
        title = (f"Authors sue OpenAI, case {i}" if relevant else f"Weekend weather and markets {i}")
        bodies[path] = (title, _text(rng, relevant, words))
        (site.feed_paths if i < count // 2 else site.sitemap_paths).append(path)
    for path, (title, body) in bodies.items():
        write_article(root, path, title, body, canonical=path)
    title, body = bodies["/news/a00.html"]
    write_article(root, site.copy_path, title, body, canonical=site.copy_path)
    site.sitemap_paths.append(site.copy_path)
    items = "".join(f"<item><title>{bodies[p][0]}</title><link>__BASE__{p}</link></item>" for p in site.feed_paths)
    items += "<item><title>Gone</title><link>__BASE__/news/missing.html</link><description>short</description></item>"
    (root / "feed.xml").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                   f"<title>Ops</title><link>__BASE__/</link><description>x</description>"
                                   f"{items}</channel></rss>")
    write_sitemap(root, site.sitemap_paths)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "sources.yaml").write_text(
        "sources:\n  - name: Ops News\n    homepage: __BASE__/\n    language: en\n"
        "    feeds: [__BASE__/feed.xml, __BASE__/feed2.xml]\n    sitemaps: [__BASE__/sitemap.xml]\n")
    return site


def write_article(root: Path, path: str, title: str, body: str, canonical: str, day: int = 13) -> None:
    (root / path.lstrip("/")).write_text(
        ARTICLE.format(title=title, canonical=f"__BASE__{canonical}", day=day, body=body), encoding="utf-8")


def write_sitemap(root: Path, paths: list[str]) -> None:
    urls = "".join(f"<url><loc>__BASE__{p}</loc></url>" for p in paths)
    (root / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>")


def serve(root: Path, delay: float = 0.0) -> Site:
    """Serve the site; article pages wait `delay` seconds; feeds answer 304 to their own ETag."""
    site = Site(root)
    base = site.server.RequestHandlerClass

    class OpsHandler(base):
        def do_GET(self):
            if self.path.startswith("/news/") and delay:
                time.sleep(delay)
            target = root / self.path.lstrip("/").split("?")[0]
            if self.path.endswith(".xml") and target.is_file():
                etag = '"' + hashlib.sha1(target.read_bytes()).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._etag = etag
            super().do_GET()

        def end_headers(self):
            if getattr(self, "_etag", None):
                self.send_header("ETag", self._etag)
                self._etag = None
            super().end_headers()

    site.server.RequestHandlerClass = OpsHandler
    return site


def crawl_command(sources: Path, db: Path, *extra: str) -> list[str]:
    return [TRACKER, "crawl", "--sources", str(sources), "--db", str(db), *extra]


def crawl_env(**extra: str) -> dict:
    import os

    return {**os.environ, "TRACKER_LOG_LEVEL": "ERROR", "TRACKER_BATCH_SIZE": "4", **FAST, **extra}


def start_crawl(sources: Path, db: Path, *extra: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(crawl_command(sources, db, *extra), env=crawl_env(**env), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_paths(db: Path) -> list[str]:
    """Paths of stored article URLs (with repeats, so duplicates show)."""
    import sqlite3
    from urllib.parse import urlsplit

    conn = sqlite3.connect(db)
    try:
        return sorted(urlsplit(u).path for (u,) in conn.execute("select url from articles"))
    finally:
        conn.close()
