"""The cross-outlet copies index: add, remove, query, cluster.

Flow for one article (cheap before expensive):

1. clean: strip chrome, keep credits as evidence (clean.py);
2. sketch: 5-gram MinHash signature, document bands, passage anchors (sketch.py);
3. candidates: articles sharing LSH keys, ranked by keys shared, at most
   ``max_candidates``; with the semantic stage, also up to ``semantic_top_k``
   articles from the time window whose document vector is close;
4. verify: sentence alignment and rules (align.py, classify.py);
5. record: the verified copies become match rows; clusters are read from them.

Everything persists through a :class:`CopiesRepository`, so a restart keeps the
index: the SQL repository keeps the LSH buckets in memory and reloads them from
the database on first use (``store/copies_mirror.py``); the semantic window cache is
rebuilt lazily from stored vectors.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

import numpy as np

from newsdelta.copies.align import FloatMatrix, align, normalise, sentences
from newsdelta.copies.classify import DEFAULT_THRESHOLDS, Thresholds, classify
from newsdelta.copies.clean import clean
from newsdelta.copies.cluster import build_cluster
from newsdelta.copies.embed import Embedder, dequantise, quantise
from newsdelta.copies.model import (
    COPY_KINDS,
    CleanText,
    Cluster,
    CopyMatch,
    IndexedDoc,
    SemanticStage,
    Verdict,
)
from newsdelta.copies.provenance import ProvenanceDoc, effective_time
from newsdelta.copies.window import WindowVectors
from newsdelta.core.sketch import Sketch, sketch
from newsdelta.store.copies_tables import (
    CopiesRepository,
    DocRecord,
    EmbeddingRecord,
    MatchRecord,
)


@dataclass(frozen=True)
class CopiesConfig:
    """Tuning of the index (defaults are the ones the corpus floors were reached with)."""

    thresholds: Thresholds = DEFAULT_THRESHOLDS
    max_candidates: int = 20
    # A candidate must share at least this many LSH keys. One shared key is mostly
    # chance: a passage anchor is the minimum of ~50 32-bit hashes (~27 bits of
    # entropy): with 357,000 synthetic articles indexed a fresh article met 0.56
    # unrelated ones through a single equal anchor (linear in the index size), and
    # verifying each costs ~0.5-1 ms. A copied paragraph shares both of its anchors.
    min_shared_keys: int = 2
    per_key_limit: int = 50
    semantic_window: timedelta = timedelta(hours=72)
    semantic_min_doc_cosine: float = 0.6
    semantic_top_k: int = 10


@dataclass(frozen=True)
class Prepared:
    """A document after the cheap stages, ready to query or insert."""

    doc: IndexedDoc
    text: CleanText
    sketch: Sketch
    sentence_vectors: FloatMatrix | None
    doc_vector: FloatMatrix | None

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """The cleaned body split into sentences: only needed when there is a candidate
        (or an embedder), so an insert without candidates never splits."""
        return tuple(sentences(self.text.paragraphs))

    @cached_property
    def normalised(self) -> tuple[str, ...]:
        """The sentences through ``align.normalise``: computed once, on the first candidate."""
        return tuple(normalise(s) for s in self.sentences)

    def provenance(self) -> ProvenanceDoc:
        d = self.doc
        return ProvenanceDoc(
            d.article_id, d.outlet, d.first_seen, d.published,
            tuple(c.agency for c in self.text.credits), d.published_precision,
        )


def _doc_vector(title_vec: FloatMatrix, sent: FloatMatrix) -> FloatMatrix:
    allv = np.concatenate([title_vec, sent]) if len(sent) else title_vec
    v = allv.mean(axis=0)
    n = float(np.linalg.norm(v))
    out: FloatMatrix = (v / n if n else v).astype(np.float32)
    return out


class CopyIndex:
    def __init__(
        self,
        repo: CopiesRepository,
        embedder: Embedder | None = None,
        config: CopiesConfig = CopiesConfig(),
    ) -> None:
        self.repo = repo
        self.embedder = embedder
        self.config = config
        # The tracker indexes new versions from worker threads. Finding an article's
        # copies and recording it must be one step: two copies of one story indexed
        # at once each missed the other, and the vector window was read mid-change.
        self._lock = threading.RLock()
        self._window: WindowVectors | None = None
        if embedder is not None:
            self._window = WindowVectors(embedder.dim, keep=config.semantic_window * 2)

    @property
    def semantic_stage(self) -> SemanticStage:
        return "on" if self.embedder is not None else "off"

    # -- preparation ------------------------------------------------------------------

    def prepare(self, doc: IndexedDoc) -> Prepared:
        text = clean(doc.title, doc.paragraphs, doc.credits)
        p = Prepared(doc, text, sketch(text.title, text.paragraphs), None, None)
        if self.embedder is None:
            return p
        enc = self.embedder.encode([text.title or " ", *p.sentences])
        sv = enc[1:]
        out = Prepared(doc, text, p.sketch, sv, _doc_vector(enc[:1], sv))
        out.__dict__["sentences"] = p.sentences  # already split: keep it
        return out

    # -- public API -------------------------------------------------------------------

    def query(self, doc: IndexedDoc) -> list[CopyMatch]:
        """Copies of ``doc`` among indexed articles (read-only; ``doc`` need not be indexed)."""
        p = self.prepare(doc)
        with self._lock:
            return self.find(p)

    def add(self, doc: IndexedDoc, *, is_new: bool | None = None) -> list[CopyMatch]:
        """Index ``doc`` (replacing its previous version) and record its copies.

        ``is_new=True`` is the caller's promise that the article is not indexed
        yet (its first version), which skips reading and deleting a previous
        version; ``None`` checks with one primary-key probe.
        """
        p = self.prepare(doc)  # the costly part (cleaning, sketches, vectors) runs in parallel
        with self._lock:
            return self._add_prepared(p, is_new)

    def _add_prepared(self, p: Prepared, is_new: bool | None) -> list[CopyMatch]:
        doc = p.doc
        if is_new is None:
            is_new = not self.repo.has_doc(doc.article_id)
        if not is_new:
            self._drop(doc.article_id)
        found = self.find(p)
        d = doc
        self.repo.put_doc(
            DocRecord(
                d.article_id, d.version_id, d.outlet, d.url, d.first_seen, d.published,
                tuple(c.agency for c in p.text.credits), p.text.title, p.text.paragraphs,
                p.sketch.signature_bytes(), d.published_precision,
            ),
            p.sketch.packed,
            [
                MatchRecord(
                    d.article_id, m.article_id, m.kind, m.similarity, m.via,
                    tuple((s.query_text, s.other_text, s.score) for s in m.passages),
                )
                for m in found
            ],
            is_new=True,  # any previous version was dropped above
        )
        if self.embedder is not None and p.sentence_vectors is not None and p.doc_vector is not None:
            at = effective_time(p.provenance())
            self.repo.put_embedding(
                EmbeddingRecord(
                    d.article_id, self.embedder.name, at,
                    quantise(p.doc_vector[None, :]), quantise(p.sentence_vectors),
                )
            )
            if self._window is not None:
                self._window.add(d.article_id, at, p.doc_vector)
        return found

    def batch(self) -> AbstractContextManager[None]:
        """``with index.batch(): ...`` groups many adds into one transaction (bulk loading)."""
        return self.repo.batch()

    def remove(self, article_id: int) -> None:
        """Forget an article: its keys, text, vectors and matches."""
        with self._lock:
            self._drop(article_id)

    def _drop(self, article_id: int) -> None:
        self.repo.delete_doc(article_id)  # a no-op for an article that is not indexed
        if self._window is not None:
            self._window.remove(article_id)

    # -- candidates and verification --------------------------------------------------

    def _semantic_candidates(self, p: Prepared) -> list[int]:
        if self._window is None or p.doc_vector is None:
            return []
        w = self.config.semantic_window
        at = effective_time(p.provenance())
        start, end = at - w, at + w
        win = self._window
        if win.loaded_from is None or start < win.loaded_from:
            # First use after a (re)start, or a backfill older than the cache.
            assert self.embedder is not None
            for rec in self.repo.embeddings_between(start, end + w):
                win.add(rec.article_id, rec.at, dequantise(rec.doc_vector, self.embedder.dim)[0])
            win.loaded_from = start if win.loaded_from is None else min(start, win.loaded_from)
        near = win.nearest(
            p.doc_vector, start, end, self.config.semantic_min_doc_cosine, self.config.semantic_top_k + 1
        )
        return [i for i, _ in near if i != p.doc.article_id]

    def find(self, p: Prepared) -> list[CopyMatch]:
        cfg = self.config
        counts = self.repo.candidates(
            p.sketch.packed, p.doc.article_id, cfg.per_key_limit, cfg.min_shared_keys
        )
        ranked = sorted(counts, key=lambda i: (-counts[i], i))[: cfg.max_candidates]
        via = {i: "lsh" for i in ranked}
        for i in self._semantic_candidates(p):
            via.setdefault(i, "semantic")
        docs = self.repo.get_docs(via)
        if len(docs) < len(ranked):
            # Deleted by another process since this one loaded its buckets: forget them.
            self.repo.prune([i for i in ranked if i not in docs], p.sketch.packed)
        out: list[CopyMatch] = []
        for aid, other in docs.items():
            v = self.verify(p, other)
            if v.kind in COPY_KINDS:
                out.append(CopyMatch(aid, other.url, other.outlet, v.kind, v.similarity, v.passages, via[aid]))
        out.sort(key=lambda m: (-m.similarity, m.article_id))
        return out

    def verify(self, p: Prepared, other: DocRecord) -> Verdict:
        """Align ``p`` with a stored article and classify the pair."""
        o_sents = sentences(other.paragraphs)
        o_emb: FloatMatrix | None = None
        if self.embedder is not None and p.sentence_vectors is not None:
            rec = self.repo.get_embeddings([other.article_id]).get(other.article_id)
            if rec is not None:
                o_emb = dequantise(rec.sentence_vectors, self.embedder.dim)
        al = align(p.sentences, o_sents, p.sentence_vectors, o_emb, q_norm=p.normalised)
        return classify(al, self.config.thresholds)

    def verify_records(self, a: DocRecord, b: DocRecord) -> Verdict:
        """Classify two stored articles using stored vectors (no re-encoding)."""
        a_emb: FloatMatrix | None = None
        b_emb: FloatMatrix | None = None
        if self.embedder is not None:
            recs = self.repo.get_embeddings([a.article_id, b.article_id])
            if a.article_id in recs and b.article_id in recs:
                a_emb = dequantise(recs[a.article_id].sentence_vectors, self.embedder.dim)
                b_emb = dequantise(recs[b.article_id].sentence_vectors, self.embedder.dim)
        al = align(sentences(a.paragraphs), sentences(b.paragraphs), a_emb, b_emb)
        return classify(al, self.config.thresholds)

    def cluster_of(self, article_id: int) -> Cluster:
        """The article's cluster of copies with its probable source (see cluster.py)."""
        return build_cluster(self, article_id)
