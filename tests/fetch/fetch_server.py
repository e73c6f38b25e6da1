"""Test helpers of the fetch room: a loopback aiohttp.web app, fake time, settings.

The app has one route per fetcher behaviour.

Each test gets a fresh server (port 0) and a :class:`ServerState` that records
what the server saw (hits per path, request headers, in-flight counts), so
tests can assert what did and did not go over the wire.
"""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from aiohttp import web
from multidict import CIMultiDictProxy

from newsdelta.settings import Settings

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"
PAGE_HTML = "<!doctype html><html><head><title>T</title></head><body><p>Hello</p></body></html>"
CP1252_TEXT = (
    "Le café de l’été — « très » chère : naïve, où, déjà vu. Les élèves étaient à "
    "l’école, où ils apprenaient à écrire des dictées très difficiles. “Quelle journée”, "
    "dit-il. Ça coûte 5 € à peine, même pour les Français qui économisent."
)


class FakeTime:
    """A clock that only moves when someone sleeps on it; records every sleep.

    ``real_scale`` makes each fake sleep also take ``seconds * real_scale`` of real
    time, with the clock moving at its end, so that what happens "during" the
    sleep (a request reaching the server) is stamped with the time before it.
    """

    def __init__(self, real_scale: float = 0.0) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.real_scale = real_scale

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(seconds * self.real_scale)
        self.now += seconds


@dataclass
class ServerState:
    hits: Counter[str] = field(default_factory=Counter)
    headers: dict[str, list[CIMultiDictProxy[str]]] = field(default_factory=dict)
    robots_status: int = 404
    robots_body: str = ""
    flaky_failures: int = 2
    in_flight: int = 0
    max_in_flight: int = 0
    start_times: list[float] = field(default_factory=list)
    clock: Callable[[], float] | None = None
    release: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Server:
    state: ServerState
    ports: list[int]

    @property
    def port(self) -> int:
        return self.ports[0]

    def url(self, path: str, *, second: bool = False) -> str:
        """An absolute URL on the first (or second) port."""
        return f"http://127.0.0.1:{self.ports[1 if second else 0]}{path}"


