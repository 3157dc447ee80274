"""Database tables.

Every schema change here needs an Alembic revision in ``quotetrack/migrations/versions``;
``tests/test_migrations.py`` checks that the two agree. Folded columns hold ``names.fold``
of the column beside them. Timestamps are timezone-aware UTC on every database.
"""

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

ENTITY_KINDS = ("person", "organization", "outlet", "document", "country", "unknown")
STATEMENT_TYPES = ("direct", "indirect", "mixed")
LINK_KINDS = ("republishes", "translates", "relays", "cites")
SUGGESTED, CONFIRMED = "suggested", "confirmed"  # made by quotetrack, or decided by a person
LINK_STATUSES = (SUGGESTED, CONFIRMED)
# what a merge joins: speakers (entities) or outlets
MERGE_KINDS = ("entity", "outlet")
SUGGESTION_STATUSES = ("pending", "accepted", "rejected")
AUTHOR_KINDS = ("person", "organization")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Outlet(SQLModel, table=True):
    """A newspaper, agency, broadcaster or site."""

    __tablename__ = "outlets"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_folded: str = Field(index=True)
    domain: str | None = None
    kind: str | None = None
    # set while the outlet is merged into another (revision 0005); lookups follow it
    merged_into_id: int | None = Field(
        default=None, foreign_key="outlets.id", ondelete="SET NULL", index=True
    )


class OutletAlias(SQLModel, table=True):
    __tablename__ = "outlet_aliases"
    __table_args__ = (sa.UniqueConstraint("outlet_id", "alias_folded"),)

    id: int | None = Field(default=None, primary_key=True)
    outlet_id: int = Field(foreign_key="outlets.id", ondelete="CASCADE")
    alias: str
    alias_folded: str = Field(index=True)


class Article(SQLModel, table=True):
    """One stored article; ``content_hash`` is the SHA-256 of ``text``."""

    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(unique=True)
    url: str | None = Field(default=None, index=True)
    title: str | None = Field(default=None, sa_type=sa.Text)
    byline: str | None = None
    published: dt.date | None = Field(default=None, index=True)
    # the last-modified date a page gives beside its publication date (revision 0007)
    modified: dt.date | None = None
    lang: str | None = None
    outlet_id: int | None = Field(default=None, foreign_key="outlets.id", ondelete="SET NULL", index=True)
    via_outlet_id: int | None = Field(default=None, foreign_key="outlets.id", ondelete="SET NULL")
    text: str = Field(sa_type=sa.Text)
    source_path: str | None = Field(default=None, sa_type=sa.Text)
    extractor_version: str | None = None
    ingested_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    meta: str | None = Field(default=None, sa_type=sa.Text)
    # SHA-256 of the original input (the file's bytes, or the JSON line); null for rows older than 0003
    raw_hash: str | None = Field(default=None, index=True)
    # the version of the same URL this one replaced (a page that changed)
    previous_version_id: int | None = Field(
        default=None, foreign_key="articles.id", ondelete="SET NULL", index=True
    )
    # a day estimated for an article that gives none, and what it was estimated from: "url" (a date
    # in the address), "fetched" (the day the input says it was fetched) or "related" (the
    # earliest dated article it shares claims with or was linked to); revision 0008
    published_estimated: dt.date | None = None
    estimated_from: str | None = None
    # its claims and provenance are still to be worked out: set when it is stored, cleared by
    # the fact tracking that covers it (revision 0008)
    facts_pending: bool = Field(default=True, index=True, sa_column_kwargs={"server_default": sa.true()})


class ArticleAuthor(SQLModel, table=True):
    """One author of an article, in byline order (revision 0007): a person with family and given
    name, or an organisation (agency, outlet, company, editorial desk) by its name alone."""

    __tablename__ = "article_authors"
    __table_args__ = (sa.CheckConstraint(_one_of("kind", AUTHOR_KINDS), name="kind"),)

    article_id: int = Field(
        foreign_key="articles.id",
        ondelete="CASCADE",
        primary_key=True,
        sa_column_kwargs={"autoincrement": False},
    )
    position: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    kind: str
    name: str
    family: str | None = None
    given: str | None = None
    particle: str | None = None  # "von der" in "Ursula von der Leyen"


ARTICLE_FORMATS = ("text", "markdown", "html", "jsonl")


class ArticleSource(SQLModel, table=True):
    """An article's original input where the article row cannot give it back: the HTML of a
    page, a Markdown file with its front matter, a JSON line, a file in another encoding or with
    boilerplate left out. ``raw`` holds the bytes, zlib-compressed when ``compression`` says so."""

    __tablename__ = "article_sources"
    __table_args__ = (sa.CheckConstraint(_one_of("format", ARTICLE_FORMATS), name="format"),)

    article_id: int = Field(
        foreign_key="articles.id",
        ondelete="CASCADE",
        primary_key=True,
        sa_column_kwargs={"autoincrement": False},
    )
    format: str
    encoding: str | None = None
    raw_hash: str
    size: int  # bytes of the original input
    compression: str | None = None  # "zlib", or null for bytes as they were
    raw: bytes = Field(sa_type=sa.LargeBinary)


