"""Where the database is, and a connection that only reads, without SQLAlchemy.

Importing SQLAlchemy takes longer than a reading command's queries take to run, so the reading
commands query through a :class:`Reader`: on an SQLite file at the newest schema revision the
sqlite3 module itself (:func:`open_sqlite`), else a SQLAlchemy session's connection
(:class:`SessionReader`: PostgreSQL, and SQLite databases that :mod:`quotetrack.store.db` has to
look at closely first). Both take the same SQL, written with :meth:`Sql.param` placeholders.

The database URL (:func:`resolve_url`) and the newest revision among the migration scripts
(:func:`head_on_disk`) live here too, for the same reason; :mod:`quotetrack.store.db` uses them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from quotetrack.errors import DatabaseError
from quotetrack.text import shown_name

ENV_VAR = "QUOTETRACK_DATABASE_URL"
SCRIPT_LOCATION = "quotetrack.store:migrations"
VERSION_TABLE = "alembic_version"
SQLITE_TIMEOUT = 30


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/quotetrack/quotetrack.db``, or under ``~/.local/share``."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "quotetrack" / "quotetrack.db"


def resolve_url(db: str | None) -> str:
    """The database URL to use: ``db`` > ``$QUOTETRACK_DATABASE_URL`` > the default file.

    A value without ``://`` is a file path and becomes ``sqlite:///ABSOLUTE_PATH``;
    ``postgres://`` and ``postgresql://`` select the psycopg 3 driver.
    """
    value = db or os.environ.get(ENV_VAR)
    if value and shown_name(value) != value:
        raise DatabaseError(
            f"{shown_name(value)} cannot name a database: it holds bytes that are not UTF-8 or control "
            "characters; rename the file or give a URL"
        )
    if not value:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


_REVISION_LINE = re.compile(r"""^revision(?:\s*:[^=]*)?=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN_REVISION_LINE = re.compile(
    r"""^down_revision(?:\s*:[^=]*)?=\s*(?:["']([^"']+)["']|None)""", re.MULTILINE
)


@cache
def head_on_disk(script_location: str) -> str | None:
    """The newest revision among the migration scripts, read from their ``revision`` and
    ``down_revision`` lines; None when that is not plain (several heads, a line in another form):
    then Alembic decides."""
    if os.path.isdir(script_location):  # a folder, as tests give it
        versions: Any = Path(script_location) / "versions"
    else:  # "package:folder", as quotetrack ships it
        package, _, folder = script_location.partition(":")
        versions = resources.files(package) / folder / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.iterdir():
        if not script.name.endswith(".py"):
            continue
        text = script.read_text(encoding="utf-8")
        revision, parent = _REVISION_LINE.search(text), _DOWN_REVISION_LINE.search(text)
        if revision is None or parent is None:
            return None
        revisions.add(revision.group(1))
        if parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


# --- reading --------------------------------------------------------------------------------------


class Reader(Protocol):
    """A connection that runs SQL with :class:`Sql` placeholders and returns rows as tuples."""

    dialect: str  # "sqlite" or "postgresql"
    info: dict[str, Any]  # what queries found out about the database (which tables it has)

    def rows(self, sql: Sql) -> list[tuple[Any, ...]]: ...


class Sql:
    """SQL text and its parameters, built up piece by piece; :meth:`param` adds a value and
    gives its placeholder in the style of the reader's driver (``:p1`` for sqlite3,
    ``%(p1)s`` for psycopg)."""

    __slots__ = ("dialect", "params", "text")

    def __init__(self, dialect: str, text: str = "") -> None:
        self.dialect = dialect
        self.text = text
        self.params: dict[str, Any] = {}

    def param(self, value: Any) -> str:
        name = f"p{len(self.params) + 1}"
        if self.dialect == "sqlite" and isinstance(value, dt.date):
            value = value.isoformat()  # as SQLAlchemy stores dates in SQLite
        self.params[name] = value
        return f":{name}" if self.dialect == "sqlite" else f"%({name})s"


class SqliteReader:
    """Reads through the sqlite3 module, in one transaction (one snapshot of the database)."""

    dialect = "sqlite"

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.info: dict[str, Any] = {}

    def rows(self, sql: Sql) -> list[tuple[Any, ...]]:
        import sqlite3

        try:
            return self.connection.execute(sql.text, sql.params).fetchall()
        except sqlite3.Error as exc:
            lines = str(exc).strip().splitlines()
            raise DatabaseError(f"database error: {lines[0] if lines else type(exc).__name__}") from exc


class SessionReader:
    """Reads through a SQLAlchemy session (see :func:`quotetrack.store.db.session_scope`, which
    turns the driver's errors into DatabaseError)."""

    def __init__(self, session: Any) -> None:
        self.connection = session.connection()
        self.dialect = str(self.connection.dialect.name)
        self.info: dict[str, Any] = {}

    def rows(self, sql: Sql) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.connection.exec_driver_sql(sql.text, sql.params)]


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL (as :func:`resolve_url` makes them); None for
    any other URL (another driver, a query string, an in-memory database, escapes)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    path = url[len(prefix) :]
    if not path or path == ":memory:" or any(c in path for c in "?#%"):
        return None
    return Path(path)


@contextmanager
def open_sqlite(url: str) -> Iterator[SqliteReader | None]:
    """A reader on the SQLite file at ``url`` when it is a quotetrack database at the newest
    schema revision; None for anything else (another database, a missing file, an older or newer
    schema, a file that cannot be opened), which the caller opens with
    :func:`quotetrack.store.db.open_database` and its messages. The connection is set up as
    :func:`quotetrack.store.db.create_db_engine` sets up SQLite's."""
    import sqlite3

    path = sqlite_file(url)
    head = head_on_disk(SCRIPT_LOCATION)
    if path is None or head is None or not path.is_file():
        yield None
        return
    try:
        connection = sqlite3.connect(path, timeout=SQLITE_TIMEOUT, isolation_level=None)
    except sqlite3.Error:
        yield None
        return
    try:
        try:
            revisions = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
            if revisions != [head]:
                raise sqlite3.DatabaseError(f"revisions {revisions}")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA busy_timeout={SQLITE_TIMEOUT * 1000}")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("BEGIN")
        except sqlite3.Error:
            reader = None
        else:
            reader = SqliteReader(connection)
        yield reader
    finally:
        connection.close()


# --- values ---------------------------------------------------------------------------------------


def day(value: Any) -> dt.date | None:
    """A date column's value: sqlite3 gives the ISO text SQLAlchemy stores, psycopg a date."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def utc_time(value: Any) -> dt.datetime | None:
    """A timestamp column's value in UTC, as SQLModel's UTCDateTime returns it."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.utcoffset() is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
