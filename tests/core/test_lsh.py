"""The in-memory LSH structure (core/lsh.py) against a plain dict model."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsdelta.core.lsh import (
    SHARDS,
    KeyIndex,
    keys_from_bytes,
    keys_to_bytes,
    pack_keys,
)


def _keys(*ks: int) -> np.ndarray:
    return np.array(ks, dtype=np.uint64)


def test_pack_keys_is_stable_and_spreads_anchors_over_shards() -> None:
    anchors = pack_keys([(100 + j, h) for j in range(2) for h in range(2000)])
    assert len(set(anchors.tolist())) == 4000  # band is part of the key
    shards = set((anchors >> np.uint64(64 - 8)).tolist())
    assert len(shards) > SHARDS * 0.9  # not all in one shard
    raw = pack_keys([(1, 2**62), (101, 7)])
    assert keys_from_bytes(keys_to_bytes(raw)).tolist() == raw.tolist()


def test_pack_keys_frozen_values() -> None:
    # If this fails the key format changed: every stored copies_keys blob is stale
    # (it would need a migration that re-packs them).
    got = [hex(k) for k in pack_keys([(0, 1), (15, 2**62 + 5), (100, 123456789)]).tolist()]
    assert got == ["0xb456bcfc34c2cb2c", "0xaaabf6019020ea10", "0xae660675a08fb4b7"]


def test_lookup_in_buffer_and_after_merge() -> None:
    idx = KeyIndex(merge_at=1_000_000)
    idx.add(1, _keys(10, 20, 30))
    idx.add(2, _keys(20, 40))
    assert idx.bucket(20, 50) == [1, 2] and idx.bucket(99, 50) == []
    assert idx.merges == 0
    idx.flush()
    assert idx.merges == 1 and idx.bucket(20, 50) == [1, 2]
    idx.add(3, _keys(20))  # buffer entries come after base entries: oldest first
    assert idx.bucket(20, 50) == [1, 2, 3] and idx.bucket(20, 2) == [1, 2]
    assert len(idx) == 6


def test_candidates_score_by_inverse_bucket_size_and_exclude_after_cap() -> None:
    idx = KeyIndex()
    idx.add(1, _keys(1, 2))
    idx.add(2, _keys(2))
    idx.add(3, _keys(1, 2, 5))
    got = idx.candidates(_keys(1, 2, 9), exclude=3, per_key_limit=50)
    assert got == pytest.approx({1: 1.0 + 0.5, 2: 0.5})
    # The cap applies before the exclusion (as the SQL LIMIT did): key 2 holds
    # [1, 2, 3]; with a cap of 2 only 1 and 2 are read.
    assert idx.candidates(_keys(2), exclude=1, per_key_limit=2) == {2: 1.0}


def test_remove_marks_dead_then_merge_compacts() -> None:
    idx = KeyIndex(merge_at=4)
    idx.add(1, _keys(5, 6))
    idx.add(2, _keys(5, 7))  # 4 keys: merged into the base
    assert idx.merges == 1
    assert idx.remove(1, _keys(5, 6)) == 2
    assert idx.bucket(5, 50) == [2] and idx.bucket(6, 50) == []
    assert len(idx) == 2
    before = idx.base_nbytes
    idx.add(3, _keys(8, 9, 10, 11))  # next merge drops the dead entries
    assert idx.merges == 2 and idx.base_nbytes == before + 4 * 12 - 2 * 12
    assert sorted(idx.articles()) == [2, 3]


def test_remove_only_given_keys_and_from_buffer() -> None:
    idx = KeyIndex()
    idx.add(1, _keys(5, 6))
    idx.add(1, _keys(5))  # duplicate entry (an old version another process left)
    assert idx.remove(1, _keys(5)) == 2
    assert idx.bucket(6, 50) == [1] and idx.bucket(5, 50) == []


def test_load_keeps_input_order_within_a_key_across_chunks() -> None:
    idx = KeyIndex()
    big = np.uint64(2**64 - 5)  # another shard
    chunks = [
        (np.array([7, 3, 9], dtype=np.int64), _keys(1, 1, 1)),
        (np.array([], dtype=np.int64), _keys()),
        (np.array([4, 2, 8], dtype=np.int64), np.array([big, 1, 1], dtype=np.uint64)),
    ]
    idx.load(chunks)
    assert idx.bucket(1, 50) == [7, 3, 9, 2, 8] and idx.bucket(int(big), 50) == [4]
    assert len(idx) == 6
    idx.add(5, _keys(1))
    assert idx.bucket(1, 50) == [7, 3, 9, 2, 8, 5]
    with pytest.raises(ValueError):
        idx.load([])  # only into an empty index
    with pytest.raises(ValueError):
        KeyIndex().load([(np.array([2**32], dtype=np.int64), _keys(1))])
    with pytest.raises(ValueError):
        idx.add(2**32, _keys(1))


def test_min_keys_drops_single_key_collisions() -> None:
    idx = KeyIndex()
    idx.add(1, _keys(1, 2, 3))
    idx.add(2, _keys(3))
    assert idx.candidates(_keys(1, 2, 3), -1, 50, min_keys=2) == {1: pytest.approx(2.5)}
    assert set(idx.candidates(_keys(1, 2, 3), -1, 50)) == {1, 2}


def test_matches_a_dict_model_under_random_operations() -> None:
    rng = random.Random(7)
    idx = KeyIndex(merge_at=64)
    model: dict[int, list[int]] = {}
    docs: dict[int, list[int]] = {}
    universe = [rng.getrandbits(64) for _ in range(300)] + [0, 2**64 - 1]
    for step in range(3000):
        aid = rng.randrange(200)
        if aid in docs and rng.random() < 0.4:
            ks = docs.pop(aid)
            idx.remove(aid, np.array(ks, dtype=np.uint64))
            for k in ks:
                model[k] = [a for a in model[k] if a != aid]
        elif aid not in docs:
            ks = list(dict.fromkeys(rng.sample(universe, rng.randint(1, 12))))
            docs[aid] = ks
            idx.add(aid, np.array(ks, dtype=np.uint64))
            for k in ks:
                model.setdefault(k, []).append(aid)
        if step % 97 == 0:
            for k in universe:
                assert idx.bucket(k, 10**6) == model.get(k, []), (step, k)
    assert len(idx) == sum(len(v) for v in model.values())
    assert idx.merges > 10
