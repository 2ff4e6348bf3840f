"""Inline SVG bar charts: no script, no fonts or images fetched, readable without CSS.

One shape covers every chart of the report: horizontal bars, one per row, each bar stacked
from one segment per series.  Every segment has a ``<title>`` with its exact value, so a
hover shows the number; the total is printed at the end of the bar.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from replyparse.render._html import attrs, esc

WIDTH = 520
LABEL_WIDTH = 170
VALUE_WIDTH = 84
ROW_HEIGHT = 22
BAR_HEIGHT = 14
FONT = 'system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif'

Number = Decimal | int


@dataclass(frozen=True, slots=True)
class Series:
    """One stacked segment kind: its name (legend, tooltips) and fill colour."""

    name: str
    colour: str


def text_width(text: str, size: float = 12) -> float:
    """Approximate rendered width: wide (CJK) characters count one em, others ~0.62 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.62 for c in text)


def fit(text: str, width: float, size: float = 12) -> str:
    """``text`` cut with an ellipsis so that it fits in ``width`` pixels."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[Number]]],
    series: Sequence[Series],
    fmt: Callable[[Number], str] = str,
    note: str = "",
    legend: bool = True,
) -> str:
    """A ``<figure>`` holding an inline ``<svg>`` of stacked horizontal bars.

    ``rows`` are ``(label, values)`` with one value per ``series``, drawn in the given order.
    The column of totals is as wide as its longest label, so no number is cut off.
    """
    legend_parts, top = _legend(series) if legend and len(series) > 1 else ([], 4)
    height = top + max(len(rows), 1) * ROW_HEIGHT + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img"'
        f'{attrs([("aria-label", title), ("font-family", FONT)])} font-size="12">',
        f"<title>{esc(title)}</title>",
        *legend_parts,
    ]
    totals = [sum(values, Decimal(0)) for _, values in rows]
    labels = [fmt(t) for t in totals]
    value_width = min(max((text_width(t) for t in labels), default=0.0) + 8, VALUE_WIDTH * 2)
    scale_max = max((float(t) for t in totals), default=0.0)
    bar_space = WIDTH - LABEL_WIDTH - value_width - 4
    if not rows:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{top + 15}" fill="#6c757d">no data</text>')
    for i, (label, values) in enumerate(rows):
        y = top + i * ROW_HEIGHT
        parts.append(
            f'<g class="row"><text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end"'
            f' fill="#212529"><title>{esc(label)}</title>{esc(fit(label, LABEL_WIDTH - 10))}'
            "</text>"
        )
        x = float(LABEL_WIDTH)
        for s, value in zip(series, values, strict=True):
            if not value or scale_max <= 0:
                continue
            w = max(float(value) / scale_max * bar_space, 1.0)
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y + 4}" width="{w:.1f}"'
                f' height="{BAR_HEIGHT}" fill="{esc(s.colour)}">'
                f"<title>{esc(label)} · {esc(s.name)}: {esc(fmt(value))}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" fill="#495057">'
                     f"{esc(labels[i])}</text></g>")
    parts.append("</svg>")
    caption = f"<figcaption>{esc(title)}</figcaption>"
    foot = f'<p class="note">{esc(note)}</p>' if note else ""
    return f'<figure class="chart" id="{esc(chart_id)}">{caption}{"".join(parts)}{foot}</figure>'


def _legend(series: Sequence[Series]) -> tuple[list[str], int]:
    """Legend entries, wrapped to the chart's width; returns them and the space they take."""
    parts: list[str] = []
    x, y = 8.0, 6
    for s in series:
        width = 24 + text_width(s.name)
        if x > 8 and x + width > WIDTH:
            x, y = 8.0, y + 16
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="10" height="10" fill="{esc(s.colour)}"/>')
        parts.append(f'<text x="{x + 14:.1f}" y="{y + 9}" fill="#495057">{esc(s.name)}</text>')
        x += width
    return parts, y + 18
