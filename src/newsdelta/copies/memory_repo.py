"""In-memory :class:`CopiesRepository` for unit tests and the benchmark's comparison.

Same behaviour as the SQL repository (including the per-key cap), kept in
dicts. Not persistent: it exists so the index logic can be tested without a
database and so the benchmark can show what an in-memory band dict would cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from newsdelta.store.copies_tables import DocRecord, EmbeddingRecord, MatchRecord


class MemoryCopiesRepository:
    def __init__(self) -> None:
        self.docs: dict[int, DocRecord] = {}
        self.lsh: dict[tuple[int, int], list[int]] = {}
        self.matches: dict[tuple[int, int], MatchRecord] = {}
        self.embeddings: dict[int, EmbeddingRecord] = {}

    def put_doc(
        self,
        doc: DocRecord,
        keys: Sequence[tuple[int, int]],
        matches: Sequence[MatchRecord] = (),
        *,
        is_new: bool = False,
    ) -> None:
        self.docs[doc.article_id] = doc
        self.replace_matches(doc.article_id, matches)
        for key in keys:
            bucket = self.lsh.setdefault(key, [])
            if doc.article_id not in bucket:
                bucket.append(doc.article_id)

    def has_doc(self, article_id: int) -> bool:
        return article_id in self.docs

    @contextmanager
    def batch(self) -> Iterator[None]:
        yield  # nothing to group: every write is immediate

    def get_docs(self, ids: Iterable[int]) -> dict[int, DocRecord]:
        return {i: self.docs[i] for i in ids if i in self.docs}

    def delete_doc(self, article_id: int, keys: Sequence[tuple[int, int]]) -> None:
        self.docs.pop(article_id, None)
        self.embeddings.pop(article_id, None)
        for key in keys:
            bucket = self.lsh.get(key)
            if bucket and article_id in bucket:
                bucket.remove(article_id)
                if not bucket:
                    del self.lsh[key]
        self.replace_matches(article_id, ())

    def candidates(
        self, keys: Sequence[tuple[int, int]], exclude: int, per_key_limit: int
    ) -> dict[int, float]:
        counts: dict[int, float] = {}
        for key in keys:
            ids = [a for a in self.lsh.get(key, [])[:per_key_limit] if a != exclude]
            for aid in ids:
                counts[aid] = counts.get(aid, 0.0) + 1.0 / len(ids)
        return counts

    def replace_matches(self, article_id: int, matches: Sequence[MatchRecord]) -> None:
        for pair in [p for p in self.matches if article_id in p]:
            del self.matches[pair]
        for m in matches:
            self.matches[(m.a, m.b)] = m

    def matches_of(self, article_id: int) -> list[MatchRecord]:
        return [m for p, m in self.matches.items() if article_id in p]

    def put_embedding(self, rec: EmbeddingRecord) -> None:
        self.embeddings[rec.article_id] = rec

    def embeddings_between(self, start: datetime, end: datetime) -> list[EmbeddingRecord]:
        return [e for e in self.embeddings.values() if start <= e.at <= end]

    def get_embeddings(self, ids: Iterable[int]) -> dict[int, EmbeddingRecord]:
        return {i: self.embeddings[i] for i in ids if i in self.embeddings}

    def count(self) -> int:
        return len(self.docs)
