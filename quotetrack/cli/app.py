"""The ``quotetrack`` command group and the options its commands share."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import click

from quotetrack import __version__
from quotetrack.errors import QuotetrackError, UsageError
from quotetrack.store.limits import MAX_COUNT, MAX_ID, as_row_id
from quotetrack.text import valid_text

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from quotetrack.facts.update import StoreSummary
    from quotetrack.store.reader import Reader

F = TypeVar("F", bound=Callable[..., Any])


OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "md")


def _is_path(param: click.Parameter) -> bool:
    """A parameter naming a file, folder or database: its value is opened as the bytes it is."""
    metavar = getattr(param, "metavar", None) or ""
    return isinstance(param.type, click.Path) or "PATH" in metavar or "FILE" in metavar


def _valid(value: Any) -> Any:
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, tuple):
        return tuple(_valid(v) for v in value)
    return value


class QuotetrackCommand(click.Command):
    """A command whose text values can always be stored and printed.

    An argument's bytes that are not UTF-8 reach Python as lone surrogates, which neither a
    database nor a terminal takes: in text values they become ``\\xNN`` escapes before the
    command runs. Paths (:func:`_is_path`) keep their bytes, so such a file can still be read.
    """

    def invoke(self, ctx: click.Context) -> Any:
        for param in self.params:
            if param.name and isinstance(param.type, click.types.StringParamType) and not _is_path(param):
                ctx.params[param.name] = _valid(ctx.params.get(param.name))
        return super().invoke(ctx)


class QuotetrackGroup(QuotetrackCommand, click.Group):
    """Turns QuotetrackError into a clean message and exit code; its commands and groups are
    QuotetrackCommand and QuotetrackGroup."""

    command_class = QuotetrackCommand
    group_class = type  # subgroups are of this class too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except QuotetrackError as exc:
            error = click.ClickException(str(exc))
            setattr(error, "exit_code", exc.exit_code)  # click declares it a class variable  # noqa: B010
            raise error from None


MAX_JOBS = 256  # worker processes of ingest --jobs


@overload
def row_id(value: str, what: str = ..., *, or_text: Literal[False] = ...) -> int: ...


@overload
def row_id(value: str, what: str = ..., *, or_text: bool) -> int | str: ...


def row_id(value: str, what: str = "an id", *, or_text: bool = False) -> int | str:
    """``value`` as a row id (the digits 0-9, from 1 to MAX_ID), else, with ``or_text``, as
    text (an article's URL, a speaker's name; see :class:`QuotetrackCommand` for bytes that are
    not UTF-8); raises UsageError for a number no row can have."""
    number = as_row_id(value)
    if number is not None:
        return number
    text = value.strip()
    if or_text and text and not text.isdigit():
        return valid_text(value)
    shown = repr(value) if len(value) <= 40 else f"{value[:20]!r}… ({len(value):,} characters)"
    if text.isdigit() and not text.isascii():
        raise UsageError(f"{shown} is not {what}: write ids in the digits 0-9")
    raise UsageError(f"{shown} is not {what}: ids are whole numbers from 1 to {MAX_ID:,}")


class RowId(click.ParamType):
    """A row id (article, statement, claim, merge, verdict, suggestion): checked against the
    range of the id columns before it reaches SQL. ``or_text`` takes anything that is not a
    number as text (an article's URL, a speaker's or outlet's name)."""

    name = "id"

    def __init__(self, *, or_text: bool = False) -> None:
        self.or_text = or_text

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return row_id(str(value), or_text=self.or_text)
        except UsageError as exc:
            self.fail(str(exc), param, ctx)


class Count(click.IntRange):
    """A number of rows (--limit, --recent, --min-articles): from ``min`` to MAX_COUNT, the
    range of a 64-bit integer on both databases."""

    def __init__(self, min: int = 1) -> None:
        super().__init__(min=min, max=MAX_COUNT)


def format_option(
    choices: Sequence[str], *, default: str | None = None, help: str | None = None
) -> Callable[[F], F]:
    """The one ``--format`` option; each command names the formats it offers."""
    text = help or "Output format (default: table on a terminal, else jsonl)."
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices), case_sensitive=False),
        default=default,
        show_default=default is not None,
        help=text,
    )


def date_value(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        hint = max(param.opts, key=len) if param is not None and param.opts else "--date"
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", ctx=ctx, param_hint=hint
        ) from None


