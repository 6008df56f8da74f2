"""The fill-in workbook through a real spreadsheet: filled, saved again by LibreOffice, it still
scores exactly and keeps its data validations; and LibreOffice, evaluating the validation
formulas, accepts what the reader reads and refuses what it refuses.

Skipped only when LibreOffice (``soffice``) is not installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from parindex.core.framework import Framework
from parindex.io.scores import read_scores
from parindex.reports.xlsx_template import render
from parindex.reports.xlsx_template_inputs import bonus_column, leaf_column
from tests.reports.template_framework import KINDS, NAMES, UNITS, load
from tests.reports.test_xlsx_template_rules import check_points, fill

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

# (criterion or item, what is typed, whether the column's validation lets it through)
CASES = [
    ("2.1", 97.3, True),
    ("2.1", "97,3", True),
    ("2.1", "97.3", True),
    ("2.1", "35/36", True),
    ("2.1", "97,3%", True),
    ("2.1", "KĐG", True),
    ("2.1", "kđg", True),
    ("2.1", "N/A", True),
    ("2.1", "KPS", False),  # 2.1 has no «không phát sinh»
    ("2.1", "abc", False),
    ("2.1", "97,3 điểm", False),
    ("2.1", -5, False),
    ("2.1", 2000000, False),
    ("2.5", "KPS", True),
    ("2.2", 2, True),
    ("2.2", 1.5, True),
    ("2.2", 2.5, False),
    ("2.2", "KPS", True),
    ("2.2", "x", False),
    ("2.3", "KPS", False),
    ("2.3", "KĐG", True),
    ("T1", 1.5, True),
    ("T1", 3, False),
    ("T1", -1, False),
    ("P1", -0.5, True),
    ("P1", -1, True),
    ("P1", 0.5, False),
    ("P1", -2, False),
]


def convert(files: list[Path], out: Path, to: str = "xlsx") -> None:
    profile = out.parent / "lo-profile"
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        str(out),
        *map(str, files),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def formula_book(framework: Framework, path: Path) -> Path:
    """Each case's input in column A, its column's validation formula on it in column B."""
    specs = {leaf.code: leaf_column(leaf) for leaf in framework.leaves}
    assert framework.bonus is not None
    specs.update({item.code: bonus_column(item) for item in framework.bonus.items})
    wb = Workbook()
    ws = wb.active
    for row, (code, typed, _) in enumerate(CASES, start=1):
        cell = ws.cell(row, 1, typed)
        if isinstance(typed, str):
            cell.number_format = "@"
        ws.cell(row, 2, "=" + specs[code].formula.replace("{cell}", f"A{row}"))
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Framework, Path, Path]:
    folder = tmp_path_factory.mktemp("libreoffice")
    framework = load(folder)
    filled = fill(render(framework, NAMES, KINDS), folder / "mau.xlsx")
    formulas = formula_book(framework, folder / "formulas.xlsx")
    out = folder / "out"
    convert([filled, formulas], out)
    return framework, out / "mau.xlsx", out / "formulas.xlsx"


def test_a_filled_template_saved_by_libreoffice_scores_exactly(converted):
    framework, saved, _ = converted
    check_points(read_scores(saved, framework, UNITS), framework)


def test_the_data_validations_survive_libreoffice(converted):
    _, saved, _ = converted
    wb = load_workbook(saved)
    ws = wb["Chấm điểm"]
    kinds = {str(dv.sqref).split(":")[0]: dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {
        "C4": "list",  # 1.1 on a scale
        "D4": "custom",  # 1.2, a value
        "E4": "custom",
        "F4": "custom",
        "G4": "custom",
        "H4": "list",  # 2.4 on a scale
        "I4": "custom",
        "J4": "custom",  # T1
        "K4": "custom",  # P1
    }
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert all(dv.formula1.startswith("'Danh sách chọn'!") for dv in lists)
    assert all(str(dv.sqref).endswith("5") for dv in lists)  # both units' rows
    source = lists[0].formula1.split("!")[1].replace("$", "")
    assert [c.value for row in wb["Danh sách chọn"][source] for c in row] == [1, 0.5, 0, "KĐG"]
    assert [s.sheet_state for s in wb.worksheets] == ["visible", "visible", "hidden", "hidden"]


def test_libreoffice_evaluates_the_validations_as_the_reader_reads(converted):
    _, _, formulas = converted
    ws = load_workbook(formulas, data_only=True).active
    got = [(code, typed, ws.cell(row, 2).value) for row, (code, typed, _) in enumerate(CASES, 1)]
    assert got == [(code, typed, ok) for code, typed, ok in CASES]


def test_a_unit_named_like_a_formula_stays_text_in_libreoffice(tmp_path):
    framework = load(tmp_path)
    path = tmp_path / "mau.xlsx"
    path.write_bytes(render(framework, [("X1", "=1+1"), ("X2", '=HYPERLINK("http://x")')]))
    convert([path], tmp_path / "out")
    ws = load_workbook(io.BytesIO((tmp_path / "out" / "mau.xlsx").read_bytes()))["Chấm điểm"]
    assert (ws["B4"].value, ws["B4"].data_type) == ("=1+1", "s")
    assert ws["B5"].value == '=HYPERLINK("http://x")'
