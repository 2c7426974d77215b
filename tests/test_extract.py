"""Extraction details that decide identity and metadata: encodings, authors, paywall, article detection."""

from __future__ import annotations

from pipeline.records import Page
from pipeline.understand.extract import decode_html, extract_article, looks_like_article

PARAGRAPH = ("The court heard arguments about whether training a language model on copyrighted books is fair use, "
             "and the authors asked for damages for every work that was copied without a licence. ")


def page(html: str, url: str = "https://example.com/news/story.html", **kw) -> Page:
    return Page(url=url, body=html.encode("utf-8"), source="Ex", via="feed", **kw)


def test_windows_1252_without_any_charset():
    body = "<html><body><p>Café – “quoted” – Straße</p></body></html>".encode("cp1252")
    assert "Café – “quoted” – Straße" in decode_html(body, None)
    assert "Café" in decode_html(body, "text/html")
    # a declared charset still wins, and UTF-8 stays UTF-8
    assert "Café" in decode_html("<p>Café</p>".encode(), None)
    assert "Café" in decode_html("<p>Café</p>".encode("latin-1"), "text/html; charset=iso-8859-1")


def test_authors_from_jsonld_meta_and_byline():
    jsonld = ('<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Jane Doe"},'
              '{"name":"Max Mustermann"}]}</script>')
    a = extract_article(page(f"<html><head>{jsonld}</head><body><article><p>{PARAGRAPH * 3}</p></article></body></html>"))
    assert a.authors == ["Jane Doe", "Max Mustermann"]
    meta = '<meta name="author" content="Von Erika Musterfrau und Hans Meier">'
    a = extract_article(page(f"<html><head>{meta}</head><body><article><p>{PARAGRAPH * 3}</p></article></body></html>"))
    assert a.authors == ["Erika Musterfrau", "Hans Meier"]


def test_paywalled_teaser():
    teaser = (f'<html><body><article><h1>Title</h1><p>{PARAGRAPH}</p><div class="paywall">Subscribe to read on'
              f'</div></article></body></html>')
    assert extract_article(page(teaser)).paywalled
    free = f"<html><body><article><h1>Title</h1><p>{PARAGRAPH * 12}</p></article></body></html>"
    assert not extract_article(page(free)).paywalled
    flagged = ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}'
               f'</script></head><body><article><p>{PARAGRAPH * 12}</p></article></body></html>')
    assert extract_article(page(flagged)).paywalled


def test_article_pages_told_apart_from_others():
    article = extract_article(page(f'<html><head><meta property="og:type" content="article"></head><body>'
                                   f'<article><p>{PARAGRAPH * 6}</p></article></body></html>'))
    assert looks_like_article(article)
    video = extract_article(page(f'<html><head><meta property="og:type" content="video.other"></head><body>'
                                 f'<article><p>{PARAGRAPH * 6}</p></article></body></html>'))
    assert not looks_like_article(video)
    tag = extract_article(page(f"<html><body><article><p>{PARAGRAPH * 6}</p></article></body></html>",
                               url="https://example.com/tag/ai/"))
    assert not looks_like_article(tag)
    short = extract_article(page(f"<html><body><article><p>{PARAGRAPH}</p></article></body></html>"))
    assert not looks_like_article(short)


def test_authors_from_a_visible_byline_when_no_metadata_names_them():
    from pipeline.records import Page
    from pipeline.understand.extract import extract_article

    body = ("<html lang='de'><body><nav><p>By continuing you accept cookies</p></nav><article><h1>Titel</h1>"
            "<p class='autorzeile'>Von Anna Berger und Karl-Heinz Schröder | 17. Juni 2025, 11:30 Uhr</p>"
            + "<p>" + "Ein Satz über Verlage und Vergütung. " * 40 + "</p></article></body></html>")
    article = extract_article(Page(url="https://example.de/a.html", body=body.encode(), source="s", via="feed"))
    assert article.authors == ["Anna Berger", "Karl-Heinz Schröder"]


