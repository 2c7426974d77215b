"""URL normalisation: one spelling per article, without tracking parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "wt_", "itm_")
TRACKING_NAMES = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi",
    "ocid", "cmpid", "cmp", "ref", "ref_src", "src", "rss", "feed", "share", "smid", "ns_mchannel",
    "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "xtor", "wt_mc", "ito", "guccounter",
}


def is_tracking(name: str) -> bool:
    """A query parameter that says where a reader came from, not which page: utm_source, fbclid, ocid…"""
    return name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES


def strip_tracking(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True), fragment=""))


def normalize_url(url: str) -> str:
    """The form an article URL is stored under: tracking removed, query sorted, no fragment."""
    return canonicalize_url(strip_tracking(url.strip()), keep_fragments=False)


def same_site(a: str, b: str) -> bool:
    try:  # an address from a page's own data may be malformed ("http://[bad"): no site at all
        host_a = (urlsplit(a).hostname or "").removeprefix("www.")
        host_b = (urlsplit(b).hostname or "").removeprefix("www.")
    except ValueError:
        return False
    return bool(host_a) and host_a == host_b


def pick_canonical(fetched_url: str, candidates: list[str]) -> str:
    """The page's own canonical (rel=canonical, og:url) when it is trustworthy, else the fetched URL.

    A canonical on another host is ignored: syndicated copies often point at the
    original outlet, and those are handled as near-duplicates instead. A canonical
    that points at the site's front page is a template bug and is ignored too.
    """
    for candidate in candidates:
        if not candidate:
            continue
        absolute = urljoin(fetched_url, candidate.strip())
        if not absolute.startswith(("http://", "https://")) or not same_site(absolute, fetched_url):
            continue
        if urlsplit(absolute).path in ("", "/") and urlsplit(fetched_url).path not in ("", "/"):
            continue
        return normalize_url(absolute)
    return normalize_url(fetched_url)
