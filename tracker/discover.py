"""`tracker discover URL`: what a site offers the crawler, and a sources.yaml entry for it.

It reads the homepage and robots.txt, tries the feeds the homepage announces
and the common feed paths, and the sitemaps of robots.txt and the common
sitemap paths. Each one found is read with the crawl's own parsers
(pipeline.collect.feeds.parse_feed, pipeline.collect.sitemaps.read_sitemap), so
a feed or sitemap that discover can read is one the crawl can read, with the
same entries. Article URLs sampled from them
are checked against robots.txt the way the crawl checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import click
import yaml

from pipeline.collect.sources import CATEGORIES as SOURCE_CATEGORIES  # light, like the CLI's own import

# The rest of pipeline/ and the fetcher are imported inside the functions: every `tracker` command
# loads this module when the CLI starts, and trafilatura & co. would slow them all down.

CATEGORIES = ", ".join(SOURCE_CATEGORIES)
SAMPLE_PER_SOURCE = 5  # article URLs taken from each feed or sitemap for the robots.txt check
MAX_CHILD_SITEMAPS = 3  # of an index, only the newest few are read: big sites list thousands
STALE_DAYS = 30
SINCE = "30d"  # horizon proposed with a sitemap, so the first crawl does not fetch the whole archive


@dataclass
class Found:
    """One feed or sitemap that was tried."""

    url: str
    kind: str  # "feed" or "sitemap"
    origin: str  # "announced", "robots.txt", "common path", "index"
    ok: bool = False
    problem: str = ""
    detail: str = ""  # "RSS/Atom", "urlset", "index of 12 sitemaps"
    entries: int = 0
    newest: str | None = None
    article_urls: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)  # of article_urls, in the same order
    fingerprint: frozenset = frozenset()
    same_as: str = ""  # another URL found earlier that lists the same articles
    elsewhere: str = ""  # why its articles are not this source's (another host, another section)

    @property
    def stale(self) -> bool:
        return bool(self.newest) and _age_days(self.newest) > STALE_DAYS


def _age_days(iso: str) -> float:
    try:
        then = datetime.fromisoformat(iso)
    except ValueError:
        return 0.0
    return (datetime.now(UTC) - then).total_seconds() / 86400


def _when(iso: str | None) -> str:
    if not iso:
        return "no dates"
    days = _age_days(iso)
    ago = "in the future" if days < -1 else "today" if days < 1 else f"{days:.0f} days ago"
    return f"newest {iso[:10]} ({ago})"


def _try_feed(url: str, origin: str, robots, timeout: float) -> Found:
    from pipeline.collect.discover import newest_date
    from pipeline.collect.feeds import FeedError, parse_feed
    from pipeline.collect.http import FetchFailed, fetch
    from pipeline.collect.urls import normalize_url

    found = Found(url=url, kind="feed", origin=origin)
    if not robots.allowed(url):
        found.problem = "disallowed by robots.txt"
        return found
    try:
        answer = fetch(url, timeout=timeout)
        feed = parse_feed(answer.body, answer.url, answer.headers)
    except (FetchFailed, FeedError) as exc:
        found.problem = str(exc).removeprefix(f"{url}: ")
        return found
    if not feed.entries:
        found.problem = "no entries" + (f" ({feed.problem})" if feed.problem else "")
        return found
    found.url = answer.url
    found.ok = True
    found.detail = f"feed \"{feed.title}\"" if feed.title else "feed"
    found.entries = len(feed.entries)
    found.newest = newest_date([e.published for e in feed.entries])
    found.article_urls = [e.url for e in feed.entries]
    found.dates = [e.published for e in feed.entries]
    found.fingerprint = frozenset(normalize_url(e.url) for e in feed.entries)
    return found


def _try_sitemap(url: str, origin: str, robots, timeout: float) -> Found:
    from pipeline.collect.discover import newest_date
    from pipeline.collect.http import FetchFailed, fetch
    from pipeline.collect.sitemaps import SITEMAP_MAXSIZE, SitemapError, read_sitemap
    from pipeline.collect.urls import normalize_url

    found = Found(url=url, kind="sitemap", origin=origin)
    if not robots.allowed(url):
        found.problem = "disallowed by robots.txt"
        return found
    try:
        answer = fetch(url, timeout=timeout, max_bytes=SITEMAP_MAXSIZE)
        sitemap = read_sitemap(answer.body, answer.url)
    except (FetchFailed, SitemapError) as exc:
        found.problem = str(exc).removeprefix(f"{url}: ")
        return found
    found.url = answer.url
    found.ok = True
    if sitemap.kind == "urlset":
        found.detail = "sitemap"
        entries = [(e.loc, e.date) for e in sitemap.entries]
    else:
        children = sorted(sitemap.entries, key=lambda e: e.lastmod or "", reverse=True)
        read = [_try_sitemap(e.loc, "index", robots, timeout) for e in children[:MAX_CHILD_SITEMAPS]]
        entries = []
        for child in read:
            entries += list(zip(child.article_urls, child.dates, strict=True)) if child.ok else []
        found.detail = (f"index of {len(children)} sitemaps, read the newest {len(read)}"
                        if len(children) > len(read) else f"index of {len(children)} sitemaps")
        broken = [c for c in read if not c.ok]
        if broken:
            found.detail += f" ({len(broken)} unreadable: {broken[0].url}: {broken[0].problem})"
    # Newest first, so the robots.txt sample looks at the articles a crawl would fetch next.
    entries = sorted(entries, key=lambda e: e[1] or "", reverse=True)
    found.entries = len(entries)
    found.newest = newest_date([d for _, d in entries])
    found.article_urls = [loc for loc, _ in entries]
    found.dates = [d for _, d in entries]
    found.fingerprint = frozenset(normalize_url(loc) for loc, _ in entries)
    return found


def _site_name(html: str, url: str) -> str:
    from lxml import html as lxml_html

    from pipeline.languages import union

    home_words = {w.lower() for w in union("home_page")}
    try:
        tree = lxml_html.fromstring(html)
        names = tree.xpath('//meta[@property="og:site_name"]/@content') + tree.xpath("//title/text()")
    except (ValueError, TypeError):
        names = []
    for name in names:
        # "Front page | Mini News" and "Mini News – Home": the shortest part that is not a generic word.
        parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+", name.strip()) if p.strip()]
        parts = [p for p in parts if p.lower() not in home_words]
        if parts:
            return min(parts, key=len) if len(parts) > 1 else parts[0]
    return (urlsplit(url).hostname or url).removeprefix("www.")


def _homepage_links(html: str, homepage: str) -> list[str]:
    """Links below the homepage's path, longest first: article slugs are longer than section names."""
    from lxml import html as lxml_html

    from pipeline.collect.urls import normalize_url, same_site

    try:
        tree = lxml_html.fromstring(html, base_url=homepage)
    except (ValueError, TypeError):
        return []
    home_path = urlsplit(homepage).path or "/"
    links = {}
    for _element, _attribute, link, _pos in tree.iterlinks():
        link = urljoin(homepage, link)
        path = urlsplit(link).path
        if _element.tag == "a" and same_site(link, homepage) and path.startswith(home_path) and path != home_path:
            links.setdefault(normalize_url(link), link)
    return sorted(links.values(), key=lambda u: -len(urlsplit(u).path))