def _html(body: bytes | str, content_type: str = "text/html; charset=utf-8",
          status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return web.Response(body=data, status=status,
                        headers={"Content-Type": content_type, **(headers or {})})


def _raw_deflate(data: bytes) -> bytes:
    """Deflate without the zlib wrapper: what some servers wrongly send as "deflate"."""
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def build_app(state: ServerState) -> web.Application:
    routes = web.RouteTableDef()

    @web.middleware
    async def record(request: web.Request, handler: Callable[..., object]) -> web.StreamResponse:
        state.hits[request.path] += 1
        state.headers.setdefault(request.path, []).append(request.headers)
        result = await handler(request)  # type: ignore[misc]
        assert isinstance(result, web.StreamResponse)
        return result

    @routes.get("/robots.txt")
    async def robots(request: web.Request) -> web.Response:
        return web.Response(text=state.robots_body, status=state.robots_status)

    @routes.get("/page")
    async def page(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG or (
            request.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return web.Response(status=304, headers={"ETag": ETAG})
        return _html(PAGE_HTML, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    @routes.get("/private/{rest:.*}")
    async def private(request: web.Request) -> web.Response:
        return _html(PAGE_HTML)

    @routes.get("/gzip")
    async def gzipped(request: web.Request) -> web.Response:
        body = gzip.compress((PAGE_HTML * 50).encode())
        return _html(body, headers={"Content-Encoding": "gzip"})

    @routes.get("/coded/{kind}")
    async def coded(request: web.Request) -> web.Response:
        """The page sent with each kind of Content-Encoding a server may send."""
        page = (PAGE_HTML * 50).encode()
        kind = request.match_info["kind"]
        bodies: dict[str, tuple[str, bytes]] = {
            "deflate-zlib": ("deflate", zlib.compress(page)),
            "deflate-raw": ("deflate", _raw_deflate(page)),
            "gzip-members": ("gzip", gzip.compress(page[:1000]) + gzip.compress(page[1000:])),
            "gzip-padded": ("gzip", gzip.compress(page) + b"\0" * 8),
            "gzip-upper": ("GZIP", gzip.compress(page)),
            "gzip-steady": ("gzip", gzip.compress(page, mtime=0)),  # same bytes every time
            "gzip-cut": ("gzip", gzip.compress(page)[:-40]),
            "gzip-corrupt": ("gzip", gzip.compress(page)[:10] + b"not deflate at all"),
            "br": ("br", b"\x8b\x03\x80hello\x03"),
            "gzip-bomb-404": ("gzip", gzip.compress(b"<html>" + b" " * 2_000_000)),
        }
        coding, body = bodies[kind]
        status = 404 if kind.endswith("404") else 200
        return _html(body, status=status, headers={"Content-Encoding": coding})

    @routes.get("/bomb")
    async def bomb(request: web.Request) -> web.Response:
        body = gzip.compress(b"<html>" + b" " * 2_000_000)
        return _html(body, headers={"Content-Encoding": "gzip"})

    @routes.get("/sized/{n}")
    async def sized(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        return _html(b"<html>" + b"x" * (n - 6))

    @routes.get("/slow")
    async def slow(request: web.Request) -> web.Response:
        try:
            await asyncio.wait_for(state.release.wait(), 5)
        except TimeoutError:
            pass
        return _html(PAGE_HTML)

    @routes.get("/drip")
    async def drip(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        await resp.prepare(request)
        for _ in range(200):  # bounded: ~10 s at most
            await resp.write(b"<p>drip</p>")
            await asyncio.sleep(0.05)
        return resp

    @routes.get("/endless")
    async def endless(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        await resp.prepare(request)
        chunk = b"<p>" + b"y" * 65_000 + b"</p>"
        for _ in range(2_000):  # bounded: ~130 MB at most
            await resp.write(chunk)
        return resp

    @routes.get("/huge")
    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.content_length = 50_000_000
        await resp.prepare(request)
        await resp.write(b"<html>")
        return resp

    @routes.get("/huge-404")
    async def huge_404(request: web.Request) -> web.Response:
        return _html(b"<html>" + b"z" * 500_000, status=404)

    @routes.get("/truncated")
    async def truncated(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.content_length = 1000
        await resp.prepare(request)
        await resp.write(b"<html>" + b"a" * 400)
        assert request.transport is not None
        request.transport.close()
        return resp

    @routes.get("/redirect/{n}")
    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        target = "/page" if n == 0 else f"/redirect/{n - 1}"
        return web.Response(status=302, headers={"Location": target})

    @routes.get("/loop/{name}")
    async def loop(request: web.Request) -> web.Response:
        other = "b" if request.match_info["name"] == "a" else "a"
        return web.Response(status=301, headers={"Location": f"/loop/{other}"})

    @routes.get("/goto")
    async def goto(request: web.Request) -> web.Response:
        return web.Response(status=307, headers={"Location": request.query["to"]})

    @routes.get("/retry-after/{value}")
    async def retry_after(request: web.Request) -> web.Response:
        if state.hits[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": request.match_info["value"]})
        return _html(PAGE_HTML)

    @routes.get("/retry-date")
    async def retry_date(request: web.Request) -> web.Response:
        if state.hits[request.path] == 1:
            now = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
            return web.Response(status=503, headers={
                "Date": format_datetime(now, usegmt=True),
                "Retry-After": format_datetime(now + timedelta(seconds=30), usegmt=True),
            })
        return _html(PAGE_HTML)

    @routes.get("/flaky")
    async def flaky(request: web.Request) -> web.Response:
        if state.hits[request.path] <= state.flaky_failures:
            return _html("<p>busy</p>", status=503)
        return _html(PAGE_HTML)

    @routes.get("/status/{code}")
    async def status(request: web.Request) -> web.Response:
        code = int(request.match_info["code"])
        return _html(f"<html><body>status {code}</body></html>", status=code)

    @routes.get("/charset/{case}")
    async def charset(request: web.Request) -> web.Response:
        case = request.match_info["case"]
        para = f"<p>{CP1252_TEXT}</p>" * 3
        if case == "declared":
            return _html(f"<html><body>{para}</body></html>".encode("cp1252"),
                         "text/html; charset=windows-1252")
        if case == "meta":
            doc = f'<html><head><meta charset="windows-1252"></head><body>{para}</body></html>'
            return _html(doc.encode("cp1252"), "text/html")
        if case == "bare":
            return _html(f"<html><body>{para}</body></html>".encode("cp1252"), "text/html")
        if case == "lying":
            return _html(f"<html><body>{para}</body></html>".encode("cp1252"),
                         "text/html; charset=utf-8")
        if case == "binary":
            return _html(bytes(range(256)) * 40, "text/html")
        raise web.HTTPNotFound()

    @routes.get("/typed/{case}")
    async def typed(request: web.Request) -> web.Response:
        case = request.match_info["case"]
        if case == "pdf":
            return _html(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 500, "application/pdf")
        if case == "rss":
            return _html('<?xml version="1.0"?><rss><channel></channel></rss>',
                         "application/rss+xml")
        if case == "json":
            return _html('{"a": 1}', "application/json")
        if case == "octet-html":
            return _html(PAGE_HTML, "application/octet-stream")
        if case == "octet-png":
            return _html(b"\x89PNG\r\n\x1a\n" + b"\x00" * 300, "application/octet-stream")
        raise web.HTTPNotFound()

    @routes.get("/probe/{i}")
    async def probe(request: web.Request) -> web.Response:
        state.in_flight += 1
        state.max_in_flight = max(state.max_in_flight, state.in_flight)
        if state.clock is not None:
            state.start_times.append(state.clock())
        try:
            await asyncio.sleep(0.02)
        finally:
            state.in_flight -= 1
        return _html(PAGE_HTML)

    app = web.Application(middlewares=[record])
    app.add_routes(routes)
    return app


def make_settings(**overrides: object) -> Settings:
    """Settings for loopback tests: private addresses allowed, tiny delays and timeouts."""
    values: dict[str, object] = {
        "allow_private": True,
        "per_host_delay_s": 0.0,
        "per_host_concurrency": 4,
        "connect_timeout_s": 2.0,
        "read_timeout_s": 2.0,
        "total_timeout_s": 5.0,
        "retry_base_delay_s": 0.5,
        "max_retry_after_s": 60.0,
        "max_body_bytes": 200_000,
        "obey_robots": True,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


async def start_server(state: ServerState) -> tuple[Server, web.AppRunner]:
    """Serve :func:`build_app` on two loopback ports (two "hosts" for per-host bookkeeping)."""
    runner = web.AppRunner(build_app(state), handle_signals=False, shutdown_timeout=0.5)
    await runner.setup()
    ports = []
    for _ in range(2):
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        ports.append(runner.addresses[-1][1])
    return Server(state, ports), runner
