"""The decision appendix workbook: layout, numbers as numbers, print setup."""

from __future__ import annotations

import gc
import io
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from parindex.io.results_json import published
from parindex.reports.xlsx_appendix import render

HEADER_BOTTOM = 7  # 4 title rows, a blank row, two header rows
FIRST_DATA_ROW = 8


def _field(
    code: str, score: float, maximum: float, percent: float, rank: int, **extra: Any
) -> dict:
    return {
        "code": code,
        "name": "",
        "source": "self",
        "score": score,
        "max": maximum,
        "percent": percent,
        "rank": rank,
        "of": 3,
        "at_max": score == maximum,
        "weak": percent < 95,
        "previous_score": None,
        "previous_rank": None,
        "delta": None,
        "rank_change": None,
        **extra,
    }


def _unit(code, name, kind, rank, cls, index, self_score, survey_score, fields, previous=None):
    return {
        "unit": code,
        "name": name,
        "kind": kind,
        "display_name": f"{kind} {name}",
        "block": None,
        "score": round(self_score + survey_score, 2),
        "max": 100,
        "index": index,
        "rank": rank,
        "of": 3,
        "class": cls,
        "class_rank": 1,
        "class_size": 1,
        "self": {"score": self_score, "max": 68.5, "percent": 81.07, "rank": rank},
        "survey": {"score": survey_score, "max": 31.5, "percent": 87.46, "rank": rank},
        "fields": fields,
        "previous": previous,
    }


def results(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "parindex.results/1",
        "framework": {
            "id": "xa-2023",
            "name": "Bộ tiêu chí xác định Chỉ số CCHC cấp xã năm 2023",
            "level": "commune",
            "year": 2023,
            "family": "xa",
            "source": "",
            "max": 100,
            "self_max": 68.5,
            "survey_max": 31.5,
            "weak_below": 95,
            "classes": [
                {"label": "Xuất sắc", "min": 90},
                {"label": "Tốt", "min": 85},
                {"label": "Khá", "min": 70},
                {"label": "Trung bình", "min": 50},
                {"label": "Yếu", "min": 0},
            ],
            "fields": [
                {
                    "code": "1",
                    "name": "Công tác chỉ đạo, điều hành CCHC",
                    "max": 13.5,
                    "source": "self",
                },
                {"code": "2", "name": "Cải cách thủ tục hành chính", "max": 55, "source": "self"},
                {"code": "3", "name": "Sự hài lòng của người dân", "max": 31.5, "source": "survey"},
            ],
        },
        "period": "2023",
        "previous_period": "2022",
        "block_by": None,
        "of": 3,
        "average": 83.04,
        "above_average": ["TC", "TP"],
        "below_average": ["TA"],
        "at_average": [],
        "classes": {
            "Xuất sắc": [],
            "Tốt": ["TC"],
            "Khá": ["TP", "TA"],
            "Trung bình": [],
            "Yếu": [],
        },
        "blocks": [],
        "decision": "Quyết định số 4769/QĐ-UBND ngày 21/12/2023",
        "units": [
            _unit(
                "TC",
                "Tiên Châu",
                "xã",
                1,
                "Tốt",
                86.5,
                57.0,
                29.5,
                [
                    _field("1", 12.1, 13.5, 89.63, 1),
                    _field("2", 44.9, 55, 81.64, 1),
                    _field("3", 29.5, 31.5, 93.65, 1),
                ],
                {
                    "unit": "TC",
                    "name": "Tiên Châu",
                    "index": 85.82,
                    "rank": 2,
                    "of": 3,
                    "delta": 0.68,
                    "rank_change": 1,
                    "survey_score": 26.07,
                    "survey_rank": 3,
                    "survey_delta": 3.43,
                    "survey_rank_change": 2,
                    "predecessors": [],
                },
            ),
            _unit(
                "TP",
                "Tiên Phước",
                "thị trấn",
                2,
                "Khá",
                83.08,
                55.53,
                27.55,
                [
                    _field("1", 13.5, 13.5, 100, 1),
                    _field("2", 42.03, 55, 76.42, 2),
                    _field("3", 27.55, 31.5, 87.46, 2),
                ],
                {
                    "unit": "TP",
                    "name": "Tiên Phước",
                    "index": 85.82,
                    "rank": 1,
                    "of": 3,
                    "delta": -2.74,
                    "rank_change": -1,
                    "survey_score": 27.0,
                    "survey_rank": 1,
                    "survey_delta": 0.55,
                    "survey_rank_change": -1,
                    "predecessors": [],
                },
            ),
            _unit(
                "TA",
                "Tiên An",
                "xã",
                3,
                "Khá",
                79.54,
                52.54,
                27.0,
                [
                    _field("1", 10, 13.5, 74.07, 3),
                    _field("2", 42.54, 55, 77.35, 3),
                    _field("3", 27.0, 31.5, 85.71, 3),
                ],
                None,
            ),
        ],
    }
    data.update(overrides)
    return data


