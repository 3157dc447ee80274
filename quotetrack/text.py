"""Text forms every layer compares by: the folded form of a name or word."""

from __future__ import annotations

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
