"""The fill-in score workbook: the exact layout its reader expects, and its guards."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from parindex.core.framework import Framework, parse_framework
from parindex.reports.xlsx_template import render

UNITS = [("TC", "xã Tiên Châu"), ("TP", "thị trấn Tiên Phước"), ("TA", "xã Tiên An")]


@pytest.fixture
def framework() -> Framework:
    return parse_framework(
        {
            "id": "xa-2023",
            "name": "Bộ tiêu chí xác định Chỉ số CCHC cấp xã năm 2023",
            "level": "commune",
            "year": 2023,
            "classes": [{"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
            "fields": [
                {
                    "code": "1",
                    "name": "Công tác chỉ đạo, điều hành CCHC",
                    "children": [
                        {"code": "1.1", "name": "Kế hoạch CCHC năm", "max": 2},
                        {
                            "code": "1.2",
                            "name": "Thực hiện kế hoạch",
                            "children": [
                                {"code": "1.2.1", "name": "Mức độ hoàn thành", "max": "8.5"},
                                {"code": "1.2.2", "name": "Báo cáo đúng hạn", "max": "0.25"},
                            ],
                        },
                    ],
                },
                {
                    "code": "2",
                    "name": "Sự hài lòng",
                    "source": "survey",
                    "children": [{"code": "2.1", "name": "Hài lòng chung", "max": 10}],
                },
            ],
        }
    )


def workbook(framework: Framework, units=UNITS) -> Workbook:
    return load_workbook(io.BytesIO(render(framework, units)))


def test_it_puts_the_score_sheet_first(framework):
    wb = workbook(framework)
    assert wb.sheetnames[0] == "Chấm điểm"
    assert "Hướng dẫn" in wb.sheetnames


def test_it_heads_the_columns_with_leaf_codes_as_text(framework):
    ws = workbook(framework)["Chấm điểm"]
    assert [c.value for c in ws[1]] == ["Mã đơn vị", "Tên đơn vị", "1.1", "1.2.1", "1.2.2", "2.1"]
    assert all(isinstance(c.value, str) for c in ws[1])


def test_it_names_the_criteria_in_row_two(framework):
    ws = workbook(framework)["Chấm điểm"]
    assert [c.value for c in ws[2]] == [
        None,
        "Tên tiêu chí",
        "Kế hoạch CCHC năm",
        "Mức độ hoàn thành",
        "Báo cáo đúng hạn",
        "Hài lòng chung",
    ]


def test_it_gives_each_max_as_a_number_in_row_three(framework):
    ws = workbook(framework)["Chấm điểm"]
    values = [c.value for c in ws[3]]
    assert values[:2] == [None, "Điểm tối đa"]
    assert values[2:] == [2, pytest.approx(8.5), pytest.approx(0.25), 10]
    assert all(c.data_type == "n" for c in ws[3][2:])


def test_it_lists_the_units_from_row_four_with_empty_score_cells(framework):
    ws = workbook(framework)["Chấm điểm"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert rows == [
        ["TC", "xã Tiên Châu", None, None, None, None],
        ["TP", "thị trấn Tiên Phước", None, None, None, None],
        ["TA", "xã Tiên An", None, None, None, None],
    ]


def test_it_keeps_a_numeric_looking_unit_code_as_text(framework):
    ws = workbook(framework, [("001", "xã Một")])["Chấm điểm"]
    assert ws["A4"].value == "001"


def test_it_records_the_framework_in_a_hidden_sheet(framework):
    meta = workbook(framework)["parindex"]
    assert meta.sheet_state == "hidden"
    assert (meta["A1"].value, meta["B1"].value) == ("framework", "xa-2023")
    assert (meta["A2"].value, meta["B2"].value) == ("format", "parindex.template/1")


def test_it_freezes_the_headers_and_the_unit_columns(framework):
    assert workbook(framework)["Chấm điểm"].freeze_panes == "C4"


def test_it_validates_each_score_column_against_its_max(framework):
    ws = workbook(framework)["Chấm điểm"]
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(validations) == {"C4:C6", "D4:D6", "E4:E6", "F4:F6"}
    dv = validations["D4:D6"]
    assert dv.type == "custom"
    assert dv.formula1 == 'OR(AND(ISNUMBER(D4),D4>=0,D4<=8.5),D4="KĐG",D4="N/A")'
    assert validations["E4:E6"].formula1.count("<=0.25") == 1
    assert dv.showErrorMessage
    assert dv.allow_blank
    assert "8,5" in dv.error
    assert "KĐG" in dv.error
    assert len(dv.error) <= 255
    assert len(dv.prompt) <= 255
    assert len(dv.promptTitle) <= 32
    assert len(dv.errorTitle) <= 32


def test_it_explains_kdg_and_empty_cells_in_a_comment(framework):
    ws = workbook(framework)["Chấm điểm"]
    note = ws["B3"].comment.text
    assert "KĐG" in note
    assert "không đánh giá" in note
    assert "trống" in note


def test_it_prepares_blank_rows_when_no_unit_is_given(framework):
    ws = workbook(framework, [])["Chấm điểm"]
    assert ws["A4"].value is None
    sqrefs = {str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert "C4:C103" in sqrefs


def test_it_lists_the_whole_framework_tree_in_the_guide(framework):
    ws = workbook(framework)["Hướng dẫn"]
    codes = [row[0] for row in ws.iter_rows(values_only=True) if row and row[0]]
    tree = codes[codes.index("Mã") + 1 :]
    assert tree == ["1", "1.1", "1.2", "1.2.1", "1.2.2", "2", "2.1", "Tổng"]
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "KĐG" in text
    assert "Điều tra xã hội học" in text
