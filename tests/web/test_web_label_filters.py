"""Edit labels and significance as filters: recent changes page, API and feeds."""

from __future__ import annotations

import feedparser
import pytest
from starlette.testclient import TestClient
from webworld import FILLER, World

from newsdelta.web.feed_routes import FEED_ITEMS


def _changes(client: TestClient, query: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    cursor = ""
    for _ in range(20):  # bounded walk over the pages
        response = client.get(f"/api/changes?{query}&limit=50{cursor}")
        assert response.status_code == 200, response.text
        body = response.json()
        rows.extend(body["changes"])
        if not body["next_cursor"]:
            return rows
        cursor = f"&cursor={body['next_cursor']}"
    raise AssertionError("pagination did not end")


def test_label_filter_keeps_only_changes_with_that_label(client: TestClient, world: World) -> None:
    quotes = _changes(client, "label=quote")
    expected = len([i for i in range(FILLER) if i % 3 == 0])
    assert len(quotes) == expected
    assert all("quote" in c["labels"] for c in quotes)
    seed = _changes(client, "label=standfirst")
    assert [c["article_id"] for c in seed] == [world.seed_id]


def test_min_significance_is_monotone(client: TestClient) -> None:
    everything = _changes(client, "min_significance=0")
    some = _changes(client, "min_significance=0.5")
    strict = _changes(client, "min_significance=0.9")
    assert len(everything) > len(some) > len(strict) == 0
    assert all(float(c["significance"]) >= 0.5 for c in some)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["label=gossip", "min_significance=2", "min_significance=high"])
def test_bad_filters_are_400_in_the_envelope(client: TestClient, query: str) -> None:
    response = client.get(f"/api/changes?{query}")
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_page_shows_labels_and_filter_controls(client: TestClient) -> None:
    html = client.get("/?label=quote").text
    assert '<option value="quote" selected>' in html
    assert 'class="label">quote<' in html
    assert 'class="label">number<' not in html


def test_feeds_take_the_same_filters(client: TestClient) -> None:
    feed = feedparser.parse(client.get("/feeds/changes.rss?min_significance=0.5&label=quote").content)
    assert feed.entries, "the filtered feed has items"
    expected = len([i for i in range(FILLER) if i % 3 == 0])
    assert len(feed.entries) == min(expected, FEED_ITEMS)
    assert all("Wire story" in e.title for e in feed.entries)
    unfiltered = feedparser.parse(client.get("/feeds/changes.rss").content)
    assert len(unfiltered.entries) > len(feed.entries)
