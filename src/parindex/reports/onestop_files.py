"""``thong-ke.json``, ``bieu-06a.xlsx`` and ``thong-ke.md``: a period's one-stop figures.

The workbook is Biểu số II.06a/VPCP/KSTT as provincial systems print it: 13 numbered columns
(TT · Lĩnh vực, công việc giải quyết theo cấp · Tiếp nhận: Tổng số, Trực tuyến, Trực tiếp và
dịch vụ bưu chính, Từ kỳ trước · Đã giải quyết: Tổng số, Trước hạn, Đúng hạn, Quá hạn · Đang
giải quyết: Tổng số, Trong hạn, Quá hạn), a group row per level with its totals, then its
units; the province's total first.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from parindex.core.moments import format_date
from parindex.core.onestop import Counts, Statistics
from parindex.core.onestop_text import LEVEL_NAMES, detail_sentence, total_sentence
from parindex.reports.plan_annexes import roman
from parindex.reports.xlsx_table import (
    BORDER,
    HEADER_FILL,
    cell_font,
    page_setup,
    put_text,
    write_title,
)

FORM = "Biểu số II.06a/VPCP/KSTT"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
GROUPS = (
    ("Số hồ sơ nhận giải quyết", 3, 6),
    ("Kết quả giải quyết", 7, 13),
)
SUBGROUPS = (("Số lượng hồ sơ đã giải quyết", 7, 10), ("Số lượng hồ sơ đang giải quyết", 11, 13))
HEADS = (
    "TT",
    "Lĩnh vực, công việc giải quyết theo cấp",
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn (bao gồm cả hồ sơ trả lại, xin rút)",
    "Quá hạn",
    "Tổng số",
    "Trong hạn (bao gồm cả hồ sơ chờ bổ sung)",
    "Quá hạn",
)
WIDTHS = (6, 40, 10, 10, 12, 10, 10, 10, 14, 10, 10, 14, 10)


def _rate(value: Decimal | None) -> float | None:
    return None if value is None else float(value)  # 2 decimals: printed back exactly


def counts_dict(c: Counts) -> dict[str, Any]:
    return {
        "received": {
            "total": c.received,
            "online": c.online,
            "direct_postal": c.direct_postal,
            "carried_over": c.carried_over,
        },
        "resolved": {"total": c.resolved, "early": c.early, "on_time": c.on_time, "late": c.late},
        "in_progress": {"total": c.in_progress, "within": c.within, "overdue": c.overdue},
        "on_time_rate": _rate(c.on_time_rate),
        "online_rate": _rate(c.online_rate),
        "late_without_apology": c.late_without_apology,
    }


def statistics_json(
    stats: Statistics, start: dt.date, end: dt.date, names: Mapping[str, str]
) -> dict[str, Any]:
    """``thong-ke.json``."""
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "total": counts_dict(stats.total),
        "levels": {level: counts_dict(c) for level, c in stats.levels().items()},
        "units": [
            {
                "unit": u.code,
                "name": names.get(u.code, u.code),
                "level": u.level,
                **counts_dict(u.counts),
            }
            for u in stats.units
        ],
        "problems": stats.problems(),
    }


def _figures(c: Counts) -> tuple[int, ...]:
    return (
        c.received, c.online, c.direct_postal, c.carried_over,
        c.resolved, c.early, c.on_time, c.late,
        c.in_progress, c.within, c.overdue,
    )  # fmt: skip


def form_workbook(
    stats: Statistics,
    start: dt.date,
    end: dt.date,
    names: Mapping[str, str],
    reporter: str = "",
) -> bytes:
    """``bieu-06a.xlsx``."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Biểu II.06a"
    last = len(HEADS)
    lines = [FORM, TITLE, f"Kỳ báo cáo: từ ngày {format_date(start)} đến ngày {format_date(end)}"]
    if reporter:
        lines.append(f"Đơn vị báo cáo: {reporter}")
    lines.append("Đơn vị tính: số hồ sơ thủ tục hành chính")
    for row, text in enumerate(lines, start=1):
        write_title(ws, row, text, last, bold=row <= 2, italic=row > 2)
    top = len(lines) + 2
    for text, first, to in (*GROUPS, *SUBGROUPS):
        level_row = top if (text, first, to) in GROUPS else top + 1
        if text == "Số hồ sơ nhận giải quyết":
            ws.merge_cells(start_row=top, start_column=first, end_row=top + 1, end_column=to)
        else:
            ws.merge_cells(
                start_row=level_row, start_column=first, end_row=level_row, end_column=to
            )
        _head(ws, level_row, first, text)
    for col, text in enumerate(HEADS, start=1):
        if col <= 2:
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
            _head(ws, top, col, text)
        else:
            _head(ws, top + 2, col, text)
        _head(ws, top + 3, col, f"({col})")
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    ws.row_dimensions[top + 1].height = 30
    ws.row_dimensions[top + 2].height = 58  # the wrapped labels of the columns (5), (9), (12)
    for row in range(top, top + 4):
        for col in range(1, last + 1):
            ws.cell(row=row, column=col).border = BORDER
    row = top + 3
    row = _line(ws, row + 1, "", "Tổng cộng", stats.total, bold=True)
    for n, (level, counts) in enumerate(stats.levels().items(), start=1):
        row = _line(
            ws, row, roman(n), LEVEL_NAMES.get(level, level).capitalize(), counts, bold=True
        )
        units = [u for u in stats.units if u.level == level]
        for k, u in enumerate(units, start=1):
            row = _line(ws, row, str(k), names.get(u.code, u.code), u.counts)
    page_setup(ws, top, top + 3, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _head(ws: Any, row: int, col: int, text: str) -> None:
    cell = put_text(ws, row, col, text)
    cell.font = cell_font(bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.fill = HEADER_FILL


def _line(ws: Any, row: int, tt: str, label: str, c: Counts, bold: bool = False) -> int:
    put_text(ws, row, 1, tt or None)
    put_text(ws, row, 2, label)
    for col, value in enumerate(_figures(c), start=3):
        ws.cell(row=row, column=col, value=value).number_format = "#,##0"
    for col in range(1, len(HEADS) + 1):
        cell = ws.cell(row=row, column=col)
        cell.border = BORDER
        cell.font = cell_font(bold=bold)
        cell.alignment = Alignment(
            horizontal="left" if col == 2 else "center", vertical="top", wrap_text=True
        )
    return row + 1


def statistics_markdown(
    stats: Statistics, start: dt.date, end: dt.date, names: Mapping[str, str]
) -> str:
    """``thong-ke.md``: the total in the articles' sentence, a paragraph per level, the units."""
    levels = stats.levels()
    parts = [
        "# Tình hình, kết quả giải quyết thủ tục hành chính",
        total_sentence(start, end, stats.total, levels),
    ]
    for level, counts in levels.items():
        parts.append(detail_sentence(LEVEL_NAMES.get(level, level).capitalize(), counts))
    parts.append("## Từng đơn vị")
    parts.extend(f"- {detail_sentence(names.get(u.code, u.code), u.counts)}" for u in stats.units)
    problems = stats.problems()
    if problems:
        parts.append("## Số liệu không khớp")
        parts.extend(f"- {p}" for p in problems)
    return "\n\n".join(parts) + "\n"
