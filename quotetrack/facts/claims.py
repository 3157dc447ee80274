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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import ConflictError, NotFoundError, UsageError
from quotetrack.facts.grouping import (
    DEFAULT_THRESHOLD,
    FeatureCache,
    StatementRecord,
    group_statements,
    numbers,
)
from quotetrack.query.citations import claim_rows
from quotetrack.store import models
from quotetrack.store.rows import ClaimRow, JsonRow, VerdictRow
from quotetrack.store.sql import chunks, kept

WINDOW_DAYS = 30  # statements further apart than this are not grouped
SUGGESTED, CONFIRMED = "suggested", "confirmed"
# the link kinds that bring an article's text from elsewhere, as against relaying a report
CARRIES = ("republishes", "translates")


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


def _rows(session: Session, query: Any) -> list[Any]:
    return list(session.connection().execute(query))


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
        for sid, aid, text, lang, speaker, source, day, claim_id, claim_score in _rows(session, query)
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
        for (day,) in _rows(session, query):
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
        focus = {int(r[0]) for r in _rows(session, sa.select(col(S.id)).where(in_slice))}
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
    facts = _facts(session, sorted(by_article))
    direct = _direct_ids(session, [r.id for r in records])
    by_outlet: dict[int, list[_ArticleFacts]] = defaultdict(list)
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
        found |= {int(r[0]) for r in _rows(session, query)}
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
        claim_of.update({int(i): c for i, c in _rows(session, query)})
    rejected = rejected | _rejections(session, ids)
    articles_of: dict[int, set[int]] = defaultdict(set)
    claim_articles = _sharing(session, {c for c in claim_of.values() if c is not None})
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
        found |= {(int(c), int(s)) for c, s in _rows(session, query)}
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


def _claim(session: Session, claim_id: int) -> models.Claim:
    claim = session.get(models.Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def _statement(session: Session, statement_id: int) -> models.Statement:
    statement = session.get(models.Statement, statement_id)
    if statement is None:
        raise NotFoundError(f"no statement with id {statement_id}")
    return statement


def link(session: Session, claim_id: int | None, statement_id: int) -> int:
    """A person puts a statement into a claim (a new one when ``claim_id`` is None); the claim's id."""
    if claim_id is not None:
        _claim(session, claim_id)
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
    _claim(session, claim_id)
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
) -> list[ClaimSummary]:
    """Claims with their reach, newest first: how many articles carried each, through which
    outlets, attributed to whom, in which languages, and the latest verdict."""
    C, S, A, Out, E, V = (
        models.Claim,
        models.Statement,
        models.Article,
        models.Outlet,
        models.Entity,
        models.Verdict,
    )
    query = sa.select(col(C.id), col(C.text), col(C.first_seen)).order_by(
        col(C.first_seen).desc().nulls_last(), col(C.id).desc()
    )
    if search:
        query = query.where(col(C.text).ilike(f"%{search}%"))
    if since:
        query = query.where(col(C.first_seen) >= since)
    if until:
        query = query.where(col(C.first_seen) <= until)
    claims = _rows(session, query)
    if not claims:
        return []
    ids = [int(r[0]) for r in claims]
    members: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for chunk in chunks(ids):
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
            .where(col(S.claim_id).in_(chunk))
        )
        for row in _rows(session, member_query):
            members[int(row[0])].append(tuple(row[1:]))
    ratings: dict[int, str] = {}
    for chunk in chunks(ids):
        verdict_query = (
            sa.select(col(V.claim_id), col(V.rating))
            .where(col(V.claim_id).in_(chunk))
            .order_by(col(V.date).asc().nulls_first(), col(V.id))
        )
        ratings.update({int(c): r for c, r in _rows(session, verdict_query)})
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
        if limit is not None and len(out) >= limit:
            break
    return out


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    claim: ClaimRow
    memberships: dict[int, tuple[str | None, float | None]]  # statement id -> (status, score)
    sources: dict[int, str | None]  # statement id -> relaying outlet
    outlets: tuple[str, ...]  # in the order they first carried it
    trace: Node | None

    def to_json(self) -> dict[str, Any]:
        data = self.claim.to_json()
        data["verdicts"] = [v.to_json() for v in self.claim.verdicts]
        data["appearances"] = [a.to_json() for a in self.claim.appearances]
        for appearance in data["appearances"]:
            status, score = self.memberships.get(appearance["statement_id"], (None, None))
            appearance.update(
                source=self.sources.get(appearance["statement_id"]), link_status=status, link_score=score
            )
        data["outlets"] = list(self.outlets)
        data["trace"] = self.trace.to_json() if self.trace else None
        return data


