"""Feeds round-trip through feedparser with the diff inside and stable GUIDs."""

from __future__ import annotations

import re

import feedparser
import pytest
from starlette.testclient import TestClient
from webworld import FILLER, World


def parse(client: TestClient, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_article_feed_carries_the_diff(client: TestClient, world: World, fmt: str) -> None:
    feed = parse(client, f"/feeds/articles/{world.seed_id}.{fmt}")
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.id == f"tag:newsdelta,2026:article/{world.seed_id}/version/2"
    html = entry.content[0].value if "content" in entry else entry.summary
    assert re.search(r"<del>about\s*</del>", html) and re.search(r"<ins>on\s*</ins>", html)
    assert re.search(r"<del>an assertion\s*</del>", html)
    assert re.search(r"<ins>Furthermore,\s*</ins>", html)
    assert entry.link.endswith(f"/articles/{world.seed_id}/diff?from=1&to=2")


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_every_feed_parses_with_stable_guids(client: TestClient, world: World, fmt: str) -> None:
    paths = [f"/feeds/changes.{fmt}", f"/feeds/outlets/wire.{fmt}",
             f"/feeds/articles/{world.xss_id}.{fmt}", f"/feeds/search.{fmt}?q=zebra"]
    for path in paths:
        first = parse(client, path)
        again = parse(client, path)
        assert first.entries, path
        ids = [e.id for e in first.entries]
        assert ids == [e.id for e in again.entries]
        assert len(ids) == len(set(ids))
        assert all(i.startswith("tag:newsdelta,2026:article/") for i in ids)
    outlet = parse(client, f"/feeds/outlets/wire.{fmt}")
    assert len(outlet.entries) == min(30, FILLER)
    assert all("<ins>" in (e.content[0].value if "content" in e else e.summary)
               for e in outlet.entries)
    search = parse(client, f"/feeds/search.{fmt}?q=assertion")
    assert [e.id for e in search.entries] == [
        f"tag:newsdelta,2026:article/{world.seed_id}/version/1"]


def test_the_search_feed_keeps_the_search_pages_filters(client: TestClient, world: World) -> None:
    # Found by the web audit: the page's "RSS feed of this search" link carried its
    # date filters, and the feed ignored them.
    assert len(parse(client, "/feeds/search.rss?q=assertion").entries) == 1
    assert parse(client, "/feeds/search.rss?q=assertion&until=2000-01-01").entries == []
    page = client.get("/api/search?q=assertion&until=2000-01-01").json()
    assert page["results"] == []


def test_atom_content_is_typed_html_and_the_rss_channel_links_the_page(client: TestClient) -> None:
    # feedgen's description() overwrote the Atom content without a type: readers
    # showed the diff's tags escaped. Its RSS <link> was the feed itself.
    atom = parse(client, "/feeds/changes.atom")
    assert {e.content[0].type for e in atom.entries} == {"text/html"}
    rss = parse(client, "/feeds/changes.rss")
    assert rss.feed.link.rstrip("/") == "http://testserver"
    assert "<ins>" in rss.entries[0].content[0].value


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_control_character_in_the_query_still_makes_a_feed(client: TestClient, fmt: str) -> None:
    feed = parse(client, f"/feeds/search.{fmt}?q=zebra%01")  # the query is in the feed's title
    assert "\x01" not in feed.feed.title


def test_build_feed_drops_what_xml_forbids() -> None:
    # The safety net under extraction's own clean-up: rows stored before it.
    from datetime import UTC, datetime

    from lxml import etree

    from newsdelta.web.feeds import FeedItem, build_feed

    item = FeedItem("tag:x", "Mayor\x01 resigns\ufffe", "http://h/a", datetime(2026, 1, 1, tzinfo=UTC),
                    "<p>text\x02 \ud800here</p>")
    for fmt in ("rss", "atom"):
        body, _ = build_feed(fmt, feed_id="t", title="Desk\x0b", link="http://h/", self_link="http://h/f",
                             items=[item], updated=datetime(2026, 1, 1, tzinfo=UTC))
        etree.fromstring(body)
        parsed = feedparser.parse(body)
        assert parsed.entries[0].title == "Mayor resigns"
        assert parsed.feed.title == "Desk"
