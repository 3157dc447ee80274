"""Commands that ask who said what: ``quotes``, ``who``, ``speakers``, ``speaker``, ``outlets``,
``articles``, ``show``.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

import click

from quotetrack.cli.app import (
    OUTPUT_FORMATS,
    STATEMENT_TYPES,
    Count,
    RowId,
    bounded_text,
    cli,
    date_value,
    format_option,
    open_engine,
    open_reader,
    statement_filters,
)
from quotetrack.cli.output import TYPE_COLOURS, Marks, cell_text, emit, table_text, use_colour

STATEMENT_COLUMNS = ("speaker", "role", "said_on", "type", "text", "outlet", "article_title", "article_url")


# what an empty listing says when no filter narrowed it
EMPTY_DATABASE = "No {} yet: `quotetrack ingest PATH` stores articles with their statements."


def _note_unmatched(unmatched: Iterable[tuple[str, str]]) -> None:
    from quotetrack.query.plain import unmatched_note

    for name, value in unmatched:
        click.echo(unmatched_note(name, value), err=True)


@cli.command()
@statement_filters
@format_option(OUTPUT_FORMATS)
@click.pass_context
def quotes(ctx: click.Context, fmt: str | None, **filters: Any) -> None:
    """Who said what: the stored statements, filtered; the filters combine."""
    rows = find_rows(ctx, **filters)
    marks = _search_marks(filters.get("search"))
    rows_json = [r.to_json() for r in rows]
    optional = ("article_title", "article_url")
    emit(rows_json, fmt, STATEMENT_COLUMNS, marks=marks, optional=optional, empty=nothing_found(ctx, filters))


def _search_marks(search: str | None) -> Marks | None:
    """Where a text matches the search's terms, for highlighting them in a table."""
    if not search:
        return None
    from quotetrack.store import fulltext

    terms = fulltext.parse(search).terms

    def marks(text: str) -> list[tuple[int, int]]:
        return fulltext.spans(text, terms)

    return marks


def nothing_found(ctx: click.Context, filters: dict[str, Any]) -> str | None:
    """What to say when no statement is found: nothing when a filter's value matched nothing
    (that was said), else whether the filters or an empty database are the reason."""
    if ctx.meta.get(NOTED):
        return None
    if any(v for k, v in filters.items() if k not in ("sort", "limit")):
        return "No statements match these filters."
    return "No statements yet: `quotetrack ingest PATH` stores articles with their statements."


NOTED = "quotetrack.noted"  # ctx.meta key: a filter's value that matched nothing was noted


def find_rows(ctx: click.Context, **options: Any) -> list[Any]:
    """Statements for the filter options; a filter value that matches nothing is noted on stderr.
    Full-text searches run in ``query.statements``, the other filters in plain SQL."""
    from quotetrack.query import plain

    sort, limit = options.pop("sort", None), options.pop("limit", None)
    since, until = options.get("since"), options.get("until")
    if since and until and since > until:
        click.echo(f"--since {since} is after --until {until}; nothing can match.", err=True)
    filters = plain.Filters(**{k: v for k, v in options.items() if v is not None})
    if filters.search is not None:
        from quotetrack.query import statements
        from quotetrack.store.db import session_scope

        with session_scope(open_engine(ctx)) as session:
            found = statements.search_statements(session, filters, sort=sort, limit=limit)
        if isinstance(found, statements.Ranked):
            click.echo(found.note, err=True)  # a very broad search: only part of it was ranked
    else:
        with open_reader(ctx) as reader:
            found = plain.search_statements(reader, filters, sort=sort, limit=limit)
    _note_unmatched(found.unmatched)
    ctx.meta[NOTED] = bool(found.unmatched)
    return found.rows


WHO_COLUMNS = ("speaker", "statements", "first_said_on", "last_said_on", "score", "text")


