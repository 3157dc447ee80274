"""How long the command line takes, whole process: start-up and each reading command on a small
database.

    python bench/bench_cli.py                 # five runs of each, the median
    python bench/bench_cli.py --runs 9 --importtime

A fresh SQLite database in a temporary folder gets the six sample articles
(``samples/articles.jsonl``); then each command runs ``--runs`` times as its own process
(``python -m quotetrack ...``, output thrown away) and the median wall-clock time and the
median CPU time (user + system) are printed. ``python -c pass`` and ``quotetrack --help``
give the floor: what starting Python, and quotetrack's command line, cost before any work.
The target is under 0.3 s wall-clock for ``quotes --speaker NAME``.

``--importtime`` also prints the modules that take longest to import for that command
(``python -X importtime``, cumulative, in ms) and which heavy libraries it loaded: none. On an
SQLite file at the newest revision ``quotes`` (without ``--search``), ``speakers``, ``outlets``,
``articles`` and ``show`` query through the sqlite3 module (``quotetrack.query.plain``), without
SQLAlchemy, SQLModel, pydantic or the models; Alembic, trafilatura, rapidfuzz and dateparser are
imported only by the commands that use them. ``quotes --search``, ``who``, ``claims`` and
``export`` still go through SQLAlchemy.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "articles.jsonl"
TARGET_SECONDS = 0.3
COMMANDS = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("quotetrack --help", None),
    ("quotes --speaker Hollweg", ["quotes", "--speaker", "Hollweg"]),
    ("quotes --search Nachtzug", ["quotes", "--search", "Nachtzug"]),
    ("who 'night trains'", ["who", "night trains"]),
    ("speakers", ["speakers"]),
    ("outlets", ["outlets"]),
    ("articles", ["articles"]),
    ("show 1", ["show", "1"]),
    ("claims", ["claims"]),
    ("export --format apa --speaker Hollweg", ["export", "--format", "apa", "--speaker", "Hollweg"]),
]
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "trafilatura",
    "rapidfuzz",
    "dateparser",
    "htmldate",
    "citeproc",
    "numpy",
    "psycopg",
)
# runs quotetrack with the arguments after -c and prints which of HEAVY it loaded
LOADED = f"""
import runpy, sys
sys.argv = ["quotetrack", *sys.argv[1:]]
try:
    runpy.run_module("quotetrack", run_name="__main__")
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if "." not in m and m in {HEAVY!r})), file=sys.stderr)
"""


def quotetrack(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotetrack", *args]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def import_times(command: list[str], env: dict[str, str], top: int) -> list[tuple[int, str]]:
    """The modules that take longest to import for ``command``: (cumulative µs, name)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and len(match.group(2)) <= 3:  # top-level imports and their direct children
            rows.append((int(match.group(1)), match.group(3)))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (the median is printed)")
    parser.add_argument("--importtime", action="store_true", help="the slowest imports of quotes --speaker")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_cli_") as folder:
        env = dict(os.environ, QUOTETRACK_DATABASE_URL=f"sqlite:///{Path(folder) / 'small.db'}", NO_COLOR="1")
        subprocess.run(quotetrack("ingest", "--quiet", str(SAMPLES)), env=env, check=True)
        print(f"{'command':42} {'wall s':>8} {'cpu s':>8}   (median of {options.runs} runs)")
        figures: dict[str, float] = {}
        for label, args in COMMANDS:
            command = args if args and args[0] == sys.executable else quotetrack(*(args or ["--help"]))
            timed(command, env)  # warm the file cache and the bytecode
            runs = [timed(command, env) for _ in range(options.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            figures[label] = wall
            print(f"{label:42} {wall:8.3f} {cpu:8.3f}")
        query = figures["quotes --speaker Hollweg"]
        verdict = "under" if query < TARGET_SECONDS else "over"
        print(f"\nquotes --speaker: {query:.3f} s, {verdict} the target of {TARGET_SECONDS} s")
        print(
            f"of which Python itself {figures['python -c pass']:.3f} s, quotetrack's start-up "
            f"{figures['quotetrack --help'] - figures['python -c pass']:.3f} s"
        )
        if options.importtime:
            print("\nslowest imports of quotes --speaker (cumulative ms):")
            for micros, name in import_times(quotetrack("quotes", "--speaker", "Hollweg"), env, 15):
                print(f"  {micros / 1000:8.1f}  {name}")
            probe = subprocess.run(
                [sys.executable, "-c", LOADED, "quotes", "--speaker", "Hollweg"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            loaded = probe.stderr.strip().splitlines()
            print("heavy libraries loaded by quotes --speaker:", (loaded[-1] if loaded else "") or "none")


if __name__ == "__main__":
    main()
