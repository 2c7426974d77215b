"""Cases and bills the news describes instead of naming: the article linker's evidence of last resort.

A reporter often names neither a bill nor a suit, and a reader still knows which one is meant:

  * a bill by its sponsors: "Sens. Josh Hawley and Richard Blumenthal introduced a bipartisan bill ..." is the
    one curated bill whose sponsors include every sponsor the sentence names, in a sentence that says bill, act
    or law (each language's `linking: bill_words`) and speaks of the beat (`bill_subjects`: copyright, likeness,
    training ...). Senators write many bills together, so the names must fit exactly one bill's sponsors; and a
    sponsor counts when named in full or by title and surname ("Sen. Hawley"): "Johnson" alone is many people;
  * a case by its defendant and the kind of its plaintiffs: "Anthropic's settlement with authors", "the music
    publishers' suit against Anthropic": the case whose defendants include the party and whose topics include
    the kind (`plaintiff_kinds`: books -> authors, music -> music publishers ...), in a paragraph about a
    dispute, when one case fits: after the parties' number ("a second lawsuit") and the names and numbers its
    record shares with the sentence ("Judge Alsup", "1.5 billion") have chosen among several;
  * a case by what it is known by (the brackets of its name and its short name: "DABUS", "Ultraman",
    "Copilot") and a court that fits it ("Der Bundesgerichtshof ... KI DABUS"), when no other such case fits
    that court; the headline's subject counts with the lead paragraph's court;
  * a case by two of its plaintiffs named in full, with its defendant, in one sentence ("Authors Abdi Nazemian,
    Brian Keene and Stewart O'Nan say Nvidia trained ..."): two people suing together are that suit even where
    the sentence has no word of litigation.

Each applies only to what the names, numbers, captions and courts (pipeline/understand/linking.py) left unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.curated import load_bills, load_cases
from pipeline.languages import all_languages
from pipeline.records import Links
from pipeline.understand import co_plaintiffs, courts, other_bills
from pipeline.understand.linking_words import caption_words, every_language
from pipeline.understand.party_names import by_caption_word as _by_caption_word
from pipeline.understand.party_names import looks_like_person as _looks_like_person
from pipeline.understand.party_names import organisations as _organisations
from pipeline.understand.party_names import party_forms
from pipeline.understand.text import split_sentences


@dataclass
class Described:
    bill_words: re.Pattern
    bill_subjects: re.Pattern
    # bill slug -> its sponsors as (surname, regex of the surname or, for a short one, of the full name)
    sponsors: dict[str, list[tuple[str, re.Pattern]]]
    kinds: dict[str, re.Pattern]  # case topic -> the words that name such plaintiffs
    defendants: dict[str, re.Pattern]  # case slug -> its defendants, every form of them
    plaintiff_kinds: dict[str, frozenset[str]]  # case slug -> the kinds of its plaintiffs (its topics among kinds)
    # case slug -> (surname lower-cased, regex of the name in full) per plaintiff who is a person; the surnames
    # are looked for first, as substrings, since few sentences name any of them
    people: dict[str, list[tuple[str, re.Pattern]]]
    records: dict[str, frozenset[str]]  # case slug -> the names and numbers of its record (see _facts)
    # case slug -> (the subjects its name gives in brackets: "DABUS", "KI-Logos", "Copilot"; the case; its court
    # with the news's names for it)
    subjects: dict[str, tuple[re.Pattern, tuple[str, ...], dict, str]]
    issuers: frozenset[str] = frozenset()  # bodies that issue bills ("Copyright Office"), lower-cased
    ordinals: dict[str, int] = field(default_factory=dict)  # case slug -> n, for its parties' n-th suit
    # A person who sues in one case only and is a party of no other, by full name -> that case
    sole: dict[str, str] = field(default_factory=dict)
    sole_regex: re.Pattern = re.compile("(?!)")


def _regex(forms: list[str], flags: int = 0) -> re.Pattern:
    forms = sorted(set(forms), key=len, reverse=True)
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) or "(?!)"
    # A possessive or a German genitive may follow: "Hawley's bill", "OpenAIs Modelle".
    return re.compile(rf"(?<!\w)(?:{body})(?:s|'s|’s)?(?!\w)", flags)


def _person(sponsor: str) -> tuple[str, str | None] | None:
    """(surname, full name) of a sponsor who is a person: "Ash Kalra (coauthor)" -> ("Kalra", "Ash Kalra"),
    "Assemblymember Simone (A.8882)" -> ("Simone", None); None for an office or a chamber ("U.S. Copyright
    Office", "European Parliament")."""
    bare = re.sub(r"\s*\(.*?\)", "", sponsor).strip()
    words = bare.split()
    if not words or not re.fullmatch(r"[A-ZÄÖÜ][\w-]+", words[-1]):
        return None
    if len(words) == 2 and words[0].rstrip(".") in every_language("sponsor_titles"):
        return words[-1], None
    if _looks_like_person(bare):
        return words[-1], bare
    return None


def _sponsor_regex(surname: str, full: str | None) -> re.Pattern:
    """The sponsor in full, or a title and the surname ("Sen. Hawley", "Rep. Salazar"): a surname alone is too
    many people ("Johnson", "Lee")."""
    titles = "|".join(re.escape(t) for t in every_language("sponsor_titles"))
    forms = [re.escape(full).replace(r"\ ", r"\s+")] if full else []
    forms.append(rf"(?:{titles})s?\.?\s+{re.escape(surname)}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?:'s|’s|s)?(?!\w)")


@lru_cache(maxsize=1)
def described() -> Described:
    sponsors = {}
    for bill in load_bills():
        people = [p for p in map(_person, bill.get("sponsors") or []) if p]
        sponsors[bill["slug"]] = [(surname, _sponsor_regex(surname, full)) for surname, full in people]
    kinds = {}
    for lang in all_languages():
        for kind, words in (lang.linking.get("plaintiff_kinds") or {}).items():
            kinds.setdefault(str(kind), []).extend(map(str, words))
    defendants, plaintiff_kinds, people, records, subjects = {}, {}, {}, {}, {}
    for case in load_cases():
        if said := _subjects(case):
            subjects[case["slug"]] = (_regex(said), tuple(w.lower() for w in said), case,
                                      courts.court_names(case.get("court") or "", case.get("last_event") or ""))
        records[case["slug"]] = _facts(" ".join(str(case.get(k) or "") for k in (
            "name", "court", "last_event", "plaintiffs")))
        forms = [f for d in case.get("defendants") or [] for f in party_forms(d)]
        if not forms:
            continue
        defendants[case["slug"]] = _regex(forms)
        plaintiff_kinds[case["slug"]] = frozenset(case.get("topics") or []) & set(kinds)
        persons = [p for p in case.get("plaintiffs") or [] if _looks_like_person(p)]
        if len(persons) >= 2:
            people[case["slug"]] = [(name.split()[-1].lower(), _regex([name]))
                                    for name in (re.sub(r"\s*\(.*?\)", "", p).strip() for p in persons)]
    either = "|".join(every_language("bill_words")) or "(?!)"
    beat = "|".join(every_language("bill_subjects")) or "(?!)"
    issuers = frozenset(str(i).lower() for lang in all_languages()
                        for names in (lang.linking.get("issuers") or {}).values() for i in names)
    sole = _sole_plaintiffs()
    return Described(re.compile(rf"(?i)(?<!\w)(?:{either})(?!\w)"), re.compile(rf"(?i)(?<!\w)(?:{beat})"),
                     sponsors, {k: _regex(v, re.I) for k, v in kinds.items()}, defendants, plaintiff_kinds,
                     people, records, subjects, issuers,
                     {c["slug"]: n for c in load_cases() for n, pattern in caption_words().ordinals.items()
                      if pattern.search(c["name"])}, sole, _regex(list(sole)))


def _sole_plaintiffs() -> dict[str, str]:
    """People who sue in one case of the file and are a party of no other: "Jackie Shroff", "Anil Kapoor"; and
    organisations, by a name of two words or more that no other case's party has ("Center for Investigative
    Reporting")."""
    cases_of: dict[str, set[str]] = {}
    suing: dict[str, str] = {}
    for case in load_cases():
        for role in ("plaintiffs", "defendants"):
            for party in case.get(role) or []:
                name = re.sub(r"\s*\(.*?\)", "", party).strip()
                forms = {name} | {f for f in party_forms(party) if not _looks_like_person(party)}
                for form in forms:
                    cases_of.setdefault(form.lower(), set()).add(case["slug"])
                if role == "plaintiffs" and _looks_like_person(party):
                    suing[name] = case["slug"]
                elif role == "plaintiffs":
                    suing.update({f: case["slug"] for f in forms if len(f.split()) >= 2 and f[:1].isupper()})
    return {name: slug for name, slug in suing.items() if cases_of[name.lower()] == {slug}}


def _subjects(case: dict) -> list[str]:
    """What a case is known by besides its parties, from the brackets of its names and from its short name:
    "Thaler v Comptroller (DABUS, UK)" and "DABUS Australia" -> DABUS, "AG München KI-Logos" -> KI-Logos, and
    a phrase its short name quotes ("'half heart'"). Not a
    place, the court, a party, a short word ("AI") or a generic word of a name ("Group"). An "In re" case's
    short name is only its subject's ("In re Google Generative AI"): the consolidation rule of linking.py has it."""
    data = courts.court_words()
    court = (case.get("court") or "").lower()
    inside = re.findall(r"\(([^)]*)\)", f"{case['name']} {case['short_name']}")
    if not case["short_name"].startswith("In re "):
        inside.append(re.sub(r"\([^)]*\)", " ", case["short_name"]))
    # A phrase in quotes is what the case is known by, in any case: "Changshu 'half heart' AI image case".
    # So is one a party's description quotes ("an accounting app with 'AI companions'"), in the singular (a plural
    # "s" may follow any subject).
    parties = " ".join(str(p) for p in [*(case.get("plaintiffs") or []), *(case.get("defendants") or [])])
    quoted = {re.sub(r"(?<=\w{4})s$", "", q) for q in re.findall(r"(?<!\w)'([^']+)'", f"{case['short_name']} {parties}")
              if len(q.split()) >= 2}
    # A name of three letters is one too ("digital human Ada"); an acronym is not ("AI").
    return sorted(quoted | {w for part in inside for w in re.split(r"[,\s]+", part)
                            if re.fullmatch(r"[A-ZÄÖÜ](?:[\w-]{3,}|[a-zäöü]{2})", w)
                            and w not in data.countries and w not in data.cities and w.lower() not in court
                            and w not in _organisations()[0] and w.lower() not in _parties_and_organisations()})


@lru_cache(maxsize=1)
def _parties_and_organisations() -> frozenset[str]:
    """The words of every party's names, and every organisation's name, lower-cased: "Sancton v. OpenAI
    (OpenAI)" is known by no subject; a party in brackets is a party, and it is sued elsewhere too. What a party's
    brackets say of it is no party: "Ultraman" in "Character License Co. (Ultraman licensee)" is a subject."""
    parties = [p for case in load_cases() for p in [*(case.get("plaintiffs") or []), *(case.get("defendants") or [])]]
    forms = {f.lower() for p in parties for f in party_forms(p)}  # "Cameo" for "Baron App (Cameo)"
    names = [re.sub(r"\s*\(.*?\)", "", p) for p in parties]
    words = {w.lower() for p in names for f in [p, *party_forms(p)] for w in re.findall(r"[\w-]+", f)}
    return frozenset(words | forms) | _organisations()[1]


def _facts(text: str) -> frozenset[str]:
    """The capitalised words and the numbers of a text ("Alsup", "1.5"; "1,5" is "1.5"): what a description
    and a record can share besides the parties' kind."""
    numbers = {n.replace(",", ".") for n in re.findall(r"\d+(?:[.,]\d+)?", text)}
    return frozenset(re.findall(r"(?<!\w)[A-ZÄÖÜ][\w'’-]{2,}", text)) | numbers


def _sentences(title: str, text: str) -> list[list[str]]:
    paragraphs = [title] + [p for p in re.split(r"\n+", text or "") if p.strip()]
    return [split_sentences(p) for p in paragraphs if p.strip()]


def link_described(title: str, text: str, links: Links) -> None:
    """Add to `links` the bills named by their sponsors and the cases described by their parties."""
    d = described()
    # "Representative Josh Harder's AI Accountability Act ... the bill": a description of the article's own Act.
    other_bills.drop(f"{title}\n{text or ''}", links)
    paragraphs = _sentences(title, text)
    co_plaintiffs.link([s for p in paragraphs for s in p], links)
    titled = bool(title.strip())
    for n, (paragraph, disputed) in enumerate(zip(paragraphs, courts.disputed(paragraphs, titled), strict=True)):
        for sentence in paragraph:
            _by_sponsors(d, sentence, links)
            if disputed:
                _by_kind(d, sentence, " ".join(paragraph), links)
            _by_people(d, sentence, links)
            _by_sole_plaintiff(d, sentence, paragraph if disputed else [], links)
            # The headline's subject goes with the lead's court: "KI-Logos nicht geschützt" over "Das Amtsgericht
            # München hat entschieden ...".
            _by_subject(d, sentence, title if titled and n == 1 else "", links, paragraph[:paragraph.index(sentence)])
            _by_caption_word(sentence, links)
            if disputed:
                _by_judge(d, sentence, links)
                _by_court_alone(sentence, paragraph[:paragraph.index(sentence)], links)


def _by_sponsors(d: Described, sentence: str, links: Links) -> None:
    if not d.bill_words.search(sentence) or not d.bill_subjects.search(sentence):
        return
    # A sentence that names its bill speaks of that one: "Representatives Salazar and Dean introduced the House
    # companion of the NO FAKES Act" (they sponsor the NO AI FRAUD Act too).
    if any(e.split(":", 1)[1] in sentence for found in links.bills.values() for e in found
           if e.startswith(("name:", "alias:", "number:"))):
        return
    named = {surname for people in d.sponsors.values() for surname, regex in people if regex.search(sentence)}
    if not named:
        return
    fitting = [slug for slug, people in d.sponsors.items() if named <= {surname for surname, _ in people}]
    fitting = other_bills.by_words(sentence, fitting, d.bill_subjects) if len(fitting) > 1 else fitting
    if len(fitting) == 1 and fitting[0] not in links.bills:
        links.bills[fitting[0]] = [f"sponsors:{' + '.join(sorted(named))}"]


def _by_kind(d: Described, sentence: str, paragraph: str, links: Links) -> None:
    kinds = {kind for kind, regex in d.kinds.items() if regex.search(sentence)}
    if not kinds:
        return
    # A defendant that issues reports and rules ("the Copyright Office") is in the news for those far more than
    # for its cases: "comments from artists" to the Office are no lawsuit.
    every = {slug: found for slug, own in d.plaintiff_kinds.items()
             if own & kinds and (found := d.defendants[slug].search(sentence))
             and re.sub(r"(?:'s|’s)$", "", " ".join(found[0].split())).lower() not in d.issuers}
    # Each defendant the sentence names has its own suit: "Die Major-Labels hatten beide Start-ups verklagt, Suno in
    # Boston und Udio in New York"; not when the sentence names plaintiffs of a case the article links, whom the
    # kind word stands for ("Mike Huckabee and a group of Christian authors ... after claims against Meta").
    starts = list(dict.fromkeys(found.start() for found in every.values()))
    if len(starts) > 1:  # several defendants: the plaintiffs' search is costly, and only needed then
        pattern, suing = _plaintiffs()
        if any(_cases_of(p[0], suing) & set(links.cases) for p in pattern.finditer(sentence)):
            starts = [None]
    # ... unless a case has several of them: "Die Sammelklage von Künstlerinnen gegen Stability AI und Midjourney";
    # "Authors sue OpenAI and Microsoft" are co-defendants of one suit, not Microsoft's own suit by other authors.
    both = [s for s in every if len(every) > 1 and len({re.sub(r"(?:'s|’s)$", "", m[0].split()[0]) for m in
                                                        d.defendants[s].finditer(sentence)}) >= 2]
    every, starts = ({s: every[s] for s in both}, [None]) if both else (every, starts)  # not two forms of one
    for defendant in starts or [None]:
        _by_kind_against(d, {s: f for s, f in every.items() if defendant in (None, f.start())}, kinds, sentence,
                         paragraph, links, {found[0] for found in every.values()})


def _by_kind_against(d: Described, fitting: dict, kinds: set[str], sentence: str, paragraph: str, links: Links,
                     defendants: set[str]) -> None:
    if len(fitting) > 1:
        fitting = _numbered(d, fitting, sentence)
    if len(fitting) > 1:
        # "Anthropic's $1.5 billion settlement with authors, approved by Judge Alsup": of the authors' suits
        # against Anthropic, the one whose record shares the most names and numbers with the sentence.
        said = _facts(paragraph) - _facts(" ".join(defendants))  # the defendants' words say nothing of which suit
        shared = {slug: len(said & d.records[slug]) for slug in fitting}
        best = max(shared.values())
        fitting = {s: f for s, f in fitting.items() if shared[s] == best} if best else fitting
    if len(fitting) > 1 and _settled().search(sentence):
        # "weeks after reaching a settlement with authors": of the authors' suits, the one settled.
        fitting = {s: f for s, f in fitting.items() if _courts()[s][0].get("status") == "settled"} or fitting
    # A case the article names against that defendant is the one described: "the suit brought by ANI, with
    # Bollywood labels seeking to intervene" is ANI's suit against OpenAI, not the labels' elsewhere.
    if any(slug in links.cases for slug, regex in d.defendants.items() if slug not in fitting and any(
            regex.fullmatch(found[0]) for found in fitting.values())):
        return
    if len(fitting) == 1:
        slug, found = next(iter(fitting.items()))
        # "Ein Gericht in Changshu hat einem Künstler ... mit Midjourney": a court of another country's suit.
        if slug not in links.cases and not courts.contradicts(courts.mentions(sentence), _courts()[slug][0], sentence):
            said = next(d.kinds[k].search(sentence)[0] for k in sorted(d.plaintiff_kinds[slug] & kinds))
            links.cases[slug] = [f"described:{' '.join(said.split())} + {' '.join(found[0].split())}"]


def _by_sole_plaintiff(d: Described, sentence: str, paragraph: list[str], links: Links) -> None:
    """"Jackie Shroff's later suit against an AI chatbot operator": a person who sues in one case only, named
    in full in a sentence about a suit, is that case's plaintiff. So too in a paragraph about a dispute that names
    the case's court ("The Delhi High Court ordered ... A day later it issued a similar order for her husband,
    Abhishek Bachchan"), unless the sentence quotes someone ("Karan Johar said he was pleased": a comment)."""
    said = caption_words().litigation.search(sentence)
    if not said and (not paragraph or _speech().search(sentence)):
        return
    for found in d.sole_regex.finditer(sentence):
        if courts.reported_by(sentence, found.start(), found.end()):  # "the Boston Herald reported"
            continue
        name = re.sub(r"(?:'s|’s|s)$", "", " ".join(found[0].split()))
        slug = d.sole.get(name)
        if not slug or slug in links.cases or _elsewhere(sentence, slug):
            continue
        case, names = _courts()[slug]
        if said or any(courts.fits(m, case, names) for s in paragraph for m in courts.mentions(s)):
            links.cases[slug] = [f"plaintiff:{name}"]


def _elsewhere(sentence: str, slug: str) -> bool:
    """The sentence names a court or a city the case is not heard in ("Manfred Lehmann hat vor dem Hamburger
    Landgericht gewonnen": his case is in Berlin)."""
    case, names = _courts()[slug]
    return any((m.country or m.words) and not courts.fits(m, case, names) for m in courts.mentions(sentence))


def _by_court_alone(sentence: str, before: list[str], links: Links) -> None:
    """"The Municipal Court in Prague dismissed a claim ...": a court named with its city that only one case of
    the file fits, in a sentence with a word of litigation, is that case (the parties may be unnamed, or named in
    no form of the file: "a man", "a law firm"). A city of many cases (Munich, San Francisco) says nothing, nor a
    city without a court word ("in Rome": the court of cassation sits there too)."""
    if not caption_words().litigation.search(sentence):
        return
    words = courts.court_words()
    for mention in courts.mentions(sentence):
        # A court word with the city: "in Rom" alone may be any court there ("Der Kassationsgerichtshof in Rom").
        if not any(w in words.cities for w in mention.words) or not words.head.search(mention.text):
            continue
        near = {s for w in mention.words for s in _by_city().get(w.lower(), ())}
        fitting = [slug for slug in near if courts.fits(mention, *_courts()[slug])]
        # "Ein Bundesgericht in Chicago hat den Vergleich in der Sammelklage gegen Clearview AI genehmigt": of the
        # cases in that court, the one whose defendant the sentence names (none if several: the suits against
        # OpenAI in Manhattan).
        sued = [(slug, found[0]) for slug in fitting if (found := described().defendants.get(
            slug, re.compile("(?!)")).search(sentence))]
        # Only a court named by its kind as well as its city: "A Munich court ruled against OpenAI" says nothing.
        fitting = [sued[0][0]] if len(fitting) > 1 and len(sued) == 1 and len(mention.words) > 1 else fitting
        # "Manfred Lehmann hat vor dem Hamburger Landgericht gewonnen": a party of another case is in the news
        # for another suit in that court, one the file does not list.
        regex, suing = _plaintiffs()
        if len(fitting) == 1 and fitting[0] not in links.cases and not any(
                _cases_of(p[0], suing) - set(fitting) for p in regex.finditer(sentence)) \
                and not _against_another(" ".join([*before, sentence]), fitting[0]):
            links.cases[fitting[0]] = [f"court:{mention.text}"]


def _against_another(text: str, slug: str) -> bool:
    """The paragraph says whom its suit is against, and that is a defendant of the file but none of the case's:
    "The parents ... sued OpenAI ... The complaint, filed in San Francisco Superior Court" is not Reddit's suit
    against Anthropic there. A defendant named otherwise ("ein mit Midjourney erstelltes Bild") says nothing."""
    regex, sued = _sued()
    return any(_cases_of(found.group("d"), sued) and slug not in _cases_of(found.group("d"), sued)
               for found in regex.finditer(text))


@lru_cache(maxsize=1)
def _sued() -> tuple[re.Pattern, dict[str, set[str]]]:
    """A defendant of the file after a word of whom a suit is against, and form (lower-cased) -> its cases."""
    sued: dict[str, set[str]] = {}
    for case in load_cases():
        for form in (f for p in case.get("defendants") or [] for f in party_forms(p)):
            sued.setdefault(form.lower(), set()).add(case["slug"])
    words = "|".join(re.escape(w) for w in sorted(every_language("suit_against"), key=len, reverse=True)) or "(?!)"
    names = _regex([f for case in load_cases() for p in case.get("defendants") or [] for f in party_forms(p)])
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:the\s+|die\s+|den\s+|das\s+)?(?P<d>{names.pattern})"), sued


