"""How the web view's counting lists read the database (SQLite): the outlets list counts an
outlet's speakers from the (article_id, speaker_id) index, for the listed outlets only, and the
speakers list reads its speakers' roles and organisations in one pass."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from serve_db import build
from sqlmodel import Session
from starlette.testclient import TestClient

from quotetrack.query import listings, statements
from quotetrack.serve import create_app, pages
from quotetrack.store import db


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Iterator[sa.Engine]:
    url = build(f"sqlite:///{tmp_path_factory.mktemp('reads') / 'orvel.db'}")
    engine = db.open_database(url)
    yield engine
    engine.dispose()


@pytest.fixture
def statements_read(engine: sa.Engine) -> Iterator[list[str]]:
    """The SQL of every query run while the test runs."""
    seen: list[str] = []

    def record(_connection, _cursor, statement, _parameters, _context, _many) -> None:
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", record)


def plan(engine: sa.Engine, statement: str) -> str:
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        parameters = [1] * statement.count("?")
        return " | ".join(str(row[-1]) for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters))


def test_outlet_speakers_are_counted_from_the_index(engine, statements_read):
    with Session(engine) as session:
        rows = listings.list_outlets(session, limit=2)
    assert rows and all(row.speakers > 0 for row in rows if row.statements)
    counting = [s for s in statements_read if "count(DISTINCT statements.speaker_id)" in s]
    assert len(counting) == 1
    assert "outlet_id IN" in counting[0]  # the listed outlets only
    found = plan(engine, counting[0])
    assert "COVERING INDEX ix_statements_article_id_speaker_id" in found, found
    # the list itself reads no statement row
    (listing,) = [s for s in statements_read if "FROM outlets" in s]
    reads = [step for step in plan(engine, listing).split(" | ") if " statements" in step]
    assert reads and all("COVERING INDEX" in step for step in reads), reads


def test_outlets_page_and_speakers_page_take_few_queries(engine, statements_read):
    with TestClient(create_app(engine)) as client:
        assert client.get("/outlets").status_code == 200
        outlets = len(statements_read)
        statements_read.clear()
        assert client.get("/speakers").status_code == 200
        speakers = len(statements_read)
        statements_read.clear()
        assert client.get("/outlets").status_code == 200  # kept: only the data version is read
        again = len(statements_read)
    assert outlets <= 3  # data version, the list, the speakers counted
    assert speakers <= 6  # data version, the list, their days, roles with organisations, outlets, aliases
    assert again == 1


def test_roles_and_organizations_in_one_pass(engine, statements_read):
    with Session(engine) as session:
        rows = listings.list_speakers(session)
    assert any(row.roles for row in rows)
    said_as = [s for s in statements_read if "statements.role" in s or "statements.affiliation" in s]
    assert len(said_as) == 1, said_as


def test_search_page_says_when_only_the_newest_matches_were_ranked(engine, monkeypatch):
    """A search by relevance matching more than RANK_AT_MOST statements ranks the most recently
    stored of them (the page passes its size as the limit, so the cap applies) and says so."""
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    with TestClient(create_app(engine)) as client:
        broad = client.get("/", params={"search": "the", "sort": "relevance"}).text
        monkeypatch.setattr(statements, "RANK_AT_MOST", 2)
        capped = client.get("/", params={"search": "the", "sort": "relevance"}).text
    assert "most recently stored" not in broad
    assert "Ranked the 2 most recently stored of" in capped
