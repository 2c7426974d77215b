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


LER = DATA / "ler"
LER_COURTS = ("bag", "bfh", "bgh", "bpatg", "bsg", "bverfg", "bverwg")
# The Legal Entity Recognition corpus's fine-grained types and what they are here. Persons, judges and
# lawyers are people; organisations, companies, institutions and courts are organisations (GermEval
# calls "Bundesgerichtshof" an ORG too); countries, cities, streets and landscapes are places. Laws,
# ordinances, case references, regulations, contracts, literature and brands name no person or
# organisation, so they are outside any entity, as GermEval's OTH is here.
LER_LABELS = {"PER": "PERSON", "RR": "PERSON", "AN": "PERSON", "ORG": "ORG", "UN": "ORG", "INN": "ORG",
              "GRT": "ORG", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC"}


def ler() -> list[Sentence]:
    """The sentences of the Legal Entity Recognition corpus (court decisions), in our labels, without
    those that name an anonymised party.

    Decisions replace parties' names by initials or ellipses ("K. T.", "R … GmbH", "A-AG"). The corpus
    marks these as persons and companies; learnt as names they would teach the model that a lone
    capital letter is a person, and marked as outside they would teach it to miss people. So a
    sentence holding one is left out whole."""
    sentences = []
    for court in LER_COURTS:
        rows: list[list[str]] = []
        with gzip.open(LER / f"{court}.conll.gz", "rt", encoding="utf-8") as lines:
            for line in [*lines, "\n"]:
                if line.strip():
                    rows.append(line.rstrip("\n").rsplit(" ", 1))
                elif rows:
                    sentence = _ler_sentence(court, rows)
                    if sentence is not None:
                        sentences.append(sentence)
                    rows = []
    return sentences


def _ler_sentence(court: str, rows: list[list[str]]) -> Sentence | None:
    tokens = [row[0] for row in rows]
    spans, start, kind = [], None, None
    for i, (_, tag) in enumerate([*rows, ["", "O"]]):
        prefix, _, this = tag.partition("-")
        if start is not None and (prefix != "I" or this != kind):
            if kind in LER_LABELS:
                # Quotes and brackets around a name are inside some of the corpus's spans, never in GermEval's.
                while start < i and not any(c.isalnum() for c in tokens[start]):
                    start += 1
                end = i
                while end > start and not any(c.isalnum() for c in tokens[end - 1]):
                    end -= 1
                if end > start:
                    if _anonymised(tokens[start:end], LER_LABELS[kind]):
                        return None
                    spans.append((start, end, LER_LABELS[kind]))
            start = None
        if prefix == "B":
            start, kind = i, this
    return Sentence(f"ler:{court}", tokens, spans)


def _anonymised(words: list[str], label: str) -> bool:
    """A name stood in for by initials, ellipses or letter codes ("K.", "R … GmbH", "A-AG", "B1",
    "Amtsgericht P.")."""
    if any("…" in w or "..." in w for w in words):
        return True
    if label != "PERSON" and len(words) > 1 and len(words[-1].rstrip(".")) == 1:
        return True  # a court or school of an anonymised town; a person's name may end in an initial
    if any(len(w.rstrip(".-")) == 1 and w[0].isupper() for w in words if len(words) > 1 and w not in ("&",)):
        # A lone initial inside a longer name is fine when a word of the name is spelt out
        # ("Pollack , G. H."), not when it is the company's whole name ("Z GmbH", "C- B. V.").
        spelt = [w for w in words if sum(c.isalpha() for c in w) >= 3 and not w.endswith(".")]
        if not spelt or all(w in LEGAL_FORMS for w in spelt):
            return True
    if len(words) == 1 and sum(c.isalpha() for c in words[0]) < 3:
        return True
    first = words[0]
    return len(first) >= 2 and first[0].isupper() and (first[1] == "-" or first[1:].isdigit())


LEGAL_FORMS = {"GmbH", "AG", "KG", "mbH", "Inc.", "Ltd", "SARL", "OHG", "GbR", "Co.", "S.A.", "e.V.", "eG"}


UNER = DATA / "uner" / "de_pud-ud-test.iob2.gz"
# Universal NER's German PUD tags as ORG what GermEval leaves outside any name: a government, the
# police, a state ("Regierung", "Polizei", "Staat") and spans led by an adjective ("britischen
# Botschaft", "republikanischen Partei"; GermEval marks such an adjective LOCderiv and no organisation).
UNER_NOT_ORG = {"Regierung", "Polizei", "Staat", "Senat", "Senats", "Verkehrspolizei", "Demokraten",
                "Republikaner", "Redneragentur"}


def uner(without_org: bool = False) -> list[Sentence]:
    """The 1,000 sentences of Universal NER's German PUD (news and Wikipedia, translated), in our labels.

    ORG spans of a lone common noun (UNER_NOT_ORG) or led by a lower-case word are outside any entity,
    and an ORG span whose text is tagged LOC elsewhere in the corpus ("USA", "Russland", "Peking":
    UNER marks a country acting as its government ORG, GermEval LOC) becomes LOC. `without_org`: only the
    sentences in which UNER marks no organisation at all."""
    if not UNER.exists():
        raise FileNotFoundError(f"{UNER} is not stored here: README.md in this folder says where it is from")
    sentences, rows = [], []
    with gzip.open(UNER, "rt", encoding="utf-8") as lines:
        for line in [*lines, "\n"]:
            if line.startswith("#"):
                continue
            if line.strip():
                rows.append(line.rstrip("\n").split("\t"))
            elif rows:
                sentences.append(_sentence("uner:de_pud", rows))  # the same columns as GermEval's
                rows = []
    if without_org:
        sentences = [s for s in sentences if all(label != "ORG" for _, _, label in s.spans)]
    places = {" ".join(s.tokens[a:b]) for s in sentences for a, b, label in s.spans if label == "LOC"}
    for s in sentences:
        spans = []
        for a, b, label in s.spans:
            words = s.tokens[a:b]
            if label == "ORG" and (not words[0][:1].isupper() or " ".join(words) in UNER_NOT_ORG):
                continue
            if label == "ORG" and " ".join(words) in places:
                label = "LOC"
            spans.append((a, b, label))
        s.spans = spans
    return sentences
