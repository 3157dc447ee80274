"""The Spark job of ``quotetrack batch extract``: input files spread over the executors, each
file read and extracted there (:func:`quotetrack.batch.rows.file_rows`), and the rows written
as three Parquet datasets under the output folder: ``articles/``, ``statements/``, ``errors/``.

The files are found on the driver (folders expanded as ``ingest`` expands them) and must be
readable at the same paths by the executors: in local mode, or on a file system they share.
Each file is one task's unit of work; ``partitions`` says how many tasks share them out.
The rows are computed once (persisted, memory and disk) and written three times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from quotetrack.batch.rows import COLUMNS, KINDS, file_rows
from quotetrack.batch.session import spark_master, spark_session
from quotetrack.errors import UsageError
from quotetrack.inputs.article import Overrides
from quotetrack.inputs.sources import expand_paths
from quotetrack.text import plural

APP_NAME = "quotetrack batch extract"


@dataclass(slots=True)
class BatchSummary:
    """What a batch wrote."""

    inputs: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    out: str = ""

    def line(self) -> str:
        counts = ", ".join(plural(self.counts.get(kind, 0), kind.removesuffix("s")) for kind in KINDS)
        return f"{plural(self.inputs, 'input file')}: {counts}; written to {self.out}/{{{','.join(KINDS)}}}"

    @property
    def ok(self) -> bool:
        return not self.counts.get("errors")


def input_files(paths: Sequence[str], *, glob: str | None = None) -> list[str]:
    """The files a batch reads: those named, and the readable files in folders named."""
    files: list[str] = []
    for path in expand_paths(paths, glob=glob):
        if path == "-":
            raise UsageError("a batch reads files and folders, not standard input (-)")
        files.append(str(path))
    if not files:
        raise UsageError("no input files found")
    return files


def run(
    paths: Sequence[str],
    out: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    fmt: str = "auto",
    glob: str | None = None,
    overrides: Overrides | None = None,
    note: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Extract every article of ``paths`` on Spark and write the datasets under ``out``."""
    from pyspark import StorageLevel

    files = input_files(paths, glob=glob)
    out = out.rstrip("/") or out
    _check_free(out)
    master = spark_master(master)
    with spark_session(APP_NAME, master) as spark:
        context = spark.sparkContext
        slices = partitions or max(1, min(len(files), context.defaultParallelism))
        if note:
            note(f"{plural(len(files), 'input file')} in {plural(slices, 'partition')} on {master}")
        work = partial(file_rows, fmt=fmt, overrides=overrides or Overrides())
        rows = context.parallelize(files, slices).flatMap(work).persist(StorageLevel.MEMORY_AND_DISK)
        try:
            counts = {str(kind): int(count) for kind, count in rows.map(_kind).countByValue().items()}
            for kind in KINDS:
                frame = spark.createDataFrame(rows.filter(partial(_is, kind)).map(_values), _schema(kind))
                frame.write.mode("errorifexists").parquet(f"{out}/{kind}")
        finally:
            rows.unpersist()
    return BatchSummary(inputs=len(files), counts=counts, out=out)


def _check_free(out: str) -> None:
    """A local output folder must not hold the datasets already (Spark refuses, less clearly)."""
    if "://" in out:
        return
    taken = [kind for kind in KINDS if (Path(out) / kind).exists()]
    if taken:
        raise UsageError(f"{out} already holds {', '.join(taken)}: name another --out folder or remove them")


def _kind(row: tuple[str, Any]) -> str:
    return row[0]


def _is(kind: str, row: tuple[str, Any]) -> bool:
    return row[0] == kind


def _values(row: tuple[str, Any]) -> Any:
    return row[1]


def _schema(kind: str) -> Any:
    from pyspark.sql.types import BinaryType, DoubleType, LongType, StringType, StructField, StructType

    types = {"string": StringType(), "long": LongType(), "double": DoubleType(), "binary": BinaryType()}
    return StructType([StructField(name, types[kind_of], nullable=True) for name, kind_of in COLUMNS[kind]])
