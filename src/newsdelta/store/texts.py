"""Version texts as stored: delta chains back to a keyframe, and a small cache of them.

A version's text is zstd-compressed with the previous version's text as
dictionary (:mod:`.blobs`); every ``KEYFRAME_EVERY``-th version starts a new
chain. Reading one means decompressing its chain in order, so the texts read
and written by the check path are kept in a per-store LRU (:class:`TextCache`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import TextualSelect

from newsdelta.errors import StoreError
from newsdelta.store import blobs
from newsdelta.store.schema import KEYFRAME_EVERY, versions

VersionKey = tuple[int, int, int]
"""A version as (version id, article id, number): the id alone is not enough (below)."""


class TextCache:
    """A small LRU of decompressed version texts, per store.

    Keyed by (version id, article id, number), not the id alone: SQLite hands
    out a deleted row's id again, so after ``newsdelta delete`` in another
    process (or a rolled-back transaction here) an id can name another
    article's version, and a long-running ``serve`` showed the deleted text as
    that version's. Also cleared whenever a transaction fails.
    """

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._items: OrderedDict[VersionKey, bytes] = OrderedDict()

    def get(self, key: VersionKey) -> bytes | None:
        data = self._items.get(key)
        if data is not None:
            self._items.move_to_end(key)
        return data

    def put(self, key: VersionKey, data: bytes) -> None:
        self._items[key] = data
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


def text_bytes(
    conn: Connection, version_id: int, cache: TextCache, at: tuple[int, int] | None = None
) -> bytes:
    """Decompress a version's text, following its dictionary chain back to a keyframe.

    A chain is always the consecutive versions since the last keyframe, so the
    whole chain comes back in one query. Decompressed texts are kept in a small
    LRU: the pipeline reads the latest version and then stores the next one
    against it, and that must not decompress the chain twice.

    ``at``: the version's (article id, number) when the caller knows them.
    """
    if at is None:
        found = conn.execute(
            select(versions.c.article_id, versions.c.number).where(versions.c.id == version_id)
        ).one()
        at = (int(found.article_id), int(found.number))
    article_id, number = at
    return text_bytes_many(conn, [(version_id, article_id, number)], cache)[version_id]


CHAIN_RANGES_PER_QUERY = 200
"""Articles per chain query: SQLite nests OR-ed terms one level deep each, and
refuses an expression deeper than 1,000 (a large ``edit_batch`` would get there)."""

_CHAIN_COLUMNS = (
    versions.c.id, versions.c.article_id, versions.c.number,
    versions.c.text_blob, versions.c.base_version_id,
)


@lru_cache(maxsize=64)
def _chains_query(ranges: int) -> TextualSelect:
    """The rows of ``ranges`` version chains: ``(article_id = :aN AND number BETWEEN :loN AND :hiN)``
    OR-ed, one indexed range per article (SQLite searches the index once per
    term; a row-value IN list made it scan the whole index instead).

    Plain SQL, built once per count: the same statement as an expression tree
    cost more to build and to look up in SQLAlchemy's compiled cache than to
    run (about 0.1 ms per edit on the check path).
    """
    where = " OR ".join(
        f"(article_id = :a{i} AND number BETWEEN :lo{i} AND :hi{i})" for i in range(ranges)
    )
    names = ", ".join(column.name for column in _CHAIN_COLUMNS)
    # Typed columns: the blob comes back as bytes on every driver (psycopg: memoryview).
    return sql_text(f"SELECT {names} FROM {versions.name} WHERE {where}").columns(*_CHAIN_COLUMNS)


def text_bytes_many(
    conn: Connection, wanted: Sequence[tuple[int, int, int]], cache: TextCache
) -> dict[int, bytes]:
    """:func:`text_bytes` of several versions, given as (version id, article id, number).

    The chains of every version not in the cache come back in one query
    rather than one each: a batch of edits reads the previous version of
    each of its articles, and those were mostly written long ago (a miss).
    """
    out: dict[int, bytes] = {}
    missing: list[tuple[int, int, int]] = []
    for version_id, article_id, number in wanted:
        cached = cache.get((version_id, article_id, number))
        if cached is not None:
            out[version_id] = cached
        else:
            missing.append((version_id, article_id, number))
    if not missing:
        return out
    chains: dict[int, list[Any]] = {}
    for start in range(0, len(missing), CHAIN_RANGES_PER_QUERY):
        part = missing[start : start + CHAIN_RANGES_PER_QUERY]
        params: dict[str, int] = {}
        for i, (_, article_id, number) in enumerate(part):
            params[f"a{i}"] = article_id
            params[f"lo{i}"] = ((number - 1) // KEYFRAME_EVERY) * KEYFRAME_EVERY + 1
            params[f"hi{i}"] = number
        for row in conn.execute(_chains_query(len(part)), params):
            chains.setdefault(int(row.article_id), []).append(row)
    for version_id, article_id, number in missing:
        data: bytes | None = None
        found: bytes | None = None
        for row in sorted(chains.get(article_id, []), key=lambda r: int(r.number)):
            data = blobs.decompress_text(row.text_blob, data if row.base_version_id else None)
            if int(row.id) == version_id:
                found = data
                break
        if found is None:
            raise StoreError(f"version {version_id} has no readable text")
        cache.put((version_id, article_id, number), found)
        out[version_id] = found
    return out


__all__ = ["TextCache", "VersionKey", "text_bytes", "text_bytes_many"]
