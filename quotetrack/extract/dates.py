"""Stage 8: when a statement was made, resolved against the publication date.

News convention: a bare weekday names the most recent such day up to and including
the publication day ("am Mittwoch" in a Wednesday paper is that Wednesday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from quotetrack.lexicon import Lexicon

# Every explicit and numeric date has a digit: text without one needs only the day words.
DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    start: int
    end: int
    day: date | None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    weekday = _alternation(list(lex.weekdays))
    month = _alternation(list(lex.months))
    prefix = _alternation(list(lex.weekday_prefixes))
    relative = _alternation(list(lex.relative_days))
    flags = re.IGNORECASE
    weekday_re = re.compile(rf"(?<!\w)(?:(?:{prefix})\s+)?(?:{weekday})(?!\w)", flags)
    relative_re = re.compile(rf"(?<!\w)(?:{relative})(?!\w)", flags)
    if lex.date_order == "dmy":
        explicit = (
            rf"(?<!\w)(?:(?:{prefix})\s+)?(?P<d>\d{{1,2}})\.?\s*(?P<m>{month})(?:\s+(?P<y>\d{{4}}))?(?!\w)"
        )
    else:
        explicit = (
            rf"(?<!\w)(?:(?:{prefix})\s+)?(?:(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?"
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{month})(?:,?\s+(?P<y2>\d{{4}}))?)(?!\w)"
        )
    numeric_re = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)")
    return weekday_re, relative_re, re.compile(explicit, flags), numeric_re


def last_weekday(published: date, weekday: int) -> date:
    """The most recent ``weekday`` (Monday=0) on or before ``published``."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def find_times(text: str, start: int, end: int, lex: Lexicon, published: date | None) -> list[TimeMention]:
    """Time expressions in text[start:end], each resolved where the publication date allows."""
    weekday_re, relative_re, explicit_re, numeric_re = _patterns(lex)
    chunk = text[start:end]
    found: list[TimeMention] = []
    if DIGIT.search(chunk):
        for m in explicit_re.finditer(chunk):
            day = _explicit_day(m, lex, published)
            found.append(TimeMention(m.group().strip(), start + m.start(), start + m.end(), day))
        for m in numeric_re.finditer(chunk):
            day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            found.append(TimeMention(m.group(), start + m.start(), start + m.end(), day))
    for m in weekday_re.finditer(chunk):
        if any(f.start <= start + m.start() < f.end for f in found):
            continue
        name = m.group().lower().split()[-1]
        day = last_weekday(published, lex.weekdays[name]) if published else None
        found.append(TimeMention(m.group(), start + m.start(), start + m.end(), day))
    for m in relative_re.finditer(chunk):
        offset = lex.relative_days[" ".join(m.group().lower().split())]
        day = published + timedelta(days=offset) if published else None
        found.append(TimeMention(m.group(), start + m.start(), start + m.end(), day))
    found.sort(key=lambda t: t.start)
    return found


def _explicit_day(m: re.Match[str], lex: Lexicon, published: date | None) -> date | None:
    groups = m.groupdict()
    d = groups.get("d") or groups.get("d2")
    mon = groups.get("m") or groups.get("m2")
    y = groups.get("y") or groups.get("y2")
    if not d or not mon:
        return None
    month = lex.months.get(mon.lower())
    if month is None:
        return None
    if y:
        return _safe_date(int(y), month, int(d))
    if published is None:
        return None
    guess = _safe_date(published.year, month, int(d))
    if guess and guess > published + timedelta(days=1):
        guess = _safe_date(published.year - 1, month, int(d))
    return guess


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