def claim_history(session: Session, claim_id: int) -> ClaimHistory:
    """A claim with every appearance, in the order of publication, its verdicts and its trace."""
    _claim(session, claim_id)
    row = claim_rows(session, [claim_id])[claim_id]
    S, Out = models.Statement, models.Outlet
    query = (
        sa.select(
            col(S.id), col(S.claim_status), col(S.claim_score), sa.func.coalesce(col(Out.name), col(S.source))
        )
        .outerjoin(Out, col(S.source_id) == col(Out.id))
        .where(col(S.claim_id) == claim_id)
    )
    memberships: dict[int, tuple[str | None, float | None]] = {}
    sources: dict[int, str | None] = {}
    for sid, status, score, source in _rows(session, query):
        memberships[int(sid)] = (status, score)
        sources[int(sid)] = source
    outlets = tuple(dict.fromkeys(a.outlet for a in row.appearances if a.outlet))
    return ClaimHistory(row, memberships, sources, outlets, trace_claim(session, claim_id))


def article_ids_of_claim(session: Session, claim_id: int) -> list[int]:
    S = models.Statement
    query = sa.select(col(S.article_id)).where(col(S.claim_id) == claim_id).distinct()
    return sorted(int(r[0]) for r in _rows(session, query))


def article_ids_with_claims(session: Session) -> list[int]:
    S = models.Statement
    query = sa.select(col(S.article_id)).where(col(S.claim_id).is_not(None)).distinct()
    return sorted(int(r[0]) for r in _rows(session, query))


# --- provenance -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _ArticleFacts:
    id: int
    outlet_id: int | None
    via_outlet_id: int | None
    lang: str | None
    published: dt.date | None
    claims: set[int] = field(default_factory=set)
    sources: set[int] = field(default_factory=set)  # outlets its statements are relayed through


def _facts(session: Session, article_ids: Sequence[int]) -> dict[int, _ArticleFacts]:
    """What the provenance of articles is built from. An article relays the outlets its
    statements are passed on through ("told Reuters") and the outlets it quotes as speakers
    ("wie der Harbour Ledger berichtete", "according to Nikkei"), matched by name or alias."""
    A, S, E = models.Article, models.Statement, models.Entity
    facts: dict[int, _ArticleFacts] = {}
    outlet_speakers: dict[int, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}  # folded name -> name as written
    for chunk in chunks(sorted(set(article_ids))):
        query = sa.select(
            col(A.id), col(A.outlet_id), col(A.via_outlet_id), col(A.lang), col(A.published)
        ).where(col(A.id).in_(chunk))
        for row in _rows(session, query):
            facts[int(row[0])] = _ArticleFacts(int(row[0]), row[1], row[2], row[3], row[4])
        statement_query = (
            sa.select(col(S.article_id), col(S.claim_id), col(S.source_id), col(E.name_folded), col(E.name))
            .outerjoin(E, sa.and_(col(S.speaker_id) == col(E.id), col(E.kind) == "outlet"))
            .where(
                col(S.article_id).in_(chunk),
                sa.or_(
                    col(S.claim_id).is_not(None),
                    col(S.source_id).is_not(None),
                    col(E.name_folded).is_not(None),
                ),
            )
        )
        for article_id, claim_id, source_id, outlet_speaker, name in _rows(session, statement_query):
            if claim_id is not None:
                facts[int(article_id)].claims.add(int(claim_id))
            if source_id is not None:
                facts[int(article_id)].sources.add(int(source_id))
            if outlet_speaker is not None:
                outlet_speakers[int(article_id)].add(outlet_speaker)
                spelled[outlet_speaker] = name
    names = _outlet_ids(session, spelled)
    for article_id, found in outlet_speakers.items():
        facts[article_id].sources |= {names[n] for n in found if n in names}
    return facts


