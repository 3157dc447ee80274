"""Fact tracking after an ingest run: new speakers and outlets resolved, new statements grouped
into claims, new articles linked to their sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.facts.claims import ClaimUpdate, update_claims
from quotetrack.facts.provenance import update_links
from quotetrack.facts.records import result_rows
from quotetrack.store import models


@dataclass(frozen=True, slots=True)
class FactUpdate:
    speakers_linked: int
    outlets_linked: int
    suggestions: int
    claims: ClaimUpdate
    links: int

    def line(self) -> str:
        """The summary line's part on what the run changed beyond its articles."""
        parts = [f"{self.claims.joined} statements joined claims ({self.claims.created} new claims)"]
        if self.speakers_linked or self.outlets_linked:
            parts.append(
                f"{self.speakers_linked} speakers and {self.outlets_linked} outlets matched known ones"
            )
        if self.suggestions:
            parts.append(f"{self.suggestions} possible matches to review (quotetrack dedupe)")
        return ", ".join(parts)


def after_ingest(
    session: Session, *, article_ids: Sequence[int], entity_ids: Sequence[int], outlet_ids: Sequence[int]
) -> FactUpdate:
    """What new articles change: their new speakers and outlets resolved against the known
    ones, their statements grouped into claims, their provenance edges."""
    from quotetrack.facts import resolution

    speakers = resolution.resolve(session, resolution.ENTITY, subject_ids=entity_ids) if entity_ids else None
    outlets = resolution.resolve(session, resolution.OUTLET, subject_ids=outlet_ids) if outlet_ids else None
    grouped = update_claims(session, article_ids=article_ids)
    written = update_links(session, article_ids)
    return FactUpdate(
        speakers_linked=len(speakers.linked) if speakers else 0,
        outlets_linked=len(outlets.linked) if outlets else 0,
        suggestions=(speakers.suggested if speakers else 0) + (outlets.suggested if outlets else 0),
        claims=grouped,
        links=written,
    )


def max_ids(session: Session) -> tuple[int, int]:
    """The highest entity and outlet ids: rows above them were created later."""
    E, Out = models.Entity, models.Outlet
    entity = session.connection().execute(sa.select(sa.func.max(col(E.id)))).scalar_one_or_none()
    outlet = session.connection().execute(sa.select(sa.func.max(col(Out.id)))).scalar_one_or_none()
    return int(entity or 0), int(outlet or 0)


def ids_above(session: Session, entity_floor: int, outlet_floor: int) -> tuple[list[int], list[int]]:
    E, Out = models.Entity, models.Outlet
    entities = [int(r[0]) for r in result_rows(session, sa.select(col(E.id)).where(col(E.id) > entity_floor))]
    outlets = [
        int(r[0]) for r in result_rows(session, sa.select(col(Out.id)).where(col(Out.id) > outlet_floor))
    ]
    return entities, outlets
