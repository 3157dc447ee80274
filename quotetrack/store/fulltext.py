"""Full-text search: the query language, its translation for SQLite FTS5 and PostgreSQL, highlighting.

Pure: no database. ``store``/``queries`` run what this module writes.

The query language, the same on both databases:

- words are ANDed: ``night train`` finds statements holding both words;
- ``"exactly the wrong signal"`` is a phrase (the words in this order);
- ``minist*`` is a prefix (minister, ministry, Ministerin);
- ``OR`` (in capitals) between two terms matches either: ``Bahn OR train``;
- ``-word`` or ``-"a phrase"`` excludes statements holding it.

Case and accents do not matter (``muller`` finds "Müller"). Punctuation inside a term
splits it into words that must follow each other (``covid-19`` is the phrase "covid 19").
A malformed query (an unclosed quotation mark, a dangling ``OR``, only excluded terms) or
one over the bounds (MAX_SEARCH_CHARS characters, MAX_SEARCH_TERMS different terms of
MAX_SEARCH_WORDS words, a prefix shorter than MIN_PREFIX_CHARS) raises
:class:`SearchSyntaxError`, a usage error with a message saying how to fix it. The bounds
keep a search from costing more than a few ordinary ones (a 100,000-character query took
SQLite 20 s and exhausted PostgreSQL's parser stack); a term given twice is searched once.

The index objects are created by the migrations ``0002_fulltext`` and ``0004_read_indexes``
(the trigram table over speaker names) and are not part of the SQLModel metadata;
:func:`include_name` and :func:`include_object` keep Alembic's autogenerate (and the drift
test) from seeing them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from quotetrack.errors import UsageError

# SQLite: an FTS5 table over statements.text, external content, kept in sync by triggers.
FTS_TABLE = "statements_fts"
FTS_SHADOW_TABLES = tuple(
    f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
)
FTS_TRIGGERS = ("statements_fts_insert", "statements_fts_delete", "statements_fts_update")
# PostgreSQL: a generated tsvector column with a GIN index, and an immutable unaccent wrapper.
TSVECTOR_COLUMN = "text_search"
TSVECTOR_INDEX = "ix_statements_text_search"
UNACCENT_FUNCTION = "quotetrack_unaccent"
TS_CONFIG = "simple"
# PostgreSQL: pg_trgm GIN indexes over folded speaker names and aliases (revision 0009).
TRIGRAM_INDEXES = ("ix_entities_name_folded_trgm", "ix_entity_aliases_alias_folded_trgm")

# SQLite: an FTS5 trigram table over entities.name_folded (revision 0004), names by any part.
TRIGRAM_TABLE = "entities_trgm"
TRIGRAM_SHADOW_TABLES = tuple(
    f"{TRIGRAM_TABLE}_{suffix}" for suffix in ("data", "idx", "content", "docsize", "config")
)

_FULLTEXT_TABLES = frozenset((FTS_TABLE, *FTS_SHADOW_TABLES, TRIGRAM_TABLE, *TRIGRAM_SHADOW_TABLES))
_WORD = re.compile(r"[^\W_]+")
MAX_VARIANTS = 8  # spellings (ß/ss) tried for one term on SQLite
MAX_SEARCH_CHARS = 1000  # a search, or a name or text looked for, is at most this long
MAX_SEARCH_TERMS = 16  # different terms (words, phrases, prefixes) in one search
MAX_SEARCH_WORDS = 32  # words in those terms (a phrase counts its words)
MIN_PREFIX_CHARS = 2  # a prefix of one letter stands for a good part of the index


class SearchSyntaxError(UsageError):
    """A full-text query that cannot be understood."""


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic hook: reflect no full-text table (the FTS5 table and its shadow tables)."""
    return not (type_ == "table" and name in _FULLTEXT_TABLES)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic hook: compare no full-text object (the tsvector column, its index, the FTS tables)."""
    if type_ == "table":
        return name not in _FULLTEXT_TABLES
    if type_ == "column":
        return not (
            name == TSVECTOR_COLUMN and getattr(getattr(obj, "table", None), "name", None) == "statements"
        )
    if type_ == "index":
        return name != TSVECTOR_INDEX and name not in TRIGRAM_INDEXES
    return True


# --- the query language ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must follow each other; the last one may be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if len(self.words) > 1 else text
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """``all_of`` groups must all match (each group: any of its terms); ``none_of`` must not."""

    text: str
    all_of: tuple[tuple[Term, ...], ...]
    none_of: tuple[Term, ...] = ()

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms a matching statement holds (for highlighting)."""
        return tuple(term for group in self.all_of for term in group)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(unicodedata.normalize("NFC", text)))