def _by_judge(d: Described, sentence: str, links: Links) -> None:
    """"Im Verfahren gegen Anthropic hielt Richter William Alsup ...", "Mrs Justice Joanna Smith ruled ... that
    Stability AI's model ...": a judge named by title and a defendant, in a paragraph about a dispute, are the one
    case whose record names that judge and has that defendant (none if several: Judge Stein and OpenAI)."""
    for judge in courts.court_words().judge.finditer(sentence):
        surname = judge[1].split()[-1]
        fitting = {slug: found[0] for slug, names in _judged().items() if surname in names
                   and (found := d.defendants.get(slug, re.compile("(?!)")).search(sentence))}
        if len(fitting) == 1 and (slug := next(iter(fitting))) not in links.cases:
            links.cases[slug] = [f"judge:{' '.join(judge[0].split())} + {' '.join(fitting[slug].split())}"]


@lru_cache(maxsize=1)
def _judged() -> dict[str, frozenset[str]]:
    """Each case -> the surnames of the judges its record names by title."""
    return {c["slug"]: frozenset(j.split()[-1] for j in courts.judges(c.get("last_event") or "") if j.split())
            for c in load_cases()}


@lru_cache(maxsize=1)
def _speech() -> re.Pattern:
    verbs = {str(w) for lang in all_languages() for w in lang.entities.get("speech_verbs") or []}
    return re.compile(r"(?<!\w)(?:" + ("|".join(map(re.escape, sorted(verbs))) or "(?!)") + r")(?!\w)")


