"""A search so broad that only part of its matches is ranked says so on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import invoke

from quotetrack.query import statements

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def samples_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'samples.db'}"
    result = invoke("--db", url, "ingest", "--quiet", SAMPLES)
    assert result.exit_code == 0, result.output
    return url


def test_a_search_over_the_cap_notes_what_was_ranked(samples_url, monkeypatch):
    every = invoke("--db", samples_url, "quotes", "--search", "die OR der OR the", "--limit", "2")
    assert every.exit_code == 0 and "Ranked the" not in every.stderr
    monkeypatch.setattr(statements, "RANK_AT_MOST", 1)
    capped = invoke("--db", samples_url, "quotes", "--search", "die OR der OR the", "--limit", "1")
    assert capped.exit_code == 0
    assert "Ranked the 1 most recently stored of" in capped.stderr
