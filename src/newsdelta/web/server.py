"""A configured uvicorn server for the web app (``newsdelta serve`` / ``run``)."""

from __future__ import annotations

import socket

import uvicorn

from newsdelta.errors import ConfigError
from newsdelta.settings import Settings
from newsdelta.store import Store
from newsdelta.web.app import create_app


class WebServer:
    """The web app on a socket bound at construction.

    Binding before anything starts makes a taken port or a bad host a one-line
    error up front (uvicorn would log it and exit from inside the event loop,
    after ``newsdelta run`` had announced the UI and started tracking).
    """

    def __init__(self, settings: Settings, store: Store) -> None:
        self.socket = bind_socket(settings.host, settings.port)
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
        self._server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    async def serve(self) -> None:
        """Serve until cancelled; the socket is closed afterwards."""
        try:
            await self._server.serve(sockets=[self.socket])
        finally:
            self.socket.close()


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv4 or IPv6), or a one-line ConfigError."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: unknown host ({exc.strerror})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def make_server(settings: Settings, store: Store) -> WebServer:
    """``await make_server(settings, store).serve()`` serves on settings.host:port.

    Binds to 127.0.0.1 by default (``NEWSDELTA_HOST`` to change); no access log
    by default, proxy headers off (put a reverse proxy in front to expose it).
    """
    return WebServer(settings, store)
