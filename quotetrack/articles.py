"""Reading inputs into Article records: plain text, Markdown with front matter, HTML pages and
JSON Lines, from files, folders or stdin.

``read(source)`` turns one raw input (a :class:`~quotetrack.sources.Source`) into an
:class:`Article` or an :class:`InputError` naming the file (and line), so that one bad item
never stops a batch. HTML is read in :mod:`quotetrack.webpage`; the raw bytes, their
encoding and their hash travel with the article, so that nothing of the input is lost.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from quotetrack.errors import InputError
from quotetrack.sources import (
    FORMATS,
    JSONL_SUFFIXES,
    READABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Source,
    decode,
    expand_paths,
    read_sources,
)

__all__ = [
    "FORMATS",
    "JSONL_SUFFIXES",
    "READABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "Article",
    "Overrides",
    "content_hash",
    "expand_paths",
    "normalize_text",
    "parse_date",
    "parse_jsonl_record",
    "read",
    "read_source",
]

# Fields of a JSON Lines article that map onto Article attributes; the rest is kept in `extra`.
JSONL_FIELDS = ("id", "text", "html", "title", "url", "published", "outlet", "lang", "via", "byline")
BYLINE = re.compile(r"^\s*(?:von|by)\b\s*(?P<who>[^|\n]*?)\s*(?:\|\s*(?P<when>.+?))?\s*$", re.IGNORECASE)
# An article text longer than this is not one article (a book, a log file, a whole dump).
MAX_TEXT_CHARS = 2_000_000
# A byline or date line is short; longer lines are text.
DATE_LINE_CHARS = 100
LANGUAGE_SAMPLE = 1000  # characters given to language detection (as accurate on the dev sets as 4,000)


@dataclass(slots=True)
class Article:
    """An article as quotetrack sees it: plain text plus what is known about it.

    ``raw`` is the original input (file bytes, or the JSON line), ``raw_hash`` its SHA-256,
    ``format`` the reader that read it and ``encoding`` how its bytes were decoded.
    """

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
    raw: bytes | None = None
    raw_hash: str | None = None
    format: str | None = None
    encoding: str | None = None

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


def normalize_lang(value: Any) -> str | None:
    """``de-DE``, ``en_US``, ``EN`` -> ``de``, ``en``; None for nothing."""
    if value in (None, ""):
        return None
    code = re.split(r"[-_]", str(value).strip(), maxsplit=1)[0].lower()
    return code or None


# --- dates ----------------------------------------------------------------------------------------


def parse_date(value: Any) -> date | None:
    """An ISO date or date-time (``2023-05-10``, ``2023-05-10T08:00:00+02:00``), or None
    (also for a bare year or month, which cannot place a weekday)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
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


def parse_published(value: Any) -> date | None:
    """A publication date as metadata gives it: ISO 8601, RFC 2822 ("Wed, 10 May 2023 08:00:00
    GMT"), "10. Mai 2023", "May 10, 2023", "10.05.2023", or anything dateparser understands in
    the languages quotetrack has a lexicon for. Raises ValueError when it is not a date."""
    try:
        return parse_date(value)
    except ValueError:
        pass
    text = str(value).strip()
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_day(text) or _dateparser_day(text)
    if found is None:
        raise ValueError(f"not a date: {text!r}")
    return found


@cache
def _date_patterns() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for the day-level dates of bylines, with the month names of every lexicon."""
    from quotetrack.lexicon import available_languages, load

    months: dict[str, int] = {}
    for code in available_languages():
        months.update(load(code).months)
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b)"
        rf"|(?P<num>\b(?P<nd>\d{{1,2}})\.\s?(?P<nm>\d{{1,2}})\.\s?(?P<ny>\d{{4}})\b)"
        rf"|(?P<dmy>\b(?P<dd>\d{{1,2}})\.?\s+(?P<dm>{names})(?!\w)\s*,?\s*(?P<dy>\d{{4}})\b)"
        rf"|(?P<mdy>(?<!\w)(?P<mm>{names})(?!\w)\s*(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<my>\d{{4}})\b)",
        re.IGNORECASE,
    )
    return pattern, months


def find_day(text: str) -> date | None:
    """The first calendar day written in ``text`` in a common news format, or None."""
    pattern, months = _date_patterns()
    for m in pattern.finditer(text):
        try:
            if m.group("iso"):
                return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            if m.group("num"):
                return date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
            if m.group("dmy"):
                return date(int(m.group("dy")), months[m.group("dm").lower()], int(m.group("dd")))
            return date(int(m.group("my")), months[m.group("mm").lower()], int(m.group("md")))
        except (ValueError, KeyError):
            continue
    return None


def _dateparser_day(text: str) -> date | None:
    """dateparser's reading of a short date line, in the lexicons' languages (slow: the last resort)."""
    if len(text) > DATE_LINE_CHARS or not re.search(r"\d", text):
        return None
    import dateparser  # slow to import: only for dates the patterns above do not read
    from dateparser.search import search_dates

    from quotetrack.lexicon import available_languages

    languages = list(available_languages())
    settings: Any = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        parsed = dateparser.parse(text, languages=languages, settings=settings)
        if parsed is None:
            found = search_dates(text, languages=languages, settings=settings)
            parsed = found[0][1] if found else None
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed is not None else None


def byline(lines: list[str]) -> tuple[str | None, date | None]:
    """Author and date from the lines after the title: "von X | 10. Mai 2023", "By X | May 10,
    2023", "By X", "10.05.2023, 14:32 Uhr", "Published: May 10, 2023"."""
    who: str | None = None
    day: date | None = None
    for line in lines[:4]:
        if len(line) > DATE_LINE_CHARS:
            continue
        m = BYLINE.match(line)
        if m and who is None:
            who = (m.group("who") or "").strip() or None
        chunk = m.group("when") if m and m.group("when") else line
        if day is None and chunk and re.search(r"\d", chunk):
            day = find_day(chunk) or (_dateparser_day(chunk) if _looks_like_a_date_line(chunk) else None)
        if who is not None and day is not None:
            break
    return who, day


