"""Small server-rendered SVG bar charts: no script, no external library, readable when printed."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92", "#505a5f")


def bar_chart(
    *, title: str, rows: list[tuple[str, float]], unit: str = "", max_value: float | None = None
) -> SafeString:
    """A horizontal bar chart with its figures written beside each bar and a text title for screen readers."""
    bar_h, gap, label_w, chart_w = 22, 8, 220, 300
    height = max(len(rows), 1) * (bar_h + gap) + gap
    top = max_value if max_value else max((v for _, v in rows), default=0) or 1
    parts = [
        f'<svg class="pp-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {label_w + chart_w + 80} '
        f'{height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    if not rows:
        parts.append(f'<text x="0" y="{bar_h}" font-size="14">No figures for this year.</text>')
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        width = 0 if not value else max(2, round(chart_w * value / top))
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 6}" font-size="14" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{width}" height="{bar_h}" fill="{colour}"></rect>'
            f'<text x="{label_w + width + 6}" y="{y + bar_h - 6}" font-size="14">{escape(_fmt(value))}{escape(unit)}'
            "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
