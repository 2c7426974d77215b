"""The review queue of discovered cases: `case_proposals` (issue 18).

`tracker cases discover` (pipeline/cases_discovery.py) proposes cases the
tracker does not know; a reviewer accepts or rejects each. A proposal is not
a case: nothing here is published (the table stays out of the snapshot).
Accepting one writes a `cases` row marked unverified (`verify_reason` says
so) and returns a stub for pipeline/data/cases.yaml, where the case gets its
sources and, with them, its links to articles.
"""

from __future__ import annotations

import json
import re

from pipeline.clock import now_iso

STATUSES = ("proposed", "accepted", "rejected")
# Words a caption may or may not carry for the same party: "Suno, Inc." is "Suno", "et al." is noise.
NOISE_WORDS = {"the", "inc", "incorporated", "llc", "corp", "corporation", "co", "company", "ltd", "limited", "lp",
               "llp", "plc", "pbc", "gmbh", "ag", "et", "al", "others", "and", "pvt"}
CONNECTOR = re.compile(r"\s+(?:v\.?|vs\.?|versus|gegen|against)\s+", re.IGNORECASE)


class ProposalError(ValueError):
    """No such proposal, or it was decided already: one line for the reviewer."""


def party_key(text: str) -> str:
    """"The New York Times Co." -> "new york times": lower case, no punctuation, no legal suffixes."""
    words = re.findall(r"[^\W_]+", (text or "").casefold())
    return " ".join(w for w in words if w not in NOISE_WORDS)


