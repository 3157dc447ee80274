"""The read side (queries, full-text search, forgiving names) and its commands, on SQLite and PostgreSQL.

The fixture database holds the six invented sample articles (samples/articles.jsonl) with
statements written here by hand (not extracted: the engine changes, these must not), so
every expected row below is known. Golden files of each output format live in
tests/golden/queries/; regenerate them with QUOTETRACK_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from postgres_schema import postgres_schema

from quotetrack.extract.statement import Extraction, Statement
from quotetrack.inputs.article import Article
from quotetrack.query import listings, lookup, statements
from quotetrack.store import db, fulltext, models, write
from quotetrack.store.fulltext import SearchSyntaxError
from quotetrack.store.rows import StatementRow
from quotetrack.store.sql import in_list
from quotetrack.text import fold

TESTS = Path(__file__).resolve().parents[1]
SAMPLES = TESTS.parent / "samples"
GOLDEN = TESTS / "golden" / "queries"
UPDATE_GOLDEN = bool(os.environ.get("QUOTETRACK_UPDATE_GOLDEN"))
INGESTED_AT = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


# --- the fixture: sample articles with hand-made statements ---------------------------------------


@dataclass(frozen=True)
class Said:
    key: str
    article: str
    words: str
    type: str
    speaker: str | None
    kind: str = "person"
    role: str | None = None
    affiliation: str | None = None
    cue: str | None = None
    source: str | None = None
    said_on: dt.date | None = None
    date_text: str | None = None
    confidence: float = 0.8


D = dt.date
NACHT, NIGHT, KINDER, PHARMA, DEICH, WIND = (
    "nachtzug-foerderung.de",
    "night-train-subsidies.en",
    "kinderantibiotika-engpass.de",
    "pharmacy-vaccinations.en",
    "deichsanierung-elbe.de",
    "floating-wind-auction.en",
)
# fmt: off
STATEMENTS = [
    Said("tageblatt-de", NACHT, "Das Bundesverkehrsministerium will die Förderung für Nachtzugverbindungen ab dem kommenden Jahr um ein Drittel kürzen", "indirect", "Weserländer Tageblatt", "outlet", cue="berichtete", said_on=D(2024, 3, 12), date_text="am Dienstag", confidence=0.85),  # noqa: E501
    Said("marquardt-1", NACHT, "Es gibt noch keine Entscheidung über einzelne Linien. Wir prüfen derzeit alle Förderprogramme auf ihre Wirksamkeit", "direct", "Felix Marquardt", role="Sprecher", affiliation="Bundesverkehrsministerium", cue="sagte", said_on=D(2024, 3, 13), date_text="am Mittwoch", confidence=0.95),  # noqa: E501
    Said("marquardt-2", NACHT, "die Zahlen in dem Bericht seien „aus dem Zusammenhang gerissen“", "mixed", "Felix Marquardt", role="Sprecher", affiliation="Bundesverkehrsministerium", cue="betonte", confidence=0.7),  # noqa: E501
    Said("lindqvist-1", NACHT, "Wer jetzt bei den Nachtzügen spart", "direct", "Dörte Lindqvist", role="Vorsitzende", affiliation="Pro Nachtzug", cue="sagte", source="Kieler Abendpost", confidence=0.9),  # noqa: E501
    Said("lindqvist-2", NACHT, "Die Züge seien an vielen Wochenenden schon Wochen im Voraus ausgebucht", "indirect", "Dörte Lindqvist", role="Vorsitzende", affiliation="Pro Nachtzug", cue="sagte", confidence=0.7),  # noqa: E501
    Said("tageblatt-en", NIGHT, "Germany's Transport Ministry plans to cut funding for night train connections by a third from next year", "indirect", "Weserländer Tageblatt", "outlet", cue="reported", said_on=D(2024, 3, 12), date_text="on Tuesday", confidence=0.85),  # noqa: E501
    Said("official", NIGHT, '"every budget line" was being examined', "mixed", None, "unknown", role="ministry official", cue="quoted as saying", source="Weserländer Tageblatt", confidence=0.5),  # noqa: E501
    Said("leitgeb", NIGHT, "We would regret any step backwards. The Vienna connections are among the busiest night routes in Europe.", "direct", "Sabine Leitgeb", role="spokeswoman", affiliation="Austria's Climate Ministry", cue="said", confidence=0.95),  # noqa: E501
    Said("petermann-1", NIGHT, 'the plan sent "exactly the wrong signal" to travellers', "mixed", "Jonas Petermann", role="Passenger advocate", affiliation="Fahrgastforum Nord", cue="told", source="Hanse Courier", confidence=0.8),  # noqa: E501
    Said("petermann-2", NIGHT, "many night trains were fully booked weeks in advance at weekends", "indirect", "Jonas Petermann", role="Passenger advocate", affiliation="Fahrgastforum Nord", cue="said", confidence=0.75),  # noqa: E501
    Said("petermann-3", NIGHT, "If anything, we need more sleeper cars, not fewer,", "direct", "Jonas Petermann", cue="told", confidence=0.9),  # noqa: E501
    Said("hollweg-de-1", KINDER, "Wir nehmen die Meldungen aus den Apotheken sehr ernst. Die Hersteller haben uns zusätzliche Liefermengen für Juni zugesagt.", "direct", "Miriam Hollweg", role="Sprecherin", affiliation="Bundesgesundheitsministerium", cue="sagte", said_on=D(2024, 5, 21), date_text="gestern", confidence=0.95),  # noqa: E501
    Said("hollweg-de-2", KINDER, "das Ministerium habe die Lage »genau im Blick« und rechne spätestens im Juli mit einer spürbaren Entspannung", "mixed", "Miriam Hollweg", role="Sprecherin", affiliation="Bundesgesundheitsministerium", cue="fügte hinzu", confidence=0.8),  # noqa: E501
    Said("pfannkuch", KINDER, "Manche fahren mit einem kranken Kind durch den halben Landkreis", "direct", "Jörg Pfannkuch", role="Apotheker", cue="sagte", source="Mainfranken-Echo", confidence=0.9),  # noqa: E501
    Said("wilms", KINDER, "die Produktion von Antibiotika müsse stärker in Europa gebündelt werden", "indirect", "Konrad Wilms", role="Bundestagsabgeordneter", cue="forderte", said_on=D(2024, 5, 20), date_text="am Montag", confidence=0.8),  # noqa: E501
    Said("hollweg-en-1", PHARMA, "The draft is now in the consultation phase,", "direct", "Miriam Hollweg", role="Health Ministry spokeswoman", affiliation="Health Ministry", cue="said", said_on=D(2024, 6, 6), date_text="yesterday", confidence=0.95),  # noqa: E501
    Said("hollweg-en-2", PHARMA, "and we expect the cabinet to approve it before the summer break.", "direct", "Miriam Hollweg", role="Health Ministry spokeswoman", affiliation="Health Ministry", cue="said", said_on=D(2024, 6, 6), date_text="yesterday", confidence=0.95),  # noqa: E501
    Said("roloff", PHARMA, "demand was “far higher than most people think”", "mixed", "Anke Roloff", role="Pharmacist", cue="told", source="Spree Herald", confidence=0.8),  # noqa: E501
    Said("federation", PHARMA, "the proposal risked “fragmenting” patient care and would do little to close gaps in vaccination coverage", "mixed", "Federation of Rural Doctors", "organization", cue="said", confidence=0.7),  # noqa: E501
    Said("renner-1", DEICH, "Der Deich ist sicher", "direct", "Tobias Renner", role="Sprecher", affiliation="Landesamt für Wasserwirtschaft", cue="sagte", said_on=D(2024, 8, 19), date_text="am Montag", confidence=0.95),  # noqa: E501
    Said("renner-2", DEICH, "auch wenn sich der Ausbau verzögert.", "direct", "Tobias Renner", role="Sprecher", affiliation="Landesamt für Wasserwirtschaft", cue="sagte", said_on=D(2024, 8, 19), date_text="am Montag", confidence=0.9),  # noqa: E501
    Said("stolzenberg", DEICH, "Die Menschen hier haben 2013 erlebt, was ein Deichbruch bedeutet. Jede weitere Verzögerung verunsichert sie.", "direct", "Heike Stolzenberg", role="Ortsbürgermeisterin", cue="sagte", source="Elbtal-Zeitung", confidence=0.9),  # noqa: E501
    Said("brueckner", DEICH, "viele Anwohner fühlten sich „von Potsdam vergessen“", "mixed", "Ole Brückner", role="Sprecher", affiliation="Deich jetzt", cue="sagte", confidence=0.75),  # noqa: E501
    Said("eide-1", WIND, "We want a competitive auction, not a rushed one,", "direct", "Rasmus Eide", role="Energy Ministry spokesman", affiliation="Energy Ministry", cue="said", said_on=D(2024, 9, 27), date_text="on Friday", confidence=0.95),  # noqa: E501
    Said("eide-2", WIND, "Interest was lower than we had hoped,", "direct", "Rasmus Eide", role="Energy Ministry spokesman", affiliation="Energy Ministry", cue="added", said_on=D(2024, 9, 27), date_text="on Friday", confidence=0.9),  # noqa: E501
    Said("solheim", WIND, "the delay was “regrettable but understandable”", "mixed", "Ingrid Solheim", role="chair", affiliation="Norwegian Floating Wind Council", cue="told", source="Bergen Finansavis", confidence=0.8),  # noqa: E501
    Said("dahl", WIND, "The government has lost a whole year. Developers need predictability, not excuses.", "direct", "Erik Dahl", role="Opposition lawmaker", cue="wrote", said_on=D(2024, 10, 2), date_text="yesterday", confidence=0.9),  # noqa: E501
]
# fmt: on
KEYS = [s.key for s in STATEMENTS]
VIA = {NACHT: "Nordlicht Nachrichten", KINDER: "Pharma-Ticker Süd", PHARMA: "Capital Health Wire"}
ENTITY_ALIASES = {"Rasmus Eide": "Rasmus Eyde", "Dörte Lindqvist": "Doerte Lindquist"}
OUTLET_ALIASES = {"Continental Transport Daily": "CTD"}


def sample_records() -> dict[str, dict]:
    with open(SAMPLES / "articles.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {record["id"]: record for record in records}


def build(url: str) -> None:
    """The fixture database at ``url``: six articles, 27 statements, aliases, fixed ingest times."""
    records = sample_records()
    engine = db.open_database(url)
    try:
        for article_id in (NACHT, NIGHT, KINDER, PHARMA, DEICH, WIND):
            record = records[article_id]
            text = record["text"]
            article = Article(
                text=text,
                title=record["title"],
                outlet=record["outlet"],
                published=dt.date.fromisoformat(record["published"]),
                url=record["url"],
                lang=record["lang"],
                id=article_id,
            )
            said = [s for s in STATEMENTS if s.article == article_id]
            statements = []
            for s in said:
                start = text.index(s.words)
                statements.append(
                    Statement(
                        text=s.words,
                        start=start,
                        end=start + len(s.words),
                        type=s.type,
                        speaker=s.speaker,
                        speaker_kind=s.kind,
                        cue=s.cue,
                        source=s.source,
                        role=s.role,
                        affiliation=s.affiliation,
                        said_on=s.said_on,
                        date_text=s.date_text,
                        confidence=s.confidence,
                    )
                )
            extraction = Extraction(statements, via=VIA.get(article_id), lang=record["lang"])
            with db.session_scope(engine) as session:
                write.save_article(session, article=article, extraction=extraction, extractor_version="test")
        with db.session_scope(engine) as session:
            for name, alias in ENTITY_ALIASES.items():
                (entity,) = session.execute(
                    sa.select(models.Entity).where(models.Entity.name == name)
                ).scalars()
                session.add(models.EntityAlias(entity_id=entity.id, alias=alias, alias_folded=fold(alias)))
            for name, alias in OUTLET_ALIASES.items():
                (outlet,) = session.execute(
                    sa.select(models.Outlet).where(models.Outlet.name == name)
                ).scalars()
                session.add(models.OutletAlias(outlet_id=outlet.id, alias=alias, alias_folded=fold(alias)))
            session.execute(sa.update(models.Article).values(ingested_at=INGESTED_AT))
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fixture_url(request, tmp_path_factory) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('queries') / 'quotetrack.db'}"
        build(url)
        yield url
        return
    with postgres_schema() as url:
        build(url)
        yield url


@pytest.fixture(scope="module")
def fixture_engine(fixture_url) -> Iterator[sa.Engine]:
    engine = db.open_database(fixture_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def session(fixture_engine) -> Iterator[Any]:
    with db.session_scope(fixture_engine) as session:
        yield session


BY_TEXT = {s.words: s.key for s in STATEMENTS}


def keys(rows: list[StatementRow]) -> list[str]:
    return [BY_TEXT[row.text] for row in rows]


def find(session, *, sort: str | None = None, limit: int | None = None, **filters) -> list[str]:
    return keys(
        statements.search_statements(session, statements.Filters(**filters), sort=sort, limit=limit).rows
    )


def article_id(session, slug: str) -> int:
    url = sample_records()[slug]["url"]
    return session.execute(sa.select(models.Article.id).where(models.Article.url == url)).scalar_one()


def when(s: Said) -> dt.date:
    return s.said_on or dt.date.fromisoformat(sample_records()[s.article]["published"])


def in_date_order(selected: list[str]) -> list[str]:
    """The default order: when said (else published), then article, then position."""
    order = [NACHT, NIGHT, KINDER, PHARMA, DEICH, WIND]  # saved in this order: article ids ascend
    text = {slug: sample_records()[slug]["text"] for slug in order}
    chosen = [s for s in STATEMENTS if s.key in selected]
    chosen.sort(key=lambda s: (when(s), order.index(s.article), text[s.article].index(s.words)))
    return [s.key for s in chosen]


# --- every filter alone ---------------------------------------------------------------------------

HOLLWEG = ["hollweg-de-1", "hollweg-de-2", "hollweg-en-1", "hollweg-en-2"]
PETERMANN = ["petermann-1", "petermann-2", "petermann-3"]


def test_no_filter_is_every_statement_in_date_order(session):
    assert find(session) == in_date_order(KEYS)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"speaker": "hollweg"}, HOLLWEG),
        ({"speaker": "Weserländer Tageblatt"}, ["tageblatt-de", "tageblatt-en"]),
        (
            {"role": "sprech"},
            [
                "marquardt-1",
                "marquardt-2",
                "hollweg-de-1",
                "hollweg-de-2",
                "renner-1",
                "renner-2",
                "brueckner",
            ],
        ),
        ({"role": "SPOKES"}, ["leitgeb", "hollweg-en-1", "hollweg-en-2", "eide-1", "eide-2"]),
        ({"role": "burgermeisterin"}, ["stolzenberg"]),
        ({"organization": "ministry"}, ["leitgeb", "hollweg-en-1", "hollweg-en-2", "eide-1", "eide-2"]),
        ({"organization": "ministerium"}, ["marquardt-1", "marquardt-2", "hollweg-de-1", "hollweg-de-2"]),
        ({"organization": "Pro Nachtzug"}, ["lindqvist-1", "lindqvist-2"]),
        (
            {"outlet": "bahnblick"},
            ["tageblatt-de", "marquardt-1", "marquardt-2", "lindqvist-1", "lindqvist-2"],
        ),
        ({"outlet": "CTD"}, ["tageblatt-en", "official", "leitgeb", *PETERMANN]),  # an alias
        ({"source": "hanse courier"}, ["petermann-1"]),
        ({"source": "tageblatt"}, ["official"]),
        ({"source": "Mainfranken"}, ["pfannkuch"]),
        ({"since": D(2024, 10, 1)}, ["dahl", "solheim"]),
        ({"until": D(2024, 3, 12)}, ["tageblatt-de", "tageblatt-en"]),
        ({"type": "indirect"}, ["tageblatt-de", "tageblatt-en", "lindqvist-2", "petermann-2", "wilms"]),
        ({"lang": "EN"}, in_date_order([s.key for s in STATEMENTS if s.article in (NIGHT, PHARMA, WIND)])),
        ({"search": "night train"}, ["tageblatt-en"]),
    ],
    ids=lambda value: json.dumps(value, default=str) if isinstance(value, dict) else "",
)
def test_each_filter_alone(session, filters, expected):
    assert find(session, sort="date", **filters) == in_date_order(expected)


def test_date_bounds_use_said_on_else_published(session):
    # marquardt-2 has no said_on: it falls back to the article's date, 2024-03-14
    assert find(session, since=D(2024, 3, 14), until=D(2024, 3, 14)) == [
        "marquardt-2",
        "lindqvist-1",
        "lindqvist-2",
    ]
    assert find(session, since=D(2024, 5, 20), until=D(2024, 5, 21)) == ["wilms", "hollweg-de-1"]


def test_article_by_id_and_url(session):
    pharma = article_id(session, PHARMA)
    expected = ["hollweg-en-1", "hollweg-en-2", "federation", "roloff"]
    assert find(session, article=pharma) == expected
    assert find(session, article=str(pharma)) == expected
    assert find(session, article=sample_records()[PHARMA]["url"]) == expected
    assert find(session, article=sample_records()[PHARMA]["url"] + "/") == expected


def test_limit(session):
    assert find(session, limit=3) == in_date_order(KEYS)[:3]
    assert find(session, speaker="hollweg", limit=1) == ["hollweg-de-1"]


# --- combined -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"speaker": "hollweg", "lang": "de"}, ["hollweg-de-1", "hollweg-de-2"]),
        (
            {"speaker": "hollweg", "outlet": "health watch", "since": D(2024, 6, 1), "until": D(2024, 6, 30)},
            ["hollweg-en-1", "hollweg-en-2"],
        ),
        ({"speaker": "hollweg", "outlet": "bahnblick"}, []),
        ({"role": "spokes", "organization": "energy"}, ["eide-1", "eide-2"]),
        ({"speaker": "petermann", "type": "direct", "search": "we"}, ["petermann-3"]),
        ({"search": "night", "type": "indirect"}, ["tageblatt-en", "petermann-2"]),
        ({"search": "ministry OR ministerium", "lang": "de"}, ["hollweg-de-2"]),
        ({"outlet": "offshore", "source": "bergen"}, ["solheim"]),
        (
            {"since": D(2024, 5, 1), "until": D(2024, 8, 31), "type": "mixed"},
            ["hollweg-de-2", "roloff", "federation", "brueckner"],
        ),
        ({"article": "1", "role": "Vorsitzende", "search": "Nachtz*"}, ["lindqvist-1"]),
    ],
    ids=lambda value: json.dumps(value, default=str) if isinstance(value, dict) else "",
)
def test_filters_combine(session, filters, expected):
    assert find(session, sort="date", **filters) == in_date_order(expected)


# --- sorting --------------------------------------------------------------------------------------


def test_sort_orders(session):
    everything = {row.text: row for row in statements.search_statements(session).rows}

    def rows(sort: str) -> list[StatementRow]:
        return statements.search_statements(session, sort=sort).rows

    newest = rows("-date")
    dates = [row.said_on or row.published for row in newest]
    assert dates == sorted(dates, reverse=True)
    assert keys(newest)[0] == "solheim"

    by_speaker = rows("speaker")
    names = [fold(row.speaker) for row in by_speaker if row.speaker]
    assert names == sorted(names)
    assert by_speaker[-1].speaker is None  # no speaker: last
    assert by_speaker[0].speaker == "Anke Roloff"

    outlets = [fold(row.outlet or "") for row in rows("outlet")]
    assert outlets == sorted(outlets)

    confidences = [row.confidence for row in rows("confidence")]
    assert confidences == sorted(confidences, reverse=True)
    assert len(everything) == len(KEYS)


def test_relevance_is_the_default_with_search(session):
    default = find(session, search="night OR nacht*")
    assert default == find(session, search="night OR nacht*", sort="relevance")
    assert sorted(default) == sorted(
        ["tageblatt-en", "leitgeb", "petermann-2", "tageblatt-de", "lindqvist-1"]
    )
    assert find(session, search="night OR nacht*", sort="date") == in_date_order(default)


@pytest.mark.parametrize("sort", ["loudest", ""])
def test_unknown_sort_is_a_usage_error(session, sort):
    with pytest.raises(statements.UsageError, match="cannot sort"):
        statements.search_statements(session, sort=sort)


def test_unknown_type_is_a_usage_error(session):
    with pytest.raises(statements.UsageError, match="not a statement type"):
        statements.search_statements(session, statements.Filters(type="quoted"))


# --- forgiving names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "hollweg",
        "HOLLWEG",
        "miriam holl",
        "Miriam Hollweg",
        "Holweg",
        "Hollwek",
        "Dr. Hollweg",
        "Frau Hollweg",
    ],
)
def test_speaker_names_are_forgiving(session, value):
    assert find(session, speaker=value) == HOLLWEG


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("dorte", ["lindqvist-1", "lindqvist-2"]),  # accents
        ("DÖRTE LINDQVIST", ["lindqvist-1", "lindqvist-2"]),
        ("Lindquist", ["lindqvist-1", "lindqvist-2"]),  # an alias, and close anyway
        ("Doerte Lindquist", ["lindqvist-1", "lindqvist-2"]),  # the alias in full
        ("Eyde", ["eide-1", "eide-2"]),  # only the alias links it: too far for fuzzy matching
        ("rasmus eyde", ["eide-1", "eide-2"]),
        ("Brueckner", ["brueckner"]),  # ü written as ue: fuzzy
        ("Pfannkuchen", ["pfannkuch"]),
        ("jorg", ["pfannkuch"]),
        ("tageblatt", ["tageblatt-de", "tageblatt-en"]),
    ],
)
def test_more_forgiving_names(session, value, expected):
    assert find(session, speaker=value) == in_date_order(expected)


def test_match_names_ranks_exact_then_word_then_part(session):
    matched = lookup.match_names(session, "Ministry")
    assert {m.name for m in matched.matches} >= {
        "Health Ministry",
        "Energy Ministry",
        "Austria's Climate Ministry",
    }
    assert all(m.how in ("word", "exact") for m in matched.matches)
    exact = lookup.match_names(session, "health ministry").matches
    assert exact[0].name == "Health Ministry" and exact[0].how == "exact"
    fuzzy = lookup.match_names(session, "Hollwek").matches
    assert [(m.name, m.how) for m in fuzzy] == [("Miriam Hollweg", "fuzzy")]
    assert lookup.match_names(session, "Eyde").matches[0].how == "word"  # via the alias


@pytest.mark.parametrize("value", ["Zacharias Nobody", "qqq", "%", "_", "-", "  "])
def test_unknown_speaker_is_empty_and_reported(session, value):
    found = statements.search_statements(session, statements.Filters(speaker=value))
    assert found.rows == []
    assert found.unmatched == (("speaker", value),)


def test_every_unmatched_filter_is_reported(session):
    filters = statements.Filters(
        speaker="Nobody Atall", outlet="Nowhere Gazette", source="Nix Radio", role="astronaut", article="999"
    )
    found = statements.search_statements(session, filters)
    assert found.rows == []
    assert dict(found.unmatched) == {
        "speaker": "Nobody Atall",
        "outlet": "Nowhere Gazette",
        "source": "Nix Radio",
        "role": "astronaut",
        "article": "999",
    }


def test_known_outlet_without_statements_is_empty_but_not_unmatched(session):
    found = statements.search_statements(
        session, statements.Filters(outlet="Nordlicht Nachrichten")
    )  # only a via
    assert found == statements.Found([], ())


# --- full-text search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("night", ["tageblatt-en", "leitgeb", "petermann-2"]),
        ("NIGHT", ["tageblatt-en", "leitgeb", "petermann-2"]),
        ("train*", ["tageblatt-en", "petermann-2"]),
        ('"night routes"', ["leitgeb"]),
        ('"routes night"', []),
        ('"wrong signal"', ["petermann-1"]),
        ("forderung", ["tageblatt-de"]),  # Förderung, accents ignored
        ("förder*", ["tageblatt-de", "marquardt-1"]),
        ("FOERDERUNG", []),  # oe is not ö
        ("ministry OR ministerium", ["tageblatt-en", "hollweg-de-2"]),
        ("night -trains", ["tageblatt-en", "leitgeb"]),
        ('night -"busiest night"', ["tageblatt-en", "petermann-2"]),
        ("züge ausgebucht", ["lindqvist-2"]),
        ("zuge AND ausgebucht", ["lindqvist-2"]),
        ("Deichbruch", ["stolzenberg"]),
        ("2013", ["stolzenberg"]),
        ("fewer,", ["petermann-3"]),  # punctuation is not part of a word
        ("sleeper-cars", ["petermann-3"]),  # a hyphen joins words into a phrase
        (
            "we OR wir",
            ["leitgeb", "petermann-3", "marquardt-1", "hollweg-de-1", "hollweg-en-2", "eide-1", "eide-2"],
        ),
        ("nothingofthiskind", []),
    ],
)
def test_full_text_search(session, search, expected):
    assert sorted(find(session, search=search)) == sorted(expected)


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"unclosed phrase', "unbalanced quotation mark"),
        ("OR night", "OR needs a term on each side"),
        ("night OR", "OR needs a term on each side"),
        ("night OR OR day", "OR needs a term on each side"),
        ("-night", "only excludes"),
        ("night OR -day", "cannot be one side of OR"),
        ("ni*ght", "at the end of a word"),
        ("*", "needs a word before it"),
        ("!!! ???", "nothing to search for"),
        ("night -", "nothing follows"),
    ],
)
def test_malformed_search_is_a_clear_error(session, search, message):
    with pytest.raises(SearchSyntaxError, match=re.escape(message)):
        statements.search_statements(session, statements.Filters(search=search))


def test_search_reaches_store_find_statements(session):
    """statements.find_statements (used by export) takes the same filters."""
    rows = statements.find_statements(session, search='"wrong signal"', speaker="petermann", limit=5)
    assert keys(rows) == ["petermann-1"]


@pytest.mark.parametrize(
    ("filters", "offset"),
    [({"search": "we OR wir"}, 0), ({"search": "we OR wir"}, 1), ({"search": "we OR wir", "lang": "en"}, 0)],
)
def test_a_search_matching_more_than_the_cap_ranks_its_most_recently_stored(
    session, monkeypatch, filters, offset
):
    """Past RANK_AT_MOST matches, relevance ranks only that many, the highest ids, and says so."""
    search = statements.Filters(**filters)
    every = statements.search_statements(session, search, sort="relevance")
    assert not isinstance(every, statements.Ranked) and len(every.rows) > 3
    newest = sorted(row.id for row in every.rows)[-3:]
    monkeypatch.setattr(statements, "RANK_AT_MOST", 3)
    found = statements.search_statements(session, search, limit=2, offset=offset)
    assert [row.id for row in found.rows] == [row.id for row in every.rows if row.id in newest][offset:][:2]
    assert isinstance(found, statements.Ranked)
    assert found.note.startswith("Ranked the 3 most recently stored of ")
    assert "narrow the search" in found.note
    if session.get_bind().dialect.name == "sqlite":
        assert f" of {len(every.rows)} matching statements" in found.note


def test_a_search_within_the_cap_is_ranked_in_full(session, monkeypatch):
    search = statements.Filters(search="we OR wir")
    every = statements.search_statements(session, search, limit=5)
    monkeypatch.setattr(statements, "RANK_AT_MOST", 7)  # as many as match
    capped = statements.search_statements(session, search, limit=5)
    assert capped == every
    monkeypatch.setattr(statements, "RANK_AT_MOST", 3)
    beyond = statements.search_statements(session, search, limit=4)  # a page beyond the cap: as before
    assert beyond == statements.Found(every.rows[:4])
    newest = statements.search_statements(session, search, sort="-date", limit=2)
    assert not isinstance(newest, statements.Ranked)


# --- who ------------------------------------------------------------------------------------------


def test_who_finds_the_speaker_of_a_fragment(session):
    rows = statements.who(session, "we need more sleeper cars")
    assert rows[0].speaker == "Jonas Petermann"
    assert rows[0].score == 100.0
    assert rows[0].text == "If anything, we need more sleeper cars, not fewer,"
    assert rows[0].statements >= 1
    assert rows[0].outlets == ("Continental Transport Daily",)


def test_who_groups_by_speaker_with_counts_and_dates(session):
    rows = statements.who(session, "the ministry plans to cut funding for night train connections")
    assert rows[0].speaker == "Weserländer Tageblatt"
    assert rows[0].score >= 90
    assert rows == sorted(rows, key=lambda r: (-r.score, -r.statements))
    assert len({row.speaker_id for row in rows}) == len(rows)
    hollweg = statements.who(session, "Wir nehmen die Meldungen aus den Apotheken ernst")
    assert hollweg[0].speaker == "Miriam Hollweg"
    assert (hollweg[0].first_said_on, hollweg[0].last_said_on) == (D(2024, 5, 21), D(2024, 5, 21))


def test_who_counts_every_matching_statement_of_a_speaker(session):
    rows = statements.who(session, "night trains weeks booked sleeper cars")
    (petermann,) = [row for row in rows if row.speaker == "Jonas Petermann"]
    assert petermann.statements == 2
    assert rows[0].speaker == "Jonas Petermann"


def test_who_asks_the_index_for_the_rare_words_of_a_text_with_frequent_ones(session, monkeypatch):
    asked: list[str] = []
    real = statements._candidates

    def candidates(session, plan, expression, limit):
        asked.append(expression)
        return real(session, plan, expression, limit)

    monkeypatch.setattr(statements, "_candidates", candidates)
    monkeypatch.setattr(statements, "WHO_COMMON", 2)  # "the" and "we" are frequent here, the rest rare
    rows = statements.who(session, "we need more sleeper cars the")
    assert rows[0].speaker == "Jonas Petermann"
    (expression,) = asked
    first = expression.split(" OR ")[0] if " OR " in expression else expression.split(" | ")[0]
    words = re.findall(r"\w+", first)
    assert "sleeper" in words and "the" not in words


def test_who_with_filters_and_without_matches(session):
    assert statements.who(session, "we need more sleeper cars", filters=statements.Filters(lang="de")) == []
    assert statements.who(session, "zzyzx qwertz") == []
    # the only statement with these words has no named speaker
    assert statements.who(session, "every budget line was being examined") == []
    with pytest.raises(SearchSyntaxError):
        statements.who(session, " … ")


# --- speakers, outlets, articles, show ------------------------------------------------------------


def test_list_speakers(session):
    rows = listings.list_speakers(session)
    assert [(r.name, r.statements) for r in rows[:3]] == [
        ("Miriam Hollweg", 4),
        ("Jonas Petermann", 3),
        ("Dörte Lindqvist", 2),  # ties: by name
    ]
    hollweg = rows[0]
    assert hollweg.roles == ("Health Ministry spokeswoman", "Sprecherin")
    assert hollweg.organizations == ("Bundesgesundheitsministerium", "Health Ministry")
    assert hollweg.outlets == ("Europe Health Watch", "Gesundheit Kompakt")
    assert (hollweg.first_said_on, hollweg.last_said_on) == (D(2024, 5, 21), D(2024, 6, 6))
    assert sum(r.statements for r in rows) == len(KEYS) - 1  # one statement has no speaker
    (lindqvist,) = listings.list_speakers(session, search="lindquist")
    assert lindqvist.aliases == ("Doerte Lindquist",)
    assert [r.name for r in listings.list_speakers(session, kind="outlet")] == ["Weserländer Tageblatt"]
    assert listings.list_speakers(session, search="Zacharias Nobody") == []
    assert len(listings.list_speakers(session, limit=2)) == 2


def test_speaker_profile(session):
    profile = listings.speaker_profile(session, "hollwek", recent=3)
    assert profile is not None
    assert (profile.name, profile.kind, profile.statements) == ("Miriam Hollweg", "person", 4)
    assert profile.types == {"direct": 3, "indirect": 0, "mixed": 1}
    assert profile.outlets == (("Europe Health Watch", 2), ("Gesundheit Kompakt", 2))
    assert keys(list(profile.recent)) == ["hollweg-en-1", "hollweg-en-2", "hollweg-de-2"]
    data = profile.to_json()
    assert data["outlets"][0] == {"outlet": "Europe Health Watch", "statements": 2}
    assert data["recent"][0]["speaker"] == "Miriam Hollweg"
    eide = listings.speaker_profile(session, "Eyde")
    assert eide is not None and eide.name == "Rasmus Eide" and eide.aliases == ("Rasmus Eyde",)
    assert listings.speaker_profile(session, "Zacharias Nobody") is None


def test_speaker_profile_prefers_the_most_quoted_of_equal_matches(session):
    profile = listings.speaker_profile(session, "sprecher")  # no name holds it: a role is not a name
    assert profile is None
    ministry = listings.speaker_profile(session, "Ministry")
    assert ministry is not None
    assert ministry.statements == 0  # organisations named as affiliations, never quoted
    assert set(ministry.also_matched) >= {"Health Ministry", "Energy Ministry"} - {ministry.name}


def test_list_outlets(session):
    rows = {row.name: row for row in listings.list_outlets(session)}
    bahnblick = rows["Bahnblick Online"]
    assert (bahnblick.articles, bahnblick.statements, bahnblick.speakers) == (1, 5, 3)
    assert (bahnblick.relayed, bahnblick.via) == (0, 0)
    assert bahnblick.first_published == bahnblick.last_published == D(2024, 3, 14)
    assert (rows["Hanse Courier"].articles, rows["Hanse Courier"].relayed) == (0, 1)
    assert rows["Nordlicht Nachrichten"].via == 1
    assert [row.name for row in listings.list_outlets(session, search="ctd")] == [
        "Continental Transport Daily"
    ]
    assert listings.list_outlets(session, search="Nowhere Gazette") == []
    assert len(listings.list_outlets(session, limit=4)) == 4


def test_list_articles_with_filters(session):
    titles = {slug: record["title"] for slug, record in sample_records().items()}
    assert [a.title for a in listings.list_articles(session, outlet="bahnblick")] == [titles[NACHT]]
    assert [a.title for a in listings.list_articles(session, since=D(2024, 6, 1))] == [
        titles[PHARMA],
        titles[DEICH],
        titles[WIND],
    ]
    assert [a.title for a in listings.list_articles(session, until=D(2024, 3, 13))] == [titles[NIGHT]]
    assert len(listings.list_articles(session, lang="DE")) == 3
    assert listings.list_articles(session, outlet="Nowhere Gazette") == []


def test_article_text(session):
    record = sample_records()[NIGHT]
    by_id = listings.article_text(session, article_id(session, NIGHT))
    assert by_id is not None
    assert by_id.text == record["text"]
    assert by_id.article.title == record["title"]
    assert keys(list(by_id.statements)) == [
        "tageblatt-en",
        "official",
        "leitgeb",
        "petermann-1",
        "petermann-2",
        "petermann-3",
    ]
    by_url = listings.article_text(session, record["url"])
    assert by_url is not None and by_url.article == by_id.article
    assert listings.article_text(session, "999") is None
    assert listings.article_text(session, "https://example.org/none") is None


# --- the index stays in sync ----------------------------------------------------------------------

STRASSE = "Kleinwalden. „Die Straße am Markt bleibt bis Freitag gesperrt“, sagte Bürgermeisterin Ilse Maaß."


def _save_strasse(engine: sa.Engine) -> None:
    quote = "Die Straße am Markt bleibt bis Freitag gesperrt"
    start = STRASSE.index(quote)
    statement = Statement(
        text=quote, start=start, end=start + len(quote), type="direct", speaker="Ilse Maaß", cue="sagte"
    )
    article = Article(
        text=STRASSE, title="Markt", outlet="Kleinwalder Bote", published=D(2031, 5, 2), lang="de"
    )
    with db.session_scope(engine) as session:
        write.save_article(
            session, article=article, extraction=Extraction([statement]), extractor_version="t"
        )


def _texts(engine: sa.Engine, search: str) -> list[str]:
    with db.session_scope(engine) as session:
        return [
            row.text for row in statements.search_statements(session, statements.Filters(search=search)).rows
        ]


def test_sharp_s_and_ss_are_the_same_letter(engine):
    _save_strasse(engine)
    for search in ("straße", "STRASSE", "strasse", "straß*", "strass*", '"strasse am markt"'):
        assert _texts(engine, search) == ["Die Straße am Markt bleibt bis Freitag gesperrt"], search
    with db.session_scope(engine) as session:
        assert keys_or_names(
            statements.search_statements(session, statements.Filters(speaker="ilse maass")).rows
        )


def keys_or_names(rows: list[StatementRow]) -> list[str | None]:
    return [row.speaker for row in rows]


def test_index_follows_inserts_updates_and_deletes(engine):
    _save_strasse(engine)
    assert len(_texts(engine, "gesperrt")) == 1
    with db.session_scope(engine) as session:
        statement = session.execute(sa.select(models.Statement)).scalar_one()
        statement.text = "Der Markt ist wieder offen"
    assert _texts(engine, "gesperrt") == []
    assert _texts(engine, "offen") == ["Der Markt ist wieder offen"]
    with db.session_scope(engine) as session:  # claims.py updates claim_id: the index must not care
        session.execute(sa.update(models.Statement).values(confidence=0.1))
    assert _texts(engine, "offen") == ["Der Markt ist wieder offen"]
    with db.session_scope(engine) as session:
        session.delete(session.execute(sa.select(models.Article)).scalar_one())  # cascades to statements
    assert _texts(engine, "offen") == []
    _save_strasse(engine)
    assert len(_texts(engine, "gesperrt")) == 1


def test_migration_indexes_existing_rows_and_downgrade_removes_the_index(db_url):
    db.upgrade(db_url, "0001")
    engine = db.create_db_engine(db_url)
    quote = "Die Straße am Markt bleibt bis Freitag gesperrt"
    with engine.begin() as connection:  # rows as revision 0001 stored them
        connection.execute(
            sa.text(
                "INSERT INTO articles (id, content_hash, text, published, ingested_at) "
                "VALUES (1, 'hash', :text, :published, :now)"
            ),
            {"text": STRASSE, "published": D(2031, 5, 2), "now": INGESTED_AT},
        )
        connection.execute(
            sa.text(
                'INSERT INTO statements (id, article_id, speaker_kind, type, text, start, "end", confidence) '
                "VALUES (1, 1, 'person', 'direct', :text, :start, :end, 0.9)"
            ),
            {"text": quote, "start": STRASSE.index(quote), "end": STRASSE.index(quote) + len(quote)},
        )
    engine.dispose()
    db.upgrade(db_url)
    engine = db.open_database(db_url)
    try:
        assert _texts(engine, "gesperrt") == [quote]  # indexed by the migration
        with db.session_scope(engine) as session:  # dated by the migration: the article's day
            found = statements.search_statements(
                session, statements.Filters(since=D(2031, 5, 2), until=D(2031, 5, 2))
            )
            assert [row.text for row in found.rows] == [quote]
        assert _fulltext_objects(engine)
    finally:
        engine.dispose()
    db.downgrade(db_url, "0001")
    engine = db.create_db_engine(db_url)
    try:
        assert _fulltext_objects(engine) == set()
        with db.session_scope(engine) as session:  # the rows are still there
            assert session.execute(sa.select(sa.func.count()).select_from(models.Statement)).scalar_one() == 1
    finally:
        engine.dispose()


def _fulltext_objects(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'statements_fts%'"
            ).scalars()
            return set(rows)
        columns = {c["name"] for c in sa.inspect(connection).get_columns("statements")}
        functions = connection.exec_driver_sql(
            "SELECT proname FROM pg_proc WHERE proname = 'quotetrack_unaccent' "
            "AND pronamespace = current_schema()::regnamespace"
        ).scalars()
        return (columns & {fulltext.TSVECTOR_COLUMN}) | set(functions)


# --- the query language, without a database -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "fts5", "tsquery"),
    [
        ("night train", '"night" AND "train"', "'night' & 'train'"),
        ('"wrong signal"', '"wrong signal"', "('wrong' <-> 'signal')"),
        ("minist*", '"minist"*', "'minist':*"),
        ("a OR b c", '("a" OR "b") AND "c"', "('a' | 'b') & 'c'"),
        ("night -day", '("night") NOT "day"', "'night' & !'day'"),
        ("covid-19", '"covid 19"', "('covid' <-> '19')"),
        ("don't", '"don t"', "('don' <-> 't')"),
        ("Straße", '("straße" OR "strasse")', "'straße'"),
        ('x "; DROP TABLE statements; --', None, None),
    ],
)
def test_translation(query, fts5, tsquery):
    if fts5 is None:
        with pytest.raises(SearchSyntaxError):
            fulltext.parse(query)
        return
    parsed = fulltext.parse(query)
    assert fulltext.to_fts5(parsed) == fts5
    assert fulltext.to_tsquery(parsed) == tsquery


def test_quotes_and_operators_inside_words_cannot_escape():
    parsed = fulltext.parse("it's NEAR(a b) col:value 'x' & | ! <->")
    assert all(re.fullmatch(r"[^\W_]+", word) for term in parsed.terms for word in term.words)
    assert fulltext.to_fts5(parsed).count('"') % 2 == 0


def test_spans_find_terms_across_case_accents_and_sharp_s():
    text = "Die STRASSE, sagte Müller, sei „Förder-fähig“."
    terms = fulltext.parse('straße muller "forder fahig"').terms
    assert [text[a:b] for a, b in fulltext.spans(text, terms)] == ["STRASSE", "Müller", "Förder-fähig"]
    assert fulltext.spans(text, fulltext.parse("sag*").terms) == [(13, 18)]
    assert fulltext.spans(text, fulltext.parse("sag").terms) == []


# --- the commands ---------------------------------------------------------------------------------

WIDTH = {"COLUMNS": "160"}  # tables fit the terminal: a fixed width for the golden files


def run(url: str, *args: object, color: bool = False, env: dict[str, str] | None = None) -> Result:
    """quotetrack in-process; an exception escaping the command fails the test with its traceback."""
    from quotetrack.cli import cli

    result = CliRunner().invoke(
        cli, ["--db", url, *map(str, args)], color=color, env={**WIDTH, **(env or {})}, prog_name="quotetrack"
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        pytest.fail(f"quotetrack {' '.join(map(str, args))} raised instead of reporting:\n{shown}")
    assert "Traceback" not in result.output
    return result


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; make it with QUOTETRACK_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path} differs; if that is right, QUOTETRACK_UPDATE_GOLDEN=1"
    )


LISTINGS = {
    "quotes": ["quotes"],
    "quotes-combined": ["quotes", "--speaker", "hollweg", "--since", "2024-06-01", "--outlet", "health"],
    "quotes-search": ["quotes", "--search", "night OR nacht*", "--sort", "date"],
    "who": ["who", "we need more sleeper cars"],
    "speakers": ["speakers"],
    "outlets": ["outlets"],
    "articles": ["articles"],
}
EXTENSIONS = {"table": "txt", "json": "json", "jsonl": "jsonl", "csv": "csv", "md": "md"}


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_output_formats_golden(fixture_url, name, fmt):
    result = run(fixture_url, *LISTINGS[name], "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden(f"{name}.{EXTENSIONS[fmt]}", result.stdout)


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_formats_agree(fixture_url, name):
    """json, jsonl and csv hold the same rows; the JSON field names are the documented ones."""
    rows = json.loads(run(fixture_url, *LISTINGS[name], "--format", "json").stdout)
    assert rows
    lines = run(fixture_url, *LISTINGS[name], "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    header = run(fixture_url, *LISTINGS[name], "--format", "csv").stdout.splitlines()[0]
    assert header.split(",") == list(rows[0])
    fields = {
        "quotes": FIELDS["statement"],
        "who": FIELDS["who"],
        "speakers": FIELDS["speaker"],
        "outlets": FIELDS["outlet"],
        "articles": FIELDS["article"],
    }[name.split("-")[0]]
    assert list(rows[0]) == fields
    markdown = run(fixture_url, *LISTINGS[name], "--format", "md").stdout.splitlines()
    assert len(markdown) == len(rows) + 2 and markdown[1].startswith("| --- |")


FIELDS = {
    "statement": [
        "id", "text", "type", "speaker", "speaker_kind", "speaker_mention", "role", "affiliation", "cue",
        "source", "said_on", "date_text", "start", "end", "confidence", "article_id", "article_title",
        "article_url", "outlet", "published", "via", "lang",
    ],
    "speaker": [
        "id", "name", "kind", "statements", "roles", "first_said_on", "last_said_on", "organizations",
        "outlets", "aliases",
    ],
    "outlet": [
        "id", "name", "domain", "kind", "articles", "statements", "speakers", "relayed", "via",
        "first_published", "last_published",
    ],
    "article": [
        "id", "title", "outlet", "published", "url", "lang", "via", "statements", "ingested_at",
        "authors", "modified",
    ],
    "who": [
        "speaker", "speaker_id", "speaker_kind", "score", "statements", "first_said_on", "last_said_on",
        "outlets", "text", "statement_id",
    ],
}  # fmt: skip


def test_the_readme_documents_every_field():
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    for names in FIELDS.values():
        for name in names:
            assert f"`{name}`" in readme, name


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_speaker_profile_golden(fixture_url, fmt):
    result = run(fixture_url, "speaker", "Hollwek", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"speaker.{EXTENSIONS[fmt]}", result.stdout)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_golden(fixture_url, fmt):
    url = sample_records()[NIGHT]["url"]
    result = run(fixture_url, "show", url, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"show.{'txt' if fmt == 'text' else 'json'}", result.stdout)
    if fmt == "text":
        assert "[If anything, we need more sleeper cars, not fewer,][6]" in result.stdout
        assert run(fixture_url, "show", "2").stdout == result.stdout  # by id


def test_show_in_colour(fixture_url):
    result = run(fixture_url, "show", sample_records()[NIGHT]["url"], color=True)
    assert result.exit_code == 0
    green = "\x1b[32mIf anything, we need more sleeper cars, not fewer,\x1b[0m"
    assert green in result.stdout
    assert "][" not in result.stdout  # no brackets when there is colour
    plain = run(fixture_url, "show", sample_records()[NIGHT]["url"], color=True, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_table_highlights_the_search_on_a_terminal(fixture_url):
    coloured = run(fixture_url, "quotes", "--search", "sleeper", "--format", "table", color=True)
    assert "\x1b[31m\x1b[1msleeper\x1b[0m" in coloured.stdout
    plain = run(fixture_url, "quotes", "--search", "sleeper", "--format", "table")
    assert "\x1b[" not in plain.stdout and "sleeper" in plain.stdout


def test_table_snippet_shows_the_match_of_a_long_text(fixture_url):
    narrow = {"COLUMNS": "80"}
    result = run(fixture_url, "quotes", "--search", "Wirksamkeit", "--format", "table", env=narrow)
    (row,) = result.stdout.splitlines()[2:]
    assert "…" in row and "Wirksamkeit" in row  # the start is cut to show the matching word


def test_default_format_off_a_terminal_is_jsonl(fixture_url):
    result = run(fixture_url, "quotes", "--limit", "2")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        row["id"] for row in json.loads(run(fixture_url, "quotes", "--limit", "2", "--format", "json").stdout)
    ]
    assert json.loads(run(fixture_url, "speaker", "hollweg").stdout)["name"] == "Miriam Hollweg"


# --- bad values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["quotes", "--since", "2024-02-30"],
        ["quotes", "--until", "yesterday"],
        ["who", "sleeper cars", "--since", "13.03.2024"],
        ["articles", "--until", "2024-13-01"],
        ["export", "--since", "2024/03/01"],
    ],
)
def test_invalid_date_is_a_usage_error(tmp_path, args):
    target = tmp_path / "q.db"
    result = run(str(target), *args)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert result.stdout == ""
    assert not target.exists()  # refused before any database was opened


@pytest.mark.parametrize(
    ("search", "message"),
    [('"sleeper cars', "unbalanced quotation mark"), ("OR", "OR needs a term"), ("-cars", "only excludes")],
)
def test_malformed_search_is_a_usage_error(tmp_path, search, message):
    target = tmp_path / "q.db"
    for command in ("quotes", "export"):
        result = run(str(target), command, "--search", search)
        assert result.exit_code == 2, result.output
        assert "--search" in result.stderr and message in result.stderr
        assert result.stdout == ""
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["quotes", "--type", "quoted"], "--type"),
        (["quotes", "--sort", "loudness"], "--sort"),
        (["quotes", "--limit", "0"], "--limit"),
        (["speakers", "--kind", "robot"], "--kind"),
        (["show", "1", "--format", "table"], "--format"),
    ],
)
def test_bad_choices_are_usage_errors(tmp_path, args, option):
    result = run(str(tmp_path / "q.db"), *args)
    assert result.exit_code == 2
    assert option in result.stderr


def test_empty_who_is_a_usage_error(fixture_url):
    result = run(fixture_url, "who", " … ")
    assert result.exit_code == 2
    assert "nothing to look for" in result.stderr


@pytest.mark.parametrize(
    ("args", "notes"),
    [
        (["quotes", "--speaker", "Zacharias Nobody"], ["No speaker matches 'Zacharias Nobody'"]),
        (["quotes", "--outlet", "Nowhere Gazette"], ["No outlet matches 'Nowhere Gazette'"]),
        (
            ["quotes", "--speaker", "Zacharias Nobody", "--source", "Nix Radio", "--role", "astronaut"],
            ["No speaker matches", "No relaying outlet matches 'Nix Radio'", "No role matches 'astronaut'"],
        ),
        (["quotes", "--organization", "Ministry of Silly Walks"], ["No organisation matches"]),
        (["quotes", "--article", "999"], ["No article matches '999'"]),
        (["export", "--speaker", "Zacharias Nobody", "--format", "jsonl"], ["No speaker matches"]),
        (["speakers", "--search", "Zacharias Nobody"], ["No speaker matches"]),
        (["outlets", "--search", "Nowhere Gazette"], ["No outlet matches"]),
        (["articles", "--outlet", "Nowhere Gazette"], ["No outlet matches"]),
        (["who", "we need more sleeper cars", "--outlet", "Nowhere Gazette"], ["Nobody said anything like"]),
        (["quotes", "--since", "2024-06-01", "--until", "2024-05-01"], ["is after --until"]),
    ],
)
def test_unknown_names_give_an_empty_result_and_a_note(fixture_url, args, notes):
    result = run(fixture_url, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Error" not in result.stderr
    for note in notes:
        assert note in result.stderr


def test_unknown_speaker_profile_is_a_note_and_null(fixture_url):
    result = run(fixture_url, "speaker", "Zacharias Nobody", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) is None
    assert "No speaker matches 'Zacharias Nobody'" in result.stderr
    assert run(fixture_url, "speaker", "Zacharias Nobody", "--format", "table").stdout == ""


@pytest.mark.parametrize("ref", ["999", "https://example.org/no-such-article"])
def test_show_unknown_article_is_an_error(fixture_url, ref):
    result = run(fixture_url, "show", ref)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error:") and ref in line


def test_help_lists_the_read_commands():
    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, ["--help"])
    for name in ("quotes", "who", "speakers", "speaker", "outlets", "articles", "show"):
        assert f"  {name} " in result.stdout
    quotes = CliRunner().invoke(cli, ["quotes", "--help"]).stdout
    for option in ("--speaker", "--role", "--organization", "--outlet", "--source", "--since", "--until",
                   "--type", "--lang", "--article", "--search", "--limit", "--sort", "--format"):  # fmt: skip
        assert option in quotes
    assert "--format [table|json|jsonl|csv|md]" in quotes


def test_long_id_lists_are_rendered_inline(session):
    """More ids than a statement may have parameters on SQLite (32766) still work."""
    condition = in_list(models.Statement.id, list(range(1, 40_000)))
    count = session.execute(sa.select(sa.func.count()).select_from(models.Statement).where(condition))
    assert count.scalar_one() == len(KEYS)


def test_who_after_the_statistics_are_gathered(fixture_engine):
    """On PostgreSQL, who estimates how common words are from ANALYZE's statistics once there are some."""
    with fixture_engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    with db.session_scope(fixture_engine) as session:
        assert statements.who(session, "we need more sleeper cars")[0].speaker == "Jonas Petermann"
        rows = statements.who(session, "the ministry plans to cut funding for night train connections")
        assert rows[0].speaker == "Weserländer Tageblatt"


