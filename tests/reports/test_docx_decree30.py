"""The DOCX documents laid out as Phụ lục I of Decree 30/2020/NĐ-CP, opened and measured.

The report, the decision and a scorecard (an appendix of the report) of the demo's communes
2024 with the demo's van-ban.yaml, and a report built by hand that has every kind of block.
Lengths are measured with the shipped Liberation Serif (Times New Roman's metrics) through
Pillow, independently of the renderer's own measure.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree
from PIL import Image, ImageFont
from pypdf import PdfReader

from parindex.cli import main
from parindex.demo.letterhead import LETTERHEAD
from parindex.io.letterhead import letterhead_from_text
from parindex.io.results_json import read_results
from parindex.reports import charts, docx_report, fonts
from parindex.reports.appendix_document import appendix_document
from parindex.reports.decision_document import decision_document
from parindex.reports.document import MARGINS_MM, MOTTO, NATION
from parindex.reports.docx_tables import column_widths
from parindex.reports.report_document import report_document
from tests.conftest import ROOT
from tests.reports import decree30_documents as hand
from tests.reports.ooxml_order import problems

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ARTIFACTS = ROOT / "test-artifacts" / "reports"
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
TWIPS_PER_MM = 1440 / 25.4


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --- the documents -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert main(["--quiet", "demo", "--out", str(out), "--score"]) == 0
    return out


@pytest.fixture(scope="module")
def run(demo):
    return read_results(demo / "results" / "communes-2024" / "results.json")


@pytest.fixture(scope="module")
def head():
    return letterhead_from_text(LETTERHEAD)


@pytest.fixture(scope="module")
def official(run, head):
    """What each document says (the builders' output)."""
    code = run.codes()[0]
    return {
        "bao-cao": report_document(run, head),
        "quyet-dinh": decision_document(run, head),
        "phu-luc": appendix_document(run, code, head),
    }


@pytest.fixture(scope="module")
def files(run, head):
    code = run.codes()[0]
    return {
        "bao-cao": docx_report.render_report(run, head),
        "quyet-dinh": docx_report.render_decision(run, head),
        "phu-luc": docx_report.render_scorecard(run, code, head),
    }


@pytest.fixture(scope="module")
def by_hand(demo):
    """A report with every kind of block, of a run not ranked in blocks."""
    districts = read_results(demo / "results" / "districts-2024" / "results.json")
    return docx_report.render(hand.report(districts), districts)


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The body's own paragraphs (not those in tables)."""
    return root.findall(f"{w('body')}/{w('p')}")


def prop(p: etree._Element, *path: str) -> etree._Element | None:
    return p.find("/".join(w(t) for t in ("pPr", *path)))


def runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(w("r")) if r.find(w("t")) is not None and text(r)]


def size(r: etree._Element) -> float:
    found = r.find(f"{w('rPr')}/{w('sz')}")
    return 13.0 if found is None else int(found.get(w("val"))) / 2


def bold(r: etree._Element) -> bool:
    return r.find(f"{w('rPr')}/{w('b')}") is not None


def italic(r: etree._Element) -> bool:
    return r.find(f"{w('rPr')}/{w('i')}") is not None


def align(p: etree._Element) -> str | None:
    jc = prop(p, "jc")
    return None if jc is None else jc.get(w("val"))


def twips(element: etree._Element | None, attr: str) -> int:
    return 0 if element is None else int(element.get(w(attr), "0"))


@cache
def _font(style: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts.liberation_serif(style)), 1000)


def measured_mm(value: str, pt: float, style: str = "Regular") -> float:
    return _font(style).getlength(value) / 1000 * pt * 25.4 / 72


def rule_mm(p: etree._Element, width_mm: float) -> float:
    """The length of a paragraph's bottom border: its column less its indents."""
    ind = prop(p, "ind")
    return width_mm - (twips(ind, "left") + twips(ind, "right")) / TWIPS_PER_MM


