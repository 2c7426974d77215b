#!/usr/bin/env python3
"""Render the offline sample news site into sample_site/www/.

Content lives in sample_site/content/<outlet>.txt: articles separated by a
line "===", each a YAML header, a line "---", then the body (paragraphs
separated by blank lines, "## " starts a subheading).  Every outlet has its
own templates below.  The script also writes expected.yaml.

The generated www/ tree is committed as static files; re-run this script
after editing content or templates:  python sample_site/build.py
Needs only the standard library and PyYAML.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import shutil
from pathlib import Path
from xml.sax.saxutils import escape as xesc
from zoneinfo import ZoneInfo

import yaml

HERE = Path(__file__).resolve().parent
WWW = HERE / "www"
CONTENT = HERE / "content"

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]


def esc(s: str) -> str:
    return html.escape(str(s), quote=True)


def slugify(name: str) -> str:
    s = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def write(rel: str, text: str, encoding: str = "utf-8") -> None:
    p = WWW / rel.lstrip("/")
    if rel.endswith("/"):
        p = p / "index.html"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))  # strict: fails if a char is not encodable


# --------------------------------------------------------------------------- content

def parse_body(body: str) -> list[tuple[str, str]]:
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = " ".join(line.strip() for line in chunk.strip().splitlines())
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(("h", chunk[3:].strip()))
        else:
            blocks.append(("p", chunk))
    return blocks


def load(outlet: str, zone: str) -> list[dict]:
    text = (CONTENT / f"{outlet}.txt").read_text("utf-8")
    arts = []
    for chunk in re.split(r"^===\s*$", text, flags=re.M):
        if not chunk.strip():
            continue
        head, body = re.split(r"^---\s*$", chunk, maxsplit=1, flags=re.M)
        a = yaml.safe_load(head)
        a["outlet_key"] = outlet
        a["blocks"] = parse_body(body) if body.strip() else []
        a.setdefault("zone", zone)
        local = dt.datetime.strptime(str(a["date"]), "%Y-%m-%d %H:%M")
        a["local"] = local
        a["published"] = local.replace(tzinfo=ZoneInfo(a["zone"]))
        a.setdefault("lang", "en")
        a.setdefault("borderline", False)
        a.setdefault("persons", [])
        a.setdefault("orgs", [])
        a.setdefault("topics", [])
        arts.append(a)
    return arts


def iso(d: dt.datetime) -> str:
    return d.isoformat(timespec="seconds")


def words(a: dict) -> int:
    return sum(len(t.split()) for _, t in a["blocks"])


def date_en(d: dt.datetime) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def date_de(d: dt.datetime) -> str:
    return f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}"


def clock_en(d: dt.datetime) -> str:
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d}{'am' if d.hour < 12 else 'pm'}"


# --------------------------------------------------------------------------- The Daily Reel

REEL_NAV = [("Film", "#film"), ("TV", "#tv"), ("Music", "#music"), ("Legal", "#legal"),
            ("Labor", "#labor"), ("Box Office", "#box-office"), ("Reviews", "#reviews")]
REEL_TRENDING = [
    "Awards season calendar: every screening date in one place",
    "Inside the streamer price wars",
    "Ten festival breakouts still looking for distribution",
]


def reel_header() -> str:
    nav = "".join(f'<li class="menu-item"><a href="/reel/{h}">{esc(t)}</a></li>' for t, h in REEL_NAV)
    trend = " &bull; ".join(f'<a href="/reel/#trending">{esc(t)}</a>' for t in REEL_TRENDING)
    return f"""<div class="cookie-notice" id="cn-notice" role="dialog" aria-live="polite">
  <div class="cn-text">We and our partners use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By clicking &ldquo;Accept&rdquo; you consent to this. <a href="/reel/about.html#privacy">Privacy Policy</a></div>
  <div class="cn-buttons"><button class="cn-accept" type="button">Accept</button> <button class="cn-settings" type="button">Cookie Settings</button></div>
</div>
<div class="top-ticker"><span class="ticker-label">TRENDING</span> {trend}</div>
<header id="masthead" class="site-header">
  <div class="site-branding">
    <a href="/reel/" rel="home" class="custom-logo-link"><img src="/reel/static/logo.svg" class="custom-logo" alt="The Daily Reel" width="220" height="48"></a>
    <p class="site-description">Hollywood, by the frame.</p>
  </div>
  <nav id="site-navigation" class="main-navigation" aria-label="Primary"><ul id="primary-menu" class="menu">{nav}</ul></nav>
  <div class="header-actions"><a class="subscribe-btn" href="/reel/about.html#subscribe">Subscribe</a> <form class="search-form" action="/reel/" role="search"><input type="search" name="s" placeholder="Search The Daily Reel"></form></div>
</header>
<div class="ad-unit ad-leaderboard" data-slot="reel_top_728x90"><span class="ad-label">Advertisement</span></div>"""


def reel_footer() -> str:
    return """<footer id="colophon" class="site-footer">
  <div class="footer-widgets">
    <section class="footer-col"><h4>The Daily Reel</h4><ul><li><a href="/reel/about.html">About Us</a></li><li><a href="/reel/about.html#staff">Masthead</a></li><li><a href="/reel/about.html#tips">Send Us a Tip</a></li><li><a href="/reel/about.html#advertise">Advertise</a></li></ul></section>
    <section class="footer-col"><h4>Sections</h4><ul><li><a href="/reel/#film">Film</a></li><li><a href="/reel/#tv">TV</a></li><li><a href="/reel/#legal">Legal</a></li><li><a href="/reel/#labor">Labor</a></li></ul></section>
    <section class="footer-col"><h4>Follow</h4><ul><li><a href="https://social.example/@dailyreel" rel="noopener">Social</a></li><li><a href="/reel/feed.xml">RSS</a></li></ul></section>
  </div>
  <div class="site-info">&copy; 2026 Daily Reel Media, LLC. All rights reserved. <a href="/reel/about.html#privacy">Privacy Policy</a> | <a href="/reel/about.html#terms">Terms of Use</a> | <a href="/reel/about.html#privacy">Do Not Sell or Share My Personal Information</a></div>
</footer>"""


def reel_sidebar(arts: list[dict], current: dict | None) -> str:
    pop = [a for a in arts if a is not current][:5]
    items = "".join(f'<li><span class="rank">{i}</span><a href="{a["path"]}">{esc(a["title"])}</a></li>'
                    for i, a in enumerate(pop, 1))
    return f"""<aside id="secondary" class="widget-area" role="complementary">
  <section class="widget widget-popular"><h3 class="widget-title">Most Popular</h3><ol>{items}</ol></section>
  <div class="ad-unit ad-rectangle" data-slot="reel_side_300x250"><span class="ad-label">Advertisement</span></div>
  <section class="widget widget-newsletter"><h3 class="widget-title">Get the Morning Reel</h3><p>The day's essential entertainment news, in your inbox before 6am PT.</p><form action="/reel/about.html" method="get"><input type="email" placeholder="Email address" aria-label="Email address"> <button type="submit">Sign Up</button></form></section>
</aside>"""


def reel_article(a: dict, arts: list[dict]) -> str:
    d = a["local"]
    others = [x for x in arts if x is not a]
    idx = arts.index(a)
    inline = others[(idx * 3) % len(others)]
    related = [others[(idx + k) % len(others)] for k in (1, 4, 7)]
    body = []
    pcount = 0
    for kind, text in a["blocks"]:
        if kind == "h":
            body.append(f"<h2>{esc(text)}</h2>")
            continue
        body.append(f"<p>{esc(text)}</p>")
        pcount += 1
        if pcount == 2:
            body.append(f'<div class="read-more-inline"><strong>READ MORE:</strong> <a href="{inline["path"]}">{esc(inline["title"])}</a></div>')
        if pcount == 5:
            body.append('<div class="ad-unit ad-inarticle" data-slot="reel_inarticle"><span class="ad-label">Advertisement</span></div>')
    authors_html = " and ".join(f'<span class="author vcard"><a class="url fn n" href="/reel/about.html#staff">{esc(n)}</a></span>' for n in a["authors"])
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["dek"],
        "datePublished": iso(a["published"]),
        "dateModified": iso(a["published"]),
        "author": [{"@type": "Person", "name": n} for n in a["authors"]],
        "publisher": {"@type": "Organization", "name": "The Daily Reel",
                      "logo": {"@type": "ImageObject", "url": "__BASE__/reel/static/logo.svg"}},
        "mainEntityOfPage": {"@type": "WebPage", "@id": "__BASE__" + a["path"]},
        "url": "__BASE__" + a["path"],
        "image": ["__BASE__/reel/static/img/still.svg"],
        "articleSection": a.get("category", "News"),
        "inLanguage": "en-US",
    }
    if a.get("wire"):
        ld["sourceOrganization"] = {"@type": "Organization", "name": "Continental Wire"}
    ldj = json.dumps(ld, ensure_ascii=False, indent=1).replace("</", "<\\/")
    rel = "".join(f'<li class="related-item"><a href="{r["path"]}"><img src="/reel/static/img/thumb.svg" alt="" width="120" height="68"><span>{esc(r["title"])}</span></a></li>' for r in related)
    wire = '<p class="wire-credit">&mdash; Continental Wire</p>' if a.get("wire") else ""
    cat = a.get("category", "News")
    return f"""<!DOCTYPE html>
