"""Initial schema: outlets, articles, entities, statements, claims, verdicts, links.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_folded", sa.String(), nullable=False),
        sa.Column("domain", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlets")),
    )
    op.create_index(op.f("ix_outlets_name_folded"), "outlets", ["name_folded"])

    op.create_table(
        "outlet_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("alias_folded", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"],
            ["outlets.id"],
            name=op.f("fk_outlet_aliases_outlet_id_outlets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet_aliases")),
        sa.UniqueConstraint(
            "outlet_id", "alias_folded", name=op.f("uq_outlet_aliases_outlet_id_alias_folded")
        ),
    )
    op.create_index(op.f("ix_outlet_aliases_alias_folded"), "outlet_aliases", ["alias_folded"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("lang", sa.String(), nullable=True),
        sa.Column("outlet_id", sa.Integer(), nullable=True),
        sa.Column("via_outlet_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("extractor_version", sa.String(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meta", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_articles_outlet_id_outlets"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["via_outlet_id"],
            ["outlets.id"],
            name=op.f("fk_articles_via_outlet_id_outlets"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index(op.f("ix_articles_outlet_id"), "articles", ["outlet_id"])
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])
    op.create_index(op.f("ix_articles_url"), "articles", ["url"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_folded", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('person', 'organization', 'outlet', 'document', 'country', 'unknown')",
            name=op.f("ck_entities_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    op.create_index(op.f("ix_entities_name_folded"), "entities", ["name_folded"])

    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("alias_folded", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_entity_aliases_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_aliases")),
        sa.UniqueConstraint(
            "entity_id", "alias_folded", name=op.f("uq_entity_aliases_entity_id_alias_folded")
        ),
    )
    op.create_index(op.f("ix_entity_aliases_alias_folded"), "entity_aliases", ["alias_folded"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), server_default="open", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=True),
        sa.Column("speaker_mention", sa.String(), nullable=True),
        sa.Column("speaker_kind", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=True),
        sa.Column("affiliation", sa.String(), nullable=True),
        sa.Column("affiliation_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("cue", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("said_on", sa.Date(), nullable=True),
        sa.Column("date_text", sa.String(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("type IN ('direct', 'indirect', 'mixed')", name=op.f("ck_statements_type")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_statements_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["entities.id"],
            name=op.f("fk_statements_speaker_id_entities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["affiliation_id"],
            ["entities.id"],
            name=op.f("fk_statements_affiliation_id_entities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["outlets.id"], name=op.f("fk_statements_source_id_outlets"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_statements_claim_id_claims"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    op.create_index(op.f("ix_statements_article_id"), "statements", ["article_id"])
    op.create_index(op.f("ix_statements_speaker_id"), "statements", ["speaker_id"])
    op.create_index(op.f("ix_statements_source_id"), "statements", ["source_id"])
    op.create_index(op.f("ix_statements_said_on"), "statements", ["said_on"])
    op.create_index(op.f("ix_statements_claim_id"), "statements", ["claim_id"])
    op.create_index(op.f("ix_statements_speaker_id_said_on"), "statements", ["speaker_id", "said_on"])

    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(), nullable=False),
        sa.Column("reviewer", sa.String(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_verdicts_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdicts")),
    )
    op.create_index(op.f("ix_verdicts_claim_id"), "verdicts", ["claim_id"])

    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_article_id", sa.Integer(), nullable=False),
        sa.Column("to_article_id", sa.Integer(), nullable=True),
        sa.Column("to_outlet_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "to_article_id IS NOT NULL OR to_outlet_id IS NOT NULL", name=op.f("ck_links_target")
        ),
        sa.CheckConstraint(
            "kind IN ('republishes', 'translates', 'relays', 'cites')", name=op.f("ck_links_kind")
        ),
        sa.CheckConstraint("status IN ('suggested', 'confirmed')", name=op.f("ck_links_status")),
        sa.ForeignKeyConstraint(
            ["from_article_id"],
            ["articles.id"],
            name=op.f("fk_links_from_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_article_id"],
            ["articles.id"],
            name=op.f("fk_links_to_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["to_outlet_id"], ["outlets.id"], name=op.f("fk_links_to_outlet_id_outlets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_links")),
    )
    op.create_index(op.f("ix_links_from_article_id"), "links", ["from_article_id"])
    op.create_index(op.f("ix_links_to_article_id"), "links", ["to_article_id"])


def downgrade() -> None:
    for table in (
        "links",
        "verdicts",
        "statements",
        "claims",
        "entity_aliases",
        "entities",
        "articles",
        "outlet_aliases",
        "outlets",
    ):
        op.drop_table(table)
