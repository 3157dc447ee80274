"""Fact tracking in the store: claims across articles and languages, provenance, verdicts.

A claim is one thing said, as it appears in many articles. ``update_claims`` groups the
statements of new articles with those around them (``grouping.group_statements``) and stores
the memberships as suggestions with their score; a person confirms (``link``) or removes
(``unlink``) a statement, and removed statements are never suggested for that claim again.

Provenance edges (``links``) say which outlet or article an article republishes, translates or
relays: from its via line ("Quelle: Antiwar.com"), from the outlets its statements are relayed
through ("laut Nikkei"), and from claims it shares with the articles of those outlets.
``trace`` turns them into a tree that ends at the origin.

Only flushes: the caller commits or rolls back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import ConflictError, NotFoundError
from quotetrack.facts.grouping import (
    DEFAULT_THRESHOLD,
    FeatureCache,
    StatementRecord,
    group_statements,
    numbers,
)
from quotetrack.facts.records import ArticleFacts, article_facts, claim_record, claims_shared, result_rows
from quotetrack.store import models
from quotetrack.store.models import CONFIRMED, SUGGESTED
from quotetrack.store.sql import chunks

WINDOW_DAYS = 30  # statements further apart than this are not grouped


@dataclass(frozen=True, slots=True)
class ClaimUpdate:
    compared: int
    created: int
    joined: int  # statements that joined a claim

    def __add__(self, other: ClaimUpdate) -> ClaimUpdate:
        return ClaimUpdate(
            self.compared + other.compared, self.created + other.created, self.joined + other.joined
        )


# --- claims -------------------------------------------------------------------------------------


def _records(session: Session, condition: Any) -> list[StatementRecord]:
    S, A, Out = models.Statement, models.Article, models.Outlet
    query = (
        sa.select(
            col(S.id),
            col(S.article_id),
            col(S.text),
            col(A.lang),
            col(S.speaker_id),
            sa.func.coalesce(col(Out.name_folded), col(S.source)),
            col(S.said_or_published),
            col(S.claim_id),
            col(S.claim_score),
        )
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(Out, col(S.source_id) == col(Out.id))
        .where(condition)
    )
    return [
        StatementRecord(
            id=int(sid),
            article_id=int(aid),
            text=text,
            lang=lang,
            speaker=str(speaker) if speaker is not None else None,
            source=source.casefold() if source else None,
            day=day,
            claim_id=claim_id,
            claim_score=claim_score,
        )
        for sid, aid, text, lang, speaker, source, day, claim_id, claim_score in result_rows(session, query)
    ]


SLICE_DAYS = 90  # the days of new statements grouped at a time, with the window on each side


def update_claims(
    session: Session,
    *,
    article_ids: Sequence[int] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = WINDOW_DAYS,
) -> ClaimUpdate:
    """Groups the statements of ``article_ids`` (or of every article) with the statements of the
    days around them. Only statements without a claim join one; confirmed and rejected
    memberships stay as a person left them.

    The statements are taken a slice of SLICE_DAYS days at a time, each with the statements of
    ``window_days`` on either side: memory depends on how many statements a few months hold,
    not on how many there are."""
    S = models.Statement
    ids = sorted(set(article_ids)) if article_ids is not None else None
    if ids is not None and not ids:
        return ClaimUpdate(0, 0, 0)
    targets = [sa.true()] if ids is None else [col(S.article_id).in_(chunk) for chunk in chunks(ids)]
    days: set[dt.date] = set()
    undated = False
    for target in targets:
        query = sa.select(col(S.said_or_published)).where(target).distinct()
        for (day,) in result_rows(session, query):
            if day is None:
                undated = True
            else:
                days.add(day)
    margin = dt.timedelta(days=window_days)
    total = ClaimUpdate(0, 0, 0)
    cache = FeatureCache()
    for first, last in _slices(sorted(days)):
        cache.forget_before(first - margin)
        context = col(S.said_or_published).between(first - margin, last + margin)
        records = _records(session, context)
        in_slice = sa.and_(col(S.said_or_published).between(first, last), sa.or_(*targets))
        focus = {int(r[0]) for r in result_rows(session, sa.select(col(S.id)).where(in_slice))}
        total = total + _group(session, records, focus, threshold, window_days, cache)
    if undated:  # statements of articles without a date: grouped with each other
        records = _records(session, sa.and_(col(S.said_or_published).is_(None), sa.or_(*targets)))
        total = total + _group(session, records, {r.id for r in records}, threshold, window_days, cache)
    return total


def _slices(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive stretches of at most SLICE_DAYS days that hold the given days."""
    slices: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if slices and (day - slices[-1][0]).days < SLICE_DAYS:
            slices[-1] = (slices[-1][0], day)
        else:
            slices.append((day, day))
    return slices