<html lang="en-US" class="no-js">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} &ndash; The Daily Reel</title>
<meta name="description" content="{esc(a["dek"])}">
<link rel="canonical" href="__BASE__{a["path"]}">
<meta property="og:site_name" content="The Daily Reel">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:description" content="{esc(a["dek"])}">
<meta property="og:url" content="__BASE__{a["path"]}">
<meta property="og:image" content="__BASE__/reel/static/img/still.svg">
<meta name="twitter:card" content="summary_large_image">
<link rel="alternate" type="application/rss+xml" title="The Daily Reel &raquo; Feed" href="__BASE__/reel/feed.xml">
<link rel="stylesheet" id="reel-style-css" href="/reel/static/reel.css?ver=4.2.1" media="all">
<script>document.documentElement.className = document.documentElement.className.replace('no-js', 'js');</script>
<script>window.reelAds = window.reelAds || []; window.reelAds.push({{page: "article", section: {json.dumps(cat)}}});</script>
<script type="application/ld+json">
{ldj}
</script>
</head>
<body class="post-template-default single single-post single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#main">Skip to content</a>
{reel_header()}
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{1000 + idx}" class="post type-post status-publish format-standard has-post-thumbnail">
  <header class="entry-header">
    <span class="cat-links"><a href="/reel/#{slugify(cat)}" rel="category tag">{esc(cat)}</a></span>
    <h1 class="entry-title">{esc(a["title"])}</h1>
    <p class="entry-dek">{esc(a["dek"])}</p>
    <div class="entry-meta"><span class="byline">By {authors_html}</span> <span class="posted-on">{date_en(d)} {clock_en(d)} PT</span></div>
    <div class="share-bar"><a class="share-fb" href="#share">Share</a> <a class="share-x" href="#share">Post</a> <a class="share-mail" href="#share">Email</a> <a class="share-print" href="#share">Print</a></div>
  </header>
  <figure class="post-thumbnail"><img src="/reel/static/img/still.svg" alt="" width="960" height="540"><figcaption>Illustration: The Daily Reel</figcaption></figure>
  <div class="entry-content">
{chr(10).join(body)}
{wire}
  </div>
  <footer class="entry-footer"><span class="tags-links">Filed under: <a href="/reel/#{slugify(cat)}" rel="tag">{esc(cat)}</a></span></footer>
</article>
<div class="newsletter-inline"><p><strong>Never miss a story.</strong> Sign up for The Daily Reel&rsquo;s free newsletters.</p><a href="/reel/about.html#subscribe">Sign up</a></div>
<section class="related-posts"><h3 class="related-title">Related Stories</h3><ul>{rel}</ul></section>
</main>
</div>
{reel_sidebar(arts, a)}
</div>
{reel_footer()}
</div>
<script>(function(){{var b=document.querySelector('.cn-accept');if(b){{b.addEventListener('click',function(){{document.getElementById('cn-notice').style.display='none';}});}}}})();</script>
</body>
</html>
"""


def reel_home(arts: list[dict]) -> str:
    items = []
    for a in sorted(arts, key=lambda x: x["published"], reverse=True):
        items.append(f"""<article class="post-card"><span class="cat-links">{esc(a.get("category", "News"))}</span>
  <h2 class="entry-title"><a href="{a["path"]}">{esc(a["title"])}</a></h2>
  <p class="excerpt">{esc(a["dek"])}</p><div class="entry-meta">By {esc(", ".join(a["authors"]))}</div></article>""")
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Daily Reel &ndash; Hollywood, by the frame.</title>
<meta name="description" content="Entertainment industry news: film, TV, music, labor and legal.">
<link rel="canonical" href="__BASE__/reel/">
<link rel="alternate" type="application/rss+xml" title="The Daily Reel &raquo; Feed" href="__BASE__/reel/feed.xml">
<link rel="stylesheet" href="/reel/static/reel.css?ver=4.2.1" media="all">
</head>
<body class="home blog">
<div id="page" class="site">
{reel_header()}
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<h1 class="screen-reader-text">Latest News</h1>
<div class="post-grid">
{chr(10).join(items)}
</div>
</main></div>
{reel_sidebar(arts, None)}
</div>
{reel_footer()}
</div>
</body>
</html>
"""


# Feed items that are not articles (issue 19): a video post, and a story pulled after the feed went out,
# whose link answers 404 while the feed still carries its text. Neither may be stored.
REEL_VIDEO = "/reel/2026/01/awards-night-red-carpet-recap.html"
REEL_PULLED = "/reel/2026/01/studio-settles-voice-clone-claims.html"  # never written: the server answers 404
REEL_PULLED_TEXT = " ".join([
    "PULLED-CANARY-4b1d. A studio agreed to settle claims that it cloned the voices of background actors with an AI",
    "model trained on their recorded lines, according to a draft statement that was later withdrawn. The statement",
    "described a licensing fund for performers, consent requirements for any synthetic voice and a promise to delete",
    "the training copies. The union declined to comment on the draft. The story was pulled by the editors an hour",
    "after publication because the agreement had not been signed; if this text appears in the database, the crawler",
    "stored the feed's copy of a story whose page answers 404.",
])


def reel_extra_items() -> list[str]:
    video_date = dt.datetime(2026, 1, 20, 19, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    pulled_date = dt.datetime(2026, 1, 21, 8, 15, tzinfo=ZoneInfo("America/Los_Angeles"))
    return [f"""  <item>
    <title>Video: Awards Night Red Carpet Recap</title>
    <link>__BASE__{REEL_VIDEO}</link>
    <dc:creator><![CDATA[Reel Video]]></dc:creator>
    <pubDate>{email.utils.format_datetime(video_date)}</pubDate>
    <category><![CDATA[Video]]></category>
    <guid isPermaLink="false">__BASE__/reel/?p=900</guid>
    <description>Two minutes on the carpet.</description>
  </item>""", f"""  <item>
    <title>Studio Settles Voice Clone Claims</title>
    <link>__BASE__{REEL_PULLED}</link>
    <dc:creator><![CDATA[Dana Whitcomb]]></dc:creator>
    <pubDate>{email.utils.format_datetime(pulled_date)}</pubDate>
    <category><![CDATA[News]]></category>
    <guid isPermaLink="false">__BASE__/reel/?p=901</guid>
    <description>A draft settlement over cloned voices.</description>
    <content:encoded><![CDATA[<p>{REEL_PULLED_TEXT}</p>]]></content:encoded>
  </item>"""]


def reel_video_page() -> str:
    title = "Video: Awards Night Red Carpet Recap"
    ld = json.dumps({"@context": "https://schema.org", "@type": "VideoObject", "name": title,
                     "uploadDate": "2026-01-20T19:30:00-08:00", "thumbnailUrl": "__BASE__/reel/static/img/still.svg",
                     "contentUrl": "__BASE__/reel/media/red-carpet-recap.mp4", "duration": "PT2M4S"})
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{title} &#8211; The Daily Reel</title>
<link rel="canonical" href="__BASE__{REEL_VIDEO}"><meta property="og:type" content="video.other">
<meta property="og:title" content="{title}"><script type="application/ld+json">{ld}</script>
<link rel="stylesheet" href="/reel/static/reel.css?ver=4.2.1"></head>
<body class="single single-video"><div id="page" class="site">{reel_header()}
<div id="content" class="site-content"><main class="content-area"><h1 class="entry-title">{title}</h1>
<div class="video-player"><video controls width="720" height="405"><source src="/reel/media/red-carpet-recap.mp4" type="video/mp4">Your browser does not support video.</video></div>
<p class="wp-caption-text">Two minutes on the carpet at the awards night. (2:04)</p></main></div>{reel_footer()}</div></body></html>
"""


def reel_feed(arts: list[dict]) -> str:
    items = []
    for a in sorted(arts, key=lambda x: x["published"], reverse=True):
        link = "__BASE__" + a["path"]
        if a.get("tracking"):
            link += "?utm_source=rss&amp;utm_medium=feed"
        items.append(f"""  <item>
    <title>{xesc(a["title"])}</title>
    <link>{link}</link>
    <dc:creator><![CDATA[{", ".join(a["authors"])}]]></dc:creator>
    <pubDate>{email.utils.format_datetime(a["published"])}</pubDate>
    <category><![CDATA[{a.get("category", "News")}]]></category>
    <guid isPermaLink="false">__BASE__/reel/?p={1000 + arts.index(a)}</guid>
    <description>{xesc(a["dek"])}</description>
  </item>""")
    last = max(a["published"] for a in arts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
  <title>The Daily Reel</title>
  <atom:link href="__BASE__/reel/feed.xml" rel="self" type="application/rss+xml" />
  <link>__BASE__/reel/</link>
  <description>Hollywood, by the frame.</description>
  <lastBuildDate>{email.utils.format_datetime(last)}</lastBuildDate>
  <language>en-US</language>
  <sy:updatePeriod>hourly</sy:updatePeriod>
  <sy:updateFrequency>1</sy:updateFrequency>
  <generator>ReelPress 4.2.1</generator>
{chr(10).join(reel_extra_items() + items)}
</channel>
</rss>
"""


# --------------------------------------------------------------------------- Circuit Ledger

LEDGER_COMMENTS = [
    ("kvothe_dev", "Good write-up. The part nobody talks about is how long these cases take to reach an appeals court."),
    ("marginalia", "Would love a follow-up on what this means for smaller labs that can't afford licensing deals."),
    ("tern", "I read the whole filing over lunch. Your summary is fair, if anything a bit generous to both sides."),
    ("quietbyte", "Minor nit: the second chart in your previous piece had the axis labels swapped."),
    ("oldtimer_sysop", "We had the same arguments about search engines twenty years ago. History rhymes."),
    ("lin_w", "Subscribed because of this series. Keep it up."),
]


def ledger_chrome_top() -> str:
    return """<div class="consent-overlay" data-consent="pending"><div class="consent-card"><p><b>Your privacy choices.</b> Circuit Ledger uses cookies and similar technologies for analytics and to keep you signed in. You can change your choices at any time.</p><div class="consent-actions"><button data-action="accept">Accept all</button><button data-action="reject">Reject non-essential</button><a href="/ledger/about/#privacy">Learn more</a></div></div></div>
<header class="topbar">
  <a class="brand" href="/ledger/"><svg class="brand__mark" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><rect x="3" y="3" width="18" height="18" rx="4"></rect></svg><span class="brand__name">Circuit Ledger</span></a>
  <nav class="topbar__nav"><a href="/ledger/#ai">AI</a><a href="/ledger/#policy">Policy</a><a href="/ledger/#hardware">Hardware</a><a href="/ledger/#courts">Courts</a><a href="/ledger/about/">About</a></nav>
  <div class="topbar__tools"><button class="btn-ghost" aria-label="Toggle dark mode">&#9680;</button><a class="btn-pill" href="/ledger/about/#membership">Become a member</a></div>
</header>"""


def ledger_chrome_bottom() -> str:
    return """<footer class="site-foot">
  <div class="site-foot__cols">
    <div><span class="brand__name">Circuit Ledger</span><p>Independent reporting on technology, policy and the people who build both.</p></div>
    <ul><li><a href="/ledger/about/">About</a></li><li><a href="/ledger/about/#ethics">Ethics policy</a></li><li><a href="/ledger/about/#privacy">Privacy</a></li><li><a href="/ledger/atom.xml">Atom feed</a></li></ul>
  </div>
  <p class="site-foot__legal">&copy; 2026 Circuit Ledger Cooperative. Text on this site may be quoted with attribution.</p>
</footer>
<script>window.__LEDGER__ = {"theme":"auto","member":false,"build":"a41c9e2"};</script>"""


def ledger_article(a: dict, arts: list[dict]) -> str:
    idx = arts.index(a)
    others = [x for x in arts if x is not a]
    card = others[(idx * 5 + 2) % len(others)]
    body = []
    pcount = 0
    for kind, text in a["blocks"]:
        if kind == "h":
            body.append(f'<h2 class="prose__h">{esc(text)}</h2>')
            continue
        body.append(f"<p>{esc(text)}</p>")
        pcount += 1
        if pcount == 3:
            body.append(f'<aside class="inline-card"><span class="inline-card__label">Also on Circuit Ledger</span><a href="{card["path"]}">{esc(card["title"])}</a></aside>')
    ncom = 2 + idx % 3
    comments = "".join(
        f'<li class="comment"><div class="comment__head"><span class="comment__user">{esc(u)}</span> <span class="comment__age">{2 + (idx + k) % 9}h</span></div><p class="comment__text">{esc(t)}</p><div class="comment__actions"><button>Reply</button> <button>&#9650; {3 + (idx * k) % 17}</button></div></li>'
        for k, (u, t) in enumerate(LEDGER_COMMENTS[idx % 3: idx % 3 + ncom]))
    more = "".join(f'<li><a href="{x["path"]}">{esc(x["title"])}</a></li>' for x in others[idx % 4: idx % 4 + 4])
    readtime = max(2, round(words(a) / 220))
    tags = "".join(f'<a class="chip" href="/ledger/#{slugify(t)}">{esc(t)}</a>' for t in a.get("tags", []))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(a["title"])} | Circuit Ledger</title>