def is_rule(p: etree._Element) -> bool:
    return prop(p, "pBdr", "bottom") is not None


def header_cells(data: bytes) -> tuple[etree._Element, etree._Element]:
    table = part(data).find(f"{w('body')}/{w('tbl')}")
    left, right = table.findall(f"{w('tr')}/{w('tc')}")
    return left, right


def cell_mm(tc: etree._Element) -> float:
    return int(tc.find(f"{w('tcPr')}/{w('tcW')}").get(w("w"))) / TWIPS_PER_MM


# --- the header ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh"])
def test_the_header_sets_the_issuer_left_and_the_national_motto_right(files, official, name):
    doc = official[name]
    table = part(files[name]).find(f"{w('body')}/{w('tbl')}")
    borders = table.find(f"{w('tblPr')}/{w('tblBorders')}")
    assert {b.get(w("val")) for b in borders} == {"nil"}  # no borders
    left, right = header_cells(files[name])
    paragraphs = left.findall(w("p"))
    lines = [p for p in paragraphs if text(p)]
    assert [text(p) for p in lines[: len(doc.issuer)]] == [i.upper() for i in doc.issuer]
    *above, body = lines[: len(doc.issuer)]
    for p in above:  # the body above: regular 13 pt
        assert all(size(r) == 13 and not bold(r) for r in runs(p))
    assert all(size(r) == 13 and bold(r) for r in runs(body))  # the issuing body: bold 13 pt
    assert is_rule(paragraphs[paragraphs.index(body) + 1])  # its rule, right under it
    number = lines[len(doc.issuer)]
    assert text(number) == doc.number and text(number).startswith("Số: ")
    assert all(size(r) == 13 for r in runs(number))
    nation, motto, date = (p for p in right.findall(w("p")) if text(p))
    assert text(nation) == NATION and all(bold(r) and size(r) == 13 for r in runs(nation))
    assert text(motto) == MOTTO and all(bold(r) and size(r) == 14 for r in runs(motto))
    # the motto's rule is as long as the motto: the whole line underlined
    assert all(r.find(f"{w('rPr')}/{w('u')}").get(w("val")) == "single" for r in runs(motto))
    assert text(date) == doc.place_date and all(italic(r) and size(r) == 14 for r in runs(date))
    assert {align(p) for p in right.findall(w("p")) + paragraphs} == {"center"}


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh"])
def test_the_rule_under_the_issuing_body_is_a_third_to_a_half_of_it(files, official, name):
    left, _ = header_cells(files[name])
    width = cell_mm(left)
    rule = next(p for p in left.findall(w("p")) if is_rule(p))
    issuing = official[name].issuer[-1].upper()
    length = min(measured_mm(issuing, 13, "Bold"), width)
    assert length / 3 <= rule_mm(rule, width) <= length / 2


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh"])
def test_the_national_name_fits_its_column_on_one_line(files, name):
    _, right = header_cells(files[name])
    # the column holds the name with room to spare (LibreOffice sets it ~1% wider than Word)
    assert measured_mm(NATION, 13, "Bold") * 1.03 < cell_mm(right)
    margins = part(files[name]).find(f"{w('body')}/{w('tbl')}/{w('tblPr')}/{w('tblCellMar')}")
    assert {int(m.get(w("w"))) for m in margins} == {0}


# --- the title -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh"])
def test_the_kind_and_the_trich_yeu_are_bold_14_centred_with_a_rule_under(files, official, name):
    doc = official[name]
    paragraphs = body_paragraphs(part(files[name]))
    kind, summary = paragraphs[0], paragraphs[1]
    assert (text(kind), text(summary)) == doc.title[:2]
    for p in (kind, summary):
        assert align(p) == "center" and all(bold(r) and size(r) == 14 for r in runs(p))
    rule = paragraphs[len(doc.title)]
    assert is_rule(rule) and align(rule) == "center"
    length = min(measured_mm(doc.title[1], 14, "Bold"), TEXT_WIDTH_MM)
    assert length / 3 <= rule_mm(rule, TEXT_WIDTH_MM) <= length / 2


