"""schema.org ClaimReview JSON-LD for the fact-checked claims among the statements.

One ClaimReview per verdict, for every claim that a filtered statement belongs to and
that has a verdict. The reviewed Claim carries its author (the speaker of its first
appearance), every appearance (each article where one of its statements stands, not
only the filtered ones) and its first appearance.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from quotetrack.store.rows import AppearanceRow, Citations, ClaimRow, VerdictRow

CONTEXT = "https://schema.org"
# Speaker kinds as schema.org types; a speaker of unknown kind is left out.
AUTHOR_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "NewsMediaOrganization",
    "country": "Country",
    "document": "CreativeWork",
}


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _appearance(row: AppearanceRow) -> dict[str, Any]:
    publisher = {"@type": "NewsMediaOrganization", "name": row.outlet} if row.outlet else None
    return _drop_empty(
        {
            "@type": "NewsArticle",
            "url": row.article_url,
            "headline": row.article_title,
            "datePublished": _date(row.published),
            "publisher": publisher,
        }
    )


def _author(row: AppearanceRow) -> dict[str, Any] | None:
    kind = AUTHOR_TYPES.get(row.speaker_kind)
    if not row.speaker or kind is None:
        return None
    return _drop_empty(
        {"@type": kind, "name": row.speaker, "jobTitle": row.role if kind == "Person" else None}
    )


def _articles(claim: ClaimRow) -> list[AppearanceRow]:
    """The claim's appearances, one per article, in the order published."""
    seen: dict[int, AppearanceRow] = {}
    for row in claim.appearances:
        seen.setdefault(row.article_id, row)
    return list(seen.values())


def _made_on(claim: ClaimRow, first: AppearanceRow | None) -> dt.date | None:
    """When the claim was first made: the earliest day a statement of it was said, else
    when it first appeared, else when it was first seen."""
    said = [row.said_on for row in claim.appearances if row.said_on]
    if said:
        return min(said)
    return (first.published if first else None) or claim.first_seen


def claim_review(claim: ClaimRow, verdict: VerdictRow) -> dict[str, Any]:
    appearances = _articles(claim)
    first = appearances[0] if appearances else None
    item = _drop_empty(
        {
            "@type": "Claim",
            "author": _author(first) if first else None,
            "datePublished": _date(_made_on(claim, first)),
            "firstAppearance": _appearance(first) if first else None,
            "appearance": [_appearance(row) for row in appearances],
        }
    )
    reviewer = {"@type": "Organization", "name": verdict.reviewer} if verdict.reviewer else None
    return _drop_empty(
        {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": verdict.url,
            "datePublished": _date(verdict.date),
            "author": reviewer,
            "claimReviewed": claim.text,
            "reviewRating": {"@type": "Rating", "alternateName": verdict.rating},
            "reviewBody": verdict.note,
            "itemReviewed": item,
        }
    )


def claim_reviews(citations: Citations) -> list[dict[str, Any]]:
    return [
        claim_review(claim, verdict)
        for claim in sorted(citations.claims.values(), key=lambda c: c.id)
        for verdict in claim.verdicts
    ]


def claimreview_json(citations: Citations) -> str:
    return json.dumps(claim_reviews(citations), ensure_ascii=False, indent=2) + "\n"
