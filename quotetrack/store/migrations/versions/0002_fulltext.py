"""Full-text index over statements.text, hand-written (autogenerate ignores it).

SQLite: an FTS5 table ``statements_fts`` with external content (``content='statements'``,
``content_rowid='id'``), tokenizer ``unicode61 remove_diacritics 2`` (case and accents do
not matter), kept in sync by AFTER INSERT/DELETE/UPDATE triggers on ``statements`` and
filled from the rows already there. A later revision that recreates ``statements``
(batch mode copies the table) must create the three triggers again.

PostgreSQL: a generated column ``statements.text_search``,
``to_tsvector('simple', ...)`` of the text without accents and punctuation, with a GIN
index. The 'simple' configuration has no stemming or stop words, so German and English
(and any other language) are indexed alike. Accents are removed by the ``unaccent``
extension when it is installed or can be installed (it is created in ``public`` when
possible); without it ``quotetrack_unaccent`` returns its input and accents count.

Names are repeated in ``quotetrack/fulltext.py``, which queries these objects and
tells Alembic to leave them alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UPGRADE = (
    "CREATE VIRTUAL TABLE statements_fts USING fts5("
    "text, content='statements', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER statements_fts_update AFTER UPDATE OF id, text ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS statements_fts_update",
    "DROP TRIGGER IF EXISTS statements_fts_delete",
    "DROP TRIGGER IF EXISTS statements_fts_insert",
    "DROP TABLE IF EXISTS statements_fts",
)

POSTGRES_COLUMN = (
    "ALTER TABLE statements ADD COLUMN text_search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple'::regconfig, regexp_replace(quotetrack_unaccent(text), '[[:punct:]]+', ' ', 'g'))) "
    "STORED"
)
POSTGRES_INDEX = "CREATE INDEX ix_statements_text_search ON statements USING gin (text_search)"
POSTGRES_DOWNGRADE = (
    "DROP INDEX IF EXISTS ix_statements_text_search",
    "ALTER TABLE statements DROP COLUMN IF EXISTS text_search",
    "DROP FUNCTION IF EXISTS quotetrack_unaccent(text)",
)
_EXTENSION_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'unaccent'"
)


def _quote(bind: Connection, name: str) -> str:
    return bind.dialect.identifier_preparer.quote_identifier(name)


def _unaccent_schema(bind: Connection) -> str | None:
    """The schema of the unaccent extension, installing it when allowed; None when it is not there."""
    schema = bind.exec_driver_sql(_EXTENSION_SCHEMA).scalar()
    if schema is not None:
        return str(schema)
    if bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").scalar() is None:
        return None
    for statement in (
        "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
        "CREATE EXTENSION IF NOT EXISTS unaccent",
    ):
        try:
            with bind.begin_nested():
                bind.exec_driver_sql(statement)
        except sa.exc.DBAPIError:
            continue  # not allowed (no privilege, no public schema): try the next way
        schema = bind.exec_driver_sql(_EXTENSION_SCHEMA).scalar()
        if schema is not None:
            return str(schema)
    return None


def _postgres_upgrade(bind: Connection) -> None:
    schema = _unaccent_schema(bind)
    if schema is None:
        body = "SELECT $1"
    else:
        qualified = f"{_quote(bind, schema)}.unaccent"
        dictionary = qualified.replace("'", "''")
        body = f"SELECT {qualified}('{dictionary}'::regdictionary, $1)"
    bind.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION quotetrack_unaccent(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $function$ {body} $function$"
    )
    bind.exec_driver_sql(POSTGRES_COLUMN)
    bind.exec_driver_sql(POSTGRES_INDEX)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UPGRADE:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        _postgres_upgrade(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        statements: Sequence[str] = SQLITE_DOWNGRADE
    elif bind.dialect.name == "postgresql":
        statements = POSTGRES_DOWNGRADE
    else:
        statements = ()
    for statement in statements:
        bind.exec_driver_sql(statement)
