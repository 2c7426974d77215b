"""Bills the news describes rather than names (issue 18): "Denmark's deepfake bill", "den Gesetzentwurf des
Bundesrats zum strafrechtlichen Schutz vor Deepfakes", "the Copyright Office's report on generative AI training".

A description links a bill when one sentence has, within ten words of each other,
  * a place or issuer of the bill's jurisdiction ("Denmark's", "EU", "Bundesrat", "Copyright Office");
  * a singular word for the kind of instrument that one of the bill's own names ends in ("bill", "Gesetzentwurf",
    "report", "Verhaltenskodex"): "Digital Markets Act" is no directive, so not the DSM Directive, and a kind word
    right after a capitalised word that is not the bill's is another law's name ("Data Protection Act");
  * a word of the bill's names, compared by Snowball stem in every language ("Deepfakes", "deepfake";
    "strafrechtlichen", "strafrechtlich"), not a generic one ("copyright", "Schutz") nor an acronym.
An ordinal counts as a word of a series' part ("the second part of its AI report" is "Part 2"). Exactly one bill
of the jurisdiction may fit, or one by more words than the others; two that fit equally ("a federal deepfake
bill": the COPIED and TAKE IT DOWN Acts) link neither. Each word goes with the nearest place in its clause, so "Unlike Denmark's deepfake
bill, Germany's ..." gives the deepfake bill to Denmark only.

All the words (places, issuers, kinds, generic words that say nothing of a bill's subject) are each language's
`linking:` data. The names linking.py finds are placed by bill_names.py.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import Stemmer

from pipeline.curated import load_bills
from pipeline.languages import all_languages, languages_dir
from pipeline.understand import clauses
from pipeline.understand.linking_words import caption_words

WINDOW = 20  # words on either side of the place word
# Ends the places a sentence takes from the one before or from the article (placed_before): they are the whole
# sentence's, so the window does not apply to them ("European: The Budapest court asked whether ... and whether
# training falls under the text and data mining exception of the 2019 copyright directive").
IMPLIED = ":\u2060 "
MIN_STEM = 5  # a shorter stem is too loose ("likeness" -> "like"): the word itself is compared instead
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[,;:()–—]")


@dataclass(eq=False)  # hashed by identity: the word caches below key on it
class BillWords:
    place: dict[str, re.Pattern]  # jurisdiction -> its places and issuers, as the news writes them
    any_place: re.Pattern  # every jurisdiction's, and the other places': one search per sentence
    kinds: list[tuple[str, re.Pattern]]  # kind -> the words for it ("law": bill, act, Gesetz...)
    any_kind: re.Pattern  # all of them, to pass over a sentence without any at once
    generic: frozenset[str]  # keys of words that say nothing of a bill's subject
    stemmers: tuple
    subject_acronyms: frozenset[str] = frozenset()  # "AI", "KI": a subject, though an acronym
    part_ordinals: dict[str, str] = field(default_factory=dict)  # "second" -> "#part2": a report's part
    # Issuers named by a common noun ("the Commission"): one only when no capitalised word stands right before
    # it, which would make it another body ("Federal Trade Commission", "Law Commission").
    bare: frozenset[str] = frozenset()
    verbs: re.Pattern = re.compile("(?!)")  # kind words that are verbs: what stands before them names nothing
    # Words that end a name's head ("on", "under", "für"): a kind word after them names another instrument.
    head_ends: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()  # lower-cased: "an August 2023 notice" is no "August Notice"
    spelled_out: frozenset[str] = frozenset()  # keys of what the subject acronyms stand for, in every language
    # Words for a member right after a place ("EU-Land", "EU countries"): the place is then no issuer.
    members: re.Pattern = re.compile("(?!)")
    # A word of one language -> the word of a name in another it stands for ("Urheberrecht" -> "copyright"), so
    # "ihr Bericht zu Urheberrecht und KI" fits the UK's "Copyright and AI" report, named in English only.
    translations: dict[str, str] = field(default_factory=dict)
    in_force: re.Pattern = re.compile("(?!)")  # "took effect", "in Kraft": a law in force is meant
    # "adding claims under the Illinois publicity statute": the body of law a suit relies on, not a bill.
    claims: re.Pattern = re.compile("(?!)")
    infinitive: frozenset[str] = frozenset()  # "to": a kind word after it is a verb ("to report the works")
    part_numbers: list = field(default_factory=list)  # (regex of "Part 2", "Part", number -> ordinal word)
    sole_kinds: frozenset[str] = frozenset()  # kinds a place has one bill of, which then say the bill alone
    chambers: dict[str, str] = field(default_factory=dict)  # "Senate" -> "senate": a chamber as a place
    not_kind_before: frozenset[str] = frozenset()  # "firm": "law firm" is no law
    issuer_joins: frozenset[str] = frozenset()  # "of", "der": a kind word's issuer or the rest of its name follows


@lru_cache(maxsize=4)
def _bill_words(directory: Path) -> BillWords:
    langs = [lang.linking for lang in all_languages()]
    stemmers = tuple(Stemmer.Stemmer(lang.stemmer) for lang in all_languages() if lang.stemmer)
    words = caption_words()
    names: dict[str, set[str]] = {j: set(p) for j, p in words.places.items()}
    bare: set[str] = set()
    for data in langs:
        for jurisdiction, issuers in (data.get("issuers") or {}).items():
            names.setdefault(jurisdiction, set()).update(map(str, issuers))
        for jurisdiction, issuers in (data.get("bare_issuers") or {}).items():
            names.setdefault(jurisdiction, set()).update(map(str, issuers))
            bare.update(map(str, issuers))
    place = {j: _words_regex(p) for j, p in names.items()}
    every = set().union(*names.values(), words.all_places)
    kinds: dict[str, list[str]] = {}
    verbs: list[str] = []
    for data in langs:
        for kind, regexes in (data.get("bill_kinds") or {}).items():
            kinds.setdefault(str(kind), []).extend(map(str, regexes))
        # Verbs that say a law is being made or changed ("will amend", "ändern"): a kind word of no name.
        for kind, regexes in (data.get("bill_kind_verbs") or {}).items():
            kinds.setdefault(str(kind), []).extend(map(str, regexes))
            verbs.extend(map(str, regexes))
    generic_words = {str(w) for data in langs for w in data.get("bill_generic") or []}
    generic_words |= {w for p in every for w in _WORD.findall(p)}
    every_kind = "|".join(r for v in kinds.values() for r in v) or "(?!)"
    out = BillWords(place, _words_regex(every), [(k, re.compile("|".join(v))) for k, v in kinds.items()],
                    re.compile(rf"(?<![^\W\d_])(?:{every_kind})(?![^\W\d_])"), frozenset(), stemmers)
    out.translations = {str(k).lower(): str(v) for data in langs
                        for k, v in (data.get("bill_word_translations") or {}).items()}
    in_force = sorted({str(w) for data in langs for w in data.get("in_force_words") or []}, key=len, reverse=True)
    out.in_force = re.compile(r"(?<!\w)(?:" + ("|".join(map(re.escape, in_force)) or "(?!)") + r")(?!\w)")
    claims = sorted({str(w) for data in langs for w in data.get("claims_under") or []}, key=len, reverse=True)
    out.claims = re.compile(r"(?<!\w)(?:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in claims)
                                           or "(?!)") + r")(?!\w)")
    out.infinitive = frozenset(str(w) for data in langs for w in data.get("bill_kind_infinitive") or [])
    out.sole_kinds = frozenset(str(w) for data in langs for w in data.get("bill_sole_kinds") or [])
    out.chambers = {str(w): str(c) for data in langs for c, ws in (data.get("chamber_places") or {}).items() for w in ws}
    out.not_kind_before = frozenset(str(w) for data in langs for w in data.get("bill_kind_compounds") or [])
    out.issuer_joins = frozenset(str(w) for data in langs for w in data.get("bill_issuer_joins") or [])
    out.generic = frozenset(k for w in generic_words for k in _keys(w, out))
    out.bare = frozenset(bare)
    out.verbs = re.compile("|".join(verbs) or "(?!)")
    out.spelled_out = frozenset(k for data in langs for w in data.get("bill_subject_acronym_words") or []
                                for k in _keys(str(w), out))
    out.months = frozenset(str(m).lower() for lang in all_languages() for m in lang.months)
    out.head_ends = frozenset(str(w) for data in langs for w in data.get("bill_head_ends") or [])
    members = sorted({str(w) for data in langs for w in data.get("place_members") or []}, key=len, reverse=True)
    out.members = re.compile(r"(?:'s|’s)?[\s-]+(?:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                              for w in members) or "(?!)") + r")(?!\w)")
    out.subject_acronyms = frozenset(str(w) for data in langs for w in data.get("bill_subject_acronyms") or [])
    out.part_ordinals = {str(w).lower(): f"#part{n}" for data in langs
                         for n, ws in (data.get("part_ordinals") or {}).items() for w in ws}
    # "Part 2 on copyrightability", "Teil 3": the number as the language's first ordinal word ("Part second").
    out.part_numbers = [(re.compile(rf"(?<!\w){re.escape(str(w))}\s+({'|'.join(map(str, ordinals))})(?!\w)"),
                         str(w), {str(n): str(ws[0]) for n, ws in ordinals.items()})
                        for data in langs if (ordinals := data.get("part_ordinals") or {})
                        for w in data.get("part_number_words") or []]
    return out


def bill_words() -> BillWords:
    return _bill_words(languages_dir())


def _words_regex(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    # "Denmark's", "Bundesrats", "des Bundesrates": the place with its possessive or genitive.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:'s|’s|es|s)?(?!\w)")


@lru_cache(maxsize=8192)
def _keys(word: str, words: BillWords) -> frozenset[str]:
    """The word's stems in every language, each long enough to say something, else the word itself."""
    lowered = word.lower()
    # A short stem says too little, so the word itself is the key, without a plural "s" ("voices", "voice").
    plain = lowered[:-1] if lowered.endswith("s") and len(lowered) > 4 else lowered
    keys = frozenset(s if len(s) >= MIN_STEM else plain for s in (st.stemWord(lowered) for st in words.stemmers))
    other = words.translations.get(lowered)
    return keys | _keys(other, words) if other else keys


