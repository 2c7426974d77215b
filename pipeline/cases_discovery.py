"""Discovery: cases the tracker does not know yet, proposed for review (issue 18, `tracker cases discover`).

Two directions, both ending in the queue of pipeline/store/proposals.py:

* CourtListener's search API (REST v4, `/search/?type=r`), RECAP dockets with
  nature of suit 820 (Copyright) that mention AI terms. Pages are followed up
  to a cap; a refused token, a rate limit, a 5xx or no answer ends the search
  with one line, and what was found before it stays queued.
* Litigation articles in the database that link to no known case but name a
  pair of parties (two people or organisations the article's entities list)
  as suing or in a caption, and a court. The words come from each language's
  `linking:` data (connectors and litigation words, as the linker uses them;
  `suing` and `courts` for discovery).

Nothing already known is proposed: not a curated case (same court and docket,
same caption, or the same parties), and not a case proposed before, whatever
became of it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.external.courtlistener import SITE, CourtListener, court_id
from pipeline.external.http_json import ApiError
from pipeline.languages import all_languages, languages_dir
from pipeline.store.proposals import (
    add_proposal,
    caption_key,
    docket_key,
    first_party,
    party_key,
    split_caption,
)
from pipeline.understand.linking import caption_words, party_forms
from pipeline.understand.text import split_sentences

# One query, the terms as alternatives: fewer requests than one search per term, same dockets.
AI_TERMS = ('"artificial intelligence"', "generative", '"training data"', '"large language model"')
COPYRIGHT = "820"  # PACER's nature-of-suit code for copyright
MAX_PAGES = 5  # 20 dockets a page: the newest 100 are plenty for a daily or weekly run


@dataclass
class Known:
    """What the tracker knows: docket keys, and the caption keys and party pairs of its cases with their dockets."""

    dockets: set[str] = field(default_factory=set)
    captions: dict[str, list[tuple[str | None, str | None]]] = field(default_factory=dict)
    parties: list[tuple[set[str], set[str], str | None, str | None]] = field(default_factory=list)

    def knows(self, caption: str, cid: str | None = None, docket: str | None = None) -> bool:
        key = docket_key(cid, docket)
        if key and key in self.dockets:
            return True

        def same_suit(known_court, known_docket) -> bool:
            # The same parties with another docket in the same court: a second suit, not this one.
            return not (key and known_docket and known_court == cid and key != known_docket)

        if any(same_suit(*where) for where in self.captions.get(caption_key(caption), [])):
            return True
        sides = split_caption(caption)
        if not sides:
            return False
        left, right = (f" {party_key(first_party(s))} " for s in sides)
        return any(any(f" {p} " in left for p in plaintiffs) and any(f" {d} " in right for d in defendants)
                   and same_suit(court, known_docket) for plaintiffs, defendants, court, known_docket in self.parties)


def known_cases(db) -> Known:
    known = Known()
    for row in db.query("select name, short_name, court, docket, plaintiffs, defendants from cases"):
        cid = court_id(row["court"])
        key = docket_key(cid, row["docket"])
        if key:
            known.dockets.add(key)
        for name in {caption_key(row["name"] or ""), caption_key(row["short_name"] or "")} - {""}:
            known.captions.setdefault(name, []).append((cid, key))

        def keys(names) -> set[str]:
            forms = {f for name in json.loads(names or "[]") for f in party_forms(name)}
            return {k for k in map(party_key, forms) if k}

        plaintiffs, defendants = keys(row["plaintiffs"]), keys(row["defendants"])
        if plaintiffs and defendants:
            known.parties.append((plaintiffs, defendants, cid, key))
    return known


def _count(counts: dict, outcome: str) -> None:
    counts[outcome] = counts.get(outcome, 0) + 1


# --- CourtListener -------------------------------------------------------------------------------------

def search_params(terms=AI_TERMS) -> dict:
    """The documented v4 search parameters: RECAP dockets (type r), copyright suits, newest filed first."""
    return {"type": "r", "q": " OR ".join(terms), "nature_of_suit": COPYRIGHT, "order_by": "dateFiled desc"}


def proposal_from_docket(result: dict) -> dict | None:
    """A search result (a RECAP docket) as a proposal; None when it has no caption."""
    caption = " ".join((result.get("caseName") or result.get("case_name_full") or "").split())
    if not caption:
        return None
    sides = split_caption(caption)
    url = SITE + result["docket_absolute_url"] if result.get("docket_absolute_url") else None
    return {
        "source": "courtlistener", "caption": caption, "court": result.get("court"),
        "court_id": result.get("court_id"), "docket": result.get("docketNumber"),
        "filed": (result.get("dateFiled") or "")[:10] or None,
        "parties": {"plaintiffs": [first_party(sides[0])] if sides else [],
                    "defendants": [first_party(sides[1])] if sides else [],
                    "named": list(result.get("party") or []), "docket_id": result.get("docket_id"),
                    "suit": result.get("suitNature"), "cause": result.get("cause")},
        "evidence": [url] if url else [],
    }


def discover_courtlistener(db, client: CourtListener, max_pages: int = MAX_PAGES, terms=AI_TERMS) -> dict:
    """Search CourtListener and queue every docket not known; returns counts, and `error` when it stopped."""
    counts: dict = {"dockets": 0, "error": None}
    known = known_cases(db)
    try:
        for results in client.search_pages(search_params(terms), max_pages):
            with db.atomic():  # a page at a time: what came before a failure stays queued
                for result in results:
                    counts["dockets"] += 1
                    proposal = proposal_from_docket(result)
                    if proposal is None:
                        continue
                    if known.knows(proposal["caption"], proposal["court_id"], proposal["docket"]):
                        _count(counts, "known")
                        continue
                    _count(counts, add_proposal(db, proposal)[0])
    except ApiError as exc:
        counts["error"] = str(exc)
    return counts


# --- articles ------------------------------------------------------------------------------------------

@dataclass
class Wording:
    suing: list[str]
    courts: re.Pattern


@lru_cache(maxsize=4)
def _wording(directory) -> Wording:
    langs = [lang.linking for lang in all_languages()]
    suing = [str(p) for words in langs for p in words.get("suing") or []]
    courts = [str(p) for words in langs for p in words.get("courts") or []]
    return Wording(suing, re.compile("|".join(f"(?:{c})" for c in courts) or "(?!)"))


def wording() -> Wording:
    return _wording(languages_dir())


def _names_pattern(surfaces: list[str]) -> str:
    return "(?:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(surfaces, key=len, reverse=True)) \
        + r")(?:'s|’s|s)?"


def find_case_mention(title: str, text: str, names: dict[str, str]) -> tuple[str, str, str] | None:
    """(plaintiff, defendant, court) when a litigious paragraph names two of `names` as suing or in a caption.

    `names` maps every surface form of the article's people and organisations to its canonical name. The
    court is the first the pair's paragraph names, else the first in the article; without one, None.
    """
    surfaces = [s for s in names if len(s) > 2]
    if len(surfaces) < 2:
        return None
    words = caption_words()
    who = _names_pattern(surfaces)
    # replace, not format: the templates are regular expressions, whose {0,3} format would take for a field.
    templates = [t.replace("{plaintiff}", f"(?P<p>{who})").replace("{defendant}", f"(?P<d>{who})")
                 for t in wording().suing]
    templates.append(f"(?P<p>{who}){words.connector}(?P<d>{who})")
    patterns = [re.compile(r"(?<!\w)" + t + r"(?!\w)") for t in templates]
    full = f"{title}\n{text or ''}"
    for paragraph in [title] + [p for p in re.split(r"\n+", text or "") if p.strip()]:
        if not words.litigation.search(paragraph):
            continue
        for sentence in split_sentences(paragraph):
            for pattern in patterns:
                m = pattern.search(sentence)
                if not m:
                    continue
                plaintiff, defendant = (names.get(_surface(m["p"], names)), names.get(_surface(m["d"], names)))
                if not plaintiff or not defendant or plaintiff == defendant:
                    continue
                court = wording().courts.search(paragraph) or wording().courts.search(full)
                if court:
                    return plaintiff, defendant, " ".join(court.group(0).split())
    return None


def _surface(found: str, names: dict[str, str]) -> str:
    """The surface form as `names` has it: whitespace collapsed, a possessive or genitive s cut."""
    found = " ".join(found.split())
    if found in names:
        return found
    return re.sub(r"(?:'s|’s|s)$", "", found)


def _article_names(db, article_id: int) -> dict[str, str]:
    names: dict[str, str] = {}
    for name, surfaces in db.execute(
            "select e.name, ae.surface_forms from article_entities ae join entities e on e.id = ae.entity_id "
            "where ae.article_id = ? and e.type in ('ORG', 'PERSON')", [article_id]).fetchall():
        for surface in [name] + (json.loads(surfaces) if surfaces else []):
            names.setdefault(" ".join(str(surface).split()), name)
    return names


def discover_articles(db, since: str | None = None, limit: int = 5000) -> dict:
    """Queue the cases that litigation articles linked to no known case describe; returns counts."""
    known = known_cases(db)
    counts: dict = {"articles": 0}
    rows = db.execute(
        "select a.id, a.url, a.title, a.text from articles a "
        "where a.relevant = 1 and a.duplicate_of is null and coalesce(a.published, a.fetched) >= ? "
        "and exists (select 1 from article_topics t where t.article_id = a.id and t.topic = 'litigation') "
        "and not exists (select 1 from article_cases l where l.article_id = a.id) "
        "order by coalesce(a.published, a.fetched) desc limit ?", [since or "", limit]).fetchall()
    rows.sort(key=lambda row: row[0])  # in the order they were stored: the first report words the proposal
    with db.atomic():
        for article_id, url, title, text in rows:
            counts["articles"] += 1
            found = find_case_mention(title or "", text or "", _article_names(db, article_id))
            if found is None:
                continue
            plaintiff, defendant, court = found
            caption = f"{plaintiff} v. {defendant}"
            if known.knows(caption):
                _count(counts, "known")
                continue
            outcome, _ = add_proposal(db, {
                "source": "articles", "caption": caption, "court": court,
                "parties": {"plaintiffs": [plaintiff], "defendants": [defendant]},
                "evidence": [url], "article_ids": [article_id]})
            _count(counts, outcome)
    return counts
