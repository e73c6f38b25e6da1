"""The static-chrome switch serves byte-identical pages for an unchanged version."""

from __future__ import annotations

from datetime import timedelta

import aiohttp

from newsdelta.newsroom import DEFAULT_START, NewsroomServer, chrome_scenario


async def _get(url: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return await response.read()


async def test_static_chrome_pages_are_identical_until_the_version_changes() -> None:
    newsroom = chrome_scenario(2, start=DEFAULT_START, validators=False)
    article = next(iter(newsroom.articles()))
    async with NewsroomServer(newsroom) as server:
        url = server.url_for(article)
        assert await _get(url) != await _get(url)  # default: chrome changes per request
        newsroom.static_chrome = True
        first = await _get(url)
        assert await _get(url) == first
        article.add_version(DEFAULT_START + timedelta(minutes=1), title="A new headline")
        newsroom.clock.set(DEFAULT_START + timedelta(minutes=2))
        assert await _get(url) != first


async def test_heavy_chrome_weighs_what_it_says_and_extracts_the_same_article() -> None:
    from newsdelta.extract import extract_article

    newsroom = chrome_scenario(2, start=DEFAULT_START, validators=False)
    article = next(iter(newsroom.articles()))
    async with NewsroomServer(newsroom) as server:
        url = server.url_for(article)
        light = await _get(url)
        newsroom.heavy_chrome_kb = 150
        heavy = await _get(url)
    assert len(light) < 10_000
    assert 130_000 < len(heavy) < 170_000
    # The mega-menu, link farm and JSON state are page chrome: the article read from
    # the heavy page is exactly the one read from the light page.
    assert extract_article(heavy.decode(), url) == extract_article(light.decode(), url)
