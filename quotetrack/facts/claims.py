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

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import ConflictError, NotFoundError
from quotetrack.facts import estimates
from quotetrack.facts.grouping import (
    DEFAULT_THRESHOLD,
    FeatureCache,
    Group,
    StatementRecord,
    explain,
    group_statements,
    numbers,
    search_terms,
)
from quotetrack.facts.records import (
    ArticleFacts,
    article_facts,
    claim_record,
    claims_shared,
    result_rows,
    text_matches,
)
from quotetrack.store import models
from quotetrack.store.models import CONFIRMED, SUGGESTED
from quotetrack.store.sql import chunks

WINDOW_DAYS = 30  # statements further apart than this are not grouped
# The speakers grouping compares by name: people, and names the engine could not tell apart
# from people's ("Selenskyj" as the only mention).
PERSON_KINDS = ("person", "unknown")


@dataclass(frozen=True, slots=True)
class ClaimUpdate:
    compared: int
    created: int
    joined: int  # statements that joined a claim

    def __add__(self, other: ClaimUpdate) -> ClaimUpdate:
        return ClaimUpdate(
            self.compared + other.compared, self.created + other.created, self.joined + other.joined
        )


class Grouper(Protocol):
    """What groups a stretch of statements into claims: :func:`grouping.group_statements`, or a
    function that gives its result computed elsewhere (``batch facts``: on Spark)."""

    def __call__(
        self,
        records: list[StatementRecord],
        *,
        threshold: float,
        window_days: int,
        focus: set[int],
        cache: FeatureCache,
    ) -> list[Group]: ...


# --- claims -------------------------------------------------------------------------------------


def _day(statement: Any = None, article: Any = None) -> Any:
    """A statement's day: said_on or its article's publication day, else the article's estimate."""
    S, A = statement or models.Statement, article or models.Article
    return sa.func.coalesce(col(S.said_or_published), col(A.published_estimated))


def _records(session: Session, condition: Any) -> list[StatementRecord]:
    """The statements matching ``condition`` (over statements and their articles) as grouping
    sees them: with their article's outlet and the outlets the article names as its source or
    channel (its via line and the sources of all its statements)."""
    S, A, Out, E = models.Statement, models.Article, models.Outlet, models.Entity
    Own, Via = sa.orm.aliased(Out), sa.orm.aliased(Out)
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
            col(A.published_estimated),
            col(Own.name_folded),
            col(Via.name_folded),
            col(E.kind),
            col(E.name),
        )
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(E, col(S.speaker_id) == col(E.id))
        .outerjoin(Out, col(S.source_id) == col(Out.id))
        .outerjoin(Own, col(Own.id) == col(A.outlet_id))
        .outerjoin(Via, col(Via.id) == col(A.via_outlet_id))
        .where(condition)
    )
    rows = result_rows(session, query)
    carriers: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        source, via = row[5], row[11]
        carriers[int(row[1])].update(n.casefold() for n in (source, via) if n)
    frozen = {aid: frozenset(found) for aid, found in carriers.items()}
    return [
        StatementRecord(
            id=int(sid),
            article_id=int(aid),
            text=text,
            lang=lang,
            speaker=str(speaker) if speaker is not None else None,
            source=source.casefold() if source else None,
            day=day if day is not None else estimate,
            claim_id=claim_id,
            claim_score=claim_score,
            estimated=day is None and estimate is not None,
            outlet=own,
            carriers=frozen[int(aid)] - {own},
            speaker_named=kind == "person" and len((name or "").split()) >= 2,
            speaker_name=name if kind in PERSON_KINDS else None,
        )
        for (
            sid,
            aid,
            text,
            lang,
            speaker,
            source,
            day,
            claim_id,
            claim_score,
            estimate,
            own,
            _,
            kind,
            name,
        ) in rows
    ]


