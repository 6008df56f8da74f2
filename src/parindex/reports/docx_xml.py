"""WordprocessingML written as text, its elements in the order of the OOXML schema.

Word rejects (or "repairs") a paragraph whose properties are out of the schema's sequence
(``CT_PPrBase``: keepNext, keepLines, pBdr, spacing, ind, jc, outlineLvl …) and a run whose
properties are (``CT_RPr``: rFonts, b, i, sz, szCs, u …). Every paragraph and run of the
DOCX documents is written here, each property at its place, which is also what keeps
thousands of scorecards cheap: no object per element, one parse per document.

``text_mm`` measures a line as Times New Roman sets it (Liberation Serif has its metrics,
shipped in ``reports.fonts``): the rules' lengths and the tables' column widths are
computed from it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from parindex.reports import fonts

TWIPS_PER_MM = 1440 / 25.4
MM_PER_PT = 25.4 / 72


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def half_points(pt: float) -> int:
    return round(pt * 2)


@lru_cache(maxsize=4)
def _advances(style: str) -> tuple[dict[int, int], int, int]:
    """Each character's advance width in font units, the units per em, the fallback width."""
    from fontTools.ttLib import TTFont

    font = TTFont(fonts.liberation_serif(style), lazy=True)
    metrics = font["hmtx"]
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, int(font["head"].unitsPerEm), widths.get(ord("n"), 1000)


def text_mm(text: str, pt: float, bold: bool = False, italic: bool = False) -> float:
    """How long ``text`` is on one line, in millimetres, at ``pt`` points."""
    style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    widths, per_em, fallback = _advances(style)
    units = sum(widths.get(ord(ch), fallback) for ch in unicodedata.normalize("NFC", text))
    return units / per_em * pt * MM_PER_PT


@dataclass(frozen=True)
class Span:
    """A run of text in one style; ``size`` in points (None: the paragraph style's)."""

    text: str
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False


def run(span: Span) -> str:
    """A ``w:r``: rPr children in CT_RPr's order (b, i, sz, szCs, u); line breaks as ``w:br``."""
    props = []
    if span.bold:
        props += ["<w:b/>", "<w:bCs/>"]
    if span.italic:
        props += ["<w:i/>", "<w:iCs/>"]
    if span.size is not None:
        size = half_points(span.size)
        props += [f'<w:sz w:val="{size}"/>', f'<w:szCs w:val="{size}"/>']
    if span.underline:
        props.append('<w:u w:val="single"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    lines = span.text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{rpr}{body}</w:r>"


@dataclass(frozen=True)
class Layout:
    """A paragraph's properties; lengths in millimetres, spacing in points."""

    align: str | None = None
    """jc: left, center, right, both (justified)."""
    first_line: float = 0.0
    left: float = 0.0
    right: float = 0.0
    before: float | None = None
    after: float | None = None
    line: float | None = None
    """Line spacing as a multiple (1.0 single)."""
    keep_next: bool = False
    keep_lines: bool = False
    rule: bool = False
    """A solid bottom border between the indents: the short rules of Decree 30."""
    outline: int | None = None
    """outlineLvl (0: level 1): what Word's navigation pane lists."""


def paragraph_properties(layout: Layout) -> str:
    """``w:pPr`` with its children in CT_PPrBase's order."""
    parts = []
    if layout.keep_next:
        parts.append("<w:keepNext/>")
    if layout.keep_lines:
        parts.append("<w:keepLines/>")
    if layout.rule:
        parts.append(
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        )
    spacing = ""
    if layout.before is not None:
        spacing += f' w:before="{round(layout.before * 20)}"'
    if layout.after is not None:
        spacing += f' w:after="{round(layout.after * 20)}"'
    if layout.line is not None:
        spacing += f' w:line="{round(layout.line * 240)}" w:lineRule="auto"'
    if spacing:
        parts.append(f"<w:spacing{spacing}/>")
    indent = ""
    if layout.left:
        indent += f' w:left="{twips(layout.left)}"'
    if layout.right:
        indent += f' w:right="{twips(layout.right)}"'
    if layout.first_line:
        indent += f' w:firstLine="{twips(layout.first_line)}"'
    if indent:
        parts.append(f"<w:ind{indent}/>")
    if layout.align:
        parts.append(f'<w:jc w:val="{layout.align}"/>')
    if layout.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{layout.outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def paragraph(layout: Layout, *spans: Span, extra: str = "") -> str:
    """A ``w:p``; ``extra``: raw runs (a field, a picture) after the spans."""
    return f"<w:p>{paragraph_properties(layout)}{''.join(run(s) for s in spans)}{extra}</w:p>"


def rule_paragraph(width_mm: float, length_mm: float, after: float = 0.0) -> str:
    """An empty centred paragraph whose bottom border is ``length_mm`` long, centred in a
    column ``width_mm`` wide (4 pt high, so it sits close under the line above)."""
    side = max(0.0, (width_mm - length_mm) / 2)
    layout = Layout(
        align="center", left=side, right=side, before=0, after=after, line=1.0, rule=True
    )
    return paragraph(layout, Span("", size=4))


def page_field(size: float) -> str:
    """The runs of a PAGE field (the page's number, Arabic)."""
    rpr = f'<w:rPr><w:sz w:val="{half_points(size)}"/><w:szCs w:val="{half_points(size)}"/></w:rPr>'
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)


def table_properties(
    width_mm: float, *, style: str = "", borders: str = "", margin_mm: float = 1.5
) -> str:
    """``w:tblPr`` in CT_TblPr's order: tblStyle, tblW, jc, tblBorders, tblLayout, tblCellMar,
    tblLook; a fixed layout, so the columns keep the widths given."""
    margin = twips(margin_mm)
    return (
        "<w:tblPr>"
        + (f'<w:tblStyle w:val="{style}"/>' if style else "")
        + f'<w:tblW w:w="{twips(width_mm)}" w:type="dxa"/><w:jc w:val="center"/>'
        + borders
        + '<w:tblLayout w:type="fixed"/>'
        + f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
        + f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        + '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )


def cell(width_mm: float, content: str, valign: str = "center") -> str:
    """A ``w:tc`` (tcPr: tcW, then vAlign) holding paragraphs."""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{twips(width_mm)}" w:type="dxa"/>'
        f'<w:vAlign w:val="{valign}"/></w:tcPr>{content}</w:tc>'
    )


def grid(widths_mm: list[float]) -> str:
    return (
        "<w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths_mm)
        + "</w:tblGrid>"
    )
