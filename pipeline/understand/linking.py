"""Cases and bills: the curated lists, and which of them an article mentions.

`link_article` finds the lawsuits and bills an article is about, with the evidence for each link. A mention counts
when it is
  * a name, short name or alias of the case or bill ("GEMA gegen OpenAI", "NO FAKES Act"), with "v." / "vs." /
    "gegen" written any of the usual ways (bill names: bill_names.py);
  * a docket or bill number ("1:23-cv-11195", "H.R. 2794", "AB 2602");
  * a caption built from the parties ("Getty Images v Stability AI", "Kadrey gegen Meta");
  * a pair of parties, one plaintiff and one defendant, in the same sentence, with a word of litigation (sued,
    ruling, Klage, Urteil...) in that sentence or its paragraph. Without that word, "OpenAI signed a deal with the
    New York Times" would link to the lawsuit; each clause of a sentence pairs its own parties ("X sued Suno,
    while Y sued Udio"; clauses.py); the sentence before may lend either party (sentence_before.py);
  * a plaintiff and a court (or a judge, or a city after a word of litigation; the headline's court in the lead)
    that only that plaintiff's case fits (pipeline/understand/courts.py);
  * an "In re" case's defendant with a word of consolidation or a plaintiff of its own, or a word of its name
    with a word for a suit (party_names.py, in_re.py);
  * a bill described by its jurisdiction, its kind and its subject ("Denmark's deepfake bill";
    pipeline/understand/bill_descriptions.py), also each item of a list ("two bills: one ..., the other ...";
    bill_lists.py), and a bill's long descriptive name in any case;
  * a bill by its sponsors, a case by its defendant and the kind of its plaintiffs, or by two of its plaintiffs in
    full (pipeline/understand/descriptions.py).
Party names come from the case file and are widened with the aliases of the gazetteer
(pipeline/data/gazetteer.jsonl), so "NYT" and "New York Times Company" count for the same plaintiff.

`link_cases_and_bills` is the stage: it puts the links on the article record, and the store writes them
(pipeline/store/cases.py) with the rest of the article. The curated files (pipeline/curated.py) are the only input.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.curated import CuratedDataError, load_bills, load_cases
from pipeline.records import Article, Links
from pipeline.understand import bill_descriptions, bill_lists, clauses, courts, descriptions, sentence_before
from pipeline.understand.bill_names import loose_alias, masked, placed_elsewhere, reviews, with_compounds
from pipeline.understand.in_re import hits as in_re_hits
from pipeline.understand.linking_words import caption_windows, caption_words
from pipeline.understand.party_names import (  # noqa: F401
    _norm,
    _surname,
    called_by_short_name,
    court_forms,
    forms_of,
    gathered_plaintiffs,
    in_re_name,
    masthead_forms,
    members,
    organisation_norms,
    party_forms,
    sued_once,
    suing,
)
from pipeline.understand.sole_bills import find as sole_bills
from pipeline.understand.text import split_sentences

log = logging.getLogger("tracker.cases")


# --- patterns ---------------------------------------------------------------------------------------

def _first_letter_either_case(pattern: str, text: str) -> str:
    if text[:1].isalpha() and text[:1].lower() != text[:1].upper():
        return f"[{text[0].upper()}{text[0].lower()}]" + pattern[1:]
    return pattern


def alias_pattern(alias: str) -> str:
    """A regex for a name as news writes it: any "v."/"gegen" spelling, any whitespace, first letter either case.

    Case matters otherwise: "Make It Fair" is a campaign, "make it fair" is not.
    """
    words = alias.split()
    parts = []
    for i, word in enumerate(words):
        if 0 < i < len(words) - 1 and word.lower() in caption_words().connector_words:
            parts.append(None)
        elif re.fullmatch(r"[a-zäöü]+isch(?:e|es|er|en|em)", word):
            # German adjectives decline: "dänisches Gesetz", "das dänische Gesetz".
            parts.append(re.escape(re.sub(r"(?:e|es|er|en|em)$", "", word)) + "(?:e|es|er|en|em)")
        else:
            parts.append(re.escape(word))
    body = ""
    for i, part in enumerate(parts):
        if part is None:
            body += caption_words().connector
        else:
            body += ("" if i == 0 or parts[i - 1] is None else r"\s+") + part
    number = re.fullmatch(r"(H\.R\.|S\.|HB|SB|AB)\s?(\d+)", alias)
    if number:
        body = {"H.R.": r"H\.\s?R\.?\s?", "S.": r"S\.\s?", "HB": r"(?:HB\s?|House\s+Bill\s+)",
                "SB": r"(?:SB\s?|Senate\s+Bill\s+)", "AB": r"(?:AB\s?|Assembly\s+Bill\s+)"}[number[1]] + number[2]
        return r"(?<![\w.])" + body + r"(?!\d)"
    return r"(?<!\w)" + _first_letter_either_case(body, alias) + r"(?!\w)"


def statute_pattern(alias: str) -> str | None:
    """"§ 201b StGB" as the news also writes it: "Paragraf 201b des Strafgesetzbuchs", "§ 201b StGB-E"."""
    words = caption_words()
    section = re.fullmatch(r"(?:§|Paragra(?:f|ph))\s*(\d+[a-z]?)\s+([\w-]+)", alias)
    if not section or section[2] not in words.statutes:
        return None
    return (rf"(?<!\w)(?:{words.statute_section})\s*{section[1]}\s+(?:{re.escape(section[2])}(?:-E)?"
            rf"|(?:(?:{words.statute_joins})\s+)?(?:{words.statutes[section[2]]}))(?!\w)")


def docket_pattern(docket: str) -> str:
    """US dockets with or without the office prefix and zero padding ("1:23-cv-01234" = "23-cv-1234")."""
    us = re.fullmatch(r"(?:\d:)?(\d{2})-([a-z]{2})-0*(\d+)", docket)
    if us:
        return rf"(?<![\w:])(?:\d:)?{us[1]}-{us[2]}-0*{us[3]}(?!\d)"
    if re.fullmatch(r"[\d-]+", docket):  # "23-5233" alone is any number; ask for "No." before it
        return r"(?:No\.|Nr\.|Az\.|[Dd]ocket)\s*" + re.escape(docket) + r"(?!\d)"
    return r"(?<!\w)" + re.escape(docket).replace(r"\ ", r"\s+") + r"(?!\w)"


def _with_surnames(forms: list[str]) -> re.Pattern | None:
    """The forms plus the surnames of the people among them (a given name first, not an organisation of the
    gazetteer), or None when there are none: "Stephen Thaler" named once, "Thaler" names him after; so too a
    masthead's last word ("The Times")."""
    words = caption_words()
    surnames = [s for f in forms if (s := _surname(f)) and f.split()[0] in words.given_names
                and s not in words.not_surnames and _norm(f) not in organisation_norms()] + masthead_forms(forms)
    return _either(forms + surnames) if surnames else None


