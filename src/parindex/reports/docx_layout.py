"""The frame of a Decree 30 document (Phụ lục I of Nghị định 30/2020/NĐ-CP) as WordprocessingML.

``header_table``: the issuing body left (the body above in regular type, the issuing body
bold, a short rule under it 2/5 of its length, «Số: …»), the national name, the motto with
its rule as long as it, and the place and date right, in a borderless table whose right
column is wide enough for the national name on one line (in Word and in LibreOffice).
``appendix_head``: «Phụ lục», its title and the line of the document it is attached to.
``title``: the kind and the trích yếu with a rule under it. ``signature``: «Nơi nhận:» left,
the signer right, side by side, kept together on the last page.
"""

from __future__ import annotations

from parindex.reports.document import MARGINS_MM, MOTTO, NATION
from parindex.reports.docx_xml import (
    NO_BORDERS,
    Layout,
    Span,
    cell,
    grid,
    paragraph,
    rule_paragraph,
    table_properties,
    text_mm,
)
from parindex.reports.letterhead import Signer
from parindex.reports.official import OfficialDocument

TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
HEAD_PT = 13
TITLE_PT = 14
RULE_SHARE = 0.4
"""The rules under the issuing body and the trích yếu: 2/5 of the text (Decree 30: 1/3–1/2)."""
FIT_SLACK_MM = 5.0
"""Room beyond the national name's measured length: LibreOffice sets a line a little wider
than Word does."""
SIGNATURE_LEFT_MM = 78.0
SEAL_SPACE_PT = 78
"""Between the signer's title and name: the signature and the seal (about 2,75 cm)."""
RECIPIENTS_PT = 11
RECIPIENTS_HEAD_PT = 12

_TIGHT = Layout(align="center", before=0, after=0, line=1.0)


def _rule_length(text_length: float, room: float) -> float:
    return RULE_SHARE * min(text_length, room)


def header_widths(doc: OfficialDocument) -> tuple[float, float]:
    """The header's two columns: the right one as wide as its longest line (the national
    name) plus slack, the issuing body's the rest of the text width."""
    right = max(
        text_mm(NATION, HEAD_PT, bold=True),
        text_mm(MOTTO, TITLE_PT, bold=True),
        text_mm(doc.place_date, TITLE_PT, italic=True),
    )
    right = min(TEXT_WIDTH_MM * 0.68, right + FIT_SLACK_MM)
    return TEXT_WIDTH_MM - right, right


def header_table(doc: OfficialDocument) -> str:
    left_mm, right_mm = header_widths(doc)
    lines = [line.upper() for line in doc.issuer]
    left = [
        paragraph(_TIGHT, Span(line, HEAD_PT, bold=i == len(lines) - 1))
        for i, line in enumerate(lines)
    ]
    body = lines[-1]
    left.append(rule_paragraph(left_mm, _rule_length(text_mm(body, HEAD_PT, bold=True), left_mm)))
    if doc.number:
        number = doc.number if doc.number.startswith("Số") else f"Số: {doc.number}"
        left.append(paragraph(Layout(align="center", before=6, after=0, line=1.0), Span(number)))
    right = [
        paragraph(_TIGHT, Span(NATION, HEAD_PT, bold=True)),
        paragraph(_TIGHT, Span(MOTTO, TITLE_PT, bold=True, underline=True)),
    ]
    if doc.place_date:
        right.append(
            paragraph(
                Layout(align="center", before=10, after=0, line=1.0),
                Span(doc.place_date, TITLE_PT, italic=True),
            )
        )
    return (
        "<w:tbl>"
        + table_properties(TEXT_WIDTH_MM, borders=NO_BORDERS, margin_mm=0)
        + grid([left_mm, right_mm])
        + "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + cell(left_mm, "".join(left), valign="top")
        + cell(right_mm, "".join(right), valign="top")
        + "</w:tr></w:tbl>"
    )


