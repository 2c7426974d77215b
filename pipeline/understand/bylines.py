"""Bylines: from the author strings a page gives to the people (or named desks) who wrote it.

What pages put in their author fields is messy: profile URLs, "By" and a role
("By TOM KRISHER, AP Auto Writer"), a date run on ("Jeff Foust Monday"),
credentials that a comma split makes into people (['Ilana Muhlstein', 'MS',
'RDN']), the site itself ('Admin', the outlet's name). `clean_authors` keeps
the names. The words it needs (by, and, roles, credentials, weekdays, months,
words that are no author) are each language's data (`byline:` and `months:`
in language.yaml, gathered in byline_words.py), used together: a German page may
carry an English byline. The figures on a labelled set of real bylines are in docs/understanding.md
(bench/bylines.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from pipeline.languages import languages_dir
from pipeline.understand.byline_shapes import after_kicker, dateline, inverted, phrase, run_together
from pipeline.understand.byline_words import Words, load_words
from pipeline.understand.site_names import SiteNames, _labels, squash

MAX_WORDS = 6  # a name longer than this is a sentence, a caption or a menu, not a byline
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
DASH = re.compile(r"\s+[-–—]\s+")
# "Amy Kuperinsky | NJ Advance Media", "Pete Evans · CBC News", "Joanna Connors; The Plain Dealer" (trafilatura joins
# the parts of a byline with "; "): a name, then another or its credit
BAR = re.compile(r"\s*[|·•;\n、]\s*")  # and the Japanese comma between credits
HANDLE = re.compile(r"[a-z][a-z._-]*\d+")
HANDLE_AFTER = re.compile(r"^(.+?)\s*\(([\w.-]{2,40})\)$")
SIGN_AFTER = re.compile(r"(?<=\w)\s*\([^\W\d_A-Z]{2,4}\.?\)$")  # "Elena Oberholzer (obe)": the writer's sign
EMBEDDED_URL = re.compile(r"\(?\s*(?:https?://|www\.)\S+\s*\)?|\S+@\S+\.\w+", re.I)
# Profile paths whose last part is the author's name: /author/madeline-fry, /people/jane-doe/.
PROFILE = re.compile(r"/(?:authors?|by|people|person|profiles?|staff|writers?|contributors?|autor(?:en)?|auteurs?|"
                     r"source|journalistes?)/"
                     r"([a-z][a-z'’-]*[a-z])/?$", re.I)


def _from_url(value: str) -> str | None:
    """A profile URL's name ("…/author/madeline-fry" -> "Madeline Fry"); None for any other URL."""
    path = urlsplit(value if "//" in value else "//" + value).path
    match = PROFILE.search(unquote(path))
    if not match:
        return None
    # "…/contributors/olivia-nuzzihtml": the page's ".html", its dot lost, is no part of the name
    words = [w for w in re.split(r"[-_]+", re.sub(r"(?<=[a-z]{3})\.?html?$", "", match.group(1))) if w]
    # Two to four words make a clear name ("madeline-fry"); one ("jdoe", "newsdesk") may be a handle or a desk.
    if not 2 <= len(words) <= 4:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _title_case(name: str) -> str:
    """ALL-CAPS names become title case ("TOM KRISHER" -> "Tom Krisher", "O'NEIL" -> "O'Neil");
    a name in mixed case is left as its owner writes it ("Michiel de Jong", "danah boyd")."""
    def titled(word: str) -> str:
        # Roman numerals stay ("JOHN ROE III" -> "John Roe III")
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0) if re.fullmatch("I{2,3}|IV", m.group(0))
                      else m.group(0)[:1] + m.group(0)[1:].lower(), word)

    if name.isupper() and sum(c.isalpha() for c in name) > 3:
        return titled(name)
    # "Patrick ANGEVIN": a surname in capitals beside a given name as written (the French style); words of
    # up to three capitals ("AJ Taylor", "Le Monde with AFP") are initials or acronyms and stay.
    tokens = name.split()
    if 2 <= len(tokens) <= 3 and all(t.isalpha() for t in tokens) and tokens[-1].isupper() and len(tokens[-1]) > 3 \
            and all(t[:1].isupper() and t[1:].islower() for t in tokens[:-1]):
        return " ".join(tokens[:-1] + [titled(tokens[-1])])
    return name