def _widen(short: re.Pattern, wide: re.Pattern | None, full: str) -> re.Pattern:
    return wide if wide is not None and short.search(full) else short


@dataclass
class Pattern:
    regex: re.Pattern
    slugs: tuple[str, ...]
    kind: str  # name, alias, docket, number, caption
    jurisdictions: tuple[str, ...] = ()
    # Lower-case strings of which one must occur for the regex to match: a substring test is
    # far cheaper than 400 regexes that start with a look-behind.
    literals: tuple[str, ...] = ()
    # Lower-case words that must ALL occur: a name of several words is tried only where each is present.
    required: tuple[str, ...] = ()
    # A long descriptive name of a bill is matched in any case; this is its regex as written, which a match in
    # another case must do without another jurisdiction's place in its sentence (bill_descriptions.py).
    cased: re.Pattern | None = None


@dataclass
class Matcher:
    case_patterns: list[Pattern]
    bill_patterns: list[Pattern]
    parties: dict[str, tuple[re.Pattern, re.Pattern]]  # case slug -> (plaintiffs, defendants)
    party_literals: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    cues: dict[str, re.Pattern]
    surnames: dict[str, tuple[re.Pattern | None, re.Pattern | None]]  # case slug -> its sides with surnames
    # case slug -> (its plaintiffs, their literals, its court with the news's names for it, the case):
    # a plaintiff and the case's court in one sentence link where no party pair does.
    plaintiff_courts: dict[str, tuple[re.Pattern, tuple[str, ...], str, dict]]
    # The same for the defendants sued in that case only ("Ross Intelligence"; "Taubel Legal", sued by "S.Š.").
    defendant_courts: dict[str, tuple[re.Pattern, tuple[str, ...], str, dict]]
    # "In re" case slug -> (its defendants, their literals, its name, its members), for the rule above.
    gathered: dict[str, tuple[re.Pattern, tuple[str, ...], re.Pattern, frozenset[str]]]
    ordinals: dict[str, int]  # case slug -> n, for a case whose name says it is its parties' n-th suit
    described: dict = None  # jurisdiction -> its bills as descriptions find them (bill_descriptions.py)


