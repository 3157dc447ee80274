"""The reading commands answer at once: on an SQLite database at the newest revision they import
neither SQLAlchemy, SQLModel nor the models, nor any library only other commands need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import invoke

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles.jsonl"
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "quotetrack.store.models",
    "quotetrack.store.db",
    "alembic",
    "rapidfuzz",
    "dateparser",
    "trafilatura",
    "numpy",
    "psycopg",
    "citeproc",
)
# runs quotetrack with the arguments given and prints the modules of HEAVY it imported
PROBE = f"""
import runpy, sys
sys.argv = ["quotetrack", *sys.argv[1:]]
try:
    runpy.run_module("quotetrack", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
print("loaded:", " ".join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('reading') / 'samples.db'}"
    result = invoke("--db", url, "ingest", "--quiet", SAMPLES)
    assert result.exit_code == 0, result.output
    return url


def loaded(url: str, *args: str) -> tuple[str, list[str]]:
    """What ``quotetrack --db URL ARGS`` prints, and the modules of HEAVY it imported."""
    env = {k: v for k, v in os.environ.items() if k != "QUOTETRACK_DATABASE_URL"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", url, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    return probe.stdout, probe.stderr.strip().splitlines()[-1].split()[1:]


@pytest.mark.parametrize(
    "command",
    [
        ["quotes", "--speaker", "Hollweg"],
        [
            "quotes",
            "--speaker",
            "Dr. Hollweg",
            "--outlet",
            "Gesundheit",
            "--role",
            "sprech",
            "--sort",
            "-date",
        ],
        ["quotes", "--article", "1", "--since", "2024-01-01", "--lang", "de", "--min-confidence", "0.5"],
        ["speakers"],
        ["speakers", "--search", "hollweg"],
        ["outlets"],
        ["articles", "--outlet", "Bahnblick"],
        ["show", "1"],
    ],
    ids=" ".join,
)
def test_reading_commands_import_nothing_heavy(samples_db, command):
    args = [*command, "--format", "json"] if command[0] != "show" else command
    output, modules = loaded(samples_db, *args)
    assert modules == []
    assert output.strip() not in ("", "[]")
    assert output == invoke("--db", samples_db, *args).stdout


def test_the_probe_sees_sqlalchemy_where_it_is_used(samples_db):
    """A full-text search still runs through SQLAlchemy: the probe above would see it."""
    output, modules = loaded(samples_db, "quotes", "--search", "Nachtz*", "--format", "json")
    assert output.strip() not in ("", "[]")
    assert "sqlalchemy" in modules and "quotetrack.store.models" in modules
