"""Claim grouping and who speaks: one speaker's words are one claim, the same words from someone
else are another; a name spelt in another transliteration is the same name.

Every sentence here is invented.
"""

from __future__ import annotations

import datetime
import itertools
import random

from quotetrack.facts import grouping
from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, group_statements, similarity
from quotetrack.facts.names import family_names_differ, one_person, sounded

DAY = datetime.date(2024, 5, 6)
TEXT = "Harwick will close its depot in Lindenhagen by the end of March."


def record(
    sid: int,
    article: int,
    text: str = TEXT,
    lang: str = "en",
    *,
    speaker: str | None = None,
    name: str | None = None,
    named: bool = True,
    days: int = 0,
) -> StatementRecord:
    return StatementRecord(
        sid,
        article,
        text,
        lang,
        speaker,
        None,
        DAY + datetime.timedelta(days=days),
        speaker_named=named,
        speaker_name=name,
    )


def test_names_sound_alike_across_transliterations() -> None:
    assert sounded("selenskyj") == sounded("zelensky") == sounded("zelenskyy")
    assert sounded("tschaikowski") == sounded("tchaikovsky")
    assert sounded("merkel") != sounded("scholz")
    assert not family_names_differ("Volodymyr Zelensky", "Wolodymyr Selenskyj")
    assert not family_names_differ("Ned Price", "Price")
    assert family_names_differ("Marta Oberlin", "Jonas Feldkamp")


def test_the_same_words_from_another_person_are_another_claim() -> None:
    a = record(1, 1, speaker="7", name="Marta Oberlin")
    b = record(2, 2, speaker="9", name="Jonas Feldkamp", days=10)
    assert similarity(a, b) < DEFAULT_THRESHOLD
    assert group_statements([a, b]) == []


def test_a_speaker_spelt_another_way_is_not_held_against_a_pair() -> None:
    a = record(1, 1, speaker="7", name="Volodymyr Zelensky")
    b = record(2, 2, speaker="9", name="Wolodymyr Selenskyj", days=10)
    same = record(3, 3, speaker="7", name="Volodymyr Zelensky", days=10)
    assert similarity(a, b) >= DEFAULT_THRESHOLD
    assert similarity(a, b) >= similarity(a, record(4, 4, speaker="9", days=10))
    assert similarity(a, b) <= similarity(a, same)


def test_speakers_known_only_by_id_or_one_unknown_keep_the_mild_penalty() -> None:
    a = record(1, 1, speaker="7")
    assert similarity(a, record(2, 2, speaker="9")) >= DEFAULT_THRESHOLD
    assert similarity(a, record(3, 3)) >= DEFAULT_THRESHOLD  # no speaker on one side
    # a role or a single name is no full name: no penalty for differing
    role = record(4, 4, speaker="12", name="the ministry", named=False)
    assert similarity(record(5, 5, speaker="7", name="Marta Oberlin"), role) >= DEFAULT_THRESHOLD


def test_speaker_keys_that_are_names_are_compared_as_names() -> None:
    a = record(1, 1, speaker="marta oberlin")
    assert similarity(a, record(2, 2, speaker="jonas feldkamp")) < DEFAULT_THRESHOLD
    assert similarity(a, record(3, 3, speaker="m. oberlin")) >= DEFAULT_THRESHOLD


def test_a_name_in_another_transliteration_is_no_conflict_across_languages() -> None:
    en = record(1, 1, "Zelensky stays a prime target for Russian aggression.", "en")
    de = record(2, 2, "Selenskyj bleibe ein Hauptziel russischer Aggression.", "de")
    other = record(3, 3, "Obermann bleibe ein Hauptziel russischer Aggression.", "de")
    assert similarity(en, de) >= DEFAULT_THRESHOLD
    assert similarity(en, other) < similarity(en, de)


