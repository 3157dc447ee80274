"""Web archives (WARC, ``.warc`` and ``.warc.gz``): the HTML pages a crawler saved.

Every response record with HTTP status 200 and an HTML media type (``text/html``,
``application/xhtml+xml``) is a page: its payload (chunked transfer and gzip or deflate content
encodings undone), its ``WARC-Target-URI``, its ``WARC-Date`` (when it was fetched), the
charset its HTTP ``Content-Type`` names, and the byte offset of its record (of its gzip member
in a ``.warc.gz``, as CDX indexes give it). The page is then read as a saved page is
(:mod:`quotetrack.inputs.sources` makes a Source of it). Every other record (requests,
revisits, metadata, warcinfo, responses that are no HTML page or not a 200) is counted in a
:class:`Tally` and skipped.

Records are parsed by warcio; the gzip members are taken apart here, one at a time, so that a
damaged archive loses only what is damaged: a member cut short or corrupt is reported with its
offset, and reading goes on at the next member that starts a WARC record. In an uncompressed
archive a record that cannot be parsed is reported the same way, and reading goes on at the next
``WARC/1.x`` line. Nothing is held in memory but the record being read, and of a page at most
``limit`` bytes.

warcio is imported only when an archive is read.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, BinaryIO

from quotetrack.errors import InputError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 1 << 16
# A WARC record begins with its version line.
RECORD_START = re.compile(rb"(?:\A|\n)(WARC/[01]\.[0-9]+\r?\n)")
CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML response of an archive."""

    offset: int  # of its record, or of its gzip member
    data: bytes  # the HTTP payload, at most ``limit + 1`` bytes
    url: str | None  # WARC-Target-URI
    fetched: str | None  # WARC-Date, as written
    charset: str | None  # from the HTTP Content-Type


@dataclass(slots=True)
class Tally:
    """What an archive held besides its pages."""

    pages: int = 0
    bad: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def line(self, name: str) -> str:
        """``crawl.warc.gz: 2 HTML pages; 5 other records skipped (3 request, 1 revisit, 1 image/png
        response)``."""
        pages = f"{self.pages} HTML page{'' if self.pages == 1 else 's'}"
        bad = f"; {self.bad} damaged record{'' if self.bad == 1 else 's'} reported" if self.bad else ""
        total = sum(self.skipped.values())
        if not total:
            return f"{name}: {pages}{bad}"
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.skipped.items(), key=_by_count))
        record = "record" if total == 1 else "records"
        return f"{name}: {pages}; {total} other {record} skipped ({kinds}){bad}"


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


class _Damaged(Exception):
    """A gzip member that cannot be read to its end."""

    def __init__(self, reason: str, *, at_end: bool = False) -> None:
        super().__init__(reason)
        self.at_end = at_end  # the file ends inside the member


class _Member:
    """The decompressed bytes of one gzip member of ``handle``, from ``start``, read as asked for.

    ``end`` is where the next member starts, once this one has been read to its end.
    """

    def __init__(self, handle: BinaryIO, start: int) -> None:
        handle.seek(start)
        self.handle = handle
        self.end: int | None = None
        self._inflate = zlib.decompressobj(wbits=31)
        self._buffer = b""

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            parts = [self._buffer]
            self._buffer = b""
            while self.end is None:
                parts.append(self._more())
            return b"".join(parts)
        while not self._buffer and self.end is None:
            self._buffer = self._more()
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def drain(self) -> None:
        self._buffer = b""
        while self.end is None:
            self._more()

    @property
    def position(self) -> int:
        return self.handle.tell()

    def _more(self) -> bytes:
        data = self._inflate.unconsumed_tail or self.handle.read(CHUNK)
        if not data:
            raise _Damaged("the file ends inside it", at_end=True)
        try:
            out = self._inflate.decompress(data, 4 * CHUNK)
        except zlib.error as exc:
            raise _Damaged(str(exc).removeprefix("Error -3 while decompressing data: ")) from None
        if self._inflate.eof:
            self.end = self.handle.tell() - len(self._inflate.unused_data)
        return out


