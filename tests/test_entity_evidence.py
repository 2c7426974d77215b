"""The label evidence of pipeline/understand/entity_labels.py tries a pattern only where its lead stands (issue 20:
the NER worker's time). These tests hold it to what `re.findall` and `re.search` over the whole text give."""

from __future__ import annotations

import re

import pytest

from pipeline.understand.entity_labels import _count, _found, _rx, appositions, evidence, named_as_work

TEXT = ("Ms. Pugh said on Monday. A A A's spokesperson declined. Dr Lee, Lee said, and said Lee. "
        "Xerox Lee's staff; the Civic Party and the Civic Party's spokesman. Pugh. ABC Pugh's union said "
        "nothing. AB Pugh, Pugh, Pugh. Lee—the film Frozen and characters such as Darth Vader and Shrek.")


@pytest.mark.parametrize("pattern, lead, literal", [
    (r"(?<!\w)Lee(?!\w)", "Lee", True),
    (r"(?<!\w)Pugh(?!\w)", "Pugh", True),  # "ABC Pugh" and "AB Pugh": a word before it, still counted alone
    (r"(?<!\w)A A['’]s?\s+(?:spokesperson|union)(?!\w)", "A A", True),  # the name's occurrences overlap
    (r"(?<![\w-])Lee,?\s+(?:said|says)(?!\w)", "Lee", True),
    (r"(?<!\w)(?:said|says)\s+Lee(?![\w-])", "said|says", False),
    (r"(?<![\w.])(?:Ms|Dr|Mr)\.?\s+(?:[A-Z][\w.'’-]*\s+){0,2}(?:Pugh|Lee)(?!\w)", "Ms|Dr|Mr", False),
    (r"(?<!\w)(?:the)\s+Civic Party(?!\w)", "the", False),
    (r"(?<!\w)ee(?!\w)", "ee", True),  # inside a word: never a match, however often the letters occur
])
def test_counting_from_the_lead_counts_what_findall_counts(pattern, lead, literal):
    assert _count(pattern, TEXT, lead=lead, literal=literal) == len(re.findall(pattern, TEXT))
    assert _count(pattern, TEXT, lead=lead, literal=literal) == _count(pattern, TEXT)


def test_a_match_is_found_only_where_one_exists():
    pattern = r"(?<!\w)(?:film|characters such as)\s+(?:[A-Z]\w*(?:\s+[A-Z]\w*)*(?:,\s+|\s+and\s+))*Shrek(?![\w-])"
    assert _found(pattern, TEXT, lead="film|characters such as") == bool(_rx(pattern).search(TEXT)) is True
    assert not _found(pattern.replace("Shrek", "Pugh"), TEXT, lead="film|characters such as")


def test_the_evidence_for_a_name_is_unchanged_in_kind():
    # A person by honorific and speech, an organisation by "the" and a spokesman, a work by its cue.
    assert evidence("Amy Pugh", "Ms Pugh said so. Pugh said more.") > 0
    assert evidence("Civic Party", "the Civic Party and the Civic Party's spokesman") < 0
    assert appositions("Cadenza", "Cadenza, a new AI music app, was sued. Cadenza, an app.") == 2
    assert named_as_work("Frozen", TEXT) and not named_as_work("Pugh", TEXT)
