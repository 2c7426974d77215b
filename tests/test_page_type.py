"""The page-type verdict (pipeline/understand/page_type.py): every signal counts, none but a 404 decides alone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.process import NotAnArticle, PageGone, prepare
from pipeline.records import FeedEntry, Page
from pipeline.understand.extract import extract_article
from pipeline.understand.page_type import text_length, url_shape

PARAGRAPH = ("The court heard arguments about whether training a language model on copyrighted books is fair use, "
             "and the authors asked for damages for every work that was copied without a licence. ")
NEWS_LD = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ruling"}</script>'


def page(html: str, url: str = "https://example.com/news/2025/06/court-rules-on-training.html", **kw) -> Page:
    return Page(url=url, body=html.encode("utf-8"), source="Ex", via=kw.pop("via", "sitemap"), **kw)


def verdict(html: str, **kw):
    return extract_article(page(html, **kw)).verdict


def test_og_type_website_is_one_signal_not_a_veto():
    html = (f'<html><head><meta property="og:type" content="website">{NEWS_LD}</head><body><article>'
            f'<h1>Ruling</h1><p>{PARAGRAPH * 5}</p></article></body></html>')
    found = verdict(html)
    assert found.is_article, found.summary()
    assert ("og:type", "website", -0.5) in [(s.name, s.value, s.weight) for s in found.signals]


def test_a_short_japanese_article_is_counted_in_characters():
    text = "東京地方裁判所は、生成AIの学習に著作物を利用したことについて、出版社の訴えを一部認める判決を言い渡した。" * 25
    # Each CJK character counts three: 1,325 characters say about as much as 4,000 Latin letters.
    assert text_length(text) > 2.5 * len(text) and len(text.split()) < 30  # punctuation and "AI" count once
    found = verdict(f"<html lang='ja'><head>{NEWS_LD}</head><body><article><h1>判決</h1><p>{text}</p>"
                    f"</article></body></html>", url="https://example.jp/articles/20250612-00123456")
    assert found.is_article, found.summary()
    assert any(s.name == "text length" and "CJK" in s.value and s.weight > 0 for s in found.signals)


def test_a_category_archive_of_teasers_is_an_archive_even_with_a_slug():
    teasers = "".join(f'<div class="teaser"><h2><a href="/news/2025/06/story-number-{i}.html">Story number {i} '
                      f'about the courts</a></h2><p>An excerpt of story {i}: {PARAGRAPH}</p></div>' for i in range(8))
    found = verdict(f"<html><body><h1>AI and the law</h1>{teasers}</body></html>",
                    url="https://example.com/ai-and-the-law/")
    assert found.kind == "archive", found.summary()


def test_a_video_page_with_a_player_and_a_title():
    ld = '<script type="application/ld+json">{"@type": "VideoObject", "name": "Red carpet"}</script>'
    html = (f'<html><head><meta property="og:type" content="video.other">{ld}</head><body><h1>Red carpet</h1>'
            f'<video controls src="/clip.mp4"></video><p>Two minutes on the carpet at the awards night.</p>'
            f'</body></html>')
    entry = FeedEntry(url="https://example.com/2026/01/red-carpet-recap.html", title="Red carpet")
    found = verdict(html, url=entry.url, via="feed", entry=entry)
    assert found.kind == "video", found.summary()


def test_a_player_weighs_less_unless_the_address_says_video():
    html = ('<html><body><h1>Booed at the game</h1><video controls src="/clip.mp4"></video>'
            '<p>The crowd booed as the anthem was sung before the kick-off on Sunday night.</p></body></html>')
    story = verdict(html, url="https://example.com/booed-at-the-game-1788216229")
    clip = verdict(html, url="https://example.com/video/booed-at-the-game-1788216229")
    assert [s.weight for s in story.signals if s.name == "player"] == [-1.0], story.summary()
    assert [s.weight for s in clip.signals if s.name == "player"] == [-1.5], clip.summary()


def test_a_korean_article_without_byline_or_date_is_still_an_article():
    """Round 1's held-out misses: Korean articles, no byline, no date, a query-string id."""
    text = "서울중앙지방법원은 인공지능 학습에 저작물을 이용한 것에 대해 출판사들의 청구를 일부 받아들였다. " * 20
    found = verdict(f"<html lang='ko'><body><div id='news'><h1>판결</h1><p>{text}</p></div></body></html>",
                    url="http://example.co.kr/news/news_view.html?idx=8576&page=1")
    assert found.is_article, found.summary()


