"""Every curated case and bill says where each of its facts comes from (issue 18).

An entry is verified when it has no `verify:` key: then every filled field
below has at least one public source URL in `sources:`. An entry that still
needs a check says why (`verify: "reason"`), never a bare `true`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from pipeline.curated import BILLS_FILE, CASES_FILE, load_bills, load_cases

CASE_FIELDS = ("name", "court", "docket", "filed", "plaintiffs", "defendants", "claims", "status", "last_event")
BILL_FIELDS = ("title", "number", "sponsors", "status", "last_action")
CLAIMS = {"copyright", "dmca-1202", "right-of-publicity", "trademark", "contract", "unfair-competition", "privacy",
          "database-right", "other"}


def problems(entry: dict, fields: tuple[str, ...]) -> list[str]:
    found = []
    sources = entry.get("sources") or {}
    if not isinstance(sources, dict):
        return [f"{entry['slug']}: sources must map a field to a list of URLs"]
    for field, urls in sources.items():
        if field not in entry and field not in fields:
            found.append(f"{entry['slug']}: source for unknown field {field!r}")
        for url in urls if isinstance(urls, list) else [urls]:
            parts = urlsplit(str(url))
            if parts.scheme not in ("http", "https") or not parts.netloc:
                found.append(f"{entry['slug']}: {field}: not an http(s) URL: {url!r}")
    verify = entry.get("verify")
    if verify is not None and not (isinstance(verify, str) and verify.strip()):
        found.append(f"{entry['slug']}: verify must state the reason, not {verify!r}")
    if verify is None:
        for field in fields:
            if entry.get(field) not in (None, "", []) and not sources.get(field):
                found.append(f"{entry['slug']}: {field} has no source")
    for claim in entry.get("claims") or []:
        if claim not in CLAIMS:
            found.append(f"{entry['slug']}: unknown claim {claim!r}")
    return found


def test_the_check_finds_what_it_should():
    entry = {"slug": "x", "name": "X v. Y", "court": "C", "sources": {"name": ["ftp://a"], "bogus": ["https://a"]},
             "claims": ["copyrite"]}
    assert problems(entry, CASE_FIELDS) == [
        "x: name: not an http(s) URL: 'ftp://a'", "x: source for unknown field 'bogus'",
        "x: court has no source", "x: claims has no source", "x: unknown claim 'copyrite'"]
    assert problems({"slug": "y", "verify": True}, CASE_FIELDS) == ["y: verify must state the reason, not True"]


@pytest.mark.parametrize("kind", ["cases", "bills"])
def test_every_curated_fact_has_a_source_or_a_stated_reason(kind):
    entries, fields = (load_cases(), CASE_FIELDS) if kind == "cases" else (load_bills(), BILL_FIELDS)
    found = [p for entry in entries for p in problems(entry, fields)]
    assert found == []


@pytest.mark.parametrize("path", [CASES_FILE, BILLS_FILE])
def test_the_curated_files_read_the_same_without_libyaml(path):
    # The loader prefers libyaml's CSafeLoader, which accepted an unquoted URL with "?" inside a [flow, list] that
    # PyYAML's pure-Python parser rejects: a machine whose PyYAML wheel lacks libyaml could not read bills.yaml.
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    assert pure == (load_cases() if path == CASES_FILE else load_bills())
