"""Is this page an article? A verdict from every piece of evidence the page gives, each signal with its weight.

No one signal decides (but one: a link that answers 404 or 410 is gone). Article pages say
`og:type=website` often enough, short news items are short, Japanese has no spaces, and a
category archive can carry a date and a byline in each of its teasers. So each signal adds a
weight for (+) or against (-) an article, and says which kind of page it points to when it
points away; the sum decides, and the kind with the most weight against names the verdict.
`tracker inspect` shows the verdict and every signal behind it.

The weights were set on the development part of tests/data/page_types/ (public pages, see its
README); `bench/page_types.py` prints the figures, docs/understanding.md records them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from pipeline.collect.urls import is_tracking
from pipeline.languages import languages_dir
from pipeline.records import PageSignal, PageVerdict
from pipeline.understand.page_links import below, paged_listing
from pipeline.understand.page_media import audio_file, deck, episode_words, gallery, names, player_card
from pipeline.understand.page_shop import customer_reviews, og_product, order_form, things
from pipeline.understand.page_words import page_paths, title

KINDS = ("article", "archive", "home", "about", "video", "audio", "gallery", "author", "product", "event", "gone",
         "other")
GONE = {404: "404 Not Found", 410: "410 Gone"}  # the story was pulled: record it, store nothing

# schema.org types, lower case. An article page often also carries WebSite, WebPage, Organization,
# BreadcrumbList or an embedded VideoObject, so those count only when no article type is there.
ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "liveblogposting", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "report",
    "scholarlyarticle", "techarticle", "satiricalarticle", "socialmediaposting", "review",
}
OTHER_TYPES = {
    "videoobject": ("video", -2.5), "clip": ("video", -2.0), "episode": ("video", -2.0),
    "collectionpage": ("archive", -2.5), "itemlist": ("archive", -1.0), "searchresultspage": ("archive", -2.5),
    "aboutpage": ("about", -2.5), "contactpage": ("about", -2.5), "profilepage": ("author", -2.5),
    "imagegallery": ("gallery", -2.5), "mediagallery": ("gallery", -2.5), "website": ("home", -0.5),
    # a podcast's episode or show page, a song, an album, a band: what a player page declares
    "podcastepisode": ("audio", -2.5), "podcastseries": ("audio", -2.5), "radioepisode": ("audio", -2.5),
    "radioseries": ("audio", -2.5), "audioobject": ("audio", -2.5), "musicrecording": ("audio", -2.5),
    "musicalbum": ("audio", -2.5), "musicplaylist": ("audio", -2.5), "musicgroup": ("audio", -2.5),
    "webpage": ("other", -0.5),
}
OG_TYPES = {
    "article": ("article", 1.0), "website": ("home", -0.5), "profile": ("author", -1.5), "book": ("other", -1.0),
    "video.other": ("video", -1.5), "video.movie": ("video", -1.5), "video.episode": ("video", -1.5),
    "video": ("video", -1.5),
}
# og:type music.song, music.album, music.playlist, music.radio_station (no article says so); a site's own
# "…:audio" or "…:podcast" type
OG_AUDIO = re.compile(r"^(music\.\w+|([\w.-]+:)?(audio|podcast))$")
# Open Graph's types of an organisation or a place (business.business, place, restaurant.restaurant, the old
# company, government, school…): the page presents the body itself, a business card, not a story about it
# (round 8: a village's "Zahlen und Daten" page says business.business; no labelled article says any of them)
OG_BODY = re.compile(r"^(business\.business|place|restaurant\.restaurant|company|government|non_profit|school|"
                     r"university|hotel|bar|cafe|landmark|city|country|state_province)$")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
DATE_IN_PATH = re.compile(r"/(19|20)\d\d[/-]?(0[1-9]|1[0-2])([/-]?[0-3]\d)?(/|-|$)|/(19|20)\d\d(0[1-9]|1[0-2])[0-3]\d")
LONG_ID = re.compile(r"\d{5,}")
# "ASM2Q5HKNM2QUCVL02D", "vogeldesjahres2021", "a-46465215": a story's own id, letters with four digits or more
OPAQUE_ID = re.compile(r"(?=(?:\D*\d){4})(?=.*[A-Za-z])[A-Za-z0-9]{6,}")
# "?p=31228", "?idx=8576", "?article717", "?storyid=504", "?px=Steam-May-2019-Numbers": a CMS's story id or
# slug in the query
QUERY_ID = re.compile(r"(^|&)(?!utm_)(([a-z_]*=)?[a-z_]*\d{3,}/?|[a-z_]+=[\w]+(-[\w]+){2,})(&|$)", re.I)
# "?articleid=20111118_61_A16_Opposi344152", "?cp-documentid=31244150": a parameter named an id whose value holds
# digits (round 6: Tulsa World, MSN); not a click or session id
NAMED_ID = re.compile(r"(^|&)(?!fbclid|gclid|msclkid|session)[a-z_-]*id=[\w-]*\d[\w-]*(&|$)", re.I)
# WordPress and its kind mark a static page (about, contact) or a post in the body's or article's class
CMS_PAGE = re.compile(r"\b(page-id-\d+|type-page)\b")
CMS_POST = re.compile(r"\b(single-post|postid-\d+|type-post)\b")
TEASER_LINKS = ("//*[self::h1 or self::h2 or self::h3 or self::h4]//a[@href] | "
                "//a[@href][.//*[self::h2 or self::h3 or self::h4]]")
CHROME = {"nav", "header", "footer", "aside"}
MF_ENTRY = ('//*[contains(concat(" ", normalize-space(@class), " "), " h-entry ")'
            ' or contains(concat(" ", normalize-space(@class), " "), " hentry ")]')
PLAYER = ("//video | //audio | //iframe[contains(@src, 'youtube') or contains(@src, 'vimeo') or contains(@src, 'player')]"
          " | //*[contains(@class, 'player') or contains(@class, 'Player') or contains(@id, 'player')]")
VISIBLE_DATES = {"json-ld", "meta", "byline", "url"}  # a date the page states (not htmldate's guess)
PERSON_NAME = re.compile(r"^[^/@:]{3,60}$")


CJK_WEIGHT = 3  # one Chinese, Japanese or Korean character says about as much as three Latin letters


def text_length(text: str) -> int:
    """Characters without white space, a CJK character counting three: a length that means the same in
    Japanese, Chinese, Korean and English.

    Counting words by spaces makes a Japanese article of 2,000 characters "12 words"; counting characters
    alone makes a Korean article of 2,000 syllables (a long read) as long as an English note of 2,000 letters.
    """
    return len(re.sub(r"\s", "", text)) + (CJK_WEIGHT - 1) * len(CJK.findall(text))


def url_shape(url: str) -> tuple[str, ...]:
    """A URL's path as classes of segments: ("section", "YYYY", "MM", "slug") for /news/2025/03/some-story."""
    shape = []
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if len(segments) > 1 and re.fullmatch(r"(index|default)\.\w+", segments[-1], re.I):
        segments.pop()  # CNN's /2010/…/ohio-state-holmes.ap/index.html: the folder names the story (round 7)
    for segment in segments:
        stem = segment.rsplit(".", 1)[0]
        if re.fullmatch(r"(19|20)\d\d", stem):
            shape.append("YYYY")
        elif re.fullmatch(r"\d{1,2}", stem):
            shape.append("NN")
        elif re.fullmatch(r"[\d_-]+", stem):
            shape.append("ID")
        elif stem.count("-") + stem.count("_") >= 2 or LONG_ID.search(stem) or OPAQUE_ID.fullmatch(stem):
            shape.append("slug")
        else:
            shape.append(stem.lower())
    return tuple(shape)


