"""The article route: scripted content at simulated now, validators, and every fault.

One request: look up the article, ask the model for the live version and the
fault in force at ``clock.now()``, and answer accordingly. Conditional
requests are honoured only when validators are on for the outlet; the ETag
names the article *version* (plus a paywall/charset state), as a CDN caching
the page per version would, even though the chrome differs on every request.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from aiohttp import web

from . import pages
from .bodies import JUNK_LINE, TINY_PDF, tiny_png
from .faults import (
    Blocked,
    CharsetMode,
    Fault,
    Gone,
    Huge,
    Moved,
    NonHtml,
    NonHtmlKind,
    Paywall,
    RateLimited,
    RedirectLoop,
    Slow,
    SlowBody,
    Truncated,
    Unavailable,
    WrongCharset,
)
from .model import ArticleVersion, Newsroom, Outlet, ScriptedArticle

HTML_UTF8 = "text/html; charset=utf-8"
LOOP_PARAM = "loop"
"""Query parameter marking the "B" side of a redirect loop."""

_REASONS = {
    403: "Forbidden",
    404: "Not Found",
    410: "Gone",
    429: "Too Many Requests",
    451: "Unavailable For Legal Reasons",
    503: "Service Unavailable",
}


@dataclass
class SiteState:
    """What the handlers share: the model and a request counter for chrome."""

    newsroom: Newsroom
    counter: itertools.count[int]
    frozen: dict[tuple[str, int], pages.Chrome] = field(default_factory=dict)
    """Chrome per (article path, version index) when ``newsroom.static_chrome`` is on."""


STATE_KEY = web.AppKey("newsroom_state", SiteState)


def base_url(request: web.Request) -> str:
    return f"{request.scheme}://{request.host}"


def headlines(
    newsroom: Newsroom, outlet: str, now: datetime, exclude: str
) -> list[tuple[str, str]]:
    """``(path, title)`` of the outlet's other listed articles, for "Most read"."""
    found = []
    for article in newsroom.listed_in(outlet, now):
        version = article.version_at(now)
        if version is not None and article.path != exclude:
            found.append((article.path, version.title))
    return found


