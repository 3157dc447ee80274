"""The read side: who said what, when, where, and who else said it.

Built on the rows of ``store`` (``StatementRow``, ``SpeakerRow``, ``ArticleRow``) and the
forgiving name lookups of ``lookup``; functions take an open session and only read.
Statements are never scanned in Python.

Statements are found in two steps: a narrow query orders the matching ids (the date order
comes from the indexes on ``said_or_published``, article and position), then the page of
rows is read with its joins. Full-text search runs in the database (SQLite FTS5,
PostgreSQL tsvector; see ``fulltext`` and the migrations ``0002_fulltext`` and
``0004_read_indexes``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from quotetrack.errors import UsageError
from quotetrack.query.lookup import ENTITIES, OUTLETS, article_ids, match_names, matching_roles
from quotetrack.query.plain import (  # noqa: F401 - the filters are this module's names too
    FILTER_NAMES,
    SORTS,
    Filters,
    Found,
    check,
    unmatched_note,
)
from quotetrack.store import fulltext, models
from quotetrack.store.rows import JsonRow, StatementRow
from quotetrack.store.sql import chunks, dialect, in_list
from quotetrack.text import fold

STATEMENT_TYPES = models.STATEMENT_TYPES


WHO_COMMON = 10_000  # a word in more statements than this is too common to find candidates by
WHO_RARE_WORDS = 6  # candidates share two of the rarest words of the text (one of them rare)
WHO_CANDIDATES = 500  # statements scored by similarity
WHO_MIN_SCORE = 60.0  # similarity (0-100) a statement needs to count
WHO_MAX_WORDS = 40


# --- rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WhoRow(JsonRow):
    """A speaker who said something like the text, with the statements that match."""

    speaker: str
    speaker_id: int
    speaker_kind: str
    score: float  # the best statement's similarity to the text, 0-100
    statements: int  # their matching statements
    first_said_on: dt.date | None
    last_said_on: dt.date | None
    outlets: tuple[str, ...]
    text: str  # the best-matching statement
    statement_id: int


# --- statements -----------------------------------------------------------------------------------


def statement_rows() -> Any:
    """A select of every StatementRow column, with the joins they need."""
    S = models.Statement
    A = models.Article
    speaker_entity = aliased(models.Entity)
    outlet_row = aliased(models.Outlet)
    via_row = aliased(models.Outlet)
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
    return (
        sa.select(*columns)
        .join_from(S, A, col(S.article_id) == col(A.id))
        .outerjoin(speaker_entity, col(S.speaker_id) == col(speaker_entity.id))
        .outerjoin(outlet_row, col(A.outlet_id) == col(outlet_row.id))
        .outerjoin(via_row, col(A.via_outlet_id) == col(via_row.id))
    )


def rows_by_id(session: Session, ids: Sequence[int]) -> list[StatementRow]:
    """The statements with these ids, in this order."""
    S = models.Statement
    rows: dict[int, StatementRow] = {}
    for chunk in chunks(ids):
        for row in session.execute(statement_rows().where(col(S.id).in_(list(chunk)))):
            rows[row.id] = StatementRow(**row._mapping)
    return [rows[i] for i in ids if i in rows]


@dataclass(slots=True)
class Plan:
    """The filters resolved: SQL conditions, whether they need the article, the search."""

    conditions: list[Any] = field(default_factory=list)
    needs_article: bool = False
    search: fulltext.SearchQuery | None = None
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    speaker_ids: list[int] = field(default_factory=list)  # the speakers a speaker filter names, if listed


def _plan(session: Session, filters: Filters) -> Plan:
    S = models.Statement
    A = models.Article
    plan = Plan(search=fulltext.parse(filters.search) if filters.search is not None else None)
    for name, value, names, column in (
        ("speaker", filters.speaker, ENTITIES, col(S.speaker_id)),
        ("organization", filters.organization, ENTITIES, col(S.affiliation_id)),
        ("outlet", filters.outlet, OUTLETS, col(A.outlet_id)),
        ("source", filters.source, OUTLETS, col(S.source_id)),
    ):
        if value is None:
            continue
        matched = match_names(session, value, names=names)
        if matched.empty:
            plan.unmatched.append((name, value))
        else:
            plan.conditions.append(matched.condition(column))
            plan.needs_article |= name == "outlet"
            if name == "speaker" and matched.subquery is None:
                plan.speaker_ids = sorted({m.id for m in matched.matches})
    if filters.role is not None:
        roles = matching_roles(session, filters.role)
        if roles:
            plan.conditions.append(in_list(col(S.role), roles))
        else:
            plan.unmatched.append(("role", filters.role))
    if filters.article is not None:
        ids = article_ids(session, filters.article)
        if ids:
            plan.conditions.append(in_list(col(S.article_id), ids))
        else:
            plan.unmatched.append(("article", str(filters.article)))
    if filters.since is not None:
        plan.conditions.append(col(S.said_or_published) >= filters.since)
    if filters.until is not None:
        plan.conditions.append(col(S.said_or_published) <= filters.until)
    if filters.type is not None:
        plan.conditions.append(col(S.type) == filters.type)
    if filters.min_confidence is not None:
        plan.conditions.append(col(S.confidence) >= filters.min_confidence)
    if filters.lang is not None:
        plan.conditions.append(sa.func.lower(col(A.lang)) == filters.lang.strip().lower())
        plan.needs_article = True
    return plan


def _fts(
    session: Session, query: Any, expression: str | fulltext.SearchQuery, *, ranked: bool = True
) -> tuple[Any, Any]:
    """``query`` restricted to statements matching the full-text ``expression``, and the rank
    to order them by (ascending: best first; None unless ``ranked``: ranking costs on SQLite)."""
    S = models.Statement
    name = dialect(session)
    if name == "sqlite":
        match = expression if isinstance(expression, str) else fulltext.to_fts5(expression)
        table = fulltext.FTS_TABLE
        fts = sa.table(table, sa.column("rowid"), sa.column("rank"), sa.column(table))
        columns = [fts.c.rowid.label("id"), *([fts.c.rank.label("rank")] if ranked else [])]
        hits = sa.select(*columns).where(fts.c[table].op("MATCH")(match)).subquery("fts")
        return query.join(hits, hits.c.id == col(S.id)), hits.c.rank.asc() if ranked else None
    if name == "postgresql":
        text = expression if isinstance(expression, str) else fulltext.to_tsquery(expression)
        vector: Any = sa.literal_column(f"statements.{fulltext.TSVECTOR_COLUMN}")
        tsquery = sa.func.to_tsquery(
            sa.literal_column(f"'{fulltext.TS_CONFIG}'::regconfig"),
            getattr(sa.func, fulltext.UNACCENT_FUNCTION)(text),
        )
        return query.where(vector.op("@@")(tsquery)), sa.func.ts_rank(vector, tsquery).desc()
    raise UsageError(f"full-text search needs SQLite or PostgreSQL, not {name}")  # pragma: no cover


COMMON_MATCHES = 5_000  # from this many matches on, newest first walks the date index (SQLite)


def _fts_ids(expression: fulltext.SearchQuery) -> Any:
    """SQLite: the ids of the statements matching ``expression``, as a subquery."""
    table = fulltext.FTS_TABLE
    fts = sa.table(table, sa.column("rowid"), sa.column(table))
    return sa.select(fts.c.rowid).where(fts.c[table].op("MATCH")(fulltext.to_fts5(expression)))


def _common(session: Session, expression: fulltext.SearchQuery) -> bool:
    """Whether a full-text search matches COMMON_MATCHES statements or more (SQLite; counted in
    the index alone, up to that many)."""
    if dialect(session) != "sqlite":
        return False
    hits = _fts_ids(expression).limit(COMMON_MATCHES).subquery()
    return (session.execute(sa.select(sa.func.count()).select_from(hits)).scalar() or 0) >= COMMON_MATCHES


RANKED_FIRST = 100  # best-ranked matches read beyond those wanted, to see where their rank's ties end
RANKED_AT_MOST = 10_000  # ... and at most this many: beyond, every match is ranked and sorted with its date


def _best_ranked(session: Session, search: fulltext.SearchQuery, wanted: int) -> list[int] | None:
    """SQLite: the ids of the ``wanted`` best matches of a search with no other filter, best first
    and, between equal ranks, by date, as ``ordered_ids`` sorts them; None when ties at the last
    rank wanted run on too far.

    FTS5 ranks the matches (bm25, the ``rank`` column's function) and keeps the best in a
    bounded sorter, without looking up every match's statement row: only the ids read, of which
    all that share the last wanted rank, are sorted by date. A search for common words that
    matches most statements takes a fifth less time so."""
    if wanted > RANKED_AT_MOST:
        return None
    table = fulltext.FTS_TABLE
    query = sa.text(
        f"SELECT rowid, bm25({table}) AS r FROM {table} WHERE {table} MATCH :match ORDER BY r LIMIT :n"
    )
    match = fulltext.to_fts5(search)
    fetch = wanted + RANKED_FIRST
    while True:
        hits = [(int(i), float(r)) for i, r in session.execute(query, {"match": match, "n": fetch})]
        if len(hits) < fetch:  # every match is here
            break
        if hits[wanted - 1][1] < hits[-1][1]:  # the ties of the last rank wanted are all here
            hits = [hit for hit in hits if hit[1] <= hits[wanted - 1][1]]
            break
        if fetch >= RANKED_AT_MOST:
            return None
        fetch = min(fetch * 4, RANKED_AT_MOST)
    S = models.Statement
    rank = dict(hits)
    keys: list[tuple[Any, ...]] = []
    for chunk in chunks(sorted(rank)):
        query_dates = sa.select(col(S.id), col(S.said_or_published), col(S.article_id), col(S.start)).where(
            col(S.id).in_(list(chunk))
        )
        for sid, day, article_id, start in session.execute(query_dates):
            keys.append((rank[sid], day is None, day or dt.date.min, article_id, start, sid))
    return [key[-1] for key in sorted(keys)][:wanted]


RANK_AT_MOST = 50_000  # a search matching more statements ranks only this many, the most recently stored


@dataclass(frozen=True, slots=True)
class Ranked(Found):
    """Found rows, ranked among only part of the matches, and a note saying which part."""

    note: str = ""


def _matching(session: Session, plan: Plan, needs_article: bool) -> Any:
    """The ids of the statements matching the search and the filters, unordered."""
    S = models.Statement
    A = models.Article
    assert plan.search is not None
    query: Any = sa.select(col(S.id))
    if needs_article:
        query = query.join_from(S, A, col(S.article_id) == col(A.id))
    query, _rank = _fts(session, query, plan.search, ranked=False)
    return query.where(*plan.conditions)


def _matches(session: Session, plan: Plan, needs_article: bool, cap: int) -> int:
    """How many statements match the search and the filters, counted up to ``cap``."""
    hits = _matching(session, plan, needs_article).limit(cap).subquery()
    return session.execute(sa.select(sa.func.count()).select_from(hits)).scalar() or 0


def _about(session: Session, plan: Plan, needs_article: bool) -> str:
    """How many statements match the search and the filters: counted in the index on SQLite (a
    fifth of a second at a million matches); on PostgreSQL, where counting reads every matching
    row, the planner's estimate (from the statistics ANALYZE keeps of the tsvector column)."""
    query = _matching(session, plan, needs_article)
    if dialect(session) != "postgresql":
        hits = query.subquery()
        return f"{session.execute(sa.select(sa.func.count()).select_from(hits)).scalar() or 0:,}"
    sql = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    plans: Any = session.execute(sa.text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar()
    estimate = int(plans[0]["Plan"]["Plan Rows"])
    if estimate <= RANK_AT_MOST:
        return f"more than {RANK_AT_MOST:,}"
    return f"about {float(f'{estimate:.2g}'):,.0f}"


def _newest_ranked(session: Session, plan: Plan, needs_article: bool) -> tuple[Any, Any]:
    """The RANK_AT_MOST most recently stored statements matching the search and the filters (the
    highest ids: the full-text index on SQLite, the primary key on PostgreSQL yield them in
    that order, so that only these are ranked), as a subquery of id and rank, and the order of
    that rank (best first)."""
    S = models.Statement
    A = models.Article
    assert plan.search is not None
    if dialect(session) == "sqlite":
        table = fulltext.FTS_TABLE
        fts = sa.table(table, sa.column("rowid"), sa.column("rank"), sa.column(table))
        query: Any = sa.select(fts.c.rowid.label("id"), fts.c.rank.label("rank")).where(
            fts.c[table].op("MATCH")(fulltext.to_fts5(plan.search))
        )
        query = query.add_columns(*_DATE_KEYS).join(S, col(S.id) == fts.c.rowid)
        if needs_article:
            query = query.join(A, col(S.article_id) == col(A.id))
        newest = query.where(*plan.conditions).order_by(fts.c.rowid.desc()).limit(RANK_AT_MOST).subquery()
        return newest, newest.c.rank.asc()
    query = sa.select(col(S.id).label("id"))
    if needs_article:
        query = query.join_from(S, A, col(S.article_id) == col(A.id))
    query, rank = _fts(session, query, plan.search)
    score = rank.element  # ts_rank(...), ordered descending
    query = query.add_columns(score.label("rank"), *_DATE_KEYS).where(*plan.conditions)
    newest = query.order_by(col(S.id).desc()).limit(RANK_AT_MOST).subquery()
    return newest, newest.c.rank.desc()


_DATE_KEYS: tuple[Any, ...] = (
    col(models.Statement.said_or_published).label("said_or_published"),
    col(models.Statement.article_id).label("article_id"),
    col(models.Statement.start).label("start"),
)


def ordered_ids(
    session: Session,
    plan: Plan,
    sort: str,
    limit: int | None,
    *,
    offset: int = 0,
    notes: list[str] | None = None,
) -> list[int]:
    """The ids of the matching statements in ``sort`` order, from the ``offset``-th on: a narrow
    query that the date indexes (day, article, position) can answer without reading the
    statements.

    By relevance, a page within the first RANK_AT_MOST of a search that matches more
    statements than that is the best of the RANK_AT_MOST most recently stored matches (ranking
    every match of a search for common words takes seconds); what was ranked is added to
    ``notes``."""
    S = models.Statement
    A = models.Article
    query: Any = sa.select(col(S.id))
    needs_article = plan.needs_article or sort == "outlet"
    if needs_article:
        query = query.join_from(S, A, col(S.article_id) == col(A.id))
    rank = None
    if (
        plan.search is not None
        and sort == "relevance"
        and limit is not None
        and offset + limit <= RANK_AT_MOST
        and _matches(session, plan, needs_article, RANK_AT_MOST + 1) > RANK_AT_MOST
    ):
        newest, rank = _newest_ranked(session, plan, needs_article)
        keys = newest.c
        query = (
            sa.select(keys.id)
            .order_by(rank, keys.said_or_published.asc().nulls_last(), keys.article_id, keys.start, keys.id)
            .limit(limit)
            .offset(offset or None)
        )
        ids = list(session.execute(query).scalars())
        if notes is not None:
            notes.append(
                f"Ranked the {RANK_AT_MOST:,} most recently stored of {_about(session, plan, needs_article)} "
                "matching statements; "
                "narrow the search (more words, a phrase, a filter) for the best of all."
            )
        return ids
    if (
        plan.search is not None
        and sort == "relevance"
        and limit is not None
        and not plan.conditions
        and not needs_article
        and dialect(session) == "sqlite"
    ):
        best = _best_ranked(session, plan.search, limit + offset)
        if best is not None:
            return best[offset : offset + limit]
    if plan.search is not None and sort == "-date" and _common(session, plan.search):
        # newest first among many matches: walk the date index and keep the matching ids
        # (the unary + keeps SQLite from looking each match up by id and sorting them all)
        hits = _fts_ids(plan.search)
        query = query.where(sa.literal_column("+statements.id").in_(hits))
    elif plan.search is not None:
        query, rank = _fts(session, query, plan.search, ranked=sort == "relevance")
    by_date = _date_order(col(S.id), col(S.said_or_published), col(S.article_id), col(S.start), "date")
    order: list[Any] = by_date
    if sort == "-date":
        order = _date_order(col(S.id), col(S.said_or_published), col(S.article_id), col(S.start), sort)
    elif sort == "speaker":
        speaker = aliased(models.Entity)
        query = query.outerjoin(speaker, col(S.speaker_id) == col(speaker.id))
        order = [col(speaker.name_folded).asc().nulls_last(), *by_date]
    elif sort == "outlet":
        outlet = aliased(models.Outlet)
        query = query.outerjoin(outlet, col(A.outlet_id) == col(outlet.id))
        order = [col(outlet.name_folded).asc().nulls_last(), *by_date]
    elif sort == "confidence":
        order = [col(S.confidence).desc(), *by_date]
    elif sort == "relevance" and rank is not None:
        order = [rank, *by_date]
    if plan.search is None and sort in ("date", "-date") and limit is not None and _each_speaker(plan):
        return _by_speaker(session, query, plan, sort, limit, offset)
    query = query.where(*plan.conditions).order_by(*order).limit(limit)
    if offset:
        query = query.offset(offset)
    return list(session.execute(query).scalars())


BRANCHES_AT_MOST = 16  # speakers a filter may name and still be read one by one


def _each_speaker(plan: Plan) -> bool:
    return 1 < len(plan.speaker_ids) <= BRANCHES_AT_MOST


def _by_speaker(session: Session, query: Any, plan: Plan, sort: str, limit: int, offset: int) -> list[int]:
    """The page in date order of a filter naming a few speakers: each speaker's first
    ``offset + limit`` statements from the index over (speaker, day, article, position), merged.
    (One query over all of them walks the date index and skips every other speaker's
    statements, which is slow when the speakers are rarely quoted.)"""
    S = models.Statement
    keys = (col(S.id), col(S.said_or_published), col(S.article_id), col(S.start))
    branches = [
        query.with_only_columns(*keys)
        .where(col(S.speaker_id) == speaker, *plan.conditions)
        .order_by(*_date_order(*keys, sort))
        .limit(offset + limit)
        .subquery()
        .select()
        for speaker in plan.speaker_ids
    ]
    merged = sa.union_all(*branches).subquery()
    c = merged.c
    page = sa.select(c.id).order_by(*_date_order(c.id, c.said_or_published, c.article_id, c.start, sort))
    return list(session.execute(page.limit(limit).offset(offset or None)).scalars())


def _date_order(key: Any, day: Any, article: Any, start: Any, sort: str) -> list[Any]:
    """The order of ``date`` (oldest first) or ``-date`` (newest first) over these columns."""
    if sort == "-date":
        return [day.desc().nulls_last(), article.desc(), start, key]
    return [day.asc().nulls_last(), article, start, key]


_check = check


def search_statements(
    session: Session,
    filters: Filters | None = None,
    *,
    sort: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Found:
    """Statements matching every filter, in ``sort`` order (default: relevance with a search,
    else date), from the ``offset``-th on, and the filters that matched nothing.

    Sorts: ``date`` (when said, else published, oldest first; undated last), ``-date``
    (newest first), ``speaker`` and ``outlet`` (by folded name, then date), ``confidence``
    (highest first, then date), ``relevance`` (best full-text match first; with ``search``).
    When only part of the matches was ranked (see :func:`ordered_ids`), a :class:`Ranked`
    whose ``note`` says so.
    """
    filters = filters or Filters()
    _check(filters, sort)
    plan = _plan(session, filters)
    if plan.unmatched:
        return Found([], tuple(plan.unmatched))
    sort = sort or ("relevance" if filters.search is not None else "date")
    notes: list[str] = []
    ids = ordered_ids(session, plan, sort, limit, offset=offset, notes=notes)
    rows = rows_by_id(session, ids)
    return Ranked(rows, note=" ".join(notes)) if notes else Found(rows)


def speakers_and_claims(session: Session, ids: Sequence[int]) -> dict[int, tuple[int | None, int | None]]:
    """For statements by id: the id of their speaker (the entity) and of their claim."""
    S = models.Statement
    out: dict[int, tuple[int | None, int | None]] = {}
    for chunk in chunks(list(ids)):
        query = sa.select(col(S.id), col(S.speaker_id), col(S.claim_id)).where(col(S.id).in_(list(chunk)))
        out.update({row[0]: (row[1], row[2]) for row in session.execute(query)})
    return out


def find_statements(
    session: Session,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    article_id: int | None = None,
    limit: int | None = None,
    sort: str | None = None,
    **more: Any,
) -> list[StatementRow]:
    """The rows of :func:`search_statements`; ``more`` takes the other :class:`Filters` fields."""
    article = more.pop("article", None)
    filters = Filters(
        speaker=speaker,
        outlet=outlet,
        since=since,
        until=until,
        article=article_id if article_id is not None else article,
        **more,
    )
    return search_statements(session, filters, sort=sort, limit=limit).rows


# --- who said something like this -----------------------------------------------------------------


def _document_frequencies(session: Session, words: Sequence[str], cap: int) -> dict[str, int]:
    """In how many statements each word occurs, counted up to ``cap`` (SQLite, in one query);
    on PostgreSQL estimated from the statistics ANALYZE keeps of the most common lexemes
    (counting there would read the rows), a word not among them at half the rarest one."""
    if dialect(session) == "postgresql":
        estimated = _estimated_frequencies(session, words)
        if estimated is not None:
            return estimated
        count = (
            f"(SELECT count(*) FROM (SELECT 1 FROM statements WHERE {fulltext.TSVECTOR_COLUMN} @@ "
            f"to_tsquery('{fulltext.TS_CONFIG}', {fulltext.UNACCENT_FUNCTION}(:q{{n}})) LIMIT :cap) AS hits)"
        )
        expressions = [fulltext.tsquery_any([word]) for word in words]
    else:
        count = (
            f"(SELECT count(*) FROM (SELECT 1 FROM {fulltext.FTS_TABLE} "
            f"WHERE {fulltext.FTS_TABLE} MATCH :q{{n}} LIMIT :cap))"
        )
        expressions = [fulltext.fts5_any([word]) for word in words]
    sql = "SELECT " + ", ".join(count.format(n=n) for n in range(len(words)))
    parameters: dict[str, Any] = {f"q{n}": expression for n, expression in enumerate(expressions)}
    row = session.execute(sa.text(sql), {**parameters, "cap": cap}).one()
    return {word: int(value) for word, value in zip(words, row, strict=True)}


def _estimated_frequencies(session: Session, words: Sequence[str]) -> dict[str, int] | None:
    """PostgreSQL: statement counts from pg_stats' most common elements of the tsvector column;
    None before the table was analysed."""
    common = (
        "SELECT unnest(most_common_elems::text::text[]) AS lexeme, unnest(most_common_elem_freqs) AS share "
        "FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'statements' "
        f"AND attname = '{fulltext.TSVECTOR_COLUMN}'"
    )
    shares = session.execute(
        sa.text(
            f"SELECT word, share, (SELECT min(share) FROM ({common}) AS c WHERE lexeme IS NOT NULL) AS least "
            f"FROM unnest(CAST(:words AS text[])) AS w(word) "
            f"LEFT JOIN ({common}) AS s ON s.lexeme = {fulltext.UNACCENT_FUNCTION}(w.word)"
        ),
        {"words": list(words)},
    ).all()
    if not shares or shares[0].least is None:
        return None
    total = session.execute(sa.select(sa.func.max(col(models.Statement.id)))).scalar() or 0
    return {
        row.word: max(1, round((row.share if row.share is not None else row.least / 2) * total))
        for row in shares
    }


def _candidates(session: Session, plan: Plan, expression: str, limit: int) -> list[tuple[int, str]]:
    """(id, text) of up to ``limit`` statements with a named speaker matching the filters and
    the full-text expression (in index order: ranking every match would cost more)."""
    S = models.Statement
    A = models.Article
    query: Any = sa.select(col(S.id), col(S.text))
    if plan.needs_article:
        query = query.join_from(S, A, col(S.article_id) == col(A.id))
    query, _rank = _fts(session, query, expression, ranked=False)
    query = query.where(col(S.speaker_id).is_not(None), *plan.conditions).limit(limit)
    return [(row.id, row.text) for row in session.execute(query)]


def _similarity(target: str, text: str) -> float:
    from rapidfuzz import fuzz  # imported here: only `who` needs it

    folded = fold(text)
    return max(fuzz.token_set_ratio(target, folded), fuzz.partial_ratio(target, folded))


def who(
    session: Session, text: str, *, filters: Filters | None = None, limit: int | None = None
) -> list[WhoRow]:
    """Speakers who said something like ``text``, best match first.

    Candidates come from the full-text index, in one query: statements holding all the
    text's words (only its rarest, when it has words in at most WHO_COMMON statements besides
    frequent ones), or two of its rarest words (one of them in at most WHO_COMMON statements),
    the most telling pairs, as many as are expected to give WHO_CANDIDATES statements. Each
    is scored by its similarity to the text (rapidfuzz token-set and partial ratio of the
    folded texts, 0-100) and counts from WHO_MIN_SCORE. Speakers are ranked by their best
    statement, then by how many of their statements match. Statements without a named
    speaker are left out.
    """
    filters = replace(filters or Filters(), search=None)
    _check(filters, None)
    words = list(dict.fromkeys(fulltext.words(text)))
    if len(words) > 1:
        words = [word for word in words if len(word) > 1] or words
    words = words[:WHO_MAX_WORDS]
    if not words:
        raise fulltext.SearchSyntaxError(f"nothing to look for in {text!r}; give some words that were said")
    plan = _plan(session, filters)
    if plan.unmatched:
        return []
    frequency = _document_frequencies(session, words, WHO_COMMON + 1)
    present = sorted((w for w in words if frequency[w]), key=lambda w: (frequency[w], -len(w)))
    if not present:
        return []
    total = session.execute(sa.select(sa.func.max(col(models.Statement.id)))).scalar() or 1
    rare = {w for w in present if frequency[w] <= WHO_COMMON}
    # all the words; and pairs of words (one of them rare), the fewest statements first, as
    # many as are expected to hold WHO_CANDIDATES statements between them
    head = present[: WHO_RARE_WORDS + 1]
    pairs = [(a, b) for i, a in enumerate(head) for b in head[i + 1 :] if a in rare or b in rare]
    size = {w: frequency[w] if w in rare else total for w in present}  # counted up to a cap only
    pairs.sort(key=lambda pair: size[pair[0]] * size[pair[1]])
    # the words together, but of a text with rare words only its rarest: a very frequent word
    # ("und", "the") narrows the candidates little and makes the index read long lists
    core = present[: max(2, len(rare))] if rare else present
    chosen: list[tuple[str, ...]] = [tuple(core)]
    expected = 0.0
    for pair in pairs:
        expected += size[pair[0]] * size[pair[1]] / total
        if len(chosen) > 1 and expected > WHO_CANDIDATES:
            break
        chosen.append(pair)
    sqlite = dialect(session) == "sqlite"
    join = fulltext.fts5_all if sqlite else fulltext.tsquery_all
    expression = (" OR " if sqlite else " | ").join(f"({join(words)})" for words in chosen)
    candidates = _candidates(session, plan, expression, WHO_CANDIDATES)
    target = fold(text)
    scores = {
        statement_id: _similarity(target, statement_text) for statement_id, statement_text in candidates
    }
    kept = [statement_id for statement_id, score in scores.items() if score >= WHO_MIN_SCORE]
    groups: dict[int, list[tuple[float, StatementRow]]] = defaultdict(list)
    S = models.Statement
    for chunk in chunks(kept):
        query = statement_rows().add_columns(col(S.speaker_id).label("speaker_id"))
        for row in session.execute(query.where(col(S.id).in_(list(chunk)))):
            fields = dict(row._mapping)
            speaker_id = fields.pop("speaker_id")
            groups[speaker_id].append((scores[row.id], StatementRow(**fields)))
    out: list[WhoRow] = []
    for speaker_id, scored in groups.items():
        scored.sort(key=lambda item: (-item[0], item[1].id))
        best_score, best = scored[0]
        dates = [day for _s, row in scored if (day := row.said_on or row.published) is not None]
        outlets = sorted({row.outlet for _s, row in scored if row.outlet})
        out.append(
            WhoRow(
                speaker=best.speaker or "",
                speaker_id=speaker_id,
                speaker_kind=best.speaker_kind,
                score=round(best_score, 1),
                statements=len(scored),
                first_said_on=min(dates, default=None),
                last_said_on=max(dates, default=None),
                outlets=tuple(outlets),
                text=best.text,
                statement_id=best.id,
            )
        )
    out.sort(key=lambda row: (-row.score, -row.statements, fold(row.speaker), row.speaker_id))
    return out[:limit] if limit is not None else out