def _either(forms) -> re.Pattern | None:
    forms = sorted(set(forms), key=len, reverse=True)
    if not forms:
        return None
    # A German genitive or possessive may follow a party: "GEMAs Klage", "OpenAI's lawyers".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
                      + r")(?:s|'s|’s)?(?!\w)")


def literal(name: str) -> str:
    """The longest word of a name (its digits, for a number), lower-cased, as the substring to look for first."""
    digits = re.findall(r"\d+", name)
    if digits and re.fullmatch(r"[\w.:()/ -]*", name) and not re.search(r"[a-z]{3}", name):
        return max(digits, key=len).lstrip("0") or "0"
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in caption_words().connector_words]
    word = max(words, key=len).lower() if words else name.lower()
    return re.sub(r"(isch)(?:e|es|er|en|em)$", r"\1", word)


def required_words(name: str) -> tuple[str, ...]:
    """Every word of a name (lower-cased, German adjective endings cut) that its regex requires literally."""
    words = name.split()
    out = []
    for i, word in enumerate(words):
        if 0 < i < len(words) - 1 and word.lower() in caption_words().connector_words:
            continue
        out.append(re.sub(r"(isch)(?:e|es|er|en|em)$", r"\1", word.lower()))
    return tuple(dict.fromkeys(out))


