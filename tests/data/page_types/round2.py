"""Round 2 of the page-type set (issue 19): licensed pages only, labelled by us.

Candidates are every test page with a known address in four licensed repositories:
adbar/trafilatura (Apache-2.0: tests/eval/ with tests/evaldata.json, tests/cache/ with the MOCK_PAGES of
tests/realworld_tests.py), adbar/htmldate (Apache-2.0: tests/eval/ with tests/eval_default.json,
tests/test_set/ with tests/eval_mediacloud_2020.json, tests/cache/ with tests/realworld_tests.py),
AndyTheFactory/newspaper4k (MIT: tests/data/html/, addresses from the page or tests/conftest.py) and
postlight/parser (MIT or Apache-2.0: fixtures/, addresses from the page or the extractor tests).

Labels: every page that is not an article is listed in OTHERS with its kind, read by us from the page's
address, title, headings and text. Pages that are neither a news or blog article nor one of the kinds
asked about (shops and products, recipes, wikis, forums, lyrics, code, legal texts, service pages, copies on
web.archive.org) are in NEITHER and left out. Every other candidate is an article. All non-articles are
kept; of the articles, all of newspaper4k's and postlight's (mostly news sites, many Japanese and Chinese)
and one in six of the rest, chosen by a hash of repository and path (nobody picks them).
"""

from __future__ import annotations

# address -> kind, for pages that are not articles
OTHERS = {
    # home pages
    "http://www.colours-of-the-soul.alhelm.net": "home",
    "https://www.pix-bavaria.de/": "home",
    "https://anwaltniemeyer.de/index.html": "home",
    "https://prof-pc.de/": "home",
    "https://sass-ag.de": "home",
    "https://neubau.wsl.ch/de/index.html": "home",
    "https://advertising.jodel.com/": "home",
    "https://www.96fm.ie/": "home",
    "http://edition.cnn.com/": "home",
    "https://www.wired.com/": "home",
    "https://uk.yahoo.com/": "home",
    "https://bayern.de/": "home",
    "https://www.austria.info/": "home",
    "http://www.stuttgart.de/": "home",
    "https://en.blog.wordpress.com/": "home",
    "https://die-partei.net/sh/": "home",
    "https://en.support.wordpress.com/": "home",
    "https://www.deutschland.de/en": "home",
    # archives: section, blog and year pages, lists of tests
    "http://www.echte-demokratie-jetzt.de/blog/": "archive",
    "https://www.biathlonworld.com/de/news": "archive",
    "http://unexpecteduser.blogspot.de/2011/": "archive",
    "https://www.chip.de/tests/akkuschrauber-werkzeug-co,82197/5": "archive",
    # about, imprint, terms, privacy, a person's or a club's own page
    "https://2gewinnt.wordpress.com/uber-uns/": "about",
    "https://www.chorknaben-ulm.de/geschichte.html": "about",
    "https://shabka.org/about-us/": "about",
    "http://www.klaenge-des-verschweigens.de/film/geschichte/": "about",
    "https://www.neos.eu/wir-sind-neos": "about",
    "https://www.markeich.de/kontakt/impressum-werbeagentur-soltau/": "about",
    "http://sibenlab.blogspot.com/2018/06/sibenlab-privacy-policy.html": "about",
    "https://journals.univie.ac.at/index.php/wdr/about/submissions": "about",
    "https://creativecommons.org/about/": "about",
    "https://www.fairkom.eu/about": "about",
    "http://www.hundeverein-kreisunna.de/unserverein.html": "about",
    "https://www.pferde-fuer-unsere-kinder.de/unsere-projekte/": "about",
    "https://pixabay.com/en/service/terms/": "about",
    "https://www.intel.com/content/www/us/en/legal/terms-of-use.html": "about",
    "https://changenow.de/andre-loibl/": "about",
    "http://mediaarchitecture.de/jens-weber/": "about",
    "http://www.heimicke.de/chronik/zahlen-und-daten/": "about",
    # video pages: a player, a title, little else
    "https://www.youtube.com/watch?v=Lfw9H63g0OQ": "video",
    "https://www.youtube.com/watch?v=srtMWzyqdp8": "video",
    "https://www.zdf.de/sport/us-sport-corona-100.html": "video",
    # galleries and photo pages
    "http://www.popsugar.com/home/Millennial-Decorating-Mistakes-42696116": "gallery",
    "https://500px.com/photo/26034451/spring-in-china-by-alexey-kruglov": "gallery",
}
# Addresses that begin with these are matched as prefixes (long or session-bearing addresses).
OTHER_PREFIXES = {
    "https://www.ardmediathek.de/swr/player/": "video",
    "https://www.uol.com.br/carros/videos/2020/06/23/comprador-capota": "video",
    "https://economictimes.indiatimes.com/tech/hardware/the-iphone-se-is-in-india": "gallery",
    "https://www.gamestar.de/videos/": "video",
    "https://www.iass-potsdam.de/de/forschungsbereich/": "about",
}

# Neither an article nor a kind asked about: left out (substrings of the address).
NEITHER = (
    "web.archive.org", "feedproxy.google.com", "nalas-loewenseiten", "wir-empfehlen.info", "buero-hoppe.de",
    "qualisys.eu", "maescot.de", "gruene.de/themen/arbeit", "dlg.org", "rosneft.com", "courrierinternational.com/video",
    "citylimits.org/2023/11/08/video", "afpbb.com/articles/-/3178894", "twitter.com", "reddit.com", "pastebin.com",
    "jvndb.jvn.jp", "jnsa.org/seminar", "travanto.de", "wiki.piratenpartei.de", "alexander-klier.net",
    "parallels.com", "geburtstagsecke.de", "chip.de/downloads", "lecker.de", "oetker.de", "backen.de",
    "hassanchef.com", "mindmegette.hu", "flawlessfood.co.uk", "freshideen.com/rezepte", "smava.de",
    "businessjargons.com", "minusl.de", "foren.myoos.de", "sports.fr/direct-foot", "hausinfo.ch",
    "auswaertiges-amt.de", "gitarrebass.de/dm-native-advert", "nestle-marktplatz.de", "arbeitsagentur.de/news",
    "optimussearch.com.ph", "biorxiv.org", "bookwalker.jp", "clinicaltrials.gov", "genius.com", "github.com",
    "oreilly.co.jp", "eff.org/files/annual-report", "medef.com", "acredis.com", "hundeverein-querfurt.de",
    "hundeverein-kreisunna.de/termine", "bmel.de/DE/themen", "facebook.com", "google.com/imgres",
    "wiki.d-addicts.com", "wikipedia.org", "gnu.org/licenses", "stardewvalleywiki.com", "rueda.wikidot.com",
    "toralin.de", "ebrosia.de", "rs-ingenieure.de", "viehbacher.com", "exporo.de/wiki", "beltz.de",
    "stuttgart.de/item", "chineselyrics4u.com", "dln.com", "greenpeace.org/international/en/campaigns",
    "shop.nmb-media.de", "von-der-see.de/design", "ditib.de", "awo.org/menschenrechte",
    "politische-bildung-brandenburg.de/themen", "demokratiewebstatt.at/thema", "bmjv.de", "propellets.at",
    "offshore-stiftung.de", "schlosswirtjuval.it", "creativecommons.ch/wie-funktionierts",
)
