"""``quotetrack serve``: a local web view over the store, with the read functions of ``query``
and ``facts`` behind every page.

Server-rendered HTML (Starlette, Jinja2 templates in ``templates/``), htmx where a page
updates in place, and every asset served from ``static/``: the pages fetch nothing from
anywhere else. ``pages`` holds the HTML pages, ``api`` the JSON API and ``openapi`` its
description, ``review`` the writes (only with ``--allow-writes``), ``drawing`` the SVG graphs,
charts and marked text, ``params`` the query parameters, ``site`` what they share and ``app``
the routes and the server. Starlette, Jinja2 and uvicorn are imported only here, so that the
other commands start as quickly as before.
"""

from __future__ import annotations

from quotetrack.serve.app import create_app, run

__all__ = ["create_app", "run"]
