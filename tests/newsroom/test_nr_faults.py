"""Every fault mode, switched on and off while the server runs."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import pytest
from lxml import html
from newsroom_helpers import START, extract

from newsdelta.newsroom import NewsroomServer, ScriptedArticle, faults, seed


def _article(server: NewsroomServer) -> ScriptedArticle:
    return server.newsroom.article(seed.SEED_OUTLET, seed.SEED_SLUG)


@pytest.mark.parametrize(
    ("fault", "status", "retry_after"),
    [
        (faults.Unavailable(), 503, None),
        (faults.Unavailable(retry_after=120), 503, "120"),
        (faults.RateLimited(retry_after=30), 429, "30"),
        (faults.Gone(404), 404, None),
        (faults.Gone(410), 410, None),
        (faults.Blocked(403), 403, None),
        (faults.Blocked(451), 451, None),
    ],
)
async def test_error_statuses(
    server: NewsroomServer,
    client: aiohttp.ClientSession,
    fault: faults.Fault,
    status: int,
    retry_after: str | None,
) -> None:
    article = _article(server)
    article.set_fault(fault)
    async with client.get(server.url_for(article)) as response:
        assert response.status == status
        assert response.headers.get("Retry-After") == retry_after
        assert seed.PARAGRAPHS_V1[0] not in await response.text()
    article.set_fault(None)  # switched off while running: back to normal
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200


async def test_slow_response_delays_headers(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.set_fault(faults.Slow(delay_s=0.5))
    with pytest.raises(TimeoutError):
        await client.get(server.url_for(article), timeout=aiohttp.ClientTimeout(total=0.1))
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200
        assert extract(await response.text())["title"] == seed.TITLE_V1


async def test_slow_body_arrives_complete(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.set_fault(faults.SlowBody(interval_s=0.001, chunk_bytes=2048))
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200
        assert extract(await response.text())["paragraphs"] == seed.PARAGRAPHS_V1


async def test_endless_body_never_ends(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.set_fault(faults.SlowBody(interval_s=0.001, chunk_bytes=4096, endless=True))
    received = 0
    async with client.get(server.url_for(article)) as response:
        assert response.content_length is None
        while received < 200_000:  # far beyond the page itself, and still no EOF
            chunk = await response.content.read(65536)
            assert chunk, "endless body ended"
            received += len(chunk)
    assert received >= 200_000


async def test_truncated_body(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    article = _article(server)
    article.set_fault(faults.Truncated(fraction=0.3))
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200
        promised = response.content_length
        assert promised is not None and promised > 1000
        with pytest.raises(aiohttp.ClientPayloadError):
            await response.read()


async def test_redirect_loop(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    article = _article(server)
    article.set_fault(faults.RedirectLoop())
    url = server.url_for(article)
    async with client.get(url, allow_redirects=False) as a:
        b_url = a.headers["Location"]
        assert a.status == 302 and b_url != url
    async with client.get(b_url, allow_redirects=False) as b:
        assert b.status == 302 and b.headers["Location"] == url
    with pytest.raises(aiohttp.TooManyRedirects):
        await client.get(url, max_redirects=6)


async def test_moved_to_another_article(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    target = server.newsroom.outlet("rtcom").add_article(
        "new-home", START, title="Moved here", paragraphs=("Body.",)
    )
    article.set_fault(faults.Moved(target.path, status=301))
    async with client.get(server.url_for(article), allow_redirects=False) as response:
        assert response.status == 301
        assert response.headers["Location"] == server.url_for(target)
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200 and str(response.url) == server.url_for(target)
        assert extract(await response.text())["title"] == "Moved here"


async def test_paywall_stub(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    article = _article(server)
    article.set_fault(faults.Paywall())
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200
        page = await response.text()
    assert "Subscribe to continue reading" in page
    assert extract(page)["paragraphs"] == ()
    assert seed.PARAGRAPHS_V1[0] not in page
    assert len(page) < 3000


@pytest.mark.parametrize(
    ("mode", "content_type", "meta"),
    [
        (faults.CharsetMode.HEADER_UTF8_BODY_CP1252, "text/html; charset=utf-8", ""),
        (faults.CharsetMode.META_ONLY, "text/html", "windows-1252"),
        (faults.CharsetMode.NONE_LATIN1, "text/html", ""),
    ],
)
async def test_wrong_charset(
    server: NewsroomServer,
    client: aiohttp.ClientSession,
    mode: faults.CharsetMode,
    content_type: str,
    meta: str,
) -> None:
    article = server.newsroom.outlet("rtcom").add_article(
        "accents", START, title="Café “Zoë” reopens", paragraphs=("Crème brûlée, naïve façade.",)
    )
    article.set_fault(faults.WrongCharset(mode))
    async with client.get(server.url_for(article)) as response:
        assert response.headers["Content-Type"] == content_type
        body = await response.read()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    codec = "latin-1" if mode is faults.CharsetMode.NONE_LATIN1 else "cp1252"
    tree = html.fromstring(body.decode(codec))
    assert tree.xpath("string(//meta/@charset)") == meta
    assert tree.xpath("string(//article//h1)") == "Café “Zoë” reopens"  # refs for non-latin-1
    assert extract(body.decode(codec))["paragraphs"] == ("Crème brûlée, naïve façade.",)


async def test_huge_page(server: NewsroomServer, client: aiohttp.ClientSession) -> None:
    article = _article(server)
    article.set_fault(faults.Huge(size_bytes=3_000_000))
    async with client.get(server.url_for(article)) as response:
        assert response.content_length is not None
        assert 2_900_000 <= response.content_length <= 3_000_000
        body = await response.read()
    assert len(body) == response.content_length
    assert extract(body.decode())["paragraphs"] == seed.PARAGRAPHS_V1


async def test_huge_default_is_twenty_megabytes(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.set_fault(faults.Huge())
    async with client.get(server.url_for(article)) as response:
        assert response.content_length is not None
        assert response.content_length >= 20 * 1024 * 1024 - 2048
        first = await response.content.read(4096)  # a size-limited client hangs up early
        assert first.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("kind", "content_type", "magic"),
    [
        (faults.NonHtmlKind.PDF, "application/pdf", b"%PDF-"),
        (faults.NonHtmlKind.PNG, "image/png", b"\x89PNG\r\n\x1a\n"),
    ],
)
async def test_non_html(
    server: NewsroomServer,
    client: aiohttp.ClientSession,
    kind: faults.NonHtmlKind,
    content_type: str,
    magic: bytes,
) -> None:
    article = _article(server)
    article.set_fault(faults.NonHtml(kind))
    async with client.get(server.url_for(article)) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == content_type
        assert (await response.read()).startswith(magic)


async def test_scheduled_deletion_and_restore(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.delete_at(START + timedelta(hours=1), status=410)
    article.schedule_fault(START + timedelta(hours=2), None)
    statuses = []
    for hours in (0.5, 1, 1.5, 2):
        server.newsroom.clock.set(START + timedelta(hours=hours))
        async with client.get(server.url_for(article)) as response:
            statuses.append(response.status)
    assert statuses == [200, 410, 410, 200]


async def test_on_demand_fault_overrides_schedule(
    server: NewsroomServer, client: aiohttp.ClientSession
) -> None:
    article = _article(server)
    article.paywall_at(START)
    article.set_fault(faults.Blocked(451))
    async with client.get(server.url_for(article)) as response:
        assert response.status == 451
    article.set_fault(None)
    async with client.get(server.url_for(article)) as response:
        assert "Subscribe to continue reading" in await response.text()
