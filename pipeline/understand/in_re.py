"""An "In re" case in a sentence (issue 18): the case that gathers the suits against a defendant.

"the consolidated copyright litigation against Google", "the Clearview AI privacy litigation": a word of
consolidation (`consolidated`), or a word of the case's name before a word for a suit (party_names.in_re_name),
with one of its defendants, when no member suit's parties are in the sentence ("In the consolidated litigation,
Ziff Davis v. OpenAI"; the ACLU's state suit against Clearview is none).
"""

from __future__ import annotations

import re

from pipeline.understand import clauses
from pipeline.understand.linking_words import caption_words


def hits(sentence: str, previous: str, gathered: dict, paired: set[str], paired_at: list[int],
         found: dict[str, list[str]]) -> None:
    """Adds to `found` (evidence -> slugs) each gathering case the sentence speaks of. `paired` are the cases
    whose parties the sentence pairs, `paired_at` where their plaintiffs stand in it."""
    consolidated = caption_words().consolidated.search(sentence)
    for slug, (defendants, name, gathers) in gathered.items():
        # Its name's words, unlike a word of consolidation, also fit a suit of the pair the sentence names, unless
        # that pair stands in another clause ("... in the biometric privacy class litigation, while its 2022
        # settlement with the ACLU ...").
        said = consolidated or _apart(sentence, name.search(sentence), paired, paired_at)
        if not said or paired & gathers:
            continue
        # "The novelists' lawsuit is now one of the cases grouped together in the MDL": a word of consolidation
        # takes the defendant of the sentence before ("... the multidistrict litigation against OpenAI").
        d = defendants.search(sentence) or consolidated and previous and defendants.search(previous)
        if d:
            found.setdefault(f"{said[0]} + {' '.join(d[0].split())}", []).append(slug)


def _apart(sentence: str, name: re.Match | None, paired: set[str], paired_at: list[int]) -> re.Match | None:
    if not name or not paired:
        return name
    cuts = [m.start() for m in clauses.clause_breaks().finditer(sentence)]
    own = clauses._clause(cuts, name.start())
    return name if paired_at and all(clauses._clause(cuts, at) != own for at in paired_at) else None
