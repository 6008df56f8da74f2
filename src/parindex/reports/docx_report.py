"""The cycle's summary report and the per-unit scorecards as DOCX (Decree 30/2020/NĐ-CP).

``render_summary(results, …)`` and ``render_scorecard(results, unit_code, …)`` take the
published run (``PublishedRun``, results.json read once) and return the document's bytes: the header table (issuing
body left, the national motto right, each with its short rule), number, place and
date, the title, the narrative of report.md, the tables and the charts. Times New Roman
13–14 pt (LibreOffice shows the metric-compatible Liberation Serif), A4 with the
decree's margins.

The styles, the page and the header are built once per letterhead into a template
document; every document starts from it, which keeps thousands of scorecards cheap.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from parindex.core.published import PublishedRun
from parindex.reports import charts
from parindex.reports.document import (
    BODY_PT,
    DEFAULT_ISSUER,
    DEFAULT_NUMBER,
    DEFAULT_PLACE,
    FIELD_HEADER,
    FONT,
    MARGINS_MM,
    MOTTO,
    NATION,
    PART_HEADER,
    TABLE_PT,
    TITLE_PT,
    Letterhead,
    field_rows,
    framework_line,
    part_rows,
    ranking_rows,
    scorecard_paragraphs,
    scorecard_title,
    summary_content,
    summary_title,
    total_rows,
    unit_of,
)

CHART_WIDTH = Mm(160)


def render_summary(
    results: PublishedRun,
    *,
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
    signer_title: str = "",
    signer_name: str = "",
) -> bytes:
    """The cycle's summary report: narrative, ranking table, ranking and distribution charts."""
    doc = _new_document(Letterhead(issuer, number, place, date, signer_title, signer_name))
    _title(doc, summary_title(results))
    _paragraph(doc, framework_line(results), italic=True)
    for heading, paragraphs in summary_content(results):
        if heading:
            _paragraph(doc, heading, bold=True)
        for text in paragraphs:
            _paragraph(doc, text)
    _paragraph(doc, "Bảng xếp hạng", bold=True)
    header, rows = ranking_rows(results)
    _table(doc, header, rows, numeric_from=3 if results.blocked else 2)
    _paragraph(doc, f"Biểu đồ xếp hạng {results.framework.index_name}", bold=True)
    _picture(doc, charts.ranking_chart(results))
    _paragraph(doc, "Phân bố chỉ số theo xếp loại", bold=True)
    _picture(doc, charts.class_distribution_chart(results))
    _signature(doc, Letterhead(issuer, number, place, date, signer_title, signer_name))
    return _save(doc)


def render_scorecard(
    results: PublishedRun,
    unit_code: str,
    *,
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
    signer_title: str = "",
    signer_name: str = "",
) -> bytes:
    """One unit's scorecard: narrative, parts, the field table and its field profile chart."""
    unit = unit_of(results, unit_code)
    doc = _new_document(Letterhead(issuer, number, place, date, signer_title, signer_name))
    _title(doc, scorecard_title(results, unit))
    _paragraph(doc, framework_line(results), italic=True)
    for text in scorecard_paragraphs(results, unit_code):
        _paragraph(doc, text)
    parts = part_rows(unit)
    if parts:
        _paragraph(doc, "Điểm theo thành phần", bold=True)
        _table(doc, PART_HEADER, parts, numeric_from=1)
    _paragraph(doc, "Kết quả theo từng lĩnh vực", bold=True)
    _table(
        doc, FIELD_HEADER, [*field_rows(results, unit), *total_rows(results, unit)], numeric_from=2
    )
    _picture(doc, charts.field_profile_chart(results, unit_code))
    _signature(doc, Letterhead(issuer, number, place, date, signer_title, signer_name))
    return _save(doc)


