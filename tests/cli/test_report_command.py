"""`parindex report`: the official documents from a results.json, without a server."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from parindex.cli import main
from tests.e2e.test_seed_articles import score


@pytest.fixture(scope="module")
def results_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ld")
    score(tmp, "lamdong-districts-2022", "lamdong-district-2022")
    return tmp / "lamdong-districts-2022" / "results.json"


def report(results_file: Path, out: Path, *extra: str) -> int:
    return main(["--quiet", "report", "--results", str(results_file), "--out", str(out), *extra])


def test_docx_writes_the_report_and_a_scorecard_per_unit(results_file, tmp_path):
    out = tmp_path / "docx"
    assert (
        report(
            results_file,
            out,
            "--format",
            "docx",
            "--issuer",
            "UBND tỉnh Lâm Đồng\nSở Nội vụ",
            "--number",
            "15/BC-SNV",
            "--place",
            "Lâm Đồng",
            "--date",
            "05/02/2023",
            "--jobs",
            "1",
        )
        == 0
    )
    codes = [u["unit"] for u in json.loads(results_file.read_text(encoding="utf-8"))["units"]]
    assert sorted(p.name for p in (out / "phieu-diem").iterdir()) == sorted(
        f"{c}.docx" for c in codes
    )
    assert sorted(p.name for p in out.iterdir()) == ["bao-cao.docx", "phieu-diem", "phu-luc.xlsx"]
    summary = docx.Document(out / "bao-cao.docx")
    head = summary.tables[0].rows[0].cells[1].text
    assert "Lâm Đồng, ngày 05 tháng 02 năm 2023" in head
    card = docx.Document(out / "phieu-diem" / "CT.docx")
    assert any(
        p.text.startswith(
            "Chỉ số CCHC năm 2022 của huyện Cát Tiên đạt 83,05 điểm, xếp thứ 10/12, xếp loại Khá."
        )
        for p in card.paragraphs
    )
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".parindex-")]


def test_pdf_for_chosen_units_in_two_processes(results_file, tmp_path):
    out = tmp_path / "pdf"
    assert report(results_file, out, "--format", "pdf", "--units", "CT,DL", "--jobs", "2") == 0
    assert sorted(p.name for p in (out / "phieu-diem").iterdir()) == ["CT.pdf", "DL.pdf"]
    assert (out / "bao-cao.pdf").read_bytes().startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(out / "phieu-diem" / "CT.pdf").pages)
    assert "huyện Cát Tiên đạt 83,05 điểm, xếp thứ 10/12, xếp loại Khá." in " ".join(text.split())


def test_xlsx_writes_the_decision_appendix(results_file, tmp_path):
    out = tmp_path / "xlsx"
    assert report(results_file, out, "--format", "xlsx") == 0
    assert [p.name for p in out.iterdir()] == ["phu-luc.xlsx"]
    sheet = load_workbook(io.BytesIO((out / "phu-luc.xlsx").read_bytes()))["Phụ lục"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    ct = next(row for row in rows if "CT" in row)
    assert 83.05 in ct and "Khá" in ct and 10 in ct


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--units", "CT,XX"), "không có đơn vị XX trong kết quả"),
        (("--date", "2023-02-05"), "không đúng dạng dd/mm/yyyy"),
    ],
)
def test_bad_options_write_nothing_and_exit_2(results_file, tmp_path, capsys, extra, message):
    out = tmp_path / "bad"
    assert report(results_file, out, "--format", "docx", *extra) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_previous_must_be_the_period_the_results_compare_with(results_file, tmp_path, capsys):
    out = tmp_path / "prev"
    assert report(results_file, out, "--format", "xlsx", "--previous", str(results_file)) == 2
    assert "so sánh do `parindex score --previous` tính" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_that_is_not_results_json_is_refused(tmp_path, capsys):
    bogus = tmp_path / "x.json"
    bogus.write_text("{}", encoding="utf-8")
    assert report(bogus, tmp_path / "o", "--format", "pdf") == 2
    assert "parindex.results/1" in capsys.readouterr().err


LETTERHEAD = """\
issuer: ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
place: Lâm Đồng
report: {number: "15/BC-SNV", date: 2023-12-21}
decision: {number: "4769/QĐ-UBND", date: 2023-12-21, issuer: ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"],
           proposal: "Tờ trình số 120/TTr-SNV ngày 15/12/2023 của Sở Nội vụ"}
signer: {authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Nguyễn Văn A"}
decision_signer: {authority: "TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Trần Thị B"}
recipients: ["UBND tỉnh (b/c)", "Bộ Nội vụ (b/c)", "Lưu: VT, CCHC"]
"""


def docx_words(path: Path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_letterhead_gives_the_report_the_decision_and_the_appendices(results_file, tmp_path, fmt):
    letterhead = tmp_path / "van-ban.yaml"
    letterhead.write_text(LETTERHEAD, encoding="utf-8")
    out = tmp_path / fmt
    args = ("--format", fmt, "--letterhead", str(letterhead), "--units", "CT", "--jobs", "1")
    assert report(results_file, out, *args) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        f"bao-cao.{fmt}",
        "phieu-diem",
        "phu-luc.xlsx",
        f"quyet-dinh.{fmt}",
    ]
    assert [p.name for p in (out / "phieu-diem").iterdir()] == [f"CT.{fmt}"]
    if fmt == "docx":
        decision, card = docx_words(out / "quyet-dinh.docx"), docx_words(out / "phieu-diem/CT.docx")
        report_text = docx_words(out / "bao-cao.docx")
    else:

        def words(path: Path) -> str:
            return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())

        decision, card = words(out / "quyet-dinh.pdf"), words(out / "phieu-diem/CT.pdf")
        report_text = words(out / "bao-cao.pdf")
    assert "4769/QĐ-UBND" in decision and "Trần Thị B" in decision and "Như Điều 3" in decision
    assert "Nguyễn Văn A" in report_text and "15/BC-SNV" in report_text
    assert "Kèm theo Báo cáo số 15/BC-SNV ngày 21/12/2023 của Sở Nội vụ" in card
    sheet = load_workbook(out / "phu-luc.xlsx")["Phụ lục"]
    titles = [row[0] for row in sheet.iter_rows(max_row=6, values_only=True)]
    assert (
        "(Kèm theo Quyết định số 4769/QĐ-UBND ngày 21/12/2023 của Ủy ban nhân dân tỉnh Lâm Đồng)"
        in titles
    )


def test_a_wrong_letterhead_is_named_and_nothing_is_written(results_file, tmp_path, capsys):
    letterhead = tmp_path / "van-ban.yaml"
    letterhead.write_text("report: {date: hôm qua}\nsigner: Nguyễn Văn A\n", encoding="utf-8")
    out = tmp_path / "bad-letterhead"
    assert report(results_file, out, "--format", "docx", "--letterhead", str(letterhead)) == 2
    err = capsys.readouterr().err
    assert "van-ban.yaml, mục «report.date»" in err and "van-ban.yaml, mục «signer»" in err
    assert not out.exists()
