"""Formula injection: a unit, a person or a note named like a formula (=, +, -, @, a tab, a
CR first) is shown as the text it is in every workbook and CSV the project writes, and the
project's own readers get the text back. Numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from parindex.core.sipas import Satisfaction, SipasResult, UnitSatisfaction
from parindex.core.survey import LeafPoints, SurveyResult
from parindex.io.cells import csv_text, looks_like_formula, unescape_csv_text
from parindex.io.results_json import published
from parindex.io.survey_points import to_csv
from parindex.io.tables import read_table
from parindex.reports import sipas as sipas_report
from parindex.reports import xlsx_appendix, xlsx_template
from parindex.reports.appraisal_sheets import SelfRow, UnitRows, render_self
from tests.reports.test_xlsx_appendix import results

NAMES = ['=HYPERLINK("http://x","bấm")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]
"""What a careless or hostile user may type as a name; each one a formula to a spreadsheet."""


ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def text_of(value: object) -> object:
    """A cell's text as Excel and LibreOffice read it: a control character (a CR) is stored
    as ``_x000D_`` by xlsxwriter (``_x005F`` before a literal one), which openpyxl leaves."""
    if not isinstance(value, str):
        return value
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


def texts_of(data: bytes) -> list[tuple[str, str, object]]:
    """Every cell of every sheet: (sheet, data type, value)."""
    book = load_workbook(io.BytesIO(data))
    return [
        (ws.title, cell.data_type, text_of(cell.value))
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_no_formula(data: bytes, names: list[str]) -> None:
    cells = texts_of(data)
    assert [c for c in cells if c[1] == "f"] == []
    values = {value for _, _, value in cells}
    for name in names:
        assert name in values, name
    book = load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if looks_like_formula(text_of(cell.value)):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)


@pytest.mark.parametrize("name", NAMES)
def test_a_unit_named_like_a_formula_is_text_in_the_results_workbook_and_the_appendix(name):
    data = results()
    data["units"][0]["display_name"] = name
    data["units"][1]["unit"] = name
    assert_no_formula(xlsx_appendix.render(published(data)), [name])


def test_every_formula_like_unit_name_is_text_in_the_fill_in_template():
    from parindex.io.frameworks import load_framework

    framework = load_framework(Path("frameworks/lamdong-district-2022.yaml"))
    units = [(f"C{i}", name) for i, name in enumerate(NAMES)] + [("=A1", "mã như công thức")]
    assert_no_formula(xlsx_template.render(framework, units), [*NAMES, "=A1"])


def test_a_formula_like_explanation_and_unit_are_text_in_the_appraisal_sheets():
    rows = tuple(
        SelfRow("1.1", "Kế hoạch", Decimal(2), Decimal("-1"), False, text, (text,))
        for text in NAMES
    )
    data = render_self("Kỳ 2024", [UnitRows("=XA", NAMES[0], True, rows)])
    assert_no_formula(data, NAMES)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["D4"].value == -1 and sheet["D4"].data_type == "n"  # a negative number stays one


def test_formula_like_names_are_text_in_the_password_sheet():
    from parindex.web.accounts.passwords import Issued, password_workbook

    data = password_workbook(Issued(name, name, "nv.a", "Ab3$xyzw") for name in NAMES)
    assert_no_formula(data, NAMES)


def survey_result(units: list[str]) -> SurveyResult:
    rows = tuple(
        (LeafPoints(u, "8.1", 40, 30, Decimal("80"), Decimal("8"), Decimal("10")),) for u in units
    )
    return SurveyResult(
        "q", "f", ("8.1",), tuple(units), rows, (40,) * len(units), 0, 0, Decimal("0.95"),
        np.zeros((0, len(units)), np.float32),
    )  # fmt: skip


def test_formula_like_unit_codes_are_escaped_in_the_survey_points_csv_and_read_back():
    text = to_csv(survey_result(NAMES))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + name for name in NAMES]
    assert rows[1][5:8] == ["80", "8", "10"]  # numbers as they are


def test_formula_like_unit_codes_are_escaped_in_the_sipas_csv():
    satisfied = Satisfaction.of(10, 8)
    units = tuple(UnitSatisfaction(name, 10, satisfied, {}, 1) for name in NAMES)
    text = sipas_report.to_csv(SipasResult(units, (), satisfied, Decimal(80)), totals=True)
    assert [r[0] for r in list(csv.reader(io.StringIO(text, newline="")))[1:7]] == [
        "'" + n for n in NAMES
    ]


def test_the_rejected_rows_file_escapes_a_formula_like_cell(tmp_path):
    from parindex.cli.survey import _write_rejected
    from parindex.io.survey_responses.report import RejectedRow

    class Imported:
        rejected = (RejectedRow(5, "q1", "=cmd|' /C calc'!A0", "phương án không có"),)
        excluded = ()  # no row the collection tool rejected (issue 16)

    path = _write_rejected(Imported(), tmp_path / "points.json")  # type: ignore[arg-type]
    assert path is not None
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1] == ["5", "q1", "'=cmd|' /C calc'!A0", "phương án không có", "bỏ phiếu", ""]


def test_the_projects_own_csv_reader_gets_the_original_text_back(tmp_path):
    path = tmp_path / "units.csv"
    out = io.StringIO()
    from parindex.io.cells import csv_writer

    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["code", "name"])
    writer.writerows([[f"C{i}", name] for i, name in enumerate(NAMES[:4])])
    writer.writerow(["C9", "'bà Năm"])  # an apostrophe of the name itself is kept
    path.write_text(out.getvalue(), encoding="utf-8")
    table = read_table(path)
    assert [row.cells[1] for row in table.rows] == [*NAMES[:4], "'bà Năm"]


@pytest.mark.parametrize(
    ("value", "escaped"),
    [("=1+1", "'=1+1"), ("-2", "'-2"), ("-0,5", "'-0,5"), (Decimal("-0.5"), Decimal("-0.5")), ("+84 912", "'+84 912"), ("@a", "'@a"),
     ("\tx", "'\tx"), ("Tiên Châu", "Tiên Châu"), (-2, -2), (None, None), ("-", "'-")],
)  # fmt: skip
def test_the_csv_rule_escapes_formulas_and_leaves_numbers(value, escaped):
    assert csv_text(value) == escaped
    if isinstance(escaped, str):
        assert unescape_csv_text(escaped) == value


def test_a_name_with_a_control_character_that_slipped_through_does_not_break_the_workbook():
    data = results()
    data["units"][0]["display_name"] = "xã \x07Tiên\x1b Châu"
    values = {value for _, _, value in texts_of(xlsx_appendix.render(published(data)))}
    assert "xã Tiên Châu" in values
