"""A unit's scorecard as an appendix («Phụ lục») of the report.

Decree 30 knows no «phiếu kết quả» document: a unit's results travel as an appendix of the
report (or of the decision), headed «Phụ lục», its title, and «(Kèm theo Báo cáo số … ngày …
của …)»; it has neither the Quốc hiệu, nor a number, nor a signature of its own.
"""

from __future__ import annotations

from parindex.core.narrative import in_full
from parindex.core.published import PublishedRun
from parindex.reports.document import (
    FIELD_HEADER,
    PART_HEADER,
    field_rows,
    part_rows,
    scorecard_paragraphs,
    total_rows,
    unit_of,
)
from parindex.reports.letterhead import Letterhead
from parindex.reports.official import Block, Chart, Heading, OfficialDocument, Para, Table

APPENDIX_LABEL = "Phụ lục"


def appendix_title(run: PublishedRun, unit_code: str) -> tuple[str, str]:
    """«KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023», «CỦA HUYỆN CÁT TIÊN»."""
    unit = unit_of(run, unit_code)
    index = in_full(run.framework.index_name).upper()
    return f"KẾT QUẢ {index} NĂM {run.period}", f"CỦA {unit.display_name.upper()}"


def appendix_document(run: PublishedRun, unit_code: str, head: Letterhead) -> OfficialDocument:
    """The unit's narrative, its parts, its fields (with the total) and its field chart."""
    unit = unit_of(run, unit_code)
    blocks: list[Block] = [Para(text) for text in scorecard_paragraphs(run, unit_code)]
    parts = part_rows(unit)
    if parts:
        blocks.append(Heading("Điểm theo thành phần", level=2))
        blocks.append(Table(tuple(PART_HEADER), _rows(parts), name_column=0, numeric_from=1))
    blocks.append(Heading("Kết quả theo từng lĩnh vực", level=2))
    rows = [*field_rows(run, unit), *total_rows(run, unit)]
    blocks.append(Table(tuple(FIELD_HEADER), _rows(rows), name_column=1, numeric_from=2))
    blocks.append(
        Chart(
            "fields",
            f"Kết quả theo lĩnh vực của {unit.display_name} năm {run.period}",
            unit=unit_code,
        )
    )
    title = appendix_title(run, unit_code)
    return OfficialDocument(
        kind="appendix",
        title=title,
        blocks=tuple(blocks),
        appendix_label=APPENDIX_LABEL,
        attached_to=f"(Kèm theo {head.report_citation()})",
        author=head.issuer_name,
        subject=(
            f"{APPENDIX_LABEL}: Kết quả {in_full(run.framework.index_name)} năm {run.period} "
            f"của {unit.display_name}"
        ),
    )


def _rows(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in rows)