def split_caption(caption: str) -> tuple[str, str] | None:
    """"Andersen v. Stability AI Ltd." -> ("Andersen", "Stability AI Ltd."); None without a "v."."""
    parts = CONNECTOR.split(caption or "", maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else None


def first_party(side: str) -> str:
    """The first of several parties on one side: "Sarah Andersen, et al." -> "Sarah Andersen"."""
    return re.split(r",|;|\s+&\s+|\s+and\s+|\s+und\s+", side, maxsplit=1)[0].strip()


def caption_key(caption: str) -> str:
    """The normalised caption two spellings of one case share: first plaintiff "v" first defendant."""
    sides = split_caption(caption)
    if sides is None:
        return party_key(caption)
    return f"{party_key(first_party(sides[0]))} v {party_key(first_party(sides[1]))}"


def docket_key(court_id: str | None, docket: str | None) -> str | None:
    """Court and docket number, normalised: "nysd|23-cv-11195" for "1:23-cv-11195-SHS" in S.D.N.Y."""
    if not docket:
        return None
    text = str(docket).strip().lower()
    us = re.fullmatch(r"(?:\d:)?(\d{2})-([a-z]{2,3})-0*(\d+)(?:-[a-z]+)*", text)
    number = f"{us[1]}-{us[2]}-{us[3]}" if us else " ".join(text.split())
    return f"{court_id or ''}|{number}"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def add_proposal(db, proposal: dict) -> tuple[str, int]:
    """Queue a proposal unless it was proposed before; returns ("new" | "merged" | "seen", id).

    A proposal made before (same court and docket, or same normalised caption) is not queued again, whatever
    its status: a rejected case stays rejected. A new article about a pending proposal adds its evidence.
    """
    key = caption_key(proposal["caption"])
    dkey = docket_key(proposal.get("court_id"), proposal.get("docket"))
    earlier = None
    if dkey:
        earlier = db.execute("select id, status, evidence, article_ids from case_proposals where docket_key = ? "
                             "order by id limit 1", [dkey]).fetchone()
    if earlier is None:
        earlier = db.execute("select id, status, evidence, article_ids from case_proposals where match_key = ? "
                             "order by id limit 1", [key]).fetchone()
    if earlier is not None:
        pid, status, evidence, article_ids = earlier
        if status != "proposed":
            return "seen", pid
        urls = json.loads(evidence or "[]")
        ids = json.loads(article_ids or "[]")
        added_urls = [u for u in proposal.get("evidence") or [] if u not in urls]
        added_ids = [i for i in proposal.get("article_ids") or [] if i not in ids]
        if not added_urls and not added_ids:
            return "seen", pid
        db["case_proposals"].update(pid, {"evidence": _json(urls + added_urls), "article_ids": _json(ids + added_ids)})
        return "merged", pid
    row = {
        "source": proposal["source"], "caption": proposal["caption"], "court": proposal.get("court"),
        "court_id": proposal.get("court_id"), "docket": proposal.get("docket"), "filed": proposal.get("filed"),
        "parties": _json(proposal.get("parties") or {}), "evidence": _json(proposal.get("evidence") or []),
        "article_ids": _json(proposal.get("article_ids") or []), "match_key": key, "docket_key": dkey,
        "status": "proposed", "proposed": now_iso(),
    }
    return "new", db["case_proposals"].insert(row).last_pk


def list_proposals(db, status: str | None = "proposed") -> list[dict]:
    where, params = ("where status = ?", [status]) if status else ("", [])
    return list(db.query(f"select * from case_proposals {where} order by id", params))


def _pending(db, proposal_id: int) -> dict:
    rows = list(db.query("select * from case_proposals where id = ?", [proposal_id]))
    if not rows:
        raise ProposalError(f"no proposal {proposal_id}: `tracker cases proposals --status all` lists them")
    if rows[0]["status"] != "proposed":
        raise ProposalError(f"proposal {proposal_id} was {rows[0]['status']} already "
                            f"({rows[0]['decided_at']}, by {rows[0]['reviewer'] or 'nobody named'})")
    return rows[0]


def reject_proposal(db, proposal_id: int, reason: str, reviewer: str) -> dict:
    if not (reason or "").strip():
        raise ProposalError("a rejection needs a reason (--reason)")
    row = _pending(db, proposal_id)
    with db.atomic():
        db["case_proposals"].update(proposal_id, {"status": "rejected", "reason": reason.strip(),
                                                  "reviewer": reviewer, "decided_at": now_iso()})
    return {**row, "status": "rejected"}


def slug_for(db, caption: str) -> str:
    """A new, unused slug from the caption: "Doe v. Example AI, Inc." -> "doe-v-example-ai"."""
    sides = split_caption(caption)
    text = f"{party_key(first_party(sides[0]))} v {party_key(first_party(sides[1]))}" if sides else party_key(caption)
    base = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")[:60] or "case"
    slug, n = base, 2
    while db.execute("select 1 from cases where slug = ?", [slug]).fetchone():
        slug, n = f"{base}-{n}", n + 1
    return slug


def accept_proposal(db, proposal_id: int, reviewer: str, slug: str | None = None) -> dict:
    """Write the proposal as a case, marked unverified; returns the case row (with `yaml`: a cases.yaml stub).

    The row stays `verify = 1` until the case is in pipeline/data/cases.yaml with a source for every field:
    the seed then overwrites it with the curated entry (same slug).
    """
    row = _pending(db, proposal_id)
    slug = slug or slug_for(db, row["caption"])
    if db.execute("select 1 from cases where slug = ?", [slug]).fetchone():
        raise ProposalError(f"a case {slug} exists already: choose another --slug")
    parties = json.loads(row["parties"] or "{}")
    evidence = json.loads(row["evidence"] or "[]")
    day = now_iso()[:10]
    reason = (f"Discovered ({row['source']}, proposal {proposal_id}) and accepted by {reviewer} on {day}; "
              "nothing is sourced yet: add it to pipeline/data/cases.yaml with a source for each field.")
    # Where the discovery read each field, kept so the reviewer knows where to start checking.
    read_at = {k: evidence for k in ("name", "court", "docket", "filed", "plaintiffs", "defendants")
               if evidence and (row.get(k if k != "name" else "caption") or parties.get(k))}
    case = {
        "slug": slug, "name": row["caption"], "short_name": _short_name(row["caption"]), "court": row["court"],
        "jurisdiction": "US" if row["source"] == "courtlistener" else None, "docket": row["docket"],
        "filed": row["filed"], "plaintiffs": _json(parties.get("plaintiffs") or []),
        "defendants": _json(parties.get("defendants") or []), "aliases": "[]", "topics": '["litigation"]',
        "claims": "[]", "status": None, "verify": 1, "verify_reason": reason, "sources": _json(read_at),
    }
    if row["source"] == "courtlistener" and parties.get("docket_id"):
        case["courtlistener_docket_id"] = int(parties["docket_id"])
    with db.atomic():
        db["cases"].insert(case)
        db["case_proposals"].update(proposal_id, {"status": "accepted", "reviewer": reviewer,
                                                  "decided_at": now_iso(), "case_slug": slug})
    return {**case, "yaml": yaml_stub(case, reason, read_at)}


def _short_name(caption: str) -> str:
    sides = split_caption(caption)
    if not sides:
        return caption
    def trim(side: str) -> str:
        return re.sub(r",?\s+(?:Inc\.?|LLC|Corp\.?|Corporation|Co\.?|Ltd\.?|et al\.?)$", "", first_party(side))
    return f"{trim(sides[0])} v. {trim(sides[1])}"


def yaml_stub(case: dict, reason: str, read_at: dict) -> str:
    """The entry to paste into pipeline/data/cases.yaml once each field is checked (docs/cases-and-bills.md)."""
    import yaml

    entry = {
        "slug": case["slug"], "name": case["name"], "short_name": case["short_name"], "aliases": [],
        "court": case["court"], "jurisdiction": case["jurisdiction"], "docket": case["docket"],
        "courtlistener_docket_id": case.get("courtlistener_docket_id"), "filed": case["filed"],
        "plaintiffs": json.loads(case["plaintiffs"]), "defendants": json.loads(case["defendants"]), "claims": [],
        "status": None, "last_event": None, "topics": ["litigation"], "sources": read_at, "verify": reason,
    }
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=110)
