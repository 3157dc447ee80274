"""Quote drift: how each appearance of a claim differs from its earliest one.

A fact-checker reading a claim wants to see at a glance where a quote was changed on its way:
words dropped, added or changed, a direct quote turned into reported speech, a translation.
Each appearance is compared word by word (case, accents and edge punctuation aside) with the
earliest appearance in its language; an appearance in another language than any earlier one
is a translation and is compared with nothing. A claim has *drifted* when an appearance keeps
less than DRIFT_KEPT of the earliest wording or turns a direct quote into reported speech.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.facts.records import result_rows
from quotetrack.store import models
from quotetrack.store.sql import chunks
from quotetrack.text import fold

DRIFT_KEPT = 0.75  # share of the earliest wording an appearance keeps below which it drifted
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Drift:
    """How one appearance differs from the earliest one of its language."""

    statement_id: int
    compared_with: int | None  # the earliest appearance it is compared with; None for the earliest
    kept: float  # share of the earliest wording kept, 0..1 (1 for the earliest and for translations)
    dropped: tuple[str, ...] = ()  # runs of words left out
    added: tuple[str, ...] = ()  # runs of words put in
    changed: tuple[tuple[str, str], ...] = ()  # (was, now)
    speech: str | None = None  # "direct -> indirect" when the kind of speech changed
    translated_from: str | None = None  # the language of the earliest appearance, for a translation

    @property
    def drifted(self) -> bool:
        return self.kept < DRIFT_KEPT or (self.speech is not None and self.speech.startswith("direct"))

    def line(self) -> str:
        """The differences in a few words: ``-"not a ride" +"any" ~"weapon"->"weapons"``."""
        if self.compared_with is None:
            return "earliest"
        if self.translated_from is not None:
            return f"translated from {self.translated_from}"
        parts = [f'-"{w}"' for w in self.dropped]
        parts += [f'+"{w}"' for w in self.added]
        parts += [f'~"{a}"->"{b}"' for a, b in self.changed]
        if self.speech:
            parts.append(self.speech)
        if not parts:
            return "same wording"
        return f"{round(self.kept * 100)}% kept: " + " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "compared_with": self.compared_with,
            "kept": round(self.kept, 3),
            "dropped": list(self.dropped),
            "added": list(self.added),
            "changed": [list(pair) for pair in self.changed],
            "speech": self.speech,
            "translated_from": self.translated_from,
            "drifted": self.drifted,
        }


@dataclass(frozen=True, slots=True)
class _Appearance:
    statement_id: int
    text: str
    type: str
    lang: str | None
    day: dt.date | None


def compare(earliest: _Appearance, later: _Appearance) -> Drift:
    """How ``later`` differs from ``earliest`` (of one language), word by word."""
    old, new = _WORD.findall(earliest.text), _WORD.findall(later.text)
    matcher = difflib.SequenceMatcher(None, [fold(w) for w in old], [fold(w) for w in new], autojunk=False)
    dropped: list[str] = []
    added: list[str] = []
    changed: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "delete":
            dropped.append(" ".join(old[a1:a2]))
        elif op == "insert":
            added.append(" ".join(new[b1:b2]))
        elif op == "replace":
            changed.append((" ".join(old[a1:a2]), " ".join(new[b1:b2])))
    kept = sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(old))
    speech = f"{earliest.type} -> {later.type}" if earliest.type != later.type else None
    return Drift(
        later.statement_id, earliest.statement_id, kept, tuple(dropped), tuple(added), tuple(changed), speech
    )


def claim_drift(session: Session, claim_id: int) -> dict[int, Drift]:
    """Statement id -> how it differs from the earliest appearance of the claim in its language."""
    return claims_drift(session, [claim_id]).get(claim_id, {})


def claims_drift(session: Session, claim_ids: Sequence[int]) -> dict[int, dict[int, Drift]]:
    """The drift of every appearance of each claim."""
    S, A = models.Statement, models.Article
    appearances: dict[int, list[_Appearance]] = {}
    for chunk in chunks(sorted(set(claim_ids))):
        query = (
            sa.select(
                col(S.claim_id),
                col(S.id),
                col(S.text),
                col(S.type),
                col(A.lang),
                sa.func.coalesce(col(S.said_or_published), col(A.published_estimated)),
            )
            .join_from(S, A, col(S.article_id) == col(A.id))
            .where(col(S.claim_id).in_(chunk))
        )
        for claim_id, sid, text, kind, lang, day in result_rows(session, query):
            appearances.setdefault(int(claim_id), []).append(_Appearance(int(sid), text, kind, lang, day))
    return {claim_id: _drift(found) for claim_id, found in appearances.items()}


def _drift(appearances: list[_Appearance]) -> dict[int, Drift]:
    ordered = sorted(appearances, key=lambda a: (a.day is None, a.day or dt.date.min, a.statement_id))
    first_of: dict[str | None, _Appearance] = {}
    out: dict[int, Drift] = {}
    for appearance in ordered:
        earliest = first_of.get(appearance.lang)
        if earliest is None:
            first_of[appearance.lang] = appearance
            if appearance is ordered[0]:
                out[appearance.statement_id] = Drift(appearance.statement_id, None, 1.0)
            else:
                out[appearance.statement_id] = Drift(
                    appearance.statement_id,
                    ordered[0].statement_id,
                    1.0,
                    translated_from=ordered[0].lang or "another language",
                )
            continue
        out[appearance.statement_id] = compare(earliest, appearance)
    return out


def drifted(session: Session, claim_ids: Sequence[int]) -> set[int]:
    """The claims among ``claim_ids`` whose wording changed beyond small edits."""
    return {
        claim_id
        for claim_id, found in claims_drift(session, claim_ids).items()
        if any(d.drifted for d in found.values())
    }
