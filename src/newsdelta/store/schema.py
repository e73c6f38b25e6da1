"""Table definitions (SQLAlchemy 2 Core). The Alembic migrations create these.

Portable types only: nothing here is SQLite-specific, so the same tables run
on PostgreSQL. Backend differences (pragmas, full-text search) live in
:mod:`newsdelta.store.backend`.

Layout, and why:

* ``articles`` carries the scheduling state and the cheap-path keys (ETag,
  Last-Modified, raw body hash, last text fingerprint) so the common check
  (304 or identical bytes) reads and updates one row and nothing else.
* ``versions`` holds one row per distinct text. The text itself is a zstd
  blob compressed with the previous version as dictionary (``base_version_id``),
  about 6% of the raw text; every ``KEYFRAME_EVERY``-th version is stored
  without a dictionary so reading any version decompresses a short chain.
* ``raw_pages`` keeps the compressed raw HTML of each new version apart from
  ``versions`` so listing versions never drags page bodies through the cache.
* ``check_events`` records notable checks only (refusals, errors, page events
  such as removed/restored). Routine "nothing new" checks only bump counters
  on the article row: at thousands of checks per second a row per check would
  dominate the database for no reader's benefit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from newsdelta.store.copies_tables import define_copies_tables

KEYFRAME_EVERY = 16


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC datetimes")
        value = value.astimezone(UTC)
        # SQLite keeps no zone: store naive UTC there, aware elsewhere.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_ok_at", UTCDateTime),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    Column("next_discover_at", UTCDateTime),
)

source_feeds = Table(
    "source_feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("kind", String(20), nullable=False),  # feed | sitemap
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_ok_at", UTCDateTime),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    UniqueConstraint("source_id", "url"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("url", Text, nullable=False, unique=True),
    Column("final_url", Text),
    Column("title", Text),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime),
    # schedule state
    Column("next_check_at", UTCDateTime),
    Column("interval_s", Float, nullable=False, default=0.0),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("last_checked_at", UTCDateTime),
    Column("last_change_at", UTCDateTime),
    Column("retired", Boolean, nullable=False, default=False),
    Column("retired_reason", Text),
    Column("checks_count", Integer, nullable=False, default=0),
    Column("last_result", String(30)),
    # page state: ok | removed | blocked | redirected
    Column("page_state", String(20), nullable=False, default="ok"),
    # cheap-path keys
    Column("etag", Text),
    Column("last_modified", Text),
    Column("raw_hash", String(40)),
    # the compressed body as sent, so identical compressed bytes end a check uninflated
    Column("wire_hash", String(40)),
    Column("fingerprint", String(40)),
    Column("version_count", Integer, nullable=False, default=0),
)
Index("ix_articles_due", articles.c.retired, articles.c.next_check_at)
Index("ix_articles_source", articles.c.source_id, articles.c.last_change_at)
Index("ix_articles_source_versions", articles.c.source_id, articles.c.version_count)

article_urls = Table(
    "article_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_article_urls_article", article_urls.c.article_id)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("captured_at", UTCDateTime, nullable=False),
    Column("fingerprint", String(40), nullable=False),
    Column("extractor_version", String(80), nullable=False),
    Column("title", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("base_version_id", Integer, ForeignKey("versions.id")),
    Column("text_blob", LargeBinary, nullable=False),
    Column("text_size", Integer, nullable=False),
    # change summary against the previous version (filled by the diff room)
    Column("words_added", Integer, nullable=False, default=0),
    Column("words_removed", Integer, nullable=False, default=0),
    Column("headline_changed", Boolean, nullable=False, default=False),
    Column("labels", Text),  # JSON list of label ids
    Column("significance", Float),
    UniqueConstraint("article_id", "number"),
)
Index("ix_versions_fp", versions.c.article_id, versions.c.fingerprint)
Index("ix_versions_captured", versions.c.captured_at)
Index("ix_versions_headline", versions.c.headline_changed, versions.c.captured_at)

id_floors = Table(
    "id_floors",
    metadata,
    # The highest id a table ("versions", "articles") has ever handed out, when rows were
    # deleted from its top: SQLite would give those ids again (store/id_floors.py).
    # Written before a delete (Store.delete_article, a merge in Store.add_alias); read
    # when versions and articles are inserted.
    Column("name", String(40), primary_key=True),
    Column("floor", Integer, nullable=False),
)

raw_pages = Table(
    "raw_pages",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("final_url", Text, nullable=False),
    Column("encoding", String(40)),
    Column("content_type", Text),
    Column("body_blob", LargeBinary, nullable=False),
    Column("body_size", Integer, nullable=False),
    # How body_blob is compressed: "zstd", or "gzip" (the server's stream, kept as fetched).
    Column("body_codec", String(10), nullable=False, server_default="zstd"),
)

check_events = Table(
    "check_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("result", String(30), nullable=False),
    Column("event", String(20)),  # PageEvent: removed | redirected | blocked | restored
    Column("status", Integer),
    Column("reason", Text),
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="SET NULL")),
    Column("fingerprint", String(40)),  # the text a refusal refused (migration 0010)
    Column("check_number", Integer),  # the article's checks_count at this check
)
Index("ix_check_events_article", check_events.c.article_id, check_events.c.at)

# The copies index's tables (defined by the copies room's storage module).
copies = define_copies_tables(metadata)

__all__ = [
    "KEYFRAME_EVERY",
    "UTCDateTime",
    "article_urls",
    "articles",
    "check_events",
    "copies",
    "id_floors",
    "metadata",
    "raw_pages",
    "source_feeds",
    "sources",
    "versions",
]
