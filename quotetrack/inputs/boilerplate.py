"""Page furniture left out of an article's text: newsletter and subscription calls, cookie
notes, social links, comment forms, press contacts (the language file's ``[boilerplate]``
markers)."""

from __future__ import annotations

import re

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
    return len(chunk) <= lex.boilerplate_max_chars and lex.boilerplate_re.search(low) is not None


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
