"""In-memory :class:`CopiesRepository` for unit tests and the benchmark's comparison.

Same behaviour as the SQL repository: the LSH buckets are the same in-memory
:class:`~newsdelta.core.lsh.KeyIndex` (so the corpus evaluation exercises the
structure the SQL repository uses), the rest is kept in dicts. Not persistent:
it exists so the index logic can be tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from newsdelta.core.lsh import KeyIndex, Keys
from newsdelta.store.copies_tables import DocRecord, EmbeddingRecord, MatchRecord


class MemoryCopiesRepository:
    def __init__(self) -> None:
        self.docs: dict[int, DocRecord] = {}
        self.lsh = KeyIndex()
        self.doc_keys: dict[int, Keys] = {}
        self.matches: dict[tuple[int, int], MatchRecord] = {}
        self.embeddings: dict[int, EmbeddingRecord] = {}

    def put_doc(
        self,
        doc: DocRecord,
        keys: Keys,
        matches: Sequence[MatchRecord] = (),
        *,
        is_new: bool = False,
    ) -> None:
        aid = doc.article_id
        old = self.doc_keys.get(aid)
        if old is not None:
            self.lsh.remove(aid, old)
        self.docs[aid] = doc
        self.replace_matches(aid, matches)
        self.doc_keys[aid] = keys
        self.lsh.add(aid, keys)

    def has_doc(self, article_id: int) -> bool:
        return article_id in self.docs

    @contextmanager
    def batch(self) -> Iterator[None]:
        yield  # nothing to group: every write is immediate

    def get_docs(self, ids: Iterable[int]) -> dict[int, DocRecord]:
        return {i: self.docs[i] for i in ids if i in self.docs}

    def delete_doc(self, article_id: int) -> None:
        self.docs.pop(article_id, None)
        self.embeddings.pop(article_id, None)
        old = self.doc_keys.pop(article_id, None)
        if old is not None:
            self.lsh.remove(article_id, old)
        self.replace_matches(article_id, ())

    def candidates(
        self, keys: Keys, exclude: int, per_key_limit: int, min_keys: int = 1
    ) -> dict[int, float]:
        return self.lsh.candidates(keys, exclude, per_key_limit, min_keys)

    def prune(self, article_ids: Iterable[int], keys: Keys) -> None:
        pass  # deletions are applied at once here: nothing goes stale

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
