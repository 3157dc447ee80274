"""The ranges of the integers the database holds, for checking a number before it reaches SQL.

The id columns are INTEGER: 32 bits on PostgreSQL, so no row has an id beyond MAX_ID on either
database; a larger number given as an id would make SQLite's driver raise (it converts at most
64 bits) and PostgreSQL refuse the query. Counts (LIMIT, comparisons with COUNT) are 64 bits on
both. Nothing here imports the database drivers, so the command line can check its options
before it opens a database.
"""

from __future__ import annotations

MAX_ID = 2**31 - 1
MAX_COUNT = 2**63 - 1


def as_row_id(value: int | str) -> int | None:
    """``value`` as a row id: an int, or a string of the digits 0-9, from 1 to MAX_ID; None
    when no row can have it (another text, such as a URL or a name, or a number out of range)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > len(str(MAX_ID)):
            return None  # (int() refuses strings of more than 4,300 digits)
        number = int(text)
    return number if 1 <= number <= MAX_ID else None
