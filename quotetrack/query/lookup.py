"""Forgiving lookups by name: speakers, organisations and outlets, roles, articles.

A value matches the folded names and aliases that hold it (on SQLite through the trigram
table ``entities_trgm`` of revision 0004, else by scanning the name tables, which are small
next to the statements), without a leading title if it must ("Dr. Hollweg"); only when none
does, names sharing a piece with each word of the value are checked word by word with
rapidfuzz (``FUZZY_CUTOFF``). Only reads; the caller owns the session.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import LexiconError
from quotetrack.store import fulltext, models
from quotetrack.store.limits import as_row_id
from quotetrack.store.sql import dialect, in_list, kept
from quotetrack.text import fold

MAX_NAME_MATCHES = 2000  # more names than this containing the value: filter by a subquery instead
FUZZY_CUTOFF = 80  # every word of the value must be this close (rapidfuzz ratio) to a word of the name
FUZZY_MAX_CANDIDATES = 2000  # names sharing a piece with the value, checked word by word


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A row of entities or outlets whose name or alias matches; ``how``: exact, word, part, fuzzy."""

    id: int
    name: str
    how: str
    score: float


HOW_ORDER = {"exact": 0, "word": 1, "part": 2, "fuzzy": 3}


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
_WORD = re.compile(r"[^\W_]+")


@cache
def _titles() -> frozenset[str]:
    """Titles from every language file ("dr", "frau", "minister" ...), to drop from a name."""
    from quotetrack import lexicon

    titles: set[str] = set()
    try:
        for code in lexicon.available_languages():
            titles.update(fold(title).rstrip(".") for title in lexicon.load(code).titles)
    except LexiconError:
        return frozenset()
    return frozenset(titles)


def _without_titles(folded: str) -> str:
    words = folded.split()
    while len(words) > 1 and words[0].rstrip(".") in _titles():
        words.pop(0)
    return " ".join(words)


def _how(folded: str, name: str) -> str:
    if name == folded:
        return "exact"
    if name.startswith(folded) or f" {folded}" in name or f"-{folded}" in name:
        return "word"
    return "part"


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
    folded = fold(value)
    if not folded:
        return Names()
    for attempt in dict.fromkeys((folded, _without_titles(folded))):
        found = _substring_matches(session, attempt, names)
        if not found.empty:
            return found
    return Names(_fuzzy_matches(session, _without_titles(folded), names))


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
    best: dict[int, NameMatch] = {}
    for row in rows:
        match = NameMatch(row.id, row.name, _how(folded, row.folded), 100.0)
        if row.id not in best or HOW_ORDER[match.how] < HOW_ORDER[best[row.id].how]:
            best[row.id] = match
    return Names(sorted(best.values(), key=lambda m: (HOW_ORDER[m.how], len(m.name), m.id)))


def _grams(word: str) -> list[str]:
    """Pieces of a word that a misspelling of it still shares: its 4-letter pieces from five
    letters on, the word itself when shorter (from three letters)."""
    if len(word) >= 5:
        return list(dict.fromkeys(word[i : i + 4] for i in range(len(word) - 3)))
    return [word] if len(word) >= 3 else []


def _word_score(query_words: Sequence[str], name_words: Sequence[str]) -> float:
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


def _fuzzy_matches(session: Session, folded: str, names: _NameTable) -> list[NameMatch]:
    """Names whose every word is close (rapidfuzz ratio >= FUZZY_CUTOFF) to a word of the value.

    Candidates share a piece (``_grams``) with each word of the value of three letters or more:
    on SQLite through the trigram table, otherwise by scanning the names.
    """
    words = _WORD.findall(folded)
    groups = [grams[:: len(grams) // 8 + 1] for word in words if (grams := _grams(word))]
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
        score = _word_score(words, _WORD.findall(row.folded))
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
