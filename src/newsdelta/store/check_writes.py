"""Writing checks' effects: several checks, one statement per table.

:meth:`Store.record_checks` hands a batch of checks here, inside its
transaction. Each table gets one ``executemany`` for the whole batch (new
versions with ``RETURNING`` their ids, raw pages, search rows, article rows
grouped by the columns they set, events) instead of one statement per check:
each statement costs a pass through SQLAlchemy and SQLite, and right after
extraction those passes run with cold CPU caches (docs/tracking.md).

A batch whose checks touch the same article twice is written as consecutive
groups with distinct articles, so a second version is numbered and
delta-compressed against the first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from newsdelta.core.model import ArticleText
from newsdelta.errors import NotFoundError
from newsdelta.store import blobs, search
from newsdelta.store.id_floors import first_free_id
from newsdelta.store.records import CheckWrite, NewVersion
from newsdelta.store.schema import (
    KEYFRAME_EVERY,
    articles,
    check_events,
    raw_pages,
    versions,
)
from newsdelta.store.texts import TextCache, text_bytes

LATEST_NUMBERS = (
    select(versions.c.article_id, func.max(versions.c.number).label("number"))
    .where(versions.c.article_id.in_(bindparam("aids", expanding=True)))
    .group_by(versions.c.article_id)
    .subquery()
)
"""The latest version number of each article in the ``aids`` parameter (a subquery)."""
LATEST_JOIN = and_(
    versions.c.article_id == LATEST_NUMBERS.c.article_id,
    versions.c.number == LATEST_NUMBERS.c.number,
)
_LATEST_VERSIONS = select(versions.c.id, versions.c.article_id, versions.c.number).join(
    LATEST_NUMBERS, LATEST_JOIN
)
"""Each article's latest version (id, number): one query for the whole batch."""

_INSERT_VERSIONS = insert(versions).returning(versions.c.id, versions.c.article_id)
"""Ids come back matched by article (distinct within a group), not by row order:
ordered RETURNING would make SQLAlchemy send one INSERT per row on SQLite."""
_INSERT_RAW_PAGES = insert(raw_pages)
_INSERT_EVENTS = insert(check_events)


@lru_cache(maxsize=64)
def _article_update(columns: tuple[str, ...]) -> Any:
    """``UPDATE articles SET <columns> ... WHERE id = :aid`` for one shape of check write.

    A check sets a different subset of columns depending on its outcome; each
    subset gets one statement, built once (parameters are named ``v_<column>``).
    """
    values: dict[str, Any] = {c: bindparam(f"v_{c}") for c in columns}
    values["checks_count"] = articles.c.checks_count + 1
    return update(articles).where(articles.c.id == bindparam("aid")).values(**values)


@dataclass(slots=True)
class _PendingVersion:
    """A new version's row, before its id is known."""

    index: int
    """Position of its check in the batch."""
    article_id: int
    at: datetime
    number: int
    version: NewVersion
    raw_text: bytes
    base_id: int | None
    """The version whose text is the compression dictionary (``None`` at a keyframe)."""
    base_bytes: bytes | None
    previous: ArticleText | None
    """The previous version's text, for the search index's removed text."""


def apply_checks(
    conn: Connection, items: Sequence[tuple[int, CheckWrite]], texts: TextCache
) -> list[int | None]:
    """Apply every check of ``items`` on ``conn``; each one's new version number, if any."""
    numbers: list[int | None] = []
    for group in _distinct_article_groups(items):
        numbers.extend(_apply_group(conn, group, texts))
    return numbers


def _distinct_article_groups(
    items: Sequence[tuple[int, CheckWrite]],
) -> Iterator[Sequence[tuple[int, CheckWrite]]]:
    """Consecutive runs of ``items`` in which no article appears twice."""
    start, seen = 0, set[int]()
    for i, (article_id, _) in enumerate(items):
        if article_id in seen:
            yield items[start:i]
            start, seen = i, set()
        seen.add(article_id)
    if start < len(items):
        yield items[start:]


def _apply_group(
    conn: Connection, items: Sequence[tuple[int, CheckWrite]], texts: TextCache
) -> list[int | None]:
    pending = _pending_versions(conn, items, texts)
    version_ids = _insert_versions(conn, pending, texts)
    numbers: list[int | None] = [None] * len(items)
    for p in pending:
        numbers[p.index] = p.number
    _update_articles(conn, items, numbers)
    events = [
        {
            "article_id": article_id,
            "at": write.at,
            "result": write.event.result,
            "event": write.event.event,
            "status": write.event.status,
            "reason": write.event.reason,
            "version_id": version_ids.get(i),
            "fingerprint": write.event.fingerprint,
            "check_number": write.event.check_number,
        }
        for i, (article_id, write) in enumerate(items)
        if write.event is not None
    ]
    if events:
        conn.execute(_INSERT_EVENTS, events)
    return numbers