def _schema_types(tree, objects: list[dict]) -> list[str]:
    """Every schema.org type the page declares, once per object (JSON-LD) or element (microdata)."""
    found = []
    for obj in objects:
        kinds = obj.get("@type")
        for kind in kinds if isinstance(kinds, list) else [kinds]:
            if isinstance(kind, str):
                found.append(kind.rsplit("/", 1)[-1].lower())
    for itemtype in tree.xpath("//*[@itemtype]/@itemtype")[:200]:
        found.extend(kind.rstrip("/").rsplit("/", 1)[-1].lower() for kind in itemtype.split())
    return found


def _describes_itself(tree, objects: list[dict], url: str) -> bool:
    """One JSON-LD article object names this page as its own (url, @id or mainEntityOfPage), or one or two
    microdata article elements hold a story's text (the others being related stories' cards).

    Three or more that each hold a story's text are posts shown in full one after another: a blog's front or
    category page (round 6's livedoor blog, five BlogPostings of 1,400 characters and more). Of the 863
    articles of dev to test4, two have two such elements and none three."""
    stories: list = []
    for item in tree.xpath("//*[@itemtype]")[:200]:
        kinds = {k.rstrip("/").rsplit("/", 1)[-1].lower() for k in item.get("itemtype", "").split()}
        if kinds & ARTICLE_TYPES and text_length(item.text_content()) >= 1000 \
                and not any(a in stories for a in item.iterancestors()):
            stories.append(item)
    return 1 <= len(stories) <= 2 or _names_itself(objects, url)


