"""The JSON API under ``/api/``: the rows and field names of the command line's ``--format
json``, its option names as query parameters. Each endpoint is described once, in
``ENDPOINTS``, from which the OpenAPI document is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from quotetrack.errors import NotFoundError, UsageError
from quotetrack.facts import history, trace, verdicts
from quotetrack.query import listings, lookup, statements
from quotetrack.serve import params as p
from quotetrack.serve.site import json_response, site_of


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str  # as Starlette routes it
    summary: str
    params: tuple[p.Param, ...]
    handler: Callable[[Request, dict[str, Any]], Any]
    returns: str  # the name of the response schema (openapi.SCHEMAS)
    many: bool = False  # a list of them
    path_params: tuple[tuple[str, str], ...] = ()  # (name, description)


def _quotes(request: Request, values: dict[str, Any]) -> Any:
    sort, limit, offset = values.pop("sort"), values.pop("limit"), values.pop("offset")
    with site_of(request).reading() as session:
        found = statements.search_statements(
            session, statements.Filters(**p.filled(values)), sort=sort, limit=limit, offset=offset
        )
    return [row.to_json() for row in found.rows]


def _who(request: Request, values: dict[str, Any]) -> Any:
    text, limit = values.pop("text"), values.pop("limit")
    with site_of(request).reading() as session:
        rows = statements.who(session, text, filters=statements.Filters(**p.filled(values)), limit=limit)
    return [row.to_json() for row in rows]


def _counted(request: Request, key: tuple[Any, ...], compute: Callable[[Any], Any]) -> Any:
    """``compute(session)``, kept between requests while the data is unchanged (Site.cached):
    the speakers' and outlets' counts go over every statement."""
    site = site_of(request)
    with site.reading() as session:
        return site.cached(session, key, lambda: compute(session))


def _speakers(request: Request, values: dict[str, Any]) -> Any:
    return _counted(
        request,
        ("api speakers", tuple(values.items())),
        lambda session: [row.to_json() for row in listings.list_speakers(session, **values)],
    )


def _speaker(request: Request, values: dict[str, Any]) -> Any:
    ref = request.path_params["ref"]

    def profile_of(session: Any) -> Any:
        if ref.isdigit():
            return listings.speaker_profile_by_id(session, int(ref), recent=values["recent"])
        return listings.speaker_profile(session, ref, recent=values["recent"])

    profile = _counted(request, ("api speaker", ref, values["recent"]), profile_of)
    if profile is None:
        raise NotFoundError(f"No speaker matches {ref!r}.")
    return profile.to_json()


def _outlets(request: Request, values: dict[str, Any]) -> Any:
    return _counted(
        request,
        ("api outlets", tuple(values.items())),
        lambda session: [row.to_json() for row in listings.list_outlets(session, **values)],
    )


def _articles(request: Request, values: dict[str, Any]) -> Any:
    with site_of(request).reading() as session:
        return [row.to_json() for row in listings.list_articles(session, **values)]


def _article(request: Request, values: dict[str, Any]) -> Any:
    ref = request.path_params["article_id"]
    with site_of(request).reading() as session:
        found = listings.article_text(session, ref)
    if found is None:
        raise NotFoundError(f"No article with id {ref}.")
    return found.to_json()


def _claims(request: Request, values: dict[str, Any]) -> Any:
    with site_of(request).reading() as session:
        return [row.to_json() for row in history.list_claims(session, **values)]


def _claim(request: Request, values: dict[str, Any]) -> Any:
    with site_of(request).reading() as session:
        return history.claim_history(session, request.path_params["claim_id"]).to_json()


def _trace(request: Request, values: dict[str, Any]) -> Any:
    target: str = request.path_params["target"]
    with site_of(request).reading() as session:
        if target.startswith("claim:"):
            number = target.removeprefix("claim:")
            if not number.isdigit():
                raise UsageError(f"a claim is given by its number, not {number!r}")
            root = trace.trace_claim(session, int(number))
        else:
            found = lookup.article_ids(session, int(target) if target.isdigit() else target)
            if not found:
                raise NotFoundError(f"no article {target!r} (give its id, or claim:ID)")
            root = trace.trace_article(session, found[0])
    if values["format"] == "dot":
        return PlainTextResponse(trace.trace_dot(root), media_type="text/vnd.graphviz")
    if values["format"] == "text":
        return PlainTextResponse(trace.trace_text(root))
    return root.to_json()


def _verdicts(request: Request, values: dict[str, Any]) -> Any:
    with site_of(request).reading() as session:
        return verdicts.list_verdicts(session, values["claim"])


PAGED = (p.limit(), p.OFFSET)
ENDPOINTS = (
    Endpoint(
        "/api/quotes",
        "Who said what: statements matching every filter (quotetrack quotes).",
        (*p.STATEMENT_FILTERS, p.SORT, *PAGED),
        _quotes,
        "Statement",
        many=True,
    ),
    Endpoint(
        "/api/who",
        "Who said something like this text: speakers ranked by their closest statement (quotetrack who).",
        (*p.WHO_FILTERS, p.limit(20)),
        _who,
        "Who",
        many=True,
    ),
    Endpoint(
        "/api/speakers",
        "Speakers with statement counts, roles, organisations and outlets (quotetrack speakers).",
        (p.NAME_SEARCH, p.SPEAKER_KIND, *PAGED),
        _speakers,
        "Speaker",
        many=True,
    ),
    Endpoint(
        "/api/speakers/{ref}",
        "One speaker's profile, by id or by name as quotetrack speaker NAME finds it.",
        (p.RECENT,),
        _speaker,
        "SpeakerProfile",
        path_params=(("ref", "The speaker's id, or a name or alias (forgiving)."),),
    ),
    Endpoint(
        "/api/outlets",
        "Outlets with their articles, statements, speakers and relays (quotetrack outlets).",
        (p.NAME_SEARCH, *PAGED),
        _outlets,
        "Outlet",
        many=True,
    ),
    Endpoint(
        "/api/articles",
        "Stored articles with outlet, date, via and statement count (quotetrack articles).",
        (*p.ARTICLE_FILTERS, *PAGED),
        _articles,
        "Article",
        many=True,
    ),
    Endpoint(
        "/api/articles/{article_id:int}",
        "An article with its text and statements (quotetrack show --format json).",
        (),
        _article,
        "ArticleText",
        path_params=(("article_id", "The article's id."),),
    ),
    Endpoint(
        "/api/claims",
        "Claims: what several articles say alike, newest first (quotetrack claims).",
        (*p.CLAIM_FILTERS, *PAGED),
        _claims,
        "ClaimSummary",
        many=True,
    ),
    Endpoint(
        "/api/claims/{claim_id:int}",
        "A claim's history: appearances, memberships, verdicts and trace (quotetrack claim ID).",
        (),
        _claim,
        "ClaimHistory",
        path_params=(("claim_id", "The claim's number."),),
    ),
    Endpoint(
        "/api/trace/{target}",
        "Where an article (ID) or a claim (claim:ID) came from, as a tree (quotetrack trace).",
        (p.TRACE_FORMAT,),
        _trace,
        "TraceNode",
        path_params=(("target", "An article id, or claim:ID."),),
    ),
    Endpoint(
        "/api/verdicts",
        "Fact-check verdicts, of one claim or of all, oldest first (quotetrack verdict list).",
        (p.VERDICT_CLAIM,),
        _verdicts,
        "Verdict",
        many=True,
    ),
)


def handler(endpoint: Endpoint) -> Callable[[Request], Response]:
    """The endpoint as a Starlette endpoint: parameters checked, the result as JSON."""

    def respond(request: Request) -> Response:
        values = p.parse(request.query_params, endpoint.params)
        result = endpoint.handler(request, values)
        return result if isinstance(result, Response) else json_response(result)

    respond.__name__ = endpoint.handler.__name__.lstrip("_")
    return respond
