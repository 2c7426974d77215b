"""German NER on the GermEval 2014 test split: PER and ORG precision, recall and F1.

    .venv/bin/python bench/german_ner.py [--limit N] [--split test|tune] [--json]

Three figures for each type, all on sentences nobody here trained or tuned on (the test split;
training/german_ner/README.md says what was used for what):

* **model**: the German model alone (`ner: model:` in pipeline/data/languages/de/language.yaml),
  exact character spans against the corpus's outer PER and ORG spans;
* **pipeline**: the spaCy pipeline the tagging stage runs (gazetteer ruler and the rule patterns
  before the model), exact spans likewise;
* **stage**: what `tag_entities` stores, sentence by sentence: the surface forms of its entities
  against the gold span texts. The stage cleans names (possessives, titles, junk), keeps a lone
  surname only when the full name is in the same text, and relabels gazetteer actors, so this
  figure is lower than the pipeline's on isolated sentences.

The corpus's PER is PERSON here; its LOC and OTH spans are not scored. `--limit` takes the first N
sentences (the fast test uses a fixed slice of the split).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.languages import language  # noqa: E402
from pipeline.understand.entities import load_pipeline, model_name, tag_entities  # noqa: E402
from pipeline.understand.entity_rules import CUE_IDS  # noqa: E402
from pipeline.understand.model_files import load_spacy  # noqa: E402
from training.german_ner.corpus import split as corpus_split  # noqa: E402

TYPES = ("PERSON", "ORG")


def scores(tp: Counter, fp: Counter, fn: Counter) -> dict:
    out = {}
    for label in TYPES:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        out[label] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                      "gold": tp[label] + fn[label]}
    return out


def _count(gold: set, predicted: set, tp: Counter, fp: Counter, fn: Counter) -> None:
    for item in predicted & gold:
        tp[item[-1]] += 1
    for item in predicted - gold:
        fp[item[-1]] += 1
    for item in gold - predicted:
        fn[item[-1]] += 1


def predicted_spans(doc) -> set[tuple[int, int, str]]:
    """The PERSON and ORG spans of a doc. A rule that matched with a cue word in front ("der KfW")
    marks it by its id; the stage drops that word, and so does this."""
    spans = set()
    for ent in doc.ents:
        if ent.label_ in TYPES:
            start = ent[1].idx if ent.ent_id_ in CUE_IDS and len(ent) > 1 else ent.start_char
            spans.add((start, ent.end_char, ent.label_))
    return spans


def span_scores(nlp, sentences) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        gold = {s for s in sentence.char_spans() if s[2] in TYPES}
        _count(gold, predicted_spans(doc), tp, fp, fn)
    return scores(tp, fp, fn)


def stage_scores(sentences) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    tagged = tag_entities([(s.text, "de") for s in sentences])
    for sentence, mentions in zip(sentences, tagged, strict=True):
        gold = {(sentence.text[a:b], label) for a, b, label in sentence.char_spans() if label in TYPES}
        predicted = {(form, m.type) for m in mentions for form in m.surface_forms if m.type in TYPES}
        _count(gold, predicted, tp, fp, fn)
    return scores(tp, fp, fn)


def evaluate(split: str = "test", limit: int | None = None) -> dict:
    sentences = corpus_split(split)[:limit] if limit else corpus_split(split)
    lang = language("de")
    started = time.perf_counter()
    model = load_spacy(model_name(lang=lang))
    result = {"split": split, "sentences": len(sentences), "model": model_name(lang=lang),
              "model_alone": span_scores(model, sentences),
              "pipeline": span_scores(load_pipeline(lang), sentences),
              "stage": stage_scores(sentences)}
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["test", "tune"], default="test",
                        help="test: untouched (the figures to report); tune: the held-out GermEval dev "
                             "sentences that chose the model and the rules")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate(args.split, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"GermEval 2014 {result['split']}, {result['sentences']} sentences, model {result['model']} "
          f"({result['seconds']} s)")
    print(f"{'':12}" + "".join(f"{label:>26}" for label in TYPES))
    print(f"{'':12}" + "".join(f"{'P     R     F1   gold':>26}" for _ in TYPES))
    for key in ("model_alone", "pipeline", "stage"):
        cells = [result[key][label] for label in TYPES]
        print(f"{key:12}" + "".join(f"{c['precision']:>10.3f}{c['recall']:>6.3f}{c['f1']:>6.3f}{c['gold']:>5}"
                                    for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
