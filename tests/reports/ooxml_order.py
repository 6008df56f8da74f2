"""The order of the OOXML schema (ECMA-376 Part 1, wml.xsd) for the property elements a
DOCX writer fills: Word repairs, or opens read-only, a document whose w:pPr, w:rPr, w:tcPr,
w:tblPr or w:sectPr children are out of their sequence; LibreOffice says nothing.

``problems(docx_bytes)`` walks word/document.xml, the headers, footers and styles, and
returns one line per element out of order or unknown to its parent's sequence.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR = (
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline "
    "shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz "
    "szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath rPrChange"
)
TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)
TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange"
)
SECTPR = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
)
BORDERS = "top left start bottom right end between bar insideH insideV tl2br tr2bl"

ORDERS: dict[str, list[str]] = {
    "pPr": PPR.split(),
    "rPr": RPR.split(),
    "tcPr": TCPR.split(),
    "tblPr": TBLPR.split(),
    "sectPr": SECTPR.split(),
    "pBdr": BORDERS.split(),
    "tblBorders": BORDERS.split(),
    "tcBorders": BORDERS.split(),
}
SAME_RANK = {"footerReference": "headerReference"}  # the references form one choice group


def _rank(order: list[str], name: str) -> int:
    return order.index(SAME_RANK.get(name, name))


def element_problems(root: etree._Element, part: str) -> list[str]:
    found = []
    for tag, order in ORDERS.items():
        for element in root.iter(f"{{{W}}}{tag}"):
            last, last_name = -1, ""
            for child in element:
                if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                    continue
                name = etree.QName(child).localname
                if SAME_RANK.get(name, name) not in order:
                    found.append(f"{part}: w:{name} is not a child of w:{tag}")
                    continue
                rank = _rank(order, name)
                if rank < last:
                    found.append(f"{part}: w:{name} after w:{last_name} in w:{tag}")
                last, last_name = max(last, rank), name
    return found


def problems(data: bytes) -> list[str]:
    """Every property element out of the schema's order in the DOCX's WordprocessingML parts."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            if not part.startswith("word/") or not part.endswith(".xml"):
                continue
            name = part.rsplit("/", 1)[-1]
            if name.startswith(("document", "header", "footer", "styles")):
                found += element_problems(etree.fromstring(archive.read(part)), part)
    return found
