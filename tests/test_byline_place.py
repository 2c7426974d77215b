"""Where a name stands decides whether it is the article's byline (pipeline/understand/byline_place.py).

The snippets are written for these tests, after the kinds of page that gave wrong names in round 6 of the
labelled bylines (tests/data/bylines/): a Disqus thread, a sidebar's "Recent comments", a shop's customer
reviews, a table of contents, a related story's byline, a menu.
"""

from __future__ import annotations

from pipeline.records import Page
from pipeline.understand.extract import _author_candidates, _byline_authors, _parse, extract_article

TEXT = "<p>The publishers said the model had been trained on their books without a licence.</p>" * 30


def _tree(html: str):
    return _parse(html)[0]


def _first(html: str, guessed: str | None = None) -> list[str]:
    """The author list the extraction takes: the first candidate that names anyone (trafilatura's guess given)."""
    return next((c for c in _author_candidates(_tree(html), [], {"author": guessed}, None) if c), [])


def test_a_commenter_is_no_byline():
    # trafilatura's author guess was a Disqus commenter ("bparis"); the article's byline stands under its headline.
    html = ("<html><head><title>Stress Hormones Could Predict Boxing Dominance</title></head><body>"
            "<h1>Stress Hormones Could Predict Boxing Dominance</h1><p class='byline'>By Brian Mossop</p>" + TEXT
            + "<div id='disqus_thread'><ul id='dsq-comments'><li><cite><span>bparis</span></cite>"
              "<p>Great read.</p></li></ul></div></body></html>")
    assert _first(html, guessed="Bparis") == ["Brian Mossop"]


def test_the_last_commenter_in_a_sidebar_is_no_byline():
    html = ("<html><head><title>A troubling new way to evade plagiarism detection</title></head><body>"
            "<h1>Retraction Watch</h1><h2>A troubling new way to evade plagiarism detection</h2>" + TEXT
            + "<div id='sidebar'><ul id='recentcomments'><li class='recentcomments'>"
              "<span class='comment-author-link'><a>rfg</a></span> on A post</li></ul></div></body></html>")
    assert _first(html, guessed="Rfg") == []


def test_a_related_storys_author_is_no_byline():
    # SitePoint's byline ("Lukas White", no "By") is not found; the related article's author must not stand in.
    html = ("<html><head><title>3 Ways to Implement Embeddable Custom Badges</title></head><body>"
            "<h1>3 Ways to Implement Embeddable Custom Badges</h1><p>Lukas White</p>" + TEXT
            + "<ul class='article-list article-list--related'><li><article class='article article--related'>"
              "<p class='contributor_name'><a>Daniel Sipos</a></p></article></li></ul></body></html>")
    assert _first(html, guessed="Daniel Sipos") == []


def test_a_reviewer_a_table_of_contents_and_a_menu_give_no_visible_byline():
    reviews = ("<html><body><h1>21</h1><div class='customer-reviews'><div class='customer-review'>"
               "<span>by Tyler Reilly</span></div></div></body></html>")
    contents = ("<html><head><title>Galileo Galilei - Wikipedia</title></head><body><h1>Galileo Galilei</h1>" + TEXT
                + "<div id='toc'><ul><li><span class='toctext'>By Galileo</span></li></ul></div></body></html>")
    menu = ("<html><body><div id='nav'><ul class='nav superfish'><li>Interview Us</li></ul></div>"
            "<h1>Vacation Rental Homes Are a Family Reunion Necessity</h1>" + TEXT + "</body></html>")
    assert _byline_authors(_tree(reviews)) == []
    assert _byline_authors(_tree(contents)) == []
    assert _byline_authors(_tree(menu)) == []


def test_by_again_inside_the_names_is_a_menu_not_a_byline():
    html = ("<html><body><div class='top'><div>By Subject By Title By Publisher</div></div><h1>Keeping Tabs on "
            "Partners</h1>" + TEXT + "</body></html>")
    assert _byline_authors(_tree(html)) == []
    # a lower-case "von" is a name's particle, not the German "by" again
    assert _byline_authors(_tree("<html><body><h1>Titel</h1><p>Von Anna von Berg</p></body></html>")) == [
        "Anna von Berg"]


def test_the_articles_own_blocks_are_no_asides():
    # Under the headline, a byline whose block also counts comments ("entry-meta nyo-social-comments") stays.
    near = ("<html><head><title>Archaeologists Just Discovered a Lost City</title></head><body><header>"
            "<h1>Archaeologists Just Discovered a Lost City</h1><div class='entry-meta nyo-social-comments'>"
            "<span class='author'><a>Sage Lazzaro</a></span></div></header>" + TEXT + "</body></html>")
    assert _first(near, guessed="Sage Lazzaro") == ["Sage Lazzaro"]
    # An opinion page's wrapper says "comment" but holds the headline: it is the article, not its comments.
    opinion = ("<html><head><title>Why fair use matters</title></head><body><div class='content content--comment'>"
               "<h1>Why fair use matters</h1>" + TEXT + "<p class='meta'>Jane Roe</p></div></body></html>")
    assert _first(opinion, guessed="Jane Roe") == ["Jane Roe"]
    # Blogger keeps its posts in div.widget.Blog and the author in div.post-footer ("Posted by").
    blogger = ("<html><head><title>Plentylife: A post</title></head><body><h1>Plentylife</h1><div class='widget Blog'>"
               "<h3>A post</h3>" + TEXT + "<div class='post-footer'>Posted by <span class='fn'>Sandra</span></div>"
               "</div></body></html>")
    assert _first(blogger, guessed="Sandra") == ["Sandra"]


def test_a_word_of_the_headline_is_no_byline():
    html = ("<html><head><title>Metallica - Master of the Puppets 8-bit</title></head><body>"
            "<h1>Metallica - Master of the Puppets 8-bit</h1>" + TEXT + "</body></html>")
    assert _first(html, guessed="Bit") == []


def test_the_whole_extraction_skips_the_comments():
    html = ("<html><head><title>Eine Arduino-Virtual-Wall</title></head><body><h1>Eine Arduino-Virtual-Wall</h1>"
            "<div class='post-byline'>von Heiner</div>" + TEXT + "<ol class='commentlist'><li class='comment'>"
            "<div class='comment-author vcard'><span class='authorname'>Erkan</span></div><p>Danke!</p></li></ol>"
            "</body></html>")
    article = extract_article(Page(url="https://example.de/a.php", body=html.encode(), source="s", via="feed"))
    assert "Erkan" not in article.authors