def _credential(token: str, words: Words) -> bool:
    """"MS", "RDN", "PhD", "Ph.D.": letters written as such; "Ma" and "Do" are surnames (Yo-Yo Ma, Minh Do)."""
    bare = token.replace(".", "")
    return bare.lower() in words.credentials and bare != bare.capitalize()


def _is_credential(part: str, words: Words) -> bool:
    tokens = [t for t in re.split(r"[\s,]+", part) if t]
    return bool(tokens) and all(_credential(t, words) for t in tokens)


def _is_role(part: str, words: Words, after_comma: bool = True) -> bool:
    """A title, not a name: it ends in a role word ("AP Auto Writer", "CNN Editor-at-large", "Senior Writer").

    After a comma that is enough; standing alone, "Jane Writer" is a name, so a role also needs an
    agency in capitals, a third word, or role words only.
    """
    tokens = part.split()
    roots = [re.split(r"[-–]", t.lower().strip(".,"))[0] for t in tokens]
    if not tokens or roots[-1] not in words.roles:
        return False
    return after_comma or len(tokens) >= 3 or all(r in words.roles for r in roots) \
        or any(t.isupper() and len(t) > 1 for t in tokens) or "-" in tokens[-1]


def _is_outlet(part: str, words: Words, alone: bool = False) -> bool:
    """"The Washington Post", "Washington Post": capitalised words ending in a publication word; "The Plain
    Dealer": capitalised words after "The" (a person's name has no article). Alone (after a comma or a bar, not
    run on after a name, where "Rita de Souza Harbor Daily UK" would cut the name), also with one more word, its
    section ("USA TODAY Sports")."""
    tokens = part.split()
    return len(tokens) >= 2 and (tokens[-1].lower() in words.outlets or tokens[0] == "The"
                                 or (alone and len(tokens) >= 3 and tokens[-2].lower() in words.outlets)) \
        and all(t[:1].isupper() for t in tokens)


def _is_generic(tokens: list[str], words: Words) -> bool:
    """A company or a desk: "Olympia-Verlag GmbH", "Deutscher Caritasverband e. V", "PETA-Team", "Ascii編集部"."""
    found = {t.lower() for t in tokens} | {p.lower() for t in tokens for p in re.split(r"[-/]", t)}
    found |= {(a + b).lower().rstrip(".") for a, b in zip(tokens, tokens[1:], strict=False)}
    if found & words.generic:
        return True
    # Written on to a word, after it or before it: "Ascii編集部", "北京新浪網", "株式会社イルグルム".
    # A single character ("網", net) only at the end: "網" or "社" may start a word of a name.
    return any(t.endswith(g) or (len(g) >= 2 and t.startswith(g)) for t in tokens for g in words.generic
               if not g.isascii())


def _dashed(piece: str, words: Words, site: SiteNames) -> list[str]:
    """"Matthias Hille - Lukas Balbach", "unocero - Alberto Ávila": a dash between spaces joins two names, or the
    site or an agency and a name, when every side is a name of two words or more, the site or an agency; "PMJS -
    Coordenadoria de TI" (a desk's name) and "Jean-Paul" (no spaces) stay whole."""
    sides = [s.strip() for s in DASH.split(piece)]
    if len(sides) > 1 and all(len(s.split()) >= 2 or site.is_site(s) or s.casefold() in words.agencies
                              for s in sides if s):
        return [s for s in sides if s]
    return [piece]


