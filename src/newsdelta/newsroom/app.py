"""The aiohttp application: routes, feeds, and the request-logging middleware.

Routes (one server hosts every outlet under its own path prefix):

========================================  =======================================
``/robots.txt``                           configurable ``Disallow`` lines
``/sitemap_index.xml``                    points to every outlet's two sitemaps
``/``                                     list of outlets
``/{outlet}/``                            the outlet's front page
``/{outlet}/rss.xml``, ``atom.xml``       feeds (links with tracking parameters)
``/{outlet}/sitemap.xml``                 every listed article with ``lastmod``
``/{outlet}/sitemap.xml.gz``              the same, gzipped as a file (``?type=`` sets its type)
``/{outlet}/news-sitemap.xml``            Google News sitemap (recent articles)
``/{outlet}/{section}/{slug}``            the article page (see :mod:`.articles`)
========================================  =======================================
"""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Awaitable, Callable

from aiohttp import web

from . import feeds, pages
from .articles import STATE_KEY, SiteState, article_page, base_url, compress, html_response
from .model import Newsroom, Outlet
from .stats import RequestStats

STATS_KEY = web.AppKey("newsroom_stats", RequestStats)

_Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _xml(request: web.Request, body: bytes, content_type: str) -> web.Response:
    response = web.Response(body=body, headers={"Content-Type": f"{content_type}; charset=utf-8"})
    compress(request, response)
    return response


def _outlet(request: web.Request) -> tuple[Newsroom, Outlet]:
    newsroom = request.app[STATE_KEY].newsroom
    outlet = newsroom.outlets.get(request.match_info["outlet"])
    if outlet is None:
        raise web.HTTPNotFound(text="no such outlet")
    return newsroom, outlet


async def robots(request: web.Request) -> web.StreamResponse:
    newsroom = request.app[STATE_KEY].newsroom
    return web.Response(text=feeds.robots_txt(newsroom.robots_disallow, base_url(request)))


async def sitemap_index(request: web.Request) -> web.StreamResponse:
    newsroom = request.app[STATE_KEY].newsroom
    body = feeds.sitemap_index(list(newsroom.outlets.values()), base_url(request))
    return _xml(request, body, "application/xml")


async def home(request: web.Request) -> web.StreamResponse:
    newsroom = request.app[STATE_KEY].newsroom
    items = "".join(
        f'<li><a href="/{o.slug}/">{o.slug}</a></li>' for o in newsroom.outlets.values()
    )
    return html_response(request, f"<!DOCTYPE html><html><body><ul>{items}</ul></body></html>")


async def outlet_index(request: web.Request) -> web.StreamResponse:
    newsroom, outlet = _outlet(request)
    state = request.app[STATE_KEY]
    now = newsroom.clock.now()
    links = []
    for article in newsroom.listed_in(outlet.slug, now):
        version = article.version_at(now)
        if version is not None:
            links.append((article.path, version.title))
    chrome = pages.make_chrome(next(state.counter), now, now, links)
    return html_response(request, pages.render_index(outlet, links, chrome))


async def rss(request: web.Request) -> web.StreamResponse:
    newsroom, outlet = _outlet(request)
    if outlet.feed_redirect is not None:
        return web.Response(status=302, headers={"Location": outlet.feed_redirect})
    if outlet.feed_malformed:
        return _xml(request, feeds.MALFORMED_FEED, "application/rss+xml")
    now = newsroom.clock.now()
    body = feeds.rss(outlet, newsroom.listed_in(outlet.slug, now), base_url(request), now)
    return _xml(request, body, "application/rss+xml")


async def atom(request: web.Request) -> web.StreamResponse:
    newsroom, outlet = _outlet(request)
    if outlet.feed_redirect is not None:
        return web.Response(status=302, headers={"Location": outlet.feed_redirect})
    if outlet.feed_malformed:
        return _xml(request, feeds.MALFORMED_FEED, "application/atom+xml")
    now = newsroom.clock.now()
    body = feeds.atom(outlet, newsroom.listed_in(outlet.slug, now), base_url(request), now)
    return _xml(request, body, "application/atom+xml")


async def sitemap(request: web.Request) -> web.StreamResponse:
    newsroom, outlet = _outlet(request)
    if "sitemap" in outlet.gone_sitemaps:
        raise web.HTTPNotFound()
    now = newsroom.clock.now()
    own = [a for a in newsroom.listed_in(outlet.slug, now) if a.outlet == outlet.slug]
    return _xml(request, feeds.sitemap(own, base_url(request), now), "application/xml")


async def sitemap_gz(request: web.Request) -> web.StreamResponse:
    """``sitemap.xml.gz`` as sites serve it: a gzip *file*, no ``Content-Encoding``."""
    newsroom, outlet = _outlet(request)
    now = newsroom.clock.now()
    own = [a for a in newsroom.listed_in(outlet.slug, now) if a.outlet == outlet.slug]
    body = gzip.compress(feeds.sitemap(own, base_url(request), now))
    content_type = request.query.get("type", "application/x-gzip")
    return web.Response(body=body, headers={"Content-Type": content_type})


async def news_sitemap(request: web.Request) -> web.StreamResponse:
    newsroom, outlet = _outlet(request)
    if "news_sitemap" in outlet.gone_sitemaps:
        raise web.HTTPNotFound()
    now = newsroom.clock.now()
    own = [a for a in newsroom.listed_in(outlet.slug, now) if a.outlet == outlet.slug]
    body = feeds.news_sitemap(outlet, own, base_url(request), now)
    return _xml(request, body, "application/xml")


def _logging_middleware(newsroom: Newsroom, stats: RequestStats) -> Callable[..., object]:
    @web.middleware
    async def log_requests(request: web.Request, handler: _Handler) -> web.StreamResponse:
        first = request.path.strip("/").split("/", 1)[0]
        outlet = first if first in newsroom.outlets else None
        started = stats.enter(outlet)
        status = 499
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as exc:
            status = exc.status
            raise
        except Exception:
            status = 500
            raise
        finally:
            stats.leave(
                method=request.method,
                path=request.path,
                query=request.query_string,
                status=status,
                headers=dict(request.headers),
                outlet=outlet,
                started=started,
            )

    return log_requests


def build_app(newsroom: Newsroom, stats: RequestStats | None = None) -> web.Application:
    """The newsroom as an aiohttp application; ``stats`` collects the request log."""
    stats = stats if stats is not None else RequestStats()
    app = web.Application(middlewares=[_logging_middleware(newsroom, stats)])  # type: ignore[list-item]
    app[STATE_KEY] = SiteState(newsroom, itertools.count(1))
    app[STATS_KEY] = stats
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/sitemap_index.xml", sitemap_index)
    app.router.add_get("/", home)
    app.router.add_get("/{outlet}/", outlet_index)
    app.router.add_get("/{outlet}/rss.xml", rss)
    app.router.add_get("/{outlet}/atom.xml", atom)
    app.router.add_get("/{outlet}/sitemap.xml", sitemap)
    app.router.add_get("/{outlet}/sitemap.xml.gz", sitemap_gz)
    app.router.add_get("/{outlet}/news-sitemap.xml", news_sitemap)
    app.router.add_get("/{outlet}/{section}/{slug}", article_page)
    return app


__all__ = ["build_app"]
