"""A unit's draft «Kế hoạch khắc phục tồn tại, hạn chế» as an ``OfficialDocument``.

No official template exists (between-indexes.md §1.3): the draft follows the order the
texts use — the shortcomings (one per criterion where points were lost, largest first),
then their causes («chủ quan», «khách quan»), the tasks, the lead agency and the time,
which the unit completes (marked lines and empty columns) before issuing it as its plan.
Laid out as an annex (no header, no signer): the unit issues it under its own decision.
"""

from __future__ import annotations

from parindex.core.narrative import in_full
from parindex.core.numbers import format_count, format_index, format_points
from parindex.core.published import PublishedRun
from parindex.core.remediation import UnitFindings
from parindex.reports.official import Block, Heading, OfficialDocument, Para, Table

TITLE = "KẾ HOẠCH KHẮC PHỤC TỒN TẠI, HẠN CHẾ"
FINDINGS_HEADER = (
    "STT",
    "Mã",
    "Tiêu chí",
    "Điểm tối đa",
    "Điểm đạt",
    "Điểm bị trừ",
    "Lý do",
)
TASKS_HEADER = (
    "STT",
    "Mã",
    "Tồn tại, hạn chế",
    "Nguyên nhân (chủ quan, khách quan)",
    "Nhiệm vụ, giải pháp",
    "Cơ quan chủ trì",
    "Thời gian thực hiện",
)


def subtitle(run: PublishedRun, found: UnitFindings) -> str:
    """«Chỉ số cải cách hành chính năm 2023 của huyện Cát Tiên»."""
    return f"{in_full(run.framework.index_name)} năm {run.period} của {found.name}"


def findings_rows(found: UnitFindings) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            format_count(i),
            f.code,
            f.name,
            format_index(f.max),  # two decimals in every row: a column reads one way
            format_index(f.score),
            format_index(f.lost),
            f.reason,
        )
        for i, f in enumerate(found.findings, start=1)
    )


def _grounds(run: PublishedRun, found: UnitFindings) -> str:
    index = in_full(run.framework.index_name)
    published = f"được công bố theo {run.decision}" if run.decision else "được công bố"
    return (
        f"Căn cứ kết quả {index} năm {run.period} {published}, {found.name} xây dựng kế hoạch "
        "khắc phục các tồn tại, hạn chế theo các tiêu chí bị trừ điểm, như sau."
    )


def _summary(run: PublishedRun, found: UnitFindings) -> str:
    return (
        f"Năm {run.period} {found.name} bị trừ {format_points(found.lost_total)} điểm ở "
        f"{format_count(len(found.findings))} tiêu chí; các tiêu chí bị trừ nhiều điểm nhất "
        "được nêu trước."
    )


def remediation_document(run: PublishedRun, found: UnitFindings) -> OfficialDocument:
    """The unit's draft plan: the findings, then the table of causes and tasks to fill."""
    blocks: list[Block] = [Heading("I. TỒN TẠI, HẠN CHẾ"), Para(_grounds(run, found))]
    if not run.decision:
        blocks.append(Para("Số, ngày của quyết định công bố kết quả: …", draft=True))
    if found.findings:
        blocks.append(Para(_summary(run, found)))
        blocks.append(Table(FINDINGS_HEADER, findings_rows(found), name_column=2, numeric_from=3))
    else:
        blocks.append(
            Para(
                f"Năm {run.period} {found.name} đạt điểm tối đa ở mọi tiêu chí được đánh giá: "
                "không có tồn tại, hạn chế theo điểm bị trừ."
            )
        )
    blocks.append(Heading("II. NGUYÊN NHÂN, NHIỆM VỤ VÀ GIẢI PHÁP KHẮC PHỤC"))
    blocks.append(
        Para(
            "Đơn vị nêu nguyên nhân chủ quan, khách quan của từng tồn tại, hạn chế; nhiệm vụ, "
            "giải pháp khắc phục; cơ quan chủ trì và thời gian thực hiện.",
            draft=True,
        )
    )
    if found.findings:
        rows = tuple(
            (format_count(i), f.code, f.name, "", "", "", "")
            for i, f in enumerate(found.findings, start=1)
        )
        # the tasks column takes the room the unit will write in
        blocks.append(Table(TASKS_HEADER, rows, name_column=4, numeric_from=7))
    blocks.append(Heading("III. TỔ CHỨC THỰC HIỆN"))
    blocks.append(
        Para(
            "Phân công thực hiện, chế độ báo cáo kết quả khắc phục và thời hạn báo cáo.",
            draft=True,
        )
    )
    line = subtitle(run, found)
    return OfficialDocument(
        kind="appendix",
        title=(TITLE, line),
        blocks=tuple(blocks),
        author=found.name,
        subject=f"Kế hoạch khắc phục tồn tại, hạn chế: {line}",
    )
