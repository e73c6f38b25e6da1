"""New versions written in batches come out exactly as versions written one at a time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

from newsdelta.newsroom import DEFAULT_START, scripted_edits_scenario
from newsdelta.store import Store


def _versions(tracker: Tracker, base_url: str) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for article in tracker.store.list_articles(limit=1000):
        out[article.url.split(base_url, 1)[1]] = [
            (m.number, m.fingerprint, m.labels, m.words_added, m.words_removed, m.significance)
            for m in tracker.store.list_versions(article.id)
        ]
    return out


def test_batched_versions_equal_one_at_a_time(
    tmp_path: Path, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch_sizes: list[int] = []
    real = Store.record_checks

    def spy(self: Store, items: Any) -> Any:
        batch_sizes.append(len(items))
        return real(self, items)

    monkeypatch.setattr(Store, "record_checks", spy)
    newsroom = scripted_edits_scenario(24, start=DEFAULT_START, validators=True, seed=11)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    one_by_one = Tracker(make_settings(tmp_path / "a", edit_batch="1", per_host_concurrency="8"))
    batched = Tracker(make_settings(tmp_path / "b", edit_batch="5", per_host_concurrency="8"))
    trackers = (one_by_one, batched)
    try:
        for t in trackers:
            t.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
        now = DEFAULT_START
        while now < DEFAULT_START + timedelta(hours=10):
            newsroom.clock.set(now)
            for t in trackers:
                t.pass_at(now)
                t.pass_at(now, [a.url for a in t.store.list_articles(limit=1000)])
            now += timedelta(minutes=20)
        expected = _versions(one_by_one, server.base_url)
        assert sum(len(v) for v in expected.values()) > len(expected), "the scenario must edit"
        assert _versions(batched, server.base_url) == expected
        assert max(batch_sizes) == 5, "edits were never batched"
        assert batched.store.integrity_problems() == []
    finally:
        for t in trackers:
            t.close()
