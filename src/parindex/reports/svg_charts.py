"""Charts for the browser as inline SVG, from the results.json dict: no script, no CDN.

Every mark carries a <title>, so pointing at it shows the unit and its figure, and a
unit's bar or line is a link to its page (charts are drawn on the publication's page).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any
from urllib.parse import quote

from parindex.core.narrative import index_text
from parindex.core.numbers import format_count

PALETTE = ("#1a7f37", "#2f81f7", "#bf8700", "#d1242f", "#6e40c9", "#57606a")


def _colours(results: Mapping[str, Any]) -> dict[str, str]:
    labels = [c["label"] for c in results["framework"]["classes"]]
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _unit_href(unit: Mapping[str, Any]) -> str:
    """The unit's page, relative to the publication's page the chart is drawn on."""
    return escape(f"don-vi/{quote(str(unit['unit']), safe='')}/")


def _short(value: Any) -> str:
    """83,05; 90 (not 90,00); 8,5."""
    return _num(value).rstrip("0").rstrip(",")


def _num(value: Any) -> str:
    return index_text(Decimal(str(value)))


def ranking_svg(results: Mapping[str, Any], width: int = 900) -> str:
    """Horizontal bars of the index in rank order, coloured by class, with the average line."""
    units = sorted(results["units"], key=lambda u: (-u["index"], u["unit"]))
    colours = _colours(results)
    bar = 14 if len(units) <= 60 else max(1, 900 // max(len(units), 1))
    label_w = 190 if len(units) <= 60 else 10
    top, plot_w = 24, width - label_w - 60
    height = top + bar * len(units) + 30
    x = lambda v: label_w + plot_w * float(v) / 100  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Biểu đồ xếp hạng Chỉ số CCHC" style="max-width:100%;height:auto;font:12px sans-serif">'
    ]
    for i, u in enumerate(units):
        y = top + i * bar
        name = escape(u["display_name"])
        parts.append(
            f'<a href="{_unit_href(u)}">'
            f'<rect x="{label_w}" y="{y}" width="{x(u["index"]) - label_w:.1f}" height="{max(bar - 2, 1)}" '
            f'fill="{colours.get(u["class"], "#57606a")}"><title>{u["rank"]}. {name}: {_num(u["index"])} '
            f"({escape(u['class'])})</title></rect>"
        )
        if len(units) <= 60:
            parts.append(
                f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">{name}</text>'
            )
        parts.append("</a>")
    avg = x(results["average"])
    parts.append(
        f'<line x1="{avg:.1f}" y1="{top - 6}" x2="{avg:.1f}" y2="{height - 24}" stroke="#1f2328" stroke-dasharray="4 3">'
        f"<title>Bình quân: {_num(results['average'])}</title></line>"
        f'<text x="{avg:.1f}" y="{top - 10}" text-anchor="middle">Bình quân {_num(results["average"])}</text>'
    )
    for tick in range(0, 101, 20):
        parts.append(f'<text x="{x(tick):.1f}" y="{height - 8}" text-anchor="middle">{tick}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend_items(results: Mapping[str, Any]) -> list[tuple[str, str, int]]:
    """(class, colour, units) for the legend."""
    colours = _colours(results)
    counts = {label: len(codes) for label, codes in results["classes"].items()}
    return [(label, colour, counts.get(label, 0)) for label, colour in colours.items()]


def distribution_svg(results: Mapping[str, Any], width: int = 420) -> str:
    """How many units fall in each class."""
    items = legend_items(results)
    top, bar_h, label_w = 10, 26, 110
    most = max((n for _, _, n in items), default=1) or 1
    height = top + bar_h * len(items) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Số đơn vị theo xếp loại" style="width:100%;max-width:{width}px;height:auto;font:12px sans-serif">'
    ]
    for i, (label, colour, n) in enumerate(items):
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


def slope_svg(results: Mapping[str, Any], limit: int = 40, width: int = 520) -> str:
    """Each unit's index last period → this period (the units that can be compared, best first)."""
    pairs = [
        (u, u["previous"]["index"])
        for u in results["units"]
        if u.get("previous") and u["previous"].get("index") is not None
    ][:limit]
    if not pairs:
        return ""
    values = [float(v) for u, p in pairs for v in (u["index"], p)]
    low, high = min(values) - 1, max(values) + 1
    top, bottom, left, right = 24, 20, 70, width - 70
    height = 360
    y = lambda v: top + (high - float(v)) / (high - low) * (height - top - bottom)  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Thay đổi chỉ số so với kỳ trước" style="width:100%;max-width:{width}px;height:auto;font:12px sans-serif">',
        f'<text x="{left}" y="14" text-anchor="middle">{escape(str(results.get("previous_period") or ""))}</text>',
        f'<text x="{right}" y="14" text-anchor="middle">{escape(str(results["period"]))}</text>',
    ]
    for u, prev in pairs:
        up = float(u["index"]) >= float(prev)
        colour = "#1a7f37" if up else "#d1242f"
        parts.append(
            f'<a href="{_unit_href(u)}">'
            f'<line x1="{left}" y1="{y(prev):.1f}" x2="{right}" y2="{y(u["index"]):.1f}" stroke="{colour}" '
            f'stroke-width="1.5"><title>{escape(u["display_name"])}: {_num(prev)} → {_num(u["index"])}</title></line></a>'
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


def heat_rows(results: Mapping[str, Any], limit: int = 200) -> Sequence[dict[str, Any]]:
    """Units × fields with each cell's percent and colour, for the heat-map table (up to ``limit`` units)."""
    rows = []
    for u in results["units"][:limit]:
        cells = []
        for f in u["fields"]:
            pct = f["percent"]
            cells.append(
                {
                    "text": "—" if pct is None else _short(pct),
                    "colour": heat_colour(None if pct is None else float(pct)),
                    "title": f"{u['display_name']} — {f['name']}",
                }
            )
        rows.append({"name": u["display_name"], "cells": cells})
    return rows


def field_profile_svg(results: Mapping[str, Any], unit_code: str, width: int = 720) -> str:
    """One unit's fields as % of their max (weak fields red), with each field's average.

    The browser's version of ``charts.field_profile_chart``: pointing at a bar names the
    field, its points, its % and the average of the units.
    """
    from parindex.reports.charts import field_averages

    unit = next(u for u in results["units"] if str(u["unit"]) == str(unit_code))
    fields = list(unit["fields"])
    averages = field_averages(results)
    left, top, bottom, height = 44, 22, 28, 300
    plot_w, plot_h = width - left - 10, height - top - bottom
    slot = plot_w / max(len(fields), 1)
    y = lambda v: top + plot_h * (1 - float(v) / 110)  # noqa: E731
    name = escape(str(unit["display_name"]))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Tỷ lệ điểm theo lĩnh vực của {name}" '
        f'style="width:100%;max-width:{width}px;height:auto;font:12px sans-serif">'
    ]
    for tick in range(0, 101, 20):
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - 10}" y2="{y(tick):.1f}" stroke="#d0d7de" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}%</text>'
        )
    marks = []
    for i, f in enumerate(fields):
        centre = left + slot * (i + 0.5)
        code = escape(str(f["code"]))
        pct = f.get("percent")
        average = averages.get(str(f["code"]))
        tip = f"LV {code}. {escape(str(f['name']))}: " + (
            "không đánh giá"
            if pct is None
            else f"{_short(f['score'])}/{_short(f['max'])} điểm ({_short(pct)}%)"
        )
        if average is not None:
            tip += f"; bình quân các đơn vị {_short(round(average, 2))}%"
        if pct is not None:
            colour = "#d1242f" if f.get("weak") else "#2f81f7"
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
            f'<polyline points="{path}" fill="none" stroke="#b2182b" stroke-dasharray="4 3"/>'
        )
        parts.extend(
            f'<path d="M{x:.1f},{v - 4:.1f} l4,4 l-4,4 l-4,-4 z" fill="#b2182b"><title>{tip}</title></path>'
            for x, v, tip in marks
        )
        parts.append(
            f'<text x="{width - 12}" y="{top - 8}" text-anchor="end" fill="#b2182b">◆ bình quân các đơn vị</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
