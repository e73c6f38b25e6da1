from __future__ import annotations

from datetime import timedelta

import pytest

from newsdelta.core.timephrase import distance, human_ago, human_delta


@pytest.mark.parametrize(
    ("delta", "phrase"),
    [
        (timedelta(seconds=5), "less than a minute later"),
        (timedelta(seconds=50), "about a minute later"),
        (timedelta(minutes=7), "7 minutes later"),
        (timedelta(minutes=60), "about an hour later"),
        (timedelta(hours=3), "about 3 hours later"),
        (timedelta(hours=2, minutes=50), "about 3 hours later"),
        (timedelta(hours=30), "1 day later"),
        (timedelta(days=2), "2 days later"),
        (timedelta(days=40), "about 1 month later"),
        (timedelta(days=50), "about 2 months later"),
        (timedelta(days=200), "7 months later"),
        (timedelta(days=366), "about 1 year later"),
        (timedelta(days=550), "over 1 year later"),
        (timedelta(days=700), "almost 2 years later"),
        (timedelta(days=3 * 365 + 10), "about 3 years later"),
        (timedelta(0), "at the same time"),
        (timedelta(hours=-3), "about 3 hours earlier"),
    ],
)
def test_human_delta(delta: timedelta, phrase: str) -> None:
    assert human_delta(delta) == phrase


@pytest.mark.parametrize(
    ("delta", "phrase"),
    [
        (timedelta(days=41), "about 1 month ago"),
        (timedelta(minutes=1), "about a minute ago"),
        (timedelta(hours=-2), "in about 2 hours"),
    ],
)
def test_human_ago(delta: timedelta, phrase: str) -> None:
    assert human_ago(delta) == phrase


@pytest.mark.parametrize(
    ("delta", "phrase"),
    [
        # Found by the diff audit: Python's round() is half-to-even, and the hour and
        # year edges disagreed with the Rails scale the module follows.
        (timedelta(minutes=2, seconds=30), "3 minutes"),
        (timedelta(hours=2, minutes=30), "about 3 hours"),
        (timedelta(hours=3, minutes=30), "about 4 hours"),
        (timedelta(minutes=89), "about an hour"),
        (timedelta(minutes=89, seconds=40), "about 2 hours"),
        (timedelta(days=365), "about 1 year"),
        (timedelta(days=730), "about 2 years"),
    ],
)
def test_halves_round_up_and_a_year_is_365_days(delta: timedelta, phrase: str) -> None:
    assert distance(delta) == phrase
