"""Fixtures of the web view's tests: the Orvel database (``serve_db``) on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from postgres_schema import postgres_schema
from serve_db import build


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def orvel(request, tmp_path_factory) -> Iterator[str]:
    """The URL of a database holding the Orvel articles (module-wide: tests here only read,
    or undo what they change)."""
    if request.param == "sqlite":
        yield build(f"sqlite:///{tmp_path_factory.mktemp('serve') / 'orvel.db'}")
        return
    with postgres_schema() as url:
        yield build(url)


@pytest.fixture
def orvel_sqlite(tmp_path) -> str:
    """A fresh SQLite database with the Orvel articles, for tests that write."""
    return build(f"sqlite:///{tmp_path / 'orvel.db'}")