def _pending_versions(
    conn: Connection, items: Sequence[tuple[int, CheckWrite]], texts: TextCache
) -> list[_PendingVersion]:
    """The new versions of ``items``, numbered after each article's latest version."""
    with_versions = [
        (i, article_id, write.at, write.version)
        for i, (article_id, write) in enumerate(items)
        if write.version is not None
    ]
    if not with_versions:
        return []
    aids = [article_id for _, article_id, _, _ in with_versions]
    latest = {
        int(row.article_id): (int(row.id), int(row.number))
        for row in conn.execute(_LATEST_VERSIONS, {"aids": aids})
    }
    pending: list[_PendingVersion] = []
    for index, article_id, at, version in with_versions:
        last = latest.get(article_id)
        number, base_id, base_bytes, previous = 1, None, None, None
        if last is not None:
            last_id, last_number = last
            number = last_number + 1
            previous_bytes = text_bytes(conn, last_id, texts, (article_id, last_number))
            known = version.planned_against
            previous = known[1] if known and known[0] == last_id else blobs.decode_text(previous_bytes)
            if (number - 1) % KEYFRAME_EVERY:  # not a keyframe: a delta against the last
                base_id, base_bytes = last_id, previous_bytes
        pending.append(_PendingVersion(
            index, article_id, at, number, version, blobs.encode_text(version.text),
            base_id, base_bytes, previous,
        ))
    return pending


def _insert_versions(
    conn: Connection, pending: list[_PendingVersion], texts: TextCache
) -> dict[int, int]:
    """Insert the versions, their raw pages and search rows; batch index -> version id."""
    if not pending:
        return {}
    rows: list[dict[str, Any]] = []
    next_id = first_free_id(conn, versions)
    for p in pending:
        summary = p.version.summary
        rows.append({
            **({"id": next_id + len(rows)} if next_id is not None else {}),
            "article_id": p.article_id,
            "number": p.number,
            "captured_at": p.at,
            "fingerprint": p.version.fingerprint,
            "extractor_version": p.version.extractor_version,
            "title": p.version.text.title,
            "word_count": p.version.text.word_count,
            "base_version_id": p.base_id,
            "text_blob": blobs.compress_text(p.raw_text, p.base_bytes),
            "text_size": len(p.raw_text),
            "words_added": summary.words_added,
            "words_removed": summary.words_removed,
            "headline_changed": summary.headline_changed,
            "labels": json.dumps(list(summary.labels)),
            "significance": summary.significance,
        })
    by_article = {int(r.article_id): int(r.id) for r in conn.execute(_INSERT_VERSIONS, rows)}
    ids = [by_article[p.article_id] for p in pending]
    pages = []
    for p, version_id in zip(pending, ids, strict=True):
        codec, body_blob = blobs.pack_raw(p.version.raw_body, p.version.raw_gzip)
        pages.append({
            "version_id": version_id,
            "final_url": p.version.final_url,
            "encoding": p.version.encoding,
            "content_type": p.version.content_type,
            "body_blob": body_blob,
            "body_size": len(p.version.raw_body),
            "body_codec": codec,
        })
    conn.execute(_INSERT_RAW_PAGES, pages)
    search.index_versions(
        conn, [(version_id, p.version.text, p.previous) for p, version_id in zip(pending, ids)]
    )
    for p, version_id in zip(pending, ids, strict=True):
        texts.put((version_id, p.article_id, p.number), p.raw_text)
    return {p.index: version_id for p, version_id in zip(pending, ids, strict=True)}


def _update_articles(
    conn: Connection, items: Sequence[tuple[int, CheckWrite]], numbers: list[int | None]
) -> None:
    """One UPDATE per shape of article row (the columns a check sets), all rows at once."""
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for (article_id, write), number in zip(items, numbers, strict=True):
        values = _article_values(write, number)
        params = {f"v_{column}": value for column, value in values.items()}
        params["aid"] = article_id
        by_shape.setdefault(tuple(values), []).append(params)
    for columns, rows in by_shape.items():
        updated = conn.execute(_article_update(columns), rows).rowcount
        if updated != len(rows):
            missing = ", ".join(str(r["aid"]) for r in rows)
            raise NotFoundError(f"no tracked article among {missing}")


def _article_values(write: CheckWrite, number: int | None) -> dict[str, Any]:
    """The articles columns one check sets (``None`` fields of ``write`` are left alone)."""
    values: dict[str, Any] = {
        "last_checked_at": write.at,
        "last_result": write.result,
        "next_check_at": write.schedule.next_check_at,
        "interval_s": write.schedule.interval_s,
        "consecutive_errors": write.schedule.consecutive_errors,
        "retired": write.schedule.retired,
        "retired_reason": write.schedule.retired_reason,
    }
    if write.schedule.last_change_at is not None:
        values["last_change_at"] = write.schedule.last_change_at
    if write.update_cache_keys:
        values.update(
            etag=write.etag, last_modified=write.last_modified, raw_hash=write.raw_hash,
            wire_hash=write.wire_hash,
        )
    if write.page_state is not None:
        values["page_state"] = write.page_state
    if write.final_url is not None:
        values["final_url"] = write.final_url
    if write.title is not None:
        values["title"] = write.title
    if write.published_at is not None:
        values["published_at"] = write.published_at
    if write.fingerprint is not None:
        values["fingerprint"] = write.fingerprint
    if write.version is not None:
        values["fingerprint"] = write.version.fingerprint
        values["version_count"] = number
    return values


__all__ = ["LATEST_JOIN", "LATEST_NUMBERS", "apply_checks"]
