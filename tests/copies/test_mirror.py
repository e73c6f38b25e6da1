"""The in-memory buckets and the copies_keys table stay in step (store/copies_mirror.py).

Two repositories over one SQLite file stand for two processes (``newsdelta run``
and a ``newsdelta check`` or ``delete`` beside it).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from copies_helpers import STORY, doc, sql_repo  # type: ignore[import-not-found]

from newsdelta.copies.index import CopyIndex
from newsdelta.core.lsh import keys_from_bytes, pack_keys
from newsdelta.core.sketch import sketch
from newsdelta.store.copies_tables import SqlCopiesRepository

OTHER = (
    "Thousands of nurses in Chile walked off the job on Monday in a strike over pay, disrupting hospitals in Santiago.",
    "The union is demanding a raise of 12 percent to offset inflation, while the government has offered 4 percent.",
    "Union leader Rosa Reyes said the walkout would last five days unless ministers improved their offer.",
    "Health minister Ximena Aguilera called the strike irresponsible and said the budget could not bear more.",
)


def _nkeys(paragraphs: tuple[str, ...]) -> int:
    return len(sketch("Norway raises rates", paragraphs).keys)


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[SqlCopiesRepository, SqlCopiesRepository]]:
    db = tmp_path / "copies.db"
    a, b = sql_repo(db), sql_repo(db)
    yield a, b
    a.engine.dispose()
    b.engine.dispose()


def _ids(index_repo: SqlCopiesRepository, paragraphs: tuple[str, ...]) -> set[int]:
    """Articles the repository proposes as candidates for a text."""
    keys = sketch("Norway raises rates", paragraphs).packed
    return set(index_repo.candidates(keys, exclude=-1, per_key_limit=50))


def test_loads_on_first_lookup_only(two: tuple[SqlCopiesRepository, SqlCopiesRepository]) -> None:
    a, b = two
    CopyIndex(a).add(doc(1, STORY))
    assert not b.mirror.loaded
    CopyIndex(b).cluster_of(1)  # reading clusters does not load the buckets
    assert not b.mirror.loaded
    assert _ids(b, STORY) == {1}
    assert b.mirror.loaded and b.mirror.index is not None
    assert len(b.mirror.index) == _nkeys(STORY)


def test_catches_up_with_another_process_without_reloading(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, b = two
    ia, ib = CopyIndex(a), CopyIndex(b)
    ia.add(doc(1, OTHER))
    assert _ids(b, STORY) == set()  # b loads now: one article
    loaded = b.mirror.index
    ia.add(doc(2, STORY, outlet="Daily Courier"))  # "another process" adds a copy source
    found = ib.add(doc(3, STORY, outlet="Morning Ledger", hours=1))
    assert [(m.article_id, m.kind) for m in found] == [(2, "verbatim")]
    assert b.mirror.index is loaded  # caught up, not reloaded
    assert loaded is not None
    assert len(loaded) == _nkeys(OTHER) + 2 * _nkeys(STORY)  # nothing applied twice


def test_own_rows_after_others_rows_are_not_applied_twice(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, b = two
    ia, ib = CopyIndex(a), CopyIndex(b)
    ib.query(doc(99, STORY))  # b loaded, empty
    put_doc = b.put_doc

    def a_commits_first(*args: Any, **kw: Any) -> None:
        ia.add(doc(1, OTHER))  # seq 1 by a, after b's lookup and before b's write
        put_doc(*args, **kw)

    b.put_doc = a_commits_first  # type: ignore[method-assign]
    ib.add(doc(2, STORY))  # seq 2 by b: a gap before it (seq 1) b has not read yet
    assert b.mirror.seen == 0
    assert _ids(b, OTHER) == {1}  # the catch-up reads seq 1 and skips its own seq 2
    assert b.mirror.seen == 2
    assert b.mirror.index is not None
    assert len(b.mirror.index) == _nkeys(OTHER) + _nkeys(STORY)


def test_remove_drops_keys_from_memory_and_table(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, b = two
    ia = CopyIndex(a)
    ia.add(doc(1, STORY))
    ia.add(doc(2, OTHER))
    assert _ids(a, STORY) == {1}
    ia.remove(1)
    assert _ids(a, STORY) == set()
    assert a.mirror.index is not None and len(a.mirror.index) == _nkeys(OTHER)
    with a.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT article_id FROM copies_keys")).scalars().all() == [2]
    assert _ids(b, STORY) == set()  # a restart does not bring it back


def test_new_version_replaces_keys_in_memory(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, _ = two
    ia = CopyIndex(a)
    ia.add(doc(1, STORY))
    assert _ids(a, STORY) == {1}
    ia.add(doc(1, OTHER))  # the article was rewritten into another story
    assert _ids(a, STORY) == set() and _ids(a, OTHER) == {1}
    assert a.mirror.index is not None and len(a.mirror.index) == _nkeys(OTHER)


def test_article_deleted_by_another_process_is_pruned(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, b = two
    ia, ib = CopyIndex(a), CopyIndex(b)
    ia.add(doc(1, STORY))
    assert _ids(a, STORY) == {1}
    ib.remove(1)  # another process deletes it: a's memory still has its keys
    assert _ids(a, STORY) == {1}
    assert ia.query(doc(5, STORY, outlet="X")) == []  # verification needs the stored text
    assert _ids(a, STORY) == set()  # ... and the failed lookup pruned the stale entries


def test_version_from_another_process_is_found(
    two: tuple[SqlCopiesRepository, SqlCopiesRepository],
) -> None:
    a, b = two
    ia, ib = CopyIndex(a), CopyIndex(b)
    ia.add(doc(1, OTHER))
    assert ia.query(doc(5, STORY, outlet="X")) == []  # a loaded
    ib.add(doc(1, STORY))  # b re-indexes article 1 with a new text
    assert [m.article_id for m in ia.query(doc(5, STORY, outlet="X"))] == [1]


def test_seq_is_never_reused(two: tuple[SqlCopiesRepository, SqlCopiesRepository]) -> None:
    """Deleting the newest row must not let the next row take its seq: a process
    whose watermark passed it would never read the new row."""
    a, b = two
    ia = CopyIndex(a)
    ia.add(doc(1, OTHER))
    ia.add(doc(2, STORY))
    assert _ids(b, STORY) == {2}  # b's watermark: seq 2
    ia.remove(2)
    ia.add(doc(3, STORY, outlet="Y"))  # SQLite AUTOINCREMENT: seq 3, not 2 again
    assert 3 in _ids(b, STORY)


def test_failed_batch_invalidates_memory(tmp_path: Path) -> None:
    r = sql_repo(tmp_path / "copies.db")
    idx = CopyIndex(r)
    idx.add(doc(1, OTHER))
    assert _ids(r, OTHER) == {1}
    with pytest.raises(RuntimeError), idx.batch():
        idx.add(doc(2, STORY))
        assert _ids(r, STORY) == {2}  # visible inside the batch
        raise RuntimeError("boom")
    assert not r.mirror.loaded  # rolled back: memory dropped, reloaded on next lookup
    assert _ids(r, STORY) == set() and _ids(r, OTHER) == {1}
    r.engine.dispose()


def test_blob_holds_the_packed_sketch_keys(tmp_path: Path) -> None:
    r = sql_repo(tmp_path / "copies.db")
    CopyIndex(r).add(doc(1, STORY))
    with r.engine.connect() as conn:
        raw = conn.execute(sa.text("SELECT lsh_keys FROM copies_keys")).scalar_one()
    clean_keys = CopyIndex(r).prepare(doc(1, STORY)).sketch.keys
    assert keys_from_bytes(raw).tolist() == pack_keys(clean_keys).tolist()
    r.engine.dispose()


def test_row_caught_up_by_another_thread_before_own_apply_is_not_doubled(tmp_path: Path) -> None:
    r = sql_repo(tmp_path / "copies.db")
    idx = CopyIndex(r)
    idx.add(doc(1, OTHER))
    assert _ids(r, OTHER) == {1}  # loaded
    applied = r.mirror.applied

    def lookup_first(*args: Any) -> None:
        _ids(r, STORY)  # another thread's lookup catches up with the committed row
        applied(*args)

    r.mirror.applied = lookup_first  # type: ignore[method-assign]
    idx.add(doc(2, STORY))
    assert r.mirror.index is not None
    assert len(r.mirror.index) == _nkeys(OTHER) + _nkeys(STORY)
    assert r.mirror.index.candidates(sketch("Norway raises rates", STORY).packed, -1, 50) == {
        2: pytest.approx(_nkeys(STORY))
    }
    r.engine.dispose()


def test_threads_indexing_at_once_leave_memory_equal_to_a_reload(tmp_path: Path) -> None:
    db = tmp_path / "copies.db"
    r = sql_repo(db)
    idx = CopyIndex(r)
    idx.query(doc(0, STORY))  # loaded before the threads start
    stories = [STORY, OTHER]

    def work(t: int) -> None:
        for i in range(8):
            aid = 100 * t + i
            paragraphs = tuple(f"{p} Item {aid} of thread {t}." for p in stories[aid % 2])
            idx.add(doc(aid, paragraphs, outlet=f"O{t}"))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(1, 5)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    fresh = sql_repo(db)
    fresh.candidates(sketch("", STORY).packed, -1, 50)  # loads
    assert r.mirror.index is not None and fresh.mirror.index is not None
    assert len(r.mirror.index) == len(fresh.mirror.index)
    assert sorted(r.mirror.index.articles()) == sorted(fresh.mirror.index.articles())
    assert len(list(r.mirror.index.articles())) == 32
    r.engine.dispose()
    fresh.engine.dispose()