@lru_cache(maxsize=8192)
def _kind(word: str, words: BillWords) -> str | None:
    return next((kind for kind, regex in words.kinds if regex.fullmatch(word)), None)


@dataclass
class Described:
    slug: str
    jurisdiction: str
    kinds: frozenset[str]
    keys: frozenset[str]  # keys of the words of its names, less places, kinds and generic words
    all_keys: frozenset[str]  # keys of all the words of its names
    # A name of generic words and acronyms alone ("Copyright and AI consultation"): the keys of all its words less
    # places, kinds and short lower-case words; all of them, in any order, fit ("Britain's consultation on
    # copyright and AI").
    wholes: tuple[frozenset[str], ...] = ()
    chamber: str = ""  # "senate", "house", "both": "the Senate bill" is none of the House's


@lru_cache(maxsize=4)
def _described(bills: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, list[Described]]:
    words = bill_words()
    out: dict[str, list[Described]] = {}
    for slug, jurisdiction, names, chamber in bills:
        kinds, keys, all_keys, wholes = set(), set(), set(), []
        for name in names:
            tokens = _WORD.findall(name)
            plain = [t for t in tokens if not _kind(t, words) and not words.any_place.fullmatch(t)
                     and not (len(t) <= 3 and t.islower())]
            if len(plain) >= 2 and not any(len(t) >= 4 and not t.isupper() and _keys(t, words) - words.generic
                                           for t in plain):
                wholes.append(frozenset(k for t in plain for k in _keys(t, words)))
            for n, token in enumerate(tokens):
                all_keys |= _keys(token, words) | (words.spelled_out if token in words.subject_acronyms else set())
                if not _kind(token, words) and len(token) >= 4 and not token.isupper():  # acronyms are names
                    keys |= _keys(token, words) - words.generic
                # ... but for a few that say a subject right before the kind word: "AI Act", "KI-Verordnung".
                if token in words.subject_acronyms and n + 1 < len(tokens) and (kind := _kind(tokens[n + 1], words)):
                    keys.add(f"#subject-{kind}")
            # "Part 2: Copyrightability": "the second part of its AI report" says which report of a series.
            keys.update(f"#part{n}" for n in re.findall(r"\bPart (\d+)\b", name))
            # A compound of short words says a subject its parts cannot: "opt-out consultation".
            keys.update(_compounds(name))
            # A title's brackets name other instruments: "Digital Omnibus on AI (... the AI Act)" is no act.
            while re.search(r"\([^()]*\)", name):
                name = re.sub(r"\([^()]*\)", " ", name)
            named = _WORD.findall(name)
            head = named[:next((i for i, t in enumerate(named) if t in words.head_ends), len(named))]
            named_kinds = [kind for token in head if (kind := _kind(token, words))] or [
                kind for token in named if (kind := _kind(token, words))]
            # The last kind word of a name's head is its kind; those before it name what it belongs to: "AI Act
            # Code of Practice" is a code, "AI Act training-data summary template" a template; those after it
            # other instruments ("Consultation on protocols ... under the AI Act and the GPAI Code of Practice").
            kinds.update(named_kinds[-1:])
        out.setdefault(jurisdiction, []).append(Described(slug, jurisdiction, frozenset(kinds), frozenset(keys),
                                                            frozenset(all_keys), tuple(wholes), chamber))
    return out


