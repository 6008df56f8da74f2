"""The page the PDF documents are drawn on: A4, the decree's margins, words placed by hand.

Paragraphs and tables are laid out here (words measured with the font's widths, drawn with
``text``) rather than by fpdf2's ``multi_cell``/``table``, which measure character by
character and would dominate the time of thousands of scorecards (docs/decisions.md).
Page numbers follow Decree 30/2020/NĐ-CP: Arabic, 13 pt, centred in the top margin, from
page 2.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from parindex.reports.document import BODY_PT, MARGINS_MM, TABLE_PT
from parindex.reports.pdf_fonts import FAMILY

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
PAGE_NUMBER_PT = 13
INDENT_MM = 10.0
LINE = 1.25
"""Line height as a multiple of the font size (the DOCX documents' spacing)."""
CELL_LINE = 1.15
CELL_PAD_MM = (0.8, 1.0)
"""Table cells: padding above/below and left/right."""
MIN_COLUMN_MM, MAX_COLUMN_MM, MIN_NAME_MM = 10.0, 45.0, 45.0
PT_MM = 25.4 / 72
CHART_DPI = 200
"""The charts' resolution when their PNG does not say (``charts``)."""

Word = tuple[str, str]
"""A word and its style ('', 'B', 'I', 'BI')."""


@dataclass(frozen=True)
class TableLayout:
    """A table measured: column widths, and each row's lines per cell and height."""

    widths: list[float]
    header: list[list[list[str]]]
    header_height: float
    rows: list[tuple[list[list[list[str]]], float]]
    line: float


class Page(FPDF):
    """An A4 document in Liberation Serif (``fonts``: its styles' files, added when used)."""

    def __init__(self, fonts: Mapping[str, Path]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.missing: set[str] = set()
        self._files = dict(fonts)
        self.set_margins(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"])
        self.set_auto_page_break(True, margin=MARGINS_MM["bottom"])
        self.set_lang("vi")
        self.set_creator("parindex")

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT_MM - MARGINS_MM["bottom"]

    def header(self) -> None:
        """The page number, centred in the top margin, from page 2 (none at the foot)."""
        number = self.page_no()
        if number < 2:
            return
        self.use_font(PAGE_NUMBER_PT)
        label = str(number)
        self.text(MARGINS_MM["left"] + (TEXT_WIDTH_MM - self.width(label)) / 2, 12.5, label)

    def _cw(self, style: str) -> TTFFont:
        """The TrueType font of a style, added to the document the first time it is used."""
        key = f"{FAMILY.lower()}{style}"
        if key not in self.fonts:
            # The glyphs are copied as they are: recomputing their boxes means decoding
            # and re-encoding every outline, half the time of a scorecard.
            self.add_font(FAMILY, style, str(self._files[style]))
        font = self.fonts[key]
        if not isinstance(font, TTFFont):
            raise RuntimeError(f"no {FAMILY} font {style!r}")
        font.ttfont.recalcBBoxes = False
        return font

    def use_font(self, size: float, style: str = "") -> float:
        """Set the font; returns the line height in mm."""
        self._cw(style)
        self.set_font(FAMILY, style, size)
        return size * PT_MM * LINE

    def normalize_text(self, text: str) -> str:
        """Text as drawn: composed (NFC) letters; notes any the font has no glyph for."""
        text = unicodedata.normalize("NFC", text)
        font = self.current_font
        known = font.cmap if isinstance(font, TTFFont) else {}
        self.missing.update(ch for ch in text if ord(ch) not in known)
        return text

    def width(self, text: str, style: str | None = None) -> float:
        """Width in mm of ``text`` in the current size, the current style or ``style``."""
        font = self.current_font if style is None else self._cw(style)
        if not isinstance(font, TTFFont):
            raise RuntimeError(f"no {FAMILY} font set")
        widths = font.cw
        return sum(widths[ord(ch)] for ch in text) * self.font_size / 1000

    def lines(self, text: str, width: float, first: float | None = None) -> list[list[str]]:
        """Greedy word wrap in the current font: the words of each line."""
        style = self.font_style
        return [
            [w for w, _ in line]
            for line in self.styled_lines(self.words(text, style), width, first)
        ]

    @staticmethod
    def words(text: str, style: str = "") -> list[Word]:
        return [(w, style) for w in unicodedata.normalize("NFC", text).split()]

    def styled_lines(
        self, words: Sequence[Word], width: float, first: float | None = None
    ) -> list[list[Word]]:
        """Greedy word wrap of styled words (``first``: the first line's width)."""
        space = self.width(" ", "")
        lines: list[list[Word]] = [[]]
        used, room = 0.0, width if first is None else first
        for word in words:
            size = self.width(word[0], word[1])
            if lines[-1] and used + space + size > room:
                lines.append([])
                used, room = 0.0, width
            used += size + (space if lines[-1] else 0.0)
            lines[-1].append(word)
        return lines

    def baseline(self, top: float, height: float) -> float:
        """Where text sits in a line box ``height`` tall starting at ``top``."""
        return top + (height + self.font_size * 0.7) / 2

    def centred(
        self, text: str, x: float, width: float, y: float, size: float, style: str = ""
    ) -> float:
        """Centred lines within [x, x + width] from ``y``; returns the y below them."""
        height = self.use_font(size, style)
        for words in self.lines(text, width):
            line = " ".join(words)
            self.text(x + (width - self.width(line)) / 2, self.baseline(y, height), line)
            y += height
        return y

    def rule(self, centre: float, length: float, y: float) -> None:
        """A horizontal rule ``length`` long centred on ``centre`` (0.26 mm: a Word rule)."""
        self.set_line_width(0.26)
        self.line(centre - length / 2, y, centre + length / 2, y)

    def room(self, y: float, height: float) -> float:
        """``y``, or the top of a new page when ``height`` does not fit below it."""
        if y + height > self.bottom:
            self.add_page()
            return self.get_y()
        return y

    # --- paragraphs ------------------------------------------------------------------------

    def paragraph_lines(self, words: Sequence[Word], centred: bool) -> list[list[Word]]:
        self.use_font(BODY_PT)
        if centred:
            return self.styled_lines(words, TEXT_WIDTH_MM)
        return self.styled_lines(words, TEXT_WIDTH_MM, first=TEXT_WIDTH_MM - INDENT_MM)

    def paragraph(self, words: Sequence[Word], centred: bool = False) -> None:
        """Justified with the first line indented, or centred; each word in its style."""
        height = self.use_font(BODY_PT)
        space = self.width(" ")
        y = self.get_y()
        lines = self.paragraph_lines(words, centred)
        for n, line in enumerate(lines):
            y = self.room(y, height)
            indent = INDENT_MM if n == 0 and not centred else 0.0
            room = TEXT_WIDTH_MM - indent
            sizes = [self.width(w, s) for w, s in line]
            last = n == len(lines) - 1
            natural = sum(sizes) + space * (len(line) - 1)
            if centred:
                x, gap = self.l_margin + (TEXT_WIDTH_MM - natural) / 2, space
            elif last or len(line) < 2:
                x, gap = self.l_margin + indent, space
            else:
                x, gap = self.l_margin + indent, (room - sum(sizes)) / (len(line) - 1)
            base = self.baseline(y, height)
            self._draw_words(line, sizes, x, base, gap, justified=gap != space)
            y += height
        self.set_y(y + 2)

    def _draw_words(
        self,
        line: Sequence[Word],
        sizes: Sequence[float],
        x: float,
        base: float,
        gap: float,
        justified: bool,
    ) -> None:
        """A line's words: runs of one style drawn at once unless the line is justified."""
        start = 0
        while start < len(line):
            style = line[start][1]
            end = start + 1
            if not justified:
                while end < len(line) and line[end][1] == style:
                    end += 1
            self.set_font(FAMILY, style, BODY_PT)
            self.text(x, base, " ".join(w for w, _ in line[start:end]))
            x += sum(sizes[start:end]) + gap * (end - start)
            start = end

    # --- tables ----------------------------------------------------------------------------

    def table_layout(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], name_column: int
    ) -> TableLayout:
        widths = self._column_widths(header, rows, name_column)
        pad_y, pad_x = CELL_PAD_MM
        line = self.use_font(TABLE_PT, "B") / LINE * CELL_LINE
        head = [self.lines(v, w - 2 * pad_x) for v, w in zip(header, widths, strict=True)]
        head_height = max(len(c) for c in head) * line + 2 * pad_y
        self.use_font(TABLE_PT)
        measured = []
        for values in rows:
            cells = [self.lines(v, w - 2 * pad_x) for v, w in zip(values, widths, strict=True)]
            measured.append((cells, max(len(c) for c in cells) * line + 2 * pad_y))
        return TableLayout(widths, head, head_height, measured, line)

    def _column_widths(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], name_column: int
    ) -> list[float]:
        """Each column as wide as its longest value (within limits); the name takes the rest."""
        pad = 2 * CELL_PAD_MM[1] + 0.5
        self.use_font(TABLE_PT, "B")
        widths = [self._header_width(h) + pad for h in header]
        self.use_font(TABLE_PT)
        for values in rows:
            for c, value in enumerate(values):
                widths[c] = max(widths[c], self.width(value) + pad)
        widths = [min(max(w, MIN_COLUMN_MM), MAX_COLUMN_MM) for w in widths]
        others = sum(w for c, w in enumerate(widths) if c != name_column)
        room = TEXT_WIDTH_MM - MIN_NAME_MM
        scale = min(1.0, room / others) if others else 1.0
        widths = [w * scale for w in widths]
        widths[name_column] = TEXT_WIDTH_MM - others * scale
        return widths

    def _header_width(self, text: str) -> float:
        """What a header asks of its column: room for it on two lines (the values may
        widen the column further; the name column takes what the others leave)."""
        words = text.split()
        if len(words) < 2:
            return self.width(text)
        return min(
            max(self.width(" ".join(words[:n])), self.width(" ".join(words[n:])))
            for n in range(1, len(words))
        )

    def data_table(self, layout: TableLayout, name_column: int) -> None:
        """Bordered, 12 pt, the header repeated on every page; names left, the rest centred."""
        self.set_line_width(0.18)
        y = self._row(layout, layout.header, layout.header_height, None, self.get_y(), "B")
        for cells, height in layout.rows:
            if y + height > self.bottom:
                self.add_page()
                y = self._row(layout, layout.header, layout.header_height, None, self.get_y(), "B")
            y = self._row(layout, cells, height, name_column, y, "")
        self.set_y(y + 3)

    def _row(
        self,
        layout: TableLayout,
        cells: Sequence[Sequence[Sequence[str]]],
        height: float,
        name_column: int | None,
        y: float,
        style: str,
    ) -> float:
        self.use_font(TABLE_PT, style)
        self.set_line_width(0.18)
        line, pad_x = layout.line, CELL_PAD_MM[1]
        x = self.l_margin
        for c, (words_by_line, w) in enumerate(zip(cells, layout.widths, strict=True)):
            self.rect(x, y, w, height)
            top = y + (height - len(words_by_line) * line) / 2
            for words in words_by_line:
                text = " ".join(words)
                left = x + pad_x if c == name_column else x + (w - self.width(text)) / 2
                self.text(left, self.baseline(top, line), text)
                top += line
            x += w
        return y + height

    # --- pictures --------------------------------------------------------------------------

    def image_size(self, png: bytes) -> tuple[float, float]:
        """A PNG's size in mm at its resolution (``CHART_DPI`` when it states none), no wider
        than the text."""
        width_px, height_px = struct.unpack(">II", png[16:24])
        dpi = float(CHART_DPI)
        at = png.find(b"pHYs")
        if at > 0:
            per_x, _per_y, unit = struct.unpack(">IIB", png[at + 4 : at + 13])
            if unit == 1 and per_x:
                dpi = per_x * 0.0254
        width = width_px / dpi * 25.4
        height = height_px / dpi * 25.4
        if width > TEXT_WIDTH_MM:
            width, height = TEXT_WIDTH_MM, height * TEXT_WIDTH_MM / width
        return width, height