NESTED = "Kleinwalden. Er sagte, die Lage sei „sehr ernst“, berichtete der Kleinwalder Bote."


def test_show_marks_statements_inside_statements(db_url):
    engine = db.open_database(db_url)
    try:
        outer = "die Lage sei „sehr ernst“"
        inner = "sehr ernst"
        statements = [
            Statement(text=words, start=NESTED.index(words), end=NESTED.index(words) + len(words), type=kind)
            for words, kind in ((outer, "indirect"), (inner, "direct"))
        ]
        article = Article(text=NESTED, title="Lage", published=D(2031, 5, 2), lang="de")
        with db.session_scope(engine) as session:
            write.save_article(
                session, article=article, extraction=Extraction(statements), extractor_version="t"
            )
    finally:
        engine.dispose()
    result = run(db_url, "show", "1")
    assert result.exit_code == 0, result.output
    assert "Er sagte, [die Lage sei „[sehr ernst][2]“][1], berichtete" in result.stdout
    assert "[2] direct · (no speaker)" in result.stdout


# --- relevance: the best matches ranked in the index ---------------------------------------------


@pytest.fixture(scope="module")
def tied_url(tmp_path_factory) -> str:
    """40 articles whose statements rank alike in groups (the same words, other days)."""
    from cli_runner import invoke

    folder = tmp_path_factory.mktemp("tied")
    lines = []
    for i in range(40):
        words = ["ferry fare rises", "ferry fare rises again", "the fare of the ferry rises and rises"][i % 3]
        lines.append(
            json.dumps(
                {
                    "id": f"tied-{i}",
                    "lang": "en",
                    "outlet": f"Tide Post {i % 4}",
                    "published": f"2030-{i % 12 + 1:02d}-{(i * 7) % 28 + 1:02d}",
                    "text": f'Ferry {i}\n\n"The {words}," Mayor Jana Novak said. "The dock number {i} '
                    'stays open."',
                }
            )
        )
    (folder / "tied.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'tied.db'}"
    assert invoke("--db", url, "ingest", "-q", folder / "tied.jsonl").exit_code == 0
    return url


@pytest.mark.parametrize(
    "search", ["ferry", "fare OR rises", "ferry fare", "dock OR ferry OR stays", "stays OR open"]
)
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (5, 0), (7, 3), (20, 10), (100, 0)])
def test_best_ranked_matches_are_those_of_ranking_every_match(
    tied_url: str, monkeypatch: pytest.MonkeyPatch, search: str, limit: int, offset: int
) -> None:
    """A search with no other filter is ranked in the index alone (the best matches, then their
    dates); the page is the one ranking every match gives, ties at its last rank included, also
    when ties run beyond what is read first."""
    engine = db.open_database(tied_url)
    try:
        with db.session_scope(engine) as session:
            filters = statements.Filters(search=search)

            def page() -> list[int]:
                found = statements.search_statements(session, filters, limit=limit, offset=offset)
                return [row.id for row in found.rows]

            fast = page()
            monkeypatch.setattr(statements, "RANKED_FIRST", 1)
            ties = page()
            monkeypatch.setattr(statements, "RANKED_AT_MOST", 0)  # every match ranked, as before
            every = page()
    finally:
        engine.dispose()
    assert fast == ties == every
    assert every, search


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize(("limit", "offset"), [(2, 0), (3, 2), (50, 0)])
@pytest.mark.parametrize("extra", ["none", "since", "outlet"])
def test_a_few_speakers_are_read_one_by_one_in_the_same_order(
    session, monkeypatch, sort, limit, offset, extra
):
    S, A = models.Statement, models.Article
    quoted = session.execute(
        sa.select(S.speaker_id, sa.func.count()).where(S.speaker_id.is_not(None)).group_by(S.speaker_id)
    ).all()
    speakers = sorted(speaker for speaker, n in quoted if n > 1)[:3]
    assert len(speakers) == 3

    def plan() -> statements.Plan:
        found = statements.Plan(conditions=[in_list(S.speaker_id, speakers)], speaker_ids=list(speakers))
        if extra == "since":
            found.conditions.append(S.said_or_published >= dt.date(2024, 3, 13))
        if extra == "outlet":
            found.conditions.append(A.outlet_id.is_not(None))
            found.needs_article = True
        return found

    merged = statements.ordered_ids(session, plan(), sort, limit, offset=offset)
    monkeypatch.setattr(statements, "BRANCHES_AT_MOST", 0)  # one query over all of them
    assert not statements._each_speaker(plan())
    single = statements.ordered_ids(session, plan(), sort, limit, offset=offset)
    assert merged == single
    assert merged  # something to compare