def _names_itself(objects: list[dict], url: str) -> bool:
    """A JSON-LD article object names this page (url, @id or mainEntityOfPage)."""
    path = urlsplit(url).path.rstrip("/")
    for obj in objects:
        kinds = obj.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
            continue
        own = obj.get("mainEntityOfPage")
        for value in (obj.get("url"), obj.get("@id"), own.get("@id") if isinstance(own, dict) else own):
            if isinstance(value, str) and path and urlsplit(value).path.rstrip("/") == path:
                return True
    return False


def _structured(signals: list[PageSignal], tree, objects: list[dict], url: str, text: str) -> None:
    types = _schema_types(tree, objects)
    articles = [t for t in types if t in ARTICLE_TYPES]
    if customer_reviews(articles, types, tree):
        articles = []
    if len(articles) >= 3 and not _describes_itself(tree, objects, url):
        # One article per teaser: a list of articles, not one.
        signals.append(PageSignal("structured data", f"{len(articles)} articles described", -3.0, "archive"))
        return
    if articles:
        signals.append(PageSignal("structured data", ", ".join(sorted(set(articles))), 3.0, "article"))
        media = sorted({t for t in types if OTHER_TYPES.get(t, ("",))[0] in ("video", "audio", "gallery")})
        if media and text_length(text) < 1500:
            # A CMS marks its video and photo pages NewsArticle too; the media object with little text
            # around it is what the page is.
            kind = OTHER_TYPES[media[0]][0]
            signals.append(PageSignal("structured data", f"{', '.join(media)} beside it, little text", -3.0, kind))
        return
    audio = sorted({t for t in types if OTHER_TYPES.get(t, ("",))[0] == "audio"})
    if audio:  # an episode and its series, a recording and its band: one page of sound, one signal
        signals.append(PageSignal("structured data", ", ".join(audio), -2.5, "audio"))
    for kind in sorted(set(types) - set(audio) - set(things(signals, types))):
        if kind in OTHER_TYPES:
            points_to, weight = OTHER_TYPES[kind]
            signals.append(PageSignal("structured data", kind, weight, points_to))


def _og_type(signals: list[PageSignal], tree) -> None:
    found = tree.xpath('//meta[@property="og:type" or @name="og:type"]/@content')
    value = found[0].strip().lower() if found else ""
    if value in OG_TYPES:
        kind, weight = OG_TYPES[value]
        signals.append(PageSignal("og:type", value, weight, kind))
    elif OG_AUDIO.match(value):
        signals.append(PageSignal("og:type", value, -2.5, "audio"))
    elif OG_BODY.match(value):
        signals.append(PageSignal("og:type", f"{value}: an organisation or a place", -2.5, "about"))
    else:
        og_product(signals, value)


