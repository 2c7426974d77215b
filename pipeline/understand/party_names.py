"""The surface forms of a party of a curated case: how the news writes "Suno, Inc." or "R. Madhavan".

A party's forms are its name as the case file writes it, trimmed of legal suffixes, with the gazetteer's aliases
(pipeline/data/gazetteer.jsonl), and with the shorter ways news writes names:
  * initials without full stops: "R Madhavan" for "R. Madhavan", "JB MacKinnon" for "J.B. MacKinnon";
  * a name without its generic last words (each language's `linking: name_suffixes`: AI, Holdings, Records...):
    "Strike 3" for "Strike 3 Holdings", "Caseway" for "Caseway AI". Not when what is left is one word that is
    also an ordinary word or another actor's name (`linking: not_short_names`: "Stability", "Warner"), or
    shorter than five letters;
  * the one name in brackets at the end of a party: "Cameo" for "Baron App (Cameo)" (a list in brackets, as in
    "Penske Media (Rolling Stone, Billboard, Variety)", names mastheads and gives no form; a place, as in
    "The Yomiuri Shimbun (Tokyo)", says where, not who);
  * a person without the initials before or inside the name: "Molly Tanzer" for "E. Molly Tanzer", "Prathiba
    Singh" for "Prathiba M. Singh";
  * the acronym a name starts with: "RAI" for "RAI Radiotelevisione Italiana", "UMG" for "UMG Recordings";
  * a company's registered name without its city and generic words: "Tencent" for "Shenzhen Tencent Computer
    System";
  * a publisher by a masthead it lists in brackets: "the Rolling Stone publisher", "the owner of Billboard";
  * a person a court names by title and surname ("Ms. Yin", "a professor surnamed Li", the usage of Chinese
    courts) as the news does: "surnamed Yin" (each language's `linking: honorifics` and `surnamed`).
The article linker (pipeline/understand/linking.py) builds its party patterns from these forms. Whether a party
is a person or an organisation (`looks_like_person`), and a case by the first word of its caption with a word for
a case ("the Kadrey case", `by_caption_word`), are decided here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.curated import is_label_only, load_cases, load_gazetteer
from pipeline.languages import all_languages
from pipeline.records import Links
from pipeline.understand.courts import court_words, cues_of
from pipeline.understand.linking_words import caption_words, every_language

# Legal suffixes dropped from party names: "Suno, Inc." is "Suno" in the news.
SUFFIX = re.compile(r",?\s+(?:Inc\.?|Co\.?|Corp\.?|Corporation|LLC|LLP|L\.P\.|LP|Ltd\.?|PBC|PLC|GmbH|AG|SE|e\.V\.|Pvt\.? Ltd\.?"
                    r"|et al\.?|and others|group companies)$")
INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")
# One middle initial ("Prathiba M. Singh"); not two ("George R.R. Martin" is never "George Martin").
MIDDLE_INITIAL = re.compile(r"(?<=[a-z])\s+[A-Z]\.\s+(?=[A-Z][a-z])")
# An acronym of three capitals or more that a longer name starts with ("RAI Radiotelevisione Italiana").
ACRONYM = re.compile(r"([A-Z]{3,})\s+[A-Z][a-z]")
SHORT_NAME_LETTERS = 5  # a one-word name left after dropping its generic words has at least this many


@lru_cache(maxsize=1)
def party_aliases() -> dict[str, list[str]]:
    """Normalised surface form -> every surface form of the same actor, from the gazetteer."""
    forms: dict[str, list[str]] = {}
    for entry in load_gazetteer():
        surfaces = list(entry.get("aliases", [])) + list(entry.get("aliases_de", []))
        if not is_label_only(entry["name"]):
            surfaces.append(entry["name"])
        for surface in surfaces:
            forms[_norm(surface)] = surfaces
    return forms


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _strip_party(party: str) -> str:
    party = re.sub(r"\s*\(.*?\)", "", party).strip()
    party = re.sub(r"^The\s+", "", party)
    while True:
        shorter = SUFFIX.sub("", party).strip(" ,")
        if shorter == party:
            return party
        party = shorter


def _distinctive(name: str) -> bool:
    """A shortened name is still a name: several words, or one long word that is no ordinary word."""
    words = name.split()
    if not words or not name[:1].isupper() and not name[:1].isdigit():
        return False
    if len(words) > 1:
        return words[-1][-1:].isalnum()  # not "Guardian News &", "Andrea Bartz,"
    return len(name) >= SHORT_NAME_LETTERS and name not in caption_words().not_short_names


def shorter_forms(name: str) -> set[str]:
    """What news writes for a name: initials without full stops, the name without its generic last words."""
    found = set()
    lead = INITIALS.match(name)
    rest = name[lead.end():].strip() if lead else ""
    if rest:
        initials = lead.group(0).replace(".", "").split()
        found.update({"".join(initials) + " " + rest, " ".join(initials) + " " + rest})
    # "E. Molly Tanzer": the news drops an initial before a given name, but "J.B. MacKinnon" keeps his.
    if len(rest.split()) >= 2 and all(w[:1].isupper() and w[1:2].islower() for w in rest.split()):
        found.add(rest)
    if MIDDLE_INITIAL.search(name) and not lead:
        found.add(MIDDLE_INITIAL.sub(" ", name))  # "Prathiba M. Singh" is "Prathiba Singh"
    acronym = ACRONYM.match(name)
    if acronym and acronym[1] not in caption_words().not_short_names:
        found.add(acronym[1])
    words = name.split()
    while len(words) > 1 and words[-1] in caption_words().name_suffixes:
        words = words[:-1]
        if _distinctive(" ".join(words)):
            found.add(" ".join(words))
        # A company's registered name starts with its city: "Shenzhen Tencent Computer System" is "Tencent".
        # Only names that had generic words dropped: "Chicago Tribune" is not "Tribune".
        if len(words) > 1 and words[0] in court_words().cities and _distinctive(" ".join(words[1:])):
            found.add(" ".join(words[1:]))
    return found


def court_forms(party: str) -> set[str]:
    """Shorter forms too short to name a party alone ("Mofa" for "Mofa Information Technology"), which a sentence
    naming the party's court may use: "Das Internetgericht Hangzhou hat der Firma Mofa Recht gegeben"."""
    words = party.split()
    while len(words) > 1 and words[-1] in caption_words().name_suffixes:
        words = words[:-1]
    name = " ".join(words)
    if len(words) == 1 and name != party and len(name) >= 3 and name[:1].isupper() and not name.isupper() \
            and name not in caption_words().not_short_names:
        return {name}
    return set()