def _looks_like_a_date_line(line: str) -> bool:
    """A line that is mostly a date, worth giving to dateparser (a 4-digit year, few words)."""
    return bool(re.search(r"\b\d{4}\b", line)) and len(line.split()) <= 10


# --- readers ----------------------------------------------------------------------------------------


def read(source: Source) -> Article | InputError:
    """The article in one raw input, or the error that stops it."""
    try:
        if source.fmt == "jsonl":
            article = _jsonl_article(source)
        else:
            text, encoding = decode(source.data, html=source.fmt == "html")
            if source.fmt == "html":
                from quotetrack.webpage import read_html

                article = read_html(text, source.name)
            elif source.fmt == "markdown":
                article = read_markdown(text, source.name)
            else:
                article = read_text(text, source.name)
            article.encoding = encoding
    except InputError as exc:
        if exc.path is None:  # raised without a place: add the file and line
            return source.error(str(exc))
        return exc
    if len(article.text) > MAX_TEXT_CHARS:
        return source.error(
            f"is too long for one article ({len(article.text):,} characters of text; "
            f"at most {MAX_TEXT_CHARS:,})"
        )
    if article.id is None and source.fmt != "jsonl":
        article.id = _stem(source.name)
    article.raw = source.data
    article.raw_hash = source.raw_hash
    article.format = source.fmt
    if article.source_path is None:
        article.source_path = source.where
    article.lang = normalize_lang(article.lang)
    return article


def read_source(
    path: Path | str, *, fmt: str = "auto", stdin: TextIO | BinaryIO | None = None
) -> Iterator[Article | InputError]:
    """The articles of one file (or "-" for stdin), each an Article or the error that stopped it."""
    binary: BinaryIO | None = None
    if stdin is not None:
        binary = getattr(stdin, "buffer", None) or stdin  # type: ignore[assignment]
    for item in read_sources(path, fmt=fmt, stdin=binary):
        yield item if isinstance(item, InputError) else read(item)


def read_text(text: str, name: str) -> Article:
    """A plain-text article: the first line is the title; a byline ("von X | 10. Mai 2023")
    gives author and date."""
    text = normalize_text(text)
    if not text.strip():
        raise InputError("is empty", path=name)
    head = _head_lines(text)
    title = head[0] if head else None
    author, published = byline(head[1:])
    return Article(
        text=text,
        id=_stem(name),
        title=title[:500] if title else None,
        byline=author,
        published=published,
        source_path=name,
    )


def _head_lines(text: str, count: int = 6) -> list[str]:
    head: list[str] = []
    for line in text[:4000].split("\n"):
        line = line.strip()
        if line:
            head.append(line)
            if len(head) == count:
                break
    return head


def _stem(name: str) -> str | None:
    if name.startswith("<"):
        return None
    stem = Path(name).name
    for suffix in sorted(READABLE_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem


# --- Markdown -----------------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_KEYS = {
    "title": ("title", "headline"),
    "byline": ("author", "authors", "byline", "by"),
    "published": ("published", "date", "pubdate", "publication_date", "published_at", "datepublished"),
    "url": ("url", "canonical_url", "canonical", "link", "source_url", "permalink"),
    "outlet": ("outlet", "site", "site_name", "sitename", "publisher", "publication", "newspaper"),
    "lang": ("lang", "language", "locale"),
    "via": ("via",),
    "id": ("id",),
}
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
MD_REF_DEF = re.compile(r"(?m)^ {0,3}\[[^\]]+\]:\s+\S+.*$")
MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
MD_SETEXT = re.compile(r"(?m)^(.+)\n[ \t]*(?:=+|-+)[ \t]*$")
MD_RULE = re.compile(r"(?m)^ {0,3}(?:[-*_][ \t]*){3,}$")
MD_QUOTE = re.compile(r"(?m)^ {0,3}>[ \t]?")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
MD_FENCE = re.compile(r"(?m)^ {0,3}(?:```|~~~).*$")
MD_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MD_CODE = re.compile(r"`([^`\n]+)`")


