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

Before any rule, *stock sentences* are taken out of the alignment (they stay in the
coverage denominators): "did not immediately respond to a request for comment",
"declined to comment", disclaimers ("for informational purposes only", "does not
constitute investment advice"). Every newsroom writes them; two stories sharing one
are not copies. And a copy must share at least ``min_shared_chars`` characters of
the remaining text on both sides (a short brief matching one line is not a copy).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

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
    min_shared_chars: int = 80  # matched text (stock sentences excluded) on each side


_STOCK = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|could not|couldn't|has not|hasn't|have not|haven't)"
    r" (?:immediately )?(?:respond|reply|return|responded|replied|returned)\b.{0,60}?"
    r"\b(?:requests?|calls?|messages?|emails?|inquir(?:y|ies))\b.{0,20}?\bcomment"
    r"|\bdeclined (?:a request )?to comment\b"
    r"|\b(?:was|were|could) not (?:immediately )?(?:be )?(?:available|reached) for (?:a )?comment\b"
    r"|\bfor (?:general )?informational purposes only\b"
    r"|\b(?:does|do|should) not constitute (?:an? )?(?:investment|financial|legal|trading)\b"
    r"|\bnot (?:intended as|to be taken as) (?:investment|financial|legal) advice\b",
    re.IGNORECASE,
)


def is_stock(sentence: str) -> bool:
    """A sentence every newsroom writes (no-comment lines, disclaimers): no evidence of copying."""
    return _STOCK.search(sentence) is not None


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
    al = replace(al, pairs=tuple(p for p in al.pairs if not is_stock(al.query[p.q])))
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
    shared = min(sum(qlen[p.q] for p in loose), sum(olen[p.o] for p in loose))
    if shared < t.min_shared_chars:
        return Verdict("independent", round((lq + lo) / 2, 3), lq, lo, (), semantic)
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
