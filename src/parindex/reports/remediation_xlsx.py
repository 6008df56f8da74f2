"""The remediation workbooks: a unit's draft plan (``khac-phuc-<unit>.xlsx``), which the unit
completes and hands back to ``parindex remediation check``, and the check's result
(``kiem-tra-khac-phuc.xlsx``).

The plan's sheet: the title, the subtitle, «Mã đơn vị:» with the unit's code and «Năm đánh
giá:» with the period (what the check reads back), then the findings table — STT, Mã, Tiêu
chí, the points, Lý do — with the columns the unit fills: Nguyên nhân (chủ quan, khách
quan), Nhiệm vụ, giải pháp, Cơ quan chủ trì, Thời gian thực hiện.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.remediation import STATUSES, UnitFindings, UnitRecovery
from parindex.reports.xlsx_table import (
    CellValue,
    Column,
    cell_font,
    page_setup,
    put_text,
    set_widths,
    write_header,
    write_title,
    write_value,
)

UNIT_LABEL = "Mã đơn vị:"
PERIOD_LABEL = "Năm đánh giá:"
CAUSE = "Nguyên nhân"
TOTAL = "Tổng cộng"


def _none(_: object) -> CellValue:
    return None


def _col(header: str, kind: str, width: float, group: str | None = None) -> Column:
    return Column(header, _none, kind, width, group)


PLAN_COLUMNS = (
    _col("STT", "integer", 6),
    _col("Mã", "text", 9),
    _col("Tiêu chí", "name", 44),
    _col("Điểm tối đa", "points", 9),
    _col("Điểm đạt", "points", 9),
    _col("Điểm bị trừ", "points", 9),
    _col("Lý do", "name", 24),
    _col("Chủ quan", "name", 24, CAUSE),
    _col("Khách quan", "name", 24, CAUSE),
    _col("Nhiệm vụ, giải pháp", "name", 32),
    _col("Cơ quan chủ trì", "name", 18),
    _col("Thời gian thực hiện", "name", 14),
)


def _label(ws: Worksheet, row: int, label: str, value: str) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    put_text(ws, row, 1, label).font = cell_font(bold=True)
    cell = put_text(ws, row, 3, value)
    cell.font = cell_font()
    cell.alignment = Alignment(horizontal="left")


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(ws: Worksheet, row: int, columns: Sequence[Column], values: Sequence[CellValue]) -> None:
    for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        write_value(ws, row, col, column, value)


def plan_workbook(found: UnitFindings, title_line: str) -> bytes:
    """The unit's draft plan as XLSX bytes."""
    book = Workbook()
    ws = book.active
    ws.title = "Khắc phục"
    last = len(PLAN_COLUMNS)
    write_title(ws, 1, "KẾ HOẠCH KHẮC PHỤC TỒN TẠI, HẠN CHẾ", last, bold=True, size=13)
    write_title(ws, 2, title_line, last, italic=True)
    _label(ws, 3, UNIT_LABEL, found.unit)
    _label(ws, 4, PERIOD_LABEL, found.period)
    top = 6
    bottom = write_header(ws, top, PLAN_COLUMNS)
    row = bottom + 1
    for i, f in enumerate(found.findings, start=1):
        _row(
            ws,
            row,
            PLAN_COLUMNS,
            [i, f.code, f.name, f.max, f.score, f.lost, f.reason or None, *[None] * 5],
        )
        row += 1
    total: list[CellValue] = [None, None, TOTAL, None, None, found.lost_total]
    _row(ws, row, PLAN_COLUMNS, [*total, *[None] * (last - len(total))])
    ws.cell(row=row, column=3).font = cell_font(bold=True)
    set_widths(ws, PLAN_COLUMNS)
    page_setup(ws, top, bottom, 4)
    return _save(book)


def _status_columns(before: str, now: str) -> tuple[Column, ...]:
    return (
        _col(f"Điểm bị trừ năm {before}", "points", 11),
        _col(f"Điểm bị trừ năm {now}", "points", 11),
        _col("Điểm gỡ lại", "points", 10),
    )


def check_workbook(units: Sequence[UnitRecovery], before: str, now: str) -> bytes:
    """The check: a sheet per unit and criterion, and a sheet of totals per unit."""
    book = Workbook()
    ws = book.active
    ws.title = "Chi tiết"
    columns = (
        _col("STT", "integer", 6),
        _col("Mã đơn vị", "text", 10),
        _col("Đơn vị", "name", 28),
        _col("Mã", "text", 9),
        _col("Tiêu chí", "name", 40),
        *_status_columns(before, now),
        _col(f"Điểm đạt năm {now}", "points", 10),
        _col("Kết quả", "name", 20),
    )
    write_title(ws, 1, f"KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ NĂM {before}", len(columns), bold=True)
    bottom = write_header(ws, 3, columns)
    row = bottom + 1
    number = 0
    for u in units:
        for r in u.items:
            number += 1
            _row(
                ws,
                row,
                columns,
                [
                    number,
                    u.unit,
                    u.name,
                    r.code,
                    r.name,
                    r.lost_before,
                    r.lost_now,
                    r.recovered_points if r.lost_now is not None else None,
                    r.score_now,
                    r.status,
                ],
            )
            row += 1
    set_widths(ws, columns)
    page_setup(ws, 3, bottom, 4)

    ws = book.create_sheet("Tổng hợp")
    totals = (
        _col("STT", "integer", 6),
        _col("Mã đơn vị", "text", 10),
        _col("Đơn vị", "name", 28),
        _col("Số tiêu chí", "integer", 9),
        *(_col(s, "integer", 11, "Số tiêu chí theo kết quả") for s in STATUSES),
        *_status_columns(before, now),
    )
    write_title(ws, 1, f"TỔNG HỢP KẾT QUẢ KHẮC PHỤC NĂM {before}", len(totals), bold=True)
    bottom = write_header(ws, 3, totals)
    row = bottom + 1
    for i, u in enumerate(units, start=1):
        _row(ws, row, totals, [i, u.unit, u.name, len(u.items), *_counts(u), *_points(u)])
        row += 1
    sums: list[CellValue] = [None, None, TOTAL, sum(len(u.items) for u in units)]
    sums += [sum(u.count(s) for u in units) for s in STATUSES]
    sums += [sum((p for u in units for p in _points(u)[i : i + 1]), Decimal(0)) for i in range(3)]
    _row(ws, row, totals, sums)
    ws.cell(row=row, column=3).font = cell_font(bold=True)
    set_widths(ws, totals)
    page_setup(ws, 3, bottom, 4)
    return _save(book)


def _counts(u: UnitRecovery) -> list[CellValue]:
    return [u.count(s) for s in STATUSES]


def _points(u: UnitRecovery) -> list[Decimal]:
    return [u.lost_before, u.lost_now, u.recovered_points]
