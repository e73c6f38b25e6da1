"""The store's API: every read and write of tracker data goes through :class:`Store`.

Short transactions, one per operation; :meth:`Store.record_check` applies the
whole effect of a check (article state, event, version, raw page) in a single
transaction, so a crash mid-check leaves either all of it or none of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock
from sqlalchemy import Boolean, Text, and_, bindparam, case, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine, Row, make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError, SQLAlchemyError

from newsdelta.core.model import ArticleText
from newsdelta.errors import NotFoundError, StoreError
from newsdelta.settings import Settings
from newsdelta.store import blobs
from newsdelta.store.backend import claim_tracker_lock, create_db_engine, is_sqlite
from newsdelta.store.check_writes import LATEST_JOIN, LATEST_NUMBERS, apply_checks
from newsdelta.store.id_floors import first_free_id, raise_id_floor
from newsdelta.store.migrate import ensure_schema
from newsdelta.store.records import (
    MAX_ROW_NUMBER,
    ArticleRecord,
    CheckWrite,
    EventRecord,
    FeedRecord,
    PreviousVersion,
    RawPage,
    SourceRecord,
    VersionMeta,
)
from newsdelta.store.schema import (
    article_urls,
    articles,
    check_events,
    raw_pages,
    source_feeds,
    sources,
    versions,
)
from newsdelta.store.texts import TextCache, text_bytes, text_bytes_many

_ROUTINE_UPDATE = (
    update(articles)
    .where(articles.c.id == bindparam("aid"))
    .values(
        last_checked_at=bindparam("at"),
        last_result=bindparam("result"),
        checks_count=articles.c.checks_count + 1,
        next_check_at=bindparam("next_at"),
        interval_s=bindparam("interval"),
        consecutive_errors=bindparam("errors"),
        retired=bindparam("retired"),
        retired_reason=bindparam("retired_reason"),
        etag=func.coalesce(bindparam("etag", type_=Text), articles.c.etag),
        last_modified=func.coalesce(bindparam("last_modified", type_=Text), articles.c.last_modified),
        raw_hash=func.coalesce(bindparam("raw_hash", type_=Text), articles.c.raw_hash),
        # Not coalesced: a body that now comes uncompressed has no wire digest.
        wire_hash=case(
            (bindparam("cache_keys", type_=Boolean), bindparam("wire_hash", type_=Text)),
            else_=articles.c.wire_hash,
        ),
        page_state=func.coalesce(bindparam("page_state", type_=Text), articles.c.page_state),
        final_url=func.coalesce(bindparam("final_url", type_=Text), articles.c.final_url),
    )
)

# Statements of the check path, built once with bind parameters: building a
# select() and computing its cache key on every call cost more than running it.
_VERSION_ID = select(versions.c.id).where(
    and_(versions.c.article_id == bindparam("aid"), versions.c.number == bindparam("number"))
)


_VERSION_META_COLUMNS = (
    versions.c.id,
    versions.c.article_id,
    versions.c.number,
    versions.c.captured_at,
    versions.c.fingerprint,
    versions.c.extractor_version,
    versions.c.title,
    versions.c.word_count,
    versions.c.words_added,
    versions.c.words_removed,
    versions.c.headline_changed,
    versions.c.labels,
    versions.c.significance,
)
_LATEST_META = select(*_VERSION_META_COLUMNS).join(LATEST_NUMBERS, LATEST_JOIN)
"""The latest version of each article in ``aids``."""
_FINGERPRINT_COUNTS = (
    select(versions.c.article_id, versions.c.fingerprint, func.count().label("seen"))
    .where(
        and_(
            versions.c.article_id.in_(bindparam("aids", expanding=True)),
            versions.c.fingerprint.in_(bindparam("fps", expanding=True)),
        )
    )
    .group_by(versions.c.article_id, versions.c.fingerprint)
)
"""How many versions of each article in ``aids`` have each fingerprint in ``fps``."""


def delete_sqlite_database(settings: Settings) -> None:
    """Delete the SQLite database ``settings`` names, with its WAL files, if it exists.

    Refused (:class:`~newsdelta.errors.TrackerBusyError`) while a tracker holds it.
    """
    database = make_url(settings.database_url).database
    if not is_sqlite(settings.database_url) or not database or database == ":memory:":
        raise StoreError(f"not a SQLite file: {settings.database_url}")
    path = Path(database)
    if not path.exists():
        return
    store = open_store(settings, migrate=False)
    try:
        store.claim_tracking()
    finally:
        store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the database named by ``settings``."""
    engine = create_db_engine(settings.database_url)
    try:
        if migrate:
            ensure_schema(engine)
    except DatabaseError as exc:  # unreachable server, locked or corrupt file, not a database
        engine.dispose()
        raise StoreError(f"cannot open database {settings.database_url}: {exc.orig}") from exc
    return Store(engine)