def _bracketed(party: str) -> set[str]:
    """"Baron App (Cameo)": the one name in brackets at the end, if it is a name (not "voice actor", "Tokyo")."""
    inner = re.search(r"\(([^(),]+)\)$", party)
    name = inner[1].strip() if inner else ""
    places = court_words()
    if not _distinctive(name) or name in places.cities or name in places.countries:
        return set()
    return {name}


def party_forms(party: str) -> list[str]:
    """Surface forms of one party: its own name, trimmed, its shorter forms, plus the gazetteer's aliases.

    Descriptions ("other authors", "certified class of ...") have no form: their
    first word is a lower-case word. A name may start with a lower-case letter as long as
    its first word has a capital in it ("xAI", "eBay", "iHeartMedia"), or with a digit ("5th Wheel Records").
    A person is also named with the other form of the given name ("Tony Justice" for "Anthony Justice"),
    and one who sues for someone by that someone ("George Carlin" for "Estate of George Carlin").
    """
    return list(_party_forms(party))


@lru_cache(maxsize=4096)  # the linker's rules each ask for the forms of the same parties when they are built
def _party_forms(party: str) -> tuple[str, ...]:
    words = caption_words()
    first = party.split()[0] if party.split() else ""
    named = _surnamed(party)
    if not first or (first[:1].islower() and first == first.lower()):
        return tuple(sorted(named))  # a description, unless it gives a surname: "a professor surnamed Li"
    gazetteer = party_aliases()
    forms = {party, _strip_party(party)} | named
    for prefix in words.on_behalf_of:
        if party.startswith(prefix + " "):
            forms.add(_strip_party(party[len(prefix) + 1:]))
            break
    forms |= shorter_forms(_strip_party(party)) | _bracketed(party)
    for form in list(forms):
        given, _, rest = form.partition(" ")
        if _surname(form):
            forms.update(f"{variant} {rest}" for variant in words.name_variants.get(given, ()))
    for candidate in list(forms):
        forms.update(gazetteer.get(_norm(candidate), []))
    # A parenthesis may name the brand: "Uncharted Labs (Udio)". Gazetteer names count wherever they stand.
    # Its names are also mastheads the party is named by: "the Rolling Stone publisher" (not a place).
    places = court_words()
    for inner in re.findall(r"\((.*?)\)", party):
        for item in map(str.strip, inner.split(",")):
            forms.update(gazetteer.get(_norm(item), []))
            if _distinctive(item) and item not in places.cities and item not in places.countries:
                forms.update(template.replace("{m}", item) for template in words.masthead_owner)
    return tuple(sorted(f for f in forms if len(f) > 2))