def described_bills(bills: list[dict]) -> dict[str, list[Described]]:
    return _described(tuple((b["slug"], b.get("jurisdiction") or "", tuple(
        [b["title"], b["short_name"], *(b.get("aliases") or [])]), b.get("chamber") or "") for b in bills))


def find(sentences: list[str], bills: dict[str, list[Described]], named: set[str]) -> list[tuple[str, str]]:
    """(slug, evidence) for each bill a sentence describes by its place, its kind and its subject.

    Not when the article names another bill of that jurisdiction and kind: "the House bill on digital replicas"
    next to "the NO FAKES Act" is that Act, though only the NO AI FRAUD Act's names speak of replicas."""
    words = bill_words()
    found = []
    said_of: dict[str, bool] = {}  # bill -> whether the text says a word of its subject, read once an article
    for sentence in sentences:
        places = places_in(sentence, words)
        if not places or not words.any_kind.search(sentence):
            continue
        implied = sentence.find(IMPLIED)
        tokens = [t for t in _WORD.finditer(sentence) if not any(q.start() <= t.start() < q.end() for q in places)]
        at = [next((i for i, t in enumerate(tokens) if t.start() >= p.start()), len(tokens)) for p in places]
        # Each word goes with the place nearest to it in its clause, or in the sentence if its clause has none
        # ("Unlike Denmark's deepfake bill, Germany's ...": the bill is Denmark's).
        ends = [m.start() for m in _CLAUSE_END.finditer(sentence)]
        clause = [bisect.bisect(ends, t.start()) for t in tokens]
        place_clause = [bisect.bisect(ends, p.start()) for p in places]
        owner = []
        for k in range(len(tokens)):
            own = [m for m in range(len(at)) if place_clause[m] == clause[k]] or range(len(at))
            owner.append(min(own, key=lambda m: (abs(at[m] - k - 0.5), m)))
        placed = [{j for j, regex in words.place.items() if regex.fullmatch(p.group(0))} for p in places]
        for n, p in enumerate(places):
            jurisdictions = sorted(placed[n])
            if not any(j in bills for j in jurisdictions):
                continue
            # Places of one jurisdiction share their words: "Chinese platforms must attach labels ... under measures
            # issued by the Cyberspace Administration of China" (the subject nearer "Chinese", the kind the issuer).
            same = {m for m in range(len(places)) if placed[m] & placed[n]}
            near = [k for k in range(len(tokens)) if owner[k] in same
                    and any(-WINDOW <= k - at[m] < WINDOW or places[m].end() <= implied for m in same)]
            kinds = {k: kind for k in near if (kind := _kind(tokens[k].group(0), words))}
            # "AI" says a subject right before the kind word, for a bill whose own name has it so ("Italy's new AI
            # law", "KI-Gesetz der EU"; not "California's AI transparency bill", nor "AI law" for the AI
            # Copyright Transparency Act).
            keys = {tokens[k].group(0): _keys(tokens[k].group(0), words) | _part(tokens[k].group(0), words)
                    for k in near if k not in kinds and tokens[k].group(0) not in words.subject_acronyms}
            keys.update({tokens[k].group(0): frozenset([f"#subject-{kinds[k + 1]}"]) for k in near
                         if tokens[k].group(0) in words.subject_acronyms and k + 1 in kinds})
            starts = {tokens[k].start() for k in near}
            keys.update({c.group(0): frozenset(_compounds(c.group(0))) for c in _COMPOUND.finditer(sentence)
                         if c.start() in starts})
            fits = []
            # "The Senate bill": a chamber among the places keeps its bills, both chambers' and an agency's (no chamber's).
            chambers = {c for m in same if (c := words.chambers.get(re.sub(r"(?:'s|’s)$", "", places[m].group(0))))}
            for bill in (b for j in jurisdictions for b in bills.get(j, []) if not chambers
                         or b.chamber in chambers | {"both"} or b.chamber not in set(words.chambers.values())):
                said = [w for w, key in keys.items() if key & bill.keys]
                said = said or (_whole(bill, tokens, clause, kinds) if bill.wholes else [])
                own = [k for k, kind in kinds.items() if kind in bill.kinds and _own_kind(tokens, k, bill)]
                if said and own:
                    fits.append((bill, said, tokens[own[0]].group(0)))
            # A bill the article names needs no description: "the digital omnibus" beside "KI-Verordnung" (which
            # fits the AI Act) is the omnibus.
            fits = [f for f in fits if f[0].slug not in named] or fits
            # One bill that fits by more words than the others is the one described: "the second part of its AI
            # report" fits all the Office's AI reports by "AI", Part 2 alone by "second".
            most = max((len(f[1]) for f in fits), default=0)
            best = [f for f in fits if len(f[1]) == most]
            # Unless another fits by a word the best does not have: "a multi-part report on training,
            # copyrightability and digital replicas" names the subjects of three parts, so the series, not a part.
            fits = [] if any(clauses.listed(sentence, set(f[1]) - set(b[1]), b[1]) for f in fits for b in best) else best
            # "A California law requiring ... took effect on January 1": of the bills that fit, the one in force.
            if len(fits) > 1 and words.in_force.search(sentence):
                fits = [f for f in fits if f[0].slug in _in_force()] or fits
            if len(fits) == 1:
                bill, said, kind_word = fits[0]
                if any(other.slug in named and other.slug != bill.slug and other.kinds & bill.kinds & set(
                        kinds.values()) for other in bills.get(bill.jurisdiction, [])):
                    continue
                found.append((bill.slug, f"description:{p.group(0)} + {' '.join(said)} + {kind_word}"))
            # "Die EU-Kommission hat einen Verhaltenskodex veröffentlicht", "Die Konsultation lief bis Februar" (of
            # the British government): a kind of which the jurisdiction has one bill alone (`bill_sole_kinds`) says
            # which, without a word of its subject; not a law, a bill or a report, of which a place has many.
            for k, kind in kinds.items():
                alone = [b for j in jurisdictions for b in bills.get(j, []) if kind in b.kinds]
                if kind in words.sole_kinds and len(alone) == 1 and _bare_kind(tokens, k) and _own_kind(
                        tokens, k, alone[0]) and _subject_said(sentences, alone[0], words, said_of):
                    found.append((alone[0].slug, f"description:{p.group(0)} + {tokens[k].group(0)}"))
    return found