def test_a_section_front_that_says_og_type_article_is_an_archive():
    """Fox-style section fronts: og:type article and a date, but only <article> teaser cards."""
    cards = "".join(f'<article><a href="/tech/story-{i}-about-courts"><img src="/i{i}.jpg">Story {i} about the '
                    f'courts and the models</a></article>' for i in range(30))
    html = (f'<html><head><meta property="og:type" content="article"><meta property="article:published_time" '
            f'content="2025-06-12T10:00:00Z"></head><body><h1>Tech</h1>{cards}<p>{PARAGRAPH * 3}</p></body></html>')
    found = verdict(html, url="https://example.com/tech.html")
    assert not found.is_article and found.kind == "archive", found.summary()
    # An article page with related-story cards keeps its story in one long <article>.
    story = f'<article><h1>Ruling</h1><p>{PARAGRAPH * 8}</p></article>'
    found = verdict(html.replace("<h1>Tech</h1>", story), url="https://example.com/tech/court-rules-on-training")
    assert found.is_article, found.summary()


def test_a_video_page_marked_newsarticle_by_its_cms():
    """The address says video, the CMS says NewsArticle: the structured data counts half."""
    html = (f'<html><head>{NEWS_LD}<meta property="og:type" content="article"></head><body><h1>Crash</h1>'
            f'<video controls src="/clip.mp4"></video><p>Driver rolls a new car leaving the dealer.</p></body></html>')
    found = verdict(html, url="https://example.com.br/carros/videos/2020/06/23/comprador-capota-carro.htm")
    assert not found.is_article and found.kind == "video", found.summary()


def test_a_newsarticle_with_a_videoobject_and_little_text_is_a_video_page():
    ld = ('<script type="application/ld+json">[{"@type": "NewsArticle", "headline": "Flood"}, '
          '{"@type": "VideoObject", "name": "Flood"}]</script>')
    html = (f'<html><head>{ld}</head><body><h1>Flood</h1><video controls src="/flood.mp4"></video>'
            f'<p>Watch the river burst its banks.</p></body></html>')
    found = verdict(html, url="https://example.com/2025/06/12/flood-in-the-valley")
    assert not found.is_article and found.kind == "video", found.summary()
    long = html.replace("<p>Watch", f"<p>{PARAGRAPH * 8}</p><p>Watch")  # an article that embeds a video
    assert verdict(long, url="https://example.com/2025/06/12/flood-in-the-valley").is_article


@pytest.mark.parametrize("url", [
    "https://getnews.jp/archives/2146078",  # WordPress "archives/<id>" permalinks
    "http://phpspot.org/blog/archives/2019/04/treeviz.html",
    "https://www.autonews.ch/?p=31228",  # a story id in the query, not the home page
])
def test_permalinks_under_archive_words_and_query_ids(url):
    found = verdict(f"<html><body><article><h1>Story</h1><p>{PARAGRAPH * 4}</p></article></body></html>", url=url)
    assert found.is_article, found.summary()


def test_wordpress_static_pages_and_about_titles():
    body = f"<article><h1>Über uns</h1><p>{PARAGRAPH * 4}</p></article>"
    html = (f'<html><head><meta property="og:type" content="article"></head>'
            f'<body class="page-template-default page page-id-4781">{body}</body></html>')
    assert verdict(html, url="https://example.wordpress.com/uber-uns-team/").kind == "about"
    html = f'<html><head><title>Contact us | Example News</title></head><body>{body}</body></html>'
    assert not verdict(html, url="https://example.com/reach-the-newsroom").is_article
    post = html.replace("<title>Contact us", "<title>Contact tracing apps fail in court")
    assert verdict(post, url="https://example.com/2025/06/contact-tracing-apps-fail").is_article


