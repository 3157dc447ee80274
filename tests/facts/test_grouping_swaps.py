"""Claim grouping: statements that differ only in the thing they name are different claims.

A near-copy that keeps every word of another but puts one noun in place of another ("a bakery" /
"a warehouse", "Lager" / "Werk") says something else; one that puts a verb or a synonym in place of
another ("defending" / "protect", "Basis" / "Grundlage") says the same. Every sentence here is
invented.
"""

from __future__ import annotations

import datetime

import pytest

from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, group_statements, similarity

DAY = datetime.date(2024, 5, 6)


def record(sid: int, article: int, text: str, lang: str, speaker: str | None = "harbor") -> StatementRecord:
    return StatementRecord(sid, article, text, lang, speaker, None, DAY + datetime.timedelta(days=sid % 2))


SWAPPED = [
    (
        "en",
        "Harbor Lines is planning to open a bakery in Lindau, the first of its kind.",
        "Harbor Lines is planning to open a warehouse in Lindau, the first of its kind.",
    ),
    (
        "en",
        "The mayor said the council will close the library on Fridays from next month.",
        "The mayor said the council will close the swimming pool on Fridays from next month.",
    ),
    (
        "de",
        "Die Stadtwerke wollen in Lindau ein neues Lager für Salz bauen.",
        "Die Stadtwerke wollen in Lindau ein neues Werk für Salz bauen.",
    ),
]

REWORDED = [
    (
        "en",
        "We will be defending our harbour, because our fleet is ready.",
        "We will protect our harbour, because our fleet is ready.",
    ),
    (
        "de",
        "Auf dieser Basis könne ein Lagebild erstellt werden.",
        "Auf dieser Grundlage könne ein Lagebild erstellt werden.",
    ),
]


@pytest.mark.parametrize("speaker", ["harbor", None])
@pytest.mark.parametrize(("lang", "first", "second"), SWAPPED)
def test_a_noun_in_place_of_another_is_another_claim(
    lang: str, first: str, second: str, speaker: str | None
) -> None:
    a, b = record(1, 10, first, lang, speaker), record(2, 20, second, lang, speaker)
    assert similarity(a, b) < DEFAULT_THRESHOLD
    assert group_statements([a, b]) == []


@pytest.mark.parametrize(("lang", "first", "second"), REWORDED)
def test_a_verb_or_a_synonym_in_place_of_another_is_the_same_claim(
    lang: str, first: str, second: str
) -> None:
    a, b = record(1, 10, first, lang), record(2, 20, second, lang)
    assert similarity(a, b) >= DEFAULT_THRESHOLD
    assert [{m.statement_id for m in g.members} for g in group_statements([a, b])] == [{1, 2}]


def test_the_copy_joins_the_claim_and_the_near_copy_stays_apart() -> None:
    _, first, second = SWAPPED[0]
    records = [
        record(1, 10, first, "en"),
        record(2, 20, first, "en"),
        record(3, 30, second, "en"),
    ]
    assert [{m.statement_id for m in g.members} for g in group_statements(records)] == [{1, 2}]
