"""Every read and write of quotetrack's data.

Functions take an open session and never commit: the caller owns the transaction
(see ``db.session_scope``), one per article when ingesting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from quotetrack import models
from quotetrack.articles import Article
from quotetrack.names import fold

if TYPE_CHECKING:
    from quotetrack.extract.statement import Extraction, Statement

UNKNOWN = "unknown"


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class _Row:
    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON-ready dict, dates in ISO 8601."""
        fields = dataclasses.fields(cast(Any, self))
        return {field.name: _json_value(getattr(self, field.name)) for field in fields}


@dataclass(frozen=True, slots=True)
class SaveResult:
    article_id: int
    created: bool
    statements: int
    new_speakers: int
    new_outlets: int


@dataclass(frozen=True, slots=True)
class StatementRow(_Row):
    id: int
    text: str
    type: str
    speaker: str | None
    speaker_kind: str
    speaker_mention: str | None
    role: str | None
    affiliation: str | None
    cue: str | None
    source: str | None
    said_on: dt.date | None
    date_text: str | None
    start: int
    end: int
    confidence: float
    article_id: int
    article_title: str | None
    article_url: str | None
    outlet: str | None
    published: dt.date | None
    via: str | None
    lang: str | None


@dataclass(frozen=True, slots=True)
class SpeakerRow(_Row):
    """A speaker with their statements; first/last use said_on, else the article's date."""

    id: int
    name: str
    kind: str
    statements: int
    roles: tuple[str, ...]
    first_said_on: dt.date | None
    last_said_on: dt.date | None


@dataclass(frozen=True, slots=True)
class ArticleRow(_Row):
    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    lang: str | None
    via: str | None
    statements: int
    ingested_at: dt.datetime


class _Resolver:
    """Finds or creates outlets and entities by folded name or alias, counting what it creates."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.new_outlets = 0
        self._outlets: dict[str, int] = {}
        self._entities: dict[tuple[str, str], int] = {}

    def outlet(self, name: str | None, *, url: str | None = None) -> int | None:
        folded = fold(name or "")
        if not folded or name is None:
            return None
        if folded in self._outlets:
            return self._outlets[folded]
        aliased_ids = select(models.OutletAlias.outlet_id).where(models.OutletAlias.alias_folded == folded)
        outlet = self.session.exec(
            select(models.Outlet)
            .where(sa.or_(col(models.Outlet.name_folded) == folded, col(models.Outlet.id).in_(aliased_ids)))
            .order_by(col(models.Outlet.name_folded) != folded, col(models.Outlet.id))
        ).first()
        if outlet is None:
            outlet = models.Outlet(name=name.strip(), name_folded=folded, domain=_domain(url))
            self.session.add(outlet)
            self.session.flush()
            self.new_outlets += 1
        assert outlet.id is not None
        self._outlets[folded] = outlet.id
        return outlet.id

    def entity(self, name: str | None, kind: str) -> tuple[int | None, bool]:
        """The entity's id and whether it was created."""
        folded = fold(name or "")
        if not folded or name is None:
            return None, False
        if (folded, kind) in self._entities:
            return self._entities[folded, kind], False
        aliased_ids = select(models.EntityAlias.entity_id).where(models.EntityAlias.alias_folded == folded)
        candidates = self.session.exec(
            select(models.Entity).where(
                sa.or_(col(models.Entity.name_folded) == folded, col(models.Entity.id).in_(aliased_ids))
            )
        ).all()
        matches = [entity for entity in candidates if UNKNOWN in (kind, entity.kind) or entity.kind == kind]
        created = not matches
        if matches:
            entity = min(matches, key=lambda e: (e.kind != kind, e.name_folded != folded, e.id or 0))
            if entity.kind == UNKNOWN:
                entity.kind = kind
        else:
            entity = models.Entity(name=name.strip(), name_folded=folded, kind=kind)
            self.session.add(entity)
        self.session.flush()
        assert entity.id is not None
        self._entities[folded, kind] = entity.id
        return entity.id, created


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _meta(article: Article) -> str | None:
    meta = dict(article.extra)
    if article.id is not None:
        meta["id"] = article.id
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str) if meta else None


