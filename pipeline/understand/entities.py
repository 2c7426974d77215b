"""Entities: the people and organisations in an article.

Which spaCy pipeline a language uses is data (`ner:` in its language.yaml,
pipeline/languages.py). English and German text go through a statistical model
(English: the small spaCy model; German: the one trained in training/german_ner)
with the curated gazetteer as an EntityRuler placed *before* NER, so a listed
actor always wins over the model's guess. German adds the language's rule
patterns to that ruler (loaded by pipeline/understand/entity_rules.py): a known
given name followed by a capitalised surname is a PERSON; a name with a legal
form (GmbH, e.V.), an institution head word (Landgericht), a kind word in front
("der Zulieferer ..."), a capitalised adjective before an organisation noun
("Deutsche Bahn") or an acronym after an article ("der KfW") is an ORG.
A language without a model (`ner: blank:`) runs the ruler alone.

Every surface form is then normalised to one canonical actor: aliases map to
the gazetteer's name, possessives are dropped, and a lone surname after the
full name in the same article is that person.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import lru_cache

from pipeline.curated import is_label_only, load_gazetteer
from pipeline.languages import Language, all_languages, language, languages_dir, union
from pipeline.records import EntityMention
from pipeline.understand.entity_labels import (
    Span,
    contradicted,
    expand,
    full_names,
    is_chamber,
    is_honorific,
    org_words,
    vote_labels,
)
from pipeline.understand.entity_rules import (
    CUE_IDS,
    abbreviates,
    adjective_inflection,
    base_form,
    determiners,
    load_rules,
    pattern_values,
    read_lines,
)

LABELS = {"PERSON", "ORG", "WORK"}  # WORK: a character or a title of a work (Darth Vader, Star Wars)
POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
JUNK = re.compile(r"^[\d\W_]+$")


def model_name(name: str | None = None, lang: Language | None = None) -> str:
    """The statistical spaCy model of a language (by default the fallback language, English).

    $TRACKER_SPACY_MODEL_<CODE> (TRACKER_SPACY_MODEL_DE) names another model for that language. For the
    fallback language the argument and $TRACKER_SPACY_MODEL do too: they were the only setting when English
    was the only language with a model, and a German model must not be replaced by an English one.
    Else the language's own `ner: model:`: a folder relative to the language folder (the German model
    trained in training/german_ner ships there), or the name of an installed model package.
    """
    lang = lang or language(None)
    override = os.environ.get(f"TRACKER_SPACY_MODEL_{lang.code.upper()}")
    if not override and lang is language(None):
        override = name or os.environ.get("TRACKER_SPACY_MODEL")
    own = lang.ner.get("model") or ""
    if override or not own:
        return override or ""
    return str(lang.path(own)) if lang.path(own).exists() else own


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
    return frozenset(s.lower() for s in read_lines("entity_stoplist.txt"))


def _gazetteer_patterns(lang: Language) -> list[dict]:
    """The gazetteer's names, and the alias fields the language's `ner: gazetteer_aliases:` lists."""
    patterns = []
    for entry in load_gazetteer():
        forms = [entry["name"]]
        for key in lang.ner.get("gazetteer_aliases") or ["aliases"]:
            forms += entry.get(key, [])
        for form in dict.fromkeys(forms):
            if not is_label_only(form):
                patterns.append({"label": entry["type"], "pattern": form, "id": entry["name"]})
    return patterns


def load_pipeline(lang: Language, model: str | None = None):
    """The spaCy pipeline of a language, as its language.yaml's `ner:` says.

    `model: <name>`: a statistical model (model_name() says which settings can name another)
    with the gazetteer ruler, and the rule patterns if any, before its NER. `blank: <code>`: spaCy's blank pipeline for
    that code with the gazetteer and the rule patterns.
    """
    if lang.ner.get("blank"):
        return _load_blank(lang)
    return _load_statistical(lang, model_name(model, lang))


@lru_cache(maxsize=4)
def _load_statistical(lang: Language, name: str):
    """spaCy model with only what NER needs, and the gazetteer ruler before NER."""
    from pipeline.understand.model_files import load_spacy

    nlp = load_spacy(name, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    rules = load_rules(lang)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "TEXT"})
    ruler.add_patterns(_gazetteer_patterns(lang) + rules)
    if rules:
        # Rule patterns look at sentence starts ("Beim Verlag ..." is no name); the model needs none.
        nlp.add_pipe("sentencizer", first=True)
    return nlp


@lru_cache(maxsize=4)
def _load_blank(lang: Language):
    import spacy

    nlp = spacy.blank(lang.ner["blank"])
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "TEXT", "overwrite_ents": True})
    # Gazetteer first in the list: at equal length the ruler keeps the earlier, curated pattern.
    ruler.add_patterns(_gazetteer_patterns(lang) + load_rules(lang))
    return nlp


def load_all(model: str | None = None) -> None:
    """Load every language's pipeline (a NER worker does this once, before its first batch)."""
    for lang in all_languages():
        load_pipeline(lang, model)


