"""Commands that read articles: ``ingest``, ``reextract``, ``extract``."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click

from quotetrack.cli.app import MAX_JOBS, RowId, cli, date_value, end_run, format_option, open_engine
from quotetrack.errors import UsageError

INPUT_FORMATS = ("auto", "text", "markdown", "html", "jsonl", "warc")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(
    INPUT_FORMATS,
    default="auto",
    help="Input format; auto goes by extension (.txt .md .html .jsonl .warc .warc.gz) and content.",
)
@click.option(
    "--glob",
    type=click.Path(),  # matched against file names as the bytes they are
    metavar="PATTERN",
    help="Only files matching this pattern inside folders (e.g. '*.html').",
)
@click.option("--outlet", help="The outlet that published these articles (wins over the input's).")
@click.option("--lang", help="Language of the articles (ISO 639-1); detected when not given.")
@click.option("--published", callback=date_value, help="Publication date (YYYY-MM-DD).")
@click.option("--url", help="The article's URL (for a single article).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=MAX_JOBS),
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
    """Read articles (text, Markdown, HTML pages, JSON Lines, the HTML pages of WARC web
    archives; files, folders, - for stdin) and store them with their statements.

    An input stored before (the same bytes, the same text) is skipped; a changed page at a
    known URL is stored as a new version of it. Each article is written whole in its own
    transaction: an interrupted run is completed by running it again.
    """
    from quotetrack import ingest as pipeline
    from quotetrack.inputs.article import Overrides
    from quotetrack.progress import ProgressLine, ingest_text

    engine = open_engine(ctx)
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

    def on_warning(message: str) -> None:
        if line is not None:
            line.message(f"Warning: {message}")
        else:
            click.echo(f"Warning: {message}", err=True)

    def on_note(message: str) -> None:
        if quiet:
            return
        if line is not None:
            line.message(message)
        else:
            click.echo(message, err=True)

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
        on_warning=on_warning,
        on_note=on_note,
        on_progress=on_progress if line is not None else None,
    )
    if line is not None:
        line.clear()
    end_run(ctx, summary, quiet=quiet, rest="ingest the rest")


@cli.command()
@click.argument("articles", nargs=-1, type=RowId(or_text=True), metavar="[ARTICLE...]")
@click.option("--all", "every", is_flag=True, help="Every stored article.")
@click.option(
    "--outdated", is_flag=True, help="Every article extracted by another version of the engine than this one."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors are still reported.")
@click.pass_context
def reextract(
    ctx: click.Context, articles: tuple[int | str, ...], every: bool, outdated: bool, quiet: bool
) -> None:
    """Run the current engine again over stored articles (by id or URL, --all or --outdated),
    replacing their statements; the articles stay. One transaction per article."""
    from quotetrack import ingest as pipeline
    from quotetrack.extract import EXTRACTOR_VERSION
    from quotetrack.progress import ProgressLine
    from quotetrack.store import write
    from quotetrack.store.db import session_scope

    if bool(articles) + every + outdated != 1:
        raise UsageError("name the articles (id or URL), or give --all or --outdated")
    engine = open_engine(ctx)
    with session_scope(engine) as session:
        ids, missing = write.articles_to_reextract(
            session, refs=[str(a) for a in articles], outdated_than=EXTRACTOR_VERSION if outdated else None
        )
    for ref in missing:
        click.echo(f"Error: no article with id or URL {ref!r}; `quotetrack articles` lists them", err=True)
    if missing and not ids:
        ctx.exit(1)  # each name that matched nothing had its line: nothing to re-extract
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
@format_option(
    INPUT_FORMATS,
    default="auto",
    help="Input format, as for ingest; auto goes by extension (.txt .md .html .jsonl) and content.",
)
@click.option("--lang", help="Language (ISO 639-1); detected when not given.")
@click.option("--published", callback=date_value, help="Publication date (YYYY-MM-DD), for 'am Mittwoch'.")
def extract(file: str | None, as_jsonl: bool, fmt: str, lang: str | None, published: date | None) -> None:
    """Print the statements of an article as JSON, without touching the database. The article
    is read as ingest reads it: a page's main text, a Markdown body, each JSON line."""
    from quotetrack.errors import InputError
    from quotetrack.extract import extract as run_extract
    from quotetrack.inputs.article import Article, Overrides
    from quotetrack.inputs.prepare import prepare
    from quotetrack.inputs.readers import parse_jsonl_record
    from quotetrack.inputs.sources import Source, read_sources

    failed = False
    path = file or "-"
    if as_jsonl:
        for source in read_sources(path, fmt="jsonl", stdin=sys.stdin.buffer):
            number = source.line
            if isinstance(source, InputError):
                item: Article | InputError = source
            else:
                try:
                    line = source.data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    item = source.error(f"is not valid UTF-8 (byte {exc.start})")
                else:
                    item = parse_jsonl_record(line, source.name, number or 0, normalize=False)
            if isinstance(item, InputError):
                failed = True
                click.echo(f"Error: {item}", err=True)
                if number is not None and isinstance(source, Source):
                    ident = _line_id(source.data.decode("utf-8", "replace"), number)
                    click.echo(json.dumps({"id": ident, "error": str(item)}, ensure_ascii=False))
                continue
            if lang and not item.lang:
                item.lang = lang
            if published and not item.published:
                item.published = published
            result = run_extract(item)
            ident = item.id if item.id is not None else str(number)
            click.echo(json.dumps(result.to_json(ident), ensure_ascii=False))
    else:
        overrides = Overrides(lang=lang, published=published)
        for source in read_sources(path, fmt=fmt, stdin=sys.stdin.buffer, on_note=_note):
            article = source if isinstance(source, InputError) else prepare(source, overrides)
            if isinstance(article, InputError):
                failed = True
                click.echo(f"Error: {article}", err=True)
                continue
            result = run_extract(article)
            click.echo(json.dumps(result.to_json(article.id), ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


def _note(message: str) -> None:
    click.echo(message, err=True)


def _line_id(line: str, number: int) -> Any:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return number
    return record.get("id", number) if isinstance(record, dict) else number
