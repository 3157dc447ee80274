"""Lighter writes: two statement indexes fewer, full-text segments merged less often.

``ix_statements_speaker_id`` repeats the first column of
``ix_statements_speaker_id_said_or_published_article_id_start`` (0004), which serves every lookup
by speaker, the foreign key included; ``ix_statements_said_on`` serves no query since dates are
filtered and ordered by ``said_or_published``. Each index costs every statement insert.

On SQLite, ``statements_fts`` merges its segments once 16 of a level exist rather than 4
(FTS5's ``automerge``): ingest commits once per article and each commit writes a segment, so
merging every fourth made the full-text index the larger part of an article's write. Searches
read a few more segments.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DROPPED = (("ix_statements_speaker_id", "speaker_id"), ("ix_statements_said_on", "said_on"))
AUTOMERGE, FTS5_DEFAULT_AUTOMERGE = 16, 4


def _automerge(segments: int) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql(
            f"INSERT INTO statements_fts(statements_fts, rank) VALUES ('automerge', {segments})"
        )


def upgrade() -> None:
    for name, _column in DROPPED:
        op.drop_index(name, table_name="statements")
    _automerge(AUTOMERGE)


def downgrade() -> None:
    _automerge(FTS5_DEFAULT_AUTOMERGE)
    for name, column in DROPPED:
        op.create_index(name, "statements", [column])
