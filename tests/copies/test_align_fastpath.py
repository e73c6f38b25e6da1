"""The identical-sentence prepass of ``align`` must not change its result.

``align`` pairs identical (normalised) sentences with a dict before scoring the
rest with a matrix. The reference below is the plain greedy over the full
matrix; both must pick the same pairs for any input, including duplicated
sentences, reorders and near-identical edits.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from newsdelta.copies.align import MIN_PAIR, align, facts, facts_conflict, normalise

POOL = [
    "The central bank raised rates by 2 percent on Tuesday.",
    "The central bank raised rates by 3 percent on Tuesday.",
    "Officials in Oslo said the plan would be reviewed.",
    "Officials in Bergen said the plan would be reviewed.",
    "Markets fell sharply after the announcement.",
    "Markets fell sharply after the announcement!",
    "Nobody was hurt in the fire, police said.",
    "Nobody was injured in the fire, the police said.",
    "A spokesman declined to comment.",
    "…",
]


def reference(query: list[str], other: list[str]) -> list[tuple[int, int, float]]:
    qn = [normalise(s) for s in query]
    on = [normalise(s) for s in other]
    if not qn or not on:
        return []
    score = process.cdist(qn, on, scorer=fuzz.ratio, dtype=np.float32) / np.float32(100.0)
    used_q: set[int] = set()
    used_o: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for idx in np.argsort(-score, axis=None, kind="stable"):
        i, j = divmod(int(idx), len(on))
        if score[i, j] < MIN_PAIR:
            break
        if i in used_q or j in used_o or facts_conflict(facts(query[i]), facts(other[j])):
            continue
        used_q.add(i)
        used_o.add(j)
        out.append((i, j, float(score[i, j])))
    return sorted(out)


def test_verbatim_copy_pairs_every_sentence_in_order() -> None:
    al = align(POOL[:9], POOL[:9])
    assert [(p.q, p.o, p.lexical) for p in al.pairs] == [(i, i, 1.0) for i in range(9)]


def test_duplicates_pair_first_with_first() -> None:
    q = [POOL[0], POOL[4], POOL[0]]
    o = [POOL[0], POOL[0], POOL[2]]
    assert [(p.q, p.o) for p in align(q, o).pairs] == [(0, 0), (2, 1)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(POOL), max_size=8),
    st.lists(st.sampled_from(POOL), max_size=8),
)
def test_prepass_matches_full_greedy(query: list[str], other: list[str]) -> None:
    got = sorted((p.q, p.o, p.lexical) for p in align(query, other).pairs)
    assert got == reference(query, other)
