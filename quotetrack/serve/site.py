"""What every page and API call shares: the database, the templates, the CSRF token of the
forms that write, and the responses for errors."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sys
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import jinja2
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.datastructures import MultiDict
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from quotetrack.errors import ConflictError, DatabaseError, NotFoundError, QuotetrackError, UsageError
from quotetrack.query import listings
from quotetrack.serve import params as p
from quotetrack.store.db import session_scope

CSRF_COOKIE = "quotetrack_csrf"
CSRF_FIELD = "csrf"
FLASH_COOKIE = "quotetrack_done"
CACHE_SIZE = 256  # results of counting reads kept (see Site.cached)
T = TypeVar("T")


def query_url(path: str, values: dict[str, Any] | None = None, **changes: Any) -> str:
    """``path`` with the query ``values`` updated by ``changes`` (None drops a key)."""
    merged = {**(values or {}), **changes}
    kept = [(key, str(value)) for key, value in merged.items() if value is not None and value != ""]
    return path + ("?" + urlencode(kept) if kept else "")


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


class Site:
    """The app's state: the engine, whether writes are allowed, the templates, the CSRF secret."""

    def __init__(self, engine: Engine, *, allow_writes: bool = False, secret: bytes | None = None) -> None:
        self.engine = engine
        self.allow_writes = allow_writes
        self.secret = secret or secrets.token_bytes(32)
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("quotetrack.serve", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.templates.globals.update(url=query_url, allow_writes=allow_writes, csrf_field=CSRF_FIELD)
        self.templates.filters.update(number=_number, score=_score)
        self._cache: OrderedDict[Hashable, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or what it gave for ``key`` before while the data it counts has not
        changed since (``listings.data_version``): speakers and outlets are counted over every
        statement, which takes seconds on millions of them."""
        version = listings.data_version(session)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._cache[key] = (version, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        with session_scope(self.engine, write=True) as session:
            yield session

    # --- CSRF ---------------------------------------------------------------------------------

    def _token(self, cookie: str) -> str:
        return hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()

    def check_form(self, request: Request, form: MultiDict) -> None:
        """A POST must carry the token of this browser's cookie and come from this site."""
        origin = request.headers.get("origin")
        host = request.headers.get("host", "")
        if origin is not None and origin.split("://", 1)[-1] != host:
            raise Forbidden("this form was sent from another site; nothing was changed")
        cookie = request.cookies.get(CSRF_COOKIE, "")
        token = form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token", "")
        if not cookie or not hmac.compare_digest(self._token(cookie), str(token)):
            raise Forbidden("the form has expired (or came from elsewhere); reload the page and try again")

    # --- rendering ----------------------------------------------------------------------------

    def render(self, name: str, context: dict[str, Any]) -> str:
        return self.templates.get_template(name).render(context)

    def page(self, request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> Response:
        """A template as the response; with writes allowed, the forms get this browser's token."""
        cookie = request.cookies.get(CSRF_COOKIE) if self.allow_writes else None
        fresh = self.allow_writes and not cookie
        if fresh:
            cookie = secrets.token_urlsafe(32)
        done = request.cookies.get(FLASH_COOKIE)
        html = self.render(
            name,
            {
                "request_path": request.url.path,
                "csrf": self._token(cookie) if cookie else "",
                "done": done,
                "nav": None,
                **context,
            },
        )
        response = HTMLResponse(html, status_code=status, headers={"Vary": "HX-Request"})
        if fresh and cookie:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict")
        if done:
            response.delete_cookie(FLASH_COOKIE)
        return response


class Forbidden(QuotetrackError):
    """A write that is not allowed: writes are off, or the form's token is wrong."""


def site_of(request: Request) -> Site:
    return request.app.state.site


def canonical_redirect(request: Request, spec: Sequence[p.Param]) -> Response | None:
    """A form sent without JavaScript names every field, blank or not: the browser is sent to
    the same query without the blank ones, an address worth sharing."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    if request.headers.get("HX-Request") or not any(not value.strip() for _key, value in pairs):
        return None
    p.parse(request.query_params, spec)  # a bad value is reported, not sent on
    kept = [(key, value.strip()) for key, value in pairs if value.strip()]
    return RedirectResponse(request.url.path + ("?" + urlencode(kept) if kept else ""), status_code=303)


# --- errors ---------------------------------------------------------------------------------------

STATUS = (
    (UsageError, 400),
    (Forbidden, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (DatabaseError, 503),
)


def wants_json(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    site = site_of(request)
    context = {"title": f"Error {status}", "status": status, "message": message}
    if request.headers.get("HX-Request"):
        return site.page(request, "_error.html", context, status=status)
    return site.page(request, "error.html", context, status=status)


async def quotetrack_error(request: Request, exc: Exception) -> Response:
    status = next((code for kind, code in STATUS if isinstance(exc, kind)), 500)
    return error_response(request, status, str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: f"Nothing at {request.url.path}.", 405: f"{request.method} is not allowed here."}
    return error_response(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))


async def server_error(request: Request, exc: Exception) -> Response:
    traceback.print_exception(exc, file=sys.stderr)
    return error_response(
        request, 500, "Something went wrong inside quotetrack; the server's log has the details."
    )


def json_response(data: Any) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json"
    )
