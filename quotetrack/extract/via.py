"""Stage 7 (article level): where the article says it was taken from.

"Quelle: Antiwar.com", "Source: Reuters", "(dpa)", "BERLIN (AP) —",
"Original-Content von: X": the language's [via] patterns name the outlet.
"""

from __future__ import annotations

from quotetrack.lexicon import Lexicon, known_outlets
from quotetrack.text import fold


def find_via(text: str, lex: Lexicon) -> str | None:
    """The outlet the article was taken from, as the article names it, or None."""
    best: tuple[int, str] | None = None
    for rank, pattern in enumerate(lex.via_patterns):
        if best is not None:
            break  # a later pattern ranks lower
        for m in pattern.finditer(text):
            value = clean_outlet_name(m.group("via"))
            if value and (best is None or rank < best[0]):
                best = (rank, value)
                break
    if best is None:
        return None
    return best[1]


def clean_outlet_name(value: str) -> str | None:
    value = value.strip().strip(".,;:()[]\"'„“”»«").strip()
    for prefix in ("http://", "https://"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    value = value.rstrip("/")
    if not value or len(value) > 80:
        return None
    known = known_outlets().get(fold(value))
    if known is not None and fold(value) != fold(known.name) and len(value) <= 5:
        return value
    return value
