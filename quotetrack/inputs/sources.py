"""Raw inputs: the bytes of each article before it is read, from files, folders, JSON Lines and stdin.

A :class:`Source` is one article's original input: a whole text, Markdown or HTML file, one
JSON line, one HTML page of a web archive (WARC, taken apart in
:mod:`quotetrack.inputs.warc`), or standard input. Its SHA-256 (``raw_hash``) recognises an input already
ingested before anything is parsed or extracted. Everything that stops an input from being
read (a missing, binary, empty or oversized file; an undecodable text; an overlong JSON
line; a named pipe, device or socket) becomes an :class:`InputError` naming the file and
line, so one bad item never stops a batch. JSON Lines files are streamed line by line, so a
large file costs no memory.

Only regular files and standard input are read: anything else named (or found in a folder)
is reported without being read, so a FIFO cannot block a run and a device cannot feed it
forever. Reading is bounded: an article's input is read up to MAX_INPUT_BYTES and no further.
A path is opened as the bytes it is; its name, as reports show it and articles store it, is
:func:`~quotetrack.text.shown_name` (bytes that are not UTF-8 and control characters escaped).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from quotetrack.errors import InputError
from quotetrack.text import shown_name

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Web archives: their names end so (Path.suffix sees only the ".gz").
WARC_ENDINGS = (".warc", ".warc.gz")
FORMATS = ("auto", "text", "markdown", "html", "jsonl", "warc")

# One article's raw input (a file, or one JSON line) may be at most this large.
MAX_INPUT_BYTES = 16_000_000
# An overlong JSON line is skipped up to its end; on standard input at most this much of it is
# read (a stream may never end), and the rest of the input is left unread.
MAX_SKIP_BYTES = 16 * MAX_INPUT_BYTES
STDIN_NAME = "<stdin>"
BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BZh",
    b"\x7fELF",
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article)\b", re.I | re.S
)
# Labels that web pages use for Windows-1252 (the WHATWG encoding standard reads them so).
LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"})
# Characters that do not occur in text: C0 controls other than tab, line and page breaks, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Source:
    """One article's original input, not yet read."""

    name: str  # the file, or <stdin>
    data: bytes
    fmt: str  # text | markdown | html | jsonl
    line: int | None = None  # the line of a JSON Lines file
    # A page from a web archive: its record's offset, WARC-Target-URI, WARC-Date, HTTP charset.
    offset: int | None = None
    url: str | None = None
    fetched: str | None = None
    charset: str | None = None

    @property
    def where(self) -> str:
        if self.offset is not None:
            return f"{self.name}@{self.offset}"
        return f"{self.name}:{self.line}" if self.line is not None else self.name

    @property
    def raw_hash(self) -> str:
        return raw_hash(self.data)

    def error(self, message: str) -> InputError:
        if self.offset is not None:
            return InputError(message, path=self.where)
        return InputError(message, path=self.name, line=self.line)


def raw_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def expand_paths(paths: Iterable[str], *, glob: str | None = None) -> Iterator[Path | str]:
    """Files named, and the readable files inside folders (recursively, sorted); "-" is stdin.

    In a folder, ``glob`` picks the files (e.g. ``'*.html'``); without it, files with a
    known suffix are read and the rest is skipped (so are README, LICENSE and the like, and
    hidden files and folders).
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            pattern = glob or "*"
            for child in sorted(path.rglob(pattern)):
                # not only regular files: a pipe or device that would be read is reported
                if not child.is_dir() and not _hidden(child, path) and (glob or _readable(child)):
                    yield child
        else:
            yield path


# A folder's own documentation is not an article: skipped in folders unless --glob names it.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "contributing", "copying", "notice"})


def _readable(path: Path) -> bool:
    if path.name.lower().endswith(WARC_ENDINGS):
        return True
    return path.suffix.lower() in READABLE_SUFFIXES and path.stem.lower() not in NOT_ARTICLES


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def format_of(path: Path | str, head: bytes) -> str:
    """The input format by suffix, else by the first bytes."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if path != "-" and Path(path).name.lower().endswith(WARC_ENDINGS):
        return "warc"
    for suffixes, fmt in (
        (JSONL_SUFFIXES, "jsonl"),
        (HTML_SUFFIXES, "html"),
        (MARKDOWN_SUFFIXES, "markdown"),
        (TEXT_SUFFIXES, "text"),
    ):
        if suffix in suffixes:
            return fmt
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    """The format of an input with no telling suffix: a web archive (plain or gzip-compressed),
    JSON Lines, HTML, Markdown with front matter, else text."""
    if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and _gunzipped(head).startswith(b"WARC/")):
        return "warc"
    for bom, _encoding in BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if HTML_START.match(head):
        return "html"
    if head.startswith((b"---\n", b"---\r\n")):
        return "markdown"
    return "text"