def _group(
    session: Session,
    records: list[StatementRecord],
    focus: set[int],
    threshold: float,
    window_days: int,
    cache: FeatureCache,
) -> ClaimUpdate:
    """Groups the focus statements with ``records`` and stores the memberships."""
    if not focus:
        return ClaimUpdate(0, 0, 0)
    groups = group_statements(records, threshold=threshold, window_days=window_days, focus=focus, cache=cache)
    by_id = {r.id: r for r in records}
    rejected = _rejections(session, [m.statement_id for g in groups for m in g.members])
    fresh: list[tuple[dict[str, Any], list[tuple[int, float]]]] = []  # new claims, their members
    joining: list[tuple[int, int, float]] = []  # (statement, claim, score) into existing claims
    for group in groups:
        claim_id = group.claim_id
        newcomers = [
            (m.statement_id, m.score)
            for m in group.members
            if by_id[m.statement_id].claim_id is None
            and (claim_id is None or (claim_id, m.statement_id) not in rejected)
        ]
        if not newcomers:
            continue
        if claim_id is None:
            first = by_id[group.members[0].statement_id]
            days = [d for d in (by_id[m.statement_id].day for m in group.members) if d is not None]
            fresh.append(({"text": first.text, "first_seen": min(days, default=None)}, newcomers))
        else:
            joining += [(sid, claim_id, score) for sid, score in newcomers]
    continued = {claim_id for _, claim_id, _ in joining}
    for claim_id, (_, members) in zip(_insert_claims(session, [c for c, _ in fresh]), fresh, strict=True):
        joining += [(sid, claim_id, score) for sid, score in members]
    _join(session, joining)
    _refresh_first_seen(session, *continued)  # a new claim has its first day already
    session.flush()
    aligned_created, aligned_joined = _join_translations(session, records, rejected, window_days)
    return ClaimUpdate(len(records), len(fresh) + aligned_created, len(joining) + aligned_joined)


