"""Done-when 5: each bad input gives its event or message, and nothing is stored as a version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tracker import Tracker, make_settings

from newsdelta.core.model import CheckResult
from newsdelta.newsroom import DEFAULT_START, chrome_scenario, faults
from newsdelta.newsroom.faults import CharsetMode, NonHtmlKind


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(
        make_settings(tmp_path, max_body_bytes="2000000", read_timeout_s="1", total_timeout_s="2")
    )
    yield t
    t.close()


def _tracked(tracker: Tracker, serve: Any, n: int = 2) -> tuple[Any, Any, list[Any]]:
    newsroom = chrome_scenario(n, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == n, summary.to_dict()
    return newsroom, server, list(newsroom.articles())


@pytest.mark.parametrize(
    ("fault", "result", "reason"),
    [
        (faults.NonHtml(NonHtmlKind.PDF), CheckResult.ERROR, "not_html"),
        (faults.Huge(), CheckResult.ERROR, "too_large"),
        (
            faults.SlowBody(interval_s=0.05, chunk_bytes=65536, endless=True),
            CheckResult.ERROR,
            "too_large",
        ),
        (faults.Slow(3.0), CheckResult.ERROR, "timeout"),
        (faults.RedirectLoop(), CheckResult.ERROR, "redirect_loop"),
        (faults.Truncated(), CheckResult.ERROR, "truncated"),
        (faults.Unavailable(), CheckResult.ERROR, "HTTP 503"),
        (faults.RateLimited(retry_after=3600), CheckResult.ERROR, "HTTP 429"),
        (faults.Paywall(), CheckResult.REFUSED, "paywall stub"),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, (str, CheckResult)) else None,
)
def test_bad_page_becomes_an_event_not_a_version(
    tracker: Tracker, serve: Any, fault: Any, result: CheckResult, reason: str
) -> None:
    newsroom, server, (victim, bystander) = _tracked(tracker, serve)
    victim.set_fault(fault)
    later = DEFAULT_START + timedelta(hours=1)
    newsroom.clock.set(later)
    urls = [server.url_for(victim), server.url_for(bystander)]
    summary = tracker.pass_at(later, urls)
    assert summary.by_result[result.value] == 1, summary.to_dict()
    assert summary.unchanged == 1, "the other article is checked normally"
    article = tracker.store.find_article(server.url_for(victim))
    assert article.version_count == 1
    events = tracker.store.list_events(article.id)
    assert events[-1].result == result.value
    assert reason in (events[-1].reason or ""), events[-1]
    assert tracker.store.integrity_problems() == []


def test_removed_blocked_restored_redirected_events(tracker: Tracker, serve: Any) -> None:
    newsroom, server, (victim, other) = _tracked(tracker, serve)
    url = server.url_for(victim)
    now = DEFAULT_START
    sequence = [
        (faults.Gone(410), "removed"),
        (faults.Gone(410), None),  # still removed: no second event
        (faults.Blocked(403), "blocked"),
        (None, "restored"),
        (faults.Moved(server.url_for(other)), "redirected"),
    ]
    for fault, _ in sequence:
        victim.set_fault(fault)
        now += timedelta(hours=1)
        newsroom.clock.set(now)
        tracker.pass_at(now, [url])
    article = tracker.store.find_article(url)
    page_events = [e.event for e in tracker.store.list_events(article.id) if e.event]
    assert page_events == ["removed", "blocked", "restored", "redirected"]
    assert article.version_count == 1
    assert article.page_state == "redirected"


@pytest.mark.parametrize("mode", list(CharsetMode))
def test_wrong_charsets_still_read_the_same_text(
    tracker: Tracker, serve: Any, mode: CharsetMode
) -> None:
    newsroom, server, (victim, _) = _tracked(tracker, serve)
    victim.set_fault(faults.WrongCharset(mode))
    later = DEFAULT_START + timedelta(hours=1)
    newsroom.clock.set(later)
    summary = tracker.pass_at(later, [server.url_for(victim)])
    assert summary.errors == 0, summary.to_dict()
    assert summary.new_versions == 0, "a legacy encoding of the same text is not an edit"


def test_malformed_feed_marks_source_failing_and_others_go_on(tracker: Tracker, serve: Any) -> None:
    bad = chrome_scenario(2, start=DEFAULT_START, validators=False)
    good = chrome_scenario(3, start=DEFAULT_START, validators=False, seed=5)
    bad_outlet = next(iter(bad.outlets))
    bad.outlets[bad_outlet].feed_malformed = True
    bad_server, good_server = serve(bad), serve(good)
    tracker.store.add_source("bad", [(bad_server.feed_url(bad_outlet), "feed")], DEFAULT_START)
    good_outlet = next(iter(good.outlets))
    tracker.store.add_source("good", [(good_server.feed_url(good_outlet), "feed")], DEFAULT_START)
    summary = tracker.pass_at(DEFAULT_START)
    assert summary.new_articles == 3
    assert "bad" in summary.failing_sources and "feed" in summary.failing_sources["bad"]
    assert tracker.store.get_source("bad").failing
    assert not tracker.store.get_source("good").failing


def test_cli_errors_are_one_line_without_traceback(nd: Any, tmp_path: Path) -> None:
    bad_url = nd.run("track", "ftp://example.org/x", ok=False)
    assert bad_url.exit_code == 1
    assert bad_url.output.startswith("newsdelta: error:") and "Traceback" not in bad_url.output
    unknown = nd.run("history", "999", ok=False)
    assert unknown.exit_code == 1 and "no tracked article" in unknown.output
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    nd.extra["NEWSDELTA_DB"] = str(blocker / "nd.sqlite")
    unwritable = nd.run("init", ok=False)
    assert unwritable.exit_code == 1 and "data directory" in unwritable.output


@pytest.mark.parametrize(
    ("make_db", "message"),
    [
        (lambda tmp: _write(tmp / "page.html", b"<html>not a database</html>" * 200),
         "file is not a database"),
        (lambda tmp: "postgresql://nd@127.0.0.1:1/nd", "postgresql"),  # no driver, or no server
        (lambda tmp: "nosuchdb://host/db", "cannot use 'nosuchdb' databases"),
    ],
    ids=["not-a-database", "driver-missing", "unknown-scheme"],
)
def test_a_database_that_cannot_be_used_is_one_line(
    nd: Any, tmp_path: Path, make_db: Any, message: str
) -> None:
    nd.extra["NEWSDELTA_DB"] = str(make_db(tmp_path))
    result = nd.run("articles", ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("newsdelta: error:") and message in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("history", "²"), "no tracked article '²'"),  # a digit to str.isdigit, not to int()
        (("history", "99999999999999999999999"), "no tracked article"),
        (("diff", "1", "--from", "99999999999999999999999"), "has no version 99999999999999999999999"),
    ],
    ids=["superscript-digit", "huge-id", "huge-version"],
)
def test_odd_article_and_version_numbers_are_one_line(
    nd: Any, serve: Any, args: tuple[str, ...], message: str
) -> None:
    server = serve(chrome_scenario(1, start=DEFAULT_START, validators=False))
    nd.run("track", server.url_for(next(iter(server.newsroom.articles()))), now=DEFAULT_START)
    nd.run("check", now=DEFAULT_START)
    result = nd.run(*args, now=DEFAULT_START, ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("newsdelta: error:") and message in result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "needs a name"), ("news/world", "cannot contain '/'"), (" bbc", "start or end with spaces")],
    ids=["empty", "slash", "spaces"],
)
def test_an_outlet_name_that_cannot_be_used_is_refused(nd: Any, name: str, message: str) -> None:
    result = nd.run("source", "add", name, "https://example.org/feed.xml", ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("newsdelta: error:") and message in result.output
    assert "Traceback" not in result.output
    assert nd.json("source", "list", "--json") == []  # nothing was added


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("articles", "--source", "nosuch"), 1, "no source named 'nosuch'"),
        (("articles", "--limit", "-1"), 2, "Invalid value for '--limit'"),
        (("extract", ""), 1, "give a saved HTML page or an http(s) URL"),
        (("extract", "   "), 1, "give a saved HTML page or an http(s) URL"),
    ],
    ids=["unknown-outlet", "negative-limit", "empty-target", "blank-target"],
)
def test_read_commands_refuse_what_names_nothing(
    nd: Any, args: tuple[str, ...], code: int, message: str
) -> None:
    result = nd.run(*args, ok=False)
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output


def test_history_counts_one_change_in_the_singular(nd: Any, seed_tracked: Any) -> None:
    assert "The article has changed 1 time." in nd.run("history", "1").stdout


def test_check_still_names_a_failing_outlet_it_did_not_read(nd: Any) -> None:
    # The outlet was not due, so the pass did not read it: "errors: 0" alone read as all well.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    nd.run("source", "add", "closed", f"http://127.0.0.1:{port}/feed.xml", now=DEFAULT_START)
    first = nd.json("check", "--json", now=DEFAULT_START)
    assert list(first["failing_sources"]) == ["closed"] and first["failing_not_due"] == {}
    later = DEFAULT_START + timedelta(minutes=1)
    second = nd.json("check", "--json", now=later)
    assert second["failing_sources"] == {}
    assert second["failing_not_due"] == {"closed": "connection failed (connection refused)"}
    text = nd.run("check", now=later).stdout
    assert "source closed still failing (not due this pass): connection failed" in text
