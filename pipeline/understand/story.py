"""The story of an article, as the entity stage reads it: headline, then the body without what is not story.

Extraction keeps some lines around the story: the byline ("Von Jonas Feldmann |
1. August 2025"), a wire's credits ("Reporting by ...; Editing by ..."), captions,
newsletter boxes and the outlet's footer ("Circuit Ledger is reader-funded"). The
names in them are authors and outlets, not actors of the story, so those lines
are left out of the text that is tagged; the stored text is unchanged. Which
lines those are is every language's data (`story:` and `byline:` in its
language.yaml), since an English credit line can close a German article.

The headline is joined to the body with a blank line, and the body's first line
is dropped when it repeats the headline; entities.py never lets a model's guess
span a line break, so nothing is tagged across the seam. The outlet's own name is
no entity of its own articles unless the headline names it (a story about the
outlet): `without_outlet`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.languages import all_languages, languages_dir
from pipeline.records import EntityMention

SHORT_LINE = 15  # words: a byline, credit or caption is short; a paragraph of story is not


@dataclass
class _StoryWords:
    drop_line: re.Pattern  # a whole line that is no story (credit, footer, caption, newsletter box)
    drop_inline: re.Pattern  # a credit inside a paragraph: "(Reporting by ...; Editing by ...)"
    byline: re.Pattern  # "By Dana Whitcomb and Lee Park", "Von Jonas Feldmann | 1. August 2025"
    byline_words: frozenset[str]  # lower-case words a byline may hold besides names


def _words(section: str, key: str) -> list[str]:
    return list(dict.fromkeys(str(w) for lang in all_languages() for w in
                              (getattr(lang, section, None) or {}).get(key) or []))


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.I)


@lru_cache(maxsize=4)
def _story_words(directory: Path) -> _StoryWords:
    by = "|".join(re.escape(w) for w in _words("byline", "by")) or "(?!)"
    lower = _words("byline", "by") + _words("byline", "and") + _words("byline", "name_particles") \
        + _words("byline", "date_words") + _words("story", "byline_words")
    months = [m for lang in all_languages() for m in lang.months]
    return _StoryWords(
        drop_line=_any(_words("story", "credit_lines") + _words("story", "footer_lines")
                       + _words("story", "caption_lines")),
        drop_inline=_any(_words("story", "credit_inline")),
        byline=re.compile(rf"^\s*(?:{by})\s+[A-ZÄÖÜ]", re.I),
        byline_words=frozenset(w.lower() for w in lower + months),
    )


def _is_byline(line: str, words: _StoryWords, authors: list[str]) -> bool:
    tokens = line.split()
    if not tokens or len(tokens) > SHORT_LINE:
        return False
    if words.byline.match(line):
        # "Von den 20 Klägern ...": a sentence, not a byline; a byline has hardly any lower-case words.
        lower = [t for t in tokens[1:] if t[:1].islower() and t.lower().strip(".,|") not in words.byline_words]
        return len(lower) <= 1
    # "Anna Berger | 1. August 2025", "Priya Nandakumar, Legal Affairs": an author's name on a line of its
    # own that is no sentence.
    return any(a and a in line for a in authors) and not re.search(r"[.!?…\"“”»«]\s*$", line)


def story_lines(text: str, authors: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The lines of `text` that are story: bylines, credits, captions and footers are left out."""
    words = _story_words(languages_dir())
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            out.append(line)
            continue
        stripped = words.drop_inline.sub("", stripped).strip()  # a credit closing a paragraph of story
        if not stripped or _is_byline(stripped, words, list(authors)):
            continue
        if len(stripped.split()) <= 3 * SHORT_LINE and words.drop_line.search(stripped):
            continue
        out.append(stripped)
    return out


def story_text(title: str, text: str, authors: list[str] | tuple[str, ...] = ()) -> str:
    """Headline and story, as the entity stage tags them (see the module's docstring)."""
    lines = story_lines(text, authors)
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines.pop(0)  # trafilatura often keeps the headline as the body's first line
    body = "\n".join(lines).strip()
    return f"{title}\n\n{body}" if title else body


def without_outlet(entities: list[EntityMention], outlet: str, title: str) -> list[EntityMention]:
    """The article's entities without its outlet's own name, unless the headline names the outlet."""
    name = outlet.strip().lower()
    if not name or name in title.lower():
        return entities
    return [e for e in entities if e.name.lower() != name and name not in (f.lower() for f in e.surface_forms)]
