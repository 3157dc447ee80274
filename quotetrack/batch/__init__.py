"""Batch extraction on Apache Spark: ``quotetrack batch extract INPUT... --out DIR``.

The executors read, prepare and extract each input as ``quotetrack ingest`` does (the
functions of :mod:`quotetrack.inputs` and :mod:`quotetrack.extract`), without a database, and
the results are written as Parquet datasets: ``articles/``, ``statements/`` and ``errors/``.
PySpark is an optional extra (``pip install 'quotetrack[spark]'``) and is imported only here,
when a batch runs.
"""
