"""Indexes for reading: the day a statement is placed at, and speaker names by any part.

``statements.said_or_published`` is ``said_on``, else the article's ``published`` (what
``--since``/``--until`` and the date order use), set by ``store.save_article`` and filled
here for the rows already there. Two indexes cover the date order (day, article, position),
one of them after ``speaker_id`` (replacing ``ix_statements_speaker_id_said_on``): a
speaker's statements are ordered by date from the index alone, without reading the
statements or joining their articles. Downgrading drops the column in place (ALTER TABLE
DROP COLUMN, SQLite 3.35 or later), so the full-text triggers on ``statements`` stay.

SQLite also gets ``entities_trgm``, an FTS5 table with the trigram tokenizer over
``entities.name_folded`` (external content, kept in sync by triggers like ``statements_fts``),
so a name matches by any part of it without reading every name. Where SQLite lacks the
trigram tokenizer (before 3.34) the table is left out and names are scanned instead, as on
PostgreSQL, where scanning the names is fast enough.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Covering the date order (day, article, position), alone and for one speaker's statements.
DATE_INDEXES = (
    ("said_or_published", "article_id", "start"),
    ("speaker_id", "said_or_published", "article_id", "start"),
)
BACKFILL = (
    "UPDATE statements SET said_or_published = coalesce(said_on, "
    "(SELECT published FROM articles WHERE articles.id = statements.article_id))"
)
_ADD = "INSERT INTO entities_trgm(rowid, name_folded) VALUES (new.id, new.name_folded);"
_REMOVE = (
    "INSERT INTO entities_trgm(entities_trgm, rowid, name_folded) VALUES ('delete', old.id, old.name_folded);"
)
TRIGRAM_UPGRADE = (
    f"CREATE TRIGGER entities_trgm_insert AFTER INSERT ON entities BEGIN {_ADD} END",
    f"CREATE TRIGGER entities_trgm_delete AFTER DELETE ON entities BEGIN {_REMOVE} END",
    "CREATE TRIGGER entities_trgm_update AFTER UPDATE OF id, name_folded ON entities "
    f"BEGIN {_REMOVE} {_ADD} END",
    "INSERT INTO entities_trgm(entities_trgm) VALUES ('rebuild')",
)
TRIGRAM_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS entities_trgm_update",
    "DROP TRIGGER IF EXISTS entities_trgm_delete",
    "DROP TRIGGER IF EXISTS entities_trgm_insert",
    "DROP TABLE IF EXISTS entities_trgm",
)


def upgrade() -> None:
    op.add_column("statements", sa.Column("said_or_published", sa.Date(), nullable=True))
    op.execute(BACKFILL)
    op.drop_index("ix_statements_speaker_id_said_on", table_name="statements")
    for columns in DATE_INDEXES:
        op.create_index(op.f("ix_statements_" + "_".join(columns)), "statements", list(columns))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        try:
            with bind.begin_nested():
                bind.exec_driver_sql(
                    "CREATE VIRTUAL TABLE entities_trgm USING fts5("
                    "name_folded, content='entities', content_rowid='id', tokenize='trigram')"
                )
        except sa.exc.OperationalError:
            return  # no trigram tokenizer in this SQLite: names are scanned
        for statement in TRIGRAM_UPGRADE:
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in TRIGRAM_DOWNGRADE:
            bind.exec_driver_sql(statement)
    for columns in DATE_INDEXES:
        op.drop_index(op.f("ix_statements_" + "_".join(columns)), table_name="statements")
    op.create_index("ix_statements_speaker_id_said_on", "statements", ["speaker_id", "said_on"])
    with op.batch_alter_table("statements", recreate="never") as batch_op:
        batch_op.drop_column("said_or_published")
