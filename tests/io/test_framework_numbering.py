"""Framework tables numbered as real annexes number them: the tree follows the numbering."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from parindex.core.framework import Framework, parse_framework
from parindex.core.problems import InputError
from parindex.io.framework_table import read_framework_table

META = {"id": "so-2025", "name": "Bộ tiêu chí cấp sở", "level": "department", "year": 2025}
HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa"]


def framework(tmp_path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Framework:
    data = read_framework_table(write(tmp_path, [header, *rows]), **META)  # type: ignore[arg-type]
    return parse_framework(data)


def write(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "phu-luc.xlsx"
    book.save(path)
    return path


def tree(fw: Framework) -> list[tuple[str, ...]]:
    """(code, child codes…) for every node with children, in order."""
    return [
        (node.code, *(child.code for child in node.children))
        for top in fw.fields
        for node in top.walk()
        if node.children
    ]


WORDED = [
    ["Tiêu chí 1", "Công tác chỉ đạo, điều hành", 10],
    ["Chỉ tiêu 1", "Kế hoạch cải cách hành chính", 6],
    ["1.", "Ban hành kế hoạch đúng hạn", 4],
    ["2.", "Kế hoạch xác định rõ kết quả", 2],
    ["Chỉ tiêu 2", "Báo cáo cải cách hành chính", 4],
]


def test_worded_numbering_nests_and_counts_each_point_once(tmp_path):
    fw = framework(tmp_path, WORDED)
    assert fw.max_points == Decimal(10)
    assert tree(fw) == [("1", "1.1", "1.2"), ("1.1", "1.1.1", "1.1.2")]
    assert [leaf.code for leaf in fw.leaves] == ["1.1.1", "1.1.2", "1.2"]
    assert fw.node("1.1.2").name == "Kế hoạch xác định rõ kết quả"  # type: ignore[union-attr]


def test_worded_numbering_may_sit_at_the_start_of_the_name(tmp_path):
    rows = [
        [None, "Tiêu chí 1: Công tác chỉ đạo, điều hành", 10],
        [None, "Chỉ tiêu 1. Kế hoạch cải cách hành chính", 6],
        ["1", "Ban hành kế hoạch đúng hạn", 4],
        ["2", "Kế hoạch xác định rõ kết quả", 2],
        [None, "Chỉ tiêu 2 - Báo cáo cải cách hành chính", 4],
        [None, "Tiêu chí 2: Cải cách thể chế", 3],
    ]
    fw = framework(tmp_path, rows)
    assert fw.max_points == Decimal(13)
    assert [(n.code, n.name) for n in fw.fields] == [
        ("1", "Công tác chỉ đạo, điều hành"),
        ("2", "Cải cách thể chế"),
    ]
    assert fw.node("1.2").name == "Báo cáo cải cách hành chính"  # type: ignore[union-attr]
    assert [leaf.code for leaf in fw.leaves] == ["1.1.1", "1.1.2", "1.2", "2"]


ROMAN_CONTINUOUS = [
    ["I", "Công tác chỉ đạo, điều hành", 5],
    [1, "Kế hoạch", 2],
    [2, "Báo cáo", 2],
    [3, "Kiểm tra", 1],
    ["II", "Cải cách thể chế", 4],
    [4, "Xây dựng văn bản", 3],
    [5, "Rà soát văn bản", 1],
]


def test_roman_fields_over_continuous_numbering_count_each_point_once(tmp_path):
    fw = framework(tmp_path, ROMAN_CONTINUOUS)
    assert fw.max_points == Decimal(9)
    assert tree(fw) == [("I", "I.1", "I.2", "I.3"), ("II", "II.4", "II.5")]
    assert [top.max for top in fw.fields] == [Decimal(5), Decimal(4)]


def test_roman_fields_with_numbering_that_starts_again_get_unique_codes(tmp_path):
    rows = [
        ["I.", "Công tác chỉ đạo, điều hành", 3],
        ["1.", "Kế hoạch", 2],
        ["2.", "Báo cáo", 1],
        ["II.", "Cải cách thể chế", 4],
        ["1.", "Xây dựng văn bản", 3],
        ["2.", "Rà soát văn bản", 1],
    ]
    fw = framework(tmp_path, rows)
    assert tree(fw) == [("I", "I.1", "I.2"), ("II", "II.1", "II.2")]
    assert fw.max_points == Decimal(7)


def test_dotted_numbering_under_roman_fields_nests_by_depth(tmp_path):
    rows = [
        ["I", "Công tác chỉ đạo, điều hành", 3],
        ["1", "Kế hoạch", 3],
        ["1.1", "Ban hành kế hoạch", 1],
        ["1.2", "Thực hiện kế hoạch", 2],
        ["II", "Cải cách thể chế", 2],
        ["2", "Rà soát văn bản", 2],
        ["2.1", "Rà soát định kỳ", 2],
    ]
    fw = framework(tmp_path, rows)
    assert tree(fw) == [
        ("I", "I.1"),
        ("I.1", "I.1.1", "I.1.2"),
        ("II", "II.2"),
        ("II.2", "II.2.1"),
    ]
    assert fw.max_points == Decimal(5)


def test_letters_are_items_of_the_criterion_above(tmp_path):
    rows = [
        ["1", "Công tác chỉ đạo", None],
        ["1.1", "Kế hoạch", 3],
        ["a)", "Ban hành kế hoạch", 1],
        ["b)", "Thực hiện kế hoạch", 2],
        ["1.2", "Báo cáo", 1],
    ]
    fw = framework(tmp_path, rows)
    assert tree(fw) == [("1", "1.1", "1.2"), ("1.1", "1.1.a", "1.1.b")]
    assert fw.max_points == Decimal(4)


def test_dotted_numbering_is_kept_as_written(tmp_path):
    rows = [
        [1, "Công tác chỉ đạo", 3],
        [1.1, "Kế hoạch", 2],
        ["1.1.1", "Ban hành kế hoạch", 2],
        [1.2, "Báo cáo", 1],
        [2, "Cải cách thể chế", 1],
    ]
    fw = framework(tmp_path, rows)
    assert tree(fw) == [("1", "1.1", "1.2"), ("1.1", "1.1.1")]


def test_a_level_column_overrides_what_the_numbering_says(tmp_path):
    rows = [
        ["1", "Công tác chỉ đạo", 3, 1],
        ["2", "Kế hoạch", 2, 2],  # a running row number: the level says it is a criterion
        ["3", "Báo cáo", 1, 2],
        [None, "Cải cách thể chế", 4, 1],
        [None, "Xây dựng văn bản", 4, "2"],
        [None, "Thẩm định văn bản", 4, 3],
    ]
    fw = framework(tmp_path, rows, header=[*HEADER, "Cấp"])
    assert tree(fw) == [("1", "1.2", "1.3"), ("2", "2.1"), ("2.1", "2.1.1")]
    assert fw.max_points == Decimal(7)


def test_a_level_that_skips_a_step_is_located(tmp_path):
    rows = [["1", "Công tác chỉ đạo", 3, 1], ["1.1", "Kế hoạch", 3, 3]]
    with pytest.raises(InputError) as caught:
        framework(tmp_path, rows, header=[*HEADER, "Level"])
    [problem] = caught.value.problems
    assert (problem.where, problem.file) == ("ô D3", "phu-luc.xlsx")
    assert "cấp 3" in problem.message and "cấp 2" in problem.message


def test_numbering_that_repeats_under_one_parent_is_located(tmp_path):
    rows = [["I", "Chỉ đạo", None], ["1", "Kế hoạch", 2], ["1", "Báo cáo", 1]]
    with pytest.raises(InputError) as caught:
        framework(tmp_path, rows)
    [problem] = caught.value.problems
    assert problem.where == "ô A4"
    assert "trùng với dòng 3" in problem.message


def test_a_code_in_no_known_numbering_is_located(tmp_path):
    rows = [["1", "Chỉ đạo", 3], ["1/2", "Kế hoạch", 3]]
    with pytest.raises(InputError) as caught:
        framework(tmp_path, rows)
    [problem] = caught.value.problems
    assert problem.where == "ô A3" and "«1/2»" in problem.message