def _gunzipped(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16)
    except zlib.error:
        return b""


def read_sources(
    path: Path | str,
    *,
    fmt: str = "auto",
    stdin: BinaryIO | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Source | InputError]:
    """The raw inputs of one path (a file, or "-" for ``stdin``): one for a text, Markdown or
    HTML file, one a line for JSON Lines, one an HTML page for a web archive (whose other
    records are counted in one line given to ``on_note`` when it has been read)."""
    name = STDIN_NAME if path == "-" else shown_name(path)
    try:
        if path == "-":
            if stdin is None:
                raise InputError("no standard input", path=name)
            yield from _read_stream(stdin, name, fmt, path, _regular_size(stdin), on_note)
            return
        file = Path(path)
        with _open_regular(file, name) as handle:
            yield from _read_stream(handle, name, fmt, file, os.fstat(handle.fileno()).st_size, on_note)
    except InputError as exc:
        yield exc
    except FileNotFoundError:
        yield InputError("no such file", path=name)
    except IsADirectoryError:
        yield InputError("is a folder; name the folder itself to read the files in it", path=name)
    except PermissionError:
        yield InputError("cannot be read (permission denied)", path=name)
    except OSError as exc:
        yield InputError(f"cannot be read ({exc.strerror or exc})", path=name)


