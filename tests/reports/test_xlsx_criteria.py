"""The appendix's sheet of criteria: each unit's points on every criterion, under its field."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from parindex.io.results_json import dumps, parse_results, to_dict
from parindex.reports import xlsx_appendix
from tests.core.test_criterion_results import run_of

HEADER_GROUPS, HEADERS, FIRST_ROW = 4, 5, 6


def criteria_sheet(text: str) -> Worksheet:
    workbook = load_workbook(io.BytesIO(xlsx_appendix.render(parse_results(text))))
    return workbook["Theo tiêu chí"]


@pytest.fixture(scope="module")
def text() -> str:
    return dumps(to_dict(run_of()))


def row_of(ws: Worksheet, code: str) -> int:
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 2).value == code)


def column_of(ws: Worksheet, header: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(HEADERS, c).value == header)


def test_it_heads_each_criterion_with_its_name_and_max_under_its_field(text):
    ws = criteria_sheet(text)
    assert ws["A1"].value == "ĐIỂM ĐẠT ĐƯỢC THEO TIÊU CHÍ NĂM 2024"
    plan = column_of(ws, "1.1. Kế hoạch CCHC (3)")
    assert ws.cell(HEADER_GROUPS, plan).value == "1. Chỉ đạo, điều hành"
    assert ws.cell(HEADERS, plan + 1).value == "1.2. Báo cáo CCHC (3)"
    assert ws.cell(HEADER_GROUPS, plan + 2).value == "3. Tổ chức bộ máy"
    headers = [ws.cell(HEADERS, c).value for c in range(1, ws.max_column + 1)]
    assert not any(str(h).startswith("2.") for h in headers)  # field 2 has no criteria


def test_it_writes_each_units_points_as_numbers_and_kdg_where_nothing_applies(text):
    ws = criteria_sheet(text)
    plan = column_of(ws, "1.1. Kế hoạch CCHC (3)")
    merged = column_of(ws, "3.1. Sắp xếp (6)")
    assert ws.cell(row_of(ws, "X"), plan).value == 2
    assert ws.cell(row_of(ws, "Y"), plan).value == 2
    assert ws.cell(row_of(ws, "Y"), merged).value == "KĐG"
    assert ws.cell(row_of(ws, "Z"), merged).value == 3
    assert ws.cell(row_of(ws, "X"), plan).number_format.startswith("[$-42A]")


def test_it_prints_across_pages_repeating_the_units_columns(text):
    ws = criteria_sheet(text)
    assert ws.print_title_cols == "$A:$C"
    assert ws.print_title_rows == f"${HEADER_GROUPS}:${HEADERS}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth in (1, None)  # three criteria fit on one page (1: left out)
    assert ws.freeze_panes == f"D{FIRST_ROW}"


def test_a_results_file_without_criteria_has_no_criteria_sheet(text):
    data = json.loads(text)
    for field in data["framework"]["fields"]:
        del field["criteria"]
    for unit in data["units"]:
        del unit["criteria"]
    workbook = load_workbook(io.BytesIO(xlsx_appendix.render(parse_results(json.dumps(data)))))
    assert workbook.sheetnames == ["Phụ lục", "Theo lĩnh vực"]


def test_a_run_too_large_to_print_says_where_its_criteria_are(text, monkeypatch):
    monkeypatch.setattr(xlsx_appendix, "CRITERIA_UP_TO", 3)
    ws = criteria_sheet(text)
    assert "của 4 đơn vị có trong tệp results.json" in ws["A4"].value
    assert ws.max_row == 4