def test_a_decision_states_its_authority_before_the_grounds(files, official):
    doc = official["quyet-dinh"]
    paragraphs = [p for p in body_paragraphs(part(files["quyet-dinh"])) if text(p)]
    texts = [text(p) for p in paragraphs]
    at = texts.index(doc.authority)
    grounds = next(i for i, t in enumerate(texts) if t.startswith("Căn cứ"))
    assert at < grounds
    assert align(paragraphs[at]) == "center"
    assert all(bold(r) for r in runs(paragraphs[at]))
    assert "QUYẾT ĐỊNH:" in texts


# --- the body ------------------------------------------------------------------------------


def test_headings_are_bold_and_kept_with_what_follows(by_hand, run):
    paragraphs = body_paragraphs(part(by_hand))
    for heading, level in (("I. TÌNH HÌNH TRIỂN KHAI", 0), ("1. Xếp hạng", 1)):
        p = next(p for p in paragraphs if text(p) == heading)
        assert prop(p, "keepNext") is not None and prop(p, "keepLines") is not None
        assert all(bold(r) for r in runs(p))
        assert prop(p, "outlineLvl").get(w("val")) == str(level)


def test_paragraphs_are_justified_with_a_first_line_indent_of_1_cm(by_hand):
    paragraphs = {text(p): p for p in body_paragraphs(part(by_hand)) if text(p)}
    plain = paragraphs["Căn cứ Quyết định số 1/QĐ-UBND; Sở Nội vụ báo cáo kết quả như sau:"]
    assert align(plain) == "both"
    assert abs(twips(prop(plain, "ind"), "firstLine") / TWIPS_PER_MM - 10) < 0.1
    led = paragraphs["1. Tự đánh giá. Các đơn vị đã tự đánh giá, chấm điểm theo Bộ tiêu chí."]
    lead, rest = runs(led)
    assert bold(lead) and not bold(rest)
    draft = paragraphs["[Ưu điểm, hạn chế và nguyên nhân: cơ quan bổ sung.]"]
    assert all(italic(r) for r in runs(draft))
    note = paragraphs["(Chi tiết tại Phụ lục kèm theo)"]
    assert align(note) == "center" and all(italic(r) for r in runs(note))


def _table_with(root: etree._Element, first_header: str) -> etree._Element:
    for table in root.iter(w("tbl")):
        first = table.find(w("tr"))
        if first is not None and text(first.find(w("tc"))) == first_header:
            return table
    raise AssertionError(first_header)


def _grid_mm(table: etree._Element) -> list[float]:
    return [int(c.get(w("w"))) / TWIPS_PER_MM for c in table.iter(w("gridCol"))]


def test_the_names_column_takes_the_room_the_others_leave(by_hand):
    table = _table_with(part(by_hand), "Hạng")
    widths = _grid_mm(table)
    assert abs(sum(widths) - TEXT_WIDTH_MM) < 1
    rank, name, index, klass, *_change = widths
    header, *rows = table.findall(w("tr"))
    longest = max(measured_mm(text(row.findall(w("tc"))[1]), 12) for row in rows)
    assert name == max(widths) and name > longest + 3  # every name on one line
    assert rank < 20 and index < 20 and klass < 25
    assert header.find(f"{w('trPr')}/{w('tblHeader')}") is not None  # repeated on every page
    for row in rows:
        cells = row.findall(w("tc"))
        assert [align(c.find(w("p"))) for c in cells][:4] == ["center", "left", "center", "center"]
        assert row.find(f"{w('trPr')}/{w('cantSplit')}") is not None