def test_round_8_the_publisher_at_its_address_and_a_name_as_the_page_shows_it():
    # The publisher JSON-LD names at the page's own address is the site, in whatever script ("台北時報" on
    # taipeitimes.com), so its name as the author gives way to the next place; a publisher with no address of its
    # own may be a press release's issuer and author ("Segment" on a wire's page), and stays.
    def jsonld(author: str, publisher: str) -> str:
        return (f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Organization",'
                f'"name":"{author}"}},"publisher":{publisher}}}</script>')

    body = f'<body><article><p>{PARAGRAPH * 3}</p></article></body></html>'
    own = jsonld("台北時報", '{"@type":"Organization","name":"台北時報","url":"https://www.taipeitimes.com/"}')
    meta = '<meta name="author" content="Jane Roe">'
    a = extract_article(page(f"<html><head>{own}{meta}</head>{body}", url="https://www.taipeitimes.com/News/a/1"))
    assert a.authors == ["Jane Roe"]
    issuer = jsonld("Segment", '{"@type":"Organization","name":"Segment"}')
    a = extract_article(page(f"<html><head>{issuer}</head>{body}", url="https://www.globenewswire.com/news-release/1"))
    assert a.authors == ["Segment"]
    # a name JSON-LD writes in lower case or as a slug is written as another place on the page writes it; a meta
    # tag's lower case is the page's own, and one word in lower case ("dpa") a sign as its writer writes it
    slug = '<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"viktor hedlund"}}</script>'
    shown = '<meta name="author" content="Viktor Hedlund">'
    assert extract_article(page(f"<html><head>{slug}{shown}</head>{body}")).authors == ["Viktor Hedlund"]
    assert extract_article(page(f"<html><head>{slug}</head>{body}")).authors == ["viktor hedlund"]
    lower = '<meta name="author" content="cindy mangomini">'
    byline = f'<body><article><p>By Cindy Mangomini</p><p>{PARAGRAPH * 3}</p></article></body></html>'
    assert extract_article(page(f"<html><head>{lower}</head>{byline}")).authors == ["cindy mangomini"]


def test_round_8_a_visible_byline_far_down_and_its_place():
    # A page whose menus come first holds its byline far down (n-tv's "Von Seb Dumitru, Lille" is its 846th
    # element): the elements from the headline on are read as well as the page's first 400; the byline's place after
    # the name is no author, in the byline's own style (after one name in an author field, a word may be an outlet).
    menu = "".join(f"<li><span>Menu {i}</span></li>" for i in range(300))
    story = (f'<h1>Deutscher Aggressor beeindruckt</h1><p><span class="article__author">Von Anna Berger, Lille'
             f'</span></p><p>{PARAGRAPH * 3}</p>')
    html = f"<html><head><title>Deutscher Aggressor beeindruckt</title></head><body><ul>{menu}</ul>{story}</body></html>"
    assert extract_article(page(html)).authors == ["Anna Berger"]
    near = f"<html><head><title>Deutscher Aggressor beeindruckt</title></head><body>{story}</body></html>"
    assert extract_article(page(near.replace("Lille", "Maria Roe"))).authors == ["Anna Berger", "Maria Roe"]


def test_a_publisher_with_a_malformed_address_is_not_the_site():
    """JSON-LD's publisher counts as the site only at the page's own address; an address that cannot be read
    ("http://[bad") is no site and no error."""
    from pipeline.collect.urls import same_site

    assert not same_site("http://[bad", "https://www.example.com/a")
    assert same_site("https://example.com/", "https://www.example.com/a")
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Dana Whitcomb"}, '
          '"publisher": {"name": "Dana Whitcomb", "url": "http://[bad"}}</script>')
    body = "<body><article><p>" + "The court heard arguments on training data and fair use. " * 30 + "</p></article></body>"
    assert extract_article(page(f"<html><head>{ld}</head>{body}")).authors == ["Dana Whitcomb"]