def test_home_and_about_pages():
    assert verdict(f"<html><body><p>{PARAGRAPH * 3}</p></body></html>", url="https://example.com/").kind == "home"
    about = verdict(f"<html><body><h1>Impressum</h1><p>{PARAGRAPH}</p></body></html>",
                    url="https://example.de/impressum.html")
    assert about.kind == "about", about.summary()


def test_the_url_is_compared_with_the_sources_stored_articles():
    known = [f"https://example.com/news/2025/0{m}/story-about-thing-{m}.html" for m in range(1, 7)]
    html = f"<html><body><article><p>{PARAGRAPH * 4}</p></article></body></html>"
    like = verdict(html, url="https://example.com/news/2025/07/another-story-here.html", known_urls=known)
    unlike = verdict(html, url="https://example.com/shop/item", known_urls=known)
    assert url_shape(known[0]) == ("news", "YYYY", "NN", "slug")
    assert "shaped like the source's stored articles" in [s.value for s in like.signals]
    assert like.score > unlike.score


def test_a_pulled_story_is_gone_and_its_feed_text_not_stored():
    entry = FeedEntry(url="https://example.com/2026/01/pulled.html", title="Pulled", content=f"<p>{PARAGRAPH * 5}</p>")
    body = f"<html><body><article>{entry.content}</article></body></html>"
    with pytest.raises(PageGone):
        prepare(page(body, url=entry.url, via="feed-content", status=404, entry=entry))
    kept = prepare(page(body, url=entry.url, via="feed-content", status=0, entry=entry))  # a timeout: kept
    assert kept.verdict.is_article


def test_not_an_article_carries_the_verdict_for_inspect(tmp_path):
    from tracker.cli import cli

    html = f"<html><body><h1>Impressum</h1><p>{PARAGRAPH}</p></body></html>"
    with pytest.raises(NotAnArticle) as caught:
        prepare(page(html, url="https://example.de/impressum.html"))
    assert caught.value.article.verdict.kind == "about"
    saved = tmp_path / "impressum.html"
    saved.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(saved), "--url", "https://example.de/impressum.html"])
    assert result.exit_code == 0, result.output
    assert "page type     about" in result.output and "not stored" in result.output
    assert "/impressum/ in the path" in result.output  # every signal, with its weight


@pytest.mark.slow  # about 50 s: 813 public pages through extraction (no server, no subprocess)
def test_the_margin_on_the_development_pages():
    """Guards the figures in docs/understanding.md (dev split): 5 of 613 articles rejected, 9 of 200 others stored
    (16 before round 5's gallery and player-card signals, 6 and 13 before round 6, 12 before round 7, 11 before
    round 8's last-part path words news$ and schedule$)."""
    from bench.page_types import evaluate, load

    result = evaluate(load("dev"), with_trafilatura=False)
    assert result["articles"] == 613 and result["non_articles"] == 200
    assert result["articles_rejected"] <= 5, [r["url"] for r, _ in result["wrong"] if r["type"] == "article"]
    assert result["non_articles_stored"] <= 9, [r["url"] for r, _ in result["wrong"] if r["type"] != "article"]


@pytest.mark.slow  # about 10 s: 67 public pages through extraction
def test_the_margin_on_the_second_held_out_pages():
    """Guards the first measurement on `test2` (docs/understanding.md): 0 of 62 articles rejected, 0 of 5 others
    stored."""
    from bench.page_types import evaluate, load

    result = evaluate(load("test2"), with_trafilatura=False)
    assert result["articles"] == 62 and result["non_articles"] == 5
    assert result["articles_rejected"] == 0, [r["url"] for r, _ in result["wrong"] if r["type"] == "article"]
    assert result["non_articles_stored"] == 0, [r["url"] for r, _ in result["wrong"] if r["type"] != "article"]


def _measured_outside_the_repository(split: str, articles: int, others: int) -> dict:
    """A split whose pages are kept beside the repository (rounds 4 on): skipped where they are absent, as in CI."""
    from bench.page_types import SHARED, evaluate, load, page_file

    rows = load(split)
    if any(page_file(r) is None for r in rows):
        pytest.skip(f"{split}'s pages are not in tests/data/page_types nor in {SHARED}")
    result = evaluate(rows, with_trafilatura=False)
    assert result["articles"] == articles and result["non_articles"] == others
    return result


