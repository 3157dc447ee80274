"""Database URL, engine, sessions and schema migrations.

The URL comes from ``--db`` (a SQLAlchemy URL or a file path), else
``QUOTETRACK_DATABASE_URL``, else a SQLite file in the user's data directory.
Migrations are the Alembic scripts shipped in ``quotetrack/migrations``; no
``alembic.ini`` is needed at run time.

A database that cannot be opened or is not one quotetrack recognises (a malformed URL, a
file that is not a database, a folder that is missing or read-only, tables of another
program, a schema from a newer quotetrack, a version table with several rows) raises one
DatabaseError saying what was found. Migrations run one process at a time: several
processes starting on a new database wait for the first to build the schema.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from quotetrack.errors import DatabaseError
from quotetrack.store.reader import (  # noqa: F401 - also this module's names, as they always were
    ENV_VAR,
    SCRIPT_LOCATION,
    SQLITE_TIMEOUT,
    VERSION_TABLE,
    default_db_path,
    head_on_disk,
    resolve_url,
)
from quotetrack.text import shown_name

if TYPE_CHECKING:  # Alembic takes longer to import than a query takes to run: it is imported when needed
    from alembic.config import Config
    from alembic.script import ScriptDirectory

POSTGRES_CONNECT_TIMEOUT = 10
DEFAULT_DB_PATH = default_db_path()


# user:password@ in a URL that cannot be parsed
_CREDENTIALS = re.compile(r"(?<=://)([^:/@]*):[^@/]*@")


def mask_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (also in a URL that cannot be parsed)."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return _CREDENTIALS.sub(r"\1:***@", url)


def _parse(url: str) -> sa.URL:
    try:
        return sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise DatabaseError(
            f"{mask_url(url)!r} is not a database URL or file path ({exc}); give a file path, "
            "sqlite:///PATH or postgresql://USER@HOST[:PORT]/NAME"
        ) from None


def _is_sqlite(url: sa.URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _is_memory(url: sa.URL) -> bool:
    return _is_sqlite(url) and url.database in (None, "", ":memory:")


def _sqlite_pragmas(*, foreign_keys: bool) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_TIMEOUT * 1000}")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    return on_connect


def _create_engine(url: str, *, migrating: bool = False) -> Engine:
    parsed = _parse(url)
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if _is_memory(parsed):
        kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    elif _is_sqlite(parsed):
        kwargs = {"connect_args": {"timeout": SQLITE_TIMEOUT}}
    elif parsed.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT}
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"cannot use {mask_url(url)}: {exc}") from exc
    if _is_sqlite(parsed):
        sa.event.listen(engine, "connect", _sqlite_pragmas(foreign_keys=not migrating))
        if migrating:
            sa.event.listen(engine, "connect", _sqlite_manual_transactions)
            sa.event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_manual_transactions(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _sqlite_begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_db_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite connections use WAL, a busy timeout and foreign keys."""
    return _create_engine(url)


def create_migration_engine(url: str) -> Engine:
    """An engine for running migrations.

    On SQLite, foreign keys are off (batch migrations recreate tables, and dropping a
    parent table would otherwise cascade into its children) and DDL runs inside the
    transaction, so a failed migration leaves the database as it was.
    """
    return _create_engine(url, migrating=True)


def reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's message, first line only."""
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _cannot_open(url: str, exc: sa.exc.DBAPIError) -> DatabaseError:
    """What stops the database at ``url`` from being opened, as one message."""
    why = reason(exc)
    parsed = _parse(url)
    if _is_sqlite(parsed) and not _is_memory(parsed):
        why = _sqlite_problem(Path(str(parsed.database)), why)
    return DatabaseError(f"cannot open database {mask_url(url)}: {why}")


