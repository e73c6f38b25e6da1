"""Recent document vectors for the semantic stage's time window.

The semantic stage compares a new article with articles published close in
time, never with everything. This keeps the document vectors of that window in
one growable float32 matrix so a query is a single matrix-vector product
(20,000 articles x 384 dims: ~30 MB, ~1 ms). Entries older than ``keep``
before the newest are dropped on compaction; older windows (backfills) are
read from the repository instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt


class WindowVectors:
    def __init__(self, dim: int, keep: timedelta) -> None:
        self.dim = dim
        self.keep = keep
        self._ids: list[int] = []
        self._at: list[datetime] = []
        self._mat = np.zeros((1024, dim), dtype=np.float32)
        self.loaded_from: datetime | None = None  # the cache is complete from here on

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article_id: int, at: datetime, vec: npt.NDArray[np.float32]) -> None:
        self.remove(article_id)
        if len(self._ids) == len(self._mat):
            self._compact()
            if len(self._ids) == len(self._mat):
                self._mat = np.concatenate([self._mat, np.zeros_like(self._mat)])
        self._mat[len(self._ids)] = vec
        self._ids.append(article_id)
        self._at.append(at)

    def remove(self, article_id: int) -> None:
        if article_id not in self._ids:
            return
        i = self._ids.index(article_id)
        last = len(self._ids) - 1
        self._mat[i] = self._mat[last]
        self._ids[i], self._at[i] = self._ids[last], self._at[last]
        self._ids.pop()
        self._at.pop()

    def _compact(self) -> None:
        if not self._at:
            return
        cutoff = max(self._at) - self.keep
        keep = [i for i, t in enumerate(self._at) if t >= cutoff]
        self._mat[: len(keep)] = self._mat[keep]
        self._ids = [self._ids[i] for i in keep]
        self._at = [self._at[i] for i in keep]
        if self.loaded_from is None or cutoff > self.loaded_from:
            self.loaded_from = cutoff

    def nearest(
        self, vec: npt.NDArray[np.float32], start: datetime, end: datetime, min_cos: float, k: int
    ) -> list[tuple[int, float]]:
        """Up to ``k`` (article_id, cosine) with time in [start, end] and cosine >= min_cos."""
        n = len(self._ids)
        if n == 0:
            return []
        cos = self._mat[:n] @ vec
        order = np.argsort(-cos)
        out: list[tuple[int, float]] = []
        for i in order:
            c = float(cos[i])
            if c < min_cos or len(out) >= k:
                break
            if start <= self._at[i] <= end:
                out.append((self._ids[i], c))
        return out
