"""Real annex tables: the Cà Mau 1880/QĐ-UBND layout (two-row header, scoring lines as rows of
their own), headers as decisions write them, scoring lines, totals that do not add up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from parindex.core.framework import Framework, parse_framework
from parindex.core.problems import InputError
from parindex.io.framework_table import read_framework_table, write_framework_yaml
from parindex.io.frameworks import load_framework

META = {"id": "camau-2013", "name": "Chỉ số CCHC Cà Mau", "level": "department", "year": 2013}

# docs: /work/shared/docs/frameworks-2025.md — Quyết định 1880/QĐ-UBND (2013), the stored passage
CA_MAU_HEADER: list[list[object]] = [
    [
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm đánh giá",
        None,
        None,
        "Điểm đạt được",
        "Chỉ số",
        "Ghi chú",
    ],
    [None, None, None, "Điều tra XHH", "Tự đánh giá", "SNV đánh giá", None, None, None],
]
CA_MAU_MERGES = ("A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:G2", "H1:H2", "I1:I2")


def lines(*texts: str) -> list[list[object]]:
    return [[None, text] for text in texts]


CA_MAU_ROWS: list[list[object]] = [
    [1, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", 20],  # row 3
    [1.1, "Kế hoạch CCHC năm", 5],  # row 4
    ["1.1.1", "Ban hành kế hoạch CCHC năm", 1],  # row 5
    *lines("Ban hành kịp thời: 1", "Ban hành không kịp thời: 0,5", "Không ban hành: 0"),
    [
        "1.1.2",
        "Xác định đầy đủ các nhiệm vụ CCHC trên các lĩnh vực theo kế hoạch năm của UBND tỉnh"
        " và bố trí kinh phí thực hiện",
        1,
    ],
    *lines(
        "Xác định đầy đủ nhiệm vụ và có bố trí kinh phí: 1",
        "Không xác định đầy đủ nhiệm vụ hoặc không bố trí kinh phí: 0",
    ),
    [
        "1.1.3",
        "Các kết quả phải đạt được xác định rõ ràng, cụ thể và định rõ trách nhiệm triển khai"
        " của phòng, ban, đơn vị trực thuộc",
        1,
    ],
    *lines("Đạt yêu cầu: 1", "Không đạt yêu cầu: 0"),
    ["1.1.4", "Mức độ thực hiện kế hoạch CCHC", 2],
    *lines(
        "Thực hiện trên 90% kế hoạch: 2",
        "Thực hiện từ 70% - 90% kế hoạch: 1",
        "Dưới 70% kế hoạch: 0",
    ),
    [1.2, "Báo cáo CCHC", 2],  # row 19
    [
        "1.2.1",
        "Tất cả báo cáo được gửi đúng thời gian quy định (báo cáo quí I, quí III, báo cáo"
        " 6 tháng và báo cáo năm)",
        1,
    ],
    *lines(
        "Đủ số lượng và đúng thời gian quy định: 1",
        "Không đủ số lượng báo cáo hoặc không đúng thời gian quy định: 0",
    ),
    ["1.2.2", "Tất cả báo cáo có đầy đủ nội dung theo hướng dẫn", 1],
    *lines("Đạt yêu cầu: 1", "Không đạt yêu cầu: 0"),
    [1.3, "Kiểm tra công tác CCHC", 3],  # row 26: the passage ends here
]


def ca_mau(tmp_path: Path, rows: list[list[object]] = CA_MAU_ROWS) -> Path:
    book = Workbook()
    sheet = book.active
    for row in [*CA_MAU_HEADER, *rows]:
        sheet.append(row)
    for merged in CA_MAU_MERGES:
        sheet.merge_cells(merged)
    path = tmp_path / "1880-QD-UBND.xlsx"
    book.save(path)
    return path


def without_field_max(rows: list[list[object]]) -> list[list[object]]:
    """The passage with field 1's stated 20 left out: what the shown part of it adds up to."""
    return [[rows[0][0], rows[0][1], None], *rows[1:]]


def read(path: Path) -> dict:
    return read_framework_table(path, **META)  # type: ignore[arg-type]


def table(tmp_path: Path, rows: list[list[object]], name: str = "phu-luc.xlsx") -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def parsed(tmp_path: Path, rows: list[list[object]]) -> Framework:
    return parse_framework(read(table(tmp_path, rows)))


def refused(tmp_path: Path, rows: list[list[object]]) -> list:
    with pytest.raises(InputError) as caught:
        read(table(tmp_path, rows))
    assert all(p.file == "phu-luc.xlsx" for p in caught.value.problems)
    return list(caught.value.problems)


