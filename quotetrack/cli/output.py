"""Rows as tables, JSON, JSON Lines, CSV or Markdown, and files written atomically."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

Marks = Callable[[str], list[tuple[int, int]]]  # (start, end) of the search terms in a text


TYPE_COLOURS = {"direct": "green", "indirect": "yellow", "mixed": "cyan"}


def use_colour() -> bool:
    """Whether stdout takes colour: a terminal (or a CliRunner with color=True), and no NO_COLOR."""
    import os

    from click import utils

    return not os.environ.get("NO_COLOR") and not utils.should_strip_ansi(sys.stdout)


def emit(
    rows: list[dict[str, Any]],
    fmt: str | None,
    columns: Sequence[str],
    *,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
    empty: str | None = None,
) -> None:
    """``rows`` on stdout in ``fmt`` (a table on a terminal, else JSON Lines); ``empty`` is said
    on stderr when there are none."""
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    if not rows and empty:
        click.echo(empty, err=True)
    click.echo(render(rows, fmt, columns=columns, marks=marks, optional=optional), nl=False)


def render(
    rows: list[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
) -> str:
    """Rows as table, json, jsonl, csv or md (a Markdown table) text.

    json, jsonl and csv hold every field; table and md the ``columns``. In a table, ``marks``
    finds the search terms in the text column: it shows a snippet around the first one and
    highlights them (ANSI styles, which ``click.echo`` drops when stdout is not a terminal);
    ``optional`` columns give way to the text on a narrow terminal.
    """
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv(rows)
    shown = columns or (list(rows[0]) if rows else [])
    if fmt == "md":
        return _markdown(rows, shown)
    return table_text(rows, shown, marks=marks, optional=optional)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict) and "name" in value:  # a named row, such as an author
        return str(value["name"])
    return str(value)


def _csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV; a cell a spreadsheet would run as a formula starts with ``'``."""
    from quotetrack.cite.text import neutralise

    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise(cell_text(v)) for k, v in row.items()})
    return buffer.getvalue()


def table_text(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    *,
    marks: Marks | None = None,
    optional: Sequence[str] = (),
) -> str:
    """A plain-text table fitted to the terminal.

    Each column is as wide as its contents need; when the table is wider than the terminal,
    the longest column is shortened first (see :func:`_widths`). Columns empty in every row are
    left out. ``optional`` columns are left out, last first, while the text column would get
    fewer than TEXT_ROOM characters.
    """
    if not rows:
        return ""
    width = shutil.get_terminal_size((120, 24)).columns
    columns = [c for c in columns if any(cell_text(r.get(c)).strip() for r in rows)] or list(columns)
    while True:
        cells = [[cell_text(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
        flex = columns.index("text") if "text" in columns else -1
        widths = _widths(columns, cells, width, flex)
        dropped = [c for c in optional if c in columns]
        if flex < 0 or widths[flex] >= TEXT_ROOM or not dropped:
            break
        if max(len(row[flex]) for row in cells) <= widths[flex]:
            break
        columns.remove(dropped[-1])
    lines = ["  ".join(c.ljust(w)[:w] for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        shown = [_fit(v, w) for v, w in zip(row, widths, strict=True)]
        if marks is not None and flex >= 0:
            shown[flex] = _snippet(row[flex], marks(row[flex]), widths[flex])
        lines.append("  ".join(shown).rstrip())
    return "\n".join(lines) + "\n"


TEXT_ROOM = 40
MIN_COLUMN = 8  # a column is shortened to no fewer characters than this (or its header, if longer)


def _widths(columns: Sequence[str], cells: list[list[str]], width: int, flex: int = -1) -> list[int]:
    """Column widths within ``width``: each column's longest cell (or header); while they do not
    fit, the widest column gives way first, down to the width of the next widest, then both, and
    so on, none below MIN_COLUMN or its header. The text column (``flex``) counts half its width:
    it keeps twice the room of the others."""
    natural = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    floors = [min(n, max(MIN_COLUMN, len(c))) for n, c in zip(natural, columns, strict=True)]
    weights = [2 if i == flex else 1 for i in range(len(columns))]
    budget = width - 2 * (len(columns) - 1)
    if sum(natural) <= budget:
        return natural

    def capped(cap: int) -> list[int]:
        return [max(f, min(n, cap * w)) for n, f, w in zip(natural, floors, weights, strict=True)]

    low, high = 0, max(natural)  # the largest cap on the columns' widths at which the table fits
    while low < high:
        cap = (low + high + 1) // 2
        if sum(capped(cap)) <= budget:
            low = cap
        else:
            high = cap - 1
    widths = capped(low)
    spare = budget - sum(widths)  # what rounding left over goes to the longest columns
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):
        extra = max(0, min(spare, natural[i] - widths[i]))
        widths[i] += extra
        spare -= extra
    return widths


def _snippet(text: str, spans: list[tuple[int, int]], width: int) -> str:
    """``text`` fitted to ``width`` around its first marked span, the spans highlighted."""
    start = 0
    if spans and len(text) > width and spans[0][1] > width - 1:
        start = max(0, spans[0][0] - width // 4)
        space = text.rfind(" ", 0, start)
        if space != -1 and start - space < 15:
            start = space + 1
    prefix = "…" if start else ""
    body = text[start:]
    room = width - len(prefix)
    cut = len(body) > room
    if cut:
        body = body[: max(0, room - 1)]
    out = [prefix]
    position = 0
    for span_start, span_end in spans:
        left, right = max(span_start - start, position), min(span_end - start, len(body))
        if right <= left:
            continue
        out.append(body[position:left])
        out.append(click.style(body[left:right], fg="red", bold=True))
        position = right
    out.append(body[position:])
    plain = prefix + body + ("…" if cut else "")
    return "".join(out) + ("…" if cut else "") + " " * (width - len(plain))


def _markdown(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table."""
    if not rows:
        return ""

    def cell(value: Any) -> str:
        return " ".join(cell_text(value).split()).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _fit(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: max(0, width - 1)] + "…"


def write_atomically(path: str, text: str) -> None:
    """Writes ``text`` to the file at ``path`` whole or not at all (a new file beside it, then
    renamed over it).

    A symbolic link is followed: its target is written (the link stays). An existing file
    keeps its permissions (and owner, where that is allowed); a new one gets those the shell
    would give it (0666 less the umask). Anything but a regular file (a device such as
    /dev/null or /dev/full, a named pipe, a socket) is refused with a QuotetrackError: renaming over
    it would destroy it, and writing into it is not atomic. OSError when the write fails.
    """
    import contextlib
    import os
    import stat
    import tempfile

    from quotetrack.errors import QuotetrackError
    from quotetrack.inputs.sources import special_file
    from quotetrack.text import shown_name

    target = os.path.realpath(path)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    kind = special_file(existing.st_mode) if existing is not None else None
    if kind is not None:
        raise QuotetrackError(
            f"-o {shown_name(path)}: is {kind}, not a regular file; -o writes a file (leave it out to "
            "write to standard output)"
        )
    fd, tmp = tempfile.mkstemp(prefix=".quotetrack-", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
            # another user's file becomes ours (with its permissions) where chown is not allowed
            with contextlib.suppress(OSError, AttributeError):
                os.chown(tmp, existing.st_uid, existing.st_gid)
        else:
            umask = os.umask(0o022)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
