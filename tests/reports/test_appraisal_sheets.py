"""The council's workbooks as openpyxl reads them back: Vietnamese headers, numbers as numbers
with two decimals, formula-like text kept as text, frozen header, landscape fit to width."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from parindex.reports.appraisal_sheets import (
    ExplanationRow,
    ReviewRow,
    SelfRow,
    UnitRows,
    render_explanations,
    render_review,
    render_self,
)

POINTS = "[$-42A]#,##0.00"


def sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def headers(ws, row=3):
    return [c.value for c in ws[row]]


SELF = SelfRow(
    "1.1",
    "Kế hoạch CCHC năm",
    Decimal(2),
    Decimal("1.5"),
    False,
    "=SUM(A1:A9)",
    ("kh.pdf", "QĐ 12"),
)


def test_the_self_assessment_of_one_unit_has_its_columns_and_numbers():
    ws = sheet(render_self("Kỳ 2024", [UnitRows("XA", "xã Tiên Châu", True, (SELF,))]))
    assert ws.title == "Kê khai"
    assert (
        ws["A1"].value == "BẢNG KÊ KHAI TỰ ĐÁNH GIÁ — Kỳ 2024" and ws["A2"].value == "xã Tiên Châu"
    )
    assert headers(ws) == [
        "Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Thuyết minh", "Tài liệu kiểm chứng",
    ]  # fmt: skip
    assert [ws["C4"].value, ws["D4"].value] == [2, 1.5]
    assert ws["D4"].number_format == POINTS and ws["D4"].data_type == "n"
    assert ws["F4"].value == "kh.pdf\nQĐ 12"


def test_a_typed_formula_stays_text():
    ws = sheet(render_self("Kỳ", [UnitRows("XA", "A", True, (SELF,))]))
    cell = ws["E4"]
    assert cell.value == "=SUM(A1:A9)" and cell.data_type == "s" and cell.quotePrefix


def test_the_header_is_frozen_and_the_page_is_landscape_fit_to_width():
    ws = sheet(render_self("Kỳ", [UnitRows("XA", "A", True, (SELF,))]))
    assert ws.freeze_panes == "B4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.column_dimensions["B"].width == 46


def test_every_unit_on_one_long_sheet_starts_each_row_with_the_unit():
    units = [
        UnitRows("XA", "xã Tiên Châu", True, (SELF,)),
        UnitRows("XB", "xã Tiên Hà", False, (SELF,)),
    ]
    ws = sheet(render_self("Kỳ", units))
    assert ws["A2"].value == "2 đơn vị"
    assert headers(ws)[:3] == ["Mã đơn vị", "Đơn vị", "Mã tiêu chí"]
    assert [ws["A5"].value, ws["B5"].value] == ["XB", "xã Tiên Hà (chưa nộp tự đánh giá)"]
    assert ws.freeze_panes == "C4"


def test_a_criterion_not_assessed_reads_kdg():
    row = SelfRow("1.2", "Báo cáo", Decimal(3), None, True, "", ())
    ws = sheet(render_self("Kỳ", [UnitRows("XA", "A", True, (row,))]))
    assert ws["D4"].value == "KĐG"


@pytest.mark.parametrize(
    ("round2", "carried", "reason2", "final"),
    [(None, True, "Giữ kết quả thẩm định lần 1", 1), (Decimal("1.75"), False, "Hợp lý", 1.75)],
)
def test_the_review_shows_both_rounds_and_what_stands(round2, carried, reason2, final):
    row = ReviewRow(
        "1.1", "Kế hoạch", Decimal(2), Decimal(2), False, Decimal(1), "Muộn", round2,
        "Hợp lý" if round2 else "", carried,
    )  # fmt: skip
    ws = sheet(render_review("Kỳ", [UnitRows("XA", "A", True, (row,))]))
    assert headers(ws) == [
        "Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định lần 1",
        "Lý do điều chỉnh lần 1", "Điểm thẩm định lần 2", "Lý do lần 2", "Điểm sau thẩm định",
    ]  # fmt: skip
    values = [c.value for c in ws[4]]
    assert values[3:] == [2, 1, "Muộn", None if round2 is None else 1.75, reason2, final]
    assert ws["I4"].number_format == POINTS


def test_the_explanations_show_the_reason_the_answer_and_the_evidence_added():
    row = ExplanationRow(
        "2.1", "Công khai TTHC", Decimal(4), False, Decimal(3), "Thiếu ảnh chụp",
        "Đã bổ sung ảnh", ("anh.pdf",), None,
    )  # fmt: skip
    ws = sheet(render_explanations("Kỳ", [UnitRows("XA", "A", True, (row,))]))
    assert ws.title == "Giải trình"
    assert [c.value for c in ws[4]] == [
        "2.1", "Công khai TTHC", 4, 3, "Thiếu ảnh chụp", "Đã bổ sung ảnh", "anh.pdf", None,
    ]  # fmt: skip
