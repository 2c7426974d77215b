"""Make the README's screenshots from the demo: crawl the sample site, serve it, photograph the pages people use.

    .venv/bin/python docs/make_screenshots.py [--out docs/images]

It runs the same commands a newcomer runs (`tracker demo --no-serve`, then
`tracker serve`) and Debian's chromium through Playwright, so the pictures
show what `make demo` shows.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = str(Path(sys.executable).parent / "tracker")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = [  # file name, path, what to wait for
    ("home.png", "/", "form.tracker-search"),
    ("article.png", "/tracker/articles/{article}", "article.reading"),
    ("case.png", "/tracker/-/case/{case}", "ol.timeline"),
    ("search.png", "/tracker/search?q=K%C3%BCnstler", "table.rows-and-columns"),
    ("entity.png", "/tracker/-/entity/Disney", "h1.entity-name"),  # by an alias: the page of The Walt Disney Company
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="make only this picture (e.g. entity.png); may be given more than once")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tracker.db"
        env = {**os.environ, "TRACKER_ALLOW_LOOPBACK": "1"}
        subprocess.run([TRACKER, "demo", "--no-serve", "--db", str(db)], check=True, env=env, cwd=tmp)
        import sqlite3

        conn = sqlite3.connect(db)
        # A German article linked to a case, so the article page shows everything it can.
        article, case = conn.execute(
            "select r.id, c.case_slug from relevant_articles r join article_cases c on c.article_id = r.id "
            "order by r.language = 'de' desc, (select count(*) from article_cases x where x.case_slug = c.case_slug)"
            " desc, r.id limit 1").fetchone()
        conn.close()
        port = free_port()
        # A reviewer for the review page's picture: an account made here, with a password nobody keeps.
        from tracker.review_serve import add_reviewer

        password = os.urandom(12).hex()
        add_reviewer(Path(tmp) / "reviewers.yaml", "reviewer", password)
        env["TRACKER_REVIEWERS"] = str(Path(tmp) / "reviewers.yaml")
        server = subprocess.Popen([TRACKER, "serve", "--db", str(db), "--port", str(port)], cwd=tmp, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                for name, path, selector in [p for p in PAGES if not args.only or p[0] in args.only]:
                    page.goto(base + path.format(article=article, case=case))
                    page.wait_for_selector(selector)
                    page.screenshot(path=args.out / name, full_page=False)
                    print(args.out / name)
                page.goto(base + "/-/login")
                page.fill("input[name=username]", "reviewer")
                page.fill("input[name=password]", password)
                page.click("input[type=submit]")
                page.goto(base + f"/tracker/articles/{article}#review")
                page.wait_for_selector("section.review")
                page.locator("section.review").screenshot(path=args.out / "review.png")
                print(args.out / "review.png")
                browser.close()
        finally:
            os.killpg(server.pid, 15)
            server.wait(10)


if __name__ == "__main__":
    main()
