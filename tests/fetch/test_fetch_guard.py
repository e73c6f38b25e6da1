"""SSRF guard: address classification, and refusals before any traffic."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver
from fetch_server import Server, make_settings

from newsdelta.errors import ConnectionFailedError, PrivateAddressError
from newsdelta.fetch import Fetcher, guard


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("10.0.0.1", True),
        ("172.16.5.4", True), ("192.168.1.1", True), ("169.254.169.254", True),
        ("fe80::1", True), ("fc00::1", True), ("0.0.0.0", True), ("::", True),
        ("224.0.0.1", True), ("ff02::1", True), ("240.0.0.1", True), ("100.64.0.1", True),
        ("255.255.255.255", True), ("::ffff:127.0.0.1", True), ("::ffff:10.1.2.3", True),
        ("2002:7f00:1::", True),                     # 6to4 wrapping 127.0.0.1
        ("93.184.216.34", False), ("8.8.8.8", False), ("2606:4700:4700::1111", False),
        ("::ffff:8.8.8.8", False),
    ],
)
def test_address_classification(address: str, forbidden: bool) -> None:
    assert guard.is_forbidden_address(ipaddress.ip_address(address)) is forbidden


@pytest.mark.parametrize(
    ("host", "literal"),
    [("8.8.8.8", True), ("[2606:4700:4700::1111]", True), ("example.com", False),
     ("localhost", False)],
)
def test_check_literal_passes_public_and_names(host: str, literal: bool) -> None:
    assert guard.check_literal(host) is literal


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "10.0.0.1", "[fe80::1%eth0]"])
def test_check_literal_refuses_private(host: str) -> None:
    with pytest.raises(PrivateAddressError):
        guard.check_literal(host)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page",
        "http://[::1]:{port}/page",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://0.0.0.0:{port}/page",
        "http://localhost:{port}/page",            # a name that resolves to loopback
    ],
)
async def test_fetcher_refuses_private_before_connecting(server: Server, url: str) -> None:
    async with Fetcher(make_settings(allow_private=False)) as fetcher:
        with pytest.raises(PrivateAddressError):
            await fetcher.fetch(url.format(port=server.port))
        assert fetcher.stats.requests == 0
    assert sum(server.state.hits.values()) == 0  # not even robots.txt


async def test_redirect_hop_is_rechecked(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend loopback is public (so the test server is reachable) but 10/8 is not:
    # the redirect to 10.0.0.1 must be refused before any connection is tried.
    monkeypatch.setattr(guard, "is_forbidden_address",
                        lambda ip: not ip.is_loopback)
    async with Fetcher(make_settings(allow_private=False, obey_robots=False)) as fetcher:
        with pytest.raises(PrivateAddressError):
            await fetcher.fetch(server.url("/goto?to=http://10.0.0.1/admin"))
        assert fetcher.stats.requests == 1  # the redirecting page only
    assert server.state.hits["/goto"] == 1


def _answer(host: str, *addresses: str) -> list[ResolveResult]:
    return [ResolveResult(hostname=host, host=a, port=80, family=0, proto=0, flags=0)
            for a in addresses]


async def test_resolver_refuses_names_that_resolve_to_loopback() -> None:
    resolver = guard.GuardedResolver(clock=lambda: 0.0)
    with pytest.raises(PrivateAddressError):
        await resolver.resolve("localhost", 80)
    await resolver.close()


@pytest.mark.parametrize(
    ("addresses", "refused"),
    [(("93.184.216.34",), False), (("93.184.216.34", "2606:2800:220:1::1"), False),
     (("93.184.216.34", "10.0.0.5"), True),          # one private answer is enough
     (("fe80::1",), True), (("192.168.0.1",), True)],
)
async def test_resolver_checks_every_answer(
    monkeypatch: pytest.MonkeyPatch, addresses: tuple[str, ...], refused: bool
) -> None:
    calls: list[str] = []

    async def fake_resolve(self: object, host: str, port: int = 0,
                           family: int = 0) -> list[ResolveResult]:
        calls.append(host)
        return _answer(host, *addresses)

    monkeypatch.setattr(ThreadedResolver, "resolve", fake_resolve)
    now = [0.0]
    resolver = guard.GuardedResolver(clock=lambda: now[0])
    for _ in range(2):
        if refused:
            with pytest.raises(PrivateAddressError):
                await resolver.resolve("news.example", 80)
        else:
            assert [r["host"] for r in await resolver.resolve("news.example", 80)] == list(
                addresses)
    # Accepted answers are cached for RESOLVE_CACHE_S; refusals are asked again.
    assert calls == ["news.example"] * (2 if refused else 1)
    now[0] += guard.RESOLVE_CACHE_S + 1
    if not refused:
        await resolver.resolve("news.example", 80)
        assert len(calls) == 2


async def test_resolver_failure_is_a_connection_error(monkeypatch: pytest.MonkeyPatch) -> None:
    async def failing(self: object, host: str, port: int = 0, family: int = 0) -> None:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(ThreadedResolver, "resolve", failing)
    resolver = guard.GuardedResolver()
    with pytest.raises(ConnectionFailedError):
        await resolver.resolve("nowhere.invalid", 80)
