"""The quotetrack command line: flat verbs plus the ``alias``, ``claim``, ``verdict`` and ``db``
groups, one module per group of verbs.

Data goes to stdout, messages to stderr. Library errors (QuotetrackError) become one
line on stderr and a non-zero exit code, in one place (:class:`~quotetrack.cli.app.QuotetrackGroup`);
never a traceback. Each command imports what it needs when it runs, so that start-up stays quick.
"""

from __future__ import annotations

from collections.abc import Iterable

# Each module registers its commands with the group when imported.
from quotetrack.cli import batching, database, exporting, facts, ingesting, reading, serving  # noqa: F401
from quotetrack.cli.app import cli


def main(argv: Iterable[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="quotetrack")