def _pieces(value: str, words: Words, site: SiteNames) -> list[str]:
    """The names of a list ("A and B; C"), each with what a bar or a dash adds: another name, or the name's
    outlet or agency, which goes ("Tom Rask | The Plain Dealer", "Lena Ode - Reuters"): a credit after a name
    belongs to it. Joined by "and", an agency is a co-author ("Lena Ode and The Associated Press")."""
    found = []
    for listed in words.joins.split(value):
        after_site = False
        # which pieces follow a ";": trafilatura joins the separate author entries it found with "; "
        entries = [(k > 0 and sep.strip() == ";", d) for k, (b, sep) in enumerate(
            zip(BAR.split(listed), [""] + BAR.findall(listed), strict=True)) for d in _dashed(b, words, site)]
        for i, (own_entry, piece) in enumerate(entries):
            tokens = piece.split()
            # "DANICA KIRKA; JILL LAWLESS Associated Press": a name in capitals, then its agency, is a name
            wire = len(tokens) > 2 and tokens[0].isupper() and tokens[1].isupper() and not piece.isupper()
            # an agency that is an entry of its own is a co-author ("JORDAN ROBERTSON; RACHEL METZ; AP"); after a bar
            # or a dash it is the name's credit ("Lena Ode - Reuters")
            agency = piece.casefold() in words.agencies
            if i > 0 and not wire and not (agency and own_entry) and (_is_outlet(piece, words, alone=True) or agency):
                continue
            if own_entry and i == len(entries) - 1 and i >= 2 and dateline(piece, entries[i - 1][1], words):
                continue  # "Monika Bolliger; Anna Trechsel; Sweidah": after a list of names, the last word its place
            if after_site and len(piece.split()) == 1:
                continue  # "ELLE com; Life; Love News": the site, then its sections
            after_site = bool(piece) and site.is_site(piece)
            found.append(piece)
            tokens = piece.split()
            if any(site.is_site(" ".join(tokens[j:])) for j in range(2, len(tokens))):
                break  # "Caio Quero BBC Brasil; Santa Maria": a name and the site's credit, then its dateline
    return found


def _parts(value: str, words: Words, site: SiteNames) -> list[str]:
    """One author string to its names: joined by "and"/"&"/";", or by commas between names.

    After a comma comes another name, a role ("AP Auto Writer"), credentials ("MS, RDN") or, after a name
    in capitals (the wire style), its agency ("MEG KINNARD, Associated Press"): the last three end the names
    of that part. "Jong, Michiel de" (a surname, a comma, given names ending in a particle) is one name.
    """
    names = []
    for piece in _pieces(value, words, site):
        # "Finian Cunningham. Sputnik International": a full stop after a name (not after an initial, as in
        # "Dana A. Ford") ends it; what follows is its outlet.
        piece = re.split(r"(?<=\w{3})\.\s+(?=[A-Z])", piece)[0]
        pieces = [p.strip() for p in piece.split(",")]
        if len(pieces) > 1 and site.is_name(pieces[0]):
            continue  # "taz, die tageszeitung": the site, then its long name
        if len(pieces) == 2 and len(pieces[0].split()) == 1 and len(pieces[1].split()) >= 2 \
                and pieces[1].split()[-1].islower():
            names.append(f"{pieces[1]} {pieces[0]}")  # "Jong, Michiel de" -> "Michiel de Jong"
            continue
        if len(pieces) == 2 and inverted(pieces, words):
            names.append(f"{pieces[1]} {pieces[0]}")  # "Harm, Robert" -> "Robert Harm"
            continue
        in_capitals = pieces[0].isupper()
        if len(pieces) > 1 and _is_generic(pieces[0].split(), words):
            continue  # "Olympia-Verlag GmbH, Nürnberg, Germany": a company and its address
        for i, part in enumerate(pieces):
            if not part:
                continue
            if i > 0 and names and part.strip(".").casefold() in words.suffixes:
                names[-1] += " " + part  # "John Roe, Jr." -> "John Roe Jr."
                continue
            if i > 0 and (_is_credential(part, words) or _is_role(part, words) or _is_outlet(part, words, alone=True)
                          or (in_capitals and not part.isupper()) or part.split()[0].casefold() in words.before_place
                          or (part.casefold() in words.agencies and len(pieces[i - 1].split()) >= 2)):
                break  # "Jane Roe, Reuters": an agency after a name is that name's outlet
            if 0 < i < len(pieces) - 1 and len(part.split()) == 1 and len(pieces[i - 1].split()) >= 2 \
                    and len(pieces[i + 1].split()) >= 2:
                continue  # "Markus M. Haefliger, London, Beat Bumbacher": one word between names is a dateline
            names.append(part)
    return names


