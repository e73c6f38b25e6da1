"""Table and property tests of the pure back-off policy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdelta.fetch.retry import RetryPolicy, is_retryable_status, next_delay, parse_retry_after

POLICY = RetryPolicy(retries=3, base_delay_s=1.0, max_retry_after_s=120.0)
NOW = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "expected"),
    [(429, True), (500, True), (502, True), (503, True), (504, True), (599, True),
     (501, False), (505, False), (200, False), (304, False), (404, False), (403, False),
     (410, False), (451, False), (401, False), (402, False)],
)
def test_retryable_statuses(status: int, expected: bool) -> None:
    assert is_retryable_status(status) is expected


@pytest.mark.parametrize(
    ("attempt", "status", "retry_after", "expected"),
    [
        (0, 503, None, 1.0),        # exponential: base * 2**attempt
        (1, 503, None, 2.0),
        (2, 429, None, 4.0),
        (3, 503, None, None),       # retries exhausted
        (0, None, None, 1.0),       # connection failure
        (2, None, None, 4.0),
        (3, None, None, None),
        (0, 404, None, None),       # not retryable
        (0, 501, None, None),
        (0, 429, 7.0, 7.0),         # Retry-After honoured exactly
        (1, 503, 0.0, 0.0),
        (0, 429, 120.0, 120.0),     # at the cap: still honoured
        (0, 429, 121.0, None),      # above the cap: give up, do not block
        (3, 429, 5.0, None),        # exhausted even with Retry-After
    ],
)
def test_next_delay_table(
    attempt: int, status: int | None, retry_after: float | None, expected: float | None
) -> None:
    assert next_delay(POLICY, attempt, status, retry_after) == expected


def test_exponential_delay_is_capped() -> None:
    policy = RetryPolicy(retries=20, base_delay_s=1.0, max_retry_after_s=30.0)
    assert next_delay(policy, 10, 503) == 30.0


def test_zero_retries_never_retries() -> None:
    assert next_delay(RetryPolicy(retries=0), 0, 503) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("-5", None),
        ("1.5", None),                                  # RFC 9110: delay-seconds is an integer
        ("soon", None),
        ("\u00b2", None),                               # digits to str.isdigit, not to float()
        ("12\u00b3", None),
        ("\u0661\u0662", None),                         # Arabic-Indic digits: not HTTP's DIGIT
        ("9" * 5000, float("inf")),                     # far too long: the policy gives up on it
        ("Wed, 01 May 2024 10:00:30 GMT", 30.0),
        ("Wed, 01 May 2024 09:59:00 GMT", 0.0),         # in the past: now
        ("Wed, 01 May 2024 11:00:00 GMT", 3600.0),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


@given(
    retries=st.integers(0, 10),
    base=st.floats(0.0, 100.0),
    cap=st.floats(0.0, 1000.0),
    attempt=st.integers(0, 20),
    status=st.one_of(st.none(), st.integers(100, 599)),
    retry_after=st.one_of(st.none(), st.floats(0.0, 5000.0)),
)
def test_delay_invariants(
    retries: int, base: float, cap: float, attempt: int, status: int | None,
    retry_after: float | None,
) -> None:
    policy = RetryPolicy(retries=retries, base_delay_s=base, max_retry_after_s=cap)
    delay = next_delay(policy, attempt, status, retry_after)
    if attempt >= retries or (status is not None and not is_retryable_status(status)):
        assert delay is None
    if delay is not None:
        assert 0.0 <= delay <= cap  # never blocks longer than the cap
        if retry_after is not None:
            assert delay == retry_after
