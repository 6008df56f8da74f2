"""One unit's fields as vector graphics in a PDF page (the «fields» chart of a scorecard).

The same chart as ``charts.field_profile_chart`` (DOCX): the unit's fields as % of their
maximum (weak fields red), with its group's averages; drawn in the page rather than as a
picture: sharp on paper, and a fraction of the time of a picture for each of thousands.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from parindex.core import palette
from parindex.core.numbers import format_percent
from parindex.core.published import PublishedRun, UnitEntry
from parindex.reports import charts
from parindex.reports.pdf_layout import TEXT_WIDTH_MM, Page

CHART_WIDTH_MM = 160.0
HEIGHT_MM = 72.0

_AVERAGES: tuple[PublishedRun | None, dict[str | None, dict[str, float]]] = (None, {})


def _field_averages(results: PublishedRun, block: str | None) -> dict[str, float]:
    """``charts.field_averages``, once per run and block (thousands of scorecards share it)."""
    global _AVERAGES
    if _AVERAGES[0] is not results:
        _AVERAGES = (results, {})
    found = _AVERAGES[1]
    if block not in found:
        found[block] = charts.field_averages(results, block)
    return found[block]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def field_profile(pdf: Page, results: PublishedRun, unit: UnitEntry) -> None:
    """Drawn from the current y (the caller has made room for ``HEIGHT_MM``); its title is
    the document's, above it."""
    fields = results.framework.fields
    block = unit.block if results.blocked else None  # its block's averages, none across
    averages = _field_averages(results, block)
    height, left, bottom, top = HEIGHT_MM, 17.0, 9.0, 5.0
    y0 = pdf.get_y()
    x0 = pdf.l_margin + (TEXT_WIDTH_MM - CHART_WIDTH_MM) / 2
    plot_x, plot_w = x0 + left, CHART_WIDTH_MM - left - 2
    plot_top, plot_h = y0 + top, height - top - bottom
    ceiling = 112.0

    def y_of(percent: float) -> float:
        return plot_top + plot_h * (1 - percent / ceiling)

    pdf.use_font(8)
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.1)
    for tick in range(0, 101, 20):
        y = y_of(tick)
        pdf.line(plot_x, y, plot_x + plot_w, y)
        label = format_percent(Decimal(tick))
        pdf.text(plot_x - 1.5 - pdf.width(label), y + 1, label)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.rect(plot_x, plot_top, plot_w, plot_h)
    with pdf.rotation(90, x0 + 3.5, plot_top + plot_h / 2):
        axis = "Tỷ lệ đạt so với điểm tối đa"
        pdf.text(x0 + 3.5 - pdf.width(axis) / 2, plot_top + plot_h / 2 + 1, axis)
    slot = plot_w / max(len(fields), 1)
    points: list[tuple[float, float]] = []
    for i, framework_field in enumerate(fields):
        code = framework_field.code
        mine = unit.field(code)
        value = _float(mine.percent) if mine is not None else None
        centre = plot_x + slot * (i + 0.5)
        bar = slot * 0.6
        if value is not None:
            weak = mine is not None and mine.weak
            pdf.set_fill_color(*_rgb(palette.WEAK_BAR if weak else palette.FIELD_BAR))
            pdf.rect(centre - bar / 2, y_of(value), bar, y_of(0) - y_of(value), style="F")
        label = "KĐG" if value is None else charts.vn_number(value) + "%"
        pdf.text(centre - pdf.width(label) / 2, y_of(value or 0) - 1, label)
        field_label = f"LV {code}"
        pdf.text(centre - pdf.width(field_label) / 2, plot_top + plot_h + 4, field_label)
        if code in averages:
            points.append((centre, y_of(averages[code])))
    colour = _rgb(palette.AVERAGE_LINE)
    pdf.set_draw_color(*colour)
    pdf.set_fill_color(*colour)
    pdf.set_line_width(0.3)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=1.2, gap=0.8)
        for (xa, ya), (xb, yb) in itertools.pairwise(points):
            pdf.line(xa, ya, xb, yb)
    for x, y in points:
        pdf.polygon([(x, y - 1), (x + 1, y), (x, y + 1), (x - 1, y)], style="F")
    legend = charts.average_label(results, block)
    box_w = pdf.width(legend) + 12
    bx, by = plot_x + plot_w - box_w - 1.5, plot_top + plot_h - 7.5
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(180, 180, 180)
    pdf.rect(bx, by, box_w, 6, style="DF")
    pdf.set_draw_color(*colour)
    pdf.set_fill_color(*colour)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=1.2, gap=0.8)
        pdf.line(bx + 1.5, by + 3, bx + 8, by + 3)
    pdf.polygon(
        [(bx + 4.75, by + 2), (bx + 5.75, by + 3), (bx + 4.75, by + 4), (bx + 3.75, by + 3)],
        style="F",
    )
    pdf.text(bx + 10, by + 4, legend)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(y0 + height + 3)
