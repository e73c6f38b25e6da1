"""robots.txt: rules, status handling, caching and refusals without traffic."""

from __future__ import annotations

import asyncio

import pytest
from fetch_server import FakeTime, Server, make_settings

from newsdelta.errors import RobotsDisallowedError
from newsdelta.fetch import Fetcher
from newsdelta.fetch.robots import ERROR_CACHE_S, robots_url, rules_from_response

RULES = b"""
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Disallow: /*?print=
"""


@pytest.mark.parametrize(
    ("status", "body", "url", "allowed", "ttl"),
    [
        (200, RULES, "http://x/page", True, 3600.0),
        (200, RULES, "http://x/private/a", False, 3600.0),
        (200, RULES, "http://x/story?print=1", False, 3600.0),   # wildcard rule
        (200, b"User-agent: newsdelta\nDisallow: /\n", "http://x/page", False, 3600.0),
        (200, b"User-agent: NewsDelta\nDisallow: /a\n", "http://x/a", False, 3600.0),
        (200, b"User-agent: *\nDisallow: /\nUser-agent: newsdelta\nAllow: /\n",
         "http://x/page", True, 3600.0),                          # our group beats *
        (200, b"\xff\xfe garbage \x00", "http://x/page", True, 3600.0),
        (404, b"User-agent: *\nDisallow: /\n", "http://x/page", True, 3600.0),
        (403, b"", "http://x/page", True, 3600.0),
        (410, b"", "http://x/page", True, 3600.0),
        (429, b"", "http://x/page", True, ERROR_CACHE_S),
        (500, b"User-agent: *\nDisallow: /\n", "http://x/page", True, ERROR_CACHE_S),
        (503, b"", "http://x/page", True, ERROR_CACHE_S),
        (None, b"", "http://x/page", True, ERROR_CACHE_S),        # unreachable
    ],
)
def test_rules_from_response(
    status: int | None, body: bytes, url: str, allowed: bool, ttl: float
) -> None:
    rules = rules_from_response(status, body, now=0.0, ttl_s=3600.0)
    assert rules.allows(url) is allowed
    assert rules.expires == ttl


def test_robots_url() -> None:
    assert robots_url("https://example.com:8443") == "https://example.com:8443/robots.txt"


async def test_disallowed_url_is_never_requested(server: Server) -> None:
    server.state.robots_status, server.state.robots_body = 200, RULES.decode()
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(RobotsDisallowedError):
            await fetcher.fetch(server.url("/private/secret"))
        result = await fetcher.fetch(server.url("/page"))
        assert result.status == 200
        assert fetcher.stats.robots_fetches == 1
    assert server.state.hits["/private/secret"] == 0
    assert server.state.hits["/robots.txt"] == 1
    assert server.state.headers["/robots.txt"][0]["User-Agent"] == make_settings().user_agent


async def test_redirect_into_disallowed_path_is_refused(server: Server) -> None:
    server.state.robots_status, server.state.robots_body = 200, RULES.decode()
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(RobotsDisallowedError):
            await fetcher.fetch(server.url("/goto?to=/private/x"))
    assert server.state.hits["/goto"] == 1
    assert server.state.hits["/private/x"] == 0


async def test_robots_is_per_origin(server: Server) -> None:
    server.state.robots_status = 404
    async with Fetcher(make_settings()) as fetcher:
        await fetcher.fetch(server.url("/page"))
        await fetcher.fetch(server.url("/page", second=True))
        assert fetcher.stats.robots_fetches == 2


async def test_parallel_first_fetches_cause_one_robots_request(server: Server) -> None:
    async with Fetcher(make_settings(per_host_concurrency=8)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(server.url(f"/probe/{i}"))
                                         for i in range(20)))
    assert {r.status for r in results} == {200}
    assert server.state.hits["/robots.txt"] == 1


async def test_robots_cache_expires(server: Server, fake_time: FakeTime) -> None:
    settings = make_settings(robots_cache_s=600.0)
    async with Fetcher(settings, sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        await fetcher.fetch(server.url("/page"))
        fake_time.now += 599
        await fetcher.fetch(server.url("/page"))
        assert server.state.hits["/robots.txt"] == 1
        fake_time.now += 2
        await fetcher.fetch(server.url("/page"))
        assert server.state.hits["/robots.txt"] == 2


async def test_server_error_robots_allows_but_is_cached_briefly(
    server: Server, fake_time: FakeTime
) -> None:
    server.state.robots_status, server.state.robots_body = 500, "User-agent: *\nDisallow: /\n"
    async with Fetcher(make_settings(), sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        assert (await fetcher.fetch(server.url("/page"))).status == 200
        fake_time.now += ERROR_CACHE_S - 1
        await fetcher.fetch(server.url("/page"))
        assert server.state.hits["/robots.txt"] == 1
        fake_time.now += 2
        server.state.robots_status = 200  # back up: now its rules apply
        with pytest.raises(RobotsDisallowedError):
            await fetcher.fetch(server.url("/page"))
        assert server.state.hits["/robots.txt"] == 2
        assert fake_time.sleeps == []  # robots.txt errors are not retried


async def test_robots_redirect_is_followed(server: Server) -> None:
    # RFC 9309: robots.txt redirects are followed. Ask the robots fetcher for a
    # URL that redirects to the real file.
    server.state.robots_status, server.state.robots_body = 200, RULES.decode()
    async with Fetcher(make_settings()) as fetcher:
        ok = await fetcher._fetch_robots(server.url("/goto?to=/robots.txt"))
    assert ok == (200, RULES)
    assert server.state.hits["/robots.txt"] == 1


async def test_obey_robots_off_never_asks(server: Server) -> None:
    server.state.robots_status, server.state.robots_body = 200, "User-agent: *\nDisallow: /\n"
    async with Fetcher(make_settings(obey_robots=False)) as fetcher:
        assert (await fetcher.fetch(server.url("/page"))).status == 200
        assert fetcher.stats.robots_fetches == 0
    assert server.state.hits["/robots.txt"] == 0
