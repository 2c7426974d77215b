"""Published dates, from the most to the least trusted place on a page.

Order of trust: JSON-LD, then OpenGraph/meta tags, then a visible byline
(month names and time words from every language's data, pipeline/languages.py),
then the URL. Every date is returned as ISO 8601 with the offset the page gave
(`to_utc_iso` turns it into UTC): the publication's own local date is what a
reader sees, and 9:12 pm in California is the next day in UTC. A time the page
gives without an offset is read in the zone the caller passes (the source's
`timezone:`, else its language's, else UTC); a date without a time is that
calendar day at 00:00 UTC.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.languages import all_languages, language, languages_dir


@lru_cache(maxsize=4)
def _byline_patterns(directory: Path) -> tuple[dict[str, int], list[re.Pattern]]:
    """Month names and byline date patterns from every language's data (a page may quote another language)."""
    months = {m: n for lang in all_languages() for m, n in lang.months.items()}
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True)) or "(?!)"

    def alternatives(words: str, escape=re.escape) -> str:
        return "|".join(sorted((escape(w) for w in _time_words(words)), key=len, reverse=True))

    before = "|".join(filter(None, [alternatives("before"), ",|-|–|\\|"]))
    # "2 p.m." and "2 pm": am/pm words match with or without their dots.
    after = "|".join(filter(None, [alternatives("after"),
                                   alternatives("am", _dots_optional), alternatives("pm", _dots_optional)]))
    time = rf"(?:,?\s*(?:(?:{before})\s*)?(\d{{1,2}})[:.](\d{{2}})(?:\s*({after or '(?!)'}))?)?"
    return months, [
        # 23. Januar 2026, 14:05 Uhr
        re.compile(rf"\b(\d{{1,2}})\.\s*({month})\.?\s+(\d{{4}}){time}", re.I),
        # 14 March 2025
        re.compile(rf"\b(\d{{1,2}})\s+({month})\.?,?\s+(\d{{4}}){time}", re.I),
        # March 14, 2025
        re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){time}", re.I),
        # 23.01.2026
        re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){time}"),
    ]


def _dots_optional(word: str) -> str:
    return r"\.?".join(re.escape(c) for c in word.replace(".", "")) + r"\.?"


def _time_words(words: str) -> list[str]:
    return list(dict.fromkeys(w for lang in all_languages() for w in lang.time.get(words, [])))


def _is_word(word: str, kind: str) -> bool:
    return word.replace(".", "") in {w.replace(".", "").lower() for w in _time_words(kind)}


URL_PATTERNS = [
    re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|\b)"),
    re.compile(r"/(20\d{2}|19\d{2})(\d{2})(\d{2})[/-]"),
    re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/"),
]
META_NAMES = [
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "publishdate", "publish-date", "pubdate", "date", "dc.date.issued", "dc.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published",
]


def zone(name: str | None):
    """A tz database zone ("America/Los_Angeles"); None for no name or an unknown one."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None


def page_zone(source_zone: str | None, language_code: str | None):
    """Where a page's times without an offset are read: the source's `timezone:`, else its language's, else UTC."""
    return zone(source_zone) or zone(language(language_code).timezone if language_code else None) or UTC


def to_iso(value: str | None, local_tz=UTC) -> str | None:
    """Parse an ISO-like date string, keeping its own offset (naive times are in `local_tz`); None if no date."""
    if not value:
        return None
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    # "+0100" -> "+01:00", which fromisoformat needs on older Pythons
    value = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", value)
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=local_tz)
    if not 1990 <= dt.year <= datetime.now(UTC).year + 1:
        return None
    if "T" not in value and " " not in value.strip():
        # A date alone ("2025-03-14") is a calendar day, not midnight somewhere.
        dt = dt.replace(tzinfo=UTC)
    return dt.isoformat()