@cli.command()
@click.argument("text", callback=bounded_text)
@click.option("--outlet", callback=bounded_text, help="Publishing outlet name or alias.")
@click.option("--since", callback=date_value, help="Said on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="Said on or before this date (YYYY-MM-DD).")
@click.option("--type", type=click.Choice(STATEMENT_TYPES), help="Statement type.")
@click.option("--lang", help="Article language (ISO 639-1).")
@click.option("--limit", type=Count(), help="At most this many speakers.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def who(ctx: click.Context, text: str, fmt: str | None, limit: int | None, **options: Any) -> None:
    """Who said something like TEXT: speakers ranked by their closest statement, with counts."""
    from quotetrack.query import statements
    from quotetrack.store import fulltext
    from quotetrack.store.db import session_scope

    filters = statements.Filters(**{k: v for k, v in options.items() if v is not None})
    with session_scope(open_engine(ctx)) as session:
        rows = statements.who(session, text, filters=filters, limit=limit)
    if not rows:
        click.echo(f"Nobody said anything like {text!r}.", err=True)
    terms = [fulltext.Term((word,)) for word in fulltext.words(text) if len(word) > 2]

    def marks(value: str) -> list[tuple[int, int]]:
        return fulltext.spans(value, terms)

    emit([r.to_json() for r in rows], fmt, WHO_COLUMNS, marks=marks)


SPEAKER_COLUMNS = ("name", "kind", "statements", "roles", "organizations", "first_said_on", "last_said_on")


@cli.command()
@click.option(
    "--search",
    metavar="NAME",
    callback=bounded_text,
    help="Only speakers matching this name (forgiving, as --speaker).",
)
@click.option(
    "--kind", type=click.Choice(("person", "organization", "outlet", "document", "country", "unknown"))
)
@click.option("--limit", type=Count(), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def speakers(
    ctx: click.Context, search: str | None, kind: str | None, limit: int | None, fmt: str | None
) -> None:
    """Speakers with statement counts, roles, organisations, the outlets quoting them, and the
    first and last day they were quoted."""
    from quotetrack.query import plain

    with open_reader(ctx) as reader:
        rows = plain.list_speakers(reader, search=search, kind=kind, limit=limit)
    if not rows and search is not None:
        _note_unmatched([("speaker", search)])
    empty = f"No speakers of kind {kind}." if kind else EMPTY_DATABASE.format("speakers")
    emit([r.to_json() for r in rows], fmt, SPEAKER_COLUMNS, empty=None if search is not None else empty)


@cli.command()
@click.argument("name", callback=bounded_text)
@click.option("--recent", type=Count(min=0), default=10, show_default=True, help="Latest statements.")
@format_option(("table", "json"))
@click.pass_context
def speaker(ctx: click.Context, name: str, recent: int, fmt: str | None) -> None:
    """A speaker's profile: names, counts, roles, organisations, outlets, latest statements."""
    from quotetrack.query import listings
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx)) as session:
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
        ("first quoted", cell_text(profile.first_said_on)),
        ("last quoted", cell_text(profile.last_said_on)),
        ("also matched", ", ".join(profile.also_matched)),
    ]
    width = max(len(label) for label, _value in fields)
    lines = [f"{click.style(label.ljust(width), bold=True)}  {value}" for label, value in fields if value]
    text = "\n".join(lines) + "\n"
    if profile.recent:
        recent = [row.to_json() for row in profile.recent]
        text += "\n" + table_text(recent, ("said_on", "type", "text", "outlet", "article_title"))
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
@click.option(
    "--search", metavar="NAME", callback=bounded_text, help="Only outlets matching this name (forgiving)."
)
@click.option("--limit", type=Count(), help="At most this many rows.")
@format_option(OUTPUT_FORMATS)
@click.pass_context
def outlets(ctx: click.Context, search: str | None, limit: int | None, fmt: str | None) -> None:
    """Outlets: articles published, statements and speakers in them, statements relayed through
    them (as the source) and articles taken from them (via)."""
    from quotetrack.query import plain

    with open_reader(ctx) as reader:
        rows = plain.list_outlets(reader, search=search, limit=limit)
    if not rows and search is not None:
        _note_unmatched([("outlet", search)])
    empty = None if search is not None else EMPTY_DATABASE.format("outlets")
    emit([r.to_json() for r in rows], fmt, OUTLET_COLUMNS, empty=empty)


ARTICLE_COLUMNS = ("id", "published", "outlet", "authors", "via", "statements", "title")


@cli.command()
@click.option("--outlet", callback=bounded_text, help="Publishing outlet name or alias.")
@click.option("--since", callback=date_value, help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="Published on or before this date (YYYY-MM-DD).")
@click.option("--lang", help="Article language (ISO 639-1).")
@click.option("--limit", type=Count(), help="At most this many rows.")
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
    """Stored articles with their outlet, date, authors, via and statement count."""
    from quotetrack.query import plain

    with open_reader(ctx) as reader:
        rows = plain.list_articles(reader, outlet=outlet, since=since, until=until, lang=lang, limit=limit)
        unknown = outlet is not None and plain.match_names(reader, outlet, names=plain.OUTLETS).empty
    if unknown:
        _note_unmatched([("outlet", str(outlet))])
    filtered = outlet or since or until or lang
    empty = "No articles match these filters." if filtered else EMPTY_DATABASE.format("articles")
    emit([r.to_json() for r in rows], fmt, ARTICLE_COLUMNS, empty=None if unknown else empty)


@cli.command()
@click.argument("article", type=RowId(or_text=True), metavar="ARTICLE")
@format_option(("text", "json"), help="Output format (default: text).")
@click.pass_context
def show(ctx: click.Context, article: int | str, fmt: str | None) -> None:
    """Print an article (by id or URL) with its statements marked: in colour on a terminal,
    [in brackets][n] otherwise, each numbered statement listed below the text."""
    from quotetrack.errors import InputError
    from quotetrack.query import plain

    with open_reader(ctx) as reader:
        found = plain.article_text(reader, article)
    if found is None:
        raise InputError(f"no article with id or URL {article!r}; `quotetrack articles` lists them")
    if fmt == "json":
        click.echo(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(_article_text(found, colour=use_colour()), nl=False)


def _article_text(found: Any, *, colour: bool) -> str:
    """The article's text with statements marked, and a numbered list of them."""
    article, text = found.article, found.text
    statements = [s for s in found.statements if 0 <= s.start < s.end <= len(text)]
    number = {s.id: index for index, s in enumerate(statements, start=1)}
    head = " · ".join(
        str(part)
        for part in (
            ", ".join(author.name for author in article.authors) or None,
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