def read_markdown(text: str, name: str) -> Article:
    """A Markdown article: YAML front matter gives the metadata (title, author, date, url,
    outlet, lang, via, id; the rest is kept), the body becomes plain text."""
    text = normalize_text(text)
    meta: dict[str, Any] = {}
    match = FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group("yaml"), name)
        text = text[match.end() :]
    body = markdown_to_text(text)
    if not body.strip():
        raise InputError("has no text after its front matter" if match else "is empty", path=name)
    article = read_text(body, name)
    taken: dict[str, Any] = {}
    lowered = {str(k).lower(): v for k, v in meta.items()}
    for attribute, keys in FRONT_KEYS.items():
        for key in keys:
            if lowered.get(key) not in (None, "", []):
                taken[attribute] = lowered[key]
                used = key
                meta = {k: v for k, v in meta.items() if str(k).lower() != used}
                break
    source = lowered.get("source")
    if isinstance(source, str) and "url" not in taken and re.match(r"https?://", source):
        taken["url"] = source
        meta = {k: v for k, v in meta.items() if str(k).lower() != "source"}
    if "title" in taken:
        article.title = str(taken["title"])[:500]
    if "byline" in taken:
        value = taken["byline"]
        article.byline = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if "published" in taken:
        try:
            article.published = parse_published(taken["published"])
        except ValueError as exc:
            raise InputError(f"front matter: {exc}", path=name) from None
    for attribute in ("url", "outlet", "via", "id", "lang"):
        if attribute in taken:
            setattr(article, attribute, str(taken[attribute]).strip())
    article.extra = {str(k): _jsonable(v) for k, v in meta.items()}
    return article


def _front_matter(block: str, name: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"front matter is not valid YAML{where}", path=name) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a YAML mapping (key: value lines)", path=name)
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def markdown_to_text(text: str) -> str:
    """Markdown as the plain text the engine reads: headings, emphasis, links and quote marks
    become their words; images, rules, fences, comments and link definitions go."""
    text = MD_HTML_COMMENT.sub("", text)
    text = MD_FENCE.sub("", text)
    text = MD_REF_DEF.sub("", text)
    text = MD_RULE.sub("", text)
    text = MD_SETEXT.sub(r"\1", text)
    text = MD_HEADING.sub(r"\1", text)
    text = MD_QUOTE.sub("", text)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(r"\1", text)
    text = MD_REF_LINK.sub(r"\1", text)
    text = MD_STRONG.sub(r"\2", text)
    text = MD_EMPHASIS.sub(r"\1", text)
    text = MD_CODE.sub(r"\1", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# --- JSON Lines -----------------------------------------------------------------------------------


def read_jsonl(raw: str, name: str) -> Iterator[Article | InputError]:
    """One article a line: id, text or html, title, url, published, outlet, lang; other fields kept."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        yield parse_jsonl_record(line, name, number)


def _jsonl_article(source: Source) -> Article:
    try:
        line, encoding = decode(source.data)
    except InputError as exc:
        raise source.error(str(exc)) from None
    item = parse_jsonl_record(line, source.name, source.line or 0)
    if isinstance(item, InputError):
        raise item
    item.encoding = encoding
    return item


def parse_jsonl_record(line: str, name: str, number: int, *, normalize: bool = True) -> Article | InputError:
    """One JSON Lines article. ``normalize=False`` keeps the text exactly as given, so that
    offsets point into the caller's own string (as ``quotetrack extract --jsonl`` promises).
    A record with ``html`` and no ``text`` is read as a web page, its metadata filling what the
    record leaves out."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=name, line=number)
    if not isinstance(record, dict):
        return InputError("a JSON object is expected", path=name, line=number)
    text = record.get("text")
    page: Article | None = None
    if not (isinstance(text, str) and text.strip()):
        html = record.get("html")
        if not (isinstance(html, str) and html.strip()):
            return InputError('no "text" or "html" field with the article', path=name, line=number)
        from quotetrack.webpage import read_html

        try:
            page = read_html(html, name, url=_field(record, "url"))
        except InputError as exc:
            return InputError(str(exc).removeprefix(f"{name}: "), path=name, line=number)
        text = page.text
    try:
        published = parse_published(record.get("published")) if record.get("published") else None
    except ValueError as exc:
        return InputError(f'"published": {exc}', path=name, line=number)
    ident = record.get("id")
    article = Article(
        text=normalize_text(text) if normalize else text,
        id=str(ident) if ident is not None else None,
        title=_field(record, "title"),
        url=_field(record, "url"),
        published=published,
        outlet=_field(record, "outlet"),
        lang=_field(record, "lang"),
        via=_field(record, "via"),
        byline=_field(record, "byline"),
        source_path=f"{name}:{number}",
        extra={k: v for k, v in record.items() if k not in JSONL_FIELDS},
    )
    if page is not None:
        for attribute in ("title", "url", "published", "outlet", "lang", "byline"):
            if getattr(article, attribute) is None:
                setattr(article, attribute, getattr(page, attribute))
        article.extra = {**page.extra, **article.extra}
    return article


def _field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return str(value) if value not in (None, "") else None
