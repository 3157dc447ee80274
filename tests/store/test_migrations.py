"""Opening databases and running migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from quotetrack.errors import DatabaseError
from quotetrack.extract.statement import Extraction, Statement
from quotetrack.inputs.article import Article
from quotetrack.query.statements import find_statements
from quotetrack.store import db, fulltext, write

TEXT = 'Examplia (Test Wire). "The ferry will run again on Friday," harbour master Olga Berg said.'
TABLES = {table.name for table in SQLModel.metadata.sorted_tables}


def _drift(engine: sa.Engine) -> list:
    with engine.connect() as connection:
        options = {
            "compare_type": True,
            "compare_server_default": True,
            # as in migrations/env.py: the full-text objects are hand-written, outside the models
            "include_name": fulltext.include_name,
            "include_object": fulltext.include_object,
        }
        context = MigrationContext.configure(connection, opts=options)
        return list(compare_metadata(context, SQLModel.metadata))


def _save_sample(engine: sa.Engine) -> int:
    quote = "The ferry will run again on Friday,"
    start = TEXT.index(quote)
    statement = Statement(
        text=quote,
        start=start,
        end=start + len(quote),
        type="direct",
        speaker="Olga Berg",
        speaker_kind="person",
        role="harbour master",
        cue="said",
    )
    article = Article(text=TEXT, outlet="Test Wire", published=dt.date(2031, 5, 2))
    with db.session_scope(engine) as session:
        result = write.save_article(
            session, article=article, extraction=Extraction([statement]), extractor_version="test"
        )
    return result.article_id


def _save_sample_rows(engine: sa.Engine) -> None:
    """The sample written through the tables as the database has them: a database at an older
    revision lacks columns that the models (and so write.save_article) have."""
    quote = "The ferry will run again on Friday,"
    start = TEXT.index(quote)
    metadata = sa.MetaData()
    with engine.begin() as connection:
        metadata.reflect(connection, only=["outlets", "entities", "articles", "statements"])
        tables = metadata.tables

        def insert(table: str, **values: object) -> int:
            return connection.execute(tables[table].insert().values(**values)).inserted_primary_key[0]

        outlet_id = insert("outlets", name="Test Wire", name_folded="test wire")
        speaker_id = insert("entities", name="Olga Berg", name_folded="olga berg", kind="person")
        article_id = insert(
            "articles",
            content_hash=hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            text=TEXT,
            published=dt.date(2031, 5, 2),
            outlet_id=outlet_id,
            extractor_version="test",
            ingested_at=dt.datetime.now(dt.UTC),
        )
        insert(
            "statements",
            article_id=article_id,
            speaker_id=speaker_id,
            speaker_mention="Olga Berg",
            speaker_kind="person",
            role="harbour master",
            type="direct",
            text=quote,
            cue="said",
            start=start,
            end=start + len(quote),
            confidence=0.5,
        )


def _statement_texts(url: str) -> list[str]:
    engine = db.open_database(url)
    try:
        with db.session_scope(engine) as session:
            return [row.text for row in find_statements(session)]
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    """The tables, without the full-text index's (tested in test_queries.py)."""
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            names = sa.inspect(connection).get_table_names()
            return {name for name in names if fulltext.include_name(name, "table", {})}
    finally:
        engine.dispose()


def _columns(url: str, table: str) -> set[str]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            return {column["name"] for column in sa.inspect(connection).get_columns(table)}
    finally:
        engine.dispose()


def _snapshot(url: str) -> dict[str, object]:
    """Everything observable about a database: file bytes (SQLite) and every table's rows."""
    snapshot: dict[str, object] = {}
    database = sa.make_url(url).database
    if url.startswith("sqlite") and database:
        path = Path(database)
        snapshot["files"] = sorted(p.name for p in path.parent.iterdir())
        snapshot["bytes"] = hashlib.sha256(path.read_bytes()).hexdigest()
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            metadata = sa.MetaData()
            metadata.reflect(connection)
            for table in metadata.sorted_tables:
                rows = connection.execute(sa.select(table)).all()
                snapshot[table.name] = sorted(map(repr, rows))
    finally:
        engine.dispose()
    return snapshot


def _set_revision(url: str, revision: str) -> None:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    finally:
        engine.dispose()


FUTURE_REVISION = '''\
"""A revision after the newest real one, for tests only."""

import sqlalchemy as sa
from alembic import op

revision = "9000_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def _recreate():
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade():
    with op.batch_alter_table("articles", recreate=_recreate()) as batch_op:
        batch_op.add_column(sa.Column("test_note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("articles", recreate=_recreate()) as batch_op:
        batch_op.drop_column("test_note")
'''


