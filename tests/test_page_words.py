"""Round 8's page-type signals (issue 19; not a first measurement): what a page's words and marks say of it.
An og:type of an organisation, an about title read in og:title and <title>, a CMS's static page deep in the site,
a path word that counts only as the address's last part. Each with a near miss."""

from __future__ import annotations

import pytest

from pipeline.records import Page
from pipeline.understand.extract import extract_article

PARAGRAPH = ("The court heard arguments about whether training a language model on copyrighted books is fair use, "
             "and the authors asked for damages for every work that was copied without a licence. ")


def verdict(html: str, url: str):
    return extract_article(Page(url=url, body=html.encode("utf-8"), source="Ex", via="sitemap")).verdict


def test_an_og_type_of_an_organisation_or_a_place_is_its_card_not_a_story():
    """Round 8: a village's long "Zahlen und Daten" page says og:type business.business; a story about a
    business says article (the near miss), and a type no one defined counts nothing."""
    body = f"<body><h1>Zahlen und Daten</h1><p>{PARAGRAPH * 8}</p></body>"
    url = "https://example.de/chronik/zahlen-und-daten/"
    card = verdict(f'<html><head><meta property="og:type" content="business.business"></head>{body}</html>',
                   url=url)
    assert card.kind == "about" and not card.is_article, card.summary()
    story = verdict(f'<html><head><meta property="og:type" content="article"></head>{body}</html>', url=url)
    assert story.is_article, story.summary()
    other = verdict(f'<html><head><meta property="og:type" content="business.story"></head>{body}</html>', url=url)
    assert not any(s.name == "og:type" for s in other.signals)


def test_an_about_title_read_in_og_title_and_the_title():
    """Round 8: a site that puts its name before the page's in og:title ("SibenLab privacy policy") says
    "privacy policy" first in its <title>; a story whose long heading begins so is no such page."""
    head = '<meta property="og:title" content="Example privacy policy"><title>privacy policy: Example</title>'
    found = verdict(f"<html><head>{head}</head><body><p>{PARAGRAPH * 3}</p></body></html>",
                    url="https://example.com/2018/06/example-privacy-policy.html")
    assert ("title", '"privacy policy"', -2.0) in [(s.name, s.value, s.weight) for s in found.signals]
    story = ('<meta property="og:title" content="Regulators fine Example"><title>Privacy policy changes cost '
             'Example a record fine: Example</title></head><body><h1>Regulators fine Example</h1>')
    found = verdict(f"<html><head>{story}<p>{PARAGRAPH * 3}</p></body></html>",
                    url="https://example.com/2018/06/regulators-fine-example.html")
    assert not any(s.name == "title" for s in found.signals), found.summary()
    subtitled = '<title>Privacy policy: what Meta\'s new terms mean for AI training</title>'
    found = verdict(f"<html><head>{subtitled}</head><body><p>{PARAGRAPH * 3}</p></body></html>",
                    url="https://example.com/2025/06/privacy-policy-meta-ai-training.html")
    assert not any(s.name == "title" for s in found.signals), found.summary()


def test_a_wordpress_static_page_deep_in_the_site_is_filed_content():
    """Round 8: a tourism site keeps its long walking guide as a WordPress page four folders deep; an about page
    sits near the root (the near miss, the same page at /uber-uns/ stays about)."""
    body = (f'<body class="page-template-default page page-id-4781"><article><h1>The best walks</h1>'
            f'<p>{PARAGRAPH * 6}</p></article></body>')
    html = f'<html><head><meta property="og:type" content="article"></head>{body}</html>'
    deep = verdict(html, url="https://example.com/things-to-do/nature-and-parks/walks/best-walks")
    assert deep.is_article and not any(s.name == "cms" for s in deep.signals), deep.summary()
    near = verdict(html.replace("The best walks", "Über uns"), url="https://example.com/uber-uns/")
    assert ("cms", -2.5) in [(s.name, s.weight) for s in near.signals] and not near.is_article, near.summary()
    # A language's folder is no depth: /de/ueber-uns/team/ is near the root of the German site
    team = verdict(html.replace("The best walks", "Unser Team"), url="https://example.com/de/ueber-uns/team/")
    assert ("cms", -2.5) in [(s.name, s.weight) for s in team.signals], team.summary()


@pytest.mark.parametrize("url, said", [
    ("https://example.com/newsletter/", True),
    ("https://example.com/newsletter/the-paradox-of-effort", False),  # an issue of the newsletter
    ("https://example.com/policies", True),
    ("https://example.com/help", True),
    ("https://example.com/help/2025/06/how-courts-read-fair-use", False),
    ("https://example.com/contact/press-office", True),  # a word without "$" counts anywhere in the path
    ("https://example.com/de/news", True),
    ("https://example.com/news.html", True),  # the last part with an ending
    ("https://example.com/news/2025/06/court-rules-on-training", False),
    ("https://example.com/live/news.php?lang=173&newid=13066", False),  # the script serving a story by its id
    ("https://example.de/aktuelles/", True),
    ("http://www.example.com/schedule", True),
    ("https://example.com/video/?id=12345", True),  # a kind other than a listing still says what it serves
])
def test_a_path_word_marked_last_counts_only_at_the_end(url, said):
    """Round 8: "newsletter$", "news$", "schedule$", "aktuelles$" (language data) name the page only as its
    address's last part; before a story's id in the query the word names the script that serves it."""
    found = verdict(f"<html><body><article><h1>A page</h1><p>{PARAGRAPH * 4}</p></article></body></html>", url=url)
    assert any(s.name == "url" and s.value.startswith("/") and s.value.endswith("/ in the path")
               for s in found.signals) == said, found.summary()
