"""The Spark job of ``quotetrack batch extract``: input files spread over the executors, each
file read and extracted there (:func:`quotetrack.batch.rows.file_rows`), and the rows written
as three Parquet datasets under the output folder: ``articles/``, ``statements/``, ``errors/``.

The files are found on the driver (folders expanded as ``ingest`` expands them) and must be
readable at the same paths by the executors: in local mode, or on a file system they share.
Each file is one task's unit of work; ``partitions`` says how many tasks share them out.
The rows are computed once (persisted, memory and disk) and written three times.

A run can be resumed. Every dataset is partitioned by input file (the ``part`` column, a hash of
the file's path), and a fourth dataset, ``done/``, lists the files whose rows were all written;
it is written last. Run again with the same ``--out``, the job skips the files ``done/`` lists
and writes the others' partitions afresh (Spark's dynamic partition overwrite), so what an
interrupted run left half-written is replaced, never doubled.
"""

from __future__ import annotations

import hashlib
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
PART = "part"  # the partition column of every dataset: which input file a row comes from
DONE = "done"  # the dataset of the input files whose rows were all written


@dataclass(slots=True)
class BatchSummary:
    """What a batch wrote."""

    inputs: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    out: str = ""
    skipped: int = 0  # input files a previous run of the same --out had done

    def line(self) -> str:
        counts = ", ".join(plural(self.counts.get(kind, 0), kind.removesuffix("s")) for kind in KINDS)
        line = f"{plural(self.inputs, 'input file')}: {counts}; written to {self.out}/{{{','.join(KINDS)}}}"
        if self.skipped:
            line += f"; {plural(self.skipped, 'input file')} done before, skipped"
        return line

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
    """Extract every article of ``paths`` on Spark and write the datasets under ``out``; the
    files a previous run of the same ``out`` finished are skipped."""
    from pyspark import StorageLevel

    files = input_files(paths, glob=glob)
    out = out.rstrip("/") or out
    _check_resumable(out)
    master = spark_master(master)
    with spark_session(APP_NAME, master) as spark:
        spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
        done = _done_files(spark, out)
        todo = [path for path in files if path not in done]
        summary = BatchSummary(inputs=len(todo), out=out, skipped=len(files) - len(todo))
        if not todo:
            if note:
                note(f"every one of the {plural(len(files), 'input file')} was done before in {out}")
            return summary
        context = spark.sparkContext
        slices = partitions or max(1, min(len(todo), context.defaultParallelism))
        if note:
            skipped = f" ({summary.skipped} done before, skipped)" if summary.skipped else ""
            note(f"{plural(len(todo), 'input file')}{skipped} in {plural(slices, 'partition')} on {master}")
        work = partial(file_rows, fmt=fmt, overrides=overrides or Overrides())
        rows = context.parallelize(todo, slices).flatMap(work).persist(StorageLevel.MEMORY_AND_DISK)
        try:
            counts = {str(kind): int(count) for kind, count in rows.map(_kind).countByValue().items()}
            for kind in KINDS:
                frame = spark.createDataFrame(
                    rows.filter(partial(_is, kind)).map(_partitioned), _schema(kind)
                )
                frame.write.partitionBy(PART).mode("overwrite").parquet(f"{out}/{kind}")
            finished = spark.createDataFrame([(part_of(path), path) for path in todo], _done_schema())
            finished.write.partitionBy(PART).mode("overwrite").parquet(f"{out}/{DONE}")
        finally:
            rows.unpersist()
    summary.counts = counts
    return summary


def part_of(path: str) -> str:
    """The partition of an input file's rows: a short hash of its path."""
    return hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _check_resumable(out: str) -> None:
    """A local output folder that holds datasets written without ``done/`` (by an older
    quotetrack) cannot be resumed: the job would mix two layouts."""
    if "://" in out or (Path(out) / DONE).exists():
        return
    taken = [kind for kind in KINDS if (Path(out) / kind).exists()]
    if taken:
        raise UsageError(f"{out} already holds {', '.join(taken)}: name another --out folder or remove them")


def _done_files(spark: Any, out: str) -> set[str]:
    """The input files a previous run of ``out`` wrote all the rows of."""
    if "://" not in out and not (Path(out) / DONE).exists():
        return set()
    try:
        frame = spark.read.schema(_done_schema()).parquet(f"{out}/{DONE}")
    except Exception as exc:  # no done/ dataset on a remote file system: nothing done yet
        if "PATH_NOT_FOUND" in str(exc) or "Path does not exist" in str(exc):
            return set()
        raise
    return {str(row["input"]) for row in frame.select("input").collect()}


def _done_schema() -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField(PART, StringType(), False), StructField("input", StringType(), False)])


def _partitioned(row: tuple[str, Any]) -> tuple[Any, ...]:
    """A row's values with its partition (every row's first value is its input file)."""
    values = row[1]
    return (*values, part_of(values[0]))


def _kind(row: tuple[str, Any]) -> str:
    return row[0]


def _is(kind: str, row: tuple[str, Any]) -> bool:
    return row[0] == kind


def _schema(kind: str) -> Any:
    from pyspark.sql.types import BinaryType, DoubleType, LongType, StringType, StructField, StructType

    types = {"string": StringType(), "long": LongType(), "double": DoubleType(), "binary": BinaryType()}
    fields = [StructField(name, types[kind_of], nullable=True) for name, kind_of in COLUMNS[kind]]
    return StructType([*fields, StructField(PART, StringType(), nullable=False)])
