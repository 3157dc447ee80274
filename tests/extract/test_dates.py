"""When a statement was made: time expressions resolved against the publication date.

News convention (ENGINE.md, stage 8): a bare weekday is the most recent such day up to and
including the publication day. All articles below are invented and "published" on
Wednesday 2023-05-10.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrack.extract import extract_text
from quotetrack.extract.dates import find_times, last_weekday
from quotetrack.lexicon import load

PUBLISHED = date(2023, 5, 10)
assert PUBLISHED.weekday() == 2  # a Wednesday

# (lang, article, the time expression as written, the day it names)
SAID_ON = [
    pytest.param(
        "de",
        "Innenministerin Petra Hallmann sagte am Mittwoch, die Lage an der Grenze sei ernst.",
        "Mittwoch",
        date(2023, 5, 10),
        id="de-am-mittwoch-is-publication-day",
    ),
    pytest.param(
        "de",
        "„Die Lage an der Grenze ist ernst“, sagte Innenministerin Petra Hallmann am Dienstag.",
        "Dienstag",
        date(2023, 5, 9),
        id="de-am-dienstag-after-quote",
    ),
    pytest.param(
        "de",
        "Am Dienstag erklärte Innenministerin Petra Hallmann, die Lage an der Grenze sei ernst.",
        "Dienstag",
        date(2023, 5, 9),
        id="de-am-dienstag-leading",
    ),
    pytest.param(
        "de",
        "Innenministerin Petra Hallmann sagte gestern, die Lage an der Grenze sei ernst.",
        "gestern",
        date(2023, 5, 9),
        id="de-gestern",
    ),
    pytest.param(
        "de",
        "Innenministerin Petra Hallmann sagte am 3. Mai, die Lage an der Grenze sei ernst.",
        "3. Mai",
        date(2023, 5, 3),
        id="de-am-3-mai",
    ),
    pytest.param(
        "de",
        "„Die Lage an der Grenze ist ernst“, sagte Innenministerin Petra Hallmann am 3. Mai.",
        "3. Mai",
        date(2023, 5, 3),
        id="de-am-3-mai-after-quote",
    ),
    pytest.param(
        "en",
        "Mayor Dana Whitfield said on Friday that the bridge would stay closed until June.",
        "Friday",
        date(2023, 5, 5),
        id="en-on-friday",
    ),
    pytest.param(
        "en",
        '"The bridge will stay closed until June," Mayor Dana Whitfield said on Friday.',
        "Friday",
        date(2023, 5, 5),
        id="en-on-friday-after-quote",
    ),
    pytest.param(
        "en",
        "Mayor Dana Whitfield said on May 3 that the bridge would stay closed until June.",
        "May 3",
        date(2023, 5, 3),
        id="en-on-may-3",
    ),
    pytest.param(
        "en",
        "Mayor Dana Whitfield said on Wednesday that the bridge would stay closed until June.",
        "Wednesday",
        date(2023, 5, 10),
        id="en-on-wednesday-is-publication-day",
    ),
    pytest.param(
        "en",
        "Mayor Dana Whitfield said yesterday that the bridge would stay closed until June.",
        "yesterday",
        date(2023, 5, 9),
        id="en-yesterday",
    ),
]


def _only_statement(text: str, lang: str, published: date | None):
    statements = extract_text(text, lang=lang, published=published).statements
    assert len(statements) == 1, [(s.type, s.text, s.speaker) for s in statements]
    return statements[0]


@pytest.mark.parametrize(("lang", "text", "written", "day"), SAID_ON)
def test_said_on_is_resolved_against_publication(lang, text, written, day):
    stmt = _only_statement(text, lang, PUBLISHED)
    assert stmt.said_on == day, (stmt.said_on, stmt.date_text)
    # kept as written: a piece of the article, holding the expression unchanged
    assert stmt.date_text is not None
    assert written in stmt.date_text
    assert stmt.date_text in text


@pytest.mark.parametrize(("lang", "text", "written", "day"), SAID_ON)
def test_without_publication_date_said_on_is_none_but_text_is_kept(lang, text, written, day):
    stmt = _only_statement(text, lang, None)
    assert stmt.said_on is None  # no case writes a year
    assert stmt.date_text is not None
    assert written in stmt.date_text
    assert stmt.date_text in text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        pytest.param(
            "de", "Innenministerin Petra Hallmann sagte, die Grenze werde am Freitag geöffnet.", id="de"
        ),
        pytest.param("en", "Mayor Dana Whitfield said the bridge would reopen on Friday.", id="en"),
    ],
)
def test_a_day_inside_the_content_is_not_when_it_was_said(lang, text):
    stmt = _only_statement(text, lang, PUBLISHED)
    assert stmt.said_on is None
    assert stmt.date_text is None


def test_explicit_year_resolves_without_publication_date():
    stmt = _only_statement(
        "Innenministerin Petra Hallmann sagte am 3. Mai 2021, die Lage an der Grenze sei ernst.", "de", None
    )
    assert stmt.said_on == date(2021, 5, 3)
    assert stmt.date_text is not None and "3. Mai 2021" in stmt.date_text


# --- last_weekday -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [
        (0, date(2023, 5, 8)),  # Monday
        (1, date(2023, 5, 9)),  # Tuesday
        (2, date(2023, 5, 10)),  # Wednesday: the publication day itself
        (3, date(2023, 5, 4)),  # Thursday: last week's
        (4, date(2023, 5, 5)),  # Friday
        (5, date(2023, 5, 6)),  # Saturday
        (6, date(2023, 5, 7)),  # Sunday
    ],
)
def test_last_weekday(weekday, expected):
    assert last_weekday(PUBLISHED, weekday) == expected


def test_last_weekday_across_month_and_year():
    assert last_weekday(date(2024, 1, 1), 4) == date(2023, 12, 29)  # Monday -> the Friday before
    assert last_weekday(date(2024, 3, 1), 3) == date(2024, 2, 29)  # leap day


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1800, 1, 8)), st.integers(min_value=0, max_value=6))
def test_last_weekday_properties(published, weekday):
    day = last_weekday(published, weekday)
    assert day.weekday() == weekday
    assert published - timedelta(days=6) <= day <= published


# --- find_times -------------------------------------------------------------------------------


def _times(text: str, lang: str, published: date | None, start: int = 0, end: int | None = None):
    found = find_times(text, start, len(text) if end is None else end, load(lang), published)
    for t in found:
        assert text[t.start : t.end] == t.text, t
    return [(t.text, t.day) for t in found]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "am Mittwoch", [("am Mittwoch", date(2023, 5, 10))]),
        ("de", "am Donnerstag", [("am Donnerstag", date(2023, 5, 4))]),
        ("de", "gestern", [("gestern", date(2023, 5, 9))]),
        ("de", "vorgestern", [("vorgestern", date(2023, 5, 8))]),
        ("de", "heute", [("heute", date(2023, 5, 10))]),
        ("de", "am 3. Mai", [("am 3. Mai", date(2023, 5, 3))]),
        ("de", "am 3. Mai 2021", [("am 3. Mai 2021", date(2021, 5, 3))]),
        ("de", "am 10.05.2022", [("10.05.2022", date(2022, 5, 10))]),
        # a later day of the year without a year is last year's
        ("de", "am 20. Dezember", [("am 20. Dezember", date(2022, 12, 20))]),
        ("en", "on Friday", [("on Friday", date(2023, 5, 5))]),
        ("en", "yesterday", [("yesterday", date(2023, 5, 9))]),
        ("en", "on May 3", [("on May 3", date(2023, 5, 3))]),
        ("en", "on May 3, 2021", [("on May 3, 2021", date(2021, 5, 3))]),
        ("en", "on 3 May", [("on 3 May", date(2023, 5, 3))]),
    ],
)
def test_find_times_resolves(lang, text, expected):
    found = _times(text, lang, PUBLISHED)
    assert [day for _t, day in found] == [day for _t, day in expected], found
    for (written, _day), (core, _d) in zip(found, expected, strict=True):
        assert core.removeprefix("am ").removeprefix("on ") in written


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("de", "am Dienstag", None),
        ("de", "gestern", None),
        ("de", "am 3. Mai", None),
        ("de", "am 3. Mai 2021", date(2021, 5, 3)),
        ("en", "on Friday", None),
        ("en", "yesterday", None),
        ("en", "on May 3, 2021", date(2021, 5, 3)),
    ],
)
def test_find_times_without_publication_date(lang, text, day):
    found = _times(text, lang, None)
    assert [d for _t, d in found] == [day], found


def test_find_times_keeps_case_and_offsets_in_the_whole_text():
    text = "Roth sagte AM MITTWOCH in Erfurt, die Lage sei am Freitag ernster gewesen."
    found = find_times(text, 0, len(text), load("de"), PUBLISHED)
    assert [(t.text, t.day) for t in found] == [
        ("AM MITTWOCH", date(2023, 5, 10)),
        ("am Freitag", date(2023, 5, 5)),
    ]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_find_times_only_looks_inside_the_range():
    text = "Gestern sagte Roth am Dienstag etwas, am Freitag nichts."
    start = text.index("sagte")
    end = text.index(",")
    assert _times(text, "de", PUBLISHED, start, end) == [("am Dienstag", date(2023, 5, 9))]


@pytest.mark.parametrize("text", ["am 31. Februar", "am 30.02.2023", "on February 30"])
def test_find_times_impossible_dates_give_no_day(text):
    lang = "en" if text.startswith("on") else "de"
    for _written, day in _times(text, lang, PUBLISHED):
        assert day is None


def test_find_times_no_time_expression():
    assert _times("Die Lage an der Grenze ist ernst.", "de", PUBLISHED) == []
    assert _times("The bridge is closed.", "en", PUBLISHED) == []
