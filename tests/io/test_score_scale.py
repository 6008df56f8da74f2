"""A leaf's scale: only the points the decision lists are accepted, in files and on screen."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from parindex.cli import main
from parindex.cli.framework import framework_show
from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from parindex.io.frameworks import load_framework

FRAMEWORK = """\
id: scale-2026
name: Bộ tiêu chí có thang điểm
level: commune
year: 2026
classes:
  - {label: Khá, min: 70}
  - {label: Yếu, min: 0}
fields:
  - code: "1"
    name: Chỉ đạo, điều hành
    children:
      - code: "1.1"
        name: Ban hành kế hoạch CCHC năm
        max: 1
        scale: [1, 0.5, 0]
        guide: "Ban hành trước ngày 31/12: 1 điểm; ban hành chậm: 0,5 điểm; không ban hành: 0 điểm"
      - {code: "1.2", name: Báo cáo, max: 3}
"""


def test_a_score_off_the_scale_is_a_located_error(tmp_path: Path, capsys):
    framework = tmp_path / "framework.yaml"
    framework.write_text(FRAMEWORK, encoding="utf-8")
    scores = tmp_path / "scores.csv"
    scores.write_text('unit,criterion,score\nA,1.1,"0,7"\nA,1.2,2\nB,1.1,"0,5"\nB,1.2,3\n')
    code = main(
        ["--quiet", "score", "--framework", str(framework), "--scores", str(scores),
         "--out", str(tmp_path / "out")]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "điểm 0,7 không có trong thang điểm của tiêu chí (1; 0,5; 0)" in err
    assert "dòng 2" in err and "1.1" in err
    assert not (tmp_path / "out").exists()


def load_framework_text(text: str, tmp_path: Path):
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    return load_framework(path)


def test_framework_show_gives_the_scale_and_the_guide(tmp_path):
    fw = load_framework_text(FRAMEWORK, tmp_path)
    text = framework_show(fw)
    assert "Thang điểm: 1; 0,5; 0" in text
    assert "Cách chấm: Ban hành trước ngày 31/12: 1 điểm; ban hành chậm: 0,5 điểm" in text


@pytest.mark.parametrize(
    "scale, message",
    [
        ("[1, 1.5, 0]", "mức điểm 1,5 trong «scale» phải từ 0 đến 1"),
        ("[1, 1, 0]", "mức điểm 1 lặp lại trong «scale»"),
        ("[1, một, 0]", "mức điểm «một» trong «scale» không phải là số"),
        ("[]", "«scale» phải là danh sách các mức điểm"),
    ],
)
def test_a_bad_scale_is_refused_with_the_criterion_named(scale, message, tmp_path):
    text = FRAMEWORK.replace("scale: [1, 0.5, 0]", f"scale: {scale}")
    with pytest.raises(InputError) as refused:
        load_framework_text(text, tmp_path)
    assert any(message in str(p) and "1.1" in str(p) for p in refused.value.problems)


def test_the_scale_is_the_leafs_rule():
    import yaml

    fw = parse_framework(yaml.safe_load(FRAMEWORK))
    leaf = fw.node("1.1")
    assert leaf is not None and leaf.scale == (Decimal(1), Decimal("0.5"), Decimal(0))
    assert leaf.score_problem(Decimal("0.5")) is None
    assert leaf.score_problem(Decimal("0.7")) is not None