def _in_chrome(element) -> bool:
    return any(a.tag in CHROME for a in element.iterancestors())


def teasers(tree, url: str) -> list:
    """Links of this site behind headings, outside nav, header, footer and aside, one per target: teasers."""
    host = urlsplit(url).hostname or ""
    seen: dict[str, object] = {}
    for link in tree.xpath(TEASER_LINKS)[:400]:
        href = (link.get("href") or "").split("#")[0].strip()
        target = urlsplit(href)
        if not href or href.startswith(("javascript:", "mailto:")) or (target.hostname and target.hostname != host):
            continue
        if href not in seen and not _in_chrome(link):
            seen[href] = link
    return list(seen.values())


def _with_excerpt(link, lines: list[str]) -> set[str]:
    """The lines of the page's main text that the teaser's own block (up to three levels up) holds: its
    excerpt or its headline; an empty set when it holds none."""
    for level, block in enumerate(link.iterancestors()):
        if level >= 3:
            return set()
        content = " ".join(block.text_content().split())
        if len(content) > 1500:
            return set()
        if found := {line for line in lines if line in content}:
            return found
    return set()


def _own_titles(tree) -> set[str]:
    """The page's own headline as its og:title, <title> and <h1> give it."""
    found = tree.xpath('//meta[@property="og:title"]/@content | //title/text()') + \
        [h.text_content() for h in tree.xpath("//h1")[:5]]
    return {" ".join(t.split()) for t in found if t.strip()}


def _is_self(link, url: str) -> bool:
    """A link to the page itself ("most popular" and "latest" rows list the story being read)."""
    target = urlsplit(urljoin(url, link.get("href") or ""))
    return (target.hostname or "", target.path.rstrip("/")) == (urlsplit(url).hostname or "",
                                                                 urlsplit(url).path.rstrip("/"))


def _listing(signals: list[PageSignal], tree, url: str, text: str, home: bool) -> None:
    """Many teasers, and a main text made of their headlines or excerpts, are an archive (or a home page)."""
    found = teasers(tree, url)
    kind = "home" if home else "archive"
    if len(found) >= 100:
        signals.append(PageSignal("teasers", f"{len(found)} links to other pages under headings", -2.5, kind))
    elif len(found) >= 25:
        signals.append(PageSignal("teasers", f"{len(found)} links to other pages under headings", -1.5, kind))
    elif len(found) >= 12:
        signals.append(PageSignal("teasers", f"{len(found)} links to other pages under headings", -1.0, kind))
    elif len(found) >= 6:
        signals.append(PageSignal("teasers", f"{len(found)} links to other pages under headings", -0.5, kind))
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines:
        return
    anchors = {" ".join(a.text_content().split()) for a in tree.xpath("//a[@href]")[:2000]}
    linked = sum(1 for line in lines if len(line) > 15 and line in anchors)
    if linked >= 5 and linked / len(lines) >= 0.25:
        signals.append(PageSignal("headlines in the text", f"{linked} of {len(lines)} paragraphs are links",
                                  -2.0, kind))
        return
    # The page's own headline is no teaser's excerpt, nor is a teaser that links to the page itself: "most
    # popular" and "latest" rows name the story being read, and its headline is the first line of its text
    # (round 5's The Nation, dev's CBS News live page).
    own = _own_titles(tree)
    long_lines = [line for line in lines if len(line) > 40 and not any(line in t for t in own)]
    covered: set[str] = set()
    excerpts = 0
    for link in found[:60]:
        if not _is_self(link, url) and (lines_of := _with_excerpt(link, long_lines)):
            excerpts += 1
            covered |= lines_of
    share = sum(len(line) for line in covered) / max(sum(len(line) for line in lines), 1)
    if excerpts >= 5 and share < 0.2:
        # Teasers and their excerpts are under a fifth of the text: a row of related stories that the
        # extraction took in below a story (round 5's The Nation: six headlines and their excerpts under
        # 5,000 characters of its own), or a listing whose text is mostly something else; it weighs half.
        signals.append(PageSignal("excerpts in the text", f"{excerpts} teasers' excerpts, {share:.0%} of the text",
                                  -1.0, kind))
    elif excerpts >= 5:
        signals.append(PageSignal("excerpts in the text", f"{excerpts} teasers' excerpts make up the text",
                                  -2.0, kind))