def _trim_tail(part: str, words: Words, site: SiteNames, named: SiteNames) -> str:
    """"Howard Blume Staff Writer", "Meg Wagner NEW YORK DAILY NEWS", "Sam Stein Senior Politics Editor": a name
    of two or more words, then a role or the outlet in capitals, without a comma between them (or in brackets:
    "Lena Ode (Reuters)"); "Lena Ode in Leeds": a dateline."""
    tokens = re.sub(r"[()]", " ", part).split()
    if len(tokens) >= 3 and tokens[-1].lower() in words.generic:
        # "Haris LifeBuzz Staff", "Lisa Be LifeBuzz Staff": a person, then the site's staff credit by the site's
        # own name (by its address, "Motley Fool Staff" on fool.com would be cut to "Motley")
        cut = next((i for i in range(1, len(tokens) - 1) if named.is_name(" ".join(tokens[i:-1]))), None)
        if cut and not site.is_site(" ".join(tokens[:cut])) and all(t[:1].isupper() for t in tokens[:cut]):
            return " ".join(tokens[:cut])
    if len(tokens) < 3 or site.is_site(part) or tokens[-1].lower() in words.generic:
        return part  # "NJ Advance Media for NJ.com", "Science X staff": the site or its credit, left whole
    if len(tokens) == 3 and tokens[0].casefold() in words.given and tokens[1].lower() not in words.outlets \
            and tokens[2].lower() in words.outlets and all(t[:1].isupper() and t.isalpha() for t in tokens):
        return " ".join(tokens[:2])  # "Kelly Sheridan News": a given name and a surname, then a section's word
    for i in range(2, len(tokens)):
        rest = " ".join(tokens[i:])
        if tokens[i].casefold() in words.before_place and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            return " ".join(tokens[:i])
        role = tokens[i].lower().strip(".,") in words.roles | words.generic or _is_role(rest, words) \
            or rest.casefold() in words.agencies
        shouting = rest.isupper() and len(rest) > 3 and not " ".join(tokens[:i]).isupper()
        outlet = i <= len(tokens) - 2 and _is_outlet(rest, words) and tokens[0].lower() != "the"  # "Joe Davidson Washington Post"
        if role or shouting or outlet or site.is_site(rest):
            kept = tokens[:i]
            while len(kept) > 2 and kept[-1].islower():
                kept.pop()  # "Charles Walton for SurgeZirc UK": the word before the outlet goes with it
            if len(kept) > 4:
                return part  # "Googletag Cmd Push Dfp Ad Pg Author Sec 1": five words and more before a role: text
            return " ".join(kept)
    return part


