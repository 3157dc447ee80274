"""What citing statements needs: their articles (authors, outlet, via, access date), their
claims, and the claims' verdicts and appearances."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from quotetrack.query.listings import article_authors
from quotetrack.query.lookup import article_ids as article_ids_for
from quotetrack.query.statements import find_statements
from quotetrack.store import models
from quotetrack.store.rows import AppearanceRow, Citations, CitedArticle, ClaimRow, StatementRow, VerdictRow


def citation_rows(session: Session, **filters: Any) -> Citations:
    """The statements that ``find_statements(**filters)`` returns, with what citing them needs
    (see :func:`citations_for`)."""
    return citations_for(session, rows=find_statements(session, **filters))


def citations_for(
    session: Session, *, rows: Sequence[StatementRow], article: int | str | None = None
) -> Citations:
    """Statement rows with their articles (authors, outlet, via, access date), their claims,
    and the claims' verdicts and appearances. ``article`` (an id or URL) is cited as well, with
    or without statements among the rows."""
    statements = tuple(rows)
    article_ids = sorted({row.article_id for row in statements})
    if article is not None:
        article_ids = sorted({*article_ids, *article_ids_for(session, article)})
    statement_ids = [row.id for row in statements]
    A = models.Article
    S = models.Statement
    outlet_row = aliased(models.Outlet)
    via_row = aliased(models.Outlet)
    articles: dict[int, CitedArticle] = {}
    if article_ids:
        article_query: Any = (
            sa.select(
                col(A.id).label("id"),
                col(A.title).label("title"),
                col(A.byline).label("byline"),
                col(outlet_row.name).label("outlet"),
                col(via_row.name).label("via"),
                col(A.published).label("published"),
                col(A.url).label("url"),
                col(A.lang).label("lang"),
                col(A.ingested_at).label("accessed"),
            )
            .select_from(A)
            .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
            .outerjoin(via_row, col(A.via_outlet_id) == col(via_row.id))
            .where(col(A.id).in_(article_ids))
        )
        authors = article_authors(session, article_ids)
        articles = {
            row.id: CitedArticle(**row._mapping, authors=authors.get(row.id, ()))
            for row in session.execute(article_query)
        }
    claim_of: dict[int, int] = {}
    if statement_ids:
        claim_query = sa.select(col(S.id), col(S.claim_id)).where(
            col(S.id).in_(statement_ids), col(S.claim_id).is_not(None)
        )
        claim_of = {statement_id: claim_id for statement_id, claim_id in session.execute(claim_query)}
    return Citations(statements, articles, claim_of, claim_rows(session, sorted(set(claim_of.values()))))


def claim_rows(session: Session, claim_ids: list[int]) -> dict[int, ClaimRow]:
    """Claims by id, with their verdicts and appearances."""
    if not claim_ids:
        return {}
    C = models.Claim
    V = models.Verdict
    S = models.Statement
    A = models.Article
    speaker_entity = aliased(models.Entity)
    outlet_row = aliased(models.Outlet)
    verdicts: dict[int, list[VerdictRow]] = {claim_id: [] for claim_id in claim_ids}
    verdict_query = (
        sa.select(V).where(col(V.claim_id).in_(claim_ids)).order_by(col(V.date).asc().nulls_last(), col(V.id))
    )
    for verdict in session.scalars(verdict_query):
        assert verdict.id is not None
        verdicts[verdict.claim_id].append(
            VerdictRow(verdict.id, verdict.rating, verdict.reviewer, verdict.url, verdict.date, verdict.note)
        )
    when = sa.func.coalesce(col(S.said_on), col(A.published))
    appearance_query: Any = (
        sa.select(
            col(S.claim_id).label("claim_id"),
            col(S.id).label("statement_id"),
            col(S.article_id).label("article_id"),
            col(S.text).label("text"),
            sa.func.coalesce(col(speaker_entity.name), col(S.speaker_mention)).label("speaker"),
            sa.func.coalesce(col(speaker_entity.kind), col(S.speaker_kind)).label("speaker_kind"),
            col(S.role).label("role"),
            col(S.said_on).label("said_on"),
            col(A.title).label("article_title"),
            col(A.url).label("article_url"),
            col(outlet_row.name).label("outlet"),
            col(A.published).label("published"),
        )
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(speaker_entity, col(S.speaker_id) == col(speaker_entity.id))
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .where(col(S.claim_id).in_(claim_ids))
        .order_by(col(A.published).asc().nulls_last(), when.asc().nulls_last(), col(S.article_id), col(S.id))
    )
    appearances: dict[int, list[AppearanceRow]] = {claim_id: [] for claim_id in claim_ids}
    for row in session.execute(appearance_query):
        fields = dict(row._mapping)
        appearances[fields.pop("claim_id")].append(AppearanceRow(**fields))
    claims = session.scalars(sa.select(C).where(col(C.id).in_(claim_ids)).order_by(col(C.id)))
    return {
        claim.id: ClaimRow(
            claim.id,
            claim.text,
            claim.first_seen,
            claim.status,
            tuple(verdicts[claim.id]),
            tuple(appearances[claim.id]),
        )
        for claim in claims
        if claim.id is not None
    }
