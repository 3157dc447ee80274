"""Trigram indexes over folded speaker names and aliases (PostgreSQL).

A speaker filter finds the names holding what was asked for ("hollweg" in "markus hollweg");
on PostgreSQL that was a scan of ``entities`` and ``entity_aliases``, about 300 ms at 1,000,000
speakers. With pg_trgm, GIN trigram indexes over ``entities.name_folded`` and
``entity_aliases.alias_folded`` answer the same substring test (``LIKE '%...%'``, escaped, see
``query.lookup.contains``) from the index. The extension is installed when allowed (in ``public``,
else the first schema of the search path), as revision 0002 installs unaccent; without it the
indexes are left out and lookups scan as before. SQLite has its trigram table since 0004.

Like the full-text objects these indexes are not part of the SQLModel metadata
(``fulltext.include_object``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_entities_name_folded_trgm": ("entities", "name_folded"),
    "ix_entity_aliases_alias_folded_trgm": ("entity_aliases", "alias_folded"),
}
_EXTENSION_SCHEMA = (
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname = 'pg_trgm'"
)


def _trgm_schema(bind: Connection) -> str | None:
    """The schema of the pg_trgm extension, installing it when allowed; None when it is not there."""
    schema = bind.exec_driver_sql(_EXTENSION_SCHEMA).scalar()
    if schema is not None:
        return str(schema)
    if bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").scalar() is None:
        return None
    for statement in (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
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


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = _trgm_schema(bind)
    if schema is None:
        return
    quoted = bind.dialect.identifier_preparer.quote_identifier(schema)
    for name, (table, column) in INDEXES.items():
        bind.exec_driver_sql(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ("{column}" {quoted}.gin_trgm_ops)'
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in INDEXES:
        bind.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
