"""Courts named in a sentence, and whether one is a case's court (the article linker's court evidence).

News rarely writes a court as the case file does: "High Court of Delhi" is "the Delhi High Court",
"Bundesgerichtshof" is "Germany's Federal Court of Justice", the Southern District of New York is
"federal court in Manhattan". A mention is a court word ("court", "judge", "Landgericht"...) with the
capitalised words around it ("Japan's Intellectual Property High Court", "Federal Court of Canada",
"a judge in Chicago", "Justice Tejas Karia", "the Ninth Circuit"), or a city after a word of litigation
("won an injunction in Delhi"). A judge's name is among the names of the courts of the cases whose record
names that judge. Two uses:

  * a mention *fits* a case when it names the case's country or nothing else, and each of its
    distinctive words (not a court word, not a country word) is in the case's `court` field, directly
    or among the news's names for a court it names (the language data's `court_aliases`: "Bundesgerichtshof"
    is also "Federal Court of Justice", the "Southern District of New York" also "Manhattan");
  * a mention *contradicts* a case when it names another country ("Federal Court of Canada" for a US
    case): a party pair in that sentence is then about another suit.

All words are data: each language's `linking: courts_named:` section (pipeline/data/languages/*/language.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.curated import load_gazetteer
from pipeline.languages import all_languages, languages_dir
from pipeline.understand.linking_words import caption_words

WORD = r"[A-ZÄÖÜ][\w.'’-]*"
ADJECTIVE_ENDING = "(?:e|en|er|es|em)?"  # German adjectives decline: "britische", "britischen" are "britisch"


@dataclass
class CourtWords:
    head: re.Pattern  # a court word alone: most sentences have none, and this is cheap to look for
    mention: re.Pattern  # a court word with the capitalised words around it
    generic: frozenset[str]  # words that say nothing about which court ("Court", "of", "Justice")
    countries: dict[str, str]  # country word ("Japan", "britische") -> jurisdiction code
    cities: dict[str, str]  # city or region ("Delhi", "Manhattan") -> jurisdiction code
    aliases: list[tuple[re.Pattern, str]]  # a court as the case file names it -> the news's names for it
    long_places: list[tuple[str, re.Pattern]]  # places of several words, longest first, each with its regex
    reported: tuple[re.Pattern, re.Pattern]  # "X reported", "according to X": X is the source, not a party
    judge: re.Pattern  # a judge's title and name ("Justice Tejas Karia"): group 1 is the name
    place: re.Pattern  # "in Delhi": a city after a join word; group 1 is the city
    same_court: re.Pattern  # "the same court": the court the paragraph last named


@dataclass
class Mention:
    text: str
    country: str | None  # the jurisdiction code a country or city word gives; None if it names none
    words: tuple[str, ...]  # its distinctive words


@lru_cache(maxsize=4)
def _court_words(directory: Path) -> CourtWords:
    sections = [lang.linking.get("courts_named") or {} for lang in all_languages()]
    heads = "|".join(h for s in sections for h in s.get("heads") or []) or "(?!)"
    places = [str(w) for s in sections for key in ("countries", "cities")
              for words in (s.get(key) or {}).values() for w in words]
    # Lower-case words may stand before a court too: "federal court", "der britische Supreme Court".
    lower = [re.escape(w) for s in sections for w in s.get("lower_case_words") or []]
    lower += [re.escape(w) + ADJECTIVE_ENDING for w in places if w[:1].islower()]
    before = rf"(?:(?:{WORD}|{'|'.join(lower) or '(?!)'})\s+){{0,5}}"
    joins = "|".join(w for s in sections for w in s.get("joins") or []) or "(?!)"
    after = rf"(?:\s+(?:(?:{joins})\s+(?:the\s+)?)?(?:{WORD}|[IVX]+\b))*"
    mention = re.compile(rf"(?<![\w.]){before}(?:{heads})(?!\w){after}")
    generic = frozenset(w for s in sections for w in s.get("generic") or [])
    countries = {str(w): code for s in sections for code, words in (s.get("countries") or {}).items()
                 for w in words}
    cities = {str(w): code for s in sections for code, words in (s.get("cities") or {}).items() for w in words}
    aliases = [(re.compile(rf"(?<!\w){re.escape(str(k))}(?!\w)"), " ".join(map(str, v)))
               for s in sections for k, v in (s.get("court_aliases") or {}).items()]
    long_places = [(p, re.compile(rf"(?<!\w){re.escape(p)}(?:'s|’s)?(?!\w)"))
                   for p in sorted(set(countries) | set(cities), key=len, reverse=True) if " " in p]
    after_words = "|".join(w for s in sections for w in s.get("reporting_after") or []) or "(?!)"
    before_words = "|".join(w for s in sections for w in s.get("reporting_before") or []) or "(?!)"
    reported = (re.compile(rf"\s*,?\s*(?:{after_words})(?!\w)"), re.compile(rf"(?<!\w)(?:{before_words})\s+(?:the\s+)?$"))
    titles = "|".join(w for s in sections for w in s.get("judge_titles") or []) or "(?!)"
    judge = re.compile(rf"(?<!\w)(?:{titles})\s+((?:[A-Z][\w.'’-]*\s?){{1,5}})")
    # "In Hangzhou, judges ...": a join that opens the sentence is capitalised.
    place_joins = "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for s in sections for w in s.get("place_joins") or [])
    place_joins = place_joins or "(?!)"
    city_names = "|".join(re.escape(c) for c in sorted(cities, key=len, reverse=True) if c[:1].isupper()) or "(?!)"
    # Not a city that begins a longer name: "in the Washington Post", "in New York Times v. OpenAI".
    place = re.compile(rf"(?<!\w)(?:{place_joins})\s+({city_names})(?!\w)(?![\s-]+[A-Z])")
    same = "|".join(w for s in sections for w in s.get("same_court") or []) or "(?!)"
    return CourtWords(re.compile(rf"(?:{heads})(?!\w)"), mention, generic, countries, cities, aliases, long_places,
                      reported, judge, place, re.compile(rf"(?i)(?<!\w)(?:{same})(?!\w)"))


def court_words() -> CourtWords:
    return _court_words(languages_dir())


def _bare(word: str) -> str:
    """A word as the data lists it: no possessive ("Japan's"), no adjective ending ("britischen")."""
    if re.fullmatch(r"(?:[A-Z]\.)+", word):  # "U.S.", "B.C." keep their full stops
        return word
    word = re.sub(r"(?:'s|’s)$", "", word).strip(".,")
    return re.sub(r"^([a-zäöü-]+isch)(?:e|en|er|es|em)$", r"\1", word)


@lru_cache(maxsize=2048)  # the linker, the subject and the described-case rules all ask of the same sentences
def mentions(sentence: str) -> tuple[Mention, ...]:
    """The courts a sentence names, each with its country (if it says) and its distinctive words.

    Besides court words: a city after a word of litigation ("won an injunction in Delhi", "sued Meta in
    California"), where the court sits; the word of litigation keeps out "the Delhi-based actor"."""
    words_data = court_words()
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for m in words_data.mention.finditer(sentence) if words_data.head.search(sentence) else ():
        spans.append(m.span())
        text = m.group(0).strip()
        country, distinctive = None, []
        # Places of several words first ("British Columbia", "San Francisco"), then single words.
        rest = text
        for place, pattern in words_data.long_places:
            if place in rest and pattern.search(rest):
                rest = pattern.sub(" ", rest)
                if place in words_data.cities:
                    distinctive.append(place)
                country = country or words_data.cities.get(place) or words_data.countries.get(place)
        for word in map(_bare, rest.split()):
            if word in words_data.countries:
                country = country or words_data.countries[word]
            elif word in words_data.cities:
                country = country or words_data.cities[word]
                distinctive.append(word)
            elif word[:1].isupper() and word not in words_data.generic:
                distinctive.append(word)
        shown = m.group(0).strip()
        if shown.endswith(".") and shown.rsplit(None, 1)[-1].count(".") == 1:  # a full stop, not "U.S."
            shown = shown[:-1]
        found.append(Mention(shown, country, tuple(distinctive)))
    for m in words_data.place.finditer(sentence):
        # "In Hangzhou, judges protected ...": a city that opens the sentence with a word for the court after it
        # ("In Delhi, Jackie Shroff spoke about his lawsuit" only says where the story is).
        opening = not sentence[:m.start()].strip() and words_data.head.search(sentence, m.end())
        if any(a <= m.start() < b for a, b in spans) or not (
                opening or caption_words().litigation.search(sentence, 0, m.start())):
            continue
        found.append(Mention(m.group(0), words_data.cities[m[1]], (m[1],)))
    return tuple(found)


def countries_named(paragraphs: list[list[str]]) -> dict[tuple[str, ...], set[str]]:
    """The countries the article gives each court it names by the same words: "Thaler asks Supreme Court"
    over "petitioned the U.S. Supreme Court" is the US's, not the UK's."""
    known: dict[tuple[str, ...], set[str]] = {}
    for paragraph in paragraphs:
        for sentence in paragraph:
            for m in mentions(sentence):
                if m.country and m.words:
                    known.setdefault(m.words, set()).add(m.country)
    return known


def placed(found: tuple[Mention, ...], known: dict[tuple[str, ...], set[str]]) -> tuple[Mention, ...]:
    """The mentions, a court named without its country given the one country the article names it with."""
    return tuple(Mention(m.text, next(iter(known[m.words])), m.words)
                 if not m.country and len(known.get(m.words, ())) == 1 else m for m in found)


def judges(record: str) -> list[str]:
    """The judges a case record names by title ("Justice Prathiba M. Singh granted ..."): the news may name
    the court by its judge."""
    return [" ".join(m[1].split()) for m in court_words().judge.finditer(record or "")]


def case_country(case: dict) -> str:
    return (case.get("jurisdiction") or "").split("-")[0]


def fits(mention: Mention, case: dict, names: str) -> bool:
    """The mention can be the case's court: no other country, and every distinctive word in the court field.

    A mention with neither a country nor a distinctive word ("the court") fits nothing: it says which court
    in no way."""
    if not mention.country and not mention.words:
        return False
    if mention.country and mention.country != case_country(case):
        return False
    court = names.lower()
    # A genitive names the same court: "des Bundesgerichtshofs" for the file's "Bundesgerichtshof".
    return all(_in(w.lower(), court) or len(w) > 5 and w[-1:] == "s" and (
        _in(w.lower()[:-1], court) or w[-2:] == "es" and _in(w.lower()[:-2], court)) for w in mention.words)


def _in(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def court_names(court: str, record: str = "") -> str:
    """The case file's court followed by the news's names for what it names ("... Southern District of New
    York Manhattan") and by the judges its record names, so a mention's words are looked up in one string."""
    extra = [names for pattern, names in court_words().aliases if pattern.search(court)]
    return " ".join([court] + extra + judges(record))


def contradicts(found: list[Mention], case: dict, sentence: str) -> bool:
    """The sentence places its court in another country than the case's, and names no place of the case's."""
    countries = {m.country for m in found if m.country}
    if not countries:
        return False
    country = case_country(case)
    if not country or country == "EU" or country in countries:
        return False
    data = court_words()
    places = [w for w, code in list(data.countries.items()) + list(data.cities.items()) if code == country]
    return not any(re.search(rf"(?<!\w){re.escape(p)}", sentence) for p in places)


def reported_by(sentence: str, start: int, end: int) -> bool:
    """The name at start:end is the source of the news ("the Asahi Shimbun reported", "according to Reuters"),
    not a party: an outlet that is a plaintiff somewhere reports on other courts' cases too."""
    after, before = court_words().reported
    return bool(after.match(sentence, end) or before.search(sentence[max(0, start - 30):start]))


@lru_cache(maxsize=1)
def _organisations() -> re.Pattern:
    names = {f for e in load_gazetteer() if e.get("type") == "ORG" for f in [e["name"], *e.get("aliases", [])]}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:'s|’s)?\s+(?:{alternatives})(?!\w)")


def owner_of_another(sentence: str, end: int) -> bool:
    """The name before `end` owns an organisation the sentence names ("Elon Musk's xAI accused OpenAI"): the
    sentence is about that organisation, not about the owner's own case."""
    # The name's pattern may have taken the possessive already.
    owned = sentence[max(0, end - 2):end] in ("'s", "’s") or sentence[end:end + 2] in ("'s", "’s")
    return owned and bool(_organisations().match(sentence, end))


def plaintiffs_in_court(sentence: str, mention: Mention, suing: dict, parties: dict, plaintiff_courts: dict,
                        hits: dict) -> None:
    """The plaintiffs in the sentence of the cases the court mention fits, into hits[(plaintiff, court)].

    `suing` and `plaintiff_courts` map a case to (plaintiffs' regex, literals, court names, case), `parties` to
    (plaintiffs' regex, defendants' regex). A name that is also a party of another case in that court (Warner
    Bros. Discovery sues Midjourney and is sued by Alcon, both in Los Angeles) is recorded with both cases:
    the court does not say which."""
    found = [(p.start(), p.end(), slug) for slug, (plaintiffs, _, court, case) in suing.items()
             if fits(mention, case, court) for p in plaintiffs.finditer(sentence)
             if not reported_by(sentence, p.start(), p.end()) and not owner_of_another(sentence, p.end())]
    if not found:
        return
    named = found + [(d.start(), d.end(), slug) for slug, (_, defendants) in parties.items()
                     if slug in plaintiff_courts and fits(mention, plaintiff_courts[slug][3], plaintiff_courts[slug][2])
                     for d in defendants.finditer(sentence)]
    for start, end, _slug in found:
        overlapping = [s for a, b, s in named if a < end and start < b]
        # Two plaintiffs "surnamed Li" in one court: the one whose file describes them as the sentence does ("a
        # university professor surnamed Li" for "Universitätsprofessor namens Li").
        told = [s for s in overlapping if _described(sentence, sentence[start:end], s, suing, plaintiff_courts)]
        overlapping = told if len(set(overlapping)) > 1 and len(set(told)) == 1 else overlapping
        hits.setdefault((" ".join(sentence[start:end].split()), mention.text), []).extend(overlapping)


def _described(sentence: str, surface: str, slug: str, suing: dict, plaintiff_courts: dict) -> bool:
    """A lower-case word of five letters or more of the case's plaintiffs, besides the name found, is in the
    sentence: how the file describes a plaintiff it names by surname only."""
    case = (suing.get(slug) or plaintiff_courts.get(slug) or (None, None, None, {}))[3]
    lowered, named = sentence.lower(), surface.lower()
    return any(w in lowered and w not in named for p in case.get("plaintiffs") or []
               for w in re.findall(r"(?<![\w-])[a-zäöü]{5,}(?![\w-])", p))


def disputed(paragraphs: list[list[str]], titled: bool) -> list[bool]:
    """Which paragraphs are about a dispute: a word of litigation, or a judge named by title ("Justice Prathiba
    Singh protected ..."), a word of consolidation ("the consolidated case"). A headline's word covers the lead paragraph under it: "Blade Runner producer sues
    Tesla" over "Alcon says Tesla used an image from the film after Alcon refused permission"."""
    words = caption_words()
    # "the consolidated copyright case against Google" is a dispute too.
    said = [any(words.litigation.search(s) or court_words().judge.search(s) or words.consolidated.search(s)
                for s in p) for p in paragraphs]
    if titled and len(said) > 1:
        said[1] = said[1] or said[0]
    return said


def same_court_before(sentence: str, before: list[str]) -> tuple[Mention, ...]:
    """"The same court ruled in Thaler's DABUS case": the courts of the last sentence before (or the headline, first
    in `before`) that names one by its country or its own words (not "Britain's top court", whose country stands
    before the court's words)."""
    if not court_words().same_court.search(sentence):
        return ()
    said = (tuple(m for m in mentions(s) if m.country or m.words) for s in reversed(before) if s)
    return next((found for found in said if found), ())


# Court words that say nothing about which court it is.
COURT_STOPWORDS = {"U.S.", "District", "Court", "Courts", "for", "the", "of", "and", "Northern", "Southern",
                   "Central", "Eastern", "Western", "Middle", "Justice", "High", "Appeals", "Circuit", "Division",
                   "Business", "Property", "Chancery", "transferred", "from", "to", "MDL", "No.", "Superior",
                   "Tribunal", "judiciaire", "reference", "Court's", "Zivilkammer", "appeal", "at", "Landgericht",
                   "Hanseatisches", "Oberlandesgericht", "Columbia", "Union", "European", "I"}
JURISDICTION_CUES = {
    "UK": ["London", "High Court", "British", "Britain", "England", "UK", "britisch\\w*", "Londoner"],
    "US": ["Delaware", "California", "New York", "Massachusetts", "federal court", "U.S.", "US-Gericht\\w*",
           "Bundesgericht"],
    "DE": ["München", "Munich", "Hamburg", "Landgericht", "LG"],
}


def cues_of(entry: dict) -> list[str]:
    """Words of a case's court and of its country that, in an article, say the case is that one (linking._choose):
    "Delaware", "London", "Landgericht"."""
    words = re.findall(r"[A-ZÄÖÜ][\w.'-]+", entry.get("court") or "")
    cues = [w for w in words if w not in COURT_STOPWORDS and len(w) > 2]
    return cues + JURISDICTION_CUES.get(entry.get("jurisdiction") or "", [])
