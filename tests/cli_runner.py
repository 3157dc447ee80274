"""Running quotetrack's command line in-process for tests."""

from __future__ import annotations

import traceback

import pytest
from click.testing import CliRunner, Result


def invoke(*args: object, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """Run quotetrack in-process; an exception escaping the command fails the test with its traceback."""
    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env, prog_name="quotetrack")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        pytest.fail(f"quotetrack {' '.join(map(str, args))} raised instead of reporting:\n{shown}")
    assert "Traceback" not in result.output
    return result
