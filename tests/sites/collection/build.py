"""Writes the collection fixture site. Run it after editing: `python tests/sites/collection/build.py`.

The pages are generated so that every article has its own text (distinct
articles must never look like near-duplicates) while the syndicated copy
shares the wire story's text under another template. The output files are
committed; tests only read them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

SENTENCES_EN = """The lawsuit claims that the company copied millions of articles without a licence to train its models.
Lawyers for the newspaper argued that the chatbot reproduces whole paragraphs almost word for word.
The developer says that training on public web pages is fair use under American copyright law.
A federal judge in Manhattan allowed the main infringement claims to proceed to discovery.
Authors and illustrators have filed similar class actions in California over image generators.
The Copyright Office published a report on the economic effects of generative artificial intelligence.
Musicians warned that voice clones threaten the livelihood of session singers and actors.
The union negotiated rules that require consent and payment before a digital replica is used.
European lawmakers added transparency duties for general purpose models to the AI Act.
Publishers want a collective licensing scheme that pays them whenever their archives are used.
Critics say the opt-out mechanism for text and data mining is unworkable for small creators.
The trade body estimated that licensing deals with AI firms were worth several hundred million dollars.
Several record labels sued two music generators, accusing them of copying protected recordings.
The court asked both parties to explain how the training data had been collected and stored.
A spokesperson said the company would appeal the decision and keep defending its practices.
The bill would give performers a federal right to control replicas of their voice and likeness.
Screenwriters secured protections that stop studios from treating machine output as source material.
The photo agency argued that the generated images even reproduced its watermark in places.
Researchers found that the model could recite long passages from copyrighted novels on request.
The settlement includes a fund for authors whose books appeared in the pirated data sets.
Industry groups asked regulators to require a public list of the works used for training.
The company disputed the figures and said that its systems learn patterns rather than storing copies.
News organisations have started blocking AI crawlers in their robots.txt files in large numbers.
The hearing focused on whether outputs that summarise paywalled reporting harm the market for it.
Legal scholars disagree on whether the temporary copies made during training are infringing at all.""".splitlines()

SENTENCES_DE = """Die Verwertungsgesellschaft verlangt eine angemessene Vergütung für die Nutzung von Liedtexten.
Das Landgericht München sah in der Speicherung der Texte im Modell eine Vervielfältigung.
Der Anbieter des Chatbots kündigte an, gegen das Urteil Berufung einzulegen.
Verlage fordern seit Langem eine Lizenzpflicht für das Training mit journalistischen Inhalten.
Die Ausnahme für Text und Data Mining erlaubt Kopien nur, wenn kein Nutzungsvorbehalt erklärt wurde.
Urheberverbände begrüßten die Entscheidung als wichtiges Signal für Musikerinnen und Autoren.
Die Bundesregierung prüft, ob das Urheberrechtsgesetz an die KI-Verordnung angepasst werden muss.
Kritiker halten einen maschinenlesbaren Vorbehalt für kleine Rechteinhaber kaum für praktikabel.
Das Gericht stellte fest, dass die Ausgaben des Modells die Originaltexte teilweise wiedergaben.
Synchronsprecher warnen davor, dass geklonte Stimmen ihre Aufträge ersetzen könnten.""".splitlines()


def body_text(seed: int, n: int = 12, german: bool = False) -> list[str]:
    """n sentences in a seed-specific order, each tagged with the seed so no two articles share a text."""
    pool = SENTENCES_DE if german else SENTENCES_EN
    rng = random.Random(seed)
    picked = [rng.choice(pool) for _ in range(n)]
    marker = "Fall" if german else "Case"
    return [f"{s[:-1]} ({marker} {seed}-{i})." for i, s in enumerate(picked)]


def page(title: str, paragraphs: list[str], head: str = "", byline: str = "", lang: str = "en",
         template: str = "a", charset: bool = True) -> str:
    meta_charset = '<meta charset="utf-8">' if charset else ""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    if template == "a":
        return f"""<!doctype html><html lang="{lang}"><head>{meta_charset}<title>{title} | Example News</title>
{head}</head><body><header><nav><a href="/">Home</a> <a href="/tag/ai.html">AI</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">{byline}</p>
{paras}
</article></main><footer>Example News, all rights reserved</footer></body></html>
"""
    return f"""<!doctype html><html lang="{lang}"><head>{meta_charset}<title>{title} - The Syndicator</title>
{head}</head><body><div id="top"><ul class="menu"><li><a href="/syn/">Front</a></li></ul></div>
<div class="content"><div class="story"><h2 class="headline">{title}</h2><span class="credit">{byline}</span>
<div class="story-body">{paras}</div></div></div><div class="bottom">The Syndicator - Imprint - Privacy</div></body></html>
"""


def jsonld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def canonical(url: str) -> str:
    return f'<link rel="canonical" href="__BASE__{url}">'


def write(path: str, text: str | bytes) -> None:
    target = HERE / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    target.write_bytes(text)


def rss(title: str, items: list[str], encoding: str = "utf-8") -> str:
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>
<link>__BASE__/</link><description>{title}</description>
{"".join(items)}
</channel></rss>
"""


