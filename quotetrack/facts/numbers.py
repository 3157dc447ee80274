"""Numbers written as words, for claim grouping: "number one" = "№ 1" = "Nr. 1" = "Nummer eins",
"two million" = "2 Mio." = "2,000,000", "fünfundzwanzig" = "twenty-five" = 25.

Pure: tokens in, values out. The words live in ``lexicon/tables/numbers.toml``, one table per
language; a language without one reads digits only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from quotetrack.text import fold

NUMBERS_FILE = "numbers.toml"  # in quotetrack.lexicon's tables


@dataclass(frozen=True, slots=True, eq=False)  # one per language: compared and hashed by identity
class NumberWords:
    """One language's number words, folded."""

    numbers: dict[str, int]  # a number wherever it stands
    weak: dict[str, int]  # a number after a marker or beside another number word only
    parts: dict[str, int]  # a number inside a compound only
    scales: dict[str, int]  # multiplies the number before it
    markers: frozenset[str]  # "number", "Nr": the digits after it are a rank or a label
    word_markers: frozenset[str]  # those that mark a number word too ("number one", not "no one")
    joiners: frozenset[str]  # "and", "und" between number words of one number
    compounds: bool  # numbers are written as one word ("einundzwanzig")

    def spelled(self, word: str) -> int | None:
        """The value of a folded word that is a number by itself (a compound too), else None."""
        found = self.numbers.get(word)
        if found is None and self.compounds:
            found = _compound(self, word)
        return found


@cache
def _file() -> dict[str, dict[str, object]]:
    text = resources.files("quotetrack.lexicon").joinpath("tables", NUMBERS_FILE).read_text("utf-8")
    return tomllib.loads(text)


@cache
def number_words(lang: str | None) -> NumberWords | None:
    """The number words of a language; None for a language the file lacks (or None)."""
    data = _file().get(lang or "")
    if not isinstance(data, dict):
        return None

    def table(key: str) -> dict[str, int]:
        found = data.get(key, {})
        return {fold(word): int(value) for word, value in found.items()} if isinstance(found, dict) else {}

    def words(key: str) -> frozenset[str]:
        found = data.get(key, [])
        return frozenset(fold(word) for word in found) if isinstance(found, list) else frozenset()

    return NumberWords(
        numbers=table("numbers"),
        weak=table("weak"),
        parts=table("parts"),
        scales=table("scales"),
        markers=words("markers"),
        word_markers=words("word_markers"),
        joiners=words("joiners"),
        compounds=bool(data.get("compounds", False)),
    )


def _combine(values: Sequence[int], scales: frozenset[int]) -> int:
    """The number a run of number values reads as: "two hundred five" = 205, "three thousand two
    hundred" = 3200 (a scale multiplies what stands before it since the last larger scale)."""
    total = current = 0
    for value in values:
        if value in scales:
            if value >= 1000:
                total += max(current, 1) * value
                current = 0
            else:
                current = max(current, 1) * value
        else:
            current += value
    return total + current


@lru_cache(maxsize=8192)
def _compound(words: NumberWords, word: str) -> int | None:
    """The value of a number written as one word ("fünfundzwanzig", "zweihundertdrei"), None if
    the word is not one: it must be made of number words, scales and joiners only, two at least."""
    known = {**words.parts, **words.numbers, **words.scales}
    pieces = sorted((*known, *words.joiners), key=len, reverse=True)
    values: list[int] = []
    at = 0
    while at < len(word):
        piece = next((p for p in pieces if p and word.startswith(p, at)), None)
        if piece is None:
            return None
        if piece not in words.joiners:
            values.append(known[piece])
        at += len(piece)
    if len(values) < 2:
        return None
    return _combine(values, frozenset(words.scales.values()))


def read_number(
    words: NumberWords | None,
    folded: Sequence[str | None],
    digits: Callable[[int], float | None],
    joined: Callable[[int, bool], bool],
    at: int,
) -> tuple[float | None, int, bool]:
    """The number that begins at token ``at``, how many tokens it takes and whether it came with a
    marker ("number one", "Nr. 1"): digits (``digits(i)``: the value of token ``i`` if it is
    digits) or number words, followed by scale words, all of one phrase (``joined(i)``: token ``i``
    and the next stand apart by spaces or a hyphen only; with True, a dot too, as after a marker:
    "Nr. 1"). ``folded``: each token folded, None for
    digits. (None, 0, False) where no number begins."""
    marked = False
    start = at
    if words is not None and folded[at] in words.markers and at + 1 < len(folded) and joined(at, True):
        following = folded[at + 1]
        if following is None or (
            folded[at] in words.word_markers
            and (following in words.weak or words.spelled(following) is not None)
        ):
            marked = True
            at += 1
    value = digits(at)
    values: list[int] = []
    scales = words.scales if words is not None else {}
    end = at
    if value is None and words is not None:
        # a run of number words ("twenty-one", "one hundred and five")
        while end < len(folded):
            word = folded[end]
            if word is None or (values and not joined(end - 1, False)):
                break
            found = words.spelled(word)
            if found is None and word in scales and values:
                found = scales[word]
            if (
                found is None
                and word in words.weak
                and (marked or values or (joined(end, False) and _next_is_number(words, folded, end)))
            ):
                found = words.weak[word]
            if (
                found is None
                and word in words.joiners
                and values
                and end + 1 < len(folded)
                and joined(end, False)
            ):
                after = folded[end + 1]
                if after is not None and (words.spelled(after) is not None or after in words.weak):
                    end += 1
                    continue
            if found is None:
                break
            values.append(found)
            end += 1
        if not values:
            return None, 0, False
        value = float(_combine(values, frozenset(scales.values())))
    elif value is not None:
        end = at + 1
    else:
        return None, 0, False
    # scale words after digits: "5 million", "2,5 Mio."
    while end < len(folded) and folded[end] is not None and folded[end] in scales and joined(end - 1, False):
        value *= scales[folded[end] or ""]
        end += 1
    return value, end - start, marked


def _next_is_number(words: NumberWords, folded: Sequence[str | None], at: int) -> bool:
    """Whether the token after ``at`` is a number word or a scale ("one hundred", "one million")."""
    if at + 1 >= len(folded):
        return False
    following = folded[at + 1]
    return following is not None and (words.spelled(following) is not None or following in words.scales)
