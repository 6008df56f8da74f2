"""The official documents (DOCX, PDF) and their charts, opened and read back.

Every figure checked here is read from the results.json the seed cases score to; the
narrative must be the one of report.md, word for word.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from pypdf import PdfReader

from parindex.core.narrative_published import summary_sections, unit_paragraphs
from parindex.io.results_json import published
from parindex.reports import charts, docx_report, pdf_report
from parindex.reports.letterhead import Letterhead
from parindex.reports.official import Chart, Para, Table
from parindex.reports.report_document import report_document
from tests.conftest import ROOT
from tests.e2e.test_seed_articles import score

ARTIFACTS = ROOT / "test-artifacts" / "reports"
CT_OPENING = "Chỉ số CCHC năm 2022 của huyện Cát Tiên đạt 83,05 điểm, xếp thứ 10/12, xếp loại Khá."
HEAD = {"issuer": "UBND tỉnh Lâm Đồng\nSở Nội vụ", "number": "15/BC-SNV", "place": "Lâm Đồng"}
LETTERHEAD = Letterhead(**HEAD)


@pytest.fixture(scope="module")
def lamdong(tmp_path_factory):
    return score(tmp_path_factory.mktemp("ld"), "lamdong-districts-2022", "lamdong-district-2022")


@pytest.fixture(scope="module")
def tien_phuoc(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tp")
    score(tmp, "tienphuoc-communes-2022", None, "--period", "2022")
    return score(
        tmp,
        "tienphuoc-communes-2023",
        "quangnam-tienphuoc-commune-2023",
        "--previous",
        str(tmp / "tienphuoc-communes-2022" / "results.json"),
    )


@pytest.fixture(scope="module")
def ct_docx(lamdong):
    results, _ = lamdong
    return docx.Document(
        io.BytesIO(docx_report.render_scorecard(published(results), "CT", LETTERHEAD))
    )


@pytest.fixture(scope="module")
def ct_pdf(lamdong):
    results, _ = lamdong
    return pdf_report.render_scorecard(published(results), "CT", LETTERHEAD)


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- the narrative from results.json is report.md's -------------------------------------


@pytest.mark.parametrize("case", ["lamdong", "tien_phuoc"])
def test_the_narrative_from_results_json_is_the_one_of_report_md(case, request):
    results, report = request.getfixturevalue(case)
    for unit in results["units"]:
        heading = "## " + unit["display_name"][:1].upper() + unit["display_name"][1:]
        section = report[report.index(heading + "\n") :]
        expected = "\n\n".join(unit_paragraphs(published(results), unit["unit"]))
        # the same paragraphs in the same order (the list of fields has no blank lines)
        assert section.startswith(heading + "\n\n")
        body = section[len(heading) + 2 :].replace("\n- ", "\n\n- ").replace("\n\n\n", "\n\n")
        assert body.startswith(expected)
    for _heading, paragraphs in summary_sections(published(results)):
        for paragraph in paragraphs:
            assert paragraph in report


def test_changes_against_the_previous_year_come_through(tien_phuoc):
    results, _ = tien_phuoc
    assert (
        "Chỉ số CCHC năm 2023 của xã Tiên Châu đạt 83,08 điểm, xếp thứ 4/15, xếp loại Khá "
        "(giảm 2,74 điểm, giữ nguyên vị thứ so với năm 2022)."
    ) in unit_paragraphs(published(results), "TC")[0]
    data = docx_report.render_scorecard(published(results), "TC", Letterhead())
    rows = [[c.text for c in row.cells] for row in docx.Document(io.BytesIO(data)).tables[-1].rows]
    assert rows[0][-1] == "Thay đổi"
    assert any(row[-1] not in ("", "—") for row in rows[1:-1])


# --- DOCX ----------------------------------------------------------------------------------


def test_scorecard_docx_is_an_appendix_of_the_report(ct_docx):
    """No national motto, no number, no signer: «Phụ lục» and the report it is attached to."""
    text = [p.text for p in ct_docx.paragraphs]
    assert text[0] == "Phụ lục"
    assert text[1:3] == ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022", "CỦA HUYỆN CÁT TIÊN"]
    assert text[3].startswith("(Kèm theo Báo cáo số 15/BC-SNV ngày ")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in docx_text(ct_docx)
    assert "Nơi nhận:" not in docx_text(ct_docx)


def test_scorecard_docx_says_what_report_md_says(ct_docx, lamdong):
    _, report = lamdong
    text = [p.text for p in ct_docx.paragraphs]
    assert any(t.startswith(CT_OPENING) for t in text)
    narrative = [t for t in text if t.startswith(("Chỉ số CCHC", "Trong đó", "Có ", "Còn "))]
    assert len(narrative) == 4
    for paragraph in narrative:
        assert paragraph in report


def test_scorecard_docx_field_table_matches_the_results(ct_docx, lamdong):
    results, _ = lamdong
    ct = next(u for u in results["units"] if u["unit"] == "CT")
    table = ct_docx.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Mã", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ", "Xếp hạng", "Thay đổi"]
    # one number of decimals per column
    assert rows[3][:6] == ["3", "Cải cách thủ tục hành chính", "12,87", "16,50", "78,00%", "12/12"]
    assert rows[2][1:4] == ["Cải cách thể chế", "8,50", "8,50"]
    assert len(rows) == 1 + len(ct["fields"]) + 1
    assert rows[-1][1:6] == ["Tổng cộng (Chỉ số CCHC)", "83,05", "100,00", "83,05", "10/12"]
    parts = [[c.text for c in row.cells] for row in ct_docx.tables[0].rows]
    assert parts[1][:3] == ["Điểm tự đánh giá qua thẩm định", "63,16", "75,00"]
    assert parts[2][:3] == ["Điểm điều tra xã hội học", "19,89", "25,00"]


def test_scorecard_docx_is_a4_with_decree_30_margins_and_times_13_14(ct_docx):
    section = ct_docx.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    # Word stores margins in twips (1/1440 inch): 15 mm is 850 twips, 14.99 mm
    mm = lambda length: round(length.mm, 1)  # noqa: E731
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    normal = ct_docx.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert normal.size == Pt(13)
    sizes = {run.font.size or normal.size for p in ct_docx.paragraphs for run in p.runs if run.text}
    assert sizes <= {Pt(13), Pt(14)}
    cells = {
        r.font.size for t in ct_docx.tables for c in t._cells for p in c.paragraphs for r in p.runs
    }
    assert cells == {Pt(12)}
    assert ct_docx.styles["Table Grid"].font.name == "Times New Roman"
    assert len(ct_docx.inline_shapes) == 1  # the field profile chart


def test_report_docx_says_what_the_report_document_says(lamdong):
    """Every paragraph, every table's cells and a picture per chart of ``report_document``."""
    run = published(lamdong[0])
    doc = report_document(run, LETTERHEAD)
    document = docx.Document(io.BytesIO(docx_report.render_report(run, LETTERHEAD)))
    text = [p.text for p in document.paragraphs]
    assert text[:2] == list(doc.title)
    for block in doc.blocks:
        if isinstance(block, Para):
            assert any(block.text in t for t in text), block.text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    for block in (b for b in doc.blocks if isinstance(b, Table)):
        assert [list(block.header), *map(list, block.rows)] in tables
    charts_in = [b for b in doc.blocks if isinstance(b, Chart)]
    assert len(document.inline_shapes) == len(charts_in) > 0


