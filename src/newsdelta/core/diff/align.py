"""Sentence alignment between two versions (NewsEdits-style links).

Steps, cheapest first:

1. Sentences of paragraphs that are identical in both versions link as
   ``equal`` (same order) or ``moved`` (paragraph moved); the caller passes
   those pairs in.
2. The remaining sentences are matched by folded text with a sequence
   matcher: in-order identical sentences are ``equal`` (this is what keeps
   split or merged *paragraphs* cheap: their sentences are unchanged);
   identical sentences out of order are ``moved``.
3. Inside each gap between matched sentences, rewritten sentences are
   paired by word-level similarity (rapidfuzz Indel on word ids): one to
   one, or one to two consecutive sentences (a split sentence) and two to
   one (merged), greedily by score. Pairs at or above
   :attr:`AlignLimits.edit_threshold` are ``edited``; below it, the old
   sentence was *replaced* (a deletion plus an addition).
4. Sentences still unmatched anywhere are compared across the article; pairs
   at or above :attr:`AlignLimits.move_threshold` are ``moved`` (moved and
   edited).

Fuzzy steps are skipped when a gap has more than
:attr:`AlignLimits.max_pairs` candidate pairs (documented fallback: those
sentences become plain additions and deletions).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from cydifflib import SequenceMatcher
from rapidfuzz import fuzz, process

from newsdelta.core.diff.tokens import sentence_key
from newsdelta.core.diff.types import LinkKind

RawLink = tuple[int, int, LinkKind]


@dataclass(frozen=True, slots=True)
class AlignLimits:
    """Thresholds and guards of sentence alignment."""

    edit_threshold: float = 0.45
    """Word similarity (0..1) at or above which a rewritten sentence is "edited"."""
    move_threshold: float = 0.6
    """Word similarity at or above which a far-away sentence counts as moved."""
    max_pairs: int = 40_000
    """Largest similarity matrix computed for one gap (or for move search)."""


class _Vocab:
    """Maps words to single characters so word-level Indel runs on strings."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}

    def encode(self, text: str) -> str:
        ids = self._ids
        out = []
        for word in text.lower().split():
            word = word.strip(".,;:!?\"'()[]")
            if not word:
                continue
            code = ids.get(word)
            if code is None:
                # Private-use and CJK planes: plenty of distinct code points.
                code = chr(0x4E00 + len(ids)) if len(ids) < 0x5000 else chr(0xF0000 + len(ids))
                ids[word] = code
            out.append(code)
        return "".join(out)


def _scores(a: list[str], b: list[str]) -> np.ndarray:
    result: np.ndarray = process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32) / 100.0
    return result


def _pair_gap(
    old_ids: Sequence[int],
    new_ids: Sequence[int],
    enc_old: Mapping[int, str],
    enc_new: Mapping[int, str],
    limits: AlignLimits,
) -> list[RawLink]:
    """Pair rewritten sentences inside one gap: 1-1, 1-2 (split), 2-1 (merge)."""
    n_old, n_new = len(old_ids), len(new_ids)
    if n_old == 0 or n_new == 0 or n_old * n_new > limits.max_pairs:
        return []
    a = [enc_old[i] for i in old_ids]
    b = [enc_new[j] for j in new_ids]
    # candidates: (score, old positions, new positions)
    cands: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
    single = _scores(a, b)
    for x, y in zip(*np.nonzero(single >= limits.edit_threshold), strict=True):
        cands.append((float(single[x, y]), (int(x),), (int(y),)))
    if n_new > 1:
        b2 = [b[y] + b[y + 1] for y in range(n_new - 1)]
        split = _scores(a, b2)
        for x, y in zip(*np.nonzero(split >= limits.edit_threshold), strict=True):
            cands.append((float(split[x, y]), (int(x),), (int(y), int(y) + 1)))
    if n_old > 1:
        a2 = [a[x] + a[x + 1] for x in range(n_old - 1)]
        merge = _scores(a2, b)
        for x, y in zip(*np.nonzero(merge >= limits.edit_threshold), strict=True):
            cands.append((float(merge[x, y]), (int(x), int(x) + 1), (int(y),)))
    # Highest score first; on ties prefer the simpler (1-1) pairing.
    cands.sort(key=lambda c: (-c[0], len(c[1]) + len(c[2])))
    used_old: set[int] = set()
    used_new: set[int] = set()
    links: list[RawLink] = []
    for _score, xs, ys in cands:
        if used_old.intersection(xs) or used_new.intersection(ys):
            continue
        used_old.update(xs)
        used_new.update(ys)
        for x in xs:
            for y in ys:
                links.append((old_ids[x], new_ids[y], "edited"))
    return links


