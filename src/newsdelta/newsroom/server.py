"""Running the newsroom: an async context manager and a thread-hosted variant.

Async tests::

    async with NewsroomServer(newsroom) as server:      # 127.0.0.1, free port
        url = server.url_for(article)
        ...
        assert server.stats.max_in_flight <= 2

Synchronous tests and the CLI::

    handle = start_in_thread(newsroom)
    try:
        urllib.request.urlopen(handle.feed_url("rtcom"))
    finally:
        handle.stop()                                   # bounded: never hangs

Shutdown is bounded: open connections (an endless body, a slow client) get
``shutdown_timeout`` seconds, then are cut.
"""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType
from typing import Self

from aiohttp import web

from .app import build_app
from .model import Newsroom, Outlet, ScriptedArticle
from .stats import RequestStats


class _Urls:
    """URL helpers shared by the async server and the thread handle."""

    newsroom: Newsroom

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def url(self, path: str) -> str:
        """Absolute URL of a server path (``/robots.txt``)."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def url_for(self, article: ScriptedArticle) -> str:
        """The article's clean (canonical) URL."""
        return self.base_url + article.path

    def _slug(self, outlet: Outlet | str) -> str:
        return outlet if isinstance(outlet, str) else outlet.slug

    def feed_url(self, outlet: Outlet | str) -> str:
        """The outlet's RSS 2.0 feed."""
        return f"{self.base_url}/{self._slug(outlet)}/rss.xml"

    def atom_url(self, outlet: Outlet | str) -> str:
        return f"{self.base_url}/{self._slug(outlet)}/atom.xml"

    def sitemap_url(self, outlet: Outlet | str) -> str:
        return f"{self.base_url}/{self._slug(outlet)}/sitemap.xml"

    def news_sitemap_url(self, outlet: Outlet | str) -> str:
        return f"{self.base_url}/{self._slug(outlet)}/news-sitemap.xml"

    @property
    def sitemap_index_url(self) -> str:
        return f"{self.base_url}/sitemap_index.xml"

    @property
    def robots_url(self) -> str:
        return f"{self.base_url}/robots.txt"


class NewsroomServer(_Urls):
    """Serve ``newsroom`` on ``host:port`` (port 0 = any free port) inside a running loop."""

    def __init__(
        self,
        newsroom: Newsroom,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        stats: RequestStats | None = None,
        shutdown_timeout: float = 1.0,
    ) -> None:
        self.newsroom = newsroom
        self.stats = stats if stats is not None else RequestStats()
        self._host = host
        self._port = port
        self._runner = web.AppRunner(
            build_app(newsroom, self.stats),
            shutdown_timeout=shutdown_timeout,
            access_log=None,
        )
        self._bound: tuple[str, int] | None = None

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        for address in self._runner.addresses:
            if isinstance(address, tuple):
                self._bound = (str(address[0]), int(address[1]))
                break
        if self._bound is None:  # pragma: no cover - aiohttp always reports a TCP address
            raise RuntimeError("newsroom server did not bind a TCP address")

    async def close(self) -> None:
        await self._runner.cleanup()

    @property
    def port(self) -> int:
        if self._bound is None:
            raise RuntimeError("server not started")
        return self._bound[1]

    @property
    def base_url(self) -> str:
        if self._bound is None:
            raise RuntimeError("server not started")
        host = self._bound[0]
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


class ThreadedNewsroom(_Urls):
    """A :class:`NewsroomServer` running its own event loop in a daemon thread."""

    def __init__(self, server: NewsroomServer, loop: asyncio.AbstractEventLoop) -> None:
        self.server = server
        self.newsroom = server.newsroom
        self.stats = server.stats
        self._loop = loop
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving and join the thread (at most ``timeout`` seconds)."""
        if self._stop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_in_thread(
    newsroom: Newsroom,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    stats: RequestStats | None = None,
    shutdown_timeout: float = 1.0,
    startup_timeout: float = 10.0,
) -> ThreadedNewsroom:
    """Start serving in a background thread; returns once the port is bound.

    Raises whatever binding raised (e.g. ``OSError`` for a taken port).
    """
    loop = asyncio.new_event_loop()
    server = NewsroomServer(
        newsroom, host=host, port=port, stats=stats, shutdown_timeout=shutdown_timeout
    )
    handle = ThreadedNewsroom(server, loop)
    ready = threading.Event()
    failure: list[OSError] = []

    async def serve() -> None:
        handle._stop = asyncio.Event()
        try:
            await server.start()
        except OSError as exc:  # address in use, permission denied
            failure.append(exc)
            ready.set()
            return
        ready.set()
        try:
            await handle._stop.wait()
        finally:
            await server.close()

    def run() -> None:
        try:
            loop.run_until_complete(serve())
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="newsroom-server", daemon=True)
    handle._thread = thread
    thread.start()
    if not ready.wait(startup_timeout):
        handle.stop()
        raise TimeoutError("newsroom server did not start in time")
    if failure:
        thread.join(startup_timeout)
        raise failure[0]
    return handle


__all__ = ["NewsroomServer", "ThreadedNewsroom", "start_in_thread"]
