"""The reading commands' queries in plain SQL: ``quotes`` (without ``--search``), ``speakers``,
``outlets``, ``articles`` and ``show``.

They run on a :class:`~quotetrack.store.reader.Reader` (the sqlite3 module on an SQLite file,
a SQLAlchemy session's connection on PostgreSQL) and import neither SQLAlchemy nor the models:
importing those takes longer than the queries take. The SQL is the SQL that ``statements``,
``listings`` and ``lookup`` build with SQLAlchemy for the same request, and the rows are the
same (``tests/query/test_plain.py`` compares them on both databases). The name matching that
both share (titles, fuzzy scores, the filters) lives here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol, TypeVar

from quotetrack.errors import LexiconError, UsageError
from quotetrack.store import fulltext
from quotetrack.store.limits import as_row_id
from quotetrack.store.reader import Reader, Sql, day, utc_time
from quotetrack.store.rows import ArticleRow, ArticleText, AuthorRow, OutletRow, SpeakerRow, StatementRow
from quotetrack.text import fold

SORTS = ("date", "-date", "speaker", "outlet", "confidence", "relevance")
STATEMENT_TYPES = ("direct", "indirect", "mixed")  # models.STATEMENT_TYPES
CHUNK = 500  # ids per IN list in follow-up queries (store.sql.CHUNK)

MAX_NAME_MATCHES = 2000  # more names than this containing the value: filter by a subquery instead
FUZZY_CUTOFF = 80  # every word of the value must be this close (rapidfuzz ratio) to a word of the name
FUZZY_MAX_CANDIDATES = 2000  # names sharing a piece with the value, checked word by word


# --- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """What ``quotes`` filters by; every filter given must hold.

    ``speaker`` and ``organization`` are entity names, ``outlet`` the publishing and
    ``source`` the relaying outlet (forgiving matches); ``role`` is part of the role as
    written (folded); ``since``/``until`` apply to said_on, or the publication date when
    said_on is unknown; ``article`` is an article id or URL; ``search`` a full-text query.
    """

    speaker: str | None = None
    role: str | None = None
    organization: str | None = None
    outlet: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None
    lang: str | None = None
    article: int | str | None = None
    search: str | None = None
    min_confidence: float | None = None  # statements whose engine confidence is at least this


@dataclass(frozen=True, slots=True)
class Found:
    """Rows, and the filters whose value matched nothing at all (filter name, value)."""

    rows: list[StatementRow]
    unmatched: tuple[tuple[str, str], ...] = ()


FILTER_NAMES = {
    "speaker": "speaker",
    "organization": "organisation",
    "outlet": "outlet",
    "source": "relaying outlet",
    "role": "role",
    "article": "article",
}


def unmatched_note(name: str, value: str) -> str:
    """What to tell a person whose filter ``name`` matched nothing with ``value``."""
    return f"No {FILTER_NAMES.get(name, name)} matches {value!r}; nothing to show."


def check(filters: Filters, sort: str | None) -> None:
    if sort is not None and sort not in SORTS:
        raise UsageError(f"cannot sort by {sort!r}; use one of {', '.join(SORTS)}")
    if filters.type is not None and filters.type not in STATEMENT_TYPES:
        raise UsageError(f"{filters.type!r} is not a statement type; use one of {', '.join(STATEMENT_TYPES)}")


# --- forgiving names (pure) -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A row of entities or outlets whose name or alias matches; ``how``: exact, word, part, fuzzy."""

    id: int
    name: str
    how: str
    score: float


HOW_ORDER = {"exact": 0, "word": 1, "part": 2, "fuzzy": 3}
WORD = re.compile(r"[^\W_]+")


@cache
def titles() -> frozenset[str]:
    """Titles from every language file ("dr", "frau", "minister" ...), to drop from a name."""
    from quotetrack import lexicon

    found: set[str] = set()
    try:
        for code in lexicon.available_languages():
            found.update(fold(title).rstrip(".") for title in lexicon.load(code).titles)
    except LexiconError:
        return frozenset()
    return frozenset(found)


