"""Human phrases for time spans: "about 3 hours later", "2 days ago".

Buckets follow the long-used Rails ``distance_of_time_in_words`` scale, so
phrases round the way readers expect ("about" where the span is rounded).
Always computed with :meth:`timedelta.total_seconds`.
"""

from __future__ import annotations

from datetime import timedelta

_MINUTE = 60.0
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_MONTH = 30 * _DAY
_YEAR = 365 * _DAY


def _round(x: float) -> int:
    """Half up, as readers round (Python's round() sends 2.5 to 2 and 3.5 to 4)."""
    return int(x + 0.5)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def distance(delta: timedelta) -> str:
    """The size of ``delta`` in words, sign ignored ("about 3 hours")."""
    s = abs(delta.total_seconds())
    if s < 30:
        return "less than a minute"
    if s < 90:
        return "about a minute"
    minutes = _round(s / _MINUTE)  # Rails rounds to whole minutes first
    if minutes < 45:
        return _plural(minutes, "minute")
    if minutes < 90:
        return "about an hour"
    if s < 23.5 * _HOUR:
        return "about " + _plural(_round(minutes / 60), "hour")
    if s < 42 * _HOUR:
        return "1 day"
    if s < 30 * _DAY:
        return _plural(_round(s / _DAY), "day")
    if s < 45 * _DAY:
        return "about 1 month"
    if s < 60 * _DAY:
        return "about 2 months"
    if s < _YEAR:
        return _plural(_round(s / _MONTH), "month")
    years = int(s // _YEAR)
    rest = s - years * _YEAR
    if rest < 0.25 * _YEAR:
        return "about " + _plural(years, "year")
    if rest < 0.75 * _YEAR:
        return "over " + _plural(years, "year")
    return "almost " + _plural(years + 1, "year")


def human_delta(delta: timedelta) -> str:
    """Time between two versions: "about 3 hours later" (or "... earlier")."""
    if delta.total_seconds() == 0:
        return "at the same time"
    return distance(delta) + (" later" if delta.total_seconds() > 0 else " earlier")


def human_ago(delta: timedelta) -> str:
    """Time since something happened: "2 days ago" (``delta`` = now - then)."""
    if delta.total_seconds() < 0:
        return "in " + distance(delta)
    return distance(delta) + " ago"