def _outlet_ids(session: Session, names: dict[str, str]) -> dict[str, int]:
    """Outlets by folded name or alias (a merged outlet stands for the one it joined); an outlet
    quoted as a speaker and not known as an outlet yet is added, so that articles citing it can
    be linked to it and, once one is stored, to its articles. ``names``: folded -> as written."""
    Out, OA = models.Outlet, models.OutletAlias
    found: dict[str, int] = {}
    for chunk in chunks(sorted(names)):
        by_alias = (
            sa.select(col(OA.alias_folded), kept(Out))
            .join_from(OA, Out, col(OA.outlet_id) == col(Out.id))
            .where(col(OA.alias_folded).in_(chunk))
        )
        by_name = sa.select(col(Out.name_folded), kept(Out)).where(col(Out.name_folded).in_(chunk))
        for query in (by_alias, by_name):
            found.update({name: int(outlet_id) for name, outlet_id in _rows(session, query)})
    for folded in sorted(set(names) - set(found)):
        outlet = models.Outlet(name=names[folded], name_folded=folded)
        session.add(outlet)
        session.flush()
        found[folded] = cast(int, outlet.id)
    return found


def _sharing(session: Session, claim_ids: set[int]) -> dict[int, set[int]]:
    """Claim id -> the articles that carry it."""
    S = models.Statement
    out: dict[int, set[int]] = defaultdict(set)
    for chunk in chunks(sorted(claim_ids)):
        query = sa.select(col(S.claim_id), col(S.article_id)).where(col(S.claim_id).in_(chunk)).distinct()
        for claim_id, article_id in _rows(session, query):
            out[int(claim_id)].add(int(article_id))
    return out


def _citing(session: Session, articles: Iterable[_ArticleFacts]) -> set[int]:
    """Articles that name the outlets of ``articles`` as their via or relayed outlet."""
    A, L = models.Article, models.Link
    outlets = sorted({a.outlet_id for a in articles if a.outlet_id is not None})
    found: set[int] = set()
    for chunk in chunks(outlets):
        via = sa.select(col(A.id)).where(col(A.via_outlet_id).in_(chunk))
        linked = sa.select(col(L.from_article_id)).where(col(L.to_outlet_id).in_(chunk))
        found |= {int(r[0]) for query in (via, linked) for r in _rows(session, query)}
    return found


def update_links(session: Session, article_ids: Sequence[int]) -> int:
    """Recomputes the suggested provenance edges of ``article_ids`` and of the articles that share
    a claim with them (a source ingested after the article relaying it is found too); edges a
    person confirmed stay. The number of edges written."""
    L = models.Link
    facts = _facts(session, article_ids)
    sharing = _sharing(session, {c for f in facts.values() for c in f.claims})
    related = {a for articles in sharing.values() for a in articles} | _citing(session, facts.values())
    related -= set(facts)
    facts.update(_facts(session, sorted(related)))
    affected = sorted(facts)
    for chunk in chunks(affected):
        session.connection().execute(
            sa.delete(L).where(col(L.from_article_id).in_(chunk), col(L.status) == SUGGESTED)
        )
    confirmed = {
        (int(a), b, c)
        for chunk in chunks(affected)
        for a, b, c in _rows(
            session,
            sa.select(col(L.from_article_id), col(L.to_article_id), col(L.to_outlet_id)).where(
                col(L.from_article_id).in_(chunk)
            ),
        )
    }
    carriers = _carriers(facts, sharing)
    rows: list[dict[str, Any]] = []
    for article in (facts[a] for a in affected):
        for target in _edges(article, facts, carriers):
            if (article.id, target["to_article_id"], target["to_outlet_id"]) not in confirmed:
                rows.append({"from_article_id": article.id, "status": SUGGESTED, **target})
    if rows:
        session.connection().execute(cast(Any, L).__table__.insert(), rows)
    return len(rows)


