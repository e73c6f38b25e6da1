"""Paragraph rows of the side-by-side view, derived from sentence links.

Identical paragraphs were matched up front (in order: ``equal``; out of
order: ``moved``). The others are grouped through their sentence links
(not counting moves): one old with one new paragraph is ``changed``; one old
with several new is a split, several old with one new a merge (both
``changed`` rows spanning several indices, ops over the texts joined with
``"\\n"``); unlinked paragraphs are ``deleted`` or ``inserted``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsdelta.core.diff.types import ParagraphKind


@dataclass(frozen=True, slots=True)
class Row:
    """A paragraph row before its ops are computed."""

    kind: ParagraphKind
    old: tuple[int, ...]
    new: tuple[int, ...]


def group_paragraphs(
    old_free: Sequence[int],
    new_free: Sequence[int],
    weights: dict[tuple[int, int], int],
) -> list[Row]:
    """Pair non-identical paragraphs using sentence-link weights (shared characters)."""
    adj_old: dict[int, set[int]] = defaultdict(set)
    adj_new: dict[int, set[int]] = defaultdict(set)
    for po, pn in weights:
        adj_old[po].add(pn)
        adj_new[pn].add(po)
    rows: list[Row] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    # Stars first: splits (one old, several new that only link to it) and merges.
    for po in old_free:
        targets = adj_old.get(po, set())
        if len(targets) > 1 and all(adj_new[pn] == {po} for pn in targets):
            rows.append(Row("changed", (po,), tuple(sorted(targets))))
            used_old.add(po)
            used_new.update(targets)
    for pn in new_free:
        if pn in used_new:
            continue
        sources = adj_new.get(pn, set())
        if len(sources) > 1 and all(adj_old[po] == {pn} for po in sources):
            rows.append(Row("changed", tuple(sorted(sources)), (pn,)))
            used_new.add(pn)
            used_old.update(sources)
    # Then one-to-one by strongest link.
    for (po, pn), _w in sorted(weights.items(), key=lambda kv: -kv[1]):
        if po in used_old or pn in used_new:
            continue
        rows.append(Row("changed", (po,), (pn,)))
        used_old.add(po)
        used_new.add(pn)
    rows.extend(Row("deleted", (po,), ()) for po in old_free if po not in used_old)
    rows.extend(Row("inserted", (), (pn,)) for pn in new_free if pn not in used_new)
    return rows


def order_rows(rows: list[Row]) -> list[Row]:
    """Reading order: by new position; deleted rows after their old predecessor."""
    anchor: dict[int, int] = {}
    for row in rows:
        if row.new and row.old and row.kind != "moved":
            for po in row.old:
                anchor[po] = row.new[0]
    # Prefix maximum of anchors by old index, for O(log n) look-ups.
    olds = sorted(anchor)
    prefix: list[int] = []
    best = -1
    for po in olds:
        best = max(best, anchor[po])
        prefix.append(best)

    def key(row: Row) -> tuple[int, int, int]:
        if row.new:
            return (row.new[0], 1, 0)
        po = row.old[0]
        at = bisect_left(olds, po)
        return (prefix[at - 1] if at else -1, 2, po)

    return sorted(rows, key=key)
