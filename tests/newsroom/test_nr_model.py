"""The pure model: clock, version lookup, fault schedule, listing, expected versions."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from newsroom_helpers import START

from newsdelta.newsroom import Newsroom, SimClock, faults

H = timedelta(hours=1)


def test_frozen_clock_set_and_advance() -> None:
    clock = SimClock(START)
    assert clock.now() == START
    assert clock.advance(timedelta(minutes=90)) == START + timedelta(minutes=90)
    clock.set(START - H)
    assert clock.now() == START - H
    with pytest.raises(ValueError, match="naive"):
        clock.set(datetime(2020, 1, 1))


def test_fast_forward_clock_runs_faster_than_real_time() -> None:
    clock = SimClock.fast_forward(START, speed=3600.0)
    first = clock.now()
    time.sleep(0.01)
    second = clock.now()
    assert second - first >= timedelta(seconds=30)  # >= 0.01 s real at 3600x
    clock.freeze()
    assert clock.speed is None and clock.now() == clock.now()
    with pytest.raises(ValueError):
        SimClock.fast_forward(START, 0)


def _newsroom() -> Newsroom:
    newsroom = Newsroom(SimClock(START))
    outlet = newsroom.add_outlet("o", "O")
    article = outlet.add_article("a", START, title="t1", paragraphs=("p",))
    article.add_version(START + 2 * H, title="t2")
    # Inserted out of order: versions are full snapshots, so the 2H version (copied from
    # v1 when it was scripted) does not inherit this paragraph.
    article.add_version(START + H, paragraphs=("p", "q"))
    article.add_version(START + 3 * H)  # a re-save with no change
    return newsroom


@pytest.mark.parametrize(
    ("offset", "title", "paragraphs", "distinct"),
    [
        (-H, None, None, 0),
        (0 * H, "t1", ("p",), 1),
        (H, "t1", ("p", "q"), 2),
        (2 * H, "t2", ("p",), 3),
        (5 * H, "t2", ("p",), 3),
    ],
)
def test_version_lookup(
    offset: timedelta, title: str | None, paragraphs: tuple[str, ...] | None, distinct: int
) -> None:
    article = _newsroom().article("o", "a")
    version = article.version_at(START + offset)
    assert (version.title if version else None) == title
    assert (version.paragraphs if version else None) == paragraphs
    assert article.distinct_versions_until(START + offset) == distinct


def test_fault_schedule_and_listing() -> None:
    newsroom = _newsroom()
    article = newsroom.article("o", "a")
    article.paywall_at(START + H)
    article.redirect_at(START + 2 * H, "/o/articles/b")
    article.schedule_fault(START + 3 * H, None)
    assert article.fault_at(START) is None
    assert article.fault_at(START + H) == faults.Paywall()
    assert article.fault_at(START + 2 * H) == faults.Moved("/o/articles/b", 301)
    assert article.fault_at(START + 4 * H) is None
    assert [a.slug for a in newsroom.listed_in("o", START + H)] == ["a"]  # paywall: listed
    assert newsroom.listed_in("o", START + 2 * H) == []  # moved: dropped
    assert newsroom.listed_in("o", START - H) == []  # not yet published


def test_expected_versions_uses_clock() -> None:
    newsroom = _newsroom()
    assert newsroom.expected_versions() == {"/o/articles/a": 1}
    newsroom.clock.set(START + 10 * H)
    assert newsroom.expected_versions() == {"/o/articles/a": 3}


def test_duplicates_are_refused() -> None:
    newsroom = _newsroom()
    with pytest.raises(ValueError):
        newsroom.add_outlet("o", "again")
    with pytest.raises(ValueError):
        newsroom.outlet("o").add_article("a", START, title="dup")


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20))
def test_live_version_is_latest_not_after_now(minutes: list[int]) -> None:
    newsroom = Newsroom(SimClock(START))
    article = newsroom.add_outlet("o", "O").add_article(
        "a", START + timedelta(minutes=min(minutes)), title="0"
    )
    for i, m in enumerate(minutes[1:], start=1):
        article.add_version(START + timedelta(minutes=m), title=str(i))
    for probe in (0, 1, 5_000, 10_001):
        now = START + timedelta(minutes=probe)
        version = article.version_at(now)
        eligible = [v.at for v in article.versions if v.at <= now]
        assert (version.at if version else None) == (max(eligible) if eligible else None)