def _language(html: str) -> str | None:
    from lxml import html as lxml_html

    from pipeline.languages import codes
    from pipeline.understand.language import detect_language

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return None
    declared = (tree.get("lang") or "")[:2].lower()
    detected = detect_language(tree.text_content()[:5000])
    return detected if detected in codes() else declared or detected


def source_entry(name: str, homepage: str, language: str | None, feeds: list[str], sitemaps: list[str],
                 listings: list[str], article_pattern: str | None) -> str:
    """The sources.yaml entry, indented to paste under `sources:`."""
    fields = {"name": name, "homepage": homepage}
    if language and re.fullmatch(r"[a-z]{2}", language):
        fields["language"] = language
    fields.update(feeds=feeds, sitemaps=sitemaps, listings=listings)
    if article_pattern:
        fields["article_pattern"] = article_pattern
    if sitemaps:
        fields["since"] = SINCE
    lines = []
    for key, value in fields.items():
        # Lists in flow style, one line each, as in crawlers/sources.yaml.
        flow = isinstance(value, list)
        dumped = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True, width=10_000)
        dumped = dumped.strip().removesuffix("...").strip()
        lines.append(f"{key}: {dumped}")
        if key == "language":
            lines.append(f"# category: pick one of {CATEGORIES}")
    return "\n".join(("  - " if i == 0 else "    ") + line for i, line in enumerate(lines))


