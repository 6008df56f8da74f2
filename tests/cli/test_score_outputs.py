"""What `parindex score` writes: all three outputs, or for a script results.json alone — and
then no appendix or report of an earlier run is left beside a results.json it does not match."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from parindex.cli import main
from tests.cli.test_options_where_typed import score_args


def test_a_run_writes_results_the_appendix_and_the_report_which_agree(tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert main(score_args(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.md", "results.json", "results.xlsx"]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    first = results["units"][0]
    sheet = load_workbook(out / "results.xlsx").worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert first["display_name"] in cells
    assert first["display_name"] in (out / "report.md").read_text(encoding="utf-8")


def test_a_script_asks_for_results_json_alone(tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert main([*score_args(out), "--no-xlsx", "--no-report"]) == 0
    assert [p.name for p in out.iterdir()] == ["results.json"]
    assert "Đã ghi: " + str(out / "results.json") in capsys.readouterr().out


def test_an_earlier_runs_appendix_and_report_are_not_left_beside_new_results(tmp_path: Path):
    out = tmp_path / "out"
    assert main(score_args(out)) == 0
    assert main([*score_args(out), "--period", "2023", "--no-report"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["results.json", "results.xlsx"]
    assert main([*score_args(out), "--no-xlsx"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["report.md", "results.json"]
