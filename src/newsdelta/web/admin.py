"""Admin actions: add/remove an outlet, track a URL, retire an article.

HTML forms post to ``/admin/...`` (admin session or token field, plus CSRF);
scripts post JSON to ``/api/admin/...`` with ``Authorization: Bearer``.
Both paths call the same functions below, through
:func:`newsdelta.web.security.require_admin`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from newsdelta.core.names import source_name_problem
from newsdelta.errors import BadURLError
from newsdelta.store import Store
from newsdelta.web import security
from newsdelta.web.problems import BadRequest
from newsdelta.web.render import render
from newsdelta.web.views import ctx_of, env_of, envelope


def _check_url(url: str) -> str:
    """Canonicalise with the discover room when present; at least insist on http(s)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadURLError(f"not an absolute http(s) URL: {url!r}")
    try:
        from newsdelta.discover.urls import canonicalize_url
    except ImportError:
        return url
    canonical: str = canonicalize_url(url)
    return canonical


def add_outlet(store: Store, name: str, feeds: list[str], kind: str, now: datetime) -> dict[str, Any]:
    name = name.strip()  # a form field: surrounding spaces are typing, not part of the name
    problem = source_name_problem(name)
    if problem:
        raise BadRequest(problem)
    if kind not in ("feed", "sitemap"):
        raise BadRequest("kind must be 'feed' or 'sitemap'")
    urls = [_check_url(u) for u in feeds if u.strip()]
    if not urls:
        raise BadRequest("give at least one feed or sitemap URL")
    source_id = store.add_source(name, [(u, kind) for u in urls], now)
    return {"id": source_id, "name": name, "feeds": urls}


def track_url(store: Store, url: str, outlet: str | None, now: datetime) -> dict[str, Any]:
    canonical = _check_url(url)
    source_id = store.get_source(outlet).id if outlet else None
    article_id, created = store.track(canonical, now, source_id=source_id)
    return {"id": article_id, "url": canonical, "created": created}


def retire_article(store: Store, article_id: int, now: datetime) -> dict[str, Any]:
    """Stop checking an article."""
    store.retire_article(article_id, "retired by an admin", now)
    return {"id": article_id, "retired": True}


MAX_FORM_BYTES = 64 * 1024


async def _form(request: Request) -> dict[str, str]:
    """An url-encoded form body (all our forms are); the first value of each field.

    Parsed with the standard library so no multipart parser is needed.
    """
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise BadRequest("form too large")
    if "multipart/form-data" in request.headers.get("content-type", ""):
        raise BadRequest("send forms as application/x-www-form-urlencoded")
    fields: dict[str, str] = {}
    for key, value in parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True):
        fields.setdefault(key, value)
    return fields


async def _json(request: Request) -> dict[str, Any]:
    if "application/json" not in request.headers.get("content-type", ""):
        return await _form(request)
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise BadRequest("the request body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    return body


# ------------------------------------------------------------------- HTML forms


def admin_page(request: Request) -> Response:
    ctx = ctx_of(request)
    token, fresh = security.csrf_for_page(request, ctx.settings.admin_token)
    session = request.cookies.get(security.SESSION_COOKIE, "")
    logged_in = bool(ctx.settings.admin_token) and session == security.session_value(
        ctx.settings.admin_token)
    response = render(env_of(request), request, "admin.html", {
        "csrf": token,
        "logged_in": logged_in,
        "enabled": bool(ctx.settings.admin_token),
        "done": request.query_params.get("done", ""),
    })
    if fresh:
        response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict",
                            path="/admin")
    return response


async def admin_login(request: Request) -> Response:
    ctx = ctx_of(request)
    form = await _form(request)
    security.require_admin(request, ctx.settings.admin_token, form)
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(security.SESSION_COOKIE, security.session_value(ctx.settings.admin_token),
                        httponly=True, samesite="strict", path="/")
    return response


async def admin_logout(request: Request) -> Response:
    ctx = ctx_of(request)
    security.require_admin(request, ctx.settings.admin_token, await _form(request))
    response = RedirectResponse("/admin", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


async def form_add_outlet(request: Request) -> Response:
    ctx = ctx_of(request)
    form = await _form(request)
    security.require_admin(request, ctx.settings.admin_token, form)
    await run_in_threadpool(add_outlet, ctx.store, form.get("name", ""),
                            form.get("feeds", "").split(), form.get("kind", "feed"), ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return RedirectResponse("/admin?done=outlet+added", status_code=303)


async def form_remove_outlet(request: Request) -> Response:
    ctx = ctx_of(request)
    form = await _form(request)
    security.require_admin(request, ctx.settings.admin_token, form)
    await run_in_threadpool(ctx.store.remove_source, form.get("name", ""))
    ctx.cache.clear()  # outlet counts changed
    return RedirectResponse("/admin?done=outlet+removed", status_code=303)


async def form_track(request: Request) -> Response:
    ctx = ctx_of(request)
    form = await _form(request)
    security.require_admin(request, ctx.settings.admin_token, form)
    result = await run_in_threadpool(track_url, ctx.store, form.get("url", ""),
                                     form.get("outlet") or None, ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return RedirectResponse(f"/articles/{result['id']}", status_code=303)


async def form_retire(request: Request) -> Response:
    ctx = ctx_of(request)
    form = await _form(request)
    security.require_admin(request, ctx.settings.admin_token, form)
    article_id = _article_id(form.get("article", ""))
    await run_in_threadpool(retire_article, ctx.store, article_id, ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return RedirectResponse(f"/articles/{article_id}", status_code=303)


def _article_id(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise BadRequest("article must be an article id") from exc


# --------------------------------------------------------------------- JSON API


async def api_add_outlet(request: Request) -> Response:
    ctx = ctx_of(request)
    body = await _json(request)
    security.require_admin(request, ctx.settings.admin_token, _strings(body))
    feeds = body.get("feeds", [])
    if isinstance(feeds, str):
        feeds = feeds.split()
    if not isinstance(feeds, list) or not all(isinstance(f, str) for f in feeds):
        raise BadRequest("feeds must be a list of URLs")
    result = await run_in_threadpool(add_outlet, ctx.store, str(body.get("name", "")), feeds,
                                     str(body.get("kind", "feed")), ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return envelope({"outlet": result}, status=201)


async def api_remove_outlet(request: Request) -> Response:
    ctx = ctx_of(request)
    security.require_admin(request, ctx.settings.admin_token, None)
    name = request.path_params["name"]
    await run_in_threadpool(ctx.store.remove_source, name)
    ctx.cache.clear()  # outlet counts changed
    return envelope({"removed": name})


async def api_track(request: Request) -> Response:
    ctx = ctx_of(request)
    body = await _json(request)
    security.require_admin(request, ctx.settings.admin_token, _strings(body))
    outlet = body.get("outlet")
    result = await run_in_threadpool(track_url, ctx.store, str(body.get("url", "")),
                                     str(outlet) if outlet else None, ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return envelope({"article": result}, status=201 if result["created"] else 200)


async def api_retire(request: Request) -> Response:
    ctx = ctx_of(request)
    security.require_admin(request, ctx.settings.admin_token, None)
    article_id = int(request.path_params["id"])
    result = await run_in_threadpool(retire_article, ctx.store, article_id, ctx.clock())
    ctx.cache.clear()  # outlet counts changed
    return envelope({"article": result})


def _strings(body: dict[str, Any]) -> dict[str, str]:
    return {k: v for k, v in body.items() if isinstance(v, str)}
