"""Word-level diff of two texts, exact and typography-blind.

Tokens (word + trailing whitespace) are compared by their folded keys with
cydifflib's SequenceMatcher (a C port of :mod:`difflib`). Where keys match
but the raw tokens differ (curly vs straight quote, nbsp, changed spacing)
the pair is emitted as a delete+insert marked ``typography`` so the texts
rebuild exactly while the change is not counted as an edit.

Big inputs fall back to coarser units (see :data:`MAX_WORD_TOKENS`): the
matcher's cost grows with the product of the two lengths in bad cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cydifflib import SequenceMatcher

from newsdelta.core.diff.tokens import fold, tokenize
from newsdelta.core.diff.types import Op, OpKind

MAX_WORD_TOKENS = 20_000
"""Above this many tokens on either side, diff sentence-sized chunks instead of words."""
MAX_CHUNK_TOKENS = 3_000
"""Above this many chunks, give up on alignment: delete all, insert all.

Both limits apply after the common prefix and suffix are trimmed, so one
edit in a huge text stays a precise word diff."""

_CHUNK_RE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)\s*")


def _key(token: str) -> str:
    # Fast path: plain ASCII needs only the trailing whitespace dropped, unless it
    # holds the one ASCII character typography folds (` reads as ').
    if token.isascii() and "`" not in token:
        return " ".join(token.split())
    return fold(token)


def _spacing(op: OpKind, text: str) -> Op:
    """An unmatched insertion or deletion; whitespace alone is spacing, not an edit."""
    return Op(op, text, typography=not text.strip())


def _chunks(text: str) -> list[str]:
    """Sentence-sized pieces whose concatenation is ``text`` (fallback unit)."""
    pieces = [m.group(0) for m in _CHUNK_RE.finditer(text) if m.group(0)]
    return pieces


def _emit_equal_run(old: Sequence[str], new: Sequence[str], out: list[Op]) -> None:
    """Tokens with equal keys: equal when identical, else a typography pair."""
    run_equal: list[str] = []
    for a, b in zip(old, new, strict=True):
        if a == b:
            run_equal.append(a)
            continue
        if run_equal:
            out.append(Op("equal", "".join(run_equal)))
            run_equal = []
        out.append(Op("delete", a, typography=True))
        out.append(Op("insert", b, typography=True))
    if run_equal:
        out.append(Op("equal", "".join(run_equal)))


def _diff_units(
    old: Sequence[str], new: Sequence[str], key: Callable[[str], str]
) -> list[Op]:
    old_keys = [key(t) for t in old]
    new_keys = [key(t) for t in new]
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    out: list[Op] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _emit_equal_run(old[i1:i2], new[j1:j2], out)
            continue
        if i2 > i1:
            out.append(Op("delete", "".join(old[i1:i2])))
        if j2 > j1:
            out.append(Op("insert", "".join(new[j1:j2])))
    return out


def merge_ops(ops: Sequence[Op]) -> tuple[Op, ...]:
    """Join neighbouring ops of the same kind and flags; drop empty ones."""
    merged: list[Op] = []
    for op in ops:
        if not op.text:
            continue
        if merged:
            last = merged[-1]
            if (last.op, last.typography, last.moved) == (op.op, op.typography, op.moved):
                merged[-1] = Op(op.op, last.text + op.text, op.typography, op.moved)
                continue
        merged.append(op)
    return tuple(merged)


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """Word diff of ``old`` and ``new``; ops rebuild both texts exactly."""
    if old == new:
        return (Op("equal", old),) if old else ()
    if not old:
        return (_spacing("insert", new),)
    if not new:
        return (_spacing("delete", old),)
    old_tokens = tokenize(old)
    new_tokens = tokenize(new)
    # Trim the identical head and tail first: cheap, and it keeps the
    # expensive matcher to the part that actually changed.
    limit = min(len(old_tokens), len(new_tokens))
    head = 0
    while head < limit and old_tokens[head] == new_tokens[head]:
        head += 1
    tail = 0
    while (
        tail < limit - head
        and old_tokens[len(old_tokens) - 1 - tail] == new_tokens[len(new_tokens) - 1 - tail]
    ):
        tail += 1
    ops: list[Op] = [Op("equal", "".join(old_tokens[:head]))]
    mid_old = old_tokens[head : len(old_tokens) - tail]
    mid_new = new_tokens[head : len(new_tokens) - tail]
    ops.extend(_diff_middle(mid_old, mid_new))
    ops.append(Op("equal", "".join(old_tokens[len(old_tokens) - tail :])))
    return merge_ops(ops)


def _diff_middle(old_tokens: list[str], new_tokens: list[str]) -> list[Op]:
    if not old_tokens or not new_tokens:
        return [_spacing("delete", "".join(old_tokens)), _spacing("insert", "".join(new_tokens))]
    if max(len(old_tokens), len(new_tokens)) <= MAX_WORD_TOKENS:
        return _diff_units(old_tokens, new_tokens, _key)
    old, new = "".join(old_tokens), "".join(new_tokens)
    old_chunks, new_chunks = _chunks(old), _chunks(new)
    if max(len(old_chunks), len(new_chunks)) <= MAX_CHUNK_TOKENS:
        return _diff_units(old_chunks, new_chunks, fold)
    return [Op("delete", old), Op("insert", new)]


def field_ops(old: str, new: str) -> tuple[tuple[Op, ...], bool]:
    """Ops of a single-text field and whether it changed beyond typography."""
    ops = word_ops(old, new)
    return ops, any(o.is_edit for o in ops)