def words(text: str) -> list[str]:
    """The words of a text as the index sees them (lower case; accents are left to the index)."""
    return list(_words(text))


_TOKEN = re.compile(r'\s*(?:(-?)"([^"]*)("?)(\*?)|([^\s"]+))')


def parse(query: str) -> SearchQuery:
    """The query's terms; raises SearchSyntaxError with what to change."""
    text = unicodedata.normalize("NFC", query or "").strip()
    if not text:
        raise SearchSyntaxError('the search is empty; give a word, a "phrase" or a prefix*')
    if len(text) > MAX_SEARCH_CHARS:
        raise SearchSyntaxError(
            f"the search is {len(text):,} characters long; at most {MAX_SEARCH_CHARS:,}: "
            "give the words that matter, or a phrase of a few words"
        )
    if text.count('"') % 2:
        raise SearchSyntaxError(f'unbalanced quotation mark in the search {query!r}; close the "phrase"')
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        if not match.group(0).strip():
            continue
        negated, phrase, _closing, star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                if not groups or pending_or:
                    raise SearchSyntaxError(f"OR needs a term on each side in the search {query!r}")
                pending_or = True
                continue
            if bare == "AND":
                if not groups or pending_or:
                    raise SearchSyntaxError(f"AND needs a term on each side in the search {query!r}")
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            body = bare[1:] if negated else bare
            star = "*" if body.endswith("*") else ""
            body = body.rstrip("*") if star else body
            if "*" in body:
                raise SearchSyntaxError(
                    f"'*' marks a prefix and goes at the end of a word (as in minist*), not in {bare!r}"
                )
            if body == "-":
                raise SearchSyntaxError(
                    f"'-' excludes the word that follows it; nothing follows in {query!r}"
                )
            term_words = _words(body)
        else:
            term_words = _words(phrase)
        if not term_words:
            if star and not (bare or "").strip("*-"):
                raise SearchSyntaxError(f"'*' needs a word before it (as in minist*) in the search {query!r}")
            if pending_or:
                raise SearchSyntaxError(f"OR needs a term on each side in the search {query!r}")
            continue  # punctuation only: nothing to look for
        term = Term(term_words, prefix=bool(star))
        if term.prefix and len(term_words[-1]) < MIN_PREFIX_CHARS:
            raise SearchSyntaxError(
                f"a prefix needs at least {MIN_PREFIX_CHARS} letters before '*' (as in minist*), "
                f"not {term_words[-1]}*"
            )
        if negated:
            if pending_or:
                raise SearchSyntaxError(f"an excluded term cannot be one side of OR in the search {query!r}")
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if pending_or:
        raise SearchSyntaxError(f"OR needs a term on each side in the search {query!r}")
    all_of = tuple(dict.fromkeys(tuple(dict.fromkeys(group)) for group in groups))
    none_of = tuple(dict.fromkeys(excluded))
    terms = {term for group in all_of for term in group} | set(none_of)
    words = sum(len(term.words) for term in terms)
    if len(terms) > MAX_SEARCH_TERMS or words > MAX_SEARCH_WORDS:
        raise SearchSyntaxError(
            f"the search has {len(terms)} different terms of {words} words; at most {MAX_SEARCH_TERMS} "
            f"terms of {MAX_SEARCH_WORDS} words: give the words that matter"
        )
    if not groups:
        if excluded:
            raise SearchSyntaxError(
                f"the search {query!r} only excludes; add a word that the statements should hold"
            )
        raise SearchSyntaxError(f"nothing to search for in {query!r}; give a word with letters or digits")
    return SearchQuery(text=query, all_of=all_of, none_of=none_of)