def sheet(data: dict[str, Any], name: str = "Phụ lục") -> Worksheet:
    return load_workbook(io.BytesIO(render(published(data))))[name]


def header_texts(ws: Worksheet) -> list[str]:
    return [
        str(ws.cell(row=row, column=col).value)
        for row in (HEADER_BOTTOM - 1, HEADER_BOTTOM)
        for col in range(1, ws.max_column + 1)
        if ws.cell(row=row, column=col).value is not None
    ]


def column_of(ws: Worksheet, header: str) -> int:
    for col in range(1, ws.max_column + 1):
        for row in (HEADER_BOTTOM - 1, HEADER_BOTTOM):
            if ws.cell(row=row, column=col).value == header:
                return col
    raise AssertionError(f"no column {header!r}")


def test_it_writes_the_vietnamese_title_rows():
    ws = sheet(results())
    assert ws["A1"].value == "PHỤ LỤC"
    assert ws["A2"].value == "KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023"
    assert ws["A3"].value == "Bộ tiêu chí xác định Chỉ số CCHC cấp xã năm 2023"
    assert ws["A4"].value == "(Kèm theo Quyết định số 4769/QĐ-UBND ngày 21/12/2023)"


def test_it_leaves_out_the_decision_line_when_there_is_no_decision():
    ws = sheet(results(decision=None))
    assert ws["A4"].value is None
    assert ws["A5"].value == "STT"


def test_it_heads_each_field_with_its_name_and_max_in_vietnamese_style():
    headers = header_texts(sheet(results()))
    assert "Công tác chỉ đạo, điều hành CCHC (13,5)" in headers
    assert "Cải cách thủ tục hành chính (55)" in headers
    assert "Điểm tự đánh giá qua thẩm định (68,5)" in headers
    assert "Điểm điều tra xã hội học (31,5)" in headers
    for header in (
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Điểm tối đa áp dụng",
        "Chỉ số CCHC (%)",
        "Xếp hạng",
        "Xếp loại",
    ):
        assert header in headers


def test_it_writes_one_row_per_unit_in_rank_order():
    ws = sheet(results())
    rows = [[ws.cell(row=FIRST_DATA_ROW + i, column=c).value for c in (1, 2, 3)] for i in range(3)]
    assert rows == [
        [1, "TC", "xã Tiên Châu"],
        [2, "TP", "thị trấn Tiên Phước"],
        [3, "TA", "xã Tiên An"],
    ]


