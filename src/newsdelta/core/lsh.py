"""LSH buckets in memory: 64-bit keys -> article ids, kept in sorted numpy arrays.

Why not a database table. Every article adds ~38 LSH keys at *random* positions
of the key order; in a B-tree larger than the page cache each key dirties its
own page, so a table of keys costs ~300 KB of write I/O per article and a query
pays ~38 random page reads. Here the keys live in memory (12 bytes each) and the
database only keeps each article's keys as one blob, written sequentially
(``store/copies_tables.py`` loads them back at start).

Structure (a two-level log-structured merge):

* the **base**: for each of ``SHARDS`` shards (the key's top bits) a sorted
  ``uint64`` key array and a parallel ``uint32`` article-id array. A lookup is a
  binary search (``np.searchsorted``); equal keys sit together, oldest first.
* the **buffer**: a dict ``key -> [article ids]`` of recent inserts. When it
  holds ``merge_at`` keys it is sorted and merged into the base, shard by shard
  (``np.insert`` is one sequential copy), so the merge's extra memory is one
  shard (1/256 of the base) and its cost is amortised over thousands of inserts.

Removal overwrites the article's entries with ``DEAD`` in place (found through
the article's own keys, so it costs a few binary searches); dead entries are
dropped when their shard is next merged.

Keys are packed by :func:`pack_keys`: ``(band, hash)`` pairs mixed into uniform
64-bit values, so shards are balanced whatever the band. Distinct pairs collide
with probability ~2**-64, and a collision only proposes a candidate that
verification then rejects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.uint64]
Ids = npt.NDArray[np.uint32]
ArticleIds = npt.NDArray[np.int64]

SHARD_BITS = 8
SHARDS = 1 << SHARD_BITS
_SHIFT = 64 - SHARD_BITS
DEAD = np.iinfo(np.uint32).max  # article id of a removed entry
MAX_ARTICLE_ID = int(DEAD) - 1
BYTES_PER_KEY = 12  # uint64 key + uint32 article id
_GOLDEN = 0x9E3779B97F4A7C15
_EMPTY_KEYS: Keys = np.empty(0, dtype=np.uint64)
_EMPTY_IDS: Ids = np.empty(0, dtype=np.uint32)


def _fmix64(x: Keys) -> Keys:
    """MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xFF51AFD7ED558CCD)
        x = x ^ (x >> np.uint64(33))
        x = x * np.uint64(0xC4CEB9FE1A85EC53)
        return x ^ (x >> np.uint64(33))


def pack_keys(keys: Sequence[tuple[int, int]]) -> Keys:
    """``(band, hash)`` pairs as uniform 64-bit keys (the persisted format: keep it stable).

    The band is folded in with a multiplicative salt before mixing: a document
    band's hash is already band-specific (seeded by the band) but a passage
    anchor is a bare 32-bit minimum, so without the salt and the mix all anchors
    would share the high bits (and one shard).
    """
    if not keys:
        return _EMPTY_KEYS.copy()
    pairs = np.array(keys, dtype=np.uint64).reshape(-1, 2)
    with np.errstate(over="ignore"):  # uint64 arithmetic wraps modulo 2**64, as intended
        raw = pairs[:, 1] ^ (pairs[:, 0] * np.uint64(_GOLDEN))
    return _fmix64(raw)


def keys_from_bytes(raw: bytes) -> Keys:
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)


def keys_to_bytes(keys: Keys) -> bytes:
    return keys.astype("<u8").tobytes()


