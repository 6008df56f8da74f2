"""`parindex survey import` states the design its intervals assume, and uses the groups'
populations for the finite population correction.

Chị Lan at the Department of Home Affairs surveyed nearly every resident who came to the
one-stop desk of Tiên Châu: the units file gives each group's population, and the
interval narrows accordingly; without it the command says no correction was made.
"""

from __future__ import annotations

import json
from pathlib import Path

from parindex.cli import main
from tests.conftest import DATA

SURVEY = DATA / "survey"


def survey_import(tmp_path: Path, units: Path, name: str) -> dict:
    out = tmp_path / name
    args = ["survey", "import", "--questionnaire", str(SURVEY / "questionnaire.yaml")]
    args += ["--framework", str(SURVEY / "framework.yaml"), "--units", str(units)]
    args += ["--responses", str(SURVEY / "plain.csv"), "--out", str(out), "--draws", "50"]
    assert main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def width(points: dict, unit: str) -> float:
    row = next(u for u in points["units"] if u["unit"] == unit)
    return float(row["total"]["high"]) - float(row["total"]["low"])


def test_the_groups_populations_narrow_the_interval_and_the_design_is_stated(tmp_path, capsys):
    plain = survey_import(tmp_path, SURVEY / "units.csv", "plain.json")
    said = capsys.readouterr().out
    assert "Đơn vị mẫu: từng phiếu (không khai báo cụm)." in said
    assert "Hiệu chỉnh tổng thể hữu hạn: không (chưa có quy mô từng nhóm đối tượng)." in said
    assert "Khoảng tin cậy 95% tính theo thiết kế trên" in said

    respondents = {}
    for line in (SURVEY / "plain.csv").read_text(encoding="utf-8").splitlines()[1:]:
        _, unit, group, *_ = line.split(",")
        respondents[(unit, group)] = respondents.get((unit, group), 0) + 1
    units = tmp_path / "units.csv"
    rows = (SURVEY / "units.csv").read_text(encoding="utf-8").splitlines()
    lines = [rows[0] + ",population:dan,population:canbo"]
    for row in rows[1:]:
        code = row.split(",")[0]
        # a population just above the sample: most of the group was surveyed
        dan, canbo = (respondents.get((code, g), 0) + 1 for g in ("dan", "canbo"))
        lines.append(f"{row},{dan},{canbo}")
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corrected = survey_import(tmp_path, units, "corrected.json")
    said = capsys.readouterr().out
    assert "Hiệu chỉnh tổng thể hữu hạn: theo quy mô từng nhóm đối tượng của đơn vị." in said
    assert width(corrected, "TC") < 0.6 * width(plain, "TC")


def test_a_group_population_that_is_not_a_number_is_located(tmp_path, capsys):
    units = tmp_path / "units.csv"
    rows = (SURVEY / "units.csv").read_text(encoding="utf-8").splitlines()
    units.write_text(
        "\n".join([rows[0] + ",population:dan", *(r + ",nhiều" for r in rows[1:])]) + "\n",
        encoding="utf-8",
    )
    args = ["survey", "import", "--questionnaire", str(SURVEY / "questionnaire.yaml")]
    args += ["--framework", str(SURVEY / "framework.yaml"), "--units", str(units)]
    args += ["--responses", str(SURVEY / "plain.csv"), "--out", str(tmp_path / "p.json")]
    assert main(args) != 0
    said = capsys.readouterr()
    assert "quy mô nhóm «nhiều» phải là số nguyên không âm" in said.out + said.err
    assert "dòng 2, ô E2" in said.out + said.err
