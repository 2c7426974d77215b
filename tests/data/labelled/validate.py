#!/usr/bin/env python3
"""Validate the labelled evaluation set (articles.jsonl) and print counts.

Stdlib only. Usage:  python3 validate.py [path/to/articles.jsonl]
Exit code 0 if clean, 1 if any error was found.
"""
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

TOPICS = ["litigation", "legislation", "labor", "likeness", "licensing", "training_data", "campaign"]
LANGS = {"en", "de"}
KINDS = {"ai_no_rights": False, "copyright_no_ai": False, "regulation_passing": False, "rights_core": True}
FIELDS = {"id": str, "language": str, "title": str, "text": str, "relevant": bool, "borderline": bool,
          "borderline_kind": (str, type(None)), "topics": list, "persons": list, "orgs": list}
MIN_WORDS, MAX_WORDS = 120, 350
MIN_PER_TOPIC = 8
# names that genuinely end in 's (not possessives)
APOSTROPHE_NAMES = {"Barron's", "Varga's Kitchen"}


def category(rec):
    if rec["borderline"]:
        return "borderline"
    return "relevant" if rec["relevant"] else "irrelevant"


def check(rec, lineno, errors):
    def err(msg):
        errors.append(f"line {lineno} ({rec.get('id', '?')}): {msg}")

    if set(rec) != set(FIELDS):
        err(f"fields differ: missing={sorted(set(FIELDS) - set(rec))} extra={sorted(set(rec) - set(FIELDS))}")
        return
    for key, typ in FIELDS.items():
        if not isinstance(rec[key], typ):
            err(f"{key} has wrong type {type(rec[key]).__name__}")
            return
    rid, lang = rec["id"], rec["language"]
    if lang not in LANGS:
        err(f"unknown language {lang!r}")
    if not (rid.startswith(lang + "-") and rid.split("-", 1)[1].isdigit()):
        err("id must look like '<language>-<number>'")
    if not rec["title"].strip() or not rec["text"].strip():
        err("empty title or text")
    n_words = len(rec["text"].split())
    if not MIN_WORDS <= n_words <= MAX_WORDS:
        err(f"text has {n_words} words, expected {MIN_WORDS}-{MAX_WORDS}")

    # borderline / relevance consistency
    kind = rec["borderline_kind"]
    if rec["borderline"]:
        if kind not in KINDS:
            err(f"borderline_kind {kind!r} not one of {sorted(KINDS)}")
        elif rec["relevant"] != KINDS[kind]:
            err(f"borderline_kind {kind} requires relevant={KINDS[kind]}")
    elif kind is not None:
        err("borderline_kind must be null when borderline is false")

    # topics
    topics = rec["topics"]
    bad = [t for t in topics if t not in TOPICS]
    if bad:
        err(f"unknown topics {bad}")
    if len(set(topics)) != len(topics):
        err("duplicate topics")
    if rec["relevant"] and not topics:
        err("relevant article needs at least one topic")
    if not rec["relevant"] and topics:
        err("irrelevant article must have topics []")

    # entities
    haystack = rec["title"] + "\n" + rec["text"]
    for field in ("persons", "orgs"):
        values = rec[field]
        if len(set(values)) != len(values):
            err(f"duplicate entries in {field}")
        for v in values:
            if not isinstance(v, str) or not v.strip() or v != v.strip():
                err(f"{field}: bad value {v!r}")
            elif v not in haystack:
                err(f"{field}: {v!r} does not occur literally in title+text")
            elif (v.endswith("'s") or v.endswith("’s")) and v not in APOSTROPHE_NAMES:
                err(f"{field}: {v!r} looks like a possessive (add to APOSTROPHE_NAMES if it is the real name)")
    overlap = set(rec["persons"]) & set(rec["orgs"])
    if overlap:
        err(f"same string listed as person and org: {sorted(overlap)}")


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("articles.jsonl")
    errors, records, seen = [], [], set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: invalid JSON: {exc}")
                continue
            if not isinstance(rec, dict):
                errors.append(f"line {lineno}: not a JSON object")
                continue
            if rec.get("id") in seen:
                errors.append(f"line {lineno}: duplicate id {rec.get('id')}")
            seen.add(rec.get("id"))
            check(rec, lineno, errors)
            records.append(rec)

    ok_records = [r for r in records if set(r) == set(FIELDS)]
    table = Counter((r["language"], category(r)) for r in ok_records)
    kinds = Counter((r["language"], r["borderline_kind"]) for r in ok_records if r["borderline"])
    per_topic = defaultdict(Counter)
    for r in ok_records:
        if r["relevant"]:
            for t in r["topics"]:
                per_topic[t][r["language"]] += 1
    words = [len(r["text"].split()) for r in ok_records]

    print(f"file: {path}")
    print(f"articles: {len(ok_records)}")
    print(f"{'':6}{'relevant':>10}{'irrelevant':>12}{'borderline':>12}{'total':>8}")
    for lang in sorted(LANGS):
        row = [table[(lang, c)] for c in ("relevant", "irrelevant", "borderline")]
        print(f"{lang:6}{row[0]:>10}{row[1]:>12}{row[2]:>12}{sum(row):>8}")
    row = [sum(table[(lang, c)] for lang in LANGS) for c in ("relevant", "irrelevant", "borderline")]
    print(f"{'all':6}{row[0]:>10}{row[1]:>12}{row[2]:>12}{sum(row):>8}")
    print("borderline kinds (language, kind): " + ", ".join(f"{lg}/{k}={n}" for (lg, k), n in sorted(kinds.items())))
    n_true = sum(r["relevant"] for r in ok_records)
    print(f"relevant=true labels (incl. rights_core): {n_true}; relevant=false: {len(ok_records) - n_true}")
    print("topics over relevant articles (en / de / total):")
    for t in TOPICS:
        c = per_topic[t]
        print(f"  {t:14} {c['en']:>3} / {c['de']:>3} / {c['en'] + c['de']:>3}")
        if c["en"] + c["de"] < MIN_PER_TOPIC or not c["en"] or not c["de"]:
            errors.append(f"topic {t}: needs >= {MIN_PER_TOPIC} relevant articles and both languages")
    if words:
        print(f"words per text: min {min(words)}, max {max(words)}, mean {sum(words) / len(words):.0f}")
    n_p = sum(len(r["persons"]) for r in ok_records)
    n_o = sum(len(r["orgs"]) for r in ok_records)
    print(f"gold entities: {n_p} persons, {n_o} orgs")

    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