def without_titles(folded: str) -> str:
    words = folded.split()
    while len(words) > 1 and words[0].rstrip(".") in titles():
        words.pop(0)
    return " ".join(words)


def how(folded: str, name: str) -> str:
    if name == folded:
        return "exact"
    if name.startswith(folded) or f" {folded}" in name or f"-{folded}" in name:
        return "word"
    return "part"


def grams(word: str) -> list[str]:
    """Pieces of a word that a misspelling of it still shares: its 4-letter pieces from five
    letters on, the word itself when shorter (from three letters)."""
    if len(word) >= 5:
        return list(dict.fromkeys(word[i : i + 4] for i in range(len(word) - 3)))
    return [word] if len(word) >= 3 else []


def word_score(query_words: Sequence[str], name_words: Sequence[str]) -> float:
    """The lowest, over the value's words, of the best ratio to a word of the name; initials match
    a word they begin."""
    from rapidfuzz import fuzz  # imported here: a name found exactly needs none of it

    lowest = 100.0
    for word in query_words:
        if len(word) <= 2:
            best = 100.0 if any(n.startswith(word) for n in name_words) else 0.0
        else:
            best = max((fuzz.ratio(word, n) for n in name_words), default=0.0)
        lowest = min(lowest, best)
        if lowest < FUZZY_CUTOFF:
            break
    return lowest


def best_matches(rows: Sequence[tuple[int, str, str]], folded: str) -> list[NameMatch]:
    """(id, name, folded name or alias) rows holding ``folded``: one match an id, the best kind
    first, then the shortest name."""
    best: dict[int, NameMatch] = {}
    for row_id, name, row_folded in rows:
        match = NameMatch(row_id, name, how(folded, row_folded), 100.0)
        if row_id not in best or HOW_ORDER[match.how] < HOW_ORDER[best[row_id].how]:
            best[row_id] = match
    return sorted(best.values(), key=lambda m: (HOW_ORDER[m.how], len(m.name), m.id))