def test_pairs_cut_short_are_those_that_cannot_reach_the_threshold() -> None:
    rng = random.Random(4)
    places = ["Lindenhagen", "Moorwerder", "Tokyo", "Tokio", "Seoul"]
    texts = [
        ("en", "{org} will cut {n} jobs at its plant in {place}."),
        ("en", "At its plant in {place}, {org} is to shed {n} jobs."),
        ("de", "{org} werde {n} Stellen in seinem Werk in {place} streichen."),
        ("de", "In {place} wolle {org} {n} Arbeitsplätze im Werk abbauen."),
    ]
    records = []
    for sid in range(60):
        lang, text = rng.choice(texts)
        filled = text.format(
            org=rng.choice(["Harwick", "Orbisco", "NORVEX"]),
            n=rng.choice([300, 1200]),
            place=rng.choice(places),
        )
        records.append(record(sid, sid, filled, lang, speaker=rng.choice([None, "7", "9"])))
    for a, b in itertools.combinations(records, 2):
        fa, fb = grouping._features(a.text, a.lang), grouping._features(b.text, b.lang)
        full = grouping._score(a, b, fa, fb)
        short = grouping._score(a, b, fa, fb, DEFAULT_THRESHOLD)
        assert (full >= DEFAULT_THRESHOLD) == (short >= DEFAULT_THRESHOLD)
        if full >= DEFAULT_THRESHOLD:
            assert abs(full - short) < 1e-9


def test_one_person_by_name_whatever_the_spelling_or_how_much_of_the_name() -> None:
    assert one_person("Volodymyr Zelensky", "Selenskyj")
    assert one_person("Volodymyr Zelensky", "Wolodymyr Selenskyj")
    assert one_person("Marta Oberlin", "M. Oberlin")
    assert not one_person("Marta Oberlin", "Jonas Oberlin")  # two people of one family
    assert not one_person("Marta Oberlin", "Jonas Feldkamp")


def test_a_person_told_apart_by_id_but_named_alike_is_the_same_speaker() -> None:
    # the engine kept "Wolodymyr Selenskyj" and a later bare "Zelensky" as two speakers
    a = record(1, 1, speaker="7", name="Wolodymyr Selenskyj")
    short = "Harwick will shut the depot in Lindenhagen."
    bare = record(2, 2, short, speaker="9", name="Zelensky", named=False)
    same_id = record(3, 3, short, speaker="7", name="Wolodymyr Selenskyj")
    unknown = record(4, 4, short, speaker="11", name="Feldkamp", named=False)
    assert similarity(a, bare) == similarity(a, same_id)
    assert similarity(a, unknown) < similarity(a, bare)
    assert "same speaker" in grouping.explain(a, bare)


def test_the_store_gives_grouping_the_speakers_names(sqlite_url: str) -> None:
    """Speakers are entity ids in the store; grouping sees their names too, to tell two people
    apart from one person written two ways."""
    import json

    import sqlalchemy as sa
    from cli_runner import invoke
    from sqlmodel import Session

    from quotetrack.facts.claims import _records
    from quotetrack.store.db import open_database

    articles = [
        {
            "id": "a1",
            "url": "https://harbour.example/1",
            "outlet": "Harbour Ledger",
            "lang": "en",
            "published": "2024-05-06",
            "text": 'Port director Marta Oberlin said: "The northern terminal will close in June."',
        },
        {
            "id": "a2",
            "url": "https://coast.example/2",
            "outlet": "Coastwatch",
            "lang": "en",
            "published": "2024-05-07",
            "text": 'Union leader Jonas Feldkamp said: "The northern terminal will close in June."',
        },
    ]
    lines = "".join(json.dumps(a) + "\n" for a in articles)
    result = invoke("--db", sqlite_url, "ingest", "-q", "-", input=lines)
    assert result.exit_code == 0, result.output
    engine = open_database(sqlite_url)
    try:
        with Session(engine) as session:
            found = _records(session, sa.true())
    finally:
        engine.dispose()
    names = {r.speaker_name for r in found}
    assert {"Marta Oberlin", "Jonas Feldkamp"} <= names
    assert all(r.speaker is not None and r.speaker.isdigit() for r in found)
    oberlin = next(r for r in found if r.speaker_name == "Marta Oberlin")
    feldkamp = next(r for r in found if r.speaker_name == "Jonas Feldkamp")
    # the same words from two people known by name: far apart
    assert similarity(oberlin, feldkamp) < DEFAULT_THRESHOLD