def html_response(
    request: web.Request, text: str, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A UTF-8 HTML response, gzipped when the client accepts it."""
    response = web.Response(
        body=text.encode("utf-8"),
        status=status,
        headers={"Content-Type": HTML_UTF8, **(headers or {})},
    )
    compress(request, response)
    return response


def compress(request: web.Request, response: web.Response) -> None:
    """Gzip the body when the client accepts gzip (aiohttp alone would prefer deflate)."""
    accepted = request.headers.get("Accept-Encoding", "").lower()
    if "gzip" in accepted:
        response.enable_compression(web.ContentCoding.gzip)
    elif "deflate" in accepted:
        response.enable_compression(web.ContentCoding.deflate)


def error_page(
    request: web.Request,
    state: SiteState,
    outlet: Outlet,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> web.Response:
    now = state.newsroom.clock.now()
    chrome = pages.make_chrome(next(state.counter), now, now, [])
    text = pages.render_error(outlet, status, _REASONS.get(status, "Error"), message, chrome)
    return html_response(request, text, status, headers)


# --- validators -----------------------------------------------------------------


def _etag(article: ScriptedArticle, index: int, variant: str) -> str:
    key = f"{article.outlet}/{article.slug}/v{index}/{variant}".encode()
    return '"' + hashlib.sha1(key).hexdigest()[:20] + '"'


def _not_modified(request: web.Request, etag: str, modified: datetime) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = request.headers.get("If-Modified-Since")
    if ims is not None:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return modified.replace(microsecond=0) <= since
    return False


def _validators(
    state: SiteState, article: ScriptedArticle, index: int, version: ArticleVersion, variant: str
) -> dict[str, str] | None:
    if not state.newsroom.validators_for(article.outlet):
        return None
    return {
        "ETag": _etag(article, index, variant),
        "Last-Modified": format_datetime(version.at.replace(microsecond=0), usegmt=True),
    }


# --- the handler ----------------------------------------------------------------


async def article_page(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    newsroom = state.newsroom
    outlet_slug = request.match_info["outlet"]
    outlet = newsroom.outlets.get(outlet_slug)
    if outlet is None:
        raise web.HTTPNotFound(text="no such outlet")
    now = newsroom.clock.now()
    article = outlet.articles.get(request.match_info["slug"])
    if (
        article is None
        or article.section != request.match_info["section"]
        or (index := article.version_index_at(now)) is None
    ):
        return error_page(request, state, outlet, 404, "This page does not exist.")
    fault = article.fault_at(now)
    if isinstance(fault, Slow):
        await asyncio.sleep(fault.delay_s)
        fault = None
    return await _answer(request, state, outlet, article, index, fault)


async def _answer(
    request: web.Request,
    state: SiteState,
    outlet: Outlet,
    article: ScriptedArticle,
    index: int,
    fault: Fault | None,
) -> web.StreamResponse:
    now = state.newsroom.clock.now()
    version = article.versions[index]
    base = base_url(request)
    canonical = base + article.path

    def chrome() -> pages.Chrome:
        key = (article.path, index)
        if state.newsroom.static_chrome and key in state.frozen:
            return state.frozen[key]
        others = headlines(state.newsroom, outlet.slug, now, article.path)
        made = pages.make_chrome(next(state.counter), now, version.at, others)
        if state.newsroom.static_chrome:
            state.frozen[key] = made
        return made

    match fault:
        case None | Slow():
            validators = _validators(state, article, index, version, "ok")
            if validators and _not_modified(request, validators["ETag"], version.at):
                return web.Response(status=304, headers=validators)
            kb = state.newsroom.heavy_chrome_kb
            heavy = pages.heavy_chrome(outlet.slug, kb) if kb else None
            text = pages.render_article(outlet, article, version, canonical, chrome(), heavy=heavy)
            return html_response(request, text, headers=validators)
        case Paywall():
            validators = _validators(state, article, index, version, "paywall")
            if validators and _not_modified(request, validators["ETag"], version.at):
                return web.Response(status=304, headers=validators)
            text = pages.render_paywall(outlet, version, canonical, chrome())
            return html_response(request, text, headers=validators)
        case WrongCharset(mode=mode):
            return _wrong_charset(outlet, article, version, canonical, chrome(), mode)
        case Unavailable(retry_after=retry):
            extra = {} if retry is None else {"Retry-After": str(retry)}
            return error_page(request, state, outlet, 503, "Please try again later.", extra)
        case RateLimited(retry_after=retry):
            extra = {"Retry-After": str(retry)}
            return error_page(request, state, outlet, 429, "Slow down.", extra)
        case Gone(status=status):
            return error_page(request, state, outlet, status, "This article has been removed.")
        case Blocked(status=status):
            return error_page(request, state, outlet, status, "Access denied.")
        case Moved(target=target, status=status):
            location = base + target if target.startswith("/") else target
            return web.Response(status=status, headers={"Location": location})
        case RedirectLoop(status=status):
            other = (
                article.path if LOOP_PARAM in request.query else f"{article.path}?{LOOP_PARAM}=b"
            )
            return web.Response(status=status, headers={"Location": base + other})
        case NonHtml(kind=kind):
            if kind is NonHtmlKind.PNG:
                return web.Response(body=tiny_png(), headers={"Content-Type": "image/png"})
            return web.Response(body=TINY_PDF, headers={"Content-Type": "application/pdf"})
        case Truncated(fraction=fraction):
            body = pages.render_article(outlet, article, version, canonical, chrome()).encode()
            return await _truncated(request, body, fraction)
        case SlowBody():
            body = pages.render_article(outlet, article, version, canonical, chrome()).encode()
            return await _trickle(request, body, fault)
        case Huge(size_bytes=size):
            text = pages.render_article(outlet, article, version, canonical, chrome())
            return await _huge(request, text.encode(), size)


def _wrong_charset(
    outlet: Outlet,
    article: ScriptedArticle,
    version: ArticleVersion,
    canonical: str,
    chrome: pages.Chrome,
    mode: CharsetMode,
) -> web.Response:
    """The page in a legacy encoding; unencodable characters become numeric references."""
    if mode is CharsetMode.HEADER_UTF8_BODY_CP1252:
        meta, codec, content_type = None, "cp1252", HTML_UTF8
    elif mode is CharsetMode.META_ONLY:
        meta, codec, content_type = "windows-1252", "cp1252", "text/html"
    else:
        meta, codec, content_type = None, "latin-1", "text/html"
    text = pages.render_article(outlet, article, version, canonical, chrome, meta_charset=meta)
    body = text.encode(codec, errors="xmlcharrefreplace")
    return web.Response(body=body, headers={"Content-Type": content_type})


async def _truncated(request: web.Request, body: bytes, fraction: float) -> web.StreamResponse:
    """Promise ``len(body)`` bytes, send a part, then drop the connection."""
    response = web.StreamResponse(headers={"Content-Type": HTML_UTF8})
    response.content_length = len(body)
    response.force_close()
    await response.prepare(request)
    await response.write(body[: int(len(body) * fraction)])
    if request.transport is not None:
        request.transport.close()
    return response


async def _trickle(request: web.Request, body: bytes, fault: SlowBody) -> web.StreamResponse:
    """Send ``body`` a few bytes at a time (forever with ``endless``), until the client leaves."""
    response = web.StreamResponse(headers={"Content-Type": HTML_UTF8})
    if not fault.endless:
        response.content_length = len(body)
    await response.prepare(request)
    step = max(1, fault.chunk_bytes)
    try:
        for offset in itertools.count(0, step):
            if offset >= len(body) and not fault.endless:
                break
            chunk = body[offset : offset + step] if offset < len(body) else b" " * step
            await response.write(chunk)
            await asyncio.sleep(fault.interval_s)
        await response.write_eof()
    except ConnectionError:
        pass  # the client gave up: exactly what an endless body is for
    return response


async def _huge(request: web.Request, page: bytes, size: int) -> web.StreamResponse:
    """The page with ~``size`` bytes of junk comments before the footer, streamed."""
    cut = page.rfind(b"<footer")
    head, tail = page[:cut], page[cut:]
    repeats = max(0, (size - len(page)) // len(JUNK_LINE))
    response = web.StreamResponse(headers={"Content-Type": HTML_UTF8})
    response.content_length = len(head) + repeats * len(JUNK_LINE) + len(tail)
    await response.prepare(request)
    block = JUNK_LINE * 64
    try:
        await response.write(head)
        full, rest = divmod(repeats, 64)
        for _ in range(full):
            await response.write(block)
        await response.write(JUNK_LINE * rest + tail)
        await response.write_eof()
    except ConnectionError:
        pass  # a fetcher with a size limit hangs up early; that is the point
    return response


__all__ = [
    "LOOP_PARAM",
    "STATE_KEY",
    "SiteState",
    "article_page",
    "base_url",
    "compress",
    "error_page",
    "html_response",
]