def _wrong(result: dict, article: bool) -> list[str]:
    return [r["url"] for r, _ in result["wrong"] if (r["type"] == "article") == article]


@pytest.mark.slow  # about 10 s: 90 public pages through extraction
def test_the_margin_on_the_third_held_out_pages():
    """Guards `test3` (docs/understanding.md): first measured 0 of 42 articles rejected, 14 of 48 others stored;
    8 of 48 after round 4's audio and h-entry signals, 5 of 48 after round 5's gallery and player-card signals
    (neither a first measurement). Its pages live in
    shared/corpora, not in the repository: without them there is nothing to measure."""
    result = _measured_outside_the_repository("test3", articles=42, others=48)
    assert result["articles_rejected"] == 0, _wrong(result, article=True)
    assert result["non_articles_stored"] <= 5, _wrong(result, article=False)


@pytest.mark.slow  # about 5 s: 50 public pages through extraction
def test_the_margin_on_the_fourth_held_out_pages():
    """Guards `test4` (docs/understanding.md): first measured 1 of 36 articles rejected, 1 of 14 others stored;
    0 of 36 and 0 of 14 after round 6 (not a first measurement). Its pages live in shared/corpora, not in the
    repository."""
    result = _measured_outside_the_repository("test4", articles=36, others=14)
    assert result["articles_rejected"] == 0, _wrong(result, article=True)
    assert result["non_articles_stored"] == 0, _wrong(result, article=False)


def test_podcast_song_and_episode_pages_are_audio_not_articles():
    """Round 4: music.* og:types, PodcastEpisode and MusicRecording, an /episodes/ address are no article."""
    text = f"<p>{PARAGRAPH * 4}</p>"
    song = verdict(f'<html><head><meta property="og:type" content="music.song"></head><body><h1>Song</h1>{text}'
                   '</body></html>', url="https://music.example.com/band/a-song-title-here")
    assert not song.is_article and song.kind == "audio", song.summary()
    ld = '<script type="application/ld+json">{"@type": "PodcastEpisode", "name": "Episode 12"}</script>'
    episode = verdict(f"<html><head>{ld}</head><body><h1>Episode 12</h1>{text}</body></html>",
                      url="https://podcasts.example.com/show/episode-12-the-court-case")
    assert not episode.is_article and episode.kind == "audio", episode.summary()
    notes = verdict(f"<html><body><h1>117: A guest</h1><audio src='/117.mp3'></audio>{text}</body></html>",
                    url="https://podcast.example.com/episodes/117")
    assert not notes.is_article and notes.kind == "audio", notes.summary()
    # A news article that embeds an audio version of itself is still an article
    article = verdict(f"<html><head>{NEWS_LD}</head><body><article><h1>Ruling</h1><audio src='/a.mp3'></audio>"
                      f"<p>{PARAGRAPH * 5}</p></article></body></html>")
    assert article.is_article, article.summary()


def test_a_page_of_short_h_entry_posts_is_a_feed_not_an_article():
    """Round 4: a link log marked up with microformats (20 h-entry posts, one a little longer) that says
    og:type article is a listing; one h-entry holding the post itself is an article."""
    short = "<p>A link to a report on training data, with a line of comment about why it matters.</p>" * 5
    entries = "".join(f'<article class="h-entry"><h2><a href="/links/{i}">Link {i}</a></h2>{short}'
                      f'<time class="dt-published">2025-06-0{i % 9 + 1}</time></article>' for i in range(19))
    longer = f'<article class="h-entry"><h2><a href="/links/99">Link 99</a></h2><p>{PARAGRAPH * 5}</p></article>'
    feed = verdict(f'<html><head><meta property="og:type" content="article"></head><body><h1>Links</h1>'
                   f'<div class="h-feed">{entries}{longer}</div></body></html>', url="https://blog.example.com/links")
    assert not feed.is_article and feed.kind == "archive", feed.summary()
    post = verdict(f'<html><head><meta property="og:type" content="article"></head><body>'
                   f'<article class="h-entry"><h1 class="p-name">Ruling</h1><p>{PARAGRAPH * 6}</p></article>'
                   f'</body></html>')
    assert post.is_article, post.summary()


