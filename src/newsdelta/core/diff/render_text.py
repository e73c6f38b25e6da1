"""Terminal rendering: inline word diff with markers, optionally coloured.

Markers keep the output readable without colour: ``[-deleted-]``,
``{+inserted+}``; text that moved is shown once, at its new place, as
``{>moved<}``. Typography-only differences show the new text plainly.
"""

from __future__ import annotations

from newsdelta.core.diff.types import ArticleDiff, Op
from newsdelta.core.terminal import terminal_safe

RED, GREEN, CYAN, DIM, BOLD, RESET = (
    "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[2m", "\x1b[1m", "\x1b[0m",
)


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def _inline(ops: tuple[Op, ...], color: bool) -> str:
    """The ops as marked-up text; the page's own text never carries a terminal control
    (our colour codes are the only escapes in the output)."""
    out: list[str] = []
    for op in ops:
        text = terminal_safe(op.text)
        if op.op == "equal" or (op.typography and op.op == "insert"):
            out.append(text)
            continue
        if op.typography or (op.moved and op.op == "delete"):
            continue  # typography shows the new text; a move shows once, where it went
        marker, code = (
            (("{>", "<}"), CYAN) if op.moved
            else (("[-", "-]"), RED) if op.op == "delete"
            else (("{+", "+}"), GREEN)
        )
        body = text.rstrip()
        out.append(_paint(marker[0] + body + marker[1], code, color))
        out.append(text[len(body) :])
    return "".join(out)


def render_text(diff: ArticleDiff, *, color: bool) -> str:
    """The diff as text: changed fields, then every paragraph row."""
    lines: list[str] = []
    if diff.labels:
        tags = ", ".join(label.id for label in diff.labels)
        lines.append(_paint(f"Labels: {tags}  (significance {diff.significance:.2f})", BOLD, color))
    else:
        lines.append("No changes." if diff.is_empty else "Changes without labels.")
    for name, fd in (("Title", diff.title), ("Standfirst", diff.standfirst), ("Byline", diff.byline)):
        if fd.changed:
            lines.append(f"{name}: {_inline(fd.ops, color)}")
    for row in diff.paragraphs:
        if row.kind == "equal" and not any(o.op != "equal" for o in row.ops):
            continue
        where = _where(row.old_indices, row.new_indices)
        body = _inline(row.ops, color).replace("\n", " ¶ ")
        lines.append(_paint(f"[{row.kind} {where}]", DIM, color) + " " + body)
    return "\n".join(lines) + "\n"


def _where(old: tuple[int, ...], new: tuple[int, ...]) -> str:
    def fmt(idx: tuple[int, ...]) -> str:
        return ",".join(str(i + 1) for i in idx) if idx else "-"

    return f"{fmt(old)}→{fmt(new)}"
