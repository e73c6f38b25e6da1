"""A diff as an HTML fragment: a side-by-side table, old | new, with <del>/<ins>.

It lives in the web room, with the other HTML, and is pure: the feeds embed it
and ``newsdelta diff --format html`` prints it.

All article text is untrusted: every piece goes through :func:`html.escape`
(quotes included), and nothing from the article becomes an attribute or a
tag. Classes (``nd-diff``, ``nd-<kind>``, ``nd-moved``) let pages style it.
"""

from __future__ import annotations

from html import escape

from newsdelta.core.diff.types import ArticleDiff, Op


def _side(ops: tuple[Op, ...], side: str) -> str:
    drop = "insert" if side == "old" else "delete"
    mark, tag = ("delete", "del") if side == "old" else ("insert", "ins")
    out: list[str] = []
    for op in ops:
        if op.op == drop:
            continue
        text = escape(op.text).replace("\n", "<br>")
        if op.op == mark and not op.typography:
            cls = ' class="nd-moved"' if op.moved else ""
            out.append(f"<{tag}{cls}>{text}</{tag}>")
        else:
            out.append(text)
    return "".join(out)


def _row(label: str, kind: str, ops: tuple[Op, ...]) -> str:
    return (
        f'<tr class="nd-{escape(kind)}"><th>{escape(label)}</th>'
        f'<td class="nd-old">{_side(ops, "old")}</td>'
        f'<td class="nd-new">{_side(ops, "new")}</td></tr>'
    )


def render_html(diff: ArticleDiff) -> str:
    """The diff as an HTML ``<table>`` fragment (no <html>/<body>)."""
    rows: list[str] = []
    for name, fd in (("Title", diff.title), ("Standfirst", diff.standfirst), ("Byline", diff.byline)):
        if fd.ops:
            rows.append(_row(name, "changed" if fd.changed else "equal", fd.ops))
    for row in diff.paragraphs:
        label = f"¶ {row.new_index + 1}" if row.new_index is not None else "¶ –"
        if row.kind == "moved" and row.old_index is not None:
            label += f" (moved from {row.old_index + 1})"
        rows.append(_row(label, row.kind, row.ops))
    labels = "".join(
        f'<li class="nd-label nd-label-{escape(lb.id)}">{escape(lb.id)}</li>' for lb in diff.labels
    )
    return (
        '<div class="nd-diff">'
        f'<ul class="nd-labels">{labels}</ul>'
        f'<p class="nd-significance">significance {diff.significance:.2f}</p>'
        '<table class="nd-table"><thead><tr><th></th><th>Old</th><th>New</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