LAW = re.compile(r"(?:\bAct\b|\bBill\b|Gesetz\w*|Verordnung|Richtlinie)\W*$|\([^)]*$")


def titles() -> frozenset[str]:
    """Every language's person titles ("Judge", "Richterin")."""
    return _titles(languages_dir())


@lru_cache(maxsize=4)
def _titles(directory) -> frozenset[str]:
    return frozenset(union("person_titles"))


def _lookup(surface: str, lang: Language) -> dict | None:
    index = alias_index()
    entry = index.get(surface.lower())
    if entry is None and lang.switch("genitive_s") and surface.endswith("s"):
        entry = index.get(surface[:-1].lower())  # a genitive written without apostrophe: "OpenAIs"
    return entry


def _trim(surface: str, label: str, lang: Language) -> str:
    """Drop what NER glued to a name: determiners, lower-case words at either end, titles, demonyms."""
    words = surface.split()
    keep_lower = {w.lower() for w in org_words()}
    for i in range(len(words) - 1, 0, -1) if lang.switch("split_at_determiner") else ():
        if words[i] in determiners() and words[i - 1][:1].isupper() and i + 1 < len(words):
            words = words[i + 1:]  # "Rathbun the Scientology": two names the model ran together
            break
    while len(words) > 1 and (words[0].lower() in determiners() or words[0][:1].islower()):
        words = words[1:]
    while len(words) > 1 and words[-1][:1].islower() and words[-1].lower() not in keep_lower \
            and "." not in words[-1]:
        words = words[:-1]
    if label == "PERSON":
        # "Ms Pugh", "Judge William Alsup": a title is never part of the name, however short it leaves it.
        while len(words) > 1 and (words[0] in titles() or is_honorific(words[0])):
            words = words[1:]
    elif lang.switch("kind_nouns") and len(words) > 1 \
            and re.match(pattern_values(lang)["@kind_nouns"], words[0].lower()) and words[1][:1].isupper():
        words = words[1:]  # "Privatbank Hallstein & Co.": the kind of organisation, then its name
    elif (demonym := lang.entities.get("demonym")) and len(words) > 2 and re.match(demonym, words[0]) \
            and words[0] not in org_words() and words[0] not in lang.entities.get("not_demonyms", []):
        # "Hamburger Hörwerk Verlag": a city adjective in front is the place, not part of the name;
        # "Herstellers Heimtechnik Lorenz GmbH": nor is a genitive noun glued on by the suffix rule.
        words = words[1:]
    return " ".join(words)


def _clean_surface(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t\n\"'“”„‚‘’()[],;:")
    if text.endswith(".") and not re.search(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Bros)\.$", text):
        text = text[:-1]
    return POSSESSIVE.sub("", text).strip()


def _is_junk(surface: str, label: str) -> bool:
    low = surface.lower()
    if len(surface) < 2 or JUNK.match(surface) or low in stoplist():
        return True
    if label == "ORG" and LAW.search(surface):
        return True  # laws are not actors
    if " " not in surface and (surface in org_words() or surface.rstrip(".") in titles()):
        return True  # "Verband", "Studios", "Magistrate": a generic noun or a title, not a name
    return False


def _section_label(surface: str, text: str) -> bool:
    """"EXCLUSIVE:", "UPDATE —": an ALL-CAPS word that labels a section, not an acronym ("NATO")."""
    return surface.isupper() and len(surface) > 3 and surface.lower() not in alias_index() and bool(
        not text or re.search(rf"(?:^|\n)\s*{re.escape(surface)}\s*(?:[:|—–-]|\n|$)", text))


@lru_cache(maxsize=8)
def _not_name_patterns(lang: Language) -> dict[str, list[re.Pattern]]:
    return {label: [re.compile(p) for p in patterns]
            for label, patterns in (lang.entities.get("not_names") or {}).items()}


def _not_a_name(surface: str, label: str, lang: Language) -> bool:
    """Shapes the language's `entities: not_names:` says are never a name of that type ("KI-Anbieter")."""
    return any(p.search(surface) for p in _not_name_patterns(lang).get(label, []))



