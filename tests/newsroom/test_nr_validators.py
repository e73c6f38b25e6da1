"""ETag / Last-Modified per article version, switchable per newsroom and per outlet; gzip."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
from newsroom_helpers import START, seed_url

from newsdelta.newsroom import NewsroomServer, seed_scenario
from newsdelta.newsroom.seed import SEED_SLUG


async def test_etag_304_and_new_etag_for_new_version(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    url = seed_url(server)
    async with client.get(url) as first:
        etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    async with client.get(url) as again:
        assert again.headers["ETag"] == etag  # same version: same validator despite new chrome
    async with client.get(url, headers={"If-None-Match": etag}) as cached:
        assert cached.status == 304
        assert await cached.read() == b""
    async with client.get(url, headers={"If-Modified-Since": last_modified}) as cached:
        assert cached.status == 304
    server.newsroom.clock.advance(timedelta(hours=3))
    async with client.get(url, headers={"If-None-Match": etag}) as changed:
        assert changed.status == 200
        assert changed.headers["ETag"] != etag
    async with client.get(url, headers={"If-Modified-Since": last_modified}) as changed:
        assert changed.status == 200


async def test_no_validators_when_switched_off(client: aiohttp.ClientSession) -> None:
    newsroom = seed_scenario(START, validators=False)
    async with NewsroomServer(newsroom) as server:
        url = seed_url(server)
        conditional = {"If-None-Match": "*", "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}
        for _ in range(3):
            async with client.get(url, headers=conditional) as response:
                assert response.status == 200
                assert "ETag" not in response.headers
                assert "Last-Modified" not in response.headers
        path = newsroom.article("rtcom", SEED_SLUG).path
        assert server.stats.statuses(path) == [200, 200, 200]


async def test_outlet_override_beats_newsroom_setting(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    server.newsroom.outlet("rtcom").validators = False
    async with client.get(seed_url(server)) as response:
        assert "ETag" not in response.headers
    server.newsroom.validators = False
    server.newsroom.outlet("rtcom").validators = True
    async with client.get(seed_url(server)) as response:
        assert "ETag" in response.headers


async def test_gzip_only_when_accepted(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    async with client.get(seed_url(server), headers={"Accept-Encoding": "gzip"}) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Biden" in await response.text()
    async with client.get(seed_url(server), headers={"Accept-Encoding": "identity"}) as response:
        assert "Content-Encoding" not in response.headers
        assert "Biden" in await response.text()