<meta name="description" content="{esc(a["dek"])}">
<meta name="author" content="{esc(", ".join(a["authors"]))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Circuit Ledger">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:url" content="__BASE__{a["path"]}">
<meta property="article:published_time" content="{iso(a["published"])}">
<meta property="article:section" content="{esc(a.get("section", "Tech"))}">
{"".join(f'<meta property="article:tag" content="{esc(t)}">' for t in a.get("tags", []))}
<link rel="canonical" href="__BASE__{a["path"]}">
<link rel="alternate" type="application/atom+xml" title="Circuit Ledger" href="__BASE__/ledger/atom.xml">
<link rel="stylesheet" href="/ledger/assets/app.css">
</head>
<body>
<div id="__ledger" data-route="post">
{ledger_chrome_top()}
<div class="layout layout--post">
  <article class="post" data-post-id="lg-{4200 + idx}">
    <div class="post__eyebrow">{esc(a.get("section", "Tech"))}</div>
    <h1 class="post__title">{esc(a["title"])}</h1>
    <p class="post__dek">{esc(a["dek"])}</p>
    <div class="post__byline"><img class="avatar" src="/ledger/assets/avatar.svg" alt="" width="32" height="32"><span class="post__author">{esc(" & ".join(a["authors"]))}</span><span class="dot">&middot;</span><span class="post__readtime">{readtime} min read</span></div>
    <div class="post__content prose">
{chr(10).join(body)}
    </div>
    <div class="post__tags">{tags}</div>
    <div class="member-cta"><h3>Circuit Ledger is reader-funded.</h3><p>No ads, no trackers beyond basic analytics. Members keep it that way.</p><a class="btn-pill" href="/ledger/about/#membership">Join for $6/month</a></div>
  </article>
  <aside class="rail"><h4>More from the Ledger</h4><ul class="rail__list">{more}</ul></aside>
</div>
<section class="comments" id="comments"><h3 class="comments__title">{ncom} comments</h3><ol class="comments__list">{comments}</ol><form class="comments__form"><textarea placeholder="Members can comment. Be kind."></textarea><button disabled>Post</button></form></section>
{ledger_chrome_bottom()}
</div>
</body>
</html>
"""


def ledger_home(arts: list[dict]) -> str:
    cards = "".join(f"""<li class="stream__item"><span class="stream__section">{esc(a.get("section", "Tech"))}</span><a class="stream__title" href="{a["path"]}">{esc(a["title"])}</a><p class="stream__dek">{esc(a["dek"])}</p><span class="stream__by">{esc(" & ".join(a["authors"]))}</span></li>"""
                    for a in sorted(arts, key=lambda x: x["published"], reverse=True))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Circuit Ledger &mdash; technology, policy, power</title>
<meta name="description" content="Independent reporting on technology and policy.">
<link rel="canonical" href="__BASE__/ledger/">
<link rel="alternate" type="application/atom+xml" title="Circuit Ledger" href="__BASE__/ledger/atom.xml">
<link rel="stylesheet" href="/ledger/assets/app.css">
</head>
<body>
<div id="__ledger" data-route="home">
{ledger_chrome_top()}
<main class="layout layout--home"><h1 class="home__title">Latest</h1><ol class="stream">{cards}</ol></main>
{ledger_chrome_bottom()}
</div>
</body>
</html>
"""


def ledger_atom(arts: list[dict]) -> str:
    entries = []
    for a in sorted(arts, key=lambda x: x["published"], reverse=True):
        p = iso(a["published"])
        entries.append(f"""  <entry>
    <id>tag:circuitledger.example,{a["local"]:%Y-%m-%d}:/posts/{a["slug"]}</id>
    <title type="text">{xesc(a["title"])}</title>
    <link rel="alternate" type="text/html" href="__BASE__{a["path"]}"/>
    <published>{p}</published>
    <updated>{p}</updated>
{"".join(f'    <author><name>{xesc(n)}</name></author>{chr(10)}' for n in a["authors"])}    <category term="{xesc(a.get("section", "Tech"))}"/>
    <summary type="text">{xesc(a["dek"])}</summary>
  </entry>""")
    last = iso(max(a["published"] for a in arts))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:circuitledger.example,2019:/ledger</id>
  <title>Circuit Ledger</title>
  <subtitle>Technology, policy, power.</subtitle>
  <link rel="self" type="application/atom+xml" href="__BASE__/ledger/atom.xml"/>
  <link rel="alternate" type="text/html" href="__BASE__/ledger/"/>
  <updated>{last}</updated>
  <generator>ledger-static 2.3</generator>
{chr(10).join(entries)}
</feed>
"""


# --------------------------------------------------------------------------- Medienwoche

def mw_kopf() -> str:
    return """<div id="cookie-hinweis" class="cookie-layer">
  <p><strong>Datenschutzeinstellungen</strong><br>Wir verwenden Cookies und ähnliche Technologien, um unser Angebot zu verbessern und Ihnen personalisierte Inhalte anzuzeigen. Mit „Alle akzeptieren“ stimmen Sie der Verarbeitung zu. Ihre Einwilligung können Sie jederzeit widerrufen.</p>
  <p><a class="knopf knopf-primaer" href="#cookie-hinweis">Alle akzeptieren</a> <a class="knopf" href="#cookie-hinweis">Nur notwendige</a> <a href="/medienwoche/impressum.html#datenschutz">Datenschutzerklärung</a></p>
</div>
<div id="kopf">
  <div class="kopf-oben"><span class="ausgabe">Das Fachmagazin für Medien, Kultur und Kommunikation</span> <a href="/medienwoche/impressum.html#abo">Abo</a> | <a href="/medienwoche/impressum.html#newsletter">Newsletter</a> | <a href="/medienwoche/impressum.html#login">Anmelden</a></div>
  <div class="logo"><a href="/medienwoche/"><img src="/medienwoche/bilder/logo.svg" alt="Medienwoche" width="260" height="50"></a></div>
  <ul id="navigation">
    <li><a href="/medienwoche/#medienpolitik">Medienpolitik</a></li>
    <li><a href="/medienwoche/#verlage">Verlage</a></li>
    <li><a href="/medienwoche/#tv-radio">TV &amp; Radio</a></li>
    <li><a href="/medienwoche/#recht">Recht</a></li>
    <li><a href="/medienwoche/#kultur">Kultur</a></li>
    <li><a href="/medienwoche/#jobs">Jobs</a></li>
  </ul>