def _clean_spans(spans, lang: Language, text: str = "") -> list[Span]:
    out = []
    for surface, label, ent_id in spans:
        if label not in LABELS:
            continue
        if ent_id in CUE_IDS:
            surface, ent_id = surface.split(" ", 1)[1], None  # the cue or kind word is no part of the name
        entry = alias_index().get(ent_id.lower()) if ent_id else None
        surface = _clean_surface(surface)
        if surface.split(" ", 1)[0] in _honorific_forms() and label == "ORG":
            label = "PERSON"  # "Mr Key", "Frau Berger": an honorific says person, whatever the model said
        entry = entry or _lookup(surface, lang)
        if entry is None:
            surface = _trim(surface, label, lang)
            if lang.switch("inflected_adjectives") and label == "ORG":
                surface = base_form(surface, lang)
            entry = _lookup(surface, lang)
        if entry:
            label = entry["type"]
        elif _is_junk(surface, label) or _section_label(surface, text) or _not_a_name(surface, label, lang):
            continue
        elif label == "PERSON" and is_chamber(surface):
            label = "ORG"  # "the Senate", "House": a chamber of parliament is never a person
        out.append(Span(surface, label, entry))
    return out


def _honorific_forms() -> frozenset[str]:
    return _honorific_forms_in(languages_dir())


@lru_cache(maxsize=4)
def _honorific_forms_in(directory) -> frozenset[str]:
    # Once per languages folder: it was made again for every name (16,000 times for 200 articles).
    return frozenset({w for w in titles() if is_honorific(w)} | {w for w in titles() if is_honorific(w.rstrip("."))})


def _inflection_key(name: str) -> str:
    """"Deutsche Kulturrat" and "Deutscher Kulturrat" are one name in two inflections."""
    return " ".join((inflected or (w,))[0] for w, inflected in ((w, adjective_inflection(w)) for w in name.split()))


def _base_form_rank(name: str) -> int:
    # The form without an article is the base form: "Deutscher Kulturrat", "Deutsches Museum",
    # "Deutsche Bahn"; the "-en" form only ever follows one ("der Deutschen Bahn"). How sure
    # each ending is, is the language's data (`adjective_endings`).
    return sum(inflected[1] for w in name.split() if (inflected := adjective_inflection(w)))


def _fold_orgs(spans: list[Span]) -> dict[str, str]:
    """Other forms of a longer ORG of the same article fold into it.

    A short form that begins or ends it ("Times" -> "The New York Times"), its acronym
    ("DWD" -> "Deutscher Wetterdienst"), and another inflection of its adjective
    ("Deutsche Kulturrat" -> "Deutscher Kulturrat").
    """
    names = sorted({s.name for s in spans if s.label == "ORG"}, key=lambda n: -len(n.split()))
    unknown = {s.name for s in spans if s.label == "ORG" and s.entry is None}
    fold = {}
    by_key = defaultdict(list)
    for name in names:
        by_key[_inflection_key(name)].append(name)
    for forms in by_key.values():
        best = max(forms, key=_base_form_rank)
        fold.update({form: best for form in forms if form != best and form in unknown})
    for short in unknown:
        if " " not in short and short not in fold and sum(c.isupper() for c in short) >= 2:
            longer = [n for n in names if " " in n and abbreviates(short, n)]
            if len(longer) == 1:
                fold[short] = fold.get(longer[0], longer[0])
    for short in names:
        words = short.split()
        if short in fold:
            continue
        for long in names:
            long_words = long.split()
            # "Warner" is Warner Music Group, "Writers Guild" the Writers Guild of America; but the
            # "University of Texas Arlington Muslim Student Association" is not the University of Texas
            # Arlington: a name of several words begins a longer one only before "of" or an org word.
            rest = long_words[len(words):]
            if len(long_words) > len(words) and (long_words[-len(words):] == words or long_words[:len(words)] == words
                                                 and (len(words) == 1 or rest[0] in {"of", "for"}
                                                      or all(w.rstrip(".") in org_words() for w in rest))):
                fold[short] = fold.get(long, long)
                break
    return fold