def _choose(feeds: list[Found], sitemaps: list[Found]) -> tuple[list[Found], list[Found], list[str]]:
    """Which of what was found goes into the entry, and why (the reasons are printed)."""
    reasons = []
    good = [f for f in feeds if _usable(f) and not _is_comment_feed(f)]
    announced = [f for f in good if f.origin == "announced"]
    chosen_feeds = announced or good
    fresh = [f for f in chosen_feeds if not f.stale]
    chosen_sitemaps = []
    if not fresh:
        chosen_sitemaps = [s for s in sitemaps if _usable(s)]
        if chosen_feeds and chosen_sitemaps:
            reasons.append(f"the feeds' newest entry is older than {STALE_DAYS} days: they are left out "
                           f"and the sitemaps used instead")
            chosen_feeds = []
        elif chosen_sitemaps:
            reasons.append("no working feed, so the sitemaps are used")
        elif chosen_feeds:
            reasons.append(f"the feeds' newest entry is older than {STALE_DAYS} days and there is no sitemap: "
                           f"check the homepage for a newer feed")
    elif any(s.ok for s in sitemaps):
        reasons.append("sitemaps left out: the feeds are fresh; add them if the feeds miss stories")
    return chosen_feeds, chosen_sitemaps, reasons


def _dedupe(found: list[Found]) -> list[Found]:
    """Drop a URL tried twice; mark a second URL of the same feed (/feed/ and /rss.xml listing the same articles)."""
    from pipeline.collect.urls import normalize_url

    out, seen_urls, seen_sets = [], set(), {}
    for f in found:
        key = normalize_url(f.url)
        if key in seen_urls:
            continue
        seen_urls.add(key)
        if f.ok and f.fingerprint:
            if f.fingerprint in seen_sets:
                f.same_as = seen_sets[f.fingerprint]
            else:
                seen_sets[f.fingerprint] = f.url
        out.append(f)
    return out


def _mark_elsewhere(found: Found, homepage: str) -> None:
    """A robots.txt names the sitemaps of the whole host; a source under /culture/ owns only what is below it."""
    from pipeline.collect.urls import same_site

    if not found.ok or not found.article_urls:
        return
    home_path = urlsplit(homepage).path or "/"
    mine = [u for u in found.article_urls if urlsplit(u).path.startswith(home_path)
            and (found.kind == "feed" or same_site(u, homepage))]
    if not mine:
        where = home_path if home_path != "/" else urlsplit(homepage).hostname
        found.elsewhere = f"none of its articles is under {where}: another section's or site's"


def _usable(found: Found) -> bool:
    return found.ok and found.entries > 0 and not found.same_as and not found.elsewhere


def _is_comment_feed(found: Found) -> bool:
    return "comments" in found.url.lower() or found.detail.lower().startswith(('feed "comments', 'feed "kommentare'))