def _name_patterns(entries: list[dict], name_key: str, loose: bool = False) -> list[Pattern]:
    by_regex: dict[tuple[str, str], list[str]] = {}
    jurisdictions: dict[tuple[str, str], set[str]] = {}
    literals: dict[tuple[str, str], str] = {}
    required: dict[tuple[str, str], tuple[str, ...]] = {}
    kinds: dict[str, str] = {}  # a name that is also an alias is reported once, as a name
    for entry in entries:
        names = [(entry[name_key], "name"), (entry["short_name"], "name")]
        names += [(re.sub(r"\s*\(.*?\)$", "", entry["short_name"]), "name")]
        names += [(a, "alias") for a in with_compounds(entry.get("aliases") or [])]
        for name, kind in names:
            if len(name) < 4:
                continue
            kind = "number" if re.fullmatch(r"(H\.R\.|S\.|HB|SB|AB)\s?\d+", name) else kind
            regex = statute_pattern(name) or alias_pattern(name)
            if loose and kind != "number" and loose_alias(name):
                regex = "(?i)" + regex  # a long descriptive name, in any case
            key = (regex, kinds.setdefault(regex, kind))
            slugs = by_regex.setdefault(key, [])
            if entry["slug"] not in slugs:
                slugs.append(entry["slug"])
            jurisdictions.setdefault(key, set()).add(entry.get("jurisdiction") or "")
            literals[key] = literal(name)
            if regex.removeprefix("(?i)") != alias_pattern(name):  # a statute's section: its number is all two spellings share
                literals[key] = re.findall(r"\d+", name)[0]
            elif key[1] in ("name", "alias"):
                required[key] = required_words(name)
        docket = entry.get("docket") or None
        if docket:
            key = (docket_pattern(str(docket)), "docket")
            by_regex.setdefault(key, []).append(entry["slug"])
            literals[key] = re.findall(r"\d+", str(docket))[-1].lstrip("0") or "0"
    return [Pattern(re.compile(regex), tuple(slugs), kind, tuple(sorted(jurisdictions.get((regex, kind), ()))),
                    (literals[(regex, kind)],), required.get((regex, kind), ()),
                    re.compile(regex[4:]) if regex.startswith("(?i)") else None)
            for (regex, kind), slugs in by_regex.items()]


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    cases, bills = load_cases(), load_bills()
    case_patterns = _name_patterns(cases, "name")
    parties, party_literals, cues, plaintiff_courts, surnames = {}, {}, {}, {}, {}
    defendant_courts, gathered = {}, {}
    forms = forms_of(cases)
    sued, sues = sued_once(cases, forms), suing(cases, forms)
    for case in cases:
        cue_words = courts.cues_of(case)
        if cue_words:
            cues[case["slug"]] = re.compile(r"(?<!\w)(?:" + "|".join(
                w if "\\" in w else re.escape(w) for w in cue_words) + r")(?!\w)")
        plaintiffs = [f for p in case.get("plaintiffs") or [] for f in forms[p]] + called_by_short_name(case)
        defendants = [f for d in case.get("defendants") or [] for f in forms[d]]
        # "In re ..." cases gather many suits: their parties would link every member suit's news to them.
        if case["name"].startswith("In re"):
            if defendants:
                gathered[case["slug"]] = (_either(defendants), tuple({f.lower() for f in defendants}),
                                          in_re_name(case), members(case, cases))
            # ... but not those who sue its defendant in no member suit ("their parallel case against Databricks").
            own = gathered_plaintiffs(case, sues, forms)
            if own and defendants:
                parties[case["slug"]] = (_either(own), _either(defendants))
                party_literals[case["slug"]] = (tuple({f.lower() for f in own}), tuple({f.lower() for f in defendants}))
                surnames[case["slug"]] = (_with_surnames(own), _with_surnames(defendants))
            continue
        court_names = courts.court_names(case.get("court") or "", case.get("last_event") or "")
        if plaintiffs and case.get("court"):
            shorter = plaintiffs + [f for p in case.get("plaintiffs") or [] for f in court_forms(p)]  # "Mofa"
            plaintiff_courts[case["slug"]] = (_either(shorter), tuple({f.lower() for f in shorter}),
                                              court_names, case)
        # A defendant sued in no other case stands in for the plaintiff, whom the news may not name ("Ross
        # Intelligence's appeal in the Third Circuit") or cannot (a plaintiff a court names by initials, "S.Š.");
        # a defendant sued in several cases says nothing (a ministry sued with one actor is sued with others).
        only_here = [f for f in defendants if sued.get(f.lower()) == {case["slug"]}]
        if only_here and case.get("court"):
            defendant_courts[case["slug"]] = (_either(only_here), tuple({f.lower() for f in only_here}),
                                              court_names, case)
        surnames[case["slug"]] = (_with_surnames(plaintiffs), _with_surnames(defendants))
        if not plaintiffs or not defendants:
            continue
        parties[case["slug"]] = (_either(plaintiffs), _either(defendants))
        party_literals[case["slug"]] = (tuple({f.lower() for f in plaintiffs}), tuple({f.lower() for f in defendants}))
        # Captions may shorten people to their surname: "Bartz v. Anthropic".
        left = plaintiffs + [s for s in map(_surname, plaintiffs) if s]
        right = defendants + [s for s in map(_surname, defendants) if s]
        caption = (r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(set(left), key=len, reverse=True))
                   + r")(?:'s|’s)?" + caption_words().connector + r"(?:" +
                   "|".join(re.escape(f) for f in sorted(set(right), key=len, reverse=True)) + r")(?!\w)")
        case_patterns.append(Pattern(re.compile(caption), (case["slug"],), "caption", (),
                                     party_literals[case["slug"]][1]))
    ordinals = {case["slug"]: n for case in cases for n, pattern in caption_words().ordinals.items()
                if pattern.search(case["name"])}
    return Matcher(case_patterns, _name_patterns(bills, "title", loose=True), parties, party_literals, cues, surnames,
                   plaintiff_courts, defendant_courts, gathered, ordinals, bill_descriptions.described_bills(bills))


