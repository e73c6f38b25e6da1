"""Done-when 2: chrome never makes a version; scripted edits make exactly their versions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

from newsdelta.newsroom import DEFAULT_START, chrome_scenario, scripted_edits_scenario


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path, per_host_concurrency="8"))
    yield t
    t.close()


def test_chrome_only_changes_make_no_versions(tracker: Tracker, serve: Any) -> None:
    newsroom = chrome_scenario(100, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    first = tracker.pass_at(DEFAULT_START)
    assert first.new_articles == 100 and first.errors == 0, first.to_dict()
    urls = [a.url for a in tracker.store.list_articles(limit=1000)]
    now = DEFAULT_START
    unchanged = 0
    for _ in range(19):  # 20 checks per article in all
        now += timedelta(minutes=20)
        newsroom.clock.set(now)
        summary = tracker.pass_at(now, urls)
        assert summary.errors == 0, summary.to_dict()
        assert summary.new_versions == 0, summary.to_dict()
        unchanged += summary.unchanged
    assert unchanged == 19 * 100
    assert all(a.version_count == 1 for a in tracker.store.list_articles(limit=1000))
    # Chrome changed on every request, so bytes differed and every check was extracted.
    assert sum(s.requests for s in tracker.fetch_stats) >= 2000


def test_scripted_edits_give_exactly_the_scripted_versions(tracker: Tracker, serve: Any) -> None:
    newsroom = scripted_edits_scenario(20, start=DEFAULT_START, validators=True, seed=3)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    now = DEFAULT_START
    end = DEFAULT_START + timedelta(hours=14)
    tracker.pass_at(now)
    while now < end:
        now += timedelta(minutes=15)
        newsroom.clock.set(now)
        tracker.pass_at(now)  # discovery picks up newly published articles
        urls = [a.url for a in tracker.store.list_articles(limit=1000)]
        tracker.pass_at(now, urls)  # and every article is checked, due or not
    expected = newsroom.expected_versions(now)
    got = {
        a.url.split(server.base_url, 1)[1]: a.version_count
        for a in tracker.store.list_articles(limit=1000)
    }
    assert got == expected
    assert sum(expected.values()) > len(expected), "the scenario must contain edits"


def test_identical_compressed_pages_end_before_inflating(tracker: Tracker, serve: Any) -> None:
    newsroom = chrome_scenario(5, start=DEFAULT_START, validators=False)
    newsroom.static_chrome = True  # byte-identical pages while the article is unchanged
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    assert tracker.pass_at(DEFAULT_START).new_articles == 5
    articles = tracker.store.list_articles(limit=10)
    assert all(a.wire_hash and a.raw_hash for a in articles)  # the newsroom sends gzip
    urls = [a.url for a in articles]

    now = DEFAULT_START + timedelta(minutes=20)
    newsroom.clock.set(now)
    same = tracker.pass_at(now, urls)
    assert same.by_result == {"identical": 5}, same.to_dict()
    # Nothing but robots.txt was inflated: the pages ended at their compressed bytes.
    assert tracker.fetch_stats[-1].bytes_received < 1_000 < tracker.fetch_stats[0].bytes_received

    newsroom.static_chrome = False  # fresh chrome: other bytes, same article
    now += timedelta(minutes=20)
    newsroom.clock.set(now)
    fresh = tracker.pass_at(now, urls)
    assert fresh.by_result == {"unchanged": 5}, fresh.to_dict()
    keys = {a.url: (a.raw_hash, a.wire_hash) for a in tracker.store.list_articles(limit=10)}
    assert all(keys[a.url] != (a.raw_hash, a.wire_hash) for a in articles)