def test_it_stores_points_and_index_as_numbers_with_two_decimal_formats():
    ws = sheet(results())
    first_field = column_of(ws, "Công tác chỉ đạo, điều hành CCHC (13,5)")
    points = ws.cell(row=FIRST_DATA_ROW, column=first_field)
    assert points.value == pytest.approx(12.1)
    assert points.data_type == "n"
    assert points.number_format == "[$-42A]#,##0.0"
    assert ws.cell(row=FIRST_DATA_ROW + 1, column=first_field + 1).number_format == (
        "[$-42A]#,##0.00"
    )
    assert ws.cell(row=FIRST_DATA_ROW + 2, column=first_field).number_format == "[$-42A]#,##0"

    index = ws.cell(row=FIRST_DATA_ROW + 1, column=column_of(ws, "Chỉ số CCHC (%)"))
    assert index.value == pytest.approx(83.08)
    assert index.data_type == "n"
    assert index.number_format == "[$-42A]#,##0.00"
    assert ws.cell(row=FIRST_DATA_ROW, column=column_of(ws, "Xếp hạng")).value == 1
    assert ws.cell(row=FIRST_DATA_ROW, column=column_of(ws, "Xếp loại")).value == "Tốt"


def test_it_writes_the_total_and_the_applicable_max():
    ws = sheet(results())
    assert ws.cell(row=FIRST_DATA_ROW, column=column_of(ws, "Tổng điểm đạt được (100)")).value == (
        pytest.approx(86.5)
    )
    assert ws.cell(row=FIRST_DATA_ROW, column=column_of(ws, "Điểm tối đa áp dụng")).value == 100


def test_it_ends_with_the_average_index():
    ws = sheet(results())
    row = FIRST_DATA_ROW + 3
    assert ws.cell(row=row, column=1).value == "Chỉ số bình quân"
    average = ws.cell(row=row, column=column_of(ws, "Chỉ số CCHC (%)"))
    assert average.value == pytest.approx(83.04)
    assert average.number_format == "[$-42A]#,##0.00"


def test_it_compares_with_the_previous_period():
    ws = sheet(results())
    previous = column_of(ws, "Chỉ số năm 2022")
    group = ws.cell(row=HEADER_BOTTOM - 1, column=previous)
    assert group.value == "So với năm 2022"
    assert group.coordinate in ws.merged_cells
    assert ws.cell(row=FIRST_DATA_ROW + 1, column=previous).value == pytest.approx(85.82)
    delta = ws.cell(row=FIRST_DATA_ROW + 1, column=column_of(ws, "Tăng/giảm (điểm)"))
    assert delta.value == pytest.approx(-2.74)
    assert delta.number_format.startswith("[$-42A]+")
    assert ws.cell(row=FIRST_DATA_ROW, column=column_of(ws, "Thay đổi vị thứ")).value == 1
    # A unit without a previous result gets empty cells, not zeros.
    assert ws.cell(row=FIRST_DATA_ROW + 2, column=previous).value is None


def test_it_has_no_comparison_columns_without_a_previous_period():
    headers = header_texts(sheet(results(previous_period=None)))
    assert not any("2022" in h or "Tăng/giảm" in h or "vị thứ" in h for h in headers)


def test_it_leaves_out_the_survey_column_when_the_framework_has_no_survey():
    data = results()
    data["framework"]["survey_max"] = 0
    headers = header_texts(sheet(data))
    assert not any(h.startswith("Điểm điều tra xã hội học") for h in headers)


def test_it_adds_a_block_column_and_only_the_blocks_averages_when_blocked():
    data = results(block_by="kind")
    for unit in data["units"]:
        unit["block"] = unit["kind"]
    data["blocks"] = [
        {
            "label": "xã",
            "of": 2,
            "average": 83.02,
            "classes": {},
            "above_average": [],
            "below_average": [],
        },
        {
            "label": "thị trấn",
            "of": 1,
            "average": 83.08,
            "classes": {},
            "above_average": [],
            "below_average": [],
        },
    ]
    ws = sheet(data)
    block = column_of(ws, "Khối")
    assert block == 4
    assert ws.cell(row=FIRST_DATA_ROW + 1, column=block).value == "thị trấn"
    labels = [ws.cell(row=FIRST_DATA_ROW + 3 + i, column=1).value for i in range(3)]
    assert labels == [  # no average across the blocks: no province publishes one
        "Chỉ số bình quân khối xã",
        "Chỉ số bình quân khối thị trấn",
        None,
    ]
    notes = [ws.cell(row=r, column=1).value for r in range(FIRST_DATA_ROW + 5, ws.max_row + 1)]
    assert [n.split(" — ")[0] for n in notes if n] == ["Khối xã", "Khối thị trấn"]  # classes


