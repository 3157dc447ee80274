"""Fact tracking after an ingest run: new speakers and outlets resolved, new statements grouped
into claims, new articles linked to their sources.

Fact tracking is durable work: every stored article starts with ``facts_pending`` set, and the
fact tracking that covers it clears the mark in the same transaction as its claims and links.
An article left pending by a run that was killed or failed is finished by the next ``ingest``,
``claims --regroup`` or ``quotetrack facts``, which take the pending articles in the same order
(by id, FACT_CHUNK at a time) as an uninterrupted run would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from quotetrack.errors import QuotetrackError
from quotetrack.facts.claims import ClaimUpdate, Grouper, update_claims
from quotetrack.facts.estimates import estimate_from_metadata
from quotetrack.facts.provenance import update_links
from quotetrack.facts.records import result_rows
from quotetrack.store import models
from quotetrack.store.db import session_scope
from quotetrack.store.sql import chunks
from quotetrack.text import plural


@dataclass(frozen=True, slots=True)
class FactUpdate:
    speakers_linked: int
    outlets_linked: int
    suggestions: int
    claims: ClaimUpdate
    links: int

    def __add__(self, other: FactUpdate) -> FactUpdate:
        return FactUpdate(
            self.speakers_linked + other.speakers_linked,
            self.outlets_linked + other.outlets_linked,
            self.suggestions + other.suggestions,
            self.claims + other.claims,
            self.links + other.links,
        )

    def line(self) -> str:
        """The summary line's part on what the run changed beyond its articles."""
        joined, created = plural(self.claims.joined, "statement"), plural(self.claims.created, "new claim")
        parts = [f"{joined} joined claims ({created})"]
        if self.speakers_linked or self.outlets_linked:
            speakers, outlets = plural(self.speakers_linked, "speaker"), plural(self.outlets_linked, "outlet")
            parts.append(f"{speakers} and {outlets} matched known ones")
        if self.suggestions:
            parts.append(f"{plural(self.suggestions, 'possible match')} to review (quotetrack dedupe)")
        return ", ".join(parts)


@dataclass(slots=True)
class StoreSummary:
    """What a run storing articles did (``ingest``, ``batch load``), with its fact tracking."""

    new: int = 0
    known: int = 0
    failed: int = 0
    statements: int = 0
    new_speakers: int = 0
    new_outlets: int = 0
    versions: int = 0  # new articles that are a new version of a page stored before
    interrupted: bool = False
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)  # of the new articles
    facts: FactUpdate | None = None
    facts_seconds: float | None = None  # of the run's seconds, those spent on fact tracking

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    def line(self) -> str:
        return self.counts_line()

    def counts_line(self, *, short: int = 0, failed: str = "failed") -> str:
        """The summary line: ``short`` new articles had a short text, ``failed`` names the failures."""
        versions = ""
        if self.versions:
            them = "a new version of a known page" if self.versions == 1 else "new versions of known pages"
            versions = f" ({self.versions} of them {them})"
        shorts = f" ({short} with a short text)" if short else ""
        line = (
            f"{self.new} new{versions}{shorts}, {self.known} already known, {self.failed} {failed}; "
            f"{plural(self.statements, 'statement')}, {plural(self.new_speakers, 'new speaker')}, "
            f"{plural(self.new_outlets, 'new outlet')}"
        )
        if self.facts is not None:
            line += "; " + self.facts.line()
        return line

    def track_facts(
        self, engine: Engine, floors: tuple[int, int], on_error: Callable[[str], None] | None = None
    ) -> None:
        """The run's fact tracking (:func:`track_facts`) over its new articles, timed; a failure
        is counted and reported to ``on_error``."""
        tracking = time.monotonic()
        try:
            self.facts = track_facts(engine, self.article_ids, floors)
        except QuotetrackError as exc:
            message = f"linking the new articles to what was stored before: {exc}"
            self.failed += 1
            self.errors.append(message)
            if on_error:
                on_error(message)
        if self.facts is not None or self.article_ids:
            self.facts_seconds = time.monotonic() - tracking


FACT_CHUNK = 2000  # articles whose claims and links are worked out in one transaction


def after_ingest(
    session: Session, *, article_ids: Sequence[int], entity_ids: Sequence[int], outlet_ids: Sequence[int]
) -> FactUpdate:
    """What new articles change: their new speakers and outlets resolved against the known
    ones, their statements grouped into claims, their provenance edges; the articles are no
    longer pending. (In one transaction: :func:`resolve_names` and :func:`track_articles` are the
    two steps for callers that commit between chunks.)"""
    resolved = resolve_names(session, entity_ids=entity_ids, outlet_ids=outlet_ids)
    tracked = track_articles(session, article_ids)
    return resolved + tracked