def search_value(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """A full-text query, checked before any database is opened."""
    if value is None:
        return None
    from quotetrack.store.fulltext import SearchSyntaxError, parse

    try:
        parse(valid_text(value))
    except SearchSyntaxError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def bounded_text(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
    """A name or text to look for, at most MAX_SEARCH_CHARS long: matching longer ones would
    only cost time."""
    from quotetrack.store.fulltext import MAX_SEARCH_CHARS

    for text in value if isinstance(value, tuple) else (value,):
        if text is not None and len(text) > MAX_SEARCH_CHARS:
            raise click.BadParameter(
                f"is {len(text):,} characters long; at most {MAX_SEARCH_CHARS:,} are looked for",
                ctx=ctx,
                param=param,
            )
    return value


def open_engine(ctx: click.Context) -> Engine:
    from quotetrack.store import db

    obj = ctx.find_root().obj
    if obj.get("engine") is None:
        obj["engine"] = db.open_database(db.resolve_url(obj.get("db")))
    return obj["engine"]


@contextmanager
def open_reader(ctx: click.Context) -> Iterator[Reader]:
    """A connection for the reading commands' plain SQL (``quotetrack.query.plain``): the sqlite3
    module on an SQLite file at the newest schema revision, so that neither SQLAlchemy nor the
    models are imported; else a session of :func:`open_engine` (PostgreSQL, and a database that
    must be created, upgraded or refused with a message)."""
    from quotetrack.store import reader

    obj = ctx.find_root().obj
    if obj.get("engine") is None:
        with reader.open_sqlite(reader.resolve_url(obj.get("db"))) as fast:
            if fast is not None:
                yield fast
                return
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx)) as session:
        yield reader.SessionReader(session)


def end_run(ctx: click.Context, summary: StoreSummary, *, quiet: bool, rest: str) -> None:
    """The end of a command storing articles: its summary line with the time taken (unless
    ``quiet``); exit status 130 when interrupted (the same command run again does ``rest``), 1
    when something failed."""
    if not quiet:
        rate = f" in {summary.seconds:.1f} s" if summary.seconds >= 1 else ""
        click.echo(summary.line() + rate, err=True)
    if summary.interrupted:
        click.echo(f"Interrupted: run the same command again to {rest}.", err=True)
        ctx.exit(130)
    if not summary.ok:
        ctx.exit(1)


CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(cls=QuotetrackGroup, context_settings=CONTEXT)
@click.option(
    "--db",
    metavar="URL-OR-PATH",  # a path: opened as the bytes it is
    help="Database: a SQLAlchemy URL or a SQLite file path "
    "(default: $QUOTETRACK_DATABASE_URL, else the user data folder's quotetrack.db).",
)
@click.version_option(__version__, prog_name="quotetrack")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """quotetrack: who said what in the news, where, when, and through whom."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


STATEMENT_TYPES = ("direct", "indirect", "mixed")


SORTS = ("date", "-date", "speaker", "outlet", "confidence", "relevance")


SORT_HELP = (
    "Order: date (when said, oldest first), -date (newest first), speaker, outlet, "
    "confidence (highest first), relevance (best --search match first; the default with --search)."
)


def statement_filters(func: F) -> F:
    """The statement filters of ``quotes`` and ``export``; every one given must hold."""
    options = [
        click.option(
            "--speaker",
            callback=bounded_text,
            help="Speaker name or alias: case and accents do not matter, part of a name will do, "
            "and a misspelt name is matched fuzzily.",
        ),
        click.option(
            "--role", callback=bounded_text, help="Part of the speaker's role as written (e.g. 'spokes')."
        ),
        click.option(
            "--organization",
            callback=bounded_text,
            help="The speaker's organisation (name or alias, forgiving).",
        ),
        click.option("--outlet", callback=bounded_text, help="Publishing outlet name or alias."),
        click.option(
            "--source",
            callback=bounded_text,
            help="Relaying outlet: the one the words came through ('told Reuters').",
        ),
        click.option(
            "--since", callback=date_value, help="Said on or after this date (YYYY-MM-DD; else published)."
        ),
        click.option(
            "--until", callback=date_value, help="Said on or before this date (YYYY-MM-DD; else published)."
        ),
        click.option("--type", type=click.Choice(STATEMENT_TYPES), help="Statement type."),
        click.option("--lang", help="Article language (ISO 639-1, e.g. de)."),
        click.option(
            "--min-confidence",
            type=click.FloatRange(0.0, 1.0),
            metavar="0-1",
            help="Only statements the engine is at least this sure of (speakers at 0.9 and above "
            "were right 95% of the time on annotated news; see bench/calibration.py).",
        ),
        click.option(
            "--article", type=RowId(or_text=True), metavar="ID-OR-URL", help="Only this article's statements."
        ),
        click.option(
            "--search",
            metavar="TEXT",
            callback=search_value,
            help='Full text: words (all of them), "a phrase", prefix*, OR, -excluded.',
        ),
        click.option("--sort", type=click.Choice(SORTS), help=SORT_HELP),
        click.option("--limit", type=Count(), help="At most this many rows."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def kind_options(func: F) -> F:
    """--speakers (the default) or --outlets: which rows a command works on."""
    func = click.option("--outlets", "kind", flag_value="outlet", help="Work on outlets.")(func)
    return click.option(
        "--speakers", "kind", flag_value="entity", default=True, help="Work on speakers (the default)."
    )(func)