class KeyIndex:
    """Multimap ``key -> article ids`` for LSH candidates (see the module docstring)."""

    def __init__(self, merge_at: int = 131_072) -> None:
        self.merge_at = merge_at
        self._keys: list[Keys] = [_EMPTY_KEYS] * SHARDS
        self._ids: list[Ids] = [_EMPTY_IDS] * SHARDS
        self._dead = [0] * SHARDS  # dead entries per shard, dropped at its next merge
        self._buf: dict[int, list[int]] = {}
        self._buf_n = 0
        self.merges = 0

    # -- size ----------------------------------------------------------------------------

    def __len__(self) -> int:
        """Live entries (key, article) in the base and the buffer."""
        return sum(len(k) for k in self._keys) - sum(self._dead) + self._buf_n

    @property
    def base_nbytes(self) -> int:
        """Bytes held by the base arrays (the buffer's Python objects are not counted)."""
        return sum(k.nbytes + i.nbytes for k, i in zip(self._keys, self._ids, strict=True))

    # -- writes --------------------------------------------------------------------------

    def add(self, article_id: int, keys: Keys) -> None:
        """Insert an article's keys (into the buffer; merged into the base when it is full)."""
        _check_id(article_id)
        buf = self._buf
        for k in keys.tolist():
            ids = buf.get(k)
            if ids is None:
                buf[k] = [article_id]
            else:
                ids.append(article_id)
        self._buf_n += len(keys)
        if self._buf_n >= self.merge_at:
            self.flush()

    def load(self, chunks: Iterable[tuple[ArticleIds, Keys]]) -> None:
        """Fill an empty index from ``(article_ids, keys)`` chunks (entry ``i`` of a chunk is
        ``(keys[i], article_ids[i])``), earlier entries first within a key.

        Each chunk is cut into its shards (a stable radix sort on the shard byte,
        linear); every shard is then sorted once from its pieces. Merging chunk by
        chunk instead would copy the growing base once per chunk (quadratic), and
        sorting each chunk by key first would sort everything twice. Peak memory is
        the entries once plus one shard.
        """
        if len(self) or self._buf:
            raise ValueError("load fills an empty index")
        pieces: list[list[tuple[Keys, Ids]]] = [[] for _ in range(SHARDS)]
        for ids, keys in chunks:
            if len(keys) != len(ids):
                raise ValueError("keys and article ids must have the same length")
            if not len(keys):
                continue
            if int(ids.max()) > MAX_ARTICLE_ID or int(ids.min()) < 0:
                raise ValueError("article id does not fit the in-memory LSH index (uint32)")
            shard = (keys >> np.uint64(_SHIFT)).astype(np.uint8)
            order = np.argsort(shard, kind="stable")  # radix sort: uint8
            k, i = keys[order], ids[order].astype(np.uint32)
            bounds = [0, *np.cumsum(np.bincount(shard, minlength=SHARDS)).tolist()]
            for s in range(SHARDS):
                lo, hi = bounds[s], bounds[s + 1]
                if lo < hi:  # copies, so that the chunk's arrays are freed now
                    pieces[s].append((k[lo:hi].copy(), i[lo:hi].copy()))
        for s in range(SHARDS):
            if not pieces[s]:
                continue
            k = np.concatenate([p[0] for p in pieces[s]])
            i = np.concatenate([p[1] for p in pieces[s]])
            pieces[s] = []
            order = np.argsort(k, kind="stable")  # stable: earlier chunks first within a key
            self._keys[s], self._ids[s] = k[order], i[order]

    def remove(self, article_id: int, keys: Keys) -> int:
        """Remove ``article_id`` from the buckets of ``keys``; returns entries removed.

        ``keys`` should be the article's own keys (all its entries go) or a
        subset of them (only those go: see ``SqlCopiesRepository.prune``).
        """
        removed = 0
        aid = np.uint32(article_id) if 0 <= article_id <= MAX_ARTICLE_ID else None
        for k in keys.tolist():
            ids = self._buf.get(k)
            if ids is not None and article_id in ids:
                kept = [i for i in ids if i != article_id]
                removed += len(ids) - len(kept)
                self._buf_n -= len(ids) - len(kept)
                if kept:
                    self._buf[k] = kept
                else:
                    del self._buf[k]
            if aid is None:
                continue
            s = k >> _SHIFT
            base = self._keys[s]
            lo = int(base.searchsorted(np.uint64(k), "left"))
            if lo == len(base) or int(base[lo]) != k:
                continue
            hi = int(base.searchsorted(np.uint64(k), "right"))
            seg = self._ids[s][lo:hi]  # a view: assignment below edits the base
            hit = seg == aid
            n = int(np.count_nonzero(hit))
            if n:
                seg[hit] = DEAD
                self._dead[s] += n
                removed += n
        return removed

    def flush(self) -> None:
        """Merge the buffer into the base now."""
        if not self._buf:
            return
        ks: list[int] = []
        ids: list[int] = []
        for k, lst in self._buf.items():
            ks.extend([k] * len(lst))
            ids.extend(lst)
        self._buf = {}
        self._buf_n = 0
        karr = np.array(ks, dtype=np.uint64)
        iarr = np.array(ids, dtype=np.uint32)
        order = np.argsort(karr, kind="stable")  # keeps insertion order within a key
        self._merge(karr[order], iarr[order])

    def _merge(self, keys: Keys, ids: Ids) -> None:
        """Merge sorted ``(keys, ids)`` into the base, one shard at a time."""
        bounds = np.searchsorted(
            keys >> np.uint64(_SHIFT), np.arange(SHARDS + 1, dtype=np.uint64), "left"
        ).tolist()
        for s in range(SHARDS):
            lo, hi = bounds[s], bounds[s + 1]
            if lo == hi and not self._dead[s]:
                continue
            base_k, base_i = self._keys[s], self._ids[s]
            if self._dead[s]:  # compact while we copy the shard anyway
                live = base_i != DEAD
                base_k, base_i = base_k[live], base_i[live]
                self._dead[s] = 0
            if lo == hi:
                self._keys[s], self._ids[s] = base_k, base_i
                continue
            part_k, part_i = keys[lo:hi], ids[lo:hi]
            # side="right": new entries go after existing equal keys (oldest first)
            pos = base_k.searchsorted(part_k, "right")
            self._keys[s] = np.insert(base_k, pos, part_k)
            self._ids[s] = np.insert(base_i, pos, part_i)
        self.merges += 1

    # -- reads ---------------------------------------------------------------------------

    def bucket(self, key: int, limit: int) -> list[int]:
        """The first ``limit`` live article ids under ``key``, oldest first."""
        s = key >> _SHIFT
        base = self._keys[s]
        out: list[int] = []
        lo = int(base.searchsorted(np.uint64(key), "left"))
        if lo < len(base) and int(base[lo]) == key:
            # Dead entries are rare (dropped at merges): read a little past the limit.
            seg = self._ids[s][lo : lo + 2 * limit + 8]
            hi_seg = base[lo : lo + len(seg)] == np.uint64(key)
            out = [i for i in seg[hi_seg].tolist() if i != DEAD]
        recent = self._buf.get(key)
        if recent:
            out.extend(recent)
        return out[:limit]

    def candidates(
        self, keys: Keys, exclude: int, per_key_limit: int, min_keys: int = 1
    ) -> dict[int, float]:
        """Articles sharing at least ``min_keys`` keys with ``keys``, scored Σ 1/bucket size.

        Per key at most ``per_key_limit`` articles (the oldest) are read, so a key
        made of a stock phrase cannot turn a query into a scan; ``exclude`` (the
        article itself) is dropped after the cap, as the SQL version did. A key
        shared by n articles adds 1/n to each (like IDF: stock phrases weigh little).
        """
        counts: dict[int, float] = {}
        shared: dict[int, int] = {}
        for k in dict.fromkeys(keys.tolist()):
            ids = [i for i in dict.fromkeys(self.bucket(k, per_key_limit)) if i != exclude]
            if not ids:
                continue
            w = 1.0 / len(ids)
            for aid in ids:
                counts[aid] = counts.get(aid, 0.0) + w
                shared[aid] = shared.get(aid, 0) + 1
        if min_keys > 1:
            return {a: c for a, c in counts.items() if shared[a] >= min_keys}
        return counts

    def articles(self) -> Iterable[int]:
        """Every live article id (tests and diagnostics; a full pass over the base)."""
        seen: set[int] = set()
        for ids in self._ids:
            seen.update(ids[ids != DEAD].tolist())
        for lst in self._buf.values():
            seen.update(lst)
        return seen


def _check_id(article_id: int) -> None:
    if not 0 <= article_id <= MAX_ARTICLE_ID:
        raise ValueError(f"article id {article_id} does not fit the in-memory LSH index (uint32)")
