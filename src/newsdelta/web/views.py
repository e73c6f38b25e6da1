"""Request → :class:`Page` loaders, and the two ways a page is served: HTML or JSON.

Each ``load_*`` function parses one page's query parameters (a bad value is
a 400) and calls the matching loader in :mod:`newsdelta.web.data`. The
route table in :mod:`newsdelta.web.app` serves each loader twice: as an HTML
page through a template and under ``/api/`` inside the JSON envelope, so the
API mirrors every page by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from newsdelta.core.diff import LABEL_IDS
from newsdelta.store import MAX_ROW_NUMBER
from newsdelta.web import data
from newsdelta.web.data import Page, WebContext
from newsdelta.web.problems import BadRequest
from newsdelta.web.render import render

Loader = Callable[[Request], Page]
Endpoint = Callable[[Request], Response]


def ctx_of(request: Request) -> WebContext:
    context: WebContext = request.app.state.ctx
    return context


def env_of(request: Request) -> Environment:
    env: Environment = request.app.state.env
    return env


def int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a whole number") from exc
    if number < 1:
        raise BadRequest(f"{name} must be 1 or more")
    if number > MAX_ROW_NUMBER:
        raise BadRequest(f"{name} is too large")
    return number


def flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in ("1", "true", "on", "yes")


def text_param(request: Request, name: str, max_len: int = 500) -> str | None:
    value = request.query_params.get(name)
    if value is not None and len(value) > max_len:
        raise BadRequest(f"{name} is too long")
    return value or None


def limit_param(request: Request, default: int, maximum: int = 200) -> int:
    value = int_param(request, "limit")
    return default if value is None else min(value, maximum)


def label_param(request: Request) -> str | None:
    """``?label=quote``: one of the diff room's label ids."""
    value = text_param(request, "label", max_len=40)
    if value is not None and value not in LABEL_IDS:
        raise BadRequest(f"label must be one of: {', '.join(LABEL_IDS)}")
    return value


def significance_param(request: Request) -> float | None:
    """``?min_significance=0.5``: a number in [0, 1]."""
    value = request.query_params.get("min_significance")
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise BadRequest("min_significance must be a number between 0 and 1") from exc
    if not 0.0 <= number <= 1.0:
        raise BadRequest("min_significance must be between 0 and 1")
    return number


def load_recent(request: Request) -> Page:
    return data.recent(
        ctx_of(request),
        outlet=text_param(request, "outlet"),
        headline=flag(request, "headline"),
        cursor=text_param(request, "cursor"),
        limit=limit_param(request, data.PAGE_SIZE),
        label=label_param(request),
        min_significance=significance_param(request),
    )


def load_outlets(request: Request) -> Page:
    return data.outlets(ctx_of(request))


def load_outlet(request: Request) -> Page:
    return data.outlet(ctx_of(request), request.path_params["name"],
                       cursor=text_param(request, "cursor"))


def load_articles(request: Request) -> Page:
    return data.articles(
        ctx_of(request),
        outlet=text_param(request, "outlet"),
        changed=flag(request, "changed"),
        cursor=text_param(request, "cursor"),
        limit=limit_param(request, data.PAGE_SIZE),
        url=text_param(request, "url", 2000),
    )


def load_article(request: Request) -> Page:
    return data.article(ctx_of(request), request.path_params["id"])


def load_article_only(request: Request) -> Page:
    """The article without its copies (for the versions/events parts of the API)."""
    return data.article(ctx_of(request), request.path_params["id"], with_copies=False)


def load_article_copies(request: Request) -> Page:
    ctx = ctx_of(request)
    record = ctx.store.find_article(request.path_params["id"])
    from newsdelta.web.copies import article_copies

    return Page(article_copies(ctx.copies_service(), record.id))


def load_uncredited(request: Request) -> Page:
    return data.uncredited(ctx_of(request), cursor=text_param(request, "cursor"),
                           limit=limit_param(request, data.PAGE_SIZE))


def load_diff(request: Request) -> Page:
    page = data.diff(
        ctx_of(request), request.path_params["id"], int_param(request, "from"),
        int_param(request, "to"),
    )
    page.extra["inline"] = request.query_params.get("view") == "inline"
    return page


def load_version(request: Request) -> Page:
    return data.version(ctx_of(request), request.path_params["id"], request.path_params["n"])


def load_search(request: Request) -> Page:
    return data.search_page(
        ctx_of(request),
        q=text_param(request, "q") or "",
        outlet=text_param(request, "outlet"),
        since=text_param(request, "since", 40),
        until=text_param(request, "until", 40),
        removed=flag(request, "removed"),
        cursor=text_param(request, "cursor"),
        limit=limit_param(request, 20, 100),
    )


def load_stats(request: Request) -> Page:
    return data.stats(ctx_of(request))


def html_endpoint(loader: Loader, template: str) -> Endpoint:
    """A page: the loader's data and extras rendered through ``template``."""

    def endpoint(request: Request) -> Response:
        page = loader(request)
        params = {k: v for k, v in request.query_params.items() if k != "cursor"}
        return render(env_of(request), request, template,
                      {**page.data, **page.extra, "params": params})

    endpoint.__name__ = f"page_{template.removesuffix('.html')}"
    return endpoint


def envelope(payload: dict[str, Any], status: int = 200) -> JSONResponse:
    """The one success envelope: ``{"ok": true, ...payload}``."""
    return JSONResponse({"ok": True, **payload}, status_code=status)


def api_endpoint(loader: Loader, pick: Callable[[dict[str, Any]], dict[str, Any]] | None = None
                 ) -> Endpoint:
    """The same loader under ``/api/``: its data inside the envelope."""

    def endpoint(request: Request) -> Response:
        body = loader(request).data
        return envelope(pick(body) if pick else body)

    endpoint.__name__ = f"api_{loader.__name__.removeprefix('load_')}"
    return endpoint