def _echo_found(found: Found) -> None:
    if found.ok:
        notes = ["STALE"] if found.stale else []
        if found.same_as:
            notes.append(f"same articles as {found.same_as}")
        if found.elsewhere:
            notes.append(found.elsewhere)
        if found.kind == "feed" and _is_comment_feed(found):
            notes.append("comment feed")
        extra = f"  ({'; '.join(notes)})" if notes else ""
        entries = f"{found.entries} {'entry' if found.entries == 1 else 'entries'}"
        click.echo(f"  ok    {found.url}  [{found.origin}]  {found.detail}, {entries}, {_when(found.newest)}{extra}")
    else:
        click.echo(f"  fail  {found.url}  [{found.origin}]  {found.problem}")


def check_sources(path, timeout: float) -> int:
    """Try every feed and sitemap of a sources file; returns how many failed."""
    from pipeline.collect.http import Robots
    from pipeline.collect.sources import SourcesError, load_sources

    try:
        sources = load_sources(path)
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from None
    robots, failed = Robots(timeout=timeout), 0
    for source in sources:
        click.echo(source.name)
        tried = [_try_feed(u, "feed", robots, timeout) for u in source.feeds]
        tried += [_try_sitemap(u, "sitemap", robots, timeout) for u in source.sitemaps]
        for found in tried:
            _echo_found(found)
            failed += not found.ok
        if not tried:
            click.echo(f"  --    listings only: {', '.join(source.listings) or source.homepage}")
    click.echo(f"{failed} of {sum(len(s.feeds) + len(s.sitemaps) for s in sources)} feeds and sitemaps failed"
               + ("; run `tracker discover HOMEPAGE` on their sources for a replacement" if failed else ""))
    return failed


@click.command("discover")
@click.argument("url", required=False)
@click.option("--name", help="Name for the sources.yaml entry [default: the site's own name].")
@click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds per request.")
@click.option("--yaml", "yaml_only", is_flag=True, help="Print only the sources.yaml entry.")
@click.option("--all", "show_all", is_flag=True, help="Also list the common paths that gave nothing.")
@click.option("--check", "check_file", type=click.Path(dir_okay=False),
              help="Instead: try every feed and sitemap of this sources file; exit 1 if any failed.")
