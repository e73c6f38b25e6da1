"""Done-when 3 and 4: a simulated year follows the policy; 304s, robots.txt, per-host limits."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

from newsdelta.core.model import CheckResult
from newsdelta.newsroom import DEFAULT_START, Newsroom, chrome_scenario, faults


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path))
    yield t
    t.close()


def _one_outlet(n: int, validators: bool) -> tuple[Newsroom, str]:
    newsroom = chrome_scenario(n, start=DEFAULT_START, validators=validators)
    return newsroom, next(iter(newsroom.outlets))


def test_simulated_year_fetch_count_follows_policy(tracker: Tracker, serve: Any) -> None:
    newsroom, outlet = _one_outlet(3, validators=True)
    server = serve(newsroom)
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    now = DEFAULT_START
    end = DEFAULT_START + timedelta(days=365)
    passes = 0
    while passes < 500:
        newsroom.clock.set(now)
        tracker.pass_at(now)
        passes += 1
        next_due = tracker.store.next_due_at()
        if next_due is None or next_due > end:
            break
        now = max(now, next_due)
    settings = tracker.settings
    # First check, then unchanged checks at 30 min x 1.2^k until the interval reaches 40 days.
    unchanged = math.ceil(
        math.log(settings.retire_interval_s / settings.interval_after_change_s)
        / math.log(settings.backoff_factor)
    )
    expected_checks = 1 + unchanged
    articles = tracker.store.list_articles(limit=10)
    assert len(articles) == 3
    for article in articles:
        path = article.url.split(server.base_url, 1)[1]
        assert article.retired, article
        assert article.checks_count == expected_checks
        assert server.stats.count(path) == expected_checks
    # Nothing is fetched after retirement, however long the tracker keeps running.
    before = server.stats.total
    for extra in range(1, 4):
        later = now + timedelta(days=30 * extra)
        newsroom.clock.set(later)
        tracker.pass_at(later)
    article_requests = [r for r in server.stats.log[before:] if "/articles/" in r.path]
    assert article_requests == []


def test_unchanged_checks_against_etag_newsroom_end_in_304(tracker: Tracker, serve: Any) -> None:
    newsroom, outlet = _one_outlet(10, validators=True)
    server = serve(newsroom)
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    assert tracker.pass_at(DEFAULT_START).new_articles == 10
    urls = [a.url for a in tracker.store.list_articles()]
    later = DEFAULT_START + timedelta(hours=1)
    newsroom.clock.set(later)
    summary = tracker.pass_at(later, urls)
    assert summary.not_modified == 10, summary.to_dict()
    assert summary.by_result[CheckResult.NOT_MODIFIED.value] == 10
    statuses = {
        r.status
        for r in server.stats.log
        if "/articles/" in r.path and r.headers.get("If-None-Match")
    }
    assert statuses == {304}


def test_robots_disallowed_pages_are_never_fetched(tracker: Tracker, serve: Any) -> None:
    newsroom, outlet = _one_outlet(4, validators=False)
    target = next(iter(newsroom.articles()))
    newsroom.robots_disallow.append(target.path)
    server = serve(newsroom)
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 3
    assert summary.by_result[CheckResult.SKIPPED.value] == 1
    assert server.stats.count(target.path) == 0
    article = tracker.store.find_article(server.url_for(target))
    assert article.version_count == 0
    (event,) = tracker.store.list_events(article.id)
    # The code first (scripts match on it), then what a person reads.
    assert event.reason is not None and event.reason.startswith("robots_disallowed: robots.txt of ")
    assert "disallows" in event.reason


@pytest.mark.parametrize("limit", [1, 3])
def test_per_host_concurrency_never_exceeds_setting(tmp_path: Path, serve: Any, limit: int) -> None:
    newsroom, outlet = _one_outlet(24, validators=False)
    for article in newsroom.articles():
        article.set_fault(faults.Slow(0.05))
    server = serve(newsroom)
    tracker = Tracker(make_settings(tmp_path, per_host_concurrency=str(limit)))
    try:
        tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
        summary = tracker.pass_at(DEFAULT_START)
        assert summary.new_articles == 24, summary.to_dict()
    finally:
        tracker.close()
    assert server.stats.max_in_flight == limit