SLIDE_CAPTION = "The plaintiffs' lawyers leave the courthouse after the hearing on the training data, photo {}."


def slideshow(n: int, intro: str = "<p>Eight pictures from the hearing.</p>") -> str:
    slides = "".join(f'<li class="slide"><img src="/p{i}.jpg" alt=""><p>{SLIDE_CAPTION.format(i)}</p></li>'
                     for i in range(n))
    return (f'<html><head>{NEWS_LD}<meta property="og:type" content="article"></head><body><article>'
            f'<h1>The hearing in pictures</h1><p class="byline">By Ann Reporter</p>{intro}'
            f'<ul class="slides">{slides}</ul></article></body></html>')


def test_a_slideshow_of_captioned_pictures_is_a_gallery():
    """Round 5: eight pictures with a caption each and a line of intro are a gallery, though the CMS says
    NewsArticle and og:type article; the slides make the article claim count half, as an address would."""
    found = verdict(slideshow(8), url="https://example.com/news/the-hearing-in-pictures")
    assert not found.is_article and found.kind == "gallery", found.summary()
    assert any(s.name == "gallery" and "8 pictures" in s.value for s in found.signals), found.summary()
    assert any("half: the page is its pictures" in s.value for s in found.signals), found.summary()
    # four pictures are no row of slides
    assert verdict(slideshow(4), url="https://example.com/news/the-hearing-in-pictures").is_article


def test_an_article_with_many_photos_stays_an_article():
    """The guard: the same eight captioned photos between paragraphs of a long story are an article's photos;
    a row of related-story thumbnails (headline links) is no gallery either."""
    story = verdict(slideshow(8, intro=f"<p>{PARAGRAPH * 10}</p>"),
                    url="https://example.com/2025/06/12/the-hearing-in-pictures")
    assert story.is_article and not any(s.name == "gallery" for s in story.signals), story.summary()
    related = "".join(f'<div class="card"><img src="/r{i}.jpg"><a href="/2025/06/0{i}/story-{i}">A related story '
                      f'about the courts and the training of models, number {i}</a></div>' for i in range(8))
    html = (f"<html><head>{NEWS_LD}</head><body><article><h1>Ruling</h1><p>{PARAGRAPH * 2}</p></article>"
            f"<div class='related'>{related}</div></body></html>")
    found = verdict(html)
    assert found.is_article and not any(s.name == "gallery" for s in found.signals), found.summary()


def test_a_slide_counter_in_a_galleries_markup():
    """A slideshow whose slides load later leaves its counter ("1 of 39", "1 / 8") and its markup behind."""
    html = ('<html><head><meta property="og:type" content="article"></head><body><div id="gallery" '
            'class="slideshow"><div class="slide-nav">Back <span>1 of 39</span> Next</div><div class="slide1">'
            '<img src="/look1.jpg"></div><div class="slide2"></div></div><h1>Spring collection</h1>'
            f'<p>{PARAGRAPH * 2}</p></body></html>')
    found = verdict(html, url="https://example.com/runway/spring-2015-ready-to-wear-collection/")
    assert not found.is_article and found.kind == "gallery", found.summary()
    assert ("gallery", -1.0) in [(s.name, s.weight) for s in found.signals if "counter" in s.value]
    german = verdict(html.replace("1 of 39", "1 von 39"), url="https://example.de/laufsteg/fruehling-2015-die-kollektion/")
    assert any("counter" in s.value for s in german.signals), german.summary()  # the word is language data
    dated = verdict(html.replace("1 of 39", "12/05/2025"), url="https://example.com/runway/spring-2015-ready-to-wear-collection/")
    assert not any("counter" in s.value for s in dated.signals), dated.summary()  # a date is no counter