# --- PDF -----------------------------------------------------------------------------------


def test_scorecard_pdf_text_is_the_narrative_and_the_table(ct_pdf):
    reader = PdfReader(io.BytesIO(ct_pdf))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert CT_OPENING in text
    assert text.startswith("Phụ lục KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022 CỦA HUYỆN CÁT TIÊN")
    assert "(Kèm theo Báo cáo số 15/BC-SNV ngày …/…/… của Sở Nội vụ)" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text  # an appendix has no header
    assert "Số: 15/BC-SNV" not in text
    assert "Cải cách thủ tục hành chính 12,87 16,50 78,00% 12/12" in text
    assert "điểm tự đánh giá qua thẩm định đạt 63,16/75 điểm" in text


def test_scorecard_pdf_is_a4_in_liberation_serif_13pt(ct_pdf):
    reader = PdfReader(io.BytesIO(ct_pdf))
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "/BaseFont" in font.get_object()
    }
    assert fonts and all(f.startswith("LiberationSerif") for f in fonts), fonts
    sizes: dict[float, str] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.setdefault(round(font_size * tm[0], 1), text)

    reader.pages[0].extract_text(visitor_text=visit)
    assert {13.0, 14.0, 12.0} <= set(sizes), sizes  # body, title and motto, tables


