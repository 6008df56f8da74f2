"""The score workbook an office fills in (mẫu chấm điểm), as XLSX.

Its layout is a contract with the reader of filled workbooks (``io.scores``); keep it exact:

* sheet "Chấm điểm" first. Row 1: ``Mã đơn vị``, ``Tên đơn vị``, then one column
  per leaf of the framework (in framework order, from column C) headed by the
  leaf's code as text, then one column per bonus/penalty item headed by its code. Row 2:
  ``Tên tiêu chí`` in B and each leaf's name (a leaf with a rule: its name and
  ``(nhập giá trị đo)``), each item's name. Row 3: ``Điểm tối đa`` in B and each leaf's max
  as a number (a leaf with a rule: ``giá trị % (tối đa 2 điểm)``; an item: ``thưởng ≤ 2`` or
  ``trừ ≥ −1``). From row 4 on: one unit per row, its code in A and name in B, the input
  cells empty — except a leaf that does not apply to the unit's kind (``applies_to``),
  pre-filled ``KĐG`` and greyed when the unit's kind is known.
* a hidden sheet "parindex": A1 ``framework`` / B1 the framework id, A2 ``format``
  / B2 ``parindex.template/1``.
* a hidden sheet "Danh sách chọn": the drop-down lists of the leaves on a scale.

A leaf's cell takes its points (0 to max, or a level of its scale), or — for a leaf with a
rule — the measured value (``97,3`` or ``35/36``), from which the reader derives the points;
``KĐG`` / ``N/A`` where the criterion does not apply, ``KPS`` where "không phát sinh" gives
the max. An empty leaf cell is a score not yet given; an empty item cell is 0. Excel's data
validation enforces each column's rule while typing (``xlsx_template_inputs``); the sheet
"Hướng dẫn" explains it and lists the whole framework with its rules
(``xlsx_template_guide``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.framework import Framework
from parindex.core.numbers import xlsx_points_format
from parindex.reports.xlsx_template_cells import (
    BORDER,
    GREY_TEXT,
    HEADER_FILL,
    INPUT_FILL,
    NOT_APPLICABLE_FILL,
    font,
    header_cell,
    number,
    put,
    text_lines,
)
from parindex.reports.xlsx_template_guide import NOTE, guide_sheet
from parindex.reports.xlsx_template_inputs import (
    LISTS_SHEET,
    NOT_ASSESSED,
    Column,
    bonus_column,
    leaf_column,
    validation,
)

FORMAT = "parindex.template/1"
SCORES_SHEET = "Chấm điểm"
META_SHEET = "parindex"
FIRST_LEAF_COLUMN = 3
FIRST_UNIT_ROW = 4
BLANK_ROWS = 100  # rows made ready for typing when no unit is given
COLUMN_WIDTH = 14


def render(
    framework: Framework,
    units: Sequence[tuple[str, str]],
    kinds: Mapping[str, str] | None = None,
) -> bytes:
    """The fill-in workbook for a framework and its units (code, name), as XLSX bytes.

    ``kinds`` (unit code → kind, ``xã``, ``phường``…) lets the template pre-fill ``KĐG`` in
    the cells of criteria that do not apply to a unit's kind.
    """
    workbook = Workbook()
    scores = workbook.active
    scores.title = SCORES_SHEET
    columns = [leaf_column(leaf) for leaf in framework.leaves]
    if framework.bonus is not None:
        columns += [bonus_column(item) for item in framework.bonus.items]
    scales = [column for column in columns if column.kind == "scale"]
    lists = _lists_sheet(workbook.create_sheet(LISTS_SHEET), scales) if scales else {}
    _scores_sheet(scores, columns, units, kinds or {}, lists)
    guide_sheet(workbook.create_sheet("Hướng dẫn", 1), framework, SCORES_SHEET)
    meta = workbook.create_sheet(META_SHEET)
    for row, (key, value) in enumerate((("framework", framework.id), ("format", FORMAT)), 1):
        put(meta, row, 1, key)
        put(meta, row, 2, value)
    meta.sheet_state = "hidden"
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lists_sheet(ws: Worksheet, scales: Sequence[Column]) -> dict[str, str]:
    """One column of number cells (and the words) per distinct scale; each scale column's
    code → the range its drop-down list takes its items from."""
    ws.sheet_state = "hidden"
    ranges: dict[tuple[Decimal | str, ...], str] = {}
    by_code: dict[str, str] = {}
    for column in scales:
        if column.choices not in ranges:
            col = len(ranges) + 1
            letter = get_column_letter(col)
            put(ws, 1, col, "Thang điểm")
            for row, choice in enumerate(column.choices, start=2):
                cell = put(ws, row, col, choice if isinstance(choice, str) else number(choice))
                if not isinstance(choice, str):
                    cell.number_format = xlsx_points_format(choice)
            last = len(column.choices) + 1
            ranges[column.choices] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${last}"
        by_code[column.code] = ranges[column.choices]
    return by_code


def _scores_sheet(
    ws: Worksheet,
    columns: Sequence[Column],
    units: Sequence[tuple[str, str]],
    kinds: Mapping[str, str],
    lists: Mapping[str, str],
) -> None:
    for row, label in ((1, "Mã đơn vị"), (2, None), (3, None)):
        header_cell(ws, row, 1, label, HEADER_FILL)
    for row, label in ((1, "Tên đơn vị"), (2, "Tên tiêu chí"), (3, "Điểm tối đa")):
        header_cell(ws, row, 2, label, HEADER_FILL)
    ws["A1"].number_format = "@"

    last_row = FIRST_UNIT_ROW - 1 + (len(units) if units else BLANK_ROWS)
    for offset, (code, name) in enumerate(units):
        row = FIRST_UNIT_ROW + offset
        put(ws, row, 1, str(code))
        put(ws, row, 2, str(name))
    for row in range(FIRST_UNIT_ROW, last_row + 1):
        for col in (1, 2):
            cell = ws.cell(row=row, column=col)
            cell.font = font()
            cell.border = BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=col == 2)
        ws.cell(row=row, column=1).number_format = "@"

    longest_name = 0
    for i, column in enumerate(columns):
        col = FIRST_LEAF_COLUMN + i
        letter = get_column_letter(col)
        header_cell(ws, 1, col, column.code, column.fill).number_format = "@"
        header_cell(ws, 2, col, column.name, column.fill)
        top = header_cell(ws, 3, col, column.top, column.fill)
        if column.top_format:
            top.number_format = column.top_format
        longest_name = max(longest_name, len(column.name))
        for row in range(FIRST_UNIT_ROW, last_row + 1):
            cell = ws.cell(row=row, column=col)
            cell.font = font()
            cell.border = BORDER
            cell.fill = INPUT_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center")
            if column.text_cells:
                cell.number_format = "@"
        cells = f"{letter}{FIRST_UNIT_ROW}:{letter}{last_row}"
        rule = validation(column, cells, f"{letter}{FIRST_UNIT_ROW}", lists.get(column.code, ""))
        ws.add_data_validation(rule)
        ws.column_dimensions[letter].width = COLUMN_WIDTH
        _not_applicable(ws, col, column, units, kinds)

    ws["B3"].comment = Comment(NOTE, "parindex", width=320, height=140)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = max(
        [24.0, *(min(len(name) * 0.95 + 2, 40.0) for _, name in units)]
    )
    name_lines = max(1, math.ceil(longest_name * 1.15 / 12.5))  # in a 14-wide column
    ws.row_dimensions[2].height = min(15 * name_lines + 4, 160)
    tops = [text_lines(c.top, COLUMN_WIDTH) for c in columns if isinstance(c.top, str)]
    if tops:  # «giá trị % (tối đa 2 điểm)», «thưởng ≤ 2»
        ws.row_dimensions[3].height = 15 * max(tops) + 4
    ws.freeze_panes = "C4"
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:3"
    ws.print_title_cols = "A:B"


def _not_applicable(
    ws: Worksheet,
    col: int,
    column: Column,
    units: Sequence[tuple[str, str]],
    kinds: Mapping[str, str],
) -> None:
    """Pre-fill «KĐG», greyed, where the leaf does not apply to the unit's (known) kind."""
    leaf = column.leaf
    if leaf is None or not leaf.applies_to:
        return
    for offset, (code, _) in enumerate(units):
        kind = kinds.get(str(code), "")
        if kind and not leaf.applies(kind):
            cell = put(ws, FIRST_UNIT_ROW + offset, col, NOT_ASSESSED[0])
            cell.fill = NOT_APPLICABLE_FILL
            cell.font = font(italic=True, color=GREY_TEXT)


__all__ = ["FORMAT", "render"]