def _add_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    """Makes quotetrack's migrations end in one more revision, as a later release would."""
    location = tmp_path / "migrations"
    shutil.copytree(
        Path(db.__file__).parent / "migrations", location, ignore=shutil.ignore_patterns("__pycache__")
    )
    (location / "versions" / "9000_test.py").write_text(source.format(head=db.head_revision()))
    monkeypatch.setattr(db, "SCRIPT_LOCATION", str(location))


@pytest.fixture
def newer_quotetrack(tmp_path, monkeypatch) -> str:
    _add_revision(tmp_path, monkeypatch, FUTURE_REVISION)
    return "9000_test"


@pytest.fixture
def broken_migration(tmp_path, monkeypatch) -> None:
    source = FUTURE_REVISION.replace(
        'batch_op.add_column(sa.Column("test_note", sa.Text(), nullable=True))',
        'batch_op.add_column(sa.Column("test_note", sa.Text(), nullable=True))\n'
        '    op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))\n'
        '    op.execute("INSERT INTO no_such_table VALUES (1)")',
    )
    _add_revision(tmp_path, monkeypatch, source)


def test_empty_database_is_created_at_head(db_url):
    assert db.current_revision(db_url) is None
    engine = db.open_database(db_url)
    engine.dispose()
    assert db.current_revision(db_url) == db.head_revision()
    assert _tables(db_url) == TABLES | {"alembic_version"}


def test_head_matches_models(engine):
    assert _drift(engine) == []


def test_downgrade_to_base_and_upgrade_again(db_url):
    db.open_database(db_url).dispose()
    db.downgrade(db_url, "base")
    assert db.current_revision(db_url) is None
    assert _tables(db_url) <= {"alembic_version"}
    db.upgrade(db_url)
    assert db.current_revision(db_url) == db.head_revision()
    engine = db.open_database(db_url)
    try:
        assert _drift(engine) == []
    finally:
        engine.dispose()


def test_upgrade_at_head_keeps_rows(db_url):
    engine = db.open_database(db_url)
    _save_sample(engine)
    engine.dispose()
    before = _snapshot(db_url)
    db.upgrade(db_url)
    assert db.current_revision(db_url) == db.head_revision()
    after = _snapshot(db_url)
    assert {k: v for k, v in after.items() if k not in ("bytes", "files")} == {
        k: v for k, v in before.items() if k not in ("bytes", "files")
    }
    assert _statement_texts(db_url) == ["The ferry will run again on Friday,"]


def test_older_revision_asks_for_db_upgrade_and_upgrade_keeps_rows(db_url, newer_quotetrack):
    db.upgrade(db_url, "0001")
    engine = db.create_db_engine(db_url)
    _save_sample_rows(engine)
    engine.dispose()

    with pytest.raises(DatabaseError, match="quotetrack db upgrade"):
        db.open_database(db_url)
    assert db.current_revision(db_url) == "0001"

    db.upgrade(db_url)
    assert db.current_revision(db_url) == newer_quotetrack
    assert "test_note" in _columns(db_url, "articles")
    assert _statement_texts(db_url) == ["The ferry will run again on Friday,"]

    db.downgrade(db_url, "0001")
    assert db.current_revision(db_url) == "0001"
    assert "test_note" not in _columns(db_url, "articles")
    engine = db.create_db_engine(db_url)
    try:  # the read side needs the newest schema; the rows are read as revision 0001 has them
        with engine.connect() as connection:
            speakers = connection.exec_driver_sql(
                "SELECT e.name FROM statements s JOIN entities e ON e.id = s.speaker_id"
            ).scalars()
            assert list(speakers) == ["Olga Berg"]
    finally:
        engine.dispose()


def test_failed_upgrade_leaves_the_database_as_it_was(db_url, broken_migration):
    db.upgrade(db_url, "0001")
    engine = db.create_db_engine(db_url)
    _save_sample_rows(engine)
    engine.dispose()
    before = _snapshot(db_url)
    with pytest.raises(DatabaseError, match="failed and was rolled back"):
        db.upgrade(db_url)
    after = _snapshot(db_url)
    assert {k: v for k, v in after.items() if k != "files"} == {
        k: v for k, v in before.items() if k != "files"
    }
    assert db.current_revision(db_url) == "0001"
    assert "scratch" not in _tables(db_url)


def test_newer_revision_is_refused_and_database_left_unchanged(db_url):
    engine = db.open_database(db_url)
    _save_sample(engine)
    engine.dispose()
    _set_revision(db_url, "ffff_from_the_future")
    before = _snapshot(db_url)

    for attempt in (
        lambda: db.open_database(db_url),
        lambda: db.upgrade(db_url),
        lambda: db.downgrade(db_url, "base"),
    ):
        with pytest.raises(DatabaseError, match=r"newer quotetrack \(revision ffff_from_the_future\)"):
            attempt()

    assert _snapshot(db_url) == before
    assert db.current_revision(db_url) == "ffff_from_the_future"


