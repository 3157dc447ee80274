"""Text forms every layer shares: the folded form of a name or word, and text that can always be
stored and shown (names and values that are not valid UTF-8, control characters in names)."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache


def _is_edge_junk(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def plural(count: int, word: str, words: str | None = None) -> str:
    """A count with its noun in the number it takes: "1 statement", "2 statements",
    "1 possible match", "3 possible matches" (``words`` for a plural that is not regular).

    >>> plural(1, "new claim"), plural(2, "possible match")
    ('1 new claim', '2 possible matches')
    """
    if count == 1:
        return f"{count} {word}"
    if words is None:
        words = word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
    return f"{count} {words}"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison form of a name: no accents, casefolded, single spaces, no edge punctuation.

    >>> fold("  „Müller-Lüdenscheidt“, ")
    'muller-ludenscheidt'
    >>> fold("Straße")
    'strasse'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = " ".join(stripped.casefold().replace("ß", "ss").split())
    start, end = 0, len(folded)
    while start < end and _is_edge_junk(folded[start]):
        start += 1
    while end > start and _is_edge_junk(folded[end - 1]):
        end -= 1
    return folded[start:end]


# A byte that is not UTF-8 reaches Python as a lone surrogate (U+DC80-U+DCFF: file names and
# command-line arguments are decoded with "surrogateescape"); a JSON "\ud800" escape gives one too.
_SURROGATES = re.compile("[\ud800-\udfff]")
# Characters that would break a message line or play tricks on a terminal: C0 and C1 controls,
# DEL, and the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _CONTROL_NAMES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def valid_text(value: str) -> str:
    """``value`` as text that can be encoded, stored and printed: a byte that was not UTF-8
    becomes ``\\xNN`` and another lone surrogate ``\\uNNNN``; everything else is kept.

    >>> valid_text("caf\\udce9")
    'caf\\\\xe9'
    """
    if value.isascii():
        return value
    return _SURROGATES.sub(_escape_surrogate, value)


def shown_name(value: object) -> str:
    """A file name (or any name quotetrack reports) as one printable line: bytes that are not
    UTF-8 as ``\\xNN``, line breaks, tabs and other control characters as their escapes, so that
    a name can neither break a message line nor fake one.

    >>> shown_name("a\\nError: b.txt")
    'a\\\\nError: b.txt'
    """
    text = valid_text(os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value))
    return _CONTROLS.sub(_escape_control, text)
