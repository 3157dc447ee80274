"""Page furniture left out of an article's text: newsletter and subscription calls, cookie
notes, social links, comment forms, press contacts (the language file's ``[boilerplate]``
markers)."""

from __future__ import annotations

import re
from functools import cache

from quotetrack.lexicon import Lexicon, load

# A blank line (white space allowed) between two paragraphs.
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\u00a0\r]*\n\s*")


def is_boilerplate(chunk: str, lex: Lexicon) -> bool:
    """Page furniture: newsletter calls, social links, contact blocks, comment forms. A marker
    phrase anywhere in a short paragraph, or a marker or label word opening any paragraph; a
    label word elsewhere only in a line as short as a label ("Anzeige", "Comments")."""
    low = chunk.lower().lstrip()
    if lex.boilerplate_re.match(low) or lex.boilerplate_label_re.match(low):
        return True
    if len(chunk) <= lex.boilerplate_label_max_chars and lex.boilerplate_label_re.search(low):
        return True
    if len(chunk) > lex.boilerplate_max_chars:
        return False
    found = lex.boilerplate_re.search(low)
    if found is None:
        return False
    # a marker inside a sentence that reports is a phrase of it: "market share this year",
    # "subscribe to that view"
    return not _reports(_sentence_around(low, found.start()), lex)


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _sentence_around(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if end.start() >= at:
            return text[start : end.end()]
        start = end.end()
    return text[start:]


_QUOTE_MARKS = frozenset('"“”„«»')
_WORD = re.compile(r"\w+")


def _reports(low: str, lex: Lexicon) -> bool:
    """Whether a paragraph quotes or reports someone: a quotation mark, or a reporting verb that
    is no word of the furniture itself ("show comments")."""
    if any(c in _QUOTE_MARKS for c in low):
        return True
    furniture = _furniture_words(lex.code)
    return any(w in lex.verbs and w not in furniture for w in _WORD.findall(low))


@cache
def _furniture_words(code: str) -> frozenset[str]:
    lex = load(code)
    return frozenset(
        w for phrase in (*lex.boilerplate, *lex.boilerplate_labels) for w in _WORD.findall(phrase)
    )


def drop_boilerplate(text: str, lang: str) -> str:
    """``text`` without the paragraphs the engine reads as page furniture (newsletter and
    subscription calls, cookie notes, social links, comment forms, press contacts; the
    language file's ``[boilerplate]`` markers). The first paragraph (the title) and lines that
    say where the article came from ("Quelle: X") stay; a text with nothing to drop is returned
    as it is, so its offsets are the input's."""
    lex = load(lang)
    spans: list[tuple[int, int]] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    kept: list[str] = []
    dropped = False
    for start, end in spans:
        chunk = text[start:end].strip()
        if not chunk:
            continue
        if kept and is_boilerplate(chunk, lex) and not any(p.search(chunk) for p in lex.via_patterns):
            dropped = True
            continue
        kept.append(chunk)
    if not dropped:
        return text
    return "\n\n".join(kept) + "\n"
