"""The copies tables pack and unpack texts from the pipeline's worker threads at once.

zstandard's contexts are not thread-safe; with one module-level decompressor,
two indexing threads failed with "Data corruption detected" (seen in a
``check`` of 30 new articles on a loaded machine).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from newsdelta.store.copies_tables import _pack_text, _unpack_text

THREADS = 8
ROUNDS = 200


def _round_trips(worker: int) -> list[str]:
    wrong = []
    for i in range(ROUNDS):
        # Texts of different sizes, so the threads' frames differ and interleave.
        paragraphs = tuple(f"Worker {worker} paragraph {j} of round {i}. " * (1 + (i + j) % 40)
                           for j in range(1 + i % 7))
        title = f"Title {worker}-{i}"
        if _unpack_text(_pack_text(title, paragraphs)) != (title, paragraphs):
            wrong.append(f"{worker}-{i}")
    return wrong


def test_texts_round_trip_from_many_threads_at_once() -> None:
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(_round_trips, range(THREADS)))
    assert results == [[]] * THREADS
