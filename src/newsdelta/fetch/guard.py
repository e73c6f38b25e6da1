"""SSRF guard: never let a tracked URL make newsdelta talk to a private network.

A feed (or a redirect) can point at ``http://169.254.169.254/`` (cloud
metadata), ``http://localhost:6379/`` or a router's admin page. Unless
``allow_private`` is set, every host is checked *before connecting*:

* IP literals are checked directly (:func:`check_literal`); aiohttp never
  resolves those, so this is the only place they can be caught.
* Names are resolved with the event loop's ``getaddrinfo`` by
  :class:`GuardedResolver`, which is also the resolver of the fetcher's
  ``TCPConnector``. The fetcher asks it before each request (so robots.txt is
  not even fetched for a refused host) and aiohttp asks it again when it opens
  a connection; both get the same checked answer from a short cache, and
  aiohttp connects only to addresses that passed the check. That closes the
  DNS-rebinding gap a separate "check, then let the library resolve" would
  leave.

A host is refused if *any* of its addresses is not a public unicast address:
a name that mixes public and private answers is suspicious, not useful.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

from newsdelta.errors import ConnectionFailedError, PrivateAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Seconds a checked resolution is reused (aiohttp's own DNS cache uses 10 s too).
RESOLVE_CACHE_S = 10.0


def is_forbidden_address(ip: IPAddress) -> bool:
    """True for addresses a public web page cannot legitimately live on.

    Private, loopback, link-local, multicast, reserved and unspecified
    addresses, and anything else not globally routable (e.g. 100.64.0.0/10
    carrier-grade NAT). IPv4 addresses embedded in IPv6 (``::ffff:10.0.0.1``,
    6to4, NAT64-style mappings) are judged by the IPv4 address they carry.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return is_forbidden_address(embedded)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def parse_literal(host: str) -> IPAddress | None:
    """The IP address if ``host`` is an IP literal (brackets and zone id allowed), else None."""
    text = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def check_literal(host: str) -> bool:
    """Raise :class:`PrivateAddressError` for a forbidden IP literal; True if ``host`` is one."""
    ip = parse_literal(host)
    if ip is None:
        return False
    if is_forbidden_address(ip):
        raise PrivateAddressError(f"refusing {host}: {ip} is not a public address")
    return True


class GuardedResolver(AbstractResolver):
    """An aiohttp resolver that refuses hosts resolving to non-public addresses."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._inner = ThreadedResolver()
        self._clock = clock
        self._cache: dict[tuple[str, int, int], tuple[float, list[ResolveResult]]] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_UNSPEC
    ) -> list[ResolveResult]:
        key = (host.lower(), port, int(family))
        now = self._clock()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        try:
            results = await self._inner.resolve(host, port, family)
        except OSError as exc:
            raise ConnectionFailedError(
                f"cannot resolve {host}: {exc}", detail="cannot resolve the host name"
            ) from exc
        for result in results:
            ip = parse_literal(result["host"])
            if ip is None or is_forbidden_address(ip):
                raise PrivateAddressError(
                    f"refusing {host}: it resolves to {result['host']}, not a public address"
                )
        if len(self._cache) > 4096:  # bounded: drop everything rather than track ages
            self._cache.clear()
        self._cache[key] = (now + RESOLVE_CACHE_S, results)
        return results

    async def close(self) -> None:
        await self._inner.close()


__all__ = [
    "RESOLVE_CACHE_S",
    "GuardedResolver",
    "check_literal",
    "is_forbidden_address",
    "parse_literal",
]
