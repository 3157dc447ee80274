"""Fact tracking state: pending articles, estimated days, membership reasons.

``articles.facts_pending`` marks an article whose claims and provenance are still to be worked
out: new rows get it (server default true) and the fact tracking that covers them clears it in
the same transaction as its results, so work a killed run left undone is found and finished by
the next one. Articles stored before this revision count as done.

``articles.published_estimated`` and ``articles.estimated_from`` hold a day estimated for an
article that gives none (from its address, its fetch date or the dated articles it is related
to); ``published`` stays what the input said. ``statements.claim_reasons`` keeps why grouping
put a statement into its claim.

Plain ADD COLUMN and CREATE INDEX, so the triggers of earlier revisions stay.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_estimated", sa.Date(), nullable=True))
    op.add_column("articles", sa.Column("estimated_from", sa.String(), nullable=True))
    op.add_column(
        "articles", sa.Column("facts_pending", sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    op.execute(sa.text("UPDATE articles SET facts_pending = :done").bindparams(done=False))
    op.create_index(op.f("ix_articles_facts_pending"), "articles", ["facts_pending"], unique=False)
    op.add_column("statements", sa.Column("claim_reasons", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("claim_reasons")
    op.drop_index(op.f("ix_articles_facts_pending"), table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("facts_pending")
        batch.drop_column("estimated_from")
        batch.drop_column("published_estimated")
