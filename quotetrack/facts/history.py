"""Claims as people read them: the list with first appearance, outlets, languages and latest
verdict, and one claim's history.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.facts.drift import Drift, claim_drift
from quotetrack.facts.records import claim_record, result_rows
from quotetrack.facts.trace import Node, trace_claim
from quotetrack.query.citations import claim_rows
from quotetrack.store import models
from quotetrack.store.models import SUGGESTED
from quotetrack.store.rows import ClaimRow, JsonRow
from quotetrack.store.sql import CHUNK


@dataclass(frozen=True, slots=True)
class ClaimSummary(JsonRow):
    id: int
    text: str
    first_seen: dt.date | None
    appearances: int
    articles: int
    outlets: tuple[str, ...]
    speakers: tuple[str, ...]
    languages: tuple[str, ...]
    rating: str | None  # the latest verdict's


def list_claims(
    session: Session,
    *,
    search: str | None = None,
    min_articles: int = 2,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
    speaker_id: int | None = None,
) -> list[ClaimSummary]:
    """Claims with their reach, newest first, from the ``offset``-th on: how many articles
    carried each, through which outlets, attributed to whom, in which languages, and the latest
    verdict; ``speaker_id`` keeps the claims a speaker's statements are part of.

    Claims are read a chunk at a time until ``limit`` of them carried by ``min_articles``
    articles are found."""
    C, S = models.Claim, models.Statement
    query = sa.select(col(C.id), col(C.text), col(C.first_seen)).order_by(
        col(C.first_seen).desc().nulls_last(), col(C.id).desc()
    )
    if search:
        # the text as written: % and _ are no wildcards, a backslash no escape (PostgreSQL's)
        query = query.where(col(C.text).icontains(search, autoescape=True))
    if since:
        query = query.where(col(C.first_seen) >= since)
    if until:
        query = query.where(col(C.first_seen) <= until)
    if speaker_id is not None:
        spoken = sa.select(col(S.claim_id)).where(
            col(S.speaker_id) == speaker_id, col(S.claim_id).is_not(None)
        )
        query = query.where(col(C.id).in_(spoken))
    out: list[ClaimSummary] = []
    skipped = 0
    size = CHUNK if limit is None else min(CHUNK, 2 * (limit + offset) + 10)
    for chunk_start in itertools.count(0, size):
        claims = result_rows(session, query.limit(size).offset(chunk_start))
        for summary in _summaries(session, claims, min_articles):
            if skipped < offset:
                skipped += 1
                continue
            out.append(summary)
            if limit is not None and len(out) >= limit:
                return out
        if len(claims) < size:
            return out
    return out  # pragma: no cover - the loop returns


def _summaries(session: Session, claims: list[Any], min_articles: int) -> list[ClaimSummary]:
    """ClaimSummary rows for (id, text, first_seen) rows, those carried by fewer than
    ``min_articles`` articles left out."""
    S, A, Out, E, V = models.Statement, models.Article, models.Outlet, models.Entity, models.Verdict
    if not claims:
        return []
    ids = [int(r[0]) for r in claims]
    members: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    member_query = (
        sa.select(
            col(S.claim_id),
            col(S.article_id),
            col(Out.name),
            col(E.name),
            col(S.speaker_mention),
            col(A.lang),
        )
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(Out, col(A.outlet_id) == col(Out.id))
        .outerjoin(E, col(S.speaker_id) == col(E.id))
        .where(col(S.claim_id).in_(ids))
    )
    for row in result_rows(session, member_query):
        members[int(row[0])].append(tuple(row[1:]))
    verdict_query = (
        sa.select(col(V.claim_id), col(V.rating))
        .where(col(V.claim_id).in_(ids))
        .order_by(col(V.date).asc().nulls_first(), col(V.id))
    )
    ratings: dict[int, str] = {int(c): r for c, r in result_rows(session, verdict_query)}
    out: list[ClaimSummary] = []
    for claim_id, text, first_seen in claims:
        rows = members.get(int(claim_id), [])
        articles = {r[0] for r in rows}
        if len(articles) < min_articles:
            continue
        out.append(
            ClaimSummary(
                id=int(claim_id),
                text=text,
                first_seen=first_seen,
                appearances=len(rows),
                articles=len(articles),
                outlets=tuple(sorted({r[1] for r in rows if r[1]})),
                speakers=tuple(sorted({r[2] or r[3] for r in rows if r[2] or r[3]})),
                languages=tuple(sorted({r[4] for r in rows if r[4]})),
                rating=ratings.get(int(claim_id)),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    claim: ClaimRow
    memberships: dict[int, tuple[str | None, float | None]]  # statement id -> (status, score)
    sources: dict[int, str | None]  # statement id -> relaying outlet
    outlets: tuple[str, ...]  # in the order they first carried it
    trace: Node | None
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)  # statement id -> why grouped
    drift: dict[int, Drift] = field(default_factory=dict)  # statement id -> how it differs

    def to_json(self) -> dict[str, Any]:
        data = self.claim.to_json()
        data["verdicts"] = [v.to_json() for v in self.claim.verdicts]
        data["appearances"] = [a.to_json() for a in self.claim.appearances]
        for appearance in data["appearances"]:
            status, score = self.memberships.get(appearance["statement_id"], (None, None))
            drift = self.drift.get(appearance["statement_id"])
            appearance.update(
                source=self.sources.get(appearance["statement_id"]),
                link_status=status,
                link_score=score,
                reasons=list(self.reasons.get(appearance["statement_id"], ())),
                drift=drift.to_json() if drift is not None else None,
            )
        data["outlets"] = list(self.outlets)
        data["trace"] = self.trace.to_json() if self.trace else None
        return data


def claim_history(session: Session, claim_id: int) -> ClaimHistory:
    """A claim with every appearance, in the order of publication, its verdicts and its trace."""
    claim_record(session, claim_id)
    row = claim_rows(session, [claim_id])[claim_id]
    S, Out = models.Statement, models.Outlet
    query = (
        sa.select(
            col(S.id),
            col(S.claim_status),
            col(S.claim_score),
            sa.func.coalesce(col(Out.name), col(S.source)),
            col(S.claim_reasons),
        )
        .outerjoin(Out, col(S.source_id) == col(Out.id))
        .where(col(S.claim_id) == claim_id)
    )
    memberships: dict[int, tuple[str | None, float | None]] = {}
    sources: dict[int, str | None] = {}
    reasons: dict[int, tuple[str, ...]] = {}
    for sid, status, score, source, why in result_rows(session, query):
        memberships[int(sid)] = (status, score)
        sources[int(sid)] = source
        if why:
            reasons[int(sid)] = tuple(why.splitlines())
    outlets = tuple(dict.fromkeys(a.outlet for a in row.appearances if a.outlet))
    trace = trace_claim(session, claim_id)
    return ClaimHistory(row, memberships, sources, outlets, trace, reasons, claim_drift(session, claim_id))


def article_ids_of_claim(session: Session, claim_id: int) -> list[int]:
    S = models.Statement
    query = sa.select(col(S.article_id)).where(col(S.claim_id) == claim_id).distinct()
    return sorted(int(r[0]) for r in result_rows(session, query))


def article_ids_with_claims(session: Session) -> list[int]:
    S = models.Statement
    query = sa.select(col(S.article_id)).where(col(S.claim_id).is_not(None)).distinct()
    return sorted(int(r[0]) for r in result_rows(session, query))


@dataclass(frozen=True, slots=True)
class MembershipRow(JsonRow):
    """A statement that grouping suggested for a claim, for a person to confirm or remove."""

    claim_id: int
    claim: str
    statement_id: int
    text: str
    speaker: str | None
    outlet: str | None
    published: dt.date | None
    score: float | None


def suggested_memberships(session: Session, *, limit: int = 50) -> list[MembershipRow]:
    """Suggested memberships of the newest claims first, the least sure of a claim first."""
    S, A, C, Out, E = models.Statement, models.Article, models.Claim, models.Outlet, models.Entity
    query = (
        sa.select(
            col(S.claim_id),
            col(C.text),
            col(S.id),
            col(S.text),
            sa.func.coalesce(col(E.name), col(S.speaker_mention)),
            col(Out.name),
            col(A.published),
            col(S.claim_score),
        )
        .join_from(S, C, col(S.claim_id) == col(C.id))
        .join(A, col(S.article_id) == col(A.id))
        .outerjoin(Out, col(A.outlet_id) == col(Out.id))
        .outerjoin(E, col(S.speaker_id) == col(E.id))
        .where(col(S.claim_status) == SUGGESTED)
        .order_by(col(S.claim_id).desc(), col(S.claim_score).asc().nulls_first(), col(S.id))
        .limit(limit)
    )
    return [MembershipRow(*row) for row in result_rows(session, query)]
