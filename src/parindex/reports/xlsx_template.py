"""The score workbook an office fills in (mẫu chấm điểm), as XLSX.

Its layout is a contract with the reader of filled workbooks; keep it exact:

* sheet "Chấm điểm" first. Row 1: ``Mã đơn vị``, ``Tên đơn vị``, then one column
  per leaf of the framework (in framework order, from column C) headed by the
  leaf's code as text. Row 2: ``Tên tiêu chí`` in B and each leaf's name. Row 3:
  ``Điểm tối đa`` in B and each leaf's max as a number. From row 4 on: one unit
  per row, its code in A and name in B, the score cells empty.
* a hidden sheet "parindex": A1 ``framework`` / B1 the framework id, A2 ``format``
  / B2 ``parindex.template/1``.

A score cell takes a number from 0 to the criterion's max, or ``KĐG`` / ``N/A``
(không đánh giá: the criterion does not apply to the unit); an empty cell is a
score not yet given. Excel's data validation enforces that while typing. The
sheet "Hướng dẫn" explains it and lists the whole framework tree.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.framework import Framework, Node
from parindex.core.numbers import format_vn, plain_decimal, xlsx_points_format

FORMAT = "parindex.template/1"
SCORES_SHEET = "Chấm điểm"
GUIDE_SHEET = "Hướng dẫn"
META_SHEET = "parindex"
NOT_ASSESSED = ("KĐG", "N/A")
FIRST_LEAF_COLUMN = 3
FIRST_UNIT_ROW = 4
BLANK_ROWS = 100  # rows made ready for typing when no unit is given

FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SURVEY_FILL = PatternFill("solid", fgColor="E2EFDA")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")

NOTE = (
    "Nhập điểm từ 0 đến điểm tối đa của tiêu chí. "
    "Ghi «KĐG» (hoặc «N/A») nếu tiêu chí không đánh giá đối với đơn vị; "
    "điểm tối đa của tiêu chí đó được trừ khỏi điểm tối đa áp dụng. "
    "Ô để trống là chưa chấm điểm (thiếu)."
)


def render(framework: Framework, units: Sequence[tuple[str, str]]) -> bytes:
    """The fill-in workbook for a framework and its units (code, name), as XLSX bytes."""
    workbook = Workbook()
    scores = workbook.active
    scores.title = SCORES_SHEET
    _scores_sheet(scores, framework, units)
    _guide_sheet(workbook.create_sheet(GUIDE_SHEET), framework)
    meta = workbook.create_sheet(META_SHEET)
    meta["A1"] = "framework"
    meta["B1"] = framework.id
    meta["A2"] = "format"
    meta["B2"] = FORMAT
    meta.sheet_state = "hidden"
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _font(bold: bool = False, italic: bool = False, size: float = 11) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _validation(column: str, first_row: int, last_row: int, maximum: Decimal) -> DataValidation:
    cell = f"{column}{first_row}"
    words = ",".join(f'{cell}="{word}"' for word in NOT_ASSESSED)
    formula = f"OR(AND(ISNUMBER({cell}),{cell}>=0,{cell}<={plain_decimal(maximum)}),{words})"
    shown_max = format_vn(maximum)
    validation = DataValidation(
        type="custom",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="Điểm không hợp lệ",
        error=(
            f"Điểm phải là số từ 0 đến {shown_max}, hoặc «KĐG» / «N/A» nếu tiêu chí "
            "không đánh giá đối với đơn vị. Để trống nếu chưa chấm."
        ),
        promptTitle="Chấm điểm",
        prompt=f"Số từ 0 đến {shown_max}; «KĐG» hoặc «N/A» nếu không đánh giá.",
    )
    validation.add(f"{column}{first_row}:{column}{last_row}")
    return validation


def _header_cell(ws: Worksheet, row: int, col: int, value: object, fill: PatternFill) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = _font(bold=row != 2)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BORDER
    cell.fill = fill


def _scores_sheet(ws: Worksheet, framework: Framework, units: Sequence[tuple[str, str]]) -> None:
    leaves = framework.leaves
    for row, label in ((1, "Mã đơn vị"), (2, None), (3, None)):
        _header_cell(ws, row, 1, label, HEADER_FILL)
    for row, label in ((1, "Tên đơn vị"), (2, "Tên tiêu chí"), (3, "Điểm tối đa")):
        _header_cell(ws, row, 2, label, HEADER_FILL)
    ws["A1"].number_format = "@"

    last_row = FIRST_UNIT_ROW - 1 + (len(units) if units else BLANK_ROWS)
    for offset, (code, name) in enumerate(units):
        row = FIRST_UNIT_ROW + offset
        code_cell = ws.cell(row=row, column=1, value=str(code))
        code_cell.number_format = "@"
        ws.cell(row=row, column=2, value=str(name))
    for row in range(FIRST_UNIT_ROW, last_row + 1):
        for col in (1, 2):
            cell = ws.cell(row=row, column=col)
            cell.font = _font()
            cell.border = BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=col == 2)
        ws.cell(row=row, column=1).number_format = "@"

    longest_name = 0
    for i, leaf in enumerate(leaves):
        col = FIRST_LEAF_COLUMN + i
        letter = get_column_letter(col)
        fill = SURVEY_FILL if leaf.source == "survey" else HEADER_FILL
        _header_cell(ws, 1, col, leaf.code, fill)
        ws.cell(row=1, column=col).number_format = "@"
        _header_cell(ws, 2, col, leaf.name, fill)
        _header_cell(ws, 3, col, _number(leaf.max), fill)
        ws.cell(row=3, column=col).number_format = xlsx_points_format(leaf.max)
        longest_name = max(longest_name, len(leaf.name))
        for row in range(FIRST_UNIT_ROW, last_row + 1):
            cell = ws.cell(row=row, column=col)
            cell.font = _font()
            cell.border = BORDER
            cell.fill = INPUT_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.add_data_validation(_validation(letter, FIRST_UNIT_ROW, last_row, leaf.max))
        ws.column_dimensions[letter].width = 14

    ws["B3"].comment = Comment(NOTE, "parindex", width=320, height=140)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = max(
        [24.0, *(min(len(name) * 0.95 + 2, 40.0) for _, name in units)]
    )
    name_lines = max(1, math.ceil(longest_name * 1.15 / 12.5))  # in a 14-wide column
    ws.row_dimensions[2].height = min(15 * name_lines + 4, 160)
    ws.freeze_panes = "C4"
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:3"
    ws.print_title_cols = "A:B"


def _source_label(node: Node) -> str:
    sources = node.sources
    if sources == {"survey"}:
        return "Điều tra xã hội học"
    if sources == {"self"}:
        return "Tự đánh giá"
    return "Tự đánh giá và điều tra xã hội học"


def _guide_sheet(ws: Worksheet, framework: Framework) -> None:
    lines = [
        ("HƯỚNG DẪN NHẬP ĐIỂM", _font(bold=True, size=13)),
        (f"{framework.name} (mã {framework.id}, năm {framework.year})", _font(italic=True)),
        (None, None),
        (
            f"1. Nhập điểm của từng đơn vị vào sheet «{SCORES_SHEET}», mỗi đơn vị một dòng "
            "(từ dòng 4), mỗi tiêu chí một cột. Không sửa ba dòng đầu và cột mã đơn vị.",
            _font(),
        ),
        ("2. " + NOTE, _font()),
        (
            "3. Điểm có phần thập phân nhập theo dấu thập phân của máy (ví dụ 8,5). "
            "Excel từ chối giá trị ngoài khoảng 0 đến điểm tối đa.",
            _font(),
        ),
        (
            "4. Các cột tô màu xanh lá là tiêu chí chấm bằng điều tra xã hội học.",
            _font(),
        ),
        (None, None),
    ]
    row = 1
    for text, font in lines:
        if text is not None:
            cell = ws.cell(row=row, column=1, value=text)
            cell.font = font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            if len(text) > 90:
                ws.row_dimensions[row].height = 15 * (len(text) // 90 + 1) + 2
        row += 1

    for col, label in enumerate(("Mã", "Tên lĩnh vực, tiêu chí", "Điểm tối đa", "Nguồn"), start=1):
        _header_cell(ws, row, col, label, HEADER_FILL)
    header_row = row
    row += 1
    for top in framework.fields:
        for node in top.walk():
            depth = node.code.count(".")
            values = (node.code, node.name, _number(node.max), _source_label(node))
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.font = _font(bold=node is top, italic=not node.is_leaf and node is not top)
                cell.border = BORDER
                cell.alignment = Alignment(
                    vertical="center",
                    wrap_text=col == 2,
                    horizontal="center" if col in (3,) else None,
                    indent=depth if col == 2 else 0,
                )
            ws.cell(row=row, column=1).number_format = "@"
            ws.cell(row=row, column=3).number_format = xlsx_points_format(node.max)
            row += 1
    for col, total in enumerate(("Tổng", "", _number(framework.max_points), ""), start=1):
        cell = ws.cell(row=row, column=col, value=total or None)
        cell.font = _font(bold=True)
        cell.border = BORDER
    ws.cell(row=row, column=3).number_format = xlsx_points_format(framework.max_points)
    ws.cell(row=row, column=3).alignment = Alignment(horizontal="center")

    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 22
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


__all__ = ["FORMAT", "render"]
