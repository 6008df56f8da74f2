"""The decision's appendix (phu-luc.xlsx) opens in LibreOffice without repair and carries the
decision it is attached to (issue 13)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from parindex.demo.letterhead import LETTERHEAD
from parindex.io.letterhead import letterhead_from_text
from parindex.io.results_json import published
from parindex.reports.xlsx_appendix import render
from tests.e2e.test_seed_articles import score

ATTACHED = "(Kèm theo Quyết định số 145/QĐ-UBND ngày 28/01/2026 của Ủy ban nhân dân tỉnh Lam Sơn)"


@pytest.fixture(scope="module")
def appendix(tmp_path_factory) -> bytes:
    results, _ = score(
        tmp_path_factory.mktemp("ld"), "lamdong-districts-2022", "lamdong-district-2022"
    )
    return render(published(results), letterhead_from_text(LETTERHEAD))


def test_the_appendix_names_the_decision_it_is_attached_to(appendix, tmp_path):
    (tmp_path / "phu-luc.xlsx").write_bytes(appendix)
    sheet = load_workbook(tmp_path / "phu-luc.xlsx")["Phụ lục"]
    titles = [row[0] for row in sheet.iter_rows(max_row=6, values_only=True)]
    assert ATTACHED in titles


def test_libreoffice_opens_the_appendix_without_repair(appendix, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    source = tmp_path / "phu-luc.xlsx"
    source.write_bytes(appendix)
    profile = (tmp_path / "profile").as_uri()  # its own profile: other sessions may run one
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"repair" not in done.stderr.lower() and b"error" not in done.stderr.lower()
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "phu-luc.pdf"), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert "Kèm theo Quyết định số 145/QĐ-UBND" in flat and "Cát Tiên" in flat
