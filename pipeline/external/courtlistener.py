"""CourtListener REST API v4: keep US cases current from their dockets.

For each curated US case with a docket number, the client finds the
CourtListener docket (docket number + court), remembers its id, and stores
the newest docket entries as case events. The token comes from
COURTLISTENER_TOKEN (sent as "Authorization: Token ..."); the base URL from
COURTLISTENER_URL, so tests can point it at a server on 127.0.0.1.

CourtListener serves docket entries only to accounts with that permission;
a 403 on them is recorded for the case, and the docket itself (last filing
date, link) still updates.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlsplit

from pipeline.clock import now_iso
from pipeline.external.http_json import ApiError, AuthFailed, base_url, get_json
from pipeline.store.cases import add_event, refresh_each

API = "CourtListener"
DEFAULT_URL = "https://www.courtlistener.com/api/rest/v4"
SITE = "https://www.courtlistener.com"
TOKEN_ENV = "COURTLISTENER_TOKEN"
ENTRIES_PER_CASE = 20

# CourtListener's court ids for the courts in cases.yaml (matched on the court's name, first match wins).
COURT_IDS = [
    (r"Southern District of New York", "nysd"),
    (r"Northern District of California", "cand"),
    (r"Central District of California", "cacd"),
    (r"District of Delaware", "ded"),
    (r"District of Massachusetts", "mad"),
    (r"District of Colorado", "cod"),
    (r"Court of Appeals for the District of Columbia", "cadc"),
    (r"District of Columbia", "dcd"),
    (r"Middle District of Tennessee", "tnmd"),
    (r"Court of Appeals for the Ninth Circuit", "ca9"),
    (r"Court of Appeals for the Third Circuit", "ca3"),
]


def court_id(court: str | None) -> str | None:
    for pattern, cid in COURT_IDS:
        if court and re.search(pattern, court):
            return cid
    return None


class CourtListener:
    def __init__(self, token: str, url: str | None = None):
        self.token = token
        self.url = (url or base_url("COURTLISTENER_URL", DEFAULT_URL)).rstrip("/")

    def get(self, path: str, params: dict | None = None) -> dict:
        return get_json(API, f"{self.url}/{path.lstrip('/')}", params,
                        headers={"Authorization": f"Token {self.token}"},
                        hint=f"check {TOKEN_ENV} (a token from courtlistener.com/profile/api/)")

    def find_docket(self, docket_number: str, court: str) -> dict | None:
        """The docket with this number in this court, or None."""
        data = self.get("dockets/", {"docket_number": docket_number, "court": court})
        results = data.get("results") or []
        return results[0] if results else None

    def docket(self, docket_id: int) -> dict:
        return self.get(f"dockets/{int(docket_id)}/")

    def entries(self, docket_id: int, limit: int = ENTRIES_PER_CASE) -> list[dict]:
        """The newest docket entries, newest first (one page)."""
        data = self.get("docket-entries/", {"docket": int(docket_id), "order_by": "-date_filed",
                                             "page_size": limit})
        return list(data.get("results") or [])[:limit]


    def search_pages(self, params: dict, max_pages: int):
        """The pages of a search (`/search/`), following `next` up to `max_pages` pages; yields each page's results.

        v4 pages with a cursor: `next` is a full URL on CourtListener's host. Only its query (the cursor and
        the same filters) is kept and asked of our base URL, so COURTLISTENER_URL (a test server) is honoured.
        """
        page_params = dict(params)
        for _ in range(max_pages):
            data = self.get("search/", page_params)
            yield list(data.get("results") or [])
            following = data.get("next")
            if not following:
                return
            page_params = dict(parse_qsl(urlsplit(following).query))


def client_from_env() -> CourtListener | None:
    token = os.environ.get(TOKEN_ENV, "").strip()
    return CourtListener(token) if token else None


def entry_text(entry: dict) -> str:
    """What a docket entry says, in one line: its description, else its first document's."""
    text = entry.get("description") or ""
    if not text:
        for document in entry.get("recap_documents") or []:
            text = document.get("description") or document.get("short_description") or ""
            if text:
                break
    number = entry.get("entry_number")
    text = " ".join(text.split())
    return f"Docket entry {number}: {text}" if number else text


def refresh_case(db, client: CourtListener, case: dict) -> int:
    """Update one case from CourtListener; returns the number of new events.

    AuthFailed on the docket itself and RateLimited propagate (the run stops
    asking); a 403 on the entries only is recorded on the case.
    """
    docket_id = case.get("courtlistener_docket_id")
    if not docket_id:
        found = client.find_docket(case["docket"], court_id(case["court"]))
        if found is None:
            raise ApiError(f"{API}: no docket {case['docket']} in court {court_id(case['court'])}")
        docket = found
        docket_id = found["id"]
    else:
        docket = client.docket(docket_id)
    url = SITE + docket["absolute_url"] if docket.get("absolute_url") else None
    new, problem = 0, None
    try:
        for entry in client.entries(docket_id):
            text = entry_text(entry)
            if not text:
                continue
            link = SITE + entry["absolute_url"] if entry.get("absolute_url") else url
            if add_event(db, "case_events", "case_slug", case["slug"], entry.get("date_filed"), text,
                         "courtlistener", str(entry.get("id") or f"{docket_id}:{entry.get('entry_number')}"),
                         link):
                new += 1
    except AuthFailed as exc:
        if exc.status != 403:
            raise
        problem = f"{exc} (docket entries need CourtListener's RECAP API permission; docket details updated)"
    db["cases"].update(case["slug"], {
        "courtlistener_docket_id": int(docket_id), "courtlistener_url": url,
        "date_last_filing": docket.get("date_last_filing"), "refreshed": now_iso(), "refresh_error": problem})
    return new


def refresh_cases(db, client: CourtListener, slugs: list[str] | None = None) -> dict:
    """Refresh every case CourtListener can know (US, with a docket number or a docket id).

    Returns {"cases": n, "events": n, "errors": [one-line messages], "stopped": message or None}.
    """
    rows = list(db.query("select * from cases where jurisdiction = 'US' and "
                         "(courtlistener_docket_id is not null or docket is not null) order by slug"))
    rows = [r for r in rows if (slugs is None or r["slug"] in slugs)
            and (r["courtlistener_docket_id"] or court_id(r["court"]))]
    return refresh_each(db, "cases", rows, lambda case: refresh_case(db, client, case), "cases")
