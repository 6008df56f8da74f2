"""An official document (``OfficialDocument``) as PDF, drawn directly with fpdf2.

The layout of Phụ lục I of Decree 30/2020/NĐ-CP, as the DOCX documents (``docx_report``):
the header (the issuing body left under its parent body, with a short rule; the Quốc hiệu
on one line and the Tiêu ngữ with its rule right; the number, the place and date), the kind
and the trích yếu with its rule, the body, then «Nơi nhận:» on the left half and the signer
on the right, kept together on the last page; page numbers centred in the top margin from
page 2. An appendix («Phụ lục») has only its label, title and the line of the document it
is attached to. A4 with the decree's margins, Liberation Serif (``pdf_fonts``).

Why not HTML through WeasyPrint (used until #5's benchmark): its layout engine takes
about 160 ms for a two-page scorecard, which puts 3,321 scorecards at 7–8 minutes on two
cores; placing the boxes ourselves (``pdf_layout``) takes a fraction of that
(docs/decisions.md).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from parindex.core.published import PublishedRun
from parindex.reports import charts
from parindex.reports.document import BODY_PT, MOTTO, NATION, TITLE_PT
from parindex.reports.letterhead import PLACE_WORDS, Letterhead
from parindex.reports.official import Block, Chart, Heading, OfficialDocument, Para, Table
from parindex.reports.pdf_field_chart import HEIGHT_MM as FIELDS_HEIGHT_MM
from parindex.reports.pdf_field_chart import field_profile
from parindex.reports.pdf_fonts import FontMissing as FontMissing
from parindex.reports.pdf_fonts import font_files, font_letters, source_fonts
from parindex.reports.pdf_layout import (
    INDENT_MM,
    LINE,
    PT_MM,
    TEXT_WIDTH_MM,
    Page,
    TableLayout,
    Word,
)

__all__ = [
    "FontMissing",
    "font_letters",
    "render",
    "render_decision",
    "render_report",
    "render_scorecard",
]

_source_fonts = source_fonts  # the name the font tests clear
ISSUER_WIDTH_MM = 65.0
"""The header's left column; the right one (100 mm) holds the Quốc hiệu on one line."""
HEADER_PT = 13
MOTTO_PT = 14
RULE_SHARE = 0.4
"""The rules under the issuing body and the trích yếu: 1/3–1/2 of the text (Decree 30)."""
CHART_MAX_HEIGHT_MM = 200.0
"""A chart of many units is scaled down to this height (the DOCX documents' limit)."""
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
SIGN_SPACE_MM = 25.0
"""Between the signer's capacity and name: the seal and the signature."""
KEEP_LINES = 2
"""A heading stays with at least this many lines (or table rows) of what follows it."""
SHORT_TABLE = 0.3
"""A table shorter than this share of the page is not split across pages."""


def render(doc: OfficialDocument, run: PublishedRun | None = None) -> bytes:
    """The document in the cut fonts; again in the full ones if a letter was not in them.
    ``run``: what its charts are drawn from (None: a document without charts)."""
    pdf = _Document(doc, run, font_files())
    pdf.draw()
    if pdf.missing:
        pdf = _Document(doc, run, source_fonts())
        pdf.draw()
    return bytes(pdf.output())


def render_report(
    run: PublishedRun, head: Letterhead, previous: PublishedRun | None = None
) -> bytes:
    """The report (bao-cao) as PDF bytes."""
    from parindex.reports.report_document import report_document

    return render(report_document(run, head, previous), run)


def render_decision(run: PublishedRun, head: Letterhead) -> bytes:
    """The decision that publishes the index (quyet-dinh) as PDF bytes."""
    from parindex.reports.decision_document import decision_document

    return render(decision_document(run, head), run)


def render_scorecard(run: PublishedRun, unit_code: str, head: Letterhead) -> bytes:
    """One unit's scorecard, an appendix of the report, as PDF bytes."""
    from parindex.reports.appendix_document import appendix_document

    return render(appendix_document(run, unit_code, head), run)


def _chart_png(chart: Chart, run: PublishedRun) -> bytes:
    """The ranking or the classes chart of the chart's block (the whole run when None),
    without its own title when the document gives it above."""
    if chart.kind == "classes":
        return charts.class_distribution_chart(run, chart.block, titled=not chart.title)
    return charts.ranking_chart(run, chart.block, titled=not chart.title)


