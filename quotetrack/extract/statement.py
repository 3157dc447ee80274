"""What the attribution engine returns: statements and the article's provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATEMENT_TYPES = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "outlet", "document", "country", "unknown")


@dataclass(slots=True)
class Statement:
    """One attributed statement found in an article.

    ``text`` is exactly ``article.text[start:end]``, without enclosing quotation marks.
    """

    text: str
    start: int
    end: int
    type: str  # direct | indirect | mixed
    speaker: str | None = None
    speaker_kind: str = "unknown"
    cue: str | None = None
    source: str | None = None  # the outlet or document the words came through
    role: str | None = None
    affiliation: str | None = None
    said_on: date | None = None
    date_text: str | None = None
    confidence: float = 0.5
    # how the speaker was found ("full name", "pronoun", "continued" …); not part of the JSON
    evidence: str = "none"

    def to_json(self) -> dict[str, Any]:
        """The statement as JSON, its fields in the order of ``JSON_FIELDS``."""
        values = {key: getattr(self, key) for key in JSON_FIELDS}
        values["said_on"] = self.said_on.isoformat() if self.said_on else None
        return values


JSON_FIELDS = (
    "text",
    "speaker",
    "speaker_kind",
    "type",
    "cue",
    "source",
    "role",
    "affiliation",
    "said_on",
    "date_text",
    "start",
    "end",
    "confidence",
)


@dataclass(slots=True)
class Extraction:
    """The engine's result for one article."""

    statements: list[Statement] = field(default_factory=list)
    via: str | None = None  # the outlet the article says it was taken from
    lang: str | None = None
    # speaker phrases whose capitalised words the name check refused ("Allerdings", "Three"),
    # for reviewing the check on real news (bench/mine_speakers.py); not part of the JSON
    rejected_names: list[str] = field(default_factory=list)

    def to_json(self, article_id: str | None) -> dict[str, Any]:
        return {
            "id": article_id,
            "via": self.via,
            "lang": self.lang,
            "quotes": [s.to_json() for s in self.statements],
        }