def discover_command(url, name, timeout, yaml_only, show_all, check_file):
    """Find a site's feeds and sitemaps and propose a sources.yaml entry.

    URL is the site's homepage. Each feed and sitemap found is read with the
    crawl's own parsers and reported with its number of entries and newest
    date; sampled article URLs are checked against robots.txt.
    """
    if check_file:
        if url:
            raise click.UsageError("give either a URL or --check SOURCES_FILE")
        if check_sources(check_file, timeout):
            raise SystemExit(1)
        return
    if not url:
        raise click.UsageError("give a homepage URL (or --check SOURCES_FILE)")
    from pipeline.collect.discover import (
        COMMON_FEED_PATHS,
        COMMON_SITEMAP_PATHS,
        feeds_from_homepage,
        guess_article_pattern,
        sitemaps_from_robots,
    )
    from pipeline.collect.http import USER_AGENT, FetchFailed, Robots, fetch, site_root
    from pipeline.collect.urls import normalize_url, same_site
    from pipeline.understand.extract import decode_html

    if "://" not in url:
        url = "https://" + url
    try:
        home = fetch(url, timeout=timeout)
    except FetchFailed as exc:
        raise click.ClickException(f"cannot fetch the homepage: {exc}") from None
    html = decode_html(home.body, home.headers.get("content-type"))
    if not html.strip():
        raise click.ClickException(f"{home.url}: the homepage is empty")
    homepage = home.url
    root = site_root(homepage)
    robots = Robots(timeout=timeout)
    robots.parser(homepage)

    # A site under a path (example.org/culture/) may keep its feeds there rather than at the host's root.
    bases = [root] if urlsplit(homepage).path in ("", "/") else [urljoin(homepage, "./"), root]
    announced = feeds_from_homepage(html, homepage)
    feeds = [_try_feed(u, "announced", robots, timeout) for u in announced]
    for candidate in [urljoin(base, path.lstrip("/")) for base in bases for path in COMMON_FEED_PATHS]:
        if normalize_url(candidate) not in {normalize_url(f.url) for f in feeds}:
            feeds.append(_try_feed(candidate, "common path", robots, timeout))
    feeds = _dedupe([f for f in feeds if f.ok or f.origin == "announced" or show_all])

    robots_sitemaps = sitemaps_from_robots(robots.texts.get(root, ""), root)
    sitemaps = [_try_sitemap(u, "robots.txt", robots, timeout) for u in robots_sitemaps]
    for candidate in [urljoin(base, path.lstrip("/")) for base in bases for path in COMMON_SITEMAP_PATHS]:
        if normalize_url(candidate) not in {normalize_url(s.url) for s in sitemaps}:
            sitemaps.append(_try_sitemap(candidate, "common path", robots, timeout))
    sitemaps = _dedupe([s for s in sitemaps if s.ok or s.origin == "robots.txt" or show_all])

    for found in [*feeds, *sitemaps]:
        _mark_elsewhere(found, homepage)
    chosen_feeds, chosen_sitemaps, reasons = _choose(feeds, sitemaps)
    listings = [] if chosen_feeds or chosen_sitemaps else [homepage]
    if listings:
        reasons.append("no feed or sitemap found, so the homepage is proposed as a listing page")

    sample, sampled = [], set()
    for found in [*feeds, *sitemaps]:
        if not _usable(found) or (found.kind == "feed" and _is_comment_feed(found)):
            continue
        on_site = [u for u in found.article_urls if same_site(u, homepage)]
        for article_url in on_site[:SAMPLE_PER_SOURCE]:
            if normalize_url(article_url) not in sampled:
                sampled.add(normalize_url(article_url))
                sample.append(article_url)
    if not sample:
        # A listing-only site: its article paths are the links of the homepage.
        sample = _homepage_links(html, homepage)[:2 * SAMPLE_PER_SOURCE]
    verdicts = [(u, robots.allowed(u)) for u in sample]
    # Sitemaps list every URL of a site, so they need a pattern; feeds list only articles. For listings the
    # homepage's links mix sections and tags, too little to guess from: the listing spider judges by content.
    pattern_from = [u for s in chosen_sitemaps for u in s.article_urls[:20]]
    pattern = guess_article_pattern(pattern_from, homepage) if chosen_sitemaps else None
    language = _language(html)
    entry = source_entry(name or _site_name(html, homepage), homepage, language,
                         [f.url for f in chosen_feeds], [s.url for s in chosen_sitemaps], listings, pattern)
    if yaml_only:
        click.echo(entry)
        return

    click.echo(f"homepage  {homepage}  (HTTP {home.status}, {len(home.body):,} bytes, language {language or '?'})")
    click.echo(f"robots    {robots.notes.get(root, '')}")
    if not robots.allowed(homepage):
        click.echo(f"          the homepage itself is disallowed for {USER_AGENT}")
    click.echo(f"feeds ({sum(f.ok for f in feeds)} working)")
    for found in feeds:
        _echo_found(found)
    if not feeds:
        click.echo("  none announced, none at the common paths")
    click.echo(f"sitemaps ({sum(s.ok for s in sitemaps)} working)")
    for found in sitemaps:
        _echo_found(found)
    if not sitemaps:
        click.echo("  none in robots.txt, none at the common paths")
    blocked = [u for u, ok in verdicts if not ok]
    click.echo(f"robots.txt and article paths ({len(verdicts)} sampled, {len(blocked)} disallowed)")
    for article_url, ok in verdicts:
        click.echo(f"  {'allowed   ' if ok else 'DISALLOWED'}  {urlsplit(article_url).path or '/'}")
    if blocked:
        click.echo("  the crawl skips disallowed articles: expect them to be missing")
    for reason in reasons:
        click.echo(f"note: {reason}")
    click.echo("\nsources.yaml entry (paste under `sources:`):\n")
    click.echo(entry)
