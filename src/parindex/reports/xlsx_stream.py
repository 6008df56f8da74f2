"""A printable table on an XLSX sheet, written with xlsxwriter.

The same table as ``xlsx_table`` (its ``Column``s, two header rows, body cells in Times
New Roman with borders, numbers stored as numbers in Vietnamese formats, A4 landscape
with the header rows repeated), for sheets too large for openpyxl: a national appendix
is 3,321 rows, which openpyxl styles and saves in seconds. xlsxwriter only writes: each
cell is written once with its whole style (a weak field's fill too), each distinct style
is one format, and the file is built in memory (``in_memory``; its ``constant_memory``
mode needs temporary files and is no faster at this size).

Rows and columns are counted from 1 here, as in openpyxl and ``xlsx_table``.

Texts follow the one rule of ``io.cells``: characters XLSX cannot hold are left out, and
a text that looks like a formula is a string cell with the quote prefix.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from xlsxwriter import Workbook

from parindex.core.numbers import XLSX_POINTS, xlsx_points_format
from parindex.core.published import UnitEntry
from parindex.io.cells import looks_like_formula, xlsx_text
from parindex.reports.xlsx_table import (
    A4,
    BODY_SIZE,
    FONT_NAME,
    FORMATS,
    CellValue,
    Column,
    number,
    text_lines,
)

HEADER_FILL = "DDEBF7"
BORDER_COLOR = "#000000"
MAX_DIGIT_WIDTH = 7
"""Pixels per character of column width (Calibri 11, the workbook's default font): a
width given in pixels is stored as pixels / 7 characters, which keeps ``Column.width``."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a workbook is built: xlsxwriter keeps a
    tuple per cell, and with a national run in memory (the scores, results.json) each of
    the collections those allocations set off walks all of it: a third of the appendix's
    time. Nothing built here needs it; it runs again after (if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Style:
    """A cell's whole style; each distinct one becomes one xlsxwriter format."""

    bold: bool = False
    italic: bool = False
    size: float = BODY_SIZE
    border: bool = False
    fill: str | None = None
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False
    indent: int = 0
    number_format: str | None = None
    quote: bool = False

    def centered(self) -> Style:
        return replace(self, horizontal="center", vertical="center")


def font(bold: bool = False, italic: bool = False, size: float = BODY_SIZE) -> Style:
    return Style(bold=bold, italic=italic, size=size)


class Book:
    """A streaming workbook and the formats of its styles."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        # Texts are written as texts whatever they start with; ``write`` is never used, and
        # its guesses (formulas, links) are off for what xlsxwriter writes itself.
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        self.workbook = Workbook(self._buffer, options)
        self._formats: dict[Style, Any] = {}

    def format(self, style: Style) -> Any:
        found = self._formats.get(style)
        if found is None:
            options: dict[str, Any] = {"font_name": FONT_NAME, "font_size": style.size}
            if style.bold:
                options["bold"] = True
            if style.italic:
                options["italic"] = True
            if style.border:
                options["border"] = 1
                options["border_color"] = BORDER_COLOR
            if style.fill:
                options["pattern"] = 1
                options["bg_color"] = f"#{style.fill}"
            if style.horizontal:
                options["align"] = style.horizontal
            if style.vertical:
                options["valign"] = "vcenter" if style.vertical == "center" else style.vertical
            if style.wrap:
                options["text_wrap"] = True
            if style.indent:
                options["indent"] = style.indent
            if style.number_format:
                options["num_format"] = style.number_format
            if style.quote:
                options["quote_prefix"] = True
            found = self.workbook.add_format(options)
            self._formats[style] = found
        return found

    def sheet(self, name: str) -> Sheet:
        return Sheet(self, self.workbook.add_worksheet(name))

    def close(self) -> bytes:
        self.workbook.close()
        return self._buffer.getvalue()


class Sheet:
    """One worksheet of a ``Book``; rows and columns from 1."""

    def __init__(self, book: Book, ws: Any) -> None:
        self.book = book
        self.ws = ws

    def text(self, row: int, col: int, value: Any, style: Style = Style()) -> None:
        """A text without the characters XLSX cannot hold, kept as text if it looks like a
        formula; nothing (a styled blank) for None."""
        value = xlsx_text(value)
        if value is None or value == "":
            self.blank(row, col, style)
            return
        if not isinstance(value, str):
            self.number(row, col, value, style)
            return
        if looks_like_formula(value):
            style = replace(style, quote=True)
        self.ws.write_string(row - 1, col - 1, value, self.book.format(style))

    def number(self, row: int, col: int, value: CellValue, style: Style) -> None:
        stored = number(value)
        if stored is None:
            self.blank(row, col, style)
        else:
            self.ws.write_number(row - 1, col - 1, stored, self.book.format(style))

    def blank(self, row: int, col: int, style: Style) -> None:
        if style != Style():
            self.ws.write_blank(row - 1, col - 1, None, self.book.format(style))

    def merge(
        self, first_row: int, first_col: int, last_row: int, last_col: int, style: Style
    ) -> None:
        """Merge a range, its cells blank in this style: write the first cell (and any
        other) afterwards, each write replaces what was there."""
        if (first_row, first_col) != (last_row, last_col):
            self.ws.merge_range(
                first_row - 1,
                first_col - 1,
                last_row - 1,
                last_col - 1,
                "",
                self.book.format(style),
            )

    def row_height(self, row: int, height: float) -> None:
        """In points, kept exact (``set_row`` rounds it to whole pixels)."""
        self.ws.set_row_pixels(row - 1, height / 0.75)

    def widths(self, columns: Sequence[Column]) -> None:
        for col, column in enumerate(columns):
            self.ws.set_column_pixels(col, col, column.width * MAX_DIGIT_WIDTH)


def write_title(sheet: Sheet, row: int, text: str, last_col: int, **font_options: Any) -> None:
    """A title across the table, merged over its columns."""
    style = replace(font(**font_options), wrap=True).centered()
    sheet.merge(row, 1, row, last_col, style)
    sheet.text(row, 1, text, style)


def header_style() -> Style:
    return Style(bold=True, border=True, fill=HEADER_FILL, wrap=True).centered()


def write_header(sheet: Sheet, top: int, columns: Sequence[Column]) -> int:
    """Two header rows: groups above (merged across), single columns merged down.

    Returns the last header row.
    """
    bottom = top + 1
    style = header_style()
    sub_lines = max(
        [1]
        + [text_lines(c.header, c.width) for c in columns if c.group is not None]
        + [text_lines(c.header, c.width) - 1 for c in columns if c.group is None]
    )
    sheet.row_height(top, 32)
    sheet.row_height(bottom, max(30, 15 * sub_lines + 4))

    spans: list[tuple[int, int]] = []  # the first and last column of each group or column
    col = 1
    while col <= len(columns):
        column = columns[col - 1]
        end = col
        if column.group is not None:
            while end < len(columns) and columns[end].group == column.group:
                end += 1
        spans.append((col, end))
        col = end + 1

    for first, last in spans:
        column = columns[first - 1]
        if column.group is None:
            sheet.merge(top, first, bottom, first, style)
            sheet.text(top, first, column.header, style)
            continue
        sheet.merge(top, first, top, last, style)  # nothing merged for a group of one
        sheet.text(top, first, column.group, style)
        for c in range(first, last + 1):
            sheet.text(bottom, c, columns[c - 1].header, style)
    return bottom


BODY = Style(border=True)
TEXT_STYLE = replace(BODY, wrap=True).centered()
NAME_STYLE = replace(BODY, horizontal="left", vertical="center", wrap=True, indent=1)
NUMBER_STYLE = BODY.centered()


def write_units(
    sheet: Sheet,
    first_row: int,
    columns: Sequence[Column],
    units: Sequence[UnitEntry],
    fills: Callable[[UnitEntry], Mapping[int, str]] | None = None,
) -> int:
    """One row per unit, as ``xlsx_table.write_units`` writes it: a text (or «KĐG») in a
    wrapped text cell, a number as a number in its column's format, nothing as a blank
    with the cell's style. ``fills`` gives a unit's filled cells (column → colour).

    Returns the next free row.
    """
    book, ws = sheet.book, sheet.ws
    write_number, write_string, write_blank = ws.write_number, ws.write_string, ws.write_blank
    styles: dict[tuple[str, str | None], Any] = {}

    def style_of(kind: str, fill: str | None) -> Any:
        """The format of a cell of this kind: "text", "name" (and "…'" quoted), or a
        number format."""
        found = styles.get((kind, fill))
        if found is None:
            base = NAME_STYLE if kind.startswith("name") else TEXT_STYLE
            if kind.rstrip("'") not in ("text", "name"):
                base = replace(NUMBER_STYLE, number_format=kind)
            found = book.format(replace(base, fill=fill, quote=kind.endswith("'")))
            styles[(kind, fill)] = found
        return found

    def formats_of(column: Column, fill: str | None) -> tuple[Any, Any, Any, Any, tuple[Any, ...]]:
        """A column's formats: text, quoted text, blank, its number format (None for points),
        the three points formats."""
        text_kind = "name" if column.kind == "name" else "text"
        number_format = FORMATS.get(column.kind)
        return (
            style_of(text_kind, fill),
            style_of(text_kind + "'", fill),
            style_of(number_format or XLSX_POINTS[2], fill),  # a blank number: no value
            None if number_format is None else style_of(number_format, fill),
            tuple(style_of(points, fill) for points in XLSX_POINTS),
        )

    filled_formats: dict[tuple[int, str], tuple[Any, Any, Any, Any, tuple[Any, ...]]] = {}
    plan = [
        (col, column.value, column.kind in ("text", "name"), formats_of(column, None))
        for col, column in enumerate(columns)
    ]
    numbered = {col for col, column in enumerate(columns) if column.header == "STT"}
    numbers: dict[object, tuple[int | float | None, int]] = {}
    """Each value met, as stored and which of the points formats it takes: values repeat."""
    places = {points: i for i, points in enumerate(XLSX_POINTS)}

    row = first_row - 1
    for position, unit in enumerate(units, start=1):
        filled = fills(unit) if fills is not None else None
        for col, value_of, is_text, formats in plan:
            value = position if col in numbered else value_of(unit)
            if filled and col + 1 in filled:
                key = (col, filled[col + 1])
                found_formats = filled_formats.get(key)
                if found_formats is None:
                    found_formats = filled_formats[key] = formats_of(columns[col], key[1])
                formats = found_formats
            text, quoted, blank, fixed, points = formats
            if value is None:
                write_blank(row, col, None, text if is_text else blank)
            elif is_text or isinstance(value, str):
                value = xlsx_text(str(value))
                if not value:
                    write_blank(row, col, None, text)
                else:
                    write_string(row, col, value, quoted if looks_like_formula(value) else text)
            else:
                found = numbers.get(value)
                if found is None:
                    found = numbers[value] = (number(value), places[xlsx_points_format(value)])
                exact, place = found
                if exact is None:
                    write_blank(row, col, None, fixed or points[place])
                else:
                    write_number(row, col, exact, fixed or points[place])
        row += 1
    return row + 1


def page_setup(sheet: Sheet, header_top: int, header_bottom: int, freeze_col: int) -> None:
    """As ``xlsx_table.page_setup``: A4 landscape one page wide, the header rows repeated,
    frozen panes, centred, the page number in the footer."""
    ws = sheet.ws
    ws.freeze_panes(header_bottom, freeze_col - 1)
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # as many pages down as needed
    ws.repeat_rows(header_top - 1, header_bottom - 1)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("", {"margin": 0.5})
    ws.set_footer(f'&C&"{FONT_NAME}"Trang &P/&N', {"margin": 0.5})
