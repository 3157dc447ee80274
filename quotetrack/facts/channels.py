"""The outlets an article's text names as the channel of what it reports: "told CNN", "sagte er im
ZDF", "according to the BBC", "wie die italienische Nachrichtenagentur Ansa meldete", "in an
interview with local Columbus, Ohio station WSYX", "Speaking to Ohio's ABC6".

Pure: text in, outlet names out. The cue words live in ``lexicon/tables/channels.toml``. A name counts
when it is a known outlet (the lexicon's, or one stored) near a cue; when it follows a noun that
names a kind of outlet ("Swiss paper NZZ", "Nachrichtenagentur Ansa"); or when it is written in
capitals right after a strong cue or a possessive ("told ABC6", "Ohio's ABC6").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from quotetrack.lexicon import known_outlets
from quotetrack.text import fold

MAX_NAME = 4  # words of an outlet's name looked for at the most
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")
_ACRONYM = re.compile(r"(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z0-9])[A-Z][A-Z0-9]{1,5}\Z")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class _Cues:
    window: int
    before: frozenset[str]
    after: frozenset[str]
    strong: frozenset[str]
    media: frozenset[str]
    not_outlets: frozenset[str]
    articles: frozenset[str]


@cache
def _cues() -> _Cues:
    """Every language's cue words together: an article may quote a channel in another language's
    words ("told Reuters" in a German text) and the words seldom collide."""
    data = tomllib.loads(
        resources.files("quotetrack.lexicon").joinpath("tables", "channels.toml").read_text("utf-8")
    )
    sections = [v for v in data.values() if isinstance(v, dict)]

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for section in sections for w in section.get(key, ()))

    return _Cues(
        int(data.get("window", 6)),
        words("before"),
        words("after"),
        words("strong"),
        words("media"),
        words("not_outlets"),
        words("articles"),
    )


class _Tokens:
    """The words of a text: as written, folded, and where each starts and ends."""

    __slots__ = ("end", "folded", "raw", "start")

    def __init__(self, text: str) -> None:
        matches = list(_TOKEN.finditer(text))
        self.raw = [m.group() for m in matches]
        self.start = [m.start() for m in matches]
        self.end = [m.end() for m in matches]
        self.folded = _fold_all(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def _fold_all(words: list[str]) -> list[str]:
    """``words`` folded; the ASCII ones (most) only lower-cased, the rest in one call of ``fold``."""
    folded = [w.lower() if w.isascii() else "" for w in words]
    others = [i for i, w in enumerate(words) if not w.isascii()]
    if others:
        joined = fold(" ".join(words[i] for i in others)).split(" ")
        if len(joined) == len(others):
            for i, word in zip(others, joined, strict=True):
                folded[i] = word
        else:  # folding joined or split a word: fold them one by one
            for i in others:
                folded[i] = fold(words[i])
    return folded


def channels(text: str, outlets: Collection[str] = ()) -> list[str]:
    """The outlets ``text`` names as a channel, as written (first mention first). ``outlets``:
    folded names of outlets known beyond the lexicon (those stored)."""
    cues = _cues()
    tokens = _Tokens(text)
    known = known_outlets()
    found: dict[str, str] = {}
    free = 0  # the first word not yet part of a name found
    for i, raw in enumerate(tokens.raw):
        if i < free or not raw[:1].isupper():
            continue  # only a capitalised word starts a name
        size, name = _outlet_at(tokens, i, known, outlets, cues, text)
        if size and name is not None and _cued(tokens, i, size, cues):
            found.setdefault(fold(name), name)
        free = i + max(size, 1)
    return list(found.values())


def _outlet_at(
    tokens: _Tokens, i: int, known: Collection[str], outlets: Collection[str], cues: _Cues, text: str
) -> tuple[int, str | None]:
    """The outlet name starting at the capitalised token ``i`` (its length in tokens), if any."""
    raw, folded = tokens.raw, tokens.folded
    for size in range(min(MAX_NAME, len(tokens) - i), 0, -1):
        key = " ".join(folded[i : i + size])
        if key in known or key in outlets:
            if _inside_name(tokens, i, size, text, cues):
                return size, None  # "Ford Focus", "the Financial Times Commodities Summit"
            outlet = known.get(key) if isinstance(known, dict) else None
            return size, outlet.name if outlet is not None else " ".join(raw[i : i + size])
    word = folded[i]
    if word in cues.not_outlets or word in _dates():
        return 1, None
    before = folded[i - 1] if i else None
    if before is not None and before in cues.media:
        size = 1  # "paper NZZ", "Nachrichtenagentur Ansa", "station WSYX"
        while size < 3 and i + size < len(tokens) and raw[i + size][:1].isupper():
            if tokens.start[i + size] - tokens.end[i + size - 1] > 1:
                break
            size += 1
        return size, " ".join(raw[i : i + size])
    compound = text[tokens.end[i] : tokens.end[i] + 1] == "-"  # "BDK-Vorsitzende": a modifier
    if _ACRONYM.match(raw[i]) and before is not None and not compound:
        strong = before in cues.strong or raw[i - 1].endswith(_POSSESSIVE)
        if strong:
            return 1, raw[i]  # "told ABC6", "Ohio's ABC6"
    return 1, None


def _inside_name(tokens: _Tokens, i: int, size: int, text: str, cues: _Cues) -> bool:
    """Whether the words at ``i`` .. ``i + size`` are part of a longer capitalised name: a
    capitalised word joined to them by a single space on either side, not starting a sentence."""
    raw, folded, start, end = tokens.raw, tokens.folded, tokens.start, tokens.end
    joined = (
        i > 0
        and folded[i - 1] not in cues.articles | cues.media | cues.before
        and not raw[i - 1].endswith(_POSSESSIVE)
        and raw[i - 1][:1].isupper()
        and text[end[i - 1] : start[i]] == " "
    )
    if joined and start[i - 1]:
        starts_sentence = text[: start[i - 1]].rstrip()[-1:] in '.!?:;"“„«»'
        if not starts_sentence:
            return True
    last = i + size - 1
    if last + 1 < len(tokens) and raw[last + 1][:1].isupper():
        return text[end[last] : start[last + 1]] == " "
    return False


@cache
def _dates() -> frozenset[str]:
    """Weekday and month names of every language: capitalised, but no outlet."""
    from quotetrack.lexicon import available_languages, load

    words: set[str] = set()
    for code in available_languages():
        lex = load(code)
        for table in (lex.weekdays, lex.long_weekdays, lex.months):
            words.update(fold(w) for w in table)
    return frozenset(words)


def _cued(tokens: _Tokens, i: int, size: int, cues: _Cues) -> bool:
    """Whether a cue stands near the name at tokens ``i`` .. ``i + size``: before it, after it or,
    for a name in brackets at a text's start ("(AP)"), not at all (that is a dateline, the via)."""
    folded = tokens.folded
    before = folded[max(0, i - cues.window) : i]
    after = folded[i + size : i + size + cues.window]
    if any(w in cues.before for w in before) or any(w in cues.after for w in after):
        return True
    return i > 0 and folded[i - 1] in cues.media


def channel_names(texts: Iterable[tuple[int, str]], outlets: Collection[str]) -> dict[int, list[str]]:
    """Article id -> the outlets its text names as a channel."""
    return {article_id: found for article_id, text in texts if (found := channels(text, outlets))}
