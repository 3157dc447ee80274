"""Review, with ``--allow-writes``: duplicate speakers and outlets to merge or keep apart,
merges to undo, claim memberships to confirm or remove, verdicts to add or remove.

Every change is a POST that carries the form's CSRF token, and goes through the functions the
command line's ``dedupe``, ``unmerge``, ``claim link``/``unlink`` and ``verdict`` use, in one
write transaction. Without JavaScript a form's answer is the page it came from with a line
saying what was done; with htmx the changed part of the page is replaced.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MultiDict
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from quotetrack.facts import claims, history, provenance, resolution, verdicts
from quotetrack.serve import params as p
from quotetrack.serve.site import CSRF_FIELD, FLASH_COOKIE, Forbidden, Site, site_of

REVIEW_LIMIT = 50


def review(request: Request) -> Response:
    """What waits for a person's decision."""
    site = site_of(request)
    p.parse(request.query_params, ())
    if not site.allow_writes:
        raise Forbidden("review needs writes: start the server with quotetrack serve --allow-writes")
    with site.reading() as session:
        suggestions = {
            kind: resolution.suggestions(session, kind)[:REVIEW_LIMIT]
            for kind in (resolution.ENTITY, resolution.OUTLET)
        }
        merges = resolution.merges(session)[-REVIEW_LIMIT:][::-1]
        memberships = history.suggested_memberships(session, limit=REVIEW_LIMIT)
    return site.page(
        request,
        "review.html",
        {
            "title": "Review",
            "suggestions": suggestions,
            "merges": merges,
            "memberships": memberships,
            "nav": "review",
        },
    )


async def _form(request: Request) -> MultiDict:
    site = site_of(request)
    if not site.allow_writes:
        raise Forbidden(
            "this server is read-only; start it with quotetrack serve --allow-writes to change data"
        )
    body = (await request.body()).decode("utf-8", errors="replace")
    form = MultiDict(parse_qsl(body, keep_blank_values=True))
    site.check_form(request, form)
    return form


def _back(request: Request, fallback: str) -> str:
    """Where the form was sent from, if it was this site, else ``fallback``."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc != request.headers.get("host"):
        return fallback
    path = referer.path or fallback
    return path + (f"?{referer.query}" if referer.query else "")


def _answer(request: Request, site: Site, message: str, fallback: str, **context: Any) -> Response:
    """htmx: the outcome, in place of the form's part of the page; else back to the page."""
    if request.headers.get("HX-Request"):
        return site.page(request, "_done.html", {"message": message, "undo": None, **context})
    response = RedirectResponse(_back(request, fallback), status_code=303)
    response.set_cookie(FLASH_COOKIE, message, max_age=60, httponly=True, samesite="strict")
    return response


async def decide(request: Request) -> Response:
    """Accept (merge) or reject a duplicate suggestion."""
    await _form(request)
    site = site_of(request)
    suggestion_id, accept = request.path_params["suggestion_id"], request.path_params["decision"] == "accept"

    def work() -> tuple[str, int | None]:
        with site.writing() as session:
            row = resolution.decide(session, suggestion_id, accept=accept)
        if row is None:
            return f"Suggestion {suggestion_id} rejected: they stay apart.", None
        label = "outlet" if row.kind == resolution.OUTLET else "speaker"
        return f"Merged {label} {row.merged} into {row.kept} (merge {row.id}).", row.id

    message, merge_id = await run_in_threadpool(work)
    return _answer(request, site, message, "/review", undo=merge_id)


async def undo_merge(request: Request) -> Response:
    await _form(request)
    site = site_of(request)
    merge_id = request.path_params["merge_id"]

    def work() -> str:
        with site.writing() as session:
            row = resolution.unmerge(session, merge_id)
        return f"Merge {row.id} undone: {row.merged} and {row.kept} are apart again."

    return _answer(request, site, await run_in_threadpool(work), "/review")


async def refresh(request: Request) -> Response:
    """Compare all speaker (or outlet) names again for new suggestions, as ``dedupe`` does."""
    form = await _form(request)
    site = site_of(request)
    kind = resolution.OUTLET if form.get("kind") == resolution.OUTLET else resolution.ENTITY

    def work() -> str:
        with site.writing() as session:
            found = resolution.resolve(session, kind, link=False)
        return f"Compared {found.compared} names; {found.suggested} new suggestions."

    return _answer(request, site, await run_in_threadpool(work), "/review")


async def membership(request: Request) -> Response:
    """Confirm a statement's place in a claim, or take it out (grouping will not suggest it
    there again); the provenance of the claim's articles is linked again, as the command line
    does."""
    await _form(request)
    site = site_of(request)
    claim_id, statement_id = request.path_params["claim_id"], request.path_params["statement_id"]
    confirm = request.path_params["decision"] == "confirm"

    def work() -> str:
        with site.writing() as session:
            if confirm:
                claims.link(session, claim_id, statement_id)
                provenance.update_links(session, history.article_ids_of_claim(session, claim_id))
                return f"Statement {statement_id} is part of claim {claim_id} (confirmed)."
            articles = history.article_ids_of_claim(session, claim_id)
            claims.unlink(session, claim_id, statement_id)
            provenance.update_links(session, articles)
            return f"Statement {statement_id} is no longer part of claim {claim_id}."

    return _answer(request, site, await run_in_threadpool(work), f"/claims/{claim_id}")


async def add_verdict(request: Request) -> Response:
    form = await _form(request)
    site = site_of(request)
    claim_id = request.path_params["claim_id"]
    fields = MultiDict([(k, v) for k, v in form.multi_items() if k != CSRF_FIELD])
    values = p.parse(fields, p.VERDICT_FIELDS)
    if values["rating"] is None:
        raise p.invalid("rating", "give the rating, as the fact-checker words it.")

    def work() -> str:
        with site.writing() as session:
            row = verdicts.add_verdict(
                session,
                claim_id,
                rating=values["rating"],
                reviewer=values["by"],
                url=values["url"],
                date=values["date"],
                note=values["note"],
            )
        return f"Verdict {row.id} on claim {claim_id}: {row.rating}."

    return _answer(request, site, await run_in_threadpool(work), f"/claims/{claim_id}")


async def remove_verdict(request: Request) -> Response:
    await _form(request)
    site = site_of(request)
    verdict_id = request.path_params["verdict_id"]

    def work() -> str:
        with site.writing() as session:
            verdicts.remove_verdict(session, verdict_id)
        return f"Removed verdict {verdict_id}."

    return _answer(request, site, await run_in_threadpool(work), "/claims")
