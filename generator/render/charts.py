"""Charts drawn at build time as inline SVG — no chart library, no CDN.

Every chart is a ``<figure>`` with a title and description for screen
readers, a one-sentence text summary as its caption, and the data table
next to it on the page. Colours come from CSS classes so the version for
the visually impaired can restyle them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from ..monitoring.quality import fmt


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal


def _number(value: Decimal | float, unit: str) -> str:
    return fmt(Decimal(str(value))) + (" %" if unit == "%" else "")


def horizontal_bars(
    chart_id: str,
    title: str,
    summary: str,
    bars: list[Bar],
    unit: str = "",
    target: float | None = None,
) -> Markup:
    """One bar per organization, longest first, with a target line."""
    if not bars:
        return Markup("")
    label_width, bar_width, row = 230, 330, 20
    top, height = 24, 24 + row * len(bars) + 10
    width = label_width + bar_width + 60
    scale_max = max([float(b.value) for b in bars] + [target or 0, 1e-9])
    parts = [_svg_open(chart_id, width, height, title, summary)]
    for index, bar in enumerate(bars):
        y = top + index * row
        length = bar_width * float(bar.value) / scale_max
        name = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f"<g><title>{escape(bar.label)}: {escape(_number(bar.value, unit))}</title>"
            f'<text class="nst-chart__label" x="{label_width - 6}" y="{y + 14}" '
            f'text-anchor="end">{escape(name)}</text>'
            f'<rect class="nst-chart__bar" x="{label_width}" y="{y + 3}" '
            f'width="{length:.1f}" height="{row - 6}"/>'
            f'<text class="nst-chart__value" x="{label_width + length + 4:.1f}" y="{y + 14}">'
            f"{escape(_number(bar.value, unit))}</text></g>"
        )
    if target is not None:
        x = label_width + bar_width * target / scale_max
        parts.append(
            f'<line class="nst-chart__target" x1="{x:.1f}" y1="{top - 6}" '
            f'x2="{x:.1f}" y2="{height - 6}"/>'
            f'<text class="nst-chart__target-label" x="{x + 3:.1f}" y="{top - 9}">'
            f"цель {escape(_number(target, unit))}</text>"
        )
    parts.append("</svg>")
    return _figure(chart_id, "".join(parts), summary, title)


def year_columns(
    chart_id: str,
    title: str,
    summary: str,
    points: Sequence[tuple[str | int, Decimal | None]],
    unit: str = "",
    target: float | None = None,
) -> Markup:
    """The municipal value of one criterion year by year; years without a value are left out."""
    measured = [(year, value) for year, value in points if value is not None]
    if not measured:
        return Markup("")
    column, gap, plot = 70, 30, 160
    width = 60 + len(measured) * (column + gap)
    height = plot + 60
    scale_max = max([float(v) for _, v in measured] + [target or 0, 1e-9])
    parts = [_svg_open(chart_id, width, height, title, summary)]
    base = plot + 24
    for index, (year, value) in enumerate(measured):
        x = 40 + index * (column + gap)
        h = plot * float(value) / scale_max
        parts.append(
            f"<g><title>{year}: {escape(_number(value, unit))}</title>"
            f'<rect class="nst-chart__bar" x="{x}" y="{base - h:.1f}" width="{column}" '
            f'height="{h:.1f}"/>'
            f'<text class="nst-chart__value" x="{x + column / 2}" y="{base - h - 5:.1f}" '
            f'text-anchor="middle">{escape(_number(value, unit))}</text>'
            f'<text class="nst-chart__label" x="{x + column / 2}" y="{base + 18}" '
            f'text-anchor="middle">{year}</text></g>'
        )
    if target is not None:
        y = base - plot * target / scale_max
        parts.append(
            f'<line class="nst-chart__target" x1="30" y1="{y:.1f}" x2="{width - 10}" '
            f'y2="{y:.1f}"/><text class="nst-chart__target-label" x="{width - 12}" '
            f'y="{y - 4:.1f}" text-anchor="end">цель {escape(_number(target, unit))}'
            "</text>"
        )
    parts.append("</svg>")
    return _figure(chart_id, "".join(parts), summary, title)


def _svg_open(chart_id: str, width: int, height: int, title: str, summary: str) -> str:
    return (
        f'<svg class="nst-chart__svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-t">{escape(title)}'
        f'</title><desc id="{chart_id}-d">{escape(summary)}</desc>'
    )


def _figure(chart_id: str, svg: str, summary: str, title: str) -> Markup:
    # A chart wider than a phone scrolls inside its box; the box takes the
    # focus so that it can be scrolled from the keyboard (WCAG 2.1.1).
    return Markup(
        f'<figure class="nst-chart" id="{chart_id}"><div class="nst-chart__scroll" '
        f'tabindex="0" role="region" aria-label="Диаграмма «{escape(title)}»">'
        f"{svg}</div><figcaption>{escape(summary)}</figcaption></figure>"
    )
