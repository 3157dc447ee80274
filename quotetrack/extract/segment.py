"""Stage 1: paragraphs, sentence units and tokens, with offsets into the original text."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from quotetrack.inputs.boilerplate import PARAGRAPH_BREAK, is_boilerplate
from quotetrack.lexicon import Lexicon, Word

# A word (inner hyphens, apostrophes and dots only before more letters; not a dot between a
# lower-case word and a capitalised one, where a space is missing: "Fahrzeuge.Es gelte"), a
# number, or any other mark.
TOKEN = re.compile(
    r"[^\W\d_]\w*(?:[-’']\w+|(?:(?<![^\W\d_A-ZÄÖÜ]{2})|(?!\.[A-ZÄÖÜ][^\W\d_A-ZÄÖÜ]))\.\w+)*"
    r"|\d+(?:[.,:/]\d+)*|\S",
    re.UNICODE,
)
SPACED_TOKEN = re.compile(f"({TOKEN.pattern})(\\s*)", re.UNICODE)  # a token and the white space after it
SPACE = re.compile(r"\s*")
TERMINAL = ".!?…"
# An agency dateline opening a paragraph: "BERLIN (AP) —", "Frankfurt/Main (dpa) - ".
DATELINE = re.compile(r"[A-ZÄÖÜ][\w .,/'’-]{1,40}?\s*\([^()\n]{1,40}\)\s*[-–—]+\s+")
# Dotted initials: "u.s.", "z.b."
INITIALS = re.compile(r"(?:[a-z]\.){2,}")
# A person's initials as one token, without the last dot: "K.T" of "K.T. Marlow".
NAME_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# Characters that may follow a sentence's final punctuation and still belong to it.
TRAILERS = "\"'“”»«’‘)]"


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    index: int
    boilerplate: bool = False


class Token:
    """A word, number or punctuation mark, with its offsets in the article text and what the
    lexicon says about its spelling (``word``)."""

    __slots__ = ("capitalised", "end", "is_word", "lower", "quote", "start", "text", "word")

    def __init__(self, word: Word, start: int, end: int) -> None:
        self.word = word
        self.text = word.text
        self.start = start
        self.end = end
        self.lower = word.lower
        self.is_word = word.is_word
        self.capitalised = word.capitalised
        self.quote = -1  # index of the enclosing quotation, -1 outside quotations

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def paragraphs(text: str, lex: Lexicon) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        _add_paragraph(text, pos, match.start(), out, lex)
        pos = match.end()
    _add_paragraph(text, pos, len(text), out, lex)
    return out


def _add_paragraph(text: str, start: int, end: int, out: list[Paragraph], lex: Lexicon) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        dateline = DATELINE.match(text, start, end)
        body = dateline.end() if dateline else start
        para = Paragraph(body, end, len(out))
        para.boilerplate = is_boilerplate(text[start:end], lex)
        out.append(para)


def tokens(text: str, start: int, end: int, lex: Lexicon) -> list[Token]:
    words = lex.words
    out: list[Token] = []
    append = out.append
    # Each token with the white space after it: the tokens follow one another with nothing else
    # between them, so offsets are counted from the lengths instead of asked of match objects.
    lead = SPACE.match(text, start, end)
    pos = lead.end() if lead else start
    for token, space in SPACED_TOKEN.findall(text, pos, end):
        stop = pos + len(token)
        append(Token(words[token], pos, stop))
        pos = stop + len(space)
    return out


SENTENCE_CANDIDATE = re.compile(r"[.!?…]+[\"'“”»«’‘)\]]*|\n")


def sentence_ends(
    text: str, start: int, end: int, lex: Lexicon, protected: list[tuple[int, int]]
) -> list[int]:
    """Offsets where sentence units end within [start, end).

    A boundary inside a protected range (a quotation) is not a boundary: a quotation
    and its attribution stay in one unit.
    """
    ends: list[int] = []
    prot = sorted(protected)  # quotations at depth 0: they do not overlap
    prot_starts = [a for a, _b in prot]
    for m in SENTENCE_CANDIDATE.finditer(text, start, end):
        i, j = m.start(), m.end()
        boundary = -1
        if text[i] == "\n":
            line_start = text.rfind("\n", start, i) + 1
            prev = text[line_start:i].rstrip()
            if prev and (prev[-1] in TERMINAL + TRAILERS + ":" or len(prev) < 45):
                boundary = i
        elif j < end:
            if text[j].isspace() and _opens_sentence(text, j, end) and not _abbreviation(text, start, i, lex):
                boundary = j
            elif _run_on(text, start, i, j, end):
                boundary = j  # "she said.Murphy’s …": a missing space
        if boundary > 0:
            k = bisect_left(prot_starts, boundary) - 1  # the last quotation opened before it
            if k < 0 or boundary >= prot[k][1]:
                ends.append(boundary)
    ends.append(end)
    return ends


def _run_on(text: str, start: int, dot: int, j: int, end: int) -> bool:
    """A sentence end with the space missing: a lower-case word, ".", then a capitalised word."""
    if text[dot] != "." or j + 1 >= end or not (text[j].isupper() and text[j + 1].islower()):
        return False
    k = dot
    while k > start and text[k - 1].isalpha():
        k -= 1
    word = text[k:dot]
    return len(word) >= 3 and word[1:].islower()


def _opens_sentence(text: str, j: int, end: int) -> bool:
    while j < end and text[j].isspace():
        j += 1
    if j >= end:
        return False
    ch = text[j]
    return ch.isupper() or ch.isdigit() or ch in "\"'„“”»«‚‘(–—-"


def _abbreviation(text: str, start: int, dot: int, lex: Lexicon) -> bool:
    if text[dot] != ".":
        return False
    k = dot
    while k > start and not text[k - 1].isspace():
        k -= 1
    word = text[k : dot + 1].lower().lstrip("\"'„“(«»")
    if word in lex.abbreviations:
        return True
    bare = word[:-1]
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "S." or "B."
    if lex.ordinal_dot and bare.isdigit() and len(bare) <= 2:
        return True  # "am 10. Mai", "seinem 22. Geburtstag"
    return INITIALS.fullmatch(word) is not None
