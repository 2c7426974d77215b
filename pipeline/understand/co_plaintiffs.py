"""A case by two of its plaintiffs that are organisations, named together in a sentence about a suit.

"Raw Story and AlterNet saw an almost identical claim thrown out": one of them may sue elsewhere too (Raw Story is
also among the plaintiffs the OpenAI MDL gathers), but only one case has both. Like the `plaintiffs:` rule for
people (descriptions.py), without a defendant in the sentence; with a word of litigation, and only when exactly
one case of the file has two of the plaintiffs named.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.curated import load_cases
from pipeline.records import Links
from pipeline.understand.linking_words import caption_words
from pipeline.understand.party_names import party_forms


@lru_cache(maxsize=1)
def _forms() -> tuple[re.Pattern, dict[str, set[tuple[str, int]]]]:
    """Every organisation plaintiff's form, and form -> (case, the plaintiff's index in it)."""
    owners: dict[str, set[tuple[str, int]]] = {}
    for case in load_cases():
        if len(case.get("plaintiffs") or []) < 2:  # the others cannot be named by two plaintiffs
            continue
        for n, party in enumerate(case.get("plaintiffs") or []):
            for form in party_forms(party):
                owners.setdefault(form, set()).add((case["slug"], n))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(owners, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)"), owners


def link(sentences: list[str], links: Links) -> None:
    """Each sentence of the article; the forms are looked for in the whole text first, once."""
    regex, owners = _forms()
    if len({m[0] for m in regex.finditer(" ".join(sentences))}) < 2:
        return
    for sentence in sentences:
        _link(sentence, regex, owners, links)


def _link(sentence: str, regex: re.Pattern, owners: dict, links: Links) -> None:
    found = {" ".join(m[0].split()) for m in regex.finditer(sentence)}
    if len(found) < 2 or not caption_words().litigation.search(sentence):
        return
    named: dict[str, dict[int, str]] = {}
    for form in found:
        for slug, n in owners.get(form, ()):
            named.setdefault(slug, {})[n] = form
    fitting = {slug: forms for slug, forms in named.items() if len(forms) >= 2}
    if len(fitting) == 1:
        slug, forms = next(iter(fitting.items()))
        if slug not in links.cases and not _against_another(sentence, slug, set(forms.values())):
            links.cases[slug] = ["plaintiffs:" + " + ".join(sorted(forms.values()))]


def _against_another(sentence: str, slug: str, forms: set[str]) -> bool:
    """The sentence names a defendant that one of the plaintiffs sues in another case, and none of this case's:
    "Nach Disney und Universal: Warner Bros. verklagt Midjourney" is about their suits against Midjourney, not
    the three studios' suit against MiniMax."""
    defendants, suing = _parties()
    if defendants[slug].search(sentence):
        return False
    return any(defendants[other].search(sentence) for form in forms for other in suing.get(form, ()) if other != slug)


@lru_cache(maxsize=1)
def _parties() -> tuple[dict[str, re.Pattern], dict[str, set[str]]]:
    """Each case's defendants, as one pattern, and each plaintiff form -> the cases it sues in."""
    defendants, suing = {}, {}
    for case in load_cases():
        forms = [f for d in case.get("defendants") or [] for f in party_forms(d)]
        body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
        defendants[case["slug"]] = re.compile(rf"(?<!\w)(?:{body or '(?!)'})(?!\w)")
        for form in (f for p in case.get("plaintiffs") or [] for f in party_forms(p)):
            suing.setdefault(form, set()).add(case["slug"])
    return defendants, suing