def test_it_freezes_the_header_rows_and_the_name_column():
    assert sheet(results()).freeze_panes == f"D{FIRST_DATA_ROW}"


def test_it_prints_on_a4_landscape_one_page_wide_with_repeated_headers():
    ws = sheet(results())
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth in (1, None)  # left out: 1 is the attribute's default
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == f"${HEADER_BOTTOM - 1}:${HEADER_BOTTOM}"


def test_it_uses_times_new_roman_with_borders_and_wrapped_headers():
    ws = sheet(results())
    header = ws.cell(row=HEADER_BOTTOM, column=4)
    assert header.font.name == "Times New Roman"
    assert header.font.bold
    assert header.alignment.wrap_text
    cell = ws.cell(row=FIRST_DATA_ROW, column=3)
    assert cell.font.name == "Times New Roman"
    assert cell.border.left.style == "thin"
    assert ws.column_dimensions["C"].width >= 18


def test_it_adds_a_sheet_of_field_percentages_marking_weak_fields():
    ws = sheet(results(), "Theo lĩnh vực")
    headers = [ws.cell(row=5, column=c).value for c in range(1, ws.max_column + 1)]
    col = headers.index("Công tác chỉ đạo, điều hành CCHC (13,5)") + 1
    assert ws.cell(row=6, column=col).value == pytest.approx(89.63)
    assert ws.cell(row=6, column=col).number_format == "[$-42A]#,##0.00"
    assert ws.cell(row=6, column=col).fill.fgColor.rgb.endswith("FCE4D6")  # weak
    assert ws.cell(row=7, column=col).fill.fill_type is None  # 100 %: not weak
    assert ws.freeze_panes == "D6"


def test_it_renders_a_unit_without_survey_points():
    data = results()
    data["units"][2]["survey"] = None
    ws = sheet(data)
    survey = column_of(ws, "Điểm điều tra xã hội học (31,5)")
    assert ws.cell(row=FIRST_DATA_ROW + 2, column=survey).value is None


def test_a_unit_named_like_a_formula_stays_text():
    data = results()
    data["units"][0]["display_name"] = '=HYPERLINK("http://x.invalid","xã Tiên Châu")'
    ws = sheet(data)
    cell = ws.cell(row=FIRST_DATA_ROW, column=3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert cell.quotePrefix


def test_it_merges_single_columns_down_and_groups_across_at_their_widths():
    ws = sheet(results())
    merged = {str(r) for r in ws.merged_cells.ranges}
    top = HEADER_BOTTOM - 1
    assert {f"A{top}:A{HEADER_BOTTOM}", f"C{top}:C{HEADER_BOTTOM}", f"D{top}:F{top}"} <= merged
    assert {"A1:P1", "A2:P2", "A3:P3", "A4:P4", f"A{FIRST_DATA_ROW + 3}:C{FIRST_DATA_ROW + 3}"} <= (
        merged
    )
    assert ws.row_dimensions[top].height == 32
    assert ws.row_dimensions[HEADER_BOTTOM].height >= 30
    widths = {c: ws.column_dimensions[c].width for c in "ABDJ"}
    assert widths == {"A": 5.5, "B": 10, "D": 12.5, "J": 10.5}


def test_a_framework_named_like_a_formula_stays_text_in_the_title():
    data = results()
    data["framework"]["name"] = "=1+1"
    cell = sheet(data)["A3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_the_garbage_collector_is_as_it_was_after_rendering():
    sheet(results())
    assert gc.isenabled()
    gc.disable()
    try:
        sheet(results())
        assert not gc.isenabled()
    finally:
        gc.enable()
