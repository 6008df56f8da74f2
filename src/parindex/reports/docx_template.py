"""The DOCX every document starts from, and what each one adds to it.

``template()`` builds once per process what every document shares: Times New Roman for
every script in every style (no theme fonts), Vietnamese as the language, A4 with the
margins of Decree 30, and the page number (a PAGE field, Arabic, 13 pt, centred in the top
margin) on every page but the first (``w:titlePg`` with an empty first-page header).
``new_document()`` opens a copy; ``append_body()`` adds a document's blocks written as text
(``docx_xml``) in one parse; ``picture()`` adds a chart; ``finish()`` writes the document's
properties (the issuing body as author, the subject as title, vi-VN) and its bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from parindex.reports.document import BODY_PT, FONT, MARGINS_MM
from parindex.reports.docx_xml import Layout, page_field, paragraph

LANGUAGE = "vi-VN"
PAGE_NUMBER_PT = 13
HEADER_DISTANCE_MM = 10
NAMESPACES = nsdecls("w", "r", "wp", "a", "pic")
EMU_PER_MM = 36000
FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def _fonts_everywhere(doc: DocxDocument) -> None:
    """Times New Roman in the document defaults and every style, the theme's fonts dropped
    (a theme font attribute wins over the named one)."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(attr), None)
        for attr in FONT_ATTRIBUTES:
            fonts.set(qn(attr), FONT)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        for child in list(rpr):
            rpr.remove(child)
        size = BODY_PT * 2
        rpr.append(
            parse_xml(
                f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                f'w:cs="{FONT}" w:eastAsia="{FONT}"/>'
            )
        )
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{size}"/>'))
        rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{size}"/>'))
        rpr.append(
            parse_xml(
                f'<w:lang {nsdecls("w")} w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'
            )
        )
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
    if ppr is not None:
        for child in list(ppr):
            ppr.remove(child)
        ppr.append(
            parse_xml(f'<w:spacing {nsdecls("w")} w:after="120" w:line="264" w:lineRule="auto"/>')
        )


def _normal_style(doc: DocxDocument) -> None:
    """Normal: Times New Roman 13 pt (the body), 6 pt after each paragraph."""
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name].element
        rpr = style.get_or_add_rPr()
        for child in list(rpr):
            rpr.remove(child)
        size = BODY_PT * 2
        rpr.append(
            parse_xml(
                f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
                f'w:cs="{FONT}" w:eastAsia="{FONT}"/>'
            )
        )
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{size}"/>'))
        rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{size}"/>'))


def _settings(doc: DocxDocument) -> None:
    """Vietnamese conventions in the settings: the language, the decimal comma."""
    settings = doc.settings.element
    for tag, attrs in (
        ("w:themeFontLang", {"w:val": LANGUAGE, "w:eastAsia": LANGUAGE}),
        ("w:decimalSymbol", {"w:val": ","}),
        ("w:listSeparator", {"w:val": ";"}),
    ):
        node = settings.find(qn(tag))
        if node is not None:
            for key, value in attrs.items():
                node.set(qn(key), value)


def _hdr(children: str) -> str:
    return f"<w:hdr {NAMESPACES}>{children}</w:hdr>"


def _page_numbers(doc: DocxDocument) -> None:
    """The page number centred in the top margin from page 2 on; page 1's header is empty."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    number = paragraph(Layout(align="center", before=0, after=0), extra=page_field(PAGE_NUMBER_PT))
    for header, content in (
        (section.header, number),
        (section.first_page_header, paragraph(Layout(before=0, after=0))),
    ):
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        for child in parse_xml(_hdr(content)):
            element.append(child)


@lru_cache(maxsize=1)
def template() -> bytes:
    """Styles, A4 page, margins and page numbers, saved once per process."""
    doc = Document()
    _fonts_everywhere(doc)
    _normal_style(doc)
    _settings(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    _page_numbers(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def new_document() -> DocxDocument:
    return Document(io.BytesIO(template()))


def append_body(doc: DocxDocument, blocks: list[str]) -> None:
    """Every block (paragraphs and tables written as text) into the body, before its sectPr."""
    body = doc.element.body
    section = body.find(qn("w:sectPr"))
    for child in parse_xml(f"<w:body {NAMESPACES}>{''.join(blocks)}</w:body>"):
        if section is not None:
            section.addprevious(child)
        else:
            body.append(child)


class Pictures:
    """The charts of one document: each PNG related to the document, drawn inline."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.count = 0

    def inline(self, png: bytes, width_mm: float, max_height_mm: float, name: str) -> str:
        """A run drawing ``png`` ``width_mm`` wide (narrower when it would be taller than
        ``max_height_mm``)."""
        rid, image = self.doc.part.get_or_add_image(io.BytesIO(png))
        height_mm = width_mm * image.px_height / max(1, image.px_width)
        if height_mm > max_height_mm:
            width_mm, height_mm = width_mm * max_height_mm / height_mm, max_height_mm
        cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
        self.count += 1
        n = self.count
        from xml.sax.saxutils import quoteattr

        label = quoteattr(name)
        return (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}" descr={label}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="chart-{n}.png"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
            "</w:drawing></w:r>"
        )


def finish(doc: DocxDocument, author: str, title: str, now: dt.datetime | None = None) -> bytes:
    """The document's properties (the issuing body, the title, vi-VN, created now), saved."""
    now = now or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = LANGUAGE
    props.created = now
    props.modified = now
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
