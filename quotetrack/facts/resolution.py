"""One speaker, one outlet: resolving names across articles, merging, undoing merges, aliases.

Ingest matches names exactly (folded name or alias). Resolution goes further: it compares the
speakers or outlets an ingest run created with those already known (``names.NameIndex``), links
the sure matches by merging them, and files the doubtful ones as suggestions for a person to
accept or reject (``quotetrack dedupe``). A merge moves the rows that pointed at the merged
entity and records which, so ``unmerge`` restores the state before it exactly; the merged row
stays, pointing at the one it joined, and name lookups follow it.

Only flushes: the caller commits or rolls back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col, select

from quotetrack.errors import ConflictError, NotFoundError, UsageError
from quotetrack.facts.names import LINK_AT, SUGGEST_AT, Candidate, Match, Mention, NameIndex, blocks_of
from quotetrack.query import lookup
from quotetrack.store import models
from quotetrack.store.limits import MAX_ID, as_row_id
from quotetrack.store.rows import JsonRow
from quotetrack.store.sql import chunks, kept
from quotetrack.text import fold

ENTITY, OUTLET = "entity", "outlet"


@dataclass(frozen=True, slots=True)
class _Kind:
    """What merging one kind of row touches."""

    table: Any
    alias_table: Any
    alias_owner: str
    label: str  # how messages name it
    # "table.column" of every reference that a merge moves to the row kept
    references: tuple[str, ...]


KINDS = {
    ENTITY: _Kind(
        models.Entity,
        models.EntityAlias,
        "entity_id",
        "speaker",
        ("statements.speaker_id", "statements.affiliation_id", "entities.merged_into_id"),
    ),
    OUTLET: _Kind(
        models.Outlet,
        models.OutletAlias,
        "outlet_id",
        "outlet",
        (
            "articles.outlet_id",
            "articles.via_outlet_id",
            "statements.source_id",
            "links.to_outlet_id",
            "outlets.merged_into_id",
        ),
    ),
}
TABLES: dict[str, Any] = {
    "statements": models.Statement,
    "entities": models.Entity,
    "articles": models.Article,
    "links": models.Link,
    "outlets": models.Outlet,
}


@dataclass(frozen=True, slots=True)
class MergeRow(JsonRow):
    id: int
    kind: str
    kept_id: int
    kept: str
    merged_id: int
    merged: str
    moved: int  # references moved
    reason: str | None
    score: float | None
    created_at: dt.datetime
    undone_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SuggestionRow(JsonRow):
    id: int
    kind: str
    subject_id: int
    subject: str
    candidate_id: int
    candidate: str
    score: float
    reason: str | None
    status: str
    subject_statements: int
    candidate_statements: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a resolution pass did."""

    compared: int
    linked: list[MergeRow]
    suggested: int


def _kind(kind: str) -> _Kind:
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}: use {' or '.join(KINDS)}")
    return KINDS[kind]


def _name(session: Session, kind: str, row_id: int) -> str:
    row = session.get(_kind(kind).table, row_id)
    return row.name if row is not None else f"#{row_id}"


def find(session: Session, kind: str, value: str | int, *, follow: bool = True) -> int:
    """The id of the speaker or outlet ``value`` names: an id, or a name or alias that only one
    row has. A merged row stands for the row it was merged into, unless not ``follow``."""
    spec = _kind(kind)
    table = spec.table
    target = kept(table) if follow else col(table.id)
    if isinstance(value, int) or str(value).strip().isdigit():
        row_id = _row_id(value, spec.label)
        row = session.get(table, row_id)
        if row is None:
            raise NotFoundError(f"no {spec.label} with id {row_id}")
        return int(row.id)
    folded = fold(str(value))
    ids = {
        int(r[0])
        for r in session.connection().execute(sa.select(target).where(col(table.name_folded) == folded))
    }
    owner = getattr(spec.alias_table, spec.alias_owner)
    ids |= {
        int(r[0])
        for r in session.connection().execute(
            sa.select(target)
            .join_from(spec.alias_table, table, col(owner) == col(table.id))
            .where(col(spec.alias_table.alias_folded) == folded)
        )
    }
    if not ids:
        names = lookup.match_names(
            session, str(value), names=lookup.ENTITIES if kind == ENTITY else lookup.OUTLETS
        )
        ids = {m.id for m in names.matches}
    if len(ids) == 1:
        return ids.pop()
    if not ids:
        raise NotFoundError(f"no {spec.label} named {value!r}")
    listed = ", ".join(f"#{i} {_name(session, kind, i)}" for i in sorted(ids)[:8])
    raise ConflictError(f"{value!r} names {len(ids)} {spec.label}s ({listed}); give the id")


