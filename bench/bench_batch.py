"""Rates of ``quotetrack batch extract`` (per core) and ``quotetrack batch load`` (into PostgreSQL).

    QUOTETRACK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/bench_batch.py                  # 4,000 articles of bench/corpus.py
    python bench/bench_batch.py --n 20000 --files 8 --cores 2

The corpus is bench/corpus.py's (invented German and English articles of about 3,000
characters), written as ``--files`` JSON Lines files. ``batch extract`` runs in Spark local mode
on ``--cores`` cores (``local[N]``, one partition a file); the figure per core is articles/s
divided by the cores, from the job's wall time (Spark's start-up of a few seconds included, so
larger ``--n`` gives the truer rate). ``batch load`` then stores the datasets into a PostgreSQL
database of its own (created and dropped), and its time is split into reading the datasets on
Spark, storing (the transactions with COPY: the rate the database must keep up with) and the
fact tracking (claims and provenance of the new articles).

``--ingest`` also runs ``quotetrack ingest --quiet --jobs 2`` on the same files into a fresh
SQLite file, in the same run, and prints the three rates side by side.

``--facts`` (with PostgreSQL) also loads the datasets twice more with their fact tracking left
pending, and times ``quotetrack facts`` on one and ``batch facts`` on ``local[--cores]`` on the
other (the two must end alike; the line says how many stretches of days Spark grouped).

``--partition-sizes 500,2000`` measures an executor's memory against the size of its partition:
for each size, one file of that many articles is extracted by ``batch extract`` on ``local[1]``
(one partition), while a thread samples the resident memory of Spark's Python workers
(``pyspark.daemon`` and the workers it forks, read from /proc); it prints each peak and how much
the largest differs from the smallest (target: flat, under 25%).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from quotetrack.batch import facts as batch_facts
from quotetrack.batch import load, spark
from quotetrack.facts import update
from quotetrack.store import db


def write_files(n: int, files: int, folder: Path, seed: int, mix: str = "dense") -> int:
    """``n`` articles in ``files`` JSON Lines files; their bytes of text."""
    folder.mkdir(parents=True)
    handles = [(folder / f"part-{i:03d}.jsonl").open("w", encoding="utf-8") for i in range(files)]
    size = 0
    try:
        for index, item in enumerate(corpus.generate(n, seed=seed, mix=mix)):
            handles[index % files].write(json.dumps(item, ensure_ascii=False) + "\n")
            size += len(item["text"].encode("utf-8"))
    finally:
        for handle in handles:
            handle.close()
    return size


class WorkerMemory:
    """The largest resident memory of Spark's Python workers seen while it runs (sampled from
    /proc every ``every`` seconds; Linux only)."""

    MARK = b"pyspark.daemon"

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    if self.MARK not in Path(f"/proc/{pid}/cmdline").read_bytes():
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            self.peak = max(self.peak, int(line.split()[1]) * 1024)
                except OSError:
                    continue


def partition_memory(sizes: list[int], seed: int, mix: str, work: Path) -> None:
    """Peak RSS of the executor's Python workers for a one-partition job of each size."""
    peaks = []
    for n in sizes:
        folder = work / f"memory-{n}"
        write_files(n, 1, folder / "in", seed, mix)
        with WorkerMemory() as memory:
            spark.run([str(folder / "in")], str(folder / "out"), master="local[1]", partitions=1)
        peaks.append(memory.peak)
        print(
            f"  one partition of {n:>7,} articles: Python worker peak RSS {memory.peak / 2**20:.1f} MiB",
            flush=True,
        )
    growth = max(peaks) / max(1, min(peaks)) - 1
    print(f"  difference {growth:.0%} ({'flat' if growth < 0.25 else 'grows'}; target under 25%)")


