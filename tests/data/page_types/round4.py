"""Round 4 (issue 19): a third held-out split, `test3`, built to hold many non-articles.

Labels are ours, set from each page's address, title, headings and text before the judgement was run on any
of them, and committed (with the SHA-1 of every stored page) before the first measurement. Sources, all new to
this set: microlinkhq/metascraper (MIT), getpelican/pelican (AGPL-3.0), aaronpk/XRay (MIT), codelucas/newspaper
(MIT); pages (c) their publishers. Which articles are taken is fixed by a hash (`picked`), not chosen by eye.
Run: python round4.py [/work/.mirror]  (appends to labels.jsonl and writes the pages under pages/).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys

import lxml.html
from fetch_pages import HERE, git, write

BLOB = "https://github.com/{repo}/blob/{commit}/{path}"
MS = "microlinkhq+metascraper"
MS_LICENCE = "MIT (repository); pages (c) their publishers"
INTEGRATION = "packages/metascraper/test/integration/"

# metascraper's integration pages (address: the one its test passes): the non-articles, with their kind.
MS_OTHERS = {
    "qz": "archive",                 # Quartz, /on/beyond-silicon-valley/: a topic page of teasers
    "belfusto": "archive",           # a tag page (schema.org CollectionPage) under og:type article
    "linkedin-company": "about",     # a company's LinkedIn page
    "learnnode": "home",             # a course's landing page
    "milanocittastato": "home",      # an Italian magazine's front page
    "yandex": "home",                # a portal's front page with news headlines
    "vimeo": "video",
    "acast": "audio",                # podcast episode players and episode pages with a short summary
    "transistor": "audio",
    "reactpodcast": "audio",
    "bfi": "audio",
    "wnycstudios": "audio",
}
# Neither a news or blog article nor a kind asked about: code, social posts, an encyclopaedia entry, a car for
# sale, a forum post, a recipe, a how-to guide; two podcast pages whose body is a full transcript (ambiguous).
MS_NEITHER = {"github", "instagram", "twitter-gif", "twitter-image", "wikipedia", "teslahunt", "pikabu",
              "smitten-kitchen", "segment-academy", "theflip", "indiehackers"}

# metascraper's fixtures: (path under packages/, address, kind). Pages with next to nothing in their HTML
# (an Instagram profile, a Telegram card, an IMDb stub, a 1 KB YouTube stub) and pages without a known
# address are left out; so are social posts and shop pages.
MS_FIXTURES = [
    ("metascraper-logo-favicon/test/fixtures/theverge.html", "https://www.theverge.com/", "home"),
    ("metascraper-uol/test/fixtures/folha.html", "https://www.folha.uol.com.br/", "home"),
    ("metascraper-video/test/fixtures/providers/bluecadet.com.html", "https://www.bluecadet.com/", "home"),
    ("metascraper-readability/test/fixtures/kikobeats.com.html", "https://kikobeats.com", "home"),
    ("metascraper-readability/test/fixtures/microlink.io.html", "https://microlink.io", "home"),
    ("metascraper-readability/test/fixtures/chowhanandsons.com.html", "https://www.chowhanandsons.com/", "home"),
    ("metascraper-youtube/test/fixtures/youtube-video.html", "https://www.youtube.com/watch?v=hwMkbaS_M_c", "video"),
    ("metascraper-tiktok/test/fixtures/video.html", "https://www.tiktok.com/@illojuan/video/7571863205253778710",
     "video"),
    ("metascraper-video/test/fixtures/providers/clip.twitch.tv.html",
     "https://clips.twitch.tv/GorgeousFunnyNeanderthalBIRB", "video"),
    ("metascraper-video/test/fixtures/providers/medal.tv.html",
     "https://medal.tv/games/rocket-league/clips/1nEKJA2AvZCM9F", "video"),
    ("metascraper-video/test/fixtures/providers/giphy.com.html",
     "https://giphy.com/gifs/the-office-no-steve-carell-12XMGIWtrHBl5e", "video"),
    ("metascraper-youtube/test/fixtures/youtube-channel.html",
     "https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA", "author"),
    ("metascraper-tiktok/test/fixtures/profile.html", "https://www.tiktok.com/@illojuan", "author"),
    ("metascraper-dribbble/test/fixtures/profile.html", "https://dribbble.com/phenomenonstudio", "author"),
    ("metascraper-x/test/fixtures/profile.html", "https://x.com/kikobeats", "author"),
    ("metascraper-bluesky/test/fixtures/profile.html", "https://bsky.app/profile/stephenking.bsky.social", "author"),
    ("metascraper-spotify/test/fixtures/artist.html", "https://open.spotify.com/artist/1gR0gsQYfi6joyO1dlp76N",
     "author"),
    ("metascraper-spotify/test/fixtures/show.html", "https://open.spotify.com/show/4kYCRYJ3yK5DQbP5tbfZby", "audio"),
    ("metascraper-spotify/test/fixtures/episode.html", "https://open.spotify.com/episode/64TORH3xleuD1wcnFsrH1E",
     "audio"),
    ("metascraper-audio/test/fixtures/providers/ivoox.com.html",
     "https://www.ivoox.com/molecula-falta-audios-mp3_rf_113954595_1.html", "audio"),
    ("metascraper-audio/test/fixtures/providers/podcasts.apple.com.html",
     "https://podcasts.apple.com/es/podcast/la-mol%C3%A9cula-que-falta/id1181714154?i=1000623871376", "audio"),
    ("metascraper-audio/test/fixtures/providers/transistor.fm.html", "https://share.transistor.fm/s/e83b42d0",
     "audio"),
    ("metascraper-soundcloud/test/fixtures/song.html",
     "https://soundcloud.com/beautybrainsp/beauty-brain-swag-bandicoot", "audio"),
    # articles: Portuguese and Polish news and reviews (the Polish one says og:type website), a Verge story
    ("metascraper-uol/test/fixtures/entretenimento.html",
     "https://entretenimento.uol.com.br/noticias/redacao/2019/05/27/"
     "gabriel-diniz-do-hit-jenifer-se-envolve-em-acidente-de-aviao-em-sergipe.html", "article"),
    ("metascraper-uol/test/fixtures/torcedores.html",
     "https://www.torcedores.com/noticias/2019/06/modelo-diz-motivo-para-continuar-conversa-neymar", "article"),
    ("metascraper-lang/test/fixtures/html-lang.html",
     "http://www.dwutygodnik.com/artykul/7615-churchill-bohater-naszych-czasow.html", "article"),
    ("metascraper-video/test/fixtures/video-src.html",
     "https://www.theverge.com/2018/1/22/16921092/pentagon-secret-nuclear-bunker-reconstruction-minecraft-cns-miis-model",
     "article"),
]

# Pelican's own rendered test blog ("custom" theme output, address from its SITEURL): the listing pages a
# blog engine writes around its posts. Its posts are test stubs of a few words, so none is taken as an article.
PELICAN = "getpelican+pelican"
PELICAN_SITE = "http://blog.notmyidea.org/"
PELICAN_PAGES = {
    "index.html": "home",
    "archives.html": "archive",
    "categories.html": "archive",
    "category/misc.html": "archive",
    "tag/bar.html": "archive",
    "author/alexis-metaireau.html": "author",
    "pages/this-is-a-test-page.html": "about",
}

# XRay's captured responses of real IndieWeb pages (HTTP headers before the HTML, removed here).
XRAY = "aaronpk+XRay"
XRAY_PAGES = [
    ("tests/data/feed.example.com/adactio-links", "https://adactio.com/links", "archive"),  # a dated link log
    ("tests/data/feed.example.com/waterpigs", "https://waterpigs.co.uk/", "home"),          # a personal h-feed
    ("tests/data/source.example.com/ascraeus", "https://ascraeus.org/", "home"),            # a blog of notes
]

# codelucas/newspaper's publisher pages (not in newspaper4k's set): a hashed pick of the publisher pairs, and
# both German pages. fool.com2 is a stored "403 Forbidden" and is left out. Three are galleries: a runway
# slideshow, a slideshow round-up under a short intro, and eight captioned photos under a short intro.
NEWSPAPER = "codelucas+newspaper"
NEWSPAPER_OTHERS = {"tests/data/html/elle.com1.html": "gallery", "tests/data/html/apartmenttherapy.com2.html": "gallery",
                    "tests/data/html/vogue.de2.html": "gallery"}
NEWSPAPER_NEITHER = {"tests/data/html/fool.com2.html"}
NEWSPAPER_ALWAYS = {"tests/data/html/vogue.de1.html", "tests/data/html/vogue.de2.html"}


def picked(key: str, one_in: int) -> bool:
    return int(hashlib.sha1(("v4:" + key).encode()).hexdigest(), 16) % one_in == 0


def canonical(raw: bytes) -> str:
    tree = lxml.html.fromstring(raw)
    found = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    return found[0].strip() if found else ""


def add(rows: list, folder: str, name: str, raw: bytes, repo: str, commit: str, path: str, url: str, kind: str,
        licence: str) -> None:
    write(rows, folder, name, raw, split="test3", url=url, type=kind,
          source=BLOB.format(repo=repo.replace("+", "/"), commit=commit, path=path), licence=licence, round=4)
    stored = gzip.decompress((HERE / rows[-1]["path"]).read_bytes())
    rows[-1]["sha1"] = hashlib.sha1(stored).hexdigest()  # pins the page measured, whether or not it is committed


def metascraper(rows: list) -> None:
    commit = git(MS, "rev-parse", "HEAD").decode().strip()
    listed = git(MS, "ls-tree", "-r", "--name-only", "HEAD", INTEGRATION).decode().split()
    for path in listed:
        if not path.endswith(".html"):
            continue
        name = path.removeprefix(INTEGRATION).split("/")[0]
        if name in MS_NEITHER:
            continue
        kind = MS_OTHERS.get(name, "article")
        if kind == "article" and not picked(path, 3):
            continue
        test = git(MS, "show", f"HEAD:{INTEGRATION}{name}/index.js").decode()
        url = test.split("const url = '", 1)[1].split("'", 1)[0] if "const url = '" in test else ""
        raw = git(MS, "show", f"HEAD:{path}")
        url = url or canonical(raw)
        stem = path.removeprefix(INTEGRATION).removesuffix(".html").replace("/input", "").replace("/", "-")
        add(rows, "metascraper", stem, raw, MS, commit, path, url, kind, MS_LICENCE)
    for path, url, kind in MS_FIXTURES:
        raw = git(MS, "show", f"HEAD:packages/{path}")
        stem = path.split("/")[0].removeprefix("metascraper-") + "-" + path.rsplit("/", 1)[1].removesuffix(".html")
        add(rows, "metascraper", stem, raw, MS, commit, "packages/" + path, url, kind, MS_LICENCE)


def pelican(rows: list) -> None:
    commit = git(PELICAN, "rev-parse", "HEAD").decode().strip()
    for page, kind in PELICAN_PAGES.items():
        path = "pelican/tests/output/custom/" + page
        add(rows, "pelican", page.removesuffix(".html").replace("/", "-"), git(PELICAN, "show", f"HEAD:{path}"),
            PELICAN, commit, path, PELICAN_SITE + ("" if page == "index.html" else page), kind,
            "AGPL-3.0 (repository); pages generated by Pelican from its test content")


def xray(rows: list) -> None:
    commit = git(XRAY, "rev-parse", "HEAD").decode().strip()
    for path, url, kind in XRAY_PAGES:
        response = git(XRAY, "show", f"HEAD:{path}")
        head, _, body = response.replace(b"\r\n", b"\n").partition(b"\n\n")
        add(rows, "xray", path.rsplit("/", 1)[1], body, XRAY, commit, path, url, kind,
            "MIT (repository); pages (c) their publishers")


def newspaper(rows: list) -> None:
    commit = git(NEWSPAPER, "rev-parse", "HEAD").decode().strip()
    in_n4k = set(git("AndyTheFactory+newspaper4k", "ls-tree", "-r", "--name-only", "HEAD", "tests/data/html")
                 .decode().split())
    for path in git(NEWSPAPER, "ls-tree", "-r", "--name-only", "HEAD", "tests/data/html").decode().split():
        if path in in_n4k or path in NEWSPAPER_NEITHER or not path.endswith(".html"):
            continue
        if path not in NEWSPAPER_OTHERS and path not in NEWSPAPER_ALWAYS and not picked(path, 12):
            continue
        raw = git(NEWSPAPER, "show", f"HEAD:{path}")
        add(rows, "newspaper", path.rsplit("/", 1)[1].removesuffix(".html"), raw, NEWSPAPER, commit, path,
            canonical(raw), NEWSPAPER_OTHERS.get(path, "article"), "MIT (repository); pages (c) their publishers")


if __name__ == "__main__":
    rows: list = []
    for part in (metascraper, pelican, xray, newspaper):
        part(rows)
    with (HERE / "labels.jsonl").open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "pages", sys.argv[1:] or "")
