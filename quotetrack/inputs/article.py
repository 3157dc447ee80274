"""The Article record and the values that describe it: publication dates in the forms news
pages write them, languages, bylines, content hashes.

Every reader in :mod:`quotetrack.inputs` builds an :class:`Article`; everything after the
readers (the engine, the store) takes one.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from quotetrack.inputs.bylines import Author

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
    ``authors`` are the byline's persons and organisations where the reader found them (a
    page's JSON-LD, meta tags or visible byline); None leaves them to be read from ``byline``.
    ``modified`` is the last-modified date a page gives beside ``published``.
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
    authors: tuple[Author, ...] | None = None
    modified: date | None = None
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
