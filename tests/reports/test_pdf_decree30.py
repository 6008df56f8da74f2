"""The PDF documents read back against Phụ lục I of Decree 30/2020/NĐ-CP.

Every element's position, size and style is read from the PDF itself (pypdf: the text runs
with their font, size and place; the rules from the page's drawing operators) and widths of
text are measured with the shipped font's own metrics, not with the renderer's code.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from parindex.io.results_json import published
from parindex.reports import fonts, pdf_report
from parindex.reports.document import MARGINS_MM, MOTTO, NATION
from parindex.reports.letterhead import DecisionHead, Letterhead, Signer, recipient_lines
from parindex.reports.official import Chart, Heading, OfficialDocument, Para, Table
from tests.conftest import ROOT
from tests.e2e.test_seed_articles import score

ARTIFACTS = ROOT / "test-artifacts" / "reports"
PT = 25.4 / 72
PAGE_H, PAGE_W = 297.0, 210.0
LEFT, RIGHT = MARGINS_MM["left"], PAGE_W - MARGINS_MM["right"]
TEXT_W = RIGHT - LEFT
HEAD = Letterhead(
    issuer="UBND tỉnh Lâm Đồng\nSở Nội vụ",
    number="15/BC-SNV",
    place="Lâm Đồng",
    date=dt.date(2023, 12, 21),
    signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    signer_name="Nguyễn Văn A",
    recipients=("UBND tỉnh (b/c)", "Bộ Nội vụ (b/c)", "Các sở, ban, ngành", "Lưu: VT, CCHC"),
    decision=DecisionHead(
        number="4769/QĐ-UBND",
        date=dt.date(2023, 12, 21),
        issuer=("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",),
        proposal="Tờ trình số 120/TTr-SNV ngày 15/12/2023 của Sở Nội vụ",
        signer=Signer("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị B"),
        recipients=("Bộ Nội vụ (b/c)", "Lưu: VT, NC"),
    ),
)
SIGNER = Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A")
HEADING = "II. KẾT QUẢ"
FILLER = "Nội dung của báo cáo được viết trên một dòng ngắn."


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its place (mm from the page's left and top), size, font."""

    text: str
    x: float
    y: float
    size: float
    font: str

    @property
    def style(self) -> str:
        return self.font.removeprefix("LiberationSerif").lstrip("-") or "Regular"

    def width(self) -> float:
        return text_width(self.text, self.size, self.style)


