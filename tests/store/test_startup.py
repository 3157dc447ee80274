"""Opening a database at the newest revision needs no Alembic; the first query needs no rapidfuzz."""

from __future__ import annotations

import subprocess
import sys

import pytest

from quotetrack.errors import DatabaseError
from quotetrack.store import db

PROBE = """
import sys
from quotetrack.store import db
from quotetrack.query.statements import Filters, search_statements
engine = db.open_database(sys.argv[1])
with db.session_scope(engine) as session:
    search_statements(session, Filters(speaker="Olga Berg"))
print(" ".join(sorted(m for m in ("alembic", "mako", "rapidfuzz") if m in sys.modules)))
"""


def test_the_newest_revision_is_read_from_the_migration_scripts():
    assert db._head_on_disk(db.SCRIPT_LOCATION) == db.head_revision()


def test_a_database_at_the_newest_revision_opens_without_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    db.open_database(url).dispose()  # created, and brought to the newest revision, with Alembic
    probe = subprocess.run([sys.executable, "-c", PROBE, url], capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == ""


def test_an_older_database_still_asks_for_an_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    db.upgrade(url, "0006")
    with pytest.raises(DatabaseError, match="quotetrack db upgrade"):
        db.open_database(url)
