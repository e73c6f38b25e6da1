"""Back-off policy for retrying a request: pure functions, no I/O, no clock.

The fetcher asks :func:`next_delay` after every failed attempt: "I have
already retried ``attempt`` times, the server answered ``status`` (or the
connection failed: ``status=None``) with this ``Retry-After``; how long do I
wait before trying again, if at all?" ``None`` means "stop and report what you
have".

Rules, in order:

1. Only 429 (Too Many Requests), 5xx except 501/505 (a server that does not
   implement the method or HTTP version will not learn it in a second) and
   connection failures are worth retrying.
2. Never more than ``retries`` retries.
3. A server's ``Retry-After`` is honoured exactly when it is at most
   ``max_retry_after_s``; a longer one means "come back much later", so we
   give up at once rather than block a worker (the scheduler will come back).
4. Otherwise exponential back-off: ``base * 2**attempt``, capped at
   ``max_retry_after_s``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

#: 5xx statuses that retrying cannot fix.
_NOT_RETRYABLE_5XX = frozenset({501, 505})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """The numbers of the back-off policy (from :class:`newsdelta.settings.Settings`)."""

    retries: int = 2
    base_delay_s: float = 1.0
    max_retry_after_s: float = 120.0
    factor: float = 2.0


def is_retryable_status(status: int) -> bool:
    """True for statuses that may succeed if asked again a little later."""
    return status == 429 or (500 <= status <= 599 and status not in _NOT_RETRYABLE_5XX)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header, or ``None`` if absent/invalid.

    The header is either a number of seconds (``"120"``) or an HTTP date
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``), which is measured from ``now``
    (pass the response's ``Date`` header when there is one, so a skewed local
    clock does not matter). Dates in the past mean "now": 0 seconds.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():  # str.isdigit alone accepts "²", which float() refuses
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates come back naive; HTTP dates are GMT
        return None
    return max(0.0, (when - now).total_seconds())


def next_delay(
    policy: RetryPolicy,
    attempt: int,
    status: int | None,
    retry_after_s: float | None = None,
) -> float | None:
    """Seconds to wait before retry number ``attempt + 1``, or ``None`` to give up.

    ``attempt`` counts retries already made (0 after the first request).
    ``status`` is the HTTP status of the failed attempt, ``None`` for a
    connection failure.
    """
    if attempt >= policy.retries:
        return None
    if status is not None and not is_retryable_status(status):
        return None
    if retry_after_s is not None:
        if retry_after_s > policy.max_retry_after_s:
            return None
        return max(0.0, retry_after_s)
    return min(policy.base_delay_s * policy.factor**attempt, policy.max_retry_after_s)


__all__ = ["RetryPolicy", "is_retryable_status", "next_delay", "parse_retry_after"]
