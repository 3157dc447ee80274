"""Listings and profiles: speakers, one speaker, outlets, articles, an article with its statements.

Built on ``queries`` (the statement rows and their order) and ``lookup`` (forgiving names);
functions take an open session and only read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from quotetrack.query.lookup import HOW_ORDER, OUTLETS, NameMatch, article_ids, match_names
from quotetrack.query.statements import STATEMENT_TYPES, Plan, ordered_ids, rows_by_id, statement_rows
from quotetrack.store import models
from quotetrack.store.rows import (
    ArticleRow,
    ArticleText,
    AuthorRow,
    JsonRow,
    OutletRow,
    SpeakerRow,
    StatementRow,
    json_value,
)
from quotetrack.store.sql import CHUNK, chunks

# --- rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """One speaker: names, counts, roles, organisations, outlets and the latest statements."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    statements: int
    types: dict[str, int]
    roles: tuple[str, ...]
    organizations: tuple[str, ...]
    outlets: tuple[tuple[str, int], ...]  # (outlet, statements), most first
    first_said_on: dt.date | None
    last_said_on: dt.date | None
    recent: tuple[StatementRow, ...]
    also_matched: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "statements": self.statements,
            "types": dict(self.types),
            "roles": list(self.roles),
            "organizations": list(self.organizations),
            "outlets": [{"outlet": name, "statements": count} for name, count in self.outlets],
            "first_said_on": json_value(self.first_said_on),
            "last_said_on": json_value(self.last_said_on),
            "recent": [row.to_json() for row in self.recent],
            "also_matched": list(self.also_matched),
        }


# --- speakers -------------------------------------------------------------------------------------


def _grouped(session: Session, query: Any, ids: Sequence[int], column: Any) -> dict[int, list[Any]]:
    """Rows of ``query`` (first column an id) for ``ids``, in chunks, grouped by id."""
    out: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks(list(ids)):
        for row in session.execute(query.where(column.in_(list(chunk)))):
            out[row[0]].append(row[1:] if len(row) > 2 else row[1])
    return out


