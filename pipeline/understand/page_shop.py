"""Signals of pages that sell a thing or announce an event (issue 19, round 7), for page_type.py.

A shop's product page is long, has an address that ends in a slug and names no author, like many articles; what
gives it away is what it declares (schema.org Product, og:type product) and its order form (a quantity to put in
the cart). Customers' reviews on it are marked schema.org Review, which on its own page is an article type: beside
the thing reviewed (a product, an event, a band) a Review is the visitors' and says nothing of the page.
"""

from __future__ import annotations

import re

from pipeline.records import PageSignal

# schema.org types of a thing a page sells or announces, lower case, and the kind of page each makes
PRODUCT_TYPES = {"product", "productgroup", "productmodel", "individualproduct", "car", "vehicle"}
EVENT_TYPES = {"event", "musicevent", "sportsevent", "theaterevent", "festival", "socialevent", "businessevent",
               "educationevent", "exhibitionevent", "screeningevent", "comedyevent", "danceevent",
               "literaryevent", "saleevent", "childrensevent", "foodevent"}
THING_TYPES = {**{t: ("product", -2.5) for t in PRODUCT_TYPES}, **{t: ("event", -2.5) for t in EVENT_TYPES}}
# what a Review on a page can be about other than the page itself
REVIEWED = PRODUCT_TYPES | EVENT_TYPES | {"offer", "aggregateoffer", "musicgroup", "localbusiness", "restaurant",
                                          "hotel", "softwareapplication", "book", "movie"}
# og:type product, product.item, product.group; a site's own "…:product"
OG_PRODUCT = re.compile(r"^(product(\.\w+)?|og:product|[\w.-]+:product)$")
# a form field for how many to buy: input or select named qty, quantity, cart_quantity, products_qty…
ORDER_FIELD = ('//form//*[self::input or self::select][contains(translate(@name, "QTY", "qty"), "qty") or '
               'contains(translate(@name, "QUANTITY", "quantity"), "quantity")]')


def customer_reviews(articles: list[str], types: list[str], tree) -> bool:
    """The page's only article type is Review, beside a thing it reviews or more than once, and the page does
    not call itself an article (og:type): the visitors' reviews of a product, a concert or a band (round 7's
    shop and Songkick pages), not a critic's review of a processor (AnandTech's, og:type article)."""
    if set(articles) != {"review"} or tree.xpath('//meta[@property="og:type"][@content="article"]'):
        return False
    return bool(set(types) & REVIEWED) or len(articles) >= 2


def things(signals: list[PageSignal], types: list[str]) -> list[str]:
    """A product or an event the page declares (when no article type is there), one signal per kind; the types
    it has read."""
    done = []
    for kind in ("product", "event"):
        found = sorted({t for t in types if THING_TYPES.get(t, ("",))[0] == kind})
        if found:
            signals.append(PageSignal("structured data", ", ".join(found), THING_TYPES[found[0]][1], kind))
            done += found
    return done


def og_product(signals: list[PageSignal], value: str) -> bool:
    if OG_PRODUCT.match(value):
        signals.append(PageSignal("og:type", value, -2.5, "product"))
        return True
    return False


# a link that puts a thing in the cart: …/add-to-cart/…, /cart/add?…, basket/add, cart.php?action=add
CART_LINK = re.compile(r"add[-_]?to[-_]?(cart|basket|bag)|/cart/add|basket/add|cart\.php\?.*add", re.I)


def order_form(signals: list[PageSignal], tree) -> None:
    """A form asking how many to buy, or a link that puts a thing in the cart, is a shop's page or listing (no
    article asks for a quantity or links to a cart: none of the 950 articles of rounds 1 to 7 does; round 7's
    shop listing links 24 products to the cart)."""
    if tree.xpath(ORDER_FIELD):
        signals.append(PageSignal("order form", "a quantity field", -2.0, "product"))
    elif any(CART_LINK.search(href) for href in tree.xpath("//a/@href")[:3000]):
        signals.append(PageSignal("order form", "a link that puts a thing in the cart", -2.0, "product"))
