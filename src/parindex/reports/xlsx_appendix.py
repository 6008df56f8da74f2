"""The appendix of the publishing decision (phụ lục quyết định công bố) as XLSX.

``render(results)`` takes the published run (``PublishedRun``: the ``results.json``
of format ``parindex.results/1``, read once) and returns the workbook's bytes: a sheet "Phụ lục" with
one row per unit in rank order (points per field, appraised self-assessment
points, survey points, total, applicable max, index, rank, class and the change
against the previous period) and a sheet "Theo lĩnh vực" with each field's
percentage of its max.

Numbers stay numbers; their formats carry the Vietnamese locale tag so Excel and
LibreOffice in Vietnamese show ``83,05``. Nothing here computes a rule of the
index: every figure is read from the results.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.numbers import (
    XLSX_DELTA,
    XLSX_INDEX,
    XLSX_INTEGER,
    XLSX_RANK_CHANGE,
    format_count,
    format_vn,
    to_decimal,
    xlsx_points_format,
)
from parindex.core.published import FieldEntry, FieldInfo, PartEntry, PublishedRun, UnitEntry

FONT_NAME = "Times New Roman"

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
AVERAGE_FILL = PatternFill("solid", fgColor="F2F2F2")
WEAK_FILL = PatternFill("solid", fgColor="FCE4D6")

TITLE_SIZE = 13
BODY_SIZE = 11
A4 = 9  # openpyxl's paperSize code for A4

CellValue = Decimal | int | str | None
"""What a column gives for a unit: a number, a text (a name, or «KĐG»), or nothing."""

SHEET_TITLE = "Phụ lục"
FIELDS_SHEET_TITLE = "Theo lĩnh vực"


def render(results: PublishedRun) -> bytes:
    """The decision appendix workbook for one period's results, as XLSX bytes."""
    workbook = Workbook()
    main = workbook.active
    main.title = SHEET_TITLE
    _appendix_sheet(main, results)
    _fields_sheet(workbook.create_sheet(FIELDS_SHEET_TITLE), results)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class _Column:
    """One column of a table: its header, the group above it, how to fill it."""

    header: str
    value: Callable[[UnitEntry], CellValue]
    kind: str  # "text", "name", "points", "index", "integer", "delta", "rank_change"
    width: float
    group: str | None = None


def _fields(results: PublishedRun) -> tuple[FieldInfo, ...]:
    return results.framework.fields


def _has_survey(results: PublishedRun) -> bool:
    return results.framework.has_survey


def _part(part: PartEntry | None, percent: bool = False) -> Decimal | None:
    if part is None:
        return None
    return part.percent if percent else part.score


def _with_max(label: str, maximum: Decimal | None) -> str:
    return f"{label} ({format_vn(maximum)})" if maximum is not None else label


def _unit_name(unit: UnitEntry) -> str:
    return unit.display_name


def _field_score(code: str) -> Callable[[UnitEntry], CellValue]:
    def value(unit: UnitEntry) -> CellValue:
        item: FieldEntry | None = unit.field(code)
        if item is None:
            return None
        # A field not assessed for this unit (all its criteria KĐG) has no score.
        return item.score if item.assessed else "KĐG"

    return value


def _field_percent(code: str) -> Callable[[UnitEntry], CellValue]:
    def value(unit: UnitEntry) -> CellValue:
        item = unit.field(code)
        if item is None:
            return None
        return item.percent if item.percent is not None else "KĐG"

    return value


def _leading_columns(results: PublishedRun, names: Sequence[str]) -> list[_Column]:
    name_width = min(max([18.0, *(len(n) * 0.95 + 2 for n in names)]), 34.0)
    columns = [
        _Column("STT", lambda u: None, "integer", 5.5),
        _Column("Mã đơn vị", lambda u: u.code, "text", 10.0),
        _Column("Tên đơn vị", _unit_name, "name", name_width),
    ]
    if results.blocked:
        columns.append(_Column("Khối", lambda u: u.block, "text", 10.0))
    return columns


