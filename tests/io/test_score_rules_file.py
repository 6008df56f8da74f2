"""A scores file for a framework with rules: measured values, KPS, bonus and penalty rows,
criteria for some unit kinds only — every problem located, every point exact."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from parindex.cli import main
from parindex.core.problems import InputError
from parindex.core.units import Unit
from parindex.io.frameworks import load_framework
from parindex.io.scores import read_scores

FRAMEWORK = """\
id: rules-2025
name: Bộ tiêu chí xã có quy tắc chấm
level: commune
year: 2025
index_name: Chỉ số cải cách hành chính
leaf_decimals: 2
classes:
  - {label: Xuất sắc, min: 90}
  - {label: Tốt, min: 80}
  - {label: Khá, min: 0}
fields:
  - code: "1"
    name: Chỉ đạo, điều hành
    children:
      - {code: "1.1", name: Ban hành kế hoạch CCHC năm, max: 1, scale: [1, 0.5, 0],
         evidence: Quyết định ban hành kế hoạch}
      - code: "1.2"
        name: Mức độ thực hiện kế hoạch CCHC
        max: 2
        rule: {steps: [{above: 90, points: 2}, {min: 70, points: 1}, {min: 0, points: 0}]}
  - code: "2"
    name: Thủ tục hành chính
    children:
      - {code: "2.1", name: Tỷ lệ hồ sơ giải quyết đúng hạn, max: 4, rule: {ratio: {full_at: 100}}}
      - {code: "2.2", name: "Xử lý phản ánh, kiến nghị đúng hạn", max: 2, none_means_full: true}
      - {code: "2.3", name: Chính quyền đô thị, max: 1, applies_to: [phường]}
bonus:
  cap: 2
  penalty_cap: 1
  items:
    - {code: T1, name: Sáng kiến CCHC được công nhận, max: 2}
    - {code: P1, name: Bị phản ánh có căn cứ về TTHC, min: -1}
"""

UNITS = [Unit("PA", "Phường An", kind="phường"), Unit("XB", "Xã Bình", kind="xã")]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def framework(tmp_path: Path):
    return load_framework(write(tmp_path, "framework.yaml", FRAMEWORK))


GOOD = """\
unit,criterion,score,value
PA,1.1,1,
PA,1.2,,"95,5"
PA,2.1,,35/36
PA,2.2,KPS,
PA,2.3,1,
PA,T1,"1,5",
XB,1.1,"0,5",
XB,1.2,,90
XB,2.1,,"2/3"
XB,2.2,1,
XB,P1,"-0,5",
"""


def test_values_kps_and_bonus_give_exact_points(tmp_path, framework):
    table = read_scores(write(tmp_path, "scores.csv", GOOD), framework, UNITS)
    pa, xb = table.units.index(UNITS[0]), table.units.index(UNITS[1])
    column = {leaf.code: j for j, leaf in enumerate(framework.leaves)}
    assert table.leaf_score(pa, column["1.2"]) == Decimal(2)  # above 90
    assert table.leaf_score(xb, column["1.2"]) == Decimal(1)  # 90 is not above 90
    assert table.leaf_score(pa, column["2.1"]) == Decimal("3.89")  # 4 × 35/36 = 3,888…
    assert table.leaf_score(xb, column["2.1"]) == Decimal("2.67")  # 4 × 2/3 = 2,666…
    assert table.leaf_score(pa, column["2.2"]) == Decimal(2)  # không phát sinh: the max
    assert table.leaf_score(xb, column["2.3"]) is None  # for wards only
    assert table.measures[(pa, column["2.1"])] == "35/36"
    assert table.measures[(pa, column["2.2"])] == "KPS"


def test_the_run_writes_bonus_penalty_values_and_the_index_name(tmp_path, framework, capsys):
    units = write(tmp_path, "units.csv", "code,name,kind\nPA,Phường An,phường\nXB,Xã Bình,xã\n")
    out = tmp_path / "out"
    code = main(
        ["--quiet", "score", "--framework", str(tmp_path / "framework.yaml"), "--units", str(units),
         "--scores", str(write(tmp_path, "scores.csv", GOOD)), "--out", str(out)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_code = {u["unit"]: u for u in data["units"]}
    # PA: 1 + 2 + 3,89 + 2 + 1 = 9,89 of 10, bonus 1,5 → 11,39 ÷ 10 → capped at 100
    assert (by_code["PA"]["bonus"], by_code["PA"]["penalty"]) == (1.5, 0)
    assert by_code["PA"]["index"] == 100
    # XB: 0,5 + 1 + 2,67 + 1 = 5,17 of 9 (2.3 not applicable), penalty 0,5 → 4,67 ÷ 9 = 51,89
    assert by_code["XB"]["index"] == 51.89
    assert by_code["XB"]["penalty"] == 0.5
    assert by_code["XB"]["values"] == {"1.2": "90", "2.1": "2/3"}
    assert data["framework"]["index_name"] == "Chỉ số cải cách hành chính"


def test_every_rule_problem_is_located_at_once(tmp_path, framework):
    bad = """\
