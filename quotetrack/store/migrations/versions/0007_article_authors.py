"""Article authors: the byline as persons and organisations, and a page's modified date.

``article_authors`` holds one row per author of an article, in byline order: a person with
family and given name (and a particle: "von der"), or an organisation (an agency, an outlet,
a company, an editorial desk) by its name alone. ``articles.modified`` is the last-modified
date a page gives beside its publication date. Existing articles get their authors from their
stored ``byline`` text, read by the byline parser of ``quotetrack.inputs.bylines``.

Both changes are plain CREATE TABLE and ADD COLUMN, so the triggers of earlier revisions stay.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTHOR_KINDS = ("person", "organization")
BACKFILL_CHUNK = 1000


def _backfill() -> None:
    """Authors for the articles stored with a byline."""
    from quotetrack.inputs.bylines import parse_byline

    bind = op.get_bind()
    authors = sa.table(
        "article_authors",
        sa.column("article_id", sa.Integer()),
        sa.column("position", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("name", sa.String()),
        sa.column("family", sa.String()),
        sa.column("given", sa.String()),
        sa.column("particle", sa.String()),
    )
    query = sa.text(
        "SELECT a.id, a.byline, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.byline IS NOT NULL AND a.id > :after ORDER BY a.id LIMIT :limit"
    )
    after = 0
    while True:
        rows = bind.execute(query, {"after": after, "limit": BACKFILL_CHUNK}).all()
        if not rows:
            return
        values = [
            {
                "article_id": article_id,
                "position": position,
                "kind": author.kind,
                "name": author.name,
                "family": author.family,
                "given": author.given,
                "particle": author.particle,
            }
            for article_id, byline, outlet in rows
            for position, author in enumerate(parse_byline(byline, outlet=outlet))
        ]
        if values:
            bind.execute(authors.insert(), values)
        after = rows[-1][0]


def upgrade() -> None:
    op.create_table(
        "article_authors",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("family", sa.String(), nullable=True),
        sa.Column("given", sa.String(), nullable=True),
        sa.Column("particle", sa.String(), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organization')", name=op.f("ck_article_authors_kind")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_authors_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "position", name=op.f("pk_article_authors")),
    )
    op.add_column("articles", sa.Column("modified", sa.Date(), nullable=True))
    _backfill()


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_column("modified")
    op.drop_table("article_authors")