def _row_id(value: str | int, label: str) -> int:
    """``value`` as the id of a row (store.limits: the digits 0-9, from 1 to MAX_ID); a number
    written in other digits ("²", "١٢") or out of the id column's range is refused with a message,
    never handed to int() or to SQL."""
    number = as_row_id(value)
    if number is not None:
        return number
    if isinstance(value, str):
        text = value.strip()
        shown = text if len(text) <= 40 else f"{text[:20]}… ({len(text):,} digits)"
        if not text.isascii():
            raise UsageError(f"{shown!r} is no {label} id: write ids in the digits 0-9")
    else:  # (str() refuses ints of more than 4,300 digits)
        shown = str(value) if -(10**40) < value < 10**40 else "the number given"
    raise UsageError(f"{shown} is no {label} id: ids are whole numbers from 1 to {MAX_ID:,}")


def _row_ids(session: Session, reference: str, target: int) -> list[int]:
    table_name, column = reference.split(".")
    table = TABLES[table_name]
    query = sa.select(col(table.id)).where(getattr(table, column) == target).order_by(col(table.id))
    return [int(r[0]) for r in session.connection().execute(query)]


def _point(session: Session, reference: str, ids: Sequence[int], target: int | None) -> None:
    table_name, column = reference.split(".")
    table = TABLES[table_name]
    for chunk in chunks(ids):
        session.connection().execute(
            sa.update(table).where(col(table.id).in_(chunk)).values({column: target})
        )


def merge(
    session: Session,
    kind: str,
    kept_id: int,
    merged_id: int,
    *,
    reason: str | None = "merged by hand",
    score: float | None = None,
) -> MergeRow:
    """Merges ``merged_id`` into ``kept_id``: every reference moves to the row kept."""
    spec = _kind(kind)
    kept = session.get(spec.table, kept_id)
    merged = session.get(spec.table, merged_id)
    for row_id, row in ((kept_id, kept), (merged_id, merged)):
        if row is None:
            raise NotFoundError(f"no {spec.label} with id {row_id}")
        if row.merged_into_id is not None:
            raise ConflictError(
                f"{spec.label} #{row_id} {row.name} is merged into #{row.merged_into_id}; use that one"
            )
    if kept_id == merged_id:
        raise UsageError(f"cannot merge {spec.label} #{kept_id} into itself")
    moved: dict[str, list[int]] = {}
    for reference in spec.references:
        ids = _row_ids(session, reference, merged_id)
        if ids:
            moved[reference] = ids
            _point(session, reference, ids, kept_id)
    S = models.MatchSuggestion
    suggestions = [
        cast(int, r[0])
        for r in session.connection().execute(
            sa.select(col(S.id)).where(
                col(S.kind) == kind,
                col(S.status) == "pending",
                sa.or_(
                    sa.and_(col(S.subject_id) == merged_id, col(S.candidate_id) == kept_id),
                    sa.and_(col(S.subject_id) == kept_id, col(S.candidate_id) == merged_id),
                ),
            )
        )
    ]
    if suggestions:
        moved["match_suggestions.accepted"] = suggestions
        session.connection().execute(sa.update(S).where(col(S.id).in_(suggestions)).values(status="accepted"))
    session.connection().execute(
        sa.update(spec.table).where(col(spec.table.id) == merged_id).values(merged_into_id=kept_id)
    )
    record = models.Merge(
        kind=kind,
        kept_id=kept_id,
        merged_id=merged_id,
        moved=json.dumps(moved, sort_keys=True),
        reason=reason,
        score=score,
    )
    session.add(record)
    session.flush()
    return _merge_row(session, record)


def _merge_row(session: Session, record: models.Merge) -> MergeRow:
    moved = json.loads(record.moved)
    return MergeRow(
        id=cast(int, record.id),
        kind=record.kind,
        kept_id=record.kept_id,
        kept=_name(session, record.kind, record.kept_id),
        merged_id=record.merged_id,
        merged=_name(session, record.kind, record.merged_id),
        moved=sum(len(ids) for key, ids in moved.items() if not key.startswith("match_suggestions")),
        reason=record.reason,
        score=record.score,
        created_at=record.created_at,
        undone_at=record.undone_at,
    )


