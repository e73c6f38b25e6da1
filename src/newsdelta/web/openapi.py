"""The OpenAPI 3.1 document served at ``/api/openapi.json``.

Written out by hand from the route table: short, and it documents the one
envelope every response uses.
"""

from __future__ import annotations

from typing import Any

_CURSOR = {"name": "cursor", "in": "query", "schema": {"type": "string"},
           "description": "Opaque token from the previous page's next_cursor."}
_LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}


def _q(name: str, kind: str = "string", desc: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": kind}, "description": desc}


def _p(name: str, kind: str = "integer") -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _get(summary: str, *params: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": list(params),
                    "responses": {"200": {"$ref": "#/components/responses/Ok"},
                                  "default": {"$ref": "#/components/responses/Error"}}}}


def _admin(method: str, summary: str, *params: dict[str, Any]) -> dict[str, Any]:
    return {method: {"summary": summary, "parameters": list(params),
                     "security": [{"adminToken": []}],
                     "responses": {"200": {"$ref": "#/components/responses/Ok"},
                                   "201": {"$ref": "#/components/responses/Ok"},
                                   "401": {"$ref": "#/components/responses/Error"},
                                   "403": {"$ref": "#/components/responses/Error"}}}}


def openapi_document() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/changes": _get("Recent changes across outlets (page /)",
                             _q("outlet"), _q("headline", "boolean"), _q("label"),
                             _q("min_significance", "number"), _CURSOR, _LIMIT),
        "/api/outlets": _get("Outlets with counts and health (page /outlets)"),
        "/api/outlets/{name}": _get("One outlet and its articles", _p("name", "string"), _CURSOR),
        "/api/articles": _get("Tracked articles", _q("outlet"), _q("changed", "boolean"),
                              _q("url", desc="the article at this address, in any spelling"),
                              _CURSOR, _LIMIT),
        "/api/articles/{id}": _get("Article header, versions and events", _p("id")),
        "/api/articles/{id}/versions": _get("Versions of an article", _p("id")),
        "/api/articles/{id}/events": _get("Page events of an article", _p("id")),
        "/api/articles/{id}/versions/{n}": _get("Full text of one version", _p("id"), _p("n")),
        "/api/articles/{id}/diff": _get(
            "Diff between two versions (same JSON as `newsdelta diff --format json`)",
            _p("id"), _q("from", "integer"), _q("to", "integer")),
        "/api/search": _get("Full-text search over all versions", _q("q"), _q("outlet"),
                            _q("since", desc="YYYY-MM-DD"), _q("until", desc="YYYY-MM-DD"),
                            _q("removed", "boolean", "search text that was removed"),
                            _CURSOR, _LIMIT),
        "/api/stats": _get("Changes per day per outlet; time to change"),
        "/api/articles/{id}/copies": _get(
            "Where else the article was published, with the probable source "
            "(same JSON as `newsdelta copies ARTICLE --json`)", _p("id")),
        "/api/copies/uncredited": _get(
            "New uncredited copies: each copy, its probable source, kind, similarity and "
            "shared passages", _CURSOR, _LIMIT),
        "/api/admin/outlets": _admin("post", "Add an outlet: {name, feeds: [url], kind}"),
        "/api/admin/outlets/{name}": _admin("delete", "Remove an outlet", _p("name", "string")),
        "/api/admin/track": _admin("post", "Track one URL: {url, outlet?}"),
        "/api/admin/articles/{id}/retire": _admin("post", "Stop checking an article", _p("id")),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsdelta API", "version": "1",
                 "description": "Every response is an envelope: {\"ok\": true, ...} or "
                                "{\"ok\": false, \"error\": {code, message}, \"status\": N}. "
                                "See docs/web.md for the stability promise."},
        "paths": paths,
        "components": {
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Ok": {"description": "Success envelope", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["ok"],
                               "properties": {"ok": {"const": True}}}}}},
                "Error": {"description": "Error envelope", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["ok", "error", "status"],
                               "properties": {
                                   "ok": {"const": False},
                                   "status": {"type": "integer"},
                                   "error": {"type": "object", "properties": {
                                       "code": {"type": "string"},
                                       "message": {"type": "string"}}}}}}}},
            },
        },
    }