def para_words(para: Para) -> list[Word]:
    """The paragraph's words, each in its style: the lead bold, then the text."""
    italic = "I" if para.italic or para.draft else ""
    style = ("B" if para.bold else "") + italic
    text = para.text
    if para.draft and not text.startswith("["):
        text = f"[{text}]"
    return [*Page.words(para.lead, "B" + italic), *Page.words(text, style)]


class _Document(Page):
    """One official document drawn from the top of page 1."""

    def __init__(self, doc: OfficialDocument, run: PublishedRun | None, fonts: Mapping[str, Path]):
        super().__init__(fonts)
        self.doc, self.run = doc, run
        self.set_title(doc.subject or " ".join(doc.title))
        if doc.author:
            self.set_author(doc.author)
        self._pictures: dict[int, bytes] = {}
        self._blocks: tuple[Block, ...] = doc.blocks
        self.add_page()

    def draw(self) -> None:
        doc = self.doc
        if doc.has_header:
            self.letterhead()
            self.titles()
        else:
            self.appendix_head()
        if doc.authority:
            y = self.centred(doc.authority, self.l_margin, TEXT_WIDTH_MM, self.get_y(), 14, "B")
            self.set_y(y + 3)
        blocks = doc.blocks
        for n, block in enumerate(blocks):
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            self.block(n, block, following)
        if doc.kind != "appendix":
            self.closing()
        for annex in doc.annexes:  # each from a new page, laid out as an appendix
            self.add_page()
            self.doc, self._blocks = annex, annex.blocks
            self.appendix_head()
            for n, block in enumerate(annex.blocks):
                following = annex.blocks[n + 1] if n + 1 < len(annex.blocks) else None
                self.block(n, block, following)
        self.doc, self._blocks = doc, doc.blocks

    # --- the head ------------------------------------------------------------------------

    def letterhead(self) -> None:
        """The issuer and the number left; the Quốc hiệu, Tiêu ngữ, place and date right."""
        doc = self.doc
        left, top = self.l_margin, self.get_y()
        centre = left + ISSUER_WIDTH_MM / 2
        right_x, right_w = left + ISSUER_WIDTH_MM, TEXT_WIDTH_MM - ISSUER_WIDTH_MM
        y, widest = top, 0.0
        for i, issuer in enumerate(doc.issuer):
            style = "B" if i == len(doc.issuer) - 1 else ""
            self.use_font(HEADER_PT, style)
            for line in self.issuer_lines(issuer.upper(), ISSUER_WIDTH_MM):
                y = self.centred(line, left, ISSUER_WIDTH_MM, y, HEADER_PT, style)
                widest = self.width(line) if style else widest
        self.rule(centre, RULE_SHARE * widest, y + 0.8)
        left_y = y + 2.5
        y = self.centred(NATION, right_x, right_w, top, HEADER_PT, "B")
        y = self.centred(MOTTO, right_x, right_w, y, MOTTO_PT, "B")
        self.rule(right_x + right_w / 2, self.width(MOTTO), y + 0.8)
        right_y = y + 2.5
        line_y = max(left_y, right_y)  # the number and the date on one line
        left_bottom = self.centred(doc.number, left, ISSUER_WIDTH_MM, line_y, HEADER_PT)
        right_bottom = y
        if doc.place_date:
            right_bottom = self.centred(doc.place_date, right_x, right_w, line_y, MOTTO_PT, "I")
        self.set_xy(left, max(left_bottom, right_bottom) + 6)

    def issuer_lines(self, text: str, width: float) -> list[str]:
        """A body's name as lines of ``width``: broken before its place when it does not fit
        («ỦY BAN NHÂN DÂN» / «TỈNH LÂM ĐỒNG»), else word by word."""
        if self.width(text) <= width:
            return [text]
        padded = f" {text} "
        for word in PLACE_WORDS:
            at = padded.find(f" {word} ", 1)
            if at > 0:
                head, tail = text[: at - 1].strip(), text[at - 1 :].strip()
                if head and max(self.width(head), self.width(tail)) <= width:
                    return [head, tail]
        return [" ".join(words) for words in self.lines(text, width)]

    def _widest(self, text: str, width: float) -> float:
        """The widest of the lines ``text`` wraps to within ``width`` (current font)."""
        return max((self.width(" ".join(words)) for words in self.lines(text, width)), default=0)

    def titles(self) -> None:
        """The kind (BÁO CÁO, QUYẾT ĐỊNH) and the trích yếu, bold 14, with the rule under it."""
        kind, *summary = self.doc.title or ("",)
        y = self.centred(kind, self.l_margin, TEXT_WIDTH_MM, self.get_y(), TITLE_PT, "B")
        widest = 0.0
        for line in summary:
            y = self.centred(line, self.l_margin, TEXT_WIDTH_MM, y, TITLE_PT, "B")
            widest = max(widest, self._widest(line, TEXT_WIDTH_MM))
        if summary:
            self.rule(self.l_margin + TEXT_WIDTH_MM / 2, RULE_SHARE * widest, y + 0.8)
        self.set_y(y + 6)

    def appendix_head(self) -> None:
        """«Phụ lục», its title (bold 14), «(Kèm theo …)» (italic 14), a short rule."""
        doc = self.doc
        left, y = self.l_margin, self.get_y()
        if doc.appendix_label:
            y = self.centred(doc.appendix_label, left, TEXT_WIDTH_MM, y, TITLE_PT, "B")
        for line in doc.title:
            y = self.centred(line, left, TEXT_WIDTH_MM, y, TITLE_PT, "B")
        widest = self._widest(doc.title[-1], TEXT_WIDTH_MM) if doc.title else 0.0
        if doc.attached_to:
            y = self.centred(doc.attached_to, left, TEXT_WIDTH_MM, y, TITLE_PT, "I")
            widest = self._widest(doc.attached_to, TEXT_WIDTH_MM)
        self.rule(left + TEXT_WIDTH_MM / 2, RULE_SHARE * widest, y + 0.8)
        self.set_y(y + 6)

    # --- the body ------------------------------------------------------------------------

    def block(self, n: int, block: Block, following: Block | None) -> None:
        if isinstance(block, Heading):
            self.heading(block, following, n + 1)
        elif isinstance(block, Para):
            self.paragraph(para_words(block), centred=block.centred)
        elif isinstance(block, Table):
            layout = self.table_layout(block.header, block.rows, block.name_column)
            self.set_y(self.room(self.get_y(), self._start_of_table(layout)))
            self.data_table(layout, block.name_column)
        else:
            self.chart(n, block)

    def _heading_lines(self, heading: Heading) -> tuple[list[list[str]], float, float]:
        height = self.use_font(BODY_PT, "B")
        indent = 0.0 if heading.level <= 1 else INDENT_MM
        return self.lines(heading.text, TEXT_WIDTH_MM - indent), height, indent

    def heading(self, heading: Heading, following: Block | None, at: int) -> None:
        """Bold; moved to the next page with what follows when they do not fit together."""
        lines, height, indent = self._heading_lines(heading)
        need = 2 + len(lines) * height + 1.5 + self._start_of(following, at)
        y = self.room(self.get_y(), need) + 2
        self.use_font(BODY_PT, "B")
        for words in lines:
            self.text(self.l_margin + indent, self.baseline(y, height), " ".join(words))
            y += height
        self.set_y(y + 1.5)

    def _start_of(self, block: Block | None, at: int) -> float:
        """The height a heading needs below it: the first lines, rows or the whole chart."""
        if block is None:
            return 0.0
        if isinstance(block, Para):
            count = len(self.paragraph_lines(para_words(block), block.centred))
            return min(KEEP_LINES, count) * BODY_PT * PT_MM * LINE
        if isinstance(block, Table):
            layout = self.table_layout(block.header, block.rows, block.name_column)
            return self._start_of_table(layout)
        if isinstance(block, Heading):  # a heading under a heading: both go with what follows
            heading, height, _ = self._heading_lines(block)
            after = self._blocks[at + 1] if at + 1 < len(self._blocks) else None
            return 2 + len(heading) * height + 1.5 + self._start_of(after, at + 1)
        return self._chart_height(at, block)

    def _start_of_table(self, layout: TableLayout) -> float:
        """The height a table needs on its first page: whole when short, else its header and
        first rows."""
        whole = layout.header_height + sum(h for _, h in layout.rows)
        if whole <= (self.bottom - self.t_margin) * SHORT_TABLE:
            return whole
        return layout.header_height + sum(h for _, h in layout.rows[:KEEP_LINES])

    def _run(self) -> PublishedRun:
        if self.run is None:
            raise ValueError("a document with a chart is rendered with the run it is drawn from")
        return self.run

    def _picture(self, at: int, chart: Chart) -> bytes:
        if at not in self._pictures:
            self._pictures[at] = _chart_png(chart, self._run())
        return self._pictures[at]

    def _chart_height(self, at: int, chart: Chart) -> float:
        caption = self._caption_height(chart)
        if chart.kind == "fields":
            return caption + FIELDS_HEIGHT_MM + 2
        return caption + self._picture_size(at, chart)[1] + 2

    def _caption_height(self, chart: Chart) -> float:
        if not chart.title:
            return 0.0
        self.use_font(BODY_PT, "B")
        return 3 + len(self.lines(chart.title, TEXT_WIDTH_MM)) * BODY_PT * PT_MM * LINE + 1

    def _picture_size(self, at: int, chart: Chart) -> tuple[float, float]:
        """The picture's size at its resolution, no taller than ``CHART_MAX_HEIGHT_MM``."""
        width, height = self.image_size(self._picture(at, chart))
        if height > CHART_MAX_HEIGHT_MM:
            width, height = width * CHART_MAX_HEIGHT_MM / height, CHART_MAX_HEIGHT_MM
        return width, height

    def chart(self, at: int, chart: Chart) -> None:
        """Its title (bold, centred) kept with it; a picture of the charts module at its
        size; a unit's fields as vector graphics."""
        y = self.room(self.get_y(), self._chart_height(at, chart))
        if chart.title:
            y = self.centred(chart.title, self.l_margin, TEXT_WIDTH_MM, y + 3, BODY_PT, "B") + 1
        if chart.kind == "fields":
            self.set_y(y + 2)
            run = self._run()
            field_profile(self, run, run.unit(str(chart.unit)))
            return
        png = self._picture(at, chart)
        width, height = self._picture_size(at, chart)
        x = self.l_margin + (TEXT_WIDTH_MM - width) / 2
        self.image(io.BytesIO(png), x=x, y=y + 1, w=width, h=height)
        self.set_y(y + height + 4)

    # --- the end -------------------------------------------------------------------------

    def closing(self) -> None:
        """«Nơi nhận:» on the left half, the signer on the right half, side by side."""
        doc = self.doc
        signer = doc.signer if doc.signer is not None and doc.signer.present else None
        if signer is None and not doc.recipients:
            return
        half = TEXT_WIDTH_MM / 2
        left, right = self.l_margin, self.l_margin + half
        title_h = RECIPIENTS_TITLE_PT * PT_MM * LINE
        self.use_font(RECIPIENTS_PT)
        wrapped = [self.lines(r, half - 4) for r in doc.recipients]
        item_h = RECIPIENTS_PT * PT_MM * LINE
        left_h = (title_h + item_h * sum(len(w) for w in wrapped)) if doc.recipients else 0.0
        sign_h = MOTTO_PT * PT_MM * LINE
        capacity = signer.lines if signer else []
        right_h = (sign_h * (len(capacity) + 1) + SIGN_SPACE_MM) if signer else 0.0
        y = self.room(self.get_y() + 4, max(left_h, right_h))
        if doc.recipients:
            height = self.use_font(RECIPIENTS_TITLE_PT, "BI")
            self.text(left, self.baseline(y, height), "Nơi nhận:")
            line_y = y + title_h
            self.use_font(RECIPIENTS_PT)
            for lines in wrapped:
                for n, words in enumerate(lines):
                    indent = 0.0 if n == 0 else 2.0
                    self.text(left + indent, self.baseline(line_y, item_h), " ".join(words))
                    line_y += item_h
        if signer is not None:
            sign_y = y
            for line in capacity:
                sign_y = self.centred(line, right, half, sign_y, MOTTO_PT, "B")
            self.centred(signer.name, right, half, sign_y + SIGN_SPACE_MM, MOTTO_PT, "B")
        self.set_y(y + max(left_h, right_h))
