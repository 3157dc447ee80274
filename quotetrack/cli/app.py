"""The ``quotetrack`` command group and the options its commands share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from quotetrack import __version__
from quotetrack.errors import QuotetrackError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

F = TypeVar("F", bound=Callable[..., Any])


OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "md")


class QuotetrackGroup(click.Group):
    """Turns QuotetrackError into a clean message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except QuotetrackError as exc:
            error = click.ClickException(str(exc))
            setattr(error, "exit_code", exc.exit_code)  # click declares it a class variable  # noqa: B010
            raise error from None


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
        parse(value)
    except SearchSyntaxError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def open_engine(ctx: click.Context) -> Engine:
    from quotetrack.store import db

    obj = ctx.find_root().obj
    if obj.get("engine") is None:
        obj["engine"] = db.open_database(db.resolve_url(obj.get("db")))
    return obj["engine"]


CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(cls=QuotetrackGroup, context_settings=CONTEXT)
@click.option(
    "--db",
    metavar="URL-OR-PATH",
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
            help="Speaker name or alias: case and accents do not matter, part of a name will do, "
            "and a misspelt name is matched fuzzily.",
        ),
        click.option("--role", help="Part of the speaker's role as written (e.g. 'spokes')."),
        click.option("--organization", help="The speaker's organisation (name or alias, forgiving)."),
        click.option("--outlet", help="Publishing outlet name or alias."),
        click.option("--source", help="Relaying outlet: the one the words came through ('told Reuters')."),
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
        click.option("--article", metavar="ID-OR-URL", help="Only this article's statements."),
        click.option(
            "--search",
            metavar="TEXT",
            callback=search_value,
            help='Full text: words (all of them), "a phrase", prefix*, OR, -excluded.',
        ),
        click.option("--sort", type=click.Choice(SORTS), help=SORT_HELP),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
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
