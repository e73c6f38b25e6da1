"""Outlets over time: removed and added back, a feed that fails and recovers.

Found by the discovery audit: articles of a removed outlet never rejoined it when
it was added back; a feed's old error stayed on show after it recovered.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from static_site import body_paragraphs

from newsdelta.newsroom import DEFAULT_START

T0 = DEFAULT_START


def _source(nd: Any, name: str) -> dict[str, Any]:
    (row,) = [s for s in nd.json("source", "list", "--json") if s["name"] == name]
    return row


def test_an_outlet_added_back_gets_its_articles_back(nd: Any, site: Any) -> None:
    site.page("/news/a", "A story", body_paragraphs("a"))
    feed = site.feed("/feed.xml", ["/news/a"])
    nd.run("source", "add", "local", feed, now=T0)
    nd.run("check", now=T0)
    nd.run("source", "remove", "local", now=T0)
    assert [a["source"] for a in nd.json("articles", "--json")] == [None]
    nd.run("source", "add", "local", feed, now=T0 + timedelta(hours=1))
    nd.run("check", now=T0 + timedelta(hours=1))
    assert [a["source"] for a in nd.json("articles", "--json")] == ["local"]
    assert _source(nd, "local")["articles"] == 1


def test_a_recovered_feed_no_longer_shows_its_old_error(nd: Any, site: Any) -> None:
    site.page("/news/a", "A story", body_paragraphs("a"))
    feed = site.feed("/feed.xml", ["/news/a"])
    good = site.routes["/feed.xml"]
    good.headers["ETag"] = '"f1"'
    nd.run("source", "add", "local", feed, now=T0)
    nd.run("check", now=T0)
    site.redirect("/feed.xml", "ftp://x.test/y")
    nd.run("check", now=T0 + timedelta(hours=1))
    (failing,) = _source(nd, "local")["feeds"]
    assert failing["error"] and "ftp://" in failing["error"]
    site.routes["/feed.xml"] = good  # back, and answered 304 to the ETag we kept
    nd.run("check", now=T0 + timedelta(hours=2))
    source = _source(nd, "local")
    assert source["failing"] is False
    assert [f["error"] for f in source["feeds"]] == [None]