def _appendix_columns(results: PublishedRun, names: Sequence[str]) -> list[_Column]:
    framework = results.framework
    columns = _leading_columns(results, names)
    group = "Điểm đạt được theo lĩnh vực"
    for item in _fields(results):
        columns.append(
            _Column(
                _with_max(item.name or item.code, item.max),
                _field_score(item.code),
                "points",
                12.5,
                group,
            )
        )
    columns.append(
        _Column(
            _with_max("Điểm tự đánh giá qua thẩm định", framework.self_max),
            lambda u: _part(u.self_part),
            "points",
            12.5,
        )
    )
    if _has_survey(results):
        columns.append(
            _Column(
                _with_max("Điểm điều tra xã hội học", framework.survey_max),
                lambda u: _part(u.survey),
                "points",
                12.5,
            )
        )
    columns += [
        _Column(
            _with_max("Tổng điểm đạt được", framework.max),
            lambda u: u.score,
            "points",
            11.5,
        ),
        _Column("Điểm tối đa áp dụng", lambda u: u.max, "points", 10.5),
        _Column("Chỉ số CCHC (%)", lambda u: u.index, "index", 10.5),
        _Column("Xếp hạng", lambda u: u.rank, "integer", 8.5),
        _Column("Xếp loại", lambda u: u.class_label, "text", 11.5),
    ]
    previous_period = results.previous_period
    if previous_period:
        group = f"So với năm {previous_period}"
        columns += [
            _Column(
                f"Chỉ số năm {previous_period}",
                lambda u: u.previous.index if u.previous else None,
                "index",
                10.5,
                group,
            ),
            _Column(
                "Tăng/giảm (điểm)",
                lambda u: u.previous.delta if u.previous else None,
                "delta",
                10.5,
                group,
            ),
            _Column(
                "Thay đổi vị thứ",
                lambda u: u.previous.rank_change if u.previous else None,
                "rank_change",
                9.5,
                group,
            ),
        ]
    return columns


def _field_percent_columns(results: PublishedRun, names: Sequence[str]) -> list[_Column]:
    columns = _leading_columns(results, names)
    group = "Tỷ lệ điểm đạt được theo lĩnh vực (%)"
    for item in _fields(results):
        columns.append(
            _Column(
                _with_max(item.name or item.code, item.max),
                _field_percent(item.code),
                "index",
                12.5,
                group,
            )
        )
    columns.append(
        _Column(
            "Tự đánh giá qua thẩm định (%)",
            lambda u: _part(u.self_part, percent=True),
            "index",
            12.5,
        )
    )
    if _has_survey(results):
        columns.append(
            _Column(
                "Điều tra xã hội học (%)",
                lambda u: _part(u.survey, percent=True),
                "index",
                12.5,
            )
        )
    columns.append(_Column("Chỉ số CCHC (%)", lambda u: u.index, "index", 10.5))
    return columns


# ---------------------------------------------------------------------------
# Cells


def _font(bold: bool = False, italic: bool = False, size: float = BODY_SIZE) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _number(value: CellValue) -> int | float | None:
    """A JSON number (or Decimal) as Excel stores it; None if it is not one."""
    exact = to_decimal(value) if not isinstance(value, str) else None
    if exact is None:
        return None
    if exact == exact.to_integral_value():
        return int(exact)
    return float(exact)


_FORMATS = {
    "index": XLSX_INDEX,
    "integer": XLSX_INTEGER,
    "delta": XLSX_DELTA,
    "rank_change": XLSX_RANK_CHANGE,
}


def _write_value(ws: Worksheet, row: int, col: int, column: _Column, value: CellValue) -> None:
    cell = ws.cell(row=row, column=col)
    if column.kind in ("text", "name") or isinstance(value, str):
        cell.value = None if value is None else str(value)
        key: tuple[str, str] = ("name" if column.kind == "name" else "text", "General")
    else:
        cell.value = _number(value)
        number_format = (
            xlsx_points_format(value) if column.kind == "points" else _FORMATS[column.kind]
        )
        key = ("number", number_format)
    _apply_style(ws, cell, key)


