"""Claim grouping: the same statement across articles and languages, kept apart from the rest.

Every sentence here is invented.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import random

import pytest

from quotetrack.facts.grouping import (
    DEFAULT_THRESHOLD,
    Group,
    StatementRecord,
    group_statements,
    similarity,
)

DAY = datetime.date(2024, 5, 6)


def record(
    sid: int,
    article: int,
    text: str,
    lang: str | None = "en",
    *,
    speaker: str | None = None,
    source: str | None = None,
    day: datetime.date | None = DAY,
    claim: int | None = None,
) -> StatementRecord:
    return StatementRecord(sid, article, text, lang, speaker, source, day, claim)


def ids(groups: list[Group]) -> list[set[int]]:
    return [{m.statement_id for m in g.members} for g in groups]


NATO_EN = record(
    1,
    10,
    "NATO is planning to open a liaison office in Tokyo, the first of its kind in Asia.",
    speaker="nato",
    source="nikkei asia",
)
NATO_DE = record(
    2,
    20,
    "Die Nato plane die Eröffnung eines Verbindungsbüros in Tokio, des ersten seiner Art in Asien.",
    "de",
    speaker="nato",
    source="nikkei asia",
    day=DAY + datetime.timedelta(days=1),
)
NATO_EN_RELAY = record(
    3,
    30,
    "The alliance plans to set up a liaison office in Tokyo, its first such office in Asia.",
    speaker="nato",
    source="nikkei asia",
    day=DAY + datetime.timedelta(days=2),
)


def test_same_claim_in_two_english_articles_with_different_wording():
    a = record(1, 10, "The harbour authority will close the Kessler Bridge for six weeks starting in March.")
    b = record(2, 11, "Kessler Bridge is to be closed by the harbour authority for six weeks from March.")
    other = record(3, 12, "Ticket prices for the harbour ferry will rise by 4.5 percent in April.")
    groups = group_statements([a, b, other])
    assert ids(groups) == [{1, 2}]
    assert all(0 < m.score <= 1 for m in groups[0].members)


def test_the_same_report_in_german_and_english_is_one_claim():
    groups = group_statements([NATO_EN, NATO_DE, NATO_EN_RELAY])
    assert ids(groups) == [{1, 2, 3}]
    assert [m.statement_id for m in groups[0].members] == [1, 2, 3]  # by day
    assert groups[0].claim_id is None


def test_numbers_match_across_number_formats():
    de = record(1, 10, "Die Inflation sei im März auf 5,5 Prozent gestiegen, 1.000 Stellen fielen weg.", "de")
    en = record(2, 11, "Inflation rose to 5.5 percent in March, and 1,000 jobs were cut.", "en")
    other = record(3, 12, "Inflation rose to 6.2 percent in March, and 3,400 jobs were cut.", "en")
    assert similarity(de, en) >= DEFAULT_THRESHOLD
    assert similarity(de, other) < DEFAULT_THRESHOLD
    assert similarity(en, other) < DEFAULT_THRESHOLD


def test_a_name_in_place_of_another_is_another_claim():
    seoul = record(
        4,
        40,
        "NATO is planning to open a liaison office in Seoul, the first of its kind in Asia.",
        speaker="nato",
        source="nikkei asia",
    )
    assert similarity(NATO_EN, seoul) < DEFAULT_THRESHOLD
    assert ids(group_statements([NATO_EN, NATO_DE, seoul])) == [{1, 2}]


def test_unrelated_statements_of_one_speaker_stay_apart():
    texts = [
        "The ministry will review every contract signed with the Halvorsen group.",
        "Schools in the northern district will reopen on Monday after the storm.",
        "We have no plans to raise the fuel tax this year.",
        "The new rail link to the airport is on schedule and within budget.",
        "This is wrong.",
        "That is simply not true.",
    ]
    records = [
        record(i, 100 + i, text, speaker="ministry spokeswoman", source="harbour times")
        for i, text in enumerate(texts)
    ]
    assert group_statements(records) == []
    for a, b in itertools.combinations(records, 2):
        assert similarity(a, b) < DEFAULT_THRESHOLD


def test_short_generic_statements_do_not_glue_claims_together():
    generic = [record(10 + i, 200 + i, text) for i, text in enumerate(["This is wrong.", "This is wrong!"])]
    de = [record(20 + i, 300 + i, "Das ist falsch.", "de") for i in range(2)]
    assert group_statements(generic + de) == []


def test_statements_far_apart_in_time_are_not_linked():
    late = dataclasses.replace(NATO_EN, id=9, article_id=90, day=DAY + datetime.timedelta(days=200))
    assert similarity(NATO_EN, late) >= DEFAULT_THRESHOLD  # alike, but
    assert group_statements([NATO_EN, late]) == []  # too far apart
    assert ids(group_statements([NATO_EN, late], window_days=365)) == [{1, 9}]


def test_an_existing_claim_is_continued():
    old = record(1, 10, NATO_EN.text, speaker="nato", source="nikkei asia", claim=7)
    groups = group_statements([old, NATO_DE])
    assert len(groups) == 1
    assert groups[0].claim_id == 7
    assert ids(groups) == [{1, 2}]


def test_two_existing_claims_are_not_merged_and_a_new_statement_joins_the_best():
    first = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.", claim=7)
    second = record(2, 11, "The Kessler Bridge will close for six weeks from March on.", claim=8)
    new = record(3, 12, "The Kessler Bridge will close for six weeks starting in March, officials said.")
    groups = group_statements([first, second, new])
    assert {g.claim_id for g in groups} == {7}
    assert ids(groups) == [{1, 3}]


def test_members_of_an_existing_claim_stay_together():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.", claim=5)
    b = record(2, 11, "Ferry tickets will cost more from April.", claim=5)
    groups = group_statements([a, b])
    assert ids(groups) == [{1, 2}]
    assert groups[0].claim_id == 5
    assert all(0 <= m.score <= 1 for m in groups[0].members)


def test_a_member_that_came_with_its_claim_keeps_its_membership_score():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.", claim=5)
    b = record(2, 11, "Ferry tickets will cost more from April.", claim=5)
    b = dataclasses.replace(b, claim_score=0.73)
    new = record(3, 12, "The Kessler Bridge will close for six weeks starting in March, officials said.")
    (group,) = group_statements([a, b, new])
    scores = {m.statement_id: m.score for m in group.members}
    assert scores[2] == 0.73  # compared with nothing: as it was stored
    assert 0.6 <= scores[1] == scores[3] <= 1  # linked by their pair's score
    assert group.claim_id == 5


def test_statements_of_one_article_are_never_linked_to_each_other():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.")
    b = record(2, 10, "The Kessler Bridge will close for six weeks starting in March, she repeated.")
    assert group_statements([a, b]) == []


def test_a_claim_keeps_one_statement_per_article_the_best_linked():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.")
    b = record(2, 11, "The Kessler Bridge will close for six weeks starting in March.")
    c = record(3, 11, "The bridge closure of six weeks was criticised by the Kessler residents' group.")
    groups = group_statements([a, b, c])
    assert ids(groups) == [{1, 2}]
    article_ids = [{10: 10, 11: 11}[r.article_id] for r in (a, b)]
    assert len(set(article_ids)) == len(groups[0].members)


def test_unknown_speakers_match_on_strong_wording():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.", speaker=None)
    b = record(2, 11, "The Kessler Bridge will close for six weeks starting in March.", speaker=None)
    c = record(3, 12, "Kessler Bridge closes for six weeks in March.", speaker="mayor", lang=None)
    assert ids(group_statements([a, b, c])) == [{1, 2, 3}]


def test_different_speakers_weaken_a_pair():
    a = record(1, 10, "The Kessler Bridge will close for six weeks starting in March.", speaker="mayor")
    b = record(2, 11, "The Kessler Bridge will close for six weeks starting in March.", speaker="mayor")
    c = record(3, 12, "The Kessler Bridge will close for six weeks starting in March.", speaker="union")
    assert similarity(a, b) > similarity(a, c)


SAMPLES = [
    NATO_EN,
    NATO_DE,
    NATO_EN_RELAY,
    record(4, 40, "Die Inflation sei im März auf 5,5 Prozent gestiegen.", "de", speaker="amt"),
    record(5, 50, "Inflation rose to 5.5 percent in March.", speaker="office", day=None),
    record(6, 60, "This is wrong.", source="harbour times"),
    record(7, 70, "", lang=None),
    record(8, 80, "„Wir sind bereit“, sagte sie über den Plan für Tokio.", "de", speaker="nato"),
]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(SAMPLES, 2)))
def test_similarity_is_symmetric_and_in_range(a, b):
    forward, backward = similarity(a, b), similarity(b, a)
    assert forward == pytest.approx(backward)
    assert 0.0 <= forward <= 1.0


def test_identical_statements_score_high_and_nothing_scores_against_nothing():
    assert similarity(NATO_EN, NATO_EN) >= 0.9
    empty = record(9, 90, "", lang=None)
    assert similarity(empty, empty) == 0.0


PLACES = ["Tokyo", "Seoul", "Manila", "Hanoi", "Canberra", "Jakarta", "Wellington", "Bangkok"]
THINGS = ["liaison office", "trade mission", "training centre", "research station", "press bureau"]
VERBS = [
    ("plans to open", "intends to set up"),
    ("will close", "is going to shut"),
    ("may expand", "could enlarge"),
]


def test_scale_smoke_planted_claims_found_and_nothing_else():
    rng = random.Random(7)
    records: list[StatementRecord] = []
    truth: list[set[int]] = []
    sid = 0
    article = 0
    combos = [(p, t, v) for p in PLACES for t in THINGS for v in range(len(VERBS))]
    rng.shuffle(combos)
    for n, (place, thing, verb) in enumerate(combos[:60]):
        members = set()
        day = DAY + datetime.timedelta(days=n * 3)
        for copy in range(rng.randint(2, 4)):
            article += 1
            wording = VERBS[verb][copy % 2]
            org = f"Orbis Agency {n}"
            text = f"The {org} {wording} a {thing} in {place} with {100 + n} staff."
            sid += 1
            records.append(record(sid, article, text, day=day + datetime.timedelta(days=copy)))
            members.add(sid)
        truth.append(members)
    for k in range(200):  # unrelated statements, some by recurring speakers
        article += 1
        sid += 1
        words = rng.sample(
            ["rain", "budget", "school", "harvest", "museum", "tariff", "concert", "stadium"], 3
        )
        text = f"Residents of district {k} discussed the {words[0]}, the {words[1]} and the {words[2]}."
        records.append(record(sid, article, text, speaker=f"s{k % 5}", day=DAY + datetime.timedelta(days=k)))
    rng.shuffle(records)
    groups = group_statements(records)
    assert len(records) > 300
    assert sorted(map(sorted, ids(groups))) == sorted(map(sorted, truth))
    for group in groups:
        days = [r.day for m in group.members for r in records if r.id == m.statement_id]
        assert days == sorted(days)


def test_focus_compares_only_pairs_with_a_new_statement():
    old_a = record(
        1, 10, "The harbour authority will close the Kessler Bridge for six weeks starting in March."
    )
    old_b = record(2, 11, "Kessler Bridge is to be closed by the harbour authority for six weeks from March.")
    new = record(3, 12, "For six weeks from March the harbour authority shuts the Kessler Bridge.")
    everything = ids(group_statements([old_a, old_b, new]))
    assert everything == [{1, 2, 3}]
    # the two old statements were compared before (and left apart): only the new one is looked at
    focused = ids(group_statements([old_a, old_b, new], focus={3}))
    assert len(focused) == 1 and 3 in focused[0] and len(focused[0]) >= 2
    assert group_statements([old_a, old_b], focus=set()) == []


def test_a_feature_cache_gives_the_same_groups_and_forgets_old_days():
    from quotetrack.facts.grouping import FeatureCache

    late = record(4, 13, "The Kessler Bridge closes for six weeks in March, the harbour authority said.")
    late = StatementRecord(
        late.id, late.article_id, late.text, late.lang, None, None, DAY + datetime.timedelta(days=90)
    )
    records = [NATO_EN, NATO_DE, NATO_EN_RELAY, late]
    cache = FeatureCache()
    assert group_statements(records, cache=cache) == group_statements(records)
    assert group_statements(records, cache=cache) == group_statements(records)  # from the cache
    cache.forget_before(DAY + datetime.timedelta(days=30))
    assert set(cache._features) == {4}


def test_a_feature_cache_keeps_one_set_of_features_for_copies_of_a_text():
    from quotetrack.facts.grouping import FeatureCache

    copy = record(5, 14, NATO_EN.text)  # another article carrying the same words
    later = StatementRecord(6, 15, NATO_EN.text, "en", None, None, DAY + datetime.timedelta(days=60))
    cache = FeatureCache()
    assert cache.get(NATO_EN) is cache.get(copy) is cache.get(later)
    assert cache.get(NATO_DE) is not cache.get(NATO_EN)
    assert len(cache._by_text) == 2
    cache.forget_before(DAY + datetime.timedelta(days=30))  # the copy of day 60 keeps the features
    assert set(cache._features) == {6} and len(cache._by_text) == 1
    assert cache.get(later) is cache.get(record(7, 16, NATO_EN.text))


def test_an_article_that_gives_a_claim_twice_keeps_both_in_the_claim():
    told = record(1, 10, "The Kessler Bridge would be closed for six weeks from March on.")
    quoted = record(2, 10, "The Kessler Bridge will close for six weeks starting in March.")
    copy = record(3, 11, "The Kessler Bridge will close for six weeks starting in March.")
    relay = record(4, 12, "The Kessler Bridge will close for six weeks starting in March!")
    assert ids(group_statements([told, quoted, copy, relay])) == [{1, 2, 3, 4}]
    # one statement per article still decides who links whom: the repeat joins last
    assert ids(group_statements([told, quoted, copy])) == [{1, 2, 3}]
    # a statement of the article that says something else stays out
    other = record(5, 10, "The Kessler residents' group criticised the six-week closure.")
    assert ids(group_statements([told, quoted, copy, relay, other])) == [{1, 2, 3, 4}]
    # and a statement joins a claim its article is in only when it says the same surely
    loose = record(6, 10, "The Kessler Bridge is to be shut for weeks, said the mayor.")
    assert ids(group_statements([loose, quoted, copy, relay])) == [{2, 3, 4}]


def test_a_sentence_the_other_statement_lacks_holds_no_conflict():
    """A long quote holds the short one and says more, with names of its own: they are no names in
    place of the short one's."""
    short = record(1, 10, "We simply wanted to get on with the harbour project, said Oberlin.")
    long = record(
        2,
        11,
        "We simply wanted to get on with the harbour project. A lot of people asked about the jobs. "
        "We want to talk about Lindenhagen and about Moorwerder.",
    )
    swapped = record(
        3, 12, "We simply wanted to get on with the harbour project in Moorwerder, said Feldkamp."
    )
    assert similarity(short, long) >= DEFAULT_THRESHOLD
    assert similarity(short, swapped) < similarity(short, long)


