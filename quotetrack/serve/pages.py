"""The HTML pages: search, speakers, a speaker, an article, claims, a claim, outlets.

Each handler reads its parameters (``params``), asks the read functions of ``query`` and
``facts`` in one read-only session, and renders a template. Handlers are plain functions:
Starlette runs them in its thread pool, so that several readers are served at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from quotetrack.errors import NotFoundError
from quotetrack.facts import history, trace
from quotetrack.query import listings, statements
from quotetrack.serve import drawing
from quotetrack.serve import params as p
from quotetrack.serve.site import Site, canonical_redirect, site_of
from quotetrack.store import fulltext, models
from quotetrack.store.rows import StatementRow

PAGE_SIZE = 50
LIST_SIZE = 100
SEARCH_PARAMS = (*p.STATEMENT_FILTERS, p.SORT, p.PAGE)


@dataclasses.dataclass(frozen=True, slots=True)
class Hit:
    """A statement as the search page lists it."""

    row: StatementRow
    speaker_id: int | None
    claim_id: int | None
    snippet: Any


def _hits(site: Site, rows: list[StatementRow], search: str | None, session: Any) -> list[Hit]:
    terms = fulltext.parse(search).terms if search else ()
    refs = statements.speakers_and_claims(session, [row.id for row in rows])
    return [
        Hit(row, *refs.get(row.id, (None, None)), drawing.snippet(row.text, fulltext.spans(row.text, terms)))
        for row in rows
    ]


def search(request: Request) -> Response:
    """The front page: statements found by full text and the filters of ``quotes``."""
    site = site_of(request)
    redirect = canonical_redirect(request, SEARCH_PARAMS)
    if redirect is not None:
        return redirect
    values = p.parse(request.query_params, SEARCH_PARAMS)
    page, sort = values.pop("page"), values.pop("sort")
    filters = statements.Filters(**p.filled(values))
    asked = bool(p.filled(values))
    sort = sort or "-date"  # newest first, with a search too: the latest news first
    with site.reading() as session:
        found = statements.search_statements(
            session, filters, sort=sort, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE
        )
        hits = _hits(site, found.rows[:PAGE_SIZE], filters.search, session)
    notes = [statements.unmatched_note(name, value) for name, value in found.unmatched]
    if isinstance(found, statements.Ranked) and found.note:
        notes.append(found.note)  # by relevance among the most recently stored matches only
    if filters.since and filters.until and filters.since > filters.until:
        notes.append(f"since {filters.since} is after until {filters.until}; nothing can match.")
    context = {
        "title": "Search" if not asked else f"Search: {filters.search or 'filtered'}",
        "values": p.given(request.query_params, SEARCH_PARAMS),
        "hits": hits,
        "asked": asked,
        "page": page,
        "more": len(found.rows) > PAGE_SIZE,
        "first": (page - 1) * PAGE_SIZE + 1,
        "notes": notes,
        "types": models.STATEMENT_TYPES,
        "sorts": statements.SORTS,
        "nav": "search",
    }
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return site.page(request, "_results.html", context)
    return site.page(request, "search.html", context)


def _listing(
    request: Request,
    spec: tuple[p.Param, ...],
    template: str,
    fetch: Callable[[Any, dict[str, Any], int, int], list[Any]],
    **context: Any,
) -> Response:
    """A list page: ``fetch(session, values, limit, offset)`` gives its rows, LIST_SIZE a page."""
    site = site_of(request)
    redirect = canonical_redirect(request, (*spec, p.PAGE))
    if redirect is not None:
        return redirect
    values = p.parse(request.query_params, (*spec, p.PAGE))
    page = values.pop("page")
    with site.reading() as session:
        rows = fetch(session, values, LIST_SIZE + 1, (page - 1) * LIST_SIZE)
    return site.page(
        request,
        template,
        {
            "rows": rows[:LIST_SIZE],
            "more": len(rows) > LIST_SIZE,
            "page": page,
            "first": (page - 1) * LIST_SIZE + 1,
            "values": p.given(request.query_params, spec),
            **context,
        },
    )


def speakers(request: Request) -> Response:
    return _listing(
        request,
        (p.NAME_SEARCH, p.SPEAKER_KIND),
        "speakers.html",
        lambda session, values, limit, offset: site_of(request).cached(
            session,
            ("speakers", tuple(values.items()), limit, offset),
            lambda: listings.list_speakers(session, **values, limit=limit, offset=offset),
        ),
        title="Speakers",
        kinds=models.ENTITY_KINDS,
        nav="speakers",
    )


def speaker(request: Request) -> Response:
    """A speaker: names, roles and organisations over time, statements per month by outlet, the
    outlets quoting them, their claims and latest statements. ``/speakers/NAME`` finds the
    speaker as ``quotetrack speaker NAME`` does and sends the browser to their page."""
    site = site_of(request)
    p.parse(request.query_params, ())
    ref = request.path_params["ref"]
    with site.reading() as session:
        if not ref.isdigit():
            found = listings.speaker_profile(session, ref, recent=0)
            if found is None:
                raise NotFoundError(f"No speaker matches {ref!r}.")
            return RedirectResponse(f"/speakers/{found.id}", status_code=303)
        entity = session.get(models.Entity, int(ref))
        if entity is None:
            raise NotFoundError(f"No speaker with id {ref}.")
        if entity.merged_into_id is not None:
            return RedirectResponse(f"/speakers/{entity.merged_into_id}", status_code=303)
        profile, roles, days = site.cached(
            session,
            ("speaker", entity.id),
            lambda: (
                listings.speaker_profile_by_id(session, int(ref), recent=20),
                listings.speaker_roles(session, int(ref)),
                listings.speaker_days(session, int(ref)),
            ),
        )
        assert profile is not None
        claims = site.cached(
            session,
            ("speaker claims", profile.id),
            lambda: history.list_claims(session, speaker_id=profile.id, min_articles=1, limit=50),
        )
        hits = _hits(site, list(profile.recent), None, session)
    chart = drawing.timeline(days)
    caption = f"Statements by {profile.name} per {'year' if chart.by_year else 'month'}, by outlet"
    return site.page(
        request,
        "speaker.html",
        {
            "title": profile.name,
            "profile": profile,
            "roles": roles,
            "chart": chart,
            "chart_svg": drawing.timeline_svg(chart, caption=caption),
            "chart_caption": caption,
            "claims": claims,
            "hits": hits,
            "nav": "speakers",
        },
    )


def article(request: Request) -> Response:
    """An article's text with its statements marked, its metadata and its provenance."""
    site = site_of(request)
    p.parse(request.query_params, ())
    article_id = request.path_params["article_id"]
    with site.reading() as session:
        found = listings.article_text(session, article_id)
        if found is None:
            raise NotFoundError(f"No article with id {article_id}.")
        refs = statements.speakers_and_claims(session, [row.id for row in found.statements])
        root = trace.trace_article(session, article_id)
    shown = [
        (
            row.id,
            row.start,
            row.end,
            row.type,
            " · ".join(
                part
                for part in (
                    row.type,
                    row.speaker or row.speaker_mention or "no speaker",
                    row.role,
                    f"cue: {row.cue}" if row.cue else None,
                    f"through {row.source}" if row.source else None,
                )
                if part
            ),
        )
        for row in found.statements
    ]
    numbers = drawing.statement_numbers([(sid, start, end) for sid, start, end, _t, _h in shown])
    listed = sorted(found.statements, key=lambda row: numbers.get(row.id, 10**9))
    return site.page(
        request,
        "article.html",
        {
            "title": found.article.title or f"Article {article_id}",
            "article": found.article,
            "text": drawing.marked_text(found.text, shown),
            "statements": [(numbers.get(row.id), row, *refs.get(row.id, (None, None))) for row in listed],
            "trace": root,
            "trace_svg": drawing.provenance_svg(root, caption=f"Where article {article_id} came from")
            if root.children
            else None,
            "nav": None,
        },
    )