_NO_TEXT_RESULTS = frozenset({"error", "skipped"})
"""Check results that read no text: they neither make nor break a refusal streak."""


class Store:
    """Repository over an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._texts = TextCache()
        self._tracker_lock: filelock.BaseFileLock | None = None

    def close(self) -> None:
        if self._tracker_lock is not None:
            self._tracker_lock.release()
            self._tracker_lock = None
        self.engine.dispose()

    def claim_tracking(self) -> None:
        """Become the one process checking articles in this database, until :meth:`close`.

        Raises :class:`~newsdelta.errors.TrackerBusyError` if another process is
        (see :func:`~newsdelta.store.backend.claim_tracker_lock`). Claiming twice is fine.
        """
        if self._tracker_lock is None:
            self._tracker_lock = claim_tracker_lock(self.engine)

    # ------------------------------------------------------------------ sources

    def add_source(self, name: str, feeds: Sequence[tuple[str, str]], now: datetime) -> int:
        """Create source ``name`` with ``feeds`` as (url, kind) pairs; add feeds if it exists."""
        with self._begin() as conn:
            source_id = conn.execute(
                select(sources.c.id).where(sources.c.name == name)
            ).scalar_one_or_none()
            if source_id is None:
                source_id = conn.execute(
                    insert(sources).values(name=name, created_at=now, next_discover_at=now)
                ).inserted_primary_key[0]  # type: ignore[index]
            known = set(
                conn.execute(
                    select(source_feeds.c.url).where(source_feeds.c.source_id == source_id)
                ).scalars()
            )
            for url, kind in feeds:
                if url not in known:
                    conn.execute(
                        insert(source_feeds).values(source_id=source_id, url=url, kind=kind)
                    )
                    known.add(url)
            return int(source_id)

    def remove_source(self, name: str) -> None:
        with self._begin() as conn:
            deleted = conn.execute(delete(sources).where(sources.c.name == name)).rowcount
        if not deleted:
            raise NotFoundError(f"no source named {name!r}")

    def get_source(self, name: str) -> SourceRecord:
        found = self.list_sources(name=name)
        if not found:
            raise NotFoundError(f"no source named {name!r}")
        return found[0]

    def list_sources(self, *, name: str | None = None) -> list[SourceRecord]:
        """All sources (or the one called ``name``) with their feeds and counts."""
        source_query = select(sources).order_by(sources.c.name)
        feed_query = select(source_feeds).order_by(source_feeds.c.id)
        count_query = select(
            articles.c.source_id,
            func.count().label("n"),
            func.sum(articles.c.version_count).label("v"),
        ).group_by(articles.c.source_id)
        if name is not None:
            # One source: count only its articles rather than every article's.
            source_query = source_query.where(sources.c.name == name)
            one = select(sources.c.id).where(sources.c.name == name).scalar_subquery()
            feed_query = feed_query.where(source_feeds.c.source_id == one)
            count_query = count_query.where(articles.c.source_id == one)
        with self.engine.connect() as conn:
            feed_rows = conn.execute(feed_query).all()
            counts = {row.source_id: (row.n, row.v or 0) for row in conn.execute(count_query)}
            rows = conn.execute(source_query).all()
        feeds_by_source: dict[int, list[FeedRecord]] = {}
        for f in feed_rows:
            feeds_by_source.setdefault(f.source_id, []).append(_feed(f))
        return [
            SourceRecord(
                id=r.id,
                name=r.name,
                created_at=r.created_at,
                last_ok_at=r.last_ok_at,
                last_error=r.last_error,
                last_error_at=r.last_error_at,
                next_discover_at=r.next_discover_at,
                feeds=tuple(feeds_by_source.get(r.id, [])),
                article_count=counts.get(r.id, (0, 0))[0],
                version_count=int(counts.get(r.id, (0, 0))[1]),
            )
            for r in rows
        ]

    def sources_due_for_discovery(self, now: datetime) -> list[SourceRecord]:
        return [
            s for s in self.list_sources() if s.next_discover_at is None or s.next_discover_at <= now
        ]

    def record_feed_result(
        self,
        feed_id: int,
        now: datetime,
        *,
        error: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        values: dict[str, Any] = (
            {"last_error": error, "last_error_at": now}
            if error
            # A good read clears the old error: a recovered feed must not keep showing it.
            else {"last_ok_at": now, "etag": etag, "last_modified": last_modified, "last_error": None}
        )
        with self._begin() as conn:
            conn.execute(update(source_feeds).where(source_feeds.c.id == feed_id).values(**values))

    def record_discovery(
        self, source_id: int, now: datetime, *, error: str | None, next_at: datetime
    ) -> None:
        """Mark a source's discovery pass: ok, or failing with ``error``."""
        values: dict[str, Any] = {"next_discover_at": next_at}
        if error:
            values.update(last_error=error, last_error_at=now)
        else:
            values.update(last_ok_at=now)
        with self._begin() as conn:
            conn.execute(update(sources).where(sources.c.id == source_id).values(**values))

    # ----------------------------------------------------------------- articles

    def track(
        self,
        url: str,
        now: datetime,
        *,
        source_id: int | None = None,
        title: str | None = None,
        published_at: datetime | None = None,
    ) -> tuple[int, bool]:
        """Track ``url`` (already canonical). Returns (article id, newly created)."""
        with self._begin() as conn:
            return _track_one(conn, url, now, source_id, title, published_at)

    def track_many(
        self,
        links: Iterable[tuple[str, str | None, datetime | None]],
        now: datetime,
        *,
        source_id: int | None,
    ) -> int:
        """Track (url, title, published) links in one transaction; return how many were new.

        An article listed again that has no source joins this one: one whose outlet
        was removed (``source remove``), so an outlet added back gets its articles
        back, with its selectors and schedule limits; and one tracked by hand without
        ``--source`` that this outlet turns out to publish.
        """
        with self._begin() as conn:
            created = 0
            known: list[int] = []
            for url, title, published in links:
                article_id, new = _track_one(conn, url, now, source_id, title, published)
                created += new
                if not new:
                    known.append(article_id)
            if source_id is not None:
                for start in range(0, len(known), 10_000):  # a sitemap may list 50,000
                    conn.execute(
                        update(articles)
                        .where(
                            articles.c.id.in_(known[start : start + 10_000]),
                            articles.c.source_id.is_(None),
                        )
                        .values(source_id=source_id)
                    )
            return created

    def add_alias(self, article_id: int, url: str) -> int:
        """Record ``url`` as another address of ``article_id``.

        If ``url`` already belongs to another article, the one without versions
        merges into the other (this one, when neither has any). Two articles that
        both have versions are never merged: ``url`` stays the other's and this
        id is returned, so no archived version is ever deleted. Returns the
        surviving id.
        """
        with self._begin() as conn:
            owner = conn.execute(
                select(article_urls.c.article_id).where(article_urls.c.url == url)
            ).scalar_one_or_none()
            if owner is None:
                conn.execute(insert(article_urls).values(url=url, article_id=article_id))
                return article_id
            if owner == article_id:
                return article_id
            counts = {
                int(row.id): int(row.version_count)
                for row in conn.execute(
                    select(articles.c.id, articles.c.version_count).where(
                        articles.c.id.in_([owner, article_id])
                    )
                )
            }
            keep, drop = int(owner), article_id
            if counts.get(drop):
                if counts.get(keep):
                    return article_id
                keep, drop = drop, keep
            conn.execute(
                update(article_urls).where(article_urls.c.article_id == drop).values(article_id=keep)
            )
            raise_id_floor(conn, articles)  # the merged id must never name another story
            conn.execute(delete(articles).where(articles.c.id == drop))
            return keep

    def url_owner(self, url: str) -> int | None:
        """The id of the article that has ``url`` among its addresses, if any."""
        with self.engine.connect() as conn:
            owner = conn.execute(
                select(article_urls.c.article_id).where(article_urls.c.url == url)
            ).scalar_one_or_none()
        return None if owner is None else int(owner)

    def find_article(self, ref: str | int) -> ArticleRecord:
        """An article by id (``12`` or ``"12"``) or by any of its URLs."""
        with self.engine.connect() as conn:
            if isinstance(ref, int) or (ref.isascii() and ref.isdigit()):
                number = int(ref)
                row = (
                    conn.execute(_article_select().where(articles.c.id == number)).first()
                    if 0 < number <= MAX_ROW_NUMBER
                    else None
                )
            else:
                article_id = conn.execute(
                    select(article_urls.c.article_id).where(article_urls.c.url == str(ref))
                ).scalar_one_or_none()
                row = (
                    conn.execute(_article_select().where(articles.c.id == article_id)).first()
                    if article_id is not None
                    else None
                )
        if row is None:
            raise NotFoundError(f"no tracked article {ref!r}")
        return _article(row)

    def list_articles(
        self,
        *,
        source: str | None = None,
        changed_only: bool = False,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[ArticleRecord]:
        query = _article_select().order_by(articles.c.id.desc()).limit(limit)
        if source is not None:
            query = query.where(sources.c.name == source)
        if changed_only:
            query = query.where(articles.c.version_count > 1)
        if before_id is not None:
            query = query.where(articles.c.id < before_id)
        with self.engine.connect() as conn:
            return [_article(r) for r in conn.execute(query)]

    def due_articles(self, now: datetime, limit: int) -> list[ArticleRecord]:
        query = (
            _article_select()
            .where(and_(articles.c.retired.is_(False), articles.c.next_check_at <= now))
            .order_by(articles.c.next_check_at)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_article(r) for r in conn.execute(query)]

    def next_due_at(self) -> datetime | None:
        with self.engine.connect() as conn:
            value: datetime | None = conn.execute(
                select(func.min(articles.c.next_check_at)).where(articles.c.retired.is_(False))
            ).scalar_one_or_none()
        # An aggregate bypasses the UTCDateTime column type: restore the zone here.
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def refusal_streak(
        self, article_id: int, fingerprint: str, checks_count: int, limit: int = 10
    ) -> int:
        """On how many checks in a row, up to the latest (``checks_count``), this text was refused.

        Only refusals of this same ``fingerprint`` on consecutive checks count: a
        check that found anything else (the full text back, another broken page)
        ends the streak, whether or not it wrote an event. A check that read no
        text at all (a timeout, a 503) says nothing either way and is stepped over,
        so a real cut on a flaky site still gets there.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(check_events.c.result, check_events.c.fingerprint, check_events.c.check_number)
                .where(check_events.c.article_id == article_id)
                .order_by(check_events.c.id.desc())
                .limit(limit)
            )
            streak = 0
            expected = checks_count
            for result, refused, number in rows:
                if number != expected:
                    break
                expected -= 1
                if result in _NO_TEXT_RESULTS:
                    continue
                if result != "refused" or refused != fingerprint:
                    break
                streak += 1
        return streak

    def retire_article(self, article_id: int, reason: str, now: datetime) -> None:
        """Stop checking an article for good, recording who/why as an event."""
        with self._begin() as conn:
            updated = conn.execute(
                update(articles)
                .where(articles.c.id == article_id)
                .values(retired=True, retired_reason=reason, next_check_at=None)
            ).rowcount
            if not updated:
                raise NotFoundError(f"no tracked article {article_id}")
            conn.execute(
                insert(check_events).values(
                    article_id=article_id, at=now, result="retired", reason=reason
                )
            )

    def has_article(self, article_id: int) -> bool:
        """Whether the article is (still) tracked."""
        with self.engine.connect() as conn:
            found = conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
        return found is not None

    def delete_article(self, article_id: int) -> None:
        with self._begin() as conn:
            raise_id_floor(conn, versions)  # the ids of its versions must not come back
            raise_id_floor(conn, articles)  # nor its own: saved references must not move
            deleted = conn.execute(delete(articles).where(articles.c.id == article_id)).rowcount
        if not deleted:
            raise NotFoundError(f"no tracked article {article_id}")

    # ------------------------------------------------------------------- checks

    def record_check(self, article_id: int, write: CheckWrite) -> int | None:
        """Apply one check's effects atomically. Returns the new version number, if any."""
        return self.record_checks([(article_id, write)])[0]

    def record_checks(self, items: Sequence[tuple[int, CheckWrite]]) -> list[int | None]:
        """Apply several checks' effects in one transaction: all of them or none.

        Returns each check's new version number (or ``None``), in order. The
        pipeline writes the checks that found changed text this way, several at
        a time: one commit, and SQLAlchemy and SQLite stay warm in the CPU
        caches from one version to the next (see docs/tracking.md).
        """
        with self._begin() as conn:
            return apply_checks(conn, items, self._texts)

    def record_routine_checks(self, items: Sequence[tuple[int, CheckWrite]]) -> None:
        """Apply many "nothing new" checks in one transaction with one prepared UPDATE.

        Routine outcomes (304, identical bytes, unchanged text) only move the
        schedule and cache keys; batching them keeps the common check far below
        a millisecond. Losing a batch in a crash only means those articles are
        checked again, so durability per check is not needed here.
        """
        if not items:
            return
        rows = [
            {
                "aid": article_id,
                "at": w.at,
                "result": w.result,
                "next_at": w.schedule.next_check_at,
                "interval": w.schedule.interval_s,
                "errors": w.schedule.consecutive_errors,
                "retired": w.schedule.retired,
                "retired_reason": w.schedule.retired_reason,
                "etag": w.etag if w.update_cache_keys else None,
                "last_modified": w.last_modified if w.update_cache_keys else None,
                "raw_hash": w.raw_hash if w.update_cache_keys else None,
                "cache_keys": w.update_cache_keys,
                "wire_hash": w.wire_hash,
                "page_state": w.page_state,
                "final_url": w.final_url,
            }
            for article_id, w in items
        ]
        with self._begin() as conn:
            conn.execute(_ROUTINE_UPDATE, rows)

    # ----------------------------------------------------------------- versions

    def list_versions(self, article_id: int) -> list[VersionMeta]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(*_VERSION_META_COLUMNS)
                .where(versions.c.article_id == article_id)
                .order_by(versions.c.number)
            ).all()
        return [_version_meta(r) for r in rows]

    def version_text(self, article_id: int, number: int) -> tuple[VersionMeta, ArticleText]:
        if not 0 < number <= MAX_ROW_NUMBER:
            raise NotFoundError(f"article {article_id} has no version {number}")
        with self.engine.connect() as conn:
            row = conn.execute(
                select(*_VERSION_META_COLUMNS).where(
                    and_(versions.c.article_id == article_id, versions.c.number == number)
                )
            ).first()
            if row is None:
                raise NotFoundError(f"article {article_id} has no version {number}")
            text = blobs.decode_text(text_bytes(conn, int(row.id), self._texts, (article_id, number)))
        return _version_meta(row), text

    def version_id(self, article_id: int, number: int) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                _VERSION_ID, {"aid": article_id, "number": number}
            ).scalar_one_or_none()
        if value is None:
            raise NotFoundError(f"article {article_id} has no version {number}")
        return int(value)

    def previous_version(self, article_id: int, fingerprint: str) -> PreviousVersion:
        """The latest version and its text, and how many versions have ``fingerprint``.

        One connection: a check that found a changed text needs all three, right
        after extraction has flushed the CPU caches, when every extra round
        through SQLAlchemy and SQLite costs several times its isolated price
        (see docs/tracking.md).
        """
        return self.previous_versions([(article_id, fingerprint)])[0]

    def previous_versions(self, items: Sequence[tuple[int, str]]) -> list[PreviousVersion]:
        """:meth:`previous_version` for several (article id, fingerprint) pairs, in order.

        Two queries for the whole batch (latest versions, fingerprint counts):
        a batch of changed texts reads all its previous versions before any
        diff runs.
        """
        if not items:
            return []
        aids = sorted({article_id for article_id, _ in items})
        fps = sorted({fingerprint for _, fingerprint in items})
        out: list[PreviousVersion] = []
        with self.engine.connect() as conn:
            latest = {int(r.article_id): r for r in conn.execute(_LATEST_META, {"aids": aids})}
            seen = {
                (int(r.article_id), str(r.fingerprint)): int(r.seen)
                for r in conn.execute(_FINGERPRINT_COUNTS, {"aids": aids, "fps": fps})
            }
            texts = text_bytes_many(
                conn,
                [(int(r.id), article_id, int(r.number)) for article_id, r in latest.items()],
                self._texts,
            )
            for article_id, fingerprint in items:
                row = latest.get(article_id)
                if row is None:
                    out.append(PreviousVersion(None, None, 0))
                    continue
                data = texts[int(row.id)]
                out.append(PreviousVersion(
                    _version_meta(row), blobs.decode_text(data), seen.get((article_id, fingerprint), 0)
                ))
        return out

    def raw_page(self, version_id: int) -> RawPage:
        with self.engine.connect() as conn:
            row = conn.execute(select(raw_pages).where(raw_pages.c.version_id == version_id)).first()
        if row is None:
            raise NotFoundError(f"no raw page for version {version_id}")
        return RawPage(
            version_id=row.version_id,
            final_url=row.final_url,
            encoding=row.encoding,
            content_type=row.content_type,
            body=blobs.unpack_raw(row.body_codec, row.body_blob, row.body_size),
        )

    def storage_sizes(self) -> dict[str, int]:
        """Raw and stored byte counts of version texts and pages (for docs/benchmarks)."""
        with self.engine.connect() as conn:
            text = conn.execute(
                select(func.sum(versions.c.text_size), func.sum(func.length(versions.c.text_blob)))
            ).one()
            raw = conn.execute(
                select(func.sum(raw_pages.c.body_size), func.sum(func.length(raw_pages.c.body_blob)))
            ).one()
        return {
            "text_raw": int(text[0] or 0),
            "text_stored": int(text[1] or 0),
            "pages_raw": int(raw[0] or 0),
            "pages_stored": int(raw[1] or 0),
        }

    # ------------------------------------------------------------------- events

    def list_events(self, article_id: int) -> list[EventRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(check_events)
                .where(check_events.c.article_id == article_id)
                .order_by(check_events.c.at, check_events.c.id)
            ).all()
        return [
            EventRecord(
                id=r.id,
                article_id=r.article_id,
                at=r.at,
                result=r.result,
                event=r.event,
                status=r.status,
                reason=r.reason,
                version_id=r.version_id,
            )
            for r in rows
        ]

    def integrity_problems(self) -> list[str]:
        """Consistency checks used after crashes: every version has a page, counts agree."""
        problems = []
        with self.engine.connect() as conn:
            orphan = conn.execute(
                select(func.count())
                .select_from(versions.outerjoin(raw_pages))
                .where(raw_pages.c.version_id.is_(None))
            ).scalar_one()
            if orphan:
                problems.append(f"{orphan} versions without raw page")
            mismatched = conn.execute(
                select(func.count()).select_from(articles).where(
                    articles.c.version_count
                    != select(func.count())
                    .select_from(versions)
                    .where(versions.c.article_id == articles.c.id)
                    .scalar_subquery()
                )
            ).scalar_one()
            if mismatched:
                problems.append(f"{mismatched} articles whose version_count disagrees")
            if conn.dialect.name == "sqlite":
                from sqlalchemy import text

                result = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                if result != "ok":
                    problems.append(f"sqlite integrity_check: {result}")
        return problems

    # ------------------------------------------------------------------ helpers

    def _begin(self) -> AbstractContextManager[Connection]:
        return _transaction(self.engine, self._texts)


