"""Claim grouping: a speaker's statement and its retelling in another article, linked as each
other's best match though their words differ; compounds the tables lack are nouns, not names.

Every sentence here is invented.
"""

from __future__ import annotations

import datetime

from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, group_statements, similarity

DAY = datetime.date(2024, 5, 6)
KEEPER = "The old lighthouse keeper deserves a proper farewell from the whole town"
RETOLD = "Residents should give the retiring keeper of the lighthouse a worthy send-off"


def record(
    sid: int, article: int, text: str, lang: str = "en", speaker: str | None = "harbour master"
) -> StatementRecord:
    return StatementRecord(sid, article, text, lang, speaker, None, DAY)


def members(records: list[StatementRecord]) -> list[set[int]]:
    return [{m.statement_id for m in g.members} for g in group_statements(records)]


def test_a_statement_retold_by_its_speaker_in_other_words_is_one_claim() -> None:
    said, retold = record(1, 10, KEEPER), record(2, 20, RETOLD)
    # too few words alike to link by themselves ...
    assert similarity(said, retold) < DEFAULT_THRESHOLD
    # ... but of what the harbour master said in either article, these two are the ones alike
    other = record(3, 20, "The ferry timetable for the summer will be published next week")
    assert members([said, retold, other]) == [{1, 2}]


def test_counterparts_are_one_speakers() -> None:
    for speakers in (("harbour master", "mayor"), ("harbour master", None), (None, None)):
        said = record(1, 10, KEEPER, speaker=speakers[0])
        retold = record(2, 20, RETOLD, speaker=speakers[1])
        assert members([said, retold]) == []


def test_a_statement_with_a_better_match_in_that_article_is_no_counterpart() -> None:
    said, retold = record(1, 10, KEEPER), record(2, 20, RETOLD)
    # the harbour master's other statement in the first article is what the retelling tells
    closer = record(3, 10, "Residents should give the retiring keeper of the lighthouse a worthy farewell")
    assert similarity(closer, retold) > similarity(said, retold)
    assert members([said, closer, retold]) == [{2, 3}]


def test_counterparts_say_enough_and_name_the_same_places() -> None:
    # a stock phrase said twice is not a claim by itself
    assert members([record(1, 10, "We regret the delay."), record(2, 20, "We regret the delay.")]) == []
    # the same words of another town are another claim
    brakholm = record(1, 10, KEEPER + " of Brakholm")
    veldhaven = record(2, 20, KEEPER + " of Veldhaven")
    assert similarity(brakholm, veldhaven) < DEFAULT_THRESHOLD
    assert members([brakholm, veldhaven]) == []


def test_a_compound_the_tables_lack_counts_as_a_noun_not_a_name() -> None:
    # "Hafenabend" ends in "Abend": a noun the other text lacks, not a name it has another of
    told = record(1, 10, "Mit Funkdaten vom Hafenabend werde nach dem Wagen des Täters gesucht", "de", None)
    retold = record(2, 20, "Die Polizei suche anhand der Funkdaten nach dem Wagen des Täters", "de", None)
    assert similarity(told, retold) >= DEFAULT_THRESHOLD
    # where two texts differ in nothing else, the things they name are what they differ in
    victim = record(3, 30, "Mit Funkdaten vom Hafenabend werde nach dem Wagen des Opfers gesucht", "de", None)
    assert similarity(told, victim) < DEFAULT_THRESHOLD
    # and a place with a name like a compound ("Kesselbach") is a place all the same
    here = record(4, 40, "Mit Funkdaten aus Kesselbach werde nach dem Wagen des Täters gesucht", "de", None)
    there = record(5, 50, "Mit Funkdaten aus Lindenhagen werde nach dem Wagen des Täters gesucht", "de", None)
    assert similarity(here, there) < DEFAULT_THRESHOLD
