"""Claim grouping and numbers written as words: "number one" is "No. 1" is "Nr. 1" is "Nummer eins",
"two million" is "2,000,000"; a different number is still a different claim.

Every sentence here is invented.
"""

from __future__ import annotations

import datetime

import pytest

from quotetrack.facts import grouping
from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, similarity
from quotetrack.facts.numbers import number_words

DAY = datetime.date(2024, 5, 6)


def record(sid: int, article: int, text: str, lang: str = "en") -> StatementRecord:
    return StatementRecord(sid, article, text, lang, None, None, DAY)


def numbers_of(text: str, lang: str) -> set[str]:
    return {stem for stem in grouping._features(text, lang).stems if stem.startswith("#")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Orlanda is our number one market.", "en", {"#1"}),
        ("Orlanda is our No. 1 market.", "en", {"#1"}),
        ("Orlanda ist unser Markt Nr. 1.", "de", {"#1"}),
        ("Orlanda ist unser Markt Nummer eins.", "de", {"#1"}),
        ("The port will hire twenty-five divers.", "en", {"#25"}),
        ("Der Hafen stellt fünfundzwanzig Taucher ein.", "de", {"#25"}),
        ("The dam cost two million euros.", "en", {"#2000000"}),
        ("The dam cost 2 million euros.", "en", {"#2000000"}),
        ("The dam cost 2,000,000 euros.", "en", {"#2000000"}),
        ("Der Damm kostete 2 Mio. Euro.", "de", {"#2000000"}),
        ("Der Damm kostete zwei Millionen Euro.", "de", {"#2000000"}),
        ("The ferry carried one hundred and five people.", "en", {"#105"}),
        ("Die Werft baut dreihundert Boote.", "de", {"#300"}),
    ],
)
def test_numbers_in_words_and_in_digits_are_one_number(text: str, lang: str, expected: set[str]) -> None:
    assert numbers_of(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("No one at the harbour saw the ferry leave.", "en"),
        ("One of the divers found the wreck.", "en"),
        ("Ein Taucher fand das Wrack.", "de"),
        ("Einzelne Boote blieben im Hafen.", "de"),
    ],
)
def test_words_that_only_look_like_numbers_are_none(text: str, lang: str) -> None:
    assert numbers_of(text, lang) == set()


def test_number_words_stop_at_punctuation() -> None:
    assert numbers_of("She came number one, two years ago.", "en") == {"#1", "#2"}
    assert numbers_of("Er wurde Nummer eins. Zwei Jahre später ging er.", "de") == {"#1", "#2"}


def test_a_marker_is_not_a_word_compared() -> None:
    words = grouping._features("Orlanda is our number one market.", "en").stems
    assert "number" not in words and "#1" in words


def test_a_rank_in_words_matches_the_rank_in_digits_across_wordings_and_languages() -> None:
    digits = record(1, 1, "The rival fleet marked our harbour as target No. 1 and the dock as target No. 2.")
    words = record(
        2, 2, "The rival fleet has marked our harbour as its number one target, the dock as number two."
    )
    german = record(
        3,
        3,
        "Die gegnerische Flotte habe unseren Hafen als Ziel Nummer eins markiert, das Dock als Ziel Nr. 2.",
        "de",
    )
    assert similarity(digits, words) >= DEFAULT_THRESHOLD
    assert similarity(words, german) >= DEFAULT_THRESHOLD


def test_another_number_in_words_is_still_another_claim() -> None:
    one = record(1, 1, "The shipyard in Varnholm will hire two hundred welders next spring.")
    other = record(2, 2, "The shipyard in Varnholm will hire 300 welders next spring.")
    same = record(3, 3, "The shipyard in Varnholm will hire 200 welders next spring.")
    assert similarity(one, same) >= DEFAULT_THRESHOLD
    assert similarity(one, other) < similarity(one, same)
    assert similarity(one, other) < DEFAULT_THRESHOLD


def test_a_language_without_number_words_reads_digits_only() -> None:
    assert number_words(None) is None
    assert numbers_of("number one 2 million", None) == {"#2"}  # type: ignore[arg-type]
