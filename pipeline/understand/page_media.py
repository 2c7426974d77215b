"""Signals of pages that are their pictures or their player (issue 19, round 5), for page_type.py.

A gallery or slideshow is a row of pictures, each with a line of caption, and little running text beside
them; an article with many photos has them too, but between paragraphs of its own text. So the slides count
only when the text outside them is short. A page whose share card is a player (`twitter:card=player`) is a
video, GIF or podcast page: an article embeds a player, it does not usually offer itself as one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.languages import all_languages, languages_dir
from pipeline.records import PageSignal

IMAGE = ".//img | .//picture | .//figure"
CHROME = {"nav", "header", "footer", "aside"}
# class or id words of a gallery's markup: "gallery", "slideshow", "slide12", "carousel", "lightbox"
GALLERY_MARKUP = re.compile(r"galler|slide|carousel|lightbox|flipbook", re.I)
SLIDES_MIN = 5
RUNNING_SHORT = 1500  # characters of text outside the slides: a caption's intro, not an article's body
RUNNING_INTRO = 600  # no more than an intro
COUNTER_SHORT = 1000  # a counter alone (the slides not in the page) needs less text still
DECK_MIN = 10  # slides of a presentation: a talk has dozens; an article's <section>s are a handful


def _chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))


@lru_cache(maxsize=4)
def _counter(directory: Path) -> re.Pattern:
    """"3 / 8", "1 of 39", "2 von 12": a slide counter (`slide_counter` words in each language.yaml)."""
    words = sorted({w for lang in all_languages() for w in lang.slide_counter}, key=len, reverse=True)
    between = "|".join(["/"] + [re.escape(w) for w in words])
    return re.compile(r"(?<![\d/.,:])\b(\d{1,3})\s*(?:" + between + r")\s*(\d{1,3})\b(?![\d/.,:])", re.I)


def _in_chrome(element) -> bool:
    return any(a.tag in CHROME for a in element.iterancestors())


def _is_slide(block) -> bool:
    """A block holding a picture and a caption: a short text, no headline link in it (a teaser's headline is
    a link to another page; a caption is not, though a credit may be)."""
    if not block.xpath(IMAGE):
        return False
    text = " ".join(block.text_content().split())
    if not 20 <= len(text) <= 600:
        return False  # a carousel of bare pictures beside a story says nothing of what the page is
    return all(len(" ".join(a.text_content().split())) <= 40 for a in block.xpath(".//a"))


def _marked(element) -> bool:
    """The element or one of its three nearest ancestors calls itself a gallery, slideshow or carousel."""
    for level, node in enumerate([element, *element.iterancestors()]):
        if level > 3:
            return False
        if GALLERY_MARKUP.search((node.get("class") or "") + " " + (node.get("id") or "")):
            return True
    return False


def slides(tree, lines: list[str]) -> list:
    """The largest row of slides outside nav, header, footer and aside: five or more siblings of one template
    (same tag, same class) that each hold a picture and a caption that is no link, and whose captions are the
    page's main text (three or more of its lines) or whose row calls itself a gallery. A row of thumbnails
    beside an article (related stories, share icons) has neither. An empty list when there is none."""
    best: list = []
    for parent in tree.xpath("//body//*[count(*) >= 5]")[:3000]:
        if parent.tag in CHROME or _in_chrome(parent):
            continue
        groups: dict[tuple, list] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for group in groups.values():
            row = [child for child in group if _is_slide(child)]
            if len(row) < SLIDES_MIN or len(row) <= len(best) or len(row) * 2 < len(group):
                continue
            captions = " ".join(" ".join(s.text_content().split()) for s in row)
            if _marked(parent) or sum(1 for line in lines if len(line) > 20 and line in captions) >= 3:
                best = row
    return best


def gallery(signals: list[PageSignal], tree, text: str, length=_chars) -> bool:
    """Slides, or a slide counter in a gallery's markup, with little running text: a gallery. True when the
    page is judged one (its article claims then count half, as when the address says gallery). `length`
    measures text (page_type's, in which a CJK character counts three)."""
    # the extraction writes a list item as "- caption"
    lines = [re.sub(r"^[-*•]\s+", "", " ".join(line.split())) for line in text.splitlines() if line.strip()]
    row = slides(tree, lines)
    captions = [" ".join(s.text_content().split()) for s in row]
    running = length("\n".join(line for line in lines if not any(line in c for c in captions)))
    if running >= RUNNING_SHORT:
        return False  # an article with photos between its paragraphs
    found = False
    if row:
        # the pictures with no more than an intro beside them are the page; with a few paragraphs, most of it
        signals.append(PageSignal("gallery", f"{len(row)} pictures with captions, {running} characters of "
                                  "text besides", -4.0 if running < RUNNING_INTRO else -3.0, "gallery"))
        found = True
    if running >= COUNTER_SHORT:
        return found  # a short story with a slideshow attached
    markup = " ".join(tree.xpath("//body//@class | //body//@id")[:5000])
    counters = [int(m.group(2)) for m in _counter(languages_dir()).finditer(" ".join(tree.xpath("//body//text()")))
                if 1 <= int(m.group(1)) <= int(m.group(2)) and int(m.group(2)) >= SLIDES_MIN]
    if counters and len(GALLERY_MARKUP.findall(markup)) >= 3:
        signals.append(PageSignal("gallery", f'a slide counter ("of {max(counters)}") in a gallery\'s markup',
                                  -1.0, "gallery"))
        found = True
    return found


def deck(signals: list[PageSignal], tree) -> bool:
    """A slide deck: ten or more <section> slides in an element that calls itself the slides (reveal.js, and
    slides.com built on it: `.reveal .slides > section`). A talk's slides hold a lot of text (code, bullet
    points) under og:type article and a byline (round 5's slides.com deck): the markup, not the length,
    says what the page is. True when found."""
    for holder in tree.xpath("//body//*[count(section) >= $n]", n=DECK_MIN)[:50]:
        if _in_chrome(holder):
            continue
        if re.search(r"\bslides?\b", (holder.get("class") or "") + " " + (holder.get("id") or ""), re.I):
            signals.append(PageSignal("gallery", f"a slide deck of {len(holder.findall('section'))} slides",
                                      -3.0, "gallery"))
            return True
    return False


def player_card(signals: list[PageSignal], tree) -> None:
    """The page's share card is a player: a video, GIF or podcast page (audio when its stream says so)."""
    card = tree.xpath('//meta[@name="twitter:card" or @property="twitter:card"]/@content')
    if not card or card[0].strip().lower() != "player":
        return
    stream = " ".join(tree.xpath('//meta[starts-with(@name, "twitter:player:stream:content_type") or '
                                 'starts-with(@property, "twitter:player:stream:content_type")]/@content'))
    audio = "audio" in stream.lower() or bool(tree.xpath('//meta[starts-with(@property, "og:audio")]'))
    signals.append(PageSignal("player card", "twitter:card player" + (" (audio)" if audio else ""), -1.0,
                              "audio" if audio else "video"))


# a link to, or a player of, a sound file: an episode's download, a radio piece's stream
AUDIO_FILE = ('//a[@href][re:test(@href, "\\.(mp3|m4a|ogg|oga|opus|wav)(\\?|$)", "i")] | '
              '//*[@src][re:test(@src, "\\.(mp3|m4a|ogg|oga|opus|wav)(\\?|$)", "i")] | '
              '//param[re:test(@value, "\\.(mp3|m4a)", "i")] | //embed[re:test(@flashvars, "\\.(mp3|m4a)", "i")]')
REGEX = {"re": "http://exslt.org/regular-expressions"}
AUDIO_SHORT = 1500  # characters of text: an episode's notes, not a story that offers its audio too
EPISODES = 5  # distinct sound files: a show's list of episodes


@lru_cache(maxsize=1)
def episode_words(directory: Path) -> re.Pattern | None:
    """Words naming an episode or a show in a title or an address (language.yaml `episode_words`)."""
    words = sorted({w for lang in all_languages() for w in lang.episode_words}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I) if words else None


def names(tree, url: str, words: re.Pattern | None) -> bool:
    """The title or the address's last part holds one of `words` ("…-podcast/", "Episode 38")."""
    title = " ".join(tree.xpath("//title/text()")[:1])
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    return bool(words and (words.search(title) or words.search(last)))


def audio_file(signals: list[PageSignal], tree, text: str, says_audio: bool, length=_chars) -> None:
    """A sound file offered beside little text, on a page whose title or address names an episode or a podcast
    ("…-podcast/", "Episode 38"), is that episode's page (round 7's CNET podcast page). A short story that
    offers its audio (a radio station's item under its player, round 6's CBS local morning-show note) names
    neither, so the file alone says nothing. Sound files of five or more episodes are a podcast's page whatever
    its length (dev's CBS News show page lists 103; no labelled article offers more than three)."""
    files = {f.get("href") or f.get("src") or f.get("value") or f.get("flashvars")
             for f in tree.xpath(AUDIO_FILE, namespaces=REGEX)}
    if len(files) >= EPISODES:
        signals.append(PageSignal("audio file", f"sound files of {len(files)} episodes", -2.5, "audio"))
    elif says_audio and files and length(text) < AUDIO_SHORT:
        signals.append(PageSignal("audio file", "a sound file beside little text, an episode named", -2.0,
                                  "audio"))