@lru_cache(maxsize=1)
def _settled() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{'|'.join(every_language('settled_words')) or '(?!)'})(?!\w)")


@lru_cache(maxsize=1)
def _courts() -> dict[str, tuple[dict, str]]:
    """Each case and its court with the news's names for it."""
    return {c["slug"]: (c, courts.court_names(c.get("court") or "", c.get("last_event") or "")) for c in load_cases()}


@lru_cache(maxsize=1)
def _by_city() -> dict[str, set[str]]:
    """City (lower-cased) -> the cases whose court names it: a mention is compared with those only."""
    out: dict[str, set[str]] = {}
    for city in courts.court_words().cities:
        for slug, (_, names) in _courts().items():
            if city.lower() in names.lower():
                out.setdefault(city.lower(), set()).add(slug)
    return out


@lru_cache(maxsize=1)
def _plaintiffs() -> tuple[re.Pattern, dict[str, set[str]]]:
    """Every form of every plaintiff, and form (lower-cased) -> its cases. Not the defendants: they are named as
    tools too ("ein mit Midjourney erstelltes Bild")."""
    suing: dict[str, set[str]] = {}
    forms: set[str] = set()
    for case in load_cases():
        for form in (f for p in case.get("plaintiffs") or [] for f in party_forms(p)):
            suing.setdefault(form.lower(), set()).add(case["slug"])
            forms.add(form)
    return _regex(list(forms)), suing