def test_a_column_is_as_wide_as_its_content_never_a_rank_wide_and_names_squeezed():
    names = [f"Ủy ban nhân dân xã Thượng Nhật Tân Lập {i}" for i in range(12)]
    rows = [[f"{i + 1}/12", name, "83,05", "Khá"] for i, name in enumerate(names)]
    rank, name, index, _klass = column_widths(
        ["Hạng", "Đơn vị", "Chỉ số", "Xếp loại"], rows, 1, 165
    )
    longest = max(measured_mm(n, 12) for n in names)
    assert name >= longest + 3  # every name on one line
    assert rank < measured_mm("12/12", 12) + 6 and index < measured_mm("Chỉ số", 12, "Bold") + 6
    # too much to fit: the other columns give way to their longest word, the names keep 40%
    wide = [
        [f"{i}/12", n * 3, "tăng 2,74 điểm, tăng 3 bậc so với năm trước"]
        for i, n in enumerate(names)
    ]
    widths = column_widths(["Hạng", "Đơn vị", "So với năm 2023"], wide, 1, 165)
    assert widths[1] >= 0.4 * 165 and abs(sum(widths) - 165) < 0.01


def test_the_scorecards_field_table_gives_the_fields_the_room(files):
    table = _table_with(part(files["phu-luc"]), "Mã")
    widths = _grid_mm(table)
    assert widths[1] == max(widths) and widths[1] >= 0.4 * TEXT_WIDTH_MM


