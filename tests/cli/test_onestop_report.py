"""`parindex onestop report` on the demo province's one-stop register (issue 15): the files,
their figures against an independent count of the rows, and bad input refused whole."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from parindex.cli import main
from parindex.demo.dossiers import register_frame

UNITS = "code,name,kind\nSNV,Sở Nội vụ,sở\nSTP,Sở Tư pháp,sở\nX01,Tiên Châu,xã\nX02,Tiên Hà,xã\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("onestop")
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    units = [("SNV", "tỉnh"), ("STP", "tỉnh"), ("X01", "xã"), ("X02", "xã")]
    register_frame(units, scale=0.2).write_csv(folder / "ho-so.csv")
    return folder


def run(files: Path, out: Path, *extra: str, dossiers: str = "ho-so.csv") -> int:
    return main(
        ["--quiet", "onestop", "report", "--dossiers", str(files / dossiers),
         "--units", str(files / "units.csv"), "--from", "01/01/2026", "--to", "30/06/2026",
         "--out", str(out), *extra]
    )  # fmt: skip


def day(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def test_the_half_year_s_figures_match_a_count_of_the_rows(files, tmp_path):
    assert run(files, tmp_path / "out") == 0
    data = json.loads((tmp_path / "out" / "thong-ke.json").read_text(encoding="utf-8"))
    start, end = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    rows = list(csv.DictReader((files / "ho-so.csv").open(encoding="utf-8")))
    x01 = [r for r in rows if r["Mã đơn vị"] == "X01"]
    new = [r for r in x01 if start <= day(r["Ngày tiếp nhận"]) <= end]
    carried = [
        r for r in x01
        if day(r["Ngày tiếp nhận"]) < start
        and (not r["Ngày có kết quả"] or day(r["Ngày có kết quả"]) >= start)
    ]  # fmt: skip
    unit = next(u for u in data["units"] if u["unit"] == "X01")
    assert unit["name"] == "Tiên Châu" and unit["level"] == "xã"
    assert unit["received"]["carried_over"] == len(carried)
    assert unit["received"]["online"] == sum(r["Kênh"] == "2" for r in new)
    assert unit["received"]["total"] == len(new) + len(carried)
    r = unit["resolved"]
    assert r["total"] == r["early"] + r["on_time"] + r["late"] > 0
    assert unit["received"]["total"] == r["total"] + unit["in_progress"]["total"]
    total = data["total"]["received"]["total"]
    assert total == sum(u["received"]["total"] for u in data["units"])
    assert (
        data["levels"]["tỉnh"]["received"]["total"] + data["levels"]["xã"]["received"]["total"]
        == total
    )
    assert data["problems"] == []
    text = (tmp_path / "out" / "thong-ke.md").read_text(encoding="utf-8")
    assert "tiếp nhận và xử lý hồ sơ qua hệ thống một cửa điện tử với tổng số" in text
    assert "Trong đó: cấp tỉnh:" in text
    sheet = load_workbook(tmp_path / "out" / "bieu-06a.xlsx").active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Biểu số II.06a/VPCP/KSTT" in cells and "(13)" in cells and "Tiên Châu" in cells
    assert total in cells


def test_a_bad_register_writes_nothing_and_exits_2(files, tmp_path, capsys):
    bad = files / "bad.csv"
    bad.write_text(
        (files / "ho-so.csv").read_text(encoding="utf-8").replace(",X02,", ",X99,", 1),
        encoding="utf-8",
    )
    assert run(files, tmp_path / "out", dossiers="bad.csv") == 2
    assert not (tmp_path / "out").exists()
    assert "không có trong danh sách đơn vị" in capsys.readouterr().err
    assert run(files, tmp_path / "kept", "--drop-invalid", dossiers="bad.csv") == 0
    data = json.loads((tmp_path / "kept" / "thong-ke.json").read_text(encoding="utf-8"))
    assert len(data["dropped"]) == 1


def test_a_period_backwards_is_refused(files, tmp_path, capsys):
    code = main(["--quiet", "onestop", "report", "--dossiers", str(files / "ho-so.csv"),
                 "--units", str(files / "units.csv"), "--from", "30/06/2026", "--to",
                 "01/01/2026", "--out", str(tmp_path / "o")])  # fmt: skip
    assert code == 2 and "--to trước --from" in capsys.readouterr().err
