"""What the newsroom server saw: the request log tests read to prove politeness.

Thread-safe: the server may run in another thread (``start_in_thread``)
while the test reads. Every read returns a copy.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request as the server answered it."""

    method: str
    path: str
    query: str
    status: int
    """Final status; 499 when the client went away before an answer was chosen."""
    headers: Mapping[str, str]
    """Request headers (last value wins for repeated names)."""
    outlet: str | None
    started: float
    """``time.monotonic()`` at arrival."""
    finished: float


class RequestStats:
    """Counts, a log, and the peak number of requests in flight (overall and per outlet)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._log: list[LoggedRequest] = []
        self._in_flight = 0
        self._max_in_flight = 0
        self._in_flight_by_outlet: Counter[str] = Counter()
        self._max_by_outlet: dict[str, int] = {}

    # --- written by the server ---------------------------------------------

    def enter(self, outlet: str | None) -> float:
        """A request arrived; returns its start time for :meth:`leave`."""
        with self._lock:
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            if outlet is not None:
                self._in_flight_by_outlet[outlet] += 1
                current = self._in_flight_by_outlet[outlet]
                self._max_by_outlet[outlet] = max(self._max_by_outlet.get(outlet, 0), current)
        return time.monotonic()

    def leave(
        self,
        *,
        method: str,
        path: str,
        query: str,
        status: int,
        headers: Mapping[str, str],
        outlet: str | None,
        started: float,
    ) -> None:
        entry = LoggedRequest(
            method, path, query, status, dict(headers), outlet, started, time.monotonic()
        )
        with self._lock:
            self._in_flight -= 1
            if outlet is not None:
                self._in_flight_by_outlet[outlet] -= 1
            self._log.append(entry)

    # --- read by tests ------------------------------------------------------

    @property
    def log(self) -> list[LoggedRequest]:
        """Every finished request, in order of completion."""
        with self._lock:
            return list(self._log)

    @property
    def total(self) -> int:
        with self._lock:
            return len(self._log)

    def count(self, path: str, *, status: int | None = None) -> int:
        """Finished requests for ``path`` (query ignored), optionally only with ``status``."""
        with self._lock:
            return sum(
                1 for e in self._log if e.path == path and (status is None or e.status == status)
            )

    def per_path(self) -> dict[str, int]:
        with self._lock:
            return dict(Counter(e.path for e in self._log))

    def statuses(self, path: str) -> list[int]:
        with self._lock:
            return [e.status for e in self._log if e.path == path]

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    def max_in_flight_for(self, outlet: str) -> int:
        with self._lock:
            return self._max_by_outlet.get(outlet, 0)

    @property
    def max_in_flight_by_outlet(self) -> dict[str, int]:
        with self._lock:
            return dict(self._max_by_outlet)

    def reset(self) -> None:
        """Forget everything seen so far (requests in flight stay counted)."""
        with self._lock:
            self._log.clear()
            self._max_in_flight = self._in_flight
            self._max_by_outlet = {k: v for k, v in self._in_flight_by_outlet.items() if v > 0}


__all__ = ["LoggedRequest", "RequestStats"]
