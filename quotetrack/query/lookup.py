"""Forgiving lookups by name: speakers, organisations and outlets, roles, articles.

A value matches the folded names and aliases that hold it (on SQLite through the trigram
table ``entities_trgm`` of revision 0004, else by scanning the name tables, which are small
next to the statements), without a leading title if it must ("Dr. Hollweg"); only when none
does, names sharing a piece with each word of the value are checked word by word with
rapidfuzz (``FUZZY_CUTOFF``). Only reads; the caller owns the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.query.plain import (  # noqa: F401 - shared with the plain SQL of the reading commands
    FUZZY_CUTOFF,
    FUZZY_MAX_CANDIDATES,
    HOW_ORDER,
    MAX_NAME_MATCHES,
    WORD,
    NameMatch,
    best_matches,
    fuzzy_groups,
    names_matching,
    titles,
    word_score,
)
from quotetrack.store import fulltext, models
from quotetrack.store.limits import as_row_id
from quotetrack.store.sql import dialect, in_list, kept
from quotetrack.text import fold


@dataclass(slots=True)
class Names:
    """The ids a name filter stands for: a list, or a subquery when there are very many."""

    matches: list[NameMatch] = field(default_factory=list)
    subquery: Any = None

    @property
    def empty(self) -> bool:
        return not self.matches and self.subquery is None

    def condition(self, column: Any) -> sa.ColumnElement[bool]:
        if self.subquery is not None:
            return column.in_(self.subquery)
        return in_list(column, sorted({m.id for m in self.matches}))


def contains(session: Session, column: Any, value: str) -> sa.ColumnElement[bool]:
    """``value`` occurs in ``column``, literally (no LIKE wildcards)."""
    name = dialect(session)
    if name == "sqlite":
        return sa.func.instr(column, value) > 0
    if name == "postgresql":
        # LIKE with every wildcard and the escape character escaped: literal, and answered by the
        # trigram indexes of revision 0009 where there are any
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column.like(f"%{escaped}%")
    return column.contains(value, autoescape=True)


# --- forgiving names ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NameTable:
    table: Any
    alias_table: Any
    owner: str  # the alias table's column pointing at the table


ENTITIES = _NameTable(models.Entity, models.EntityAlias, "entity_id")
OUTLETS = _NameTable(models.Outlet, models.OutletAlias, "outlet_id")


def _name_rows(names: _NameTable, condition: Any, alias_condition: Any) -> Any:
    """(id, name, folded name or alias) of the rows whose name or an alias meets the conditions;
    the id of a merged row is the id of the row it was merged into."""
    table, alias_table = names.table, names.alias_table
    owner = getattr(alias_table, names.owner)
    direct: Any = sa.select(
        kept(table).label("id"), col(table.name).label("name"), col(table.name_folded).label("folded")
    ).where(condition)
    via_alias = (
        sa.select(kept(table), col(table.name), col(alias_table.alias_folded))
        .join_from(alias_table, table, col(owner) == col(table.id))
        .where(alias_condition)
    )
    return sa.union_all(direct, via_alias)


def match_names(session: Session, value: str, *, names: _NameTable = ENTITIES) -> Names:
    """Rows of ``names`` whose folded name or alias holds ``value`` (without a leading title
    if it must), else those whose names are close to it (fuzzy); empty when none is."""
    return names_matching(
        value,
        none=Names(),
        holding=lambda folded: _substring_matches(session, folded, names),
        close_to=lambda bare: Names(_fuzzy_matches(session, bare, names)),
    )


def _has_trigram_index(session: Session, names: _NameTable) -> bool:
    """Whether names can be looked up in ``entities_trgm`` (SQLite with the trigram tokenizer)."""
    if names is not ENTITIES or dialect(session) != "sqlite":
        return False
    key = "quotetrack.trigram"
    if key not in session.info:
        query = sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name")
        session.info[key] = session.execute(query, {"name": fulltext.TRIGRAM_TABLE}).first() is not None
    return bool(session.info[key])


def _trigram_ids(expression: str) -> Any:
    """Entity ids from ``entities_trgm`` matching an FTS5 expression, best first."""
    table = fulltext.TRIGRAM_TABLE
    trigrams = sa.table(table, sa.column("rowid"), sa.column("rank"), sa.column(table))
    return sa.select(trigrams.c.rowid).where(trigrams.c[table].op("MATCH")(expression))


def _name_conditions(session: Session, names: _NameTable, folded: str) -> tuple[Any, Any]:
    """Conditions on the name table and on the alias table: the folded name holds ``folded``."""
    table, alias_table = names.table, names.alias_table
    alias = contains(session, col(alias_table.alias_folded), folded)
    if len(folded) >= 3 and _has_trigram_index(session, names):
        return col(table.id).in_(_trigram_ids(fulltext.fts5_string(folded))), alias
    return contains(session, col(table.name_folded), folded), alias


def _substring_matches(session: Session, folded: str, names: _NameTable) -> Names:
    condition, alias_condition = _name_conditions(session, names, folded)
    rows = session.execute(_name_rows(names, condition, alias_condition).limit(MAX_NAME_MATCHES + 1)).all()
    if len(rows) > MAX_NAME_MATCHES:
        owner = getattr(names.alias_table, names.owner)
        subquery = sa.union(
            sa.select(kept(names.table)).where(condition),
            sa.select(kept(names.table))
            .join_from(names.alias_table, names.table, col(owner) == col(names.table.id))
            .where(alias_condition),
        )
        return Names(subquery=subquery)
    return Names(best_matches([(row.id, row.name, row.folded) for row in rows], folded))


def _fuzzy_matches(session: Session, folded: str, names: _NameTable) -> list[NameMatch]:
    """Names whose every word is close (rapidfuzz ratio >= FUZZY_CUTOFF) to a word of the value.

    Candidates share a piece (``_grams``) with each word of the value of three letters or more:
    on SQLite through the trigram table, otherwise by scanning the names.
    """
    words, groups = fuzzy_groups(folded)
    if not groups:
        return []
    table, alias_table = names.table, names.alias_table

    def scan(column: Any) -> Any:
        return sa.and_(*(sa.or_(*(contains(session, column, gram) for gram in grams)) for grams in groups))

    if _has_trigram_index(session, names):
        expression = " AND ".join(
            "(" + " OR ".join(fulltext.fts5_string(gram) for gram in grams) + ")" for grams in groups
        )
        condition: Any = col(table.id).in_(_trigram_ids(expression).limit(FUZZY_MAX_CANDIDATES))
    else:
        condition = scan(col(table.name_folded))
    query = _name_rows(names, condition, scan(col(alias_table.alias_folded)))
    best: dict[int, NameMatch] = {}
    for row in session.execute(query.limit(FUZZY_MAX_CANDIDATES)):
        score = word_score(words, WORD.findall(row.folded))
        if score >= FUZZY_CUTOFF and (row.id not in best or score > best[row.id].score):
            best[row.id] = NameMatch(row.id, row.name, "fuzzy", score)
    return sorted(best.values(), key=lambda m: (-m.score, len(m.name), m.id))


def matching_roles(session: Session, value: str) -> list[str]:
    """Roles as written whose folded form holds the folded ``value``."""
    folded = fold(value)
    if not folded:
        return []
    S = models.Statement
    roles = session.execute(sa.select(col(S.role)).where(col(S.role).is_not(None)).distinct()).scalars()
    return sorted(role for role in roles if folded in fold(role))


def article_ids(session: Session, value: int | str) -> list[int]:
    """The article with this id, or the articles at this URL (a number no id can be is neither)."""
    A = models.Article
    text = str(value).strip()
    if text.isdigit():
        number = as_row_id(text)
        if number is None:
            return []
        return list(session.execute(sa.select(col(A.id)).where(col(A.id) == number)).scalars())
    candidates = {text, text.rstrip("/"), text.rstrip("/") + "/"}
    query = sa.select(col(A.id)).where(col(A.url).in_(sorted(candidates))).order_by(col(A.id))
    return list(session.execute(query).scalars())