def _surnamed(party: str) -> set[str]:
    """"Ms. Yin (voice actor)" and "a professor surnamed Li": the person as "surnamed Yin", "surnamed Li"."""
    words = caption_words()
    bare = re.sub(r"\s*\(.*?\)", "", party).strip()
    surname = None
    for title in words.honorifics:
        rest = bare[len(title):].strip() if bare.startswith(title + " ") else ""
        if re.fullmatch(r"[A-Z][a-z]+", rest):
            surname = rest
            break
    for word in words.surnamed:
        found = re.search(rf"(?<!\w){re.escape(word)}\s+([A-Z][a-z]+)$", bare)
        surname = surname or (found[1] if found else None)
    # A party of one short word is a person a court names by surname too ("Li v. Liu"): its "surnamed Li" must
    # clash with the professor's, so that a court of both cases says which in no way.
    if re.fullmatch(r"[A-Z][a-z]{1,3}", bare):
        surname = surname or bare
    return {f"{word} {surname}" for word in words.surnamed} if surname else set()


def _surname(form: str) -> str | None:
    words = form.split()
    if len(words) in (2, 3) and all(w[:1].isupper() for w in words) and words[-1].isalpha() and len(words[-1]) > 3:
        return words[-1]
    return None


def called_by_short_name(case: dict) -> list[str]:
    """A plaintiff the case's own short name calls by one word of the name, as the news does: "Nagarjuna
    personality-rights case" for "Akkineni Nagarjuna" (a family name first, the name the person goes by last).
    Not from a caption ("Thaler v. Perlmutter": a surname that needs the full name once, see linking.py), and
    not a word too short or too ordinary to be a name on its own."""
    short = case.get("short_name") or ""
    if not short or caption_words().has_connector.search(short):
        return []
    first = short.split()[0]
    # ... or by the first word, a title the person goes by: "Sadhguru personality-rights case" for "Sadhguru
    # Jagadish Vasudev" (the short name opens with it; never a given name, "Karan Johar case" is Karan Johar's).
    return [first for p in case.get("plaintiffs") or [] if len(p.split()) > 1 and _distinctive(first)
            and (p.split()[-1] == first or p.split()[0] == first and first not in caption_words().given_names
                 and not short.startswith(" ".join(p.split()[:2])))]


