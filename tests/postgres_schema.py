"""A fresh PostgreSQL schema on the test server, for one test or a whole module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from quotetrack.store import db

POSTGRES_ENV = "QUOTETRACK_TEST_POSTGRES_URL"
# Set in CI: a missing PostgreSQL is then a failure, not a skip.
REQUIRE_ENV = "QUOTETRACK_REQUIRE_POSTGRES"


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards; the test is skipped when
    no server is configured (and fails when CI requires one)."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {POSTGRES_ENV} is not")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    base = db.resolve_url(base)
    schema = f"quotetrack_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, poolclass=sa.NullPool)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