def _clean_one(part: str, words: Words, site: SiteNames, named: SiteNames, after_name: bool = False,
               owners: frozenset[str] = frozenset()) -> str | None:
    if words.other_credits.match(part.strip()):
        return None  # "Edited by Betsy Beyer"
    tokens = part.split()
    for n in (3, 2):
        if len(tokens) >= 2 * n and tokens[:n] == tokens[n:2 * n]:
            part = " ".join(tokens[:n])  # "Ellyn Shook Ellyn Shook Creating the most truly human company"
            break
    sides = part.split("／")
    if len(sides) > 1 and any(_is_generic(s.split(), words) for s in sides):
        part = next((s for s in sides if not _is_generic(s.split(), words)), "")  # "オカモト／Ascii編集部"
    part = SIGN_AFTER.sub("", words.buttons.sub("", part.strip()).strip())
    if glued := words.glued.search(part):
        part = part[:glued.start()]  # "Teresa NewsomeDec", "Yomi KazeemPublished February"
    if not part:
        return None  # "See full bio": a button, no name
    if after_name and _is_role(part, words) and part.split()[0].casefold() not in words.given:
        return None  # "AP Auto Writer", "Contributing Writer" after a name: the name's role, before a cut makes "AP Auto"
    part = _trim_tail(part, words, site, named)
    part = words.by.sub("", part.strip(" \t\"'“”·•-–—:")).strip()
    # A handle alone keeps its digits ("freeman1984"); after a name they are a date ("Lucas Nolan22 Dec 2016").
    undated = part if HANDLE.fullmatch(part) else words.stop.sub("", part).strip(" ,;:|-–—(")
    if (undated.split() or [""])[-1].strip(".").casefold() not in words.suffixes:
        undated = undated.strip(" .")  # a full stop ends a sentence, not a name; "Jr." keeps its own
    cut, part = undated != part, re.sub(r"\s+", " ", undated.replace("(", " ").replace(")", " ")).strip()
    last = part.split()[-1:] if len(part.split()) >= 3 else []
    if last and last[0].rstrip(".").casefold() in words.month_abbreviations and last[0][:1].isupper() \
            and last[0].rstrip(".").casefold() not in words.given and len(last[0].rstrip(".")) == 3:
        cut, part = True, part.rsplit(" ", 1)[0]  # "Darrell Etherington Oct": a date run on, its day cut off
    # "Jane Roe @janeroe": her account; an account alone is its name ("@me" is "me")
    tokens = [t for t in part.split() if not t.startswith("@")] or [t.lstrip("@") for t in part.split()]
    if len(tokens) > 1 and tokens[-1] in words.others_after:
        return None  # "木下 哲也 訳": the translator
    if len(tokens) > 1 and tokens[-1] in words.by_after:
        tokens.pop()  # "Eric Freeman 著": the author, marked after the name
    while len(tokens) > 1 and (_credential(tokens[-1], words) or (cut and tokens[-1].islower())
                               or tokens[-1].lower() in words.before_date):
        tokens.pop()  # "Brenda Goodman MA", "Minh Do on" (of "Minh Do on Monday"), "Jovelstefan On"
    if len(tokens) >= 3 and tokens[0].casefold().strip(".") in words.titles and tokens[1][:1].isupper():
        tokens = tokens[1:]  # "Rechtsanwalt Dennis Tölle": a title or role before the name
    elif len(tokens) == 2 and tokens[0].casefold().strip(".") in words.honorifics and tokens[1][:1].isupper():
        tokens = tokens[1:]  # "Herr Rein": an honorific is no part of a name, even before a surname alone
    for n in (3, 2, 1):
        if len(tokens) >= n + 2 and " ".join(tokens[:n]).casefold() in words.agencies \
                and all(t[:1].isupper() for t in tokens[n:]):
            tokens = tokens[n:]  # "Associated Press Maggie Michael And": the agency's line, then its writers
            break
    while len(tokens) > 2 and words.joins.fullmatch(f" {tokens[-1].lower()} "):
        tokens = tokens[:-1]  # "… Maggie Michael And": the next name cut off
    caps = [t for t in tokens if t.isupper() and len(t) > 1]
    if len(caps) >= 2 and tokens[:len(caps)] == caps and len(caps) < len(tokens):
        tokens = caps  # "ERIC TUCKER Associated Press": the name in capitals, then the agency
    part = " ".join(tokens)
    if not part or not any(c.isalpha() for c in part) or len(tokens) > MAX_WORDS:
        return None
    lowered = part.lower()
    if _wire(tokens, words, site):
        return _title_case(part)  # "CNN Wire" on FOX 13: another outlet's wire is who wrote it
    if lowered in words.not_names or _is_role(part, words, after_comma=False) \
            or (after_name and _is_credential(part, words)) or _is_generic(tokens, words) \
            or (site.is_publisher(part) and not _personal(tokens, words, named)) \
            or (site.is_site(part) and not _personal(tokens, words, named) and not _owner(tokens, words, owners)
                and not (lowered in words.agencies and not site.is_name(part))):
        return None  # the site; "IANS" on indianexpress.com, an agency, is not the site by its letters
    if len(tokens) == 1 and lowered.rstrip(".") in words.month_abbreviations and lowered.rstrip(".") not in words.given:
        return None  # "Dec": a date run on, split off
    if phrase(tokens, words):
        return None  # "Catch more fish", "Fuchsy designed", "HUND aktiv": words of a sentence or a label
    if len(tokens) >= 2 and tokens[-1].lower() in {"com", "net", "org"}:
        return None  # "Mcason Com": an address, its dots lost
    if len(tokens) == 1 and any(lowered.endswith(w) for w in words.not_names if len(w) >= 5):
        return None  # "Jdadmin": the site's admin account
    return _title_case(part)


def _personal(tokens: list[str], words: Words, named: SiteNames) -> bool:
    """A person named like the site's address but not like its name: "Andrea" on andreabottlinger.wordpress.com
    (called "Katastrophengebiet"), a blog called after its author; "Marie Claire" on Marie Claire is the site."""
    return 1 <= len(tokens) <= 3 and tokens[0].casefold() in words.given and not named.is_site(" ".join(tokens)) \
        and all(t[:1].isupper() for t in tokens)