@cache
def _metrics(style: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(fonts.liberation_serif(style))
    return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def text_width(text: str, size: float, style: str = "Regular") -> float:
    cmap, hmtx, em = _metrics(style)
    return sum(hmtx[cmap[ord(ch)]][0] for ch in text) / em * size * PT


def runs(page) -> list[Run]:
    found: list[Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip() or font_dict is None:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        font = str(font_dict["/BaseFont"]).split("+")[-1]
        found.append(Run(text.strip(), x * PT, PAGE_H - y * PT, round(font_size * tm[0], 1), font))

    page.extract_text(visitor_text=visit)
    return found


def rules(reader: PdfReader, page) -> list[tuple[float, float, float]]:
    """The horizontal lines drawn on a page: (left, right, y) in mm from the top."""
    found, start = [], None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"m":
            start = [float(v) for v in operands]
        elif operator == b"l" and start is not None:
            end = [float(v) for v in operands]
            if abs(end[1] - start[1]) < 0.01:
                left, right = sorted((start[0] * PT, end[0] * PT))
                found.append((left, right, PAGE_H - start[1] * PT))
            start = end
    return found


def one(found: list[Run], text: str) -> Run:
    hits = [r for r in found if r.text == text]
    assert len(hits) == 1, (text, [r.text for r in found])
    return hits[0]


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    results, _ = score(
        tmp_path_factory.mktemp("ld"), "lamdong-districts-2022", "lamdong-district-2022"
    )
    return published(results)


@pytest.fixture(scope="module")
def report(run):
    return pdf_report.render_report(run, HEAD)


@pytest.fixture(scope="module")
def decision(run):
    return pdf_report.render_decision(run, HEAD)


@pytest.fixture(scope="module")
def scorecard(run):
    return pdf_report.render_scorecard(run, "CT", HEAD)


def document(*blocks, **fields) -> OfficialDocument:
    """A report built by hand: the header of HEAD, the blocks given, the signer and recipients."""
    values = {
        "kind": "report",
        "title": ("BÁO CÁO", "Kết quả xác định Chỉ số cải cách hành chính năm 2022"),
        "blocks": tuple(blocks),
        "issuer": ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
        "number": "Số: 15/BC-SNV",
        "place_date": HEAD.place_date,
        "signer": SIGNER,
        "recipients": tuple(recipient_lines(list(HEAD.recipients))),
        "author": "Sở Nội vụ",
        "subject": "Báo cáo kết quả xác định Chỉ số cải cách hành chính năm 2022",
    }
    values.update(fields)
    return OfficialDocument(**values)


# --- the header ------------------------------------------------------------------------------


def test_the_header_has_the_issuer_left_and_the_national_motto_right(report):
    page = runs(reader_of(report).pages[0])
    parent, body = one(page, "UBND TỈNH LÂM ĐỒNG"), one(page, "SỞ NỘI VỤ")
    assert (parent.size, parent.style) == (13, "Regular")
    assert (body.size, body.style) == (13, "Bold")
    number = one(page, "Số: 15/BC-SNV")
    assert number.size == 13 and number.y > body.y
    nation = one(page, NATION)  # one line: the whole Quốc hiệu in one run
    assert (nation.size, nation.style) == (13, "Bold")
    motto = one(page, MOTTO)
    assert (motto.size, motto.style) == (14, "Bold") and motto.y > nation.y
    date = one(page, "Lâm Đồng, ngày 21 tháng 12 năm 2023")
    assert (date.size, date.style) == (14, "Italic") and date.y > motto.y
    assert abs(date.y - number.y) < 1  # the number and the date on one line
    for left in (parent, body, number):
        assert left.x + left.width() < nation.x
    assert nation.x + nation.width() <= RIGHT + 0.1
    assert abs(parent.x + parent.width() / 2 - (body.x + body.width() / 2)) < 0.1


def test_the_rule_under_the_issuing_body_is_a_third_to_half_of_it_and_the_mottos_its_length(
    report,
):
    reader = reader_of(report)
    page = runs(reader.pages[0])
    lines = rules(reader, reader.pages[0])
    body, motto = one(page, "SỞ NỘI VỤ"), one(page, MOTTO)
    under_body = [r for r in lines if body.y < r[2] < body.y + 4 and r[1] < motto.x]
    assert len(under_body) == 1
    left, right, _ = under_body[0]
    assert body.width() / 3 <= right - left <= body.width() / 2
    assert abs((left + right) / 2 - (body.x + body.width() / 2)) < 0.2
    under_motto = [r for r in lines if motto.y < r[2] < motto.y + 4 and r[0] >= motto.x - 1]
    assert len(under_motto) == 1
    left, right, _ = under_motto[0]
    assert abs((right - left) - motto.width()) < 0.3
    assert abs(left - motto.x) < 0.3


def test_the_title_is_the_kind_and_the_trich_yeu_with_a_rule_under_it(report):
    reader = reader_of(report)
    page = runs(reader.pages[0])
    kind = one(page, "BÁO CÁO")
    assert (kind.size, kind.style) == (14, "Bold")
    assert abs(kind.x + kind.width() / 2 - (LEFT + TEXT_W / 2)) < 0.2
    summary = [r for r in page if kind.y < r.y < kind.y + 20 and r.style == "Bold"]
    assert summary and all(r.size == 14 for r in summary)
    assert " ".join(r.text for r in summary).startswith("Kết quả xác định Chỉ số cải cách")
    widest = max(r.width() for r in summary)
    last = max(r.y for r in summary)
    under = [r for r in rules(reader, reader.pages[0]) if last < r[2] < last + 4]
    assert len(under) == 1
    left, right, _ = under[0]
    assert widest / 3 <= right - left <= widest / 2
    assert abs((left + right) / 2 - (LEFT + TEXT_W / 2)) < 0.2


def test_a_long_issuing_body_breaks_before_its_place(decision):
    page = runs(reader_of(decision).pages[0])
    assert one(page, "ỦY BAN NHÂN DÂN").style == "Bold"
    assert one(page, "TỈNH LÂM ĐỒNG").style == "Bold"
    assert one(page, NATION).size == 13  # still on one line beside it


def test_the_decision_names_its_authority_before_its_grounds(decision):
    page = runs(reader_of(decision).pages[0])
    kind, authority = one(page, "QUYẾT ĐỊNH"), one(page, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    assert (authority.style, authority.size) == ("Bold", 14)
    assert abs(authority.x + authority.width() / 2 - (LEFT + TEXT_W / 2)) < 0.2
    grounds = [r for r in page if r.text.startswith("Căn cứ")]
    assert grounds and kind.y < authority.y < min(r.y for r in grounds)
    assert all(r.style == "Italic" for r in grounds)
    decides = one(page, "QUYẾT ĐỊNH:")
    assert decides.style == "Bold"
    assert abs(decides.x + decides.width() / 2 - (LEFT + TEXT_W / 2)) < 0.2
    article = min((r for r in page if r.text.startswith("Điều")), key=lambda r: r.y)
    line = sorted((r for r in page if abs(r.y - article.y) < 0.1), key=lambda r: r.x)
    assert abs(line[0].x - (LEFT + 10)) < 0.1  # the first line indented
    assert [r.text for r in line[:3]] == ["Điều", "1.", "Phê"]
    assert [r.style for r in line[:3]] == ["Bold", "Bold", "Regular"]


def test_an_appendix_has_its_label_title_and_attachment_but_no_header(scorecard):
    reader = reader_of(scorecard)
    page = runs(reader.pages[0])
    text = " ".join(r.text for r in page)
    assert NATION not in text and "Số:" not in text
    label = one(page, "Phụ lục")
    assert (label.style, label.size) == ("Bold", 14)
    title = one(page, "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022")
    assert (title.style, title.size) == ("Bold", 14) and title.y > label.y
    attached = next(r for r in page if r.text.startswith("(Kèm theo Báo cáo số 15/BC-SNV"))
    assert (attached.style, attached.size) == ("Italic", 14) and attached.y > title.y
    assert "ngày 21/12/2023 của Sở Nội vụ)" in attached.text
    under = [r for r in rules(reader, reader.pages[0]) if attached.y < r[2] < attached.y + 4]
    assert len(under) == 1 and under[0][1] - under[0][0] <= attached.width() / 2
    whole = " ".join(r.text for p in reader.pages for r in runs(p))
    assert "Nơi nhận:" not in whole and "Nguyễn Văn A" not in whole


# --- page numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "decision", "scorecard"])
def test_pages_are_numbered_at_the_top_from_page_2(name, request):
    reader = reader_of(request.getfixturevalue(name))
    for n, page in enumerate(reader.pages, start=1):
        found = runs(page)
        in_top = [r for r in found if r.y < MARGINS_MM["top"]]
        in_foot = [r for r in found if r.y > PAGE_H - MARGINS_MM["bottom"] + 1]
        assert in_foot == []
        if n == 1:
            assert in_top == []
            continue
        assert [r.text for r in in_top] == [str(n)]
        number = in_top[0]
        assert (number.size, number.style) == (13, "Regular")
        assert abs(number.x + number.width() / 2 - (LEFT + TEXT_W / 2)) < 0.2
    if name != "decision":
        assert len(reader.pages) >= 2


# --- the end: Nơi nhận left, the signer right --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "capacity", "signer"),
    [
        ("report", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn A"),
        ("decision", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị B"),
    ],
)
def test_the_last_page_has_the_recipients_left_and_the_signer_right(
    name, capacity, signer, request
):
    reader = reader_of(request.getfixturevalue(name))
    page = runs(reader.pages[-1])
    title = one(page, "Nơi nhận:")
    assert (title.style, title.size) == ("BoldItalic", 12)
    assert abs(title.x - LEFT) < 0.1
    items = [r for r in page if r.text.startswith("- ") and r.y > title.y]
    assert items and all(r.size == 11 and r.x + r.width() < LEFT + TEXT_W / 2 for r in items)
    assert items[-1].text.startswith("- Lưu: VT")
    lines = [one(page, line) for line in capacity]
    assert all((r.style, r.size) == ("Bold", 14) for r in lines)
    assert all(r.x > LEFT + TEXT_W / 2 for r in lines)
    assert abs(lines[0].y - title.y) < 2  # side by side
    name_run = one(page, signer)
    assert (name_run.style, name_run.size) == ("Bold", 14) and name_run.x > LEFT + TEXT_W / 2
    assert name_run.y - lines[-1].y >= 25  # room for the seal and the signature
    centre = LEFT + TEXT_W * 3 / 4
    for r in (*lines, name_run):
        assert abs(r.x + r.width() / 2 - centre) < 0.2
    earlier = " ".join(r.text for p in reader.pages[:-1] for r in runs(p))
    assert "Nơi nhận:" not in earlier and signer not in earlier


def test_the_end_moves_to_a_new_page_whole_when_it_does_not_fit(run):
    for count in range(16, 32):
        data = pdf_report.render(document(*[Para(FILLER)] * count), run)
        reader = reader_of(data)
        where = {
            r.text: n
            for n, page in enumerate(reader.pages)
            for r in runs(page)
            if r.text in ("Nơi nhận:", "KT. GIÁM ĐỐC", "Nguyễn Văn A", "- Lưu: VT, CCHC.")
        }
        assert len(where) == 4 and len(set(where.values())) == 1, (count, where)
        last = [r for r in runs(reader.pages[-1]) if r.text in where]
        assert max(r.y for r in last) <= PAGE_H - MARGINS_MM["bottom"], count


# --- the body --------------------------------------------------------------------------------


def draws_a_picture(reader: PdfReader, page) -> bool:
    operations = ContentStream(page.get_contents(), reader).operations
    return any(operator == b"Do" for _, operator in operations)


THREE_LINES = " ".join([FILLER] * 3)
FOLLOWING = {
    "paragraph": Para(THREE_LINES),
    "table": Table(
        ("Mã", "Đơn vị", "Chỉ số"), tuple((str(n), "Huyện A", "80,00") for n in range(40))
    ),
    "chart": Chart("ranking", "Xếp hạng"),
}


def fillers(count: int) -> list[Para]:
    """Paragraphs of one, two and three lines: page ends fall every 2 mm or so."""
    return [*[Para(FILLER)] * (count // 3), *[Para(" ".join([FILLER] * 2))] * (count % 3)]


@pytest.mark.parametrize("kind", FOLLOWING)
def test_a_heading_is_never_left_at_the_foot_of_a_page(kind, run, monkeypatch):
    """Whatever room the page has left, the heading shares its page with the first two lines
    of the paragraph, the table's header and first two rows, or the whole chart."""
    picture = pdf_report.charts.ranking_chart(run)
    monkeypatch.setattr(pdf_report.charts, "ranking_chart", lambda *_a, **_k: picture)
    for count in range(70, 115):
        blocks = [*fillers(count), Heading(HEADING), FOLLOWING[kind]]
        reader = reader_of(pdf_report.render(document(*blocks), run))
        pages = [runs(page) for page in reader.pages]
        at = next(n for n, page in enumerate(pages) for r in page if r.text == HEADING)
        heading = one(pages[at], HEADING)
        below = [r for r in pages[at] if r.y > heading.y + 1]
        if kind == "paragraph":
            lines = {round(r.y, 1) for r in below if (r.size, r.style) == (13, "Regular")}
            assert len(lines) >= 2, count
        elif kind == "table":
            assert {"Mã", "0", "1"} <= {r.text for r in below}, count
        else:
            assert draws_a_picture(reader, reader.pages[at]), count


def test_a_section_heading_over_a_subheading_goes_with_the_subheading_s_text(run):
    """«III. ĐÁNH GIÁ CHUNG» was left at a page's foot, its «1. Ưu điểm» and text on the next."""
    section, sub = "III. ĐÁNH GIÁ CHUNG", "1. Ưu điểm"
    for count in range(70, 115):
        blocks = [*fillers(count), Heading(section), Heading(sub, level=2), Para(THREE_LINES)]
        reader = reader_of(pdf_report.render(document(*blocks), run))
        pages = [runs(page) for page in reader.pages]
        at = next(n for n, page in enumerate(pages) for r in page if r.text == section)
        assert any(r.text == sub for r in pages[at]), count
        below = [r for r in pages[at] if r.y > one(pages[at], sub).y + 1]
        assert len({round(r.y, 1) for r in below if r.style == "Regular"}) >= 2, count


def test_paragraphs_are_justified_with_the_first_line_indented(run):
    reader = reader_of(pdf_report.render(document(Para(" ".join([FILLER] * 4))), run))
    page = runs(reader.pages[0])
    words = [r for r in page if r.size == 13 and r.style == "Regular" and r.y > 60]
    lines = sorted({round(r.y, 1) for r in words})
    assert len(lines) >= 3
    first = [r for r in words if round(r.y, 1) == lines[0]]
    second = [r for r in words if round(r.y, 1) == lines[1]]
    assert abs(min(r.x for r in first) - (LEFT + 10)) < 0.1
    assert abs(min(r.x for r in second) - LEFT) < 0.1
    for line in (first, second):  # justified: the last word ends at the right margin
        last = max(line, key=lambda r: r.x)
        assert abs(last.x + last.width() - RIGHT) < 0.2


def test_a_draft_paragraph_is_italic_between_square_brackets(run):
    doc = document(Para("Cơ quan bổ sung nhận định.", draft=True))
    page = runs(reader_of(pdf_report.render(doc, run)).pages[0])
    draft = [r for r in page if "nhận định" in r.text or r.text.startswith("[")]
    assert draft and all(r.style == "Italic" for r in draft)
    text = " ".join(r.text for r in page)
    assert "[Cơ quan bổ sung nhận định.]" in text


def test_table_numbers_are_centred_in_their_columns_and_names_left(report):
    found = [r for page in reader_of(report).pages for r in runs(page)]
    shares = [next(r for r in found if r.text == text) for text in ("8,33%", "33,33%", "0,00%")]
    assert all(r.size == 12 for r in shares)
    centres = {round(r.x + r.width() / 2, 1) for r in shares}
    assert len({round(r.x, 1) for r in shares}) > 1 and max(centres) - min(centres) < 0.2
    classes = [next(r for r in found if r.text == text) for text in ("Xuất sắc", "Trung bình")]
    assert {round(r.x, 1) for r in classes} == {round(LEFT + 1.0, 1)}


def test_the_pdf_properties_name_the_document_and_its_issuer(report, decision):
    for data, author in ((report, "Sở Nội vụ"), (decision, "Ủy ban nhân dân tỉnh Lâm Đồng")):
        reader = reader_of(data)
        assert reader.metadata.author == author
        assert reader.metadata.creator == "parindex"
        assert str(reader.trailer["/Root"]["/Lang"]) == "vi"
    assert reader_of(report).metadata.title.startswith("Báo cáo")
    assert reader_of(decision).metadata.title.startswith("Quyết định về việc phê duyệt")


# --- pictures for a person to look at --------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "decision", "scorecard"])
def test_first_and_last_pages_as_png_artifacts(name, request, tmp_path):
    """Renders the first and the last page (poppler's pdftoppm; skipped without it)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no PNG of the pages")
    data = request.getfixturevalue(name)
    pages = len(reader_of(data).pages)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(data)
    for label, number in (("dau", 1), ("cuoi", pages)):
        target = ARTIFACTS / f"pdf-{name}-{label}"
        subprocess.run(
            [
                *("pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number)),
                *("-singlefile", str(source), str(target)),
            ],
            check=True,
        )
        assert Path(f"{target}.png").read_bytes().startswith(b"\x89PNG")


def pictures(reader: PdfReader, page) -> list[tuple[float, float, float, float]]:
    """The pictures drawn on a page: (x, y from the top, width, height) in mm."""
    found, matrix = [], None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"cm":
            matrix = [float(v) * PT for v in operands]
        elif operator == b"Do" and matrix is not None:
            width, height, x, y = matrix[0], matrix[3], matrix[4], matrix[5]
            found.append((x, PAGE_H - y - height, width, height))
    return found


def test_a_chart_is_drawn_for_its_block_under_its_title(run, monkeypatch):
    picture = pdf_report.charts.ranking_chart(run)
    calls = []

    def ranking_chart(results, block=None, *, titled=True):
        calls.append((block, titled))
        return picture

    monkeypatch.setattr(pdf_report.charts, "ranking_chart", ranking_chart)
    doc = document(Chart("ranking", "Chỉ số CCHC khối xã năm 2022", block="xã"))
    reader = reader_of(pdf_report.render(doc, run))
    assert calls == [("xã", False)]  # the document gives the title, the picture has none
    title = one(runs(reader.pages[0]), "Chỉ số CCHC khối xã năm 2022")
    assert (title.style, title.size) == ("Bold", 13)
    assert abs(title.x + title.width() / 2 - (LEFT + TEXT_W / 2)) < 0.2
    [(x, y, width, height)] = pictures(reader, reader.pages[0])
    assert y > title.y and x >= LEFT - 0.1 and x + width <= RIGHT + 0.1
    assert abs(x + width / 2 - (LEFT + TEXT_W / 2)) < 0.2 and height <= 200
