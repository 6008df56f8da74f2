"""From questionnaire responses to survey points, into the index, the ranking and the narrative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parindex.cli import main
from tests.conftest import DATA

SURVEY = DATA / "survey"
FRAMEWORK = str(SURVEY / "framework.yaml")
QUESTIONNAIRE = str(SURVEY / "questionnaire.yaml")
UNITS = str(SURVEY / "units.csv")
SHAPES = {
    "plain.csv": None,
    "kobo.csv": None,
    "kobo.xlsx": None,
    "odk.csv": None,
    "limesurvey.csv": "mapping-limesurvey.yaml",
    "googleforms.csv": "mapping-googleforms.yaml",
}


def import_survey(
    tmp_path: Path, responses: str, mapping: str | None = None, *extra: str, quiet=True
) -> tuple[int, Path]:
    out = tmp_path / "points.json"
    args = ["--quiet"] * quiet + [
        "survey",
        "import",
        "--questionnaire",
        QUESTIONNAIRE,
        "--framework",
        FRAMEWORK,
    ]
    args += [
        "--responses",
        str(SURVEY / responses),
        "--units",
        UNITS,
        "--out",
        str(out),
        "--draws",
        "300",
        *extra,
    ]
    if mapping:
        args += ["--mapping", str(SURVEY / mapping)]
    return main(args), out


@pytest.mark.parametrize(("responses", "mapping"), SHAPES.items())
def test_every_export_shape_gives_the_same_points(tmp_path, responses, mapping):
    code, out = import_survey(tmp_path, responses, mapping)
    assert code == 0
    reference_code, reference = import_survey(tmp_path / "ref", "plain.csv")
    assert reference_code == 0
    assert out.with_suffix(".csv").read_text(encoding="utf-8") == reference.with_suffix(
        ".csv"
    ).read_text(encoding="utf-8")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 42, "kept": 42, "rejected": 0}
    assert [u["unit"] for u in data["units"]] == ["TC", "TH", "TL"]
    for unit in data["units"]:
        for leaf in unit["leaves"]:
            assert leaf["low"] <= leaf["points"] <= leaf["high"] <= leaf["max"]
            assert leaf["under_minimum"] == (leaf["n"] < leaf["required"])


def test_bad_rows_reject_the_whole_file_with_every_reason(tmp_path, capsys):
    code, out = import_survey(tmp_path, "bad-rows.csv")
    assert code == 2
    err = capsys.readouterr().err
    assert "bad-rows.csv, dòng" in err
    assert not out.exists()


def test_drop_invalid_keeps_good_rows_and_writes_the_rejected_with_reasons(tmp_path, capsys):
    code, out = import_survey(tmp_path, "bad-rows.csv", None, "--drop-invalid", quiet=False)
    assert code == 0
    rejected = out.with_name("points.rejected.csv")
    text = rejected.read_text(encoding="utf-8-sig")
    assert text.startswith("dòng,cột,giá trị,lý do")
    data = json.loads(out.read_text(encoding="utf-8"))
    counts = data["counts"]
    assert counts["read"] == counts["kept"] + counts["rejected"] and counts["rejected"] > 0
    printed = capsys.readouterr().out
    assert (
        f"Đã đọc {counts['read']} phiếu, giữ {counts['kept']}, loại {counts['rejected']}" in printed
    )


def self_scores(tmp_path: Path, with_survey_leaf: bool = False) -> Path:
    rows = [
        "unit,criterion,score",
        "TC,1,40",
        "TC,2,35",
        "TH,1,39",
        "TH,2,34.5",
        "TL,1,30",
        "TL,2,30",
    ]
    if with_survey_leaf:
        rows.append("TC,8.1,9")
    path = tmp_path / "diem.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_survey_points_flow_into_the_index_and_the_narrative(tmp_path):
    code, points = import_survey(tmp_path, "kobo.csv")
    assert code == 0
    survey = json.loads(points.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    args = [
        "--quiet",
        "score",
        "--framework",
        FRAMEWORK,
        "--scores",
        str(self_scores(tmp_path)),
        "--units",
        UNITS,
    ]
    assert main([*args, "--survey", str(points), "--out", str(out)]) == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    report = (out / "report.md").read_text(encoding="utf-8")
    for unit in results["units"]:
        expected = next(u for u in survey["units"] if u["unit"] == unit["unit"])
        assert unit["survey"]["score"] == expected["total"]["points"]
        assert unit["survey"]["respondents"] == expected["respondents"]
        assert (unit["survey"]["low"], unit["survey"]["high"]) == (
            expected["total"]["low"],
            expected["total"]["high"],
        )
        low, high = unit["rank_interval"]
        assert low <= unit["rank"] <= high
        assert unit["index"] == round(unit["score"] / unit["max"] * 100, 2)
    tc = next(u for u in results["units"] if u["unit"] == "TC")
    assert f"{tc['survey']['respondents']} phiếu khảo sát, khoảng tin cậy 95%" in report
    # TC and TH are 0.5 points apart before the survey: their order is not settled by 14–16 respondents
    assert set(results["unsettled"]) >= {"TC", "TH"}
    assert "chưa thể phân định chắc chắn" in report
    assert "(khoảng tin cậy 95%: 1–2)" in report


def test_a_leaf_scored_both_by_the_table_and_the_survey_is_an_error(tmp_path, capsys):
    _, points = import_survey(tmp_path, "plain.csv")
    args = [
        "--quiet",
        "score",
        "--framework",
        FRAMEWORK,
        "--scores",
        str(self_scores(tmp_path, True)),
        "--units",
        UNITS,
    ]
    assert main([*args, "--survey", str(points), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        "các tiêu chí 8.1 lấy điểm từ tệp điều tra xã hội học points.json; bảng điểm không được chấm lại"
        in err
    )


def test_without_the_survey_file_the_survey_leaves_are_missing(tmp_path, capsys):
    args = [
        "--quiet",
        "score",
        "--framework",
        FRAMEWORK,
        "--scores",
        str(self_scores(tmp_path)),
        "--units",
        UNITS,
    ]
    assert main([*args, "--out", str(tmp_path / "out")]) == 2
    assert "đơn vị TC: thiếu điểm 2 tiêu chí: 8.1, 8.2" in capsys.readouterr().err


def test_a_questionnaire_is_checked_against_its_framework(capsys):
    assert (
        main(["survey", "check", "--questionnaire", QUESTIONNAIRE, "--framework", FRAMEWORK]) == 0
    )
    assert "hợp lệ" in capsys.readouterr().out
    assert (
        main(
            [
                "survey",
                "check",
                "--questionnaire",
                QUESTIONNAIRE,
                "--framework",
                "lamdong-district-2022",
            ]
        )
        == 2
    )
    assert (
        "Q4: tiêu chí «8.2» không phải tiêu chí lá trong bộ tiêu chí «lamdong-district-2022»"
        in capsys.readouterr().err
    )


def test_the_satisfaction_index_per_unit_and_aspect(tmp_path, capsys):
    out = tmp_path / "sipas"
    args = [
        "survey",
        "sipas",
        "--questionnaire",
        QUESTIONNAIRE,
        "--responses",
        str(SURVEY / "plain.csv"),
        "--units",
        UNITS,
    ]
    assert main([*args, "--questions", "Q1,Q2", "--period", "2023", "--out", str(out)]) == 0
    table = (out / "sipas.csv").read_text(encoding="utf-8")
    assert table.splitlines()[0].startswith("Mã đơn vị,Số phiếu,Hài lòng chung (%)")
    chart = json.loads((out / "sipas.json").read_text(encoding="utf-8"))
    assert chart["categories"] and chart["series"][0]["name"] == "Chung"
    assert "Năm 2023, chỉ số hài lòng chung" in capsys.readouterr().out