def to_utc_iso(value: str | None, local_tz=UTC) -> str | None:
    """Parse an ISO-like date string and return it in UTC; None if it is not a date."""
    found = to_iso(value, local_tz)
    return datetime.fromisoformat(found).astimezone(UTC).isoformat() if found else None


def local_date(iso: str | None) -> str | None:
    """The calendar day of a timestamp in its own offset: "2025-03-14T21:12:00-07:00" -> "2025-03-14"."""
    return iso[:10] if iso and re.match(r"\d{4}-\d{2}-\d{2}", iso) else None


def _walk_jsonld(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk_jsonld(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)


def jsonld_objects(tree) -> list[dict]:
    out = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        out.extend(_walk_jsonld(data))
    return out


def date_from_jsonld(objects: list[dict], tz=UTC) -> str | None:
    for obj in objects:
        for key in ("datePublished", "dateCreated"):
            found = obj.get(key)
            if isinstance(found, str) and (iso := to_iso(found, tz)):
                return iso
    return None


def date_from_meta(tree, tz=UTC) -> str | None:
    metas = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in metas:
            metas[key] = meta.get("content")
    for name in META_NAMES:
        if name in metas and (iso := to_iso(metas[name], tz)):
            return iso
    return None


def date_from_byline(text: str, tz=UTC) -> str | None:
    """The first date written out in the page's visible text (e.g. 'Published 14 March 2025')."""
    months, patterns = _byline_patterns(languages_dir())
    best = None
    for pattern in patterns:
        match = pattern.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    g = best.groups()
    pattern = best.re
    try:
        if pattern is patterns[2]:
            month, day, year = months[g[0].lower()], int(g[1]), int(g[2])
        elif pattern is patterns[3]:
            day, month, year = int(g[0]), int(g[1]), int(g[2])
        else:
            day, month, year = int(g[0]), months[g[1].lower()], int(g[2])
        hour, minute, suffix = g[3], g[4], (g[5] or "").lower()
        h = int(hour) if hour else 0
        if _is_word(suffix, "pm") and h < 12:
            h += 12
        elif _is_word(suffix, "am") and h == 12:
            h = 0
        local = datetime(year, month, day, h, int(minute) if minute else 0, tzinfo=tz)
    except (ValueError, KeyError):
        return None
    # A date without a time is a calendar day: keep the day, at midnight UTC,
    # rather than shifting it into the previous day by the zone's offset.
    if not hour:
        local = local.replace(tzinfo=UTC)
    return local.isoformat()


def date_from_url(url: str) -> str | None:
    for pattern in URL_PATTERNS:
        match = pattern.search(url)
        if match:
            parts = [int(p) for p in match.groups()] + [1]
            try:
                return datetime(parts[0], parts[1], parts[2], tzinfo=UTC).isoformat()
            except ValueError:
                continue
    return None


def find_published(tree, text: str, url: str, jsonld: list[dict] | None = None,
                   tz=None) -> tuple[str | None, str | None]:
    """(date with its offset, where it came from), trying each place in order of trust.

    `tz` is the zone for a time the page writes without an offset; UTC when None.
    """
    tz = tz or UTC
    if jsonld is None:
        jsonld = jsonld_objects(tree)
    if iso := date_from_jsonld(jsonld, tz):
        return iso, "json-ld"
    if iso := date_from_meta(tree, tz):
        return iso, "meta"
    times = tree.xpath("//article//time[@datetime] | //time[@datetime]")
    for node in times[:1]:
        if iso := to_iso(node.get("datetime"), tz):
            return iso, "byline"
    if iso := date_from_byline(text[:5000], tz):
        return iso, "byline"
    if iso := date_from_url(url):
        return iso, "url"
    return None, None


def is_older_than(iso: str | None, seconds: int | None) -> bool:
    if not iso or seconds is None:
        return False
    value = to_utc_iso(iso)
    if not value:
        return False
    return datetime.fromisoformat(value) < datetime.now(UTC) - timedelta(seconds=seconds)
