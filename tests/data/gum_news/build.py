"""Build documents.jsonl from a checkout of the GUM corpus (development time only; nothing runs this in tests).

    python tests/data/gum_news/build.py GUM_GIT_DIR [COMMIT]

GUM_GIT_DIR is a git directory of https://github.com/amir-zeldes/gum (read with `git show`, no work tree
needed). The Wikinews documents (GUM_news_*, GUM_interview_*) are read from dep/*.conllu: their text, and
GUM's own entity annotation (`Entity=` in MISC: type, coreference cluster, identity). A gold entity is a
coreference cluster of type person or organization with at least one mention that is a name, or with
GUM's identity (its Wikipedia link) and a proper noun in a mention ("professor Marc Lamont Hill"). Its forms are the texts of those mentions that are
names (leading determiners and a trailing possessive dropped; a name starts and ends with a proper noun and
holds no common noun, verb or pronoun) and GUM's identity (its Wikipedia link) when it has one.
Which documents are "holdout" is GUM's own split: its dev and test documents; "tune" is its train set.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).parent
TYPES = {"person": "persons", "organization": "orgs"}
# An opening bracket: "(22-person-new-ssnsn-cf5-1,2,3,4-coref-Donald_Trump", with ")" right after it for a
# one-word mention; the fields are GUM's GRP-etype-infstat-salience-centering-minspan-link-identity.
OPEN = re.compile(r"\((\d+-[^()]*?)(\))?(?=\(|\d+\)|$)")


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, text=True, check=True).stdout


def holdout_names(repo: str, commit: str) -> set[str]:
    section, out = None, set()
    for line in git(repo, "show", f"{commit}:splits.md").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif section in {"dev", "test"} and (m := re.match(r"\s*\*\s*(\S+)", line)):
            out.add(m.group(1))
    return out


def parse(conllu: str) -> dict:
    paragraphs: list[list[str]] = []
    tokens: list[dict] = []  # every word, in order: text, space after, upos
    open_mentions: dict[str, list[tuple]] = {}
    mentions: list[tuple] = []  # (cluster id, type, identity, first token, last token)
    for line in conllu.splitlines():
        if line.startswith("# newpar"):
            if line.startswith("# newpar_block") or line == "# newpar":
                paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line[9:])
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            index = len(tokens)
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            tokens.append({"text": cols[1], "upos": cols[3], "xpos": cols[4], "space": misc.get("SpaceAfter") != "No"})
            value = misc.get("Entity", "")
            for m in OPEN.finditer(value):
                fields, single = m.group(1).split("-"), m.group(2)
                cluster, etype = fields[0], fields[1]
                identity = unquote(fields[7]) if len(fields) > 7 and fields[7] else None
                if single:
                    mentions.append((cluster, etype, identity, index, index))
                else:
                    open_mentions.setdefault(cluster, []).append((etype, identity, index))
            for cluster in re.findall(r"(?<![(\d-])(\d+)\)", value):
                if open_mentions.get(cluster):
                    etype, identity, start = open_mentions[cluster].pop()
                    mentions.append((cluster, etype, identity, start, index))
    return {"paragraphs": [" ".join(p) for p in paragraphs if p], "tokens": tokens, "mentions": mentions}


def surface(tokens: list[dict]) -> str:
    return "".join(t["text"] + (" " if t["space"] else "") for t in tokens).strip()


def gold(parsed: dict) -> dict[str, list[dict]]:
    clusters: dict[str, dict] = {}
    identities: dict[str, str] = {}
    for cluster, etype, identity, start, end in parsed["mentions"]:
        if identity:
            identities[cluster] = identity
        if etype not in TYPES:
            continue
        words = parsed["tokens"][start:end + 1]
        if not any(w["upos"] == "PROPN" for w in words):
            continue
        while words and words[0]["upos"] in {"DET", "PUNCT"}:
            words = words[1:]
        while words and (words[-1]["upos"] == "PART" and words[-1]["text"] in {"'s", "'", "’s"}
                         or words[-1]["upos"] == "PUNCT"):
            words = words[:-1]
        entry = clusters.setdefault(cluster, {"type": etype, "forms": [], "named": False})
        if words and all(w["xpos"] == "NNPS" for w in words if w["upos"] == "PROPN"):
            continue  # "Muslims", "Afghans": a group, not one named actor
        entry["named"] = True  # a proper noun in a mention: with an identity, that names it
        if etype == "person" and any(w["upos"] == "CCONJ" for w in words):
            continue  # "Gary Chan of DAB and Eunice Yung": two people, each annotated on their own too
        # A name, not a description: it starts and ends with a proper noun and holds no common noun,
        # verb or pronoun ("Mark Zuckerberg", "University of Helsinki"; not "Facebook creator Mark Zuckerberg").
        if words and words[0]["upos"] == "PROPN" and words[-1]["upos"] == "PROPN" and not any(
                w["upos"] in {"NOUN", "VERB", "PRON", "AUX", "ADV", "NUM"} for w in words):
            form = surface(words)
            if form not in entry["forms"] and len(form) < 80:
                entry["forms"].append(form)
    out: dict[str, list[dict]] = {"persons": [], "orgs": []}
    for cluster, entry in clusters.items():
        identity = identities.get(cluster)
        if not entry["forms"] and not (identity and entry["named"]):
            continue
        name = re.sub(r" \(.*\)$", "", identity.replace("_", " ")) if identity else max(entry["forms"], key=len)
        forms = entry["forms"] + ([name] if name not in entry["forms"] else [])
        out[TYPES[entry["type"]]].append({"name": name, "forms": forms})
    return out


def main(argv: list[str]) -> int:
    repo, commit = argv[1], argv[2] if len(argv) > 2 else "HEAD"
    commit = git(repo, "rev-parse", commit).strip()
    holdout = holdout_names(repo, commit)
    names = [p for p in git(repo, "ls-tree", "-r", "--name-only", commit, "dep").split()
             if re.match(r"dep/GUM_(news|interview)_\w+\.conllu$", p)]
    lines = []
    for path in sorted(names):
        doc_id = Path(path).stem
        parsed = parse(git(repo, "show", f"{commit}:{path}"))
        title, *body = parsed["paragraphs"]
        record = {"id": doc_id, "split": "holdout" if doc_id in holdout else "tune", "title": title,
                  "text": "\n\n".join(body), **gold(parsed)}
        lines.append(json.dumps(record, ensure_ascii=False))
    (HERE / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents from {commit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