</div>
<div class="werbung werbung-banner"><span>Anzeige</span></div>"""


def mw_fuss() -> str:
    return """<div id="fuss">
  <ul class="fuss-links"><li><a href="/medienwoche/impressum.html">Impressum</a></li><li><a href="/medienwoche/impressum.html#datenschutz">Datenschutz</a></li><li><a href="/medienwoche/impressum.html#agb">AGB</a></li><li><a href="/medienwoche/impressum.html#mediadaten">Mediadaten</a></li><li><a href="/medienwoche/impressum.html#kontakt">Kontakt</a></li></ul>
  <p>&copy; 2025&ndash;2026 Medienwoche Verlagsgesellschaft mbH. Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung.</p>
</div>"""


def mw_spalte(arts: list[dict], current: dict | None) -> str:
    meist = [a for a in arts if a is not current][-5:]
    li = "".join(f'<li><a href="/medienwoche/artikel/{a["slug"]}.html">{esc(a["title"])}</a></li>' for a in meist)
    return f"""<div id="spalte-rechts">
  <div class="kasten"><h3>Meistgelesen</h3><ol>{li}</ol></div>
  <div class="werbung werbung-rechteck"><span>Anzeige</span></div>
  <div class="kasten kasten-newsletter"><h3>Newsletter</h3><p>Jeden Freitag die wichtigsten Branchenthemen der Woche.</p><form action="/medienwoche/impressum.html"><input type="text" name="email" value="Ihre E-Mail-Adresse"><input type="submit" value="Bestellen"></form></div>
  <div class="kasten"><h3>Stellenmarkt</h3><ul><li><a href="/medienwoche/#jobs">Redakteur/in Digitales (m/w/d), Köln</a></li><li><a href="/medienwoche/#jobs">Justiziar/in Medienrecht, Hamburg</a></li><li><a href="/medienwoche/#jobs">Volontariat Hörfunk, Leipzig</a></li></ul></div>
</div>"""


def mw_byline(a: dict) -> str:
    d = a["local"]
    names = " und ".join(a["authors"])
    return f"Von {names} | {date_de(d)}, {d:%H:%M} Uhr"


def mw_article(a: dict, arts: list[dict]) -> str:
    idx = arts.index(a)
    others = [x for x in arts if x is not a]
    tipp = others[(idx * 7 + 1) % len(others)]
    body = []
    pcount = 0
    for kind, text in a["blocks"]:
        if kind == "h":
            body.append(f'<h3 class="zwischentitel">{esc(text)}</h3>')
            continue
        body.append(f"<p>{esc(text)}</p>")
        pcount += 1
        if pcount == 3:
            body.append(f'<div class="lesetipp"><b>Lesen Sie auch:</b> <a href="{tipp["slug"]}.html">{esc(tipp["title"])}</a></div>')
    auch = "".join(f'<li><a href="{x["slug"]}.html">{esc(x["title"])}</a></li>' for x in others[(idx + 2) % len(others):][:3] or others[:3])
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} - Medienwoche</title>
<meta name="description" content="{esc(a["dek"])}">
<meta name="keywords" content="{esc(", ".join(a.get("stichworte", [])))}">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="__BASE__/medienwoche/artikel/{a["slug"]}.html">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:url" content="__BASE__/medienwoche/artikel/{a["slug"]}.html">
<meta property="og:locale" content="de_DE">
<link rel="stylesheet" type="text/css" href="/medienwoche/css/mw.css">
<script type="text/javascript">var mwTracking = {{ressort: {json.dumps(a.get("ressort", "Medien"), ensure_ascii=False)}, paywall: false}};</script>
</head>
<body id="artikelseite">
{mw_kopf()}
<div id="rahmen">
<div id="inhalt">
  <div class="brotkrumen"><a href="/medienwoche/">Startseite</a> &raquo; <a href="/medienwoche/#{slugify(a.get("ressort", "Medien"))}">{esc(a.get("ressort", "Medien"))}</a> &raquo; Artikel</div>
  <div class="artikel">
    <div class="artikel-kopf">
      <span class="dachzeile">{esc(a.get("dachzeile", a.get("ressort", "Medien")))}</span>
      <h1 class="titel">{esc(a["title"])}</h1>
      <p class="unterzeile">{esc(a["dek"])}</p>
      <p class="autorzeile">{esc(mw_byline(a))}</p>
    </div>
    <div class="teilen">Artikel teilen: <a href="#teilen">E-Mail</a> &middot; <a href="#teilen">Drucken</a> &middot; <a href="#teilen">Merken</a></div>
    <div class="artikeltext">
{chr(10).join(body)}
    </div>
    <div class="artikel-fuss"><p class="hinweis">Sie haben Anmerkungen oder Hinweise zu diesem Artikel? Schreiben Sie der Redaktion über das <a href="/medienwoche/impressum.html#kontakt">Kontaktformular</a>.</p></div>
    <div class="das-koennte"><h3>Das könnte Sie auch interessieren</h3><ul>{auch}</ul></div>
  </div>
</div>
{mw_spalte(arts, a)}
<div class="clear"></div>
</div>
{mw_fuss()}
</body>
</html>
"""


def mw_home(arts: list[dict]) -> str:
    items = "".join(f"""<div class="teaser"><span class="dachzeile">{esc(a.get("dachzeile", a.get("ressort", "Medien")))}</span><h2><a href="artikel/{a["slug"]}.html">{esc(a["title"])}</a></h2><p>{esc(a["dek"])}</p></div>"""
                    for a in sorted(arts, key=lambda x: x["published"], reverse=True))
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Medienwoche - Das Fachmagazin für Medien, Kultur und Kommunikation</title>
<meta name="description" content="Nachrichten und Hintergründe aus Medien, Verlagen, Rundfunk und Kultur.">
<link rel="canonical" href="__BASE__/medienwoche/">
<link rel="stylesheet" type="text/css" href="/medienwoche/css/mw.css">
</head>
<body id="startseite">
{mw_kopf()}
<div id="rahmen">
<div id="inhalt"><h1 class="rubrik">Aktuelle Meldungen</h1>
{items}
</div>
{mw_spalte(arts, None)}
<div class="clear"></div>
</div>
{mw_fuss()}
</body>
</html>
"""


MW_CATEGORY = "/medienwoche/ki-und-recht/"
MW_LISTED_NON_ARTICLES = ["/medienwoche/", MW_CATEGORY, "/medienwoche/impressum.html"]


def mw_category(arts: list[dict]) -> str:
    """A category archive: the excerpts of the relevant articles, under the category's name."""
    chosen = sorted([a for a in arts if a.get("relevant")], key=lambda x: x["published"], reverse=True)
    items = "".join(f"""<div class="teaser"><span class="dachzeile">{esc(a.get("dachzeile", a.get("ressort", "Medien")))}</span><h2><a href="/medienwoche/artikel/{a["slug"]}.html">{esc(a["title"])}</a></h2><p>{esc(a["dek"])}</p></div>"""
                    for a in chosen)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>KI und Recht - Medienwoche</title>
<link rel="canonical" href="__BASE__{MW_CATEGORY}">
<link rel="stylesheet" type="text/css" href="/medienwoche/css/mw.css">
</head>
<body id="rubrik">
{mw_kopf()}
<div id="rahmen">
<div id="inhalt"><h1 class="rubrik">KI und Recht</h1>
{items}
</div>
{mw_spalte(arts, None)}
<div class="clear"></div>
</div>
{mw_fuss()}
</body>
</html>
"""


def mw_sitemap(arts: list[dict]) -> str:
    urls = []
    for a in sorted(arts, key=lambda x: x["published"], reverse=True):
        p = iso(a["published"])
        urls.append(f"""  <url>
    <loc>__BASE__/medienwoche/artikel/{a["slug"]}.html</loc>
    <lastmod>{p}</lastmod>
    <news:news>
      <news:publication>
        <news:name>Medienwoche</news:name>
        <news:language>de</news:language>
      </news:publication>
      <news:publication_date>{p}</news:publication_date>
      <news:title>{xesc(a["title"])}</news:title>
    </news:news>
  </url>""")
    # A sitemap lists more than articles (issue 19): the home page of excerpts, a category archive, the imprint.
    for path in MW_LISTED_NON_ARTICLES:
        urls.append(f"""  <url>
    <loc>__BASE__{path}</loc>
    <lastmod>2026-01-26T08:00:00+01:00</lastmod>
  </url>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(urls)}
</urlset>
"""


# --------------------------------------------------------------------------- Harbor Courier

COURIER_SECTIONS_EN = [("news", "News"), ("culture", "Culture"), ("sports", "Sports"), ("weather", "Weather")]
COURIER_SECTIONS_DE = [("kultur", "Kultur"), ("lokales", "Lokales")]
COURIER_AUTHOR_SLUGS: dict[str, str] = {}


def hc_author_url(name: str) -> str:
    return f"/courier/author/{slugify(name)}/"


def hc_top(lang: str, rel: bool = False) -> str:
    """Masthead. rel=True: no __BASE__ anywhere (used by the windows-1252 page)."""
    if lang == "de":
        secs = "".join(f'<li><a href="/courier/de/{s}/">{t}</a></li>' for s, t in COURIER_SECTIONS_DE)
        secs += '<li class="edition"><a href="/courier/" hreflang="en">English edition</a></li>'
        return f"""<div class="hc-breaking" role="region" aria-label="Eilmeldung"><strong>Verkehr:</strong> Die Hafenbrücke ist in Richtung Osten bis Freitag nachts gesperrt.</div>
<header class="hc-masthead">
  <div class="hc-masthead__top"><span class="hc-date-line">Harbor Courier &middot; Deutsche Ausgabe</span><a class="hc-subscribe" href="/courier/about/#subscribe">Abonnieren</a></div>
  <a class="hc-logo" href="/courier/de/"><img src="/courier/static/logo.svg" alt="Harbor Courier" width="300" height="56"></a>
  <nav class="hc-sections" aria-label="Ressorts"><ul>{secs}</ul></nav>
