"""SQL building blocks every layer above the store shares: id lists in chunks, the row a
merged speaker or outlet stands for, the dialect of a session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

CHUNK = 500  # ids per IN list in follow-up queries


def in_list(column: Any, values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """``column IN values``; long lists are rendered inline (SQLite allows 32766 parameters)."""
    if len(values) > CHUNK:
        return column.in_(sa.bindparam(None, list(values), expanding=True, literal_execute=True))
    return column.in_(list(values))


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def kept(table: Any) -> Any:
    """The row a name stands for: the row itself, or the speaker or outlet it was merged into."""
    return sa.func.coalesce(col(table.merged_into_id), col(table.id))