# --- SQLite FTS5 ----------------------------------------------------------------------------------


def _spellings(word: str) -> list[str]:
    """German ß and ss are one letter for a reader; FTS5 keeps them apart, so search both."""
    out = [word]
    if "ß" in word:
        out.append(word.replace("ß", "ss"))
    elif "ss" in word:
        out.append(word.replace("ss", "ß"))
    return out


def _fts5_term(term: Term) -> str:
    variants = [" ".join(combo) for combo in itertools.product(*(_spellings(w) for w in term.words))]
    star = "*" if term.prefix else ""
    rendered = [f'"{variant}"{star}' for variant in variants[:MAX_VARIANTS]]
    return rendered[0] if len(rendered) == 1 else "(" + " OR ".join(rendered) + ")"


def _fts5_group(group: Iterable[Term]) -> str:
    parts = [_fts5_term(term) for term in group]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def to_fts5(query: SearchQuery) -> str:
    """An FTS5 MATCH expression; every word is a quoted string, so no input is FTS5 syntax."""
    positive = " AND ".join(_fts5_group(group) for group in query.all_of)
    if not query.none_of:
        return positive
    return f"({positive}) NOT {_fts5_group(query.none_of)}"


def fts5_string(text: str) -> str:
    """``text`` as one FTS5 string (a phrase; for the trigram table, a substring)."""
    return '"' + text.replace('"', '""') + '"'


def fts5_any(terms: Iterable[str]) -> str:
    """Statements holding any of these words."""
    return " OR ".join(_fts5_term(Term((word,))) for word in terms)


def fts5_all(terms: Iterable[str]) -> str:
    """Statements holding all of these words."""
    return " AND ".join(_fts5_term(Term((word,))) for word in terms)


# --- PostgreSQL tsquery ---------------------------------------------------------------------------


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_term(term: Term) -> str:
    parts = [_lexeme(word) for word in term.words]
    if term.prefix:
        parts[-1] += ":*"
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _ts_group(group: Iterable[Term]) -> str:
    parts = [_ts_term(term) for term in group]
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def to_tsquery(query: SearchQuery) -> str:
    """Text for ``to_tsquery('simple', ...)``; every word is a quoted lexeme."""
    out = " & ".join(_ts_group(group) for group in query.all_of)
    for term in query.none_of:
        out += f" & !{_ts_term(term)}"
    return out


def tsquery_any(terms: Iterable[str]) -> str:
    return " | ".join(_lexeme(word) for word in terms)


def tsquery_all(terms: Iterable[str]) -> str:
    return " & ".join(_lexeme(word) for word in terms)


# --- highlighting ---------------------------------------------------------------------------------


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded like the index folds it, and for each folded character its offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        out.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(out), offsets


def _term_pattern(term: Term) -> str:
    parts = [re.escape("".join(_fold_char(c) for c in word)) for word in term.words]
    tail = r"[^\W_]*" if term.prefix else r"(?![^\W_])"
    return r"(?<![^\W_])" + r"[\W_]+".join(parts) + tail


def spans(text: str, terms: Iterable[Term]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text``: sorted, non-overlapping (start, end) offsets."""
    patterns = [_term_pattern(term) for term in terms]
    if not patterns or not text:
        return []
    folded, offsets = _folded_with_offsets(text)
    found: list[tuple[int, int]] = []
    for match in re.finditer("|".join(f"(?:{p})" for p in patterns), folded):
        if match.end() > match.start():
            found.append((offsets[match.start()], offsets[match.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