SLICE_DAYS = 90  # the days of new statements grouped at a time, with the window on each side
SLICE_STATEMENTS = 20_000  # ... and at most about this many new statements
# Statements grouping holds at a time: a slice with the window on each side. Grouping's memory
# (each statement's features and index postings, some 7 KB) follows this number, so it is bounded
# here, whatever the number of statements stored: a slice holds at most SLICE_CONTEXT stored
# statements (fewer days where days are crowded), and the window around it narrows until the
# whole holds at most CONTEXT_STATEMENTS. 8,000 (about 60 MB) is what a month and a half holds
# at 50 statements a day; where days hold more, the window narrows (at 200 a day, to about a week
# on either side of a slice of four weeks) instead of memory growing with the store.
CONTEXT_STATEMENTS = 8_000
SLICE_CONTEXT = CONTEXT_STATEMENTS * 2 // 3
TEXT_CANDIDATES = 12  # statements of undated articles found through the full-text index, per statement
TEXT_TERMS = 12  # words of a statement asked for there


def update_claims(
    session: Session,
    *,
    article_ids: Sequence[int] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = WINDOW_DAYS,
    grouper: Grouper | None = None,
) -> ClaimUpdate:
    """Groups the statements of ``article_ids`` (or of every article) with the statements around
    them. Only statements without a claim join one; confirmed and rejected memberships stay as a
    person left them. ``grouper`` groups each stretch of statements (``group_statements``).

    Statements are placed by their day, or their article's estimated day, and taken a slice of
    days at a time with the statements of ``window_days`` on either side (fewer days where they
    would hold more than CONTEXT_STATEMENTS): memory depends on how many statements a few weeks
    hold, not on how many there are. Statements of articles with neither a day nor an estimate
    meet their candidates through the full-text index, whatever their day (dates rank, they do
    not exclude), and so do statements of every day meet those."""
    S, A = models.Statement, models.Article
    ids = sorted(set(article_ids)) if article_ids is not None else None
    if ids is not None and not ids:
        return ClaimUpdate(0, 0, 0)
    if ids is not None:
        estimates.estimate_from_metadata(session, ids)
    targets = [sa.true()] if ids is None else [col(S.article_id).in_(chunk) for chunk in chunks(ids)]
    day = _day()
    counts: dict[dt.date, int] = defaultdict(int)
    undated = False
    for target in targets:
        query = (
            sa.select(day, sa.func.count())
            .join_from(S, A, col(S.article_id) == col(A.id))
            .where(target)
            .group_by(day)
        )
        for found, count in result_rows(session, query):
            if found is None:
                undated = True
            else:
                counts[found] += int(count)
    unplaced = _unplaced_exist(session)
    total = ClaimUpdate(0, 0, 0)
    cache = FeatureCache()
    stored = _stored_by_day(session, counts, window_days)
    for first, last in _slices(counts, stored):
        margin = _margin(stored, first, last, window_days)
        cache.forget_before(shift(first, -margin))
        records = _records(session, day.between(shift(first, -margin), shift(last, margin)))
        in_slice = sa.and_(day.between(first, last), sa.or_(*targets))
        focus_query = sa.select(col(S.id)).join_from(S, A, col(S.article_id) == col(A.id)).where(in_slice)
        focus = {int(r[0]) for r in result_rows(session, focus_query)}
        if unplaced:  # statements of articles with no day at all: by their words
            known = {r.id for r in records}
            focus_records = [r for r in records if r.id in focus]
            records += [r for r in _by_text(session, focus_records, unplaced_only=True) if r.id not in known]
        total = total + _group(session, records, focus, threshold, window_days, cache, grouper)
    if undated:  # statements with no day: their candidates come from the full-text index
        for target in targets:
            focus_records = _records(session, sa.and_(day.is_(None), target))
            for at in range(0, len(focus_records), SLICE_STATEMENTS):
                part = focus_records[at : at + SLICE_STATEMENTS]
                known = {r.id for r in part}
                records = part + [
                    r for r in _by_text(session, part, unplaced_only=False) if r.id not in known
                ]
                total = total + _group(session, records, known, threshold, window_days, cache, grouper)
    if ids is not None:
        estimates.estimate_from_related(session, ids)
    return total


