"""RSS and Atom feeds -> article links.

``feedparser`` does the parsing (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, broken
encodings, relative links, a dozen date formats). This module adds what
newsdelta needs on top: canonical URLs, order-preserving de-duplication, UTC
dates, and a clear :class:`~newsdelta.errors.DiscoveryError` when the body is
not a feed at all (an HTML page, garbage, an empty or truncated document).

A *bozo* feed (feedparser's word for "not well-formed") that still yields
entries is accepted, because real newsroom feeds are often slightly broken;
the reason is reported in :attr:`FeedResult.warnings`.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import feedparser

from newsdelta.core.model import DiscoveredLink
from newsdelta.discover._common import listed_title, maybe_gunzip
from newsdelta.discover.detect import looks_like_html
from newsdelta.discover.urls import canonicalize_url, is_site_root, names_a_file
from newsdelta.errors import BadURLError, DiscoveryError


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What a feed lists: article links in feed order, the feed title, warnings."""

    links: list[DiscoveredLink]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)


def _struct_to_utc(value: time.struct_time | None) -> datetime | None:
    # feedparser normalises every date it understands to a UTC struct_time.
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _xml_type(content_type: str | None, body: bytes) -> str:
    """``application/xml``, with the header's charset when the document names none.

    Declaring XML keeps feedparser from flagging a feed served as text/html or
    with no type as bozo. A charset in the header decodes a feed that has no
    byte order mark and no ``encoding=`` of its own (ISO-8859-7 bytes read as
    UTF-8 turned a Greek title and its link into mojibake); when the document
    does name one, it wins: servers' default charsets are often wrong.
    """
    match = _CHARSET_PARAM.search(content_type or "")
    if match is None or body.startswith(_BOMS) or _DECLARED_ENCODING.match(body[:300]):
        return "application/xml"
    return f"application/xml; charset={match.group(1)}"


@dataclass
class _Source:
    """The feed's document, decoded once and only if a guid must be looked up in it."""

    body: bytes
    encoding: str
    _text: str | None = None

    def writes(self, url: object) -> bool:
        """Whether the absolute ``url`` appears as such in the document (escaped or not)."""
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return False
        if self._text is None:
            try:
                self._text = self.body.decode(self.encoding, "replace")
            except LookupError:  # an encoding name Python does not know
                self._text = self.body.decode("utf-8", "replace")
        return url in self._text or xml_escape(url) in self._text


def _entry_link(entry: Mapping[str, Any], source: _Source) -> str | None:
    """The article URL of one entry: ``link``, else an alternate link, else a URL-shaped id."""
    link = entry.get("link")
    if entry.get("guidislink") and not source.writes(link):
        # feedparser copies a <guid> into ``link`` when there is no <link> (RSS says
        # a guid is a permalink unless marked otherwise), resolved against the feed's
        # URL; but a guid such as "12345" is an id, not an address (resolved, it
        # named a 404). Only a guid written out as an absolute URL is one.
        link = None
    if isinstance(link, str) and link.strip():
        return link
    for candidate in entry.get("links", ()):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return str(candidate["href"])
    guid = entry.get("id")
    if isinstance(guid, str) and source.writes(guid):
        return guid
    return None


def _links(
    entries: Iterable[Mapping[str, Any]], base_url: str, warnings: list[str], source: _Source
) -> list[DiscoveredLink]:
    seen: set[str] = set()
    links: list[DiscoveredLink] = []
    for position, entry in enumerate(entries, start=1):
        raw = _entry_link(entry, source)
        if raw is None:
            warnings.append(f"entry {position} has no link; skipped")
            continue
        try:
            url = canonicalize_url(raw, base_url)
        except BadURLError as exc:
            warnings.append(f"entry {position} skipped: {exc.message}")
            continue
        if url in seen:
            continue
        seen.add(url)
        if names_a_file(url):
            warnings.append(f"entry {position} links a file, not an article page; skipped: {url}")
            continue
        if is_site_root(url):  # a feed's "home" item, or a link an unknown entity emptied
            warnings.append(f"entry {position} links the site's home page; skipped: {url}")
            continue
        published = _struct_to_utc(entry.get("published_parsed") or entry.get("updated_parsed"))
        links.append(DiscoveredLink(url=url, title=listed_title(entry.get("title")), published=published))
    return links


def _not_a_feed(parsed: Mapping[str, Any], body: bytes) -> DiscoveryError:
    """Explain why a document with no entries is refused."""
    bozo = parsed.get("bozo_exception")
    detail = f" ({bozo})" if bozo else ""
    if parsed.get("version"):
        return DiscoveryError(f"feed has no entries{detail}", reason="no_entries")
    if looks_like_html(body):
        return DiscoveryError("feed is an HTML page, not RSS or Atom", reason="not_feed")
    if bozo:
        return DiscoveryError(f"feed is not XML{detail}", reason="not_feed")
    return DiscoveryError("feed is XML but not RSS or Atom", reason="not_feed")


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> FeedResult:
    """Parse an RSS/Atom document into canonical article links.

    ``base_url`` is where the feed was fetched from; relative links resolve
    against it. ``content_type`` is the HTTP header: its charset decodes a feed
    whose XML declaration names none. Raises :class:`DiscoveryError` when the
    body is not a feed or has no entries with a usable link.
    """
    body = maybe_gunzip(body)
    if not body.strip():
        raise DiscoveryError("feed is empty", reason="empty")
    # A file-like object, never a str: feedparser treats strings as URLs or paths.
    parsed = feedparser.parse(
        io.BytesIO(body),
        # Declaring XML keeps feedparser from flagging every feed as bozo for a
        # missing Content-Type; the charset still comes from the XML declaration.
        response_headers={"content-location": base_url, "content-type": _xml_type(content_type, body)},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries:
        if parsed.get("version") and not parsed.get("bozo"):
            # A well-formed feed with nothing in it yet (a new section, a quiet
            # night) is not a failing source.
            return FeedResult(
                links=[], title=listed_title(parsed.feed.get("title")),
                warnings=["feed has no entries"],
            )
        raise _not_a_feed(parsed, body)
    warnings: list[str] = []
    if parsed.get("bozo"):
        warnings.append(f"feed is not well-formed: {parsed.get('bozo_exception')}")
    links = _links(
        parsed.entries, base_url, warnings, _Source(body, parsed.get("encoding") or "utf-8")
    )
    if not links:
        why = f" ({warnings[-1]})" if warnings else ""
        raise DiscoveryError(f"feed has no entries with a usable link{why}", reason="no_entries")
    return FeedResult(links=links, title=listed_title(parsed.feed.get("title")), warnings=warnings)


__all__ = ["FeedResult", "parse_feed"]