def _count_statements(session: Session, article_id: int) -> int:
    query = select(sa.func.count()).where(models.Statement.article_id == article_id)
    return session.exec(query).one()


def article_id_by_hash(session: Session, *, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, None when there is none."""
    query = select(models.Article.id).where(models.Article.content_hash == content_hash)
    return session.exec(query).first()


def save_article(
    session: Session, *, article: Article, extraction: Extraction, extractor_version: str
) -> SaveResult:
    """Store an article with its statements; the same text a second time stores nothing.

    Outlets, speakers and affiliations are matched to existing rows by folded name or
    alias and created when unknown. Only flushes: the caller commits or rolls back.
    """
    content_hash = article.content_hash
    existing = article_id_by_hash(session, content_hash=content_hash)
    if existing is not None:
        return SaveResult(existing, False, _count_statements(session, existing), 0, 0)

    resolve = _Resolver(session)
    record = models.Article(
        content_hash=content_hash,
        url=article.url,
        title=article.title,
        byline=article.byline,
        published=article.published,
        lang=extraction.lang or article.lang,
        outlet_id=resolve.outlet(article.outlet, url=article.url),
        via_outlet_id=resolve.outlet(extraction.via or article.via),
        text=article.text,
        source_path=article.source_path,
        extractor_version=extractor_version,
        meta=_meta(article),
    )
    session.add(record)
    session.flush()
    assert record.id is not None

    new_speakers = 0
    for statement in extraction.statements:
        speaker_id, created = resolve.entity(statement.speaker, statement.speaker_kind or UNKNOWN)
        new_speakers += created
        session.add(_statement_record(statement, record.id, speaker_id, resolve))
    session.flush()
    return SaveResult(
        article_id=record.id,
        created=True,
        statements=len(extraction.statements),
        new_speakers=new_speakers,
        new_outlets=resolve.new_outlets,
    )


def _statement_record(
    statement: Statement, article_id: int, speaker_id: int | None, resolve: _Resolver
) -> models.Statement:
    affiliation_id, _ = resolve.entity(statement.affiliation, "organization")
    return models.Statement(
        article_id=article_id,
        speaker_id=speaker_id,
        speaker_mention=statement.speaker,
        speaker_kind=statement.speaker_kind or UNKNOWN,
        role=statement.role,
        affiliation=statement.affiliation,
        affiliation_id=affiliation_id,
        type=statement.type,
        text=statement.text,
        cue=statement.cue,
        source=statement.source,
        source_id=resolve.outlet(statement.source),
        said_on=statement.said_on,
        date_text=statement.date_text,
        start=statement.start,
        end=statement.end,
        confidence=statement.confidence,
    )


def _name_matches(
    name_folded: Any, entity_id: Any, alias_folded: Any, alias_owner: Any, value: str
) -> sa.ColumnElement[bool]:
    """The folded name or an alias contains the folded ``value``; an empty value matches nothing."""
    folded = fold(value)
    if not folded:
        return sa.false()
    aliases = sa.select(alias_owner).where(alias_folded.contains(folded, autoescape=True))
    return sa.or_(name_folded.contains(folded, autoescape=True), entity_id.in_(aliases))


def find_statements(
    session: Session,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    article_id: int | None = None,
    limit: int | None = None,
) -> list[StatementRow]:
    """Statements matching every filter given, oldest first.

    ``speaker`` and ``outlet`` match a folded name or alias, or part of one;
    ``since``/``until`` apply to said_on, or the article's date when said_on is unknown.
    """
    S = models.Statement
    A = models.Article
    speaker_entity = aliased(models.Entity)
    outlet_row = aliased(models.Outlet)
    via_row = aliased(models.Outlet)
    when = sa.func.coalesce(col(S.said_on), col(A.published))
    columns = [
        col(S.id).label("id"),
        col(S.text).label("text"),
        col(S.type).label("type"),
        col(speaker_entity.name).label("speaker"),
        sa.func.coalesce(col(speaker_entity.kind), col(S.speaker_kind)).label("speaker_kind"),
        col(S.speaker_mention).label("speaker_mention"),
        col(S.role).label("role"),
        col(S.affiliation).label("affiliation"),
        col(S.cue).label("cue"),
        col(S.source).label("source"),
        col(S.said_on).label("said_on"),
        col(S.date_text).label("date_text"),
        col(S.start).label("start"),
        col(S.end).label("end"),
        col(S.confidence).label("confidence"),
        col(S.article_id).label("article_id"),
        col(A.title).label("article_title"),
        col(A.url).label("article_url"),
        col(outlet_row.name).label("outlet"),
        col(A.published).label("published"),
        col(via_row.name).label("via"),
        col(A.lang).label("lang"),
    ]
    query = (
        sa.select(*columns)
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(speaker_entity, col(S.speaker_id) == col(speaker_entity.id))
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .outerjoin(via_row, col(A.via_outlet_id) == col(via_row.id))
    )
    if speaker is not None:
        query = query.where(
            _name_matches(
                col(speaker_entity.name_folded),
                col(speaker_entity.id),
                col(models.EntityAlias.alias_folded),
                col(models.EntityAlias.entity_id),
                speaker,
            )
        )
    if outlet is not None:
        query = query.where(
            _name_matches(
                col(outlet_row.name_folded),
                col(outlet_row.id),
                col(models.OutletAlias.alias_folded),
                col(models.OutletAlias.outlet_id),
                outlet,
            )
        )
    if since is not None:
        query = query.where(when >= since)
    if until is not None:
        query = query.where(when <= until)
    if article_id is not None:
        query = query.where(col(S.article_id) == article_id)
    query = query.order_by(when.asc().nulls_last(), col(S.article_id), col(S.start), col(S.id)).limit(limit)
    return [StatementRow(**row._mapping) for row in session.execute(query)]


def list_speakers(session: Session, *, limit: int | None = None) -> list[SpeakerRow]:
    """Speakers by number of statements, most first."""
    S = models.Statement
    A = models.Article
    E = models.Entity
    when = sa.func.coalesce(col(S.said_on), col(A.published))
    count = sa.func.count(col(S.id))
    query = (
        sa.select(
            col(E.id),
            col(E.name),
            col(E.kind),
            count.label("statements"),
            sa.func.min(when).label("first_said_on"),
            sa.func.max(when).label("last_said_on"),
        )
        .join_from(E, S, col(S.speaker_id) == col(E.id))
        .join(A, col(S.article_id) == col(A.id))
        .group_by(col(E.id), col(E.name), col(E.kind))
        .order_by(count.desc(), col(E.name), col(E.id))
        .limit(limit)
    )
    rows = session.execute(query).all()
    roles: dict[int, set[str]] = {row.id: set() for row in rows}
    if roles:
        role_query = (
            sa.select(col(S.speaker_id), col(S.role))
            .where(col(S.speaker_id).in_(roles), col(S.role).is_not(None))
            .distinct()
        )
        for speaker_id, role in session.execute(role_query):
            roles[speaker_id].add(role)
    return [
        SpeakerRow(
            id=row.id,
            name=row.name,
            kind=row.kind,
            statements=row.statements,
            roles=tuple(sorted(roles[row.id])),
            first_said_on=row.first_said_on,
            last_said_on=row.last_said_on,
        )
        for row in rows
    ]


def list_articles(session: Session, *, limit: int | None = None) -> list[ArticleRow]:
    """Stored articles, oldest first by publication date, then in the order ingested."""
    A = models.Article
    outlet_row = aliased(models.Outlet)
    via_row = aliased(models.Outlet)
    statements = (
        sa.select(sa.func.count())
        .where(col(models.Statement.article_id) == col(A.id))
        .correlate(A)
        .scalar_subquery()
    )
    query = (
        sa.select(
            col(A.id).label("id"),
            col(A.title).label("title"),
            col(outlet_row.name).label("outlet"),
            col(A.published).label("published"),
            col(A.url).label("url"),
            col(A.lang).label("lang"),
            col(via_row.name).label("via"),
            statements.label("statements"),
            col(A.ingested_at).label("ingested_at"),
        )
        .select_from(A)
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .outerjoin(via_row, col(A.via_outlet_id) == col(via_row.id))
        .order_by(col(A.published).asc().nulls_last(), col(A.id))
        .limit(limit)
    )
    return [ArticleRow(**row._mapping) for row in session.execute(query)]