# --- linking ----------------------------------------------------------------------------------------

def _paragraphs(title: str, text: str) -> list[list[str]]:
    paragraphs = [title] + [p for p in re.split(r"\n+", text or "") if p.strip()]
    return [split_sentences(p) for p in paragraphs if p.strip()]


def _find(patterns: list[Pattern], text: str, check_place: bool) -> list[tuple[int, int, Pattern, str]]:
    hits = []
    lowered = text.lower()
    windows = caption_windows(text)
    for pattern in patterns:
        if pattern.literals and not any(lit in lowered for lit in pattern.literals):
            continue
        if pattern.required and not all(word in lowered for word in pattern.required):
            continue
        if pattern.kind == "caption":
            # A caption's alternation of party names is costly to try at every position of a long
            # article; it can only match around a "v."/"gegen"/"against", so only there is it tried.
            matches = (m for a, b in windows for m in pattern.regex.finditer(text, a, b))
        else:
            matches = pattern.regex.finditer(text)
        for m in matches:
            loose = pattern.cased is not None and not pattern.cased.fullmatch(m[0])
            if check_place and pattern.kind in ("name", "alias") and placed_elsewhere(
                    text, m.start(), m.end(), pattern.jurisdictions, loose):
                continue
            hits.append((m.start(), m.end(), pattern, m.group(0)))
    # A name inside a longer name is that longer name's: "AI Act" in "AI Act Code of Practice"; not in a review of
    # it, which names it too ("die Überprüfung der DSM-Richtlinie").
    return [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
                                       and o[2].slugs != h[2].slugs and not reviews(o[3]) for o in hits)]


def _choose(slugs: tuple[str, ...], text: str, m: Matcher) -> tuple[str, ...]:
    """One name, several cases (Getty v. Stability in Delaware and in London): keep those the text places.

    The same parties' second suit (its name says "second action") is the one meant when the text says "second
    suit" / "zweite Klage", and not meant when the text gives no number: news of a first suit does not count."""
    if len(slugs) < 2:
        return slugs
    placed = tuple(s for s in slugs if s in m.cues and m.cues[s].search(text)) or slugs
    numbered = [s for s in placed if s in m.ordinals]
    if not numbered or len(numbered) == len(placed):
        return placed
    said = {n for n, pattern in caption_words().ordinals.items() if pattern.search(text)}
    # A case that gives no number is its parties' first: "the publishers' first case ..." keeps it too.
    return tuple(s for s in placed if m.ordinals.get(s, 1) in said) or tuple(s for s in placed if s not in numbered)


def _add(links: dict[str, list[str]], slug: str, evidence: str) -> None:
    """Each surface text once per slug: "GEMA gegen OpenAI" is a name and a caption, one piece of evidence."""
    found = links.setdefault(slug, [])
    surface = evidence.partition(":")[2]
    if all(e.partition(":")[2] != surface for e in found):
        found.append(evidence)