# --- Cà Mau ----------------------------------------------------------------------------


def test_the_ca_mau_passage_is_refused_at_field_1_whose_shown_children_add_up_to_10(tmp_path):
    with pytest.raises(InputError) as caught:
        read(ca_mau(tmp_path))
    [problem] = caught.value.problems
    assert (problem.file, problem.where, problem.criterion) == ("1880-QD-UBND.xlsx", "ô C3", "1")
    assert "20" in problem.message and "cộng lại 10" in problem.message
    assert "1.1, 1.2, 1.3" in problem.message
    assert str(problem).startswith("1880-QD-UBND.xlsx, ô C3, tiêu chí 1: ")


def test_the_ca_mau_passage_reads_as_a_tree_with_its_maxima(tmp_path):
    fw = parse_framework(read(ca_mau(tmp_path, without_field_max(CA_MAU_ROWS))))
    assert [n.code for n in fw.fields[0].walk()] == [
        "1",
        "1.1",
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.1.4",
        "1.2",
        "1.2.1",
        "1.2.2",
        "1.3",
    ]
    maxima = {n.code: n.max for n in fw.fields[0].walk()}
    assert maxima["1"] == 10 and maxima["1.1"] == 5 and maxima["1.2"] == 2
    assert maxima["1.1.4"] == 2
    last = fw.node("1.3")
    assert last is not None and last.is_leaf and last.max == 3
    assert last.scale == () and last.guide == ""
    assert fw.node("1.1.1").name == "Ban hành kế hoạch CCHC năm"  # type: ignore[union-attr]
    assert {leaf.source for leaf in fw.leaves} == {"self"}  # no mark in «Điều tra XHH»


def test_the_ca_mau_scoring_lines_become_each_leafs_scale_and_guide(tmp_path):
    fw = parse_framework(read(ca_mau(tmp_path, without_field_max(CA_MAU_ROWS))))
    first = fw.node("1.1.1")
    assert first is not None
    assert first.scale == (Decimal(1), Decimal("0.5"), Decimal(0))
    assert first.guide == "Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0"
    assert fw.node("1.1.4").scale == (2, 1, 0)  # type: ignore[union-attr]
    assert fw.node("1.1.4").guide.startswith("Thực hiện trên 90% kế hoạch: 2; ")  # type: ignore[union-attr]
    assert fw.node("1.2.1").scale == (1, 0)  # type: ignore[union-attr]
    assert fw.node("1.1").guide == ""  # type: ignore[union-attr]


def test_the_ca_mau_passage_writes_yaml_that_loads_back(tmp_path):
    data = read(ca_mau(tmp_path, without_field_max(CA_MAU_ROWS)))
    text = write_framework_yaml(data)
    assert "scale: [1, 0.5, 0]" in text
    path = tmp_path / "camau.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_framework(path)
    assert [(n.code, n.max, n.scale, n.guide) for n in loaded.leaves] == [
        (n.code, n.max, n.scale, n.guide) for n in parse_framework(data).leaves
    ]


# --- headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa"],
        ["TT", "Nội dung đánh giá", "Điểm tối đa"],
        ["Số TT", "Lĩnh vực, tiêu chí", "Điểm chuẩn"],
        ["Mã", "Tên lĩnh vực, tiêu chí", "Điểm tối đa"],
        ["stt", "LĨNH VỰC/TIÊU CHÍ/TCTP", "ĐIỂM TỐI ĐA"],
        ["STT", "Lĩnh vực/Tiêu chí", "Thang điểm"],  # no other max column: «Thang điểm» is it
    ],
)
def test_the_headers_real_annexes_use_are_recognised(tmp_path, header):
    fw = parsed(tmp_path, [header, ["1", "Chỉ đạo", None], ["1.1", "Kế hoạch", 2]])
    assert fw.max_points == 2


