"""The periodic PAR report's appendices (``review_document``), each an appendix document.

- task progress: the follow-up annex of the plan (``plan_annexes.follow_up_document``, as
  Phụ lục II of Thông báo 624/TB-VPCP);
- the overdue tasks (its Phụ lục I: «Nhiệm vụ quá hạn chưa hoàn thành»);
- the indicators against their targets, as QĐ 2629/QĐ-TTg Phụ lục I with the two result
  columns «Kết quả thực hiện» and «Đánh giá»;
- Biểu số II.06a/VPCP/KSTT: the province's total and each level's (the form's columns as
  rows, with the two rates).
"""

from __future__ import annotations

from dataclasses import replace

from parindex.core.moments import format_date
from parindex.core.numbers import format_count, format_vn
from parindex.core.onestop import Counts
from parindex.core.onestop_text import LEVEL_NAMES, percent_or_dash
from parindex.core.plans import PlanStatus
from parindex.core.review import IndicatorResult, IndicatorTable, OnestopFigures
from parindex.reports.official import Heading, OfficialDocument, Para, Table
from parindex.reports.onestop_files import FORM
from parindex.reports.onestop_files import TITLE as FORM_TITLE
from parindex.reports.plan_annexes import (
    OVERDUE_HEADER,
    OVERDUE_SECTION,
    OVERDUE_TITLE,
    as_of_line,
    follow_up_document,
    overdue_rows,
)

INDICATOR_TITLE = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH"
INDICATOR_HEADER = (
    "TT",
    "Chỉ tiêu",
    "Đơn vị",
    "Kết quả",
    "Cơ quan chủ trì theo dõi, đánh giá",
    "Kết quả thực hiện",
    "Đánh giá",
)
FORM_ROWS = (
    ("(3)", "Số hồ sơ nhận giải quyết: tổng số"),
    ("(4)", "Trong đó: trực tuyến"),
    ("(5)", "Trực tiếp, dịch vụ bưu chính"),
    ("(6)", "Từ kỳ trước"),
    ("(7)", "Số hồ sơ đã giải quyết: tổng số"),
    ("(8)", "Trong đó: trước hạn"),
    ("(9)", "Đúng hạn (bao gồm cả hồ sơ trả lại, xin rút)"),
    ("(10)", "Quá hạn"),
    ("(11)", "Số hồ sơ đang giải quyết: tổng số"),
    ("(12)", "Trong đó: trong hạn (bao gồm cả hồ sơ chờ bổ sung)"),
    ("(13)", "Quá hạn"),
)
"""The form's columns (3)–(13) as rows: the levels are the columns, so the 13 columns of
Biểu II.06a fit a portrait page; the column numbers keep each figure traceable to the form."""


def value_text(indicator: IndicatorResult, with_unit: bool = False) -> str:
    """The measured value («85,5»; «85,5%» in prose); «Chưa có số liệu» when not measured."""
    if indicator.value is None:
        return "Chưa có số liệu"
    text = format_vn(indicator.value)
    if not with_unit or not indicator.unit:
        return text
    return text + (indicator.unit if indicator.unit == "%" else " " + indicator.unit)


def _appendix(doc: OfficialDocument, label: str, attached_to: str) -> OfficialDocument:
    return replace(doc, appendix_label=label, attached_to=attached_to)


def progress_annex(
    status: PlanStatus, assigned_by: str, label: str, attached_to: str
) -> OfficialDocument:
    return _appendix(follow_up_document(status, assigned_by), label, attached_to)


def overdue_annex(
    status: PlanStatus, assigned_by: str, label: str, attached_to: str
) -> OfficialDocument:
    rows = overdue_rows(status, assigned_by)
    section = ("I", f"{OVERDUE_SECTION} ({format_count(len(rows))} nhiệm vụ)", "", "", "")
    table = Table(
        OVERDUE_HEADER,
        (section, *rows),
        name_column=1,
        numeric_from=5,
        # STT | Nhiệm vụ | Văn bản giao nhiệm vụ | Cơ quan chủ trì thực hiện | Thời hạn
        shares=(0.075, 0.37, 0.22, 0.19, 0.145),
        keep_together=False,
    )
    return OfficialDocument(
        kind="appendix",
        title=(OVERDUE_TITLE,),
        blocks=(Para(as_of_line(status), italic=True, centred=True), table),
        appendix_label=label,
        attached_to=attached_to,
        subject=OVERDUE_TITLE,
    )


def indicator_rows(table: IndicatorTable) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            format_count(n),
            i.name,
            i.unit,
            i.target,
            i.lead,
            value_text(i),
            i.assessment,
        )
        for n, i in enumerate(table.indicators, start=1)
    )


def indicator_annex(table: IndicatorTable, label: str, attached_to: str) -> OfficialDocument:
    blocks: list[Heading | Para | Table] = []
    if table.period:
        blocks.append(Para(f"Kỳ đánh giá: {table.period}", italic=True, centred=True))
    blocks.append(
        Table(
            INDICATOR_HEADER,
            indicator_rows(table),
            name_column=1,
            numeric_from=5,
            shares=(0.06, 0.32, 0.08, 0.11, 0.19, 0.12, 0.12),
            keep_together=False,
        )
    )
    return OfficialDocument(
        kind="appendix",
        title=(INDICATOR_TITLE,),
        blocks=tuple(blocks),
        appendix_label=label,
        attached_to=attached_to,
        subject=INDICATOR_TITLE,
    )


def _figures(c: Counts) -> tuple[int, ...]:
    return (
        c.received, c.online, c.direct_postal, c.carried_over,
        c.resolved, c.early, c.on_time, c.late,
        c.in_progress, c.within, c.overdue,
    )  # fmt: skip


def form_annex(figures: OnestopFigures, label: str, attached_to: str) -> OfficialDocument:
    groups = [("Tổng cộng", figures.total)] + [
        (LEVEL_NAMES.get(level, level).capitalize(), counts) for level, counts in figures.levels
    ]
    columns = [_figures(c) for _, c in groups]
    rows = [
        (number, label_text, *(format_count(col[n]) for col in columns))
        for n, (number, label_text) in enumerate(FORM_ROWS)
    ]
    rows.append(
        (
            "",
            "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
            *(percent_or_dash(c.on_time_rate) for _, c in groups),
        )
    )
    rows.append(
        ("", "Tỷ lệ hồ sơ nộp trực tuyến", *(percent_or_dash(c.online_rate) for _, c in groups))
    )
    period = f"Kỳ báo cáo: từ ngày {format_date(figures.start)} đến ngày {format_date(figures.end)}"
    return OfficialDocument(
        kind="appendix",
        title=(FORM_TITLE, f"({FORM})"),
        blocks=(
            Para(period, italic=True, centred=True),
            Para("Đơn vị tính: hồ sơ thủ tục hành chính", italic=True, centred=True),
            Table(
                ("Cột", "Chỉ tiêu", *(name for name, _ in groups)),
                tuple(rows),
                name_column=1,
                numeric_from=2,
            ),
            Para(
                "Cột (3) đến (13) của Biểu số II.06a/VPCP/KSTT; tỷ lệ xử lý trước hạn, đúng "
                "hạn tính trên tổng số hồ sơ tiếp nhận (gồm cả hồ sơ từ kỳ trước).",
                italic=True,
            ),
        ),
        appendix_label=label,
        attached_to=attached_to,
        subject=FORM_TITLE,
    )
