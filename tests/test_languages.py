"""A language is data: a third language added from data files alone is used everywhere.

The toy language is Dutch, written here as data files in a temporary folder next
to copies of the real English and German folders; no code knows about it.
"""

import ast
import shutil
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawlers.spiders.listings import ListingSpider
from pipeline.collect.listings import listing_links
from pipeline.languages import DEFAULT_DIR, LanguageDataError, codes, language
from pipeline.process import prepare
from pipeline.records import Source
from pipeline.understand.dates import date_from_byline, page_zone
from pipeline.understand.entities import load_pipeline, tag_entities
from pipeline.understand.extract import is_not_article_path
from pipeline.understand.relevance import judge_relevance

ROOT = Path(__file__).resolve().parent.parent
DUTCH = """\
code: nl
name: Nederlands
ner:
  blank: nl
  gazetteer_aliases: [aliases]
  rules: [patterns/org.jsonl]
entities:
  genitive_s: false
vocabulary: vocabulary.yaml
given_names: given_names.txt
determiners: [de, het, een]
months: {januari: 1, februari: 2, maart: 3, april: 4, mei: 5, juni: 6, juli: 7, augustus: 8,
         september: 9, oktober: 10, november: 11, december: 12}
time: {before: [om], after: [uur], am: [], pm: []}
timezone: Europe/Amsterdam
byline: {by: [door], and: [en], date_words: [gepubliceerd]}
not_article_paths: [auteur, fotoserie]
next_page: [volgende]
linking:
  connectors: [tegen]
  litigation: ['rechtszaak\\w*']
"""
VOCABULARY = """\
language: nl
ai:
  kunstmatige intelligentie: 1.0
rights:
  auteursrecht: 1.0
topics:
  litigation:
    rechtszaak: 1.0
"""
# A rule pattern as data: "Stichting" and a capitalised name after it are an organisation.
ORG_RULE = '{"label": "ORG", "pattern": [{"TEXT": "Stichting"}, {"IS_TITLE": true, "OP": "+"}]}\n'

BYLINE = "Door Anke de Vries, gepubliceerd 14 maart 2025 om 9:30 uur"
LISTING = """<html><body><main>
<a href="/nieuws/rechtszaak-over-ki.html">Rechtszaak over KI</a>
<a href="/auteur/anke-de-vries">Anke de Vries</a>
<a href="/nieuws?pagina=2">Volgende</a>
</main></body></html>"""
ARTICLE = ("Schrijvers beginnen rechtszaak over kunstmatige intelligentie",
           "Een groep schrijvers begint een rechtszaak: de kunstmatige intelligentie is getraind op hun boeken "
           "zonder toestemming. Het auteursrecht beschermt die boeken, zeggen ze. De rechtszaak begint in mei. "
           "Volgens de schrijvers schendt het bedrijf het auteursrecht op grote schaal.")