def _carriers(
    facts: dict[int, _ArticleFacts], sharing: dict[int, set[int]]
) -> dict[tuple[int, int], list[int]]:
    """(claim id, outlet id) -> the articles of that outlet that carry the claim, among ``facts``."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for claim_id, articles in sharing.items():
        for article_id in articles:
            fact = facts.get(article_id)
            if fact is not None and fact.outlet_id is not None:
                out[claim_id, fact.outlet_id].append(article_id)
    return out


def _edges(
    article: _ArticleFacts, facts: dict[int, _ArticleFacts], carriers: dict[tuple[int, int], list[int]]
) -> list[dict[str, Any]]:
    """Where an article's words came from: its via outlet, then the outlets it relays, each
    narrowed to that outlet's article when one carries the same claims and came no later."""

    def best_article(outlet_id: int) -> tuple[_ArticleFacts | None, float]:
        found: dict[int, tuple[float, int, _ArticleFacts]] = {}
        for claim_id in article.claims:
            for other_id in carriers.get((claim_id, outlet_id), ()):
                if other_id == article.id or other_id in found:
                    continue
                other = facts[other_id]
                if article.published and other.published and other.published > article.published:
                    continue
                shared = len(article.claims & other.claims) / max(1, len(article.claims))
                found[other_id] = (shared, -other.id, other)
        if not found:
            return None, 0.0
        score, _, other = max(found.values(), key=lambda f: (f[0], f[1]))
        return other, score

    edges: list[dict[str, Any]] = []
    if article.via_outlet_id is not None and article.via_outlet_id != article.outlet_id:
        other, score = best_article(article.via_outlet_id)
        translated = other is not None and bool(article.lang and other.lang and article.lang != other.lang)
        edges.append(
            {
                "kind": "translates" if translated else "republishes",
                "to_article_id": other.id if other else None,
                "to_outlet_id": article.via_outlet_id,
                "score": round(score, 3) if other else 1.0,
            }
        )
    for outlet_id in sorted(article.sources - {article.outlet_id, article.via_outlet_id}):
        other, score = best_article(outlet_id)
        edges.append(
            {
                "kind": "relays",
                "to_article_id": other.id if other else None,
                "to_outlet_id": outlet_id,
                "score": round(score, 3) if other else 1.0,
            }
        )
    return edges


