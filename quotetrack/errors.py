"""Errors that quotetrack reports to its users.

Library code raises these; the command line turns them into one clear line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations


class QuotetrackError(Exception):
    """Base class: the message says what went wrong and what to do."""

    exit_code = 1


class InputError(QuotetrackError):
    """An input file, line or value cannot be read."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class UsageError(QuotetrackError):
    """A command-line value is not acceptable."""

    exit_code = 2


class NotFoundError(QuotetrackError):
    """A speaker, outlet, article, claim, merge or verdict that the user named does not exist."""


class ConflictError(QuotetrackError):
    """What the user asked for does not fit the stored state (undoing a merge twice, say)."""


class DatabaseError(QuotetrackError):
    """The database cannot be opened, migrated or written."""


class LexiconError(QuotetrackError):
    """A language file is missing or malformed."""
