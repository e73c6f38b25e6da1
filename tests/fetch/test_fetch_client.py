"""The Fetcher against a real loopback server: every behaviour of one fetch."""

from __future__ import annotations

import asyncio
import gzip
import pickle
import socket

import pytest
from fetch_server import (
    CP1252_TEXT,
    ETAG,
    LAST_MODIFIED,
    PAGE_HTML,
    FakeTime,
    Server,
    make_settings,
)

from newsdelta.core.normalize import raw_body_hash
from newsdelta.errors import (
    BadURLError,
    ConnectionFailedError,
    DecodeError,
    FetchTimeoutError,
    NotHTMLError,
    TooLargeError,
    TooManyRedirectsError,
    TruncatedBodyError,
)
from newsdelta.fetch import Fetcher

# --------------------------------------------------------------------- basics


async def test_plain_fetch(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/page"))
        stats = fetcher.stats
    assert result.status == 200
    assert result.url == result.final_url == server.url("/page")
    assert result.body == PAGE_HTML.encode()
    assert result.text == PAGE_HTML
    assert result.encoding == "utf-8"
    assert result.etag == ETAG
    assert result.last_modified == LAST_MODIFIED
    assert result.redirects == ()
    assert result.content_type.startswith("text/html")
    assert stats.requests == 2  # robots.txt + page
    assert stats.bytes_received == len(PAGE_HTML)
    seen = server.state.headers["/page"][0]
    assert seen["User-Agent"] == make_settings().user_agent
    assert "gzip" in seen["Accept-Encoding"] and "deflate" in seen["Accept-Encoding"]
    assert "If-None-Match" not in seen


async def test_known_body_is_not_decoded_again(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        same = await fetcher.fetch(server.url("/page"), known_hash=raw_body_hash(PAGE_HTML.encode()))
        other = await fetcher.fetch(server.url("/page"), known_hash=raw_body_hash(b"older page"))
    assert same.status == 200 and same.body == PAGE_HTML.encode()
    assert same.text is None and same.encoding is None and same.known_body
    assert other.text == PAGE_HTML and not other.known_body


@pytest.mark.parametrize("kind", ["gzip-steady", "deflate-zlib"])
async def test_known_compressed_body_is_not_inflated(server: Server, kind: str) -> None:
    url = server.url(f"/coded/{kind}")
    async with Fetcher(make_settings()) as fetcher:
        first = await fetcher.fetch(url)
        received = fetcher.stats.bytes_received
        same = await fetcher.fetch(url, known_hash=first.raw_hash, known_wire_hash=first.wire_hash)
        assert fetcher.stats.bytes_received == received  # nothing was inflated
        alone = await fetcher.fetch(url, known_wire_hash=first.wire_hash)  # no raw hash: inflate
        stale = await fetcher.fetch(url, known_hash=first.raw_hash, known_wire_hash="0" * 32)
    assert first.wire_hash is not None and first.wire_hash != first.raw_hash
    assert first.raw_hash == raw_body_hash(first.body) and not first.known_body
    assert same.known_body and same.body == b"" and same.text is None
    assert (same.raw_hash, same.wire_hash) == (first.raw_hash, first.wire_hash)
    assert same.gzip_body is None  # nothing to archive: it is the body the caller has
    assert not alone.known_body and alone.body == first.body and alone.text == first.text
    # Other compressed bytes are inflated, and the raw bytes still end the check.
    assert stale.known_body and stale.body == first.body and stale.text is None


async def test_uncompressed_and_cut_bodies_have_no_wire_hash(server: Server) -> None:
    async with Fetcher(make_settings(max_body_bytes=100_000)) as fetcher:
        plain = await fetcher.fetch(server.url("/page"))
        cut = await fetcher.fetch(server.url("/coded/gzip-bomb-404"))
    assert plain.wire_hash is None and plain.raw_hash == raw_body_hash(PAGE_HTML.encode())
    assert cut.wire_hash is None  # a cut error page is not the server's whole stream


async def test_result_pickles(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/page"))
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert copy.headers["etag"] == ETAG  # case-insensitive headers


async def test_fetch_outside_context_is_a_usage_error() -> None:
    fetcher = Fetcher(make_settings(obey_robots=False))
    with pytest.raises(RuntimeError):
        await fetcher.fetch("http://127.0.0.1:9/page")


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "not a url",
            "http:///nohost", "//example.com/x", "http://[::1"],
)
async def test_bad_urls(url: str) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(BadURLError):
            await fetcher.fetch(url)
        assert fetcher.stats.requests == 0


# ------------------------------------------------------------ conditional GET


async def test_etag_gives_304(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/page"), etag=ETAG)
    assert result.status == 304
    assert result.not_modified
    assert result.body == b""
    assert result.text is None
    assert result.etag == ETAG
    assert server.state.headers["/page"][0]["If-None-Match"] == ETAG


async def test_last_modified_gives_304_and_keeps_validator(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/page"), last_modified=LAST_MODIFIED)
    assert result.status == 304
    assert result.last_modified == LAST_MODIFIED  # not repeated by the server: kept
    assert server.state.headers["/page"][0]["If-Modified-Since"] == LAST_MODIFIED


async def test_stale_etag_gives_full_page(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/page"), etag='"old"')
    assert result.status == 200
    assert result.etag == ETAG


# ---------------------------------------------------------------- compression


async def test_gzip_is_decompressed(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/gzip"))
    assert result.body == (PAGE_HTML * 50).encode()
    assert result.headers["Content-Encoding"] == "gzip"


async def test_gzip_stream_is_kept_as_it_came(server: Server) -> None:
    """The wire bytes are kept so a new version's raw page is not compressed again."""
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/gzip"))
        plain = await fetcher.fetch(server.url("/page"))
        received = fetcher.stats.bytes_received
    assert result.gzip_body is not None
    assert result.gzip_body[:2] == b"\x1f\x8b"
    assert gzip.decompress(result.gzip_body) == result.body
    assert plain.gzip_body is None  # sent uncompressed
    assert received == len(result.body) + len(plain.body)  # counted after inflating


@pytest.mark.parametrize(
    "kind", ["deflate-zlib", "deflate-raw", "gzip-members", "gzip-padded", "gzip-upper"]
)
async def test_every_coding_a_server_may_send_is_undone(server: Server, kind: str) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url(f"/coded/{kind}"))
    assert result.body == (PAGE_HTML * 50).encode()
    assert result.text == PAGE_HTML * 50
    assert (result.gzip_body is not None) == kind.startswith("gzip")


@pytest.mark.parametrize(
    ("kind", "error", "match"),
    [
        ("br", DecodeError, "unsupported content coding 'br'"),
        ("gzip-corrupt", DecodeError, "bad compressed body"),
        ("gzip-cut", TruncatedBodyError, "ended early"),
    ],
)
async def test_bad_compressed_bodies_are_clear_errors(
    server: Server, kind: str, error: type[Exception], match: str
) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(error, match=match):
            await fetcher.fetch(server.url(f"/coded/{kind}"))


async def test_error_page_bomb_is_cut_at_the_limit(server: Server) -> None:
    """An error page is read best-effort: its status matters, not a bomb behind it."""
    async with Fetcher(make_settings(max_body_bytes=100_000)) as fetcher:
        result = await fetcher.fetch(server.url("/coded/gzip-bomb-404"))
    assert result.status == 404
    assert len(result.body) == 100_000
    assert result.gzip_body is None  # a cut body is not the server's whole stream


async def test_gzip_bomb_stops_at_limit(server: Server) -> None:
    async with Fetcher(make_settings(max_body_bytes=100_000)) as fetcher:
        with pytest.raises(TooLargeError):
            await fetcher.fetch(server.url("/bomb"))


# ------------------------------------------------------------------ body size


async def test_body_at_limit_is_fine_one_more_byte_is_not(server: Server) -> None:
    async with Fetcher(make_settings(max_body_bytes=10_000)) as fetcher:
        assert len((await fetcher.fetch(server.url("/sized/10000"))).body) == 10_000
        with pytest.raises(TooLargeError):
            await fetcher.fetch(server.url("/sized/10001"))


async def test_announced_huge_body_is_rejected_early(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(TooLargeError, match="announces"):
            await fetcher.fetch(server.url("/huge"))
        assert fetcher.stats.bytes_received == 0


async def test_endless_body_stops_at_limit(server: Server) -> None:
    async with Fetcher(make_settings(max_body_bytes=300_000)) as fetcher:
        with pytest.raises(TooLargeError):
            await fetcher.fetch(server.url("/endless"))
        assert fetcher.stats.bytes_received == 0  # nothing kept from a refused body


async def test_oversized_error_page_is_still_a_result(server: Server) -> None:
    async with Fetcher(make_settings(max_body_bytes=100_000)) as fetcher:
        result = await fetcher.fetch(server.url("/huge-404"))
    assert result.status == 404
    assert len(result.body) == 100_000  # cut at the limit, not raised


async def test_truncated_body(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(TruncatedBodyError):
            await fetcher.fetch(server.url("/truncated"))


# ------------------------------------------------------------------- timeouts


async def test_read_timeout(server: Server) -> None:
    async with Fetcher(make_settings(read_timeout_s=0.2, obey_robots=False)) as fetcher:
        with pytest.raises(FetchTimeoutError):
            await fetcher.fetch(server.url("/slow"))


async def test_total_timeout_ends_a_dripping_body(server: Server) -> None:
    settings = make_settings(read_timeout_s=2.0, total_timeout_s=0.4, obey_robots=False)
    async with Fetcher(settings) as fetcher:
        with pytest.raises(FetchTimeoutError):
            await fetcher.fetch(server.url("/drip"))


# ------------------------------------------------------------------ redirects


async def test_redirect_chain(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/redirect/3"))
    assert result.status == 200
    assert result.url == server.url("/redirect/3")
    assert result.final_url == server.url("/page")
    assert result.redirects == tuple(server.url(f"/redirect/{n}") for n in (3, 2, 1, 0))


async def test_redirect_keeps_conditional_headers(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/redirect/1"), etag=ETAG)
    assert result.status == 304
    assert result.final_url == server.url("/page")


async def test_too_many_redirects(server: Server) -> None:
    async with Fetcher(make_settings(max_redirects=3)) as fetcher:
        with pytest.raises(TooManyRedirectsError):
            await fetcher.fetch(server.url("/redirect/5"))
    assert server.state.hits["/redirect/1"] == 0  # stopped after 4 responses
    assert server.state.hits["/redirect/2"] == 1


async def test_exactly_max_redirects_is_fine(server: Server) -> None:
    async with Fetcher(make_settings(max_redirects=4)) as fetcher:
        result = await fetcher.fetch(server.url("/redirect/3"))
    assert len(result.redirects) == 4


async def test_redirect_loop(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(TooManyRedirectsError, match="loop"):
            await fetcher.fetch(server.url("/loop/a"))
    assert server.state.hits["/loop/a"] == 1
    assert server.state.hits["/loop/b"] == 1


async def test_redirect_to_other_scheme_is_refused(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(BadURLError):
            await fetcher.fetch(server.url("/goto?to=ftp://example.com/file"))


async def test_redirect_to_other_host(server: Server) -> None:
    target = server.url("/page", second=True)
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url(f"/goto?to={target}"))
        assert fetcher.stats.robots_fetches == 2  # each origin's robots.txt
    assert result.final_url == target


# -------------------------------------------------------------------- retries


async def test_retry_after_seconds_is_honoured(server: Server, fake_time: FakeTime) -> None:
    async with Fetcher(make_settings(), sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url("/retry-after/7"))
        assert fetcher.stats.retries == 1
    assert result.status == 200
    assert fake_time.sleeps == [7.0]


async def test_retry_after_http_date_is_honoured(server: Server, fake_time: FakeTime) -> None:
    async with Fetcher(make_settings(), sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url("/retry-date"))
    assert result.status == 200
    assert fake_time.sleeps == [30.0]


async def test_retry_after_beyond_cap_returns_429_at_once(
    server: Server, fake_time: FakeTime
) -> None:
    settings = make_settings(max_retry_after_s=60.0)
    async with Fetcher(settings, sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url("/retry-after/3600"))
    assert result.status == 429
    assert result.headers["Retry-After"] == "3600"
    assert fake_time.sleeps == []


async def test_503_then_200(server: Server, fake_time: FakeTime) -> None:
    server.state.flaky_failures = 2
    async with Fetcher(make_settings(retries=2), sleep=fake_time.sleep,
                       clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url("/flaky"))
    assert result.status == 200
    assert fake_time.sleeps == [0.5, 1.0]
    assert server.state.hits["/flaky"] == 3


async def test_persistent_503_is_returned_after_retries(
    server: Server, fake_time: FakeTime
) -> None:
    server.state.flaky_failures = 100
    async with Fetcher(make_settings(retries=2), sleep=fake_time.sleep,
                       clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url("/flaky"))
    assert result.status == 503
    assert result.text == "<p>busy</p>"
    assert fake_time.sleeps == [0.5, 1.0]
    assert server.state.hits["/flaky"] == 3


@pytest.mark.parametrize("code", [401, 402, 403, 404, 410, 451, 501])
async def test_error_statuses_are_results(server: Server, fake_time: FakeTime, code: int) -> None:
    async with Fetcher(make_settings(), sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        result = await fetcher.fetch(server.url(f"/status/{code}"))
    assert result.status == code
    assert result.text == f"<html><body>status {code}</body></html>"
    assert fake_time.sleeps == []
    assert server.state.hits[f"/status/{code}"] == 1


async def test_connection_refused_is_retried_then_raised(fake_time: FakeTime) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = make_settings(retries=2)
    async with Fetcher(settings, sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        with pytest.raises(ConnectionFailedError) as raised:
            await fetcher.fetch(f"http://127.0.0.1:{port}/page")
        assert fetcher.stats.retries == 2
    # The reason reads as the system gives it, not as aiohttp's repr of its connection key.
    assert str(raised.value) == f"cannot fetch http://127.0.0.1:{port}/page: connection refused"
    # robots.txt failed once (not retried, allowed); the page was tried 3 times.
    assert fake_time.sleeps == [0.5, 1.0]


# -------------------------------------------------------- charset and types


@pytest.mark.parametrize("case", ["declared", "meta", "bare", "lying"])
async def test_windows_1252_pages(server: Server, case: str) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url(f"/charset/{case}"))
    assert result.text is not None
    assert CP1252_TEXT in result.text
    assert result.encoding == "cp1252"


async def test_undecodable_page(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(DecodeError):
            await fetcher.fetch(server.url("/charset/binary"))


@pytest.mark.parametrize("case", ["pdf", "json", "rss", "octet-png"])
async def test_page_fetch_refuses_non_html(server: Server, case: str) -> None:
    async with Fetcher(make_settings()) as fetcher:
        with pytest.raises(NotHTMLError):
            await fetcher.fetch(server.url(f"/typed/{case}"))


async def test_octet_stream_html_is_sniffed(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/typed/octet-html"))
    assert result.text == PAGE_HTML


async def test_feed_kind(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        result = await fetcher.fetch(server.url("/typed/rss"), kind="feed")
        assert result.text is not None and "<rss>" in result.text
        with pytest.raises(NotHTMLError):
            await fetcher.fetch(server.url("/typed/pdf"), kind="feed")


async def test_any_kind_keeps_binary_without_text(server: Server) -> None:
    async with Fetcher(make_settings()) as fetcher:
        pdf = await fetcher.fetch(server.url("/typed/pdf"), kind="any")
        data = await fetcher.fetch(server.url("/typed/json"), kind="any")
    assert pdf.body.startswith(b"%PDF") and pdf.text is None
    assert data.text == '{"a": 1}'


# ----------------------------------------------------------------- politeness


async def test_per_host_concurrency_is_never_exceeded(server: Server) -> None:
    settings = make_settings(per_host_concurrency=3, global_concurrency=32)
    async with Fetcher(settings) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(server.url(f"/probe/{i}"))
                                         for i in range(20)))
        stats = fetcher.stats
    assert [r.status for r in results] == [200] * 20
    assert server.state.max_in_flight == 3  # the server saw the cap reached, never passed
    assert stats.max_in_flight_per_host == 3


async def test_global_concurrency_caps_all_hosts(server: Server) -> None:
    settings = make_settings(per_host_concurrency=4, global_concurrency=5, obey_robots=False)
    async with Fetcher(settings) as fetcher:
        await asyncio.gather(*(fetcher.fetch(server.url(f"/probe/{i}", second=bool(i % 2)))
                               for i in range(24)))
        stats = fetcher.stats
    assert server.state.max_in_flight == 5
    assert stats.max_in_flight == 5
    assert stats.max_in_flight_per_host <= 4


async def test_min_delay_between_starts(server: Server) -> None:
    # Each fake 5 s wait takes 50 ms of real time, ample for a loopback request to
    # reach the server and be stamped with the fake time of its start.
    fake_time = FakeTime(real_scale=0.01)
    server.state.clock = fake_time.clock
    settings = make_settings(per_host_delay_s=5.0, per_host_concurrency=4, obey_robots=False)
    async with Fetcher(settings, sleep=fake_time.sleep, clock=fake_time.clock) as fetcher:
        await asyncio.gather(*(fetcher.fetch(server.url(f"/probe/{i}")) for i in range(5)))
        await fetcher.fetch(server.url("/probe/other", second=True))  # another host: no wait
    starts = server.state.start_times
    assert starts[:5] == [1000.0, 1005.0, 1010.0, 1015.0, 1020.0]
    assert fake_time.sleeps == [5.0] * 4


@pytest.mark.parametrize(
    ("os_error", "reason"),
    [
        (socket.gaierror(-2, "Name or service not known"),
         "cannot resolve the host name (name or service not known)"),
        (ConnectionRefusedError(111, "Connection refused"), "connection refused"),
    ],
)
def test_failure_reasons_read_as_words(os_error: OSError, reason: str) -> None:
    # A resolver's errno is not the system's: os.strerror(-2) read "unknown error -2".
    from newsdelta.fetch.client import _failure_reason

    class ConnectorError(Exception):
        def __init__(self) -> None:
            super().__init__("aiohttp's repr of its connection key")
            self.os_error = os_error

    assert _failure_reason(ConnectorError()) == reason
