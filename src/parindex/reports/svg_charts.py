"""Charts for the browser as inline SVG, from a published run: no script, no CDN.

Every mark carries a <title>, so pointing at it shows the unit and its figure, and a
unit's bar or line is a link to its page (charts are drawn on the publication's page).
Classes take the colours of ``core.palette``, as in the documents' charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from urllib.parse import quote

from parindex.core import palette
from parindex.core.narrative import block_name, index_text, points
from parindex.core.numbers import format_count, format_percent
from parindex.core.published import PublishedRun, UnitEntry


def class_colours(results: PublishedRun) -> dict[str, str]:
    """Each class of the run with its colour: the same as the documents' (``core.palette``)."""
    return palette.class_colours(results.class_labels())


def _unit_href(unit: UnitEntry) -> str:
    """The unit's page, relative to the publication's page the chart is drawn on."""
    return escape(f"don-vi/{quote(unit.code, safe='')}/")


def _short(value: Decimal) -> str:
    """83,05; 90 (not 90,00); 8,5."""
    return points(value)


def _num(value: Decimal) -> str:
    return index_text(value)


def ranking_svg(results: PublishedRun, width: int = 900) -> str:
    """Horizontal bars of the index in rank order, coloured by class, with the average line;
    when ranked in blocks, block by block, each block's average over its own bars."""
    units = (
        results.in_rank_order()
        if results.blocked
        else sorted(results.units, key=lambda u: (-u.index, u.code))
    )
    colours = class_colours(results)
    bar = 14 if len(units) <= 60 else max(1, 900 // max(len(units), 1))
    label_w = 190 if len(units) <= 60 else 10
    top, plot_w = 24, width - label_w - 60
    height = top + bar * len(units) + 30

    def x(v: Decimal | float) -> float:
        return label_w + plot_w * float(v) / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Biểu đồ xếp hạng Chỉ số CCHC" class="chart wide">'
    ]
    for i, u in enumerate(units):
        y = top + i * bar
        name = escape(u.display_name)
        parts.append(
            f'<a href="{_unit_href(u)}">'
            f'<rect x="{label_w}" y="{y}" width="{x(u.index) - label_w:.1f}" height="{max(bar - 2, 1)}" '
            f'fill="{colours.get(u.class_label, palette.UNKNOWN)}"><title>{format_count(u.rank)}. {name}: '
            f"{_num(u.index)} ({escape(u.class_label)})</title></rect>"
        )
        if len(units) <= 60:
            parts.append(
                f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">{name}</text>'
            )
        parts.append("</a>")
    if results.blocked:
        parts.extend(_block_averages(results, units, x, top, bar))
    else:
        avg = x(results.average)
        parts.append(
            f'<line x1="{avg:.1f}" y1="{top - 6}" x2="{avg:.1f}" y2="{height - 24}" stroke="#1f2328" stroke-dasharray="4 3">'
            f"<title>Bình quân: {_num(results.average)}</title></line>"
            f'<text x="{avg:.1f}" y="{top - 10}" text-anchor="middle">Bình quân {_num(results.average)}</text>'
        )
    for tick in range(0, 101, 20):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{height - 8}" text-anchor="middle">{format_count(tick)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _block_averages(
    results: PublishedRun,
    units: Sequence[UnitEntry],
    x: Callable[[Decimal], float],
    top: int,
    bar: int,
) -> list[str]:
    """Each block's average as a dashed line over its own rows (none across blocks)."""
    lines = []
    for block in results.blocks:
        rows = [i for i, u in enumerate(units) if u.block == block.label]
        if not rows:
            continue
        avg = x(block.average)
        label = f"Bình quân {escape(block_name(block.label))}: {_num(block.average)}"
        lines.append(
            f'<line x1="{avg:.1f}" y1="{top + rows[0] * bar}" x2="{avg:.1f}" '
            f'y2="{top + (rows[-1] + 1) * bar}" stroke="#1f2328" stroke-dasharray="4 3">'
            f"<title>{label}</title></line>"
        )
    return lines


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    units: int

    @property
    def units_text(self) -> str:
        return format_count(self.units)


def legend_items(results: PublishedRun) -> list[LegendItem]:
    """(class, colour, units) for the legend."""
    colours = class_colours(results)
    return [
        LegendItem(label, colour, results.overall.class_count(label))
        for label, colour in colours.items()
    ]