def item(title: str, link: str, extra: str = "") -> str:
    return f"<item><title>{title}</title><link>{link}</link>{extra}</item>\n"


def build() -> None:
    write("robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: GPTBot\nDisallow: /\n\n"
                        "Sitemap: __BASE__/home/sitemap.xml\n")

    # --- Feed Source: one page per way of giving a date -------------------------------------------
    write("news/2025/03/14/jsonld-date.html", page(
        "Judge lets newspaper lawsuit against AI developer proceed", body_text(1),
        head=canonical("/news/2025/03/14/jsonld-date.html") + jsonld({
            "@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2025-03-14T09:30:00-04:00",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "Max Mustermann"}]}),
        byline="Published 2 January 2020"))  # a misleading byline: JSON-LD is trusted first
    write("news/og-date.html", page(
        "Record labels sue music generators", body_text(2),
        head='<meta property="og:type" content="article">'
             '<meta property="article:published_time" content="2025-06-02T18:00:00+02:00">'
             '<meta name="author" content="By Alex Smith and Sam Lee">'))
    write("news/en-byline.html", page(
        "Copyright Office report on AI training", body_text(3), byline="By Chris Roe. Published 14 March 2025"))
    write("news/2025/11/20/url-date.html", page("Union wins consent rules for digital replicas", body_text(4)))
    write("news/teaser.html", page(
        "Inside the licensing talks between publishers and AI firms", body_text(5, n=4),
        head='<meta property="og:type" content="article">',
        byline='Published 3 April 2025</p><div class="paywall">Subscribe to read the full article.</div><p>'))
    cp1252 = page("Café owners and the “AI levy” – a report", body_text(6) +
                  ["Zitat: „Das ist ein Café – kein Rechenzentrum“, sagte die Wirtin."],
                  byline="Published 5 May 2025", charset=False)
    write("news/cp1252.html", cp1252.encode("cp1252"))
    write("news/from-atom.html", page("Atom entry article about licensing markets", body_text(7),
                                      byline="Published 6 May 2025"))
    write("private/secret.html", page("Disallowed by robots.txt", body_text(8)))

    write("feeds/rss2.xml", rss("Feed Source RSS 2.0", [
        item("JSON-LD dated", "__BASE__/news/2025/03/14/jsonld-date.html?utm_source=rss&amp;utm_medium=feed",
             "<pubDate>Fri, 14 Mar 2025 14:00:00 GMT</pubDate>"),
        item("OG dated", "/news/og-date.html"),  # relative: resolved against the feed URL
        item("Teaser", "__BASE__/news/teaser.html"),
        item("Secret", "__BASE__/private/secret.html",
             "<content:encoded><![CDATA[<p>" + " ".join(body_text(8)) + "</p>]]></content:encoded>"),
    ]))
    write("feeds/atom.xml", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed Source Atom</title><id>urn:x</id><updated>2025-05-06T10:00:00Z</updated>
<link rel="self" href="__BASE__/feeds/atom.xml"/>
<entry><title>Byline</title><id>urn:1</id><updated>2025-05-06T10:00:00Z</updated><link href="/news/en-byline.html"/></entry>
<entry><title>URL dated</title><id>urn:2</id><updated>2025-05-06T10:00:00Z</updated><link href="/news/2025/11/20/url-date.html"/></entry>
<entry><title>Atom</title><id>urn:3</id><updated>2025-05-06T10:00:00Z</updated><link href="/news/from-atom.html"/></entry>
</feed>
""")
    write("feeds/rss091.xml", """<?xml version="1.0" encoding="utf-8"?>
<rss version="0.91"><channel><title>Feed Source 0.91</title><link>__BASE__/</link><description>old</description>
<language>en</language>
<item><title>Teaser again</title><link>__BASE__/news/teaser.html</link><description>x</description></item>
</channel></rss>
""")
    write("feeds/rdf.xml", """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="__BASE__/"><title>Feed Source RSS 1.0</title><link>__BASE__/</link><description>rdf</description>
<items><rdf:Seq><rdf:li resource="__BASE__/news/cp1252.html"/></rdf:Seq></items></channel>
<item rdf:about="__BASE__/news/cp1252.html"><title>Windows-1252 page</title><link>__BASE__/news/cp1252.html</link></item>
</rdf:RDF>
""")
    # An ISO-8859-1 feed whose article page is refused (403, not gone): the entry's own content is stored instead.
    latin = rss("Feed Source Latin-1", [item(
        "Urheberrecht für KI-Training", "__BASE__/status/403/feed-only.html",
        "<pubDate>Thu, 22 Jan 2026 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>"
        + " ".join(body_text(9, german=True)) + " Die Klägerin ist Ärztin und Übersetzerin.</p>]]></content:encoded>")],
        encoding="iso-8859-1")
    write("feeds/latin1.xml", latin.encode("iso-8859-1"))

    # --- Wire Outlet: sitemap index -> gzipped sitemap + news sitemap ----------------------------
    wire_text = body_text(10, n=14)
    write("wire/ai-training-story.html", page(
        "Authors' lawsuit over AI training heads to trial", wire_text,
        head=canonical("/wire/ai-training-story.html") + '<meta property="og:type" content="article">',
        byline="By Wire Staff. Published 10 February 2026"))
    write("wire/de-byline.html", page(
        "GEMA gewinnt gegen Chatbot-Anbieter", body_text(11, german=True), lang="de",
        byline="Von Erika Musterfrau. Veröffentlicht am 23. Januar 2026, 14:05 Uhr"))
    write("wire/changing.html", page("Settlement talks in AI copyright case", body_text(12),
                                     byline="Published 1 March 2026"))
    write("v2/wire/changing.html", page("Settlement talks in AI copyright case", body_text(12) + [
        "Update: the parties told the court on Friday that they had reached an agreement in principle."],
        byline="Published 1 March 2026"))
    write("wire/no-date.html", page("Wire brief without a date on the page", body_text(13)))
    write("wire/old-story.html", page("A story from 2001", body_text(14)))
    write("wire/sitemap_index.xml", """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/wire/sitemap-1.xml.gz</loc><lastmod>__NOW__</lastmod></sitemap>
<sitemap><loc>__BASE__/wire/news-sitemap.xml</loc></sitemap>
<sitemap><loc>__BASE__/wire/sitemap-2001.xml</loc><lastmod>2001-01-01</lastmod></sitemap>
</sitemapindex>
""")
    # Served gzip-compressed as sitemap-1.xml.gz (the fixture server compresses it after substitution).
    write("wire/sitemap-1.xml", """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>__BASE__/wire/ai-training-story.html</loc><lastmod>2026-02-10</lastmod></url>
<url><loc>__BASE__/wire/de-byline.html</loc></url>
</urlset>
""")
    news = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>__BASE__/wire/changing.html</loc><lastmod>__NOW__</lastmod>
  <news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2026-03-01T08:00:00+01:00</news:publication_date><news:title>Settlement talks</news:title></news:news></url>
<url><loc>__BASE__/wire/no-date.html</loc>
  <news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2026-02-20T15:45:00-05:00</news:publication_date><news:title>Wire brief</news:title></news:news></url>
<url><loc>__BASE__/wire/old-story.html</loc><lastmod>2001-05-05</lastmod>
  <news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2001-05-05T10:00:00Z</news:publication_date><news:title>Old</news:title></news:news></url>
</urlset>
"""
    write("wire/news-sitemap.xml", news.replace("__NOW__", "2026-03-01T08:00:00+01:00"))
    write("v2/wire/news-sitemap.xml", news)  # lastmod = time of serving: the page changed after run 1
    write("wire/sitemap-2001.xml", """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>__BASE__/wire/old-story.html</loc></url></urlset>
""")

    # --- The Syndicator: a section listing with pagination and no article_pattern ---------------
    def listing(n: int, links: list[str], last: bool = False) -> str:
        nxt = "" if last else f'<a href="/syn/page/{n + 1}.html">Next</a>'
        anchors = "".join(f'<li><a href="{u}">{u}</a></li>' for u in links)
        return f"""<!doctype html><html><head><meta charset="utf-8"><title>Section page {n}</title></head><body>
<nav><a href="/syn/">Front</a> <a href="/syn/about.html">About</a></nav><ul>{anchors}</ul><div class="pager">{nxt}</div>
<footer><a href="/syn/imprint.html">Imprint</a></footer></body></html>
"""
    write("syn/index.html", listing(1, [
        "/syn/copy-of-wire.html", "/syn/tag/ai.html", "/syn/author/jane.html", "/syn/pictures-of-the-week.html",
        "/syn/clip.html", "/syn/story.html?utm_campaign=list", "/syn/print/story.html"]))
    write("syn/page/2.html", listing(2, ["/syn/section-b/story.html", "/syn/video/ai-explainer.html"]))
    write("syn/page/3.html", listing(3, ["/syn/deep-article.html"]))
    write("syn/page/4.html", listing(4, ["/syn/too-deep.html"], last=True))
    write("syn/copy-of-wire.html", page(
        "AUTHORS' LAWSUIT OVER AI TRAINING HEADS TO TRIAL", wire_text + ["Distributed by Wire Service."],
        template="b", head='<meta property="og:type" content="article">', byline="Wire Service, 10 Feb 2026"))
    story = page("Publishers test a collective licence for AI", body_text(15), template="b",
                 head=canonical("/syn/story.html"), byline="Published 7 July 2025")
    write("syn/story.html", story)
    write("syn/section-b/story.html", story)  # the same article under a second path; canonical ties them
    write("syn/print/story.html", story.replace(canonical("/syn/story.html"), ""))  # no canonical: same text
    write("syn/deep-article.html", page("Deep in the archive: AI licensing", body_text(16), template="b",
                                        byline="Published 8 July 2025"))
    write("syn/too-deep.html", page("Beyond the listing depth", body_text(17), template="b"))
    write("syn/tag/ai.html", page("Tag: AI", body_text(18)))
    write("syn/author/jane.html", page("Jane Doe", body_text(19)))
    write("syn/video/ai-explainer.html", page("Video", body_text(20)))
    write("syn/pictures-of-the-week.html", f"""<!doctype html><html><head><meta charset="utf-8">
<meta property="og:type" content="website"><title>Pictures of the week</title></head><body>
<div class="gallery"><figure><img src="/img/1.jpg"><figcaption>Protest outside the court</figcaption></figure>
<figure><img src="/img/2.jpg"><figcaption>The union's negotiators</figcaption></figure>
<p>{body_text(21, n=3)[0]}</p></div></body></html>
""")
    write("syn/clip.html", page("Watch: the hearing in two minutes", body_text(22),
                                head='<meta property="og:type" content="video.other">'))

    # --- Homepage-only source: feeds and sitemaps must be discovered ------------------------------
    write("home/index.html", """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Heimseite</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/home/feed.xml">
<link rel="alternate" type="text/html" hreflang="en" href="/en/"></head>
<body><h1>Nachrichten</h1></body></html>
""")
    write("home/feed.xml", rss("Heimseite", [item("Artikel eins", "__BASE__/home/artikel-1.html")]))
    write("home/sitemap.xml", """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>__BASE__/home/artikel-2.html</loc></url></urlset>
""")
    write("home/artikel-1.html", page("KI-Verordnung: Neue Pflichten für Anbieter", body_text(23, german=True),
                                      lang="de", byline="Veröffentlicht am 2. Februar 2026"))
    write("home/artikel-2.html", page("Synchronsprecher gegen Stimmklone", body_text(24, german=True),
                                      lang="de", byline="Veröffentlicht am 3. Februar 2026"))

    # --- Compressed answers: good ones and decompression bombs (bodies come from shared/corpora) ----
    write("feeds/compressed.xml", rss("Compressed", [
        item("bomb gzip", "__BASE__/bomb/gzip.html"), item("bomb br", "__BASE__/bomb/br.html"),
        item("bomb zstd", "__BASE__/bomb/zstd.html"), item("bomb deflate", "__BASE__/bomb/deflate.html"),
        item("good br", "__BASE__/bomb/good-br.html"), item("good zstd", "__BASE__/bomb/good-zstd.html")]))


if __name__ == "__main__":
    build()