def _sqlite_problem(path: Path, why: str) -> str:
    """Why SQLite cannot open the file at ``path``, from what is there."""
    folder = path.parent
    if path.is_dir():
        return "it is a folder, not a database file"
    if not folder.is_dir():
        return f"the folder {shown_name(folder)} does not exist"
    if "not a database" in why:
        return "the file is not an SQLite database; give another file or URL with --db"
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        read_only = False
    if read_only:
        return (
            f"it is on a read-only file system ({why}); SQLite writes next to the database "
            "(its -wal and -shm files): copy it to a writable folder"
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        return f"permission denied ({why})"
    return why


@contextmanager
def _connect(engine: Engine, url: str) -> Iterator[Connection]:
    """A connection in a transaction; failing to connect raises DatabaseError."""
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError as exc:
        raise _cannot_open(url, exc) from exc
    with connection, connection.begin():
        yield connection


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def head_revision() -> str:
    """The newest revision this version of quotetrack knows."""
    head = _script().get_current_head()
    if head is None:
        raise DatabaseError("quotetrack ships no migrations; reinstall quotetrack")
    return head


def knows_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this quotetrack's migrations (not a newer one's)."""
    from alembic.util.exc import CommandError

    try:
        _script().get_revision(revision)
    except CommandError:
        return False
    return True


def _revision(connection: Connection, url: str, *, newer: bool = False) -> str | None:
    """The database's revision, None for an empty database.

    Raises DatabaseError for a database quotetrack must not touch: one holding tables that
    are not quotetrack's, one recording several revisions, or (unless ``newer``) one written
    by a newer quotetrack.
    """
    tables = set(sa.inspect(connection).get_table_names())
    revisions: list[str] = []
    if VERSION_TABLE in tables:
        revisions = list(connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    if not revisions:
        others = sorted(tables - {VERSION_TABLE})
        if others:
            raise DatabaseError(
                f"{mask_url(url)} is not a quotetrack database (it holds {', '.join(others[:5])}); "
                "give another file or URL with --db"
            )
        return None
    if len(revisions) > 1:
        raise DatabaseError(
            f"{mask_url(url)} records several schema revisions ({', '.join(map(str, revisions))}) in its "
            f"{VERSION_TABLE} table, so its schema is unknown; restore it from a backup"
        )
    if not newer and not knows_revision(revisions[0]):
        raise newer_database(url, revisions[0])
    return revisions[0]


def newer_database(url: str, revision: str) -> DatabaseError:
    return DatabaseError(
        f"{mask_url(url)} was written by a newer quotetrack (revision {revision}); this one knows "
        f"revisions up to {head_revision()}: upgrade quotetrack"
    )


def _probe_engine(url: str) -> Engine:
    """An engine that only reads: on SQLite it leaves the journal mode alone."""
    parsed = _parse(url)
    if _is_sqlite(parsed) and not _is_memory(parsed):
        return sa.create_engine(parsed, poolclass=sa.NullPool, connect_args={"timeout": SQLITE_TIMEOUT})
    return _create_engine(url)


def _check(url: str, *, newer: bool = False) -> str | None:
    """The database's revision (see :func:`_revision`); DatabaseError for one that cannot be read."""
    probe = _probe_engine(url)
    try:
        with _connect(probe, url) as connection:
            return _revision(connection, url, newer=newer)
    except sa.exc.DBAPIError as exc:
        raise _cannot_open(url, exc) from exc
    finally:
        probe.dispose()


def open_database(url: str) -> Engine:
    """An engine on a database at the current schema revision.

    A new, empty database is brought to the newest revision. An older one must be
    upgraded with ``quotetrack db upgrade``. A newer or foreign one is refused and
    left untouched. A database at the newest revision is opened without Alembic.
    """
    current = _at_head(url)
    if current is not None:
        return current
    from alembic import command

    head = head_revision()
    if _is_memory(_parse(url)):
        engine = create_db_engine(url)
        with _connect(engine, url) as connection:
            command.upgrade(_alembic_config(connection), head)
        return engine
    revision = _check(url)
    if revision is None:
        upgrade(url, head)
    elif revision != head:
        raise DatabaseError(
            f"{mask_url(url)} is at schema revision {revision} but this quotetrack needs {head}; "
            "back it up and run `quotetrack db upgrade`"
        )
    return create_db_engine(url)


_head_on_disk = head_on_disk  # the name tests know it by


