"""The fill-in workbook shows and enforces the framework's rules: the guidance sheet words
each criterion's scale, rule, «KPS», unit kinds, guide and evidence and the bonus section;
the scores sheet takes a rule leaf's measured value, offers a scale as a drop-down list of
numbers, gives the bonus items their columns, pre-fills «KĐG» where a criterion does not apply;
filled with openpyxl it scores exactly through ``io.scores``."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from parindex.cli import main
from parindex.core.framework import Framework
from parindex.core.score_table import from_units
from parindex.io.scores import read_scores
from parindex.reports.xlsx_template import render
from tests.reports.template_framework import FRAMEWORK, KINDS, NAMES, UNITS, load


@pytest.fixture
def framework(tmp_path: Path) -> Framework:
    return load(tmp_path)


def book(framework: Framework, names=NAMES, kinds=KINDS) -> Workbook:
    return load_workbook(io.BytesIO(render(framework, names, kinds)))


def columns(ws: Worksheet) -> dict[str, int]:
    return {ws.cell(1, c).value: c for c in range(3, ws.max_column + 1)}


def validations(ws: Worksheet) -> dict[str, object]:
    """Each validation by the letter of the column it covers."""
    return {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in ws.data_validations.dataValidation
    }


def guide_rows(ws: Worksheet) -> dict[str, tuple]:
    return {row[0]: row for row in ws.iter_rows(values_only=True) if row and row[0]}


def letter(ws: Worksheet, code: str) -> str:
    return ws.cell(1, columns(ws)[code]).column_letter


# --- the guidance sheet -------------------------------------------------------------------


def test_the_guide_words_each_criterion_rules(framework):
    ws = book(framework)["Hướng dẫn"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Mã")
    assert header == (
        "Mã",
        "Tên lĩnh vực, tiêu chí",
        "Điểm tối đa",
        "Nguồn",
        "Cách chấm, cách nhập",
        "Hướng dẫn chấm",
        "Tài liệu kiểm chứng",
    )
    rows = guide_rows(ws)
    code, name, maximum, _, how, guide, evidence = rows["1.1"]
    assert (code, name, maximum) == ("1.1", "Ban hành kế hoạch CCHC năm", 1)
    assert "Thang điểm: 1; 0,5; 0" in how
    assert guide == "Ban hành trước ngày 31/12: 1 điểm; chậm: 0,5 điểm; không ban hành: 0 điểm"
    assert evidence == "Quyết định ban hành kế hoạch"
    leaf = framework.node("1.2")
    assert leaf.rule.describe() in rows["1.2"][4]  # trên 90%: 2 điểm; từ 70%: 1 điểm; …
    assert "trên 90%: 2 điểm" in rows["1.2"][4]
    assert "97,3" in rows["1.2"][4] and "35/36" in rows["1.2"][4]
    assert "÷ 100, đủ điểm từ 100%" in rows["2.1"][4]
    assert "KPS: được tính điểm tối đa" in rows["2.2"][4]
    assert rows["2.2"][6] == "Có"  # evidence asked without words
    assert rows["2.1"][6] is None  # none asked
    assert "Chỉ áp dụng cho: phường" in rows["2.3"][4]
    assert "KPS" not in rows["2.3"][4]
    assert "KPS: được tính điểm tối đa" in rows["2.4"][4] and "2; 1; 0" in rows["2.4"][4]
    assert "÷ 90, đủ điểm từ 90%" in rows["2.5"][4] and "KPS" in rows["2.5"][4]


def test_the_guide_lists_bonus_and_penalty_items_with_their_caps(framework):
    ws = book(framework)["Hướng dẫn"]
    rows = guide_rows(ws)
    assert "ĐIỂM THƯỞNG, ĐIỂM TRỪ" in rows
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "tổng điểm thưởng được tính tối đa 2 điểm" in text
    assert "tổng điểm trừ tối đa 1 điểm" in text
    assert "Chỉ số cải cách hành chính" in text  # the framework's index name
    _, name, bound, kind, how, guide, evidence = rows["T1"]
    assert (name, bound, kind, guide) == (
        "Sáng kiến CCHC được công nhận",
        2,
        "Điểm thưởng",
        "Mỗi sáng kiến 1 điểm",
    )
    assert "thưởng tối đa 2 điểm" in how.lower()
    _, name, bound, kind, how, guide, evidence = rows["P1"]
    assert (bound, kind, evidence) == (-1, "Điểm trừ", "Văn bản kết luận")
    assert "số âm" in how and "-0,5" in how


def test_the_guide_says_how_to_enter_values_kps_and_kdg(framework):
    ws = book(framework)["Hướng dẫn"]
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "97,3 hoặc cặp số như 35/36" in text
    assert "«KPS» (không phát sinh)" in text
    assert "KPS khác KĐG" in text
    assert "«KĐG»" in text
    assert "danh sách thả xuống" in text
    assert "ghi sẵn «KĐG» và tô xám" in text


def test_the_guide_of_a_framework_without_rules_says_nothing_of_them(tmp_path):
    plain = FRAMEWORK.split("fields:")[0] + (
        'fields:\n  - code: "1"\n    name: Chỉ đạo\n    children:\n'
        '      - {code: "1.1", name: Kế hoạch, max: 2}\n'
    )
    (tmp_path / "framework.yaml").write_text(plain, encoding="utf-8")
    from parindex.io.frameworks import load_framework

    ws = book(load_framework(tmp_path / "framework.yaml"))["Hướng dẫn"]
    text = " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "KPS" not in text and "35/36" not in text and "THƯỞNG" not in text
    assert guide_rows(ws)["1.1"][4] == "Điểm từ 0 đến 2"


# --- the scores sheet ---------------------------------------------------------------------


def test_a_rule_leaf_column_takes_the_measured_value(framework):
    ws = book(framework)["Chấm điểm"]
    col = columns(ws)["2.1"]
    assert ws.cell(2, col).value == "Tỷ lệ hồ sơ giải quyết đúng hạn (nhập giá trị đo)"
    assert ws.cell(3, col).value.startswith("giá trị %")
    assert "4 điểm" in ws.cell(3, col).value
    assert ws.cell(4, col).number_format == "@"  # 3/4 must not become a date
    dv = validations(ws)[letter(ws, "2.1")]
    assert dv.type == "custom"
    cell = f"{letter(ws, '2.1')}4"
    assert f"AND(ISNUMBER({cell}),{cell}>=0,{cell}<=1000000)" in dv.formula1
    assert f"AND(ISTEXT({cell})," in dv.formula1  # 97,3 or 35/36 typed as text
    assert f'{cell}="KĐG"' in dv.formula1
    assert "KPS" not in dv.formula1  # 2.1 has no «không phát sinh»
    assert "35/36" in dv.prompt and "97,3" in dv.prompt and "÷ 100" in dv.prompt
    assert 'KPS"' in validations(ws)[letter(ws, "2.5")].formula1


def test_a_scale_leaf_gets_a_drop_down_of_numbers(framework):
    wb = book(framework)
    ws = wb["Chấm điểm"]
    dv = validations(ws)[letter(ws, "1.1")]
    assert dv.type == "list"
    assert dv.showErrorMessage and dv.allow_blank
    assert "1; 0,5; 0" in dv.prompt
    sheet, cells = dv.formula1.split("!")
    assert sheet == "'Danh sách chọn'"
    lists = wb["Danh sách chọn"]
    assert lists.sheet_state == "hidden"
    items = [c.value for row in lists[cells.replace("$", "")] for c in row]
    assert items == [1, 0.5, 0, "KĐG"]
    assert [lists[c].data_type for c in ("A2", "A3", "A4")] == ["n", "n", "n"]
    with_kps = validations(ws)[letter(ws, "2.4")].formula1.split("!")[1].replace("$", "")
    assert [c.value for row in lists[with_kps] for c in row] == [2, 1, 0, "KĐG", "KPS"]


def test_a_plain_leaf_keeps_its_range_and_takes_kps_only_where_allowed(framework):
    ws = book(framework)["Chấm điểm"]
    dvs = validations(ws)
    assert dvs["F"].formula1 == 'OR(AND(ISNUMBER(F4),F4>=0,F4<=2),F4="KĐG",F4="N/A",F4="KPS")'
    assert dvs["G"].formula1 == 'OR(AND(ISNUMBER(G4),G4>=0,G4<=1),G4="KĐG",G4="N/A")'
    assert columns(ws)["2.2"] == 6 and columns(ws)["2.3"] == 7


def test_bonus_and_penalty_items_get_the_last_columns(framework):
    ws = book(framework)["Chấm điểm"]
    codes = [c.value for c in ws[1]][2:]
    assert codes == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "T1", "P1"]
    t1, p1 = columns(ws)["T1"], columns(ws)["P1"]
    assert ws.cell(2, t1).value == "Sáng kiến CCHC được công nhận"
    assert ws.cell(3, t1).value == "thưởng ≤ 2"
    assert ws.cell(3, p1).value == "trừ ≥ −1"
    dvs = validations(ws)
    assert dvs[letter(ws, "T1")].formula1 == "AND(ISNUMBER(J4),J4>=0,J4<=2)"
    assert dvs[letter(ws, "P1")].formula1 == "AND(ISNUMBER(K4),K4>=-1,K4<=0)"


def test_every_message_fits_excel(framework):
    ws = book(framework)["Chấm điểm"]
    for dv in ws.data_validations.dataValidation:
        assert len(dv.prompt) <= 255 and len(dv.error) <= 255, dv.sqref
        assert len(dv.promptTitle) <= 32 and len(dv.errorTitle) <= 32, dv.sqref
        assert len(dv.formula1) <= 255, dv.sqref
        assert "  " not in dv.prompt + dv.error


def test_a_leaf_for_wards_only_is_prefilled_kdg_and_grey_for_a_commune(framework):
    ws = book(framework)["Chấm điểm"]
    col = columns(ws)["2.3"]
    ward, commune = ws.cell(4, col), ws.cell(5, col)
    assert (ws.cell(4, 1).value, ws.cell(5, 1).value) == ("PA", "XB")
    assert ward.value is None
    assert commune.value == "KĐG"
    assert commune.fill.fgColor.rgb.endswith("D9D9D9")
    assert not ward.fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.cell(5, columns(ws)["2.2"]).value is None  # other leaves stay empty


def test_without_the_units_kinds_nothing_is_prefilled(framework):
    ws = book(framework, kinds=None)["Chấm điểm"]
    assert ws.cell(5, columns(ws)["2.3"]).value is None


def test_a_text_that_looks_like_a_formula_stays_text(framework):
    wb = book(framework, names=[("=A1", '=HYPERLINK("http://x")'), ("XB", "xã Bình")])
    ws = wb["Chấm điểm"]
    assert (ws["A4"].value, ws["A4"].data_type) == ("=A1", "s")
    assert (ws["B4"].value, ws["B4"].data_type) == ('=HYPERLINK("http://x")', "s")
    assert ws["B4"].quotePrefix


# --- filled in, read back -----------------------------------------------------------------

FILLED = {  # as a clerk fills it: numbers picked from the lists, values typed as text
    "PA": {"1.1": 1, "1.2": "95,5", "2.1": "35/36", "2.2": "KPS", "2.3": 1, "2.4": "KPS",
           "2.5": "45/50", "T1": 1.5},
    "XB": {"1.1": 0.5, "1.2": "90", "2.1": "2/3", "2.2": 1, "2.4": 1, "2.5": "KĐG",
           "P1": -0.5},
}  # fmt: skip


def fill(data: bytes, path: Path) -> Path:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Chấm điểm"]
    lists = wb["Danh sách chọn"]
    picked = {c.value: c.value for c in lists["A"] if not isinstance(c.value, str)}
    where = columns(ws)
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    for unit, cells in FILLED.items():
        for code, value in cells.items():
            if code == "1.1":
                value = picked[value]  # the list cell's own number
            ws.cell(rows[unit], where[code]).value = value
    wb.save(path)
    return path


def check_points(table, framework: Framework) -> None:
    pa, xb = (table.units.index(u) for u in UNITS)
    j = {leaf.code: i for i, leaf in enumerate(framework.leaves)}
    expected = {
        (pa, "1.1"): Decimal(1),
        (xb, "1.1"): Decimal("0.5"),
        (pa, "1.2"): Decimal(2),  # 95,5 is above 90
        (xb, "1.2"): Decimal(1),  # 90 is not above 90
        (pa, "2.1"): Decimal("3.89"),  # 4 × 35/36
        (xb, "2.1"): Decimal("2.67"),  # 4 × 2/3
        (pa, "2.2"): Decimal(2),  # KPS: the max
        (xb, "2.2"): Decimal(1),
        (pa, "2.3"): Decimal(1),
        (xb, "2.3"): None,  # for wards only: pre-filled KĐG
        (pa, "2.4"): Decimal(2),  # KPS on a scale
        (xb, "2.4"): Decimal(1),
        (pa, "2.5"): Decimal(1),  # 45/50 = 90% reaches full_at 90
        (xb, "2.5"): None,
    }
    got = {(u, code): table.leaf_score(u, j[code]) for (u, code) in expected}
    assert got == expected
    assert all(isinstance(v, Decimal) for v in got.values() if v is not None)
    assert table.measures[(pa, j["2.1"])] == "35/36"
    assert table.measures[(pa, j["1.2"])] == "95,5"
    items = [item.code for item in framework.bonus.items]
    assert from_units(int(table.adjustments[pa, items.index("T1")])) == Decimal("1.5")
    assert from_units(int(table.adjustments[xb, items.index("P1")])) == Decimal("-0.5")
    assert int(table.adjustments[pa, items.index("P1")]) == 0  # blank is 0


def test_a_template_filled_with_openpyxl_scores_exactly(tmp_path, framework):
    path = fill(render(framework, NAMES, KINDS), tmp_path / "mau.xlsx")
    check_points(read_scores(path, framework, UNITS), framework)


def test_the_template_command_prefills_by_the_units_kinds(tmp_path):
    load(tmp_path)
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind\nPA,An,phường\nXB,Bình,xã\n", encoding="utf-8")
    out = tmp_path / "mau.xlsx"
    args = ["--quiet", "template", "--framework", str(tmp_path / "framework.yaml")]
    assert main([*args, "--units", str(units), "--out", str(out)]) == 0
    ws = load_workbook(out)["Chấm điểm"]
    col = columns(ws)["2.3"]
    assert (ws.cell(4, col).value, ws.cell(5, col).value) == (None, "KĐG")


def test_a_framework_without_scales_has_no_lists_sheet(tmp_path):
    plain = FRAMEWORK.split("fields:")[0] + (
        'fields:\n  - code: "1"\n    name: Chỉ đạo\n    children:\n'
        '      - {code: "1.1", name: Kế hoạch, max: 2}\n'
    )
    (tmp_path / "framework.yaml").write_text(plain, encoding="utf-8")
    from parindex.io.frameworks import load_framework

    assert book(load_framework(tmp_path / "framework.yaml")).sheetnames == [
        "Chấm điểm",
        "Hướng dẫn",
        "parindex",
    ]