def test_a_page_whose_share_card_is_a_player():
    """A GIF, video or podcast page offers itself as a player (twitter:card player); audio when its stream
    says so."""
    head = ('<meta name="twitter:card" content="player"><meta name="twitter:player" content="https://ex.com/e/1">'
            '<meta name="twitter:player:stream:content_type" content="audio/mpeg">')
    html = (f'<html><head>{head}</head><body><h1>Episode 155: a guest</h1><p>{PARAGRAPH * 3}</p></body></html>')
    found = verdict(html, url="https://podcast.example.com/s/e83b42d0")
    assert ("player card", -1.0, "audio") in [(s.name, s.weight, s.kind) for s in found.signals], found.summary()
    gif = verdict(html.replace("audio/mpeg", "video/mp4"), url="https://gifs.example.com/gifs/no-12XMGIWtrHBl5e")
    assert ("player card", "video") in [(s.name, s.kind) for s in gif.signals], gif.summary()


def test_inspect_lists_the_new_signals(tmp_path):
    from tracker.cli import cli

    saved = tmp_path / "gallery.html"
    saved.write_text(slideshow(8), encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(saved), "--url", "https://example.com/news/hearing-in-pictures"])
    assert result.exit_code == 0, result.output
    assert "page type     gallery" in result.output and "8 pictures with captions" in result.output


def _judge(html: str, text: str, url: str):
    import lxml.html

    from pipeline.understand.page_type import judge_page

    return judge_page(lxml.html.fromstring(html), [], url, text, dated_from="json-ld")


def test_a_row_of_related_stories_taken_into_an_articles_text_weighs_half():
    """Round 5 (The Nation): the extraction kept six "more from" teasers, headline and excerpt, below a story
    of 5,000 characters; and a "latest" row linked the story itself. Teasers that are a small share of the
    text are no listing's text, and the page's own link and headline are no teaser."""
    url = "https://example.com/article/politics/the-fight-for-the-party/"
    story = [PARAGRAPH] * 30
    related = [(f"/article/politics/other-story-{i}/", f"Another story number {i} about the party's fight",
                f"The excerpt of another story number {i}, a sentence under its headline.") for i in range(6)]
    cards = "".join(f'<div class="card"><h2><a href="{href}">{head}</a></h2><p>{dek}</p></div>'
                    for href, head, dek in related)
    latest = (f'<div class="latest"><h3><a href="{url}">The fight for the party is over for good</a></h3>'
              "<p>The fight for the party is over for good</p></div>")
    html = (f"<html><head><title>The fight for the party is over for good</title></head><body>"
            f"<h1>The fight for the party is over for good</h1>{''.join(f'<p>{p}</p>' for p in story)}"
            f"{cards}{latest}</body></html>")
    text = "\n".join(["The fight for the party is over for good", *story,
                      *[line for _, head, dek in related for line in (head, dek)]])
    found = _judge(html, text, url)
    excerpts = [s for s in found.signals if s.name == "excerpts in the text"]
    assert excerpts and excerpts[0].weight == -1.0 and "6 teasers" in excerpts[0].value, found.summary()
    # The same teasers making up the text are a listing's: the full weight.
    listing = _judge(html, "\n".join(dek for _, _, dek in related), url)
    assert [s.weight for s in listing.signals if s.name == "excerpts in the text"] == [-2.0], listing.summary()


