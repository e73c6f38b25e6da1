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
    """Rows from the connected groups of paragraphs joined by sentence links.

    One old and one new paragraph: a changed row. One old and several new:
    a split; several old and one new: a merge; several of each (text flowed
    across paragraph breaks): one row over all of them. ``weights`` (shared
    characters) are only used for the graph's edges.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for po, pn in weights:
        ra, rb = find(("o", po)), find(("n", pn))
        if ra != rb:
            parent[ra] = rb
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for po in old_free:
        groups[find(("o", po))][0].append(po)
    for pn in new_free:
        groups[find(("n", pn))][1].append(pn)
    rows: list[Row] = []
    for olds, news in groups.values():
        if olds and news:
            rows.append(Row("changed", tuple(sorted(olds)), tuple(sorted(news))))
        elif olds:
            rows.append(Row("deleted", (olds[0],), ()))
        else:
            rows.append(Row("inserted", (), (news[0],)))
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
