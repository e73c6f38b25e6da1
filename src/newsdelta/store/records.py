"""Typed records the store returns and accepts. Plain data, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsdelta.core.model import ArticleText

MAX_ROW_NUMBER = 2**63 - 1
"""Ids and version numbers are 64-bit SQL integers: a larger number names no row
(and SQLite refuses to even compare with one)."""


@dataclass(frozen=True, slots=True)
class FeedRecord:
    id: int
    source_id: int
    url: str
    kind: str  # "feed" | "sitemap"
    etag: str | None
    last_modified: str | None
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    name: str
    created_at: datetime
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    next_discover_at: datetime | None
    feeds: tuple[FeedRecord, ...] = ()
    article_count: int = 0
    version_count: int = 0

    @property
    def failing(self) -> bool:
        """Failing when the last discovery error is newer than the last success."""
        if self.last_error_at is None:
            return False
        return self.last_ok_at is None or self.last_error_at >= self.last_ok_at


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: int
    url: str
    source_id: int | None
    source_name: str | None
    final_url: str | None
    title: str | None
    first_seen_at: datetime
    published_at: datetime | None
    next_check_at: datetime | None
    interval_s: float
    consecutive_errors: int
    last_checked_at: datetime | None
    last_change_at: datetime | None
    retired: bool
    retired_reason: str | None
    checks_count: int
    last_result: str | None
    page_state: str
    etag: str | None
    last_modified: str | None
    raw_hash: str | None
    wire_hash: str | None
    fingerprint: str | None
    version_count: int

    @property
    def changes(self) -> int:
        """Number of changes: versions after the first."""
        return max(0, self.version_count - 1)


@dataclass(frozen=True, slots=True)
class VersionMeta:
    id: int
    article_id: int
    number: int
    captured_at: datetime
    fingerprint: str
    extractor_version: str
    title: str
    word_count: int
    words_added: int
    words_removed: int
    headline_changed: bool
    labels: tuple[str, ...]
    significance: float | None


@dataclass(frozen=True, slots=True)
class PreviousVersion:
    """What a check needs to judge a changed text (see :meth:`Store.previous_version`)."""

    meta: VersionMeta | None
    """The article's latest version, or None before its first."""
    text: ArticleText | None
    fingerprint_seen: int
    """How many of the article's versions already have the fingerprint asked about."""


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    article_id: int
    at: datetime
    result: str
    event: str | None
    status: int | None
    reason: str | None
    version_id: int | None


@dataclass(frozen=True, slots=True)
class RawPage:
    version_id: int
    final_url: str
    encoding: str | None
    content_type: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """How a new version differs from the one before (from the diff room)."""

    words_added: int = 0
    words_removed: int = 0
    headline_changed: bool = False
    labels: tuple[str, ...] = ()
    significance: float | None = None


@dataclass(frozen=True, slots=True)
class NewVersion:
    """Everything needed to store a new version, written in one transaction."""

    text: ArticleText
    fingerprint: str
    extractor_version: str
    raw_body: bytes
    final_url: str
    encoding: str | None = None
    content_type: str | None = None
    summary: ChangeSummary = field(default_factory=ChangeSummary)
    raw_gzip: bytes | None = None
    """``raw_body``'s gzip stream as fetched, if any: stored as it is instead of recompressed."""
    planned_against: tuple[int, ArticleText] | None = None
    """(id, text) of the stored version this one was judged against, when the caller
    read it (:attr:`PreviousVersion.text`): the store then need not decode it again,
    as long as that version is still the article's latest."""


@dataclass(frozen=True, slots=True)
class ScheduleWrite:
    next_check_at: datetime | None
    interval_s: float
    consecutive_errors: int
    retired: bool
    retired_reason: str | None = None
    last_change_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EventWrite:
    result: str
    event: str | None = None
    status: int | None = None
    reason: str | None = None
    fingerprint: str | None = None
    """The fingerprint of the text a refusal refused."""
    check_number: int | None = None
    """Which of the article's checks this was (its ``checks_count`` after it)."""


@dataclass(frozen=True, slots=True)
class CheckWrite:
    """The whole effect of one check on the database; applied atomically.

    ``None`` fields are left unchanged.
    """

    at: datetime
    result: str
    schedule: ScheduleWrite
    etag: str | None = None
    last_modified: str | None = None
    raw_hash: str | None = None
    wire_hash: str | None = None
    """Digest of the compressed body as sent; ``None`` (with ``update_cache_keys``) when
    it came uncompressed, which forgets an older one."""
    update_cache_keys: bool = False
    page_state: str | None = None
    final_url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    event: EventWrite | None = None
    version: NewVersion | None = None
    fingerprint: str | None = None
    """Re-baseline the article's text fingerprint without a new version
    (after an extractor upgrade re-read the last version's page the same way)."""