def appendix_head(doc: OfficialDocument) -> str:
    """«Phụ lục», the appendix's title lines, «(Kèm theo …)», a short rule: no header."""
    parts = []
    if doc.appendix_label:
        parts.append(
            paragraph(
                Layout(align="center", before=0, after=0, keep_next=True),
                Span(doc.appendix_label, TITLE_PT, bold=True),
            )
        )
    for line in doc.title:
        parts.append(
            paragraph(
                Layout(align="center", before=0, after=0, keep_next=True),
                Span(line, TITLE_PT, bold=True),
            )
        )
    if doc.attached_to:
        parts.append(
            paragraph(
                Layout(align="center", before=0, after=0, keep_next=True),
                Span(doc.attached_to, TITLE_PT, italic=True),
            )
        )
    longest = max(
        (text_mm(line, TITLE_PT, bold=True) for line in doc.title or (doc.appendix_label,)),
        default=0.0,
    )
    parts.append(rule_paragraph(TEXT_WIDTH_MM, _rule_length(longest, TEXT_WIDTH_MM), after=12))
    return "".join(parts)


def title(doc: OfficialDocument) -> str:
    """The kind («BÁO CÁO») and the trích yếu, bold 14 pt centred, a rule under the trích yếu
    2/5 of its length."""
    lines = list(doc.title)
    parts = [
        paragraph(
            Layout(align="center", before=18 if i == 0 else 0, after=0, keep_next=True),
            Span(line, TITLE_PT, bold=True),
        )
        for i, line in enumerate(lines)
    ]
    summary = lines[1:] or lines
    longest = max((text_mm(line, TITLE_PT, bold=True) for line in summary), default=0.0)
    parts.append(rule_paragraph(TEXT_WIDTH_MM, _rule_length(longest, TEXT_WIDTH_MM), after=12))
    if doc.authority:
        parts.append(
            paragraph(
                Layout(align="center", before=6, after=12, keep_next=True),
                Span(doc.authority.upper(), TITLE_PT, bold=True),
            )
        )
    return "".join(parts)


def _kept(align: str, before: float = 0) -> Layout:
    return Layout(align=align, before=before, after=0, line=1.0, keep_next=True, keep_lines=True)


def signature(signer: Signer | None, recipients: tuple[str, ...]) -> str:
    """«Nơi nhận:» (bold italic 12 pt) and its list (11 pt) left, the signer right: capacity
    lines bold upper case 14 pt, room for the signature and the seal, the name bold; one
    row that never splits, every line kept with the next, so the block stays on one page."""
    if not recipients and (signer is None or not signer.present):
        return ""
    left = []
    if recipients:
        left.append(
            paragraph(_kept("left"), Span("Nơi nhận:", RECIPIENTS_HEAD_PT, bold=True, italic=True))
        )
        left += [paragraph(_kept("left"), Span(line, RECIPIENTS_PT)) for line in recipients]
    right = []
    if signer is not None and signer.present:
        right += [
            paragraph(_kept("center"), Span(line, TITLE_PT, bold=True)) for line in signer.lines
        ]
        right.append(
            paragraph(
                _kept("center", before=SEAL_SPACE_PT),
                Span(signer.name.strip(), TITLE_PT, bold=True),
            )
        )
    empty = paragraph(_kept("left"))
    right_mm = TEXT_WIDTH_MM - SIGNATURE_LEFT_MM
    return (
        paragraph(Layout(before=6, after=0, keep_next=True))
        + "<w:tbl>"
        + table_properties(TEXT_WIDTH_MM, borders=NO_BORDERS, margin_mm=0)
        + grid([SIGNATURE_LEFT_MM, right_mm])
        + "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + cell(SIGNATURE_LEFT_MM, "".join(left) or empty, valign="top")
        + cell(right_mm, "".join(right) or empty, valign="top")
        + "</w:tr></w:tbl>"
    )
