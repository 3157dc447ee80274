"""The query parameters of the pages and the JSON API: the command line's option names, checked
with the command line's messages, and described for the OpenAPI document.

A parameter given empty (``?speaker=``, as a form sends a field left blank) counts as not
given; a parameter the page does not know, or one given twice, is an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from quotetrack.errors import UsageError
from quotetrack.query.statements import SORTS, STATEMENT_TYPES
from quotetrack.store import fulltext
from quotetrack.store.models import ENTITY_KINDS


class QueryValues(Protocol):
    """What a request's query string offers (Starlette's ``QueryParams``, a form)."""

    def __iter__(self) -> Iterator[str]: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Param:
    """One query parameter: its name (the command line's option, without ``--``), what it
    takes, and its help text."""

    name: str
    help: str
    kind: str = "text"  # text, day, int, choice or search
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    required: bool = False

    @property
    def key(self) -> str:
        """The name as a Python identifier (``min-articles`` -> ``min_articles``)."""
        return self.name.replace("-", "_")


def invalid(name: str, message: str) -> UsageError:
    """The command line's message for a bad option value, with the parameter's name."""
    return UsageError(f"Invalid value for {name!r}: {message}")


def _convert(param: Param, text: str) -> Any:
    if param.kind == "day":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise invalid(param.name, f"{text!r} is not a date; use YYYY-MM-DD") from None
    if param.kind == "int":
        try:
            number = int(text)
        except ValueError:
            raise invalid(param.name, f"{text!r} is not a valid integer.") from None
        if param.minimum is not None and number < param.minimum:
            raise invalid(param.name, f"{number} is not in the range x>={param.minimum}.")
        if param.maximum is not None and number > param.maximum:
            raise invalid(param.name, f"{number} is not in the range x<={param.maximum}.")
        return number
    if param.kind == "choice" and text not in param.choices:
        listed = ", ".join(repr(choice) for choice in param.choices)
        raise invalid(param.name, f"{text!r} is not one of {listed}.")
    if param.kind == "search":
        try:
            fulltext.parse(text)
        except fulltext.SearchSyntaxError as exc:
            raise invalid(param.name, str(exc)) from None
    return text


def parse(values: QueryValues, params: Sequence[Param]) -> dict[str, Any]:
    """The parameters' values by ``Param.key``: converted, checked, defaults where not given."""
    known = {param.name: param for param in params}
    for name in values:
        if name not in known:
            raise UsageError(f"No such parameter {name!r}; use {', '.join(known) or 'none'}.")
    out: dict[str, Any] = {}
    for param in params:
        given = [value.strip() for value in values.getlist(param.name) if value.strip()]
        if len(given) > 1:
            raise UsageError(f"{param.name!r} is given {len(given)} times; give it once.")
        if not given and param.required:
            raise UsageError(f"Missing parameter {param.name!r}: {param.help[0].lower()}{param.help[1:]}")
        out[param.key] = _convert(param, given[0]) if given else param.default
    return out


def given(values: QueryValues, params: Sequence[Param]) -> dict[str, str]:
    """The parameters given with a value, as written: for links that keep a query."""
    names = {param.name for param in params}
    return {
        name: value.strip()
        for name in values
        if name in names
        for value in values.getlist(name)[:1]
        if value.strip()
    }


# --- the parameters -------------------------------------------------------------------------------

STATEMENT_FILTERS = (
    Param(
        "search",
        'Full text: words (all of them), "a phrase", prefix*, OR, -excluded.',
        kind="search",
    ),
    Param(
        "speaker",
        "Speaker name or alias: case and accents do not matter, part of a name will do, "
        "and a misspelt name is matched fuzzily.",
    ),
    Param("role", "Part of the speaker's role as written (e.g. 'spokes')."),
    Param("organization", "The speaker's organisation (name or alias, forgiving)."),
    Param("outlet", "Publishing outlet name or alias."),
    Param("source", "Relaying outlet: the one the words came through ('told Reuters')."),
    Param("since", "Said on or after this date (YYYY-MM-DD; else published).", kind="day"),
    Param("until", "Said on or before this date (YYYY-MM-DD; else published).", kind="day"),
    Param("type", "Statement type.", kind="choice", choices=STATEMENT_TYPES),
    Param("lang", "Article language (ISO 639-1, e.g. de)."),
    Param("article", "Only this article's statements (id or URL)."),
)
SORT = Param(
    "sort",
    "Order: date (when said, oldest first), -date (newest first), speaker, outlet, "
    "confidence (highest first), relevance (best search match first; the default with search).",
    kind="choice",
    choices=SORTS,
)
API_LIMIT = 100
API_MAX = 1000


def limit(default: int = API_LIMIT) -> Param:
    return Param(
        "limit",
        f"At most this many rows (default {default}).",
        kind="int",
        minimum=1,
        maximum=API_MAX,
        default=default,
    )


OFFSET = Param("offset", "Skip this many rows first (for paging).", kind="int", minimum=0, default=0)
PAGE = Param("page", "Page number.", kind="int", minimum=1, maximum=100_000, default=1)
NAME_SEARCH = Param("search", "Only rows whose name matches (forgiving, as speaker).")
SPEAKER_KIND = Param("kind", "Speaker kind.", kind="choice", choices=ENTITY_KINDS)
PUBLISHED_SINCE = Param("since", "Published on or after this date (YYYY-MM-DD).", kind="day")
PUBLISHED_UNTIL = Param("until", "Published on or before this date (YYYY-MM-DD).", kind="day")
ARTICLE_FILTERS = (
    Param("outlet", "Publishing outlet name or alias."),
    PUBLISHED_SINCE,
    PUBLISHED_UNTIL,
    Param("lang", "Article language (ISO 639-1)."),
)
CLAIM_FILTERS = (
    Param("search", "Only claims whose text holds this text."),
    Param("since", "First seen on or after this date (YYYY-MM-DD).", kind="day"),
    Param("until", "First seen on or before this date (YYYY-MM-DD).", kind="day"),
    Param("min-articles", "Carried by this many articles.", kind="int", minimum=1, default=2),
)
WHO_FILTERS = (
    Param("text", "What was said: the speakers whose statements are most like it come first.", required=True),
    Param("outlet", "Publishing outlet name or alias."),
    Param("since", "Said on or after this date (YYYY-MM-DD).", kind="day"),
    Param("until", "Said on or before this date (YYYY-MM-DD).", kind="day"),
    Param("type", "Statement type.", kind="choice", choices=STATEMENT_TYPES),
    Param("lang", "Article language (ISO 639-1)."),
)
RECENT = Param("recent", "Latest statements.", kind="int", minimum=0, maximum=API_MAX, default=10)
TRACE_FORMAT = Param(
    "format",
    "json (the tree), dot (Graphviz) or text.",
    kind="choice",
    choices=("json", "dot", "text"),
    default="json",
)
VERDICT_CLAIM = Param("claim", "Only this claim's verdicts.", kind="int", minimum=1)
VERDICT_FIELDS = (
    Param("rating", 'The rating, as the fact-checker words it ("false", "misleading").'),
    Param("by", "Who checked it (organisation or person)."),
    Param("url", "Where the fact-check is published."),
    Param("date", "When it was published (YYYY-MM-DD).", kind="day"),
    Param("note", "A remark kept with the verdict."),
)


def without(params: Sequence[Param], *names: str) -> tuple[Param, ...]:
    return tuple(param for param in params if param.name not in names)


def filled(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that were given."""
    return {key: value for key, value in values.items() if value is not None}