@pytest.fixture
def dutch(tmp_path, monkeypatch):
    for code in ("en", "de"):
        shutil.copytree(DEFAULT_DIR / code, tmp_path / code)
    folder = tmp_path / "nl"
    (folder / "patterns").mkdir(parents=True)
    (folder / "language.yaml").write_text(DUTCH, encoding="utf-8")
    (folder / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    (folder / "given_names.txt").write_text("# Dutch given names\nAnke\nJoost\n", encoding="utf-8")
    (folder / "patterns" / "org.jsonl").write_text(ORG_RULE, encoding="utf-8")
    monkeypatch.setenv("TRACKER_LANGUAGES_DIR", str(tmp_path))
    return folder


def test_the_toy_language_is_found_and_an_unknown_code_gets_the_fallback(dutch):
    assert codes() == ["de", "en", "nl"]
    assert language("nl").name == "Nederlands" and language("NL").code == "nl"
    assert language("fr").code == "en" and language(None).code == "en"


def test_its_month_names_date_a_byline():
    assert date_from_byline(BYLINE) is None  # without the Dutch data, "maart" is no month


def test_its_month_names_date_a_byline_once_it_is_there(dutch):
    # With a time, the byline is read in the language's `timezone:` (9:30 in Amsterdam), and keeps its offset.
    assert date_from_byline(BYLINE, page_zone(None, "nl")) == "2025-03-14T09:30:00+01:00"
    assert date_from_byline(BYLINE) == "2025-03-14T09:30:00+00:00"  # no zone given: UTC
    assert date_from_byline("gepubliceerd op 2 januari 2026") == "2026-01-02T00:00:00+00:00"
    # The other languages' months still count: the union of every language's data is used.
    assert date_from_byline("Published March 14, 2025") == "2025-03-14T00:00:00+00:00"


def test_its_next_page_and_not_article_words_guide_the_listing_spider(dutch, monkeypatch):
    url = "https://nieuws.example/nieuws"
    found = listing_links(LISTING, url)
    assert found.next_pages == ["https://nieuws.example/nieuws?pagina=2"]
    assert found.articles == ["https://nieuws.example/nieuws/rechtszaak-over-ki.html"]
    assert found.not_articles == 1 and is_not_article_path("/auteur/anke-de-vries")
    monkeypatch.delenv("TRACKER_LANGUAGES_DIR")
    plain = listing_links(LISTING, url)  # the shipped languages know no "volgende" and no "auteur"
    assert plain.next_pages == [] and len(plain.articles) == 3


def test_its_vocabulary_makes_an_article_relevant_with_its_topics(dutch):
    judgement = judge_relevance(*ARTICLE, "nl")
    assert judgement.relevant, judgement
    assert judgement.evidence == ["ai:kunstmatige intelligentie", "rights:auteursrecht"]
    assert [t.slug for t in judgement.topics] == ["litigation"]


def test_without_its_data_the_article_is_judged_by_the_fallback_vocabulary():
    assert not judge_relevance(*ARTICLE, "nl").relevant


def test_its_ner_pipeline_and_rules_are_data(dutch):
    assert load_pipeline(language("nl")).lang == "nl"  # `ner: blank: nl`, not the English model
    (found,) = tag_entities([("De Stichting Auteursrechten Nederland spant een rechtszaak aan.", "nl")])
    assert {(e.name, e.type) for e in found} == {("Stichting Auteursrechten Nederland", "ORG")}


def test_the_sources_file_language_reaches_detection_for_a_short_text():
    source = Source(name="Kurzmeldungen", language="de", listings=["https://kurz.example/"])
    spider = ListingSpider.from_crawler(get_crawler(ListingSpider), sources=[source])
    body = (b'<html><head><title>KI</title><script type="application/ld+json">{"@type": "NewsArticle"}</script>'
            b"</head><body><article><p>Klage gegen OpenAI.</p></article></body></html>")
    response = HtmlResponse("https://kurz.example/2026/klage-gegen-openai", body=body, headers={"Content-Type": "text/html"})
    page = spider.page(response, "Kurzmeldungen")
    assert page.language_hint == "de"
    assert prepare(page).language == "de"
    # The same page from a source without `language:` is left to the detector, which guesses otherwise.
    page.language_hint = None
    assert prepare(page).language != "de"


def test_a_broken_language_file_names_itself(tmp_path, monkeypatch):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.yaml").write_text("code: yy\n", encoding="utf-8")
    monkeypatch.setenv("TRACKER_LANGUAGES_DIR", str(tmp_path))
    with pytest.raises(LanguageDataError, match=r"xx/language.yaml: code 'yy' differs"):
        language("xx")


def _compared_strings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                for leaf in ast.walk(operand):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                        yield node.lineno, leaf.value


def test_no_code_compares_with_a_language_code():
    """`if language == "de"` or `in ("en", "de")` would put a language back into code."""
    found = []
    for folder in ("pipeline", "crawlers", "tracker"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(ROOT)}:{line}: {value!r}" for line, value in _compared_strings(tree)
                      if value in codes()]
    assert not found, found
