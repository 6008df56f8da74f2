"""`parindex survey import|sipas` on exports where the collection tool's review left rows out.

Anh Minh, at the province's Department of Home Affairs, imports the ODK Central export the
district reviewers have gone through: the three submissions they rejected are not scored, the
command says so in the tool's words, the rejected-rows file lists them, points.json counts them,
and the points are those of the same export without them. When the reviewers' «rejected» turns
out to be a mistake, ``--keep-rejected`` scores them like the others.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from parindex.cli import main
from tests.conftest import DATA

SURVEY = DATA / "survey"
QUESTIONNAIRE = str(SURVEY / "questionnaire.yaml")
FRAMEWORK = str(SURVEY / "framework.yaml")
MESSAGE = "3 phiếu bị từ chối trên ODK Central (ReviewState = rejected) không được tính"


def units_with_tx(tmp_path: Path) -> Path:
    path = tmp_path / "units.csv"
    text = (SURVEY / "units.csv").read_text(encoding="utf-8") + "TX,Xã Tiên Xuân,xã,TP\n"
    path.write_text(text, encoding="utf-8")
    return path


def survey_import(tmp_path: Path, responses: str, *extra: str, units: Path | None = None) -> Path:
    out = tmp_path / "points.json"
    args = ["survey", "import", "--questionnaire", QUESTIONNAIRE, "--framework", FRAMEWORK]
    args += ["--responses", str(SURVEY / responses), "--units", str(units or SURVEY / "units.csv")]
    assert main([*args, "--out", str(out), "--draws", "50", *extra]) == 0
    return out


def test_rejected_submissions_are_not_scored_and_are_counted(tmp_path, capsys):
    out = survey_import(tmp_path / "reviewed", "odk-reviewed.csv")
    printed = capsys.readouterr().out
    assert "Đã đọc 45 phiếu, giữ 42, loại 0 (định dạng odk)." in printed
    assert f"{MESSAGE} (giữ lại: --keep-rejected)." in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 45, "kept": 42, "rejected": 0, "excluded": 3}
    assert [u["unit"] for u in data["units"]] == ["TC", "TH", "TL"]
    reference = survey_import(tmp_path / "ref", "odk.csv")
    assert out.with_suffix(".csv").read_text(encoding="utf-8") == reference.with_suffix(
        ".csv"
    ).read_text(encoding="utf-8")
    with out.with_name("points.rejected.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["dòng", "cột", "giá trị", "lý do", "xử lý", "bảng"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("6", "ReviewState"),
        ("22", "ReviewState"),
        ("45", "ReviewState"),
    ]
    assert "không được tính" in rows[1][3]


def test_keep_rejected_scores_them_and_lists_their_unit(tmp_path, capsys):
    out = survey_import(
        tmp_path, "odk-reviewed.csv", "--keep-rejected", units=units_with_tx(tmp_path)
    )
    printed = capsys.readouterr().out
    assert "Đã đọc 45 phiếu, giữ 45, loại 0 (định dạng odk)." in printed
    assert MESSAGE.replace("không được tính", "vẫn được tính (theo yêu cầu giữ lại)") in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 45, "kept": 45, "rejected": 0}
    assert [u["unit"] for u in data["units"]] == ["TC", "TH", "TL", "TX"]
    assert not out.with_name("points.rejected.csv").exists()


def test_sipas_leaves_out_the_incomplete_limesurvey_responses_unless_kept(tmp_path, capsys):
    def sipas(out: Path, *extra: str) -> list[str]:
        args = ["survey", "sipas", "--questionnaire", QUESTIONNAIRE, "--questions", "Q1,Q2"]
        args += ["--responses", str(SURVEY / "limesurvey-incomplete.csv")]
        args += ["--mapping", str(SURVEY / "mapping-limesurvey.yaml")]
        assert main([*args, "--out", str(out), *extra]) == 0
        return (out / "sipas.csv").read_text(encoding="utf-8").splitlines()

    left_out = sipas(tmp_path / "a")
    assert "3 phiếu chưa hoàn thành trên LimeSurvey (submitdate trống) không được tính" in (
        capsys.readouterr().out
    )
    kept = sipas(tmp_path / "b", "--keep-rejected")
    assert "vẫn được tính" in capsys.readouterr().out
    units_left_out = {r.split(",")[0] for r in left_out[1:]}
    units_kept = {r.split(",")[0] for r in kept[1:]}
    assert units_kept - units_left_out == {"A4"}  # TX, by its LimeSurvey code (not mapped)
