"""Headlines without the site's name; real titles from the public article-extraction benchmark (MIT)."""

from __future__ import annotations

import pytest

from pipeline.understand.titles import strip_site_name


@pytest.mark.parametrize("title, site, expected", [
    ("Meal Prep for A Little More Obsessed | The Beachbody Blog", ["The Beachbody Blog"],
     "Meal Prep for A Little More Obsessed"),
    ("New York State Attorney General reportedly investigating WeWork – TechCrunch", ["TechCrunch"],
     "New York State Attorney General reportedly investigating WeWork"),
    ("Nadal keeps Spain alive against Russia in Davis Cup Finals - Sportsnet.ca", ["Sportsnet.ca"],
     "Nadal keeps Spain alive against Russia in Davis Cup Finals"),
    # The site named by its address only (no og:site_name), or by the source's name in sources.yaml.
    ("The Early Reviews For Google's Stadia Gaming Platform Are Here — And They're Not Great - Digg",
     [None, "https://digg.com/2019/is-stadia-good-worth-it-reviews"],
     "The Early Reviews For Google's Stadia Gaming Platform Are Here — And They're Not Great"),
    ("Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300? - News Nation",
     ["https://www.newsnation.in"], "Fact Check: Is An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300?"),
    ("Urheberrecht: Gericht stoppt KI-Training – heise online", ["heise online"],
     "Urheberrecht: Gericht stoppt KI-Training"),
    ("Judge rules for authors - Reuters", ["Reuters", None, "https://www.reuters.com/legal/x"],
     "Judge rules for authors"),
    ("Reuters | Judge rules for authors", ["Reuters"], "Judge rules for authors"),
    # " - " in the middle of a headline stays; only the site's name at an end goes.
    ("Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - VG247", ["VG247"],
     "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars"),
    ("Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement | my6sense", ["my6sense"],
     "Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement"),
    # Nothing at either end is the site: every word stays.
    ("Lexus wants you to go topless with 2020 LC500 Convertible - Auto News", ["AutoIndustriya.com"],
     "Lexus wants you to go topless with 2020 LC500 Convertible - Auto News"),
    ("The Guardian view on Hong Kong: a city on the brink | Editorial", ["the Guardian"],
     "The Guardian view on Hong Kong: a city on the brink | Editorial"),
    ("Take C.A.R.E. - comwrap auf der DMEXCO 2018", [None, "https://blog.comwrap.com/comwrap-auf-der-dmexco-2018"],
     "Take C.A.R.E. - comwrap auf der DMEXCO 2018"),
    ("Opinion | Is Football Violence a Crime?", ["WSJ"], "Opinion | Is Football Violence a Crime?"),
    ("TechCrunch", ["TechCrunch"], "TechCrunch"),
])
def test_strip_site_name(title, site, expected):
    assert strip_site_name(title, site) == expected