def _apply_style(ws: Worksheet, cell: Any, key: tuple[str, str]) -> None:  # openpyxl: untyped
    """Style a body cell; the first cell of each style is styled, the rest copy its style array.

    Setting font, border and alignment objects on every cell costs openpyxl a hash of
    each object per cell (tens of seconds for a national appendix); copying the
    workbook-local style indices is what openpyxl does itself when copying cells.
    """
    cache: dict[tuple[str, str], Any] = ws.parent.__dict__.setdefault("_parindex_styles", {})
    style = cache.get(key)
    if style is not None:
        cell._style = copy(style)
        return
    kind, number_format = key
    cell.font = _font()
    cell.border = BORDER
    if kind == "number":
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.number_format = number_format
    else:
        cell.alignment = Alignment(
            horizontal="left" if kind == "name" else "center",
            vertical="center",
            wrap_text=True,
            indent=1 if kind == "name" else 0,
        )
    cache[key] = copy(cell._style)


def _text_lines(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column this wide (an estimate)."""
    usable = max(width - 1.5, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(len(paragraph) * 1.15 / usable))
    return lines


def _write_title(ws: Worksheet, row: int, text: str, last_col: int, **font: Any) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = _font(**font)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _write_header(ws: Worksheet, top: int, columns: Sequence[_Column]) -> int:
    """Two header rows: groups above (merged across), single columns merged down.

    Returns the last header row.
    """
    bottom = top + 1
    header_font = _font(bold=True)
    align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col in range(1, len(columns) + 1):
        for row in (top, bottom):
            cell = ws.cell(row=row, column=col)
            cell.font = header_font
            cell.alignment = align
            cell.border = BORDER
            cell.fill = HEADER_FILL

    col = 1
    while col <= len(columns):
        column = columns[col - 1]
        if column.group is None:
            ws.cell(row=top, column=col, value=column.header)
            ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
            col += 1
            continue
        end = col
        while end < len(columns) and columns[end].group == column.group:
            end += 1
        ws.cell(row=top, column=col, value=column.group)
        if end > col:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        for c in range(col, end + 1):
            ws.cell(row=bottom, column=c, value=columns[c - 1].header)
        col = end + 1

    sub_lines = max(
        [1]
        + [_text_lines(c.header, c.width) for c in columns if c.group is not None]
        + [_text_lines(c.header, c.width) - 1 for c in columns if c.group is None]
    )
    ws.row_dimensions[top].height = 32
    ws.row_dimensions[bottom].height = max(30, 15 * sub_lines + 4)
    return bottom


def _set_widths(ws: Worksheet, columns: Sequence[_Column]) -> None:
    for col, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width


def _page_setup(ws: Worksheet, header_top: int, header_bottom: int, freeze_col: int) -> None:
    ws.freeze_panes = ws.cell(row=header_bottom + 1, column=freeze_col)
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_top}:{header_bottom}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME


def _units(results: PublishedRun) -> tuple[UnitEntry, ...]:
    return results.units


def _write_units(
    ws: Worksheet, first_row: int, columns: Sequence[_Column], units: Sequence[UnitEntry]
) -> int:
    """One row per unit; returns the next free row."""
    row = first_row
    for number, unit in enumerate(units, start=1):
        for col, column in enumerate(columns, start=1):
            value = number if column.header == "STT" else column.value(unit)
            _write_value(ws, row, col, column, value)
        row += 1
    return row


# ---------------------------------------------------------------------------
# Sheets


def _period(results: PublishedRun) -> str:
    year = results.framework.year
    return results.period or (str(year) if year is not None else "")


def _title_rows(ws: Worksheet, results: PublishedRun, last_col: int) -> int:
    """The title block; returns the first free row."""
    framework = results.framework
    period = _period(results)
    row = 1
    _write_title(ws, row, "PHỤ LỤC", last_col, bold=True, size=TITLE_SIZE)
    row += 1
    _write_title(
        ws,
        row,
        f"KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {period}".strip(),
        last_col,
        bold=True,
        size=TITLE_SIZE,
    )
    row += 1
    if framework.name:
        _write_title(ws, row, framework.name, last_col, bold=True, size=BODY_SIZE + 1)
        row += 1
    decision = (results.decision or "").strip()
    if decision:
        if not decision.startswith("("):
            if not decision.lower().startswith("kèm theo"):
                decision = f"Kèm theo {decision}"
            decision = f"({decision})"
        _write_title(ws, row, decision, last_col, italic=True, size=BODY_SIZE + 1)
        row += 1
    return row + 1  # a blank row before the table


def _average_row(
    ws: Worksheet,
    row: int,
    columns: Sequence[_Column],
    label: str,
    average: Decimal,
    label_end: int,
) -> None:
    index_col = next(
        i for i, c in enumerate(columns, start=1) if c.header.startswith("Chỉ số CCHC")
    )
    for col in range(1, len(columns) + 1):
        cell = ws.cell(row=row, column=col)
        cell.border = BORDER
        cell.fill = AVERAGE_FILL
        cell.font = _font(bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_end)
    label_cell = ws.cell(row=row, column=1, value=label)
    label_cell.alignment = Alignment(horizontal="center", vertical="center")
    value_cell = ws.cell(row=row, column=index_col, value=_number(average))
    value_cell.number_format = XLSX_INDEX
    value_cell.alignment = Alignment(horizontal="center", vertical="center")


def _summary_lines(results: PublishedRun) -> list[str]:
    lines = []
    overall = results.overall
    labels = [label for label in results.framework.class_labels if label]
    labels += [label for label, _ in overall.classes if label not in labels]
    if labels:
        parts = [
            f"{label}: {format_count(overall.class_count(label), pad=True)}" for label in labels
        ]
        lines.append("Xếp loại (số đơn vị) — " + "; ".join(parts) + ".")
    above, below, at = overall.above, overall.below, overall.at
    if above or below or at:
        text = (
            f"Số đơn vị có chỉ số trên bình quân: {format_count(len(above), pad=True)}; "
            f"dưới bình quân: {format_count(len(below), pad=True)}"
        )
        if at:
            text += f"; bằng bình quân: {format_count(len(at), pad=True)}"
        lines.append(text + ".")
    return lines


def _appendix_sheet(ws: Worksheet, results: PublishedRun) -> None:
    units = _units(results)
    columns = _appendix_columns(results, [_unit_name(u) for u in units])
    name_col = next(i for i, c in enumerate(columns, start=1) if c.header == "Tên đơn vị")
    header_top = _title_rows(ws, results, len(columns))
    header_bottom = _write_header(ws, header_top, columns)
    row = _write_units(ws, header_bottom + 1, columns, units)

    label_end = name_col + (1 if results.blocked else 0)
    _average_row(ws, row, columns, "Chỉ số bình quân", results.average, label_end)
    row += 1
    for block in results.blocks:
        label = f"Chỉ số bình quân khối {block.label}"
        _average_row(ws, row, columns, label, block.average, label_end)
        row += 1

    row += 1
    for line in _summary_lines(results):
        cell = ws.cell(row=row, column=1, value=line)
        cell.font = _font(italic=True)
        row += 1

    _set_widths(ws, columns)
    _page_setup(ws, header_top, header_bottom, name_col + 1)
    ws.sheet_view.zoomScale = 90


def _fields_sheet(ws: Worksheet, results: PublishedRun) -> None:
    units = _units(results)
    columns = _field_percent_columns(results, [_unit_name(u) for u in units])
    name_col = next(i for i, c in enumerate(columns, start=1) if c.header == "Tên đơn vị")
    framework = results.framework
    period = _period(results)
    _write_title(
        ws,
        1,
        f"TỶ LỆ ĐIỂM ĐẠT ĐƯỢC THEO LĨNH VỰC NĂM {period}".strip(),
        len(columns),
        bold=True,
        size=TITLE_SIZE,
    )
    if framework.name:
        _write_title(ws, 2, framework.name, len(columns), italic=True)
    header_top = 4
    header_bottom = _write_header(ws, header_top, columns)
    row = _write_units(ws, header_bottom + 1, columns, units)

    # Mark the weak fields, as the results flag them.
    codes = [item.code for item in _fields(results)]
    first_field_col = name_col + 1 + (1 if results.blocked else 0)
    for offset, unit in enumerate(units):
        for i, code in enumerate(codes):
            item = unit.field(code)
            if item is not None and item.weak:
                ws.cell(row=header_bottom + 1 + offset, column=first_field_col + i).fill = WEAK_FILL

    weak_below = framework.weak_below
    if codes:
        note = ws.cell(
            row=row + 1,
            column=1,
            value=f"Ô tô màu: lĩnh vực đạt dưới {format_vn(weak_below)}% điểm tối đa.",
        )
        note.font = _font(italic=True)

    _set_widths(ws, columns)
    _page_setup(ws, header_top, header_bottom, name_col + 1)
    ws.sheet_view.zoomScale = 90


__all__ = ["render"]