def _subject_said(sentences: list[str], bill: Described, words: BillWords, said_of: dict[str, bool]) -> bool:
    """A word of its subject or the beat's ("AI", "KI") in the text: "new measures to support the property market"."""
    if bill.slug not in said_of:
        said_of[bill.slug] = any(t in words.subject_acronyms or _keys(t, words) & (bill.keys | words.spelled_out)
                                 for sentence in sentences for t in _WORD.findall(sentence))
    return said_of[bill.slug]


def _bare_kind(tokens: list[re.Match], k: int) -> bool:
    """The kind word at k stands for an instrument of its own, its subject unsaid: after a word ("the", "einen",
    "Londoner"), not after a comma ("..., consultation answers are in hand" is a word qualifying another), and
    without "on ..." after it, which says a subject the words of the bills must then fit ("Britain's consultation
    on AI")."""
    sentence, start = tokens[k].string, tokens[k].start()
    if not k or not re.search(r"\w[’']?\s+$", sentence[max(0, start - 4):start]):
        return False
    n = k + 1
    if n + 1 < len(tokens) and tokens[n].group(0) in bill_words().issuer_joins:
        # "Vorschriften der Cyberspace-Behörde zum Datenexport": the issuer (no token here) stands between;
        # "code of practice on disinformation": a word of the name does.
        n += 1 if re.search(r"\w", sentence[tokens[n].end():tokens[n + 1].start()]) else 2
    return n >= len(tokens) or tokens[n].group(0) not in bill_words().head_ends


