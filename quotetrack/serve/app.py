"""The web app: its routes, its safety headers, and the server that runs it."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotetrack.errors import QuotetrackError
from quotetrack.serve import api, openapi, pages, review
from quotetrack.serve import params as p
from quotetrack.serve.site import Site, http_error, json_response, quotetrack_error, server_error, site_of

# Nothing but quotetrack's own files: no inline script or style, no other site, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1", "[::1]"]


class SafetyHeaders:
    """Adds HEADERS to every response (a plain ASGI middleware: no cost per request to speak of)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if scope["path"].startswith("/static/"):
                    headers.setdefault("Cache-Control", "public, max-age=3600")
                else:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _openapi(request: Request) -> Response:
    p.parse(request.query_params, ())
    return json_response(openapi.document())


def _api_index(request: Request) -> Response:
    p.parse(request.query_params, ())
    return site_of(request).page(
        request, "api.html", {"title": "JSON API", "document": openapi.document(), "nav": "api"}
    )


def routes(allow_writes: bool) -> list[BaseRoute]:
    found: list[BaseRoute] = [
        Route("/", pages.search),
        Route("/quotes", pages.search),
        Route("/speakers", pages.speakers),
        Route("/speakers/{ref}", pages.speaker),
        Route("/articles/{article_id:int}", pages.article),
        Route("/claims", pages.claims),
        Route("/claims/{claim_id:int}", pages.claim),
        Route("/outlets", pages.outlets),
        Route("/review", review.review),
        Route("/api", _api_index),
        Route("/api/openapi.json", _openapi),
        *(Route(endpoint.path, api.handler(endpoint)) for endpoint in api.ENDPOINTS),
        Mount("/static", StaticFiles(packages=[("quotetrack.serve", "static")]), name="static"),
    ]
    if allow_writes:
        found += [
            Route("/review/suggestions/{suggestion_id:int}/{decision:str}", review.decide, methods=["POST"]),
            Route("/review/merges/{merge_id:int}/undo", review.undo_merge, methods=["POST"]),
            Route("/review/refresh", review.refresh, methods=["POST"]),
            Route(
                "/claims/{claim_id:int}/statements/{statement_id:int}/{decision:str}",
                review.membership,
                methods=["POST"],
            ),
            Route("/claims/{claim_id:int}/verdicts", review.add_verdict, methods=["POST"]),
            Route("/verdicts/{verdict_id:int}/remove", review.remove_verdict, methods=["POST"]),
        ]
    return found


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(
    engine: Engine, *, allow_writes: bool = False, host: str = "127.0.0.1", secret: bytes | None = None
) -> Starlette:
    """The web app over ``engine``: read-only unless ``allow_writes``. Served on a loopback
    address it answers only requests addressed to a loopback name (no DNS rebinding)."""
    allowed = [*LOOPBACK_NAMES, "testserver"] if is_loopback(host) else ["*"]
    handlers: dict[Any, Callable[..., Any]] = {
        QuotetrackError: quotetrack_error,
        HTTPException: http_error,
        Exception: server_error,
    }
    app = Starlette(
        routes=routes(allow_writes),
        middleware=[Middleware(SafetyHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=allowed)],
        exception_handlers=handlers,
    )
    app.state.site = Site(engine, allow_writes=allow_writes, secret=secret)
    return app


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host`` and ``port`` (0: any free port); QuotetrackError when it
    cannot be had."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise QuotetrackError(f"cannot listen on {host!r}: {exc.strerror}") from None
    family, kind, proto, _name, address = info[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        hint = "; choose another --port" if exc.errno in (98, 48) else ""
        raise QuotetrackError(f"cannot listen on {host}:{port}: {exc.strerror}{hint}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(
    engine: Engine,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    allow_writes: bool = False,
    echo: Callable[[str], None] = print,
    note: Callable[[str], None] = print,
) -> None:
    """Serves the app until Ctrl-C (or SIGTERM): ``echo`` prints its address, ``note`` the rest."""
    import uvicorn

    app = create_app(engine, allow_writes=allow_writes, host=host)
    sock = listen(host, port)
    mode = "reads and writes (--allow-writes)" if allow_writes else "read-only"
    echo(url_of(sock))
    note(f"quotetrack serve: {mode}; Ctrl-C stops it.")
    if not is_loopback(host):
        note(f"Listening on {host}: anyone who can reach this machine can read the database.")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    note("Stopped.")