def align_sentences(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    fixed: Sequence[RawLink],
    limits: AlignLimits,
) -> list[RawLink]:
    """Links between old and new sentences given as folded keys.

    ``fixed`` links (from identical paragraphs) are kept as they are (the
    keys of their sentences are never read, so callers may leave them
    empty); the other sentences are aligned by the steps in the module
    docstring.
    Returns links sorted by (old, new).
    """
    links: list[RawLink] = list(fixed)
    fixed_old = {o for o, _, _ in fixed}
    fixed_new = {n for _, n, _ in fixed}
    rest_old = [i for i in range(len(old_keys)) if i not in fixed_old]
    rest_new = [j for j in range(len(new_keys)) if j not in fixed_new]

    # Segments: stretches between sentences of identical in-order paragraphs.
    # An in-order match is only "equal" inside the same segment; across
    # segments it crossed unchanged text, so it is a move.
    anchors_old = sorted(o for o, _, k in fixed if k == "equal")
    anchors_new = sorted(n for _, n, k in fixed if k == "equal")
    seg_old: dict[int, list[int]] = defaultdict(list)
    seg_new: dict[int, list[int]] = defaultdict(list)
    for i in rest_old:
        seg_old[bisect_left(anchors_old, i)].append(i)
    for j in rest_new:
        seg_new[bisect_left(anchors_new, j)].append(j)
    linked_old: set[int] = set()
    linked_new: set[int] = set()
    gaps: list[tuple[list[int], list[int]]] = []
    for seg in sorted(set(seg_old) | set(seg_new)):
        so, sn = seg_old.get(seg, []), seg_new.get(seg, [])
        matcher = SequenceMatcher(
            None, [old_keys[i] for i in so], [new_keys[j] for j in sn], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for x, y in zip(range(i1, i2), range(j1, j2), strict=True):
                    links.append((so[x], sn[y], "equal"))
                    linked_old.add(so[x])
                    linked_new.add(sn[y])
            else:
                gaps.append((so[i1:i2], sn[j1:j2]))

    # Identical sentences out of order: moves.
    waiting: dict[str, list[int]] = defaultdict(list)
    for i in rest_old:
        if i not in linked_old:
            waiting[old_keys[i]].append(i)
    for j in rest_new:
        if j in linked_new:
            continue
        bucket = waiting.get(new_keys[j])
        if bucket:
            i = bucket.pop(0)
            links.append((i, j, "moved"))
            linked_old.add(i)
            linked_new.add(j)

    # Word-id strings only for sentences the fuzzy steps can still see.
    vocab = _Vocab()
    enc_old = {i: vocab.encode(old_keys[i]) for i in rest_old if i not in linked_old}
    enc_new = {j: vocab.encode(new_keys[j]) for j in rest_new if j not in linked_new}

    for gap_old, gap_new in gaps:
        go = [i for i in gap_old if i not in linked_old]
        gn = [j for j in gap_new if j not in linked_new]
        for o, n, kind in _pair_gap(go, gn, enc_old, enc_new, limits):
            links.append((o, n, kind))
            linked_old.add(o)
            linked_new.add(n)

    # Edited sentences that travelled: compare leftovers across the article.
    left_old = [i for i in rest_old if i not in linked_old]
    left_new = [j for j in rest_new if j not in linked_new]
    if left_old and left_new and len(left_old) * len(left_new) <= limits.max_pairs:
        scores = _scores([enc_old[i] for i in left_old], [enc_new[j] for j in left_new])
        order = np.argsort(-scores, axis=None)
        for flat in order:
            x, y = divmod(int(flat), len(left_new))
            if scores[x, y] < limits.move_threshold:
                break
            i, j = left_old[x], left_new[y]
            if i in linked_old or j in linked_new:
                continue
            links.append((i, j, "moved"))
            linked_old.add(i)
            linked_new.add(j)

    links.sort(key=lambda link: (link[0], link[1]))
    return links


def keys_of(texts: Sequence[str]) -> list[str]:
    """Folded comparison keys of sentences."""
    return [sentence_key(t) for t in texts]
