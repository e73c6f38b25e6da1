"""Tests for newsdelta.core.schedule."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdelta.core.schedule import (
    ScheduleDecision,
    SchedulePolicy,
    ScheduleState,
    after_check,
    age_based_next_check,
    format_duration,
    initial_decision,
    initial_state,
    status_text,
    unchanged_checks_until_retirement,
)
from newsdelta.settings import Settings, SourceOverride

T0 = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
DAY = 86400.0
POLICY = SchedulePolicy()


def delay_s(decision: ScheduleDecision, now: datetime) -> float:
    assert decision.next_check_at is not None
    return float((decision.next_check_at - now).total_seconds())


def test_first_check_at_once() -> None:
    d = initial_decision(POLICY, now=T0)
    assert d.next_check_at == T0
    assert not d.retired
    assert d.state == initial_state(POLICY)
    assert d.state.interval_s == 1800


@pytest.mark.parametrize(
    ("outcomes", "expected_delays"),
    [
        ("U", [2160]),  # a page with no first version yet (404, stub): backs off like any other
        ("UU", [2160, 2592]),
        ("E", [3600]),
        ("EE", [3600, 7200]),
    ],
)
def test_an_article_never_scheduled_backs_off_from_the_first_interval(
    outcomes: str, expected_delays: list[float]
) -> None:
    # The store creates articles with interval 0; 0 x 1.2 polled them every 5 minutes forever.
    state = ScheduleState(interval_s=0.0)
    now = T0
    delays = []
    for o in outcomes:
        d = after_check(POLICY, state, changed=False, error=o == "E", now=now)
        delays.append(delay_s(d, now))
        assert d.next_check_at is not None
        now, state = d.next_check_at, d.state
    assert delays == pytest.approx(expected_delays)


@pytest.mark.parametrize(
    ("outcomes", "expected_delays"),
    [
        # first version found, then unchanged checks: 30 min, x1.2 each time
        ("C", [1800]),
        ("CU", [1800, 2160]),
        ("CUUU", [1800, 2160, 2592, 3110.4]),
        # a change resets the interval whatever it had grown to
        ("CUUUC", [1800, 2160, 2592, 3110.4, 1800]),
        ("CUUCU", [1800, 2160, 2592, 1800, 2160]),
        # errors stretch the current interval x2 per error in a row, without
        # advancing the unchanged back-off; a success resets the error count
        ("CE", [1800, 3600]),
        ("CEE", [1800, 3600, 7200]),
        ("CEEU", [1800, 3600, 7200, 2160]),
        ("CUEU", [1800, 2160, 4320, 2592]),
        ("CEC", [1800, 3600, 1800]),
    ],
)
def test_interval_sequences(outcomes: str, expected_delays: list[float]) -> None:
    state = initial_state(POLICY)
    now = T0
    delays = []
    for o in outcomes:
        d = after_check(POLICY, state, changed=o == "C", error=o == "E", now=now)
        delays.append(delay_s(d, now))
        assert d.next_check_at is not None
        now, state = d.next_check_at, d.state
    assert delays == pytest.approx(expected_delays)


@pytest.mark.parametrize(
    ("policy", "outcomes", "expected_delays"),
    [
        # a source minimum lifts short delays
        (
            SchedulePolicy(min_interval_s=3600),
            "CUUUUU",
            [3600, 3600, 3600, 3600, 3732.48, 4478.976],
        ),
        # a source maximum caps long ones (6 h)
        (
            SchedulePolicy(max_interval_s=21600),
            "C" + "U" * 14,
            [1800 * 1.2**k for k in range(14)] + [21600],
        ),
        # error stretch is capped by the source maximum too
        (SchedulePolicy(max_interval_s=5000), "CEEE", [1800, 3600, 5000, 5000]),
    ],
)
def test_source_overrides_clamp_delays(
    policy: SchedulePolicy, outcomes: str, expected_delays: list[float]
) -> None:
    state = initial_state(policy)
    now = T0
    delays = []
    for o in outcomes:
        d = after_check(policy, state, changed=o == "C", error=o == "E", now=now)
        delays.append(delay_s(d, now))
        assert d.next_check_at is not None
        now, state = d.next_check_at, d.state
    assert delays == pytest.approx(expected_delays)


def simulate_quiet_article(
    policy: SchedulePolicy, horizon: timedelta
) -> tuple[list[datetime], ScheduleDecision]:
    """Check a new article whenever due; it never changes after its first version."""
    checks: list[datetime] = []
    decision = initial_decision(policy, now=T0)
    first = True
    for _ in range(10_000):  # bounded: fails loudly rather than spinning
        due = decision.next_check_at
        if due is None or due > T0 + horizon:
            break
        checks.append(due)
        decision = after_check(policy, decision.state, changed=first, error=False, now=due)
        first = False
    else:
        pytest.fail("schedule never settled")
    return checks, decision


@pytest.mark.parametrize(
    "policy",
    [
        SchedulePolicy(),
        SchedulePolicy(max_interval_s=6 * 3600),  # capped delays: more checks? no, same count
        SchedulePolicy(backoff_factor=1.5, retire_interval_s=10 * DAY),
        SchedulePolicy(interval_after_change_s=600, backoff_factor=1.1, retire_interval_s=7 * DAY),
    ],
    ids=["news-sniffer", "max-6h", "fast", "slow-backoff"],
)
def test_simulated_year_matches_closed_form(policy: SchedulePolicy) -> None:
    checks, final = simulate_quiet_article(policy, timedelta(days=365))
    # Closed form: the k-th unchanged check sets interval = after_change * factor**k;
    # retirement at the first k with interval >= retire. Plus the first check.
    k = math.ceil(
        math.log(policy.retire_interval_s / policy.interval_after_change_s)
        / math.log(policy.backoff_factor)
    )
    assert len(checks) == 1 + k
    assert unchanged_checks_until_retirement(policy) == k
    assert final.retired and final.state.retired
    assert final.next_check_at is None
    # nothing is scheduled after retirement, however long we keep asking
    again = after_check(
        policy, final.state, changed=False, error=False, now=T0 + timedelta(days=400)
    )
    assert again.retired and again.next_check_at is None
    again = after_check(
        policy, final.state, changed=False, error=True, now=T0 + timedelta(days=400)
    )
    assert again.retired and again.next_check_at is None


def test_news_sniffer_numbers() -> None:
    checks, final = simulate_quiet_article(POLICY, timedelta(days=365))
    assert len(checks) == 43  # first check + 42 unchanged ones
    last_gap = (checks[-1] - checks[-2]).total_seconds()
    assert last_gap < 40 * DAY <= last_gap * 1.2
    # the quiet spell before retirement is the geometric series of the intervals
    span = (checks[-1] - checks[0]).total_seconds()
    assert span == pytest.approx(1800 * (1.2**42 - 1) / 0.2)
    assert 200 * DAY < span < 240 * DAY
    assert "40 days" in final.reason


def test_errors_retire_after_max_in_a_row() -> None:
    policy = SchedulePolicy(max_consecutive_errors=3)
    d = after_check(policy, initial_state(policy), changed=True, error=False, now=T0)
    for n in (1, 2):
        d = after_check(policy, d.state, changed=False, error=True, now=T0)
        assert not d.retired and d.state.consecutive_errors == n
    d = after_check(policy, d.state, changed=False, error=True, now=T0)
    assert d.retired and d.next_check_at is None
    assert d.reason == "retired after 3 failed checks in a row"
    assert (
        status_text(d, now=T0) == "won't be checked again (retired after 3 failed checks in a row)"
    )


def test_error_delay_capped_at_retire_interval() -> None:
    state = ScheduleState(interval_s=30 * DAY, consecutive_errors=5)
    d = after_check(POLICY, state, changed=False, error=True, now=T0)
    assert delay_s(d, T0) == 40 * DAY
    assert not d.retired


def test_change_revives_a_retired_article() -> None:
    retired = ScheduleState(interval_s=41 * DAY, retired=True)
    d = after_check(POLICY, retired, changed=True, error=False, now=T0)
    assert not d.retired and delay_s(d, T0) == 1800
    assert d.state.last_change_at == T0


def test_changed_and_error_is_a_bug() -> None:
    with pytest.raises(ValueError):
        after_check(POLICY, initial_state(POLICY), changed=True, error=True, now=T0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"backoff_factor": 0.9},
        {"max_consecutive_errors": 0},
        {"min_interval_s": 600, "max_interval_s": 60},
        {"interval_after_change_s": 0},
    ],
)
def test_invalid_policies_rejected(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        SchedulePolicy(**kwargs)


def test_from_settings_and_source_override() -> None:
    settings = Settings(interval_after_change_s=900, backoff_factor=1.5, min_interval_s=60)
    p = SchedulePolicy.from_settings(settings, None)
    assert (p.interval_after_change_s, p.backoff_factor, p.min_interval_s, p.max_interval_s) == (
        900,
        1.5,
        60,
        None,
    )
    assert p.retire_interval_s == settings.retire_interval_s
    assert p.max_consecutive_errors == settings.max_consecutive_errors
    o = SchedulePolicy.from_settings(
        settings, SourceOverride(min_interval_s=1200, max_interval_s=7200)
    )
    assert (o.min_interval_s, o.max_interval_s) == (1200, 7200)
    half = SchedulePolicy.from_settings(settings, SourceOverride(max_interval_s=7200))
    assert (half.min_interval_s, half.max_interval_s) == (60, 7200)


# --- status text ---------------------------------------------------------------


def test_status_scheduled() -> None:
    d = after_check(
        POLICY,
        initial_state(POLICY),
        changed=True,
        error=False,
        now=datetime(2026, 11, 22, 13, 35, tzinfo=UTC),
    )
    assert status_text(d, now=T0) == "next check at 2026-11-22 14:05 UTC"
    assert status_text(d, now=T0 + timedelta(hours=3)) == "due for a check now"


def test_status_retired_quietly_like_the_seed_page() -> None:
    _, final = simulate_quiet_article(POLICY, timedelta(days=365))
    assert final.state.last_change_at == T0
    now = T0 + timedelta(days=250, hours=5)
    assert status_text(final, now=now) == (
        "last changed over 250 days ago and won't be checked again for changes"
    )


def test_status_of_a_retired_article_seen_from_before_its_last_change_has_no_negative_days() -> None:
    _, final = simulate_quiet_article(POLICY, timedelta(days=365))
    text = status_text(final, now=T0 - timedelta(days=30))  # NEWSDELTA_NOW set back (a replay)
    assert text == "won't be checked again for changes" and "-" not in text


def test_status_never_says_retired_when_scheduled() -> None:
    state = initial_state(POLICY)
    now = T0
    for i in range(30):
        d = after_check(POLICY, state, changed=i == 0, error=i % 7 == 3, now=now)
        assert "won't be checked" not in status_text(d, now=now)
        assert d.next_check_at is not None
        now, state = d.next_check_at, d.state


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (30, "30 s"),
        (1800, "30 min"),
        (3600, "1 h"),
        (9000, "2.5 h"),
        (36000, "10 h"),
        (40 * DAY, "40 days"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


# --- properties -----------------------------------------------------------------

policies = st.builds(
    SchedulePolicy,
    interval_after_change_s=st.floats(60, 7200),
    backoff_factor=st.floats(1.01, 3.0),
    retire_interval_s=st.floats(DAY, 60 * DAY),
    min_interval_s=st.floats(0, 600),
    error_backoff_factor=st.floats(1.0, 4.0),
    max_consecutive_errors=st.integers(1, 20),
)
outcomes = st.lists(st.sampled_from(["C", "U", "E"]), max_size=60)


@given(policies, outcomes)
def test_property_next_check_in_future_and_change_resets(
    policy: SchedulePolicy, seq: list[str]
) -> None:
    state = initial_state(policy)
    now = T0
    for o in seq:
        d = after_check(policy, state, changed=o == "C", error=o == "E", now=now)
        assert d.retired == d.state.retired == (d.next_check_at is None)
        if o == "C":
            assert not d.retired
            assert d.state.interval_s == policy.interval_after_change_s
            assert delay_s(d, now) == pytest.approx(policy.clamp(policy.interval_after_change_s))
        if d.next_check_at is not None:
            assert d.next_check_at > now
            now = d.next_check_at
        else:
            now = now + timedelta(days=1)  # forced check of a retired article
        state = d.state


@given(policies, st.integers(0, 200))
def test_property_unchanged_intervals_monotone(policy: SchedulePolicy, n: int) -> None:
    d = after_check(policy, initial_state(policy), changed=True, error=False, now=T0)
    previous = delay_s(d, T0)
    now = T0
    for _ in range(n):
        assert d.next_check_at is not None
        now = d.next_check_at
        d = after_check(policy, d.state, changed=False, error=False, now=now)
        if d.retired:
            break
        current = delay_s(d, now)
        assert current >= previous
        previous = current
    # once retired, unchanged checks never schedule anything
    if d.retired:
        later = after_check(policy, d.state, changed=False, error=False, now=now)
        assert later.next_check_at is None


# --- NewsDiffs age-based policy --------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "every"),
    [
        (timedelta(0), timedelta(minutes=15)),
        (timedelta(hours=2, minutes=59), timedelta(minutes=15)),
        (timedelta(hours=3), timedelta(hours=1)),
        (timedelta(hours=23), timedelta(hours=1)),
        (timedelta(days=1), timedelta(hours=3)),
        (timedelta(days=6, hours=23), timedelta(hours=3)),
        (timedelta(days=7), timedelta(days=3)),
        (timedelta(days=29), timedelta(days=3)),
        (timedelta(days=30), timedelta(days=30)),
        (timedelta(days=364), timedelta(days=30)),
        (timedelta(days=365), None),
        (timedelta(days=2000), None),
        (-timedelta(hours=5), timedelta(minutes=15)),  # published "in the future": skew
    ],
)
def test_age_based_next_check(age: timedelta, every: timedelta | None) -> None:
    published = T0 - age
    expected = None if every is None else T0 + every
    assert age_based_next_check(published, T0) == expected
