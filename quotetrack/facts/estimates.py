"""Days for articles that give none, estimated from what is known and marked as estimates.

Real crawls often carry no publication day. Grouping places such an article by an estimate
(``articles.published_estimated``, with ``estimated_from`` saying where it came from), while
``published`` stays what the input said:

* ``url``: a date in the article's address (``/2022/02/26/``, ``/2013-07/29/``, ``/20190318``);
* ``fetched``: the day the input says the page was fetched (a ``fetched``, ``crawled`` or
  ``retrieved`` field of its metadata); a page is published no later than it is fetched;
* ``related``: the earliest day of the dated articles it shares a claim with or takes its words
  from (a copy appears no earlier than what it copies, and mostly within days).

Only flushes: the caller commits or rolls back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.facts.records import result_rows
from quotetrack.store import models
from quotetrack.store.sql import chunks

# A year from 1990 on, then a month and a day, between separators of an address.
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<s>[/_.-]?)(?P<m>0[1-9]|1[0-2])(?:(?P=s)|/)(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])"
)
FETCHED_FIELDS = (
    "fetched",
    "fetched_at",
    "crawled",
    "crawled_at",
    "retrieved",
    "retrieved_at",
    "date_fetched",
)
EARLIEST = dt.date(1990, 1, 1)


def url_date(url: str | None) -> dt.date | None:
    """The date an address holds, if one that exists and is not in the future."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for match in _URL_DATE.finditer(path):
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        if EARLIEST <= day <= dt.date.today():
            return day
    return None


def fetched_date(meta: str | None) -> dt.date | None:
    """The day the article's metadata says it was fetched."""
    if not meta:
        return None
    try:
        data: Any = json.loads(meta)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    for field in FETCHED_FIELDS:
        value = data.get(field)
        if isinstance(value, str) and len(value) >= 10:
            try:
                day = dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
            if EARLIEST <= day <= dt.date.today():
                return day
    return None


def estimate_from_metadata(session: Session, article_ids: Sequence[int]) -> int:
    """Estimates the day of the undated articles among ``article_ids`` that have no estimate yet
    from their address or fetch date; how many got one."""
    A = models.Article
    rows: list[dict[str, Any]] = []
    for chunk in chunks(sorted(set(article_ids))):
        query = sa.select(col(A.id), col(A.url), col(A.meta)).where(
            col(A.id).in_(chunk), col(A.published).is_(None), col(A.published_estimated).is_(None)
        )
        for article_id, url, meta in result_rows(session, query):
            day, source = url_date(url), "url"
            if day is None:
                day, source = fetched_date(meta), "fetched"
            if day is not None:
                rows.append({"aid": int(article_id), "day": day, "source": source})
    _store(session, rows)
    return len(rows)


def estimate_from_related(session: Session, article_ids: Sequence[int]) -> int:
    """Estimates the day of the undated articles among ``article_ids`` from the dated articles
    they share a claim with or were linked to (the earliest of them); an estimate from the
    address stays. How many got one."""
    A, S, L = models.Article, models.Statement, models.Link
    Other, OtherStatement = sa.orm.aliased(A), sa.orm.aliased(S)
    rows: list[dict[str, Any]] = []
    for chunk in chunks(sorted(set(article_ids))):
        undated = sa.and_(
            col(A.id).in_(chunk),
            col(A.published).is_(None),
            sa.or_(col(A.estimated_from).is_(None), col(A.estimated_from) == "related"),
        )
        shared = (
            sa.select(col(A.id), sa.func.min(col(Other.published)))
            .join_from(A, S, col(S.article_id) == col(A.id))
            .join(OtherStatement, col(OtherStatement.claim_id) == col(S.claim_id))
            .join(Other, col(Other.id) == col(OtherStatement.article_id))
            .where(
                undated,
                col(S.claim_id).is_not(None),
                col(Other.id) != col(A.id),
                col(Other.published).is_not(None),
            )
            .group_by(col(A.id))
        )
        linked = (
            sa.select(col(A.id), sa.func.min(col(Other.published)))
            .join_from(A, L, col(L.from_article_id) == col(A.id))
            .join(Other, col(Other.id) == col(L.to_article_id))
            .where(undated, col(Other.published).is_not(None))
            .group_by(col(A.id))
        )
        earliest: dict[int, dt.date] = {}
        for query in (shared, linked):
            for article_id, day in result_rows(session, query):
                if day is not None:
                    earliest[int(article_id)] = min(day, earliest.get(int(article_id), day))
        rows += [{"aid": aid, "day": day, "source": "related"} for aid, day in earliest.items()]
    _store(session, rows)
    return len(rows)


def _store(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    A = models.Article
    query = (
        sa.update(A)
        .where(col(A.id) == sa.bindparam("aid"))
        .values(published_estimated=sa.bindparam("day"), estimated_from=sa.bindparam("source"))
    )
    session.connection().execute(query, rows)