class _Stored:
    """How many stored statements each day holds (by the day said or published), counted between
    two days at once."""

    def __init__(self, by_day: dict[dt.date, int]) -> None:
        self.days = sorted(by_day)
        self.sums = [0, *itertools.accumulate(by_day[d] for d in self.days)]

    def between(self, first: dt.date, last: dt.date) -> int:
        upto, before = bisect.bisect_right(self.days, last), bisect.bisect_left(self.days, first)
        return self.sums[upto] - self.sums[before]


def _stored_by_day(session: Session, counts: dict[dt.date, int], window_days: int) -> _Stored:
    """The stored statements a day of the days in ``counts``, and of ``window_days`` around them
    (one query over the index of the day column)."""
    if not counts:
        return _Stored({})
    S = models.Statement
    day = col(S.said_or_published)
    first, last = shift(min(counts), -window_days), shift(max(counts), window_days)
    query = sa.select(day, sa.func.count()).where(day.between(first, last)).group_by(day)
    return _Stored({found: int(n) for found, n in result_rows(session, query) if found is not None})


def _slices(counts: dict[dt.date, int], stored: _Stored | None = None) -> list[tuple[dt.date, dt.date]]:
    """Consecutive stretches of at most SLICE_DAYS days and about SLICE_STATEMENTS statements that
    hold the given days (``counts``: statements a day), each holding at most SLICE_CONTEXT of the
    ``stored`` statements (but at least one day)."""
    slices: list[tuple[dt.date, dt.date]] = []
    held = 0
    for day in sorted(counts):
        if (
            slices
            and (day - slices[-1][0]).days < SLICE_DAYS
            and held + counts[day] <= SLICE_STATEMENTS
            and (stored is None or stored.between(slices[-1][0], day) <= SLICE_CONTEXT)
        ):
            slices[-1] = (slices[-1][0], day)
            held += counts[day]
        else:
            slices.append((day, day))
            held = counts[day]
    return slices


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within the dates Python can represent."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _margin(stored: _Stored, first: dt.date, last: dt.date, window_days: int) -> int:
    """The days on either side of a slice grouping looks at: ``window_days``, or the most with
    which the slice and its sides hold at most CONTEXT_STATEMENTS statements (none, when the
    slice's own days hold that many)."""
    if stored.between(shift(first, -window_days), shift(last, window_days)) <= CONTEXT_STATEMENTS:
        return window_days
    low, high = 0, window_days  # the widest margin that fits lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if stored.between(shift(first, -middle), shift(last, middle)) <= CONTEXT_STATEMENTS:
            low = middle
        else:
            high = middle
    return low


def _unplaced_exist(session: Session) -> bool:
    """Whether any stored statement has neither a day nor an estimated one."""
    S, A = models.Statement, models.Article
    query = (
        sa.select(col(S.id))
        .join_from(S, A, col(S.article_id) == col(A.id))
        .where(col(S.said_or_published).is_(None), col(A.published_estimated).is_(None))
        .limit(1)
    )
    return session.connection().execute(query).first() is not None


def _by_text(
    session: Session, records: Sequence[StatementRecord], *, unplaced_only: bool
) -> list[StatementRecord]:
    """Statements that share telling words with ``records`` (names, numbers, their rarest words and
    those words' translations), found through the full-text index: the candidates of statements
    that no day places. With ``unplaced_only``, only statements with neither a day nor an estimate."""
    S = models.Statement
    found: set[int] = set()
    for record in records:
        terms = search_terms(record.text, record.lang, TEXT_TERMS)
        if terms:
            found.update(text_matches(session, terms, TEXT_CANDIDATES, unplaced_only=unplaced_only))
    found -= {r.id for r in records}
    out: list[StatementRecord] = []
    ordered = sorted(found)
    for chunk in chunks(ordered):
        out += _records(session, col(S.id).in_(chunk))
    return out


