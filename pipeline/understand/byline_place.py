"""Where a name stands on the page: the article's own byline, or a commenter, a sidebar, a related story.

trafilatura's author guess and our visible-byline reading both take a name from where a byline might stand, and
both sometimes take one that is no author of this article: a commenter ("bparis" in a Disqus thread), the last
commenter in a sidebar's "Recent comments", a customer's review on a shop page, a "By Galileo" heading in a
table of contents, a related story's author ("Daniel Sipos" under SitePoint's story), a menu's "Interview Us". The
article's own byline stands near its headline and outside such blocks, so

a name that stands only inside an aside (a block whose class or id says comments, sidebar, reviews, related
stories, table of contents, navigation menu, and that does not also hold the headline) or only in the headline is
nobody's byline. (Preferring, of trafilatura's guess and the visible byline, the one nearer the headline was tried
and dropped: on the labelled pages it took "By Region" and related stories' bylines over right names. Still taken:
GalTime's "from Celeb Sisters", in a block with no such class, and "Bit" of a headline's "8-bit" that the
description repeats.)

The words are markup vocabulary (class names), not a language's: they stay here, not in language.yaml.
"""

from __future__ import annotations

import re

# Class or id tokens of blocks that hold other people's names. A token is a whole part between "-", "_" or
# spaces ("dsq-comment-header", "customer-reviews"), so "commentary" or "tocata" do not match. Singular "review"
# is left out: a review site's article itself is often class="review"; so are "widget" (Blogger's posts stand in
# div.widget.Blog) and "footer" (Blogger's "Posted by" line stands in div.post-footer).
ASIDE = re.compile(
    r"(?:^|[-_\s])(?:comments?|commentlist|recentcomments|disqus|dsq|respond|replies|sidebar|toc|"
    r"reviews|related|recommended|popular|most-?read|nav|navbar|navigation)(?=$|[-_\s])", re.I)
NEAR = 25  # elements after the headline that are its byline's place, whatever their class ("entry-meta
# nyo-social-comments" under a headline holds the byline and a comment counter)


def headline_of(tree):
    """The article's headline: the first h1 the page's title repeats, else the first h1 with text; none when
    the one h1 is a "Loading" placeholder or the site's logo (one word the title does not repeat)."""
    found = [h for h in tree.xpath("//body//h1") if h.text_content().strip()]
    title = " ".join(" ".join(tree.xpath("//head/title//text()")).split()).casefold()
    repeated = next((h for h in found if " ".join(h.text_content().split()).casefold() in title), None)
    if repeated is not None or not found:
        return repeated
    return found[0] if len(found[0].text_content().split()) > 1 else None


def in_aside(element, headline) -> bool:
    for node in [element, *element.iterancestors()]:
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag == "nav" or ASIDE.search(marks):
            # A wrapper that also holds the headline is the article's own ("content--comment" on an opinion page).
            return headline is None or not any(h is headline for h in node.iter("h1"))
    return False


def _places(tree, name: str) -> list[tuple[int, bool, bool]]:
    """(position in document order, in an aside, in the headline) of each element whose own text holds `name`."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", re.I)
    body = tree.find(".//body")
    if body is None or not name.strip():
        return []
    headline = headline_of(tree)
    at = next((i for i, e in enumerate(body.iter()) if e is headline), None)
    places = []
    for i, element in enumerate(body.iter()):
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript", "title"):
            continue
        text = " ".join(filter(None, (element.text, *(c.tail for c in element))))
        if pattern.search(text):
            in_headline = headline is not None and (element is headline or any(
                a is headline for a in element.iterancestors()))
            near = at is not None and 0 < i - at <= NEAR
            places.append((i, not near and in_aside(element, headline), in_headline))
    return places


def stands_as_byline(tree, name: str) -> bool:
    """False when every place the page shows `name` is an aside or the headline; True when it is shown elsewhere,
    or not found at all (a name from markup the text does not repeat cannot be judged by where it stands)."""
    places = _places(tree, name)
    return not places or any(not aside and not headline for _, aside, headline in places)


def placed(tree, names: list[str]) -> list[str]:
    """The names that stand where the article's byline can stand."""
    return [n for n in names if stands_as_byline(tree, n)]
