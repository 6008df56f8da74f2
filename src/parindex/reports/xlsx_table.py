"""A printable table on an XLSX sheet: its columns, the two header rows, body cells in
Times New Roman with borders, numbers stored as numbers in Vietnamese formats, A4
landscape with the header rows repeated. The reports' tables are built with it; the decision
appendix writes the same columns with xlsxwriter (``xlsx_stream``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.numbers import (
    XLSX_DELTA,
    XLSX_INDEX,
    XLSX_INTEGER,
    XLSX_RANK_CHANGE,
    to_decimal,
    xlsx_points_format,
)
from parindex.core.published import UnitEntry
from parindex.io.cells import looks_like_formula, xlsx_text

FONT_NAME = "Times New Roman"

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

TITLE_SIZE = 13
BODY_SIZE = 11
A4 = 9  # openpyxl's paperSize code for A4

CellValue = Decimal | int | str | None
"""What a column gives for a unit: a number, a text (a name, or «KĐG»), or nothing."""


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, the group above it, how to fill it."""

    header: str
    value: Callable[[UnitEntry], CellValue]
    kind: str  # "text", "name", "points", "index", "integer", "delta", "rank_change"
    width: float
    group: str | None = None


def cell_font(bold: bool = False, italic: bool = False, size: float = BODY_SIZE) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def number(value: CellValue) -> int | float | None:
    """A JSON number (or Decimal) as Excel stores it; None if it is not one."""
    exact = to_decimal(value) if not isinstance(value, str) else None
    if exact is None:
        return None
    if exact == exact.to_integral_value():
        return int(exact)
    return float(exact)


FORMATS = {
    "index": XLSX_INDEX,
    "integer": XLSX_INTEGER,
    "delta": XLSX_DELTA,
    "rank_change": XLSX_RANK_CHANGE,
}


def keep_as_text(cell: Cell) -> Cell:
    """A text that looks like a formula ("=…", "+…", "-…", "@…", a tab or CR first: a unit's
    name or a typed note) stays text in Excel and LibreOffice: a string cell with the quote
    prefix — the one formula escaping of every generated workbook (``io.cells``)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_text(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write a value to a cell: a text without the characters XLSX cannot hold, kept as text
    if it looks like a formula; a number as a number."""
    cell = ws.cell(row=row, column=col)
    cell.value = xlsx_text(value)
    return keep_as_text(cell)


def write_value(ws: Worksheet, row: int, col: int, column: Column, value: CellValue) -> None:
    cell = ws.cell(row=row, column=col)
    if column.kind in ("text", "name") or isinstance(value, str):
        cell.value = None if value is None else xlsx_text(str(value))
        key: tuple[str, str] = ("name" if column.kind == "name" else "text", "General")
        _apply_style(ws, cell, key)
        keep_as_text(cell)  # after the style: its quote prefix is part of the style
        return
    else:
        cell.value = number(value)
        number_format = (
            xlsx_points_format(value) if column.kind == "points" else FORMATS[column.kind]
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
    cell.font = cell_font()
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


def text_lines(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column this wide (an estimate)."""
    usable = max(width - 1.5, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(len(paragraph) * 1.15 / usable))
    return lines


def write_title(ws: Worksheet, row: int, text: str, last_col: int, **font: Any) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    cell = put_text(ws, row, 1, text)
    cell.font = cell_font(**font)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_header(ws: Worksheet, top: int, columns: Sequence[Column]) -> int:
    """Two header rows: groups above (merged across), single columns merged down.

    Returns the last header row.
    """
    bottom = top + 1
    header_font = cell_font(bold=True)
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
            put_text(ws, top, col, column.header)
            ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
            col += 1
            continue
        end = col
        while end < len(columns) and columns[end].group == column.group:
            end += 1
        put_text(ws, top, col, column.group)
        if end > col:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        for c in range(col, end + 1):
            put_text(ws, bottom, c, columns[c - 1].header)
        col = end + 1

    sub_lines = max(
        [1]
        + [text_lines(c.header, c.width) for c in columns if c.group is not None]
        + [text_lines(c.header, c.width) - 1 for c in columns if c.group is None]
    )
    ws.row_dimensions[top].height = 32
    ws.row_dimensions[bottom].height = max(30, 15 * sub_lines + 4)
    return bottom


def set_widths(ws: Worksheet, columns: Sequence[Column]) -> None:
    for col, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width


def page_setup(ws: Worksheet, header_top: int, header_bottom: int, freeze_col: int) -> None:
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


def write_units(
    ws: Worksheet, first_row: int, columns: Sequence[Column], units: Sequence[UnitEntry]
) -> int:
    """One row per unit; returns the next free row."""
    row = first_row
    for number, unit in enumerate(units, start=1):
        for col, column in enumerate(columns, start=1):
            value = number if column.header == "STT" else column.value(unit)
            write_value(ws, row, col, column, value)
        row += 1
    return row
