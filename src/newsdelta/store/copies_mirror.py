"""The in-memory LSH index kept in step with the ``copies_keys`` table.

``copies_keys`` holds one row per indexed article: ``(seq, article_id, lsh_keys)``
where ``lsh_keys`` is the article's packed keys (:func:`newsdelta.core.lsh.pack_keys`,
8 bytes each) and ``seq`` is an ever-increasing row number (SQLite
``AUTOINCREMENT``: never reused, even after the newest row is deleted). A new
version of an article gets a new row, hence a new ``seq``.

A process builds its :class:`~newsdelta.core.lsh.KeyIndex` from the table on
first use (:meth:`KeyMirror.load`, a sequential scan of ~330 bytes per article),
then before each lookup reads only the rows other processes added since
(:meth:`KeyMirror.catch_up`: ``seq > watermark``, one range read on the primary
key). Its own writes it applies directly (:meth:`KeyMirror.applied`) and
remembers their ``seq`` so the catch-up does not apply them twice.

Why the watermark is exact on SQLite: writers hold the database's write lock
until they commit, so rows become visible in ``seq`` order. (On PostgreSQL two
concurrent writers may commit out of ``seq`` order; a row missed that way is
picked up at the next start.)

What another process's changes do to this one's memory:

* rows it *adds* (new articles, new versions) are caught up before the next lookup;
* the *old* keys of an article it re-indexed, or of one it deleted, stay in this
  process's memory until restart. They can only propose a candidate, and every
  candidate is verified against the stored text, so they never produce a wrong
  match; a candidate whose article no longer exists is pruned from the buckets
  it was found in (``SqlCopiesRepository.prune``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import numpy as np
import sqlalchemy as sa

from newsdelta.core.lsh import ArticleIds, KeyIndex, Keys, keys_from_bytes

LOAD_CHUNK = 50_000  # rows per bulk merge while loading (bounds the transient arrays)


class KeyMirror:
    """A :class:`KeyIndex` plus the watermark that ties it to ``copies_keys``."""

    def __init__(self, table: sa.Table, merge_at: int = 131_072) -> None:
        self.table = table
        self.merge_at = merge_at
        self.index: KeyIndex | None = None  # None until first use (or after invalidate)
        self.seen = 0  # every row with seq <= seen is applied
        self._own: set[int] = set()  # seqs > seen that this process applied itself
        self.load_seconds = 0.0
        # The pipeline indexes from worker threads (asyncio.to_thread): every read
        # or change of the index and the watermark happens under this lock. The
        # repository also holds it around a lookup (a merge swaps shard arrays).
        self.lock = threading.RLock()
        t = table
        self._all = sa.select(t.c.seq, t.c.article_id, t.c.lsh_keys).order_by(t.c.seq)
        self._since = self._all.where(t.c.seq > sa.bindparam("w"))

    @property
    def loaded(self) -> bool:
        return self.index is not None

    def invalidate(self) -> None:
        """Forget everything (a transaction this process applied was rolled back)."""
        with self.lock:
            self._invalidate()

    def _invalidate(self) -> None:
        self.index = None
        self.seen = 0
        self._own.clear()

    def synced(self, conn: sa.Connection) -> KeyIndex:
        """The index, loaded if needed and caught up with rows committed by others."""
        with self.lock:
            if self.index is None:
                return self.load(conn)
            self.catch_up(conn)
            return self.index

    def load(self, conn: sa.Connection) -> KeyIndex:
        """Build the index from every row (one statement, so one consistent snapshot)."""
        t0 = time.perf_counter()
        index = KeyIndex(self.merge_at)
        last_seq = [0]

        def chunks() -> Iterator[tuple[ArticleIds, Keys]]:
            # The driver's own cursor: plain tuples, no per-row Row objects
            # (a million rows through the Core result cost seconds more).
            cur = conn.connection.cursor()
            try:
                cur.execute(str(self._all.compile(dialect=conn.dialect)))
                while rows := cur.fetchmany(LOAD_CHUNK):
                    blobs = [bytes(r[2]) for r in rows]
                    counts = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // 8
                    aids = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
                    last_seq[0] = int(rows[-1][0])
                    yield np.repeat(aids, counts), keys_from_bytes(b"".join(blobs))
            finally:
                cur.close()

        index.load(chunks())
        self.index, self.seen = index, last_seq[0]
        self._own.clear()
        self.load_seconds = time.perf_counter() - t0
        return index

    def catch_up(self, conn: sa.Connection) -> int:
        """Apply rows other processes committed since the watermark; returns how many."""
        assert self.index is not None
        n = 0
        for seq, aid, raw in conn.execute(self._since, {"w": self.seen}):
            seq = int(seq)
            if seq in self._own:
                self._own.discard(seq)
            else:
                self.index.add(int(aid), keys_from_bytes(bytes(raw)))
                n += 1
            self.seen = max(self.seen, seq)
        if self._own:
            self._own = {s for s in self._own if s > self.seen}
        return n

    def applied(self, seq: int, article_id: int, keys: Keys, old_keys: Keys | None) -> None:
        """Mirror this process's own write: row ``seq`` replaced ``old_keys`` by ``keys``.

        Another thread's catch-up may have read the committed row first (it then
        added ``keys`` as if another process had written them): those entries are
        taken out before adding, so the article is never in a bucket twice.
        """
        with self.lock:
            self._applied(seq, article_id, keys, old_keys)

    def _applied(self, seq: int, article_id: int, keys: Keys, old_keys: Keys | None) -> None:
        if self.index is None:
            return  # not loaded: the load will read the row from the table
        if old_keys is not None:
            self.index.remove(article_id, old_keys)
        if seq <= self.seen and seq not in self._own:
            self.index.remove(article_id, keys)  # already caught up by another thread
            self.index.add(article_id, keys)
            return
        self.index.add(article_id, keys)
        if seq == self.seen + 1:
            self.seen = seq  # no row of another process in between: nothing to catch up
        else:
            self._own.add(seq)  # others' rows before it are still to be read

    def removed(self, article_id: int, old_keys: Keys) -> None:
        """Mirror this process's own deletion of an article."""
        with self.lock:
            if self.index is not None:
                self.index.remove(article_id, old_keys)
