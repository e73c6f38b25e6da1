"""Tables and repository of the copies index (SQLAlchemy Core, SQLite or PostgreSQL).

Four tables, all prefixed ``copies_``:

* ``copies_docs``: one row per indexed article (latest version only): outlet,
  URL, dates, credited agencies, the *cleaned* text (zstd-compressed JSON) used
  to verify candidates, and the 64 x uint32 MinHash signature (256 bytes).
* ``copies_lsh``: LSH keys ``(band, hash, article_id)``; the primary key doubles
  as the ``(band, hash)`` lookup index. There is no index on ``article_id``:
  removal recomputes the article's keys from its stored text and deletes them
  by primary key, which saves an index the size of the table.
* ``copies_matches``: verified pairs ``(a, b)`` (``a`` is the article whose
  insertion found the match), kind, similarity, shared passages (JSON) and the
  stage that proposed it.
* ``copies_embeddings``: optional semantic stage vectors (int8 quantised):
  one document vector and the sentence vectors of the cleaned body.

The repository speaks plain records (below); the copies room owns the logic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import sqlalchemy as sa
import zstandard
from sqlalchemy.exc import SQLAlchemyError

from newsdelta.errors import StoreError


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
        keys: Sequence[tuple[int, int]],
        matches: Sequence[MatchRecord] = (),
        *,
        is_new: bool = False,
    ) -> None: ...
    def has_doc(self, article_id: int) -> bool: ...
    def batch(self) -> AbstractContextManager[None]: ...
    def get_docs(self, ids: Iterable[int]) -> dict[int, DocRecord]: ...
    def delete_doc(self, article_id: int, keys: Sequence[tuple[int, int]]) -> None: ...
    def candidates(
        self, keys: Sequence[tuple[int, int]], exclude: int, per_key_limit: int
    ) -> dict[int, float]: ...
    def replace_matches(self, article_id: int, matches: Sequence[MatchRecord]) -> None: ...
    def matches_of(self, article_id: int) -> list[MatchRecord]: ...
    def put_embedding(self, rec: EmbeddingRecord) -> None: ...
    def embeddings_between(self, start: datetime, end: datetime) -> list[EmbeddingRecord]: ...
    def get_embeddings(self, ids: Iterable[int]) -> dict[int, EmbeddingRecord]: ...
    def count(self) -> int: ...


@dataclass(frozen=True)
class CopiesTables:
    docs: sa.Table
    lsh: sa.Table
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
        sa.Column("credits", sa.String(500), nullable=False, default=""),
        sa.Column("text_z", sa.LargeBinary, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Index("ix_copies_docs_outlet", "outlet"),  # created by migration 0005
    )
    lsh = sa.Table(
        "copies_lsh",
        metadata,
        sa.Column("band", sa.SmallInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("article_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
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
    return CopiesTables(docs, lsh, matches, embeddings)


_ZC = zstandard.ZstdCompressor(level=3)
_ZD = zstandard.ZstdDecompressor()


def _utc(dt: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; everything newsdelta stores is UTC.
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _pack_text(title: str, paragraphs: Sequence[str]) -> bytes:
    return _ZC.compress(json.dumps([title, list(paragraphs)]).encode())


def _unpack_text(raw: bytes) -> tuple[str, tuple[str, ...]]:
    title, pars = json.loads(_ZD.decompress(raw))
    return str(title), tuple(str(p) for p in pars)


class SqlCopiesRepository:
    """:class:`CopiesRepository` over a SQLAlchemy engine; one short transaction per call."""

    def __init__(self, engine: sa.Engine, tables: CopiesTables) -> None:
        self.engine = engine
        self.t = tables
        self._sql_cache: dict[int, sa.TextClause] = {}
        self._batch: sa.Connection | None = None
        # Statements built once: constructing them per call (where clauses,
        # coercions) cost more than executing them. Row values are passed as
        # parameters, key rows as one executemany.
        d, m = tables.docs, tables.matches
        self._ins_doc = d.insert()
        self._ins_match = m.insert()
        self._del_doc = sa.delete(d).where(d.c.article_id == sa.bindparam("aid"))
        self._del_matches = sa.delete(m).where(
            sa.or_(m.c.a == sa.bindparam("aid"), m.c.b == sa.bindparam("aid"))
        )
        self._has_doc = sa.select(d.c.article_id).where(d.c.article_id == sa.bindparam("aid"))
        self._get_docs = sa.select(d).where(d.c.article_id.in_(sa.bindparam("ids", expanding=True)))
        # LSH rows are plain integers: sent to the driver's executemany directly,
        # in the dialect's own parameter style, skipping per-row processing.
        ins = tables.lsh.insert().compile(dialect=engine.dialect)
        self._lsh_sql = str(ins)
        self._lsh_positional = bool(ins.positional)
        self._lsh_order = tuple(ins.positiontup or ())

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction, or the open batch's connection (committed when the batch ends)."""
        if self._batch is not None:
            yield self._batch
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
        batch see its uncommitted writes. On error nothing of the batch is kept.
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
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot index a batch of articles: {exc}") from exc

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
            credits=tuple(str(m["credits"]).split()),
            title=title,
            paragraphs=pars,
            signature=bytes(m["signature"]),
        )

    def put_doc(
        self,
        doc: DocRecord,
        keys: Sequence[tuple[int, int]],
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
            "credits": " ".join(doc.credits),
            "text_z": _pack_text(doc.title, doc.paragraphs),
            "signature": doc.signature,
        }
        aid = doc.article_id
        try:
            with self._write() as conn:
                if not is_new:
                    conn.execute(self._del_doc, {"aid": aid})
                conn.execute(self._ins_doc, row)
                if keys:
                    self._put_keys(conn, aid, keys)
                self._replace_matches(conn, aid, matches, is_new=is_new)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot index article {aid}: {exc}") from exc

    def _put_keys(self, conn: sa.Connection, aid: int, keys: Sequence[tuple[int, int]]) -> None:
        dicts = [{"band": b, "hash": h, "article_id": aid} for b, h in keys]
        if self._lsh_positional:
            order = self._lsh_order
            conn.exec_driver_sql(self._lsh_sql, [tuple(r[c] for c in order) for r in dicts])
        else:
            conn.exec_driver_sql(self._lsh_sql, dicts)

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

    def delete_doc(self, article_id: int, keys: Sequence[tuple[int, int]]) -> None:
        t = self.t
        try:
            with self._write() as conn:
                conn.execute(sa.delete(t.docs).where(t.docs.c.article_id == article_id))
                if keys:
                    conn.execute(
                        sa.delete(t.lsh).where(
                            t.lsh.c.band == sa.bindparam("b"),
                            t.lsh.c.hash == sa.bindparam("h"),
                            t.lsh.c.article_id == article_id,
                        ),
                        [{"b": b, "h": h} for b, h in keys],
                    )
                conn.execute(
                    sa.delete(t.matches).where(
                        sa.or_(t.matches.c.a == article_id, t.matches.c.b == article_id)
                    )
                )
                conn.execute(
                    sa.delete(t.embeddings).where(t.embeddings.c.article_id == article_id)
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot remove article {article_id}: {exc}") from exc

    def candidates(
        self, keys: Sequence[tuple[int, int]], exclude: int, per_key_limit: int
    ) -> dict[int, float]:
        """Articles sharing LSH keys with ``keys``, scored by the keys they share.

        One indexed lookup per key, each capped at ``per_key_limit`` rows so that a
        key made of a stock phrase cannot turn a query into a scan. A key shared
        by n articles adds 1/n to each (inverse bucket size, like IDF): stock
        phrases ("did not respond to requests for comment") weigh little.
        """
        if not keys:
            return {}
        # One round trip: a UNION ALL of per-key lookups, each using the primary
        # key index and each capped, instead of one statement per key. Plain SQL
        # text (cached per key count): building the same statement with the
        # expression language costs ~10x the lookups themselves.
        uniq = list(dict.fromkeys(keys))
        stmt = self._candidates_sql(len(uniq))
        params: dict[str, int] = {"k": per_key_limit}
        for i, (b, h) in enumerate(uniq):
            params[f"b{i}"] = b
            params[f"h{i}"] = h
        buckets: dict[tuple[int, int], list[int]] = {}
        try:
            with self._read() as conn:
                for b, h, aid in conn.execute(stmt, params):
                    if aid != exclude:
                        buckets.setdefault((b, h), []).append(int(aid))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot query the copies index: {exc}") from exc
        counts: dict[int, float] = {}
        for ids in buckets.values():
            for aid in ids:
                counts[aid] = counts.get(aid, 0.0) + 1.0 / len(ids)
        return counts

    def _candidates_sql(self, n: int) -> sa.TextClause:
        stmt = self._sql_cache.get(n)
        if stmt is None:
            name = self.t.lsh.name
            parts = [
                f"SELECT * FROM (SELECT band, hash, article_id FROM {name} "
                f"WHERE band = :b{i} AND hash = :h{i} LIMIT :k) AS s{i}"
                for i in range(n)
            ]
            stmt = self._sql_cache[n] = sa.text(" UNION ALL ".join(parts))
        return stmt

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
