"""Where "now" comes from. ``NEWSDELTA_NOW`` pins it for replays and tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from newsdelta.settings import Settings, parse_instant

Clock = Callable[[], datetime]


def frozen_clock(instant: datetime) -> Clock:
    """Always ``instant``: one-shot commands under ``NEWSDELTA_NOW``."""
    return lambda: instant


def running_clock(start: datetime, speed: float = 1.0) -> Clock:
    """Starts at ``start`` and advances ``speed`` times faster than the wall clock."""
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=(time.monotonic() - origin) * speed)


def clock_for(settings: Settings, *, advancing: bool = False) -> Clock:
    """The command's clock: the wall clock, or ``NEWSDELTA_NOW`` (frozen or advancing)."""
    if not settings.now:
        return lambda: datetime.now(UTC)
    start = parse_instant(settings.now)
    return running_clock(start) if advancing else frozen_clock(start)