def _speaker_details(session: Session, ids: Sequence[int]) -> dict[str, dict[int, list[Any]]]:
    S = models.Statement
    A = models.Article
    organization = aliased(models.Entity)
    outlet_row = aliased(models.Outlet)
    # roles and organisations in one pass over the speakers' statement rows (neither is indexed)
    said_as = (
        sa.select(
            col(S.speaker_id),
            col(S.role),
            sa.case(
                (
                    col(S.affiliation).is_not(None),
                    sa.func.coalesce(col(organization.name), col(S.affiliation)),
                )
            ),
        )
        .outerjoin(organization, col(S.affiliation_id) == col(organization.id))
        .where(sa.or_(col(S.role).is_not(None), col(S.affiliation).is_not(None)))
        .distinct()
    )
    outlets = (
        sa.select(col(S.speaker_id), col(outlet_row.name))
        .join_from(S, A, col(S.article_id) == col(A.id))
        .join(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .distinct()
    )
    aliases = sa.select(col(models.EntityAlias.entity_id), col(models.EntityAlias.alias))
    roles: dict[int, list[Any]] = defaultdict(list)
    organizations: dict[int, list[Any]] = defaultdict(list)
    for speaker_id, pairs in _grouped(session, said_as, ids, col(S.speaker_id)).items():
        roles[speaker_id] = [role for role, _organization in pairs if role is not None]
        organizations[speaker_id] = [name for _role, name in pairs if name is not None]
    return {
        "roles": roles,
        "organizations": organizations,
        "outlets": _grouped(session, outlets, ids, col(S.speaker_id)),
        "aliases": _grouped(session, aliases, ids, col(models.EntityAlias.entity_id)),
    }


def list_speakers(
    session: Session,
    *,
    search: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[SpeakerRow]:
    """Speakers by number of statements, most first, from the ``offset``-th on; ``search`` is a
    forgiving name.

    Without ``search`` every speaker's statements are counted from the index on speaker_id
    alone, and the first and last days read for the listed speakers only; with it, the few
    matching speakers' statements are counted with their days."""
    S = models.Statement
    E = models.Entity
    when = col(S.said_or_published)
    if search is None:
        counted = (
            sa.select(col(S.speaker_id).label("speaker_id"), sa.func.count().label("statements"))
            .where(col(S.speaker_id).is_not(None))
            .group_by(col(S.speaker_id))
            .subquery("counted")
        )
        query = (
            sa.select(col(E.id), col(E.name), col(E.kind), counted.c.statements)
            .join_from(counted, E, col(E.id) == counted.c.speaker_id)
            .order_by(counted.c.statements.desc(), col(E.name), col(E.id))
        )
    else:
        matched = match_names(session, search)
        if matched.empty:
            return []
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
            .where(matched.condition(col(E.id)))
            .group_by(col(E.id), col(E.name), col(E.kind))
            .order_by(count.desc(), col(E.name), col(E.id))
        )
    if kind is not None:
        query = query.where(col(E.kind) == kind)
    rows = session.execute(query.limit(limit).offset(offset or None)).all()
    if search is None:
        days = sa.select(col(S.speaker_id), sa.func.min(when), sa.func.max(when)).group_by(col(S.speaker_id))
        found = _grouped(session, days, [row.id for row in rows], col(S.speaker_id))
        dates = {speaker_id: tuple(found[speaker_id][0]) for speaker_id in found}
    else:
        dates = {row.id: (row.first_said_on, row.last_said_on) for row in rows}
    details = _speaker_details(session, [row.id for row in rows])
    return [
        SpeakerRow(
            id=row.id,
            name=row.name,
            kind=row.kind,
            statements=row.statements,
            roles=tuple(sorted(set(details["roles"].get(row.id, ())))),
            first_said_on=dates[row.id][0],
            last_said_on=dates[row.id][1],
            organizations=tuple(sorted(set(details["organizations"].get(row.id, ())))),
            outlets=tuple(sorted(set(details["outlets"].get(row.id, ())))),
            aliases=tuple(sorted(set(details["aliases"].get(row.id, ())))),
        )
        for row in rows
    ]


def speaker_profile(session: Session, name: str, *, recent: int = 10) -> SpeakerProfile | None:
    """The best-matching speaker's profile (exact before partial before fuzzy, then most quoted);
    None when no name matches."""
    matched = match_names(session, name)
    if matched.empty:
        return None
    S = models.Statement
    E = models.Entity
    if matched.subquery is not None:
        top = sa.select(col(S.speaker_id), sa.func.count()).where(col(S.speaker_id).in_(matched.subquery))
        pairs = session.execute(
            top.group_by(col(S.speaker_id)).order_by(sa.func.count().desc()).limit(10)
        ).all()
        ids = [speaker_id for speaker_id, _count in pairs]
        names = dict(session.execute(sa.select(col(E.id), col(E.name)).where(col(E.id).in_(ids))).all())
        candidates = [NameMatch(i, names[i], "part", 100.0) for i in ids]
    else:
        candidates = matched.matches
    tier = min(HOW_ORDER[m.how] for m in candidates)
    first = [m for m in candidates if HOW_ORDER[m.how] == tier][:CHUNK]
    counts: dict[int, int] = dict(
        session.execute(
            sa.select(col(S.speaker_id), sa.func.count())
            .where(col(S.speaker_id).in_([m.id for m in first]))
            .group_by(col(S.speaker_id))
        ).all()
    )
    best = max(first, key=lambda m: (counts.get(m.id, 0), m.score, -len(m.name), -m.id))
    others = tuple(dict.fromkeys(m.name for m in candidates if m.id != best.id))[:10]
    return speaker_profile_by_id(session, best.id, recent=recent, also_matched=others)


def speaker_profile_by_id(
    session: Session, entity_id: int, *, recent: int = 10, also_matched: tuple[str, ...] = ()
) -> SpeakerProfile | None:
    """The profile of the speaker with this id; None when there is none."""
    S = models.Statement
    A = models.Article
    entity = session.get(models.Entity, entity_id)
    if entity is None or entity.id is None:
        return None
    when = col(S.said_or_published)
    totals = session.execute(
        sa.select(col(S.type), sa.func.count(), sa.func.min(when), sa.func.max(when))
        .where(col(S.speaker_id) == entity.id)
        .group_by(col(S.type))
    ).all()
    types = {kind: 0 for kind in STATEMENT_TYPES}
    firsts, lasts = [], []
    for kind, count, first_day, last_day in totals:
        types[kind] = count
        firsts += [first_day] if first_day else []
        lasts += [last_day] if last_day else []
    outlet_row = aliased(models.Outlet)
    outlets = session.execute(
        sa.select(col(outlet_row.name), sa.func.count())
        .join_from(S, A, col(S.article_id) == col(A.id))
        .join(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .where(col(S.speaker_id) == entity.id)
        .group_by(col(outlet_row.name))
        .order_by(sa.func.count().desc(), col(outlet_row.name))
    ).all()
    details = _speaker_details(session, [entity.id])
    latest = ordered_ids(session, Plan(conditions=[col(S.speaker_id) == entity.id]), "-date", recent)
    return SpeakerProfile(
        id=entity.id,
        name=entity.name,
        kind=entity.kind,
        aliases=tuple(sorted(set(details["aliases"].get(entity.id, ())))),
        statements=sum(types.values()),
        types=types,
        roles=tuple(sorted(set(details["roles"].get(entity.id, ())))),
        organizations=tuple(sorted(set(details["organizations"].get(entity.id, ())))),
        outlets=tuple((str(name), int(count)) for name, count in outlets),
        first_said_on=min(firsts, default=None),
        last_said_on=max(lasts, default=None),
        recent=tuple(rows_by_id(session, latest)),
        also_matched=also_matched,
    )


@dataclass(frozen=True, slots=True)
class RoleRow(JsonRow):
    """A role and organisation a speaker was quoted with, and when."""

    role: str | None
    organization: str | None
    statements: int
    first_said_on: dt.date | None
    last_said_on: dt.date | None


def speaker_roles(session: Session, entity_id: int) -> list[RoleRow]:
    """The roles and organisations (as written, the organisation by its entity's name where
    known) a speaker was quoted with, each with its first and last day, earliest first."""
    S = models.Statement
    organization = aliased(models.Entity)
    when = col(S.said_or_published)
    named = sa.func.coalesce(col(organization.name), col(S.affiliation))
    query = (
        sa.select(col(S.role), named, sa.func.count(), sa.func.min(when), sa.func.max(when))
        .outerjoin(organization, col(S.affiliation_id) == col(organization.id))
        .where(
            col(S.speaker_id) == entity_id, sa.or_(col(S.role).is_not(None), col(S.affiliation).is_not(None))
        )
        .group_by(col(S.role), named)
        .order_by(sa.func.min(when).asc().nulls_last(), col(S.role), named)
    )
    return [
        RoleRow(role, name, int(count), first, last)
        for role, name, count, first, last in session.execute(query)
    ]


def speaker_days(session: Session, entity_id: int) -> list[tuple[dt.date | None, str | None, int]]:
    """A speaker's statements counted by day (said_on, else published) and publishing outlet,
    oldest first; for a timeline."""
    S = models.Statement
    A = models.Article
    outlet_row = aliased(models.Outlet)
    when = col(S.said_or_published)
    query = (
        sa.select(when, col(outlet_row.name), sa.func.count())
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .where(col(S.speaker_id) == entity_id)
        .group_by(when, col(outlet_row.name))
        .order_by(when.asc().nulls_last(), col(outlet_row.name))
    )
    return [(day, outlet, int(count)) for day, outlet, count in session.execute(query)]


# --- outlets and articles -------------------------------------------------------------------------


def list_outlets(
    session: Session, *, search: str | None = None, limit: int | None = None, offset: int = 0
) -> list[OutletRow]:
    """Outlets by number of articles published, then statements relayed through them, from the
    ``offset``-th on."""
    O = models.Outlet  # noqa: E741 - the table's initial, like S and A
    A = models.Article
    S = models.Statement
    published = (
        sa.select(
            col(A.outlet_id).label("outlet_id"),
            sa.func.count().label("articles"),
            sa.func.min(col(A.published)).label("first_published"),
            sa.func.max(col(A.published)).label("last_published"),
        )
        .group_by(col(A.outlet_id))
        .subquery("published")
    )
    quoted = (
        sa.select(col(A.outlet_id).label("outlet_id"), sa.func.count(col(S.id)).label("statements"))
        .join_from(S, A, col(S.article_id) == col(A.id))
        .group_by(col(A.outlet_id))
        .subquery("quoted")
    )
    relayed = (
        sa.select(col(S.source_id).label("outlet_id"), sa.func.count().label("relayed"))
        .group_by(col(S.source_id))
        .subquery("relayed")
    )
    via = (
        sa.select(col(A.via_outlet_id).label("outlet_id"), sa.func.count().label("via"))
        .group_by(col(A.via_outlet_id))
        .subquery("via")
    )
    articles = sa.func.coalesce(published.c.articles, 0)
    statements = sa.func.coalesce(quoted.c.statements, 0)
    relays = sa.func.coalesce(relayed.c.relayed, 0)
    query = (
        sa.select(
            col(O.id).label("id"),
            col(O.name).label("name"),
            col(O.domain).label("domain"),
            col(O.kind).label("kind"),
            articles.label("articles"),
            statements.label("statements"),
            relays.label("relayed"),
            sa.func.coalesce(via.c.via, 0).label("via"),
            published.c.first_published,
            published.c.last_published,
        )
        .select_from(O)
        .outerjoin(published, published.c.outlet_id == col(O.id))
        .outerjoin(quoted, quoted.c.outlet_id == col(O.id))
        .outerjoin(relayed, relayed.c.outlet_id == col(O.id))
        .outerjoin(via, via.c.outlet_id == col(O.id))
        .where(col(O.merged_into_id).is_(None))  # a merged outlet is listed as the one it joined
        .order_by(articles.desc(), relays.desc(), statements.desc(), col(O.name_folded), col(O.id))
        .limit(limit)
        .offset(offset or None)
    )
    if search is not None:
        matched = match_names(session, search, names=OUTLETS)
        if matched.empty:
            return []
        query = query.where(matched.condition(col(O.id)))
    rows = [dict(row._mapping) for row in session.execute(query)]
    speakers = outlet_speakers(session, [row["id"] for row in rows])
    return [OutletRow(**row, speakers=speakers.get(row["id"], 0)) for row in rows]


def outlet_speakers(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """How many speakers the articles of each of these outlets quoted (outlets that quoted none
    left out): counted only for the outlets listed, from the (article_id, speaker_id) index."""
    A = models.Article
    S = models.Statement
    out: dict[int, int] = {}
    for chunk in chunks(list(ids)):
        query = (
            sa.select(col(A.outlet_id), sa.func.count(sa.distinct(col(S.speaker_id))))
            .join_from(A, S, col(S.article_id) == col(A.id))
            .where(col(A.outlet_id).in_(list(chunk)))
            .group_by(col(A.outlet_id))
        )
        out.update({int(outlet_id): int(count) for outlet_id, count in session.execute(query)})
    return out


def _article_rows(
    session: Session, *conditions: Any, limit: int | None = None, offset: int = 0
) -> list[ArticleRow]:
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
            col(A.modified).label("modified"),
        )
        .select_from(A)
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .outerjoin(via_row, col(A.via_outlet_id) == col(via_row.id))
        .where(*conditions)
        .order_by(col(A.published).asc().nulls_last(), col(A.id))
        .limit(limit)
        .offset(offset or None)
    )
    rows = [ArticleRow(**row._mapping) for row in session.execute(query)]
    authors = article_authors(session, [row.id for row in rows])
    return [dataclasses.replace(row, authors=authors[row.id]) if row.id in authors else row for row in rows]


def article_authors(session: Session, ids: Sequence[int]) -> dict[int, tuple[AuthorRow, ...]]:
    """The authors of the articles with these ids, in byline order (articles without any left out)."""
    AA = models.ArticleAuthor
    found: dict[int, list[AuthorRow]] = {}
    for chunk in chunks(list(ids)):
        query = (
            sa.select(
                col(AA.article_id),
                col(AA.name),
                col(AA.kind),
                col(AA.given),
                col(AA.particle),
                col(AA.family),
            )
            .where(col(AA.article_id).in_(list(chunk)))
            .order_by(col(AA.article_id), col(AA.position))
        )
        for article_id, *fields in session.execute(query):
            found.setdefault(article_id, []).append(AuthorRow(*fields))
    return {article_id: tuple(rows) for article_id, rows in found.items()}


def list_articles(
    session: Session,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    lang: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[ArticleRow]:
    """Stored articles, oldest first by publication date, then in the order ingested, from the
    ``offset``-th on; ``outlet`` (forgiving) is the publisher, ``since``/``until`` bound the
    publication date."""
    A = models.Article
    conditions: list[Any] = []
    if outlet is not None:
        matched = match_names(session, outlet, names=OUTLETS)
        if matched.empty:
            return []
        conditions.append(matched.condition(col(A.outlet_id)))
    if since is not None:
        conditions.append(col(A.published) >= since)
    if until is not None:
        conditions.append(col(A.published) <= until)
    if lang is not None:
        conditions.append(sa.func.lower(col(A.lang)) == lang.strip().lower())
    return _article_rows(session, *conditions, limit=limit, offset=offset)


def articles_by_id(session: Session, ids: Sequence[int]) -> dict[int, ArticleRow]:
    """The article rows with these ids."""
    out: dict[int, ArticleRow] = {}
    for chunk in chunks(list(ids)):
        rows = _article_rows(session, col(models.Article.id).in_(list(chunk)))
        out.update({row.id: row for row in rows})
    return out


def article_text(session: Session, ref: int | str) -> ArticleText | None:
    """An article (by id or URL; the first stored of several with the URL) with its statements,
    in the order they appear; None when there is no such article."""
    ids = article_ids(session, ref)
    if not ids:
        return None
    record = session.get(models.Article, ids[0])
    assert record is not None and record.id is not None
    (row,) = _article_rows(session, col(models.Article.id) == record.id)
    S = models.Statement
    query = statement_rows().where(col(S.article_id) == record.id)
    query = query.order_by(col(S.start), col(S.end), col(S.id))
    rows = tuple(StatementRow(**r._mapping) for r in session.execute(query))
    return ArticleText(row, record.text, rows)


def data_version(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever a write changes what the listings count: the newest row of
    each table that ingest, reextract, merges, aliases, claims and verdicts add to, and how many
    merges were undone, verdicts and claim rejections there are (one query, on primary keys
    and small tables)."""
    tables = (
        models.Statement,
        models.Article,
        models.Entity,
        models.Outlet,
        models.EntityAlias,
        models.OutletAlias,
        models.Claim,
        models.Verdict,
        models.Link,
        models.Merge,
    )
    values = [sa.select(sa.func.max(col(table.id))).scalar_subquery() for table in tables]
    values += [
        sa.select(sa.func.count(col(models.Merge.undone_at))).scalar_subquery(),
        sa.select(sa.func.count()).select_from(models.Verdict).scalar_subquery(),
        sa.select(sa.func.count()).select_from(models.ClaimRejection).scalar_subquery(),
    ]
    return tuple(session.execute(sa.select(*values)).one())
