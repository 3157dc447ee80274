"""The hostile-input battery: every case of every kind in ``generators``, run against quotetrack.

Each case must end with no traceback, exactly the ``Error:`` lines it expects (one per bad
input, each on one line), its exit code, and no article of its batch lost. The cases share
one database per kind of database (SQLite, and PostgreSQL when ``QUOTETRACK_TEST_POSTGRES_URL``
is set), seeded with the sample articles, so that commands that look things up find
something; a case that needs a database of its own makes one.

    python -m pytest tests/hostile -q
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from generators import ANY_FAILURE, Call, Case, all_cases
from postgres_schema import postgres_schema

from quotetrack.store import db

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = all_cases()


def _params() -> Iterator[Any]:
    for case in CASES:
        for database in case.databases:
            marks = [pytest.mark.postgres] if database == "postgres" else []
            yield pytest.param(case, database, id=f"{case.id}[{database}]", marks=marks)


# --- databases -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One seeded database per kind, made when a case first asks for it."""
    stack = ExitStack()
    made: dict[str, str] = {}

    def url(kind: str) -> str:
        if kind not in made:
            if kind == "sqlite":
                made[kind] = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'shared.db'}"
            else:
                made[kind] = stack.enter_context(postgres_schema())
            seeded = invoke("--db", made[kind], "ingest", "-q", SAMPLES)
            assert seeded.exit_code == 0, seeded.output
        return made[kind]

    with stack:
        yield {"url": url}


def _new_database(kind: str, folder: Path, stack: ExitStack) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'fresh.db'}"
    return stack.enter_context(postgres_schema())


def _articles(url: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(db.resolve_url(url), poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT a.id, a.title, a.byline, a.url, a.text, a.meta, a.source_path, o.name AS outlet "
                    "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id"
                )
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


# --- running a case --------------------------------------------------------------------------------


def _mount_possible(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = folder / "probe"
    probe.mkdir()
    try:
        done = subprocess.run(
            ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs tmpfs {probe}"], capture_output=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _argv(call: Call, url: str | None) -> list[Any]:
    command: list[Any] = [sys.executable, "-m", "quotetrack"]
    if url is not None:
        command += ["--db", url]
    command += [os.fsencode(a) if isinstance(a, str) else a for a in call.args]
    return [*(call.wrapper or []), *command]


def _in_process(call: Call, url: str | None) -> SimpleNamespace:
    args = (["--db", url] if url is not None else []) + call.args
    result = invoke(*args, input=call.input)
    return SimpleNamespace(stdout=result.stdout, stderr=result.stderr, exit_code=result.exit_code)


def _as_process(call: Call, url: str | None, folder: Path) -> list[SimpleNamespace]:
    def limit() -> None:
        if call.memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (call.memory_limit, call.memory_limit))

    with ExitStack() as stack:
        feeder = None
        stdin: Any = subprocess.PIPE if call.input is not None else subprocess.DEVNULL
        if call.stdin_path is not None:
            stdin = stack.enter_context(open(call.stdin_path, "rb"))
        elif call.stdin_command is not None:
            feeder = subprocess.Popen(call.stdin_command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            stdin = feeder.stdout
        processes = [
            subprocess.Popen(
                _argv(call, url),
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=folder,
                preexec_fn=limit,
            )
            for _ in range(call.concurrent)
        ]
        outcomes = []
        try:
            for process in processes:
                out, err = process.communicate(call.input, timeout=call.timeout)
                outcomes.append(
                    SimpleNamespace(
                        stdout=out.decode("utf-8", "backslashreplace"),
                        stderr=err.decode("utf-8", "backslashreplace"),
                        exit_code=process.returncode,
                    )
                )
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
            if feeder is not None:
                feeder.kill()
                feeder.wait()
        return outcomes


def _expect(call: Call, outcome: SimpleNamespace) -> None:
    shown = f"exit {outcome.exit_code}\nstdout: {outcome.stdout[-2000:]}\nstderr: {outcome.stderr[-3000:]}"
    assert "Traceback" not in outcome.stderr and "Traceback" not in outcome.stdout, shown
    if call.exit_code == ANY_FAILURE:
        assert outcome.exit_code not in (0, None), shown
    else:
        assert outcome.exit_code == call.exit_code, shown
    errors = [line for line in outcome.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == call.errors, shown


@pytest.mark.parametrize(("case", "database"), list(_params()))
def test_hostile_input(case: Case, database: str, shared: dict[str, Any], tmp_path: Path) -> None:
    if case.needs == "mount" and not _mount_possible(tmp_path):
        pytest.skip("a read-only file system cannot be mounted here (needs unshare and mount)")
    with ExitStack() as stack:
        call = case.build(tmp_path)
        url: str | None = None
        if call.new_database:
            url = _new_database(database, tmp_path, stack)
        elif not call.own_db:
            url = shared["url"](database)
        before = _articles(url) if url is not None and call.new_articles is not None else []
        outcomes = _as_process(call, url, tmp_path) if call.process else [_in_process(call, url)]
        for outcome in outcomes:
            _expect(call, outcome)
        outcome = outcomes[0]
        if url is not None and (call.new_articles is not None or call.check is not None):
            articles = _articles(url)
            known = {row["id"] for row in before}
            new = [row for row in articles if row["id"] not in known]
            if call.new_articles is not None:
                assert len(new) == call.new_articles, (outcome.stderr, [row["source_path"] for row in new])
            outcome.articles = new
            outcome.source_paths = [row["source_path"] for row in new]
            outcome.article = lambda ident: _by_id(new, ident)
        if call.check is not None:
            call.check(outcome, tmp_path)


def _by_id(rows: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """The new article whose id (kept in its metadata) is ``ident`` (or holds it, for an id that
    was a JSON list)."""
    for row in rows:
        meta = json.loads(row["meta"] or "{}")
        if meta.get("id") == ident or meta.get("tag") == ident:
            return row
    raise AssertionError(f"no new article {ident!r} among {[json.loads(r['meta'] or '{}') for r in rows]}")