def _no_story(blocks: list, share: bool = False) -> tuple[bool, int]:
    """No block holds a story's text: none reaches 800 characters, or (`share`), of ten or more, none an eighth
    of them all (a link log's longer entry). Also the longest block's length."""
    lengths = [text_length(b.text_content()) for b in blocks]
    longest = max(lengths)
    return longest < 800 or (share and len(blocks) >= 10 and longest * 8 < sum(lengths)), longest


def _cards(signals: list[PageSignal], tree, home: bool) -> None:
    """Ten or more <article> elements (or five h-entry posts), none holding a story's text, are teaser cards.

    An article page may list related stories as <article> cards too, but one of its <article>s holds the
    story itself (over 800 characters); a section page that calls itself og:type=article has only cards. Posts
    marked h-entry are posts, not related-story cards: of ten or more, one over 800 characters must also hold
    an eighth of their text to be the page's own story.
    """
    kind = "home" if home else "archive"
    cards = [a for a in tree.xpath("//article")[:500] if not _in_chrome(a)]
    if len(cards) >= 10:
        none, longest = _no_story(cards)
        if none:
            signals.append(PageSignal("cards", f"{len(cards)} <article> cards, the longest {longest} characters",
                                      -2.5 if len(cards) >= 25 else -2.0, kind))
            return
    entries = [e for e in tree.xpath(MF_ENTRY)[:500] if not _in_chrome(e)]
    if len(entries) >= 5:
        # microformats' h-entry (hentry): one per post; a page of five or more short ones is a feed of posts
        none, longest = _no_story(entries, share=True)
        if none:
            signals.append(PageSignal("cards", f"{len(entries)} h-entry posts, the longest {longest} characters",
                                      -2.0, kind))


LANGUAGE_PREFIX = re.compile(r"[a-z]{2}(-[a-z]{2})?", re.I)


def _cms_class(signals: list[PageSignal], tree, url: str) -> None:
    """WordPress (and its kind) says in the body's or article's class whether this is a static page or a post.

    A site's about and contact pages sit near its root (/uber-uns/, /film/geschichte/); a static page three or
    more folders deep is filed content, a guide or a feature a CMS keeps as a page (round 8's
    /things-to-do/nature-and-parks/walks/best-walks, round 6's /content/marketing-your-business/most-expensive-…/):
    there the mark says nothing."""
    classes = " ".join(tree.xpath("//body/@class | //article/@class")[:50])
    if CMS_PAGE.search(classes) and not CMS_POST.search(classes):
        folders = [s for s in urlsplit(url).path.split("/") if s]
        if folders and LANGUAGE_PREFIX.fullmatch(folders[0]):
            folders = folders[1:]  # "/de/ueber-uns/team/": the language's folder is no depth of the site's own
        if len(folders) < 3:
            signals.append(PageSignal("cms", "marked a static page (page-id, type-page)", -2.5, "about"))
    elif CMS_POST.search(classes):
        signals.append(PageSignal("cms", "marked a post (single-post, type-post)", 0.5, "article"))


def _player(signals: list[PageSignal], tree, text: str) -> None:
    """A player with little text around it is a video page; an article may embed one in a long text.

    A news site also puts a player above a short story: unless the address says video, it weighs less.
    """
    if text_length(text) < 900 and tree.xpath(PLAYER):
        said = any(s.name == "url" and s.kind == "video" and s.weight <= -3.0 for s in signals)
        signals.append(PageSignal("player", "a video or audio player, little text", -1.5 if said else -1.0, "video"))


