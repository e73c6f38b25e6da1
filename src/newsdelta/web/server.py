"""A configured uvicorn server for the web app (``newsdelta serve`` / ``run``)."""

from __future__ import annotations

import uvicorn

from newsdelta.settings import Settings
from newsdelta.store import Store
from newsdelta.web.app import create_app


def make_server(settings: Settings, store: Store) -> uvicorn.Server:
    """``await make_server(settings, store).serve()`` serves on settings.host:port.

    Binds to 127.0.0.1 by default (``NEWSDELTA_HOST`` to change); no access log
    by default, proxy headers off (put a reverse proxy in front to expose it).
    """
    config = uvicorn.Config(
        create_app(settings, store),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
        server_header=False,
        lifespan="off",
    )
    return uvicorn.Server(config)