class _Span:
    """``handle`` from its present position on, as a stream with nothing before it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle

    def read(self, size: int | None = -1) -> bytes:
        return self.handle.read(-1 if size is None else size)


def read_warc(handle: BinaryIO, name: str, *, limit: int, tally: Tally) -> Iterator[Page | InputError]:
    """The pages of the archive in ``handle`` (seekable, at its start) and an InputError for each
    damaged record or member, whose message begins ``name@offset:``; ``tally`` counts the rest."""
    start = handle.tell()
    compressed = handle.read(2) == GZIP_MAGIC[:2]
    handle.seek(start)
    if compressed:
        yield from _members(handle, name, start, limit, tally)
    else:
        yield from _plain(handle, name, start, limit, tally)


def _members(
    handle: BinaryIO, name: str, start: int, limit: int, tally: Tally
) -> Iterator[Page | InputError]:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    following: int | None = start
    while following is not None and following < size:
        at = following
        member = _Member(handle, at)
        try:
            yield from _records(member, name, at, limit, tally, per_record=False)
            member.drain()
            following = member.end
        except _Damaged as exc:
            tally.bad += 1
            following = _next_member(handle, at + 1)
            if exc.at_end:
                reason = "gzip member is cut short: the file ends inside it"
            elif following is not None and _cut_short(handle, at, following):
                reason = "gzip member is cut short: the next one begins inside it"
            elif at == start and not tally.pages and not sum(tally.skipped.values()):
                reason = f"is not a gzip-compressed WARC file ({exc})"
            else:
                reason = f"gzip member is corrupt ({exc})"
            rest = f"; reading goes on at byte {following}" if following is not None else ""
            yield InputError(reason + rest, path=f"{name}@{at}")


def _cut_short(handle: BinaryIO, start: int, end: int) -> bool:
    """Whether the bytes from ``start`` to ``end`` are the beginning of a gzip member that is
    intact as far as it goes (rather than corrupt)."""
    handle.seek(start)
    inflate = zlib.decompressobj(wbits=31)
    left = end - start
    try:
        while left > 0:
            data = handle.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            while data:
                inflate.decompress(data, 4 * CHUNK)
                data = inflate.unconsumed_tail
    except zlib.error:
        return False
    return not inflate.eof


def _next_member(handle: BinaryIO, start: int) -> int | None:
    """The offset of the first gzip member at or after ``start`` that begins a WARC record."""
    position = start
    while True:
        handle.seek(position)
        window = handle.read(CHUNK + len(GZIP_MAGIC))
        if len(window) < len(GZIP_MAGIC):
            return None
        found = window.find(GZIP_MAGIC)
        while found != -1:
            if _starts_record(handle, position + found):
                return position + found
            found = window.find(GZIP_MAGIC, found + 1)
        position += CHUNK


def _starts_record(handle: BinaryIO, offset: int) -> bool:
    handle.seek(offset)
    try:
        head = zlib.decompressobj(wbits=31).decompress(handle.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _plain(handle: BinaryIO, name: str, start: int, limit: int, tally: Tally) -> Iterator[Page | InputError]:
    at: int | None = start
    while at is not None:
        handle.seek(at)
        failed = yield from _records(_Span(handle), name, at, limit, tally, per_record=True)
        at = _next_record(handle, failed + 1) if failed is not None else None


def _next_record(handle: BinaryIO, start: int) -> int | None:
    """The offset of the first ``WARC/1.x`` line at or after ``start``."""
    position = start
    while True:
        handle.seek(position)
        window = handle.read(CHUNK + 16)
        if not window:
            return None
        match = RECORD_START.search(window, 1 if position == start and position else 0)
        if match:
            return position + match.start(1)
        if len(window) <= 16:
            return None
        position += CHUNK


def _records(
    stream: Any, name: str, base: int, limit: int, tally: Tally, *, per_record: bool
) -> Generator[Page | InputError, None, int | None]:
    """The records of ``stream``: pages, an InputError for each bad one, the rest counted. Returns
    the offset of a record that could not be parsed (after which the stream cannot be read on).

    ``base`` is the offset of the stream in the file; with ``per_record`` a record's offset is
    its own (an uncompressed archive), else it is ``base`` (a gzip member)."""
    records = _archive_iterator()(stream)
    while True:
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio's own warnings go unshown
                record = next(records, None)
        except _Damaged:
            raise
        except Exception as exc:
            offset = base + records.offset if per_record else base  # where the failed record starts
            tally.bad += 1
            yield InputError(f"not a WARC record that can be read ({_reason(exc)})", path=f"{name}@{offset}")
            return offset
        if record is None:
            return None
        offset = base + records.offset if per_record else base
        item = _page(record, name, offset, limit, tally)
        if item is not None:
            yield item


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    text = text[:120] + "…" if len(text) > 120 else text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _page(record: Any, name: str, offset: int, limit: int, tally: Tally) -> Page | InputError | None:
    """The page in ``record``; an InputError if it is bad; None (counted) for any other record."""
    kind = _skipped_kind(record)
    data = b""
    try:
        if kind is None:
            data = record.content_stream().read(limit + 1)
        while record.raw_stream.read(CHUNK):
            pass
    except _Damaged:
        raise
    except Exception as exc:  # a payload that its encoding does not decode
        tally.bad += 1
        return InputError(f"the record's content cannot be read ({_reason(exc)})", path=f"{name}@{offset}")
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        tally.bad += 1
        return InputError(
            f"record is cut short ({missing:,} bytes fewer than its Content-Length says)",
            path=f"{name}@{offset}",
        )
    if kind is not None:
        tally.skipped[kind] += 1
        return None
    tally.pages += 1
    content_type = record.http_headers.get_header("Content-Type") or ""
    charset = CHARSET.search(content_type)
    return Page(
        offset=offset,
        data=data,
        url=record.rec_headers.get_header("WARC-Target-URI") or None,
        fetched=record.rec_headers.get_header("WARC-Date") or None,
        charset=charset.group(1) if charset else None,
    )


def _skipped_kind(record: Any) -> str | None:
    """Why ``record`` is no page (``request``, ``revisit``, ``image/png response``, ``HTTP 404
    response``); None for an HTML page."""
    kind = str(record.rec_type or "untyped")
    if kind != "response":
        return kind
    headers = record.http_headers
    if headers is None:
        return "non-HTTP response"
    status = headers.get_statuscode()
    if status != "200":
        return f"HTTP {status} response"
    media = (headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media not in HTML_TYPES:
        return f"{media or 'untyped'} response"
    return None


@cache
def _archive_iterator() -> Any:
    from warcio.archiveiterator import ArchiveIterator

    return ArchiveIterator
