"""The hostile-input battery for fact tracking (``fact_tracking.py``): dates outside the range
the store supports, a process killed at each step of fact tracking, many articles tracked in
chunks. Each case must end with no traceback, exactly the ``Error:`` lines it expects, its exit
code, and pass its own check.

    python -m pytest tests/hostile/test_fact_tracking.py -q
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from cli_runner import invoke
from fact_tracking import Call, Case, all_cases


def _run(call: Call, folder: Path) -> SimpleNamespace:
    if call.wrapper is None:
        result = invoke(*call.args)
        return SimpleNamespace(stdout=result.stdout, stderr=result.stderr, exit_code=result.exit_code)
    command = [*call.wrapper, sys.executable, "-m", "quotetrack", *map(str, call.args)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, timeout=call.timeout)
    return SimpleNamespace(stdout=done.stdout, stderr=done.stderr, exit_code=done.returncode)


@pytest.mark.parametrize("case", all_cases(), ids=lambda case: case.id)
def test_fact_tracking_input(case: Case, tmp_path: Path) -> None:
    call = case.build(tmp_path)
    outcome = _run(call, tmp_path)
    shown = f"exit {outcome.exit_code}\nstdout: {outcome.stdout[-2000:]}\nstderr: {outcome.stderr[-3000:]}"
    assert "Traceback" not in outcome.stderr and "Traceback" not in outcome.stdout, shown
    assert outcome.exit_code == call.exit_code, shown
    assert len([line for line in outcome.stderr.splitlines() if line.startswith("Error:")]) == call.errors, (
        shown
    )
    if call.check is not None:
        call.check(outcome, tmp_path)