def _own_kind(tokens: list[re.Match], k: int, bill: Described) -> bool:
    """The kind word at k can be the bill's: not another law's name after a capitalised word ("the UK's Data
    Protection Act" is not the Data (Use and Access) Act), nor about another subject ("the EU's code of practice on
    disinformation"), nor a body of law, a verb ("to report"), or the law a claim is brought under."""
    words = bill_words()
    sentence = tokens[k].string
    after = tokens[k + 1].group(0) if k + 1 < len(tokens) else ""
    if after in words.not_kind_before:  # "a law firm", "law professor": a word of another noun
        return False
    return (not _named_else(tokens, k, bill) and not _about_else(tokens, k, bill) and not _body_of_law(tokens, k)
            and not (k and tokens[k - 1].group(0) in words.infinitive)
            and not words.claims.search(sentence, max(0, tokens[k].start() - 40), tokens[k].start()))


_BEFORE = re.compile(r"([^\W\d_][\w.-]*)\s+$")


def _another_body(sentence: str, place: re.Match, words: BillWords) -> bool:
    """"Commission" or "House" after a capitalised word is that word's body ("the Federal Trade Commission", "the
    White House")."""
    bare = re.sub(r"(?:'s|’s|es|s)$", "", place.group(0))
    if bare not in words.bare and bare not in words.chambers:  # "the White House" is no House
        return False
    before = _BEFORE.search(sentence[:place.start()])
    # A capital that opens the sentence says nothing ("The Commission published ...").
    return bool(before and before.group(1)[0].isupper() and sentence[:before.start()].strip()
                and not words.any_place.fullmatch(before.group(1)))  # "the U.S. Senate": a place is no body


