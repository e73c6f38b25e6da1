"""Word shingles, MinHash signatures and LSH keys.

A document becomes a set of word 5-grams ("shingles") over normalised tokens.
Its MinHash signature (``NUM_PERM`` minima of random permutations) estimates
the Jaccard similarity of two shingle sets. Two kinds of LSH keys are derived:

* **document bands**: the signature cut into ``BANDS`` bands of ``ROWS`` rows;
  two near-duplicates share at least one band with high probability
  (P = 1 - (1 - J**ROWS)**BANDS; J = 0.5 gives 0.65, J = 0.7 gives 0.997).
* **passage anchors**: for every paragraph, the minima of the first
  ``ANCHORS`` permutations over *that paragraph's* shingles. A reused or lightly
  edited paragraph keeps its anchors, so a copy that takes three paragraphs of a
  long article is found even though the documents' overall Jaccard is small.

Hashing follows datasketch's ``affine32`` scheme (xxh32 of the shingle, MurmurHash3
finaliser, then ``a*x + b`` modulo 2**32) but is done in one numpy matrix so that
the document signature and all paragraph anchors come from a single pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
import xxhash

from newsdelta.core.lsh import Keys, pack_keys

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
ANCHORS = 2
ANCHOR_BAND_BASE = 100  # band numbers >= this are passage anchors
MIN_ANCHOR_TOKENS = 8  # paragraphs shorter than this get no anchors (too generic)

_rng = np.random.default_rng(20240501)  # fixed: signatures must be stable across runs
_A = (_rng.integers(1, 2**32, size=NUM_PERM, dtype=np.uint64) | 1).astype(np.uint32)
_B = _rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

Signature = npt.NDArray[np.uint32]


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; punctuation and quote styles do not matter."""
    if text.isascii():  # NFKC and the quote map only touch non-ASCII: skip them
        return _TOKEN.findall(text.lower())
    norm = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _TOKEN.findall(norm)


def shingles(toks: Sequence[str], k: int = SHINGLE) -> list[str]:
    """Word k-grams; a text shorter than k yields itself as one shingle."""
    if not toks:
        return []
    if len(toks) < k:
        return [" ".join(toks)]
    # zip of k shifted views + map(join): no Python-level loop body per shingle
    return list(map(" ".join, zip(*(toks[i:] for i in range(k)), strict=False)))


def _fmix32(h: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@dataclass(frozen=True)
class Sketch:
    """A document's signature and LSH keys (``(band, hash)`` pairs)."""

    signature: Signature
    keys: tuple[tuple[int, int], ...]

    @cached_property
    def packed(self) -> Keys:
        """The keys as the index stores them (``lsh.pack_keys``), computed once."""
        return pack_keys(self.keys)

    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def signature_from_bytes(raw: bytes) -> Signature:
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def _band_key(band: int, rows: Signature) -> int:
    # 63-bit so it fits a signed BIGINT column in SQLite and PostgreSQL.
    return xxhash.xxh64_intdigest(rows.tobytes(), seed=band) >> 1


def sketch(title: str, paragraphs: Sequence[str]) -> Sketch:
    """Signature over title+body shingles; anchors per body paragraph."""
    per_tok = [tokens(p) for p in paragraphs]
    per_par = [shingles(t) for t in per_tok]
    title_sh = shingles(tokens(title))
    all_sh = [s for par in per_par for s in par] + title_sh
    empty = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    if not all_sh:
        return Sketch(signature=empty, keys=())
    hv = np.fromiter(
        map(xxhash.xxh32_intdigest, map(str.encode, all_sh)), dtype=np.uint32, count=len(all_sh)
    )
    with np.errstate(over="ignore"):
        phv = _fmix32(hv)[:, None] * _A[None, :] + _B[None, :]
    signature = phv.min(axis=0)
    keys: list[tuple[int, int]] = [
        (b, _band_key(b, signature[b * ROWS : (b + 1) * ROWS])) for b in range(BANDS)
    ]
    start = 0
    seen: set[tuple[int, int]] = set()
    for toks, sh in zip(per_tok, per_par, strict=True):
        end = start + len(sh)
        if sh and len(toks) >= MIN_ANCHOR_TOKENS:
            mins = phv[start:end, :ANCHORS].min(axis=0)
            for j in range(ANCHORS):
                key = (ANCHOR_BAND_BASE + j, int(mins[j]))
                if key not in seen:
                    seen.add(key)
                    keys.append(key)
        start = end
    return Sketch(signature=signature, keys=tuple(keys))


def jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the Jaccard similarity of two shingle sets."""
    return float(np.count_nonzero(a == b)) / float(len(a))
