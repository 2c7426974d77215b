"""Train the German NER model that ships in pipeline/data/languages/de/ner_model (`make german-model`).

    python training/german_ner/train.py corpus    # stored corpora -> corpus/*.spacy
    python training/german_ner/train.py train     # spaCy training with config.cfg -> output/
    python training/german_ner/train.py package   # output/model-best -> pipeline/data/languages/de/ner_model
    python training/german_ner/train.py all       # the three in turn

Training data: the GermEval 2014 development split minus every fifth sentence, and the SmartData
corpus (README.md in this folder). Every fifth GermEval development sentence is the tuning split that
picks the best model and stops training. The GermEval 2014 *test* split is read by nothing here: it
stays untouched for bench/german_ner.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.model_files import halve  # noqa: E402
from training.german_ner.corpus import smartdata, split  # noqa: E402

CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
# GermEval sentences are news and encyclopaedia prose like the articles tagged here; SmartData is
# more than half tweets and traffic reports. Each GermEval training sentence counts three times.
GERMEVAL_COPIES = 3
SHIPPED = ROOT / "pipeline" / "data" / "languages" / "de" / "ner_model"


def build_corpus() -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span
    from spacy.util import filter_spans

    nlp = spacy.blank("de")
    train, tune = DocBin(), DocBin()
    for name, docbin, copies in (("train", train, GERMEVAL_COPIES), ("tune", tune, 1)):
        for sentence in split(name):
            doc = Doc(nlp.vocab, words=sentence.tokens)
            doc.ents = [Span(doc, a, b, label=label) for a, b, label in sentence.spans]
            for _ in range(copies):
                docbin.add(doc)
    kept = dropped = 0
    for record in smartdata():
        doc = nlp.make_doc(record["text"])
        spans = [_trimmed(doc.char_span(a, b, label=label, alignment_mode="expand"))
                 for a, b, label in record["ents"]]
        spans = [s for s in spans if s is not None]
        doc.ents = filter_spans(spans)
        kept += len(doc.ents)
        dropped += len(spans) - len(doc.ents)
        train.add(doc)
    CORPUS.mkdir(exist_ok=True)
    train.to_disk(CORPUS / "train.spacy")
    tune.to_disk(CORPUS / "tune.spacy")
    print(f"train: {len(train)} docs (GermEval sentences {GERMEVAL_COPIES} times); tune: {len(tune)} GermEval sentences; "
          f"SmartData mentions kept {kept}, overlapping dropped {dropped}")


def _trimmed(span):
    from spacy.tokens import Span

    """The span without whitespace tokens at its ends; None if none is left or one is inside.

    spaCy cannot learn a name that starts or ends with whitespace, and a name across a line break
    is an annotation slip."""
    if span is None:
        return None
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    inner = span.doc[start:end]
    if not len(inner) or any(t.is_space or "\n" in t.text for t in inner):
        return None
    return Span(span.doc, start, end, label=span.label_)


def train_model() -> None:
    # Two threads at most: the machine is shared, and the small CNN gains little from more.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(OUTPUT),
                    "--paths.train", str(CORPUS / "train.spacy"), "--paths.dev", str(CORPUS / "tune.spacy")],
                   check=True, env=env)


MODEL_README = """# German NER model (PERSON, ORG, LOC)

Trained by training/german_ner/train.py (`make german-model`); do not edit by hand.
Training data, each under CC BY 4.0:

* GermEval 2014 NER, development split (D. Benikova, C. Biemann, M. Reznicek, LREC 2014),
  from github.com/UKPLab/deeplearning4nlp-tutorial;
* DFKI SmartData Corpus v1 (M. Schiersch et al., LREC 2018), from github.com/DFKI-NLP/smartdata-corpus.

This model is distributed under CC BY 4.0 with that attribution. Sources, what was changed, and the
figures: training/german_ner/README.md and docs/understanding.md.
"""


def package() -> None:
    """Copy the best model into the pipeline's data, without what only training needs."""
    best = OUTPUT / "model-best"
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    shutil.copytree(best, SHIPPED)
    halve(SHIPPED)  # float16 weights on disk: half the size in git (pipeline/understand/model_files.py)
    config = SHIPPED / "config.cfg"
    # The corpus paths in the saved config point into this folder; a loaded model never reads them.
    text = config.read_text(encoding="utf-8")
    for name in ("train.spacy", "tune.spacy"):
        text = text.replace(f'"{CORPUS / name}"', "null")
    config.write_text(text, encoding="utf-8")
    meta_path = SHIPPED / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="de_ner", version="1.0.0", license="CC BY 4.0",
                description="German NER (PERSON, ORG, LOC) trained with training/german_ner; "
                            "scores are on the tuning split (GermEval 2014 dev, every fifth sentence).",
                sources=[{"name": "GermEval 2014 NER (development split)", "license": "CC BY 4.0",
                          "url": "https://github.com/UKPLab/deeplearning4nlp-tutorial"},
                         {"name": "DFKI SmartData Corpus v1", "license": "CC BY 4.0",
                          "url": "https://github.com/DFKI-NLP/smartdata-corpus"}])
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (SHIPPED / "README.md").write_text(MODEL_README, encoding="utf-8")
    size = sum(p.stat().st_size for p in SHIPPED.rglob("*") if p.is_file())
    print(f"shipped {SHIPPED.relative_to(ROOT)}: {size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["corpus", "train", "package", "all"])
    step = parser.parse_args().step
    if step in ("corpus", "all"):
        build_corpus()
    if step in ("train", "all"):
        train_model()
    if step in ("package", "all"):
        package()


if __name__ == "__main__":
    main()