def _length(signals: list[PageSignal], text: str) -> None:
    chars = text_length(text)
    cjk = len(CJK.findall(text)) * CJK_WEIGHT > chars / 3
    cjk = " (CJK counted three times)" if cjk else ""
    if chars >= 2500:
        signals.append(PageSignal("text length", f"{chars} characters{cjk}", 1.0, "article"))
    elif chars >= 1000:
        signals.append(PageSignal("text length", f"{chars} characters{cjk}", 0.5, "article"))
    elif chars < 300:
        signals.append(PageSignal("text length", f"{chars} characters{cjk}", -2.0, "other"))
    elif chars < 600:
        signals.append(PageSignal("text length", f"{chars} characters{cjk}", -0.5, "other"))


def _scaled(signals: list[PageSignal], names: set[str], factor: float, why: str) -> list[PageSignal]:
    """The signals, those for an article among `names` counting `factor` of their weight, saying why."""
    return [PageSignal(s.name, f"{s.value} ({why})", s.weight * factor, s.kind) if s.name in names and s.weight > 0
            else s for s in signals]


def _url(signals: list[PageSignal], url: str, known_urls: list[str]) -> bool:
    """The URL's shape, alone and against the source's stored articles; True for a home page."""
    parts = urlsplit(url)
    # Tracking parameters ("?ocid=msedgntp1") are no story's id; the rest is read as written ("?p=959/")
    query = "&".join(q for q in parts.query.split("&") if not is_tracking(q.split("=", 1)[0]))
    path, query_id = parts.path, bool(QUERY_ID.search(query) or NAMED_ID.search(query))
    if re.fullmatch(r"/?((index|default|home)\.\w+)?", path, re.I) and not query_id:
        signals.append(PageSignal("url", "the site's home page", -3.0, "home"))
        return True
    paged = paged_listing(path)
    if paged:
        # WordPress's /page/673/: a listing's further page; the number is no permalink's id (round 6)
        signals.append(PageSignal("url", f"/{paged.group(1)}/{paged.group(2)}: a listing's further page", -3.0,
                                  "archive"))
    for kind, pattern in page_paths(languages_dir()).items():
        if match := pattern.search(path):
            rest = path[match.end():]
            if kind == "archive" and (paged or DATE_IN_PATH.search("/" + rest) or re.search(r"(^|/)\d{3,}(\.\w+)?/?$", rest)
                                      or LONG_ID.search(rest)):
                break  # "/archives/2562": a permalink under an archive word; "/page/7": counted above
            if kind == "archive" and query_id and path[match.end() - 1] == "." and re.fullmatch(r"\w{2,5}", rest):
                break  # "/live/news.php?newid=13066": the word names the script that serves each story by its id
                # (only a listing's word: "/product.php?id=12", "/video/?id=12" still say what they serve)
            signals.append(PageSignal("url", f"/{match.group(1)}/ in the path", -3.0, kind))
            break
    shape = url_shape(url)
    if shape and shape[-1] == "YYYY" or re.search(r"/(19|20)\d\d(/[01]?\d){1,2}/?$", path):
        signals.append(PageSignal("url", "ends in a date: a date archive", -2.0, "archive"))
    elif DATE_IN_PATH.search(path) and shape and shape[-1] not in {"YYYY", "NN"}:
        signals.append(PageSignal("url", "a date in the path", 1.0, "article"))
    if (shape and shape[-1] in {"slug", "ID"} and not paged) or query_id:
        signals.append(PageSignal("url", "ends in a slug or an id", 1.0, "article"))
    elif len(shape) <= 2 and not DATE_IN_PATH.search(path) and not re.search(r"[-_]", shape[-1] if shape else "") \
            and not (shape and shape[-1] == "YYYY"):
        signals.append(PageSignal("url", "a short path without a slug: a section", -1.0, "archive"))
    if len(known_urls) >= 5:
        shapes = {url_shape(u) for u in known_urls}
        if shape in shapes:
            signals.append(PageSignal("url", "shaped like the source's stored articles", 1.0, "article"))
        else:
            signals.append(PageSignal("url", f"unlike the source's {len(known_urls)} stored articles", -0.5,
                                      "archive"))
    return False