def _wire(tokens: list[str], words: Words, site: SiteNames) -> bool:
    """"CNN Wire", "AP Wire": an outlet's name in capitals, then its wire word, on a site that is not that outlet
    (a site's own copy is its "staff"; "Wire" alone, "Staff Wire" and "wire services" stay nobody)."""
    return len(tokens) == 2 and tokens[1].casefold() in words.wires and tokens[1][:1].isupper() \
        and tokens[0].isupper() and tokens[0].isalpha() and 2 <= len(tokens[0]) <= 5 \
        and tokens[0].casefold() not in words.generic | words.not_names and not site.is_site(tokens[0])


def _owners(site_names: list[str], words: Words) -> frozenset[str]:
    """The names an owner of the site goes by, as its address spells them (letters only): the sub-domain of a blog
    platform ("zahlenzauberin" of zahlenzauberin.wordpress.com, its user's account), and, on a site that gives no
    name of its own besides its address, the whole address ("treyhunner", "anisseastier" of anisse.astier.eu).
    Names written with a space before each capital ("Trey Hunner") are checked against them by `_owner`."""
    found = set()
    for name in site_names:
        if "//" not in name:
            continue
        labels = _labels((urlsplit(name).hostname or "").casefold())
        platform = ".".join(labels[-2:])
        if len(labels) == 3 and platform in words.blog_hosts:
            found.add("@" + squash(labels[0]))  # any name of one to three words may be the account
        elif len(labels) >= 2 and all("//" in n for n in site_names):
            found.add(squash("".join(labels[:-1])))
    return frozenset(found)


def _owner(tokens: list[str], words: Words, owners: frozenset[str]) -> bool:
    """The site's owner by its address: "Trey Hunner" on treyhunner.com (a site with no other name), two or three
    capitalised words, none an outlet's, a desk's or a role's ("Daily News" on dailynews.com is a paper) and the
    first no article or particle ("Al Jazeera", "Le Monde", "The Verge" are papers' names), or
    "Zahlenzauberin" on zahlenzauberin.wordpress.com (a blog platform's user, named as its sub-domain)."""
    key = squash(" ".join(tokens))
    if not key or not 1 <= len(tokens) <= 3 or not all(t[:1].isupper() or t.islower() for t in tokens) \
            or tokens[0].casefold() in words.particles | {"the"} \
            or any(t.casefold() in words.outlets | words.generic | words.roles | words.not_names for t in tokens):
        return False
    return "@" + key in owners or (len(tokens) >= 2 and key in owners and all(t[:1].isupper() for t in tokens))


def _handle(value: str, words: Words) -> bool:
    """A word in lower case and nothing else ("gnaddrig", "mady"): a person's account. A site writes its own name
    in its author field as it brands it ("Admin", "Sky", "Limespacer"), so a site named like such a handle, with it
    the only author, is a blog called after its author; "unocero - Alberto Ávila" (the site beside a person) is not."""
    return value.isalpha() and value.islower() and value not in words.not_names \
        and not _is_generic([value], words) and value not in words.given


def _entries(field: str, words: Words) -> list[str]:
    """trafilatura's "; "-joined entries, where each after the first is one word: the parts of one name or of
    one credit it split ("Harm; Robert" of "Harm, Robert", "Saibal Dasgupta; TNN", "Olympia-Verlag GmbH;
    Nürnberg; Germany"), read as the separate entries _rejoined and the company rule know; else the field whole,
    where what a ";" joins is read in context ("Joanna Connors; The Plain Dealer"). "Seb Dumitru; Lille", split
    from a byline's "Von Seb Dumitru, Lille", is the name and its place."""
    parts = field.split("; ")
    if len(parts) == 2 and dateline(parts[1], parts[0], words):
        return parts[:1]
    return parts if len(parts) > 1 and all(len(p.split()) == 1 for p in parts[1:]) else [field]


def _rejoined(authors: list[str], words: Words, site: SiteNames) -> list[str]:
    """The author list as the page wrote it, where the extraction split one name at its comma or "&":
    "Jobs", "Hire" (the site, "Jobs & Hire") and "Harm", "Robert" (one person, "Harm, Robert")."""
    if len(authors) >= 2 and any(site.is_name(sep.join(authors)) for sep in (" & ", ", ", " and ")):
        return []
    if len(authors) == 2 and inverted(authors, words):
        return [f"{authors[1]} {authors[0]}"]
    return authors


