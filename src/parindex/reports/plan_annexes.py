"""A plan's status as of a date, written out: ``trang-thai.json``, the follow-up annex
(``tien-do.xlsx``, ``tien-do.docx``) and the overdue annex (``qua-han.xlsx``).

The follow-up annex is laid out as Phụ lục II of Thông báo 624/TB-VPCP: «STT | Tên nhiệm vụ |
Đơn vị chủ trì | Thời hạn | Kết quả thực hiện | Tiến độ», grouped by the lead unit, under the
line «Dữ liệu tính đến ngày dd/mm/yyyy». The overdue annex as its Phụ lục I: «STT | Nhiệm vụ
| Văn bản giao nhiệm vụ | Cơ quan chủ trì thực hiện | Thời hạn hoàn thành», section «Nhiệm vụ
quá hạn chưa hoàn thành». "Thời hạn" is printed as the plan wrote it ("Quý II/2026").
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.moments import format_date
from parindex.core.numbers import format_count
from parindex.core.plans import STATUSES, PlanStatus, Task, TaskStatus
from parindex.reports.official import Heading, OfficialDocument, Para, Table
from parindex.reports.xlsx_table import (
    BORDER,
    HEADER_FILL,
    cell_font,
    page_setup,
    put_text,
    write_title,
)

FOLLOW_UP_HEADER = (
    "STT",
    "Tên nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Kết quả thực hiện",
    "Tiến độ",
)
FOLLOW_UP_WIDTHS = (6, 50, 24, 16, 50, 18)
OVERDUE_HEADER = (
    "STT",
    "Nhiệm vụ",
    "Văn bản giao nhiệm vụ",
    "Cơ quan chủ trì thực hiện",
    "Thời hạn hoàn thành",
)
OVERDUE_WIDTHS = (6, 60, 36, 28, 18)
FOLLOW_UP_TITLE = "KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
OVERDUE_TITLE = "TỔNG HỢP CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"
OVERDUE_SECTION = "Nhiệm vụ quá hạn chưa hoàn thành"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def roman(n: int) -> str:
    """I, II, … for group rows; past the table, plain digits."""
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else format_count(n)


def as_of_line(status: PlanStatus) -> str:
    return f"Dữ liệu tính đến ngày {format_date(status.as_of)}"


def status_json(status: PlanStatus, assigned_by: str = "") -> dict[str, Any]:
    """``trang-thai.json``: the as-of date, the document that assigned the plan, the four
    counts, every task (with the heading it is listed under), each lead's counts."""
    counts = status.counts
    return {
        "as_of": status.as_of.isoformat(),
        "assigned_by": assigned_by,
        "counts": {name: counts[name] for name in STATUSES},
        "tasks": [
            {
                "tt": s.task.tt,
                "heading": s.task.heading,
                "task": s.task.text,
                "lead": s.task.lead,
                "deadline": s.task.deadline.end.isoformat() if s.task.deadline.end else None,
                "deadline_text": s.task.deadline.text,
                "status": s.status,
                "completed": s.completed.isoformat() if s.completed else None,
                "result": s.result,
            }
            for s in status.tasks
        ],
        "leads": [
            {"lead": lead, "counts": {name: c[name] for name in STATUSES}}
            for lead, _, c in status.by_lead()
        ],
    }


def follow_up_rows(status: PlanStatus) -> list[tuple[str, ...]]:
    """The follow-up table's rows: a group row per lead unit («I», the unit, its counts), then
    its tasks numbered on through the table."""
    rows: list[tuple[str, ...]] = []
    number = 0
    for group, (lead, tasks, counts) in enumerate(status.by_lead(), start=1):
        rows.append((roman(group), f"{lead} ({counts.summary()})", "", "", "", ""))
        for s in tasks:
            number += 1
            rows.append(_follow_up_row(number, s))
    return rows


def _follow_up_row(number: int, s: TaskStatus) -> tuple[str, ...]:
    return (
        format_count(number),
        s.task.text,
        s.task.lead,
        s.task.deadline.text,
        s.result,
        s.status,
    )


def overdue_rows(status: PlanStatus, assigned_by: str) -> list[tuple[str, ...]]:
    return [
        (format_count(n), s.task.text, assigned_by, s.task.lead, s.task.deadline.text)
        for n, s in enumerate(status.overdue(), start=1)
    ]


def _sheet(
    ws: Worksheet,
    titles: Sequence[str],
    header: Sequence[str],
    widths: Sequence[float],
    rows: Sequence[tuple[str, ...]],
    group_rows: set[int],
) -> None:
    last = len(header)
    row = 1
    for index, text in enumerate(titles):
        write_title(ws, row, text, last, bold=index < 2, italic=index >= 2)
        row += 1
    row += 1
    top = row
    for col, text in enumerate(header, start=1):
        cell = put_text(ws, row, col, text)
        cell.font = cell_font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        cell.fill = HEADER_FILL
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for index, values in enumerate(rows):
        row += 1
        group = index in group_rows
        for col, value in enumerate(values, start=1):
            cell = put_text(ws, row, col, value or None)
            cell.font = cell_font(bold=group)
            centred = col == 1 or (not group and col in (4, 6))
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="top", wrap_text=True
            )
            cell.border = BORDER
        if group:
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
    page_setup(ws, top, top, 1)


def _xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def follow_up_titles(status: PlanStatus, assigned_by: str) -> list[str]:
    lines = ["Phụ lục", FOLLOW_UP_TITLE]
    if assigned_by:
        lines.append(f"(Giao tại {assigned_by})")
    lines.append(as_of_line(status))
    return lines


