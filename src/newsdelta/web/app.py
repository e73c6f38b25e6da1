"""The ASGI application: route table, one error handler, security middleware.

Build it with :func:`create_app`; serve it with :func:`newsdelta.web.server.make_server`.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from newsdelta.clock import Clock, clock_for
from newsdelta.errors import NewsdeltaError
from newsdelta.settings import Settings
from newsdelta.store import Store
from newsdelta.web import admin, feed_routes, views
from newsdelta.web.data import WebContext
from newsdelta.web.openapi import openapi_document
from newsdelta.web.problems import WebProblem, status_of
from newsdelta.web.render import make_environment, render
from newsdelta.web.security import RAW_CSP, SecurityHeadersMiddleware, hardening_headers

log = logging.getLogger(__name__)


class RowNumberConvertor(Convertor[int]):
    """``{id:row}``: an article id or version number, as the database can hold it.

    Starlette's ``int`` matches any run of digits, and a 20-digit id reached
    SQLite as an OverflowError (a 500). Eighteen digits are more rows than any
    database will hold and stay below the 64-bit limit, so a longer number
    matches no route: a plain 404.
    """

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


register_url_convertor("row", RowNumberConvertor())

PAGES: tuple[tuple[str, str, views.Loader, str], ...] = (
    ("/", "/api/changes", views.load_recent, "recent.html"),
    ("/outlets", "/api/outlets", views.load_outlets, "outlets.html"),
    ("/outlets/{name}", "/api/outlets/{name}", views.load_outlet, "outlet.html"),
    ("/articles", "/api/articles", views.load_articles, "articles.html"),
    ("/articles/{id:row}", "/api/articles/{id:row}", views.load_article, "article.html"),
    ("/articles/{id:row}/diff", "/api/articles/{id:row}/diff", views.load_diff, "diff.html"),
    ("/articles/{id:row}/versions/{n:row}", "/api/articles/{id:row}/versions/{n:row}",
     views.load_version, "version.html"),
    ("/search", "/api/search", views.load_search, "search.html"),
    ("/stats", "/api/stats", views.load_stats, "stats.html"),
    ("/copies/uncredited", "/api/copies/uncredited", views.load_uncredited, "uncredited.html"),
)
"""(page path, API path, loader, template): every page has its API twin."""


def raw_page(request: Request) -> Response:
    """The archived raw HTML of a version, as inert text (never rendered as HTML)."""
    ctx = views.ctx_of(request)
    record = ctx.store.find_article(request.path_params["id"])
    meta, _ = ctx.store.version_text(record.id, request.path_params["n"])
    raw = ctx.store.raw_page(meta.id)
    text = raw.body.decode(raw.encoding or "utf-8", errors="replace")
    return PlainTextResponse(text, headers={
        "Content-Security-Policy": RAW_CSP,
        "Content-Disposition": "inline",
        "X-Robots-Tag": "noindex",
    })


def api_index(request: Request) -> Response:
    return views.envelope({
        "endpoints": [api for _, api, _, _ in PAGES] + [
            "/api/articles/{id}/versions", "/api/articles/{id}/events",
            "/api/articles/{id}/copies", "/api/openapi.json"],
    })


def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one error handler: JSON envelope under /api/, an HTML page elsewhere."""
    if isinstance(exc, HTTPException):
        status, code, message = exc.status_code, _http_code(exc.status_code), str(exc.detail)
        headers: dict[str, str] = dict(exc.headers or {})
    else:
        status, code, message = status_of(exc)
        headers = dict(getattr(exc, "headers", {}) or {})
    if status >= 500:
        log.error("error serving %s", request.url.path, exc_info=exc)
        # Starlette answers unhandled errors from its ServerErrorMiddleware, outside
        # SecurityHeadersMiddleware, so a 500 would go out without CSP and friends.
        headers.update(hardening_headers())
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse(
            {"ok": False, "error": {"code": code, "message": message}, "status": status},
            status_code=status, headers=headers,
        )
    env = request.app.state.env
    return render(env, request, "error.html", {"status": status, "message": message},
                  status=status) if not headers else _with_headers(
        render(env, request, "error.html", {"status": status, "message": message}, status=status),
        headers)


def _with_headers(response: Response, headers: dict[str, str]) -> Response:
    for name, value in headers.items():
        response.headers[name] = value
    return response


def _http_code(status: int) -> str:
    return {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
            405: "method_not_allowed"}.get(status, "http_error")


def _routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for page_path, api_path, loader, template in PAGES:
        routes.append(Route(page_path, views.html_endpoint(loader, template)))
        routes.append(Route(api_path, views.api_endpoint(loader)))

    def pick(*keys: str) -> Any:
        return lambda body: {k: body[k] for k in keys}

    routes += [
        Route("/api", api_index),
        Route("/api/openapi.json", openapi),
        Route("/api/articles/{id:row}/versions",
              views.api_endpoint(views.load_article_only, pick("article", "versions"))),
        Route("/api/articles/{id:row}/events",
              views.api_endpoint(views.load_article_only, pick("article", "events"))),
        Route("/api/articles/{id:row}/copies", views.api_endpoint(views.load_article_copies)),
        Route("/articles/{id:row}/versions/{n:row}/raw", raw_page),
        Route("/feeds/copies/uncredited.{fmt}", feed_routes.uncredited_copies),
        Route("/feeds/changes.{fmt}", feed_routes.all_changes),
        Route("/feeds/search.{fmt}", feed_routes.search_changes),
        Route("/feeds/outlets/{name}.{fmt}", feed_routes.outlet_changes),
        Route("/feeds/articles/{id:row}.{fmt}", feed_routes.article_changes),
        Route("/admin", admin.admin_page),
        Route("/admin/login", admin.admin_login, methods=["POST"]),
        Route("/admin/logout", admin.admin_logout, methods=["POST"]),
        Route("/admin/outlets", admin.form_add_outlet, methods=["POST"]),
        Route("/admin/outlets/remove", admin.form_remove_outlet, methods=["POST"]),
        Route("/admin/track", admin.form_track, methods=["POST"]),
        Route("/admin/retire", admin.form_retire, methods=["POST"]),
        Route("/api/admin/outlets", admin.api_add_outlet, methods=["POST"]),
        Route("/api/admin/outlets/{name}", admin.api_remove_outlet, methods=["DELETE"]),
        Route("/api/admin/track", admin.api_track, methods=["POST"]),
        Route("/api/admin/articles/{id:row}/retire", admin.api_retire, methods=["POST"]),
        Mount("/static", app=StaticFiles(packages=[("newsdelta.web", "static")]), name="static"),
    ]
    return routes


def create_app(settings: Settings, store: Store, *, clock: Clock | None = None) -> Starlette:
    """The web UI, feeds and JSON API over ``store``. Reading is public; admin needs the token."""
    app = Starlette(
        routes=_routes(),
        middleware=[Middleware(SecurityHeadersMiddleware)],
        exception_handlers={
            Exception: handle_error,
            HTTPException: handle_error,
            WebProblem: handle_error,
            NewsdeltaError: handle_error,
        },
    )
    app.state.ctx = WebContext(settings, store, clock or clock_for(settings))
    app.state.env = make_environment()
    return app
