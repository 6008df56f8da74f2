"""`parindex score --survey`: a points.json edited to give a unit 99.999 or -50 survey points
is refused with the unit, the criterion and the reason, as the web refuses typed points —
it no longer ranks the unit first with an index above 100."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parindex.cli import main
from tests.e2e.test_survey_to_index import FRAMEWORK, UNITS, import_survey, self_scores


def score_with(tmp_path: Path, points: Path) -> int:
    args = ["--quiet", "score", "--framework", FRAMEWORK, "--scores"]
    args += [str(self_scores(tmp_path)), "--units", UNITS, "--survey", str(points)]
    return main([*args, "--out", str(tmp_path / "out")])


@pytest.mark.parametrize(
    ("points", "reason"),
    [(99999, "99.999 điểm vượt tối đa 10"), (-50, "điểm âm (-50)")],
)
def test_survey_points_outside_the_criterions_range_are_refused(tmp_path, capsys, points, reason):
    _, path = import_survey(tmp_path, "plain.csv")
    data = json.loads(path.read_text(encoding="utf-8"))
    tc = next(u for u in data["units"] if u["unit"] == "TC")
    leaf = next(p for p in tc["leaves"] if p["leaf"] == "8.1")
    leaf["points"] = points
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert score_with(tmp_path, path) == 2
    err = capsys.readouterr().err
    assert f"points.json, đơn vị TC, tiêu chí 8.1: {reason}" in err
    assert not (tmp_path / "out" / "results.json").exists()


def test_a_points_file_with_a_missing_entry_is_refused_with_the_unit_named(tmp_path, capsys):
    _, path = import_survey(tmp_path, "plain.csv")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["units"][1]["leaves"][0]["points"]
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert score_with(tmp_path, path) == 2
    err = capsys.readouterr().err
    assert (
        "points.json: tệp điểm điều tra không đúng cấu trúc: đơn vị thứ 2: thiếu mục «points»"
        in err
    )
