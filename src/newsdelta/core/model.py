"""Value types shared by every room. Pure data, no I/O.

These are the contracts between rooms: the fetcher returns a
:class:`FetchResult`, the extractor returns an :class:`ArticleText`, the
discoverer yields :class:`DiscoveredLink`, the pipeline returns a
:class:`CheckOutcome`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

DatePrecision = Literal["exact", "day", "naive"]
"""How precise a page's date is: ``exact`` (a timestamp with an offset), ``day`` (a
date alone, kept as midnight UTC), ``naive`` (a time without an offset, kept as UTC)."""


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The article as newsdelta sees it: the material versions are made of.

    ``paragraphs`` are body paragraphs in reading order, each a single line of
    text (no HTML). Dates are timezone-aware UTC or ``None`` when the page does
    not say.
    """

    title: str
    standfirst: str = ""
    byline: str = ""
    paragraphs: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    canonical_url: str | None = None
    language: str | None = None
    published_precision: DatePrecision | None = None
    """How precise ``published`` is (``None``: not known, as for versions stored before)."""
    _word_count: int | None = field(default=None, init=False, repr=False, compare=False)
    """:attr:`word_count`, once computed: a check asks for it three times (the
    versioning rules for both versions, then the store), ~50 µs each on a long article."""

    @property
    def word_count(self) -> int:
        count = self._word_count
        if count is None:
            count = sum(len(p.split()) for p in self.paragraphs) + len(self.title.split())
            object.__setattr__(self, "_word_count", count)  # a cache, not a change: frozen holds
        return count

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "standfirst": self.standfirst,
            "byline": self.byline,
            "paragraphs": list(self.paragraphs),
            "published": self.published.isoformat() if self.published else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "canonical_url": self.canonical_url,
            "language": self.language,
            "published_precision": self.published_precision,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleText:
        def when(key: str) -> datetime | None:
            value = data.get(key)
            return datetime.fromisoformat(value) if value else None

        return cls(
            title=str(data.get("title", "")),
            standfirst=str(data.get("standfirst", "")),
            byline=str(data.get("byline", "")),
            paragraphs=tuple(str(p) for p in data.get("paragraphs", ())),
            published=when("published"),
            updated=when("updated"),
            canonical_url=data.get("canonical_url"),
            language=data.get("language"),
            published_precision=date_precision(data.get("published_precision")),
        )


def date_precision(value: object) -> DatePrecision | None:
    """``value`` as a :data:`DatePrecision` when it is one (as read back from storage)."""
    if value == "exact" or value == "day" or value == "naive":
        return value
    return None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One completed HTTP exchange (after redirects and retries).

    A 304 has ``not_modified=True`` and an empty body. Error statuses
    (404, 403, 503 after retries, ...) are results, not exceptions: the
    pipeline turns them into page events. Transport failures (timeouts,
    oversize bodies, redirect loops, refused addresses) raise
    :class:`newsdelta.errors.FetchError` subclasses instead.
    """

    url: str
    """The URL that was requested."""
    final_url: str
    """The URL after redirects."""
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    """Raw (decompressed) body bytes."""
    gzip_body: bytes | None = None
    """The body's gzip stream as the server sent it (``None`` unless it came gzip-encoded).

    Kept so a new version's raw page is stored without compressing it again."""
    text: str | None = None
    """Body decoded with the detected charset; ``None`` for 304 or non-text bodies."""
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()
    """Every URL visited before ``final_url``, in order."""
    elapsed_s: float = 0.0
    raw_hash: str | None = None
    """Digest of ``body`` (:func:`newsdelta.core.normalize.raw_body_hash`); ``None`` for a 304."""
    wire_hash: str | None = None
    """Digest of the compressed body as sent (:func:`newsdelta.core.normalize.wire_hash`);
    ``None`` when it came uncompressed."""
    known_body: bool = False
    """The body is the one the caller said it had (``known_hash`` or ``known_wire_hash``
    of :meth:`Fetcher.fetch <newsdelta.fetch.Fetcher.fetch>`): ``text`` is not decoded,
    and when the compressed bytes matched, ``body`` is not even inflated (it is empty)."""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", self.headers.get("Content-Type", ""))


@dataclass(frozen=True, slots=True)
class DiscoveredLink:
    """An article URL found in a feed or sitemap."""

    url: str
    """Already canonicalised (tracking parameters and fragment removed)."""
    title: str | None = None
    published: datetime | None = None


class CheckResult(enum.StrEnum):
    """How one check of one article ended. Stored in check events."""

    NEW_ARTICLE = "new_article"
    """First version of a newly tracked article."""
    NEW_VERSION = "new_version"
    NOT_MODIFIED = "not_modified"
    """304 from a conditional GET: ended before the body."""
    IDENTICAL = "identical"
    """Same raw bytes as last time: ended before parsing."""
    UNCHANGED = "unchanged"
    """Bytes changed (page chrome) but the article text did not."""
    FLIP_FLOP = "flip_flop"
    """The text was already stored twice; not stored again."""
    REFUSED = "refused"
    """A broken extraction (empty, stub, far shorter): recorded, not versioned."""
    REMOVED = "removed"
    REDIRECTED = "redirected"
    BLOCKED = "blocked"
    ERROR = "error"
    SKIPPED = "skipped"
    """robots.txt disallows or the host is refused: never fetched."""
    MERGED = "merged"
    """The page turned out to be another tracked article's (its canonical link or the
    redirect of its first fetch): this URL became that article's address; the
    duplicate is gone and nothing else was recorded."""


class PageEvent(enum.StrEnum):
    """Things that happened to a page, shown in its history."""

    REMOVED = "removed"
    REDIRECTED = "redirected"
    BLOCKED = "blocked"
    RESTORED = "restored"


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What :func:`newsdelta.pipeline.check` did for one article."""

    article_id: int
    url: str
    result: CheckResult
    version_number: int | None = None
    event: PageEvent | None = None
    reason: str = ""
    next_check: datetime | None = None
    retired: bool = False


__all__ = [
    "ArticleText",
    "CheckOutcome",
    "CheckResult",
    "DiscoveredLink",
    "FetchResult",
    "PageEvent",
]
