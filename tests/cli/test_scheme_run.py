"""A scheme run: departments and communes scored in one round with their own frameworks,
ranked in the province's blocks — no figure mixes two frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parindex.cli import main
from parindex.core.problems import InputError
from parindex.io.schemes import load_scheme

CLASSES = """\
classes:
  - {label: Xuất sắc, min: 90}
  - {label: Tốt, min: 80}
  - {label: Khá, min: 0}
"""

DEPARTMENTS = f"""\
id: tinh-so-2025
name: Bộ tiêu chí các sở, ban, ngành năm 2025
level: department
year: 2025
{CLASSES}fields:
  - {{code: "1", name: Công tác chỉ đạo, max: 40}}
  - {{code: "2", name: Cải cách TTHC, max: 60}}
"""

COMMUNES = f"""\
id: tinh-xa-2025
name: Bộ tiêu chí UBND các xã, phường, đặc khu năm 2025
level: commune
year: 2025
{CLASSES}fields:
  - {{code: "1", name: Công tác chỉ đạo, max: 30}}
  - {{code: "2", name: Cải cách TTHC, max: 70}}
"""

SCHEME = """\
id: tinh-2025
name: Chỉ số CCHC năm 2025 của các sở, ban, ngành và UBND các xã, phường, đặc khu
year: 2025
frameworks:
  - {framework: so.yaml, kinds: [sở]}
  - {framework: xa.yaml, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""

UNITS = """\
code,name,kind
SNV,Sở Nội vụ,sở
STP,Sở Tư pháp,sở
PA,Phường An Biên,phường
PB,Phường Lê Chân,phường
XQ,Xã Quyết Thắng,xã
DK,Đặc khu Cát Hải,đặc khu
"""

SCORES = """\
unit,criterion,score
SNV,1,38
SNV,2,50
STP,1,35
STP,2,58
PA,1,25
PA,2,60
PB,1,29
PB,2,69
XQ,1,28
XQ,2,62
DK,1,30
DK,2,65
"""


def write_inputs(tmp_path: Path, scheme: str = SCHEME, units: str = UNITS) -> dict[str, Path]:
    files = {
        "so.yaml": DEPARTMENTS,
        "xa.yaml": COMMUNES,
        "scheme.yaml": scheme,
        "units.csv": units,
        "scores.csv": SCORES,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {name: tmp_path / name for name in files}


def run(tmp_path: Path, paths: dict[str, Path]) -> int:
    return main(
        ["--quiet", "score", "--scheme", str(paths["scheme.yaml"]), "--units", str(paths["units.csv"]),
         "--scores", str(paths["scores.csv"]), "--out", str(tmp_path / "out")]
    )  # fmt: skip


def test_each_block_is_ranked_apart_with_its_own_framework(tmp_path, capsys):
    assert run(tmp_path, write_inputs(tmp_path)) == 0, capsys.readouterr().err
    top = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    blocks = top["blocks"]
    assert list(blocks) == ["Khối sở, ban, ngành", "Khối phường", "Khối xã, đặc khu"]
    assert [u["unit"] for u in blocks["Khối xã, đặc khu"]["units"]] == ["DK", "XQ"]
    assert [u["rank"] for u in blocks["Khối xã, đặc khu"]["units"]] == [1, 2]
    assert blocks["Khối xã, đặc khu"]["framework"] == "tinh-xa-2025"
    assert blocks["Khối sở, ban, ngành"]["average"] == 90.5  # (88 + 93) ÷ 2
    assert blocks["Khối phường"]["average"] == 91.5  # (85 + 98) ÷ 2
    communes = json.loads(
        (tmp_path / "out" / "tinh-xa-2025" / "results.json").read_text(encoding="utf-8")
    )
    assert {u["unit"] for u in communes["units"]} == {"PA", "PB", "XQ", "DK"}
    assert {u["unit"]: u["of"] for u in communes["units"]} == {"PA": 2, "PB": 2, "XQ": 2, "DK": 2}
    assert (tmp_path / "out" / "tinh-so-2025" / "report.md").exists()
    departments = (tmp_path / "out" / "tinh-so-2025" / "report.md").read_text(encoding="utf-8")
    assert "Phường" not in departments  # no commune in the departments' report


def test_a_unit_of_a_kind_the_scheme_does_not_score_is_named(tmp_path, capsys):
    units = UNITS + "TT,Thị trấn Cũ,thị trấn\n"
    assert run(tmp_path, write_inputs(tmp_path, units=units)) == 2
    err = capsys.readouterr().err
    assert "đơn vị TT" in err and "loại «thị trấn» không thuộc bộ tiêu chí và khối nào" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            (
                '{name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}',
                '{name: "Khối xã, đặc khu", kinds: [xã, đặc khu, sở]}',
            ),
            "loại «sở» đã thuộc khối «Khối sở, ban, ngành»",
        ),
        (
            (
                "{name: Khối phường, kinds: [phường]}",
                "{name: Khối phường, kinds: [phường]}\n  - {name: Khối lẫn, kinds: [ban]}",
            ),
            "loại ban không có bộ tiêu chí chấm",
        ),
        (
            ("kinds: [phường, xã, đặc khu]}", "kinds: [phường, xã, đặc khu, sở]}"),
            "đã được chấm bằng bộ tiêu chí",
        ),
        (
            ("  - {name: Khối phường, kinds: [phường]}\n", ""),
            "loại phường (bộ tiêu chí «tinh-xa-2025») chưa thuộc khối nào",
        ),
    ],
)
def test_a_wrong_scheme_is_refused_with_the_reason(tmp_path, change, message):
    paths = write_inputs(tmp_path, scheme=SCHEME.replace(*change))
    with pytest.raises(InputError) as exc:
        load_scheme(paths["scheme.yaml"])
    assert any(message in p.message for p in exc.value.problems), exc.value.problems


def test_a_block_spanning_two_frameworks_is_refused(tmp_path):
    scheme = SCHEME.replace(
        '  - {name: "Khối sở, ban, ngành", kinds: [sở]}\n  - {name: Khối phường, kinds: [phường]}\n',
        '  - {name: "Khối sở và phường", kinds: [sở, phường]}\n',
    )
    paths = write_inputs(tmp_path, scheme=scheme)
    with pytest.raises(InputError, match="không được gộp đơn vị chấm bằng hai bộ tiêu chí"):
        load_scheme(paths["scheme.yaml"])


def test_scores_rows_are_read_against_the_units_framework(tmp_path, capsys):
    paths = write_inputs(tmp_path)
    # criterion 2 of the departments' framework is worth 60: 65 is refused for a sở only
    paths["scores.csv"].write_text(SCORES.replace("SNV,2,50", "SNV,2,65"), encoding="utf-8")
    assert run(tmp_path, paths) == 2
    err = capsys.readouterr().err
    assert "đơn vị SNV" in err and "vượt điểm tối đa 60" in err
