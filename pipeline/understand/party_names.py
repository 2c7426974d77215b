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
    "The Yomiuri Shimbun (Tokyo)", says where, not who).
The article linker (pipeline/understand/linking.py) builds its party patterns from these forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.curated import is_label_only, load_gazetteer
from pipeline.understand.courts import court_words
from pipeline.understand.linking_words import caption_words

# Legal suffixes dropped from party names: "Suno, Inc." is "Suno" in the news.
SUFFIX = re.compile(r",?\s+(?:Inc\.?|Co\.?|Corp\.?|Corporation|LLC|L\.P\.|LP|Ltd\.?|PBC|GmbH|e\.V\.|Pvt\.? Ltd\.?"
                    r"|et al\.?|and others|group companies)$")
INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")
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
    if INITIALS.match(name) and (rest := name[INITIALS.match(name).end():]).strip():
        initials = INITIALS.match(name).group(0).replace(".", "").split()
        found.update({"".join(initials) + " " + rest.strip(), " ".join(initials) + " " + rest.strip()})
    words = name.split()
    while len(words) > 1 and words[-1] in caption_words().name_suffixes:
        words = words[:-1]
        if _distinctive(" ".join(words)):
            found.add(" ".join(words))
    return found


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
    first = party.split()[0] if party.split() else ""
    if not first or (first[:1].islower() and first == first.lower()):
        return []
    gazetteer = party_aliases()
    words = caption_words()
    forms = {party, _strip_party(party)}
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
    for inner in re.findall(r"\((.*?)\)", party):
        for item in inner.split(","):
            forms.update(gazetteer.get(_norm(item), []))
    return sorted(f for f in forms if len(f) > 2)


def _surname(form: str) -> str | None:
    words = form.split()
    if len(words) in (2, 3) and all(w[:1].isupper() for w in words) and words[-1].isalpha() and len(words[-1]) > 3:
        return words[-1]
    return None