def judge_page(tree, objects: list[dict], url: str, text: str, *, status: int = 200, via: str = "",
               dated_from: str | None = None, authors: list[str] | tuple = (), listed_as: str = "",
               known_urls: list[str] | tuple = ()) -> PageVerdict:
    """The verdict on one page: article or a kind of other page, with every signal and its weight.

    `via` is how the crawl found it ("feed", "sitemap", "listing", "feed-content"); `listed_as` a title a
    feed entry or news sitemap gave it; `dated_from` where its date was found; `known_urls` the URLs of
    articles stored from its source, whose shape a new article usually shares.
    """
    signals: list[PageSignal] = []
    if status in GONE:
        signals.append(PageSignal("http status", GONE[status], -10.0, "gone"))
    if via == "feed-content":
        signals.append(PageSignal("found by", "the feed's own text of an item whose page did not answer", 3.0,
                                  "article"))
    elif via == "feed" or listed_as:
        signals.append(PageSignal("found by", f"a {via or 'feed'} entry naming it", 1.0, "article"))
    _structured(signals, tree, objects, url, text)
    _og_type(signals, tree)
    home = _url(signals, url, list(known_urls)) if via != "feed-content" else False
    if via != "feed-content":
        _listing(signals, tree, url, text, home)
        below(signals, tree, url)
        _cards(signals, tree, home)
        _player(signals, tree, text)
        pictures = gallery(signals, tree, text, text_length) or deck(signals, tree)
        player_card(signals, tree)
        order_form(signals, tree)
        audio_file(signals, tree, text, names(tree, url, episode_words(languages_dir())), text_length)
    else:
        pictures = False
    _cms_class(signals, tree, url)
    title(signals, tree)
    _length(signals, text)
    if dated_from in VISIBLE_DATES - {"url"}:
        signals.append(PageSignal("date", f"a publication date ({dated_from})", 0.5, "article"))
    if people := [a for a in authors if PERSON_NAME.match(a)]:  # a URL or an e-mail address is no byline
        signals.append(PageSignal("byline", ", ".join(people[:3]), 0.5, "article"))
    if not people and dated_from not in VISIBLE_DATES and via != "feed-content":
        # An about, contact or schedule page names no author and no date; a news article nearly always one.
        signals.append(PageSignal("byline and date", "neither found", -0.75, "about"))
    said = {s.kind for s in signals if s.name == "url" and s.weight <= -3.0}
    if said & {"home", "archive"} and not _names_itself(objects, url):
        # A blog's front or search listing marks the post it shows BlogPosting (round 6's Blogger pages): an
        # article object that does not name this address is that post's: nothing on the home page, half else.
        part = 0.0 if "home" in said else 0.5
        signals = _scaled(signals, {"structured data"}, part, f"x{part}: another page's")
    if said & {"video", "gallery"} or pictures:
        # A CMS that marks every page NewsArticle marks its video and photo pages so too: the address (or the
        # slides themselves) is the better witness, so the structured data counts half; a gallery found in
        # the page halves og:type article too, which such a CMS sets on every page.
        why = "the address says otherwise" if said & {"video", "gallery"} else "the page is its pictures"
        halved = {"structured data", "og:type"} if pictures else {"structured data"}
        signals = _scaled(signals, halved, 0.5, f"half: {why}")
    score = round(sum(s.weight for s in signals), 2)
    if score > 0 and status not in GONE:  # no evidence either way is no article
        return PageVerdict("article", score, signals)
    against: dict[str, float] = {}
    for s in signals:
        if s.weight < 0:
            against[s.kind] = against.get(s.kind, 0.0) + s.weight
    kind = min(against, key=lambda k: (against[k], KINDS.index(k))) if against else "other"
    return PageVerdict(kind, score, signals)
