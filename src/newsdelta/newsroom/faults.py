"""Fault specifications: the ways a simulated page can misbehave.

Pure data. Each fault is a small frozen dataclass; :data:`Fault` is their
union, so the server can ``match`` on it and mypy checks that every kind is
handled. A fault is attached to an article either on demand
(``article.set_fault(...)``, changeable while the server runs) or on a
schedule (``article.schedule_fault(at, ...)``); see :mod:`.model`.

The server turns a fault into a response in :mod:`.server`; nothing here
does I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unavailable:
    """503 Service Unavailable, optionally with ``Retry-After`` (seconds; a string is
    sent as it is, for malformed headers)."""

    retry_after: int | str | None = None


@dataclass(frozen=True, slots=True)
class RateLimited:
    """429 Too Many Requests with ``Retry-After`` (seconds; a string is sent as it is)."""

    retry_after: int | str = 30


@dataclass(frozen=True, slots=True)
class Slow:
    """Wait ``delay_s`` seconds before sending headers, then serve normally."""

    delay_s: float = 1.0


@dataclass(frozen=True, slots=True)
class SlowBody:
    """Send headers at once, then trickle the body.

    ``chunk_bytes`` every ``interval_s``. With ``endless=True`` the body never
    ends (chunked encoding, no Content-Length): only the client's own timeout
    or size limit stops it.
    """

    interval_s: float = 0.5
    chunk_bytes: int = 64
    endless: bool = False


@dataclass(frozen=True, slots=True)
class Truncated:
    """Announce the full Content-Length, send ``fraction`` of it, close the connection."""

    fraction: float = 0.5


@dataclass(frozen=True, slots=True)
class RedirectLoop:
    """A -> B -> A -> ...: the article URL and a sibling redirect to each other."""

    status: int = 302


@dataclass(frozen=True, slots=True)
class Moved:
    """Redirect to ``target`` (an absolute URL or a path on this server)."""

    target: str
    status: int = 301


@dataclass(frozen=True, slots=True)
class Gone:
    """The article was deleted: 404 or 410 with a small error page."""

    status: int = 410


@dataclass(frozen=True, slots=True)
class Blocked:
    """Access refused: 403 Forbidden or 451 Unavailable For Legal Reasons."""

    status: int = 403


@dataclass(frozen=True, slots=True)
class Paywall:
    """A 200 page with only the headline and "Subscribe to continue reading"."""


class CharsetMode(enum.StrEnum):
    """How the page's charset is (mis)declared."""

    HEADER_UTF8_BODY_CP1252 = "header_utf8_body_cp1252"
    """Header says utf-8, bytes are cp1252: a lie the fetcher must survive."""
    META_ONLY = "meta_only"
    """cp1252 bytes, no charset in the header, ``<meta charset=windows-1252>`` in the page."""
    NONE_LATIN1 = "none_latin1"
    """latin-1 bytes, no charset declared anywhere."""


@dataclass(frozen=True, slots=True)
class WrongCharset:
    """Serve the article in a legacy encoding, declared as ``mode`` says."""

    mode: CharsetMode = CharsetMode.HEADER_UTF8_BODY_CP1252


@dataclass(frozen=True, slots=True)
class Huge:
    """The normal page padded with junk up to ``size_bytes`` (default 20 MB)."""

    size_bytes: int = 20 * 1024 * 1024


class NonHtmlKind(enum.StrEnum):
    PDF = "pdf"
    PNG = "png"


@dataclass(frozen=True, slots=True)
class NonHtml:
    """A body that is not HTML at all (a PDF or a PNG) with the matching type."""

    kind: NonHtmlKind = NonHtmlKind.PDF


Fault = (
    Unavailable
    | RateLimited
    | Slow
    | SlowBody
    | Truncated
    | RedirectLoop
    | Moved
    | Gone
    | Blocked
    | Paywall
    | WrongCharset
    | Huge
    | NonHtml
)
"""Any one fault. ``None`` where a fault is expected means "behave normally"."""


def hides_article(fault: Fault | None) -> bool:
    """Whether feeds and sitemaps should stop listing an article with this fault.

    Deleted and moved articles drop out of listings, as on real sites; a
    transient error or a paywall does not change what the site lists.
    """
    return isinstance(fault, Gone | Moved)


__all__ = [
    "Blocked",
    "CharsetMode",
    "Fault",
    "Gone",
    "Huge",
    "Moved",
    "NonHtml",
    "NonHtmlKind",
    "Paywall",
    "RateLimited",
    "RedirectLoop",
    "Slow",
    "SlowBody",
    "Truncated",
    "Unavailable",
    "WrongCharset",
    "hides_article",
]