@contextmanager
def _transaction(engine: Engine, texts: TextCache) -> Iterator[Connection]:
    """``engine.begin()`` that turns SQLAlchemy errors into :class:`StoreError`.

    Any failure also empties the text cache: a rolled-back version id may be
    reused, and must never find a stale text.
    """
    try:
        with engine.begin() as conn:
            yield conn
    except IntegrityError as error:
        texts.clear()
        raise StoreError(f"database constraint violated: {error.orig}") from error
    except OperationalError as error:
        texts.clear()
        raise StoreError(f"database unavailable: {error.orig}") from error
    except SQLAlchemyError as error:
        texts.clear()
        raise StoreError(f"database error: {error}") from error
    except BaseException:
        texts.clear()
        raise


def _track_one(
    conn: Connection,
    url: str,
    now: datetime,
    source_id: int | None,
    title: str | None,
    published_at: datetime | None,
) -> tuple[int, bool]:
    """Find ``url`` among all known addresses, or create an article due at once."""
    existing = conn.execute(
        select(article_urls.c.article_id).where(article_urls.c.url == url)
    ).scalar_one_or_none()
    if existing is not None:
        return int(existing), False
    # After a delete or a merge took the highest ids, SQLite would hand them out
    # again: a saved "article 12" would then name another story.
    fixed_id = first_free_id(conn, articles)
    article_id = conn.execute(
        insert(articles).values(
            **({"id": fixed_id} if fixed_id is not None else {}),
            url=url,
            source_id=source_id,
            title=title,
            first_seen_at=now,
            published_at=published_at,
            next_check_at=now,
            interval_s=0.0,
            consecutive_errors=0,
            retired=False,
            checks_count=0,
            page_state="ok",
            version_count=0,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(insert(article_urls).values(url=url, article_id=article_id))
    return int(article_id), True


def _article_select() -> Any:
    return select(articles, sources.c.name.label("source_name")).select_from(
        articles.outerjoin(sources, articles.c.source_id == sources.c.id)
    )


def _article(row: Row[Any]) -> ArticleRecord:
    m = row._mapping
    return ArticleRecord(
        id=m["id"],
        url=m["url"],
        source_id=m["source_id"],
        source_name=m["source_name"],
        final_url=m["final_url"],
        title=m["title"],
        first_seen_at=m["first_seen_at"],
        published_at=m["published_at"],
        next_check_at=m["next_check_at"],
        interval_s=float(m["interval_s"] or 0.0),
        consecutive_errors=int(m["consecutive_errors"] or 0),
        last_checked_at=m["last_checked_at"],
        last_change_at=m["last_change_at"],
        retired=bool(m["retired"]),
        retired_reason=m["retired_reason"],
        checks_count=int(m["checks_count"] or 0),
        last_result=m["last_result"],
        page_state=m["page_state"],
        etag=m["etag"],
        last_modified=m["last_modified"],
        raw_hash=m["raw_hash"],
        wire_hash=m["wire_hash"],
        fingerprint=m["fingerprint"],
        version_count=int(m["version_count"] or 0),
    )


def _feed(row: Row[Any]) -> FeedRecord:
    return FeedRecord(
        id=row.id,
        source_id=row.source_id,
        url=row.url,
        kind=row.kind,
        etag=row.etag,
        last_modified=row.last_modified,
        last_ok_at=row.last_ok_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
    )


def _version_meta(row: Any) -> VersionMeta:
    return VersionMeta(
        id=row.id,
        article_id=row.article_id,
        number=row.number,
        captured_at=row.captured_at,
        fingerprint=row.fingerprint,
        extractor_version=row.extractor_version,
        title=row.title,
        word_count=row.word_count,
        words_added=row.words_added,
        words_removed=row.words_removed,
        headline_changed=bool(row.headline_changed),
        labels=tuple(json.loads(row.labels or "[]")),
        significance=row.significance,
    )


__all__ = ["Store", "open_store"]