def ingest_rate(folder: Path, n: int, work: Path) -> float:
    """Articles/s of ``quotetrack ingest --quiet --jobs 2`` on the files of ``folder``, into a
    fresh SQLite file (fact tracking included)."""
    database = work / "ingest.db"
    command = [sys.executable, "-m", "quotetrack", "--db", f"sqlite:///{database}", "ingest", "--quiet"]
    began = time.perf_counter()
    subprocess.run([*command, "--jobs", "2", str(folder)], check=True)
    return n / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="articles (default 4000)")
    parser.add_argument("--files", type=int, default=4, help="JSON Lines files (default 4)")
    parser.add_argument("--cores", type=int, default=1, help="Spark local cores for extract (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=load.CHUNK, help="articles a load transaction")
    parser.add_argument("--mix", choices=sorted(corpus.MIXES), default="dense", help="the corpus kind")
    parser.add_argument("--ingest", action="store_true", help="also ingest --jobs 2 the same files")
    parser.add_argument("--facts", action="store_true", help="also time quotetrack facts and batch facts")
    parser.add_argument(
        "--partition-sizes", metavar="N,N", help="Python worker memory for one partition of each size"
    )
    args = parser.parse_args()
    if args.partition_sizes:
        work = Path(tempfile.mkdtemp(prefix="quotetrack-bench-batch-"))
        try:
            partition_memory([int(n) for n in args.partition_sizes.split(",")], args.seed, args.mix, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    base = os.environ.get("QUOTETRACK_BENCH_POSTGRES_URL") or os.environ.get("QUOTETRACK_TEST_POSTGRES_URL")

    work = Path(tempfile.mkdtemp(prefix="quotetrack-bench-batch-"))
    try:
        size = write_files(args.n, args.files, work / "in", args.seed, args.mix)
        rates: dict[str, float] = {}
        print(f"{args.n:,} articles, {size / 1e6:.1f} MB of text, in {args.files} files", flush=True)
        began = time.perf_counter()
        cpu = time.process_time()
        summary = spark.run([str(work / "in")], str(work / "out"), master=f"local[{args.cores}]")
        wall = time.perf_counter() - began
        rate = rates["batch extract"] = args.n / wall
        print(
            f"batch extract on local[{args.cores}]: {wall:.1f} s, {rate:,.1f} articles/s, "
            f"{rate / args.cores:,.1f} articles/s per core, "
            f"{size / 1e6 / wall / args.cores:.2f} MB/s per core; "
            f"{summary.line()} (driver CPU {time.process_time() - cpu:.1f} s)",
            flush=True,
        )
        if args.ingest:
            rates["ingest --jobs 2"] = ingest_rate(work / "in", args.n, work)
        if not base:
            print("batch load: skipped (set QUOTETRACK_BENCH_POSTGRES_URL)")
            show(rates)
            return
        base = db.resolve_url(base)
        name = f"quotetrack_bench_batch_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(base, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            url = sa.make_url(base).set(database=name).render_as_string(hide_password=False)
            engine = db.open_database(url)
            began = time.perf_counter()
            items = list(load.read_items(str(work / "out"), master="local[1]"))
            reading = time.perf_counter() - began
            result = load.store(items, engine=engine, chunk=args.chunk)
            engine.dispose()
            storing, facts = result.store_seconds, result.facts_seconds or 0.0
            rates["batch load"] = result.new / (reading + storing + facts)
            print(
                f"batch load into PostgreSQL: reading the datasets on Spark {reading:.1f} s; storing "
                f"{storing:.1f} s ({result.new / storing:,.0f} articles/s, "
                f"{result.statements / storing:,.0f} statements/s); fact tracking {facts:.1f} s "
                f"({result.new / max(facts, 1e-9):,.0f} articles/s); {result.line()}",
                flush=True,
            )
            if args.facts:
                rates.update(facts_rates(items, admin, base, args.cores))
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            admin.dispose()
        show(rates)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def facts_rates(items: list[load.Item], admin: sa.Engine, base: str, cores: int) -> dict[str, float]:
    """Articles/s of ``quotetrack facts`` and of ``batch facts`` on ``local[cores]``, each over the
    articles loaded with their fact tracking left pending into a database of its own."""
    rates: dict[str, float] = {}
    for label in ("quotetrack facts", f"batch facts local[{cores}]"):
        name = f"quotetrack_bench_facts_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            engine = db.open_database(
                sa.make_url(base).set(database=name).render_as_string(hide_password=False)
            )
            tracking, update.track_facts = update.track_facts, lambda *args, **kwargs: None
            try:
                loaded = load.store(items, engine=engine)
            finally:
                update.track_facts = tracking
            began = time.perf_counter()
            if label == "quotetrack facts":
                done = update.track_facts(engine, [])
                line = done.line() if done else "nothing pending"
            else:
                line = batch_facts.run(engine, master=f"local[{cores}]").line()
            wall = time.perf_counter() - began
            engine.dispose()
            rates[label] = loaded.new / wall
            print(f"{label}: {wall:.1f} s for {loaded.new:,} pending articles; {line}", flush=True)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
    return rates


def show(rates: dict[str, float]) -> None:
    """The rates of one run side by side (articles/s, whole commands, fact tracking included)."""
    print("articles/s in this run")
    for label, rate in rates.items():
        print(f"  {label:<22}{rate:10,.1f}")


if __name__ == "__main__":
    main()
