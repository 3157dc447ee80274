"""A database for the web view, ingested once per backend from invented articles.

tests/data/serve/orvel.jsonl is an invented story: the Orvel Post reports that the Orvel Ferry
Company ends its north line; Lakeside Wire relays the report (with "the very last time"),
Seeblatt translates it into German and the Bay Courier takes it from Lakeside Wire (its outlet
and title hold HTML). Jonna Velde, the company's spokeswoman, is quoted from January to April.
samples/kinderantibiotika-engpass.de.txt adds a pair of organisations that ``dedupe`` files
as a possible duplicate.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]
ORVEL = ROOT / "tests" / "data" / "serve" / "orvel.jsonl"
DUPLICATES = ROOT / "samples" / "kinderantibiotika-engpass.de.txt"
SCRIPT_ALIAS = "<script>alert('alias')</script>"


def qt(url: str, *args: object) -> Any:
    result = invoke("--db", url, *args)
    assert result.exit_code == 0, result.output
    return result


def cli_json(url: str, *args: object) -> Any:
    return json.loads(qt(url, *args, "--format", "json").stdout)


def build(url: str) -> str:
    qt(url, "ingest", "-q", ORVEL, DUPLICATES)
    qt(url, "alias", "add", "Jonna Velde", SCRIPT_ALIAS)
    return url


def start_server(url: str, *options: str) -> subprocess.Popen[str]:
    """``quotetrack serve`` on ``url`` at a free port, in a process of its own; its first line
    of output is its address."""
    return subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "serve", "--db", url, "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