</header>"""
    secs = "".join(f'<li><a href="/courier/section/{s}/">{t}</a></li>' for s, t in COURIER_SECTIONS_EN)
    secs += '<li class="edition"><a href="/courier/de/" hreflang="de">Deutsche Ausgabe</a></li>'
    return f"""<div class="hc-breaking" role="region" aria-label="Breaking news"><strong>Traffic alert:</strong> The Harbor Bridge&#8217;s eastbound lanes close overnight for inspection through Friday.</div>
<header class="hc-masthead">
  <div class="hc-masthead__top"><span class="hc-date-line">Serving the Harbor since 1871</span><span class="hc-weather-widget">Harbor City &middot; Partly cloudy</span><a class="hc-subscribe" href="/courier/about/#subscribe">Subscribe</a></div>
  <a class="hc-logo" href="/courier/"><img src="/courier/static/logo.svg" alt="Harbor Courier" width="300" height="56"></a>
  <nav class="hc-sections" aria-label="Sections"><ul>{secs}</ul></nav>
</header>"""


def hc_bottom(lang: str) -> str:
    if lang == "de":
        consent = """<div class="hc-consent" id="hc-consent"><p>Wir verwenden Cookies, um Inhalte zu personalisieren und Zugriffe zu analysieren. <a href="/courier/about/#privacy">Mehr erfahren</a></p><button type="button">Einverstanden</button> <button type="button">Einstellungen</button></div>"""
        foot = """<footer class="hc-footer"><ul><li><a href="/courier/about/">Über uns</a></li><li><a href="/courier/about/#privacy">Datenschutz</a></li><li><a href="/courier/about/#imprint">Impressum</a></li><li><a href="/courier/de/">Deutsche Ausgabe</a></li></ul><p>&copy; 2026 Harbor Courier Publishing Co.</p></footer>"""
    else:
        consent = """<div class="hc-consent" id="hc-consent"><p>We use cookies to personalize content and analyze traffic. <a href="/courier/about/#privacy">Learn more</a></p><button type="button">Accept all</button> <button type="button">Manage preferences</button></div>"""
        foot = """<footer class="hc-footer"><ul><li><a href="/courier/about/">About the Courier</a></li><li><a href="/courier/about/#privacy">Privacy</a></li><li><a href="/courier/about/#corrections">Corrections</a></li><li><a href="/courier/about/#subscribe">Subscriptions</a></li><li><a href="/courier/video/lantern-parade-highlights/">Video</a></li><li><a href="/courier/gallery/harbor-lights-festival-2025/">Photos</a></li></ul><p>&copy; 2026 Harbor Courier Publishing Co. All rights reserved.</p></footer>"""
    return foot + "\n" + consent


def hc_rail(lang: str, items: list[dict]) -> str:
    title = "Meistgelesen" if lang == "de" else "Most read"
    li = "".join(f'<li><a href="{a["path"]}">{esc(a["title"])}</a></li>' for a in items)
    nl = ("<p><b>Der Morgen-Kurier</b> &ndash; jeden Werktag um 6 Uhr.</p>" if lang == "de"
          else "<p><b>The Morning Courier</b> &ndash; every weekday at 6 a.m.</p>")
    return f"""<aside class="hc-rail"><section class="hc-mostread"><h2>{title}</h2><ol>{li}</ol></section><section class="hc-newsletter">{nl}<form><input type="email" aria-label="Email"><button>OK</button></form></section><div class="hc-ad"><span>Advertisement</span></div></aside>"""


def hc_time(a: dict) -> str:
    d = a["local"]
    vis = date_de(d) + f", {d:%H:%M} Uhr" if a["lang"] == "de" else date_en(d)
    return f'<time class="hc-pubtime" datetime="{iso(a["published"])}">{vis}</time>'


def hc_article(a: dict, arts: list[dict]) -> str:
    de = a["lang"] == "de"
    legacy = a.get("encoding") == "windows-1252"
    base = "" if legacy else "__BASE__"
    idx = arts.index(a)
    same = [x for x in arts if x is not a and x["lang"] == a["lang"]]
    rel_inline = same[(idx * 3) % len(same)]
    body = []
    pcount = 0
    for kind, text in a["blocks"]:
        if kind == "h":
            body.append(f'<h2 class="hc-subhead">{esc(text)}</h2>')
            continue
        body.append(f"<p>{esc(text)}</p>")
        pcount += 1
        if pcount == 2:
            label = "Mehr zum Thema" if de else "Related"
            body.append(f'<aside class="hc-related-inline"><span>{label}:</span> <a href="{rel_inline["path"]}">{esc(rel_inline["title"])}</a></aside>')
    by = "Von" if de else "By"
    names = (" und " if de else " and ").join(f'<a href="{hc_author_url(n)}" rel="author">{esc(n)}</a>' for n in a["authors"])
    agency = f' <span class="hc-agency">&middot; {esc(a["agency"])}</span>' if a.get("agency") else ""
    tags = " ".join(f'<a href="/courier/tag/{t}/">{esc(t.upper() if len(t) <= 2 else t.capitalize())}</a>' for t in a.get("tags", []))
    sec = a["section"]
    sec_url = f"/courier/de/{sec}/" if de else f"/courier/section/{sec}/"
    sec_name = dict(COURIER_SECTIONS_DE + COURIER_SECTIONS_EN)[sec]
    more = "".join(f'<li><a href="{x["path"]}">{esc(x["title"])}</a></li>' for x in same[(idx + 1) % len(same):][:3])
    charset = "windows-1252" if legacy else "utf-8"
    canon = f'<link rel="canonical" href="{base}{a["path"]}">'
    og = f'<meta property="og:url" content="{base}{a["path"]}">'
    caption = a.get("caption", "Harbor Courier file photo" if not de else "Archivfoto: Harbor Courier")
    return f"""<!DOCTYPE html>
<html lang="{"de" if de else "en"}">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} | Harbor Courier</title>
<meta name="description" content="{esc(a["dek"])}">
{canon}
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a["title"])}">
{og}
<link rel="stylesheet" href="/courier/static/courier.css">
</head>
<body class="hc-body hc-article-page">
{hc_top(a["lang"])}
<div class="hc-wrap">
<main class="hc-main" id="main">
  <div class="hc-kicker"><a href="{sec_url}">{sec_name}</a></div>
  <h1 class="hc-headline">{esc(a["title"])}</h1>
  <p class="hc-standfirst">{esc(a["dek"])}</p>
  <div class="hc-meta"><span class="hc-by">{by} {names}{agency}</span> <span class="hc-sep">|</span> {hc_time(a)}</div>
  <figure class="hc-lead-figure"><img src="/courier/static/img/photo.svg" alt="" width="1024" height="576"><figcaption>{esc(caption)}</figcaption></figure>
  <div class="hc-share"><a href="#share">{"Teilen" if de else "Share"}</a> <a href="#share">{"E-Mail" if de else "Email"}</a> <a href="#share">{"Drucken" if de else "Print"}</a></div>
  <div class="hc-story">
{chr(10).join(body)}
  </div>
  <div class="hc-tags">{"Schlagworte" if de else "Tags"}: {tags}</div>
  <section class="hc-more"><h2>{"Mehr aus dem Ressort" if de else "More from " + sec_name}</h2><ul>{more}</ul></section>
</main>
{hc_rail(a["lang"], same[:4])}
</div>
{hc_bottom(a["lang"])}
</body>
</html>
"""


def hc_teaser(a: dict) -> str:
    de = a["lang"] == "de"
    tags = " ".join(f'<a class="hc-tag" href="/courier/tag/{t}/">#{esc(t)}</a>' for t in a.get("tags", []))
    names = ", ".join(f'<a href="{hc_author_url(n)}">{esc(n)}</a>' for n in a["authors"])
    return f"""<article class="hc-teaser"><h2 class="hc-teaser__title"><a href="{a["path"]}">{esc(a["title"])}</a></h2><p class="hc-teaser__dek">{esc(a["dek"])}</p><div class="hc-teaser__meta">{"Von" if de else "By"} {names} &middot; {hc_time(a)} {tags}</div></article>"""


def hc_page(lang: str, title: str, canonical: str, main: str, rail_items: list[dict], head_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | Harbor Courier</title>
<link rel="canonical" href="__BASE__{canonical}">
{head_extra}<link rel="stylesheet" href="/courier/static/courier.css">
</head>
<body class="hc-body hc-listing-page">
{hc_top(lang)}
<div class="hc-wrap">
<main class="hc-main" id="main">
{main}
</main>
{hc_rail(lang, rail_items)}
</div>
{hc_bottom(lang)}
</body>
</html>
"""


def hc_listing_pages(lang: str, base: str, page_word: str, heading: str, items: list[dict],
                     per_page: int, extras_first: str, rail: list[dict], promo: str) -> dict[str, str]:
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    out = {}
    for n, chunk in enumerate(pages, 1):
        url = base if n == 1 else f"{base}{page_word}/{n}/"
        prev_url = None if n == 1 else (base if n == 2 else f"{base}{page_word}/{n - 1}/")
        next_url = f"{base}{page_word}/{n + 1}/" if n < len(pages) else None
        head = ""
        if prev_url:
            head += f'<link rel="prev" href="__BASE__{prev_url}">\n'
        if next_url:
            head += f'<link rel="next" href="__BASE__{next_url}">\n'
        nxt = "Weiter" if lang == "de" else "Next"
        prv = "Zurück" if lang == "de" else "Previous"
        pager = '<nav class="hc-pager">'
        if prev_url:
            pager += f'<a class="hc-pager__prev" rel="prev" href="{prev_url}">&lsaquo; {prv}</a> '
        pager += f'<span class="hc-pager__pos">{"Seite" if lang == "de" else "Page"} {n} / {len(pages)}</span>'
        if next_url:
            pager += f' <a class="hc-pager__next" rel="next" href="{next_url}">{nxt} &rsaquo;</a>'
        pager += "</nav>"
        main = f'<h1 class="hc-section-title">{esc(heading)}</h1>\n'
        main += promo + "\n"
        main += "\n".join(hc_teaser(a) for a in chunk)
        if n == 1:
            main += "\n" + extras_first
        main += "\n" + pager
        out[url] = hc_page(lang, heading + ("" if n == 1 else f" – {'Seite' if lang == 'de' else 'Page'} {n}"), url, main, rail, head)
    return out