# --- building blocks ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def _template(head: Letterhead) -> bytes:
    """Styles, A4 page, margins and the Decree 30 header, saved once per letterhead."""
    doc = Document()
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        _set_font(style.element, BODY_PT if name == "Normal" else TABLE_PT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(6)
    normal.line_spacing = 1.1
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    _header_table(doc, head)
    return _save(doc)


def _new_document(head: Letterhead) -> DocxDocument:
    return Document(io.BytesIO(_template(head)))


def _set_font(element: Any, size: float, bold: bool | None = None) -> None:
    """Times New Roman for every script (Vietnamese letters are not only 'ascii').

    ``element`` is a style's ``CT_Style``: Any, as python-docx's types declare neither
    ``BaseStyle.element`` nor the ``get_or_add_rPr`` its metaclass adds.
    """
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for tag in ("w:sz", "w:szCs"):
        node = rpr.find(qn(tag))
        if node is None:
            node = OxmlElement(tag)
            rpr.append(node)
        node.set(qn("w:val"), str(int(size * 2)))


def _run(paragraph: Paragraph, text: str, size: float, bold: bool = False, **style: bool) -> Run:
    run = paragraph.add_run(text)
    if size != BODY_PT:  # the Normal style carries the font and the body size
        run.font.size = Pt(size)
    run.bold = bold or None
    if style.get("italic"):
        run.italic = True
    if style.get("underline"):
        run.underline = True
    return run


def _rule(paragraph: Paragraph, indent_mm: float) -> None:
    """The short solid line under the issuing body (a bottom border, indented both sides)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.right_indent = Mm(indent_mm)
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, "", 4)


def _cell_paragraph(cell: _Cell, first: bool) -> Paragraph:
    # _Cell.paragraphs and _Cell.add_paragraph have no return types in python-docx 1.2
    paragraph: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _header_table(doc: DocxDocument, head: Letterhead) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    lines = head.issuer_lines or [DEFAULT_ISSUER]
    for i, line in enumerate(lines):
        # the body above (if any) in regular type, the issuing body in bold
        _run(_cell_paragraph(left, i == 0), line, 13, bold=i == len(lines) - 1)
    _rule(_cell_paragraph(left, False), 20)
    number = _cell_paragraph(left, False)
    number.paragraph_format.space_before = Pt(6)
    _run(number, head.number_line, 13)
    _run(_cell_paragraph(right, True), NATION, 13, bold=True)
    # the motto is underlined along its whole length
    _run(_cell_paragraph(right, False), MOTTO, 14, bold=True, underline=True)
    date = _cell_paragraph(right, False)
    date.paragraph_format.space_before = Pt(6)
    _run(date, head.place_date, 14, italic=True)
    doc.add_paragraph()


def _signature(doc: DocxDocument, head: Letterhead) -> None:
    """The signer's capacity in bold capitals, room to sign, the name in bold (right half)."""
    if not head.signature_lines and not head.signer_name:
        return
    lines = [*head.signature_lines, "", "", "", head.signer_name]
    for i, line in enumerate(lines):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.left_indent = Mm(85)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.space_before = Pt(12 if i == 0 else 0)
        _run(paragraph, line, 14, bold=True)


def _title(doc: DocxDocument, lines: Sequence[str]) -> None:
    for i, line in enumerate(lines):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(12 if i == len(lines) - 1 else 0)
        _run(paragraph, line, TITLE_PT, bold=True)


def _paragraph(doc: DocxDocument, text: str, bold: bool = False, italic: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    _run(paragraph, text, BODY_PT, bold=bold, italic=italic)


TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
TWIPS_PER_MM = 1440 / 25.4


def _table(
    doc: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric_from: int,
    name_column: int = 1,
) -> None:
    """A bordered table (style Table Grid, 12 pt), header row repeated on every page.

    Written as one piece of WordprocessingML rather than cell by cell: python-docx's cell
    API is what would dominate the time of thousands of scorecards.
    """
    count = len(header)
    narrow = min(22.0, TEXT_WIDTH_MM / (count + 2))
    widths = [narrow] * count
    widths[name_column] = TEXT_WIDTH_MM - narrow * (count - 1)
    twips = [round(w * TWIPS_PER_MM) for w in widths]
    out = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in twips),
        "</w:tblGrid>",
    ]
    for r, values in enumerate([header, *rows]):
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>")
        for c, value in enumerate(values):
            centre = r == 0 or c == 0 or (c >= numeric_from and c != name_column)
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/><w:vAlign w:val="center"/>'
                '</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
                + ('<w:jc w:val="center"/>' if centre else "")
                + "</w:pPr><w:r>"
                + ("<w:rPr><w:b/></w:rPr>" if r == 0 else "")
                + f'<w:t xml:space="preserve">{escape(value)}</w:t></w:r></w:p></w:tc>'
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    _append(doc, parse_xml("".join(out)))
    doc.add_paragraph()


def _append(doc: DocxDocument, element: BaseOxmlElement) -> None:
    body = doc.element.body
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(element)
    else:
        body.append(element)


def _picture(doc: DocxDocument, png: bytes) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(png), width=CHART_WIDTH)


def _save(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