def link_article(title: str, text: str, language: str | None = None) -> Links:
    """The cases and bills an article mentions, each with its evidence. `language` is accepted for symmetry:
    the aliases already carry both languages."""
    m = matcher()
    full = f"{title}\n{text or ''}"
    links = Links()
    # Several patterns may find one span ("Getty Images v Stability AI" is an alias of the US case, and a
    # caption of both the US and the UK case): the text's cues choose among all of them together.
    spans: dict[tuple[int, int], list[tuple[Pattern, str]]] = {}
    for start, end, pattern, surface in _find(m.case_patterns, full, check_place=False):
        spans.setdefault((start, end), []).append((pattern, surface))
    for found in spans.values():
        chosen = _choose(tuple(dict.fromkeys(s for pattern, _ in found for s in pattern.slugs)), full, m)
        for pattern, surface in found:
            for slug in chosen:
                if slug in pattern.slugs:
                    _add(links.cases, slug, f"{pattern.kind}:{' '.join(surface.split())}")
    named = _find(m.bill_patterns, full, check_place=True)
    for _start, _end, pattern, surface in named:
        for slug in pattern.slugs:
            _add(links.bills, slug, f"{pattern.kind}:{' '.join(surface.split())}")
    if links.bills or bill_descriptions.bill_words().any_place.search(full):  # a named bill places the others
        unnamed = masked(full, [(a, b) for a, b, _, _ in named])  # a name's words describe no other bill
        paragraphs = [bill_descriptions.placed_before(p, tuple(sorted(links.bills)))
                      for p in _paragraphs(unnamed[:len(title)], unnamed[len(title) + 1:])]
        sentences = [s for p in paragraphs for s in p]
        for slug, evidence in [*bill_descriptions.find(sentences, m.described, set(links.bills)),
                               *sole_bills(sentences, m.described, set(links.bills))]:
            _add(links.bills, slug, evidence)
        for slug, evidence in bill_lists.find(paragraphs, m.described, set(links.bills)):
            _add(links.bills, slug, evidence)
    _link_parties(m, title, text, full, links)
    descriptions.link_described(title, text, links)
    return links