def sued_once(cases: list[dict], forms: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each party form (lower-cased) -> the cases it is a party of; a plaintiff anywhere counts as another case."""
    found: dict[str, set[str]] = {}
    for case in cases:
        for side in ("plaintiffs", "defendants"):
            for form in (f for p in case.get(side) or [] for f in forms[p]):
                found.setdefault(form.lower(), set()).add(case["slug"] if side == "defendants" else "")
    return found


def suing(cases: list[dict], forms: dict[str, list[str]]) -> dict[str, set[str]]:
    """Each plaintiff form (lower-cased) -> the forms of the defendants it sues outside "In re" cases."""
    found: dict[str, set[str]] = {}
    for case in cases:
        if not case["name"].startswith("In re"):
            for form in (f for p in case.get("plaintiffs") or [] for f in forms[p]):
                found.setdefault(form.lower(), set()).update(
                    f.lower() for d in case.get("defendants") or [] for f in forms[d])
    return found


def gathered_plaintiffs(case: dict, sues: dict[str, set[str]], forms: dict[str, list[str]]) -> list[str]:
    """The forms of an "In re" case's plaintiffs who sue its defendants in no member suit of their own ("Stewart
    O'Nan" in In re Mosaic LLM); not one whose name is inside a member suit's plaintiff's ("Daily News" of the
    OpenAI MDL, "New York Daily News" of its member suit)."""
    here = {f.lower() for d in case.get("defendants") or [] for f in forms[d]}
    theirs = [g for g, them in sues.items() if them & here]
    return [f for p in case.get("plaintiffs") or [] if not any(_within(f.lower(), g) for f in forms[p] for g in theirs)
            for f in forms[p]]


def _within(a: str, b: str) -> bool:
    """One name inside the other, word for word: "Daily News" and "New York Daily News"."""
    short, long = sorted((a, b), key=len)
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def in_re_name(case: dict) -> re.Pattern:
    """What the news calls an "In re" case besides "consolidated": a word of its name that is neither a party's
    nor generic, then a word for a suit (`in_re_nouns`): "the Clearview AI privacy litigation", "the privacy class
    action against Clearview AI" for "In re Clearview AI, Inc. Consumer Privacy Litigation"."""
    langs = [lang.linking for lang in all_languages()]
    generic = {str(w).lower() for data in langs for w in data.get("bill_generic") or []} | {"inc", "litigation"}
    parties = {w.lower() for d in case.get("defendants") or [] for f in party_forms(d) for w in f.split()}
    words = [w for w in re.findall(r"[A-Z][\w-]{3,}", case["name"].removeprefix("In re "))
             if not w.isupper() and w.lower() not in generic | parties]
    nouns = "|".join(str(w) for data in langs for w in data.get("in_re_nouns") or []) or "(?!)"
    if not words:
        return re.compile("(?!)")
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(map(re.escape, words))})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?!\w)")


def members(case: dict, cases: list[dict]) -> frozenset[str]:
    """The suits an "In re" case gathers, as far as the file tells: those against its defendants in its court, or
    whose court says they went into an MDL ("now in MDL No. 3143, S.D.N.Y.")."""
    here = {d.lower() for d in case.get("defendants") or []}
    district = re.sub(r"^U\.S\. District Court for the ", "", case.get("court") or "")
    return frozenset(c["slug"] for c in cases if c is not case and here & {d.lower() for d in c.get("defendants") or []}
                     and (district and district in (c.get("court") or "") or "MDL" in (c.get("court") or "")))


def forms_of(cases: list[dict]) -> dict[str, list[str]]:
    """Each party of the cases -> its forms, worked out once for all the rules that build on them."""
    return {p: party_forms(p) for case in cases for side in ("plaintiffs", "defendants") for p in case.get(side) or []}


def looks_like_person(party: str) -> bool:
    """"Abdi Nazemian", "Stewart O'Nan": two or three capitalised words, none an organisation's."""
    words = re.sub(r"\s*\(.*?\)", "", party).split()
    return (len(words) in (2, 3) and all(re.fullmatch(r"[A-ZÄÖÜ][\w'’-]+", w) for w in words)
            and not set(words) & organisations()[0] and " ".join(words).lower() not in organisations()[1])


@lru_cache(maxsize=1)
def organisations() -> tuple[frozenset[str], frozenset[str]]:
    """The words that make a name an organisation's, and the gazetteer's organisations (lower-cased)."""
    named = {f.lower() for e in load_gazetteer() if e.get("type") != "PERSON" for f in [e["name"], *e.get("aliases", [])]}
    return frozenset(every_language("organisation_words")) | caption_words().name_suffixes, frozenset(named)