def test_a_slide_deck_is_a_gallery_though_its_slides_hold_text():
    """Round 5 (slides.com): a talk's reveal.js deck, `.slides > section` by the dozen, has code and bullet
    points enough for an article's length, og:type article and a byline; its markup says it is slides."""
    slides = "".join(f"<section><h2>Part {i}: destructuring</h2><pre>var snack = 'Meow Mix'; function getFood(food) "
                     f"{{ return food || snack; }} // slide {i}</pre><p>{PARAGRAPH}</p></section>" for i in range(24))
    html = (f'<html><head><meta property="og:type" content="article"><meta name="author" content="David Leonard">'
            f'</head><body><div class="reveal"><div class="slides">{slides}</div></div></body></html>')
    found = verdict(html, url="https://slides.example.com/someone/ecmascript-2015-deep-dive")
    assert not found.is_article and found.kind == "gallery", found.summary()
    assert any(s.name == "gallery" and "24 slides" in s.value for s in found.signals)
    # An article's few <section>s are no deck.
    article = verdict(f'<html><head>{NEWS_LD}</head><body><article class="slides-free">'
                      f'{"".join(f"<section><p>{PARAGRAPH}</p></section>" for _ in range(4))}</article></body></html>')
    assert article.is_article, article.summary()
    # Nor are many, in an element that does not call itself the slides: the markup decides.
    article = verdict(f'<html><head>{NEWS_LD}</head><body><article class="story-body">'
                      f'{"".join(f"<section><p>{PARAGRAPH}</p></section>" for _ in range(12))}</article></body></html>')
    assert article.is_article and not any(s.name == "gallery" for s in article.signals), article.summary()


def test_links_to_pages_under_its_own_address_are_a_section_over_its_items():
    """A section, category or gallery page links to its items below its own address (dev's CBS News
    /pictures/notable-deaths-in-2018/ and its slides); an article is a leaf (none of 863 links to more than
    three). Relative links are read against <base href>, as TYPO3 writes them."""
    items = "".join(f'<li><a href="slide-{i}/">A person who died in 2018, number {i}</a></li>' for i in range(8))
    html = (f'<html><head><base href="https://example.com/pictures/notable-deaths-in-2018/">{NEWS_LD}</head>'
            f"<body><h1>Notable deaths</h1><p>{PARAGRAPH * 3}</p><ul>{items}</ul></body></html>")
    found = verdict(html, url="https://example.com/pictures/notable-deaths-in-2018/")
    assert ("links below", "8 pages under its own address", -1.5) in [
        (s.name, s.value, s.weight) for s in found.signals], found.summary()
    # The same relative links under a <base> elsewhere point elsewhere: no signal.
    leaf = verdict(html.replace('<base href="https://example.com/pictures/notable-deaths-in-2018/">',
                                '<base href="https://example.com/">'),
                   url="https://example.com/pictures/notable-deaths-in-2018/")
    assert not any(s.name == "links below" for s in leaf.signals), leaf.summary()


@pytest.mark.slow  # about 10 s: 86 public pages through extraction
def test_the_margin_on_the_fifth_held_out_pages():
    """Guards `test5` (docs/understanding.md): first measured 5 of 41 articles rejected, 7 of 45 others stored;
    3 of 41 and 4 of 45 after round 6's paged-listing, id-parameter and posts-in-full signals, 3 of 41 and 2 of
    45 after round 7's (another page's article object on a home or listing address), 2 of 41 and 1 of 45 after
    round 8's (a static page deep in the site, the last-part path word news$; not first measurements). Its pages live in shared/corpora, not in
    the repository: without them there is nothing to measure."""
    result = _measured_outside_the_repository("test5", articles=41, others=45)
    assert result["articles_rejected"] <= 2, _wrong(result, article=True)
    assert result["non_articles_stored"] <= 1, _wrong(result, article=False)


def test_a_listings_further_page_is_an_archive_and_its_number_no_id():
    """Round 6 (not a first measurement): WordPress's /page/673/ was read as a permalink under an archive word
    with an id; the page word before a number (`paged` in language.yaml) marks a listing's further page."""
    posts = "".join(f"<h2><a href='/2016/03/post-{i}/'>Post {i}</a></h2><p>{PARAGRAPH}</p>" for i in range(3))
    for url in ("https://blog.example.com/page/673/", "https://blog.example.de/nachrichten/seite/3"):
        found = verdict(f"<html><body>{posts}</body></html>", url=url)
        assert not found.is_article and found.kind == "archive", found.summary()
        assert not any(s.value == "ends in a slug or an id" for s in found.signals), found.summary()
        # counted once: the further page, not its page word as an archive word too
        assert not any(s.value.endswith(" in the path") for s in found.signals), found.summary()


