"""Round 9 of the labelled bylines (issue 19): its pages, from mirrors of four repositories no earlier round used.

Development-time only. `--pages` lists the pages in their fixed order and copies each to OUT (default
/work/fetched-bylines9/pages/) without running any tracker code on them, for labelling them by hand first;
`--raw` then adds the author strings the tracker's extraction finds (`raw`), as bench/bylines_collect.py does for
the earlier rounds. The pages stay out of the repository.

    python bench/bylines_collect9.py --pages                # id, address, file, SHA-1, in order
    python bench/bylines_collect9.py --raw > round9.jsonl   # the same pages with `raw` (after labelling)

Sources (mirrors under /work/.mirror/<owner>+<name>/repo, at their newest commit):
  omnivore-app/omnivore  packages/readabilityjs/test/test-pages/<name>/source.html, address in url.txt; AGPL-3.0.
                         Only the pages Omnivore added: a folder mozilla/readability also has (round 1) is left out,
                         and so are its e-mail newsletters (newsletters/, substack-email), which are no public page.
  j0k3r/graby            tests/fixtures/content/*.html; MIT.
  GeneralNewsExtractor/GeneralNewsExtractor   tests/<site>/*.html (Chinese news pages); GPL-3.0.
  keepcosmos/readability test/fixtures/*.html; Apache-2.0.
Except for Omnivore's, a page's address is its own (canonical, else og:url); pages with none are left out, as in
the earlier rounds. Pages of an earlier set (by address) and second copies (by address) are left out too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OMNIVORE = "packages/readabilityjs/test/test-pages/"
LICENCES = {"omnivore-app/omnivore": "AGPL-3.0 (repository); page (c) its publisher",
            "j0k3r/graby": "MIT (repository); page (c) its publisher",
            "GeneralNewsExtractor/GeneralNewsExtractor": "GPL-3.0 (repository); page (c) its publisher",
            "keepcosmos/readability": "Apache-2.0 (repository); page (c) its publisher"}
FOLDERS = {"j0k3r/graby": ("tests/fixtures/content/",),
           "GeneralNewsExtractor/GeneralNewsExtractor": ("tests/",),
           "keepcosmos/readability": ("test/fixtures/",)}


def _git(mirror: Path, repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(mirror / repo.replace("/", "+") / "repo"), *args],
                          capture_output=True, check=True).stdout


def _own_address(body: bytes) -> str | None:
    import lxml.html

    try:
        tree = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return None
    own = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    return own[0].strip() if own and own[0].strip().startswith("http") else None


def _pages(mirror: Path):
    """(repo, path, url, body) of every candidate page, in no particular order."""
    repo = "omnivore-app/omnivore"
    mozilla = set(_git(mirror, "mozilla/readability", "ls-tree", "-d", "--name-only", "HEAD:test/test-pages")
                  .decode().split())
    for path in _git(mirror, repo, "ls-tree", "-r", "--name-only", "HEAD", OMNIVORE).decode().split():
        name = path[len(OMNIVORE):].split("/")[0]
        if path.endswith("/source.html") and path.count("/") == OMNIVORE.count("/") + 1 and name not in mozilla \
                and name not in ("newsletters", "substack-email"):
            url = _git(mirror, repo, "show", f"HEAD:{path[:-len('source.html')]}url.txt").decode().split()[0]  # one has a shell redirect after it
            yield repo, path, url, _git(mirror, repo, "show", f"HEAD:{path}")
    for repo, folders in FOLDERS.items():
        for path in _git(mirror, repo, "ls-tree", "-r", "--name-only", "HEAD", *folders).decode().split():
            if path.endswith(".html"):
                body = _git(mirror, repo, "show", f"HEAD:{path}")
                url = _own_address(body)
                if url:
                    yield repo, path, url, body


def _source_of(mirror: Path):
    commits = {repo: _git(mirror, repo, "rev-parse", "HEAD").decode().strip() for repo in LICENCES}
    return lambda repo, path: (f"https://github.com/{repo}/blob/{commits[repo]}/{path}", LICENCES[repo])


def pages(mirror: Path) -> list[tuple[str, str, str, str, bytes]]:
    """Round 9's pages in the order of sha1("bylines9:" + repository + path), none of an earlier set: (id, repo,
    path, url, body). No tracker code runs here."""
    from bench.bylines_collect import _unseen

    return [("r9-" + hashlib.sha1(f"{repo}:{path}".encode()).hexdigest()[:12], repo, path, url, body)
            for repo, path, url, body in _unseen(_pages(mirror), 9)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path("/work/fetched-bylines9/pages"))
    parser.add_argument("--pages", action="store_true", help="list the pages in order and copy them to --out")
    parser.add_argument("--raw", action="store_true", help="the pages with the extraction's author strings")
    args = parser.parse_args()
    if args.pages:
        args.out.mkdir(parents=True, exist_ok=True)
        source_of = _source_of(args.mirror)
        for id_, repo, path, url, body in pages(args.mirror):
            (args.out / f"{id_}.html").write_bytes(body)
            print(json.dumps({"id": id_, "url": url, "source": source_of(repo, path)[0],
                              "page_sha1": hashlib.sha1(body).hexdigest()}, ensure_ascii=False))
    if args.raw:
        from bench.bylines_collect import _unseen_naming_someone

        for row in _unseen_naming_someone(_pages(args.mirror), 9, _source_of(args.mirror), sha1=True, every=True):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