def unmerge(
    session: Session, merge_id: int | None = None, *, kind: str | None = None, row_id: int | None = None
) -> MergeRow:
    """Undoes a merge: by its id, or the merge that joined the row ``row_id`` to another (the
    latest merge into it when it is the row kept). Rows moved by later merges must be freed
    first: only then is the state restored exactly."""
    M = models.Merge
    active = select(M).where(col(M.undone_at).is_(None))
    if merge_id is not None:
        record = session.get(M, merge_id)
        if record is None:
            raise NotFoundError(f"no merge with id {merge_id}")
        if record.undone_at is not None:
            raise ConflictError(f"merge #{merge_id} was undone already")
    else:
        if kind is None or row_id is None:
            raise UsageError("say which merge to undo: its id, or a speaker or outlet")
        record = session.exec(
            active.where(col(M.kind) == kind, col(M.merged_id) == row_id).order_by(col(M.id).desc())
        ).first()
        if record is None:
            record = session.exec(
                active.where(col(M.kind) == kind, col(M.kept_id) == row_id).order_by(col(M.id).desc())
            ).first()
        if record is None:
            raise NotFoundError(f"no merge of {_kind(kind).label} #{row_id} to undo")
    later = session.exec(
        active.where(
            col(M.kind) == record.kind,
            col(M.id) > record.id,
            sa.or_(
                col(M.merged_id).in_([record.kept_id, record.merged_id]),
                col(M.kept_id).in_([record.kept_id, record.merged_id]),
            ),
        ).order_by(col(M.id).desc())
    ).first()
    if later is not None:
        raise ConflictError(f"merge #{later.id} came later and involves the same rows; undo it first")
    moved: dict[str, list[int]] = json.loads(record.moved)
    for reference, ids in moved.items():
        if reference == "match_suggestions.accepted":
            S = models.MatchSuggestion
            session.connection().execute(sa.update(S).where(col(S.id).in_(ids)).values(status="pending"))
        else:
            _point(session, reference, ids, record.merged_id)
    table = _kind(record.kind).table
    session.connection().execute(
        sa.update(table).where(col(table.id) == record.merged_id).values(merged_into_id=None)
    )
    record.undone_at = models.utcnow()
    session.add(record)
    session.flush()
    return _merge_row(session, record)


def merges(session: Session, *, kind: str | None = None, include_undone: bool = False) -> list[MergeRow]:
    M = models.Merge
    query = select(M).order_by(col(M.id))
    if kind:
        query = query.where(col(M.kind) == kind)
    if not include_undone:
        query = query.where(col(M.undone_at).is_(None))
    return [_merge_row(session, record) for record in session.exec(query)]


def add_alias(session: Session, kind: str, row_id: int, alias: str) -> bool:
    """Another name for a speaker or outlet (a translation, a transliteration, a short form);
    False when it has that alias already."""
    spec = _kind(kind)
    folded = fold(alias)
    if not folded:
        raise UsageError("the alias is empty")
    row = session.get(spec.table, row_id)
    if row is None:
        raise NotFoundError(f"no {spec.label} with id {row_id}")
    owner = getattr(spec.alias_table, spec.alias_owner)
    exists = session.connection().execute(
        sa.select(sa.literal(1)).where(owner == row_id, col(spec.alias_table.alias_folded) == folded)
    )
    if exists.first() is not None or folded == row.name_folded:
        return False
    session.add(
        spec.alias_table(**{spec.alias_owner: row_id, "alias": alias.strip(), "alias_folded": folded})
    )
    session.flush()
    return True


def aliases(session: Session, kind: str, row_id: int) -> list[str]:
    spec = _kind(kind)
    owner = getattr(spec.alias_table, spec.alias_owner)
    query = (
        sa.select(col(spec.alias_table.alias)).where(owner == row_id).order_by(col(spec.alias_table.alias))
    )
    return [str(r[0]) for r in session.connection().execute(query)]


# --- resolution ---------------------------------------------------------------------------------


