"""The official documents as DOCX, laid out as Phụ lục I of Decree 30/2020/NĐ-CP.

``render(doc, run)`` lays out an ``OfficialDocument`` (what the document says, written by
``report_document``, ``decision_document`` and ``appendix_document``) and returns the DOCX:
the header table (issuing body and national motto with their rules, number, place and
date) or, for an appendix, «Phụ lục» and the line of the document it is attached to; the
kind and the trích yếu with the rule under it; the body (headings kept with what follows,
justified paragraphs, tables whose columns are as wide as their content, charts at 200 dpi
drawn from ``run``); then «Nơi nhận:» beside the signer. Times New Roman 13–14 pt
(LibreOffice shows the metric-compatible Liberation Serif), A4 with the decree's margins,
the page number at the top from page 2.

``render_report``, ``render_decision`` and ``render_scorecard`` build the document from the
run and the letterhead, then render it.

The styles, the page and the page numbers are built once (``docx_template``); every
paragraph and table is written as text in the schema's order (``docx_xml``) and parsed once
per document, which keeps thousands of scorecards cheap.
"""

from __future__ import annotations

from parindex.core.published import PublishedRun
from parindex.reports import charts
from parindex.reports.appendix_document import appendix_document
from parindex.reports.decision_document import decision_document
from parindex.reports.docx_layout import (
    appendix_head,
    header_table,
    signature,
    title,
)
from parindex.reports.docx_tables import data_table
from parindex.reports.docx_template import Package
from parindex.reports.docx_xml import Layout, Span, paragraph
from parindex.reports.letterhead import Letterhead
from parindex.reports.official import Block, Chart, Heading, OfficialDocument, Para, Table
from parindex.reports.report_document import report_document

FIRST_LINE_MM = 10.0
CHART_WIDTH_MM = 160.0
CHART_MAX_HEIGHT_MM = 200.0


def _heading(block: Heading) -> str:
    level = max(1, block.level)
    return paragraph(
        Layout(
            align="both",
            first_line=FIRST_LINE_MM,
            before=12 if level == 1 else 6,
            after=6,
            keep_next=True,
            keep_lines=True,
            outline=level - 1,
        ),
        Span(block.text, bold=True),
    )


def _para(block: Para, keep_next: bool = False) -> str:
    text = block.text
    italic = block.italic or block.draft
    if block.draft and not text.startswith("["):
        text = f"[{text}]"
    if block.centred:
        layout = Layout(align="center", before=6, keep_next=keep_next)
    else:
        layout = Layout(align="both", first_line=FIRST_LINE_MM, keep_next=keep_next)
    spans = []
    if block.lead:
        spans.append(Span(block.lead.rstrip() + " ", bold=True))
    spans.append(Span(text, bold=block.bold, italic=italic))
    return paragraph(layout, *spans)


def _chart_png(block: Chart, run: PublishedRun) -> bytes:
    if block.kind == "fields":
        return charts.field_profile_chart(run, str(block.unit), titled=not block.title)
    if block.kind == "classes":
        return charts.class_distribution_chart(run, block.block, titled=not block.title)
    return charts.ranking_chart(run, block.block, titled=not block.title)


def _chart(block: Chart, run: PublishedRun, pictures: Package) -> str:
    """The chart's title (kept with it), then the picture, centred."""
    parts = []
    if block.title:
        parts.append(
            paragraph(
                Layout(align="center", before=6, after=3, keep_next=True, keep_lines=True),
                Span(block.title, bold=True),
            )
        )
    picture = pictures.picture(
        _chart_png(block, run), CHART_WIDTH_MM, CHART_MAX_HEIGHT_MM, block.title
    )
    parts.append(paragraph(Layout(align="center", before=0, after=6), extra=picture))
    return "".join(parts)


def _table(block: Table) -> str:
    # a small paragraph after the table keeps the next table or paragraph off its border
    return data_table(
        block.header,
        block.rows,
        block.name_column,
        compact=block.compact,
        shares=block.shares,
        keep_together=block.keep_together,
    ) + paragraph(Layout(before=0, after=0, line=1.0), Span("", size=6))


def _blocks(blocks: tuple[Block, ...], run: PublishedRun | None, pictures: Package) -> list[str]:
    out = []
    last = len(blocks) - 1
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            out.append(_heading(block))
        elif isinstance(block, Para):
            # the last paragraph stays with the signature
            out.append(_para(block, keep_next=i == last))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif run is None:
            raise ValueError("a document with a chart is rendered with the run it is drawn from")
        else:
            out.append(_chart(block, run, pictures))
    return out


def render(doc: OfficialDocument, run: PublishedRun | None = None) -> bytes:
    """The document as DOCX bytes; ``run``: what its charts are drawn from (None: a document
    without charts, such as a plan's annex)."""
    package = Package()
    parts = [header_table(doc), title(doc)] if doc.has_header else [appendix_head(doc)]
    parts += _blocks(doc.blocks, run, package)
    if doc.has_header:
        parts.append(signature(doc.signer, doc.recipients))
    for annex in doc.annexes:
        parts.append(paragraph(Layout(before=0, after=0), extra='<w:r><w:br w:type="page"/></w:r>'))
        parts.append(appendix_head(annex))
        parts += _blocks(annex.blocks, run, package)
    parts.append(paragraph(Layout(before=0, after=0, line=1.0), Span("", size=2)))
    subject = doc.subject or " ".join(doc.title)
    return package.finish(parts, doc.author or (doc.issuer[-1] if doc.issuer else ""), subject)


def render_report(
    run: PublishedRun, head: Letterhead, previous: PublishedRun | None = None
) -> bytes:
    """The report (bao-cao) of the run."""
    return render(report_document(run, head, previous), run)


def render_decision(run: PublishedRun, head: Letterhead) -> bytes:
    """The decision that approves and publishes the index (quyet-dinh)."""
    return render(decision_document(run, head), run)


def render_scorecard(run: PublishedRun, unit_code: str, head: Letterhead) -> bytes:
    """One unit's scorecard, an appendix of the report (phieu-diem)."""
    return render(appendix_document(run, unit_code, head), run)
