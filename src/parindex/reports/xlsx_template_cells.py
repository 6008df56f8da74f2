"""The cells of the fill-in workbook: fonts, fills, borders, and text that stays text.

Every value the template writes goes through ``put``: a text starting with ``=`` (a unit
named ``=HYPERLINK(…)``, a criterion name pasted from a spreadsheet) is stored as a string
with Excel's quote prefix, never as a formula that Excel or LibreOffice would run.
"""

from __future__ import annotations

import math
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from parindex.reports.xlsx_table import put_text

FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SURVEY_FILL = PatternFill("solid", fgColor="E2EFDA")
VALUE_FILL = PatternFill("solid", fgColor="FCE4D6")
"""Header of a criterion scored from a measured value (the unit enters the value)."""
BONUS_FILL = PatternFill("solid", fgColor="FFF2CC")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
NOT_APPLICABLE_FILL = PatternFill("solid", fgColor="D9D9D9")
GREY_TEXT = "595959"

Value = str | int | float | None


def font(bold: bool = False, italic: bool = False, size: float = 11, color: str = "") -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=color or None)


def number(value: Decimal) -> int | float:
    """A cell's number: an int when whole (``2``), else the float Excel stores (``8.5``)."""
    return int(value) if value == value.to_integral_value() else float(value)


def put(ws: Worksheet, row: int, col: int, value: Value) -> Cell:
    """Write a value; a text that looks like a formula stays text (formula escaping)."""
    return put_text(ws, row, col, value)


def header_cell(ws: Worksheet, row: int, col: int, value: Value, fill: PatternFill) -> Cell:
    cell = put(ws, row, col, value)
    cell.font = font(bold=row != 2)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BORDER
    cell.fill = fill
    return cell


def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` characters wide (in Times
    New Roman 11, a little narrower than the width's unit)."""
    chars = max(width - 1, 1.0)
    return sum(max(1, math.ceil(len(part) * 0.8 / chars)) for part in text.split("\n"))
