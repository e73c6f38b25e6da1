"""The fetcher: one polite, bounded, SSRF-safe HTTP GET with redirects and retries.

Usage::

    async with Fetcher(settings) as fetcher:
        result = await fetcher.fetch(url, etag=old.etag, last_modified=old.last_modified)
        if result.not_modified:
            ...

What one :meth:`Fetcher.fetch` does, for each URL of a redirect chain:

1. checks the URL (http/https only) and the SSRF guard (:mod:`.guard`);
2. asks robots.txt (:mod:`.robots`), fetched through this same client;
3. takes a politeness slot for the host (:mod:`.politeness`) and sends one GET
   (conditional headers if given), reading the body in chunks up to
   ``max_body_bytes``, then inflating it (:mod:`newsdelta.core.content_coding`,
   bounded by the same limit) and keeping a gzip stream as it came;
4. on 429/5xx or a connection failure, releases the slot and backs off
   (:mod:`.retry`), honouring ``Retry-After``;
5. on a 3xx with ``Location``, goes round again for the new URL.

All of it, for every URL of the chain, must fit in ``fetch_deadline_s`` (waiting for
the page's politeness slots aside). A ``feed`` fetch also unpacks a body that is a
gzip *file* (``sitemap.xml.gz`` sent without ``Content-Encoding``), under the same limit.

The final response becomes a :class:`~newsdelta.core.model.FetchResult`.
HTTP error statuses are results; transport failures raise
:class:`~newsdelta.errors.FetchError` subclasses. aiohttp's and asyncio's
exceptions never escape.

The hot path (a 304, or a small 200 whose content type and charset are
declared) does no parsing beyond aiohttp's own, so it costs a fraction of a
millisecond of CPU; see ``benchmarks/bench_fetch.py``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self

import aiohttp
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import ThreadedResolver
from multidict import CIMultiDict
from yarl import URL

from newsdelta.core import content_coding
from newsdelta.core.content_coding import GZIP_MAGIC
from newsdelta.core.model import FetchResult
from newsdelta.core.normalize import raw_body_hash, wire_hash
from newsdelta.errors import (
    BadURLError,
    ConnectionFailedError,
    DecodeError,
    FetchError,
    FetchTimeoutError,
    NotHTMLError,
    RobotsDisallowedError,
    TooLargeError,
    TooManyRedirectsError,
    TruncatedBodyError,
)
from newsdelta.fetch import content, guard
from newsdelta.fetch.charset import decode_text
from newsdelta.fetch.content import Kind
from newsdelta.fetch.politeness import Politeness
from newsdelta.fetch.retry import RetryPolicy, is_retryable_status, next_delay, parse_retry_after
from newsdelta.fetch.robots import MAX_ROBOTS_BYTES, RobotsCache
from newsdelta.settings import Settings

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: RFC 9309: follow at least five redirects for robots.txt.
_ROBOTS_MAX_REDIRECTS = 5
_ACCEPT = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/xml;q=0.9,*/*;q=0.5",
    "any": "*/*",
}


@dataclass(slots=True)
class FetchStats:
    """Counters of one :class:`Fetcher` (a snapshot; read ``Fetcher.stats`` again for fresh ones)."""

    requests: int = 0
    """HTTP requests sent: every attempt, redirect hop and robots.txt fetch."""
    retries: int = 0
    robots_fetches: int = 0
    bytes_received: int = 0
    """Body bytes received, after decompression (a body that ended the check at its
    compressed bytes, ``known_wire_hash``, is never inflated and counts 0)."""
    max_in_flight_per_host: int = 0
    """Most requests ever in flight at once to a single host."""
    max_in_flight: int = 0
    """Most requests ever in flight at once, all hosts together."""


def _failure_reason(exc: BaseException) -> str:
    """Why an exchange failed, in words a user reads in an event or on the command line.

    aiohttp's reprs carry its connection keys and SSL flags; the operating
    system's reason ("connection refused") is what says what went wrong.
    """
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, socket.gaierror):  # its errno is the resolver's, not the system's
        return f"cannot resolve the host name ({(os_error.strerror or 'no address').lower()})"
    if isinstance(os_error, OSError) and os_error.errno:
        return os.strerror(os_error.errno).lower()
    return str(exc) or type(exc).__name__


class _TransientConnectionError(ConnectionFailedError):
    """A connection failure worth retrying (refused, reset, DNS hiccup), not a TLS failure."""


@dataclass(slots=True)
class _Reply:
    """One HTTP exchange, body read (or deliberately not)."""

    status: int
    headers: CIMultiDict[str]
    body: bytes
    charset: str | None
    gzip_body: bytes | None = None
    """The gzip stream as it came over the wire, when the body came gzip-encoded."""
    wire_hash: str | None = None
    """Digest of the compressed body as sent (``None`` when it came uncompressed)."""
    known_wire: bool = False
    """The compressed body matched the caller's ``known_wire_hash``: ``body`` was not inflated."""