def _cases_of(found: str, suing: dict[str, set[str]]) -> set[str]:
    name = " ".join(found.split()).lower()
    return suing.get(name) or suing.get(re.sub(r"(?:'s|’s|s)$", "", name), set())



def _numbered(d: Described, fitting: dict, sentence: str) -> dict:
    """Of the same parties' suits, the n-th when the sentence says so ("a second lawsuit against Anthropic"),
    else the first: as linking.py chooses between two suits of one caption."""
    numbered = [slug for slug in fitting if slug in d.ordinals]
    if not numbered or len(numbered) == len(fitting):
        return fitting
    said = {n for n, pattern in caption_words().ordinals.items() if pattern.search(sentence)}
    chosen = {s: f for s, f in fitting.items() if d.ordinals.get(s, 1) in said}
    return chosen or {s: f for s, f in fitting.items() if s not in numbered}


def _by_people(d: Described, sentence: str, links: Links) -> None:
    fitting, lowered = {}, sentence.lower()
    for slug, people in d.people.items():
        if sum(surname in lowered for surname, _ in people) < 2:
            continue
        spans = {m.span(): m[0] for _, regex in people if (m := regex.search(sentence))}
        found = [text for (a, b), text in spans.items() if not any(x <= a and b <= y and (x, y) != (a, b)
                                                                   for x, y in spans)]
        if len(set(found)) >= 2 and (defendant := d.defendants[slug].search(sentence)):
            fitting[slug] = found + [defendant[0]]
    if len(fitting) == 1:
        slug, found = next(iter(fitting.items()))
        if slug not in links.cases:
            links.cases[slug] = ["plaintiffs:" + " + ".join(" ".join(f.split()) for f in found)]


def _by_subject(d: Described, sentence: str, headline: str, links: Links, before: list[str]) -> None:
    lowered = f"{sentence} {headline}".lower()
    found = {slug: m for slug, (regex, literals, _, _) in d.subjects.items()
             if any(w in lowered for w in literals) and (m := regex.search(sentence) or regex.search(headline))}
    if not found:
        return
    # Each court the sentence names gives the one case of that subject it fits: "Japan's IP High Court followed
    # the Full Federal Court of Australia ... DABUS" is two cases; a court two of them fit says neither.
    for court in courts.same_court_before(sentence, [headline, *before]) or courts.mentions(sentence):
        fitting = [slug for slug in found if courts.fits(court, d.subjects[slug][2], d.subjects[slug][3])]
        if len(fitting) == 1 and fitting[0] not in links.cases:
            links.cases[fitting[0]] = [f"subject:{found[fitting[0]][0]} + {court.text}"]

