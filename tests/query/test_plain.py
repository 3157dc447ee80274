"""The reading commands' plain SQL (query.plain) gives the rows the SQLAlchemy queries give, on
SQLite (through the sqlite3 module and through a session) and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from postgres_schema import postgres_schema
from test_queries import build

from quotetrack.query import listings, lookup, plain, statements
from quotetrack.store import db, models, reader

D = dt.date


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def plain_url(request, tmp_path_factory) -> Iterator[str]:
    def prepared(url: str) -> str:
        build(url)
        engine = db.open_database(url)
        with db.session_scope(engine) as session:  # a merged speaker and outlet: the row they joined
            for model, merged, kept in (
                (models.Entity, "Sabine Leitgeb", "Dörte Lindqvist"),
                (models.Outlet, "Capital Health Wire", "Bahnblick Online"),
            ):
                target = session.execute(sa.select(model.id).where(model.name == kept)).scalar_one()
                session.execute(sa.update(model).where(model.name == merged).values(merged_into_id=target))
        engine.dispose()
        return url

    if request.param == "sqlite":
        yield prepared(f"sqlite:///{tmp_path_factory.mktemp('plain') / 'quotetrack.db'}")
        return
    with postgres_schema() as url:
        yield prepared(url)


@pytest.fixture(scope="module")
def plain_engine(plain_url) -> Iterator[sa.Engine]:
    engine = db.open_database(plain_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["session", "sqlite3"])
def both(request, plain_url, plain_engine) -> Iterator[tuple[Any, Any]]:
    """A session for the SQLAlchemy queries and a reader for the plain SQL."""
    with db.session_scope(plain_engine) as session:
        if request.param == "session":
            yield session, reader.SessionReader(session)
            return
        if not plain_url.startswith("sqlite"):
            pytest.skip("the sqlite3 module reads SQLite only")
        with reader.open_sqlite(plain_url) as fast:
            assert fast is not None
            yield session, fast


NAMES = [
    "Hollweg",
    "miriam hollweg",
    "Dr. Hollweg",
    "Holwegg",
    "Doerte",
    "Lindquist",
    "Leitgeb",
    "ei",
    "x",
    "",
]
FILTERS: list[dict[str, Any]] = [
    {},
    *({"speaker": name} for name in NAMES if name),
    {"speaker": "Nobody Anywhere"},
    {"organization": "ministerium"},
    {"outlet": "CTD"},
    {"outlet": "bahnblick"},
    {"outlet": "Capital Health"},
    {"source": "Tageblatt"},
    {"role": "sprech"},
    {"role": "nothing like it"},
    {"article": 1},
    {"article": "https://example.org/bahnblick/2024/03/14/nachtzug-foerderung/"},
    {"article": 999999},
    {"since": D(2024, 3, 13)},
    {"until": D(2024, 5, 22)},
    {"since": D(2024, 3, 13), "until": D(2024, 6, 30), "type": "direct"},
    {"lang": " DE"},
    {"min_confidence": 0.85},
    {"speaker": "Hollweg", "outlet": "Gesundheit", "role": "Sprecherin", "lang": "de"},
]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
@pytest.mark.parametrize("sort", [None, "date", "-date", "speaker", "outlet", "confidence", "relevance"])
def test_statements(both, filters, sort):
    session, fast = both
    for limit, offset in ((None, 0), (3, 0), (4, 2)):
        expected = statements.search_statements(
            session, statements.Filters(**filters), sort=sort, limit=limit, offset=offset
        )
        assert (
            plain.search_statements(fast, plain.Filters(**filters), sort=sort, limit=limit, offset=offset)
            == expected
        )


@pytest.mark.parametrize("value", NAMES)
def test_names(both, value):
    session, fast = both
    for names, plain_names in ((lookup.ENTITIES, plain.ENTITIES), (lookup.OUTLETS, plain.OUTLETS)):
        assert plain.match_names(fast, value, names=plain_names).matches == (
            lookup.match_names(session, value, names=names).matches
        )


def test_very_many_names_filter_by_a_subquery(both, monkeypatch):
    session, fast = both
    monkeypatch.setattr(lookup, "MAX_NAME_MATCHES", 0)
    monkeypatch.setattr(plain, "MAX_NAME_MATCHES", 0)
    filters = {"speaker": "e", "outlet": "n"}
    found = plain.search_statements(fast, plain.Filters(**filters))
    assert found.rows and found == statements.search_statements(session, statements.Filters(**filters))
    assert plain.list_speakers(fast, search="e") == listings.list_speakers(session, search="e")
    assert plain.list_outlets(fast, search="e") == listings.list_outlets(session, search="e")
    assert plain.list_articles(fast, outlet="e") == listings.list_articles(session, outlet="e")


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"search": "Hollweg"},
        {"search": "nobody"},
        {"kind": "person"},
        {"kind": "outlet", "limit": 1},
        {"limit": 2, "offset": 1},
        {"search": "Eyde"},
    ],
)
def test_speakers(both, options):
    session, fast = both
    assert plain.list_speakers(fast, **options) == listings.list_speakers(session, **options)


@pytest.mark.parametrize("options", [{}, {"search": "ctd"}, {"search": "nobody"}, {"limit": 2, "offset": 1}])
def test_outlets(both, options):
    session, fast = both
    assert plain.list_outlets(fast, **options) == listings.list_outlets(session, **options)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"outlet": "Bahnblick"},
        {"outlet": "nobody"},
        {"since": D(2024, 5, 1)},
        {"until": D(2024, 5, 22)},
        {"lang": "EN"},
        {"limit": 2},
    ],
)
def test_articles(both, options):
    session, fast = both
    assert plain.list_articles(fast, **options) == listings.list_articles(session, **options)


@pytest.mark.parametrize(
    "ref",
    [1, 3, "1", "https://example.org/bahnblick/2024/03/14/nachtzug-foerderung", "https://x.example/", 999999],
)
def test_article_text(both, ref):
    session, fast = both
    assert plain.article_text(fast, ref) == listings.article_text(session, ref)


def test_shared_names_agree_with_the_models():
    assert plain.STATEMENT_TYPES == models.STATEMENT_TYPES
    assert plain.SORTS == statements.SORTS


def test_only_a_plain_sqlite_file_at_the_newest_revision_is_read_directly(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    with reader.open_sqlite(url) as fast:  # no such file: it is left for open_database to create
        assert fast is None
    assert not (tmp_path / "q.db").exists()
    db.upgrade(url, "0006")
    with reader.open_sqlite(url) as fast:  # an older schema: open_database asks for an upgrade
        assert fast is None
    assert reader.sqlite_file(url + "?mode=ro") is None
    assert reader.sqlite_file("sqlite:///:memory:") is None
    assert reader.sqlite_file("postgresql+psycopg://u@h/d") is None
