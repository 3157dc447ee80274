"""Reading inputs into Article records: plain text and JSON Lines, from files, folders or stdin.

Every reader yields either an :class:`Article` or an :class:`InputError` naming the
file (and line), so that one bad item never stops a batch.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from quotetrack.errors import InputError

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
FORMATS = ("auto", "text", "jsonl")
# Fields of a JSON Lines article that map onto Article attributes; the rest is kept in `extra`.
JSONL_FIELDS = ("id", "text", "title", "url", "published", "outlet", "lang", "via", "byline")
BYLINE = re.compile(r"^\s*(?:von|by)\b\s*(?P<who>[^|\n]*?)\s*(?:\|\s*(?P<when>.+?))?\s*$", re.IGNORECASE)


@dataclass(slots=True)
class Article:
    """An article as quotetrack sees it: plain text plus what is known about it."""

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    lang: str | None = None
    via: str | None = None
    byline: str | None = None
    source_path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over what the input says."""

    outlet: str | None = None
    lang: str | None = None
    published: date | None = None
    url: str | None = None

    def apply(self, article: Article) -> Article:
        if self.outlet:
            article.outlet = self.outlet
        if self.lang:
            article.lang = self.lang
        if self.published:
            article.published = self.published
        if self.url:
            article.url = self.url
        return article


def normalize_text(text: str) -> str:
    """NFC, unified line ends, no BOM: the form every offset refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_date(value: Any) -> date | None:
    """An ISO date or date-time (``2023-05-10``, ``2023-05-10T08:00:00+02:00``), or None
    (also for a bare year or month, which cannot place a weekday)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(?:-\d{2})?", text):
        return None  # a year or a month: too coarse to date a weekday
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"not an ISO date: {text!r}") from exc


def expand_paths(paths: Iterable[str], *, glob: str | None = None) -> Iterator[Path | str]:
    """Files named, and the readable files inside folders (recursively, sorted); "-" is stdin."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            pattern = glob or "*"
            for child in sorted(path.rglob(pattern)):
                if child.is_file() and (glob or child.suffix.lower() in READABLE_SUFFIXES):
                    yield child
        else:
            yield path


def detect_format(path: Path | str, head: str) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "jsonl" if head.lstrip().startswith("{") else "text"


def read_source(
    path: Path | str, *, fmt: str = "auto", stdin: TextIO | None = None
) -> Iterator[Article | InputError]:
    """The articles of one file (or stdin), each an Article or the error that stopped it."""
    name = "<stdin>" if path == "-" else str(path)
    try:
        if path == "-":
            if stdin is None:
                raise InputError("no standard input", path=name)
            buffer = getattr(stdin, "buffer", None)
            raw = _decode(buffer.read(), name) if buffer is not None else stdin.read()
        else:
            data = Path(path).read_bytes()
            raw = _decode(data, name)
    except InputError as exc:
        yield exc
        return
    except FileNotFoundError:
        yield InputError("no such file", path=name)
        return
    except IsADirectoryError:
        yield InputError("is a folder; name the folder itself to read the files in it", path=name)
        return
    except PermissionError:
        yield InputError("cannot be read (permission denied)", path=name)
        return
    except OSError as exc:
        yield InputError(f"cannot be read ({exc.strerror or exc})", path=name)
        return
    kind = detect_format(path, raw[:200]) if fmt == "auto" else fmt
    if kind == "jsonl":
        yield from read_jsonl(raw, name)
    else:
        yield from read_text(raw, name)


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("is a binary file, not text", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"is not valid UTF-8 (byte {exc.start})", path=name) from exc


def read_text(raw: str, name: str) -> Iterator[Article | InputError]:
    """A plain-text article: the first line is the title; a byline ("von X | 10. Mai 2023")
    gives author and date. The stored text is the whole file, so offsets match it."""
    text = normalize_text(raw)
    if not text.strip():
        yield InputError("is empty", path=name)
        return
    lines = [line.strip() for line in text.split("\n")]
    head = [line for line in lines if line][:6]
    title = head[0] if head else None
    byline, published = _byline(head[1:])
    yield Article(
        text=text,
        id=Path(name).stem if name != "<stdin>" else None,
        title=title[:500] if title else None,
        byline=byline,
        published=published,
        source_path=name,
    )


def _byline(lines: list[str]) -> tuple[str | None, date | None]:
    from quotetrack.extract.dates import find_times
    from quotetrack.lexicon import available_languages, load

    for line in lines[:4]:
        m = BYLINE.match(line)
        candidates = [m.group("when")] if m and m.group("when") else [line] if len(line) < 40 else []
        for chunk in candidates:
            for code in available_languages():
                for t in find_times(chunk, 0, len(chunk), load(code), None):
                    if t.day is not None:
                        who = (m.group("who") if m else "") or None
                        return (who.strip() if who else None), t.day
        if m and m.group("who"):
            return m.group("who").strip() or None, None
    return None, None


def read_jsonl(raw: str, name: str) -> Iterator[Article | InputError]:
    """One article a line: id, text, title, url, published, outlet, lang; other fields kept."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        yield parse_jsonl_record(line, name, number)


def parse_jsonl_record(line: str, name: str, number: int, *, normalize: bool = True) -> Article | InputError:
    """One JSON Lines article. ``normalize=False`` keeps the text exactly as given, so that
    offsets point into the caller's own string (as ``quotetrack extract --jsonl`` promises)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=name, line=number)
    if not isinstance(record, dict):
        return InputError("a JSON object is expected", path=name, line=number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError('no "text" field with the article text', path=name, line=number)
    try:
        published = parse_date(record.get("published"))
    except ValueError as exc:
        return InputError(f'"published": {exc}', path=name, line=number)
    ident = record.get("id")

    def _str(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Article(
        text=normalize_text(text) if normalize else text,
        id=str(ident) if ident is not None else None,
        title=_str("title"),
        url=_str("url"),
        published=published,
        outlet=_str("outlet"),
        lang=_str("lang"),
        via=_str("via"),
        byline=_str("byline"),
        source_path=f"{name}:{number}",
        extra={k: v for k, v in record.items() if k not in JSONL_FIELDS},
    )
