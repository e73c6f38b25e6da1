"""RSS, Atom, sitemaps and robots.txt: parseable, and listing only what is published."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import feedparser
from lxml import etree
from newsroom_helpers import START

from newsdelta.newsroom import Newsroom, NewsroomServer, SimClock
from newsdelta.newsroom.feeds import NEWS_NS, SITEMAP_NS

NS = {"s": SITEMAP_NS, "news": NEWS_NS}


def three_article_newsroom() -> Newsroom:
    """a1 at START, a2 at START+1h, a3 at START+2h (deleted at +3h); a2 also in 'other'."""
    newsroom = Newsroom(SimClock(START))
    daily = newsroom.add_outlet("daily", "The Daily")
    newsroom.add_outlet("other", "The Other")
    daily.add_article("a1", START, title="First & foremost", standfirst="S1", paragraphs=("x",))
    daily.add_article(
        "a2", START + timedelta(hours=1), title="Second", paragraphs=("y",), also_in=("other",)
    )
    third = daily.add_article("a3", START + timedelta(hours=2), title="Third", paragraphs=("z",))
    third.delete_at(START + timedelta(hours=3))
    newsroom.robots_disallow.append("/daily/private/")
    return newsroom


async def fetch(client: aiohttp.ClientSession, url: str) -> bytes:
    async with client.get(url) as response:
        assert response.status == 200, url
        return await response.read()


async def test_rss_and_atom_list_only_published(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    async with NewsroomServer(newsroom) as server:
        for hours, expected in [
            (-1, []),
            (0, ["a1"]),
            (1.5, ["a2", "a1"]),
            (2, ["a3", "a2", "a1"]),
            (3, ["a2", "a1"]),
        ]:
            newsroom.clock.set(START + timedelta(hours=hours))
            for url in (server.feed_url("daily"), server.atom_url("daily")):
                parsed = feedparser.parse(await fetch(client, url))
                assert not parsed.bozo, parsed.get("bozo_exception")
                slugs = [e.link.split("?")[0].rsplit("/", 1)[1] for e in parsed.entries]
                assert slugs == expected, (url, hours)


async def test_feed_links_carry_tracking_params_and_ids_are_clean(
    client: aiohttp.ClientSession,
) -> None:
    newsroom = three_article_newsroom()
    async with NewsroomServer(newsroom) as server:
        rss = feedparser.parse(await fetch(client, server.feed_url("daily")))
        entry = rss.entries[0]
        clean = server.url_for(newsroom.article("daily", "a1"))
        assert entry.link == clean + "?utm_source=rss&utm_medium=feed"
        assert entry.id == clean
        assert entry.title == "First & foremost"
        assert entry.summary == "S1"
        atom = feedparser.parse(await fetch(client, server.atom_url("daily")))
        assert atom.entries[0].link == clean + "?utm_source=atom&utm_medium=feed"
        newsroom.outlet("daily").tracking_params = False
        rss = feedparser.parse(await fetch(client, server.feed_url("daily")))
        assert rss.entries[0].link == clean


async def test_article_listed_in_two_feeds(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    newsroom.clock.set(START + timedelta(hours=5))
    async with NewsroomServer(newsroom) as server:
        other = feedparser.parse(await fetch(client, server.feed_url("other")))
        daily = feedparser.parse(await fetch(client, server.feed_url("daily")))
        a2 = server.url_for(newsroom.article("daily", "a2"))
        assert [e.id for e in other.entries] == [a2]
        assert a2 in [e.id for e in daily.entries]


async def test_malformed_feed(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    newsroom.outlet("daily").feed_malformed = True
    async with NewsroomServer(newsroom) as server:
        for url in (server.feed_url("daily"), server.atom_url("daily")):
            body = await fetch(client, url)
            assert feedparser.parse(body).bozo
            try:
                etree.fromstring(body)
            except etree.XMLSyntaxError:
                pass
            else:
                raise AssertionError("malformed feed parsed as XML")
        assert not feedparser.parse(await fetch(client, server.feed_url("other"))).bozo


async def test_sitemaps(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    newsroom.clock.set(START + timedelta(hours=2, minutes=30))
    async with NewsroomServer(newsroom) as server:
        tree = etree.fromstring(await fetch(client, server.sitemap_url("daily")))
        locs = tree.xpath("//s:url/s:loc/text()", namespaces=NS)
        assert sorted(locs) == sorted(
            server.url_for(newsroom.article("daily", s)) for s in ("a1", "a2", "a3")
        )
        assert tree.xpath("//s:url/s:lastmod/text()", namespaces=NS)

        news = etree.fromstring(await fetch(client, server.news_sitemap_url("daily")))
        titles = news.xpath("//news:news/news:title/text()", namespaces=NS)
        dates = news.xpath("//news:news/news:publication_date/text()", namespaces=NS)
        assert sorted(titles) == ["First & foremost", "Second", "Third"]
        assert START.isoformat() in dates
        assert news.xpath("string(//news:publication/news:name)", namespaces=NS) == "The Daily"

        other = etree.fromstring(await fetch(client, server.sitemap_url("other")))
        assert other.xpath("//s:url", namespaces=NS) == []  # syndicated, not its own

        index = etree.fromstring(await fetch(client, server.sitemap_index_url))
        assert index.xpath("//s:sitemap/s:loc/text()", namespaces=NS) == [
            server.sitemap_url("daily"),
            server.news_sitemap_url("daily"),
            server.sitemap_url("other"),
            server.news_sitemap_url("other"),
        ]


async def test_news_sitemap_window(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    newsroom.clock.set(START + timedelta(days=2, minutes=30))  # a1 too old, a3 deleted
    async with NewsroomServer(newsroom) as server:
        news = etree.fromstring(await fetch(client, server.news_sitemap_url("daily")))
        assert news.xpath("//news:title/text()", namespaces=NS) == ["Second"]


async def test_robots_txt(client: aiohttp.ClientSession) -> None:
    newsroom = three_article_newsroom()
    async with NewsroomServer(newsroom) as server:
        text = (await fetch(client, server.robots_url)).decode()
    lines = text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /daily/private/" in lines
    assert f"Sitemap: {server.sitemap_index_url}" in lines
