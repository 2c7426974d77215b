"""Full-text search that understands German: what is indexed, and how a reader's query is read.

The FTS5 index (`articles_fts`, porter tokenizer) holds the title and text of
listed articles as written, and a third column, `search_stems`: the words of
title and text reduced to their Snowball stem in the article's own language
("Künstlerinnen", "Künstlern" → "kunstl"). Porter is an English stemmer, so
without that column "Künstler" would not find "Künstlern".

A reader's query is turned into an FTS5 expression by `search_query`, never
passed through: every word is quoted (so punctuation and stray quotes cannot
break the query), and the operators people expect from search engines work:
    fair use             both words (any order)
    "fair use"           the phrase
    fair OR use          either word
    Urheberrecht NOT USA the first without the second
    Künstler*            any word starting with "Künstler"
Each plain word matches as written (porter) or by its stem in any language
the tracker knows, so a German query finds its inflections and an English one
behaves as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball project's stemmers, compiled (0.1 ms for 1,000 words)

from pipeline.languages import codes
from pipeline.languages import language as pipeline_language

WORD = re.compile(r"\w+(?:['’]\w+)*")
TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<op>\bOR\b|\bNOT\b|\bAND\b)|(?P<open>\()|(?P<close>\))'
                   r"|(?P<word>\w+(?:['’.-]\w+)*)(?P<star>\*)?")
TEXT_COLUMNS = "{title text}"
NOTHING = '""'  # an empty phrase: valid FTS5 that matches no row


def _stemmer(language: str | None):
    """The stemmer of the language with this code (its `search: stemmer:`); None for a language without a folder."""
    if language not in codes():
        return None  # not the fallback's: an unknown language's words would only be mangled by another's stemmer
    return _snowball(pipeline_language(language).stemmer)


@lru_cache(maxsize=16)
def _snowball(name: str | None):
    return Stemmer.Stemmer(name) if name else None


def stem_words(words: list[str], language: str | None) -> list[str]:
    stemmer = _stemmer(language)
    lowered = [w.lower() for w in words]
    return stemmer.stemWords(lowered) if stemmer else lowered


def search_stems(title: str, text: str, language: str | None) -> str | None:
    """The `search_stems` column of an article: its words, stemmed in its language; None without a stemmer."""
    if _stemmer(language) is None:
        return None
    return " ".join(stem_words(WORD.findall(f"{title}\n{text}"), language))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term(words: list[str], prefix: bool = False) -> str:
    """One word or phrase: as written in title or text, or by its stem in any known language."""
    written = f"{TEXT_COLUMNS} : {_quote(' '.join(words))}" + (" *" if prefix else "")
    if prefix:
        return written
    stems = dict.fromkeys(" ".join(stem_words(words, code)) for code in codes())
    return "(" + " OR ".join([written] + [f"search_stems : {_quote(s)}" for s in stems]) + ")"


def search_query(query: str | None) -> str:
    """A reader's query as an FTS5 expression that always parses; an empty query matches nothing."""
    items: list[str] = []  # terms, operators and parentheses, in order
    for m in TOKEN.finditer(query or ""):
        if m["phrase"] is not None:
            words = WORD.findall(m["phrase"])
            if words:
                items.append(_term(words))
        elif m["op"]:
            items.append(m["op"])
        elif m["open"] or m["close"]:
            items.append(m[0])
        elif m["word"]:
            words = WORD.findall(m["word"])
            items.append(_term(words, prefix=bool(m["star"])) if len(words) == 1 or not m["star"]
                         else _term(words))
    return _well_formed(items) or NOTHING


def _well_formed(items: list[str]) -> str:
    """Drop what FTS5 would reject: operators without a term on both sides, unbalanced parentheses."""
    if _depth_ok(items) is False:
        items = [i for i in items if i not in ("(", ")")]
    out: list[str] = []
    for item in items:
        if item in ("OR", "NOT", "AND"):
            if not out or out[-1] in ("OR", "NOT", "AND", "("):
                continue  # nothing on its left
            out.append(item)
        elif item == ")":
            while out and out[-1] in ("OR", "NOT", "AND"):
                out.pop()
            if out and out[-1] == "(":
                out.pop()  # "()" : nothing inside
            else:
                out.append(item)
        else:
            if item == "(" or item not in ("(", ")"):
                # FTS5 joins two phrases by juxtaposition, but not a parenthesised group: say AND.
                if out and out[-1] not in ("OR", "NOT", "AND", "("):
                    out.append("AND")
            out.append(item)
    while out and out[-1] in ("OR", "NOT", "AND", "("):
        out.pop()
    if _depth_ok(out) is False:  # a dropped "()" can leave a ")" whose "(" went with it
        out = [i for i in out if i not in ("(", ")")]
    return " ".join(out)


def _depth_ok(items: list[str]) -> bool:
    depth = 0
    for item in items:
        depth += {"(": 1, ")": -1}.get(item, 0)
        if depth < 0:
            return False
    return depth == 0
