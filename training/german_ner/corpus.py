"""Read the stored German NER corpora (README.md in this folder says where each comes from).

GermEval 2014 files have one token a line: number, token, outer label, nested label; a line
"#\\t<source>" starts each sentence. Only the outer labels are read, and only the whole-name
types: PER becomes PERSON (the project's label), ORG and LOC stay. OTH (titles, events,
products, languages) and the *part / *deriv labels ("SPD-Fraktion", "deutsche") name no one,
so those tokens are outside any entity.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
GERMEVAL = DATA / "germeval2014"
SMARTDATA = DATA / "smartdata" / "smartdata_v1.jsonl.gz"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
# Every fifth sentence of the GermEval development split is held out of training: it picks the best
# model, stops training, and is what German rules are measured on. The test split is never used for either.
TUNE_EVERY = 5


@dataclass
class Sentence:
    """A GermEval sentence: its tokens and its entities as (first token, end token, label)."""

    source: str
    tokens: list[str]
    spans: list[tuple[int, int, str]]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def char_spans(self) -> list[tuple[int, int, str]]:
        """The entities as character offsets into `text`."""
        starts, offset = [], 0
        for token in self.tokens:
            starts.append(offset)
            offset += len(token) + 1
        return [(starts[a], starts[b - 1] + len(self.tokens[b - 1]), label) for a, b, label in self.spans]


def germeval(split: str) -> list[Sentence]:
    """The sentences of a GermEval 2014 split ("dev" or "test"), outer labels only."""
    sentences, source, rows = [], "", []

    def flush():
        if rows:
            sentences.append(_sentence(source, rows))
            rows.clear()

    with gzip.open(GERMEVAL / f"NER-de-{split}.tsv.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#\t"):
                flush()
                source = line.split("\t")[1]
            elif not line.strip():
                flush()
            else:
                rows.append(line.split("\t"))
    flush()
    return sentences


def _sentence(source: str, rows: list[list[str]]) -> Sentence:
    tokens, spans, start, label = [], [], None, None
    for i, row in enumerate(rows):
        tokens.append(row[1])
        prefix, _, kind = row[2].partition("-")
        if start is not None and (prefix != "I" or LABELS.get(kind) != label):
            spans.append((start, i, label))
            start = None
        if prefix == "B" and kind in LABELS:
            start, label = i, LABELS[kind]
    if start is not None:
        spans.append((start, len(rows), label))
    return Sentence(source, tokens, spans)


def split(name: str) -> list[Sentence]:
    """GermEval sentences by their use here: "train" and "tune" (the development split divided as
    above) or "test" (the untouched test split)."""
    if name == "test":
        return germeval("test")
    dev = list(enumerate(germeval("dev")))
    held_out = name == "tune"
    return [s for i, s in dev if (i % TUNE_EVERY == 0) == held_out]


def smartdata() -> list[dict]:
    """SmartData v1 documents: {"id", "source", "text", "ents": [[start, end, label], ...]}."""
    with gzip.open(SMARTDATA, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]