# --- trace ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Node:
    """One step of a provenance chain: an article, an outlet known only by name, or the claim."""

    kind: str  # "article", "outlet" or "claim"
    id: int
    label: str
    day: dt.date | None = None
    edge: str | None = None  # how the node above took its words from this one
    status: str | None = None  # suggested or confirmed
    title: str | None = None
    children: list[Node] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "date": self.day.isoformat() if self.day else None,
            "edge": self.edge,
            "status": self.status,
            "title": self.title,
            "sources": [child.to_json() for child in self.children],
        }

    def chain(self) -> list[Node]:
        """The first line of descent: the node, its first source, that one's first source ..."""
        nodes = [self]
        while nodes[-1].children:
            nodes.append(nodes[-1].children[0])
        return nodes

    def walk(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _article_nodes(session: Session, article_ids: Iterable[int]) -> dict[int, Node]:
    A, Out = models.Article, models.Outlet
    nodes: dict[int, Node] = {}
    for chunk in chunks(sorted(set(article_ids))):
        query = (
            sa.select(col(A.id), col(Out.name), col(A.title), col(A.published), col(A.url))
            .outerjoin(Out, col(A.outlet_id) == col(Out.id))
            .where(col(A.id).in_(chunk))
        )
        for article_id, outlet, title, published, url in _rows(session, query):
            label = outlet or url or f"article {article_id}"
            nodes[int(article_id)] = Node("article", int(article_id), label, published, title=title)
    return nodes


def trace_article(session: Session, article_id: int) -> Node:
    """The chain an article's words came through, as a tree rooted at the article."""
    if session.get(models.Article, article_id) is None:
        raise NotFoundError(f"no article with id {article_id}")
    return _trace(session, article_id, set())


def _trace(session: Session, article_id: int, seen: set[int]) -> Node:
    L, Out = models.Link, models.Outlet
    node = _article_nodes(session, [article_id])[article_id]
    seen = seen | {article_id}
    query = (
        sa.select(col(L.kind), col(L.to_article_id), col(L.to_outlet_id), col(L.status), col(Out.name))
        .outerjoin(Out, col(L.to_outlet_id) == col(Out.id))
        .where(col(L.from_article_id) == article_id)
        .order_by(col(L.id))
    )
    edges = sorted(session.connection().execute(query), key=lambda e: (e[0] not in CARRIES, e[0]))
    carrier: Node | None = None
    for kind, to_article, to_outlet, status, outlet_name in edges:
        if to_article is not None and int(to_article) not in seen:
            child = _trace(session, int(to_article), seen)
        else:
            child = Node("outlet", int(to_outlet or 0), outlet_name or "?")
        child.edge, child.status = kind, status
        if kind not in CARRIES and carrier is not None and carrier.kind == "outlet":
            # relayed in a text this article took from an outlet not stored here: that outlet
            # relayed it ("Quelle: Antiwar.com" ... "laut Nikkei")
            carrier.children.append(child)
            continue
        if any(n.kind == child.kind and n.id == child.id for n in node.walk()):
            continue  # reached already through the article it took its text from
        node.children.append(child)
        if kind in CARRIES and carrier is None:
            carrier = child
    return node


def trace_claim(session: Session, claim_id: int) -> Node:
    """A claim's appearances as provenance trees, the articles that carried it last at the top
    and its origin at the bottom; articles reached through another appear once."""
    claim = _claim(session, claim_id)
    S, A = models.Statement, models.Article
    query = (
        sa.select(col(S.article_id), col(A.published))
        .join_from(S, A, col(S.article_id) == col(A.id))
        .where(col(S.claim_id) == claim_id)
        .distinct()
    )
    articles = sorted(
        ((int(a), p) for a, p in _rows(session, query)),
        key=lambda r: (r[1] or dt.date.max, r[0]),
        reverse=True,
    )
    root = Node("claim", claim_id, claim.text, claim.first_seen)
    covered: set[int] = set()
    trees = [_trace(session, article_id, set()) for article_id, _ in articles]
    inside = {n.id for tree in trees for n in list(tree.walk())[1:] if n.kind == "article"}
    for tree in trees:
        if tree.id in inside or tree.id in covered:
            continue
        covered |= {n.id for n in tree.walk() if n.kind == "article"}
        root.children.append(tree)
    return root


def trace_dot(root: Node) -> str:
    """The tree as a Graphviz digraph, edges pointing from each text to where it came from."""

    def name(node: Node) -> str:
        return f"{node.kind[0]}{node.id}"

    def quoted(*parts: str) -> str:
        """A DOT string of ``parts`` on separate lines."""
        escaped = (p.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") for p in parts)
        return '"' + "\\n".join(escaped) + '"'

    lines = ["digraph provenance {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    declared: set[str] = set()
    edges: list[str] = []

    def visit(node: Node) -> None:
        if name(node) not in declared:
            declared.add(name(node))
            parts = [node.label if node.kind != "claim" else _short(node.label, 60)]
            if node.day:
                parts.append(node.day.isoformat())
            shape = {"outlet": ", shape=ellipse", "claim": ", shape=note"}.get(node.kind, "")
            lines.append(f"  {name(node)} [label={quoted(*parts)}{shape}];")
        for child in node.children:
            style = ", style=dashed" if child.status == SUGGESTED else ""
            edges.append(
                f"  {name(node)} -> {name(child)} [label={quoted(child.edge or 'appears in')}{style}];"
            )
            visit(child)

    visit(root)
    return "\n".join([*lines, *edges, "}"]) + "\n"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def trace_text(root: Node) -> str:
    """The chain on one line (Legitim ← Antiwar.com ← Nikkei Asia), then the tree with dates."""
    chain = [n for n in root.chain() if n.kind != "claim"]
    lines = [" ← ".join(n.label for n in chain)] if chain else []

    def describe(node: Node) -> str:
        text = _short(node.label, 70) if node.kind == "claim" else node.label
        if node.kind == "claim":
            text = f"claim {node.id}: {text}"
        if node.title:
            text += f": {_short(node.title, 60)}"
        if node.day:
            text += f" ({node.day.isoformat()})"
        if node.edge:
            suffix = "?" if node.status == SUGGESTED else ""
            text = f"{node.edge}{suffix} {text}"
        return text

    def visit(node: Node, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(prefix + branch + describe(node))
        inner = prefix + ("" if top else ("   " if last else "│  "))
        for i, child in enumerate(node.children):
            visit(child, inner, i == len(node.children) - 1, False)

    visit(root, "", True, True)
    return "\n".join(lines) + "\n"


# --- verdicts -------------------------------------------------------------------------------------


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
    _claim(session, claim_id)
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
        _claim(session, claim_id)
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


# --- after an ingest run -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactUpdate:
    speakers_linked: int
    outlets_linked: int
    suggestions: int
    claims: ClaimUpdate
    links: int

    def line(self) -> str:
        """The summary line's part on what the run changed beyond its articles."""
        parts = [f"{self.claims.joined} statements joined claims ({self.claims.created} new claims)"]
        if self.speakers_linked or self.outlets_linked:
            parts.append(
                f"{self.speakers_linked} speakers and {self.outlets_linked} outlets matched known ones"
            )
        if self.suggestions:
            parts.append(f"{self.suggestions} possible matches to review (quotetrack dedupe)")
        return ", ".join(parts)


def after_ingest(
    session: Session, *, article_ids: Sequence[int], entity_ids: Sequence[int], outlet_ids: Sequence[int]
) -> FactUpdate:
    """What new articles change: their new speakers and outlets resolved against the known
    ones, their statements grouped into claims, their provenance edges."""
    from quotetrack.facts import resolution

    speakers = resolution.resolve(session, resolution.ENTITY, subject_ids=entity_ids) if entity_ids else None
    outlets = resolution.resolve(session, resolution.OUTLET, subject_ids=outlet_ids) if outlet_ids else None
    grouped = update_claims(session, article_ids=article_ids)
    written = update_links(session, article_ids)
    return FactUpdate(
        speakers_linked=len(speakers.linked) if speakers else 0,
        outlets_linked=len(outlets.linked) if outlets else 0,
        suggestions=(speakers.suggested if speakers else 0) + (outlets.suggested if outlets else 0),
        claims=grouped,
        links=written,
    )


def max_ids(session: Session) -> tuple[int, int]:
    """The highest entity and outlet ids: rows above them were created later."""
    E, Out = models.Entity, models.Outlet
    entity = session.connection().execute(sa.select(sa.func.max(col(E.id)))).scalar_one_or_none()
    outlet = session.connection().execute(sa.select(sa.func.max(col(Out.id)))).scalar_one_or_none()
    return int(entity or 0), int(outlet or 0)


def ids_above(session: Session, entity_floor: int, outlet_floor: int) -> tuple[list[int], list[int]]:
    E, Out = models.Entity, models.Outlet
    entities = [int(r[0]) for r in _rows(session, sa.select(col(E.id)).where(col(E.id) > entity_floor))]
    outlets = [int(r[0]) for r in _rows(session, sa.select(col(Out.id)).where(col(Out.id) > outlet_floor))]
    return entities, outlets