def _group(
    session: Session,
    records: list[StatementRecord],
    focus: set[int],
    threshold: float,
    window_days: int,
    cache: FeatureCache,
    grouper: Grouper | None = None,
) -> ClaimUpdate:
    """Groups the focus statements with ``records`` and stores the memberships with their reasons."""
    if not focus:
        return ClaimUpdate(0, 0, 0)
    make_groups = grouper or group_statements
    groups = make_groups(records, threshold=threshold, window_days=window_days, focus=focus, cache=cache)
    by_id = {r.id: r for r in records}
    rejected = _rejections(session, [m.statement_id for g in groups for m in g.members])
    fresh: list[tuple[dict[str, Any], list[Joining]]] = []  # new claims, their members
    joining: list[tuple[int, Joining]] = []  # (claim, member) into existing claims
    for group in groups:
        claim_id = group.claim_id
        newcomers = [
            Joining(m.statement_id, m.score, _reasons(by_id, m.statement_id, m.partner))
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
            joining += [(claim_id, member) for member in newcomers]
    continued = {claim_id for claim_id, _ in joining}
    for claim_id, (_, members) in zip(_insert_claims(session, [c for c, _ in fresh]), fresh, strict=True):
        joining += [(claim_id, member) for member in members]
    _join(session, joining)
    _refresh_first_seen(session, *continued)  # a new claim has its first day already
    session.flush()
    aligned_created, aligned_joined = _join_translations(session, records, rejected, window_days)
    return ClaimUpdate(len(records), len(fresh) + aligned_created, len(joining) + aligned_joined)


@dataclass(frozen=True, slots=True)
class Joining:
    """A statement joining a claim as a suggestion: how sure, and why."""

    statement_id: int
    score: float
    reasons: str | None = None


def _reasons(by_id: dict[int, StatementRecord], statement_id: int, partner: int | None) -> str | None:
    """Why a statement joined its group: the evidence of the pair that gave its score."""
    if partner is None or partner not in by_id:
        return None
    return "\n".join((f"like statement {partner}", *explain(by_id[statement_id], by_id[partner])))


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


def _join(session: Session, memberships: Sequence[tuple[int, Joining]]) -> None:
    """Statements join claims ((claim id, member)) as suggestions, in one executemany; a statement
    that has a claim already keeps it."""
    if not memberships:
        return
    S = models.Statement
    query = (
        sa.update(S)
        .where(col(S.id) == sa.bindparam("sid"), col(S.claim_id).is_(None))
        .values(
            claim_id=sa.bindparam("cid"),
            claim_status=SUGGESTED,
            claim_score=sa.bindparam("cscore"),
            claim_reasons=sa.bindparam("reasons"),
        )
    )
    rows = [
        {"sid": m.statement_id, "cid": cid, "cscore": round(m.score, 3), "reasons": m.reasons}
        for cid, m in memberships
    ]
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
            reason = (
                f"like statement {(other if joiner is mine else mine).id}\nthe same place in a translation"
            )
            _join(session, [(target, Joining(joiner.id, TRANSLATION_SCORE, reason))])
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
    statement.claim_reasons = None
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
    statement.claim_reasons = None
    session.add(statement)
    if session.get(models.ClaimRejection, (claim_id, statement_id)) is None:
        session.add(models.ClaimRejection(claim_id=claim_id, statement_id=statement_id))
    session.flush()
    _refresh_first_seen(session, claim_id)


# --- provenance -----------------------------------------------------------------------------------


# --- trace ----------------------------------------------------------------------------------------


# --- verdicts -------------------------------------------------------------------------------------


# --- after an ingest run -----------------------------------------------------------------------------
