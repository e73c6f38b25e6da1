"""Server-rendered SVG charts: no JavaScript, no CDN, readable without colour.

Every label goes through :func:`markupsafe.escape` (outlet names are user
data); numbers are formatted by us. Each bar carries a ``<title>`` so the
exact value shows on hover and reaches screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape


def bar_chart(items: Sequence[tuple[str, int]], title: str, width: int = 560) -> Markup:
    """Horizontal bars, one per (label, value), with the value written at the end."""
    row, label_w = 26, 120
    height = row * len(items) + 10
    peak = max((v for _, v in items), default=0) or 1
    parts = [
        (
            f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        )
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row
        bar = int((width - label_w - 60) * value / peak)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar}" height="{row - 8}" class="bar">'
            f"<title>{escape(label)}: {value}</title></rect>"
            f'<text x="{label_w + bar + 6}" y="{y + 16}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def small_multiples(
    series: Mapping[str, Mapping[str, int]], days: Sequence[str], width: int = 560
) -> Markup:
    """One row of daily bars per outlet (shared scale), with the outlet's total."""
    row, label_w, total_w = 44, 120, 50
    height = row * len(series) + 24
    peak = max((n for counts in series.values() for n in counts.values()), default=0) or 1
    slot = (width - label_w - total_w) / max(1, len(days))
    parts = [
        (
            f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
            'xmlns="http://www.w3.org/2000/svg"><title>Changes per day per outlet</title>'
        )
    ]
    for i, (outlet, counts) in enumerate(sorted(series.items())):
        base = 10 + (i + 1) * row
        parts.append(
            f'<text x="{label_w - 6}" y="{base - 4}" text-anchor="end">{escape(outlet)}</text>'
            f'<line x1="{label_w}" y1="{base}" x2="{width - total_w}" y2="{base}" class="axis"/>'
        )
        for j, d in enumerate(days):
            n = counts.get(d, 0)
            if not n:
                continue
            h = max(1, int((row - 10) * n / peak))
            x = label_w + j * slot
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h}" width="{max(1.0, slot - 1):.1f}" height="{h}" '
                f'class="bar"><title>{escape(outlet)} {escape(d)}: {n}</title></rect>'
            )
        parts.append(
            f'<text x="{width - total_w + 6}" y="{base - 4}">{sum(counts.values())}</text>'
        )
    if days:
        parts.append(
            f'<text x="{label_w}" y="{height - 2}">{escape(days[0])}</text>'
            f'<text x="{width - total_w}" y="{height - 2}" text-anchor="end">'
            f"{escape(days[-1])}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
