#!/usr/bin/env python3
"""Validate the curated data files in pipeline/data/ (stdlib only).

Checks gazetteer.jsonl (schema, types, kinds, Q-ids, uniqueness of names and
aliases, min size), and sanity-checks languages/*/given_names.txt,
entity_stoplist.txt and org_suffixes.txt. Prints counts by type and kind.

Usage: python3 pipeline/data/check_gazetteer.py [DATA_DIR]
Exit status 0 when clean, 1 when any error was found.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

PERSON_KINDS = {
    "performer", "writer", "musician", "artist", "executive", "judge",
    "legislator", "official", "lawyer", "academic", "activist",
}
ORG_KINDS = {
    "company", "studio", "label", "publisher", "union", "guild",
    "collecting_society", "trade_group", "advocacy_group", "court", "agency",
    "legislature", "government", "news_org", "research_org",
}
# WORK: the copyrighted material at stake, a fictional character or a title of a work (issue 15).
WORK_KINDS = {"character", "film", "series", "franchise", "book", "game", "music", "artwork"}
KINDS = {"PERSON": PERSON_KINDS, "ORG": ORG_KINDS, "WORK": WORK_KINDS}
REQUIRED = {"name", "type", "kind", "aliases", "aliases_de", "wikidata"}
OPTIONAL = {"note"}
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
MIN_ENTRIES = 260
MIN_GIVEN_NAMES = 600
MIN_STOPLIST = 80


def exact(s: str) -> str:
    """Case-sensitive comparison key: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def norm(s: str) -> str:
    """Case-insensitive comparison key used across entries."""
    return exact(s).casefold()


def read_list(path: Path) -> list[tuple[int, str]]:
    """Non-empty, non-comment lines of a one-entry-per-line file."""
    out = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((no, line))
    return out


def check_gazetteer(path: Path, stop_keys: set[str], errors: list[str]) -> list[dict]:
    entries: list[dict] = []
    owner: dict[str, str] = {}  # normalised surface form -> entry name
    names: dict[str, int] = {}
    qids: dict[str, str] = {}

    def err(no: int, msg: str) -> None:
        errors.append(f"{path.name}:{no}: {msg}")

    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            err(no, "blank line")
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            err(no, f"invalid JSON: {e}")
            continue
        if not isinstance(obj, dict):
            err(no, "line is not a JSON object")
            continue
        missing = REQUIRED - obj.keys()
        extra = obj.keys() - REQUIRED - OPTIONAL
        if missing:
            err(no, f"missing keys: {sorted(missing)}")
            continue
        if extra:
            err(no, f"unknown keys: {sorted(extra)}")
        name = obj["name"]
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            err(no, f"bad name {name!r}")
            continue
        typ, kind = obj["type"], obj["kind"]
        if typ not in KINDS:
            err(no, f"{name}: type must be PERSON, ORG or WORK, got {typ!r}")
        elif kind not in KINDS[typ]:
            err(no, f"{name}: kind {kind!r} not allowed for {typ}")
        qid = obj["wikidata"]
        if qid is not None:
            if not isinstance(qid, str) or not QID_RE.match(qid):
                err(no, f"{name}: wikidata must be null or Q<digits>, got {qid!r}")
            elif qid in qids:
                err(no, f"{name}: wikidata {qid} already used by {qids[qid]!r}")
            else:
                qids[qid] = name
        if "note" in obj and (not isinstance(obj["note"], str) or not obj["note"].strip()):
            err(no, f"{name}: note must be a non-empty string")

        key = norm(name)
        if key in names:
            err(no, f"duplicate name {name!r} (first on line {names[key]})")
            continue
        names[key] = no
        # Surface forms are compared case-insensitively ACROSS entries.
        # A parenthetical qualifier marks the name as a label, not a surface form.
        label_only = "(" in name
        if label_only and not (obj["aliases"] or obj["aliases_de"]):
            err(no, f"{name}: label-only name (has parentheses) needs at least one alias")

        own_forms: set[str] = set() if label_only else {key}
        for field in ("aliases", "aliases_de"):
            vals = obj[field]
            if not isinstance(vals, list):
                err(no, f"{name}: {field} must be a list")
                continue
            seen_here: set[str] = set()
            for a in vals:
                if not isinstance(a, str) or not a.strip() or a != a.strip():
                    err(no, f"{name}: bad {field} entry {a!r}")
                    continue
                # Within one entry, case variants ("NVIDIA" for "Nvidia") are
                # legitimate extra patterns; only exact repeats are errors.
                x = exact(a)
                if x in seen_here:
                    err(no, f"{name}: {field} repeats {a!r}")
                if x == exact(name):
                    err(no, f"{name}: {field} repeats the entry's own name {a!r}")
                seen_here.add(x)
                own_forms.add(norm(a))
        entry_forms = own_forms
        for k in entry_forms:
            if k in owner and owner[k] != name:
                err(no, f"{name}: surface form {k!r} already belongs to {owner[k]!r}")
            if k in stop_keys:
                err(no, f"{name}: surface form {k!r} is in entity_stoplist.txt")
        for k in entry_forms:
            owner.setdefault(k, name)
        obj["_line"] = no
        entries.append(obj)

    # An alias must not equal another entry's name (covers names that come later).
    for e in entries:
        for field in ("aliases", "aliases_de"):
            for a in e[field]:
                if not isinstance(a, str):
                    continue
                k = norm(a)
                if k in names and k != norm(e["name"]):
                    err(e["_line"], f"{e['name']}: alias {a!r} equals the name of another entry")
    if len(entries) < MIN_ENTRIES:
        errors.append(f"{path.name}: only {len(entries)} entries, need >= {MIN_ENTRIES}")
    return entries