class Entity(SQLModel, table=True):
    """Someone or something that speaks: a person, organisation, outlet, document or country."""

    __tablename__ = "entities"
    __table_args__ = (sa.CheckConstraint(_one_of("kind", ENTITY_KINDS), name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_folded: str = Field(index=True)
    kind: str = "unknown"
    # set while the entity is merged into another (revision 0005); lookups follow it
    merged_into_id: int | None = Field(
        default=None, foreign_key="entities.id", ondelete="SET NULL", index=True
    )


class EntityAlias(SQLModel, table=True):
    __tablename__ = "entity_aliases"
    __table_args__ = (sa.UniqueConstraint("entity_id", "alias_folded"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entities.id", ondelete="CASCADE")
    alias: str
    alias_folded: str = Field(index=True)


class Claim(SQLModel, table=True):
    """A claim that statements across articles make."""

    __tablename__ = "claims"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_type=sa.Text)
    first_seen: dt.date | None = None
    status: str = Field(default="open", sa_column_kwargs={"server_default": "open"})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Statement(SQLModel, table=True):
    """An attributed statement: ``text`` is ``articles.text[start:end]``."""

    __tablename__ = "statements"
    __table_args__ = (
        sa.CheckConstraint(_one_of("type", STATEMENT_TYPES), name="type"),
        # the date order, from the index alone (revision 0004)
        sa.Index(None, "said_or_published", "article_id", "start"),
        sa.Index(None, "speaker_id", "said_or_published", "article_id", "start"),
        # an article's statements, and their speakers from the index alone (revision 0010)
        sa.Index(None, "article_id", "speaker_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # looked up through the first column of the (article_id, speaker_id) index
    article_id: int = Field(foreign_key="articles.id", ondelete="CASCADE")
    # looked up through the first column of the (speaker_id, said_or_published, ...) index
    speaker_id: int | None = Field(default=None, foreign_key="entities.id", ondelete="SET NULL")
    speaker_mention: str | None = None
    speaker_kind: str = "unknown"
    role: str | None = None
    affiliation: str | None = None
    affiliation_id: int | None = Field(default=None, foreign_key="entities.id", ondelete="SET NULL")
    type: str
    text: str = Field(sa_type=sa.Text)
    cue: str | None = None
    source: str | None = None
    source_id: int | None = Field(default=None, foreign_key="outlets.id", ondelete="SET NULL", index=True)
    said_on: dt.date | None = None
    date_text: str | None = None
    start: int
    end: int
    confidence: float = 0.5
    claim_id: int | None = Field(default=None, foreign_key="claims.id", ondelete="SET NULL", index=True)
    # how the statement joined its claim: "suggested" (by grouping, with claim_score) or
    # "confirmed" (by a person); revision 0005
    claim_status: str | None = None
    claim_score: float | None = None
    # why grouping put it there: the evidence of its best pair, one reason a line (revision 0008)
    claim_reasons: str | None = Field(default=None, sa_type=sa.Text)
    # said_on, else the article's published: the day queries place the statement at (revision 0004)
    said_or_published: dt.date | None = None


class Verdict(SQLModel, table=True):
    """A fact-checker's rating of a claim."""

    __tablename__ = "verdicts"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", ondelete="CASCADE", index=True)
    rating: str
    reviewer: str | None = None
    url: str | None = None
    date: dt.date | None = None
    note: str | None = Field(default=None, sa_type=sa.Text)


class Link(SQLModel, table=True):
    """A provenance edge: an article republishes, translates, relays or cites an article or outlet."""

    __tablename__ = "links"
    __table_args__ = (
        sa.CheckConstraint("to_article_id IS NOT NULL OR to_outlet_id IS NOT NULL", name="target"),
        sa.CheckConstraint(_one_of("kind", LINK_KINDS), name="kind"),
        sa.CheckConstraint(_one_of("status", LINK_STATUSES), name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    from_article_id: int = Field(foreign_key="articles.id", ondelete="CASCADE", index=True)
    to_article_id: int | None = Field(default=None, foreign_key="articles.id", ondelete="CASCADE", index=True)
    to_outlet_id: int | None = Field(default=None, foreign_key="outlets.id")
    kind: str
    status: str = "suggested"
    score: float | None = None


class ClaimRejection(SQLModel, table=True):
    """A statement a person took out of a claim: grouping never suggests it for that claim again."""

    __tablename__ = "claim_rejections"

    claim_id: int = Field(foreign_key="claims.id", ondelete="CASCADE", primary_key=True)
    statement_id: int = Field(foreign_key="statements.id", ondelete="CASCADE", primary_key=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Merge(SQLModel, table=True):
    """One merge of two speakers or two outlets, with the rows it moved, so that it can be undone.

    ``moved`` is JSON: ``{"table.column": [row ids]}``, the rows whose ``column`` pointed at
    ``merged_id`` and were pointed at ``kept_id``."""

    __tablename__ = "merges"
    __table_args__ = (sa.CheckConstraint(_one_of("kind", MERGE_KINDS), name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    kept_id: int
    merged_id: int
    moved: str = Field(sa_type=sa.Text)
    score: float | None = None  # the match score, for a merge made by resolution
    reason: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    undone_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class MatchSuggestion(SQLModel, table=True):
    """A doubtful match found by resolution, for a person to accept (merge) or reject."""

    __tablename__ = "match_suggestions"
    __table_args__ = (
        sa.UniqueConstraint("kind", "subject_id", "candidate_id"),
        sa.CheckConstraint(_one_of("kind", MERGE_KINDS), name="kind"),
        sa.CheckConstraint(_one_of("status", SUGGESTION_STATUSES), name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    subject_id: int  # the entity or outlet that might be the same as the candidate
    candidate_id: int
    score: float
    reason: str | None = None
    status: str = "pending"
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
