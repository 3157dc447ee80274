"""``quotetrack batch``: extraction at scale on Apache Spark. PySpark is an optional extra,
imported only when a batch runs."""

from __future__ import annotations

import click

from quotetrack.cli.app import QuotetrackGroup, cli, format_option
from quotetrack.cli.ingesting import INPUT_FORMATS
from quotetrack.errors import QuotetrackError

SPARK_PACKAGES = {"pyspark", "py4j"}


@cli.group(cls=QuotetrackGroup)
def batch() -> None:
    """Extraction at scale on Apache Spark, without a database (pip install 'quotetrack[spark]')."""


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

    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in SPARK_PACKAGES:
            raise
        raise QuotetrackError(
            f"quotetrack batch needs PySpark ({exc.name} is missing): pip install 'quotetrack[spark]'"
        ) from None

    def note(text: str) -> None:
        click.echo(text, err=True)

    summary = spark.run(paths, out, master=master, partitions=partitions, fmt=fmt, glob=glob, note=note)
    click.echo(summary.line(), err=True)
    if not summary.ok:
        ctx.exit(1)
