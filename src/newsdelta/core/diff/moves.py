"""Mark deleted/inserted text that belongs to moved sentences.

A moved sentence shows up in a paragraph's word diff as a deletion in one
place and an insertion in another. Given the character spans of moved
sentences in the old and new text, :func:`flag_moved` splits delete/insert
ops at span edges and flags the parts inside a span as ``moved`` so they do
not count as word edits; the words a moved sentence gained or lost on the
way stay edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from newsdelta.core.diff.types import Op

Span = tuple[int, int]


def _cut(
    text: str, start: int, spans: Sequence[Span], edits: Sequence[Span] = ()
) -> list[tuple[str, bool]]:
    """Split ``text`` (at absolute ``start``) into (piece, moved) parts.

    A piece is moved when it lies inside a span and outside every edit.
    """
    end = start + len(text)
    cuts = {start, end}
    for a, b in (*spans, *edits):
        if b <= start or a >= end:
            continue
        cuts.add(max(a, start))
        cuts.add(min(b, end))
    points = sorted(cuts)
    parts: list[tuple[str, bool]] = []
    for a, b in pairwise(points):
        inside = any(sa <= a and b <= sb for sa, sb in spans) and not any(
            ea <= a and b <= eb for ea, eb in edits
        )
        parts.append((text[a - start : b - start], inside))
    return parts


def flag_moved(
    ops: Sequence[Op],
    old_spans: Sequence[Span],
    new_spans: Sequence[Span],
    old_edits: Sequence[Span] = (),
    new_edits: Sequence[Span] = (),
) -> tuple[Op, ...]:
    """Return ops with moved-sentence text flagged; texts are unchanged.

    ``old_edits``/``new_edits`` are the parts of moved sentences that were also
    edited on the way (the words deleted from the old sentence, inserted into
    the new one): they stay real edits, so "did resign" moved to the top as
    "did not resign" shows, counts and labels its "not".
    """
    if not old_spans and not new_spans:
        return tuple(ops)
    out: list[Op] = []
    old_pos = new_pos = 0
    for op in ops:
        if op.op == "equal":
            out.append(op)
            old_pos += len(op.text)
            new_pos += len(op.text)
            continue
        if op.op == "delete":
            spans, edits, pos = old_spans, old_edits, old_pos
            old_pos += len(op.text)
        else:
            spans, edits, pos = new_spans, new_edits, new_pos
            new_pos += len(op.text)
        if op.typography or not spans:
            out.append(op)
            continue
        for piece, inside in _cut(op.text, pos, spans, edits):
            if not piece.strip():
                # A whitespace-only sliver cut off next to a moved sentence is spacing.
                out.append(Op(op.op, piece, typography=True))
            else:
                out.append(Op(op.op, piece, moved=inside))
    return tuple(out)