# --------------------------------------------------------------------------- static bits

SVG = {
    "reel/static/logo.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="220" height="48" viewBox="0 0 220 48"><rect width="220" height="48" fill="#111"/><text x="12" y="32" font-family="Georgia,serif" font-size="24" fill="#e8c547">The Daily Reel</text></svg>'),
    "reel/static/img/still.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540" viewBox="0 0 960 540"><rect width="960" height="540" fill="#2b2b33"/><circle cx="480" cy="270" r="120" fill="none" stroke="#e8c547" stroke-width="14"/><circle cx="480" cy="270" r="24" fill="#e8c547"/></svg>'),
    "reel/static/img/thumb.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="68" viewBox="0 0 120 68"><rect width="120" height="68" fill="#444"/></svg>'),
    "ledger/assets/avatar.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#5b6cff"/></svg>'),
    "medienwoche/bilder/logo.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="260" height="50" viewBox="0 0 260 50"><rect width="260" height="50" fill="#fff"/><text x="4" y="36" font-family="Arial,sans-serif" font-weight="bold" font-size="30" fill="#b3001b">medienwoche</text></svg>'),
    "courier/static/logo.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="56" viewBox="0 0 300 56"><text x="150" y="40" text-anchor="middle" font-family="Times New Roman,serif" font-size="34" fill="#0b2545">Harbor Courier</text></svg>'),
    "courier/static/img/photo.svg": ('<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="576" viewBox="0 0 1024 576"><rect width="1024" height="576" fill="#8da9c4"/><rect y="380" width="1024" height="196" fill="#134074"/><rect x="600" y="250" width="40" height="140" fill="#eef4ed"/></svg>'),
}

CSS = {
    "reel/static/reel.css": """body{margin:0;font-family:Helvetica,Arial,sans-serif;background:#fafafa;color:#111}
.cookie-notice{position:fixed;bottom:0;left:0;right:0;background:#111;color:#eee;padding:12px 20px;font-size:13px;z-index:99}
.cookie-notice a{color:#e8c547}.top-ticker{background:#e8c547;font-size:12px;padding:6px 20px}.top-ticker a{color:#111}
.site-header{display:flex;align-items:center;gap:24px;padding:12px 20px;background:#111;color:#fff}.site-description{margin:0;font-size:11px;color:#aaa}
.main-navigation ul{display:flex;list-style:none;gap:14px;margin:0;padding:0}.main-navigation a{color:#fff;text-decoration:none;text-transform:uppercase;font-size:13px}
.ad-unit{background:#eee;text-align:center;color:#999;font-size:10px;min-height:90px;line-height:90px;margin:12px auto;max-width:728px}
.site-content{display:flex;gap:32px;max-width:1180px;margin:0 auto;padding:0 20px}.content-area{flex:1}.widget-area{width:300px}
.entry-title{font-family:Georgia,serif;font-size:40px;line-height:1.1}.entry-dek{font-size:20px;color:#444}.entry-meta{font-size:13px;color:#666}
.entry-content p{font-family:Georgia,serif;font-size:19px;line-height:1.6}.read-more-inline{border-left:4px solid #e8c547;padding:6px 12px;font-size:15px}
.post-thumbnail img{max-width:100%;height:auto}.related-posts ul{display:flex;gap:12px;list-style:none;padding:0}.related-posts li{width:33%}
.post-card{border-bottom:1px solid #ddd;padding:12px 0}.site-footer{background:#111;color:#aaa;padding:24px;margin-top:40px}.site-footer a{color:#ddd}
.footer-widgets{display:flex;gap:48px}.screen-reader-text{position:absolute;left:-9999px}
""",
    "ledger/assets/app.css": """:root{--ink:#1b1d23;--muted:#6b7080;--accent:#5b6cff}body{margin:0;font:16px/1.6 system-ui,sans-serif;color:var(--ink);background:#fff}
.consent-overlay{position:fixed;inset:auto 16px 16px auto;max-width:360px;z-index:50}.consent-card{background:#fff;border:1px solid #ddd;border-radius:12px;padding:16px;box-shadow:0 8px 30px #0002;font-size:14px}
.topbar{display:flex;align-items:center;justify-content:space-between;padding:10px 24px;border-bottom:1px solid #eee}.brand{display:flex;gap:8px;align-items:center;color:var(--ink);text-decoration:none;font-weight:700}.brand__mark{fill:var(--accent)}
.topbar__nav a{margin:0 10px;color:var(--muted);text-decoration:none}.btn-pill{background:var(--accent);color:#fff;border-radius:99px;padding:6px 14px;text-decoration:none}
.layout--post{display:grid;grid-template-columns:minmax(0,680px) 260px;gap:48px;justify-content:center;padding:32px 16px}
.post__eyebrow{color:var(--accent);font-weight:600;text-transform:uppercase;font-size:12px;letter-spacing:.08em}.post__title{font-size:36px;line-height:1.15;margin:8px 0}
.post__dek{font-size:19px;color:var(--muted)}.post__byline{display:flex;gap:8px;align-items:center;color:var(--muted);font-size:14px}.avatar{border-radius:50%}
.prose p{font-size:18px}.inline-card{border:1px solid #e5e7f0;border-radius:10px;padding:12px;margin:20px 0}.inline-card__label{display:block;font-size:12px;color:var(--muted)}
.chip{display:inline-block;border:1px solid #ddd;border-radius:99px;padding:2px 10px;margin-right:6px;font-size:13px}.member-cta{background:#f4f5ff;border-radius:12px;padding:20px;margin-top:32px}
.comments{max-width:680px;margin:0 auto;padding:16px}.comment{border-top:1px solid #eee;padding:8px 0;list-style:none}.comment__user{font-weight:600}
.site-foot{border-top:1px solid #eee;padding:24px;color:var(--muted);font-size:14px}.site-foot__cols{display:flex;gap:48px}.stream{list-style:none;padding:0;max-width:760px;margin:0 auto}
.stream__item{padding:14px 0;border-bottom:1px solid #eee}.stream__title{display:block;font-size:20px;font-weight:650;color:var(--ink)}
""",
    "medienwoche/css/mw.css": """body{margin:0;background:#e9e9e9;font-family:Verdana,Arial,sans-serif;font-size:12px;color:#222}
#cookie-hinweis{background:#333;color:#fff;padding:10px 20px}#cookie-hinweis a{color:#ffd}.knopf{background:#666;padding:3px 8px;text-decoration:none}.knopf-primaer{background:#b3001b}
#kopf,#rahmen,#fuss{width:980px;margin:0 auto;background:#fff}.kopf-oben{font-size:10px;text-align:right;padding:4px 10px;border-bottom:1px solid #ccc}
#navigation{margin:0;padding:0;background:#b3001b;list-style:none;overflow:hidden}#navigation li{float:left}#navigation a{display:block;color:#fff;padding:6px 12px;font-weight:bold;text-decoration:none}
.werbung{background:#f3f3f3;color:#aaa;text-align:center;font-size:9px}.werbung-banner{width:980px;height:90px;margin:0 auto}.werbung-rechteck{height:250px}
#inhalt{float:left;width:640px;padding:15px}#spalte-rechts{float:right;width:280px;padding:15px}.clear{clear:both}
.dachzeile{color:#b3001b;font-weight:bold;text-transform:uppercase;font-size:11px}h1.titel{font-family:Georgia,serif;font-size:28px;margin:4px 0}
.unterzeile{font-weight:bold;font-size:14px}.autorzeile{color:#777;font-size:11px}.artikeltext p{font-size:14px;line-height:1.6}
.lesetipp{border:1px solid #b3001b;padding:6px;margin:10px 0}.kasten{border-top:3px solid #b3001b;margin-bottom:15px}.teaser{border-bottom:1px dotted #aaa;padding:8px 0}
#fuss{border-top:3px solid #b3001b;padding:10px;font-size:10px}.fuss-links li{display:inline;margin-right:10px}
""",
    "courier/static/courier.css": """body{margin:0;font-family:Georgia,'Times New Roman',serif;color:#1d1d1d;background:#fff}
.hc-breaking{background:#a4161a;color:#fff;font:14px Arial,sans-serif;padding:6px 16px}.hc-masthead{text-align:center;border-bottom:3px double #0b2545}
.hc-masthead__top{display:flex;justify-content:space-between;font:12px Arial,sans-serif;padding:6px 16px;color:#555}.hc-sections ul{list-style:none;display:flex;justify-content:center;gap:18px;padding:0}
.hc-sections a{color:#0b2545;font:bold 14px Arial,sans-serif;text-decoration:none}.hc-wrap{display:flex;gap:40px;max-width:1100px;margin:0 auto;padding:20px}
.hc-main{flex:1;min-width:0}.hc-rail{width:280px;font-family:Arial,sans-serif;font-size:14px}.hc-kicker a{font:bold 12px Arial,sans-serif;text-transform:uppercase;color:#a4161a}
.hc-headline{font-size:38px;line-height:1.1;margin:6px 0}.hc-standfirst{font-size:20px;color:#444}.hc-meta{font:13px Arial,sans-serif;color:#555}
.hc-lead-figure img{width:100%;height:auto}.hc-lead-figure figcaption{font:12px Arial,sans-serif;color:#666}.hc-story p{font-size:18px;line-height:1.65}
.hc-related-inline{font:14px Arial,sans-serif;border-top:1px solid #ccc;border-bottom:1px solid #ccc;padding:6px 0}.hc-teaser{border-bottom:1px solid #ddd;padding:12px 0}
.hc-teaser__title{font-size:22px;margin:0}.hc-teaser__meta{font:12px Arial,sans-serif;color:#666}.hc-pager{margin:20px 0;font-family:Arial,sans-serif}
.hc-consent{position:fixed;bottom:0;left:0;right:0;background:#0b2545;color:#fff;padding:10px 16px;font:13px Arial,sans-serif}.hc-consent a{color:#fff}
.hc-footer{background:#f2f2f2;padding:20px;font:13px Arial,sans-serif}.hc-footer ul{list-style:none;display:flex;gap:16px;padding:0}.hc-grid{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}
.hc-ad{background:#eee;height:250px;text-align:center;color:#999;font-size:10px}.hc-promo{background:#f7f3e3;padding:8px 12px;font-family:Arial,sans-serif;font-size:14px}
""",
}


