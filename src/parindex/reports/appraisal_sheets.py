"""The appraisal council's workbooks: the self-assessment (kê khai), the review (rà soát: the
unit's score and both rounds' decisions with their reasons) and the explanations (giải trình),
for one unit or every unit shown (one long sheet with the unit's columns first).

Pure: takes plain frozen rows (the web gathers them), gives the XLSX bytes. Numbers stay
numbers with two decimals; every text goes through ``keep_as_text`` (no formula from a typed
note); the header row is frozen and repeated on each printed page, A4 landscape, fit to width.

>>> row = SelfRow("1.1", "Kế hoạch", Decimal(2), Decimal("1.5"), False, "", ())
>>> render_self("Kỳ 2024", [UnitRows("XA", "xã Tiên Châu", True, (row,))])[:2]
b'PK'
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.numbers import XLSX_POINTS, format_count
from parindex.core.workflow import final_score
from parindex.io.cells import xlsx_text
from parindex.reports.xlsx_table import (
    BORDER,
    HEADER_FILL,
    TITLE_SIZE,
    cell_font,
    keep_as_text,
    number,
    page_setup,
    put_text,
)

POINTS_FORMAT = XLSX_POINTS[2]
NOT_ASSESSED = "KĐG"
CARRIED = "Giữ kết quả thẩm định lần 1"


@dataclass(frozen=True)
class SelfRow:
    """A leaf as the unit declared it."""

    code: str
    name: str
    max: Decimal
    self_score: Decimal | None
    not_applicable: bool
    explanation: str
    evidence: tuple[str, ...]  # file names or document references


@dataclass(frozen=True)
class ReviewRow:
    """A leaf through the appraisal: the unit's score, round 1's and round 2's decisions.
    ``carried``: round 2 did not reopen it (round 1's result stands)."""

    code: str
    name: str
    max: Decimal
    self_score: Decimal | None
    not_applicable: bool
    round1: Decimal | None
    reason1: str
    round2: Decimal | None
    reason2: str
    carried: bool


@dataclass(frozen=True)
class ExplanationRow:
    """A leaf round 1 corrected: why, what the unit answered, what it added."""

    code: str
    name: str
    self_score: Decimal | None
    not_applicable: bool
    round1: Decimal | None
    reason1: str
    explanation: str
    evidence_added: tuple[str, ...]
    round2: Decimal | None


R = TypeVar("R", SelfRow, ReviewRow, ExplanationRow)


@dataclass(frozen=True)
class UnitRows(Generic[R]):
    code: str
    name: str
    submitted: bool
    rows: tuple[R, ...]


Value = Decimal | str | None


@dataclass(frozen=True)
class Col(Generic[R]):
    header: str
    width: float
    value: Callable[[R], Value]
    kind: str = "text"  # text (wrapped, left) · code (centred) · points


def _reason2(row: ReviewRow) -> str:
    """Round 2's reason; a leaf round 2 did not reopen says it kept round 1's result."""
    if row.carried and row.round2 is None and row.round1 is not None:
        return CARRIED
    return row.reason2


def _lines(text: str, width: float) -> int:
    """How many lines wrapped text takes in a column this wide (Times New Roman 11)."""
    return sum(max(1, math.ceil(len(p) / (width * 1.05))) for p in text.split("\n"))


def _own(score: Decimal | None, not_applicable: bool) -> Value:
    return NOT_ASSESSED if not_applicable else score


SELF_COLUMNS: tuple[Col[SelfRow], ...] = (
    Col("Mã tiêu chí", 9, lambda r: r.code, "code"),
    Col("Tiêu chí", 46, lambda r: r.name),
    Col("Điểm tối đa", 10, lambda r: r.max, "points"),
    Col("Điểm tự chấm", 10, lambda r: _own(r.self_score, r.not_applicable), "points"),
    Col("Thuyết minh", 44, lambda r: r.explanation),
    Col("Tài liệu kiểm chứng", 34, lambda r: "\n".join(r.evidence)),
)

REVIEW_COLUMNS: tuple[Col[ReviewRow], ...] = (
    Col("Mã tiêu chí", 9, lambda r: r.code, "code"),
    Col("Tiêu chí", 40, lambda r: r.name),
    Col("Điểm tối đa", 9, lambda r: r.max, "points"),
    Col("Điểm tự chấm", 10, lambda r: _own(r.self_score, r.not_applicable), "points"),
    Col("Điểm thẩm định lần 1", 11, lambda r: r.round1, "points"),
    Col("Lý do điều chỉnh lần 1", 32, lambda r: r.reason1),
    Col("Điểm thẩm định lần 2", 11, lambda r: r.round2, "points"),
    Col("Lý do lần 2", 30, lambda r: _reason2(r)),
    Col(
        "Điểm sau thẩm định",
        11,
        lambda r: final_score(None if r.not_applicable else r.self_score, r.round1, r.round2),
        "points",
    ),
)

EXPLANATION_COLUMNS: tuple[Col[ExplanationRow], ...] = (
    Col("Mã tiêu chí", 9, lambda r: r.code, "code"),
    Col("Tiêu chí", 34, lambda r: r.name),
    Col("Điểm tự chấm", 10, lambda r: _own(r.self_score, r.not_applicable), "points"),
    Col("Điểm thẩm định lần 1", 11, lambda r: r.round1, "points"),
    Col("Lý do điều chỉnh của thẩm định", 32, lambda r: r.reason1),
    Col("Giải trình của đơn vị", 40, lambda r: r.explanation or "(không giải trình)"),
    Col("Tài liệu bổ sung", 28, lambda r: "\n".join(r.evidence_added)),
    Col("Điểm thẩm định lần 2", 11, lambda r: r.round2, "points"),
)


def render_self(cycle_name: str, units: Sequence[UnitRows[SelfRow]]) -> bytes:
    return _render("Kê khai", "BẢNG KÊ KHAI TỰ ĐÁNH GIÁ", cycle_name, units, SELF_COLUMNS)


def render_review(cycle_name: str, units: Sequence[UnitRows[ReviewRow]]) -> bytes:
    return _render("Rà soát", "BẢNG RÀ SOÁT KẾT QUẢ THẨM ĐỊNH", cycle_name, units, REVIEW_COLUMNS)


def render_explanations(cycle_name: str, units: Sequence[UnitRows[ExplanationRow]]) -> bytes:
    return _render("Giải trình", "BẢNG TỔNG HỢP GIẢI TRÌNH", cycle_name, units, EXPLANATION_COLUMNS)


def unit_label(unit: UnitRows[R]) -> str:
    return unit.name if unit.submitted else f"{unit.name} (chưa nộp tự đánh giá)"


def _render(
    sheet: str,
    title: str,
    cycle_name: str,
    units: Sequence[UnitRows[R]],
    columns: Sequence[Col[R]],
) -> bytes:
    """One sheet; with more than one unit the unit's code and name come first on every row."""
    many = len(units) != 1
    unit_cols: list[tuple[str, float]] = [("Mã đơn vị", 10), ("Đơn vị", 26)] if many else []
    widths = [w for _, w in unit_cols] + [c.width for c in columns]
    last = len(widths)
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = sheet
    subtitle = f"{format_count(len(units))} đơn vị" if many else unit_label(units[0])
    _title(ws, 1, f"{title} — {cycle_name}", last, bold=True, size=TITLE_SIZE)
    _title(ws, 2, subtitle, last, italic=True)
    header = 3
    for col, text in enumerate([h for h, _ in unit_cols] + [c.header for c in columns], 1):
        cell = put_text(ws, header, col, text)
        cell.font = cell_font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[header].height = 34
    row = header + 1
    for unit in units:
        for item in unit.rows:
            values: list[tuple[Value, str, float]] = []
            if many:
                values += [(unit.code, "code", 10), (unit_label(unit), "text", 26)]
            values += [(c.value(item), c.kind, c.width) for c in columns]
            lines = 1
            for col, (value, kind, width) in enumerate(values, 1):
                _cell(ws, row, col, value, kind)
                if isinstance(value, str) and kind == "text":
                    lines = max(lines, _lines(value, width))
            ws.row_dimensions[row].height = min(409, 14 * lines + 4)
            row += 1
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    page_setup(ws, header, header, 3 if many else 2)
    ws.auto_filter.ref = f"A{header}:{get_column_letter(last)}{max(row - 1, header)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title(ws: Worksheet, row: int, text: str, last: int, **font: object) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    cell = put_text(ws, row, 1, text)
    cell.font = cell_font(**font)  # type: ignore[arg-type]
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 22


def _cell(ws: Worksheet, row: int, col: int, value: Value, kind: str) -> None:
    cell = ws.cell(row=row, column=col)
    is_number = kind == "points" and not isinstance(value, str)
    cell.value = number(value) if is_number else (xlsx_text(value) if value else None)
    _style(ws, cell, "number" if is_number else kind)
    if not is_number:
        keep_as_text(cell)  # after the style: its quote prefix is part of the style


def _style(ws: Worksheet, cell: Any, key: str) -> None:  # openpyxl's cell: untyped
    """The first cell of each kind is styled, the rest copy its style (fast for 150 units)."""
    cache: dict[str, Any] = ws.parent.__dict__.setdefault("_appraisal_styles", {})
    if key in cache:
        cell._style = copy(cache[key])
        return
    cell.font = cell_font()
    cell.border = BORDER
    if key == "number":
        cell.number_format = POINTS_FORMAT
        cell.alignment = Alignment(horizontal="right", vertical="top")
    else:
        cell.alignment = Alignment(
            horizontal="left" if key == "text" else "center", vertical="top", wrap_text=True
        )
    cache[key] = copy(cell._style)
