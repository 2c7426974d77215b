"""Developments: one story, the articles that report it, across outlets and languages.

A development is an event (a filing, a ruling, a settlement, a bill passing, a
campaign launched) and the listed articles (relevant, not a copy) that report
it. Every listed article belongs to exactly one development; most have one
article. `assign_developments` places the articles of a batch, incrementally,
against the developments already stored:

1. Candidates: the listed articles dated within WINDOW_DAYS of the article
   (one range read of the `articles_listed_date` index, so the cost depends on
   how much was published that week, not on the size of the database), kept
   when they share a canonical entity, a case or a bill with it.
2. A pair is the same story when `pair_score` reaches THRESHOLD. What it
   weighs works across English and German: shared case and bill links, shared
   canonical entities (weighted by how rare they are that week), the distance
   in days and, within one language only, the similarity of the words
   (TF-IDF cosine with the week's articles as the corpus, so no stop-word
   list is needed). Two articles linked to different cases or different
   bills are never the same story.
3. The article joins a development when it matches at least half of that
   development's members of the week (not one member only: that is how
   single-link clustering chains unrelated stories together) and the
   development, with it, spans at most MAX_SPAN_DAYS (a case covered every
   few days must not become one development for months); when it matches
   two developments in that way it bridges them, and they merge into the older.

Precision matters more than recall: a story split in two is a small
annoyance in a feed, two stories merged into one hides news. The figures on
our labelled set are in docs/understanding.md (bench/developments_eval.py).

An article that stops being listed (judged irrelevant again, recognised as a
copy) leaves its development; an empty development is deleted. A development
merged through an article that later leaves stays merged. `tracker
reprocess` places every listed article that has no development and leaves the
others where they are, so a second run changes nothing.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from pipeline.languages import Language
from pipeline.languages import language as language_of

WINDOW_DAYS = 4  # coverage of one event falls within a few days; the next ruling in a case is weeks later
THRESHOLD = 0.5
PERSON_WEIGHT = {"PERSON": 1.5}  # a named person shared by two articles says more than a company; others 0.6
MAX_SPAN_DAYS = 7  # a development is an event: its first and last article are at most a week apart
JOIN_SHARE = 0.5  # share of a development's members of the week an article must match to join it
MAX_CANDIDATES = 40  # articles of the week compared with a new one, those sharing the most first
CORPUS = 60  # articles of the week, in the same language, whose words weigh the words (TF-IDF)
EVENT_DAYS = 1.5  # headlines in two languages naming the same kind of event this close are likely one story
KEY_ENTITIES = 8  # entity names kept on a development
LISTED = "a.relevant = 1 and a.duplicate_of is null"
WORD = re.compile(r"[^\W\d_]{4,}")
# A phrase in double quotes of any language's style. Quoted speech is translated, so it does not match across
# languages; what does is what stays in the original: a campaign's slogan, the title of a work or a bill.
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{8,80})[\"“”„«»]")


@dataclass
class Item:
    """What the clustering knows of one listed article."""

    id: int
    date: datetime
    language: str | None
    entities: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)  # "case:slug", "bill:slug"
    words: Counter | None = None  # loaded only for candidates that share something
    quotes: set[str] = field(default_factory=set)  # quoted phrases of three words or more: slogans, titles
    events: set[str] = field(default_factory=set)  # kinds of event the title names: "settlement", "strike"


def _parse(date: str | None) -> datetime:
    try:
        parsed = datetime.fromisoformat((date or "").replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1)
    return parsed.replace(tzinfo=None) - (parsed.utcoffset() or timedelta(0))


def _in_clause(ids) -> tuple[str, list]:
    ids = list(ids)
    return ",".join("?" * len(ids)), ids


class Window:
    """The listed articles of the days around one date, loaded once and kept for the batch."""

    def __init__(self, db):
        self.db = db
        self.items: dict[int, Item] = {}
        self.types: dict[int, str] = {}
        self.corpus: dict[str | None, Counter] = {}  # language -> in how many loaded articles each word is
        self.corpus_size: Counter = Counter()
        self.idf_made: dict[str | None, tuple[int, dict[str, float]]] = {}
        self.member: dict[int, int | None] = {}
        self.spans: dict[int, tuple[datetime, datetime]] = {}
        self.covered: list[tuple[datetime, datetime]] = []  # date ranges whose listed articles are all loaded
        self.by_date: list[tuple[datetime, int]] = []  # (date, id) of the loaded articles, sorted

    def load_range(self, start: datetime, end: datetime) -> None:
        """Load the listed articles dated from `start` to `end` (UTC), unless they are loaded already."""
        if any(a <= start and end <= b for a, b in self.covered):
            return
        # Stored dates keep their own offset and compare as strings: a day more on each side is surely enough
        # (an offset moves a date by less than a day); `around` picks the exact ones by their parsed dates.
        rows = self.db.execute(
            f"select a.id, coalesce(a.published, a.fetched), a.language from articles a "
            f"indexed by articles_listed_date where {LISTED} and coalesce(a.published, a.fetched) >= ? "
            f"and coalesce(a.published, a.fetched) < ?",
            [(start - timedelta(days=1)).strftime("%Y-%m-%d"),
             (end + timedelta(days=2)).strftime("%Y-%m-%d")]).fetchall()
        new = [r for r in rows if r[0] not in self.items]
        for id_, date, language in new:
            self.items[id_] = Item(id_, _parse(date), language)
        self._load_links([r[0] for r in new])
        self.covered.append((start, end))
        self.by_date = sorted((i.date, i.id) for i in self.items.values())

    def _load_links(self, ids: list[int]) -> None:
        for start in range(0, len(ids), 500):
            marks, chunk = _in_clause(ids[start:start + 500])
            for article_id, entity_id in self.db.execute(
                    f"select article_id, entity_id from article_entities where article_id in ({marks})", chunk):
                self.items[article_id].entities.add(entity_id)
            for table, column, prefix in (("article_cases", "case_slug", "case"), ("article_bills", "bill_slug", "bill")):
                for article_id, slug in self.db.execute(
                        f"select article_id, {column} from {table} where article_id in ({marks})", chunk):
                    self.items[article_id].keys.add(f"{prefix}:{slug}")

    def entity_types(self, items: list[Item]) -> dict[int, str]:
        wanted = {e for i in items for e in i.entities} - self.types.keys()
        for start in range(0, len(wanted), 500):
            marks, chunk = _in_clause(list(wanted)[start:start + 500])
            self.types.update(self.db.execute(f"select id, type from entities where id in ({marks})", chunk))
        return self.types

    def around(self, item: Item) -> list[Item]:
        """The listed articles within WINDOW_DAYS of `item`, itself left out."""
        start, end = item.date - timedelta(days=WINDOW_DAYS), item.date + timedelta(days=WINDOW_DAYS)
        self.load_range(start, end)
        low, high = bisect_left(self.by_date, (start, 0)), bisect_right(self.by_date, (end, 1 << 62))
        return [self.items[i] for _, i in self.by_date[low:high] if i != item.id]

    def words(self, items: list[Item]) -> None:
        """Load the words of these articles, and count them into their language's corpus of the week."""
        missing = [i.id for i in items if i.words is None]
        for start in range(0, len(missing), 200):
            marks, chunk = _in_clause(missing[start:start + 200])
            for id_, title, text in self.db.execute(
                    f"select id, title, text from articles where id in ({marks})", chunk):
                item = self.items[id_]
                # The title twice: it names the event more surely than the body does.
                item.words = Counter(w.lower() for w in WORD.findall(f"{title or ''} {title or ''} {text or ''}"))
                item.quotes = {q for q in (" ".join(re.findall(r"[^\W_]+", m.lower())) for m in QUOTED.findall(
                    f"{title or ''}\n{text or ''}")) if q.count(" ") >= 2}
                item.events = event_kinds(title or "", language_of(item.language))
                self.corpus.setdefault(item.language, Counter()).update(item.words.keys())
                self.corpus_size[item.language] += 1
        for item in items:
            if item.words is None:
                item.words = Counter()

    def idf(self, language: str | None) -> dict[str, float]:
        """Word weights from the language's corpus; made again only when the corpus grew."""
        size = self.corpus_size[language]
        if self.idf_made.get(language, (None,))[0] != size:
            df = self.corpus.get(language, Counter())
            self.idf_made[language] = (size, {w: math.log(1 + (size + 1) / d) for w, d in df.items()})
        return self.idf_made[language][1]

    def span(self, development_id: int) -> tuple[datetime, datetime]:
        """The dates of a development's first and last article (cached for the batch; `extend` keeps it current)."""
        if development_id not in self.spans:
            dates = [_parse(r[0]) for r in self.db.execute(
                "select coalesce(a.published, a.fetched) from development_articles m join articles a "
                "on a.id = m.article_id where m.development_id = ?", [development_id])]
            self.spans[development_id] = (min(dates), max(dates)) if dates else (datetime.max, datetime.min)
        return self.spans[development_id]

    def extend(self, development_id: int, first: datetime, last: datetime) -> None:
        low, high = self.span(development_id)
        self.spans[development_id] = (min(low, first), max(high, last))

    def fits(self, date: datetime, developments: list[int]) -> bool:
        """Whether these developments and an article of `date` together span at most MAX_SPAN_DAYS.

        Both ways: a crawl reads feeds newest first, so a development grows back in time as often as forward.
        Without it, a case in the news every few days would chain into one development for months.
        """
        spans = [self.span(d) for d in developments]
        first, last = min([date, *(a for a, _ in spans)]), max([date, *(b for _, b in spans)])
        return (last - first).total_seconds() <= MAX_SPAN_DAYS * 86400

    def development_of(self, items: list[Item]) -> dict[int, int]:
        """Article id -> development, for these articles (cached for the batch; `_place` keeps it current)."""
        missing = [i.id for i in items if i.id not in self.member]
        self.member.update(dict.fromkeys(missing))
        self.member.update(_developments_of(self.db, missing))
        return {i.id: self.member[i.id] for i in items if self.member.get(i.id) is not None}


