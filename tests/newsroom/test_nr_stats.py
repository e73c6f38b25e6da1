"""The request log: counts, statuses, headers, and peak concurrency per outlet."""

from __future__ import annotations

import asyncio

import aiohttp
from newsroom_helpers import START

from newsdelta.newsroom import Newsroom, NewsroomServer, SimClock, faults


def two_outlets() -> Newsroom:
    newsroom = Newsroom(SimClock(START))
    for slug in ("east", "west"):
        outlet = newsroom.add_outlet(slug, slug.title())
        for i in range(3):
            outlet.add_article(f"s{i}", START, title=f"{slug} {i}", paragraphs=("p",))
    return newsroom


async def _get(client: aiohttp.ClientSession, url: str) -> int:
    async with client.get(url, headers={"User-Agent": "newsdelta-test/1"}) as response:
        await response.read()
        return response.status


async def test_counts_statuses_and_headers(client: aiohttp.ClientSession) -> None:
    newsroom = two_outlets()
    async with NewsroomServer(newsroom) as server:
        a = newsroom.article("east", "s0")
        for _ in range(3):
            await _get(client, server.url_for(a) + "?utm_source=x")
        await _get(client, server.feed_url("east"))
        await _get(client, server.url("/east/articles/missing"))
        stats = server.stats
        assert stats.count(a.path) == 3
        assert stats.count(a.path, status=200) == 3
        assert stats.per_path() == {a.path: 3, "/east/rss.xml": 1, "/east/articles/missing": 1}
        assert stats.statuses("/east/articles/missing") == [404]
        first = stats.log[0]
        assert (first.path, first.query, first.status, first.outlet) == (
            a.path,
            "utm_source=x",
            200,
            "east",
        )
        assert first.headers["User-Agent"] == "newsdelta-test/1"
        assert stats.total == 5
        assert stats.max_in_flight == 1  # sequential requests never overlap
        stats.reset()
        assert stats.total == 0 and stats.max_in_flight == 0


async def test_peak_concurrency_overall_and_per_outlet(client: aiohttp.ClientSession) -> None:
    newsroom = two_outlets()
    for article in newsroom.articles():
        article.set_fault(faults.Slow(delay_s=0.3))  # long enough for all requests to overlap
    async with NewsroomServer(newsroom) as server:
        urls = [server.url_for(newsroom.article("east", f"s{i}")) for i in range(3)]
        urls += [server.url_for(newsroom.article("west", f"s{i}")) for i in range(2)]
        statuses = await asyncio.gather(*(_get(client, u) for u in urls))
        assert statuses == [200] * 5
        assert server.stats.max_in_flight == 5
        assert server.stats.max_in_flight_by_outlet == {"east": 3, "west": 2}
        assert server.stats.max_in_flight_for("west") == 2
        assert server.stats.in_flight == 0


async def test_client_that_gives_up_is_logged(client: aiohttp.ClientSession) -> None:
    newsroom = two_outlets()
    article = newsroom.article("west", "s1")
    article.set_fault(faults.SlowBody(interval_s=0.001, chunk_bytes=1024, endless=True))
    async with NewsroomServer(newsroom) as server:
        async with client.get(server.url_for(article)) as response:
            await response.content.read(10_000)
        for _ in range(200):  # bounded wait for the server to notice the hang-up
            if server.stats.count(article.path):
                break
            await asyncio.sleep(0.01)
        assert server.stats.statuses(article.path) == [200]
        assert server.stats.in_flight == 0