def _link_parties(m: Matcher, title: str, text: str, full: str, links: Links) -> None:
    """Parties in a sentence of a paragraph about a dispute: a plaintiff and a defendant of one case, unless the
    sentence places its court in another country; else a plaintiff and a court that can only be that case's."""
    pair_hits: dict[tuple[str, str], list[str]] = {}
    court_hits: dict[tuple[str, str], list[str]] = {}
    lowered = full.lower()
    # A person named in full anywhere in the article may be named by the surname elsewhere in it.
    candidates = {slug: (_widen(p, m.surnames[slug][0], full), _widen(d, m.surnames[slug][1], full))
                  for slug, (p, d) in m.parties.items()
                  if all(any(f in lowered for f in forms) for forms in m.party_literals[slug])}
    suing = {slug: (_widen(p, m.surnames[slug][0], full), *rest) for slug, (p, *rest) in m.plaintiff_courts.items()
             if any(f in lowered for f in rest[0])}
    sued = {slug: entry for slug, entry in m.defendant_courts.items() if any(f in lowered for f in entry[1])}
    gathered = {slug: (d, *rest) for slug, (d, literals, *rest) in m.gathered.items()
                if any(f in lowered for f in literals)}
    gathered_hits: dict[str, list[str]] = {}
    paragraphs = _paragraphs(title, text) if candidates or suing or sued or gathered else []
    known = courts.countries_named(paragraphs)
    headline = courts.placed(courts.mentions(title), known) if title.strip() and paragraphs else ()
    disputes = courts.disputed(paragraphs, bool(title.strip()))
    for n, (paragraph, disputed) in enumerate(zip(paragraphs, disputes, strict=True)):
        if not disputed:
            continue
        unused: list[courts.Mention] = []  # the courts of the sentence before, if they linked no plaintiff there
        last: list[courts.Mention] = []  # the courts last named in the paragraph
        for i, sentence in enumerate(paragraph):
            named, paired, previous = courts.placed(courts.mentions(sentence), known), set(), paragraph[i - 1] if i else ""
            previous = previous or (title if n == 1 and title.strip() else "")  # the lead follows its headline
            paired_at: list[int] = []  # where the plaintiffs of those pairs stand in the sentence
            # A sentence naming a plaintiff of its own borrows none for "its suit" ("The Times ... its 2023 suit").
            own = bool(previous) and sentence_before.may_borrow(sentence) and any(
                plaintiffs.search(sentence) for plaintiffs, _ in candidates.values())
            for slug, (plaintiffs, defendants) in candidates.items():
                # Every plaintiff of the sentence: one also suing in another case makes that pair ambiguous.
                found = list(plaintiffs.finditer(sentence)) or [
                    None if own else sentence_before.their_suit(sentence, previous, plaintiffs, defendants)]
                d = found[0] and (defendants.search(sentence)
                                  or sentence_before.defendant(sentence, previous, defendants))
                # "X sued Suno, while Y sued Udio": each clause pairs its own parties.
                if d and d.string is sentence:
                    found = [p for p in found if p.string is not sentence
                             or not clauses.crossed(sentence, p, d, candidates)
                             and not clauses.suit_elsewhere(sentence, p, defendants)]
                if d and found and not courts.contradicts(named, m.plaintiff_courts[slug][3] if slug in
                                                m.plaintiff_courts else {}, sentence):
                    for p in found:
                        pair = (" ".join(p.group(0).split()), " ".join(d.group(0).split()))
                        pair_hits.setdefault(pair, []).append(slug)
                    paired.add(slug)
                    paired_at.extend(p.start() for p in found if p.string is sentence)
            # "Der Bundesgerichtshof hat bestätigt, ... Geklagt hatte Stephen Thaler": a court of the sentence
            # before, which named no plaintiff, when this sentence names one and speaks of the suit.
            here = named or (unused if caption_words().litigation.search(sentence) else [])
            here = last if courts.court_words().same_court.search(sentence) else here  # "the same court held"
            # The headline's court goes with the lead: "D.C. Circuit upholds ..." over "A federal appeals court in
            # Washington affirmed that a work generated by Stephen Thaler's Creativity Machine ...".
            here = [*here, *headline] if n == 1 and caption_words().litigation.search(sentence) else here
            before = sum(map(len, court_hits.values()))
            for mention in here if not paired else []:
                courts.plaintiffs_in_court(sentence, mention, suing, m.parties, m.plaintiff_courts, court_hits)
                courts.plaintiffs_in_court(sentence, mention, sued, m.parties, m.plaintiff_courts, court_hits)
            unused = named if named and not paired and sum(map(len, court_hits.values())) == before else []
            last = [n for n in named if n.country or n.words] or last
            in_re_hits(sentence, previous, gathered, paired, paired_at, gathered_hits)  # the case gathering suits
    # One pair may fit several cases (Jia Tolentino sues Microsoft in two suits): a case the article links by
    # other evidence takes it; only without any is it given to all.
    certain = set(links.cases) | {s for slugs in pair_hits.values() if len(set(slugs)) == 1 for s in slugs}
    for (plaintiff, defendant), slugs in pair_hits.items():
        chosen = _choose(tuple(dict.fromkeys(slugs)), full, m)
        chosen = tuple(s for s in chosen if s in certain) or chosen
        for slug in chosen:
            _add(links.cases, slug, f"parties:{plaintiff} + {defendant}")
    for evidence, slugs in gathered_hits.items():
        for slug in _choose(tuple(dict.fromkeys(slugs)), full, m):
            _add(links.cases, slug, f"consolidated:{evidence}")
    for (plaintiff, court), slugs in court_hits.items():
        if len(set(slugs)) == 1:  # one plaintiff with two suits in that court: the court does not say which
            _add(links.cases, slugs[0], f"court:{plaintiff} + {court}")


def link_cases_and_bills(articles: list[Article]) -> list[Article]:
    """The linking stage: each relevant article gets the cases and bills it mentions; the others get none."""
    broken = False
    for article in articles:
        article.links = Links()
        if not article.relevant or broken:
            continue
        try:
            article.links = link_article(article.title, article.text, article.language)
        except CuratedDataError as exc:
            # A broken curated file must not cost the crawl its articles: they are stored unlinked,
            # and `tracker cases link` links them once the file is fixed. The matcher is not cached when
            # it fails, so the rest of the batch is not linked either: the file is not read again per article.
            log.error("%s: articles are stored without links to cases and bills", exc)
            broken = True
    return articles