def candidates(
    session: Session,
    kind: str,
    *,
    ids: Iterable[int] | None = None,
    evidence: Iterable[int] | None = None,
) -> list[Candidate]:
    """The rows not merged into another (or only ``ids``), with aliases and, for speakers,
    the roles and affiliations their statements give them (only for ``evidence`` when given)."""
    spec = _kind(kind)
    table = spec.table
    kind_column = col(table.kind) if kind == ENTITY else sa.literal(models.ENTITY_KINDS[2])
    query = sa.select(col(table.id), col(table.name), kind_column).where(col(table.merged_into_id).is_(None))
    wanted = sorted(set(ids)) if ids is not None else None
    rows: dict[int, list[Any]] = {}
    for chunk in _id_chunks(wanted):
        q = query if chunk is None else query.where(col(table.id).in_(chunk))
        for row_id, name, row_kind in session.connection().execute(q):
            kind_name = row_kind if kind == ENTITY else "outlet"
            rows[int(row_id)] = [name, kind_name, [], set(), set()]
    owner = getattr(spec.alias_table, spec.alias_owner)
    for chunk in _id_chunks(wanted):
        q2 = sa.select(owner, col(spec.alias_table.alias))
        if chunk is not None:
            q2 = q2.where(owner.in_(chunk))
        for row_id, alias in session.connection().execute(q2):
            if int(row_id) in rows:
                rows[int(row_id)][2].append(alias)
    if kind == ENTITY:
        S = models.Statement
        asked = sorted(set(evidence)) if evidence is not None else wanted
        for chunk in _id_chunks(asked) if asked is None or asked else ():
            q3 = (
                sa.select(col(S.speaker_id), col(S.role), col(S.affiliation))
                .where(col(S.speaker_id).is_not(None))
                .where(sa.or_(col(S.role).is_not(None), col(S.affiliation).is_not(None)))
                .distinct()
            )
            if chunk is not None:
                q3 = q3.where(col(S.speaker_id).in_(chunk))
            for speaker_id, role, affiliation in session.connection().execute(q3):
                row = rows.get(cast(int, speaker_id))
                if row is None:
                    continue
                if role:
                    row[3].add(fold(role))
                if affiliation:
                    row[4].add(fold(affiliation))
    return [
        Candidate(row_id, name, kind_name, tuple(aliases_), frozenset(roles), frozenset(affiliations))
        for row_id, (name, kind_name, aliases_, roles, affiliations) in sorted(rows.items())
    ]


def _id_chunks(ids: list[int] | None) -> Iterable[list[int] | None]:
    """The ids a chunk at a time (store.sql.chunks), or one None for "every row"."""
    return [None] if ids is None else [list(chunk) for chunk in chunks(ids)]


def _mentions(found: Sequence[Candidate]) -> list[Mention]:
    """A known row as a name to resolve: its own role and affiliation are the first it has."""
    return [
        Mention(
            c.name,
            c.kind,
            role=min(c.roles) if c.roles else None,
            affiliation=min(c.affiliations) if c.affiliations else None,
            exclude=c.id,
        )
        for c in found
    ]


def resolve(
    session: Session,
    kind: str,
    *,
    subject_ids: Iterable[int] | None = None,
    link_at: float = LINK_AT,
    suggest_at: float = SUGGEST_AT,
    link: bool = True,
) -> Resolution:
    """Compares speakers (or outlets) with the others: ``subject_ids`` (say, those an ingest run
    created), or all of them. A sure match merges the later row into the earlier when ``link``;
    a doubtful one, or a sure one when not ``link``, becomes a pending suggestion, unless a person
    rejected it before."""
    wanted = set(subject_ids) if subject_ids is not None else None
    if wanted is None:
        everyone = candidates(session, kind)
    else:
        # the roles and organisations of only the rows that could match: reading them for every
        # speaker would scan all statements after each ingest run
        everyone = candidates(session, kind, evidence=())
        near = blocks_of([c for c in everyone if c.id in wanted])
        close = {c.id for c in everyone if c.id in wanted or near & blocks_of([c], known=True)}
        found = {c.id: c for c in candidates(session, kind, ids=close)}
        everyone = [found.get(c.id, c) for c in everyone]
    subjects = [c for c in everyone if wanted is None or c.id in wanted]
    if not subjects:
        return Resolution(0, [], 0)
    index = NameIndex(everyone, link_at=link_at, suggest_at=suggest_at)
    results = index.match(_mentions(subjects))
    S = models.MatchSuggestion
    known = {
        (int(a), int(b))
        for a, b in session.connection().execute(
            sa.select(col(S.subject_id), col(S.candidate_id)).where(col(S.kind) == kind)
        )
    }
    linked: list[MergeRow] = []
    merged_away: set[int] = set()
    suggested = 0
    for subject, matches in zip(subjects, results, strict=True):
        for match in matches:
            # a pair is looked at once, from its later row; the earlier row is kept
            first, later = sorted((subject.id, match.candidate_id))
            if wanted is None and subject.id != later:
                continue
            if first in merged_away or later in merged_away:
                continue
            if match.link and link and (later, first) not in known:
                linked.append(merge(session, kind, first, later, reason=match.reason, score=match.score))
                merged_away.add(later)
                break
            if (later, first) in known:
                continue
            session.add(
                S(kind=kind, subject_id=later, candidate_id=first, score=match.score, reason=match.reason)
            )
            known.add((later, first))
            suggested += 1
    session.flush()
    return Resolution(len(subjects), linked, suggested)


