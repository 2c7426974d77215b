"""congress.gov API v3: keep US federal bills current.

For each curated bill with a Congress, type and number, the client reads
/bill/{congress}/{type}/{number} (title, latest action) and its /actions,
and stores the actions as bill actions. The key comes from CONGRESS_API_KEY
and is sent in the X-Api-Key header (api.data.gov accepts it there, which
keeps it out of URLs and logs); the base URL from CONGRESS_API_URL.
"""

from __future__ import annotations

import hashlib
import os

from pipeline.clock import now_iso
from pipeline.external.http_json import ApiError, base_url, get_json
from pipeline.store.cases import add_event, refresh_each

API = "congress.gov"
DEFAULT_URL = "https://api.congress.gov/v3"
KEY_ENV = "CONGRESS_API_KEY"
ACTIONS_PER_BILL = 250


class Congress:
    def __init__(self, key: str, url: str | None = None):
        self.key = key
        self.url = (url or base_url("CONGRESS_API_URL", DEFAULT_URL)).rstrip("/")

    def get(self, path: str, params: dict | None = None) -> dict:
        return get_json(API, f"{self.url}/{path.lstrip('/')}", {"format": "json", **(params or {})},
                        headers={"X-Api-Key": self.key},
                        hint=f"check {KEY_ENV} (a key from api.congress.gov/sign-up/)")

    def bill(self, congress: int, bill_type: str, number: int) -> dict:
        return self.get(f"bill/{int(congress)}/{bill_type.lower()}/{int(number)}").get("bill") or {}

    def actions(self, congress: int, bill_type: str, number: int) -> list[dict]:
        data = self.get(f"bill/{int(congress)}/{bill_type.lower()}/{int(number)}/actions",
                        {"limit": ACTIONS_PER_BILL})
        return list(data.get("actions") or [])


def client_from_env() -> Congress | None:
    key = os.environ.get(KEY_ENV, "").strip()
    return Congress(key) if key else None


def action_key(action: dict) -> str:
    """congress.gov actions have no id: date, code and text together identify one."""
    raw = f"{action.get('actionDate')}|{action.get('actionCode')}|{action.get('text')}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def public_url(congress: int, bill_type: str, number: int) -> str:
    chamber = {"hr": "house-bill", "s": "senate-bill", "hres": "house-resolution", "sres": "senate-resolution",
               "hjres": "house-joint-resolution", "sjres": "senate-joint-resolution",
               "hconres": "house-concurrent-resolution", "sconres": "senate-concurrent-resolution"}
    return f"https://www.congress.gov/bill/{congress}th-congress/{chamber.get(bill_type.lower(), 'bill')}/{number}"


def refresh_bill(db, client: Congress, bill: dict) -> int:
    """Update one bill from congress.gov; returns the number of new actions."""
    congress, kind, number = bill["congress"], bill["bill_type"], bill["bill_number"]
    info = client.bill(congress, kind, number)
    if not info:
        raise ApiError(f"{API}: no bill {kind.upper()} {number} in the {congress}th Congress")
    url = public_url(congress, kind, number)
    new = 0
    for action in client.actions(congress, kind, number):
        text = " ".join((action.get("text") or "").split())
        if text and add_event(db, "bill_actions", "bill_slug", bill["slug"], action.get("actionDate"), text,
                              "congress.gov", action_key(action), url):
            new += 1
    # latestAction is the newest of these actions (it lacks actionCode, so it is not stored twice).
    db["bills"].update(bill["slug"], {"congress_url": url, "refreshed": now_iso(), "refresh_error": None})
    return new


def refresh_bills(db, client: Congress, slugs: list[str] | None = None) -> dict:
    """Refresh every bill with a congress.gov key; same result shape as courtlistener.refresh_cases."""
    rows = list(db.query("select * from bills where congress is not null and bill_type is not null "
                         "and bill_number is not null order by slug"))
    rows = [r for r in rows if slugs is None or r["slug"] in slugs]
    return refresh_each(db, "bills", rows, lambda bill: refresh_bill(db, client, bill), "bills")