def _whole(bill: Described, tokens: list[re.Match], clause: list[int], kinds: dict[int, str]) -> list[str]:
    """The words of a name of generic words and acronyms alone, all of them in the clause of a kind word of the
    bill's and close to it: "Britain's consultation on copyright and AI"; not "UK's AI copyright report lands,
    consultation answers in hand" for the consultation, whose name's words are the report's clause."""
    words = bill_words()
    for k, kind in kinds.items():
        if kind not in bill.kinds:
            continue
        for whole in bill.wholes:
            reach = len(whole) + 3
            near = {key for t in range(max(0, k - reach), min(len(tokens), k + reach + 1)) if clause[t] == clause[k]
                    for key in _keys(tokens[t].group(0), words)}
            if whole <= near:
                return sorted(whole)
    return []


def places_in(sentence: str, words: BillWords) -> list[re.Match]:
    """The places of a sentence that can issue a law: not part of another body's name ("the Federal Trade
    Commission"), nor a place before a word for a member ("als erstes EU-Land ein nationales KI-Gesetz")."""
    return [p for p in words.any_place.finditer(sentence) if not _another_body(sentence, p, words)
            and not words.members.match(sentence, p.end())]


def placed_before(paragraph: list[str], named: tuple[str, ...] = ()) -> list[str]:
    """The paragraph's sentences; one with a kind word and no place of its own is placed by the places of the last
    sentence before that names any, which it follows up ("When the Copyright Office asked the public ... That notice of inquiry
    became ..."; "Under the Commission's template ... A separate consultation asks which protocols ..."), or, if
    that has none either, by the one jurisdiction of the bills the article names ("the Data (Use and Access) Act
    ... Most of the responses to the earlier consultation opposed an opt-out": the UK's consultation)."""
    words = bill_words()
    out = []
    article = _article_place(named)
    last: list[str] = []  # the places of the last sentence before that names any, carried forward: one search each
    for i, sentence in enumerate(paragraph):
        before = last
        if found := places_in(sentence, words):
            last = [p.group(0) for p in found]
        for regex, word, ordinal in words.part_numbers:
            if word in sentence:  # a substring test first: the word is rare
                sentence = regex.sub(lambda m, w=word, o=ordinal: f"{w} {o[m[1]]}", sentence)
        before = before or article
        if before and words.any_kind.search(sentence) and not places_in(sentence, words):
            # The places stand before the sentence, as if it opened with them: the window counts from its start.
            sentence = " ".join(dict.fromkeys(before)) + IMPLIED + sentence
        elif i and (kind := _elided_kind(sentence, paragraph[i - 1], words)):
            sentence = " ".join(dict.fromkeys(before)) + " " + kind + IMPLIED + sentence
        out.append(sentence)
    return out