def test_a_query_parameter_named_an_id_is_a_story_address():
    """Round 6 (not a first measurement): Tulsa World's `articlepath.aspx?articleid=20111118_61_A16_Opposi344152`
    and MSN's `article.aspx?cp-documentid=31244150` are stories' addresses, not short section paths."""
    from pipeline.understand.page_type import NAMED_ID

    assert NAMED_ID.search("articleid=20111118_61_A16_Opposi344152&rss_lnk=7")
    assert NAMED_ID.search("cp-documentid=31244150")
    assert not NAMED_ID.search("fbclid=IwAR3x9")  # a click id is no story's
    found = verdict(f"<html><body><h1>Plan draws opposition</h1><p>{PARAGRAPH * 4}</p></body></html>",
                    url="https://www.example.com/site/articlepath.aspx?articleid=20111118_61_A16_Opposi344152")
    assert any(s.value == "ends in a slug or an id" for s in found.signals), found.summary()


def test_a_tracking_parameter_is_no_story_id():
    """A home page reached through a tracked link ("?ocid=msedgntp1", "?cmpid=rss12") is still the home page."""
    for url in ("https://www.example.com/?ocid=msedgntp1", "https://www.example.com/?cmpid=rss12"):
        found = verdict(f"<html><body><h1>Example</h1><p>{PARAGRAPH * 4}</p></body></html>", url=url)
        assert any(s.value == "the site's home page" for s in found.signals), found.summary()
        assert not any(s.value == "ends in a slug or an id" for s in found.signals), found.summary()
    # The story's own parameters are read as written beside a tracking one ("?p=959/", "?article717").
    for url in ("https://blog.example.de/?p=959/&utm_source=rss", "https://www.example.org/spip.php?article717&ocid=x"):
        found = verdict(f"<html><body><h1>Example</h1><p>{PARAGRAPH * 4}</p></body></html>", url=url)
        assert any(s.value == "ends in a slug or an id" for s in found.signals), found.summary()


def test_three_blog_posts_in_full_are_a_front_page_not_one_story():
    """Round 6 (not a first measurement): a livedoor blog's front shows five BlogPostings of 1,400 characters
    or more; one or two long article elements are a story (two on two Business Insider pages)."""
    post = ('<article itemscope itemtype="http://schema.org/BlogPosting"><h2><a href="/archives/{i}.html">Post {i}'
            f'</a></h2><p>{PARAGRAPH * 8}</p></article>')
    posts = "".join(post.format(i=5680524 + i) for i in range(3))
    found = verdict(f"<html><body>{posts}</body></html>", url="https://blog.example.jp/archives/cat_103640.html")
    assert not found.is_article and found.kind == "archive", found.summary()
    one = verdict(f"<html><body>{post.format(i=5680524)}</body></html>", url="https://blog.example.jp/archives/5680524.html")
    assert one.is_article, one.summary()


@pytest.mark.slow  # about 10 s: 92 public pages through extraction
def test_the_margin_on_the_sixth_held_out_pages():
    """Guards `test6` (docs/understanding.md): first measured 1 of 46 articles rejected, 15 of 46 others stored;
    0 of 46 and 3 of 46 after round 7's product, event, customers'-review, cart-link, episode-file and index.html
    signals (not a first measurement). Its pages live outside the repository (shared/corpora or PAGE_TYPES_PAGES)."""
    result = _measured_outside_the_repository("test6", articles=46, others=46)
    assert result["articles_rejected"] == 0, _wrong(result, article=True)
    assert result["non_articles_stored"] <= 3, _wrong(result, article=False)


@pytest.mark.slow  # about 10 s: 92 public pages through extraction
def test_the_margin_on_the_seventh_held_out_pages():
    """Guards `test7` (docs/understanding.md): first measured 3 of 45 articles rejected, 2 of 47 others stored;
    1 of 45 and 1 of 47 after round 8's deep static page, last-part path word and policy/help/FAQ words (not a
    first measurement). Its pages live outside the repository (shared/corpora or PAGE_TYPES_PAGES)."""
    result = _measured_outside_the_repository("test7", articles=45, others=47)
    assert result["articles_rejected"] <= 1, _wrong(result, article=True)
    assert result["non_articles_stored"] <= 1, _wrong(result, article=False)
