"""The Spark session of a batch command (``batch extract``, ``batch load``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from quotetrack.errors import QuotetrackError


def spark_master(master: str | None = None) -> str:
    """The Spark master: ``master``, else $MASTER, else local[*] (whose executors run this Python)."""
    master = master or os.environ.get("MASTER") or "local[*]"
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return master


@contextmanager
def spark_session(app_name: str, master: str | None = None) -> Iterator[Any]:
    """A Spark session on ``master`` (default: $MASTER, else local[*]), quiet, stopped at the end;
    a failure of the Spark job raises a QuotetrackError with the first line of its message."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name).master(spark_master(master))
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    try:
        spark.sparkContext.setLogLevel("ERROR")
        yield spark
    except Exception as exc:
        if type(exc).__module__.startswith(("pyspark", "py4j")):
            raise QuotetrackError(f"the Spark job failed: {_first_line(exc)}") from None
        raise
    finally:
        spark.stop()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