def distribution_svg(results: PublishedRun, width: int = 420) -> str:
    """How many units fall in each class."""
    items = legend_items(results)
    top, bar_h, label_w = 10, 26, 110
    most = max((item.units for item in items), default=1) or 1
    height = top + bar_h * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Số đơn vị theo xếp loại" width="{width}" class="chart">'
    ]
    for i, item in enumerate(items):
        label, colour, n = item.label, item.colour, item.units
        y = top + i * bar_h
        w = (width - label_w - 40) * n / most
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{bar_h - 8}" fill="{colour}">'
            f"<title>{escape(label)}: {format_count(n)} đơn vị</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{y + 17}">{format_count(n)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def slope_svg(results: PublishedRun, limit: int = 40, width: int = 520) -> str:
    """Each unit's index last period → this period (the units that can be compared, best first)."""
    pairs = [
        (u, u.previous.index)
        for u in results.units
        if u.previous is not None and u.previous.index is not None
    ][:limit]
    if not pairs:
        return ""
    values = [float(v) for u, p in pairs for v in (u.index, p)]
    low, high = min(values) - 1, max(values) + 1
    top, bottom, left, right = 24, 20, 70, width - 70
    height = 360

    def y(v: Decimal | float) -> float:
        return top + (high - float(v)) / (high - low) * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Thay đổi chỉ số so với kỳ trước" width="{width}" class="chart">',
        f'<text x="{left}" y="14" text-anchor="middle">{escape(results.previous_period or "")}</text>',
        f'<text x="{right}" y="14" text-anchor="middle">{escape(results.period)}</text>',
    ]
    for u, prev in pairs:
        up = u.index >= prev
        colour = "#1a7f37" if up else "#d1242f"
        parts.append(
            f'<a href="{_unit_href(u)}">'
            f'<line x1="{left}" y1="{y(prev):.1f}" x2="{right}" y2="{y(u.index):.1f}" stroke="{colour}" '
            f'stroke-width="1.5"><title>{escape(u.display_name)}: {_num(prev)} → {_num(u.index)}</title></line></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def heat_colour(percent: float | None) -> str:
    """Background of a heat-map cell: red under 70%, through amber, to green at 100%."""
    if percent is None:
        return "#eaeef2"
    p = max(0.0, min(1.0, (percent - 60) / 40))
    r, g = int(209 + (26 - 209) * p), int(36 + (127 - 36) * p)
    return f"rgb({r},{g},{int(47 + (55 - 47) * p)})"


@dataclass(frozen=True)
class HeatCell:
    text: str
    colour: str
    title: str


@dataclass(frozen=True)
class HeatRow:
    name: str
    cells: tuple[HeatCell, ...]


def heat_rows(results: PublishedRun, limit: int = 200) -> list[HeatRow]:
    """Units × fields with each cell's percent and colour, for the heat-map table (up to ``limit`` units)."""
    return [
        HeatRow(
            name=u.display_name,
            cells=tuple(
                HeatCell(
                    text="—" if f.percent is None else _short(f.percent),
                    colour=heat_colour(None if f.percent is None else float(f.percent)),
                    title=f"{u.display_name} — {f.name}",
                )
                for f in u.fields
            ),
        )
        for u in results.units[:limit]
    ]


def field_profile_svg(results: PublishedRun, unit_code: str, width: int = 720) -> str:
    """One unit's fields as % of their max (weak fields red), with each field's average.

    The browser's version of ``charts.field_profile_chart``: pointing at a bar names the
    field, its points, its % and the average of the units (of its block when ranked in blocks).
    """
    from parindex.reports.charts import field_averages

    unit = results.unit(str(unit_code))
    fields = unit.fields
    block = unit.block if results.blocked else None  # its block's averages, none across
    averages = field_averages(results, block)
    of_whom = (
        f"bình quân {escape(block_name(block))}" if results.blocked else "bình quân các đơn vị"
    )
    left, top, bottom, height = 44, 22, 28, 300
    plot_w, plot_h = width - left - 10, height - top - bottom
    slot = plot_w / max(len(fields), 1)

    def y(v: Decimal | float) -> float:
        return top + plot_h * (1 - float(v) / 110)

    name = escape(unit.display_name)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Tỷ lệ điểm theo lĩnh vực của {name}" '
        f'width="{width}" class="chart">'
    ]
    for tick in range(0, 101, 20):
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - 10}" y2="{y(tick):.1f}" stroke="#d0d7de" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{format_percent(Decimal(tick))}</text>'
        )
    marks = []
    for i, f in enumerate(fields):
        centre = left + slot * (i + 0.5)
        code = escape(f.code)
        pct = f.percent
        average = averages.get(f.code)
        tip = f"LV {code}. {escape(f.name)}: " + (
            "không đánh giá"
            if pct is None
            else f"{_short(f.score)}/{_short(f.max)} điểm ({_short(pct)}%)"
        )
        if average is not None:
            tip += f"; {of_whom} {points(Decimal(repr(average)))}%"
        if pct is not None:
            colour = palette.WEAK_BAR if f.weak else palette.FIELD_BAR
            parts.append(
                f'<rect x="{centre - slot * 0.3:.1f}" y="{y(pct):.1f}" width="{slot * 0.6:.1f}" '
                f'height="{y(0) - y(pct):.1f}" fill="{colour}"><title>{tip}</title></rect>'
                f'<text x="{centre:.1f}" y="{y(pct) - 4:.1f}" text-anchor="middle">{_short(pct)}%</text>'
            )
        else:
            parts.append(
                f'<text x="{centre:.1f}" y="{y(0) - 4:.1f}" text-anchor="middle"><title>{tip}</title>KĐG</text>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{height - 10}" text-anchor="middle">LV {code}<title>{tip}</title></text>'
        )
        if average is not None:
            marks.append((centre, y(average), tip))
    if marks:
        path = " ".join(f"{x:.1f},{v:.1f}" for x, v, _ in marks)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{palette.AVERAGE_LINE}" stroke-dasharray="4 3"/>'
        )
        parts.extend(
            f'<path d="M{x:.1f},{v - 4:.1f} l4,4 l-4,4 l-4,-4 z" fill="{palette.AVERAGE_LINE}"><title>{tip}</title></path>'
            for x, v, tip in marks
        )
        parts.append(
            f'<text x="{width - 12}" y="{top - 8}" text-anchor="end" fill="{palette.AVERAGE_LINE}">◆ {of_whom}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
