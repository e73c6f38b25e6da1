"""SSRF guard: address classification, and refusals before any traffic."""

from __future__ import annotations

import ipaddress

import pytest
from fetch_server import Server, make_settings

from newsdelta.errors import PrivateAddressError
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


async def test_resolver_refuses_names_and_caches_verdicts() -> None:
    resolver = guard.GuardedResolver(clock=lambda: 0.0)
    try:
        with pytest.raises(PrivateAddressError):
            await resolver.resolve("localhost", 80)
    finally:
        await resolver.close()
