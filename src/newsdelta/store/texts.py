"""Version texts as stored: delta chains back to a keyframe, and a small cache of them.

A version's text is zstd-compressed with the previous version's text as
dictionary (:mod:`.blobs`); every ``KEYFRAME_EVERY``-th version starts a new
chain. Reading one means decompressing its chain in order, so the texts read
and written by the check path are kept in a per-store LRU (:class:`TextCache`).
"""

from __future__ import annotations

from collections import OrderedDict

from sqlalchemy import and_, bindparam, select
from sqlalchemy.engine import Connection

from newsdelta.errors import StoreError
from newsdelta.store import blobs
from newsdelta.store.schema import KEYFRAME_EVERY, versions

_TEXT_CHAIN = (
    select(versions.c.id, versions.c.text_blob, versions.c.base_version_id)
    .where(
        and_(
            versions.c.article_id == bindparam("aid"),
            versions.c.number >= bindparam("first"),
            versions.c.number <= bindparam("last"),
        )
    )
    .order_by(versions.c.number)
)


class TextCache:
    """A small LRU of decompressed version texts, per store.

    Cleared whenever a transaction fails, so a version id rolled back (and
    later reused by SQLite) can never return another text.
    """

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._items: OrderedDict[int, bytes] = OrderedDict()

    def get(self, version_id: int) -> bytes | None:
        data = self._items.get(version_id)
        if data is not None:
            self._items.move_to_end(version_id)
        return data

    def put(self, version_id: int, data: bytes) -> None:
        self._items[version_id] = data
        self._items.move_to_end(version_id)
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
    cached = cache.get(version_id)
    if cached is not None:
        return cached
    if at is None:
        found = conn.execute(
            select(versions.c.article_id, versions.c.number).where(versions.c.id == version_id)
        ).one()
        at = (int(found.article_id), int(found.number))
    article_id, number = at
    first = ((number - 1) // KEYFRAME_EVERY) * KEYFRAME_EVERY + 1
    rows = conn.execute(_TEXT_CHAIN, {"aid": article_id, "first": first, "last": number}).all()
    data: bytes | None = None
    for row in rows:
        data = blobs.decompress_text(row.text_blob, data if row.base_version_id else None)
    if data is None:
        raise StoreError(f"version {version_id} has no readable text")
    cache.put(version_id, data)
    return data


__all__ = ["TextCache", "text_bytes"]
