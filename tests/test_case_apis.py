"""CourtListener, congress.gov and the Federal Register, served from recorded answers on 127.0.0.1 (issue 8)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.curated import load_bills, load_cases
from pipeline.external import congress, courtlistener, federal_register
from pipeline.external.http_json import AuthFailed, RateLimited, Unreachable, get_json
from pipeline.store.cases import seed_curated
from pipeline.store.db import open_db
from tests.conftest import free_port, run_tracker

pytestmark = pytest.mark.slow  # runs the tracker or a server (tests/cost.py)

API_DATA = Path(__file__).parent / "data" / "api"
CL = "/api/rest/v4"
NYT = "nyt-v-microsoft-openai"


class FakeApis:
    """One local server for all three APIs: path (or path?cursor=C) -> (status, fixture file, extra headers).

    Records requests.
    """

    def __init__(self, routes: dict[str, tuple[int, str | None, dict]]):
        self.routes = routes
        self.requests: list[dict] = []
        apis = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                apis.requests.append({"path": parts.path, "query": parse_qs(parts.query),
                                      "headers": dict(self.headers)})
                # A page of a search is its path and cursor: "/search/?cursor=abc" (issue 18, discovery).
                cursor = parse_qs(parts.query).get("cursor", [None])[0]
                route = apis.routes.get(f"{parts.path}?cursor={cursor}") if cursor else None
                status, fixture, headers = route or apis.routes.get(parts.path, (404, None, {}))
                body = (API_DATA / fixture).read_bytes() if fixture else b'{"detail": "Not found."}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def apis():
    servers = []

    def start(routes):
        server = FakeApis(routes)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


CL_OK = {f"{CL}/dockets/": (200, "courtlistener_dockets.json", {}),
         f"{CL}/docket-entries/": (200, "courtlistener_docket_entries.json", {})}
CONGRESS_OK = {"/v3/bill/119/s/1367": (200, "congress_bill_119_s_1367.json", {}),
               "/v3/bill/119/s/1367/actions": (200, "congress_actions_119_s_1367.json", {})}
FR_OK = {"/api/v1/documents.json": (200, "federal_register_documents.json", {})}


@pytest.fixture
def seeded(tmp_path):
    db = open_db(tmp_path / "t.db")
    seed_curated(db)
    yield db
    db.close()


def test_courtlistener_finds_the_docket_and_stores_new_entries_once(apis, seeded):
    server = apis(CL_OK)
    client = courtlistener.CourtListener("secret-token", server.url + CL)
    first = courtlistener.refresh_cases(seeded, client, slugs=[NYT])
    again = courtlistener.refresh_cases(seeded, client, slugs=[NYT])
    assert (first["cases"], first["events"], first["errors"], first["stopped"]) == (1, 2, [], None)
    assert again["events"] == 0  # the same entries fetched again are not stored twice
    case = seeded["cases"].get(NYT)
    assert case["courtlistener_docket_id"] == 68117049
    assert case["courtlistener_url"].endswith("/docket/68117049/the-new-york-times-company-v-microsoft-corporation/")
    assert case["date_last_filing"] == "2025-11-19"
    # The newest dated event now is the docket entry, newer than the curated 2025-04-04 event.
    assert case["last_event_date"] == "2025-11-19" and case["last_event"].startswith("Docket entry 812: ORDER")
    assert case["curated_event_date"] == "2025-04-04"
    events = list(seeded.query("select source, date, description from case_events where case_slug = ? "
                               "order by date", [NYT]))
    assert [e["source"] for e in events] == ["curated", "courtlistener", "courtlistener"]
    # An entry without its own description takes its document's.
    assert events[1]["description"] == "Docket entry 798: LETTER MOTION for Conference addressed to Judge Sidney H. Stein"
    lookup = next(r for r in server.requests if r["path"] == f"{CL}/dockets/")
    assert lookup["query"] == {"docket_number": ["1:23-cv-11195"], "court": ["nysd"]}
    assert lookup["headers"]["Authorization"] == "Token secret-token"
    # The second run used the remembered docket id instead of searching again.
    assert any(r["path"] == f"{CL}/dockets/68117049/" for r in server.requests)


def test_a_403_on_docket_entries_is_recorded_and_the_docket_still_updates(apis, seeded):
    server = apis({**CL_OK, f"{CL}/docket-entries/": (403, "courtlistener_403.json", {})})
    result = courtlistener.refresh_cases(seeded, courtlistener.CourtListener("t", server.url + CL), slugs=[NYT])
    assert result["stopped"] is None and result["cases"] == 1
    case = seeded["cases"].get(NYT)
    assert case["courtlistener_docket_id"] == 68117049
    assert "HTTP 403" in case["refresh_error"] and "permission" in case["refresh_error"]


def test_auth_and_rate_limit_errors_are_one_line_and_typed(apis):
    server = apis({"/bad": (401, "courtlistener_401.json", {}),
                   "/slow": (429, "congress_429.json", {"Retry-After": "30"})})
    with pytest.raises(AuthFailed) as auth:
        get_json("CourtListener", server.url + "/bad", hint="check COURTLISTENER_TOKEN")
    assert str(auth.value) == "CourtListener: HTTP 401 unauthorized: Invalid token.; check COURTLISTENER_TOKEN"
    with pytest.raises(RateLimited) as slow:
        get_json("congress.gov", server.url + "/slow")
    assert "HTTP 429" in str(slow.value) and "retry after 30 s" in str(slow.value)
    assert "\n" not in str(auth.value) + str(slow.value)
    with pytest.raises(Unreachable):
        get_json("Federal Register", f"http://127.0.0.1:{free_port()}/nothing")


def test_congress_gov_actions_are_stored_with_the_key_in_a_header(apis, seeded):
    server = apis(CONGRESS_OK)
    seeded["bills"].update("no-fakes-act", {"bill_number": 1367})  # the recorded answer is the 2025 bill, S.1367
    result = congress.refresh_bills(seeded, congress.Congress("KEY123", server.url + "/v3"), slugs=["no-fakes-act"])
    assert (result["bills"], result["events"], result["stopped"]) == (1, 2, None)
    bill = seeded["bills"].get("no-fakes-act")
    assert bill["congress_url"] == "https://www.congress.gov/bill/119th-congress/senate-bill/1367"
    actions = {r["description"] for r in seeded.query(
        "select description from bill_actions where bill_slug = 'no-fakes-act' and source = 'congress.gov'")}
    assert actions == {"Read twice and referred to the Committee on the Judiciary.", "Introduced in Senate"}
    request = server.requests[0]
    assert request["headers"]["X-Api-Key"] == "KEY123" and "api_key" not in request["query"]
    assert request["query"]["format"] == ["json"]


def test_federal_register_documents_join_the_timeline_but_not_the_status(apis, seeded):
    server = apis(FR_OK)
    client = federal_register.FederalRegister(server.url + "/api/v1")
    before = seeded["bills"].get("usco-ai-report-part-1-digital-replicas")
    result = federal_register.refresh_documents(seeded, client, slugs=["usco-ai-report-part-1-digital-replicas"])
    again = federal_register.refresh_documents(seeded, client, slugs=["usco-ai-report-part-1-digital-replicas"])
    assert (result["events"], again["events"]) == (2, 0)
    rows = list(seeded.query("select date, description, url from bill_actions where source = 'federal-register' "
                             "order by date"))
    assert rows[1]["description"] == ("Proposed Rule (Library of Congress, Copyright Office, Library of Congress): "
                                      "Digital Replicas; Extension of Comment Period")
    assert rows[1]["url"].startswith("https://www.federalregister.gov/documents/2025/10/06/")
    after = seeded["bills"].get("usco-ai-report-part-1-digital-replicas")
    assert after["last_action"] == before["last_action"]  # found by a search term: timeline only
    assert server.requests[0]["query"]["conditions[term]"] == ['"digital replicas"']


def _sync(tmp_path, env):
    return run_tracker("cases", "sync", "--db", str(tmp_path / "t.db"), env=env, timeout=120)


def test_sync_without_tokens_says_so_and_serves_the_curated_data(apis, tmp_path):
    server = apis(FR_OK)
    result = _sync(tmp_path, {"COURTLISTENER_TOKEN": "", "CONGRESS_API_KEY": "",
                              "FEDERAL_REGISTER_URL": server.url + "/api/v1"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"seeded {len(load_cases())} cases and {len(load_bills())} bills from the curated files"
    assert "CourtListener: COURTLISTENER_TOKEN is not set; cases keep their curated data" in lines
    assert "congress.gov: CONGRESS_API_KEY is not set; bills keep their curated data" in lines
    db = open_db(tmp_path / "t.db")
    assert db["cases"].count == len(load_cases()) and db["case_events"].count >= 40
    assert db["cases"].get("gema-v-openai")["docket"] == "42 O 14139/24"


def test_sync_with_a_bad_token_and_a_rate_limit_fails_in_one_line_each(apis, tmp_path):
    server = apis({f"{CL}/dockets/": (401, "courtlistener_401.json", {}),
                   "/v3/bill/118/hr/6943": (429, "congress_429.json", {"Retry-After": "3600"}),
                   **FR_OK})
    result = _sync(tmp_path, {"COURTLISTENER_TOKEN": "wrong", "COURTLISTENER_URL": server.url + CL,
                              "CONGRESS_API_KEY": "k", "CONGRESS_API_URL": server.url + "/v3",
                              "FEDERAL_REGISTER_URL": server.url + "/api/v1"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert errors == [
        "CourtListener: HTTP 401 unauthorized: Invalid token.; check COURTLISTENER_TOKEN "
        "(a token from courtlistener.com/profile/api/)",
        "congress.gov: HTTP 429 rate limit reached, retry after 3600 s; stopped asking it for this run"]
    # One CourtListener request, then it stopped. congress.gov: bills are asked in slug order; those
    # before no-ai-fraud-act are not in the recording (404, recorded, not fatal), and after the 429 nothing.
    assert sum(r["path"].startswith(CL) for r in server.requests) == 1
    asked = [r["path"] for r in server.requests if r["path"].startswith("/v3")]
    keyed = [f"/v3/bill/{b['congress']}/{b['bill_type']}/{b['bill_number']}" for b in
             sorted(load_bills(), key=lambda b: b["slug"]) if b.get("congress") and b.get("bill_number")]
    expected = keyed[:keyed.index("/v3/bill/118/hr/6943") + 1]
    assert asked == expected
    assert (f"congress.gov: 0 bills refreshed, 0 new events, {len(expected) - 1} not found or failed "
            "(see the errors table)") in result.stdout.splitlines()
    db = open_db(tmp_path / "t.db")
    recorded = [r["message"] for r in db.query("select message from errors where stage = 'cases'")]
    assert any("HTTP 401" in m for m in recorded) and any("HTTP 429" in m for m in recorded)
    assert db["cases"].count == len(load_cases())  # the curated data was written before any API was asked
    assert json.loads(db["bills"].get("no-fakes-act")["sponsors"])[0] == "Chris Coons"
