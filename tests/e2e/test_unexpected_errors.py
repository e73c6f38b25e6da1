"""One hostile page or feed must not end a pass, let alone the main job.

Each of these once ended the whole pass with a traceback, left the culprit due,
so every later pass ended on it again, and under ``newsdelta run`` left the
tracking loop dead without a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

import newsdelta.pipeline
from newsdelta.core.model import CheckResult
from newsdelta.newsroom import DEFAULT_START, chrome_scenario, faults


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path))
    yield t
    t.close()


def _tracked(tracker: Tracker, serve: Any, n: int = 2, seed: int = 1) -> tuple[Any, Any, list[Any]]:
    newsroom = chrome_scenario(n, start=DEFAULT_START, validators=False, seed=seed)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(f"{outlet}{seed}", server.feed_url(outlet), DEFAULT_START)
    return newsroom, server, list(newsroom.articles())


def test_a_bug_tripped_by_one_page_is_that_articles_error(
    tracker: Tracker, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    newsroom, server, (victim, bystander) = _tracked(tracker, serve)
    assert tracker.pass_at(DEFAULT_START).new_articles == 2
    victim_url = server.url_for(victim)
    real_extract = newsdelta.pipeline.extract_article

    def buggy(page: Any, url: str, **kwargs: Any) -> Any:
        if url == victim_url:
            raise RuntimeError("a bug this page trips")
        return real_extract(page, url, **kwargs)

    monkeypatch.setattr(newsdelta.pipeline, "extract_article", buggy)
    later = DEFAULT_START + timedelta(hours=1)
    newsroom.clock.set(later)
    summary = tracker.pass_at(later, [victim_url, server.url_for(bystander)])
    assert summary.errors == 1 and summary.unchanged == 1, summary.to_dict()
    article = tracker.store.find_article(victim_url)
    event = tracker.store.list_events(article.id)[-1]
    assert event.result == CheckResult.ERROR.value
    assert event.reason == "internal error (RuntimeError): a bug this page trips"
    assert article.next_check_at is not None and article.next_check_at > later, "it backs off"

    monkeypatch.setattr(newsdelta.pipeline, "extract_article", real_extract)
    summary = tracker.pass_at(later + timedelta(hours=1), [victim_url])
    assert summary.unchanged == 1, summary.to_dict()


@pytest.mark.parametrize("header", ["\u00b2", "12\u00b3", "\u0661"])
def test_a_retry_after_in_other_digits_is_ignored(tracker: Tracker, serve: Any, header: str) -> None:
    # str.isdigit() accepts these and float() refused them: a plain ValueError.
    newsroom, server, (victim, bystander) = _tracked(tracker, serve)
    assert tracker.pass_at(DEFAULT_START).new_articles == 2
    victim.set_fault(faults.Unavailable(retry_after=header))
    later = DEFAULT_START + timedelta(hours=1)
    newsroom.clock.set(later)
    summary = tracker.pass_at(later, [server.url_for(victim), server.url_for(bystander)])
    assert summary.errors == 1 and summary.unchanged == 1, summary.to_dict()
    article = tracker.store.find_article(server.url_for(victim))
    assert tracker.store.list_events(article.id)[-1].reason == "HTTP 503"


@pytest.mark.parametrize(
    "location", ["ftp://example.com/feed.xml", "http://[a]/feed.xml", "http://a:99999/feed.xml"]
)
def test_a_feed_redirected_to_a_bad_url_fails_only_its_source(
    tracker: Tracker, serve: Any, location: str
) -> None:
    bad, _, _ = _tracked(tracker, serve, seed=1)
    _tracked(tracker, serve, n=3, seed=2)
    next(iter(bad.outlets.values())).feed_redirect = location
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 3, summary.to_dict()
    assert list(summary.failing_sources) == ["outlet11"], summary.failing_sources
    sources = {s.name: s for s in tracker.store.list_sources()}
    assert sources["outlet11"].failing and not sources["outlet12"].failing
    assert location in (sources["outlet11"].last_error or "")


def test_retries_stop_at_the_fetch_deadline(tmp_path: Path, serve: Any) -> None:
    # Retry-After: 1 each time, four retries allowed: 5 requests and 4 s of waiting,
    # unless the deadline (1.99 s) ends it after the first wait.
    results = {}
    for deadline in ("60", "1.99"):
        tracker = Tracker(make_settings(tmp_path / deadline, retries="4", fetch_deadline_s=deadline))
        try:
            _, server, (victim, _) = _tracked(tracker, serve)
            assert tracker.pass_at(DEFAULT_START).new_articles == 2
            victim.set_fault(faults.Unavailable(retry_after=1))
            path = server.url_for(victim).split(":", 2)[2].split("/", 1)[1]
            before = server.stats.count("/" + path)
            summary = tracker.pass_at(DEFAULT_START + timedelta(hours=1), [server.url_for(victim)])
            assert summary.errors == 1, summary.to_dict()
            results[deadline] = server.stats.count("/" + path) - before
        finally:
            tracker.close()
    assert results == {"60": 5, "1.99": 2}, results


def test_a_slow_drip_ends_at_the_fetch_deadline(tmp_path: Path, serve: Any) -> None:
    tracker = Tracker(make_settings(tmp_path, total_timeout_s="30", read_timeout_s="5",
                                    fetch_deadline_s="1", max_body_bytes="100000000"))
    try:
        _, server, (victim, bystander) = _tracked(tracker, serve)
        assert tracker.pass_at(DEFAULT_START).new_articles == 2
        victim.set_fault(faults.SlowBody(interval_s=0.1, chunk_bytes=10, endless=True))
        summary = tracker.pass_at(DEFAULT_START + timedelta(hours=1),
                                  [server.url_for(victim), server.url_for(bystander)])
        assert summary.errors == 1 and summary.unchanged == 1, summary.to_dict()
        article = tracker.store.find_article(server.url_for(victim))
        assert "fetch_deadline_s" in (tracker.store.list_events(article.id)[-1].reason or "")
    finally:
        tracker.close()


def test_a_failing_feeds_reason_says_which_connection_failure(tracker: Tracker) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tracker.add_source("closed", f"http://127.0.0.1:{port}/feed.xml", DEFAULT_START)
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.failing_sources == {"closed": "connection failed (connection refused)"}


def test_an_article_deleted_during_its_check_ends_only_that_check(
    tracker: Tracker, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its first version's write met a foreign key error, recording that error found
    # no article, and the second error ended the pass.
    newsroom = chrome_scenario(2, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    victim_url, bystander_url = (server.url_for(a) for a in newsroom.articles())
    victim_id, _ = tracker.store.track(victim_url, DEFAULT_START)
    tracker.store.track(bystander_url, DEFAULT_START)
    real_extract = newsdelta.pipeline.extract_article

    def delete_then_extract(page: Any, url: str, **kwargs: Any) -> Any:
        if url == victim_url and tracker.store.has_article(victim_id):
            tracker.store.delete_article(victim_id)  # as `newsdelta delete` in another process
        return real_extract(page, url, **kwargs)

    monkeypatch.setattr(newsdelta.pipeline, "extract_article", delete_then_extract)
    summary = tracker.pass_at(DEFAULT_START, [victim_url, bystander_url])
    assert summary.new_articles == 1, summary.to_dict()
    assert summary.error_details == [f"{victim_url}: deleted during its check"]
    assert not tracker.store.has_article(victim_id)
    assert tracker.store.find_article(bystander_url).version_count == 1


def test_a_source_removed_during_its_discovery_ends_only_its_discovery(
    tracker: Tracker, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdelta.runner import discovery

    _tracked(tracker, serve, seed=1)
    _tracked(tracker, serve, n=3, seed=2)
    real_parse = discovery.parse_feed
    removed: list[str] = []

    def remove_then_parse(body: bytes, url: str, content_type: str | None = None) -> Any:
        if not removed:
            removed.append("outlet11")
            tracker.store.remove_source("outlet11")  # as `source remove` in another process
        return real_parse(body, url, content_type)

    monkeypatch.setattr(discovery, "parse_feed", remove_then_parse)
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 3, summary.to_dict()  # the other outlet's
    assert summary.failing_sources == {}
    assert [s.name for s in tracker.store.list_sources()] == ["outlet12"]


def test_an_article_deleted_while_being_indexed_leaves_no_copies_entry(
    tracker: Tracker, serve: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `delete` cleared the copies index, then the tracker's indexing (already under way)
    # added the article back: other articles' copies listed an article that was gone.
    import asyncio

    from newsdelta.copies.service import CopiesService
    from newsdelta.fetch import Fetcher
    from newsdelta.runner.context import make_context
    from newsdelta.runner.embedded import run_pass

    newsroom = chrome_scenario(1, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    (article,) = newsroom.articles()
    url = server.url_for(article)
    article_id, _ = tracker.store.track(url, DEFAULT_START)
    real_index = CopiesService.index_version

    def delete_then_index(self: CopiesService, **kwargs: Any) -> Any:
        tracker.store.delete_article(kwargs["article_id"])  # as `newsdelta delete` does,
        self.remove(kwargs["article_id"])  # index first, then the article
        return real_index(self, **kwargs)

    monkeypatch.setattr(CopiesService, "index_version", delete_then_index)

    async def one_pass() -> None:
        async with Fetcher(tracker.settings) as fetcher:
            ctx = make_context(tracker.settings, tracker.store, fetcher, lambda: DEFAULT_START)
            assert ctx.copies is not None
            await run_pass(ctx, [url])

    asyncio.run(one_pass())
    assert not tracker.store.has_article(article_id)
    assert not CopiesService(tracker.settings, tracker.store).index.repo.has_doc(article_id)