def _elided_kind(sentence: str, previous: str, words: BillWords) -> str | None:
    """The kind word a sentence leaves out after a possessive and an ordinal, from the sentence before: "The
    Office's first AI report urged Congress ... Its third, a pre-publication version on generative AI training,
    said ..." is its third report."""
    # The ordinal stands alone, before a comma or a dash: "Its second hearing" is no report.
    opening = re.match(r"\W*([^\W\d_]+)\s+([^\W\d_]+)\s*[,;:(–—]", sentence)
    if (not opening or opening[1].lower() not in caption_words().possessives
            or opening[2].lower() not in words.part_ordinals or words.any_kind.search(sentence)):
        return None
    # The kind that follows an ordinal there ("first AI report"), not any ("a federal digital replica law").
    tokens = _WORD.findall(previous)
    ordinal = next((n for n, t in enumerate(tokens) if t.lower() in words.part_ordinals), None)
    return None if ordinal is None else next((t for t in tokens[ordinal + 1:ordinal + 4] if _kind(t, words)), None)


@lru_cache(maxsize=1)
def _in_force() -> frozenset[str]:
    return frozenset(b["slug"] for b in load_bills() if b.get("status") in ("in_force", "enacted"))


@lru_cache(maxsize=256)
def _article_place(named: tuple[str, ...]) -> list[str]:
    """A place word of the one jurisdiction of the named bills, or nothing if they are of several or none."""
    jurisdictions = {b.get("jurisdiction") for b in load_bills() if b["slug"] in named}
    if len(jurisdictions) != 1:
        return []
    places = caption_words().places.get(next(iter(jurisdictions)) or "") or set()
    return sorted(places, key=lambda w: (len(w), w))[:1]


