"""CPU cost per request of the fetcher, client side only.

A loopback aiohttp server runs in a separate process (so its CPU does not
count); this process measures ``time.process_time()`` across many requests
for:

* ``200 150KB``: a full GET of a 150 KB HTML page (UTF-8 declared),
* ``304``: a conditional GET answered 304 Not Modified,

each through :class:`newsdelta.fetch.Fetcher` (robots.txt cached, politeness
on with no delay, charset decoding included) and, for scale, through a bare
``aiohttp.ClientSession`` doing ``get`` + ``read``.

Run from the repo root: ``PYTHONPATH=src python benchmarks/bench_fetch.py [--requests 2000]``
(or with newsdelta installed, without ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import time
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection

import aiohttp
from aiohttp import web

from newsdelta.fetch import Fetcher
from newsdelta.settings import Settings

ETAG = '"bench-v1"'
_PARAGRAPH = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing élit. " * 40 + "</p>"
_HEAD = "<!doctype html><html><head><meta charset='utf-8'><title>Bench</title></head><body>"
BODY = (_HEAD + _PARAGRAPH * 70).encode()[: 150 * 1024 - 14] + b"</body></html>"


def _serve(conn: Connection) -> None:
    async def page(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=BODY, headers={
            "Content-Type": "text/html; charset=utf-8", "ETag": ETAG})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/page", page)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        conn.send(runner.addresses[0][1])
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # wait for "stop"
        await runner.cleanup()

    asyncio.run(main())


async def _measure(
    label: str, one: Callable[[], Awaitable[None]], requests: int, concurrency: int
) -> None:
    for _ in range(50):  # warm up: connections, caches
        await one()
    gate = asyncio.Semaphore(concurrency)

    async def bounded() -> None:
        async with gate:
            await one()

    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(bounded() for _ in range(requests)))
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    ms = cpu / requests * 1000
    print(f"{label:<28} {ms:8.3f} ms CPU/request  {1000 / ms:9.0f} req/s per core"
          f"  (wall {requests / wall:7.0f} req/s)")


async def _run(port: int, requests: int, concurrency: int) -> None:
    url = f"http://127.0.0.1:{port}/page"
    settings = Settings(allow_private=True, per_host_delay_s=0.0,
                        per_host_concurrency=concurrency, global_concurrency=concurrency)
    async with Fetcher(settings) as fetcher:
        async def full() -> None:
            result = await fetcher.fetch(url)
            assert result.status == 200 and len(result.body) == len(BODY) and result.text

        async def not_modified() -> None:
            result = await fetcher.fetch(url, etag=ETAG)
            assert result.status == 304

        await _measure("Fetcher 200 150KB", full, requests, concurrency)
        await _measure("Fetcher 304", not_modified, requests, concurrency)
        stats = fetcher.stats
        print(f"  stats: {stats}")

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def raw_full() -> None:
            async with session.get(url) as resp:
                await resp.read()

        async def raw_304() -> None:
            async with session.get(url, headers={"If-None-Match": ETAG}) as resp:
                await resp.read()

        await _measure("bare aiohttp 200 150KB", raw_full, requests, concurrency)
        await _measure("bare aiohttp 304", raw_304, requests, concurrency)


def _stage_costs() -> None:
    """Pure-CPU stages of the 200 path, measured alone (no I/O)."""
    from newsdelta.fetch.charset import decode_text

    n = 500
    t0 = time.process_time()
    for _ in range(n):
        decode_text(BODY, "utf-8")
    ms = (time.process_time() - t0) / n * 1000
    print(f"{'  stage: decode 150KB utf-8':<28} {ms:8.3f} ms CPU (part of the 200 figure)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    parent, child = mp.Pipe()
    server = mp.Process(target=_serve, args=(child,), daemon=True)
    server.start()
    try:
        port = parent.recv()
        print(f"{args.requests} requests per case, concurrency {args.concurrency}, "
              f"body {len(BODY)} bytes, server in pid {server.pid}")
        asyncio.run(_run(port, args.requests, args.concurrency))
        _stage_costs()
    finally:
        parent.send("stop")
        server.join(5)
        if server.is_alive():
            server.terminate()


if __name__ == "__main__":
    main()