def test_scorecard_pdf_embeds_the_vietnamese_letters_it_shows(ct_pdf):
    """Every letter of the text maps back to Unicode: nothing was drawn as a missing glyph."""
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(ct_pdf)).pages)
    assert CT_OPENING in flat(text) and "\ufffd" not in text
    assert {ch for ch in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư"} <= set(
        pdf_report.font_letters()
    )


def test_a_name_typed_in_decomposed_form_or_outside_the_cut_font_still_prints(lamdong):
    """'Cát Tiên' typed with combining accents comes out composed; a letter the cut-down
    font lacks (here ß and €) makes the document fall back to the full font."""
    import copy
    import unicodedata

    results = copy.deepcopy(lamdong[0])
    ct = next(u for u in results["units"] if u["unit"] == "CT")
    ct["display_name"] = unicodedata.normalize("NFD", "huyện Cát Tiên") + " (Straße €)"
    data = pdf_report.render_scorecard(published(results), "CT", LETTERHEAD)
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "huyện Cát Tiên (Straße €)" in text


def test_scorecard_pdf_draws_the_field_profile(ct_pdf, lamdong):
    """The chart is drawn in the page (vector): its title, axis and every field's bar label."""
    results, _ = lamdong
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(ct_pdf)).pages))
    assert "Kết quả theo lĩnh vực của huyện Cát Tiên năm 2022" in text
    assert "Bình quân của các đơn vị" in text
    ct = next(u for u in results["units"] if u["unit"] == "CT")
    for field in ct["fields"]:
        assert f"LV {field['code']}" in text
        assert f"{charts.vn_number(float(field['percent']))}%" in text


def test_scorecard_pdf_first_page_as_png_artifact(ct_pdf, tmp_path):
    """Renders page 1 for a person to look at (poppler's pdftoppm; skipped without it)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no PNG of the page")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "CT.pdf"
    source.write_bytes(ct_pdf)
    target = ARTIFACTS / "phieu-diem-CT"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(target),
        ],
        check=True,
    )
    png = Path(f"{target}.png").read_bytes()
    assert png.startswith(b"\x89PNG")


def test_report_pdf_names_the_top_and_the_bottom_and_sends_to_the_appendix(lamdong):
    results, _ = lamdong
    data = pdf_report.render_report(published(results), LETTERHEAD)
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "Kết quả xác định Chỉ số cải cách hành chính năm 2022" in text
    assert "Dẫn đầu là thành phố Đà Lạt (90,45 điểm)" in text
    assert "(Chi tiết tại Phụ lục kèm theo)" in text
    assert "Huyện Cát Tiên 83,05" not in text  # units are counted, not all listed


# --- charts --------------------------------------------------------------------------------


def test_charts_are_deterministic_png(lamdong):
    results, _ = lamdong
    for draw in (charts.ranking_chart, charts.class_distribution_chart):
        first = draw(published(results))
        assert first.startswith(b"\x89PNG") and first == draw(published(results))
    ct = charts.field_profile_chart(published(results), "CT")
    assert ct.startswith(b"\x89PNG")
    assert charts.field_profile_chart(published(results), "DL") != ct
    assert charts.field_profile_chart(published(results), "CT") == ct


def test_chart_numbers_have_a_decimal_comma():
    assert charts.vn_number(83.05) == "83,05"
    assert charts.vn_number(80.0) == "80"
    assert charts.index_label(87.1) == "87,10"
    assert charts.vn_number(2358, 0) == "2.358"