def clean_authors(authors: Iterable[str], site_names: Iterable[str | None] = ()) -> list[str]:
    """The people and named desks in a page's author strings, in order, each once.

    `site_names` are the source's name, the page's og:site_name and its URL: none of them is an author.
    """
    words = load_words(languages_dir())
    site_names = [n for n in site_names if n]
    site = SiteNames(site_names)
    named = SiteNames([n for n in site_names if "//" not in n])  # the site's names without its address
    owners = _owners(site_names, words)
    found: list[str] = []
    company = False
    listed = _rejoined([e for a in authors for e in _entries(html.unescape(str(a or "")).strip(), words)], words,
                       site)  # "Redacci&oacute;n"
    if len(listed) == 1 and _handle(listed[0], words) and site.is_site(listed[0]) and not named.is_name(listed[0]):
        # "gnaddrig" on "gnaddrig ad libitum", "kinra" on blog.kinra.de: the blog's author; but the site's whole
        # name ("kicker" on kicker.de, whose og:site_name is "kicker") is the site
        return listed
    for raw in listed:
        if company and len(raw.split()) == 1 and raw.casefold() not in words.agencies:
            continue  # "Olympia-Verlag GmbH", "Nürnberg", "Germany": a company, then its address (not "Le Monde", "AFP")
        # "hessenschau.de", "Frankfurt", "Germany": the site, then its address, as a company's
        # "TPN", "Portugal", "Business": the site (by its initials), then its sections
        company = (_is_generic(raw.split(), words) and len(raw.split()) >= 2) or site.is_site(raw)
        if len(raw.split()) >= 2 and raw.split()[-1].casefold().rstrip(".") in words.legal_forms:
            company = True
            continue  # "Chemnitzer Verlag und Druck GmbH & Co. KG": a company, the publisher, whose "&" joins no names
        own = EMBEDDED_URL.search(raw)
        if own and "@" not in own.group() and not URL.match(raw) and site.is_name(own.group().strip("() ")):
            continue  # "Deutsche Welle (www.dw.com)": the site, by its address ("Jane Roe | jroe@al.com" is hers)
        if URL.match(raw):
            name = _from_url(raw)  # the site's own profile page names its author
            candidates = [name] if name else []
        elif (handle := HANDLE_AFTER.match(raw)) and site.is_name(handle.group(1)):
            # "史蒂文的家_藍天 (stevenhgm)": the blog's name, then its author's account
            candidates = [handle.group(2)]
        elif not raw or (site.is_name(raw) and not _personal(raw.split(), words, named)
                         and not _owner(raw.split(), words, owners)) \
                or words.other_credits.match(raw):
            # the site's name ("Mac & i"); a credit of someone who did not write it ("Interview by …")
            continue
        else:
            raw = after_kicker(raw, words)
            if words.by.match(raw):
                # "By Kelli Miller\n WebMD Health News": the lines under a byline are its outlet or date;
                # co-authors are joined on its line ("By A and B").
                raw = words.by.sub("", raw).strip().splitlines()[0]
            candidates = _parts(words.by.sub("", EMBEDDED_URL.sub(" ", raw)).strip(), words, site)
        for candidate in candidates:
            name = _clean_one(candidate, words, site, named, after_name=bool(found), owners=owners)
            for split in run_together(name.split(), words) if name else []:
                name = " ".join(split)
                if name.casefold() not in {f.casefold() for f in found}:
                    found.append(name)
    return found


def site_owner(site_name: str | None, url: str) -> list[str]:
    """The owner of a personal site named after them, for a page whose places name nobody: "Timothy Sykes" on
    timothysykes.com, "Eli Dourado" on elidourado.com (og:site_name, its letters the address's name). A person's name
    here is two or three capitalised words, the first a given name and the last none ("Marie Claire" on
    marieclaire.com is a magazine), none an outlet's, a desk's or a role's word; "Rolling Stone" is no person."""
    words = load_words(languages_dir())
    tokens = (site_name or "").split()
    labels = _labels((urlsplit(url).hostname or "").casefold())
    if not 2 <= len(tokens) <= 3 or len(labels) != 2 or squash(site_name) != squash(labels[0]) \
            or not all(t[:1].isupper() and t.isalpha() for t in tokens) \
            or tokens[0].casefold() not in words.given or tokens[-1].casefold() in words.given \
            or any(t.casefold() in words.outlets | words.generic | words.roles | words.not_names for t in tokens):
        return []
    return [site_name]
