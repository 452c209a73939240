"""Inline SVG for report.html: figures per cell with interval whiskers, and the grid's colour scale.

Plain SVG markup, no script and no remote asset, so the report stays one self-contained file.
"""

from __future__ import annotations

import html

PANEL_W = 170  # width of one figure's 0–1 axis
ROW_H = 18
LABEL_W = 230
TOP = 34
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def grid_colour(value: float) -> str:
    """Red (0) through yellow to green (1), for the case × cell grid."""
    v = min(1.0, max(0.0, value))
    return f"hsl({round(120 * v)}, 65%, 78%)"


def figure_chart(
    figures: list[str], series: list[tuple[str, list[tuple[float | None, list[float] | None]]]]
) -> str:
    """One panel per figure (axis 0–1), one row per cell: a dot at the value, a whisker for the interval.

    Args:
        figures: panel titles.
        series: (cell label, [(value, [low, high] or None) per figure]) per cell.

    Returns:
        An <svg> element; undefined values are drawn as "–".
    """
    gap = 24
    width = LABEL_W + len(figures) * (PANEL_W + gap)
    height = TOP + len(series) * ROW_H + 22
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="headline figures per cell">'
    ]
    for r, (label, _) in enumerate(series):
        y = TOP + r * ROW_H + ROW_H / 2
        if r % 2 == 0:
            out.append(f'<rect x="0" y="{y - ROW_H / 2}" width="{width}" height="{ROW_H}" fill="#f6f6f6"/>')
        out.append(f'<text x="{LABEL_W - 8}" y="{y + 4}" text-anchor="end">{html.escape(label)}</text>')
    for f, title in enumerate(figures):
        x0 = LABEL_W + f * (PANEL_W + gap)
        bottom = TOP + len(series) * ROW_H
        out.append(
            f'<text x="{x0 + PANEL_W / 2}" y="14" text-anchor="middle" font-weight="600">'
            f"{html.escape(title)}</text>"
        )
        for tick in (0.0, 0.5, 1.0):
            x = x0 + tick * PANEL_W
            out.append(f'<line x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{bottom}" stroke="#ccc"/>')
            out.append(f'<text x="{x}" y="{bottom + 14}" text-anchor="middle" fill="#666">{tick:g}</text>')
        for r, (_, values) in enumerate(series):
            y = TOP + r * ROW_H + ROW_H / 2
            value, ci = values[f]
            colour = PALETTE[r % len(PALETTE)]
            stroke = f'stroke="{colour}" stroke-width="2"'
            if value is None:
                out.append(f'<text x="{x0 + 4}" y="{y + 4}" fill="#999">–</text>')
                continue
            if ci:
                lo, hi = x0 + ci[0] * PANEL_W, x0 + ci[1] * PANEL_W
                out.append(f'<line x1="{lo:.1f}" y1="{y}" x2="{hi:.1f}" y2="{y}" {stroke}/>')
                for x in (lo, hi):
                    out.append(f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 4}" {stroke}/>')
            cx = x0 + value * PANEL_W
            out.append(
                f'<circle cx="{cx:.1f}" cy="{y}" r="4" fill="{colour}"><title>{html.escape(title)}: '
                f"{value:.2f}{f' [{ci[0]:.2f}, {ci[1]:.2f}]' if ci else ''}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)