# What a path that is not a regular file is, by the type bits of its mode.
SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_file(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file ("a folder", "a named pipe
    (FIFO)", "a character device" ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in SPECIAL_FILES if test(mode)), "not a regular file")


def _not_readable(kind: str, name: str) -> InputError:
    if kind == "a folder":
        return InputError("is a folder; name the folder itself to read the files in it", path=name)
    return InputError(f"is {kind}, not a file; only regular files and standard input (-) are read", path=name)


def _open_regular(path: Path, name: str) -> BinaryIO:
    """``path`` opened for reading when it is a regular file; InputError for anything else.

    The type is looked at before opening (opening a named pipe waits for a writer; opening a
    device can have effects of its own) and again on the open file, which is opened without
    waiting, so that a path replaced in between is caught too.
    """
    kind = special_file(os.stat(path).st_mode)
    if kind is not None:
        raise _not_readable(kind, name)
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    try:
        kind = special_file(os.fstat(fd).st_mode)
        if kind is not None:
            raise _not_readable(kind, name)
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _regular_size(handle: BinaryIO) -> int | None:
    """The size of the file behind ``handle`` when it is a regular file (standard input
    redirected from a file) or held in memory; None for a stream that may not end."""
    try:
        info = os.fstat(handle.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return 0 if isinstance(handle, io.BytesIO) else None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _too_large(size: int | None) -> str:
    found = f"{_megabytes(size)}" if size is not None else f"more than {_megabytes(MAX_INPUT_BYTES)}"
    return (
        f"is too large for one article ({found}; at most {_megabytes(MAX_INPUT_BYTES)}); "
        "split it, or give several articles as JSON Lines"
    )


def _read_stream(
    handle: BinaryIO,
    name: str,
    fmt: str,
    path: Path | str,
    size: int | None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Source | InputError]:
    """The sources in ``handle``; ``size`` is the file's size, None for a stream that may not end
    (which is never read beyond what one article or line may hold)."""
    head = handle.read(4096)
    kind = format_of(path, head) if fmt == "auto" else fmt
    if kind == "warc":
        if not head:
            raise InputError("is empty", path=name)
        yield from _warc_pages(handle, head, name, on_note)
        return
    if kind == "jsonl":
        yield from _jsonl_lines(handle, head, name, finite=bool(size))  # /proc files say 0
        return
    if size is not None and size > MAX_INPUT_BYTES:
        raise InputError(_too_large(size), path=name)
    rest = handle.read(MAX_INPUT_BYTES + 1 - len(head)) if len(head) == 4096 else b""
    data = head + rest
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(_too_large(size if size and size > MAX_INPUT_BYTES else None), path=name)
    if not data.strip():
        raise InputError("is empty", path=name)
    yield Source(name, data, kind)


def _warc_pages(
    handle: BinaryIO, head: bytes, name: str, on_note: Callable[[str], None] | None
) -> Iterator[Source | InputError]:
    """One Source for each HTML page of a web archive (read in :mod:`quotetrack.inputs.warc`),
    an InputError for each damaged record; a stream that cannot seek (standard input from a
    pipe) is first copied to a temporary file."""
    from quotetrack.inputs import warc

    with contextlib.ExitStack() as stack:
        try:
            handle.seek(handle.tell() - len(head))
        except (OSError, ValueError, AttributeError):
            spool = stack.enter_context(tempfile.TemporaryFile())
            spool.write(head)
            shutil.copyfileobj(handle, spool, 1 << 20)
            spool.seek(0)
            handle = cast(BinaryIO, spool)
        tally = warc.Tally()
        for item in warc.read_warc(handle, name, limit=MAX_INPUT_BYTES, tally=tally):
            if isinstance(item, InputError):
                yield item
            elif len(item.data) > MAX_INPUT_BYTES:
                yield InputError(_too_large(None), path=f"{name}@{item.offset}")
            elif not item.data.strip():
                yield InputError("is an empty page", path=f"{name}@{item.offset}")
            else:
                yield Source(
                    name,
                    item.data,
                    "html",
                    offset=item.offset,
                    url=item.url,
                    fetched=item.fetched,
                    charset=item.charset,
                )
        if on_note is not None:
            on_note(tally.line(name))


def _jsonl_lines(
    handle: BinaryIO, head: bytes, name: str, *, finite: bool = True
) -> Iterator[Source | InputError]:
    """One Source a non-blank line; an overlong line is reported without being held in memory.
    Unless the input is ``finite``, one that does not end within MAX_SKIP_BYTES ends the input."""
    empty = True
    for number, (line, size, ended) in enumerate(_lines(handle, head, finite=finite), start=1):
        if line is None:
            empty = False
            yield InputError(
                f"line is too long for one article ({'' if ended else 'more than '}{_megabytes(size)}; "
                f"at most {_megabytes(MAX_INPUT_BYTES)})"
                + ("" if ended else "; the rest of the input is not read"),
                path=name,
                line=number,
            )
            if not ended:
                return
            continue
        data = line.rstrip(b"\r\n")
        if number == 1:
            data = data.removeprefix(codecs.BOM_UTF8)
        if not data.strip():
            continue
        empty = False
        yield Source(name, data, "jsonl", number)
    if empty:
        yield InputError("is empty", path=name)


def _lines(handle: BinaryIO, head: bytes, *, finite: bool = True) -> Iterator[tuple[bytes | None, int, bool]]:
    """(line, size, True) for each line of ``head`` followed by the rest of ``handle``; (None,
    size, ended) for a line over MAX_INPUT_BYTES, which is skipped rather than held in memory
    (unless ``finite``, for at most MAX_SKIP_BYTES: ``ended`` is False when it was not found to end)."""
    limit = MAX_INPUT_BYTES + 1
    start = io.BytesIO(head)
    while line := start.readline():
        if not line.endswith(b"\n"):
            line += handle.readline(limit - len(line))
        yield _line(handle, line, finite)
    while line := handle.readline(limit):
        yield _line(handle, line, finite)


def _line(handle: BinaryIO, line: bytes, finite: bool) -> tuple[bytes | None, int, bool]:
    if len(line) <= MAX_INPUT_BYTES or line.endswith(b"\n"):
        return line, len(line), True
    size = len(line)
    while chunk := handle.readline(1 << 20):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if not finite and size > MAX_INPUT_BYTES + MAX_SKIP_BYTES:
            return None, size, False
    return None, size, True


def decode(data: bytes, *, html: bool = False, charset: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and its encoding: a byte-order mark, else UTF-8, else the ``charset``
    its HTTP header named, else (for HTML) the declared charset, else the encoding detected by
    charset-normalizer. A charset that is unknown or does not decode the bytes is passed over.

    Raises InputError (without a place; the caller adds it) for binary or undecodable data.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"is not valid {encoding.upper()} (byte {exc.start})") from exc
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    declared = HTML_CHARSET.search(data[:4096]) if html else None
    for label in (charset, declared.group(1).decode("ascii", "replace") if declared else None):
        if label:
            name = label.lower()
            if name in LATIN1_LABELS:
                name = "cp1252"  # as browsers read them (the WHATWG encoding standard)
            try:
                return _checked(data.decode(name)), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262_144] if len(data) > 262_144 else data).best()
    if best is None or best.encoding is None:
        raise InputError(f"is not UTF-8 (byte {utf8_error}) and its encoding cannot be recognised")
    encoding = best.encoding
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        raise InputError(f"is not UTF-8 (byte {utf8_error}) and its encoding cannot be recognised") from None
    if encoding != "cp1252":  # Windows-1252 is the usual legacy encoding of news pages
        try:
            if data.decode("cp1252") == text:
                encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    return _checked(text), encoding


def _checked(text: str) -> str:
    """``text``, unless control characters show that it is not text."""
    if len(CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 200):
        raise InputError("is a binary file, not text")
    return text