def _at_head(url: str) -> Engine | None:
    """An engine on the database at ``url`` when it is a quotetrack database at the newest
    revision, found with one query; None for anything else (an empty, older, newer or foreign
    database, one that cannot be opened), which :func:`open_database` looks at closely."""
    head = _head_on_disk(SCRIPT_LOCATION)
    parsed = _parse(url)
    if head is None or _is_memory(parsed):
        return None
    if _is_sqlite(parsed) and not Path(str(parsed.database)).is_file():
        return None
    probe = _probe_engine(url)  # changes nothing in a database that is not quotetrack's
    try:
        with probe.connect() as connection:
            revisions = list(connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalars())
    except sa.exc.DBAPIError:
        revisions = []
    finally:
        probe.dispose()
    return create_db_engine(url) if revisions == [head] else None


# The key of the PostgreSQL advisory lock that lets one process at a time migrate a database.
MIGRATION_LOCK_KEY = 0x71756F75  # "quou"


def _migrate(url: str, action: Callable[[Config], None]) -> None:
    """Runs ``action`` (an Alembic command) in one transaction, one process at a time.

    The transaction first takes the migration lock (PostgreSQL: an advisory lock; SQLite:
    the migration engine's ``BEGIN IMMEDIATE``), and Alembic reads the schema revision after
    that: a process that waited finds the work done and does nothing, where it would otherwise
    create the same tables again and fail ("duplicate key value").
    """
    from alembic.util.exc import CommandError

    _check(url)
    engine = create_migration_engine(url)
    try:
        with _connect(engine, url) as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            action(_alembic_config(connection))
            _check_foreign_keys(connection, url)
    except CommandError as exc:
        raise DatabaseError(f"cannot migrate {mask_url(url)}: {exc}") from exc
    except sa.exc.DBAPIError as exc:
        raise DatabaseError(f"migrating {mask_url(url)} failed and was rolled back: {reason(exc)}") from exc
    finally:
        engine.dispose()


def _check_foreign_keys(connection: Connection, url: str) -> None:
    if connection.dialect.name != "sqlite":
        return
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        tables = ", ".join(sorted({str(row[0]) for row in problems}))
        raise DatabaseError(
            f"migrating {mask_url(url)} was rolled back: it would leave broken references in {tables}"
        )


def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision``."""
    from alembic import command

    _migrate(url, lambda config: command.upgrade(config, revision))


def downgrade(url: str, revision: str) -> None:
    """Downgrade the database at ``url`` to ``revision`` ("base" drops every table)."""
    from alembic import command

    _migrate(url, lambda config: command.downgrade(config, revision))


def current_revision(url: str) -> str | None:
    """The database's schema revision (a newer quotetrack's too: see :func:`knows_revision`);
    None for an empty or missing database. DatabaseError for one that cannot be read or is not
    quotetrack's: another program's tables, several revisions, not a database at all."""
    parsed = _parse(url)
    if _is_sqlite(parsed) and not _is_memory(parsed):
        path = Path(str(parsed.database))
        if not path.parent.is_dir():
            raise DatabaseError(f"cannot open database {mask_url(url)}: {_sqlite_problem(path, '')}")
        if not path.exists():
            return None
    return _check(url, newer=True)


# The key of the PostgreSQL advisory lock that serialises quotetrack's write transactions.
WRITE_LOCK_KEY = 0x71756F74  # "quot"


def begin_write(session: Session) -> None:
    """Starts the session's transaction as a writer that waits for other writers.

    SQLite: ``BEGIN IMMEDIATE`` takes the write lock now (waiting up to the busy timeout),
    so what the transaction reads cannot be changed by another writer before it writes, and
    it never fails half-way with "database is locked". PostgreSQL: a transaction-level
    advisory lock gives the same order, so two ingests cannot both create the same outlet,
    speaker or article.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises.

    ``write=True`` starts it as a writer (see :func:`begin_write`): use it for transactions
    that read and then write, such as saving an article. Errors from the database driver
    become DatabaseError.
    """
    with Session(engine) as session:
        try:
            if write:
                begin_write(session)
            yield session
            session.commit()
        except sa.exc.DBAPIError as exc:
            session.rollback()
            raise DatabaseError(f"database error: {reason(exc)}") from exc
        except BaseException:
            session.rollback()
            raise