def _media(data: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


@pytest.mark.parametrize("name", ["bao-cao", "phu-luc"])
def test_charts_are_200_dpi_and_their_titles_kept_with_them(files, name):
    pictures = _media(files[name])
    assert pictures
    for png in pictures:
        dpi = Image.open(io.BytesIO(png)).info["dpi"]
        assert round(dpi[0]) == round(dpi[1]) == 200
    paragraphs = body_paragraphs(part(files[name]))
    for i, p in enumerate(paragraphs):
        if p.find(f".//{w('drawing')}") is not None:
            caption = paragraphs[i - 1]  # the chart's title, and the heading above it
            assert text(caption) and prop(caption, "keepNext") is not None


# --- the end -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh"])
def test_the_recipients_left_and_the_signer_right_side_by_side(files, official, name):
    doc = official[name]
    table = part(files[name]).findall(f"{w('body')}/{w('tbl')}")[-1]
    assert {b.get(w("val")) for b in table.find(f"{w('tblPr')}/{w('tblBorders')}")} == {"nil"}
    (row,) = table.findall(w("tr"))
    assert row.find(f"{w('trPr')}/{w('cantSplit')}") is not None
    left, right = row.findall(w("tc"))
    head, *listed = left.findall(w("p"))
    assert text(head) == "Nơi nhận:"
    assert all(bold(r) and italic(r) and size(r) == 12 for r in runs(head))
    assert [text(p) for p in listed] == list(doc.recipients)
    assert all(size(r) == 11 for p in listed for r in runs(p))
    signer = [p for p in right.findall(w("p")) if text(p)]
    assert [text(p) for p in signer] == [*doc.signer.lines, doc.signer.name]
    assert all(bold(r) and size(r) == 14 for p in signer for r in runs(p))
    assert all(t == t.upper() for t in map(text, signer[:-1]))
    seal = prop(signer[-1], "spacing")  # room for the signature and the seal
    assert twips(seal, "before") / 20 >= 60
    for p in [*left.findall(w("p")), *right.findall(w("p"))]:  # kept together
        assert prop(p, "keepNext") is not None
    assert cell_mm(left) + cell_mm(right) == pytest.approx(TEXT_WIDTH_MM, abs=0.1)


def test_an_appendix_has_no_header_no_number_and_no_signer(files, official):
    doc = official["phu-luc"]
    root = part(files["phu-luc"])
    everything = text(root)
    assert NATION not in everything and "Số:" not in everything and "Nơi nhận" not in everything
    assert doc.signer is None or doc.signer.name not in everything
    paragraphs = body_paragraphs(root)
    label, *rest = paragraphs
    assert text(label) == "Phụ lục" and all(bold(r) and size(r) == 14 for r in runs(label))
    titles = rest[: len(doc.title)]
    assert [text(p) for p in titles] == list(doc.title)
    assert all(bold(r) and size(r) == 14 for p in titles for r in runs(p))
    attached = rest[len(doc.title)]
    assert text(attached) == doc.attached_to
    assert all(italic(r) and size(r) == 14 for r in runs(attached))
    assert is_rule(rest[len(doc.title) + 1])


# --- the page ------------------------------------------------------------------------------


def _relationships(data: bytes) -> dict[str, str]:
    rels = part(data, "word/_rels/document.xml.rels")
    return {r.get("Id"): r.get("Target") for r in rels}


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh", "phu-luc"])
def test_page_numbers_are_centred_at_the_top_from_page_two(files, name):
    data = files[name]
    section = part(data).find(f"{w('body')}/{w('sectPr')}")
    assert section.find(w("titlePg")) is not None  # a different first page
    targets = _relationships(data)
    refs = {
        r.get(w("type")): targets[r.get(f"{{{R}}}id")] for r in section.iter(w("headerReference"))
    }
    default = part(data, f"word/{refs['default']}")
    assert "PAGE" in "".join(t.text for t in default.iter(w("instrText")))
    (p,) = default.findall(w("p"))
    assert align(p) == "center"
    assert {size(r) for r in p.iter(w("r"))} == {13.0}
    first = part(data, f"word/{refs['first']}")
    assert not text(first) and not list(first.iter(w("instrText")))  # nothing on page 1
    assert not list(section.iter(w("footerReference")))


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh", "phu-luc"])
def test_a4_with_the_decrees_margins_in_times_new_roman_everywhere(files, name):
    data = files[name]
    section = part(data).find(f"{w('body')}/{w('sectPr')}")
    page, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    assert (int(page.get(w("w"))), int(page.get(w("h")))) == (11906, 16838)
    for side, mm in MARGINS_MM.items():
        assert abs(int(margins.get(w(side))) / TWIPS_PER_MM - mm) < 0.1
    styles = part(data, "word/styles.xml")
    all_fonts = list(styles.iter(w("rFonts")))
    assert all_fonts
    for found in all_fonts:
        assert {found.get(w(a)) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
            "Times New Roman"
        }
        assert not [a for a in found.attrib if a.endswith("Theme") or a.endswith("theme")]
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    assert defaults.find(w("rFonts")) is not None
    assert defaults.find(w("lang")).get(w("val")) == "vi-VN"
    for found in part(data).iter(w("rFonts")):  # none in the body but Times New Roman
        assert found.get(w("ascii")) == "Times New Roman"
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Normal"].font.name == "Times New Roman"


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh", "phu-luc"])
def test_the_properties_name_the_issuing_body_in_vietnamese(files, official, name):
    doc = official[name]
    props = docx.Document(io.BytesIO(files[name])).core_properties
    assert props.author == props.last_modified_by == doc.author != ""
    assert props.title == doc.subject
    assert props.language == "vi-VN"
    assert abs(props.created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=30)
    with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
        for member in archive.namelist():
            assert b"python-docx" not in archive.read(member), member


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh", "phu-luc"])
def test_every_property_element_is_in_the_schemas_order(files, name):
    assert problems(files[name]) == []


def test_the_hand_built_report_is_in_the_schemas_order_too(by_hand):
    assert problems(by_hand) == []


def test_the_order_checker_finds_a_border_after_the_alignment():
    """What every DOCX had before: the rule's w:pBdr appended after w:jc."""
    bad = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:pPr><w:jc w:val="center"/>'
        '<w:pBdr><w:bottom w:val="single"/></w:pBdr></w:pPr></w:p>'
        "<w:p><w:r><w:rPr><w:sz w:val='26'/><w:b/></w:rPr></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bad)
    assert problems(buffer.getvalue()) == [
        "word/document.xml: w:pBdr after w:jc in w:pPr",
        "word/document.xml: w:b after w:sz in w:rPr",
    ]


# --- LibreOffice ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(files, tmp_path_factory) -> dict[str, Path]:
    """Each DOCX converted by LibreOffice headless (skipped where it is not installed)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("lo")
    sources = []
    for name, data in files.items():
        (folder / f"{name}.docx").write_bytes(data)
        sources.append(str(folder / f"{name}.docx"))
    profile = (folder / "profile").as_uri()  # its own profile: other sessions may run one
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *sources],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {name: folder / f"{name}.pdf" for name in files}


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page as poppler's pdftotext lays it out (pypdf splits the letters
    of LibreOffice's Vietnamese)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout.split("\f")[: len(PdfReader(pdf).pages)]


@pytest.mark.parametrize("name", ["bao-cao", "quyet-dinh", "phu-luc"])
def test_libreoffice_converts_each_document(converted, official, name):
    doc = official[name]
    pages = pdf_pages(converted[name])
    lines = [line.strip() for page in pages for line in page.splitlines()]
    flat = " ".join(" ".join(pages).split())
    for line in doc.title:
        assert " ".join(line.split()) in flat
    if doc.has_header:
        assert any(NATION in line for line in lines)  # the national name on one line
        assert MOTTO in flat and doc.signer.name in flat
        for recipient in doc.recipients:
            assert recipient in flat
    else:
        assert NATION not in flat and doc.attached_to in flat
    assert not pages[0].strip().startswith("1")  # no number on page 1
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number)


def test_the_first_and_last_pages_as_png_artifacts(converted):
    """Pages for a person to look at (poppler's pdftoppm; skipped without it)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, pdf in converted.items():
        count = len(PdfReader(pdf).pages)
        for page in sorted({1, count}):
            target = ARTIFACTS / f"docx-{name}-{page}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page),
                 "-singlefile", str(pdf), str(target)],
                check=True,
            )  # fmt: skip
            assert Path(f"{target}.png").read_bytes().startswith(b"\x89PNG")


