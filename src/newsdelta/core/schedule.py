"""When to check an article again, and when to stop: a pure policy.

News Sniffer's policy, the default:

* a newly tracked article is checked at once;
* after a check that found a change, the next check is 30 minutes later;
* every unchanged check multiplies the interval by 1.2;
* once the interval reaches 40 days the article is *retired*: never
  scheduled again.

With the defaults that is 42 unchanged checks after the last change, spread
over roughly 220 days (the intervals form a geometric series).

Errors (timeouts, 5xx after retries, ...) back off separately: the delay is the
current interval times ``error_backoff_factor`` per consecutive error, and after
``max_consecutive_errors`` failures in a row the article is retired with that
reason. Errors are not evidence that the article stopped changing, so they do
not advance the unchanged back-off.

Per-source overrides clamp the *delay* to ``[min_interval_s, max_interval_s]``
but never change *when* an article retires: retirement is decided on the
unclamped interval, so a source checked at least every 6 hours still retires
after the same number of quiet checks instead of being polled forever.

Also here: :func:`age_based_next_check`, NewsDiffs' alternative policy that
depends only on the article's age.

Nothing in this module reads the clock; ``now`` is always a parameter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # core/ must not import settings at run time (see docs/architecture.md)
    from newsdelta.settings import Settings, SourceOverride


@dataclass(frozen=True)
class SchedulePolicy:
    """The numbers of the re-check policy. Defaults are News Sniffer's."""

    interval_after_change_s: float = 1800.0
    backoff_factor: float = 1.2
    retire_interval_s: float = 40 * 86400.0
    min_interval_s: float = 300.0
    max_interval_s: float | None = None
    error_backoff_factor: float = 2.0
    max_consecutive_errors: int = 12

    def __post_init__(self) -> None:
        if self.interval_after_change_s <= 0:
            raise ValueError("interval_after_change_s must be > 0")
        if self.backoff_factor < 1.0 or self.error_backoff_factor < 1.0:
            raise ValueError("back-off factors must be >= 1")
        if self.max_consecutive_errors < 1:
            raise ValueError("max_consecutive_errors must be >= 1")
        if self.max_interval_s is not None and self.max_interval_s < self.min_interval_s:
            raise ValueError("max_interval_s must be >= min_interval_s")

    @classmethod
    def from_settings(
        cls, settings: Settings, source_override: SourceOverride | None = None
    ) -> SchedulePolicy:
        """The policy for one source: global settings, then the source's overrides."""
        min_interval = settings.min_interval_s
        max_interval: float | None = None
        if source_override is not None:
            if source_override.min_interval_s is not None:
                min_interval = float(source_override.min_interval_s)
            if source_override.max_interval_s is not None:
                max_interval = float(source_override.max_interval_s)
        return cls(
            interval_after_change_s=settings.interval_after_change_s,
            backoff_factor=settings.backoff_factor,
            retire_interval_s=settings.retire_interval_s,
            min_interval_s=min_interval,
            max_interval_s=max_interval,
            error_backoff_factor=settings.error_backoff_factor,
            max_consecutive_errors=settings.max_consecutive_errors,
        )

    def clamp(self, seconds: float) -> float:
        """A delay limited to ``[min_interval_s, max_interval_s]``."""
        seconds = max(seconds, self.min_interval_s)
        if self.max_interval_s is not None:
            seconds = min(seconds, self.max_interval_s)
        return seconds


@dataclass(frozen=True)
class ScheduleState:
    """What the policy remembers about one article between checks (stored per article).

    ``interval_s`` is the unclamped quiet interval: 30 min after a change,
    growing by ``backoff_factor`` per unchanged check. The actual delay is this
    clamped by the source's min/max (and stretched by errors).
    """

    interval_s: float
    consecutive_errors: int = 0
    last_change_at: datetime | None = None
    retired: bool = False


@dataclass(frozen=True)
class ScheduleDecision:
    """The outcome of the policy for one check: new state and when to look again.

    ``next_check_at`` is ``None`` exactly when ``retired`` is true. ``reason``
    is a short human explanation, stored with the check and shown in history.
    """

    state: ScheduleState
    next_check_at: datetime | None
    retired: bool
    reason: str


def initial_state(policy: SchedulePolicy) -> ScheduleState:
    """State of an article that has never been checked."""
    return ScheduleState(interval_s=policy.interval_after_change_s)


def initial_decision(policy: SchedulePolicy, *, now: datetime) -> ScheduleDecision:
    """Decision for a newly tracked article: first check at once."""
    return ScheduleDecision(
        state=initial_state(policy), next_check_at=now, retired=False, reason="new: check at once"
    )


