"""Train the German NER model that ships in pipeline/data/languages/de/ner_model (`make german-model`).

    python training/german_ner/train.py corpus    # stored corpora -> corpus/*.spacy
    python training/german_ner/train.py pretrain  # the corpora's raw text -> corpus/pretrain/ (tok2vec weights)
    python training/german_ner/train.py train     # spaCy training with config.cfg -> output/
    python training/german_ner/train.py package   # output/model-best -> pipeline/data/languages/de/ner_model
    python training/german_ner/train.py all       # corpus, train, package in turn

Training data: the GermEval 2014 development split minus every fifth sentence and the SmartData corpus
(README.md in this folder). The options under "tried" (--ler, --uner, --swap, --rows, --pretrained;
`pretrain`) are experiments that did not beat the shipped model; README.md says what each gave.

Every fifth GermEval development sentence is the tuning split that
picks the best model and stops training. The GermEval 2014 *test* split is read by nothing here: it
stays untouched for bench/german_ner.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.understand.model_files import halve  # noqa: E402
from training.german_ner.corpus import Sentence, ler, smartdata, split, uner  # noqa: E402

CORPUS = HERE / "corpus"
OUTPUT = HERE / "output"
# GermEval sentences are news and encyclopaedia prose like the articles tagged here; SmartData is
# more than half tweets and traffic reports. Each GermEval training sentence counts three times.
GERMEVAL_COPIES = 3
# The options below were tried on 2026-12-05 and are not in the shipped model: none beat it on the tune
# split (README.md, "Tried and not kept"). They stay so that the experiment can be run again.
# --swap: all but the first GermEval copy have their names swapped for names of the same type from the
# training data, so that the model learns the contexts of names more than the few hundred names it sees.
# --ler: the legal corpus, 64,000 sentences, nine in ten without a name; taken whole it would outweigh the
# news and encyclopaedia prose, so kept are every sentence naming a person or a place, every second one
# naming only organisations (most are courts and ministries), every fiftieth naming nothing.
LER_ORG_ONLY_EVERY = 2
LER_NO_NAME_EVERY = 50
# --uner: Universal NER's German PUD (1,000 translated news and Wikipedia sentences), each twice; with
# `no-org`, only the sentences in which UNER marks no organisation (its ORG guidelines are not GermEval's).
UNER_COPIES = 2
SHIPPED = ROOT / "pipeline" / "data" / "languages" / "de" / "ner_model"


def build_corpus(legal_corpus: bool = False, swapped_types: frozenset[str] = frozenset(),
                 universal: str | None = None) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span
    from spacy.util import filter_spans

    nlp = spacy.blank("de")
    train, tune = DocBin(), DocBin()
    germeval, records = split("train"), smartdata()
    legal = _legal_sentences() if legal_corpus else []
    pools = _name_pools(germeval + legal, records)
    rng = random.Random(42)

    def add(docbin, sentence):
        doc = Doc(nlp.vocab, words=sentence.tokens)
        doc.ents = [Span(doc, a, b, label=label) for a, b, label in sentence.spans]
        docbin.add(doc)

    for sentence in germeval:
        add(train, sentence)
        for _ in range(1, GERMEVAL_COPIES):
            add(train, _swapped(sentence, pools, rng, swapped_types) if swapped_types else sentence)
    for sentence in split("tune"):
        add(tune, sentence)
    kept = dropped = 0
    for record in records:
        doc = nlp.make_doc(record["text"])
        spans = [_trimmed(doc.char_span(a, b, label=label, alignment_mode="expand"))
                 for a, b, label in record["ents"]]
        spans = [s for s in spans if s is not None]
        doc.ents = filter_spans(spans)
        kept += len(doc.ents)
        dropped += len(spans) - len(doc.ents)
        train.add(doc)
    for sentence in legal:
        add(train, sentence)
    universal_sentences = uner(without_org=universal == "no-org") if universal else []
    for sentence in universal_sentences:
        for _ in range(UNER_COPIES):
            add(train, sentence)
    CORPUS.mkdir(exist_ok=True)
    train.to_disk(CORPUS / "train.spacy")
    tune.to_disk(CORPUS / "tune.spacy")
    print(f"train: {len(train)} docs (GermEval sentences {GERMEVAL_COPIES} times, names swapped: "
          f"{sorted(swapped_types) or 'none'}); tune: {len(tune)} GermEval sentences; "
          f"SmartData mentions kept {kept}, overlapping dropped {dropped}; LER sentences {len(legal)}; "
          f"UNER sentences {len(universal_sentences)} ({UNER_COPIES} times each)")


def _name_pools(sentences, records) -> dict[str, list[list[str]]]:
    """Every distinct name of each type in the training data, as its words."""
    names = {(label, tuple(s.tokens[a:b])) for s in sentences for a, b, label in s.spans}
    names |= {(label, tuple(r["text"][a:b].split())) for r in records for a, b, label in r["ents"]}
    pools: dict[str, list[list[str]]] = {}
    for label, words in sorted(names):
        if words and "\n" not in " ".join(words):
            pools.setdefault(label, []).append(list(words))
    return pools


def _swapped(sentence: Sentence, pools, rng: random.Random, types: frozenset[str]) -> Sentence:
    """The sentence with each of its names of `types` replaced by one of the same type from `pools`."""
    tokens, spans, last = [], [], 0
    for a, b, label in sorted(sentence.spans):
        tokens += sentence.tokens[last:a]
        name = rng.choice(pools[label]) if label in types else sentence.tokens[a:b]
        spans.append((len(tokens), len(tokens) + len(name), label))
        tokens += name
        last = b
    tokens += sentence.tokens[last:]
    return Sentence(sentence.source, tokens, spans)


def _legal_sentences():
    kept, org_only, no_name = [], 0, 0
    for sentence in ler():
        labels = {label for _, _, label in sentence.spans}
        if not labels:
            no_name += 1
            if no_name % LER_NO_NAME_EVERY:
                continue
        elif labels == {"ORG"}:
            org_only += 1
            if org_only % LER_ORG_ONLY_EVERY:
                continue
        kept.append(sentence)
    return kept


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


# One thread: the machine is shared, and the small CNN gains little from more.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PRETRAINED = CORPUS / "pretrain"


def pretrain() -> None:
    """Pretrain the tok2vec layer (spaCy's character objective: guess the first and last letters of a
    word from its context) on the raw text of the training corpora, all 64,000 LER sentences included.
    It gives the model a sense of German words and contexts that the few labelled sentences cannot.
    The GermEval tune and test sentences are not in this text."""
    legal = ler()
    texts = [s.text for s in split("train")] + [r["text"] for r in smartdata()] + [s.text for s in legal]
    CORPUS.mkdir(exist_ok=True)
    raw = CORPUS / "raw.jsonl"
    with raw.open("w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    print(f"raw text: {len(texts)} texts, {sum(len(t.split()) for t in texts)} words")
    if PRETRAINED.exists():
        shutil.rmtree(PRETRAINED)
    subprocess.run([sys.executable, "-m", "spacy", "pretrain", str(HERE / "config.cfg"), str(PRETRAINED),
                    "--paths.raw_text", str(raw)], check=True, env={**os.environ, **ONE_THREAD})


def train_model(rows: str | None = None, pretrained: bool = False) -> None:
    args = ["--paths.train", str(CORPUS / "train.spacy"), "--paths.dev", str(CORPUS / "tune.spacy")]
    if rows:  # e.g. "7500,1500,3000,3000": more hash rows for NORM, PREFIX, SUFFIX, SHAPE than config.cfg's
        args += ["--components.tok2vec.model.embed.rows", f"[{rows}]"]
    if pretrained:
        args += ["--paths.init_tok2vec", str(PRETRAINED / "model-last.bin")]
    subprocess.run([sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(OUTPUT), *args],
                   check=True, env={**os.environ, **ONE_THREAD})


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
    for path in (CORPUS / "train.spacy", CORPUS / "tune.spacy", CORPUS / "raw.jsonl", PRETRAINED / "model-last.bin"):
        text = text.replace(f'"{path}"', "null")
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
    parser.add_argument("step", choices=["corpus", "pretrain", "train", "package", "all"])
    tried = parser.add_argument_group("tried, not in the shipped model (README.md)")
    tried.add_argument("--ler", action="store_true", help="corpus: add the legal corpus")
    tried.add_argument("--uner", choices=["all", "no-org"],
                       help="corpus: add UNER German PUD (all, or the sentences naming no organisation)")
    tried.add_argument("--swap", choices=["person", "all"], help="corpus: swap names in GermEval's copies")
    tried.add_argument("--rows", help="train: hash rows, e.g. 7500,1500,3000,3000")
    tried.add_argument("--pretrained", action="store_true", help="train: start from the `pretrain` step's weights")
    args = parser.parse_args()
    step = args.step
    if step in ("corpus", "all"):
        swap = {"person": {"PERSON"}, "all": {"PERSON", "ORG", "LOC"}}.get(args.swap, set())
        build_corpus(args.ler, frozenset(swap), args.uner)
    if step == "pretrain" or (step == "all" and args.pretrained):
        pretrain()
    if step in ("train", "all"):
        train_model(args.rows, args.pretrained)
    if step in ("package", "all"):
        package()


if __name__ == "__main__":
    main()
