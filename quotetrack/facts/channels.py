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


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str
    folded: str
    start: int
    end: int


def channels(text: str, outlets: Collection[str] = ()) -> list[str]:
    """The outlets ``text`` names as a channel, as written (first mention first). ``outlets``:
    folded names of outlets known beyond the lexicon (those stored)."""
    cues = _cues()
    tokens = [
        _Token(raw, _fold(raw), m.start(), m.end()) for m in _TOKEN.finditer(text) if (raw := m.group())
    ]
    known = known_outlets()
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        size, name = _outlet_at(tokens, i, known, outlets, cues, text)
        if size and name is not None and _cued(tokens, i, size, cues, text):
            found.setdefault(fold(name), name)
        i += max(size, 1)
    return list(found.values())


def _fold(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def _outlet_at(
    tokens: list[_Token], i: int, known: Collection[str], outlets: Collection[str], cues: _Cues, text: str
) -> tuple[int, str | None]:
    """The outlet name starting at token ``i`` (its length in tokens), if any."""
    if not tokens[i].raw[:1].isupper():
        return 1, None
    for size in range(min(MAX_NAME, len(tokens) - i), 0, -1):
        words = tokens[i : i + size]
        if not words[0].raw[:1].isupper():
            break
        key = " ".join(t.folded for t in words)
        if key in known or key in outlets:
            if _inside_name(tokens, i, size, text, cues):
                return size, None  # "Ford Focus", "the Financial Times Commodities Summit"
            outlet = known.get(key) if isinstance(known, dict) else None
            return size, outlet.name if outlet is not None else " ".join(t.raw for t in words)
    token = tokens[i]
    if not token.raw[:1].isupper() or token.folded in cues.not_outlets or token.folded in _dates():
        return 1, None
    before = tokens[i - 1] if i else None
    if before is not None and before.folded in cues.media:
        size = 1  # "paper NZZ", "Nachrichtenagentur Ansa", "station WSYX"
        while size < 3 and i + size < len(tokens) and tokens[i + size].raw[:1].isupper():
            if tokens[i + size].start - tokens[i + size - 1].end > 1:
                break
            size += 1
        return size, " ".join(t.raw for t in tokens[i : i + size])
    compound = text[token.end : token.end + 1] == "-"  # "BDK-Vorsitzende": a modifier
    if _ACRONYM.match(token.raw) and before is not None and not compound:
        strong = before.folded in cues.strong or before.raw.endswith(_POSSESSIVE)
        if strong:
            return 1, token.raw  # "told ABC6", "Ohio's ABC6"
    return 1, None


def _inside_name(tokens: list[_Token], i: int, size: int, text: str, cues: _Cues) -> bool:
    """Whether the words at ``i`` .. ``i + size`` are part of a longer capitalised name: a
    capitalised word joined to them by a single space on either side, not starting a sentence."""
    previous = tokens[i - 1] if i else None
    joined = (
        previous is not None
        and previous.folded not in cues.articles | cues.media | cues.before
        and not previous.raw.endswith(_POSSESSIVE)
        and previous.raw[:1].isupper()
        and text[previous.end : tokens[i].start] == " "
    )
    if joined and previous is not None and previous.start:
        starts_sentence = text[: previous.start].rstrip()[-1:] in '.!?:;"“„«»'
        if not starts_sentence:
            return True
    last = i + size - 1
    if last + 1 < len(tokens) and tokens[last + 1].raw[:1].isupper():
        return text[tokens[last].end : tokens[last + 1].start] == " "
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


def _cued(tokens: list[_Token], i: int, size: int, cues: _Cues, text: str) -> bool:
    """Whether a cue stands near the name at tokens ``i`` .. ``i + size``: before it, after it or,
    for a name in brackets at a text's start ("(AP)"), not at all (that is a dateline, the via)."""
    before = tokens[max(0, i - cues.window) : i]
    after = tokens[i + size : i + size + cues.window]
    if any(t.folded in cues.before for t in before) or any(t.folded in cues.after for t in after):
        return True
    return any(t.folded in cues.media for t in tokens[max(0, i - 1) : i])


def channel_names(texts: Iterable[tuple[int, str]], outlets: Collection[str]) -> dict[int, list[str]]:
    """Article id -> the outlets its text names as a channel."""
    return {article_id: found for article_id, text in texts if (found := channels(text, outlets))}
