"""The article page says when a page is gone, blocked or failing, and folds repeated checks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from tracker import Tracker, make_settings

from newsdelta.newsroom import DEFAULT_START, chrome_scenario, faults
from newsdelta.web.app import create_app


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    t = Tracker(make_settings(tmp_path))
    yield t
    t.close()


def _article_page(tracker: Tracker, fault: Any, checks: int, serve: Any) -> tuple[str, dict[str, Any]]:
    newsroom = chrome_scenario(1, start=DEFAULT_START, validators=False)
    server = serve(newsroom)
    outlet = next(iter(newsroom.outlets))
    tracker.add_source(outlet, server.feed_url(outlet), DEFAULT_START)
    tracker.pass_at(DEFAULT_START)
    (article,) = newsroom.articles()
    article.set_fault(fault)
    url = server.url_for(article)
    for hour in range(1, checks + 1):
        newsroom.clock.set(DEFAULT_START + timedelta(hours=hour))
        tracker.pass_at(DEFAULT_START + timedelta(hours=hour), [url])
    record = tracker.store.find_article(url)
    with TestClient(create_app(tracker.settings, tracker.store)) as client:
        html = client.get(f"/articles/{record.id}").text
        api = client.get(f"/api/articles/{record.id}").json()
    return html, api


def test_a_removed_page_says_so_and_its_checks_are_folded(tracker: Tracker, serve: Any) -> None:
    html, api = _article_page(tracker, faults.Gone(410), 4, serve)
    assert 'class="page-note">The page was removed on ' in html
    assert "the versions below are what it said before" in html
    assert len(api["events"]) == 4  # the API keeps every check
    rows = html.split('<ul class="events">')[1].split("</ul>")[0].count("<li>")
    assert rows == 2  # the removal event, then three checks that found it still removed
    assert "(3 checks)" in html


def test_a_failing_page_says_why(tracker: Tracker, serve: Any) -> None:
    html, _ = _article_page(tracker, faults.Unavailable(), 2, serve)
    assert 'class="page-note">The last 2 checks failed: HTTP 503' in html


def test_a_page_found_as_usual_has_no_note(tracker: Tracker, serve: Any) -> None:
    html, _ = _article_page(tracker, None, 1, serve)
    assert "page-note" not in html.split("</h1>")[1]


def test_a_blocked_page_says_since_when(tracker: Tracker, serve: Any) -> None:
    html, _ = _article_page(tracker, faults.Blocked(403), 2, serve)
    assert 'class="page-note">The page has refused newsdelta (blocked or paywalled) since ' in html


def test_a_page_never_captured_does_not_speak_of_versions_below(tracker: Tracker, site: Any) -> None:
    # Found by the web audit: a short link that lands on the home page has no versions,
    # and the note said "the versions below are what it said before".
    from static_site import body_paragraphs

    site.redirect("/gone", "/")
    site.page("/", "Home", body_paragraphs("home"))
    url = site.base + "/gone"
    tracker.store.track(url, DEFAULT_START)
    tracker.pass_at(DEFAULT_START, [url])
    record = tracker.store.find_article(url)
    assert record.version_count == 0 and record.page_state == "redirected"
    with TestClient(create_app(tracker.settings, tracker.store)) as client:
        api = client.get(f"/api/articles/{record.id}").json()
    assert "has not captured it" in api["page_note"] and "versions below" not in api["page_note"]
