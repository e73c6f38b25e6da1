"""Per-host politeness: how many requests may be in flight, and how often they may start.

One :class:`Politeness` object is shared by every request of a
:class:`~newsdelta.fetch.client.Fetcher` (robots.txt fetches included). A
request holds a :meth:`Politeness.slot` for exactly the time it talks to the
server; back-off sleeps between retries and redirect hops happen outside it.

Order of acquisition, and why:

1. the host's semaphore (``per_host_concurrency``): waiting here costs nothing
   global, so a slow host cannot starve the others;
2. the global semaphore (``global_concurrency``);
3. the host's start spacing (``per_host_delay_s``): the start time is reserved
   under a per-host lock *after* the global slot is held, so the gap measured is
   between real starts. At most ``per_host_concurrency`` global slots per host
   can be held while waiting for spacing.

Time comes from injected ``clock``/``sleep`` functions so tests can run with a
fake clock and assert the exact waits.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class _HostGate:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float | None = None
    in_flight: int = 0


class Politeness:
    """Per-host and global concurrency limits plus a minimum gap between starts per host."""

    def __init__(
        self,
        *,
        per_host_concurrency: int,
        per_host_delay_s: float,
        global_concurrency: int,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float],
    ) -> None:
        self._per_host = per_host_concurrency
        self._delay = per_host_delay_s
        self._global = asyncio.Semaphore(global_concurrency)
        self._sleep = sleep
        self._clock = clock
        self._gates: dict[str, _HostGate] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        """Highest number of requests in flight at once, all hosts together."""
        self.max_in_flight_per_host = 0
        """Highest number of requests in flight at once to any single host."""

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(asyncio.Semaphore(self._per_host))
        return gate

    async def _wait_turn(self, gate: _HostGate) -> None:
        """Sleep until ``per_host_delay_s`` has passed since the host's previous start."""
        if self._delay <= 0:
            return
        async with gate.lock:
            now = self._clock()
            start = now if gate.last_start is None else max(now, gate.last_start + self._delay)
            if start > now:
                await self._sleep(start - now)
            # Reserve the computed start rather than re-reading the clock: a fake
            # clock may not move during a fake sleep, and a real one only moves later.
            gate.last_start = start

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one request slot for ``host`` (a ``host:port`` key) for the body of the block."""
        gate = self._gate(host)
        async with gate.semaphore, self._global:
            await self._wait_turn(gate)
            gate.in_flight += 1
            self.in_flight += 1
            self.max_in_flight_per_host = max(self.max_in_flight_per_host, gate.in_flight)
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            try:
                yield
            finally:
                gate.in_flight -= 1
                self.in_flight -= 1


__all__ = ["Politeness"]
