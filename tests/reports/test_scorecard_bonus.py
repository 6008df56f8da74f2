"""A unit's scorecard adds up: its field rows, the bonus and the penalty give its total."""

from __future__ import annotations

import io

from docx import Document

from parindex.cli import main
from parindex.io.results_json import read_results
from parindex.reports.docx_report import render_scorecard
from parindex.reports.letterhead import Letterhead
from tests.io.test_score_rules_file import FRAMEWORK, GOOD, write


def test_the_scorecard_shows_the_bonus_and_the_penalty_beside_the_total(tmp_path):
    units = write(tmp_path, "units.csv", "code,name,kind\nPA,Phường An,phường\nXB,Xã Bình,xã\n")
    out = tmp_path / "out"
    assert main(
        ["--quiet", "score", "--framework", str(write(tmp_path, "fw.yaml", FRAMEWORK)),
         "--units", str(units), "--scores", str(write(tmp_path, "s.csv", GOOD)), "--out", str(out)]
    ) == 0  # fmt: skip
    results = read_results(out / "results.json")
    doc = Document(io.BytesIO(render_scorecard(results, "XB", Letterhead())))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    labels = [r[1] for r in rows if len(r) > 2]
    assert "Điểm thưởng (ngoài điểm tối đa)" in labels and "Điểm trừ (ngoài điểm tối đa)" in labels
    penalty = next(r for r in rows if len(r) > 2 and r[1] == "Điểm trừ (ngoài điểm tối đa)")
    total = next(r for r in rows if len(r) > 2 and r[1].startswith("Tổng cộng ("))
    assert penalty[2] == "0,50"  # the column's two decimals
    assert total[1] == "Tổng cộng (Chỉ số cải cách hành chính)" and total[2] == "4,67"
