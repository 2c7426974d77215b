"""Headlines without the site's name: "… | The Beachbody Blog", "… - Reuters", "… – heise online".

A page's <title> (and often its og:title) ends, or begins, with the site's
name after a separator. Only that end is cut, and only when it is one of the
site's names (SiteNames.is_name: the source's name, og:site_name, the page's
address, however written): a headline with " - " in its middle, or ending in
a section ("… - Auto News"), keeps every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.understand.site_names import SiteNames

SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»:]|::)\s+")


def strip_site_name(title: str, site_names: Iterable[str | None]) -> str:
    """The headline without a leading or trailing site name; the title unchanged when no end is one."""
    site = SiteNames(site_names)
    parts = SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = SEPARATOR.findall(title)
    if site.is_name(parts[-1]):
        return title[: len(title) - len(parts[-1]) - len(separators[-1])].strip()
    if site.is_name(parts[0]) and separators[0].strip() != ":":  # "Reuters: …" may be a quote; "Reuters | …" not
        return title[len(parts[0]) + len(separators[0]):].strip()
    return title
