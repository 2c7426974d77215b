"""Federal Register API: agency documents (notices, rules, reports) about the curated US items.

Each bill entry may list `federal_register_terms`; the newest documents
matching a term are stored as actions of that entry (source
"federal-register", keyed by document number, so a document found by two
terms or two runs is stored once). No key is needed; the base URL comes from
FEDERAL_REGISTER_URL.
"""

from __future__ import annotations

import json

from pipeline.clock import now_iso
from pipeline.external.http_json import base_url, get_json
from pipeline.store.cases import add_event, refresh_each

API = "Federal Register"
DEFAULT_URL = "https://www.federalregister.gov/api/v1"
DOCUMENTS_PER_TERM = 20
FIELDS = ["document_number", "title", "type", "abstract", "publication_date", "html_url", "agencies"]


class FederalRegister:
    def __init__(self, url: str | None = None):
        self.url = (url or base_url("FEDERAL_REGISTER_URL", DEFAULT_URL)).rstrip("/")

    def documents(self, term: str, per_page: int = DOCUMENTS_PER_TERM) -> list[dict]:
        """The newest documents whose text matches `term` (the API's full-text search, phrase-quoted)."""
        data = get_json(API, f"{self.url}/documents.json", {
            "conditions[term]": f'"{term}"', "order": "newest", "per_page": per_page, "fields[]": FIELDS})
        return list(data.get("results") or [])


def describe(document: dict) -> str:
    agencies = ", ".join(a.get("name") or a.get("raw_name") or "" for a in document.get("agencies") or [])
    kind = document.get("type") or "Document"
    return " ".join(f"{kind}{f' ({agencies})' if agencies else ''}: {document.get('title') or ''}".split())


def refresh_documents(db, client: FederalRegister, slugs: list[str] | None = None) -> dict:
    """Store the documents found for every bill that has search terms."""
    rows = [r for r in db.query("select slug, federal_register_terms from bills order by slug")
            if json.loads(r["federal_register_terms"] or "[]") and (slugs is None or r["slug"] in slugs)]

    def refresh_one(bill: dict) -> int:
        new = 0
        for term in json.loads(bill["federal_register_terms"]):
            for document in client.documents(term):
                number = document.get("document_number")
                if number and add_event(db, "bill_actions", "bill_slug", bill["slug"],
                                        document.get("publication_date"), describe(document),
                                        "federal-register", str(number), document.get("html_url")):
                    new += 1
        db["bills"].update(bill["slug"], {"refreshed": now_iso()})
        return new

    return refresh_each(db, "bills", rows, refresh_one, "bills")
