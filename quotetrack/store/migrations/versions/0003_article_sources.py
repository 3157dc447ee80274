"""Article sources and versions: the original input of each article, and pages that changed.

``articles.raw_hash`` is the SHA-256 of an article's original input (a file's bytes, or its
JSON line), so an input ingested before is recognised before it is read; rows stored before
this revision have none. ``articles.previous_version_id`` links a changed page to the version
at the same URL it replaced. ``article_sources`` keeps the original input where the article
row cannot give it back (the HTML of a page, Markdown with its front matter, a JSON line, a
file in another encoding), zlib-compressed when ``compression`` says so.

On SQLite, adding the self-referencing foreign key recreates ``articles`` (batch mode);
no trigger is defined on it (the full-text triggers of 0002 are on ``statements``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("raw_hash", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("previous_version_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_raw_hash"), ["raw_hash"])
        batch_op.create_index(batch_op.f("ix_articles_previous_version_id"), ["previous_version_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_articles_previous_version_id_articles"),
            "articles",
            ["previous_version_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "article_sources",
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("encoding", sa.String(), nullable=True),
        sa.Column("raw_hash", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("compression", sa.String(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "format IN ('text', 'markdown', 'html', 'jsonl')", name=op.f("ck_article_sources_format")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_sources_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_sources")),
    )


def downgrade() -> None:
    op.drop_table("article_sources")
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_articles_previous_version_id_articles"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_articles_previous_version_id"))
        batch_op.drop_index(batch_op.f("ix_articles_raw_hash"))
        batch_op.drop_column("previous_version_id")
        batch_op.drop_column("raw_hash")
