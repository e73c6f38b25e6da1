"""Tables and repository of the copies index (SQLAlchemy Core, SQLite or PostgreSQL).

Four tables, all prefixed ``copies_``:

* ``copies_docs``: one row per indexed article (latest version only): outlet,
  URL, dates, credited agencies, the *cleaned* text (zstd-compressed JSON) used
  to verify candidates, and the 64 x uint32 MinHash signature (256 bytes).
* ``copies_keys``: each indexed article's LSH keys as one blob (packed
  ``uint64``, see ``core/lsh.py``) with an ever-increasing ``seq``. Lookups do
  not touch it: the buckets live in memory (``store/copies_mirror.py`` loads them from
  this table at first use and catches up with rows other processes add). Rows are
  appended in ``seq`` order, so writing them is sequential, unlike the former
  ``copies_lsh`` table of one row per key (dropped by migration 0006).
* ``copies_matches``: verified pairs ``(a, b)`` (``a`` is the article whose
  insertion found the match), kind, similarity, shared passages (JSON) and the
  stage that proposed it.
* ``copies_embeddings``: optional semantic stage vectors (int8 quantised):
  one document vector and the sentence vectors of the cleaned body.

The repository speaks plain records (below); the copies room owns the logic.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import sqlalchemy as sa
import zstandard
from sqlalchemy.exc import SQLAlchemyError

from newsdelta.core.lsh import Keys, keys_from_bytes, keys_to_bytes
from newsdelta.core.model import DatePrecision, date_precision
from newsdelta.errors import StoreError
from newsdelta.store.copies_mirror import KeyMirror


@dataclass(frozen=True)
class DocRecord:
    article_id: int
    version_id: int
    outlet: str
    url: str
    first_seen: datetime
    published: datetime | None
    credits: tuple[str, ...]  # canonical agency keys ("reuters", "ap", ...)
    title: str
    paragraphs: tuple[str, ...]  # cleaned text
    signature: bytes
    published_precision: DatePrecision | None = None  # migration 0011


@dataclass(frozen=True)
class MatchRecord:
    a: int
    b: int
    kind: str
    similarity: float
    via: str
    passages: tuple[tuple[str, str, float], ...]  # (text in a, text in b, score)


@dataclass(frozen=True)
class EmbeddingRecord:
    article_id: int
    model: str
    at: datetime  # the time the semantic window is measured on
    doc_vector: bytes  # int8, dim values
    sentence_vectors: bytes  # int8, n x dim values


class CopiesRepository(Protocol):
    """Storage the copies index needs. SQL and in-memory implementations exist."""

    def put_doc(
        self,
        doc: DocRecord,
        keys: Keys,
        matches: Sequence[MatchRecord] = (),
        *,
        is_new: bool = False,
    ) -> None: ...
    def has_doc(self, article_id: int) -> bool: ...
    def batch(self) -> AbstractContextManager[None]: ...
    def get_docs(self, ids: Iterable[int]) -> dict[int, DocRecord]: ...
    def delete_doc(self, article_id: int) -> None: ...
    def candidates(
        self, keys: Keys, exclude: int, per_key_limit: int, min_keys: int = 1
    ) -> dict[int, float]: ...
    def prune(self, article_ids: Iterable[int], keys: Keys) -> None: ...
    def replace_matches(self, article_id: int, matches: Sequence[MatchRecord]) -> None: ...
    def matches_of(self, article_id: int) -> list[MatchRecord]: ...
    def put_embedding(self, rec: EmbeddingRecord) -> None: ...
    def embeddings_between(self, start: datetime, end: datetime) -> list[EmbeddingRecord]: ...
    def get_embeddings(self, ids: Iterable[int]) -> dict[int, EmbeddingRecord]: ...
    def count(self) -> int: ...


@dataclass(frozen=True)
class CopiesTables:
    docs: sa.Table
    keys: sa.Table
    matches: sa.Table
    embeddings: sa.Table


def define_copies_tables(metadata: sa.MetaData) -> CopiesTables:
    """Add the copies tables to ``metadata`` (the lead's schema) and return them."""
    docs = sa.Table(
        "copies_docs",
        metadata,
        sa.Column("article_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("version_id", sa.BigInteger, nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_precision", sa.String(8), nullable=True),
        sa.Column("credits", sa.String(500), nullable=False, default=""),
        sa.Column("text_z", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Index("ix_copies_docs_outlet", "outlet"),  # created by migration 0005
    )
    keys = sa.Table(
        "copies_keys",
        metadata,
        # SQLite: INTEGER PRIMARY KEY AUTOINCREMENT, the rowid itself, never reused
        # (a reused seq would hide a row from other processes' catch-up).
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
            autoincrement=True,
        ),
        sa.Column("article_id", sa.BigInteger, nullable=False),
        sa.Column("lsh_keys", sa.LargeBinary, nullable=False),
        sa.Index("ix_copies_keys_article_id", "article_id", unique=True),
        sqlite_autoincrement=True,
    )
    matches = sa.Table(
        "copies_matches",
        metadata,
        sa.Column("a", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("b", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("via", sa.String(20), nullable=False),
        sa.Column("passages", sa.Text, nullable=False),
        sa.Index("ix_copies_matches_b", "b"),
    )
    embeddings = sa.Table(
        "copies_embeddings",
        metadata,
        sa.Column("article_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("doc_vector", sa.LargeBinary, nullable=False),
        sa.Column("sentence_vectors", sa.LargeBinary, nullable=False),
    )
    return CopiesTables(docs, keys, matches, embeddings)


class _ZstdContexts(threading.local):
    """One zstd compressor and decompressor per thread.

    The pipeline indexes new versions from worker threads (``asyncio.to_thread``),
    and zstandard's contexts are not thread-safe: one module-level decompressor
    shared by two indexing threads failed with "Data corruption detected".
    """

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=3)
        self.decompressor = zstandard.ZstdDecompressor()


_ZSTD = _ZstdContexts()


def _utc(dt: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; everything newsdelta stores is UTC.
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _pack_text(title: str, paragraphs: Sequence[str]) -> bytes:
    return _ZSTD.compressor.compress(json.dumps([title, list(paragraphs)]).encode())


def _unpack_text(raw: bytes) -> tuple[str, tuple[str, ...]]:
    title, pars = json.loads(_ZSTD.decompressor.decompress(raw))
    return str(title), tuple(str(p) for p in pars)


class SqlCopiesRepository:
    """:class:`CopiesRepository` over a SQLAlchemy engine; one short transaction per call.

    LSH lookups are answered from memory (:class:`~newsdelta.store.copies_mirror.KeyMirror`,
    loaded from ``copies_keys`` on the first lookup; reading clusters never loads it).
    ``merge_at`` is the in-memory buffer size in keys (see ``core/lsh.py``).
    """

    def __init__(self, engine: sa.Engine, tables: CopiesTables, *, merge_at: int = 131_072) -> None:
        self.engine = engine
        self.t = tables
        self.mirror = KeyMirror(tables.keys, merge_at)
        self._batch: sa.Connection | None = None
        self._batch_wrote = False  # the open batch has written (holds the write lock)
        # Statements built once: constructing them per call (where clauses,
        # coercions) cost more than executing them.
        d, m, k = tables.docs, tables.matches, tables.keys
        self._ins_doc = d.insert()
        self._ins_match = m.insert()
        self._ins_keys = k.insert()
        self._del_doc = sa.delete(d).where(d.c.article_id == sa.bindparam("aid"))
        self._del_keys = sa.delete(k).where(k.c.article_id == sa.bindparam("aid"))
        self._old_keys = sa.select(k.c.lsh_keys).where(k.c.article_id == sa.bindparam("aid"))
        self._del_matches = sa.delete(m).where(
            sa.or_(m.c.a == sa.bindparam("aid"), m.c.b == sa.bindparam("aid"))
        )
        self._del_emb = sa.delete(tables.embeddings).where(
            tables.embeddings.c.article_id == sa.bindparam("aid")
        )
        self._has_doc = sa.select(d.c.article_id).where(d.c.article_id == sa.bindparam("aid"))
        self._get_docs = sa.select(d).where(d.c.article_id.in_(sa.bindparam("ids", expanding=True)))

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction, or the open batch's connection (committed when the batch ends)."""
        if self._batch is not None:
            yield self._batch
            self._batch_wrote = True
            return
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """A read connection; inside a batch the batch's own (it sees its uncommitted rows)."""
        if self._batch is not None:
            yield self._batch
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group every write made inside into one transaction (bulk loading).

        On SQLite one commit per article costs about as much as the rest of an
        insert (the WAL frames of every touched page are written per commit); a
        bulk loader commits every few hundred articles instead. Reads inside the
        batch see its uncommitted writes. On error nothing of the batch is kept,
        and the in-memory buckets (which applied the batch's writes as they
        happened) are dropped, to be reloaded from the table on the next lookup.
        """
        if self._batch is not None:
            yield
            return
        try:
            with self.engine.begin() as conn:
                self._batch = conn
                try:
                    yield
                finally:
                    self._batch = None
                    self._batch_wrote = False
        except BaseException as exc:
            self.mirror.invalidate()
            if isinstance(exc, SQLAlchemyError):
                raise StoreError(f"cannot index a batch of articles: {exc}") from exc
            raise

    def _doc(self, row: sa.Row[tuple[object, ...]]) -> DocRecord:
        m = row._mapping
        title, pars = _unpack_text(m["text_z"])
        first_seen = _utc(m["first_seen"])
        assert first_seen is not None
        return DocRecord(
            article_id=int(m["article_id"]),
            version_id=int(m["version_id"]),
            outlet=str(m["outlet"]),
            url=str(m["url"]),
            first_seen=first_seen,
            published=_utc(m["published"]),
            published_precision=date_precision(m["published_precision"]),
            credits=tuple(str(m["credits"]).split()),
            title=title,
            paragraphs=pars,
            signature=bytes(m["signature"]),
        )

    def put_doc(
        self,
        doc: DocRecord,
        keys: Keys,
        matches: Sequence[MatchRecord] = (),
        *,
        is_new: bool = False,
    ) -> None:
        """Store an article, its LSH keys and its verified matches in one transaction.

        ``is_new`` says the article has no row yet (the caller checked), so the
        deletes of a previous row and of its matches are skipped.
        """
        row = {
            "article_id": doc.article_id,
            "version_id": doc.version_id,
            "outlet": doc.outlet,
            "url": doc.url,
            "first_seen": doc.first_seen,
            "published": doc.published,
            "published_precision": doc.published_precision,
            "credits": " ".join(doc.credits),
            "text_z": _pack_text(doc.title, doc.paragraphs),
            "signature": doc.signature,
        }
        aid = doc.article_id
        packed = keys
        old: Keys | None = None
        try:
            with self._write() as conn:
                if not is_new:
                    old = self._take_keys(conn, aid)
                    conn.execute(self._del_doc, {"aid": aid})
                conn.execute(self._ins_doc, row)
                res = conn.execute(
                    self._ins_keys, {"article_id": aid, "lsh_keys": keys_to_bytes(packed)}
                )
                pk = res.inserted_primary_key
                assert pk is not None
                seq = int(pk[0])
                self._replace_matches(conn, aid, matches, is_new=is_new)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot index article {aid}: {exc}") from exc
        # After the commit (or, inside a batch, at once: later adds of the batch
        # must see this one; a failed batch invalidates the mirror).
        self.mirror.applied(seq, aid, packed, old)

    def _take_keys(self, conn: sa.Connection, aid: int) -> Keys | None:
        """Delete the article's key row and return its keys (None when there was none)."""
        raw = conn.execute(self._old_keys, {"aid": aid}).scalar_one_or_none()
        if raw is None:
            return None
        conn.execute(self._del_keys, {"aid": aid})
        return keys_from_bytes(bytes(raw))

    def has_doc(self, article_id: int) -> bool:
        """Whether the article is indexed (one primary-key probe)."""
        try:
            with self._read() as conn:
                return conn.execute(self._has_doc, {"aid": article_id}).first() is not None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the copies index: {exc}") from exc

    def get_docs(self, ids: Iterable[int]) -> dict[int, DocRecord]:
        wanted = list(ids)
        if not wanted:
            return {}
        try:
            with self._read() as conn:
                rows = conn.execute(self._get_docs, {"ids": wanted}).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read indexed articles: {exc}") from exc
        return {int(r._mapping["article_id"]): self._doc(r) for r in rows}

    def delete_doc(self, article_id: int) -> None:
        """Forget an article: text, keys (also in memory), matches and vectors."""
        aid = {"aid": article_id}
        try:
            with self._write() as conn:
                old = self._take_keys(conn, article_id)
                conn.execute(self._del_doc, aid)
                conn.execute(self._del_matches, aid)
                conn.execute(self._del_emb, aid)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot remove article {article_id}: {exc}") from exc
        if old is not None:
            self.mirror.removed(article_id, old)

    def candidates(
        self, keys: Keys, exclude: int, per_key_limit: int, min_keys: int = 1
    ) -> dict[int, float]:
        """Articles sharing LSH keys with ``keys``, scored by the keys they share.

        Answered from memory (``KeyIndex.candidates``: per key at most
        ``per_key_limit`` articles, each weighted 1/bucket size) after catching
        up with rows other processes committed; the first call loads the index.
        """
        if not len(keys):
            return {}
        with self.mirror.lock:
            index = self.mirror.index
            if index is None or not self._batch_wrote:
                # Inside a batch that has written, this process holds SQLite's write
                # lock: nobody else can have committed since, so no catch-up is needed.
                try:
                    with self._read() as conn:
                        index = self.mirror.synced(conn)
                except SQLAlchemyError as exc:
                    raise StoreError(f"cannot query the copies index: {exc}") from exc
            return index.candidates(keys, exclude, per_key_limit, min_keys)

    def prune(self, article_ids: Iterable[int], keys: Keys) -> None:
        """Drop stale in-memory entries: candidates whose article is gone (deleted by
        another process) are removed from the buckets of ``keys`` they were found in."""
        with self.mirror.lock:
            index = self.mirror.index
            if index is None:
                return
            for aid in article_ids:
                index.remove(aid, keys)

    def replace_matches(self, article_id: int, matches: Sequence[MatchRecord]) -> None:
        try:
            with self._write() as conn:
                self._replace_matches(conn, article_id, matches)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record copies of {article_id}: {exc}") from exc

    def _replace_matches(
        self,
        conn: sa.Connection,
        article_id: int,
        matches: Sequence[MatchRecord],
        *,
        is_new: bool = False,
    ) -> None:
        rows = [
            {
                "a": x.a,
                "b": x.b,
                "kind": x.kind,
                "similarity": x.similarity,
                "via": x.via,
                "passages": json.dumps(x.passages),
            }
            for x in matches
        ]
        if not is_new:
            conn.execute(self._del_matches, {"aid": article_id})
        if rows:
            conn.execute(self._ins_match, rows)

    def matches_of(self, article_id: int) -> list[MatchRecord]:
        m = self.t.matches
        try:
            with self._read() as conn:
                rows = conn.execute(
                    sa.select(m).where(sa.or_(m.c.a == article_id, m.c.b == article_id))
                ).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read copies of {article_id}: {exc}") from exc
        return [
            MatchRecord(
                a=int(r.a),
                b=int(r.b),
                kind=str(r.kind),
                similarity=float(r.similarity),
                via=str(r.via),
                passages=tuple((str(p[0]), str(p[1]), float(p[2])) for p in json.loads(r.passages)),
            )
            for r in rows
        ]

    def put_embedding(self, rec: EmbeddingRecord) -> None:
        e = self.t.embeddings
        try:
            with self._write() as conn:
                conn.execute(sa.delete(e).where(e.c.article_id == rec.article_id))
                conn.execute(
                    e.insert(),
                    {
                        "article_id": rec.article_id,
                        "model": rec.model,
                        "at": rec.at,
                        "doc_vector": rec.doc_vector,
                        "sentence_vectors": rec.sentence_vectors,
                    },
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store embedding of {rec.article_id}: {exc}") from exc

    def _embeddings(self, where: sa.ColumnElement[bool]) -> list[EmbeddingRecord]:
        e = self.t.embeddings
        try:
            with self._read() as conn:
                rows = conn.execute(sa.select(e).where(where)).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read embeddings: {exc}") from exc
        out = []
        for r in rows:
            at = _utc(r.at)
            assert at is not None
            out.append(
                EmbeddingRecord(
                    int(r.article_id), str(r.model), at, bytes(r.doc_vector), bytes(r.sentence_vectors)
                )
            )
        return out

    def embeddings_between(self, start: datetime, end: datetime) -> list[EmbeddingRecord]:
        e = self.t.embeddings
        return self._embeddings(sa.and_(e.c.at >= start, e.c.at <= end))

    def get_embeddings(self, ids: Iterable[int]) -> dict[int, EmbeddingRecord]:
        wanted = list(ids)
        if not wanted:
            return {}
        recs = self._embeddings(self.t.embeddings.c.article_id.in_(wanted))
        return {r.article_id: r for r in recs}

    def count(self) -> int:
        try:
            with self._read() as conn:
                n = conn.execute(sa.select(sa.func.count()).select_from(self.t.docs)).scalar_one()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot count indexed articles: {exc}") from exc
        return int(n)
