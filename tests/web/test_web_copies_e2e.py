"""Issue 5, done-when 2, through the web: newsroom -> real pipeline -> pages and feed.

``wire`` publishes a story; ``aggregator`` republishes it reworded and without
credit an hour later. After two real tracker passes, the aggregator article's
page names the wire story as the probable source and the copy as uncredited,
and the uncredited-copies feed and API carry it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from copies_driver import Tracker, make_settings
from lxml import html as lxml_html
from starlette.testclient import TestClient

from newsdelta.newsroom import DEFAULT_START, ThreadedNewsroom, copies_scenario, start_in_thread
from newsdelta.web.app import create_app


@pytest.fixture
def newsroom_server() -> Iterator[ThreadedNewsroom]:
    server = start_in_thread(copies_scenario(DEFAULT_START), host="127.0.0.1")
    yield server
    server.stop()


def test_reworded_uncredited_copy_shows_on_page_and_feed(
    tmp_path: Path, newsroom_server: ThreadedNewsroom
) -> None:
    later = DEFAULT_START + timedelta(hours=1, minutes=5)
    tracker = Tracker(make_settings(tmp_path, later))
    try:
        for name in ("wire", "aggregator"):
            tracker.store.add_source(name, [(newsroom_server.feed_url(name), "feed")],
                                     DEFAULT_START)
        tracker.pass_at(DEFAULT_START)
        newsroom_server.newsroom.clock.set(later)
        tracker.pass_at(later)

        by_outlet = {a.source_name: a for a in tracker.store.list_articles(limit=10)}
        wire, copy = by_outlet["wire"], by_outlet["aggregator"]
        assert copy.first_seen_at - wire.first_seen_at >= timedelta(hours=1)

        with TestClient(create_app(tracker.settings, tracker.store)) as client:
            response = client.get(f"/articles/{copy.id}")
            assert response.status_code == 200
            tree = lxml_html.fromstring(response.text)
            (section,) = tree.cssselect("section.copies")
            text = " ".join(section.text_content().split())
            assert "Also published as" in text and "Probable source: wire" in text
            (item,) = section.cssselect("li.related-item")
            assert item.cssselect(f'a[href="/articles/{wire.id}"]')
            assert "uncredited" in item.text_content()
            assert item.cssselect("table.passages tbody tr"), "shared passages side by side"

            api = client.get("/api/copies/uncredited").json()
            (entry,) = api["copies"]
            assert entry["copy"]["article_id"] == copy.id
            assert entry["source"]["article_id"] == wire.id
            assert entry["source"]["url"] == wire.url and entry["credited"] is False
            assert entry["kind"] in {"rewrite", "partial", "verbatim"} and entry["passages"]

            for fmt in ("rss", "atom"):
                feed = feedparser.parse(client.get(f"/feeds/copies/uncredited.{fmt}").content)
                assert not feed.bozo
                (item_entry,) = feed.entries
                assert item_entry.id == f"tag:newsdelta,2026:copy/{copy.id}/of/{wire.id}"
                assert item_entry.link.endswith(f"/articles/{copy.id}")
                body = item_entry.content[0].value if "content" in item_entry else item_entry.summary
                assert wire.url in body and "uncredited" in body
    finally:
        tracker.close()
