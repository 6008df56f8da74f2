"""`parindex framework show|check|import`: what an office sees of a framework."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from parindex.cli import main
from parindex.io.frameworks import load_framework, shipped_frameworks
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("framework_id", "total", "self_max", "survey_max"),
    [
        ("lamdong-district-2022", 100, 75, 25),
        ("quangnam-tienphuoc-commune-2023", 100, 68.5, 31.5),
        ("moha-province-2023", 100, 68, 32),
    ],
)
def test_the_shipped_frameworks_load_with_their_documented_parts(
    framework_id, total, self_max, survey_max
):
    fw = load_framework(ROOT / "frameworks" / f"{framework_id}.yaml")
    assert fw.id == framework_id
    assert (fw.max_points, fw.part_max("self"), fw.part_max("survey")) == (
        total,
        self_max,
        survey_max,
    )


def test_the_shipped_frameworks_mark_what_is_not_sourced():
    for path in shipped_frameworks().values():
        fw = load_framework(path)
        unsourced = [n for t in fw.fields for n in t.walk() if not n.sourced]
        assert unsourced, f"{path.name} marks nothing as unsourced"
        assert all(n.note for n in unsourced), f"{path.name}: an unsourced node without a note"


def test_the_lam_dong_fields_have_the_published_maxima():
    fw = load_framework(ROOT / "frameworks" / "lamdong-district-2022.yaml")
    assert [t.max for t in fw.fields[:7]] == [10, 8.5, 16.5, 7.5, 10, 8, 9.5]


def test_show_prints_the_tree_with_max_points(capsys):
    assert main(["framework", "show", "quangnam-tienphuoc-commune-2023"]) == 0
    out = capsys.readouterr().out
    assert "Tổng điểm tối đa: 100 (tự đánh giá qua thẩm định 68,5, điều tra xã hội học 31,5)" in out
    assert "1. Công tác chỉ đạo, điều hành cải cách hành chính — 13,5 điểm" in out
    assert "chưa có nguồn" in out


def test_show_takes_a_file_too(capsys):
    assert main(["framework", "show", str(ROOT / "frameworks" / "lamdong-district-2022.yaml")]) == 0
    assert "Mã: lamdong-district-2022" in capsys.readouterr().out


def test_show_of_an_unknown_id_lists_the_known_ones(capsys):
    assert main(["framework", "show", "no-such-framework"]) == 2
    err = capsys.readouterr().err
    assert "không có bộ tiêu chí mã «no-such-framework»" in err and "lamdong-district-2022" in err


def test_check_exits_non_zero_with_every_problem(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nname: X\nlevel: district\nyear: 2022\nclasses: [{label: Khá, min: 70}]\n"
        "fields:\n  - {code: '1', name: A, max: 3, children: [{code: '1.1', name: B, max: 2.5}]}\n",
        encoding="utf-8",
    )
    assert main(["framework", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml, 1: tổng điểm các tiêu chí con là 2,5 nhưng điểm tối đa là 3" in err
    assert "bad.yaml, classes: xếp loại thấp nhất phải bắt đầu từ 0" in err


def test_check_of_a_good_file_exits_zero(capsys):
    assert main(["framework", "check", str(ROOT / "frameworks" / "moha-province-2023.yaml")]) == 0
    assert "hợp lệ" in capsys.readouterr().out


def test_check_reports_broken_yaml_with_its_line(tmp_path: Path, capsys):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: x\nfields: [\n", encoding="utf-8")
    assert main(["framework", "check", str(bad)]) == 2
    assert "broken.yaml, dòng" in capsys.readouterr().err


def test_import_turns_an_office_table_into_a_framework_file(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã", "Tên tiêu chí", "Điểm tối đa", "Nguồn"])
    sheet.append(["1", "Công tác chỉ đạo, điều hành CCHC", None, None])
    sheet.append(["1.1", "Kế hoạch CCHC năm", 2, None])
    sheet.append(["1.2", "Báo cáo CCHC", "0,5", None])
    sheet.append(["2", "Điều tra xã hội học", 25, "ĐTXHH"])
    source = tmp_path / "bo-tieu-chi.xlsx"
    book.save(source)
    out = tmp_path / "fw.yaml"
    code = main(
        [
            "framework",
            "import",
            str(source),
            "--id",
            "x-2024",
            "--name",
            "Bộ tiêu chí X",
            "--level",
            "commune",
            "--year",
            "2024",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    fw = load_framework(out)
    assert [leaf.code for leaf in fw.leaves] == ["1.1", "1.2", "2"]
    assert fw.node("1").max == 2.5
    assert fw.part_max("survey") == 25
