"""`parindex survey import` options of issue 16: ``--unit`` for a file without a unit column,
``--repeat`` for ODK Central's repeat files, per-answer ``--drop-invalid``, and two ``--out``
names that share a stem writing no companion file in common."""

from __future__ import annotations

import csv
import json

import pytest

from parindex.cli import main
from tests.conftest import DATA

SURVEY = DATA / "survey"
BASE = ["survey", "import", "--questionnaire", str(SURVEY / "questionnaire.yaml")]
BASE += ["--framework", str(SURVEY / "framework.yaml"), "--draws", "20"]
ONE_UNIT = "respondent,group,Q1,Q2,Q3,Q4,Q5,Q6\n1,dan,A,A,A,A,,A\n2,dan,B,B,B,B,,B\n"


def run(*args: str) -> int:
    return main([*BASE, *args])


def test_unit_gives_one_unit_to_a_file_without_a_unit_column(tmp_path, capsys):
    responses = tmp_path / "tien-ha.csv"
    responses.write_text(ONE_UNIT, encoding="utf-8")
    out = tmp_path / "points.json"
    args = ["--responses", str(responses), "--units", str(SURVEY / "units.csv")]
    assert run(*args, "--unit", "TH", "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    respondents = {u["unit"]: u["respondents"] for u in data["units"]}
    assert respondents["TH"] == 2 and respondents["TC"] == 0
    assert "Đã đọc 2 phiếu, giữ 2, loại 0" in capsys.readouterr().out


def test_unit_not_in_the_units_file_is_refused_in_vietnamese(tmp_path, capsys):
    responses = tmp_path / "tien-ha.csv"
    responses.write_text(ONE_UNIT, encoding="utf-8")
    args = ["--responses", str(responses), "--units", str(SURVEY / "units.csv")]
    assert run(*args, "--unit", "XX", "--out", str(tmp_path / "p.json")) != 0
    err = capsys.readouterr().err
    assert "«XX» (--unit) không có trong danh sách đơn vị" in err
    assert "Traceback" not in err


def test_without_unit_a_file_without_a_unit_column_is_refused(tmp_path, capsys):
    responses = tmp_path / "tien-ha.csv"
    responses.write_text(ONE_UNIT, encoding="utf-8")
    assert run("--responses", str(responses), "--out", str(tmp_path / "p.json")) != 0
    assert "không tìm thấy cột đơn vị" in capsys.readouterr().err


def test_repeat_reads_odk_centrals_repeat_files(tmp_path):
    out = tmp_path / "points.json"
    args = ["--responses", str(SURVEY / "odk-repeat.csv")]
    args += ["--repeat", str(SURVEY / "odk-repeat-giao_dich.csv")]
    assert run(*args, "--units", str(SURVEY / "units.csv"), "--out", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"read": 4, "kept": 4, "rejected": 0}


def test_two_outputs_sharing_a_stem_write_no_companion_in_common(tmp_path):
    bad = ["--responses", str(SURVEY / "bad-rows.csv"), "--drop-invalid"]
    good = ["--responses", str(SURVEY / "plain.csv")]
    units = ["--units", str(SURVEY / "units.csv")]
    assert run(*bad, *units, "--out", str(tmp_path / "a.x.json")) == 0
    assert run(*good, *units, "--out", str(tmp_path / "a.y.json")) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "a.x.csv",
        "a.x.draws.npz",
        "a.x.json",
        "a.x.rejected.csv",
        "a.y.csv",
        "a.y.draws.npz",
        "a.y.json",
    ]
    assert "a.csv" not in names
    x = json.loads((tmp_path / "a.x.json").read_text(encoding="utf-8"))
    assert x["draws_file"] == "a.x.draws.npz"
    first_x = (tmp_path / "a.x.csv").read_text(encoding="utf-8")
    assert first_x != (tmp_path / "a.y.csv").read_text(encoding="utf-8")


def test_a_plain_out_name_keeps_its_companions(tmp_path):
    out = tmp_path / "points.json"
    assert run("--responses", str(SURVEY / "plain.csv"), "--out", str(out)) == 0
    assert (tmp_path / "points.csv").exists() and (tmp_path / "points.draws.npz").exists()


def test_drop_invalid_drops_bad_answers_and_says_so(tmp_path, capsys):
    out = tmp_path / "points.json"
    args = ["--responses", str(SURVEY / "bad-rows.csv"), "--units", str(SURVEY / "units.csv")]
    assert run(*args, "--drop-invalid", "--out", str(out)) == 0
    printed = capsys.readouterr().out
    assert "Đã đọc 14 phiếu, giữ 8, loại 6" in printed
    assert "Bỏ 3 câu trả lời không hợp lệ" in printed
    with (tmp_path / "points.rejected.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    actions = {r[0]: r[4] for r in rows[1:] if r[1] in ("Q1", "Q5")}
    assert actions == {"4": "bỏ câu trả lời", "10": "bỏ câu trả lời", "12": "bỏ câu trả lời"}
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["kept"] == 8


def test_the_help_names_the_new_options(capsys):
    with pytest.raises(SystemExit):
        main([*BASE[:2], "--help"])
    printed = capsys.readouterr().out
    assert "--unit" in printed and "--repeat" in printed