def test_title_rows_above_and_a_row_of_column_numbers_below_the_header_are_skipped(tmp_path):
    rows = [
        ["PHỤ LỤC I"],
        ["BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"],
        [],
        ["STT", "Nội dung", "Điểm tối đa", "Tự đánh giá", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1", "Chỉ đạo", None, None, None],
        ["1.1", "Kế hoạch", 2, None, "theo kế hoạch của tỉnh"],
    ]
    fw = parsed(tmp_path, rows)
    assert fw.max_points == 2
    assert fw.node("1.1").note == "theo kế hoạch của tỉnh"  # type: ignore[union-attr]


def test_the_header_repeated_on_each_page_of_a_converted_annex_is_skipped(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in [*CA_MAU_HEADER, *without_field_max(CA_MAU_ROWS)[:10]]:
        sheet.append(row)
    for row in [*CA_MAU_HEADER, ["(1)", "(2)", "(3)", "(4)"], *CA_MAU_ROWS[10:]]:
        sheet.append(row)
    path = tmp_path / "1880-QD-UBND.xlsx"
    book.save(path)
    fw = parse_framework(read(path))
    assert fw.max_points == 10 and len(fw.leaves) == 7


def test_a_guide_cell_keeps_its_line_breaks(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Cách chấm điểm"],
        ["1", "Ban hành  kế hoạch", 1, "  Đúng hạn: 1 điểm\n\n  Chậm:   0,5 điểm "],
    ]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.guide == "Đúng hạn: 1 điểm\nChậm: 0,5 điểm"
    assert node.name == "Ban hành kế hoạch"


def test_columns_that_only_hold_scores_are_ignored(tmp_path):
    rows = [
        [
            "STT",
            "Nội dung",
            "Điểm tối đa",
            "Tự đánh giá",
            "SNV đánh giá",
            "Điểm đạt được",
            "Chỉ số",
        ],
        ["1", "Chỉ đạo", None, 1.5, 1, 1, 50],
        ["1.1", "Kế hoạch", 2, 1.5, "một", 1, "50%"],
        [None, None, None, 1.5, 1, None, "Tổng: 50"],
    ]
    assert parsed(tmp_path, rows).max_points == 2


def test_thang_diem_beside_diem_toi_da_is_the_guide(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Thang điểm", "Tài liệu kiểm chứng"],
        ["1", "Chỉ đạo", None, None, None],
        ["1.1", "Kế hoạch", 1, "Ban hành đúng hạn: 1 điểm", "Quyết định ban hành"],
    ]
    node = parsed(tmp_path, rows).node("1.1")
    assert node is not None and node.guide == "Ban hành đúng hạn: 1 điểm" and node.evidence
    assert node.evidence_text == "Quyết định ban hành" and not node.note


SURVEY_HEADER: list[list[object]] = [
    ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm đánh giá", None],
    [None, None, None, "Điều tra XHH", "Tự đánh giá"],
]


def test_a_mark_in_the_survey_column_makes_the_row_and_what_is_under_it_survey(tmp_path):
    rows = [
        *SURVEY_HEADER,
        ["1", "Chỉ đạo", None, None, None],
        ["1.1", "Kế hoạch", 2, None, None],
        ["2", "Sự hài lòng của người dân", None, "x", None],
        ["2.1", "Hài lòng về thủ tục", 3, None, None],
        ["3", "Hiện đại hóa", None, None, None],
        ["3.1", "Ứng dụng CNTT", 1, None, None],
        ["3.2", "Mức độ hài lòng về dịch vụ công trực tuyến", 2, 1.5, None],
    ]
    fw = parsed(tmp_path, rows)
    assert {leaf.code: leaf.source for leaf in fw.leaves} == {
        "1.1": "self",
        "2.1": "survey",
        "3.1": "self",
        "3.2": "survey",
    }


def test_marks_below_a_marked_row_are_what_count(tmp_path):
    rows = [
        *SURVEY_HEADER,
        ["1", "Hiện đại hóa", None, 4.5, 1],  # a subtotal: its children carry their own marks
        ["1.1", "Ứng dụng CNTT", 1, None, 1],
        ["1.2", "Hài lòng về dịch vụ công", 5, 4.5, None],
    ]
    fw = parsed(tmp_path, rows)
    assert [(leaf.code, leaf.source) for leaf in fw.leaves] == [("1.1", "self"), ("1.2", "survey")]


def test_a_name_that_says_dieu_tra_xa_hoi_hoc_is_survey(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa"],
        ["1", "Chỉ đạo", 2],
        ["2", "Các tiêu chí đánh giá qua điều tra xã hội học", None],
        ["2.1", "Hài lòng về thủ tục", 3],
    ]
    fw = parsed(tmp_path, rows)
    assert fw.part_max("survey") == 3 and fw.part_max("self") == 2


def test_a_self_source_on_a_marked_row_is_located(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Điều tra XHH", "Nguồn"],
        ["1", "Chỉ đạo", 2, "x", "tự đánh giá"],
    ]
    [problem] = refused(tmp_path, rows)
    assert problem.where == "ô D2" and problem.criterion == "1"


# --- scoring lines ---------------------------------------------------------------------

HEAD = ["STT", "Nội dung", "Điểm tối đa", "Ghi chú"]


def test_scoring_lines_with_their_points_in_the_max_column(tmp_path):
    rows = [
        HEAD,
        ["1", "Ban hành kế hoạch", 1, None],
        [None, "Ban hành kịp thời", 1, None],
        [None, "Ban hành không kịp thời", "0,5", None],
        [None, "Không ban hành", 0, "kể cả ban hành sau 31/12"],
    ]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.scale == (1, Decimal("0.5"), 0)
    assert node.guide == "Ban hành kịp thời: 1; Ban hành không kịp thời: 0,5; Không ban hành: 0"
    assert node.note == "kể cả ban hành sau 31/12"


@pytest.mark.parametrize(
    "texts",
    [
        ("- Đúng hạn: 2 điểm", "- Chậm dưới 10 ngày: 1 điểm", "- Chậm từ 10 ngày: 0 điểm"),
        ("Đúng hạn 2 điểm;", "Chậm dưới 10 ngày 1 điểm;", "Chậm từ 10 ngày 0 điểm."),
        ("Đúng hạn (2 điểm)", "Chậm dưới 10 ngày (1 điểm)", "Chậm từ 10 ngày (0 điểm)"),
        ("2 điểm: đúng hạn", "1 điểm: chậm dưới 10 ngày", "0 điểm: chậm từ 10 ngày"),
        ("+ Đúng hạn: 02", "+ Chậm dưới 10 ngày: 01", "+ Chậm từ 10 ngày: 0", "+ Không gửi: 0"),
    ],
)
def test_scoring_lines_in_the_ways_decisions_write_points(tmp_path, texts):
    rows = [HEAD, ["1", "Báo cáo", 2, None], *([None, t] for t in texts)]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.scale == (2, 1, 0)
    assert node.guide.count("; ") == len(texts) - 1


def test_scoring_lines_may_sit_in_the_guide_column(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Cách chấm điểm"],
        ["1", "Ban hành kế hoạch", 1, "Chấm theo ngày ban hành"],
        [None, None, None, "Trước 31/12: 1"],
        [None, None, None, "Sau 31/12: 0"],
    ]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.scale == (1, 0)
    assert node.guide == "Chấm theo ngày ban hành; Trước 31/12: 1; Sau 31/12: 0"


def test_lines_that_do_not_all_give_points_are_a_guide_only(tmp_path):
    rows = [
        HEAD,
        ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 2, None],
        [None, "Tỷ lệ % = số hồ sơ đúng hạn / tổng số hồ sơ × 100", None, None],
        [None, "Điểm = tỷ lệ % × điểm tối đa", None, None],
        [None, "Không có hồ sơ phát sinh: 2", None, None],
    ]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.scale == ()
    assert node.guide.startswith("Tỷ lệ % = số hồ sơ đúng hạn") and node.guide.endswith(": 2")


def test_a_penalty_line_is_not_a_point_of_the_scale(tmp_path):
    rows = [
        HEAD,
        ["1", "Thực hiện chế độ báo cáo", 1, None],
        [None, "Đủ, đúng hạn: 1", None, None],
        [None, "Không gửi báo cáo: bị 0 điểm và bị trừ 0,25 điểm", None, None],
    ]
    node = parsed(tmp_path, rows).node("1")
    assert node is not None and node.scale == () and "trừ 0,25" in node.guide


def test_repeated_points_in_the_lines_are_one_level_of_the_scale(tmp_path):
    rows = [
        HEAD,
        ["1", "Ban hành kế hoạch", 1, None],
        [None, "Đúng hạn: 1", None, None],
        [None, "Chậm: 0", None, None],
        [None, "Không ban hành: 0", None, None],
    ]
    assert parsed(tmp_path, rows).node("1").scale == (1, 0)  # type: ignore[union-attr]


@pytest.mark.parametrize(("top", "maximum"), [("2", "1"), ("0,5", "1")])
def test_a_scale_whose_top_is_not_the_max_is_located(tmp_path, top, maximum):
    rows = [
        HEAD,
        ["1", "Chỉ đạo", None, None],
        ["1.1", "Ban hành kế hoạch", maximum, None],  # row 3
        [None, "Đúng hạn", top, None],
        [None, "Chậm", 0, None],
    ]
    [problem] = refused(tmp_path, rows)
    assert (problem.where, problem.criterion) == ("ô C3", "1.1")
    assert top in problem.message and maximum in problem.message
    assert "dòng 4–5" in problem.message


def test_lines_with_points_under_a_criterion_that_has_children_are_located(tmp_path):
    rows = [HEAD, ["1", "Chỉ đạo", None, None], [None, "Đúng hạn: 1", None, None]]
    rows += [["1.1", "Kế hoạch", 1, None]]
    [problem] = refused(tmp_path, rows)
    assert problem.where == "dòng 3" and problem.criterion == "1"


def test_a_line_before_any_criterion_is_a_row_without_a_code(tmp_path):
    rows = [HEAD, [None, "Ban hành kịp thời: 1", None, None], ["1", "Kế hoạch", 1, None]]
    [problem] = refused(tmp_path, rows)
    assert problem.where == "ô A2" and "thiếu mã" in problem.message


# --- totals ----------------------------------------------------------------------------


def test_every_total_that_does_not_add_up_is_located_at_once(tmp_path):
    rows = [
        HEAD,
        ["1", "Chỉ đạo", 6, None],  # row 2: 5 + 2 = 7
        ["1.1", "Kế hoạch", 5, None],  # row 3: 1 + 3 = 4
        ["1.1.1", "Ban hành", 1, None],
        ["1.1.2", "Thực hiện", 3, None],
        ["1.2", "Báo cáo", 2, None],
        ["2", "Thể chế", "2,5", None],  # row 7: 1,5
        ["2.1", "Rà soát", "1,5", None],
    ]
    problems = refused(tmp_path, rows)
    assert [(p.where, p.criterion) for p in problems] == [
        ("ô C2", "1"),
        ("ô C3", "1.1"),
        ("ô C7", "2"),
    ]
    assert "điểm tối đa là 5 nhưng các tiêu chí con 1.1.1, 1.1.2 cộng lại 4" in problems[1].message
    assert "2,5" in problems[2].message and "1,5" in problems[2].message


def test_a_total_row_is_checked_not_read_as_a_criterion(tmp_path):
    good = [HEAD, ["1", "Chỉ đạo", 3, None], ["2", "Thể chế", 2, None], [None, "TỔNG CỘNG", 5]]
    assert [n.code for n in parsed(tmp_path, good).leaves] == ["1", "2"]
    bad = [*good[:-1], [None, "Tổng điểm (1+2)", 100, None]]
    [problem] = refused(tmp_path, bad)
    assert problem.where == "ô C4" and "100" in problem.message and "5" in problem.message


def test_subtotal_rows_are_neither_criteria_nor_checked_against_the_whole(tmp_path):
    rows = [
        HEAD,
        ["I", "Chỉ đạo", None, None],
        ["1", "Kế hoạch", 3, None],
        [None, "Cộng lĩnh vực I", 3, None],
        ["II", "Thể chế", None, None],
        ["2", "Văn bản", 2, None],
        [None, "Cộng", 2, None],
        [None, "Tổng cộng (I+II)", 5, None],
    ]
    assert [(n.code, n.max) for n in parsed(tmp_path, rows).leaves] == [("I.1", 3), ("II.2", 2)]


def test_numbers_at_the_start_of_the_name_place_rows_when_the_stt_cell_is_empty(tmp_path):
    rows = [
        HEAD,
        [None, "I. CÔNG TÁC CHỈ ĐẠO", None, None],
        [None, "1. Kế hoạch", None, None],
        [None, "1.1 Ban hành kế hoạch", 1, None],
        [None, "- Đúng hạn: 1", None, None],
        [None, "- Chậm: 0", None, None],
        [None, "II - THỂ CHẾ", None, None],
        [None, "2. Văn bản", 2, None],
        [None, "a) Xây dựng", 1, None],
        [None, "b) Rà soát", 1, None],
    ]
    fw = parsed(tmp_path, rows)
    assert [(n.code, n.name) for n in fw.fields] == [("I", "CÔNG TÁC CHỈ ĐẠO"), ("II", "THỂ CHẾ")]
    assert [n.code for n in fw.leaves] == ["I.1.1", "II.2.a", "II.2.b"]
    assert fw.node("I.1.1").name == "Ban hành kế hoạch"  # type: ignore[union-attr]
    assert fw.node("I.1.1").scale == (1, 0)  # type: ignore[union-attr]


def test_the_yaml_of_an_annex_table_keeps_scale_guide_and_source(tmp_path):
    rows = [
        ["STT", "Nội dung", "Điểm tối đa", "Điều tra XHH"],
        ["1", "Ban hành kế hoạch", 1, None],
        [None, "Đúng hạn: 1", None, None],
        [None, "Chậm: 0", None, None],
        ["2", "Hài lòng của người dân", 3, "x"],
    ]
    text = write_framework_yaml(read(table(tmp_path, rows)))
    loaded = yaml.safe_load(text)["fields"]
    assert loaded[0]["scale"] == [1, 0] and loaded[0]["guide"] == "Đúng hạn: 1; Chậm: 0"
    assert loaded[1]["source"] == "survey"
