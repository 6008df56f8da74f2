"""The demo province's 2026 PAR plan (``plan/ke-hoach-2026.xlsx``) and its progress table
(``plan/tien-do-2026.xlsx``), as an office keeps them in Excel.

The plan's annex has the title above (with "(Kèm theo Quyết định số …)"), the header row of
QĐ 2629/QĐ-TTg Phụ lục II, the row numbering the columns, the seven areas as merged
Roman-numbered heading rows and the tasks under them (``plan_tasks``). One deadline is typed
as a date cell. The progress table has a report per task that reported (dated on completion,
or 15/6/2026), and one task completed on 10/7/2026, after the demo's as-of date 30/06/2026.

``parindex plan status --plan plan/ke-hoach-2026.xlsx --progress plan/tien-do-2026.xlsx
--as-of 30/06/2026 --out DIR`` reads them. Written byte-identically: fixed document
properties and ZIP timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from parindex.demo.departments import departments
from parindex.demo.plan_tasks import AREAS, OPEN, SILENT, TASKS

PLAN_FILE = "plan/ke-hoach-2026.xlsx"
PROGRESS_FILE = "plan/tien-do-2026.xlsx"
AS_OF = "30/06/2026"
DECISION = "Quyết định số 3150/QĐ-UBND ngày 26/12/2025 của UBND tỉnh Lam Sơn"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
HEADER = (
    "TT",
    "Nhiệm vụ, giải pháp",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả",
    "Thời gian thực hiện",
)
WIDTHS = (6, 60, 26, 30, 34, 18)
PROGRESS_HEADER = ("TT", "Ngày", "Kết quả thực hiện", "Hoàn thành")
REPORTED = dt.date(2026, 6, 15)
DATE_CELL = "15/1/2026"
"""The deadline typed as a date cell rather than a text."""
MOMENT = dt.datetime(2025, 12, 26, 8, 0, 0)

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Times New Roman"


def _day(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


def _fixed_bytes(book: Workbook) -> bytes:
    """The workbook with fixed properties and ZIP timestamps: the same bytes every run."""
    book.properties.creator = "Sở Nội vụ tỉnh Lam Sơn"
    book.properties.created = MOMENT
    book.properties.modified = MOMENT
    raw = io.BytesIO()
    book.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = MOMENT.isoformat() + "Z"
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp.encode(), data)
            member = zipfile.ZipInfo(info.filename, date_time=MOMENT.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, data)
    return fixed.getvalue()


def _cell(ws: Worksheet, row: int, col: int, value: object, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = Font(name=_FONT, size=12, bold=bold)
    cell.alignment = Alignment(
        horizontal="center" if col == 1 or bold else "left", vertical="top", wrap_text=True
    )
    cell.border = _BORDER


def plan_workbook() -> bytes:
    names = {unit.code: unit.name for unit in departments()}
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Phụ lục"
    for row, text in enumerate(
        (
            "Phụ lục",
            "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA TỈNH LAM SƠN",
            f"(Kèm theo {DECISION})",
        ),
        start=1,
    ):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
        title = ws.cell(row=row, column=1, value=text)
        title.font = Font(name=_FONT, size=13, bold=row < 3, italic=row == 3)
        title.alignment = Alignment(horizontal="center")
    for col, (text, width) in enumerate(zip(HEADER, WIDTHS, strict=True), start=1):
        _cell(ws, 5, col, text, bold=True)
        _cell(ws, 6, col, f"({col})")
        ws.column_dimensions[chr(64 + col)].width = width
    row, area, number = 6, -1, 0
    for task_area, text, lead, partners, product, deadline, _ in TASKS:
        if task_area != area:
            area, row = task_area, row + 1
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
            _cell(ws, row, 1, f"{ROMAN[area]}. {AREAS[area]}", bold=True)
            ws.cell(row=row, column=1).alignment = Alignment(horizontal="left")
        row, number = row + 1, number + 1
        when: object = _day(deadline) if deadline == DATE_CELL else deadline
        values = (number, text, names.get(lead, lead), partners, product, when)
        for col, value in enumerate(values, start=1):
            _cell(ws, row, col, value)
        if isinstance(when, dt.date):
            ws.cell(row=row, column=6).number_format = "dd/mm/yyyy"
    return _fixed_bytes(book)


def _result(product: str, done: dt.date | None) -> str:
    if done is None:
        return f"Đang triển khai; dự kiến sản phẩm: {product[0].lower()}{product[1:]}."
    return f"Đã hoàn thành: {product[0].lower()}{product[1:]}."


def progress_workbook() -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Tiến độ"
    ws.cell(row=1, column=1, value="TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    for col, text in enumerate(PROGRESS_HEADER, start=1):
        _cell(ws, 3, col, text, bold=True)
    row = 3
    for number, (_, _, _, _, product, _, progress) in enumerate(TASKS, start=1):
        if progress == SILENT:
            continue
        done = None if progress == OPEN else _day(progress)
        entries: list[tuple[dt.date, str, dt.date | None]] = []
        if done is None:
            entries.append((REPORTED, _result(product, None), None))
        if done is not None and done > REPORTED:  # reported open first, completed later
            entries.append((REPORTED, _result(product, None), None))
        if done is not None:
            entries.append((done, _result(product, done), done))
        for day, text, completed in entries:
            row += 1
            for col, value in enumerate((number, day, text, completed), start=1):
                _cell(ws, row, col, value)
            for col in (2, 4):
                ws.cell(row=row, column=col).number_format = "dd/mm/yyyy"
    for col, width in enumerate((6, 14, 70, 14), start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    return _fixed_bytes(book)


def write_plan(out: Path) -> dict[str, str]:
    """Both workbooks under ``out/plan``; their paths (relative to ``out``) for the manifest."""
    (out / "plan").mkdir(parents=True, exist_ok=True)
    (out / PLAN_FILE).write_bytes(plan_workbook())
    (out / PROGRESS_FILE).write_bytes(progress_workbook())
    return {"tasks": PLAN_FILE, "progress": PROGRESS_FILE, "as_of": AS_OF}
