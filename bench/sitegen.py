"""A synthetic news site for the benchmarks: N article pages, their feeds and a robots.txt, served on 127.0.0.1.

Articles are 500-900 words, English and German, written by a small grammar
whose slots (actors, verbs, objects, numbers) change every few words, so no
two articles share enough five-word shingles to look like copies to the
near-duplicate check. Relevant articles carry both sides of the AI-copyright
vocabulary (pipeline/data/vocab); the others (sport, weather, city politics)
carry neither. Pages are wrapped in the markup of a real news site (navigation,
JSON-LD, an inline script blob, a "most read" box), about 30 KB each.

The server counts the article pages it serves and answers feeds with ETags
and 304 Not Modified, as a news site's CDN does.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

FIRST = ["Anna", "James", "Maria", "David", "Laura", "Michael", "Sofia", "Daniel", "Emma", "Thomas", "Julia", "Peter",
         "Hannah", "Robert", "Claire", "Lukas", "Nina", "Samuel", "Olivia", "Felix", "Grace", "Jonas", "Rachel", "Martin"]
LAST = ["Keller", "Morgan", "Schneider", "Bennett", "Hoffmann", "Carter", "Weber", "Hughes", "Fischer", "Reed",
        "Wagner", "Porter", "Becker", "Sullivan", "Richter", "Hayes", "Koch", "Foster", "Wolf", "Palmer", "Brandt"]
AI_ORGS = ["OpenAI", "Microsoft", "Google", "Meta", "Anthropic", "Stability AI", "Midjourney", "Suno", "Udio",
           "Perplexity", "Nvidia", "Mistral AI"]
RIGHTS_ORGS = ["The New York Times", "Getty Images", "the Authors Guild", "SAG-AFTRA", "the Writers Guild of America",
               "Universal Music Group", "Sony Music", "the News/Media Alliance", "Penguin Random House",
               "the Recording Industry Association of America", "Disney", "Condé Nast"]
DE_RIGHTS_ORGS = ["die GEMA", "die VG Wort", "ver.di", "der Deutsche Journalisten-Verband", "der Börsenverein",
                  "die Initiative Urheberrecht", "der Bundesverband Musikindustrie", "die Axel Springer SE"]
CITIES = ["Springfield", "Riverton", "Lakeside", "Oakdale", "Fairview", "Brookfield", "Hamburg", "Leipzig"]
TEAMS = ["City Rovers", "United Athletic", "Harbour FC", "Valley Wanderers", "Northside Town", "Eintracht Nord"]

EN_REL = [
    "{person}, a lawyer for {rorg}, {said} that {aorg} {used} {works} to train its {model} without {permission}",
    "{aorg} {argued} in a {filing} that training a {model} on {works} is fair use under {law}",
    "The {suit} filed by {rorg} in {court} {claims} copyright infringement on {n} counts",
    "Judge {last} {ruled} on {weekday} that the {claim} against {aorg} may go ahead, {person} told reporters",
    "{rorg} {wants} a licensing deal that pays {creators} royalties whenever generative AI reuses their {works_short}",
    "According to {person}, {aorg} {used} roughly {n} million {works_short} as training data for {model_name}",
    "The {union} {said} its members must give consent before any digital replica of their likeness is used",
    "{person} of {rorg} {warned} that AI-generated {works_short} {threaten} the income of {creators}",
    "Lawmakers in {place} are drafting rules that would force {aorg} to disclose the copyrighted {works_short} it used",
    "{aorg} {offered} {rorg} a licensing agreement worth {n} million dollars over {years} years",
    "{person} {said} the case could decide whether {aorg} owes {creators} compensation for {works_short}",
    "Critics of {aorg}, among them {person}, {argued} that the AI model reproduces {works_short} almost word for word",
]
EN_OTHER = [
    "{team} {beat} {team2} {score} on {weekday}, with {person} scoring {goals} in the second half",
    "Coach {person} {said} the squad {needs} more depth before the match against {team2} in {place}",
    "Forecasters in {place} {expect} {weather} on {weekday}, with temperatures near {temp} degrees",
    "The council of {place} {approved} a budget of {n} million dollars for {project}, {person} said",
    "{person}, who chairs the {committee} committee, {said} the plan for {project} {needs} another vote",
    "Residents of {place} {complained} about {problem} at a meeting on {weekday}, {person} reported",
    "Traffic on the {road} {was} slow for {n} hours after {problem}, police in {place} said",
    "{person} {opened} a new bakery in {place}, selling {n} loaves on the first {weekday}",
    "The {team} fans {celebrated} in {place} until late, {person} from the supporters' club said",
    "Prices for {goods} in {place} {rose} by {pct} percent this year, according to {person}",
]
DE_REL = [
    "{person}, Anwältin von {rorg_de}, {sagte_de}, {aorg} habe {werke} ohne Lizenz als Trainingsdaten genutzt",
    "Vor dem Landgericht {ort} {klagt_de} {rorg_de} gegen {aorg} wegen Verletzung des Urheberrechts",
    "{aorg} {argumentierte_de}, das Training eines Sprachmodells mit {werke} sei von der Text- und Data-Mining-Schranke gedeckt",
    "Die Richterin {last} {entschied_de} am {wochentag}, dass die Klage gegen {aorg} zulässig ist",
    "{rorg_de} {fordert_de} eine angemessene Vergütung für Urheber, deren {werke} generative KI verwendet",
    "Nach Angaben von {person} nutzte {aorg} rund {n} Millionen {werke_kurz} für das Training von {model_name}",
    "Die Gewerkschaft ver.di {fordert_de}, dass Kreative einer Nutzung ihrer {werke_kurz} durch KI-Systeme zustimmen",
    "{person} von {rorg_de} {warnte_de}, KI-generierte {werke_kurz} gefährdeten die Einnahmen der Künstlerinnen",
    "Im Bundestag {berät_de} der Rechtsausschuss über einen Nutzungsvorbehalt gegen das Training von KI-Modellen",
    "{aorg} {bot_de} {rorg_de} einen Lizenzvertrag über {n} Millionen Euro für {jahre} Jahre an",
]
DE_OTHER = [
    "Der {team} {gewann_de} am {wochentag} mit {score} gegen {team2}, {person} traf in der zweiten Halbzeit",
    "Trainer {person} {sagte_de}, die Mannschaft brauche vor dem Spiel in {ort} mehr Tiefe im Kader",
    "Der Wetterdienst {erwartet_de} für {ort} am {wochentag} {wetter} bei Temperaturen um {temp} Grad",
    "Der Stadtrat von {ort} {beschloss_de} einen Haushalt von {n} Millionen Euro für {projekt}, sagte {person}",
    "Anwohner in {ort} {beschwerten_de} sich am {wochentag} über {problem_de}, berichtete {person}",
    "Auf der {strasse} staute sich der Verkehr {n} Stunden lang, teilte die Polizei in {ort} mit",
    "{person} {eröffnete_de} in {ort} eine Bäckerei und verkaufte am ersten {wochentag} {n} Brote",
    "Die Preise für {waren} in {ort} {stiegen_de} in diesem Jahr um {pct} Prozent, so {person}",
]
SLOTS = {
    "said": ["said", "told a hearing", "wrote in a statement", "argued", "insisted", "claimed"],
    "used": ["copied", "used", "scraped", "ingested", "downloaded", "reproduced"],
    "works": ["millions of news articles", "copyrighted books", "song lyrics", "photographs from its archive",
              "scripts and screenplays", "recordings of its artists", "paywalled stories"],
    "works_short": ["articles", "novels", "songs", "images", "scripts", "recordings", "illustrations", "voices"],
    "model": ["large language model", "AI model", "image generator", "chatbot", "music generator"],
    "model_name": ["GPT-5", "Gemini", "Llama 4", "Claude", "Stable Diffusion 4", "its newest chatbot"],
    "permission": ["permission", "a licence", "paying for them", "asking the authors", "any compensation"],
    "argued": ["argued", "maintained", "told the court", "said"], "filing": ["filing", "motion", "brief", "response"],
    "law": ["US law", "the Copyright Act", "existing precedent", "the 1976 statute"],
    "suit": ["lawsuit", "class action", "complaint", "case"], "claims": ["claims", "alleges", "asserts"],
    "court": ["federal court in Manhattan", "the Northern District of California", "a Delaware court",
              "the High Court in London", "the Munich Regional Court"],
    "ruled": ["ruled", "decided", "found", "wrote"], "claim": ["copyright claim", "infringement claim", "lawsuit"],
    "wants": ["wants", "is negotiating", "has demanded", "is pushing for"],
    "creators": ["authors", "musicians", "photographers", "voice actors", "journalists", "illustrators"],
    "union": ["SAG-AFTRA union", "Writers Guild", "actors' union", "musicians' union"],
    "warned": ["warned", "said", "cautioned", "told members"], "threaten": ["threaten", "undercut", "endanger"],
    "offered": ["offered", "proposed", "signed"], "beat": ["beat", "defeated", "edged past", "thrashed"],
    "needs": ["needs", "still needs", "will need"], "expect": ["expect", "predict", "forecast"],
    "weather": ["heavy rain", "sunshine", "strong winds", "fog in the morning", "the first snow"],
    "approved": ["approved", "passed", "rejected", "postponed"],
    "project": ["a new swimming pool", "road repairs", "the library", "school buses", "the harbour wall"],
    "committee": ["finance", "planning", "transport", "housing"],
    "complained": ["complained", "protested", "argued"],
    "problem": ["a burst water main", "a lorry breakdown", "roadworks", "a fallen tree", "parking fees"],
    "road": ["ring road", "A7", "harbour road", "main bridge"], "was": ["was", "remained", "stayed"],
    "opened": ["opened", "reopened", "launched"], "celebrated": ["celebrated", "sang", "gathered"],
    "goods": ["bread", "coffee", "rent", "heating oil", "bus tickets"], "rose": ["rose", "fell", "climbed"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "sagte_de": ["sagte", "erklärte", "betonte", "teilte mit"], "klagt_de": ["klagt", "prozessiert", "streitet"],
    "werke": ["Zeitungsartikel", "Liedtexte", "Romane", "Fotos aus dem Archiv", "Musikaufnahmen", "Drehbücher"],
    "werke_kurz": ["Texte", "Lieder", "Bilder", "Stimmen", "Werke", "Illustrationen"],
    "argumentierte_de": ["argumentierte", "erklärte", "hielt dagegen"], "entschied_de": ["entschied", "stellte fest"],
    "fordert_de": ["fordert", "verlangt", "besteht auf"], "warnte_de": ["warnte", "kritisierte", "befürchtet"],
    "berät_de": ["berät", "streitet", "diskutiert"], "bot_de": ["bot", "schlug", "legte"],
    "gewann_de": ["gewann", "verlor", "siegte"], "erwartet_de": ["erwartet", "meldet", "sagt voraus"],
    "wetter": ["Regen", "Sonnenschein", "Sturmböen", "Nebel", "Schneefall"],
    "beschloss_de": ["beschloss", "vertagte", "billigte"], "beschwerten_de": ["beschwerten", "ärgerten"],
    "projekt": ["ein neues Hallenbad", "die Sanierung der Brücke", "die Stadtbibliothek", "neue Radwege"],
    "problem_de": ["Baulärm", "einen Wasserrohrbruch", "fehlende Parkplätze", "Müll im Park"],
    "strasse": ["Ringstraße", "A7", "Hafenstraße", "Elbbrücke"], "eröffnete_de": ["eröffnete", "übernahm"],
    "waren": ["Brot", "Kaffee", "Mieten", "Heizöl", "Busfahrkarten"], "stiegen_de": ["stiegen", "sanken"],
    "wochentag": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
}
EN_TITLES = ["{rorg_t} sues {aorg} over {works_short}", "{aorg} faces new copyright claim from {creators}",
             "Court lets {creators}' lawsuit against {aorg} proceed", "{aorg} signs licensing deal with {rorg_t}"]
EN_OTHER_TITLES = ["{team} beat {team2} in {place}", "{place} council approves budget", "Storm warning for {place}",
                   "Roadworks slow traffic in {place}"]
DE_TITLES = ["{rorg_de_t} verklagt {aorg} wegen KI-Training", "Urheberrecht: Streit um {aorg} vor Gericht",
             "{aorg} und {rorg_de_t} einigen sich auf Lizenzvertrag"]
DE_OTHER_TITLES = ["{team} gewinnt gegen {team2}", "Stadtrat in {ort} beschließt Haushalt", "Unwetter in {ort}"]


def _fill(template: str, rng: random.Random) -> str:
    def pick(match):
        key = match.group(1)
        if key == "person":
            return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if key == "last":
            return rng.choice(LAST)
        if key in ("aorg",):
            return rng.choice(AI_ORGS)
        if key in ("rorg", "rorg_t"):
            org = rng.choice(RIGHTS_ORGS)
            return org[0].upper() + org[1:] if key == "rorg_t" else org
        if key in ("rorg_de", "rorg_de_t"):
            org = rng.choice(DE_RIGHTS_ORGS)
            return org[0].upper() + org[1:]
        if key in ("place", "ort"):
            return rng.choice(CITIES)
        if key in ("team", "team2"):
            return rng.choice(TEAMS)
        if key in ("n", "goals", "years", "jahre", "temp", "pct"):
            return str(rng.randint(2, 400))
        if key == "score":
            return f"{rng.randint(0, 5)}:{rng.randint(0, 5)}"
        return rng.choice(SLOTS[key])
    text = re.sub(r"\{(\w+)\}", pick, template)
    return text[0].upper() + text[1:]


def article_text(rng: random.Random, language: str, relevant: bool, words: int) -> tuple[str, list[str]]:
    """(title, paragraphs) of about `words` words."""
    if language == "de":
        templates, titles = (DE_REL, DE_TITLES) if relevant else (DE_OTHER, DE_OTHER_TITLES)
    else:
        templates, titles = (EN_REL, EN_TITLES) if relevant else (EN_OTHER, EN_OTHER_TITLES)
    paragraphs, count = [], 0
    while count < words:
        sentences = [_fill(rng.choice(templates), rng) + "." for _ in range(rng.randint(2, 5))]
        paragraphs.append(" ".join(sentences))
        count += len(paragraphs[-1].split())
    return _fill(rng.choice(titles), rng), paragraphs


@dataclass
class Source:
    name: str
    slug: str
    language: str
    articles: list[dict] = field(default_factory=list)


def _page(source: Source, base: str, art: dict, boilerplate: str, most_read: str) -> str:
    url = f"{base}{art['path']}"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
          "datePublished": art["published"], "author": [{"@type": "Person", "name": art["author"]}],
          "publisher": {"@type": "Organization", "name": source.name}, "mainEntityOfPage": url}
    body = "\n".join(f"<p>{escape(p)}</p>" for p in art["paragraphs"])
    return (
        f'<!doctype html><html lang="{source.language}"><head><meta charset="utf-8">'
        f'<title>{escape(art["title"])} | {source.name}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="description" content="{escape(art["paragraphs"][0][:150])}">'
        f'<meta property="og:type" content="article"><meta property="og:title" content="{escape(art["title"])}">'
        f'<link rel="canonical" href="{url}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>{boilerplate}</head>'
        f'<body><header><nav class="site-nav">{source.name}: {most_read}</nav></header><main>'
        f'<article><h1>{escape(art["title"])}</h1><p class="byline">By {art["author"]}</p>'
        f'<time datetime="{art["published"]}">{art["published"][:10]}</time>{body}</article>'
        f'<aside class="most-read"><h2>Most read</h2>{most_read}</aside></main>'
        f'<footer><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a> (c) {source.name}</footer>'
        f'</body></html>'
    )


def _feed(source: Source, base: str) -> str:
    items = "".join(
        f"<item><title>{escape(a['title'])}</title><link>{base}{a['path']}</link>"
        f"<guid>{base}{a['path']}</guid><pubDate>{a['rfc822']}</pubDate>"
        f"<description>{escape(a['paragraphs'][0][:200])}</description></item>"
        for a in source.articles)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{source.name}</title>'
            f"<link>{base}/{source.slug}/</link><description>{source.name}</description>{items}</channel></rss>")


def generate(root: Path, base: str, n: int, relevant_share: float, seed: int = 7,
             german_share: float = 0.3, feeds: int = 6) -> dict:
    """Write the site under root; returns a summary (articles, relevant, words, feed URLs)."""
    rng = random.Random(seed)
    sources = []
    for i in range(feeds):
        language = "de" if i < round(feeds * german_share) else "en"
        sources.append(Source(f"Bench {'Nachrichten' if language == 'de' else 'News'} {i + 1}", f"s{i + 1}", language))
    # A fixed blob in every page's head, like the analytics and ad configuration of real news pages.
    boilerplate = "<script>window.__CONFIG__=" + json.dumps(
        {f"slot{i}": hashlib.sha1(str(i).encode()).hexdigest() * 4 for i in range(120)}) + "</script>"
    start = datetime(2026, 1, 1, tzinfo=UTC)
    relevant_every = 1 / relevant_share if relevant_share > 0 else float("inf")
    summary = Counter()
    for i in range(n):
        source = sources[i % feeds]
        relevant = int(i / relevant_every) != int((i + 1) / relevant_every) if relevant_share < 1 else True
        title, paragraphs = article_text(rng, source.language, relevant, rng.randint(500, 900))
        published = start + timedelta(minutes=17 * i)
        path = f"/{source.slug}/{published:%Y/%m}/story-{i}.html"
        source.articles.append({"title": title, "paragraphs": paragraphs, "path": path, "published": published.isoformat(),
                                "rfc822": format_datetime(published), "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}"})
        summary["articles"] += 1
        summary["relevant"] += relevant
        summary["words"] += sum(len(p.split()) for p in paragraphs)
    for source in sources:
        links = " ".join(f'<a href="{a["path"]}">{escape(a["title"])}</a>' for a in source.articles[:12])
        for art in source.articles:
            target = root / art["path"].lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_page(source, base, art, boilerplate, links), encoding="utf-8")
        (root / "feeds").mkdir(parents=True, exist_ok=True)
        (root / "feeds" / f"{source.slug}.xml").write_text(_feed(source, base), encoding="utf-8")
        source.articles = []  # the pages are on disk; keep memory flat for large N
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    lines = ["sources:"]
    for s in sources:
        lines += [f"  - name: {s.name}", f"    homepage: {base}/{s.slug}/", f"    language: {s.language}",
                  f"    feeds: [{base}/feeds/{s.slug}.xml]"]
    (root / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {**summary, "sources": str(root / "sources.yaml")}


class CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real site's server offers
    root: Path
    hits: Counter

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in target.parents or not target.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = target.read_bytes()
        kind = "feed" if path.startswith("/feeds/") else "robots" if path == "/robots.txt" else "article"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if kind == "feed" and self.headers.get("If-None-Match") == etag:
            self.hits["feed_304"] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.hits[kind] += 1
        self.send_response(200)
        ctype = {"feed": "application/rss+xml", "robots": "text/plain"}.get(kind, "text/html; charset=utf-8")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if kind == "feed":
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


class CountingSite:
    """Serves root on 127.0.0.1; `hits` counts what was fetched (article, feed, feed_304, robots)."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.hits: Counter = Counter()
        handler = type("Handler", (CountingHandler,), {"root": self.root, "hits": self.hits})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a killed crawl resets connections: expected
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