def suggestions(
    session: Session, kind: str, *, threshold: float = 0.0, status: str = "pending"
) -> list[SuggestionRow]:
    """Suggestions of one kind, best first, with the names and how many statements each side has."""
    spec = _kind(kind)
    S = models.MatchSuggestion
    subject = sa.orm.aliased(spec.table)
    candidate = sa.orm.aliased(spec.table)
    query = (
        sa.select(
            col(S.id),
            col(S.subject_id),
            subject.name,
            col(S.candidate_id),
            candidate.name,
            col(S.score),
            col(S.reason),
            col(S.status),
        )
        .join_from(S, subject, col(S.subject_id) == subject.id)
        .join(candidate, col(S.candidate_id) == candidate.id)
        .where(col(S.kind) == kind, col(S.score) >= threshold, col(S.status) == status)
        .order_by(col(S.score).desc(), col(S.id))
    )
    rows = list(session.connection().execute(query))
    counts = _statement_counts(session, kind, {int(r[1]) for r in rows} | {int(r[3]) for r in rows})
    return [
        SuggestionRow(
            id=int(r[0]),
            kind=kind,
            subject_id=int(r[1]),
            subject=r[2],
            candidate_id=int(r[3]),
            candidate=r[4],
            score=float(r[5]),
            reason=r[6],
            status=r[7],
            subject_statements=counts.get(int(r[1]), 0),
            candidate_statements=counts.get(int(r[3]), 0),
        )
        for r in rows
    ]


def _statement_counts(session: Session, kind: str, ids: set[int]) -> dict[int, int]:
    if not ids:
        return {}
    S = models.Statement
    column = col(S.speaker_id) if kind == ENTITY else col(S.source_id)
    counts: dict[int, int] = {}
    for chunk in _id_chunks(sorted(ids)):
        query = sa.select(column, sa.func.count()).where(column.in_(cast(list[int], chunk))).group_by(column)
        counts.update({cast(int, a): int(b) for a, b in session.connection().execute(query)})
    return counts


def decide(session: Session, suggestion_id: int, *, accept: bool) -> MergeRow | None:
    """Accepts a suggestion (merging the later row into the earlier) or rejects it for good."""
    S = models.MatchSuggestion
    suggestion = session.get(S, suggestion_id)
    if suggestion is None:
        raise NotFoundError(f"no suggestion with id {suggestion_id}")
    if suggestion.status != "pending":
        raise ConflictError(f"suggestion #{suggestion_id} is {suggestion.status} already")
    if not accept:
        suggestion.status = "rejected"
        session.add(suggestion)
        session.flush()
        return None
    spec = _kind(suggestion.kind)
    kept = session.get(spec.table, suggestion.candidate_id)
    merged = session.get(spec.table, suggestion.subject_id)
    kept_id = (kept.merged_into_id or kept.id) if kept is not None else None
    merged_id = (merged.merged_into_id or merged.id) if merged is not None else None
    if kept_id is None or merged_id is None:
        raise ConflictError(f"suggestion #{suggestion_id} names a row that is gone")
    if kept_id == merged_id:
        raise ConflictError(f"suggestion #{suggestion_id}: the two are one already")
    row = merge(
        session, suggestion.kind, kept_id, merged_id, reason="suggestion accepted", score=suggestion.score
    )
    suggestion.status = "accepted"
    session.add(suggestion)
    session.flush()
    return row


def match_names(
    session: Session, kind: str, names: Sequence[str], *, entity_kind: str = "unknown"
) -> list[list[Match]]:
    """The known rows each name could be, best first (nothing is written)."""
    index = NameIndex(candidates(session, kind))
    return index.match([Mention(name, entity_kind) for name in names])