def track_facts(
    engine: Engine,
    article_ids: Sequence[int],
    floors: tuple[int, int] | None = None,
    *,
    grouping: Callable[[list[int]], Grouper] | None = None,
) -> FactUpdate | None:
    """The fact tracking that ends a run storing articles (``ingest``, ``reextract``, ``batch load``):
    for ``article_ids`` and every article an earlier run left pending, resolves the speakers and
    outlets created above ``floors`` (the highest ids before the run, :func:`max_ids`) and those the
    pending articles name, then groups the articles' statements into claims and links them to
    their sources, one write transaction per chunk of articles (by id), each clearing its articles'
    pending mark. ``grouping`` gives the grouper of a chunk before its transaction starts (``batch
    facts``: the chunk's groups computed on Spark). None when there was nothing to do."""
    with session_scope(engine, write=True) as session:
        pending = pending_articles(session)
        todo = sorted(set(pending) | set(article_ids))
        if not todo:
            return None
        entity_ids, outlet_ids = ids_above(session, *floors) if floors is not None else ([], [])
        earlier = sorted(set(todo) - set(article_ids))
        if earlier:
            named_entities, named_outlets = names_of(session, earlier)
            entity_ids = sorted(set(entity_ids) | set(named_entities))
            outlet_ids = sorted(set(outlet_ids) | set(named_outlets))
        total = resolve_names(session, entity_ids=entity_ids, outlet_ids=outlet_ids)
    for chunk in fact_chunks(todo):
        options = {"grouper": grouping(chunk)} if grouping is not None else {}
        with session_scope(engine, write=True) as session:
            total = total + track_articles(session, chunk, **options)
    return total


def resolve_names(session: Session, *, entity_ids: Sequence[int], outlet_ids: Sequence[int]) -> FactUpdate:
    """New speakers and outlets resolved against the known ones."""
    from quotetrack.facts import resolution

    speakers = resolution.resolve(session, resolution.ENTITY, subject_ids=entity_ids) if entity_ids else None
    outlets = resolution.resolve(session, resolution.OUTLET, subject_ids=outlet_ids) if outlet_ids else None
    return FactUpdate(
        speakers_linked=len(speakers.linked) if speakers else 0,
        outlets_linked=len(outlets.linked) if outlets else 0,
        suggestions=(speakers.suggested if speakers else 0) + (outlets.suggested if outlets else 0),
        claims=ClaimUpdate(0, 0, 0),
        links=0,
    )


def track_articles(
    session: Session, article_ids: Sequence[int], *, grouper: Grouper | None = None
) -> FactUpdate:
    """The claims and provenance of ``article_ids``; they are no longer pending."""
    grouped = update_claims(session, article_ids=article_ids, grouper=grouper)
    written = update_links(session, article_ids)
    mark_done(session, article_ids)
    return FactUpdate(0, 0, 0, grouped, written)


def regroup(session: Session) -> FactUpdate:
    """Every stored statement grouped again (a person's decisions kept), every article's
    provenance worked out again; no article is left pending."""
    A = models.Article
    article_ids = [int(r[0]) for r in result_rows(session, sa.select(col(A.id)).order_by(col(A.id)))]
    estimate_from_metadata(session, article_ids)
    grouped = update_claims(session)
    written = 0
    for chunk in fact_chunks(article_ids):
        written += update_links(session, chunk)
        mark_done(session, chunk)
    return FactUpdate(0, 0, 0, grouped, written)


def mark_done(session: Session, article_ids: Sequence[int]) -> None:
    A = models.Article
    for chunk in chunks(sorted(set(article_ids))):
        session.connection().execute(sa.update(A).where(col(A.id).in_(chunk)).values(facts_pending=False))


def pending_articles(session: Session) -> list[int]:
    """The articles whose fact tracking has not finished, by id."""
    A = models.Article
    query = sa.select(col(A.id)).where(col(A.facts_pending)).order_by(col(A.id))
    return [int(r[0]) for r in result_rows(session, query)]


def fact_chunks(article_ids: Sequence[int]) -> list[list[int]]:
    """The articles in the chunks fact tracking takes them in: by id, FACT_CHUNK at a time."""
    ordered = sorted(set(article_ids))
    return [ordered[at : at + FACT_CHUNK] for at in range(0, len(ordered), FACT_CHUNK)]


def names_of(session: Session, article_ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """The speakers and outlets the statements and articles of ``article_ids`` name: what a
    pending article left by an earlier run may still need resolved."""
    S, A = models.Statement, models.Article
    entities: set[int] = set()
    outlets: set[int] = set()
    for chunk in chunks(sorted(set(article_ids))):
        query = sa.select(col(S.speaker_id), col(S.source_id)).where(col(S.article_id).in_(chunk))
        for speaker, source in result_rows(session, query):
            if speaker is not None:
                entities.add(int(speaker))
            if source is not None:
                outlets.add(int(source))
        query = sa.select(col(A.outlet_id), col(A.via_outlet_id)).where(col(A.id).in_(chunk))
        for outlet, via in result_rows(session, query):
            outlets.update(int(o) for o in (outlet, via) if o is not None)
    return sorted(entities), sorted(outlets)


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