def by_caption_word(sentence: str, links: Links) -> None:
    """"Chhabria gab Meta im Fall Kadrey recht", "the Kadrey case": the first word of a case's caption ("Kadrey v.
    Meta") with a word for a case names that case, when no other case's caption opens with it ("the Getty case"
    is the US or the UK suit, unless the sentence names the place of one's court) and it is a plaintiff's surname or
    one-word name ("Raw", "Daily" are not)."""
    regex, slugs = _caption_words()
    for found in regex.finditer(sentence):
        fitting = slugs[found.group("before") or found.group("after")]
        # Several: the one whose court's place the sentence names ("the Getty ruling in London").
        fitting = fitting if len(fitting) == 1 else [s for s in fitting if _cues()[s].search(sentence)]
        if len(fitting) == 1 and fitting[0] not in links.cases:
            links.cases[fitting[0]] = [f"name:{' '.join(found[0].split())}"]


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    return {case["slug"]: re.compile(r"(?<!\w)(?:" + ("|".join(w if "\\" in w else re.escape(w) for w in cues_of(case))
                                                    or "(?!)") + r")(?!\w)") for case in load_cases()}


@lru_cache(maxsize=1)
def _caption_words() -> tuple[re.Pattern, dict[str, list[str]]]:
    words = caption_words()
    firsts: dict[str, set[str]] = {}
    for case in load_cases():
        short = case.get("short_name") or ""
        first = short.split()[0] if short.split() else ""
        # The word must be a plaintiff's surname or a plaintiff's name of one word: not "Raw Story", "Daily News".
        plaintiffs = [re.sub(r"\s*\(.*?\)", "", p).strip() for p in case.get("plaintiffs") or []]
        own = {p.split()[-1] for p in plaintiffs if looks_like_person(p)} | {
            f for p in case.get("plaintiffs") or [] for f in party_forms(p) if " " not in f}
        if words.has_connector.search(short) and re.fullmatch(r"[A-ZÄÖÜ][\w'’-]{2,}", first) and first in own \
                and first not in words.not_short_names and first not in words.given_names:
            firsts.setdefault(first, set()).add(case["slug"])
        # ... or a plaintiff's name of several words that opens the short name: "the Thomson Reuters ruling".
        for form in {f for p in case.get("plaintiffs") or [] for f in party_forms(p) if " " in f}:
            if short.startswith(form + " ") and words.has_connector.search(short[len(form):]):
                firsts.setdefault(form, set()).add(case["slug"])
    slugs = {w: sorted(s) for w, s in firsts.items()}
    names = "|".join(re.escape(w) for w in sorted(slugs, key=len, reverse=True)) or "(?!)"
    before = "|".join(every_language("case_word_before")) or "(?!)"
    after = "|".join(every_language("case_word_after")) or "(?!)"
    return re.compile(rf"(?<!\w)(?:(?:{before})\s+(?P<before>{names})(?!\w)(?![\s-]+[A-ZÄÖÜ])|"
                      rf"(?P<after>{names})(?:'s|’s)?(?:\s+|(?=-))(?:{after})(?!\w))"), slugs


def masthead_forms(forms: list[str]) -> list[str]:
    """"The New York Times ... The Times is separately litigating": a masthead of three words or more by its last
    word (`mastheads`), for the article that names it in full (linking.py widens the forms only then)."""
    mastheads = _mastheads()
    return [f"{the} {last}" for f in forms if len(f.split()) >= 3 and (last := f.split()[-1]) in mastheads
            for the in ("The", "the")]


@lru_cache(maxsize=1)
def _mastheads() -> frozenset[str]:
    return frozenset(every_language("mastheads"))


@lru_cache(maxsize=1)
def organisation_norms() -> frozenset[str]:
    """The gazetteer's organisations, normalised as `_norm` does: a person's surname is not theirs alone."""
    return frozenset(_norm(f) for e in load_gazetteer() if e.get("type") != "PERSON"
                     for f in [e["name"], *e.get("aliases", [])])
