"""Turn an :class:`ArticleDiff` into rows the diff template draws.

Rows hold plain text pieces with a mark (``None``, ``"del"``, ``"ins"``);
the template escapes every piece, so no article text ever becomes markup.
Runs of unchanged paragraphs are grouped so the page can fold them into a
``<details>`` element.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdelta.core.diff import ArticleDiff, Op

Piece = tuple[str, str | None]
"""(text, mark): mark is None, "del", "ins", "moved-del" or "moved-ins"."""


@dataclass(frozen=True, slots=True)
class DiffRow:
    label: str
    kind: str  # equal | changed | inserted | deleted | moved
    old: tuple[Piece, ...]
    new: tuple[Piece, ...]
    inline: tuple[Piece, ...]


@dataclass(slots=True)
class RowGroup:
    """Consecutive rows; ``folded`` groups are unchanged paragraphs."""

    folded: bool
    rows: list[DiffRow] = field(default_factory=list)


def _mark(op: Op) -> str | None:
    if op.op == "equal" or op.typography:
        return None
    base = "del" if op.op == "delete" else "ins"
    return f"moved-{base}" if op.moved else base


def _tidy(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Keep edge whitespace outside marked pieces, so markers hug the words."""
    out: list[Piece] = []
    for text, mark in pieces:
        if mark is None:
            out.append((text, None))
            continue
        core = text.strip()
        if not core:
            out.append((text, None))
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if lead:
            out.append((lead, None))
        out.append((core, mark))
        if trail:
            out.append((trail, None))
    return tuple(out)


def _side(ops: tuple[Op, ...], drop: str) -> tuple[Piece, ...]:
    return _tidy([(op.text, _mark(op)) for op in ops if op.op != drop])


def _inline(ops: tuple[Op, ...]) -> tuple[Piece, ...]:
    # typography-only pairs: show the new form once, unmarked
    return _tidy([(op.text, _mark(op)) for op in ops
                  if not (op.typography and op.op == "delete")])


def make_row(label: str, kind: str, ops: tuple[Op, ...]) -> DiffRow:
    return DiffRow(label, kind, _side(ops, "insert"), _side(ops, "delete"), _inline(ops))


def diff_groups(diff: ArticleDiff) -> tuple[list[DiffRow], list[RowGroup]]:
    """(field rows: title/standfirst/byline, paragraph groups)."""
    fields = [
        make_row(name, "changed" if fd.changed else "equal", fd.ops)
        for name, fd in (("Title", diff.title), ("Standfirst", diff.standfirst), ("Byline", diff.byline))
        if fd.ops
    ]
    groups: list[RowGroup] = []
    for p in diff.paragraphs:
        if p.new_index is not None:
            label = f"¶ {p.new_index + 1}"
        elif p.old_index is not None:
            label = f"¶ {p.old_index + 1} (old)"
        else:
            label = "¶"
        if p.kind == "moved" and p.old_index is not None:
            label += f", moved from {p.old_index + 1}"
        row = make_row(label, p.kind, p.ops)
        folded = p.kind == "equal"
        if not groups or groups[-1].folded != folded:
            groups.append(RowGroup(folded))
        groups[-1].rows.append(row)
    return fields, groups