# --------------------------------------------------------------------------- main

def main() -> None:
    reel = load("reel", "America/Los_Angeles")
    ledger = load("ledger", "UTC")
    mw = load("medienwoche", "Europe/Berlin")
    hc = load("courier", "America/New_York")

    # paths
    for a in reel:
        a["path"] = f"/reel/{a['local']:%Y/%m}/{a['slug']}.html"
    for a in ledger:
        a["path"] = f"/ledger/posts/{a['slug']}/"
    for a in mw:
        a["path"] = f"/medienwoche/artikel/{a['slug']}.html"
        a["lang"] = "de"
    for a in hc:
        if a["lang"] == "de":
            a["path"] = f"/courier/de/artikel/{a['local']:%Y-%m-%d}-{a['slug']}.html"
        else:
            a["path"] = f"/courier/news/{a['local']:%Y-%m-%d}-{a['slug']}.html"

    # shared wire body
    by_slug = {(a["outlet_key"], a["slug"]): a for a in reel + ledger + mw + hc}
    for a in hc + reel:
        if a.get("body_from"):
            src = by_slug[tuple(a["body_from"].split("/"))]
            a["blocks"] = src["blocks"]

    for group in (reel, ledger, mw, hc):
        for a in group:
            n = words(a)
            if not 250 <= n <= 700:
                raise SystemExit(f"{a['path']}: body has {n} words")

    if WWW.exists():
        shutil.rmtree(WWW)
    WWW.mkdir()
    for rel, text in {**SVG, **CSS}.items():
        write(rel, text)

    # ---- root
    write("/index.html", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sample news network (offline fixture)</title>
<link rel="canonical" href="__BASE__/"></head>
<body><h1>Sample news network</h1>
<p>An offline collection of four fictional news outlets used as the demo crawl target and end-to-end test fixture of the AI-copyright tracker.</p>
<ul>
<li><a href="__BASE__/reel/">The Daily Reel</a> &ndash; Hollywood trade (RSS 2.0 feed)</li>
<li><a href="__BASE__/ledger/">Circuit Ledger</a> &ndash; technology (Atom feed)</li>
<li><a href="__BASE__/medienwoche/">Medienwoche</a> &ndash; German media trade (Google News sitemap)</li>
<li><a href="__BASE__/courier/">Harbor Courier</a> &ndash; general newspaper with a <a href="__BASE__/courier/de/">German edition</a> (section listings)</li>
</ul>
<p><a href="/robots.txt">robots.txt</a></p>
</body></html>
""")
    write("/robots.txt", "User-agent: *\nDisallow: /courier/private/\n\nSitemap: __BASE__/medienwoche/sitemap.xml\n")

    # ---- reel
    for a in reel:
        write(a["path"], reel_article(a, reel))
    write("/reel/", reel_home(reel))
    write("/reel/feed.xml", reel_feed(reel))
    write(REEL_VIDEO, reel_video_page())
    write("/reel/about.html", f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>About The Daily Reel</title><link rel="canonical" href="__BASE__/reel/about.html"><link rel="stylesheet" href="/reel/static/reel.css?ver=4.2.1"></head>
<body class="page"><div id="page" class="site">{reel_header()}
<div id="content" class="site-content"><main class="content-area"><h1>About The Daily Reel</h1>
<p>The Daily Reel is a fictional Hollywood trade publication created for an offline test fixture.</p>
<h2 id="staff">Masthead</h2><ul><li>Dana Whitcomb, legal correspondent</li><li>Marcus Bell, labor and business</li><li>Lena Ortiz, film and box office</li><li>Tobias Reed, chief film critic</li></ul>
<h2 id="tips">Tips</h2><p>Tips may be sent by post.</p><h2 id="advertise">Advertise</h2><p>Media kit on request.</p><h2 id="subscribe">Subscribe</h2><p>Newsletters are free.</p>
<h2 id="privacy">Privacy</h2><p>This fixture sets no cookies.</p><h2 id="terms">Terms</h2><p>CC0-1.0.</p></main></div>{reel_footer()}</div></body></html>
""")

    # ---- ledger
    for a in ledger:
        write(a["path"], ledger_article(a, ledger))
    write("/ledger/", ledger_home(ledger))
    write("/ledger/atom.xml", ledger_atom(ledger))
    write("/ledger/about/", f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>About | Circuit Ledger</title><link rel="canonical" href="__BASE__/ledger/about/"><link rel="stylesheet" href="/ledger/assets/app.css"></head>
<body><div id="__ledger" data-route="page">{ledger_chrome_top()}<main class="layout"><h1>About Circuit Ledger</h1>
<p>Circuit Ledger is a fictional reader-funded technology publication created for an offline test fixture.</p>
<h2 id="membership">Membership</h2><p>Members fund the newsroom.</p><h2 id="ethics">Ethics</h2><p>We disclose conflicts.</p><h2 id="privacy">Privacy</h2><p>This fixture sets no cookies.</p></main>{ledger_chrome_bottom()}</div></body></html>
""")

    # ---- medienwoche
    for a in mw:
        write(a["path"], mw_article(a, mw))
    write("/medienwoche/", mw_home(mw))
    write("/medienwoche/sitemap.xml", mw_sitemap(mw))
    write(MW_CATEGORY, mw_category(mw))
    write("/medienwoche/impressum.html", f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Impressum - Medienwoche</title><link rel="canonical" href="__BASE__/medienwoche/impressum.html"><link rel="stylesheet" type="text/css" href="/medienwoche/css/mw.css"></head>
<body id="seite">{mw_kopf()}<div id="rahmen"><div id="inhalt"><h1>Impressum</h1>
<p>Medienwoche ist ein fiktives Fachmagazin, erstellt als Offline-Testdatensatz.</p>
<h2 id="kontakt">Kontakt</h2><p>Redaktion Medienwoche, Musterstraße 1, 10115 Berlin.</p><h2 id="datenschutz">Datenschutz</h2><p>Dieser Testdatensatz setzt keine Cookies.</p>
<h2 id="agb">AGB</h2><p>Die Texte stehen unter CC0-1.0.</p><h2 id="mediadaten">Mediadaten</h2><p>Auf Anfrage.</p><h2 id="abo">Abo</h2><p>Kostenlos.</p><h2 id="newsletter">Newsletter</h2><p>Freitags.</p><h2 id="login">Anmelden</h2><p>Nicht erforderlich.</p>
</div><div class="clear"></div></div>{mw_fuss()}</body></html>
""")

    # ---- courier
    for a in hc:
        enc = "windows-1252" if a.get("encoding") == "windows-1252" else "utf-8"
        page = hc_article(a, hc)
        if enc != "utf-8":
            page = page.replace('<link rel="canonical" href="__BASE__', '<link rel="canonical" href="')
            page = page.replace('<meta property="og:url" content="__BASE__', '<meta property="og:url" content="')
            assert "__BASE__" not in page
        write(a["path"], page, encoding="cp1252" if enc != "utf-8" else "utf-8")
    en = sorted([a for a in hc if a["lang"] == "en"], key=lambda x: x["published"], reverse=True)
    de = sorted([a for a in hc if a["lang"] == "de"], key=lambda x: x["published"], reverse=True)

    # non-article pages
    non_articles = []
    tags: dict[str, list[dict]] = {}
    for a in hc:
        for t in a.get("tags", []):
            tags.setdefault(t, []).append(a)
    for t, items in sorted(tags.items()):
        url = f"/courier/tag/{t}/"
        lis = "".join(f'<li><a href="{x["path"]}">{esc(x["title"])}</a></li>' for x in sorted(items, key=lambda x: x["published"], reverse=True))
        tl = "de" if all(x["lang"] == "de" for x in items) else "en"
        label = "Schlagwort" if tl == "de" else "Tag"
        write(url, hc_page(tl, f"{label}: {t}", url, f'<h1 class="hc-section-title">{label}: {esc(t)}</h1><ul class="hc-taglist">{lis}</ul>', (de if tl == "de" else en)[:3]))
        non_articles.append(url)
    authors: dict[str, list[dict]] = {}
    for a in hc:
        for n in a["authors"]:
            authors.setdefault(n, []).append(a)
    bios = {
        "Ellen Marsh": "Ellen Marsh covers City Hall and the arts.",
        "Sam Okafor": "Sam Okafor covers sports and music.",
        "Ruth Delaney": "Ruth Delaney covers weather, climate and film.",
        "Katrin Vogt": "Katrin Vogt schreibt für die Deutsche Ausgabe über Kultur und Medien.",
        "Lukas Brandt": "Lukas Brandt berichtet über Hamburg und das Theater.",
        "Petra Lindqvist": "Petra Lindqvist reports for Continental Wire from Europe.",
    }
    for n, items in sorted(authors.items()):
        url = hc_author_url(n)
        lis = "".join(f'<li><a href="{x["path"]}">{esc(x["title"])}</a></li>' for x in items)
        write(url, hc_page("en", n, url, f'<h1 class="hc-section-title">{esc(n)}</h1><p class="hc-bio">{esc(bios.get(n, ""))}</p><h2>Recent stories</h2><ul class="hc-authorlist">{lis}</ul>', en[:3]))
        non_articles.append(url)
    video = "/courier/video/lantern-parade-highlights/"
    write(video, hc_page("en", "Video: Lantern parade highlights", video, """<div class="hc-kicker"><a href="/courier/section/news/">Video</a></div>
<h1 class="hc-headline">Video: Lantern parade highlights</h1>
<div class="hc-video"><video controls width="720" height="405" poster="/courier/static/img/photo.svg"><source src="/courier/video/lantern-parade-highlights/clip.mp4" type="video/mp4">Your browser does not support video.</video></div>
<p class="hc-video__caption">Two minutes from the waterfront. (2:04)</p>
<h2>More videos</h2><ul><li><a href="/courier/video/lantern-parade-highlights/">Lantern parade highlights</a></li></ul>""", en[:3]))
    non_articles.append(video)
    gallery = "/courier/gallery/harbor-lights-festival-2025/"
    figs = "".join(f'<figure><img src="/courier/static/img/photo.svg" alt="Festival photo {i}" width="320" height="180"><figcaption>Photo {i} of 9</figcaption></figure>' for i in range(1, 10))
    write(gallery, hc_page("en", "Photos: Harbor Lights Festival 2025", gallery, f"""<div class="hc-kicker"><a href="/courier/section/culture/">Photos</a></div>
<h1 class="hc-headline">Photos: Harbor Lights Festival 2025</h1><div class="hc-grid">{figs}</div><p>Photos by Harbor Courier staff.</p>""", en[:3]))
    non_articles.append(gallery)

    # embargoed robots-test page
    write("/courier/private/embargoed-story.html", hc_page("en", "EMBARGOED: Studios and AI video start-up settle copyright suit", "/courier/private/embargoed-story.html", """<!-- ROBOTS TEST: this page is disallowed by /robots.txt and must never be fetched. -->
<div class="hc-kicker"><a href="/courier/section/culture/">Culture</a></div>
<h1 class="hc-headline">EMBARGOED: Studios and AI video start-up settle copyright suit over training data</h1>
<p class="hc-standfirst">DRAFT – NOT FOR PUBLICATION. Canary token ROBOTS-CANARY-7f3e9a. If this text appears in your database, the crawler ignored robots.txt.</p>
<div class="hc-meta"><span class="hc-by">By <a href="/courier/author/ellen-marsh/">Ellen Marsh</a></span> | <time datetime="2026-11-30T09:00:00-05:00">November 30, 2026</time></div>
<div class="hc-story">
<p>A coalition of Hollywood studios and the fictional AI video start-up Lumaframe have agreed to settle a copyright lawsuit over the use of films and television episodes as training data for a generative video model, according to a draft agreement seen by the Harbor Courier. The deal, which is under embargo, would include a licensing fee, an opt-out registry for performers' likenesses and a commitment to delete unlicensed training copies.</p>
<p>The settlement would be one of the largest in the wave of AI-copyright litigation that followed the cases brought by The New York Times against OpenAI and Microsoft and by Getty Images against Stability AI. Lawyers for both sides declined to comment before the embargo lifts. ROBOTS-CANARY-7f3e9a.</p>
</div>""", en[:3], '<meta name="robots" content="noindex, nofollow">\n'))

    rail_en = [a for a in en if a["section"] != "culture"]
    rail_de = [a for a in de if a["section"] != "kultur"]
    promo_en = ('<div class="hc-promo"><a href="/courier/video/lantern-parade-highlights/">&#9654; Video: Lantern parade highlights</a> &middot; '
                '<a href="/courier/gallery/harbor-lights-festival-2025/">Photos: Harbor Lights Festival</a> &middot; '
                '<a href="/courier/tag/ai/">Topic: AI</a></div>')
    extras_en = ('<section class="hc-coming"><h2>Coming up</h2><article class="hc-teaser hc-teaser--embargo"><h2 class="hc-teaser__title">'
                 '<a href="/courier/private/embargoed-story.html">EMBARGOED: Studios and AI video start-up settle copyright suit</a></h2>'
                 '<p class="hc-teaser__dek">Scheduled story (staff preview).</p></article></section>')
    culture_en = [a for a in en if a["section"] == "culture"]
    for url, page in hc_listing_pages("en", "/courier/section/culture/", "page", "Culture", culture_en, 2,
                                      extras_en, rail_en, promo_en).items():
        write(url, page)
    promo_de = ('<div class="hc-promo"><a href="/courier/tag/ki/">Thema: Künstliche Intelligenz</a> &middot; '
                '<a href="/courier/gallery/harbor-lights-festival-2025/">Bilderstrecke: Harbor Lights Festival</a> &middot; '
                '<a href="/courier/video/lantern-parade-highlights/">Video: Laternenumzug</a></div>')
    kultur = [a for a in de if a["section"] == "kultur"]
    for url, page in hc_listing_pages("de", "/courier/de/kultur/", "seite", "Kultur", kultur, 3, "", rail_de, promo_de).items():
        write(url, page)
    for sec, name in COURIER_SECTIONS_EN:
        if sec == "culture":
            continue
        items = [a for a in en if a["section"] == sec]
        url = f"/courier/section/{sec}/"
        write(url, hc_page("en", name, url, f'<h1 class="hc-section-title">{name}</h1>' + "\n".join(hc_teaser(a) for a in items), culture_en[:3]))
    for sec, name in COURIER_SECTIONS_DE:
        if sec == "kultur":
            continue
        items = [a for a in de if a["section"] == sec]
        url = f"/courier/de/{sec}/"
        write(url, hc_page("de", name, url, f'<h1 class="hc-section-title">{name}</h1>' + "\n".join(hc_teaser(a) for a in items), kultur[:3]))
    front = "\n".join(hc_teaser(a) for a in en[:5])
    write("/courier/", hc_page("en", "Harbor Courier – News from the Harbor", "/courier/", f'<h1 class="hc-section-title">Today&#8217;s Courier</h1>\n{promo_en}\n{front}\n<p><a href="/courier/section/culture/">More culture &rsaquo;</a></p>', en[5:8]))
    front_de = "\n".join(hc_teaser(a) for a in de[:4])
    write("/courier/de/", hc_page("de", "Harbor Courier – Deutsche Ausgabe", "/courier/de/", f'<h1 class="hc-section-title">Deutsche Ausgabe</h1>\n{promo_de}\n{front_de}\n<p><a href="/courier/de/kultur/">Mehr aus der Kultur &rsaquo;</a></p>', de[4:7]))
    write("/courier/about/", hc_page("en", "About the Courier", "/courier/about/", """<h1 class="hc-section-title">About the Harbor Courier</h1>
<p>The Harbor Courier is a fictional newspaper created for an offline test fixture. Its German edition is produced by a small bureau.</p>
<h2 id="subscribe">Subscriptions</h2><p>Free.</p><h2 id="privacy">Privacy</h2><p>This fixture sets no cookies.</p><h2 id="corrections">Corrections</h2><p>None yet.</p><h2 id="imprint">Impressum</h2><p>Harbor Courier Publishing Co.</p>""", en[:3]))

    # ---- expected.yaml
    outlet_names = {"reel": "The Daily Reel", "ledger": "Circuit Ledger", "medienwoche": "Medienwoche", "courier": "Harbor Courier"}
    entries = []
    for a in reel + ledger + mw + hc:
        e = {
            "path": a["path"],
            "outlet": outlet_names[a["outlet_key"]],
            "language": a["lang"],
            "title": a["title"],
            "published": iso(a["published"]),
            "authors": list(a["authors"]),
            "relevant": bool(a["relevant"]),
            "borderline": bool(a["borderline"]),
            "topics": list(a["topics"]),
            "persons": list(a["persons"]),
            "orgs": list(a["orgs"]),
        }
        if a.get("notes"):
            e["notes"] = a["notes"].strip()
        entries.append(e)
    disallowed = ["/courier/private/embargoed-story.html"]
    known = {e["path"] for e in entries} | set(non_articles) | set(disallowed)
    other_pages = []
    for f in sorted(WWW.rglob("*.html")):
        url = "/" + f.relative_to(WWW).as_posix()
        url = url[: -len("index.html")] if url.endswith("/index.html") else url
        if url not in known:
            other_pages.append(url)
    doc = {"articles": entries, "non_articles": non_articles, "disallowed": disallowed,
           "fed_non_articles": [REEL_VIDEO, *MW_LISTED_NON_ARTICLES], "gone": [REEL_PULLED],
           "other_pages": other_pages}
    header = ("# Ground truth for the bundled sample site (generated by build.py from content/*.txt).\n"
              "# articles: one entry per article page; non_articles: tag/author/video/gallery pages linked from\n"
              "# the Harbor Courier listings (real pages, but not articles); disallowed: blocked by robots.txt;\n"
              "# other_pages: every remaining HTML page (homepages, listings and their pagination, section and\n"
              "# about pages), none of which is an article. fed_non_articles: pages a feed or sitemap lists that\n"
              "# are not articles (a video post, the home page, a category archive, the imprint; also in\n"
              "# other_pages); gone: a feed item whose link answers 404 (the story was pulled).\n")
    (HERE / "expected.yaml").write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100000), "utf-8")
    n_de = sum(1 for e in entries if e["language"] == "de")
    print(f"wrote {len(entries)} articles ({n_de} German), {len(non_articles)} non-article pages")


if __name__ == "__main__":
    main()
