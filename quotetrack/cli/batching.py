"""``quotetrack batch``: extraction at scale on Apache Spark. PySpark is an optional extra,
imported only when a batch runs."""

from __future__ import annotations

import click

from quotetrack.cli.app import QuotetrackGroup, cli, end_run, format_option
from quotetrack.cli.ingesting import INPUT_FORMATS
from quotetrack.errors import QuotetrackError

SPARK_PACKAGES = {"pyspark", "py4j"}


@cli.group(cls=QuotetrackGroup)
def batch() -> None:
    """Extraction and fact tracking at scale on Apache Spark (pip install 'quotetrack[spark]')."""


@batch.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    help="Folder (or Spark URL) for the Parquet datasets articles/, statements/ and errors/.",
)
@click.option("--master", metavar="URL", help="Spark master (default: $MASTER, else local[*]).")
@click.option(
    "--partitions",
    type=click.IntRange(min=1, max=1_000_000),
    help="Tasks the input files are shared out among (default: one a file, at most Spark's parallelism).",
)
@format_option(INPUT_FORMATS, default="auto", help="Input format, as for ingest.")
@click.option(
    "--glob", type=click.Path(), metavar="PATTERN", help="Only files matching this pattern in folders."
)
@click.pass_context
def batch_extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    out: str,
    master: str | None,
    partitions: int | None,
    fmt: str,
    glob: str | None,
) -> None:
    """Read and extract the articles of INPUT... (files and folders, as ingest reads them) on
    Spark executors, and write Parquet datasets under --out: articles/, statements/ and errors/
    (an input that cannot be read is an error row; it never fails the job). The files must be
    readable at the same paths by every executor."""
    from quotetrack.batch import spark

    _need_pyspark()

    def note(text: str) -> None:
        click.echo(text, err=True)

    summary = spark.run(paths, out, master=master, partitions=partitions, fmt=fmt, glob=glob, note=note)
    click.echo(summary.line(), err=True)
    if not summary.ok:
        ctx.exit(1)


def _need_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in SPARK_PACKAGES:
            raise
        raise QuotetrackError(
            f"quotetrack batch needs PySpark ({exc.name} is missing): pip install 'quotetrack[spark]'"
        ) from None


@batch.command("load")
@click.argument("folder", metavar="DIR")
@click.option(
    "--db",
    "db_url",
    metavar="URL-OR-PATH",
    help="Database to load into (default: quotetrack's --db, else $QUOTETRACK_DATABASE_URL, ...).",
)
@click.option(
    "--master", metavar="URL", help="Spark master reading the datasets (default: $MASTER, else local[*])."
)
@click.option(
    "--chunk",
    type=click.IntRange(min=1, max=1_000_000),
    default=1000,
    show_default=True,
    help="Articles stored in one transaction.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors are still reported.")
@click.pass_context
def batch_load(
    ctx: click.Context, folder: str, db_url: str | None, master: str | None, chunk: int, quiet: bool
) -> None:
    """Store the Parquet datasets that batch extract wrote under DIR (articles/, statements/,
    errors/) as ingest would store those inputs: articles already stored (the same text) are
    skipped, the rest go in with COPY on PostgreSQL (ordinary inserts on SQLite), whole chunks of
    articles a transaction, so an interrupted load run again completes the rest; then the fact
    tracking of ingest runs over the new articles. Inputs the extraction could not read are
    reported from errors/."""
    from quotetrack.batch import load
    from quotetrack.cli.app import open_engine

    _need_pyspark()
    if db_url is not None:
        ctx.find_root().obj["db"] = db_url
    engine = open_engine(ctx)

    def on_error(message: str) -> None:
        click.echo(f"Error: {message}", err=True)

    def on_warning(message: str) -> None:
        if not quiet:
            click.echo(f"Warning: {message}", err=True)

    def on_progress(summary: load.LoadSummary) -> None:
        if not quiet:
            click.echo(
                f"{summary.new + summary.known:,} articles read, {summary.new:,} new, "
                f"{summary.statements:,} statements",
                err=True,
            )

    summary = load.run(
        folder,
        engine=engine,
        master=master,
        chunk=chunk,
        on_error=on_error,
        on_warning=on_warning,
        on_progress=on_progress,
    )
    end_run(ctx, summary, quiet=quiet, rest="load the rest")


@batch.command("facts")
@click.option(
    "--db",
    "db_url",
    metavar="URL-OR-PATH",
    help="Database whose pending articles to track (default: quotetrack's --db, else "
    "$QUOTETRACK_DATABASE_URL, ...).",
)
@click.option("--master", metavar="URL", help="Spark master (default: $MASTER, else local[*]).")
@click.option(
    "--partitions",
    type=click.IntRange(min=1, max=1_000_000),
    help="Tasks the stretches of days are shared out among (default: one a stretch, at most "
    "Spark's parallelism).",
)
@click.pass_context
def batch_facts(ctx: click.Context, db_url: str | None, master: str | None, partitions: int | None) -> None:
    """Finish the fact tracking of every article pending it (after ingest or batch load of a large
    corpus): speakers and outlets resolved, statements grouped into claims, provenance linked, the
    database ending as `quotetrack facts` leaves it. The grouping of each stretch of days is
    computed on Spark; the claims and links are written by the database's own transactions, a
    chunk of articles at a time, so an interrupted run run again completes the rest."""
    from quotetrack.batch import facts
    from quotetrack.cli.app import open_engine

    _need_pyspark()
    if db_url is not None:
        ctx.find_root().obj["db"] = db_url
    engine = open_engine(ctx)

    def note(text: str) -> None:
        click.echo(text, err=True)

    try:
        summary = facts.run(engine, master=master, partitions=partitions, note=note)
    except KeyboardInterrupt:
        click.echo("Interrupted: run the same command again to finish the fact tracking.", err=True)
        ctx.exit(130)
    click.echo(summary.line(), err=True)
