"""The OpenAPI 3.1 description of the JSON API, made from the endpoints' parameters and the
row types' fields, so that it says what the code does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from quotetrack import __version__
from quotetrack.facts.history import ClaimSummary
from quotetrack.query.listings import OutletRow
from quotetrack.query.statements import WhoRow
from quotetrack.serve import params as p
from quotetrack.serve.api import ENDPOINTS
from quotetrack.store.rows import AppearanceRow, ArticleRow, SpeakerRow, StatementRow, VerdictRow


def _type(annotation: Any) -> dict[str, Any]:
    """The JSON schema of a row field's Python type."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = _type(members[0])
        if len(members) < len(typing.get_args(annotation)):
            inner = {**inner, "type": [inner["type"], "null"]}
        return inner
    origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        return {"type": "array", "items": _type(typing.get_args(annotation)[0])}
    if annotation is dt.datetime:
        return {"type": "string", "format": "date-time"}
    if annotation is dt.date:
        return {"type": "string", "format": "date"}
    names = {int: "integer", float: "number", str: "string", bool: "boolean"}
    if annotation in names:
        return {"type": names[annotation]}
    return {"type": "object"}


def row_schema(row_type: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(row_type)
    fields = [field.name for field in dataclasses.fields(row_type)]
    return {
        "type": "object",
        "properties": {name: _type(hints[name]) for name in fields},
        "required": fields,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _with(base: dict[str, Any], **extra: dict[str, Any]) -> dict[str, Any]:
    return {**base, "properties": {**base["properties"], **extra}, "required": [*base["required"], *extra]}


def _schemas() -> dict[str, Any]:
    strings = {"type": "array", "items": {"type": "string"}}
    appearance = _with(
        row_schema(AppearanceRow),
        source={"type": ["string", "null"]},
        link_status={"type": ["string", "null"], "enum": ["suggested", "confirmed", None]},
        link_score={"type": ["number", "null"]},
    )
    return {
        "Statement": row_schema(StatementRow),
        "Who": row_schema(WhoRow),
        "Speaker": row_schema(SpeakerRow),
        "Outlet": row_schema(OutletRow),
        "Article": row_schema(ArticleRow),
        "ClaimSummary": row_schema(ClaimSummary),
        "Verdict": _with(row_schema(VerdictRow), claim_id={"type": "integer"}),
        "SpeakerProfile": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "kind": {"type": "string"},
                "aliases": strings,
                "statements": {"type": "integer"},
                "types": {"type": "object", "additionalProperties": {"type": "integer"}},
                "roles": strings,
                "organizations": strings,
                "outlets": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"outlet": {"type": "string"}, "statements": {"type": "integer"}},
                    },
                },
                "first_said_on": {"type": ["string", "null"], "format": "date"},
                "last_said_on": {"type": ["string", "null"], "format": "date"},
                "recent": {"type": "array", "items": _ref("Statement")},
                "also_matched": strings,
            },
        },
        "ArticleText": _with(
            row_schema(ArticleRow),
            text={"type": "string"},
            statements={"type": "array", "items": _ref("Statement")},
        ),
        "Appearance": appearance,
        "ClaimHistory": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "text": {"type": "string"},
                "first_seen": {"type": ["string", "null"], "format": "date"},
                "status": {"type": "string"},
                "verdicts": {"type": "array", "items": row_schema(VerdictRow)},
                "appearances": {"type": "array", "items": _ref("Appearance")},
                "outlets": strings,
                "trace": {"oneOf": [_ref("TraceNode"), {"type": "null"}]},
            },
        },
        "TraceNode": {
            "type": "object",
            "properties": {
                "kind": {"type": "string", "enum": ["article", "outlet", "claim"]},
                "id": {"type": "integer"},
                "label": {"type": "string"},
                "date": {"type": ["string", "null"], "format": "date"},
                "edge": {
                    "type": ["string", "null"],
                    "enum": ["republishes", "translates", "relays", "cites", None],
                },
                "status": {"type": ["string", "null"], "enum": ["suggested", "confirmed", None]},
                "title": {"type": ["string", "null"]},
                "sources": {"type": "array", "items": _ref("TraceNode")},
            },
        },
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
            "required": ["error", "status"],
        },
    }


def parameter(param: p.Param) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if param.kind == "int":
        schema = {"type": "integer"}
        if param.minimum is not None:
            schema["minimum"] = param.minimum
        if param.maximum is not None:
            schema["maximum"] = param.maximum
    elif param.kind == "day":
        schema = {"type": "string", "format": "date"}
    elif param.kind == "choice":
        schema = {"type": "string", "enum": list(param.choices)}
    if param.default is not None:
        schema["default"] = param.default
    return {
        "name": param.name,
        "in": "query",
        "required": param.required,
        "description": param.help,
        "schema": schema,
    }


def _path(route: str) -> str:
    """Starlette's ``{name:int}`` as OpenAPI's ``{name}``."""
    return route.replace(":int}", "}")


def document() -> dict[str, Any]:
    error = {"content": {"application/json": {"schema": _ref("Error")}}}
    paths: dict[str, Any] = {}
    for endpoint in ENDPOINTS:
        schema: dict[str, Any] = _ref(endpoint.returns)
        if endpoint.many:
            schema = {"type": "array", "items": schema}
        path_params = [
            {"name": name, "in": "path", "required": True, "description": text, "schema": {"type": "string"}}
            for name, text in endpoint.path_params
        ]
        paths[_path(endpoint.path)] = {
            "get": {
                "summary": endpoint.summary,
                "operationId": endpoint.handler.__name__.lstrip("_"),
                "parameters": path_params + [parameter(param) for param in endpoint.params],
                "responses": {
                    "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                    "400": {"description": "A parameter is missing, unknown or malformed.", **error},
                    "404": {"description": "No such speaker, article or claim.", **error},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "quotetrack",
            "version": __version__,
            "description": "Who said what, where, when, and through whom: the rows of the quotetrack "
            "command line's --format json, read-only. Dates are ISO 8601; a missing value is null.",
        },
        "paths": paths,
        "components": {"schemas": _schemas()},
    }