@dataclass
class _Budget:
    """What one fetch may spend on the network and in back-off waits (``fetch_deadline_s``).

    Each exchange is bounded by ``total_timeout_s``, but ten redirects, each retried
    with ``Retry-After`` waits, add up to an hour: a hostile host could hold a pass
    that long. Waiting for the page's politeness slot is not counted, so a long queue
    for a busy host never times a fetch out; checking robots.txt and DNS is.
    """

    seconds: float
    spent: float = 0.0

    def remaining(self) -> float:
        return self.seconds - self.spent


@asynccontextmanager
async def _within(budget: _Budget | None, url: URL) -> AsyncIterator[None]:
    """Run the block on the fetch's budget: cut off when it runs out, its time charged.

    Real seconds, as ``asyncio.timeout`` counts them. Without a budget (robots.txt
    fetched for the cache) the block runs unbounded here.
    """
    if budget is None:
        yield
        return
    started = time.monotonic()
    deadline = asyncio.timeout(budget.remaining())
    try:
        async with deadline:
            yield
    except TimeoutError as exc:
        if deadline.expired():
            raise FetchTimeoutError(
                f"gave up on {url}: the fetch took over {budget.seconds:g} s "
                "(fetch_deadline_s; robots.txt, redirects, retries and their waits included)"
            ) from exc
        raise  # aiohttp's own timeout: the caller words it
    finally:
        budget.spent += time.monotonic() - started