# --- the charts ----------------------------------------------------------------------------


def test_a_blocks_ranking_chart_draws_only_its_units_from_0(run):
    block = next(b for b in run.blocks if 1 < b.of <= charts.MANY_UNITS)
    figure = charts.ranking_figure(run, block.label)
    (ax,) = figure.axes
    names = [t.get_text() for t in ax.get_yticklabels()]
    units = [u for u in run.units if u.block == block.label]
    assert len(names) == len(units)
    for unit in units:
        assert any(unit.display_name[1:] in name for name in names)
    assert ax.get_xlim()[0] == 0


def test_a_block_of_many_units_is_drawn_as_the_distribution_of_its_indices(run):
    block = next(b for b in run.blocks if b.of > charts.MANY_UNITS)
    (ax,) = charts.ranking_figure(run, block.label).axes
    assert ax.get_xlim() == (0, 100)
    assert ax.get_ylabel() == "Số đơn vị"
    bars = sum(patch.get_height() for patch in ax.patches)
    assert bars == block.of  # every unit of the block counted once


def test_the_class_distribution_is_drawn_on_0_to_100_per_block(run):
    for block in run.blocks:
        (ax,) = charts.class_distribution_figure(run, block.label).axes
        assert ax.get_xlim() == (0, 100)
        assert sum(patch.get_height() for patch in ax.patches) == block.of


@pytest.mark.parametrize("draw", [charts.ranking_chart, charts.class_distribution_chart])
def test_the_charts_are_200_dpi_png(run, draw):
    png = draw(run, run.blocks[0].label)
    assert round(Image.open(io.BytesIO(png)).info["dpi"][0]) == 200
    assert (
        round(
            Image.open(io.BytesIO(charts.field_profile_chart(run, run.codes()[0]))).info["dpi"][0]
        )
        == 200
    )
