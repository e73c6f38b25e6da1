"""Turn a sentence alignment into a verdict: verbatim, partial, rewrite or independent.

Coverage is measured in characters, on both sides, so that one long copied
paragraph weighs more than three one-line quotes:

* ``exact``: pairs whose lexical ratio is >= ``exact`` (same sentence, maybe a
  word changed or punctuation/debris differs);
* ``loose``: pairs that are lexically close (>= ``near``, the round-trip
  translation case) or, with the semantic stage, semantically close
  (cosine >= ``semantic``).

Rules, in order (the first that holds wins):

1. **verbatim**: exact coverage >= ``verbatim_cov`` on *both* sides and
   identical (>= ``identical``) coverage >= ``verbatim_identical_cov`` (the
   whole story, perhaps reordered or lightly edited; a machine-translated copy
   changes almost every sentence a little and fails the second test).
   **partial** when only one side is covered that well (a truncated copy).
2. **rewrite**: loose coverage >= ``rewrite_cov`` on both sides, the sentences
   mostly keep their order, and the aligned sentences carry the story: a
   paraphrase or machine-translated republication.
3. **partial**: at least ``partial_min_sentences`` exact pairs covering
   >= ``partial_cov`` of either side (a truncated copy, or passages lifted into
   another article).
4. otherwise **independent**: at most a shared quote or a few shared facts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newsdelta.copies.align import Alignment, Pair
from newsdelta.copies.model import Verdict


@dataclass(frozen=True)
class Thresholds:
    exact: float = 0.9
    identical: float = 0.97
    verbatim_identical_cov: float = 0.6
    near: float = 0.7
    semantic: float = 0.75
    verbatim_cov: float = 0.8
    rewrite_cov: float = 0.5
    contained_other_max: float = 0.7
    rewrite_order: float = 0.6  # share of aligned pairs that keep relative order
    partial_cov: float = 0.15
    partial_min_sentences: int = 2


DEFAULT_THRESHOLDS = Thresholds()


def _coverage(lengths: list[int], idx: set[int]) -> float:
    total = sum(lengths)
    return sum(lengths[i] for i in idx) / total if total else 0.0


def _order_share(pairs: list[Pair]) -> float:
    """Longest increasing run of ``o`` over pairs sorted by ``q``, as a share."""
    if not pairs:
        return 0.0
    tails: list[int] = []
    for p in sorted(pairs, key=lambda p: p.q):
        k = bisect.bisect_left(tails, p.o)
        if k == len(tails):
            tails.append(p.o)
        else:
            tails[k] = p.o
    return len(tails) / len(pairs)


def classify(al: Alignment, t: Thresholds = DEFAULT_THRESHOLDS) -> Verdict:
    qlen = [len(s) for s in al.query]
    olen = [len(s) for s in al.other]
    exact = [p for p in al.pairs if p.lexical >= t.exact]
    loose = [
        p
        for p in al.pairs
        if p.lexical >= t.near or (p.semantic is not None and p.semantic >= t.semantic)
    ]
    eq = _coverage(qlen, {p.q for p in exact})
    eo = _coverage(olen, {p.o for p in exact})
    lq = _coverage(qlen, {p.q for p in loose})
    lo = _coverage(olen, {p.o for p in loose})
    sems = [p.semantic for p in al.pairs if p.semantic is not None]
    semantic = round(sum(sems) / len(sems), 3) if sems else None
    same = [p for p in exact if p.lexical >= t.identical]
    iq = _coverage(qlen, {p.q for p in same})
    io = _coverage(olen, {p.o for p in same})
    if min(eq, eo) >= t.verbatim_cov and min(iq, io) >= t.verbatim_identical_cov:
        return Verdict("verbatim", round((eq + eo) / 2, 3), eq, eo, al.passages(t.exact), semantic)
    if (
        len(exact) >= t.partial_min_sentences
        and max(eq, eo) >= t.verbatim_cov
        and min(lq, lo) < t.contained_other_max
    ):
        # One side is wholly contained in the other and the other side is not
        # mostly matched: a truncated copy or an excerpt, not a paraphrase.
        return Verdict("partial", round(max(eq, eo), 3), eq, eo, al.passages(t.exact), semantic)
    if min(lq, lo) >= t.rewrite_cov and _order_share(loose) >= t.rewrite_order:
        passages = tuple(al.passages(0.0))
        return Verdict("rewrite", round((lq + lo) / 2, 3), lq, lo, passages, semantic)
    if len(exact) >= t.partial_min_sentences and max(eq, eo) >= t.partial_cov:
        return Verdict("partial", round(max(eq, eo), 3), eq, eo, al.passages(t.exact), semantic)
    return Verdict("independent", round((lq + lo) / 2, 3), lq, lo, (), semantic)
