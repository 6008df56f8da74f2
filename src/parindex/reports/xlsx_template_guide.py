"""The guidance sheet of the fill-in workbook (sheet «Hướng dẫn»): how to fill it in, and the
whole framework with each criterion's rules — its scale or rule in words, «KPS: được tính
điểm tối đa», the unit kinds it applies to, the decision's guide and the evidence asked —
then the bonus and penalty items with their caps."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from parindex.core.bonus import BonusSection, describe
from parindex.core.framework import Framework, Node
from parindex.core.numbers import format_count, format_vn, xlsx_points_format
from parindex.reports.xlsx_template_cells import (
    BORDER,
    HEADER_FILL,
    Value,
    font,
    header_cell,
    number,
    put,
    text_lines,
)
from parindex.reports.xlsx_template_inputs import (
    HOW_TO_MEASURE,
    NO_CASE_FULL,
    VALUE_MARK,
    evidence_words,
    how_scored,
    item_range_words,
)

NOTE = (
    "Nhập điểm từ 0 đến điểm tối đa của tiêu chí. "
    "Ghi «KĐG» (hoặc «N/A») nếu tiêu chí không đánh giá đối với đơn vị; "
    "điểm tối đa của tiêu chí đó được trừ khỏi điểm tối đa áp dụng. "
    "Ô để trống là chưa chấm điểm (thiếu)."
)
HEADERS = (
    "Mã",
    "Tên lĩnh vực, tiêu chí",
    "Điểm tối đa",
    "Nguồn",
    "Cách chấm, cách nhập",
    "Hướng dẫn chấm",
    "Tài liệu kiểm chứng",
)
WIDTHS = (9.0, 42.0, 9.0, 14.0, 40.0, 40.0, 28.0)
WRAPPED = (2, 5, 6, 7)
LAST_COLUMN = len(HEADERS)


def _source_label(node: Node) -> str:
    sources = node.sources
    if sources == {"survey"}:
        return "Điều tra xã hội học"
    if sources == {"self"}:
        return "Tự đánh giá"
    return "Tự đánh giá và điều tra xã hội học"


def _instructions(framework: Framework, scores_sheet: str) -> list[str]:
    leaves = framework.leaves
    lines = [
        f"Nhập điểm của từng đơn vị vào sheet «{scores_sheet}», mỗi đơn vị một dòng "
        "(từ dòng 4), mỗi tiêu chí một cột. Không sửa ba dòng đầu và cột mã đơn vị.",
        NOTE,
        "Điểm có phần thập phân nhập theo dấu thập phân của máy (ví dụ 8,5). "
        "Excel từ chối giá trị ngoài khoảng 0 đến điểm tối đa.",
        "Các cột tô màu xanh lá là tiêu chí chấm bằng điều tra xã hội học.",
    ]
    if any(leaf.scale for leaf in leaves):
        lines.append(
            "Tiêu chí có thang điểm: chọn một mức trong danh sách thả xuống của ô "
            "(hoặc gõ đúng mức đó); Excel từ chối mức không có trong thang."
        )
    if any(leaf.rule is not None for leaf in leaves):
        lines.append(
            f"Tiêu chí tính điểm từ giá trị đo (tên cột có «{VALUE_MARK}», tô màu cam): nhập "
            f"giá trị đo, không nhập điểm — {HOW_TO_MEASURE} (số đạt/tổng số). Điểm được tính "
            "tự động theo cách tính ghi ở bảng dưới."
        )
    if any(leaf.none_means_full for leaf in leaves):
        lines.append(
            "«KPS» (không phát sinh): trong năm không phát sinh việc phải chấm. Chỉ tiêu chí ghi "
            f"«{NO_CASE_FULL}» nhận KPS, và được tính điểm tối đa. KPS khác KĐG: KĐG bỏ tiêu "
            "chí khỏi điểm tối đa áp dụng."
        )
    if any(leaf.applies_to for leaf in leaves):
        lines.append(
            "Tiêu chí chỉ áp dụng cho một số loại đơn vị (ghi «Chỉ áp dụng cho: …»): ô của đơn "
            "vị loại khác đã ghi sẵn «KĐG» và tô xám; giữ nguyên."
        )
    if framework.bonus is not None:
        lines.append(
            f"{framework.bonus.name} (các cột cuối, tô màu vàng, mã mục ở dòng 1): điểm thưởng "
            "nhập số dương, điểm trừ nhập số âm (ví dụ -0,5); để trống là 0. Xem bảng cuối "
            "sheet này."
        )
    return lines


def _line(ws: Worksheet, row: int, text: str, style: Font) -> None:
    cell = put(ws, row, 1, text)
    cell.font = style
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=LAST_COLUMN)
    lines = text_lines(text, sum(WIDTHS))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines + 2


def _table_row(ws: Worksheet, row: int, values: Sequence[Value], style: Font) -> None:
    lines = 1
    for col, value in enumerate(values, start=1):
        cell = put(ws, row, col, value)
        cell.font = style
        cell.border = BORDER
        cell.alignment = Alignment(
            vertical="top", wrap_text=col in WRAPPED, horizontal="center" if col == 3 else None
        )
        if isinstance(value, str) and col in WRAPPED:
            lines = max(lines, text_lines(value, WIDTHS[col - 1]))
    ws.cell(row=row, column=1).number_format = "@"
    if lines > 1:
        ws.row_dimensions[row].height = min(15 * lines + 2, 400)


def _framework_rows(ws: Worksheet, row: int, framework: Framework) -> int:
    for top in framework.fields:
        for node in top.walk():
            how = "\n".join(how_scored(node)) if node.is_leaf else ""
            values = (
                node.code,
                node.name,
                number(node.max),
                _source_label(node),
                how,
                node.guide,
                evidence_words(node),
            )
            style = font(bold=node is top, italic=not node.is_leaf and node is not top)
            _table_row(ws, row, values, style)
            ws.cell(row=row, column=2).alignment = Alignment(
                vertical="top", wrap_text=True, indent=node.code.count(".")
            )
            ws.cell(row=row, column=3).number_format = xlsx_points_format(node.max)
            row += 1
    _table_row(ws, row, ("Tổng", None, number(framework.max_points)), font(bold=True))
    ws.cell(row=row, column=3).number_format = xlsx_points_format(framework.max_points)
    return row + 1


def _cap_words(section: BonusSection, framework: Framework) -> str:
    bonus = (
        f"tổng điểm thưởng được tính tối đa {format_vn(section.cap)} điểm"
        if section.cap is not None
        else "tổng điểm thưởng không giới hạn"
    )
    penalty = (
        f"tổng điểm trừ tối đa {format_vn(section.penalty_cap)} điểm"
        if section.penalty_cap is not None
        else "tổng điểm trừ không giới hạn"
    )
    return (
        f"Điểm thưởng, điểm trừ tính ngoài tổng điểm tối đa ({format_vn(framework.max_points)} "
        f"điểm): {bonus}; {penalty}. "
        f"{framework.index_name} = (điểm + điểm thưởng − điểm trừ) ÷ điểm tối đa áp dụng × 100, "
        f"không dưới 0 và không quá {format_vn(framework.index_cap)}."
    )


def _bonus_rows(ws: Worksheet, row: int, framework: Framework) -> int:
    section = framework.bonus
    if section is None:
        return row
    row += 1
    _line(ws, row, section.name.upper(), font(bold=True, size=12))
    row += 1
    _line(ws, row, _cap_words(section, framework), font(italic=True))
    row += 1
    labels = ("Mã", "Tên mục", "Điểm", "Loại", "Cách chấm, cách nhập", *HEADERS[5:])
    for col, label in enumerate(labels, start=1):
        header_cell(ws, row, col, label, HEADER_FILL)
    row += 1
    for item in section.items:
        said = describe(item)
        how = f"{said[:1].upper()}{said[1:]}: nhập {item_range_words(item)}; để trống là 0"
        kind = "Điểm trừ" if item.is_penalty else "Điểm thưởng"
        bound = item.low if item.is_penalty else item.high
        values = (item.code, item.name, number(bound), kind, how, item.guide, item.evidence)
        _table_row(ws, row, values, font())
        ws.cell(row=row, column=3).number_format = xlsx_points_format(bound)
        row += 1
    return row


def guide_sheet(ws: Worksheet, framework: Framework, scores_sheet: str) -> None:
    _line(ws, 1, "HƯỚNG DẪN NHẬP ĐIỂM", font(bold=True, size=13))
    title = f"{framework.name} (mã {framework.id}, năm {framework.year})"
    _line(ws, 2, title, font(italic=True))
    row = 4
    for n, text in enumerate(_instructions(framework, scores_sheet), start=1):
        _line(ws, row, f"{format_count(n)}. {text}", font())
        row += 1
    row += 1
    header_row = row
    for col, label in enumerate(HEADERS, start=1):
        header_cell(ws, row, col, label, HEADER_FILL)
    row = _framework_rows(ws, row + 1, framework)
    _bonus_rows(ws, row, framework)

    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.paperSize = 9
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