class Fetcher:
    """A polite asyncio HTTP client; use as ``async with Fetcher(settings) as f``."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._sleep = sleep
        self._clock = clock
        self._policy = RetryPolicy(
            retries=settings.retries,
            base_delay_s=settings.retry_base_delay_s,
            max_retry_after_s=settings.max_retry_after_s,
        )
        self._politeness = Politeness(
            per_host_concurrency=settings.per_host_concurrency,
            per_host_delay_s=settings.per_host_delay_s,
            global_concurrency=settings.global_concurrency,
            sleep=sleep,
            clock=clock,
        )
        self._robots = RobotsCache(ttl_s=settings.robots_cache_s, clock=clock)
        self._headers = {
            kind: {"User-Agent": settings.user_agent, "Accept": accept}
            for kind, accept in _ACCEPT.items()
        }
        self._session: aiohttp.ClientSession | None = None
        self._resolver: AbstractResolver | None = None
        self._counts = FetchStats()

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> Self:
        s = self._settings
        self._resolver = ThreadedResolver() if s.allow_private else guard.GuardedResolver(
            self._clock
        )
        connector = aiohttp.TCPConnector(
            limit=s.global_concurrency,
            limit_per_host=0,  # per-host limits are Politeness's job
            resolver=self._resolver,
            family=socket.AF_UNSPEC,
            ttl_dns_cache=int(guard.RESOLVE_CACHE_S),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=aiohttp.ClientTimeout(
                total=s.total_timeout_s,
                connect=s.connect_timeout_s,
                sock_connect=s.connect_timeout_s,
                sock_read=s.read_timeout_s,
            ),
            headers={"Accept-Encoding": content_coding.ACCEPT_ENCODING},
            # No cookies: every check sees the page a first-time reader sees,
            # and one site's consent cookie never leaks into another's fetch.
            cookie_jar=aiohttp.DummyCookieJar(),
            # Bodies are inflated by _read, which keeps the gzip stream: a new
            # version's raw page is stored as it came, not compressed again.
            auto_decompress=False,
            trust_env=False,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()  # closes the connector and its connections
            self._session = None
        if self._resolver is not None:
            await self._resolver.close()  # not owned by the connector: close it ourselves
            self._resolver = None

    @property
    def stats(self) -> FetchStats:
        c = self._counts
        return FetchStats(
            requests=c.requests,
            retries=c.retries,
            robots_fetches=c.robots_fetches,
            bytes_received=c.bytes_received,
            max_in_flight_per_host=self._politeness.max_in_flight_per_host,
            max_in_flight=self._politeness.max_in_flight,
        )

    # ------------------------------------------------------------------ public API

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        kind: Kind = "page",
        known_hash: str | None = None,
        known_wire_hash: str | None = None,
    ) -> FetchResult:
        """GET ``url`` politely; see the module docstring for the steps and errors.

        ``known_hash`` is the raw-body hash (:func:`newsdelta.core.normalize.raw_body_hash`)
        of the body the caller already has: when the new body hashes the same, it is
        not decoded again (``text`` is ``None``, ``known_body`` is true). Identical
        bodies are the common case of a re-check, and decoding is most of what they
        would cost. ``known_wire_hash`` (:func:`newsdelta.core.normalize.wire_hash`,
        used only with ``known_hash``) goes one step earlier: when the compressed
        bytes are the ones the caller has, the body is not even inflated.
        """
        started = self._clock()
        headers = self._headers[kind]
        if etag or last_modified:
            headers = dict(headers)
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        current = _http_url(url)
        known_wire = known_wire_hash if known_hash is not None else None
        hops: list[str] = []
        seen = {current.with_fragment(None)}
        budget = _Budget(self._settings.fetch_deadline_s)
        while True:
            async with _within(budget, current):
                await self._admit(current, robots=True)
            reply = await self._with_retries(current, headers, kind, known_wire, budget)
            target = self._redirect_target(current, reply)
            if target is None:
                break
            hops.append(str(current))
            if len(hops) > self._settings.max_redirects:
                raise TooManyRedirectsError(f"more than {self._settings.max_redirects} redirects")
            if target.with_fragment(None) in seen:
                raise TooManyRedirectsError(f"redirect loop back to {target}")
            seen.add(target.with_fragment(None))
            current = target
        return self._result(url, str(current), reply, tuple(hops), kind, etag, last_modified,
                            self._clock() - started, known_hash)

    # ------------------------------------------------------------------ steps

    async def _admit(self, url: URL, *, robots: bool) -> None:
        """Refuse before any traffic: private addresses, then robots.txt."""
        host = url.raw_host or ""
        if not self._settings.allow_private and not guard.check_literal(host):
            assert self._resolver is not None, "use the Fetcher in 'async with'"
            try:
                async with asyncio.timeout(self._settings.connect_timeout_s):
                    await self._resolver.resolve(host, url.port or 0, socket.AF_UNSPEC)
            except TimeoutError as exc:
                raise FetchTimeoutError(f"resolving {host} timed out") from exc
        if robots and self._settings.obey_robots:
            origin = str(url.origin())
            if not await self._robots.allowed(str(url), origin, self._fetch_robots):
                raise RobotsDisallowedError(f"robots.txt of {origin} disallows {url}")

    async def _with_retries(
        self, url: URL, headers: Mapping[str, str], kind: Kind, known_wire: str | None,
        budget: _Budget,
    ) -> _Reply:
        attempt = 0
        while True:
            try:
                reply = await self._exchange(
                    url, headers, kind, self._settings.max_body_bytes, known_wire=known_wire,
                    budget=budget,
                )
            except _TransientConnectionError:
                delay = next_delay(self._policy, attempt, None)
                if delay is None or delay >= budget.remaining():
                    raise
            else:
                if not is_retryable_status(reply.status):
                    return reply
                retry_after = parse_retry_after(reply.headers.get("Retry-After"),
                                                _server_now(reply.headers))
                delay = next_delay(self._policy, attempt, reply.status, retry_after)
                if delay is None or delay >= budget.remaining():  # the last answer stands
                    return reply
            attempt += 1
            self._counts.retries += 1
            await self._sleep(delay)
            budget.spent += delay

    async def _exchange(
        self,
        url: URL,
        headers: Mapping[str, str],
        kind: Kind,
        limit: int,
        *,
        truncate: bool = False,
        known_wire: str | None = None,
        budget: _Budget | None = None,
    ) -> _Reply:
        """One GET inside a politeness slot; aiohttp errors become FetchErrors here."""
        session = self._session
        if session is None:
            raise RuntimeError("use the Fetcher in 'async with'")
        async with self._politeness.slot(f"{url.raw_host}:{url.port}"):
            self._counts.requests += 1
            try:
                async with (
                    _within(budget, url),
                    session.get(url, headers=headers, allow_redirects=False) as resp,
                ):
                    return await self._read(resp, kind, limit, truncate, known_wire)
            except FetchError:  # the deadline's too
                raise
            except TimeoutError as exc:  # aiohttp's timeouts subclass it too
                raise FetchTimeoutError(f"timed out fetching {url}") from exc
            except aiohttp.ClientPayloadError as exc:
                # aiohttp inflates nothing (_read does), so this is the transfer itself.
                raise TruncatedBodyError(f"body of {url} ended early: {exc}") from exc
            except aiohttp.ClientSSLError as exc:
                raise ConnectionFailedError(f"TLS failure for {url}: {exc}", detail="TLS failure") from exc
            except (aiohttp.ClientConnectionError, aiohttp.ClientResponseError) as exc:
                why = _failure_reason(exc)
                raise _TransientConnectionError(f"cannot fetch {url}: {why}", detail=why) from exc
            except (aiohttp.ClientError, ValueError) as exc:
                raise FetchError(f"cannot fetch {url}: {_failure_reason(exc)}") from exc

    async def _read(
        self,
        resp: aiohttp.ClientResponse,
        kind: Kind,
        limit: int,
        truncate: bool,
        known_wire: str | None = None,
    ) -> _Reply:
        status = resp.status
        headers = CIMultiDict(resp.headers)
        if status == 304:
            return _Reply(status, headers, b"", None)
        if 200 <= status < 300:
            mtype = content.media_type(headers.get("Content-Type", ""))
            if not content.accepts_type(kind, mtype):
                raise NotHTMLError(f"{resp.url} is {mtype}, not what a {kind} fetch accepts")
        else:
            # An error page or redirect is reported by its status; an oversized body
            # there is cut at the limit rather than turning the status into an error.
            truncate = True
        length = resp.content_length
        if length is not None and length > limit and not truncate:
            raise TooLargeError(f"{resp.url} announces {length} bytes; the limit is {limit}")
        try:
            coding = content_coding.parse_coding(headers.get("Content-Encoding"))
        except content_coding.ContentCodingError as exc:
            raise DecodeError(f"{resp.url}: {exc}") from exc
        wire = await self._read_limited(resp.content, limit, truncate)
        digest = wire_hash(coding, wire) if coding != "identity" and not truncate else None
        if digest is not None and digest == known_wire:
            return _Reply(status, headers, b"", resp.charset, wire_hash=digest, known_wire=True)
        body = _inflate(wire, coding, limit, truncate, resp.url)
        if kind == "feed" and 200 <= status < 300 and body.startswith(GZIP_MAGIC):
            # sitemap.xml.gz is served as a gzip *file* (octet-stream, x-gzip), not as
            # a Content-Encoding: unpack it here, under the same size limit.
            body = _inflate(body, "gzip", limit, truncate, resp.url)
        self._counts.bytes_received += len(body)
        gzip_body = wire if coding == "gzip" and not truncate else None
        return _Reply(status, headers, body, resp.charset, gzip_body, digest)

    async def _read_limited(
        self, stream: aiohttp.StreamReader, limit: int, truncate: bool
    ) -> bytes:
        """Read at most ``limit`` bytes as sent; more is an error unless ``truncate``."""
        chunks: list[bytes] = []
        size = 0
        while chunk := await stream.readany():
            size += len(chunk)
            if size > limit:
                if not truncate:
                    raise TooLargeError(f"body exceeds the limit of {limit} bytes")
                chunks.append(chunk[: len(chunk) - (size - limit)])
                size = limit
                break
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _redirect_target(self, current: URL, reply: _Reply) -> URL | None:
        if reply.status not in _REDIRECT_STATUSES:
            return None
        location = reply.headers.get("Location")
        if not location:
            return None
        try:
            return _http_url(current.join(URL(location)))
        except ValueError as exc:
            raise BadURLError(f"bad redirect target {location!r} from {current}") from exc

    async def _fetch_robots(self, robots_url: str) -> tuple[int, bytes]:
        """The robots fetcher given to :class:`RobotsCache`: same client, no robots check."""
        current = _http_url(robots_url)
        reply: _Reply | None = None
        for _ in range(_ROBOTS_MAX_REDIRECTS + 1):
            self._counts.robots_fetches += 1
            reply = await self._exchange(
                current, self._headers["any"], "any", MAX_ROBOTS_BYTES, truncate=True
            )
            target = self._redirect_target(current, reply)
            if target is None:
                return reply.status, reply.body
            await self._admit(target, robots=False)
            current = target
        assert reply is not None
        return reply.status, b""

    def _result(
        self,
        url: str,
        final_url: str,
        reply: _Reply,
        redirects: tuple[str, ...],
        kind: Kind,
        etag: str | None,
        last_modified: str | None,
        elapsed: float,
        known_hash: str | None = None,
    ) -> FetchResult:
        # A case-insensitive multidict: repeated headers survive, and unlike
        # aiohttp's read-only proxy it pickles (results may cross processes).
        headers = reply.headers
        if reply.status == 304:
            # Keep the validators we sent when the 304 does not repeat them.
            return FetchResult(
                url=url, final_url=final_url, status=304, headers=headers,
                etag=headers.get("ETag", etag),
                last_modified=headers.get("Last-Modified", last_modified),
                redirects=redirects, elapsed_s=elapsed,
            )
        if reply.known_wire:
            # Only asked for together with known_hash: the body is the caller's.
            raw_hash, known = known_hash, True
        else:
            raw_hash = raw_body_hash(reply.body)
            known = raw_hash == known_hash
        text, encoding = (None, None) if known else self._decode(reply, kind, final_url)
        return FetchResult(
            url=url, final_url=final_url, status=reply.status, headers=headers,
            body=reply.body, gzip_body=reply.gzip_body, text=text, encoding=encoding,
            etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"),
            redirects=redirects, elapsed_s=elapsed,
            raw_hash=raw_hash, wire_hash=reply.wire_hash, known_body=known,
        )

    def _decode(self, reply: _Reply, kind: Kind, url: str) -> tuple[str | None, str | None]:
        """Text of the body. Strict for a 2xx page/feed; best effort for everything else."""
        mtype = content.media_type(reply.headers.get("Content-Type", ""))
        unknown = content.needs_sniffing(mtype)
        strict = kind != "any" and 200 <= reply.status < 300
        if strict and unknown and not content.sniff_accepts(kind, reply.body):
            raise NotHTMLError(f"{url} has no usable content type and does not look like a {kind}")
        if not (strict or unknown or content.is_textual_type(mtype)):
            return None, None
        try:
            return decode_text(reply.body, reply.charset)
        except DecodeError as exc:
            if strict:
                raise DecodeError(f"{url}: {exc.message}") from exc
            return None, None


def _inflate(
    wire: bytes, coding: content_coding.Coding, limit: int, truncate: bool, url: URL
) -> bytes:
    """The body behind ``wire``; a best-effort cut when ``truncate`` (error pages, robots.txt)."""
    try:
        return content_coding.inflate(wire, coding, limit, partial=truncate)
    except content_coding.ContentCodingError as exc:
        if exc.reason == "too_large":
            raise TooLargeError(f"body of {url} exceeds the limit of {limit} bytes") from exc
        if exc.reason == "truncated":
            raise TruncatedBodyError(f"compressed body of {url} ended early") from exc
        raise DecodeError(f"bad compressed body from {url}: {exc}") from exc


def _http_url(url: str | URL) -> URL:
    """Parse and check an absolute http(s) URL, or raise BadURLError."""
    try:
        parsed = url if isinstance(url, URL) else URL(url.strip())
    except (TypeError, ValueError) as exc:
        raise BadURLError(f"not a URL: {url!r}") from exc
    if parsed.scheme not in ("http", "https") or not parsed.raw_host:
        raise BadURLError(f"not an absolute http(s) URL: {url!s}")
    return parsed


def _server_now(headers: Mapping[str, str]) -> datetime:
    """The server's idea of now (its Date header), for HTTP-date Retry-After values."""
    date = headers.get("Date")
    if date:
        try:
            when = parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None and when.tzinfo is not None:
            return when
    return datetime.now(UTC)


__all__ = ["FetchStats", "Fetcher"]