@lru_cache(maxsize=16)
def _event_patterns(lang: Language) -> dict[str, re.Pattern]:
    return {kind: re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE)
            for kind, cues in lang.events.items() if cues}


def event_kinds(title: str, lang: Language) -> set[str]:
    """The kinds of event a headline names, from the language's cues (language.yaml `developments: events:`).

    The kinds are the same words in every language, so they compare across languages where the
    headlines' words cannot: "end year-long strike" and "beenden Streik" both name a strike.
    """
    return {kind for kind, pattern in _event_patterns(lang).items() if pattern.search(title)}


def _cosine(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    dot = sum(a[w] * b[w] * idf.get(w, 1.0) ** 2 for w in a.keys() & b.keys())
    norm_a = math.sqrt(sum((n * idf.get(w, 1.0)) ** 2 for w, n in a.items()))
    norm_b = math.sqrt(sum((n * idf.get(w, 1.0)) ** 2 for w, n in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def pair_score(a: Item, b: Item, entity_weight: dict[int, float], idf: dict[str, float] | None = None) -> float:
    """How sure we are that two articles report the same event: 0 when they cannot, about 1 when they surely do.

    Within one language the words decide (coverage of one event shares its
    rarer words; two events about the same companies share far fewer), with
    entities and links as a small bonus. Across languages only what NER and
    linking found can be compared: shared canonical entities, a person
    counting more than an organisation, each less when other articles of the
    week name it too, a shared case or bill, and a phrase quoted in both
    (a slogan or a title, which stays in its original language).
    """
    if a.keys and b.keys and not a.keys & b.keys:
        return 0.0  # linked to different cases or bills: different stories, however alike they read
    shared = a.entities & b.entities
    if not shared and not a.keys & b.keys:
        return 0.0
    entities = min(sum(entity_weight.get(e, 0.0) for e in shared), 2.0)
    key = 1.0 if a.keys & b.keys else 0.0
    days = abs((a.date - b.date).total_seconds()) / 86400
    if a.language == b.language and a.words is not None and b.words is not None:
        score = 1.25 * _cosine(a.words, b.words, idf or {}) + 0.05 * entities + 0.1 * key
        return score - 0.05 * max(days - 1, 0)
    # Across languages there is less to go on, so the days count more: the same names in two languages
    # three days apart are as often the next event in a case (a hearing after a settlement) as its echo.
    # Headlines naming the same kind of event (a ruling, a strike) within a day of each other count for it
    # (later, the same kind is as often the parties' next step: a settlement, then the hearing on it); naming
    # only other kinds counts against it.
    quote = 1.0 if a.quotes & b.quotes else 0.0
    event = 0.0
    if a.events and b.events:
        event = (0.3 if days <= EVENT_DAYS else 0.0) if a.events & b.events else -0.2
    # A shared case is the same kind of evidence as the same names: beyond EVENT_DAYS it is as often the
    # case's next event (German coverage of a settlement joined to the hearing on it three days later, once
    # the German article was linked to the case).
    key = key if days <= EVENT_DAYS else 0.0
    return 0.4 * entities + 0.2 * key + 0.3 * quote + event - 0.15 * max(days - 1, 0)


def _entity_weights(item: Item, near: list[Item], types: dict[int, str]) -> dict[int, float]:
    """The weights of an article's entities: a person more than an organisation, one every story names less."""
    # Up to three articles of the week naming it (the pair and one more): full weight, since the
    # coverage of one story names the same people; each further article dilutes it.
    return {e: PERSON_WEIGHT.get(types.get(e), 0.6) / max(1 + sum(e in b.entities for b in near) - 2, 1)
            for e in item.entities}


def assign_developments(db, article_ids: list[int]) -> Counter:
    """Place these articles in developments (or take them out); returns what happened, counted.

    Call it inside the transaction that stored the articles, so that no commit
    leaves a listed article without a development.
    """
    counts: Counter = Counter()
    article_ids = list(dict.fromkeys(article_ids))
    if not article_ids:
        return counts
    placed, listed = {}, set()
    for start in range(0, len(article_ids), 500):
        marks, chunk = _in_clause(article_ids[start:start + 500])
        placed.update(db.execute(f"select article_id, development_id from development_articles "
                                 f"where article_id in ({marks})", chunk).fetchall())
        listed.update(r[0] for r in db.execute(f"select a.id from articles a where a.id in ({marks}) and {LISTED}",
                                               chunk))
    touched: set[int] = set()
    for article_id in article_ids:
        if article_id not in listed and article_id in placed:
            db.execute("delete from development_articles where article_id = ?", [article_id])
            touched.add(placed[article_id])
            counts["left"] += 1
    window = Window(db)
    todo = [i for i in article_ids if i in listed and i not in placed]
    for start in range(0, len(todo), 500):  # the articles themselves, placed below oldest first
        marks, chunk = _in_clause(todo[start:start + 500])
        for id_, date, language in db.execute(
                f"select id, coalesce(published, fetched), language from articles where id in ({marks})", chunk):
            window.items[id_] = Item(id_, _parse(date), language)
    dates = [window.items[i].date for i in todo]
    if dates and max(dates) - min(dates) <= timedelta(days=30):
        # A crawl's batch is mostly from the same days: one range read for all of it.
        window.load_range(min(dates) - timedelta(days=WINDOW_DAYS), max(dates) + timedelta(days=WINDOW_DAYS))
    window._load_links(todo)
    for item in sorted((window.items[i] for i in todo), key=lambda i: (i.date, i.id)):
        development_id, outcome = _place(db, window, item)
        touched.add(development_id)
        counts[outcome] += 1
    for development_id in touched:
        refresh_development(db, development_id)
    return counts


def _place(db, window: Window, item: Item) -> tuple[int, str]:
    near = window.around(item)
    sharing = [b for b in near if b.entities & item.entities or b.keys & item.keys]
    joined = []
    if sharing:
        entity_weight = _entity_weights(item, near, window.entity_types([item]))
        # The most alike by what they share first: a busy week compares a few dozen articles, not all of them.
        sharing.sort(key=lambda b: (-len(b.keys & item.keys) - sum(entity_weight.get(e, 0.0)
                                                                    for e in b.entities & item.entities),
                                    abs((b.date - item.date).total_seconds()), b.id))
        sharing = sharing[:MAX_CANDIDATES]
        # The week's articles in the same language (the nearest CORPUS of them) are the corpus of the word weights.
        same = sorted((b for b in near if b.language == item.language),
                      key=lambda b: abs((b.date - item.date).total_seconds()))[:CORPUS]
        window.words([item, *same, *sharing])
        idf = window.idf(item.language)
        members = window.development_of(near)
        week_size = Counter(members.values())
        matched: Counter = Counter()
        for b in sharing:
            if b.id in members and pair_score(item, b, entity_weight, idf) >= THRESHOLD:
                matched[members[b.id]] += 1
        joined = sorted(d for d, n in matched.items() if n >= JOIN_SHARE * week_size[d]
                        and window.fits(item.date, [d]))
        if not window.fits(item.date, joined):  # together they would span too long: the closest match only
            joined = [max(joined, key=lambda d: (matched[d] / week_size[d], -d))]
    if not joined:
        development_id = db.execute("insert into developments (articles) values (0)").lastrowid
        outcome = "started"
    else:
        development_id, others = joined[0], joined[1:]
        for other in others:  # the article bridges them: one story
            db.execute("update development_articles set development_id = ? where development_id = ?",
                       [development_id, other])
            db.execute("delete from developments where id = ?", [other])
            window.member.update({a: development_id for a, d in window.member.items() if d == other})
            window.extend(development_id, *window.span(other))
        outcome = "merged" if others else "joined"
    db.execute("insert into development_articles (article_id, development_id) values (?, ?)",
               [item.id, development_id])
    window.member[item.id] = development_id
    window.extend(development_id, item.date, item.date)
    return development_id, outcome


def _developments_of(db, ids: list[int]) -> dict[int, int]:
    found = {}
    for start in range(0, len(ids), 500):
        marks, chunk = _in_clause(ids[start:start + 500])
        found.update(db.execute(f"select article_id, development_id from development_articles "
                                f"where article_id in ({marks})", chunk).fetchall())
    return found


def refresh_development(db, development_id: int) -> None:
    """Write a development's summary from its members; delete it when none is left (or it was merged away)."""
    members = db.execute(
        "select a.id, coalesce(a.published, a.fetched) as date, a.fetched, a.title, a.language, s.name "
        "from development_articles d join articles a on a.id = d.article_id "
        "left join sources s on s.id = a.source_id where d.development_id = ? order by date, a.id",
        [development_id]).fetchall()
    if not members:
        db.execute("delete from developments where id = ?", [development_id])
        return
    marks, ids = _in_clause(m[0] for m in members)

    def ranked(sql: str) -> list:
        return [r[0] for r in db.execute(sql.format(marks=marks), ids)]

    topics = ranked("select topic from article_topics where article_id in ({marks}) "
                    "group by topic order by count(*) desc, sum(score) desc, topic")
    entities = ranked("select e.name from article_entities ae join entities e on e.id = ae.entity_id "
                      "where ae.article_id in ({marks}) group by e.id "
                      "order by count(*) desc, sum(ae.mentions) desc, e.name")[:KEY_ENTITIES]
    cases = ranked("select case_slug from article_cases where article_id in ({marks}) "
                   "group by case_slug order by count(*) desc, case_slug")
    bills = ranked("select bill_slug from article_bills where article_id in ({marks}) "
                   "group by bill_slug order by count(*) desc, bill_slug")
    dates = [m[1] for m in members if m[1]]
    dump = lambda values: json.dumps(values, ensure_ascii=False)  # noqa: E731
    db.execute(
        "insert or replace into developments (id, title, first_seen, last_seen, updated, languages, outlets, "
        "topics, entities, case_slug, bill_slug, articles) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [development_id, members[0][3], min(dates, key=_parse, default=None), max(dates, key=_parse, default=None),
         max((m[2] for m in members if m[2]), default=None),
         dump(sorted({m[4] for m in members if m[4]})), dump(list(dict.fromkeys(m[5] for m in members if m[5]))),
         dump(topics), dump(entities), cases[0] if cases else None, bills[0] if bills else None, len(members)])


def place_orphans(db, chunk: int = 256) -> Counter:
    """Place every listed article that has no development (after a reprocess, or a database from before them).

    Oldest first, a chunk at a time: each chunk is a few days of coverage, read in one range.
    """
    ids = [r[0] for r in db.execute(
        f"select a.id from articles a indexed by articles_listed_id where {LISTED} "
        "and not exists (select 1 from development_articles d where d.article_id = a.id) "
        "order by coalesce(a.published, a.fetched), a.id")]
    counts: Counter = Counter()
    for start in range(0, len(ids), chunk):
        counts.update(assign_developments(db, ids[start:start + chunk]))
    return counts
