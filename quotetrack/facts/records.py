"""What fact tracking reads of the store: query rows, a claim by id, and what each article relays,
republishes and shares with others.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import NotFoundError
from quotetrack.facts.channels import channel_names
from quotetrack.store import fulltext, models
from quotetrack.store.sql import chunks, dialect, kept
from quotetrack.text import fold


@dataclass(slots=True)
class ArticleFacts:
    id: int
    outlet_id: int | None
    via_outlet_id: int | None
    lang: str | None
    published: dt.date | None
    claims: set[int] = field(default_factory=set)
    sources: set[int] = field(default_factory=set)  # outlets its statements are relayed through


def article_facts(session: Session, article_ids: Sequence[int]) -> dict[int, ArticleFacts]:
    """What the provenance of articles is built from. An article relays the outlets its
    statements are passed on through ("told Reuters"), the outlets it quotes as speakers
    ("wie der Harbour Ledger berichtete", "according to Nikkei") and every outlet its text names
    as a channel (``channels``: "sagte er im ZDF", "in an interview with station WSYX"), matched
    by name or alias."""
    A, S, E = models.Article, models.Statement, models.Entity
    facts: dict[int, ArticleFacts] = {}
    outlet_speakers: dict[int, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}  # folded name -> name as written
    for chunk in chunks(sorted(set(article_ids))):
        query = sa.select(
            col(A.id), col(A.outlet_id), col(A.via_outlet_id), col(A.lang), col(A.published)
        ).where(col(A.id).in_(chunk))
        for row in result_rows(session, query):
            facts[int(row[0])] = ArticleFacts(int(row[0]), row[1], row[2], row[3], row[4])
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
        for article_id, claim_id, source_id, outlet_speaker, name in result_rows(session, statement_query):
            if claim_id is not None:
                facts[int(article_id)].claims.add(int(claim_id))
            if source_id is not None:
                facts[int(article_id)].sources.add(int(source_id))
            if outlet_speaker is not None:
                outlet_speakers[int(article_id)].add(outlet_speaker)
                spelled[outlet_speaker] = name
        named = _channels_of(session, chunk)
        for article_id in chunk:
            for name in named[article_id]:
                outlet_speakers[article_id].add(fold(name))
                spelled.setdefault(fold(name), name)
    names = _outlet_ids(session, spelled)
    for article_id, found in outlet_speakers.items():
        facts[article_id].sources |= {names[n] for n in found if n in names}
    return facts


def _stored_outlets(session: Session) -> frozenset[str]:
    """The folded names and aliases of the stored outlets, read once per session."""
    found = session.info.get(STORED_OUTLETS)
    if found is None:
        Out, OA = models.Outlet, models.OutletAlias
        names = {r[0] for r in result_rows(session, sa.select(col(Out.name_folded)))}
        names |= {r[0] for r in result_rows(session, sa.select(col(OA.alias_folded)))}
        found = session.info[STORED_OUTLETS] = frozenset(n for n in names if n and len(n) >= 3)
    return found


STORED_OUTLETS = "quotetrack.facts.stored_outlets"


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
            found.update({name: int(outlet_id) for name, outlet_id in result_rows(session, query)})
    for folded in sorted(set(names) - set(found)):
        outlet = models.Outlet(name=names[folded], name_folded=folded)
        session.add(outlet)
        session.flush()
        found[folded] = cast(int, outlet.id)
    return found


def claims_shared(session: Session, claim_ids: set[int]) -> dict[int, set[int]]:
    """Claim id -> the articles that carry it."""
    S = models.Statement
    out: dict[int, set[int]] = defaultdict(set)
    for chunk in chunks(sorted(claim_ids)):
        query = sa.select(col(S.claim_id), col(S.article_id)).where(col(S.claim_id).in_(chunk)).distinct()
        for claim_id, article_id in result_rows(session, query):
            out[int(claim_id)].add(int(article_id))
    return out


def text_matches(session: Session, terms: Sequence[str], limit: int, *, unplaced_only: bool) -> list[int]:
    """Up to ``limit`` statements holding any of ``terms`` (words or word beginnings), best
    ranked first, from the full-text index; with ``unplaced_only`` only statements that have
    neither a day nor an estimated one."""
    S, A = models.Statement, models.Article
    if dialect(session) == "postgresql":
        expression = " | ".join(fulltext.tsquery_any([t]) + ":*" for t in terms)
        vector: Any = sa.literal_column(f"statements.{fulltext.TSVECTOR_COLUMN}")
        tsquery = sa.func.to_tsquery(
            sa.literal_column(f"'{fulltext.TS_CONFIG}'::regconfig"),
            getattr(sa.func, fulltext.UNACCENT_FUNCTION)(expression),
        )
        query: Any = (
            sa.select(col(S.id))
            .where(vector.op("@@")(tsquery))
            .order_by(sa.func.ts_rank(vector, tsquery).desc())
        )
    else:
        table = fulltext.FTS_TABLE
        fts = sa.table(table, sa.column("rowid"), sa.column("rank"), sa.column(table))
        expression = " OR ".join(fulltext.fts5_string(t) + "*" for t in terms)
        matching = sa.select(fts.c.rowid.label("id"), fts.c.rank.label("rank")).where(
            fts.c[table].op("MATCH")(expression)
        )
        hits = matching.order_by(fts.c.rank).limit(limit * 20 if unplaced_only else limit).subquery("hits")
        query = sa.select(hits.c.id).join(S, col(S.id) == hits.c.id).order_by(hits.c.rank)
    if unplaced_only:
        query = query.join_from(S, A, col(S.article_id) == col(A.id)).where(
            col(S.said_or_published).is_(None), col(A.published_estimated).is_(None)
        )
    return [int(r[0]) for r in result_rows(session, query.limit(limit))]


CHANNELS = "quotetrack.channels"  # session.info: article id -> the channels its text names


def _channels_of(session: Session, article_ids: Sequence[int]) -> dict[int, list[str]]:
    """The outlets each article's text names as a channel (``channels``), read once a transaction:
    claims and provenance both ask for the same articles."""
    known: dict[int, list[str]] = session.info.setdefault(CHANNELS, {})
    todo = [i for i in article_ids if i not in known]
    if todo:
        A = models.Article
        texts = sa.select(col(A.id), col(A.text)).where(col(A.id).in_(todo))
        found = channel_names(result_rows(session, texts), _stored_outlets(session))
        for article_id in todo:
            known[article_id] = found.get(article_id, [])
    return known


def result_rows(session: Session, query: Any) -> list[Any]:
    return list(session.connection().execute(query))


def claim_record(session: Session, claim_id: int) -> models.Claim:
    claim = session.get(models.Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim
