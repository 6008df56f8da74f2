"""The design the questionnaire declares reaches the points and their intervals.

Anh Quân weights each respondent by how many residents they stand for: a respondent of
weight 2 counts exactly as two identical respondents of weight 1. He also declares the
day each respondent was met at the one-stop desk as the cluster: the points stay the
same, and the interval is computed from the days.
"""

from __future__ import annotations

import json
from pathlib import Path

from parindex.cli import main
from tests.conftest import DATA

SURVEY = DATA / "survey"


def questionnaire(tmp_path: Path, design: str) -> Path:
    path = tmp_path / "phieu.yaml"
    text = (SURVEY / "questionnaire.yaml").read_text(encoding="utf-8")
    path.write_text(text + design, encoding="utf-8")
    return path


def run(tmp_path: Path, q: Path, responses: Path, name: str) -> dict:
    out = tmp_path / name
    args = ["survey", "import", "--questionnaire", str(q), "--framework"]
    args += [str(SURVEY / "framework.yaml"), "--units", str(SURVEY / "units.csv")]
    args += ["--responses", str(responses), "--out", str(out), "--draws", "50"]
    assert main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def leaves(points: dict) -> dict:
    return {
        (u["unit"], leaf["leaf"]): leaf["points"] for u in points["units"] for leaf in u["leaves"]
    }


def test_a_weight_of_two_counts_as_two_identical_respondents(tmp_path):
    lines = (SURVEY / "plain.csv").read_text(encoding="utf-8").splitlines()
    weighted = [lines[0] + ",trọng số"] + [
        f"{line},{2 if i == 1 else 1}" for i, line in enumerate(lines[1:], 1)
    ]
    (tmp_path / "weighted.csv").write_text("\n".join(weighted) + "\n", encoding="utf-8")
    copy = lines[1].replace(lines[1].split(",")[0], "P001-bis", 1)
    (tmp_path / "twice.csv").write_text("\n".join([*lines, copy]) + "\n", encoding="utf-8")
    q = questionnaire(tmp_path, "design: {weight: trọng số}\n")
    by_weight = run(tmp_path, q, tmp_path / "weighted.csv", "w.json")
    by_copy = run(tmp_path, SURVEY / "questionnaire.yaml", tmp_path / "twice.csv", "c.json")
    plain = run(tmp_path, SURVEY / "questionnaire.yaml", SURVEY / "plain.csv", "p.json")
    assert leaves(by_weight) == leaves(by_copy)
    assert leaves(by_weight) != leaves(plain)


def test_declared_clusters_keep_the_points_and_change_the_intervals(tmp_path):
    lines = (SURVEY / "plain.csv").read_text(encoding="utf-8").splitlines()
    days = [lines[0] + ",ngày"] + [f"{line},ngày {i % 3 + 1}" for i, line in enumerate(lines[1:])]
    (tmp_path / "days.csv").write_text("\n".join(days) + "\n", encoding="utf-8")
    clustered = run(
        tmp_path,
        questionnaire(tmp_path, "design: {cluster: ngày}\n"),
        tmp_path / "days.csv",
        "d.json",
    )
    plain = run(tmp_path, SURVEY / "questionnaire.yaml", SURVEY / "plain.csv", "p.json")
    assert leaves(clustered) == leaves(plain)
    bounds = lambda p: {(u["unit"], u["total"]["low"], u["total"]["high"]) for u in p["units"]}  # noqa: E731
    assert bounds(clustered) != bounds(plain)