def claims(request: Request) -> Response:
    given = p.parse(request.query_params, (*p.CLAIM_FILTERS, p.PAGE))
    return _listing(
        request,
        p.CLAIM_FILTERS,
        "claims.html",
        lambda session, values, limit, offset: history.list_claims(
            session, **values, limit=limit, offset=offset
        ),
        title="Claims",
        min_articles=given["min_articles"],
        nav="claims",
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Appearance:
    """One appearance of a claim as the claim page shows it."""

    row: Any  # AppearanceRow
    lang: str | None
    source: str | None
    status: str | None
    score: float | None
    wording: Any  # markup: the words changed against the earliest appearance
    changed: int | None  # words changed; None for the earliest (of its language)
    compared_with: int | None  # the statement compared with, when not the earliest of all


def _appearances(found: history.ClaimHistory, languages: dict[int, str | None]) -> list[Appearance]:
    """Each appearance with its wording compared word by word with the earliest appearance, or,
    for one in another language, with the earliest in its own language."""
    rows = list(found.claim.appearances)
    earliest_in: dict[str | None, Any] = {}
    for row in rows:
        earliest_in.setdefault(languages.get(row.article_id), row)
    out = []
    first = rows[0] if rows else None
    for row in rows:
        lang = languages.get(row.article_id)
        base = first if first is not None and languages.get(first.article_id) == lang else earliest_in[lang]
        status, score = found.memberships.get(row.statement_id, (None, None))
        if base is row:
            wording, changed, compared = drawing.snippet(row.text, []), None, None
        else:
            wording, changed = drawing.word_diff(base.text, row.text)
            compared = base.statement_id
        out.append(
            Appearance(
                row, lang, found.sources.get(row.statement_id), status, score, wording, changed, compared
            )
        )
    return out


def claim(request: Request) -> Response:
    """A claim: every appearance in date order with who each outlet attributed it to and how its
    wording changed, the verdicts, and the provenance tree as a graph."""
    site = site_of(request)
    p.parse(request.query_params, ())
    claim_id = request.path_params["claim_id"]
    with site.reading() as session:
        found = history.claim_history(session, claim_id)
        articles = listings.articles_by_id(session, sorted({a.article_id for a in found.claim.appearances}))
    languages = {article_id: row.lang for article_id, row in articles.items()}
    root = found.trace
    return site.page(
        request,
        "claim.html",
        {
            "title": f"Claim {claim_id}",
            "found": found,
            "claim": found.claim,
            "appearances": _appearances(found, languages),
            "languages": sorted({lang for lang in languages.values() if lang}),
            "trace": root,
            "trace_svg": drawing.provenance_svg(root, caption=f"Where claim {claim_id} came from")
            if root is not None and root.children
            else None,
            "verdict_fields": p.VERDICT_FIELDS,
            "nav": "claims",
        },
    )


def outlets(request: Request) -> Response:
    return _listing(
        request,
        (p.NAME_SEARCH,),
        "outlets.html",
        lambda session, values, limit, offset: site_of(request).cached(
            session,
            ("outlets", tuple(values.items()), limit, offset),
            lambda: listings.list_outlets(session, **values, limit=limit, offset=offset),
        ),
        title="Outlets",
        nav="outlets",
    )
