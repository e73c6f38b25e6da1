"""Discovery through (news) sitemaps and sitemap indexes; the offline demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

from newsdelta.newsroom import DEFAULT_START, chrome_scenario


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path))
    yield t
    t.close()


@pytest.mark.parametrize("which", ["sitemap", "news_sitemap", "sitemap_index"])
def test_sitemap_sources_discover_articles(tracker: Tracker, serve: Any, which: str) -> None:
    newsroom = chrome_scenario(5, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    url = {
        "sitemap": server.sitemap_url(outlet),
        "news_sitemap": server.news_sitemap_url(outlet),
        "sitemap_index": server.sitemap_index_url,
    }[which]
    tracker.add_source(outlet, url, DEFAULT_START, kind="sitemap")
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 5, summary.to_dict()
    assert not tracker.store.get_source(outlet).failing


def test_feed_and_sitemap_listing_the_same_articles_track_them_once(tracker: Tracker, serve: Any) -> None:
    newsroom = chrome_scenario(4, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.store.add_source(
        outlet,
        [(server.feed_url(outlet), "feed"), (server.atom_url(outlet), "feed"), (server.sitemap_url(outlet), "sitemap")],
        DEFAULT_START,
    )
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 4
    assert tracker.store.count_articles() == 4


def test_demo_shows_articles_and_versions_offline(tmp_path: Path) -> None:
    from newsdelta.runner.demo import run_demo
    from newsdelta.settings import load_settings

    lines: list[str] = []
    settings = load_settings(
        env={"NEWSDELTA_DATA_DIR": str(tmp_path), "NEWSDELTA_COPIES_SEMANTIC": "off"}
    )
    counts = run_demo(settings, speed=86400 / 6, duration=6.0, port=0, echo=lines.append)
    assert counts["articles"] >= 5, lines
    assert counts["versions"] >= 1, lines
    assert any("changed: version 2" in line for line in lines)
    assert (tmp_path / "demo.sqlite").exists()


@pytest.mark.parametrize("gone", [{"news_sitemap"}, {"sitemap", "news_sitemap"}])
def test_a_broken_child_of_a_sitemap_index_loses_only_its_own_links(
    tracker: Tracker, serve: Any, gone: set[str]
) -> None:
    # One child failing used to throw away the links its siblings had listed.
    newsroom = chrome_scenario(5, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    newsroom.outlets[outlet].gone_sitemaps = gone
    tracker.add_source(outlet, server.sitemap_index_url, DEFAULT_START, kind="sitemap")
    summary = tracker.pass_at(DEFAULT_START)
    source = tracker.store.get_source(outlet)
    if len(gone) == 1:  # the plain sitemap still lists all five
        assert summary.new_articles == 5, summary.to_dict()
        assert not source.failing
    else:  # nothing read at all: failing, naming the child and why
        assert summary.new_articles == 0
        assert source.failing
        assert source.last_error is not None and "child sitemap" in source.last_error
        assert "sitemap" in source.last_error and "HTTP 404" in source.last_error


def test_demo_follows_newsdelta_now(tmp_path: Path) -> None:
    from newsdelta.runner.demo import run_demo
    from newsdelta.settings import load_settings
    from newsdelta.store import open_store

    settings = load_settings(env={
        "NEWSDELTA_DATA_DIR": str(tmp_path), "NEWSDELTA_COPIES_SEMANTIC": "off",
        "NEWSDELTA_NOW": "2031-05-05T12:00:00Z",
    })
    lines: list[str] = []
    counts = run_demo(settings, speed=86400 / 6, duration=5.0, port=0, echo=lines.append)
    assert counts["articles"] >= 1, lines  # the first pass finds them at once
    store = open_store(settings.with_overrides(db=str(tmp_path / "demo.sqlite")))
    try:
        years = {a.first_seen_at.year for a in store.list_articles()}
    finally:
        store.close()
    assert years == {2031}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--speed", "0"), 2, "Invalid value for '--speed'"),
        (("--duration", "-5"), 2, "Invalid value for '--duration'"),
        (("--port", "70000"), 2, "Invalid value for '--port'"),
        (("--port", "TAKEN"), 1, "cannot listen on 127.0.0.1:"),
    ],
)
def test_demo_refuses_bad_options_in_one_line(
    nd: Any, args: tuple[str, ...], code: int, message: str
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = nd.run("demo", "--duration", "2", *[port if a == "TAKEN" else a for a in args], ok=False)
    assert result.exit_code == code, result.output
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("served_as", ["application/x-gzip", "application/octet-stream", "application/xml"])
def test_a_gzipped_sitemap_file_is_read(tracker: Tracker, serve: Any, served_as: str) -> None:
    # sitemap.xml.gz comes as a gzip file, not a Content-Encoding; each of these types
    # used to be refused (not XML, or undecodable bytes) before the body was unpacked.
    newsroom = chrome_scenario(5, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    url = f"{server.sitemap_url(outlet)}.gz?type={served_as}"
    tracker.add_source(outlet, url, DEFAULT_START, kind="sitemap")
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 5, summary.to_dict()
    assert not tracker.store.get_source(outlet).failing


def test_a_gzipped_sitemap_file_is_held_to_the_body_limit(tmp_path: Path, serve: Any) -> None:
    # A small file that unpacks past max_body_bytes fails its source (a gzip bomb guard).
    tracker = Tracker(make_settings(tmp_path, max_body_bytes="3000"))
    try:
        newsroom = chrome_scenario(60, start=DEFAULT_START, validators=False)
        server = serve(newsroom)
        outlet = next(iter(newsroom.outlets))
        tracker.add_source(outlet, f"{server.sitemap_url(outlet)}.gz", DEFAULT_START, kind="sitemap")
        summary = tracker.pass_at(DEFAULT_START)
        assert summary.new_articles == 0
        assert summary.failing_sources == {outlet: "response too large"}
    finally:
        tracker.close()


def test_an_index_with_one_readable_empty_child_is_not_failing(tracker: Tracker, serve: Any) -> None:
    from datetime import timedelta

    newsroom = chrome_scenario(5, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    newsroom.outlets[outlet].gone_sitemaps = {"sitemap"}
    newsroom.outlets[outlet].news_sitemap_window = timedelta(0)  # valid, and lists nothing
    tracker.add_source(outlet, server.sitemap_index_url, DEFAULT_START, kind="sitemap")
    assert tracker.pass_at(DEFAULT_START).new_articles == 0
    assert not tracker.store.get_source(outlet).failing


def test_a_second_demo_plays_its_day_again_in_the_past(tmp_path: Path) -> None:
    # The first demo's day ran into the future and its newsroom's port was gone: a
    # second demo found nothing due and showed 0 articles.
    from datetime import UTC, datetime

    from newsdelta.runner.demo import run_demo
    from newsdelta.settings import load_settings
    from newsdelta.store import open_store

    settings = load_settings(env={"NEWSDELTA_DATA_DIR": str(tmp_path), "NEWSDELTA_COPIES_SEMANTIC": "off"})
    for _ in range(2):
        lines: list[str] = []
        counts = run_demo(settings, speed=86400 / 6, duration=4.0, port=0, echo=lines.append)
        assert counts["articles"] >= 5, lines
    store = open_store(settings.with_overrides(db=str(tmp_path / "demo.sqlite")))
    try:
        sources = store.list_sources()
        articles = store.list_articles(limit=1000)
    finally:
        store.close()
    assert all(len(s.feeds) == 1 for s in sources), "one feed per outlet, not one per run"
    assert len({a.url.split("/")[2] for a in articles}) == 1, "only the second newsroom's articles"
    assert max(a.first_seen_at for a in articles) <= datetime.now(UTC)
