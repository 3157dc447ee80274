"""Stage 2: quotation spans, from the language's mark pairs and a small state machine."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from quotetrack.extract.segment import NAME_INITIALS
from quotetrack.lexicon import Lexicon, given_name

# A quotation longer than this (characters) without a close is not trusted to run on.
MAX_OPEN_RUN = 6000
# Quotations nest a few levels deep at most; a mark is tried as the close of the innermost
# ones only, so that a run of thousands of opening marks costs linear time, not quadratic.
MAX_NESTING = 4


@dataclass(slots=True)
class QuoteSpan:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or the paragraph end when it runs on
    closed: bool  # False when the paragraph ends inside the quotation
    depth: int = 0

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def _can_open(text: str, i: int, end: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < end else ""
    if not nxt or nxt.isspace():
        return False
    return not (prev.isalnum() or prev in ".,;!?")


def _can_close(text: str, i: int, end: int, mark: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isspace():
        return False
    return not (mark in "'’" and nxt.isalnum())  # an apostrophe: don't, Peter's


def find_quotes(text: str, start: int, end: int, lex: Lexicon) -> list[QuoteSpan]:
    """The quotations in text[start:end] (one paragraph), outermost and nested.

    Unbalanced marks give no span rather than swallowing the paragraph; a quotation
    opened and not closed by the paragraph's end runs to the end when it opened at
    a clause start (the convention for quotations continued in the next paragraph).
    """
    openers = _openers(lex)
    stack: list[tuple[int, str, tuple[str, ...]]] = []  # (offset, mark, acceptable closes)
    spans: list[QuoteSpan] = []
    skip_to = start  # past the second character of a two-character close
    for found in _marks(lex).finditer(text, start, end):
        i = found.start()
        if i < skip_to:
            continue
        ch = text[i]
        # Close the innermost open quotation when this mark closes it.
        closed_here = False
        for level in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_NESTING), -1):
            pos, _mark, closes = stack[level]
            double = next((c for c in closes if len(c) > 1 and text.startswith(c, i)), None)
            if double is not None and not text[i - 1].isspace():
                # "…,'' she said": a close typed as two marks, as some wire copy has it
                del stack[level:]
                spans.append(QuoteSpan(pos, i, True, depth=level))
                closed_here = True
                skip_to = i + len(double)
                break
            if ch in closes and _can_close(text, i, end, ch):
                if level != len(stack) - 1 and ch in "'’‘":
                    break  # an apostrophe inside a nested quotation
                del stack[level:]
                if not _compound_follows(text, i, end) and not _nickname(text, pos, i, end):
                    spans.append(QuoteSpan(pos, i, True, depth=level))
                closed_here = True
                break
        if not closed_here and ch in openers and _can_open(text, i, end):
            if ch in "'‘" and not stack and not _single_mark_opens(text, i, end):
                continue
            if len(stack) > MAX_NESTING:
                del stack[1:-MAX_NESTING]  # keep the outermost (it may run on) and the innermost
            stack.append((i, ch, openers[ch]))
    for pos, _mark, _closes in stack[:1]:
        if _runs_on(text, start, pos, end):
            spans.append(QuoteSpan(pos, end, False, depth=0))
    spans.sort(key=lambda s: (s.open, -s.close))
    return _mark_depth(spans)


@cache
def _marks(lex: Lexicon) -> re.Pattern[str]:
    """Any quotation mark of the language."""
    chars = {c for pair in lex.quote_pairs for c in pair}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def _openers(lex: Lexicon) -> dict[str, tuple[str, ...]]:
    """Each opening mark of the language and the marks that close it."""
    openers: dict[str, list[str]] = {}
    for o, c in lex.quote_pairs:
        openers.setdefault(o, []).append(c)
    return {o: tuple(closes) for o, closes in openers.items()}


def _compound_follows(text: str, i: int, end: int) -> bool:
    """A name in quotation marks inside a compound ("«Bild»-Reporter", "„Tagesschau“-Sprecher"):
    the marks set off a title, they quote nobody."""
    return i + 2 < end and text[i + 1] in "-‑" and text[i + 2].isalpha()


# A nickname in quotation marks is at most this many words.
NICKNAME_WORDS = 2
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*\Z")


def _nickname(text: str, open_: int, close: int, end: int) -> bool:
    """A nickname in marks between a given name and a family name (Robert "Bob" Kline, K.T.
    "Kip" Marlow): part of the name, no quotation."""
    words = text[open_ + 1 : close].split()
    if (
        not words
        or len(words) > NICKNAME_WORDS
        or not all(w[:1].isupper() and _NAME_WORD.match(w) for w in words)
    ):
        return False
    before = text[max(0, open_ - 20) : open_].rstrip(" ").split(" ")[-1]
    after = text[close + 1 : min(end, close + 3)]
    # a given name or initials before the marks: not a headline's 'Calls Ruling "Outrageous" After'
    named = given_name(before) is not None or NAME_INITIALS.fullmatch(before.rstrip(".")) is not None
    return open_ > 0 and text[open_ - 1] == " " and named and after[:1] == " " and after[1:2].isupper()


def _single_mark_opens(text: str, i: int, end: int) -> bool:
    """A single quotation mark opens only when a matching close follows soon."""
    limit = min(end, i + 400)
    for j in range(i + 2, limit):
        if text[j] in "'’" and not (j + 1 < end and text[j + 1].isalnum()) and not text[j - 1].isspace():
            return True
    return False


def _runs_on(text: str, start: int, pos: int, end: int) -> bool:
    if end - pos > MAX_OPEN_RUN:
        return False
    before = text[start:pos].rstrip()
    return not before or before[-1] in ":.!?"


def _mark_depth(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Each span's depth: how many spans enclose it (spans sorted by opening offset, longest
    first), with one stack of the open enclosing spans, in linear time."""
    enclosing: list[QuoteSpan] = []
    for span in spans:
        while enclosing and not (enclosing[-1].open < span.open and span.close <= enclosing[-1].close):
            enclosing.pop()
        span.depth = len(enclosing)
        enclosing.append(span)
    return spans