def follow_up_xlsx(status: PlanStatus, assigned_by: str = "") -> bytes:
    """``tien-do.xlsx``: the follow-up annex, one sheet."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Tiến độ"
    rows = follow_up_rows(status)
    groups = {i for i, r in enumerate(rows) if not r[2]}
    _sheet(
        ws,
        follow_up_titles(status, assigned_by),
        FOLLOW_UP_HEADER,
        FOLLOW_UP_WIDTHS,
        rows,
        groups,
    )
    return _xlsx_bytes(book)


def overdue_xlsx(status: PlanStatus, assigned_by: str = "") -> bytes:
    """``qua-han.xlsx``: the tasks overdue and not completed on the as-of date."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Quá hạn"
    tasks = overdue_rows(status, assigned_by)
    section = (
        "I",
        f"{OVERDUE_SECTION} ({format_count(len(tasks))} nhiệm vụ)",
        "",
        "",
        "",
    )
    titles = ["Phụ lục", OVERDUE_TITLE, as_of_line(status)]
    _sheet(ws, titles, OVERDUE_HEADER, OVERDUE_WIDTHS, [section, *tasks], {0})
    return _xlsx_bytes(book)


def follow_up_document(status: PlanStatus, assigned_by: str = "") -> OfficialDocument:
    """The follow-up annex as an appendix: per lead unit a heading and its table."""
    title = [FOLLOW_UP_TITLE]
    if assigned_by:
        title.append(f"(Giao tại {assigned_by})")
    blocks: list[Heading | Para | Table] = [
        Para(as_of_line(status), italic=True, centred=True),
        Para(f"Toàn kế hoạch: {status.counts.summary()}."),
    ]
    number = 0
    for group, (lead, tasks, counts) in enumerate(status.by_lead(), start=1):
        blocks.append(Heading(f"{roman(group)}. {lead}: {counts.summary()}", level=2))
        rows = []
        for s in tasks:
            number += 1
            rows.append(_follow_up_row(number, s))
        blocks.append(
            Table(
                FOLLOW_UP_HEADER,
                tuple(rows),
                name_column=1,
                numeric_from=6,
                # STT | Tên nhiệm vụ | Đơn vị chủ trì | Thời hạn | Kết quả thực hiện | Tiến độ
                shares=(0.075, 0.3, 0.13, 0.12, 0.245, 0.13),
                keep_together=False,
            )
        )
    return OfficialDocument(
        kind="appendix",
        title=tuple(title),
        blocks=tuple(blocks),
        appendix_label="Phụ lục",
        subject=f"{FOLLOW_UP_TITLE} — {as_of_line(status)}",
    )


def follow_up_docx(status: PlanStatus, assigned_by: str = "") -> bytes:
    """``tien-do.docx``: the follow-up annex laid out by ``docx_report.render``."""
    from parindex.reports.docx_report import render

    return render(follow_up_document(status, assigned_by), None)


TASK_HEADER = (
    "TT",
    "Nhiệm vụ, giải pháp",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Kết quả",
    "Thời gian thực hiện",
)
TASK_WIDTHS = (6, 60, 26, 30, 34, 18)
_NUMBERED = re.compile(r"^([IVXL]+)[.\s]\s*(.+)$")


def task_rows(tasks: Sequence[Task]) -> tuple[list[tuple[str, ...]], set[int]]:
    """The task table's rows in the plan's layout: a merged row per heading («I» | «CẢI CÁCH
    THỂ CHẾ»), then its tasks (TT, task, lead, partners, product, deadline as written)."""
    rows: list[tuple[str, ...]] = []
    groups: set[int] = set()
    heading: str | None = None
    for task in tasks:
        if task.heading and task.heading != heading:
            heading = task.heading
            numbered = _NUMBERED.match(heading)
            label, text = numbered.groups() if numbered else ("", heading)
            groups.add(len(rows))
            rows.append((label, text, "", "", "", ""))
        rows.append(
            (task.tt, task.text, task.lead, task.partners, task.product, task.deadline.text)
        )
    return rows, groups


def task_table_xlsx(titles: Sequence[str], tasks: Sequence[Task]) -> bytes:
    """``ke-hoach.xlsx``: the plan's task table as it was imported (read back by
    ``io.plan_tables.read_plan``)."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Phụ lục"
    rows, groups = task_rows(tasks)
    _sheet(ws, titles, TASK_HEADER, TASK_WIDTHS, rows, groups)
    return _xlsx_bytes(book)


def task_table_document(titles: Sequence[str], tasks: Sequence[Task]) -> OfficialDocument:
    """The plan's task table as a Word annex: one table, a row per heading («I» | «CẢI CÁCH
    THỂ CHẾ») above its tasks, as plans print it (read back by ``io.plan_tables.read_plan``)."""
    rows, _ = task_rows(tasks)
    table = Table(
        TASK_HEADER,
        tuple(rows),
        name_column=1,
        numeric_from=6,
        # TT | Nhiệm vụ, giải pháp | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian
        shares=(0.055, 0.315, 0.15, 0.16, 0.17, 0.15),
        keep_together=False,
    )
    label, *rest = titles or ("Phụ lục",)
    return OfficialDocument(
        kind="appendix",
        title=tuple(rest) or (label,),
        blocks=(table,),
        appendix_label=label,
        subject=" ".join(rest) or label,
    )


def task_table_docx(titles: Sequence[str], tasks: Sequence[Task]) -> bytes:
    """``ke-hoach.docx``: the task table laid out by ``docx_report.render``."""
    from parindex.reports.docx_report import render

    return render(task_table_document(titles, tasks), None)
