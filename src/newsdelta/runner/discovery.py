"""Discovery pass: read each due source's feeds and sitemaps, track new article URLs.

A failing feed marks its source failing with a one-line reason; other
sources go on. Sitemap indexes are followed one level (bounded), which covers
the index -> daily sitemap layout news sites use.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from newsdelta.core.model import DiscoveredLink
from newsdelta.discover.detect import sniff_kind
from newsdelta.discover.feeds import parse_feed
from newsdelta.discover.sitemaps import newest_children, parse_sitemap
from newsdelta.errors import (
    BadURLError,
    ConnectionFailedError,
    DiscoveryError,
    FetchError,
    NewsdeltaError,
    StoreError,
    unexpected_error_reason,
)
from newsdelta.pipeline import CheckContext
from newsdelta.store import FeedRecord, SourceRecord

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 50


@dataclass
class DiscoverySummary:
    sources: int = 0
    new_articles: int = 0
    failing: dict[str, str] = field(default_factory=dict)


async def _read_feed(ctx: CheckContext, feed: FeedRecord) -> tuple[list[DiscoveredLink], bool]:
    """Links in one feed or sitemap URL; (links, not_modified)."""
    result = await ctx.fetcher.fetch(
        feed.url, etag=feed.etag, last_modified=feed.last_modified, kind="feed"
    )
    if result.not_modified:  # unchanged since the last good read: a good read too
        ctx.store.record_feed_result(
            feed.id, ctx.clock(), error=None, etag=result.etag, last_modified=result.last_modified
        )
        return [], True
    if result.status != 200:
        raise DiscoveryError(f"{feed.url}: HTTP {result.status}", reason=f"http_{result.status}")
    kind = sniff_kind(result.body, result.content_type)
    if kind == "sitemap" or (kind != "feed" and feed.kind == "sitemap"):
        parsed = parse_sitemap(result.body, result.final_url)
        links = list(parsed.links)
        children = newest_children(parsed, MAX_CHILD_SITEMAPS)
        if len(parsed.sitemaps) > len(children):
            log.warning("sitemap index %s lists %d child sitemaps; reading the %d newest",
                        feed.url, len(parsed.sitemaps), len(children))
        child_links, read, failures = await _read_child_sitemaps(ctx, children)
        links.extend(child_links)
        if failures:
            log.warning("sitemap index %s: %d of %d child sitemaps failed: %s", feed.url,
                        len(failures), len(children), "; ".join(failures))
            if not read:  # no child could be read: the index is failing, say which and why
                raise DiscoveryError(f"child sitemap {failures[0]}", reason="child_sitemap")
        ctx.store.record_feed_result(
            feed.id, ctx.clock(), error=None, etag=result.etag, last_modified=result.last_modified
        )
        return links, False
    links = list(parse_feed(result.body, result.final_url, result.content_type).links)
    ctx.store.record_feed_result(
        feed.id, ctx.clock(), error=None, etag=result.etag, last_modified=result.last_modified
    )
    return links, False


async def _read_child_sitemaps(
    ctx: CheckContext, children: list[str]
) -> tuple[list[DiscoveredLink], int, list[str]]:
    """The article links of an index's children; (links, children read, failures).

    One level only: a child that is an index itself is reported, not followed. All
    children share one ``fetch_deadline_s``, so 50 slow ones cannot hold a pass for hours.
    """
    links: list[DiscoveredLink] = []
    read, failures = 0, []
    try:
        async with asyncio.timeout(ctx.settings.fetch_deadline_s):
            for child in children:
                try:
                    result = await ctx.fetcher.fetch(child, kind="feed")
                    if result.status != 200:
                        raise DiscoveryError(f"HTTP {result.status}", reason=f"http_{result.status}")
                    parsed = parse_sitemap(result.body, result.final_url)
                except _EXPECTED_ERRORS as exc:
                    failures.append(f"{child}: {describe_discovery_error(exc)}")
                    continue
                read += 1
                links.extend(parsed.links)
                if parsed.sitemaps:
                    failures.append(f"{child}: a nested sitemap index, not followed")
    except TimeoutError:
        failures.append(f"{len(children) - read - len(failures)} child sitemaps not read within "
                        f"fetch_deadline_s ({ctx.settings.fetch_deadline_s:g} s)")
    return links, read, failures


_EXPECTED_ERRORS = (DiscoveryError, FetchError, BadURLError)
"""What a feed can do wrong: a bad document, a failed fetch, a redirect to a bad URL."""


async def discover_source(ctx: CheckContext, source: SourceRecord) -> tuple[int, str | None]:
    """Discover one source; returns (new articles, error or None).

    Any error reading one feed marks that feed (and so its source) failing with a
    one-line reason; the other feeds and sources go on. An unexpected one (a bug a
    feed tripped) is logged with its traceback too.
    """
    now = ctx.clock()
    errors: list[str] = []
    links: list[DiscoveredLink] = []
    for feed in source.feeds:
        try:
            found, _ = await _read_feed(ctx, feed)
            links.extend(found)
        except Exception as exc:  # one feed must not end discovery for all
            if isinstance(exc, _EXPECTED_ERRORS):
                message = describe_discovery_error(exc)
                log.warning("source %s: %s", source.name, message)
            else:
                message = unexpected_error_reason(exc)
                log.exception("source %s: reading %s failed unexpectedly", source.name, feed.url)
            errors.append(message)
            ctx.store.record_feed_result(feed.id, now, error=message)
    try:
        created = ctx.store.track_many(
            ((link.url, link.title, link.published) for link in links), now, source_id=source.id
        )
    except StoreError:
        if not ctx.store.list_sources(name=source.name):
            # `source remove` while its feeds were being read: nothing to add it to.
            log.info("source %s was removed during its discovery", source.name)
            return 0, None
        raise
    error = "; ".join(errors) if errors else None
    ctx.store.record_discovery(
        source.id,
        now,
        error=error,
        next_at=now + timedelta(seconds=ctx.settings.discover_interval_s),
    )
    return created, error


def describe_discovery_error(exc: NewsdeltaError) -> str:
    """A clear one-line reason users see on the outlets page."""
    reasons = {
        "robots_disallowed": "robots.txt disallows",
        "timeout": "timed out",
        "too_large": "response too large",
        "redirect_loop": "redirect loop",
        "private_address": "address is private (set NEWSDELTA_ALLOW_PRIVATE=1 to allow)",
    }
    if isinstance(exc, ConnectionFailedError):  # which failure matters: "refused", DNS, TLS
        return f"connection failed ({exc.detail})" if exc.detail else "connection failed"
    return reasons.get(exc.reason, exc.message)


async def discover_due(ctx: CheckContext, *, force: bool = False) -> DiscoverySummary:
    """Run discovery for every source whose next discovery time has come."""
    summary = DiscoverySummary()
    now = ctx.clock()
    due = ctx.store.list_sources() if force else ctx.store.sources_due_for_discovery(now)
    for source in due:
        summary.sources += 1
        created, error = await discover_source(ctx, source)
        summary.new_articles += created
        if error:
            summary.failing[source.name] = error
    return summary