def normalize_entities(spans: list[tuple[str, str, str | None]], lang: Language | None = None, text: str = ""
                       ) -> list[EntityMention]:
    """(surface, label, gazetteer id) spans of one article -> one EntityMention per actor.

    `lang` is the article's language (by default the fallback language), whose
    `entities:` switches apply. `text` is the article, used to tell a person from
    an organisation by how its name recurs; without it the labels are the model's.
    """
    lang = lang or language(None)
    cleaned = _clean_spans(spans, lang, text)
    vote_labels(cleaned, text, lang)
    people = full_names(cleaned)
    org_fold = _fold_orgs(cleaned)
    found: dict[tuple[str, str], EntityMention] = {}
    for span in cleaned:
        name, label, entry = span.name, span.label, span.entry
        full = None if entry and label in {"ORG", "WORK"} else expand(name, people, text, label) \
            if entry is None or " " not in name else None
        if full is not None:
            name, label, entry = full.name, "PERSON", full.entry  # a short form, whatever NER called it
        elif label == "PERSON" and " " not in name and entry is None and contradicted(name, text, cleaned):
            continue  # a common noun at a sentence start, or a fragment of a longer name
        elif label == "ORG" and name in org_fold:
            name = org_fold[name]
            entry = _lookup(name, lang) or entry
        _add(found, name, label, span.surface, entry)
    return sorted(found.values(), key=lambda m: (-m.mentions, m.name))


def _add(found, name, label, surface, entry):
    key = (name, label)
    if key not in found:
        found[key] = EntityMention(name=name, type=label, mentions=0, wikidata=(entry or {}).get("wikidata"))
    mention = found[key]
    mention.mentions += 1
    if surface not in mention.surface_forms:
        mention.surface_forms.append(surface)


def _full_text(doc, ent) -> str:
    """The entity's text, with a hyphenated tail the English tokenizer split off ("Brandauer-Quinn")."""
    end = ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_title:
        end += 2
    return doc[ent.start:end].text


def _inside_caps_name(doc, ent) -> bool:
    """"dem NO FAKES Act": an acronym found by its cue is only the start of a longer capitalised name."""
    return ent.ent_id_ == "rule:cue" and ent.end < len(doc) and doc[ent.end].is_upper and len(doc[ent.end]) > 1


def _headline_case_end(text: str) -> int:
    """Where a Title Case headline on the first line ends, or 0.

    "Disney and Universal Take Midjourney to Court": in a headline every word
    is capitalised, so the statistical model cannot tell names from verbs and
    finds "Universal Take". Its guesses there are dropped; curated (gazetteer)
    names still count, and real names recur in the body anyway.
    """
    first, sep, _ = text.partition("\n\n")
    words = [w for w in first.split() if len(w) > 3 and w[0].isalpha()]
    if not sep or len(words) < 3:
        return 0
    capitalised = sum(w[0].isupper() for w in words)
    return len(first) if capitalised / len(words) >= 0.6 else 0


def _model_guess_in_headline(ent, headline_end: int) -> bool:
    # The model may take the blank line after the headline into the entity ("Licensed AI Music\n\n").
    return bool(headline_end) and ent.start_char + len(ent.text.rstrip()) <= headline_end and not ent.ent_id_


def _model_guess_across_lines(ent) -> bool:
    """"Training Claude", "Settle Authors": the model joined the end of one line (the headline,
    a caption) to the start of the next. A name never spans a line break; curated ones never do."""
    return not ent.ent_id_ and "\n" in ent.text.strip()


# Documents that go through the model at once. spaCy holds a whole batch's intermediate arrays:
# with 32 news articles of ~700 words the English pipeline's peak memory is 628 MB, with 8 it is
# 270 MB, at the same speed within noise (bench notes in docs/performance.md).
NER_BATCH = 8


def tag_entities(items: list[tuple[str, str | None]], model: str | None = None, batch_size: int = NER_BATCH
                 ) -> list[list[EntityMention]]:
    """Tag a batch of (text, language) pairs; returns one list of entities per item, in order.

    Texts are grouped by language and run through nlp.pipe, so the model runs
    in batches rather than once per article. A language without a folder is
    tagged as the fallback language (pipeline/languages.py).
    """
    results: list[list[EntityMention]] = [[] for _ in items]
    groups: dict[Language, list[int]] = defaultdict(list)
    for i, (_text, code) in enumerate(items):
        groups[language(code)].append(i)
    for lang, indexes in groups.items():
        nlp = load_pipeline(lang, model)
        texts = (items[i][0] for i in indexes)
        for i, doc in zip(indexes, nlp.pipe(texts, batch_size=batch_size), strict=True):
            headline_end = _headline_case_end(doc.text) if lang.switch("headline_case") else 0
            spans = [(_full_text(doc, ent), ent.label_, ent.ent_id_ or None) for ent in doc.ents
                     if not _inside_caps_name(doc, ent) and not _model_guess_in_headline(ent, headline_end)
                     and not _model_guess_across_lines(ent)]
            results[i] = normalize_entities(spans, lang, text=doc.text)
    return results
