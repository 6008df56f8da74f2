"""The province's indicator table as XLSX (the layout of QĐ 2629/QĐ-TTg Phụ lục I with
«Kết quả thực hiện» and «Đánh giá») and the attainment chart by unit as inline SVG.

Every text cell goes through ``xlsx_table.put_text`` (formula-safe); the SVG escapes every
name and states each bar's figure in words for screen readers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment

from parindex.core.indicator_table import ProvinceRow
from parindex.core.indicators import ATTAINED, MISSED
from parindex.reports.xlsx_table import BORDER, HEADER_FILL, cell_font, put_text, write_title

HEADER = (
    "TT",
    "Chỉ tiêu",
    "Đơn vị",
    "Kết quả",
    "Cơ quan chủ trì theo dõi, đánh giá",
    "Kết quả thực hiện",
    "Đánh giá",
)
WIDTHS = (6, 60, 10, 22, 24, 28, 14)


def table_cells(row: ProvinceRow) -> tuple[str, ...]:
    """One row's texts, as the page and the workbook print them."""
    return (
        str(row.number),
        row.indicator.name,
        row.indicator.unit,
        row.target_text,
        row.indicator.lead,
        row.result_text,
        row.verdict_text,
    )


def province_table_xlsx(titles: Sequence[str], rows: Sequence[ProvinceRow]) -> bytes:
    """``chi-tieu.xlsx``: the titles, the header and one row per indicator."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    line = 1
    for index, text in enumerate(titles):
        write_title(ws, line, text, len(HEADER), bold=index < 2, italic=index >= 2)
        line += 1
    line += 1
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, text in enumerate(HEADER, start=1):
        cell = put_text(ws, line, col, text)
        cell.font = cell_font(bold=True)
        cell.alignment = centre
        cell.border = BORDER
        cell.fill = HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = WIDTHS[col - 1]
    for row in rows:
        line += 1
        for col, text in enumerate(table_cells(row), start=1):
            cell = put_text(ws, line, col, text)
            cell.font = cell_font()
            cell.border = BORDER
            cell.alignment = (
                Alignment(vertical="center", wrap_text=True) if col in (2, 5, 6) else centre
            )
    ws.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


COLOURS = {ATTAINED: "#2e7d32", MISSED: "#c62828", None: "#9e9e9e"}


@dataclass(frozen=True)
class Bar:
    label: str  # the unit's name
    measure: Decimal | None
    target: Decimal | None
    verdict: str | None
    words: str  # «83,05% — Đạt (chỉ tiêu ≥ 60%)»


def _x(value: Decimal, top: Decimal, width: int) -> str:
    """A position on the axis as the browser reads it (never shown as text)."""
    share = min(Decimal(1), max(Decimal(0), value / top)) if top else Decimal(0)
    return str(int(share * width))


def attainment_svg(
    bars: Sequence[Bar],
    top: Decimal = Decimal(100),
    width: int = 640,
    title: str = "Kết quả thực hiện chỉ tiêu theo đơn vị",
) -> str:
    """Horizontal bars by unit (or by period: the province's trend), green when the target is
    reached, red when not, grey without a target; a tick at each unit's target."""
    label_w, bar_w, row_h = 200, width - 320, 22
    height = row_h * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{escape(title)}</title>"
    ]
    for index, bar in enumerate(bars):
        y = index * row_h + 5
        parts.append(
            f"<g><title>{escape(bar.label)}: {escape(bar.words)}</title>"
            f'<text x="0" y="{y + 15}" font-size="12">{escape(bar.label[:32])}</text>'
        )
        if bar.measure is not None:
            length = _x(bar.measure, top, bar_w)
            colour = COLOURS.get(bar.verdict, COLOURS[None])
            parts.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{length}" height="14" fill="{colour}"/>'
            )
        if bar.target is not None:
            at = int(_x(bar.target, top, bar_w)) + label_w
            parts.append(
                f'<line x1="{at}" x2="{at}" y1="{y}" y2="{y + 20}" stroke="#000" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 15}" font-size="12">'
            f"{escape(bar.words)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
