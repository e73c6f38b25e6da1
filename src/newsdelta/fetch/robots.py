"""robots.txt: fetch once per origin, cache, answer "may newsdelta fetch this URL?".

Parsing and matching are done by `Protego <https://github.com/scrapy/protego>`_
(Scrapy's parser): it implements RFC 9309 and Google's conventions that news
sites rely on (``*`` and ``$`` wildcards, longest match wins, ``Allow``), which
the standard library's ``urllib.robotparser`` does not.

How a robots.txt answer is read (RFC 9309 section 2.3.1, with one deliberate
difference):

=====================  ===============================  =====================
robots.txt answer      rules                            cached for
=====================  ===============================  =====================
2xx                    the file's rules                 ``robots_cache_s``
4xx (not 429)          allow everything                 ``robots_cache_s``
429, 5xx, unreachable  allow everything (*)             ``ERROR_CACHE_S``
=====================  ===============================  =====================

(*) RFC 9309 says to assume "disallow all" when robots.txt is unreachable;
newsdelta is told to allow instead (a news site whose robots.txt flakes should
not silently stop being tracked), but remembers that answer only briefly so
the real file is read as soon as it is back.

The cache is keyed by origin (scheme, host, port), as robots.txt is. Only one
fetch per origin is in flight at a time: twenty parallel first requests to a
site cause one robots.txt request, not twenty.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

from newsdelta.errors import FetchError

#: The product token robots.txt groups are matched against.
PRODUCT_TOKEN = "newsdelta"
#: How long an "unreachable / server error" verdict is remembered.
ERROR_CACHE_S = 60.0
#: robots.txt bytes read at most (Google reads 500 KiB; the rest is ignored).
MAX_ROBOTS_BYTES = 512_000

RobotsFetch = Callable[[str], Awaitable[tuple[int, bytes]]]
"""Fetches a robots.txt URL and returns ``(status, body)``; raises FetchError on failure."""


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules for one origin: a parsed file, or ``None`` meaning "allow everything"."""

    parser: Protego | None
    expires: float

    def allows(self, url: str, agent: str = PRODUCT_TOKEN) -> bool:
        return self.parser is None or bool(self.parser.can_fetch(url, agent))


def rules_from_response(
    status: int | None, body: bytes, *, now: float, ttl_s: float
) -> RobotsRules:
    """Turn a robots.txt answer (``status=None``: unreachable) into cached rules."""
    if status is not None and 200 <= status < 300:
        # Robots files are UTF-8 by RFC 9309; replacement keeps a stray byte from losing a file.
        return RobotsRules(Protego.parse(body.decode("utf-8", "replace")), now + ttl_s)
    if status is not None and 400 <= status < 500 and status != 429:
        return RobotsRules(None, now + ttl_s)
    return RobotsRules(None, now + min(ttl_s, ERROR_CACHE_S))


def robots_url(origin: str) -> str:
    """``https://example.com:8443`` -> ``https://example.com:8443/robots.txt``."""
    return origin.rstrip("/") + "/robots.txt"


class RobotsCache:
    """Per-origin robots.txt rules, fetched on demand through a given function."""

    def __init__(
        self,
        *,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
        agent: str = PRODUCT_TOKEN,
    ) -> None:
        self._ttl = ttl_s
        self._clock = clock
        self._agent = agent
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str, origin: str, fetch: RobotsFetch) -> bool:
        """True if robots.txt of ``origin`` lets our product token fetch ``url``."""
        rules = self._rules.get(origin)
        if rules is None or rules.expires <= self._clock():
            rules = await self._refresh(origin, fetch)
        return rules.allows(url, self._agent)

    async def _refresh(self, origin: str, fetch: RobotsFetch) -> RobotsRules:
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            # Another task may have fetched it while we waited for the lock.
            rules = self._rules.get(origin)
            if rules is not None and rules.expires > self._clock():
                return rules
            try:
                status, body = await fetch(robots_url(origin))
            except FetchError:
                status, body = None, b""
            rules = rules_from_response(status, body, now=self._clock(), ttl_s=self._ttl)
            self._rules[origin] = rules
            return rules


__all__ = [
    "ERROR_CACHE_S",
    "MAX_ROBOTS_BYTES",
    "PRODUCT_TOKEN",
    "RobotsCache",
    "RobotsFetch",
    "RobotsRules",
    "robots_url",
    "rules_from_response",
]
