"""``newsdelta run``: the long-running main job.

Starts the tracking loop and, unless disabled, the web UI in the same
process and event loop. A fresh install with no outlets gets the starter list.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.resources
import signal
import tomllib
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from newsdelta.clock import clock_for
from newsdelta.settings import Settings
from newsdelta.store import Store


class WebServer(Protocol):
    @property
    def url(self) -> str: ...

    async def serve(self) -> None: ...


def starter_outlets() -> list[tuple[str, list[str]]]:
    """The public feeds a fresh ``newsdelta run`` starts with (``starter_outlets.toml``)."""
    text = importlib.resources.files("newsdelta").joinpath("starter_outlets.toml").read_text()
    data = tomllib.loads(text)
    return [(o["name"], list(o["feeds"])) for o in data["outlet"]]


def _ensure_sources(store: Store, echo: Callable[[str], None], now: datetime) -> None:
    """A fresh install (no outlets and no articles yet) gets the starter outlets.

    Not a database whose user removed every outlet on purpose: its articles say it
    is not fresh, and the starters would come back on every start.
    """
    from newsdelta.discover.urls import canonicalize_url

    if store.list_sources() or store.list_articles(limit=1):
        return
    outlets = starter_outlets()
    for name, feeds in outlets:
        store.add_source(name, [(canonicalize_url(url), "feed") for url in feeds], now)
    echo(f"fresh install: tracking {len(outlets)} starter outlets (see `newsdelta source list`)")


async def _run(settings: Settings, web: bool, echo: Callable[[str], None]) -> None:
    from newsdelta.fetch import Fetcher
    from newsdelta.runner.context import make_context
    from newsdelta.runner.embedded import PassSummary, run_forever
    from newsdelta.store import open_store

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)

    def report(summary: PassSummary) -> None:
        if summary.checked or summary.discovered:
            echo(
                f"checked {summary.checked}: {summary.new_articles} new articles, "
                f"{summary.new_versions} new versions, {summary.errors} errors"
            )

    store = open_store(settings)
    tasks = []
    try:
        async with Fetcher(settings) as fetcher:
            ctx = make_context(settings, store, fetcher, clock_for(settings, advancing=True))
            # The web UI binds its port first: a taken port stops `run` before tracking starts.
            server = _web_server(settings, store) if web else None
            _ensure_sources(store, echo, ctx.clock())  # after the port is bound
            echo(f"newsdelta running on {settings.database_url}; Ctrl-C to stop")
            tasks.append(asyncio.create_task(run_forever(ctx, stop, on_pass=report)))
            if server is not None:
                echo(f"web UI on {server.url}")
                tasks.append(asyncio.create_task(_serve_until_done(server, stop)))
            await _until_stopped_or_failed(stop, tasks)
    finally:
        store.close()


async def _serve_until_done(server: WebServer, stop: asyncio.Event) -> None:
    """Serve the web UI; its normal end is a stop for the whole job.

    uvicorn catches Ctrl-C and SIGTERM itself, shuts down and returns: that must
    read as "asked to stop", not as a task that ended on its own.
    """
    await server.serve()
    stop.set()


async def _until_stopped_or_failed(stop: asyncio.Event, tasks: list[asyncio.Task[None]]) -> None:
    """Wait for Ctrl-C or SIGTERM, or for a task to end first, which only a failure does.

    Waiting on ``stop`` alone left a dead tracking loop unnoticed: the process stayed
    up, printed nothing and tracked nothing. A task that ended is re-raised here, so
    ``run`` stops with its error (one line for newsdelta's own errors).
    """
    stopped = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([stopped, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        ended = [task for task in tasks if task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if not stop.is_set():
        for task in ended:
            error = None if task.cancelled() else task.exception()
            if error is not None:
                raise error
        raise RuntimeError("a task of `newsdelta run` ended without being asked to")


def _web_server(settings: Settings, store: Store) -> WebServer | None:
    try:
        from newsdelta.web.server import make_server
    except ImportError:  # the web room is optional at this layer
        return None
    server: WebServer = make_server(settings, store)
    return server


def run_main(settings: Settings, *, web: bool, echo: Callable[[str], None]) -> None:
    asyncio.run(_run(settings, web, echo))