def test_an_abbreviation_ends_no_sentence():
    """An abbreviation ("U.S.", "Dr.") ends no sentence: what stands after it is still the sentence
    that names it, and a name in place of another there still counts."""
    us = record(1, 10, "The U.S. Army will leave the Varnholm base in June. The talks went well.")
    uk = record(2, 11, "The U.K. Army will leave the Varnholm base in June.")
    same = record(3, 12, "The U.S. Army will leave the Varnholm base in June.")
    assert similarity(us, same) >= DEFAULT_THRESHOLD
    assert similarity(us, uk) < DEFAULT_THRESHOLD


def test_a_repeat_that_has_a_claim_of_its_own_stays_there():
    quoted = record(2, 10, "The Kessler Bridge will close for six weeks starting in March.")
    copy = record(3, 11, "The Kessler Bridge will close for six weeks starting in March.")
    told = record(1, 10, "The Kessler Bridge would be closed for six weeks from March on.", claim=7)
    groups = group_statements([told, quoted, copy])
    assert ids(groups) == [{2, 3}]
    assert groups[0].claim_id is None


def test_a_pronoun_spelled_like_an_acronym_is_no_name():
    """ "who", "us" in lower case are words, not the WHO or the United States: a copy that keeps
    them has no name in place of a place the other adds."""
    told = record(1, 10, "Everyone who lives in Kelso will get help from the council, the mayor told us.")
    added = record(
        2, 20, "Everyone living in Kelso and Brora will get help from the council, the mayor said."
    )
    assert similarity(told, added) >= DEFAULT_THRESHOLD
    capitals = record(
        3, 30, "Everyone the WHO lists in Kelso will get help from the council, the US mayor said."
    )
    assert similarity(capitals, added) < DEFAULT_THRESHOLD


def test_a_name_the_bilingual_table_translates_is_no_conflict():
    """ "God" in an English quote and "Gott" in its German report are one word translated, not a
    name each has in place of the other's; a place one adds stays no conflict then."""
    en = record(1, 10, "Only God can judge the people of Kelso, the abbot said.", speaker="ferro")
    de = record(
        2,
        20,
        "Nur Gott könne über die Menschen in Kelso und Brora urteilen, sagte der Abt.",
        "de",
        speaker="ferro",
    )
    assert similarity(en, de) >= DEFAULT_THRESHOLD
    swapped = record(3, 30, "Only Odin can judge the people of Kelso, the abbot said.", speaker="ferro")
    assert similarity(swapped, de) < DEFAULT_THRESHOLD
