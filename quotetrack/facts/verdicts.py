"""Fact-check verdicts on claims: added, listed, removed."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import NotFoundError, UsageError
from quotetrack.facts.records import claim_record
from quotetrack.store import models
from quotetrack.store.rows import VerdictRow


def add_verdict(
    session: Session,
    claim_id: int,
    *,
    rating: str,
    reviewer: str | None = None,
    url: str | None = None,
    date: dt.date | None = None,
    note: str | None = None,
) -> VerdictRow:
    """Records a fact-checker's rating of a claim."""
    claim_record(session, claim_id)
    if not rating.strip():
        raise UsageError("the rating is empty")
    verdict = models.Verdict(
        claim_id=claim_id, rating=rating.strip(), reviewer=reviewer, url=url, date=date, note=note
    )
    session.add(verdict)
    session.flush()
    return VerdictRow(cast(int, verdict.id), verdict.rating, reviewer, url, date, note)


def list_verdicts(session: Session, claim_id: int | None = None) -> list[dict[str, Any]]:
    """Verdicts as rows, of one claim or of all, oldest first."""
    V = models.Verdict
    query = sa.select(V).order_by(col(V.date).asc().nulls_first(), col(V.id))
    if claim_id is not None:
        claim_record(session, claim_id)
        query = query.where(col(V.claim_id) == claim_id)
    return [
        {
            "id": v.id,
            "claim_id": v.claim_id,
            "rating": v.rating,
            "reviewer": v.reviewer,
            "date": v.date.isoformat() if v.date else None,
            "url": v.url,
            "note": v.note,
        }
        for v in session.scalars(query)
    ]


def remove_verdict(session: Session, verdict_id: int) -> None:
    verdict = session.get(models.Verdict, verdict_id)
    if verdict is None:
        raise NotFoundError(f"no verdict with id {verdict_id}")
    session.delete(verdict)
    session.flush()