def fuzzy_groups(folded: str) -> tuple[list[str], list[list[str]]]:
    """The words of ``folded`` and, for each word of three letters or more, the pieces of it a
    candidate must share one of."""
    words = WORD.findall(folded)
    return words, [pieces[:: len(pieces) // 8 + 1] for word in words if (pieces := grams(word))]


# --- forgiving names (SQL) ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameTable:
    table: str
    alias_table: str
    owner: str  # the alias table's column pointing at the table


ENTITIES = NameTable("entities", "entity_aliases", "entity_id")
OUTLETS = NameTable("outlets", "outlet_aliases", "outlet_id")


@dataclass(slots=True)
class Names:
    """The ids a name filter stands for: a list, or (``many``: the folded value) a subquery when
    there are very many."""

    names: NameTable
    matches: list[NameMatch] = field(default_factory=list)
    many: str | None = None

    @property
    def empty(self) -> bool:
        return not self.matches and self.many is None

    def condition(self, reader: Reader, sql: Sql, column: str) -> str:
        if self.many is None:
            return in_list(sql, column, sorted({m.id for m in self.matches}))
        t, a = self.names.table, self.names.alias_table
        condition, alias_condition = _name_conditions(reader, sql, self.names, self.many)
        return (
            f"{column} IN (SELECT coalesce({t}.merged_into_id, {t}.id) AS coalesce_1 FROM {t} "
            f"WHERE {condition} UNION SELECT coalesce({t}.merged_into_id, {t}.id) AS coalesce_2 "
            f"FROM {a} JOIN {t} ON {a}.{self.names.owner} = {t}.id WHERE {alias_condition})"
        )


def in_list(sql: Sql, column: str, values: Sequence[Any]) -> str:
    """``column IN values``; long lists of numbers are written out (SQLite allows 32766 parameters)."""
    if not values:
        return "1 != 1"
    if len(values) > CHUNK and all(isinstance(v, int) for v in values):
        return f"{column} IN ({', '.join(str(int(v)) for v in values)})"
    return f"{column} IN ({', '.join(sql.param(v) for v in values)})"


def contains(reader: Reader, sql: Sql, column: str, value: str) -> str:
    """``value`` occurs in ``column``, literally (no LIKE wildcards)."""
    if reader.dialect == "sqlite":
        return f"instr({column}, {sql.param(value)}) > 0"
    # LIKE with every wildcard and the escape character escaped: literal, and answered by the
    # trigram indexes of revision 0009 where there are any
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{column} LIKE {sql.param(f'%{escaped}%')}"


def _has_trigram_index(reader: Reader, names: NameTable) -> bool:
    """Whether names can be looked up in ``entities_trgm`` (SQLite with the trigram tokenizer)."""
    if names is not ENTITIES or reader.dialect != "sqlite":
        return False
    key = "quotetrack.trigram"
    if key not in reader.info:
        sql = Sql(reader.dialect)
        sql.text = (
            f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = {sql.param(fulltext.TRIGRAM_TABLE)}"
        )
        reader.info[key] = bool(reader.rows(sql))
    return bool(reader.info[key])


def _trigram_ids(sql: Sql, expression: str, limit: int | None = None) -> str:
    """Entity ids from ``entities_trgm`` matching an FTS5 expression."""
    t = fulltext.TRIGRAM_TABLE
    text = f"SELECT {t}.rowid FROM {t} WHERE {t}.{t} MATCH {sql.param(expression)}"
    return text if limit is None else f"{text} LIMIT {sql.param(limit)}"


def _name_conditions(reader: Reader, sql: Sql, names: NameTable, folded: str) -> tuple[str, str]:
    """Conditions on the name table and on the alias table: the folded name holds ``folded``."""
    t, a = names.table, names.alias_table
    alias = contains(reader, sql, f"{a}.alias_folded", folded)
    if len(folded) >= 3 and _has_trigram_index(reader, names):
        return f"{t}.id IN ({_trigram_ids(sql, fulltext.fts5_string(folded))})", alias
    return contains(reader, sql, f"{t}.name_folded", folded), alias


def _name_rows(sql: Sql, names: NameTable, condition: str, alias_condition: str, limit: int) -> str:
    """(id, name, folded name or alias) of the rows whose name or an alias meets the conditions;
    the id of a merged row is the id of the row it was merged into."""
    t, a = names.table, names.alias_table
    return (
        f"SELECT coalesce({t}.merged_into_id, {t}.id) AS id, {t}.name AS name, {t}.name_folded AS folded "
        f"FROM {t} WHERE {condition} UNION ALL "
        f"SELECT coalesce({t}.merged_into_id, {t}.id) AS coalesce_1, {t}.name, {a}.alias_folded "
        f"FROM {a} JOIN {t} ON {a}.{names.owner} = {t}.id WHERE {alias_condition} "
        f"LIMIT {sql.param(limit)}"
    )


class _Matches(Protocol):
    @property
    def empty(self) -> bool: ...


Matches = TypeVar("Matches", bound=_Matches)


def names_matching(
    value: str, *, none: Matches, holding: Callable[[str], Matches], close_to: Callable[[str], Matches]
) -> Matches:
    """What a name filter for ``value`` stands for: the names ``holding`` its folded form (without
    a leading title if they must), else those ``close_to`` it (fuzzy); ``none`` when it folds to
    nothing."""
    folded = fold(value)
    if not folded:
        return none
    found = holding(folded)
    if not found.empty:
        return found
    bare = without_titles(folded)  # the titles are read only when the value is not found as it is
    if bare != folded:
        found = holding(bare)
        if not found.empty:
            return found
    return close_to(bare)


def match_names(reader: Reader, value: str, *, names: NameTable = ENTITIES) -> Names:
    """Rows of ``names`` whose folded name or alias holds ``value`` (without a leading title
    if it must), else those whose names are close to it (fuzzy); empty when none is."""
    return names_matching(
        value,
        none=Names(names),
        holding=lambda folded: _substring_matches(reader, folded, names),
        close_to=lambda bare: Names(names, _fuzzy_matches(reader, bare, names)),
    )


def _substring_matches(reader: Reader, folded: str, names: NameTable) -> Names:
    sql = Sql(reader.dialect)
    condition, alias_condition = _name_conditions(reader, sql, names, folded)
    sql.text = _name_rows(sql, names, condition, alias_condition, MAX_NAME_MATCHES + 1)
    rows = reader.rows(sql)
    if len(rows) > MAX_NAME_MATCHES:
        return Names(names, many=folded)
    return Names(names, best_matches([(int(r[0]), r[1], r[2]) for r in rows], folded))


def _fuzzy_matches(reader: Reader, folded: str, names: NameTable) -> list[NameMatch]:
    """Names whose every word is close (rapidfuzz ratio >= FUZZY_CUTOFF) to a word of the value;
    candidates share a piece (``grams``) with each word of the value of three letters or more."""
    words, groups = fuzzy_groups(folded)
    if not groups:
        return []
    sql = Sql(reader.dialect)

    def scan(column: str) -> str:
        each = [" OR ".join(contains(reader, sql, column, gram) for gram in pieces) for pieces in groups]
        return each[0] if len(each) == 1 else " AND ".join(f"({e})" for e in each)

    t, a = names.table, names.alias_table
    if _has_trigram_index(reader, names):
        expression = " AND ".join(
            "(" + " OR ".join(fulltext.fts5_string(gram) for gram in pieces) + ")" for pieces in groups
        )
        condition = f"{t}.id IN ({_trigram_ids(sql, expression, FUZZY_MAX_CANDIDATES)})"
    else:
        condition = scan(f"{t}.name_folded")
    sql.text = _name_rows(sql, names, condition, scan(f"{a}.alias_folded"), FUZZY_MAX_CANDIDATES)
    best: dict[int, NameMatch] = {}
    for row_id, name, row_folded in reader.rows(sql):
        score = word_score(words, WORD.findall(row_folded))
        if score >= FUZZY_CUTOFF and (row_id not in best or score > best[row_id].score):
            best[row_id] = NameMatch(row_id, name, "fuzzy", score)
    return sorted(best.values(), key=lambda m: (-m.score, len(m.name), m.id))


def matching_roles(reader: Reader, value: str) -> list[str]:
    """Roles as written whose folded form holds the folded ``value``."""
    folded = fold(value)
    if not folded:
        return []
    sql = Sql(
        reader.dialect, "SELECT DISTINCT statements.role FROM statements WHERE statements.role IS NOT NULL"
    )
    return sorted(role for (role,) in reader.rows(sql) if folded in fold(role))


def article_ids(reader: Reader, value: int | str) -> list[int]:
    """The article with this id, or the articles at this URL (a number no id can be is neither)."""
    sql = Sql(reader.dialect)
    text = str(value).strip()
    if text.isdigit():
        number = as_row_id(text)
        if number is None:
            return []
        sql.text = f"SELECT articles.id FROM articles WHERE articles.id = {sql.param(number)}"
    else:
        candidates = sorted({text, text.rstrip("/"), text.rstrip("/") + "/"})
        urls = in_list(sql, "articles.url", candidates)
        sql.text = f"SELECT articles.id FROM articles WHERE {urls} ORDER BY articles.id"
    return [int(row[0]) for row in reader.rows(sql)]


# --- statements -----------------------------------------------------------------------------------

STATEMENT_ROWS = (
    "SELECT statements.id, statements.text, statements.type, entities_1.name, "
    "coalesce(entities_1.kind, statements.speaker_kind), statements.speaker_mention, statements.role, "
    "statements.affiliation, statements.cue, statements.source, statements.said_on, statements.date_text, "
    'statements.start, statements."end", statements.confidence, statements.article_id, articles.title, '
    "articles.url, outlets_1.name, articles.published, outlets_2.name, articles.lang "
    "FROM statements JOIN articles ON statements.article_id = articles.id "
    "LEFT OUTER JOIN entities AS entities_1 ON statements.speaker_id = entities_1.id "
    "LEFT OUTER JOIN outlets AS outlets_1 ON articles.outlet_id = outlets_1.id "
    "LEFT OUTER JOIN outlets AS outlets_2 ON articles.via_outlet_id = outlets_2.id"
)


def statement_row(row: Sequence[Any]) -> StatementRow:
    values = list(row)
    values[10] = day(values[10])  # said_on
    values[19] = day(values[19])  # published
    return StatementRow(*values)


def rows_by_id(reader: Reader, ids: Sequence[int]) -> list[StatementRow]:
    """The statements with these ids, in this order."""
    rows: dict[int, StatementRow] = {}
    for start in range(0, len(ids), CHUNK):
        sql = Sql(reader.dialect)
        sql.text = f"{STATEMENT_ROWS} WHERE {in_list(sql, 'statements.id', list(ids[start : start + CHUNK]))}"
        for row in reader.rows(sql):
            found = statement_row(row)
            rows[found.id] = found
    return [rows[i] for i in ids if i in rows]


def _limit(reader: Reader, sql: Sql, limit: int | None, offset: int) -> str:
    text = "" if limit is None else f" LIMIT {sql.param(limit)}"
    if offset:
        text += (
            " LIMIT -1" if limit is None and reader.dialect == "sqlite" else ""
        ) + f" OFFSET {sql.param(offset)}"
    return text


def search_statements(
    reader: Reader,
    filters: Filters | None = None,
    *,
    sort: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Found:
    """``statements.search_statements`` for every filter but ``search``: statements matching every
    filter, in ``sort`` order (default: date), from the ``offset``-th on, and the filters that
    matched nothing."""
    filters = filters or Filters()
    check(filters, sort)
    if filters.search is not None:
        raise UsageError("full-text search is answered by quotetrack.query.statements")
    sql = Sql(reader.dialect)
    conditions: list[str] = []
    unmatched: list[tuple[str, str]] = []
    needs_article = False
    for name, value, names, column in (
        ("speaker", filters.speaker, ENTITIES, "statements.speaker_id"),
        ("organization", filters.organization, ENTITIES, "statements.affiliation_id"),
        ("outlet", filters.outlet, OUTLETS, "articles.outlet_id"),
        ("source", filters.source, OUTLETS, "statements.source_id"),
    ):
        if value is None:
            continue
        matched = match_names(reader, value, names=names)
        if matched.empty:
            unmatched.append((name, value))
        else:
            conditions.append(matched.condition(reader, sql, column))
            needs_article |= name == "outlet"
    if filters.role is not None:
        roles = matching_roles(reader, filters.role)
        if roles:
            conditions.append(in_list(sql, "statements.role", roles))
        else:
            unmatched.append(("role", filters.role))
    if filters.article is not None:
        ids = article_ids(reader, filters.article)
        if ids:
            conditions.append(in_list(sql, "statements.article_id", ids))
        else:
            unmatched.append(("article", str(filters.article)))
    if filters.since is not None:
        conditions.append(f"statements.said_or_published >= {sql.param(filters.since)}")
    if filters.until is not None:
        conditions.append(f"statements.said_or_published <= {sql.param(filters.until)}")
    if filters.type is not None:
        conditions.append(f"statements.type = {sql.param(filters.type)}")
    if filters.min_confidence is not None:
        conditions.append(f"statements.confidence >= {sql.param(filters.min_confidence)}")
    if filters.lang is not None:
        conditions.append(f"lower(articles.lang) = {sql.param(filters.lang.strip().lower())}")
        needs_article = True
    if unmatched:
        return Found([], tuple(unmatched))
    sort = sort or "date"
    text = "SELECT statements.id FROM statements"
    if needs_article or sort == "outlet":
        text += " JOIN articles ON statements.article_id = articles.id"
    by_date = (
        "statements.said_or_published ASC NULLS LAST, statements.article_id, statements.start, statements.id"
    )
    order = by_date
    if sort == "-date":
        order = (
            "statements.said_or_published DESC NULLS LAST, statements.article_id DESC, "
            "statements.start, statements.id"
        )
    elif sort == "speaker":
        text += " LEFT OUTER JOIN entities AS entities_1 ON statements.speaker_id = entities_1.id"
        order = f"entities_1.name_folded ASC NULLS LAST, {by_date}"
    elif sort == "outlet":
        text += " LEFT OUTER JOIN outlets AS outlets_1 ON articles.outlet_id = outlets_1.id"
        order = f"outlets_1.name_folded ASC NULLS LAST, {by_date}"
    elif sort == "confidence":
        order = f"statements.confidence DESC, {by_date}"
    if conditions:
        text += " WHERE " + " AND ".join(conditions)
    sql.text = f"{text} ORDER BY {order}{_limit(reader, sql, limit, offset)}"
    ids = [int(row[0]) for row in reader.rows(sql)]
    return Found(rows_by_id(reader, ids))


# --- speakers -------------------------------------------------------------------------------------


def _grouped(reader: Reader, query: str, ids: Sequence[int], column: str) -> dict[int, list[Any]]:
    """Rows of ``query`` (an id and a value; its WHERE clause last, if any) for ``ids``, in
    chunks, grouped by id."""
    out: dict[int, list[Any]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        sql = Sql(reader.dialect)
        where = in_list(sql, column, list(ids[start : start + CHUNK]))
        sql.text = f"{query} AND {where}" if " WHERE " in query else f"{query} WHERE {where}"
        for row_id, value in reader.rows(sql):
            out[row_id].append(value)
    return out


SPEAKER_DETAILS = {
    "roles": "SELECT DISTINCT statements.speaker_id, statements.role FROM statements "
    "WHERE statements.role IS NOT NULL",
    "organizations": "SELECT DISTINCT statements.speaker_id, "
    "coalesce(entities_1.name, statements.affiliation) AS coalesce_1 FROM statements "
    "LEFT OUTER JOIN entities AS entities_1 "
    "ON statements.affiliation_id = entities_1.id WHERE statements.affiliation IS NOT NULL",
    "outlets": "SELECT DISTINCT statements.speaker_id, outlets_1.name FROM statements "
    "JOIN articles ON statements.article_id = articles.id JOIN outlets AS outlets_1 "
    "ON articles.outlet_id = outlets_1.id",
}


def list_speakers(
    reader: Reader,
    *,
    search: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[SpeakerRow]:
    """Speakers by number of statements, most first, from the ``offset``-th on; ``search`` is a
    forgiving name."""
    sql = Sql(reader.dialect)
    conditions: list[str] = []
    if search is not None:
        matched = match_names(reader, search)
        if matched.empty:
            return []
        conditions.append(matched.condition(reader, sql, "entities.id"))
    if kind is not None:
        conditions.append(f"entities.kind = {sql.param(kind)}")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sql.text = (
        "SELECT entities.id, entities.name, entities.kind, count(statements.id) AS statements, "
        "min(statements.said_or_published) AS first_said_on, "
        "max(statements.said_or_published) AS last_said_on "
        f"FROM entities JOIN statements ON statements.speaker_id = entities.id{where} "
        "GROUP BY entities.id, entities.name, entities.kind "
        f"ORDER BY count(statements.id) DESC, entities.name, entities.id{_limit(reader, sql, limit, offset)}"
    )
    rows = reader.rows(sql)
    ids = [int(row[0]) for row in rows]
    details = {
        key: _grouped(reader, query, ids, "statements.speaker_id") for key, query in SPEAKER_DETAILS.items()
    }
    aliases = "SELECT entity_aliases.entity_id, entity_aliases.alias FROM entity_aliases"
    details["aliases"] = _grouped(reader, aliases, ids, "entity_aliases.entity_id")
    return [
        SpeakerRow(
            id=row_id,
            name=name,
            kind=kind_,
            statements=int(count),
            roles=tuple(sorted(set(details["roles"].get(row_id, ())))),
            first_said_on=day(first),
            last_said_on=day(last),
            organizations=tuple(sorted(set(details["organizations"].get(row_id, ())))),
            outlets=tuple(sorted(set(details["outlets"].get(row_id, ())))),
            aliases=tuple(sorted(set(details["aliases"].get(row_id, ())))),
        )
        for row_id, name, kind_, count, first, last in rows
    ]


# --- outlets and articles -------------------------------------------------------------------------


def list_outlets(
    reader: Reader, *, search: str | None = None, limit: int | None = None, offset: int = 0
) -> list[OutletRow]:
    """``listings.list_outlets``: outlets by number of articles published, then statements
    relayed through them, from the ``offset``-th on."""
    sql = Sql(reader.dialect)
    condition = ""
    if search is not None:
        matched = match_names(reader, search, names=OUTLETS)
        if matched.empty:
            return []
        condition = f" AND {matched.condition(reader, sql, 'outlets.id')}"
    sql.text = (
        "SELECT outlets.id AS id, outlets.name AS name, outlets.domain AS domain, outlets.kind AS kind, "
        "coalesce(published.articles, 0) AS articles, coalesce(quoted.statements, 0) AS statements, "
        "coalesce(quoted.speakers, 0) AS speakers, coalesce(relayed.relayed, 0) AS relayed, "
        "coalesce(via.via, 0) AS via, published.first_published, published.last_published "
        "FROM outlets LEFT OUTER JOIN (SELECT articles.outlet_id AS outlet_id, count(*) AS articles, "
        "min(articles.published) AS first_published, max(articles.published) AS last_published "
        "FROM articles GROUP BY articles.outlet_id) AS published ON published.outlet_id = outlets.id "
        "LEFT OUTER JOIN (SELECT articles.outlet_id AS outlet_id, count(statements.id) AS statements, "
        "count(DISTINCT statements.speaker_id) AS speakers "
        "FROM statements JOIN articles ON statements.article_id = articles.id GROUP BY articles.outlet_id) "
        "AS quoted ON quoted.outlet_id = outlets.id "
        "LEFT OUTER JOIN (SELECT statements.source_id AS outlet_id, count(*) AS relayed "
        "FROM statements GROUP BY statements.source_id) AS relayed ON relayed.outlet_id = outlets.id "
        "LEFT OUTER JOIN (SELECT articles.via_outlet_id AS outlet_id, count(*) AS via "
        "FROM articles GROUP BY articles.via_outlet_id) AS via ON via.outlet_id = outlets.id "
        f"WHERE outlets.merged_into_id IS NULL{condition} "
        "ORDER BY coalesce(published.articles, 0) DESC, coalesce(relayed.relayed, 0) DESC, "
        "coalesce(quoted.statements, 0) DESC, outlets.name_folded, outlets.id"
        f"{_limit(reader, sql, limit, offset)}"
    )
    found = reader.rows(sql)
    return [
        OutletRow(
            id=row_id,
            name=name,
            domain=domain,
            kind=kind,
            articles=int(articles),
            statements=int(statements),
            speakers=int(speakers),
            relayed=int(relayed),
            via=int(via),
            first_published=day(first),
            last_published=day(last),
        )
        for row_id, name, domain, kind, articles, statements, speakers, relayed, via, first, last in found
    ]


def article_rows(
    reader: Reader, sql: Sql, conditions: Sequence[str], limit: int | None = None
) -> list[ArticleRow]:
    """The article rows meeting ``conditions`` (written into ``sql``), with their authors,
    oldest first."""
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sql.text = (
        "SELECT articles.id AS id, articles.title AS title, outlets_1.name AS outlet, "
        "articles.published AS published, articles.url AS url, articles.lang AS lang, outlets_2.name AS via, "
        "(SELECT count(*) AS count_1 FROM statements WHERE statements.article_id = articles.id) "
        "AS statements, "
        "articles.ingested_at AS ingested_at, articles.modified AS modified "
        "FROM articles LEFT OUTER JOIN outlets AS outlets_1 ON articles.outlet_id = outlets_1.id "
        f"LEFT OUTER JOIN outlets AS outlets_2 ON articles.via_outlet_id = outlets_2.id{where} "
        f"ORDER BY articles.published ASC NULLS LAST, articles.id{_limit(reader, sql, limit, 0)}"
    )
    found = reader.rows(sql)
    rows = [
        ArticleRow(
            id=row_id,
            title=title,
            outlet=outlet,
            published=day(published),
            url=url,
            lang=lang,
            via=via,
            statements=int(statements),
            ingested_at=utc_time(ingested_at),  # type: ignore[arg-type]
            modified=day(modified),
        )
        for row_id, title, outlet, published, url, lang, via, statements, ingested_at, modified in found
    ]
    authors = article_authors(reader, [row.id for row in rows])
    return [dataclasses.replace(row, authors=authors[row.id]) if row.id in authors else row for row in rows]


def article_authors(reader: Reader, ids: Sequence[int]) -> dict[int, tuple[AuthorRow, ...]]:
    """The authors of the articles with these ids, in byline order (articles without any left out)."""
    found: dict[int, list[AuthorRow]] = {}
    for start in range(0, len(ids), CHUNK):
        sql = Sql(reader.dialect)
        where = in_list(sql, "article_authors.article_id", list(ids[start : start + CHUNK]))
        sql.text = (
            "SELECT article_authors.article_id, article_authors.name, article_authors.kind, "
            "article_authors.given, article_authors.particle, article_authors.family FROM article_authors "
            f"WHERE {where} ORDER BY article_authors.article_id, article_authors.position"
        )
        for article_id, *fields in reader.rows(sql):
            found.setdefault(article_id, []).append(AuthorRow(*fields))
    return {article_id: tuple(rows) for article_id, rows in found.items()}


def list_articles(
    reader: Reader,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    lang: str | None = None,
    limit: int | None = None,
) -> list[ArticleRow]:
    """Stored articles, oldest first by publication date, then in the order ingested; ``outlet``
    (forgiving) is the publisher, ``since``/``until`` bound the publication date."""
    sql = Sql(reader.dialect)
    conditions: list[str] = []
    if outlet is not None:
        matched = match_names(reader, outlet, names=OUTLETS)
        if matched.empty:
            return []
        conditions.append(matched.condition(reader, sql, "articles.outlet_id"))
    if since is not None:
        conditions.append(f"articles.published >= {sql.param(since)}")
    if until is not None:
        conditions.append(f"articles.published <= {sql.param(until)}")
    if lang is not None:
        conditions.append(f"lower(articles.lang) = {sql.param(lang.strip().lower())}")
    return article_rows(reader, sql, conditions, limit)


def article_text(reader: Reader, ref: int | str) -> ArticleText | None:
    """``listings.article_text``: an article (by id or URL; the first stored of several with the
    URL) with its statements, in the order they appear; None when there is no such article."""
    ids = article_ids(reader, ref)
    if not ids:
        return None
    sql = Sql(reader.dialect)
    sql.text = f"SELECT articles.text FROM articles WHERE articles.id = {sql.param(ids[0])}"
    ((text,),) = reader.rows(sql)
    sql = Sql(reader.dialect)
    (row,) = article_rows(reader, sql, [f"articles.id = {sql.param(ids[0])}"])
    sql = Sql(reader.dialect)
    sql.text = (
        f"{STATEMENT_ROWS} WHERE statements.article_id = {sql.param(ids[0])} "
        'ORDER BY statements.start, statements."end", statements.id'
    )
    return ArticleText(row, text, tuple(statement_row(r) for r in reader.rows(sql)))
