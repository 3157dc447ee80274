"""Where an article's words came from: links between articles (republishes, translates, relays)
worked out from what they share, and the trace of an article or a claim back to its origin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.facts.records import ArticleFacts, article_facts, claims_shared, result_rows
from quotetrack.store import models
from quotetrack.store.models import SUGGESTED
from quotetrack.store.sql import chunks

# the link kinds that bring an article's text from elsewhere, as against relaying a report
CARRIES = ("republishes", "translates")


LINKS_AT_ONCE = 2000  # edges written in one statement


def update_links(session: Session, article_ids: Sequence[int]) -> int:
    """Recomputes the suggested provenance edges of ``article_ids`` and of the articles that share
    a claim with them (a source ingested after the article relaying it is found too); edges a
    person confirmed stay. The number of edges written.

    An article that names the outlet of a new article as its source but shares no claim with it
    keeps its edges: they are narrowed to an article of that outlet only through shared claims.
    So the work follows the claims of the new articles, not how many articles cite their outlets."""
    L = models.Link
    facts = article_facts(session, article_ids)
    sharing = claims_shared(session, {c for f in facts.values() for c in f.claims})
    related = {a for articles in sharing.values() for a in articles}
    related -= set(facts)
    facts.update(article_facts(session, sorted(related)))
    affected = sorted(facts)
    for chunk in chunks(affected):
        session.connection().execute(
            sa.delete(L).where(col(L.from_article_id).in_(chunk), col(L.status) == SUGGESTED)
        )
    confirmed = {
        (int(a), b, c)
        for chunk in chunks(affected)
        for a, b, c in result_rows(
            session,
            sa.select(col(L.from_article_id), col(L.to_article_id), col(L.to_outlet_id)).where(
                col(L.from_article_id).in_(chunk)
            ),
        )
    }
    carriers = _carriers(facts, sharing)
    carrying: dict[int, list[int]] = defaultdict(list)  # claim id -> the articles with an outlet carrying it
    for (claim_id, _outlet_id), carried in carriers.items():
        carrying[claim_id] += carried
    insert = cast(Any, L).__table__.insert()
    written = 0
    rows: list[dict[str, Any]] = []
    for article in (facts[a] for a in affected):
        for target in _edges(article, facts, carriers, carrying):
            if (article.id, target["to_article_id"], target["to_outlet_id"]) not in confirmed:
                rows.append({"from_article_id": article.id, "status": SUGGESTED, **target})
        if len(rows) >= LINKS_AT_ONCE:  # written as they come: a chunk can touch most articles
            session.connection().execute(insert, rows)
            written += len(rows)
            rows = []
    if rows:
        session.connection().execute(insert, rows)
    return written + len(rows)


def _carriers(
    facts: dict[int, ArticleFacts], sharing: dict[int, set[int]]
) -> dict[tuple[int, int], list[int]]:
    """(claim id, outlet id) -> the articles of that outlet that carry the claim, among ``facts``."""
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for claim_id, articles in sharing.items():
        for article_id in articles:
            fact = facts.get(article_id)
            if fact is not None and fact.outlet_id is not None:
                out[claim_id, fact.outlet_id].append(article_id)
    return out


MIN_COPIED_CLAIMS = 2  # claims an article must share, all of them, to be taken for a copy


def _copied_from(
    article: ArticleFacts, facts: dict[int, ArticleFacts], carrying: dict[int, list[int]]
) -> ArticleFacts | None:
    """The article of another outlet that carried every claim of ``article`` earlier (the
    earliest such, in any language), when the article has no via line and at least
    MIN_COPIED_CLAIMS claims: what it was most likely copied or translated from."""
    if (
        article.via_outlet_id is not None
        or len(article.claims) < MIN_COPIED_CLAIMS
        or article.published is None
    ):
        return None
    sharing: dict[int, int] = {}
    for claim_id in article.claims:
        for other in carrying.get(claim_id, ()):
            if facts[other].outlet_id != article.outlet_id:
                sharing[other] = sharing.get(other, 0) + 1
    found = [
        facts[other]
        for other, count in sharing.items()
        if count == len(article.claims) and other != article.id
    ]
    earlier = [f for f in found if f.published is not None and f.published < article.published]
    return min(earlier, key=lambda f: (f.published, f.id)) if earlier else None


def _edges(
    article: ArticleFacts,
    facts: dict[int, ArticleFacts],
    carriers: dict[tuple[int, int], list[int]],
    carrying: dict[int, list[int]],
) -> list[dict[str, Any]]:
    """Where an article's words came from: its via outlet, then the outlets it relays, each
    narrowed to that outlet's article when one carries the same claims and came no later."""

    def best_article(outlet_id: int) -> tuple[ArticleFacts | None, float]:
        found: dict[int, tuple[float, int, ArticleFacts]] = {}
        for claim_id in article.claims:
            for other_id in carriers.get((claim_id, outlet_id), ()):
                if other_id == article.id or other_id in found:
                    continue
                other = facts[other_id]
                if article.published and other.published and other.published > article.published:
                    continue
                shared = len(article.claims & other.claims) / max(1, len(article.claims))
                found[other_id] = (shared, -other.id, other)
        if not found:
            return None, 0.0
        score, _, other = max(found.values(), key=lambda f: (f[0], f[1]))
        return other, score

    edges: list[dict[str, Any]] = []
    if article.via_outlet_id is not None and article.via_outlet_id != article.outlet_id:
        other, score = best_article(article.via_outlet_id)
        translated = other is not None and bool(article.lang and other.lang and article.lang != other.lang)
        edges.append(
            {
                "kind": "translates" if translated else "republishes",
                "to_article_id": other.id if other else None,
                "to_outlet_id": article.via_outlet_id,
                "score": round(score, 3) if other else 1.0,
            }
        )
    copied = _copied_from(article, facts, carrying)
    if copied is not None and not any(e["to_article_id"] == copied.id for e in edges):
        translated = bool(article.lang and copied.lang and article.lang != copied.lang)
        edges.append(
            {
                "kind": "translates" if translated else "republishes",
                "to_article_id": copied.id,
                "to_outlet_id": copied.outlet_id,
                "score": 1.0,
            }
        )
    for outlet_id in sorted(article.sources - {article.outlet_id, article.via_outlet_id}):
        other, score = best_article(outlet_id)
        edges.append(
            {
                "kind": "relays",
                "to_article_id": other.id if other else None,
                "to_outlet_id": outlet_id,
                "score": round(score, 3) if other else 1.0,
            }
        )
    return edges
