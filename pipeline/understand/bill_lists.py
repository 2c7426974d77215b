"""Bills listed in one sentence (issue 18): each item of the list is a description of its own.

    "Gov. Kathy Hochul signed two bills: one requires advertisers to disclose synthetic performers, the other
    extends New York's post-mortem right of publicity to digital replicas."
    "The Copyright Office ... produced a report on digital replicas, a report on copyrightability and a
    pre-publication report on generative AI training."

`bill_descriptions.find` gives one bill to each place word: the bill that fits the words around it best. A list
names several bills of one place, so there the words of every item fit some bill and none wins. Here a sentence
is cut into items at commas, semicolons, colons and the languages' `list_joins` ("and", "und"); an item is a
description when it has a kind word ("a report on copyrightability") or opens with one of `list_items` ("one",
"the other", "das andere") after a plural head (`bill_lists`: "two bills:", "zwei Gesetze:"). It is placed by
the places in it, else by those of the sentence. Only when two items or more are descriptions does this apply,
or one after a plural head, which may also close the sentence before ("Newsom signed two California bills. AB
2602 voids ...; the other requires ..."): its places then place the items, and a bill the article names is not
"the other".

Each item links the one bill of its place and kind its words fit best (by Snowball stem, generic words and
acronyms aside, as in `bill_descriptions`). Items describe different bills: an item that two bills fit equally
takes the one no other item of the list took ("the other requires an estate's consent before a dead performer's
digital replica appears", after "one makes contract clauses allowing a digital replica ... unenforceable").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.languages import all_languages, languages_dir
from pipeline.understand.bill_descriptions import (
    _WORD,
    Described,
    _keys,
    _kind,
    _part,
    bill_words,
    places_in,
)


@dataclass(frozen=True)
class ListWords:
    cut: re.Pattern  # where one item ends and the next begins
    heads: tuple[tuple[str, re.Pattern], ...]  # kind -> a plural head that announces items ("two bills:")
    items: re.Pattern  # the words an item of such a list opens with ("one", "the other")
    more: re.Pattern  # words that open one more item of the kind of the item before ("another")


@lru_cache(maxsize=4)
def _list_words(directory: Path) -> ListWords:
    langs = [lang.linking for lang in all_languages()]
    joins = "|".join(re.escape(str(w)) for data in langs for w in data.get("list_joins") or []) or "(?!)"
    heads: dict[str, list[str]] = {}
    for data in langs:
        for kind, regexes in (data.get("bill_lists") or {}).items():
            heads.setdefault(str(kind), []).extend(map(str, regexes))
    items = "|".join(str(w) for data in langs for w in data.get("list_items") or []) or "(?!)"
    more = "|".join(re.escape(str(w)) for data in langs for w in data.get("list_more") or []) or "(?!)"
    return ListWords(re.compile(rf"[,;:]\s*(?:(?:{joins})\s+)?|\s+(?:{joins})\s+"),
                     tuple((k, re.compile("|".join(v))) for k, v in heads.items()),
                     re.compile(rf"(?:{items})(?!\w)", re.IGNORECASE), re.compile(rf"(?<!\w)(?:{more})(?!\w)"))


def list_words() -> ListWords:
    return _list_words(languages_dir())


def find(paragraphs: list[list[str]], bills: dict[str, list[Described]], named: set[str]) -> list[tuple[str, str]]:
    """(slug, evidence) for each item of a list of bills in a sentence. The plural head may close the sentence
    before, with the places: "Newsom signed two California bills. AB 2602 voids ...; the other requires ...";
    a bill the article names is one the items do not describe when two fit them equally."""
    words, lists = bill_words(), list_words()
    found = []
    for sentence, before in ((s, p[i - 1] if i else "") for p in paragraphs for i, s in enumerate(p)):
        head = next(((kind, m) for kind, regex in lists.heads if (m := regex.search(sentence))), None)
        places = places_in(sentence, words)
        if not head and before and (head := next(((kind, m) for kind, regex in lists.heads
                                                  if (m := regex.search(before))), None)):
            head = (head[0], re.match("", sentence))  # its items may open anywhere in this sentence
            places = places or places_in(before, words)
            own_places = bool(places) and places[0].string is sentence
        else:
            own_places = True
        if not places or len(words.any_kind.findall(sentence)) < 2 and not head and not lists.more.search(sentence) \
                and not _parts(sentence, words, None):
            continue
        items = _items(sentence, head, lists)
        if len(items) < 2 and not (head and items):
            continue
        in_sentence = _jurisdictions(places, bills)
        candidates = []
        for start, end, kind in items:
            inside = [p for p in places if own_places and start <= p.start() < end]
            own = _jurisdictions(inside, bills) or in_sentence
            place = inside[0].group(0) if inside else places[0].group(0)
            best, said, kind_word = _fits(sentence[start:end], kind, own, bills, words)
            # An item without a kind word of its own says its bill by two words or more, or by the ordinal of a
            # part ("Part third"): "expanding deepfake election rules" after "two bills" is none of the file's by
            # "deepfake" alone.
            best = [b for b in best if len(said[b]) >= 2 or any(w.lower() in words.part_ordinals for w in said[b])
                    ] if kind else best
            candidates.append((best, said, kind_word, place))
        taken: set[str] = set(named) if head else set()  # "two bills": one named, the other described
        # Items that one bill fits best first; then the ties, less the bills those took and those named.
        for ties in (False, True):
            for n, (best, said, kind_word, place) in enumerate(candidates):
                left = [b for b in best if b not in taken] if ties else best
                if len(left) == 1:
                    taken.add(left[0])
                    found.append((left[0], f"description:{place} + {' '.join(said[left[0]])} + {kind_word}"))
                    candidates[n] = ([], {}, "", "")
    return found


def _items(sentence: str, head: tuple[str, re.Match] | None, lists: ListWords) -> list[tuple[int, int, str | None]]:
    """(start, end, kind given by the list's head or None) for each item that may describe a bill."""
    words = bill_words()
    cuts = [0] + [c for m in lists.cut.finditer(sentence) for c in (m.start(), m.end())] + [len(sentence)]
    out: list[tuple[int, int, str | None]] = []
    kind_before = None  # the kind of the item before, if it has a kind word
    last = None  # the segment before, if it is no item
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        # A head inside the item opens the items right after it: "signed two bills requiring ... and extending ...".
        if head and start < head[1].end() < end and lists.items.match(sentence, head[1].end() + 1):
            start = head[1].end() + 1
        text = sentence[start:end]
        kinds = [k for w in _WORD.findall(text) if (k := _kind(w, words))]
        if head and start >= head[1].end() and lists.items.match(text):
            out.append((start, end, head[0]))
        elif kinds:
            out.append((start, end, None))
        # "New York followed with one law requiring ... and another extending ...": "another" after an item with a
        # kind word is one more of that kind.
        elif kind_before and (lists.more.match(text) or _parts(text, words)):
            out.append((start, end, kind_before))
        # "signed legislation requiring ..., along with a second bill extending ...": the segment before "a second
        # bill" is the first, of that kind.
        if kinds and last and (more := lists.more.search(text)) and _kind(next(iter(_WORD.findall(text[more.end():])), ""), words):
            out.insert(len(out) - 1, (*last, kinds[0]))
        last = None if out and out[-1][:2] == (start, end) else (start, end)
        kind_before = kinds[-1] if kinds else kind_before  # "Part 1 of its report, on ..., followed by Part 2"
    return out


def _parts(text: str, words, reach: int | None = 4) -> bool:
    """Whether the item names a part of a series by its ordinal in its first words ("followed by Part second on
    copyrightability"), or anywhere (`reach` None)."""
    return any(w.lower() in words.part_ordinals for w in _WORD.findall(text)[:reach])


def _jurisdictions(places: list[re.Match], bills: dict[str, list[Described]]) -> list[str]:
    words = bill_words()
    return list(dict.fromkeys(j for p in places for j, regex in words.place.items()
                              if regex.fullmatch(p.group(0)) and j in bills))


def _fits(text: str, kind: str | None, jurisdictions: list[str], bills: dict[str, list[Described]],
          words) -> tuple[list[str], dict[str, list[str]], str]:
    """The bills an item fits by the most words, what it said of each, and its kind word."""
    tokens = _WORD.findall(text)
    kinds = {kind} if kind else set()
    kind_word = kind or ""
    for n, token in enumerate(tokens):
        # "to report the works": a verb, no report.
        if (found := _kind(token, words)) and not (n and tokens[n - 1] in words.infinitive):
            kinds.add(found)
            kind_word = token
    keys = {t: _keys(t, words) | _part(t, words) for t in tokens
            if not _kind(t, words) and t not in words.subject_acronyms and not t.isupper()}
    said = {}
    for bill in (b for j in jurisdictions for b in bills.get(j, [])):
        if bill.kinds & kinds:
            words_said = [w for w, key in keys.items() if key & bill.keys]
            if words_said:
                said[bill.slug] = words_said
    most = max(map(len, said.values()), default=0)
    return [slug for slug, w in said.items() if len(w) == most], said, kind_word