def test_foreign_database_is_refused(db_url):
    engine = sa.create_engine(db_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.exec_driver_sql("INSERT INTO recipes VALUES (1, 'soup')")
    engine.dispose()
    before = _snapshot(db_url)
    with pytest.raises(DatabaseError, match="not a quotetrack database"):
        db.open_database(db_url)
    with pytest.raises(DatabaseError, match="not a quotetrack database"):
        db.upgrade(db_url)
    assert _snapshot(db_url) == before


def test_sqlite_connections_use_wal_and_foreign_keys(sqlite_url):
    engine = db.open_database(sqlite_url)
    try:
        with engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 30000
            assert pragma("synchronous") == 1
    finally:
        engine.dispose()


def test_in_memory_sqlite_is_usable():
    engine = db.open_database("sqlite://")
    try:
        _save_sample(engine)
        with db.session_scope(engine) as session:
            assert len(find_statements(session)) == 1
    finally:
        engine.dispose()


def test_unreachable_server_names_the_url_without_password():
    url = "postgresql+psycopg://reader:s3cret@127.0.0.1:1/nowhere"
    with pytest.raises(DatabaseError) as caught:
        db.open_database(url)
    message = str(caught.value)
    assert "reader:***@127.0.0.1:1/nowhere" in message
    assert "s3cret" not in message


def test_missing_directory_is_reported(tmp_path):
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'q.db'}"
    with pytest.raises(DatabaseError, match="cannot open database"):
        db.open_database(url)


def test_bad_url_is_reported():
    with pytest.raises(DatabaseError):
        db.open_database("nosuchdriver://x/y")


def test_resolve_url(tmp_path, monkeypatch):
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert db.resolve_url("quotes.db") == f"sqlite:///{tmp_path / 'quotes.db'}"
    assert db.resolve_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.resolve_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.setenv(db.ENV_VAR, "postgres://env@h/d")
    assert db.resolve_url(None) == "postgresql+psycopg://env@h/d"
    assert db.resolve_url("other.db") == f"sqlite:///{tmp_path / 'other.db'}"
    monkeypatch.delenv(db.ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert db.resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'quotetrack' / 'quotetrack.db'}"
    assert (tmp_path / "data" / "quotetrack").is_dir()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert db.default_db_path() == tmp_path / "home" / ".local" / "share" / "quotetrack" / "quotetrack.db"


def _fts_automerge(url: str) -> int | None:
    engine = db.create_db_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT v FROM statements_fts_config WHERE k = 'automerge'"
            return connection.exec_driver_sql(query).scalar()
    finally:
        engine.dispose()


def test_full_text_segments_merge_by_sixteen_and_downgrade_restores_the_default(sqlite_url):
    db.open_database(sqlite_url).dispose()
    assert _fts_automerge(sqlite_url) == 16
    db.downgrade(sqlite_url, "0005")
    assert _fts_automerge(sqlite_url) == 4
    db.upgrade(sqlite_url)
    assert _fts_automerge(sqlite_url) == 16


def test_upgrade_to_0007_reads_stored_bylines_into_authors(db_url):
    db.upgrade(db_url, "0006")
    bylines = {
        "Von Anna Berg und Tom Reed": [
            ("person", "Anna Berg", "Anna", "Berg"),
            ("person", "Tom Reed", "Tom", "Reed"),
        ],
        "Westküsten Rundschau GmbH, Husum, Germany": [
            ("organization", "Westküsten Rundschau", None, None),
        ],
        "Lena Ott, Westküsten Rundschau": [
            ("person", "Lena Ott", "Lena", "Ott"),
            ("organization", "Westküsten Rundschau", None, None),
        ],
        "": [],
    }
    engine = sa.create_engine(db_url, poolclass=sa.NullPool)
    ids: dict[str, int] = {}
    try:
        with engine.begin() as connection:
            metadata = sa.MetaData()
            metadata.reflect(connection, only=["outlets", "articles"])
            outlets, articles = metadata.tables["outlets"], metadata.tables["articles"]
            outlet_id = connection.execute(
                outlets.insert().values(name="Westküsten Rundschau", name_folded="westkusten rundschau")
            ).inserted_primary_key[0]
            for number, byline in enumerate(bylines):
                text = f"{TEXT} ({number})"
                ids[byline] = connection.execute(
                    articles.insert().values(
                        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        text=text,
                        byline=byline or None,
                        outlet_id=outlet_id,
                        ingested_at=dt.datetime.now(dt.UTC),
                    )
                ).inserted_primary_key[0]
        db.upgrade(db_url, "0007")
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT article_id, kind, name, given, family FROM article_authors "
                "ORDER BY article_id, position"
            ).all()
    finally:
        engine.dispose()
    for byline, expected in bylines.items():
        assert [tuple(row[1:]) for row in rows if row[0] == ids[byline]] == expected, byline
