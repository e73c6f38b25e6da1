"""The one exception tree of newsdelta.

Every error newsdelta raises on purpose derives from :class:`NewsdeltaError`.
Third-party exceptions (aiohttp, lxml, SQLAlchemy, feedparser) are translated
into these at the room boundary that calls the library, so callers only ever
catch newsdelta's own types.

Normal outcomes ("unchanged", "304 Not Modified", "robots.txt disallows") are
*not* exceptions where a caller routinely expects them; they are values
(see :mod:`newsdelta.core.model`). Exceptions are for things that stop a step.

Each class has a short ``reason`` slug, stable across releases, that is stored
in check events and shown to users ("timeout", "too_large", ...).
"""

from __future__ import annotations


class NewsdeltaError(Exception):
    """Base of every newsdelta error."""

    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.reason


# --- configuration and usage -------------------------------------------------


class ConfigError(NewsdeltaError):
    """A setting, config file or command-line value is invalid."""

    reason = "config"


class BadURLError(NewsdeltaError):
    """A URL is not an absolute http(s) URL newsdelta can track."""

    reason = "bad_url"


class NotFoundError(NewsdeltaError):
    """An article, source or version named by the user does not exist."""

    reason = "not_found"


# --- storage -------------------------------------------------------------------


class StoreError(NewsdeltaError):
    """The database cannot be opened, migrated or written."""

    reason = "store"


class SchemaTooNewError(StoreError):
    """The database was written by a newer newsdelta; refusing to touch it."""

    reason = "schema_too_new"


class DataDirError(StoreError):
    """The data directory is missing and cannot be created, or is not writable."""

    reason = "data_dir"


class TrackerBusyError(StoreError):
    """Another process is already checking articles in this database."""

    reason = "tracker_busy"


# --- fetching ------------------------------------------------------------------


class FetchError(NewsdeltaError):
    """A page could not be fetched; ``reason`` says why in one word."""

    reason = "fetch"


class FetchTimeoutError(FetchError):
    reason = "timeout"


class TooLargeError(FetchError):
    reason = "too_large"


class TooManyRedirectsError(FetchError):
    reason = "redirect_loop"


class RobotsDisallowedError(FetchError):
    reason = "robots_disallowed"


class PrivateAddressError(FetchError):
    """The host resolves to a private, loopback or link-local address (SSRF guard)."""

    reason = "private_address"


class NotHTMLError(FetchError):
    reason = "not_html"


class DecodeError(FetchError):
    reason = "undecodable"


class TruncatedBodyError(FetchError):
    reason = "truncated"


class ConnectionFailedError(FetchError):
    reason = "connection"

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail
        """Which failure, in a few words ("connection refused"), without the URL."""


# --- discovery and extraction ------------------------------------------------------


class DiscoveryError(NewsdeltaError):
    """A feed or sitemap is malformed or unreachable."""

    reason = "discovery"


class ExtractionError(NewsdeltaError):
    """The extractor could not find an article in a page."""

    reason = "extraction"


def unexpected_error_reason(exc: BaseException) -> str:
    """The one-line reason recorded for an exception nothing expected (a bug a page tripped)."""
    return f"internal error ({type(exc).__name__}): {exc}"[:500]


__all__ = [
    "BadURLError",
    "ConfigError",
    "ConnectionFailedError",
    "DataDirError",
    "DecodeError",
    "DiscoveryError",
    "ExtractionError",
    "FetchError",
    "FetchTimeoutError",
    "NewsdeltaError",
    "NotFoundError",
    "NotHTMLError",
    "PrivateAddressError",
    "RobotsDisallowedError",
    "SchemaTooNewError",
    "StoreError",
    "TooLargeError",
    "TooManyRedirectsError",
    "TrackerBusyError",
    "TruncatedBodyError",
    "unexpected_error_reason",
]