_COMPOUND = re.compile(r"(?<![\w-])[a-zäöü]{2,3}-[a-zäöü]{2,3}(?![\w-])", re.I)


def _compounds(text: str) -> set[str]:
    """Compounds of two short words ("opt-out"), lower-cased, as keys of their own."""
    return {f"#compound-{c.group(0).lower()}" for c in _COMPOUND.finditer(text)}


def _part(word: str, words: BillWords) -> frozenset[str]:
    part = words.part_ordinals.get(word.lower())
    return frozenset([part]) if part else frozenset()


def _named_else(tokens: list[re.Match], k: int, bill: Described) -> bool:
    before = tokens[k - 1].group(0) if k else ""
    if bill_words().verbs.fullmatch(tokens[k].group(0)):  # "das Urheberrechtsgesetz ändern": a German noun
        return False
    # The word that opens the sentence is capitalised whatever it is: "That notice of inquiry ...".
    opening = tokens[k - 1].string[:tokens[k - 1].start()].rstrip() if k else ""
    opens = k and (not opening or opening.endswith((":", IMPLIED.strip())))
    return (not opens and len(before) >= 4 and before[0].isupper() and not before.isupper()
            and before.lower() not in bill_words().months and not _keys(before, bill_words()) & bill.all_keys)


def _body_of_law(tokens: list[re.Match], k: int) -> bool:
    """A lower-case kind word joined by a hyphen to a lower-case word ("New York publicity-law claims", "state-law
    claims") is a body of law qualifying another noun, not one bill; German compounds open with a capital
    ("KI-Gesetz")."""
    word = tokens[k].group(0)
    return bool(k and word[0].islower() and tokens[k].string[tokens[k].start() - 1:tokens[k].start()] == "-"
                and tokens[k - 1].end() == tokens[k].start() - 1 and tokens[k - 1].group(0)[0].islower())


def _about_else(tokens: list[re.Match], k: int, bill: Described) -> bool:
    """The kind word's own subject, after "of" or after a word that ends a name's head, is none of the bill's: "the
    EU's code of practice on disinformation", "a code of conduct" are not the code for general-purpose AI models."""
    words = bill_words()
    n = k + 1
    if n + 1 < len(tokens) and tokens[n].group(0) == "of":  # not German "der": the issuer follows it ("der EU")
        if _foreign(tokens[n + 1].group(0), bill):
            return True
        n += 2
    # "The House bill on digital replicas", "a consultation on the machine-readable protocols": the subject may take
    # three words.
    if n + 1 >= len(tokens) or tokens[n].group(0) not in words.head_ends:
        return False
    after = tokens[n].string[tokens[n].end():tokens[n].end() + 30]
    return not _compounds(after) & bill.keys and _foreign(
        " ".join([t.group(0) for t in tokens[n + 1:] if len(t.group(0)) >= 4][:3]), bill)


def _foreign(phrase: str, bill: Described) -> bool:
    """None of the phrase's words is the bill's, and one of them says something (is long and not generic)."""
    words = bill_words()
    said = [_keys(w, words) for w in phrase.split() if len(w) >= 4]
    return any(keys - words.generic for keys in said) and not any(keys & bill.all_keys for keys in said)
