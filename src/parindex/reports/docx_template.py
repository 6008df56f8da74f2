"""The DOCX every document starts from, and what each one adds to it.

``template()`` builds once per process what every document shares: Times New Roman for
every script in every style (no theme fonts), Vietnamese as the language, A4 with the
margins of Decree 30, and the page number (a PAGE field, Arabic, 13 pt, centred in the top
margin) on every page but the first (``w:titlePg`` with an empty first-page header).
``parts()`` takes it apart once; a ``Package`` then writes each document straight into a
zip: the shared parts as they are, its document.xml (the body written as text by
``docx_xml`` between the template's head and section), its pictures and its properties
(the issuing body as author, the subject as title, vi-VN, created now). No document is
parsed or re-serialised, which keeps thousands of scorecards cheap.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

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
NAMESPACES = nsdecls("w", "r")
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
        _body_font(rpr)
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


def _body_font(rpr: Any) -> None:
    """Times New Roman for every script at the body size, appended to an emptied ``w:rPr``."""
    size = BODY_PT * 2
    rpr.append(
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        )
    )
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{size}"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{size}"/>'))


def _normal_style(doc: DocxDocument) -> None:
    """Normal: Times New Roman 13 pt (the body), 6 pt after each paragraph."""
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name].element
        rpr = style.get_or_add_rPr()
        for child in list(rpr):
            rpr.remove(child)
        _body_font(rpr)


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


KEPT_STYLES = ("Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid")
"""The styles the documents use (every other paragraph and run is formatted directly)."""
DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _few_styles(doc: DocxDocument) -> None:
    """Only the styles the documents use: 160 table and list styles would be written into
    every one of thousands of scorecards."""
    styles = doc.styles.element
    for style in list(styles.iter(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEPT_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


@lru_cache(maxsize=1)
def template() -> bytes:
    """Styles, A4 page, margins and page numbers, saved once per process."""
    doc = Document()
    _few_styles(doc)
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


@dataclass(frozen=True)
class Parts:
    """The template's parts as bytes, and its document.xml split around the body's content."""

    shared: tuple[tuple[str, bytes], ...]
    document_head: str
    document_tail: str
    relationships: str
    content_types: str


def _drop_relationships(xml: str, targets: tuple[str, ...]) -> str:
    for target in targets:
        xml = re.sub(rf'<Relationship [^>]*Target="[^"]*{re.escape(target)}[^"]*"/>', "", xml)
    return xml


@lru_cache(maxsize=1)
def parts() -> Parts:
    """The template, taken apart once: every document writes the same parts around its own
    document.xml, relationships, content types, properties and pictures."""
    with zipfile.ZipFile(io.BytesIO(template())) as archive:
        names = [n for n in archive.namelist() if not n.startswith(DROPPED_PARTS)]
        files = {name: archive.read(name) for name in names}
    document = files.pop("word/document.xml").decode("utf-8")
    head, _, tail = document.partition("<w:body>")
    relationships = _drop_relationships(
        files.pop("word/_rels/document.xml.rels").decode("utf-8"),
        ("stylesWithEffects", "customXml"),
    )
    types = files.pop("[Content_Types].xml").decode("utf-8")
    types = re.sub(r'<Override PartName="/(customXml|word/stylesWithEffects)[^>]*/>', "", types)
    if 'Extension="png"' not in types:
        types = types.replace(
            "<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1
        )
    files["_rels/.rels"] = _drop_relationships(
        files["_rels/.rels"].decode("utf-8"), ("thumbnail",)
    ).encode("utf-8")
    files["docProps/app.xml"] = APP_XML.encode("utf-8")
    files.pop("docProps/core.xml", None)
    return Parts(
        shared=tuple(files.items()),
        document_head=head + "<w:body>",
        document_tail=tail,
        relationships=relationships,
        content_types=types,
    )


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>parindex</Application><DocSecurity>0</DocSecurity></Properties>"
)
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class Package:
    """One DOCX being written: its pictures, then its body and properties in ``finish``."""

    def __init__(self) -> None:
        self.media: list[bytes] = []

    def picture(self, png: bytes, width_mm: float, max_height_mm: float, name: str) -> str:
        """A run drawing ``png`` ``width_mm`` wide (narrower when it would be taller than
        ``max_height_mm``)."""
        self.media.append(png)
        n = len(self.media)
        px_width, px_height = _png_size(png)
        height_mm = width_mm * px_height / max(1, px_width)
        if height_mm > max_height_mm:
            width_mm, height_mm = width_mm * max_height_mm / height_mm, max_height_mm
        cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
        return (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}" '
            f"descr={quoteattr(name)}/>"
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks {A} noChangeAspect="1"/>'
            f"</wp:cNvGraphicFramePr><a:graphic {A}>"
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic {PIC}><pic:nvPicPr><pic:cNvPr id="{n}" name="chart-{n}.png"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdChart{n}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
            "</w:drawing></w:r>"
        )

    def finish(
        self, body: list[str], author: str, title: str, now: dt.datetime | None = None
    ) -> bytes:
        """The DOCX: the template's parts, the body, the pictures, the properties."""
        template_parts = parts()
        links = "".join(
            f'<Relationship Id="rIdChart{n}" Type="{IMAGE_RELATIONSHIP}" '
            f'Target="media/chart{n}.png"/>'
            for n in range(1, len(self.media) + 1)
        )
        relationships = template_parts.relationships.replace(
            "</Relationships>", links + "</Relationships>"
        )
        document = template_parts.document_head + "".join(body) + template_parts.document_tail
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", template_parts.content_types)
            for name, data in template_parts.shared:
                archive.writestr(name, data)
            archive.writestr("docProps/core.xml", core_properties(author, title, now))
            archive.writestr("word/document.xml", document)
            archive.writestr("word/_rels/document.xml.rels", relationships)
            for n, png in enumerate(self.media, start=1):
                archive.writestr(f"word/media/chart{n}.png", png, zipfile.ZIP_STORED)
        return buffer.getvalue()


A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'


def core_properties(author: str, title: str, now: dt.datetime | None = None) -> str:
    """docProps/core.xml: the issuing body as author and last editor, the title, vi-VN,
    created and modified now (UTC)."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dc:language>{LANGUAGE}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        "</cp:coreProperties>"
    )
