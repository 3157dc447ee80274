"""Saving articles and querying statements, on SQLite and PostgreSQL. All texts are invented."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlmodel import Session, func, select

from quotetrack.errors import DatabaseError
from quotetrack.extract.statement import Extraction, Statement
from quotetrack.inputs.article import Article
from quotetrack.query.listings import list_articles, list_speakers
from quotetrack.query.statements import find_statements
from quotetrack.store import db, models, write
from quotetrack.store.rows import StatementRow
from quotetrack.text import fold

HARBOUR = (
    'Port Varnel (Northern Ledger). "We will reopen the east pier in June," Mayor Jana Novák said on Monday. '
    "The harbour authority said the repairs would cost more than planned. "
    'Novák later called the delay "regrettable but necessary".'
)
MINISTRY = (
    "Varnel City. Foreign ministry spokesperson Mao Lin said the talks were constructive. "
    '"Nothing has been decided yet," she added.'
)


def quote(text: str, words: str, **fields) -> Statement:
    start = text.index(words)
    fields.setdefault("type", "direct")
    return Statement(text=words, start=start, end=start + len(words), **fields)


def harbour() -> tuple[Article, Extraction]:
    article = Article(
        text=HARBOUR,
        title="Pier to reopen in June",
        outlet="Northern Ledger",
        published=dt.date(2031, 3, 4),
        url="https://www.northern-ledger.example/pier",
        lang="en",
        byline="A. Writer",
        source_path="/tmp/pier.txt",
        extra={"section": "local"},
    )
    statements = [
        quote(
            HARBOUR,
            "We will reopen the east pier in June,",
            speaker="Jana Novák",
            speaker_kind="person",
            role="Mayor",
            affiliation="Port Varnel Council",
            cue="said",
            said_on=dt.date(2031, 3, 3),
            date_text="on Monday",
            confidence=0.9,
        ),
        quote(
            HARBOUR,
            "the repairs would cost more than planned",
            type="indirect",
            speaker="harbour authority",
            speaker_kind="organization",
            cue="said",
            confidence=0.6,
        ),
        quote(
            HARBOUR,
            "regrettable but necessary",
            type="mixed",
            speaker="Jana Novák",
            speaker_kind="person",
            cue="called",
            source="Coast Radio",
        ),
    ]
    return article, Extraction(statements, via="Varnel Press Agency", lang="en")


def ministry() -> tuple[Article, Extraction]:
    article = Article(text=MINISTRY, title="Talks", outlet="Daily Example", published=dt.date(2031, 4, 10))
    statements = [
        quote(
            MINISTRY,
            "the talks were constructive",
            type="indirect",
            speaker="Mao Lin",
            speaker_kind="person",
            role="Foreign ministry spokesperson",
            cue="said",
        ),
        quote(
            MINISTRY, "Nothing has been decided yet,", speaker="Mao Lin", speaker_kind="person", cue="added"
        ),
    ]
    return article, Extraction(statements, lang="en")


def save(engine: sa.Engine, article: Article, extraction: Extraction) -> write.SaveResult:
    with db.session_scope(engine) as session:
        return write.save_article(session, article=article, extraction=extraction, extractor_version="t1")


def count(engine: sa.Engine, table: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def all_counts(engine: sa.Engine) -> dict[str, int]:
    tables = (models.Article, models.Statement, models.Entity, models.Outlet, models.EntityAlias)
    return {table.__name__: count(engine, table) for table in tables}


def find(engine: sa.Engine, **filters) -> list[StatementRow]:
    with db.session_scope(engine) as session:
        return find_statements(session, **filters)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Jana Novák", "jana novak"),
        ("  MAO   Lin ", "mao lin"),
        ("Straße", "strasse"),
        ("„Müller“,", "muller"),
        ("Ｆｕｌｌwidth", "fullwidth"),
        ("-- ", ""),
        ("O'Neill.", "o'neill"),
    ],
)
def test_fold(name, folded):
    assert fold(name) == folded


def test_save_stores_article_statements_speakers_and_outlets(engine):
    result = save(engine, *harbour())
    assert result.created
    assert result.statements == 3
    assert result.new_speakers == 2
    assert result.new_outlets == 3  # Northern Ledger, Varnel Press Agency, Coast Radio

    rows = find(engine)
    assert [row.text for row in rows] == [
        "We will reopen the east pier in June,",
        "the repairs would cost more than planned",
        "regrettable but necessary",
    ]
    first = rows[0]
    assert first.speaker == "Jana Novák"
    assert first.speaker_kind == "person"
    assert first.speaker_mention == "Jana Novák"
    assert (first.role, first.affiliation, first.cue) == ("Mayor", "Port Varnel Council", "said")
    assert (first.said_on, first.date_text, first.confidence) == (dt.date(2031, 3, 3), "on Monday", 0.9)
    assert HARBOUR[first.start : first.end] == first.text
    assert (first.outlet, first.via, first.published, first.lang) == (
        "Northern Ledger",
        "Varnel Press Agency",
        dt.date(2031, 3, 4),
        "en",
    )
    assert (first.article_title, first.article_url) == (
        "Pier to reopen in June",
        "https://www.northern-ledger.example/pier",
    )
    assert rows[2].source == "Coast Radio"
    assert rows[2].type == "mixed"

    with Session(engine) as session:
        article = session.get(models.Article, result.article_id)
        assert article is not None
        assert article.content_hash == Article(text=HARBOUR).content_hash
        assert (article.byline, article.source_path, article.extractor_version) == (
            "A. Writer",
            "/tmp/pier.txt",
            "t1",
        )
        assert article.meta == '{"section": "local"}'
        assert article.ingested_at.tzinfo is not None
        assert article.ingested_at.utcoffset() == dt.timedelta(0)
        outlet = session.exec(select(models.Outlet).where(models.Outlet.name == "Northern Ledger")).one()
        assert outlet.domain == "northern-ledger.example"
        assert article.outlet_id == outlet.id
        statement = session.exec(
            select(models.Statement).where(models.Statement.source == "Coast Radio")
        ).one()
        assert statement.source_id is not None
        affiliation = session.exec(
            select(models.Entity).where(models.Entity.name == "Port Varnel Council")
        ).one()
        assert affiliation.kind == "organization"


def test_saving_the_same_article_twice_stores_it_once(engine):
    first = save(engine, *harbour())
    before = all_counts(engine)
    again = save(engine, *harbour())
    assert again == write.SaveResult(first.article_id, False, 3, 0, 0)
    assert all_counts(engine) == before
    with db.session_scope(engine) as session:
        assert (
            write.article_id_by_hash(session, content_hash=Article(text=HARBOUR).content_hash)
            == first.article_id
        )
        assert write.article_id_by_hash(session, content_hash="0" * 64) is None


def test_speakers_and_outlets_are_reused_across_articles(engine):
    save(engine, *harbour())
    article, extraction = ministry()
    article.outlet = "northern ledger"
    extraction.statements[0].speaker = "Jana Novak"
    result = save(engine, article, extraction)
    assert result.new_outlets == 0
    assert result.new_speakers == 1  # Mao Lin; "Jana Novak" folds to the existing Jana Novák
    assert {row.speaker for row in find(engine, speaker="novak")} == {"Jana Novák"}
    assert len(find(engine, speaker="novak")) == 3


def test_aliases_resolve_speakers_and_outlets(engine):
    save(engine, *harbour())
    with db.session_scope(engine) as session:
        novak = session.exec(select(models.Entity).where(models.Entity.name == "Jana Novák")).one()
        ledger = session.exec(select(models.Outlet).where(models.Outlet.name == "Northern Ledger")).one()
        assert novak.id is not None and ledger.id is not None
        session.add(models.EntityAlias(entity_id=novak.id, alias="J. Novák", alias_folded=fold("J. Novák")))
        session.add(
            models.OutletAlias(outlet_id=ledger.id, alias="The Ledger", alias_folded=fold("The Ledger"))
        )

    article, extraction = ministry()
    article.outlet = "THE LEDGER"
    extraction.statements[1].speaker = "J. Novák"
    result = save(engine, article, extraction)
    assert (result.new_outlets, result.new_speakers) == (0, 1)
    rows = find(engine, speaker="j. novak")
    assert [row.speaker for row in rows] == ["Jana Novák"] * 3
    assert rows[-1].speaker_mention == "J. Novák"
    assert len(find(engine, outlet="the ledger")) == 5
    assert len(find(engine, outlet="ledg")) == 5


def test_speaker_kinds_must_be_compatible(engine):
    article, extraction = harbour()
    extraction.statements[2].speaker = "Port Varnel"
    extraction.statements[2].speaker_kind = "country"
    save(engine, article, extraction)
    article, extraction = ministry()
    extraction.statements[0].speaker = "port varnel"
    extraction.statements[0].speaker_kind = "organization"
    extraction.statements[1].speaker = "Port Varnel"
    extraction.statements[1].speaker_kind = "unknown"
    result = save(engine, article, extraction)
    assert result.new_speakers == 1
    with Session(engine) as session:
        kinds = session.exec(
            select(models.Entity.kind)
            .where(models.Entity.name_folded == "port varnel")
            .order_by(models.Entity.kind)
        ).all()
    assert kinds == ["country", "organization"]


def test_unknown_kind_is_refined(engine):
    article, extraction = ministry()
    extraction.statements[0].speaker_kind = "unknown"
    extraction.statements[1].speaker = None
    save(engine, article, extraction)
    article, extraction = harbour()
    extraction.statements[1].speaker = "Mao Lin"
    extraction.statements[1].speaker_kind = "person"
    assert save(engine, article, extraction).new_speakers == 1
    with db.session_scope(engine) as session:
        speakers = {row.name: row for row in list_speakers(session)}
    assert speakers["Mao Lin"].kind == "person"
    assert speakers["Mao Lin"].statements == 2


def test_find_statements_filters(engine):
    harbour_id = save(engine, *harbour()).article_id
    ministry_id = save(engine, *ministry()).article_id

    assert {row.speaker for row in find(engine, speaker="mao")} == {"Mao Lin"}
    assert {row.speaker for row in find(engine, speaker="MAO LIN")} == {"Mao Lin"}
    assert find(engine, speaker="nobody") == []
    assert {row.article_id for row in find(engine, outlet="daily example")} == {ministry_id}
    assert {row.outlet for row in find(engine, outlet="northern")} == {"Northern Ledger"}
    assert find(engine, outlet="Varnel Press Agency") == []  # via is not the publishing outlet
    assert {row.article_id for row in find(engine, article_id=harbour_id)} == {harbour_id}

    # said_on when known (2031-03-03), else the article's date (2031-03-04, 2031-04-10)
    assert [row.text for row in find(engine, until=dt.date(2031, 3, 3))] == [
        "We will reopen the east pier in June,"
    ]
    assert len(find(engine, since=dt.date(2031, 3, 4), until=dt.date(2031, 3, 4))) == 2
    assert {row.article_id for row in find(engine, since=dt.date(2031, 4, 1))} == {ministry_id}
    assert len(find(engine, speaker="novak", since=dt.date(2031, 3, 4))) == 1
    assert len(find(engine, limit=2)) == 2

    order = [(row.said_on or row.published, row.article_id, row.start) for row in find(engine)]
    assert order == sorted(order)


def test_wildcards_in_filters_are_literal(engine):
    save(engine, *harbour())
    assert find(engine, speaker="n%k") == []
    assert find(engine, outlet="nor_h%") == []  # LIKE would match "northern ledger"
    assert find(engine, outlet="%") == []
    assert find(engine, speaker="_") == []
    assert find(engine, speaker="?") == []


def test_failure_mid_save_leaves_nothing_of_the_article(engine):
    save(engine, *ministry())
    before = all_counts(engine)
    article, extraction = harbour()
    extraction.statements[2].type = "paraphrase"  # violates ck_statements_type
    with pytest.raises(DatabaseError):
        save(engine, article, extraction)
    assert all_counts(engine) == before
    assert count(engine, models.Outlet) == before["Outlet"]
    with db.session_scope(engine) as session:
        assert [row.title for row in list_articles(session)] == ["Talks"]


def test_list_speakers(engine):
    save(engine, *harbour())
    save(engine, *ministry())
    with db.session_scope(engine) as session:
        speakers = list_speakers(session)
        assert [(s.name, s.statements) for s in speakers] == [
            ("Jana Novák", 2),
            ("Mao Lin", 2),
            ("harbour authority", 1),
        ]
        assert speakers[0].roles == ("Mayor",)
        assert (speakers[0].first_said_on, speakers[0].last_said_on) == (
            dt.date(2031, 3, 3),
            dt.date(2031, 3, 4),
        )
        assert speakers[1].to_json() == {
            "id": speakers[1].id,
            "name": "Mao Lin",
            "kind": "person",
            "statements": 2,
            "roles": ["Foreign ministry spokesperson"],
            "first_said_on": "2031-04-10",
            "last_said_on": "2031-04-10",
            "organizations": [],
            "outlets": ["Daily Example"],
            "aliases": [],
        }
        assert len(list_speakers(session, limit=1)) == 1


def test_list_articles(engine):
    save(engine, *ministry())
    save(engine, *harbour())
    with db.session_scope(engine) as session:
        articles = list_articles(session)
        assert [(a.title, a.outlet, a.via, a.statements) for a in articles] == [
            ("Pier to reopen in June", "Northern Ledger", "Varnel Press Agency", 3),
            ("Talks", "Daily Example", None, 2),
        ]
        data = articles[0].to_json()
        assert data["published"] == "2031-03-04"
        assert dt.datetime.fromisoformat(data["ingested_at"]).utcoffset() == dt.timedelta(0)
        assert len(list_articles(session, limit=1)) == 1


def test_statement_row_to_json(engine):
    save(engine, *harbour())
    data = find(engine, limit=1)[0].to_json()
    assert data["said_on"] == "2031-03-03"
    assert data["published"] == "2031-03-04"
    assert data["speaker"] == "Jana Novák"
    assert set(data) >= {"text", "type", "cue", "source", "start", "end", "outlet", "via"}


def test_deleting_an_article_removes_its_statements(engine):
    article_id = save(engine, *harbour()).article_id
    with db.session_scope(engine) as session:
        session.delete(session.get(models.Article, article_id))
    assert count(engine, models.Statement) == 0
    assert count(engine, models.Entity) == 3
