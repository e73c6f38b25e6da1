"""Article pages over real HTTP: exact text, changing chrome, 404 before publication."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
from lxml import html
from newsroom_helpers import START, extract, seed_url

from newsdelta.newsroom import NewsroomServer, seed


async def get_text(client: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with client.get(url) as response:
        return response.status, await response.text()


async def test_article_text_is_exactly_the_scripted_text(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    status, page = await get_text(client, seed_url(server))
    assert status == 200
    assert extract(page) == {
        "title": seed.TITLE_V1,
        "standfirst": seed.STANDFIRST_V1,
        "byline": seed.SEED_BYLINE,
        "paragraphs": seed.PARAGRAPHS_V1,
    }


async def test_chrome_differs_between_requests_but_article_does_not(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    _, first = await get_text(client, seed_url(server))
    _, second = await get_text(client, seed_url(server))
    assert first != second
    assert extract(first) == extract(second)
    one, two = html.fromstring(first), html.fromstring(second)
    for xpath in (
        "string(//div[@class='live-clock'])",
        "string(//div[contains(@class,'ad-slot')]/@id)",
        "string(//script)",
    ):
        assert one.xpath(xpath) != two.xpath(xpath), xpath


async def test_head_metadata(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    server.newsroom.clock.set(START + timedelta(hours=4))
    _, page = await get_text(client, seed_url(server) + "?utm_source=x")
    tree = html.fromstring(page)
    clean = seed_url(server)
    assert tree.xpath("string(//link[@rel='canonical']/@href)") == clean
    assert tree.xpath("string(//meta[@property='og:url']/@content)") == clean
    assert tree.xpath("string(//meta[@name='description']/@content)") == seed.STANDFIRST_V2
    published = tree.xpath("string(//meta[@property='article:published_time']/@content)")
    modified = tree.xpath("string(//meta[@property='article:modified_time']/@content)")
    assert published == START.isoformat()
    assert modified == (START + timedelta(hours=3)).isoformat()
    assert tree.xpath("string(//article//time/@datetime)") == START.isoformat()


async def test_version_follows_the_clock(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    server.newsroom.clock.set(START - timedelta(minutes=1))
    status, _ = await get_text(client, seed_url(server))
    assert status == 404
    server.newsroom.clock.set(START + timedelta(hours=2, minutes=59))
    assert extract((await get_text(client, seed_url(server)))[1])["title"] == seed.TITLE_V1
    server.newsroom.clock.advance(timedelta(minutes=1))
    page = (await get_text(client, seed_url(server)))[1]
    assert extract(page)["paragraphs"] == seed.PARAGRAPHS_V2


async def test_markup_in_text_is_escaped(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    nasty = ("<script>alert(1)</script> & “quotes” 'single' \"double\"", "a < b > c")
    article = server.newsroom.outlet("rtcom").add_article(
        "nasty", START, title="Tom & Jerry <i>live</i>", standfirst='x " y', paragraphs=nasty
    )
    status, page = await get_text(client, server.url_for(article))
    assert status == 200
    assert "<script>alert" not in page
    got = extract(page)
    assert got["title"] == "Tom & Jerry <i>live</i>"
    assert got["standfirst"] == 'x " y'
    assert got["paragraphs"] == nasty


async def test_unknown_paths_are_404(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    for path in ("/nope/articles/x", "/rtcom/articles/missing", f"/rtcom/private/{seed.SEED_SLUG}"):
        async with client.get(server.url(path)) as response:
            assert response.status == 404, path
