"""Framework tables (XLSX) read into framework mappings, and written as YAML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.io.framework_table import read_framework_table, write_framework_yaml
from parindex.io.frameworks import load_framework

META = {"id": "xa-2023", "name": "Bộ tiêu chí cấp xã năm 2023", "level": "commune", "year": 2023}


def table(tmp_path: Path, rows: list[list[object]], name: str = "bo-tieu-chi.xlsx") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


GOOD = [
    ["code", "name", "max", "source"],
    ["1", "Công tác chỉ đạo, điều hành CCHC", 13.5, None],
    ["1.1", "Kế hoạch CCHC năm", None, None],
    ["1.1.1", "Ban hành kế hoạch", "1,5", None],
    ["1.1.2", "Mức độ hoàn thành kế hoạch", 8.5, None],
    ["1.2", "Kiểm tra công tác CCHC", 3.5, "self"],
    ["2", "Sự hài lòng của người dân", None, "survey"],
    ["2.1", "Hài lòng về thủ tục", 10, None],
    ["2.2", "Hài lòng về công chức", "5,25", None],
]


def read(path: Path, **extra: object) -> dict:
    return read_framework_table(path, **META, **extra)  # type: ignore[arg-type]


def test_it_builds_the_tree_from_the_codes(tmp_path):
    data = read(table(tmp_path, GOOD))
    fields = data["fields"]
    assert [f["code"] for f in fields] == ["1", "2"]
    assert [c["code"] for c in fields[0]["children"]] == ["1.1", "1.2"]
    assert [c["code"] for c in fields[0]["children"][0]["children"]] == ["1.1.1", "1.1.2"]
    assert "children" not in fields[0]["children"][1]


def test_it_reads_maxima_exactly_from_numbers_and_text(tmp_path):
    data = read(table(tmp_path, GOOD))
    criterion = data["fields"][0]["children"][0]
    assert [c["max"] for c in criterion["children"]] == [Decimal("1.5"), Decimal("8.5")]
    assert data["fields"][0]["max"] == Decimal("13.5")
    assert "max" not in criterion  # not stated: the sum of its children
    assert data["fields"][1]["children"][1]["max"] == Decimal("5.25")


def test_it_gives_a_framework_that_parses(tmp_path):
    framework = parse_framework(read(table(tmp_path, GOOD)))
    assert framework.max_points == Decimal("28.75")
    assert framework.part_max("survey") == Decimal("15.25")
    assert [leaf.code for leaf in framework.leaves] == ["1.1.1", "1.1.2", "1.2", "2.1", "2.2"]


def test_it_lets_children_inherit_an_empty_source(tmp_path):
    data = read(table(tmp_path, GOOD))
    assert data["fields"][1]["source"] == "survey"
    assert "source" not in data["fields"][1]["children"][0]
    assert parse_framework(data).node("2.1").source == "survey"


def test_it_fills_in_the_metadata_and_the_default_classes(tmp_path):
    data = read(table(tmp_path, GOOD), source="QĐ 1156/QĐ-UBND")
    assert (data["id"], data["name"], data["level"], data["year"]) == (
        "xa-2023",
        "Bộ tiêu chí cấp xã năm 2023",
        "commune",
        2023,
    )
    assert data["source"] == "QĐ 1156/QĐ-UBND"
    assert [(c["label"], c["min"]) for c in data["classes"]] == [
        ("Xuất sắc", 90),
        ("Tốt", 85),
        ("Khá", 70),
        ("Trung bình", 50),
        ("Yếu", 0),
    ]


def test_it_takes_classes_given_by_the_caller(tmp_path):
    classes = [{"label": "Tốt", "min": "80"}, {"label": "Chưa đạt", "min": 0}]
    data = read(table(tmp_path, GOOD), classes=classes)
    assert data["classes"] == [
        {"label": "Tốt", "min": Decimal(80)},
        {"label": "Chưa đạt", "min": Decimal(0)},
    ]


@pytest.mark.parametrize(
    "headers",
    [
        ["Mã", "Tên tiêu chí", "Điểm tối đa", "Nguồn"],
        ["MÃ", "TÊN TIÊU CHÍ", "ĐIỂM TỐI ĐA", "NGUỒN"],
        ["ma", "ten tieu chi", "diem toi da", "nguon"],
        ["  Mã ", "Tên  tiêu chí", "Điểm tối đa (điểm)", "Nguồn điểm"],
    ],
)
def test_it_accepts_vietnamese_headers_in_any_case_with_or_without_diacritics(tmp_path, headers):
    data = read(table(tmp_path, [headers, *GOOD[1:]]))
    assert parse_framework(data).max_points == Decimal("28.75")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("tự đánh giá", "self"),
        ("Tự đánh giá", "self"),
        ("self", "self"),
        ("điều tra xã hội học", "survey"),
        ("Điều tra XHH".replace("XHH", "xã hội học"), "survey"),
        ("ĐTXHH", "survey"),
        ("survey", "survey"),
    ],
)
def test_it_reads_sources_in_english_or_vietnamese(tmp_path, text, source):
    rows = [["code", "name", "max", "source"], ["1", "Lĩnh vực", 2, text]]
    assert read(table(tmp_path, rows))["fields"][0]["source"] == source


def test_it_reads_codes_typed_as_numbers(tmp_path):
    rows = [["code", "name", "max"], [1, "Lĩnh vực", None], [1.1, "Tiêu chí", 2]]
    data = read(table(tmp_path, rows))
    assert data["fields"][0]["code"] == "1"
    assert data["fields"][0]["children"][0]["code"] == "1.1"


def test_it_skips_empty_rows(tmp_path):
    rows = [GOOD[0], GOOD[1], [None, None, None, None], *GOOD[2:]]
    assert parse_framework(read(table(tmp_path, rows))).max_points == Decimal("28.75")


def test_it_reports_a_missing_header(tmp_path):
    rows = [["Mã", "Tên", "Ghi chú"], ["1", "Lĩnh vực", "x"]]
    with pytest.raises(InputError) as caught:
        read(table(tmp_path, rows))
    [problem] = caught.value.problems
    assert problem.where == "dòng 1"
    assert problem.file == "bo-tieu-chi.xlsx"
    assert "Điểm tối đa" in problem.message


def test_it_reports_every_problem_of_a_bad_table_at_once(tmp_path):
    rows = [
        ["code", "name", "max", "source"],
        [None, "Không có mã", 2, None],  # row 2: no code, no criterion above to be a line of
        ["1", "Chỉ đạo, điều hành", None, None],  # row 3
        ["1.1", "Kế hoạch", "tám", None],  # row 4: max not a number
        ["1.2", "Kiểm tra", 2, None],  # row 5
        ["1.2", "Kiểm tra lần hai", 1, None],  # row 6: duplicate
        ["3.1", "Mồ côi", 1, None],  # row 7: parent 3 absent
        ["1.3", None, 1, "phỏng vấn"],  # row 8: no name, bad source
        ["1.4", "Không có điểm", None, None],  # row 9: leaf without max
    ]
    with pytest.raises(InputError) as caught:
        read(table(tmp_path, rows))
    found = {(p.where, p.criterion) for p in caught.value.problems}
    assert found == {
        ("ô A2", ""),
        ("ô C4", "1.1"),
        ("ô A6", "1.2"),
        ("ô A7", "3.1"),
        ("ô B8", "1.3"),
        ("ô D8", "1.3"),
        ("ô C9", "1.4"),
    }
    assert all(p.file == "bo-tieu-chi.xlsx" for p in caught.value.problems)
    messages = "\n".join(str(p) for p in caught.value.problems)
    assert "«tám»" in messages
    assert "trùng với dòng 5" in messages
    assert "tiêu chí cha 3" in messages


def test_it_reports_a_parent_max_that_is_not_the_sum_of_its_children(tmp_path):
    rows = [["code", "name", "max"], ["1", "Lĩnh vực", 10], ["1.1", "A", 4], ["1.2", "B", "5,5"]]
    with pytest.raises(InputError) as caught:
        read(table(tmp_path, rows))
    [problem] = caught.value.problems
    assert problem.where == "ô C2"
    assert "9,5" in problem.message


def test_it_moves_framework_problems_to_table_rows(tmp_path):
    rows = [["code", "name", "max"], ["1", "Lĩnh vực", None], ["1.1", "A", 0]]
    with pytest.raises(InputError) as caught:
        read(table(tmp_path, rows))
    [problem] = caught.value.problems
    assert problem.where == "dòng 3"
    assert problem.criterion == "1.1"


def test_it_reports_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "bo-tieu-chi.xlsx"
    path.write_text("code,name,max\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.problems[0].file == "bo-tieu-chi.xlsx"


def test_it_writes_readable_yaml_with_plain_numbers_and_quoted_codes(tmp_path):
    text = write_framework_yaml(read(table(tmp_path, GOOD)))
    assert "!!" not in text
    assert "python" not in text
    assert 'code: "1.1.1"' in text
    assert "max: 8.5" in text
    assert "max: 13.5" in text
    assert "max: 10\n" in text
    assert "Công tác chỉ đạo, điều hành CCHC" in text  # Unicode kept, not escaped
    assert text.index("id:") < text.index("classes:") < text.index("fields:")
    assert yaml.safe_load(text)["fields"][0]["code"] == "1"


def test_its_yaml_loads_back_to_the_same_framework(tmp_path):
    data = read(table(tmp_path, GOOD))
    path = tmp_path / "xa-2023.yaml"
    path.write_text(write_framework_yaml(data), encoding="utf-8")
    loaded = load_framework(path)
    direct = parse_framework(data)
    assert loaded.max_points == direct.max_points == Decimal("28.75")
    assert [(n.code, n.max, n.source) for n in loaded.leaves] == [
        (n.code, n.max, n.source) for n in direct.leaves
    ]
    assert loaded.classes == direct.classes


def test_the_scoring_guide_and_the_evidence_asked_are_kept_not_dropped(tmp_path):
    rows = [
        ["Mã", "Tên tiêu chí", "Điểm tối đa", "Cách chấm điểm", "Tài liệu kiểm chứng"],
        ["1", "Công tác chỉ đạo, điều hành CCHC", None, None, None],
        ["1.1", "Ban hành kế hoạch CCHC năm", 1, "Đúng hạn: 1 điểm; chậm: 0,5 điểm", "Kế hoạch"],
        ["1.2", "Báo cáo CCHC", 2, None, None],
    ]
    data = read(table(tmp_path, rows))
    leaf = data["fields"][0]["children"][0]
    assert leaf["guide"] == "Đúng hạn: 1 điểm; chậm: 0,5 điểm"
    assert leaf["evidence"] == "Kế hoạch" and "note" not in leaf
    assert "guide" not in data["fields"][0]["children"][1]
    framework = parse_framework(yaml.load(write_framework_yaml(data), Loader=yaml.SafeLoader))
    node = framework.node("1.1")
    assert node is not None and node.guide.startswith("Đúng hạn") and node.evidence
