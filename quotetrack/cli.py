"""The quotetrack command line: flat verbs plus a ``db`` group.

Data goes to stdout, messages to stderr. Library errors (QuotetrackError) become one
line on stderr and a non-zero exit code here, in one place; never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

import click
from sqlalchemy.engine import Engine

from quotetrack import __version__
from quotetrack.errors import QuotetrackError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
EXPORT_FORMATS = ("json", "jsonl", "csv")
INPUT_FORMATS = ("auto", "text", "jsonl")


class QuotetrackGroup(click.Group):
    """Turns QuotetrackError into a clean message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except QuotetrackError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = exc.exit_code
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
        name = param.name if param is not None else "date"
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", ctx=ctx, param_hint=f"--{name}"
        ) from None


def _engine(ctx: click.Context) -> Engine:
    from quotetrack import db

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


# --- ingest and extract ---------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(INPUT_FORMATS, default="auto", help="Input format; auto goes by extension and content.")
@click.option("--glob", help="Only files matching this pattern inside folders (e.g. '*.txt').")
@click.option("--outlet", help="The outlet that published these articles.")
@click.option("--lang", help="Language of the articles (ISO 639-1); detected when not given.")
@click.option("--published", callback=date_value, help="Publication date (YYYY-MM-DD).")
@click.option("--url", help="The article's URL (for a single article).")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str,
    glob: str | None,
    outlet: str | None,
    lang: str | None,
    published: date | None,
    url: str | None,
    quiet: bool,
) -> None:
    """Read articles (text files, JSON Lines, folders, - for stdin) and store their statements."""
    from quotetrack import ingest as pipeline
    from quotetrack.articles import Overrides

    engine = _engine(ctx)
    options = pipeline.Options(
        fmt=fmt, glob=glob, overrides=Overrides(outlet=outlet, lang=lang, published=published, url=url)
    )
    summary = pipeline.run(
        paths,
        engine=engine,
        options=options,
        stdin=sys.stdin,
        on_error=lambda message: click.echo(f"Error: {message}", err=True),
    )
    if not quiet:
        click.echo(summary.line(), err=True)
    if not summary.ok:
        ctx.exit(1)


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--jsonl", "as_jsonl", is_flag=True, help="Read JSON Lines articles on stdin; print one object per line."
)
@click.option("--lang", help="Language (ISO 639-1); detected when not given.")
@click.option("--published", callback=date_value, help="Publication date (YYYY-MM-DD), for 'am Mittwoch'.")
def extract(file: str | None, as_jsonl: bool, lang: str | None, published: date | None) -> None:
    """Print the statements of an article as JSON, without touching the database."""
    from quotetrack.articles import Article, parse_jsonl_record, read_source
    from quotetrack.errors import InputError
    from quotetrack.extract import extract as run_extract

    if as_jsonl:
        failed = False
        name = "<stdin>" if file in (None, "-") else str(file)
        try:
            stream = sys.stdin.buffer if file in (None, "-") else open(file, "rb")  # noqa: SIM115
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror or exc})", path=name) from None
        with stream:
            for number, raw in enumerate(stream, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    message = f"is not valid UTF-8 (byte {exc.start})"
                    item: Article | InputError = InputError(message, path=name, line=number)
                else:
                    if not line.strip():
                        continue
                    item = parse_jsonl_record(line, name, number, normalize=False)
                if isinstance(item, InputError):
                    failed = True
                    click.echo(f"Error: {item}", err=True)
                    ident = _line_id(raw.decode("utf-8", "replace"), number)
                    click.echo(json.dumps({"id": ident, "error": str(item)}, ensure_ascii=False))
                    continue
                if lang and not item.lang:
                    item.lang = lang
                if published and not item.published:
                    item.published = published
                result = run_extract(item)
                click.echo(
                    json.dumps(
                        result.to_json(item.id if item.id is not None else str(number)), ensure_ascii=False
                    )
                )
        if failed:
            sys.exit(1)
        return
    source = file or "-"
    for item in read_source(source, fmt="text", stdin=sys.stdin):
        if isinstance(item, InputError):
            raise item
        if lang:
            item.lang = lang
        if published:
            item.published = published
        result = run_extract(item)
        click.echo(json.dumps(result.to_json(item.id), ensure_ascii=False, indent=2))


def _line_id(line: str, number: int) -> Any:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return number
    return record.get("id", number) if isinstance(record, dict) else number


# --- reading the store ----------------------------------------------------------------------------


def _statement_filters(func: F) -> F:
    options = [
        click.option("--speaker", help="Speaker name or alias (case- and accent-insensitive, partial)."),
        click.option("--outlet", help="Publishing outlet name or alias."),
        click.option("--since", callback=date_value, help="Said on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=date_value, help="Said on or before this date (YYYY-MM-DD)."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


STATEMENT_COLUMNS = ("said_on", "speaker", "role", "type", "text", "outlet", "source", "article_title")


@cli.command()
@_statement_filters
@format_option(OUTPUT_FORMATS)
@click.pass_context
def quotes(
    ctx: click.Context,
    speaker: str | None,
    outlet: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
    fmt: str | None,
) -> None:
    """Who said what: the stored statements, filtered."""
    rows = _find(ctx, speaker=speaker, outlet=outlet, since=since, until=until, limit=limit)
    if not rows and speaker:
        click.echo(f"No statements by a speaker matching {speaker!r}.", err=True)
    _emit([r.to_json() for r in rows], fmt, STATEMENT_COLUMNS)


def _find(ctx: click.Context, **filters: Any) -> list[Any]:
    from quotetrack import store
    from quotetrack.db import session_scope

    with session_scope(_engine(ctx)) as session:
        return store.find_statements(session, **filters)


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def speakers(ctx: click.Context, limit: int | None, fmt: str | None) -> None:
    """Speakers with their statement counts, roles and first and last dates."""
    from quotetrack import store
    from quotetrack.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = store.list_speakers(session, limit=limit)
    _emit(
        [r.to_json() for r in rows],
        fmt,
        ("name", "kind", "statements", "roles", "first_said_on", "last_said_on"),
    )


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def articles(ctx: click.Context, limit: int | None, fmt: str | None) -> None:
    """Stored articles with their outlet, date and statement count."""
    from quotetrack import store
    from quotetrack.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = store.list_articles(session, limit=limit)
    _emit([r.to_json() for r in rows], fmt, ("id", "published", "outlet", "via", "statements", "title"))


@cli.command()
@_statement_filters
@format_option(EXPORT_FORMATS, default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.pass_context
def export(
    ctx: click.Context,
    speaker: str | None,
    outlet: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
    fmt: str,
    output: str | None,
) -> None:
    """Export statements with every field (json, jsonl or csv)."""
    rows = [
        r.to_json() for r in _find(ctx, speaker=speaker, outlet=outlet, since=since, until=until, limit=limit)
    ]
    text = render(rows, fmt, columns=None)
    if output:
        try:
            _write_atomically(output, text)
        except OSError as exc:
            raise click.FileError(output, exc.strerror or str(exc)) from None
    else:
        click.echo(text, nl=False)


# --- db -------------------------------------------------------------------------------------------


@cli.group(cls=QuotetrackGroup)
def db() -> None:
    """Database maintenance: migrations and where the database is."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Bring the database schema up to date."""
    from quotetrack import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    database.upgrade(url, revision)
    click.echo(f"{database.mask_url(url)}: at {database.current_revision(url)}", err=True)


@db.command("current")
@click.pass_context
def db_current(ctx: click.Context) -> None:
    """Print the database's schema revision and the newest one this quotetrack knows."""
    from quotetrack import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    current = database.current_revision(url)
    head = database.head_revision()
    state = "up to date" if current == head else "empty" if current is None else f"behind {head}"
    click.echo(f"{current or '-'} ({state})")


@db.command("path")
@click.pass_context
def db_path(ctx: click.Context) -> None:
    """Print the database URL in use (password masked)."""
    from quotetrack import db as database

    click.echo(database.mask_url(database.resolve_url(ctx.find_root().obj.get("db"))))


# --- output ---------------------------------------------------------------------------------------


def _emit(rows: list[dict[str, Any]], fmt: str | None, columns: Sequence[str]) -> None:
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    click.echo(render(rows, fmt, columns=columns), nl=False)


def render(rows: list[dict[str, Any]], fmt: str, *, columns: Sequence[str] | None) -> str:
    """Rows as table, json, jsonl or csv text."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv(rows)
    return _table(rows, columns or (list(rows[0]) if rows else []))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table fitted to the terminal; the text column keeps the most room."""
    if not rows:
        return ""
    width = shutil.get_terminal_size((120, 24)).columns
    cells = [[_cell(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    budget = max(20, width - 2 * (len(columns) - 1))
    flex = list(columns).index("text") if "text" in columns else -1
    while sum(widths) > budget:
        others = [i for i in range(len(widths)) if i != flex and widths[i] > max(12, len(columns[i]))]
        if others:
            widest = max(others, key=lambda i: widths[i])
        elif flex >= 0 and widths[flex] > 20:
            widest = flex
        else:
            break
        widths[widest] -= 1
    lines = ["  ".join(c.ljust(w)[:w] for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(_fit(v, w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: max(0, width - 1)] + "…"


def _write_atomically(path: str, text: str) -> None:
    import os
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".quotetrack-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv: Iterable[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="quotetrack")
