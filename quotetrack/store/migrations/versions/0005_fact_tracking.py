"""Fact tracking: merges of speakers and outlets, match suggestions, claim membership.

``entities.merged_into_id`` and ``outlets.merged_into_id`` point a merged row at the row it was
merged into; ``merges`` records each merge with the rows it moved, so ``quotetrack unmerge``
restores the state before it. ``match_suggestions`` holds doubtful matches found by name
resolution for review. ``statements.claim_status`` and ``claim_score`` say how a statement
joined its claim; ``claim_rejections`` keeps the statements a person took out of a claim.

On SQLite, batch mode recreates ``entities`` and ``outlets``; the triggers on them (0004) are
read before and made again after. The statement columns are plain ADD COLUMNs, so the
full-text triggers of 0002 on ``statements`` stay.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = ("entities", "outlets")


def _triggers(table: str) -> list[str]:
    """The SQL of the triggers on ``table`` (SQLite): batch mode recreates the table without them."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return []
    query = sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table")
    return [row[0] for row in bind.execute(query, {"table": table})]


def upgrade() -> None:
    for table in MERGED:
        triggers = _triggers(table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_merged_into_id"), ["merged_into_id"])
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_merged_into_id_{table}"),
                table,
                ["merged_into_id"],
                ["id"],
                ondelete="SET NULL",
            )
        for trigger in triggers:
            op.execute(trigger)

    op.add_column("statements", sa.Column("claim_status", sa.String(), nullable=True))
    op.add_column("statements", sa.Column("claim_score", sa.Float(), nullable=True))

    op.create_table(
        "claim_rejections",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_rejections_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_claim_rejections_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "statement_id", name=op.f("pk_claim_rejections")),
    )
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("moved", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("undone_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('entity', 'outlet')", name=op.f("ck_merges_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    op.create_table(
        "match_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('entity', 'outlet')", name=op.f("ck_match_suggestions_kind")),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected')", name=op.f("ck_match_suggestions_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_suggestions")),
        sa.UniqueConstraint(
            "kind",
            "subject_id",
            "candidate_id",
            name=op.f("uq_match_suggestions_kind_subject_id_candidate_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("match_suggestions")
    op.drop_table("merges")
    op.drop_table("claim_rejections")
    op.drop_column("statements", "claim_score")
    op.drop_column("statements", "claim_status")
    for table in reversed(MERGED):
        triggers = _triggers(table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_merged_into_id_{table}"), type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_merged_into_id"))
            batch_op.drop_column("merged_into_id")
        for trigger in triggers:
            op.execute(trigger)