def check_simple_list(path: Path, minimum: int, errors: list[str], *, casefold: bool = True) -> list[str]:
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return []
    text = path.read_text(encoding="utf-8")
    if not text.lstrip().startswith("#"):
        errors.append(f"{path.name}: must start with a '#' comment header")
    seen: dict[str, int] = {}
    vals = []
    for no, line in read_list(path):
        k = norm(line) if casefold else line
        if k in seen:
            errors.append(f"{path.name}:{no}: duplicate {line!r} (line {seen[k]})")
        seen[k] = no
        vals.append(line)
    if len(vals) < minimum:
        errors.append(f"{path.name}: only {len(vals)} entries, need >= {minimum}")
    return vals


def check_suffixes(path: Path, errors: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return sections
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.fullmatch(r"#\s*(suffix|head)\s*", line)
            if m:
                current = m.group(1)
                if current in sections:
                    errors.append(f"{path.name}:{no}: section '# {current}' repeated")
                sections[current] = []
            continue
        if current is None:
            errors.append(f"{path.name}:{no}: entry {line!r} before any '# suffix'/'# head' section")
            continue
        if line in sections[current]:
            errors.append(f"{path.name}:{no}: duplicate {line!r} in section {current}")
        sections[current].append(line)
    for sec in ("suffix", "head"):
        if not sections.get(sec):
            errors.append(f"{path.name}: section '# {sec}' missing or empty")
    return sections


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    errors: list[str] = []

    stop = check_simple_list(data_dir / "entity_stoplist.txt", MIN_STOPLIST, errors)
    stop_keys = {norm(s) for s in stop}
    # Every language's given names (languages/<code>/given_names.txt); the rules use them all together.
    given = []
    for path in sorted((data_dir / "languages").glob("*/given_names.txt")):
        names = check_simple_list(path, 1, errors, casefold=False)
        for g in names:
            if not re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", g):
                errors.append(f"{path.parent.name}/{path.name}: suspicious entry {g!r}")
        given += names
    if len(given) < MIN_GIVEN_NAMES:
        errors.append(f"given_names.txt: only {len(given)} names in all languages, need >= {MIN_GIVEN_NAMES}")
    sections = check_suffixes(data_dir / "org_suffixes.txt", errors)
    entries = check_gazetteer(data_dir / "gazetteer.jsonl", stop_keys, errors)

    by_type = Counter(e["type"] for e in entries)
    by_kind = Counter((e["type"], e["kind"]) for e in entries)
    n_qid = sum(1 for e in entries if e["wikidata"])
    n_alias = sum(len(e["aliases"]) for e in entries)
    n_alias_de = sum(len(e["aliases_de"]) for e in entries)
    print(f"gazetteer.jsonl: {len(entries)} entries, {n_qid} with wikidata, "
          f"{n_alias} aliases, {n_alias_de} aliases_de")
    for t in sorted(by_type):
        print(f"  {t}: {by_type[t]}")
        for (tt, k), c in sorted(by_kind.items(), key=lambda x: (-x[1], x[0][1])):
            if tt == t:
                print(f"    {k:<20} {c}")
    print(f"languages/*/given_names.txt: {len(given)} names")
    print(f"entity_stoplist.txt: {len(stop)} entries")
    print("org_suffixes.txt: " + ", ".join(f"{k}={len(v)}" for k, v in sections.items()))

    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