def after_check(
    policy: SchedulePolicy,
    state: ScheduleState,
    *,
    changed: bool,
    error: bool,
    now: datetime,
) -> ScheduleDecision:
    """Apply the policy to the outcome of one check made at ``now``.

    ``changed``: the check stored a new version (the first version of a new
    article counts as a change). ``error``: the check failed (no text to
    compare). Both at once is a caller bug.

    A retired article stays retired after unchanged or failed checks (they can
    only happen when a user forces a check); a change found that way brings it
    back to life with the after-change interval.
    """
    if changed and error:
        raise ValueError("a check cannot both fail and find a change")
    if state.interval_s <= 0:
        # Tracked but never scheduled (the store creates articles with interval 0):
        # back off from the first interval, or 0 x 1.2 would poll at the minimum forever.
        state = replace(state, interval_s=policy.interval_after_change_s)

    if changed:
        fresh = ScheduleState(
            interval_s=policy.interval_after_change_s, consecutive_errors=0, last_change_at=now
        )
        delay = policy.clamp(fresh.interval_s)
        return ScheduleDecision(
            state=fresh,
            next_check_at=now + timedelta(seconds=delay),
            retired=False,
            reason=f"changed: next check in {format_duration(delay)}",
        )

    if state.retired:
        return ScheduleDecision(state=state, next_check_at=None, retired=True, reason="retired")

    if error:
        errors = state.consecutive_errors + 1
        if errors >= policy.max_consecutive_errors:
            retired = ScheduleState(
                interval_s=state.interval_s,
                consecutive_errors=errors,
                last_change_at=state.last_change_at,
                retired=True,
            )
            return ScheduleDecision(
                state=retired,
                next_check_at=None,
                retired=True,
                reason=f"retired after {errors} failed checks in a row",
            )
        # Stretch the current interval, capped at the retirement interval: the
        # longest this policy ever waits between two checks.
        stretched = state.interval_s * policy.error_backoff_factor**errors
        delay = policy.clamp(min(stretched, policy.retire_interval_s))
        return ScheduleDecision(
            state=ScheduleState(
                interval_s=state.interval_s,
                consecutive_errors=errors,
                last_change_at=state.last_change_at,
            ),
            next_check_at=now + timedelta(seconds=delay),
            retired=False,
            reason=f"error {errors} in a row: retry in {format_duration(delay)}",
        )

    interval = state.interval_s * policy.backoff_factor
    if interval >= policy.retire_interval_s:
        return ScheduleDecision(
            state=ScheduleState(
                interval_s=interval,
                consecutive_errors=0,
                last_change_at=state.last_change_at,
                retired=True,
            ),
            next_check_at=None,
            retired=True,
            reason=(
                "retired: re-check interval reached "
                f"{format_duration(policy.retire_interval_s)} without a change"
            ),
        )
    delay = policy.clamp(interval)
    return ScheduleDecision(
        state=ScheduleState(
            interval_s=interval, consecutive_errors=0, last_change_at=state.last_change_at
        ),
        next_check_at=now + timedelta(seconds=delay),
        retired=False,
        reason=f"unchanged: next check in {format_duration(delay)}",
    )


def unchanged_checks_until_retirement(policy: SchedulePolicy) -> int:
    """How many unchanged checks after a change retire an article (closed form).

    The k-th unchanged check sets the interval to ``after_change * factor**k``;
    retirement happens at the first k where that reaches ``retire_interval_s``.
    """
    if policy.interval_after_change_s >= policy.retire_interval_s:
        return 1
    if policy.backoff_factor == 1.0:
        raise ValueError("with backoff_factor 1 an unchanged article never retires")
    ratio = policy.retire_interval_s / policy.interval_after_change_s
    return math.ceil(math.log(ratio) / math.log(policy.backoff_factor))


def format_duration(seconds: float) -> str:
    """A short human duration: ``45 s``, ``36 min``, ``2.5 h``, ``40 days``."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        hours = seconds / 3600
        return f"{hours:.0f} h" if hours >= 10 else f"{hours:.1f} h".replace(".0 h", " h")
    return f"{seconds / 86400:.0f} days"


def status_text(decision: ScheduleDecision, *, now: datetime) -> str:
    """What to tell a reader about an article's schedule, honestly.

    * scheduled: ``next check at 2026-11-22 14:05 UTC`` (or ``due for a check
      now`` when that time has passed: the runner is behind, and saying a past
      time is "next" would be misleading);
    * retired after going quiet: ``last changed over N days ago and won't be
      checked again for changes`` (N from the actual last change);
    * retired for another reason: ``won't be checked again (retired after 12
      failed checks in a row)``.

    "Won't be checked again" appears only when the decision is really retired.
    """
    if not decision.retired:
        if decision.next_check_at is None:  # inconsistent input: say nothing false
            return "not scheduled"
        if decision.next_check_at <= now:
            return "due for a check now"
        when = decision.next_check_at.astimezone(UTC)
        return f"next check at {when:%Y-%m-%d %H:%M} UTC"
    last = decision.state.last_change_at
    quiet = decision.state.consecutive_errors == 0
    if quiet and last is not None and last <= now:
        days = int((now - last).total_seconds() // 86400)
        return f"last changed over {days} days ago and won't be checked again for changes"
    if quiet and last is not None:  # "now" set before the last change (a replay): no negative days
        return "won't be checked again for changes"
    return f"won't be checked again ({decision.reason or 'retired'})"


# --- NewsDiffs' age-based policy ----------------------------------------------------

_AGE_BANDS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=3), timedelta(minutes=15)),
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(hours=3)),
    (timedelta(days=30), timedelta(days=3)),
    (timedelta(days=365), timedelta(days=30)),
)
"""(article younger than, check every) pairs, youngest first."""


def age_based_next_check(published_at: datetime, now: datetime) -> datetime | None:
    """NewsDiffs' schedule: the check interval depends only on the article's age.

    Every 15 min while under 3 h old, hourly under a day, every 3 h under a
    week, every 3 days under 30 days, every 30 days under a year, then never
    (``None``). A publication time in the future (clock skew) counts as age 0.
    """
    age = max(now - published_at, timedelta(0))
    for younger_than, every in _AGE_BANDS:
        if age < younger_than:
            return now + every
    return None


__all__ = [
    "ScheduleDecision",
    "SchedulePolicy",
    "ScheduleState",
    "after_check",
    "age_based_next_check",
    "format_duration",
    "initial_decision",
    "initial_state",
    "status_text",
    "unchanged_checks_until_retirement",
]