def test_round_9_the_meta_publisher_and_a_gendered_pair_of_author_words():
    # A meta tag's publisher is one of the site's names ("Deutsche Welle (www.dw.com)" on dw.com, its address in
    # brackets dropped), so trafilatura's author repeating it is the site and gives way to the visible byline, whose
    # "Autorin/Autor" (her, his) is one word; a publisher given as an address (a Facebook page) names nobody.
    head = ('<head><title>Ziele und Risiken</title><meta name="publisher" content="Deutsche Welle (www.dw.com)">'
            '<meta name="author" content="Deutsche Welle (www.dw.com)"></head>')
    story = '<h1>Ziele und Risiken</h1><ul><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>'
    body = f"<body><article>{story}<p>{PARAGRAPH * 3}</p></article></body>"
    assert extract_article(page(f"<html>{head}{body}</html>", url="https://www.dw.com/de/a-1")).authors == [
        "Roman Goncharenko"]
    facebook = '<head><meta name="publisher" content="https://www.facebook.com/janeroe"></head>'
    meta = '<meta name="author" content="Jane Roe">'
    assert extract_article(page(f"<html>{facebook.replace('</head>', meta + '</head>')}"
                                f"<body><article><p>{PARAGRAPH * 3}</p></article></body></html>")).authors == ["Jane Roe"]


def _story_with_a_line(headline: str, line: str, filler: str) -> str:
    """A story page: its headline, some filler, the line under test, then the text."""
    return (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>{filler}{line}"
            f"<p>{PARAGRAPH * 3}</p></article></body></html>")


def test_round_9_the_site_with_an_agency_as_a_credit_line():
    # "Le Monde.fr avec AFP" right after the headline, with no "Par": a credit line whose agency wrote the story (the
    # site goes); without a known agency ("avec nous") it is a slogan, and a chart's "Source: X and Bloomberg" far
    # below the headline is no credit of the story.
    def story(credit: str, filler: int = 0) -> str:
        return _story_with_a_line("Moody's abaisse la note du Portugal", f"<p>{credit}</p>", "<p>Un mot.</p>" * filler)

    url = "https://www.lemonde.fr/economie/article/2011/07/05/a.html"
    assert extract_article(page(story("Le Monde.fr avec AFP"), url=url)).authors == ["AFP"]
    assert extract_article(page(story("Le Monde.fr avec nous"), url=url)).authors == []
    assert extract_article(page(story("Source: Activist Research and Bloomberg", 40), url=url)).authors == []


def test_round_9_a_personal_site_with_no_byline_is_its_owners():
    head = '<head><meta property="og:site_name" content="Timothy Sykes"></head>'
    body = f"<body><article><p>{PARAGRAPH * 3}</p></article></body>"
    url = "https://www.timothysykes.com/blog/10-things-know-short-selling/"
    assert extract_article(page(f"<html>{head}{body}</html>", url=url)).authors == ["Timothy Sykes"]
    byline = f"<body><article><p>By Jane Roe</p><p>{PARAGRAPH * 3}</p></article></body>"
    assert extract_article(page(f"<html>{head}{byline}</html>", url=url)).authors == ["Jane Roe"]


def test_round_8_a_byline_of_a_name_a_bar_and_a_date():
    # NTV's "Sehernur Karsu | 05.04.2025 - Güncelleme : 05.04.2025" right after the headline, with no "By"; a name
    # without the date ("Sehernur Karsu |") is no byline, nor is one far below the headline.
    def story(line: str, filler: int = 0) -> str:
        return _story_with_a_line("Şarj istasyonu sayısı arttı", f"<div>{line}</div>", "<p>Bir söz.</p>" * filler)

    url = "https://www.ntv.com.tr/teknoloji/sarj-istasyonu"
    dated = "Sehernur Karsu | 05.04.2025 - Güncelleme : 05.04.2025"
    assert extract_article(page(story(dated), url=url)).authors == ["Sehernur Karsu"]
    assert extract_article(page(story("Sehernur Karsu |"), url=url)).authors == []
    assert extract_article(page(story(dated, 40), url=url)).authors == []