unit,criterion,score,value
PA,1.1,"0,7",
PA,1.2,2,
PA,2.1,,abc
PA,2.2,1,5
PA,2.3,1,
PA,P1,1,
XB,1.1,1,
XB,1.2,,"5/4"
XB,2.1,,KPS
XB,2.2,2,
XB,2.3,1,
"""
    with pytest.raises(InputError) as exc:
        read_scores(write(tmp_path, "scores.csv", bad), framework, UNITS)
    found = {(p.unit, p.criterion): p.message for p in exc.value.problems}
    assert "không có trong thang điểm" in found[("PA", "1.1")]
    assert "nhập giá trị (ví dụ 97,3 hoặc 35/36)" in found[("PA", "1.2")]
    assert "không phải giá trị đo" in found[("PA", "2.1")]
    assert "không tính điểm từ giá trị đo" in found[("PA", "2.2")]
    assert "điểm trừ phải từ -1 đến 0" in found[("PA", "P1")]
    assert "tử số lớn hơn mẫu số" in found[("XB", "1.2")]
    assert "không quy định «không phát sinh»" in found[("XB", "2.1")]
    assert "chỉ áp dụng cho phường" in found[("XB", "2.3")]
    assert all("dòng" in p.where for p in exc.value.problems)


def test_a_typed_score_that_disagrees_with_the_value_is_refused(tmp_path, framework):
    text = GOOD.replace("PA,2.1,,35/36", "PA,2.1,4,35/36")
    with pytest.raises(InputError, match=r"điểm 4 khác điểm tính từ giá trị 35/36 \(3,89\)"):
        read_scores(write(tmp_path, "scores.csv", text), framework, UNITS)


def test_applies_to_needs_the_units_kinds(tmp_path, framework):
    with pytest.raises(InputError, match="cần danh sách đơn vị có cột loại đơn vị"):
        read_scores(write(tmp_path, "scores.csv", GOOD), framework, None)


def test_framework_check_reports_every_wrong_rule_at_once(tmp_path, capsys):
    bad = (
        FRAMEWORK.replace("scale: [1, 0.5, 0]", "scale: [1.5, 0.5, 0]")
        .replace(
            "{min: 70, points: 1}, {min: 0, points: 0}", "{min: 0, points: 0}, {min: 70, points: 1}"
        )
        .replace("applies_to: [phường]", "applies_to: [khu phố]")
        .replace("min: -1}", "min: 1}")
    )
    code = main(["framework", "check", str(write(tmp_path, "bad.yaml", bad))])
    err = capsys.readouterr().err
    assert code == 2
    assert "1.1: mức điểm 1,5 trong «scale» phải từ 0 đến 1" in err
    assert "1.2: các mức của «steps» phải từ cao xuống thấp" in err
    assert "2.3: «applies_to» có loại đơn vị không biết: khu phố" in err
    assert "P1: mục trừ điểm cần «min» âm" in err


def test_framework_check_counts_the_rules_of_a_good_file(tmp_path, capsys):
    assert main(["framework", "check", str(write(tmp_path, "fw.yaml", FRAMEWORK))]) == 0
    out = capsys.readouterr().out
    assert "1 có thang điểm; 2 tính từ giá trị đo; 1 tính tối đa khi không phát sinh" in out
    assert "Điểm thưởng, điểm trừ: 2 mục, ngoài tổng điểm." in out
