"""``parindex remediation`` and ``remediation check`` on the demo's published runs."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from parindex.cli import main
from parindex.core.remediation import NOT_RECOVERED, PARTLY, RECOVERED, findings_of
from parindex.io.remediation_plan import read_plan
from parindex.io.results_json import read_results
from tests.remediation_demo import demo_results

KEYS = {"code", "name", "field", "max", "score", "lost", "reason"}


def results(name: str) -> Path:
    return demo_results() / name / "results.json"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plans")
    assert main(["--quiet", "remediation", "--results", str(results("communes-2023")),
                 "--out", str(out)]) == 0  # fmt: skip
    return out


def test_every_unit_gets_its_plan_and_the_json_lists_the_findings(plans):
    run = read_results(results("communes-2023"))
    names = {p.name for p in plans.iterdir()}
    assert names == {"khac-phuc.json"} | {
        f"khac-phuc-{u.code}.{ext}" for u in run.units for ext in ("xlsx", "docx")
    }
    data = json.loads((plans / "khac-phuc.json").read_text(encoding="utf-8"))
    assert data["period"] == "2023"
    assert [u["unit"] for u in data["units"]] == run.codes()
    for entry in data["units"]:
        unit = run.unit(entry["unit"])
        assert set(entry) == {"unit", "name", "lost_total", "findings"}
        assert all(set(f) == KEYS and f["reason"] == "" for f in entry["findings"])
        lost = [Decimal(str(f["lost"])) for f in entry["findings"]]
        assert lost == sorted(lost, reverse=True)
        assert Decimal(str(entry["lost_total"])) == unit.max - unit.score == sum(lost)
    assert not list(plans.parent.glob(".parindex-*")), "the staging folder is removed"


def test_the_docx_has_the_findings_table_and_the_table_the_unit_fills(plans):
    run = read_results(results("communes-2023"))
    unit = run.units[0]
    found = findings_of(unit)
    document = docx.Document(str(plans / f"khac-phuc-{unit.code}.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "KẾ HOẠCH KHẮC PHỤC TỒN TẠI, HẠN CHẾ"
    assert texts[1] == f"Chỉ số cải cách hành chính năm 2023 của {unit.display_name}"
    assert any(t.startswith("Căn cứ kết quả Chỉ số cải cách hành chính năm 2023") for t in texts)
    assert any(t.startswith("[") for t in texts), "a marked line the unit completes"
    findings, tasks = document.tables
    header = [c.text for c in findings.rows[0].cells]
    assert header == ["STT", "Mã", "Tiêu chí", "Điểm tối đa", "Điểm đạt", "Điểm bị trừ", "Lý do"]
    assert len(findings.rows) == 1 + len(found.findings)
    first = [c.text for c in findings.rows[1].cells]
    f = found.findings[0]
    assert first[:3] == ["1", f.code, f.name]
    for column in (3, 4, 5):  # two decimals in every row: "25,00" beside "23,45", not "25"
        values = [row.cells[column].text for row in findings.rows[1:]]
        assert all(re.fullmatch(r"[0-9.]+,[0-9]{2}", v) for v in values), values
    assert [c.text for c in tasks.rows[0].cells][3:] == [
        "Nguyên nhân (chủ quan, khách quan)", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì",
        "Thời gian thực hiện",
    ]  # fmt: skip
    assert all(c.text == "" for row in tasks.rows[1:] for c in row.cells[3:])


def test_the_xlsx_is_read_back_as_the_plan(plans):
    run = read_results(results("communes-2023"))
    unit = run.units[0]
    plan = read_plan(plans / f"khac-phuc-{unit.code}.xlsx")
    assert plan.unit == unit.code and plan.period == "2023"
    assert plan.codes == tuple(f.code for f in findings_of(unit).findings)
    sheet = load_workbook(plans / f"khac-phuc-{unit.code}.xlsx").active
    headers = {c.value for row in sheet.iter_rows(min_row=6, max_row=7) for c in row}
    assert {"Nguyên nhân", "Chủ quan", "Khách quan", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì",
            "Thời gian thực hiện"} <= headers  # fmt: skip


def test_only_one_unit_and_an_unsafe_code_in_the_file_name(tmp_path):
    data = json.loads(results("districts-2023").read_text(encoding="utf-8"))
    data["units"][0]["unit"] = "H/01"
    source = tmp_path / "results.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--quiet", "remediation", "--results", str(source), "--unit", "H/01",
                 "--out", str(out)]) == 0  # fmt: skip
    assert {p.name for p in out.iterdir()} == {
        "khac-phuc-H_01.xlsx", "khac-phuc-H_01.docx", "khac-phuc.json",
    }  # fmt: skip
    assert read_plan(out / "khac-phuc-H_01.xlsx").unit == "H/01"


def test_an_unknown_unit_is_refused(tmp_path, capsys):
    code = main(["--quiet", "remediation", "--results", str(results("districts-2023")),
                 "--unit", "NO-SUCH", "--out", str(tmp_path / "o")])  # fmt: skip
    assert code != 0
    assert "không có đơn vị NO-SUCH" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def _check(plan_files: list[Path], out: Path, before: str, now: str) -> int:
    return main(["--quiet", "remediation", "check", "--plan", *map(str, plan_files),
                 "--previous", str(results(before)), "--results", str(results(now)),
                 "--out", str(out)])  # fmt: skip


def test_check_2023_to_2024_counts_the_recovered_criteria(plans, tmp_path):
    before = read_results(results("communes-2023"))
    now = read_results(results("communes-2024"))
    merged = next(u for u in now.units if len(u.predecessors) > 1)
    kept = [u.code for u in before.units if now.has_unit(u.code)][:3]
    codes = [*kept, merged.predecessors[0]]
    out = tmp_path / "check"
    assert _check([plans / f"khac-phuc-{c}.xlsx" for c in codes], out, "communes-2023",
                  "communes-2024") == 0  # fmt: skip
    assert {p.name for p in out.iterdir()} == {"kiem-tra-khac-phuc.json", "kiem-tra-khac-phuc.xlsx"}
    data = json.loads((out / "kiem-tra-khac-phuc.json").read_text(encoding="utf-8"))
    assert (data["previous_period"], data["period"]) == ("2023", "2024")
    assert [u["unit"] for u in data["units"]] == codes
    assert data["units"][-1]["unit_now"] == merged.code
    expected = {RECOVERED: 0, PARTLY: 0, NOT_RECOVERED: 0}
    for entry in data["units"]:
        unit_now = now.unit(entry["unit_now"])
        for item in entry["criteria"]:
            crit = unit_now.criteria.get(item["code"])
            assert crit is not None
            lost_now = crit.max - crit.score
            assert Decimal(str(item["lost_now"])) == lost_now
            lost_before = Decimal(str(item["lost_before"]))
            status = (
                RECOVERED if lost_now == 0 else PARTLY if lost_now < lost_before else NOT_RECOVERED
            )
            assert item["status"] == status
            expected[status] += 1
    totals = data["totals"]
    assert {k: totals["counts"][k] for k in expected} == expected
    assert totals["criteria"] == sum(expected.values())
    assert Decimal(str(totals["recovered_points"])) == Decimal(
        str(totals["lost_before"])
    ) - Decimal(str(totals["lost_now"]))
    book = load_workbook(out / "kiem-tra-khac-phuc.xlsx")
    assert book.sheetnames == ["Chi tiết", "Tổng hợp"]
    statuses = [row[-1] for row in book["Chi tiết"].iter_rows(min_row=5, values_only=True)]
    assert statuses.count(RECOVERED) == expected[RECOVERED]


def test_an_edited_plan_with_bad_rows_is_refused_row_by_row(plans, tmp_path, capsys):
    run = read_results(results("communes-2023"))
    unit = run.units[0]
    book = load_workbook(plans / f"khac-phuc-{unit.code}.xlsx")
    sheet = book.active
    first = sheet.max_row + 1
    sheet.cell(row=first, column=2, value="9.99")  # no such criterion
    sheet.cell(row=first + 1, column=2, value=findings_of(unit).findings[0].code)  # twice
    edited = tmp_path / "khac-phuc.xlsx"
    book.save(edited)
    assert _check([edited], tmp_path / "o", "communes-2023", "communes-2024") != 0
    err = capsys.readouterr().err
    assert f"dòng {first}, ô B{first}" in err and "không có tiêu chí «9.99»" in err
    assert f"dòng {first + 1}, ô B{first + 1}" in err and "đã có ở dòng 8" in err
    assert not (tmp_path / "o").exists()


def test_a_plan_without_its_unit_code_is_refused(plans, tmp_path, capsys):
    unit = read_results(results("communes-2023")).units[0]
    book = load_workbook(plans / f"khac-phuc-{unit.code}.xlsx")
    book.active["C3"] = None
    edited = tmp_path / "khac-phuc.xlsx"
    book.save(edited)
    assert _check([edited], tmp_path / "o", "communes-2023", "communes-2024") != 0
    assert (
        "khac-phuc.xlsx, dòng 3: ô sau «Mã đơn vị:» không có mã đơn vị" in capsys.readouterr().err
    )