def _insert_claims(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """New claims in one statement; their ids, in order."""
    if not rows:
        return []
    C = models.Claim
    now = models.utcnow()
    values = [{**row, "status": "open", "created_at": now} for row in rows]
    query = sa.insert(C).returning(col(C.id), sort_by_parameter_order=True)
    result: Any = session.connection().execute(query, values)
    return [int(r[0]) for r in result]


def _join(session: Session, memberships: Sequence[tuple[int, int, float]]) -> None:
    """Statements (id, claim id, score) join claims as suggestions, in one executemany; a
    statement that has a claim already keeps it."""
    if not memberships:
        return
    S = models.Statement
    query = (
        sa.update(S)
        .where(col(S.id) == sa.bindparam("sid"), col(S.claim_id).is_(None))
        .values(claim_id=sa.bindparam("cid"), claim_status=SUGGESTED, claim_score=sa.bindparam("cscore"))
    )
    rows = [{"sid": sid, "cid": cid, "cscore": round(score, 3)} for sid, cid, score in memberships]
    session.connection().execute(query, rows)


TRANSLATION_SCORE = 0.7  # a statement aligned with its place in the article a translation came from
LENGTH_RATIO = 2.0  # a translated statement is at most this much longer or shorter


def _aligned_pairs(
    session: Session, records: Sequence[StatementRecord], window_days: int
) -> list[tuple[StatementRecord, StatementRecord]]:
    """Statements of a translation and of the article it came from that stand in the same place.

    An article in one language whose via line or relayed outlet is the outlet of an article in
    another language, published no later and within the window, keeps that article's statements:
    the k-th statement a speaker makes in one is the k-th that speaker makes in the other, when
    both are direct or both reported, their lengths fit a translation, and their numbers agree."""
    by_article: dict[int, list[StatementRecord]] = defaultdict(list)
    for record in records:
        by_article[record.article_id].append(record)
    facts = article_facts(session, sorted(by_article))
    direct = _direct_ids(session, [r.id for r in records])
    by_outlet: dict[int, list[ArticleFacts]] = defaultdict(list)
    for fact in facts.values():
        if fact.outlet_id is not None:
            by_outlet[fact.outlet_id].append(fact)
    pairs: list[tuple[StatementRecord, StatementRecord]] = []
    for article in facts.values():
        carried = ({article.via_outlet_id} | article.sources) - {None, article.outlet_id}
        for origin in (o for outlet_id in carried for o in by_outlet.get(cast(int, outlet_id), ())):
            if not (article.lang and origin.lang and article.lang != origin.lang):
                continue
            if article.published and origin.published:
                days = (article.published - origin.published).days
                if days < 0 or days > window_days:
                    continue
            pairs += _align(by_article[article.id], by_article[origin.id], direct)
    return pairs


def _align(
    translation: Sequence[StatementRecord], origin: Sequence[StatementRecord], direct: set[int]
) -> list[tuple[StatementRecord, StatementRecord]]:
    def by_speaker(records: Sequence[StatementRecord]) -> dict[str, list[StatementRecord]]:
        out: dict[str, list[StatementRecord]] = defaultdict(list)
        for record in sorted(records, key=lambda r: r.id):
            if record.speaker is not None:
                out[record.speaker].append(record)
        return out

    theirs = by_speaker(origin)
    pairs = []
    for speaker, ours in by_speaker(translation).items():
        for mine, other in zip(ours, theirs.get(speaker, ()), strict=False):
            if (mine.id in direct) != (other.id in direct):
                continue
            ratio = max(len(mine.text), 1) / max(len(other.text), 1)
            if not 1 / LENGTH_RATIO <= ratio <= LENGTH_RATIO:
                continue
            if numbers(mine.text) != numbers(other.text):
                continue
            pairs.append((mine, other))
    return pairs


def _direct_ids(session: Session, statement_ids: Sequence[int]) -> set[int]:
    S = models.Statement
    found: set[int] = set()
    for chunk in chunks(sorted(statement_ids)):
        query = sa.select(col(S.id)).where(col(S.id).in_(chunk), col(S.type) == "direct")
        found |= {int(r[0]) for r in result_rows(session, query)}
    return found


def _join_translations(
    session: Session,
    records: Sequence[StatementRecord],
    rejected: set[tuple[int, int]],
    window_days: int,
) -> tuple[int, int]:
    """Puts aligned statements of translations into the claims of their originals (or a new
    claim for both); the claims created and the statements that joined one."""
    S = models.Statement
    pairs = _aligned_pairs(session, records, window_days)
    if not pairs:
        return 0, 0
    ids = sorted({r.id for pair in pairs for r in pair})
    claim_of: dict[int, int | None] = {}
    for chunk in chunks(ids):
        query = sa.select(col(S.id), col(S.claim_id)).where(col(S.id).in_(chunk))
        claim_of.update({int(i): c for i, c in result_rows(session, query)})
    rejected = rejected | _rejections(session, ids)
    articles_of: dict[int, set[int]] = defaultdict(set)
    claim_articles = claims_shared(session, {c for c in claim_of.values() if c is not None})
    for claim_id, articles in claim_articles.items():
        articles_of[claim_id] |= articles
    created = joined = 0
    touched: set[int] = set()
    for mine, other in pairs:
        mine_claim, other_claim = claim_of.get(mine.id), claim_of.get(other.id)
        if mine_claim is not None and other_claim is not None:
            continue
        if mine_claim is None and other_claim is None:
            days = [d for d in (mine.day, other.day) if d is not None]
            (target,) = _insert_claims(session, [{"text": other.text, "first_seen": min(days, default=None)}])
            created += 1
            joiners = [other, mine]
        else:
            target = cast(int, mine_claim or other_claim)
            joiners = [mine if mine_claim is None else other]
        for joiner in joiners:
            if (target, joiner.id) in rejected or joiner.article_id in articles_of[target]:
                continue
            _join(session, [(joiner.id, target, TRANSLATION_SCORE)])
            claim_of[joiner.id] = target
            articles_of[target].add(joiner.article_id)
            joined += 1
        touched.add(target)
    _refresh_first_seen(session, *touched)
    session.flush()
    return created, joined


def _rejections(session: Session, statement_ids: Sequence[int]) -> set[tuple[int, int]]:
    R = models.ClaimRejection
    found: set[tuple[int, int]] = set()
    for chunk in chunks(sorted(set(statement_ids))):
        query = sa.select(col(R.claim_id), col(R.statement_id)).where(col(R.statement_id).in_(chunk))
        found |= {(int(c), int(s)) for c, s in result_rows(session, query)}
    return found


def _refresh_first_seen(session: Session, *claim_ids: int) -> None:
    """Sets each claim's first day to the earliest day of its statements, a chunk of claims at a
    time."""
    S, C = models.Statement, models.Claim
    earliest = (
        sa.select(sa.func.min(col(S.said_or_published))).where(col(S.claim_id) == col(C.id)).scalar_subquery()
    )
    for chunk in chunks(sorted(set(claim_ids))):
        session.connection().execute(sa.update(C).where(col(C.id).in_(chunk)).values(first_seen=earliest))


def _statement(session: Session, statement_id: int) -> models.Statement:
    statement = session.get(models.Statement, statement_id)
    if statement is None:
        raise NotFoundError(f"no statement with id {statement_id}")
    return statement


def link(session: Session, claim_id: int | None, statement_id: int) -> int:
    """A person puts a statement into a claim (a new one when ``claim_id`` is None); the claim's id."""
    if claim_id is not None:
        claim_record(session, claim_id)
    statement = _statement(session, statement_id)
    if claim_id is None:
        claim = models.Claim(text=statement.text, first_seen=statement.said_or_published)
        session.add(claim)
        session.flush()
        claim_id = cast(int, claim.id)
    previous = statement.claim_id
    R = models.ClaimRejection
    session.connection().execute(
        sa.delete(R).where(col(R.claim_id) == claim_id, col(R.statement_id) == statement_id)
    )
    statement.claim_id = claim_id
    statement.claim_status = CONFIRMED
    session.add(statement)
    session.flush()
    _refresh_first_seen(session, claim_id, *([previous] if previous is not None else []))
    return claim_id


def unlink(session: Session, claim_id: int, statement_id: int) -> None:
    """A person takes a statement out of a claim; grouping will not suggest it there again."""
    claim_record(session, claim_id)
    statement = _statement(session, statement_id)
    if statement.claim_id != claim_id:
        raise ConflictError(f"statement {statement_id} is not part of claim {claim_id}")
    statement.claim_id = None
    statement.claim_status = None
    statement.claim_score = None
    session.add(statement)
    if session.get(models.ClaimRejection, (claim_id, statement_id)) is None:
        session.add(models.ClaimRejection(claim_id=claim_id, statement_id=statement_id))
    session.flush()
    _refresh_first_seen(session, claim_id)


# --- provenance -----------------------------------------------------------------------------------


# --- trace ----------------------------------------------------------------------------------------


# --- verdicts -------------------------------------------------------------------------------------


# --- after an ingest run -----------------------------------------------------------------------------
