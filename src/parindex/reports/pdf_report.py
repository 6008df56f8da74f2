"""The summary report and the scorecards as PDF, drawn directly with fpdf2.

The same content and layout as the DOCX documents (``docx_report``): Decree 30 header
(issuing body left, national motto right, each with its short rule; number, place and
date), the titles, the narrative of report.md, the tables and the charts, on A4 with the
decree's margins, set in Liberation Serif (Times New Roman's metrics with the Vietnamese
letters; the font ships in ``reports/fonts``) so a fresh machine renders the text correctly.

Why not HTML through WeasyPrint (used until #5's benchmark): its layout engine takes
about 160 ms for a two-page scorecard, which puts 3,321 scorecards at 7–8 minutes on two
cores; placing the boxes ourselves takes a fraction of that (docs/decisions.md).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import TTFFont

from parindex.core import palette
from parindex.core.numbers import format_percent
from parindex.core.published import PublishedRun, UnitEntry
from parindex.reports import charts, fonts
from parindex.reports.document import (
    BODY_PT,
    DEFAULT_ISSUER,
    DEFAULT_NUMBER,
    DEFAULT_PLACE,
    FIELD_HEADER,
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

FAMILY = "LiberationSerif"
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
CHART_WIDTH_MM = 160.0
ISSUER_WIDTH_MM = 65.0
INDENT_MM = 10.0
LINE = 1.25
"""Line height as a multiple of the font size (the DOCX documents' spacing)."""
CELL_LINE = 1.15
CELL_PAD_MM = (0.8, 1.0)
MIN_COLUMN_MM, MAX_COLUMN_MM, MIN_NAME_MM = 10.0, 45.0, 45.0
"""Table cells: padding above/below and left/right."""
PT_MM = 25.4 / 72
STYLES = {"": "Regular", "B": "Bold", "I": "Italic"}
FONT_DIRS = (
    fonts.FOLDER,  # shipped with the package: a fresh machine needs no font package
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
)
VIETNAMESE_PROBE = 0x1EA1  # ạ
LETTERS = [
    *range(0x20, 0x7F),  # ASCII
    *range(0xA0, 0x100),  # Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý and their capitals
    *(0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169),  # Ă ă Đ đ Ĩ ĩ Ũ ũ
    *(0x1A0, 0x1A1, 0x1AF, 0x1B0),  # Ơ ơ Ư ư
    *(0x300, 0x301, 0x303, 0x309, 0x323),  # the tone marks, for text in decomposed form
    *range(0x1EA0, 0x1EFA),  # ạ ả ấ … ỹ
    *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030, 0x2212),
    *(0x20AB, 0x2116),  # ₫ №
]
"""What documents are written in; the font is cut down to these letters once per process."""


class FontMissing(RuntimeError):
    """No Liberation Serif with the Vietnamese letters on this machine."""


@lru_cache(maxsize=1)
def _source_fonts() -> dict[str, Path]:
    """Liberation Serif's styles, from the first folder whose Regular has 'ạ'.

    Debian's fonts-liberation 1.07 also installs a Liberation Serif, without the
    Vietnamese letters; only fonts-liberation2's is taken.
    """
    from fontTools.ttLib import TTFont

    for folder in FONT_DIRS:
        for regular in sorted(folder.rglob("LiberationSerif-Regular.ttf")):
            try:
                cmap = TTFont(regular, lazy=True).getBestCmap()
            except Exception:  # an unreadable file is just not a candidate
                continue
            files = {
                style: regular.with_name(f"LiberationSerif-{name}.ttf")
                for style, name in STYLES.items()
            }
            if VIETNAMESE_PROBE in cmap and all(p.exists() for p in files.values()):
                return files
    raise FontMissing(
        "Không tìm thấy phông Liberation Serif có chữ tiếng Việt để viết PDF: "
        "tệp phông đi kèm phần mềm (reports/fonts) bị thiếu hoặc hỏng; cài lại parindex."
    )


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """The fonts as embedded: Liberation Serif cut down to ``LETTERS``, without hinting.

    The full font has 2,600 glyphs (Greek, Cyrillic, Hebrew …); every PDF parses and
    subsets the fonts it uses, and doing that on the 800 glyphs of the Latin and
    Vietnamese letters is what keeps thousands of scorecards fast. Written once per
    machine into the temporary folder, named by the source file's size and date.
    """
    import os
    import tempfile

    from fontTools import subset
    from fontTools.ttLib import TTFont

    folder = Path(tempfile.gettempdir()) / f"parindex-fonts-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    cut = {}
    for style, source in _source_fonts().items():
        stat = source.stat()
        target = folder / f"{source.stem}-{stat.st_size}-{int(stat.st_mtime)}-vi.ttf"
        if not target.exists():
            font = TTFont(source)
            options = subset.Options()
            options.notdef_outline = True
            options.recommended_glyphs = True
            options.hinting = False
            options.layout_features = []
            options.name_IDs = ["*"]
            options.drop_tables += ["FFTM"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=LETTERS)
            subsetter.subset(font)
            staging = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(staging)
            staging.replace(target)
        cut[style] = target
    return cut


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
    """The cycle's summary report as PDF bytes."""
    head = Letterhead(issuer, number, place, date, signer_title, signer_name)

    def build(pdf: _Document) -> None:
        pdf.letterhead(head)
        pdf.titles(summary_title(results))
        pdf.paragraph(framework_line(results), italic=True)
        for heading, paragraphs in summary_content(results):
            if heading:
                pdf.heading(heading)
            for text in paragraphs:
                pdf.paragraph(text)
        pdf.heading("Bảng xếp hạng")
        header, rows = ranking_rows(results)
        pdf.data_table(header, rows, name_column=2 if results.blocked else 1)
        pdf.heading(f"Biểu đồ xếp hạng {results.framework.index_name}")
        pdf.chart(charts.ranking_chart(results))
        pdf.heading("Phân bố chỉ số theo xếp loại")
        pdf.chart(charts.class_distribution_chart(results))
        pdf.signature(head)

    return _render(summary_title(results)[1], build)


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
    """One unit's scorecard as PDF bytes."""
    head = Letterhead(issuer, number, place, date, signer_title, signer_name)
    unit = unit_of(results, unit_code)
    titles = scorecard_title(results, unit)

    def build(pdf: _Document) -> None:
        pdf.letterhead(head)
        pdf.titles(titles)
        pdf.paragraph(framework_line(results), italic=True)
        for text in scorecard_paragraphs(results, unit_code):
            pdf.paragraph(text)
        parts = part_rows(unit)
        if parts:
            pdf.heading("Điểm theo thành phần")
            pdf.data_table(PART_HEADER, parts, name_column=0)
        pdf.heading("Kết quả theo từng lĩnh vực")
        pdf.data_table(
            FIELD_HEADER, [*field_rows(results, unit), *total_rows(results, unit)], name_column=1
        )
        pdf.field_profile(results, unit)
        pdf.signature(head)

    return _render(" — ".join(titles), build)


def _render(title: str, build: Callable[[_Document], None]) -> bytes:
    """The document in the cut fonts; again in the full ones if a letter was not in them."""
    pdf = _Document(title, font_files())
    build(pdf)
    if pdf.missing:
        pdf = _Document(title, _source_fonts())
        build(pdf)
    return pdf.bytes()


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


_AVERAGES: tuple[PublishedRun | None, dict[str | None, dict[str, float]]] = (None, {})


def _field_averages(results: PublishedRun, block: str | None) -> dict[str, float]:
    """``charts.field_averages``, once per run and block (thousands of scorecards share it)."""
    global _AVERAGES
    if _AVERAGES[0] is not results:
        _AVERAGES = (results, {})
    found = _AVERAGES[1]
    if block not in found:
        found[block] = charts.field_averages(results, block)
    return found[block]


class _Document(FPDF):
    """An A4 page with the decree's margins, Liberation Serif, the page number at the foot.

    Paragraphs and tables are laid out here (words measured with the font's widths,
    drawn with ``text``) rather than by fpdf2's ``multi_cell``/``table``, which measure
    character by character and would dominate the time of thousands of scorecards.
    """

    def __init__(self, title: str, fonts: Mapping[str, Path]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.missing: set[str] = set()
        self.set_margins(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"])
        self.set_auto_page_break(True, margin=MARGINS_MM["bottom"])
        for style, path in fonts.items():
            self.add_font(FAMILY, style, str(path))
        for font in self.fonts.values():
            # The glyphs are copied as they are: recomputing their boxes means decoding
            # and re-encoding every outline, half the time of a scorecard.
            if isinstance(font, TTFFont):  # all of them: the fonts just added
                font.ttfont.recalcBBoxes = False
        self.set_title(title)
        self.set_lang("vi")
        self.set_creator("parindex")
        self.add_page()

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT_MM - MARGINS_MM["bottom"]

    def footer(self) -> None:
        self.set_y(-MARGINS_MM["bottom"] + 6)
        self.set_font(FAMILY, "", 11)
        self.cell(0, 5, str(self.page_no()), align=Align.C)

    @property
    def _ttf(self) -> TTFFont:
        """The current font: always one of the TrueType fonts of ``__init__`` (``_font``)."""
        font = self.current_font
        if not isinstance(font, TTFFont):
            raise RuntimeError(f"no {FAMILY} font set")
        return font

    def _font(self, size: float, style: str = "") -> float:
        """Set the font; returns the line height in mm."""
        self.set_font(FAMILY, style, size)
        return size * PT_MM * LINE

    def normalize_text(self, text: str) -> str:
        """Text as drawn: composed (NFC) letters; notes any the font has no glyph for."""
        text = unicodedata.normalize("NFC", text)
        known = self._ttf.cmap
        self.missing.update(ch for ch in text if ord(ch) not in known)
        return text

    def width(self, text: str) -> float:
        """Width in mm of ``text`` in the current font."""
        widths = self._ttf.cw
        return sum(widths[ord(ch)] for ch in text) * self.font_size / 1000

    def lines(self, text: str, width: float, first: float | None = None) -> list[list[str]]:
        """Greedy word wrap: the words of each line (``first``: the first line's width)."""
        space = self.width(" ")
        text = unicodedata.normalize("NFC", text)
        lines: list[list[str]] = [[]]
        used, room = 0.0, width if first is None else first
        for word in text.split():
            size = self.width(word)
            if lines[-1] and used + space + size > room:
                lines.append([])
                used, room = 0.0, width
            used += size + (space if lines[-1] else 0.0)
            lines[-1].append(word)
        return lines

    def _baseline(self, top: float, height: float) -> float:
        """Where text sits in a line box ``height`` tall starting at ``top``."""
        return top + (height + self.font_size * 0.7) / 2

    def letterhead(self, head: Letterhead) -> None:
        """Issuing body and number on the left, nation, motto, place and date on the right."""
        left, top = self.l_margin, self.get_y()
        right_x, right_w = left + ISSUER_WIDTH_MM, TEXT_WIDTH_MM - ISSUER_WIDTH_MM
        lines = head.issuer_lines or [DEFAULT_ISSUER]
        y = top
        for i, line in enumerate(lines):
            y = self._centred(
                line, left, ISSUER_WIDTH_MM, y, 13, "B" if i == len(lines) - 1 else ""
            )
        self._rule(left, ISSUER_WIDTH_MM, 0.35, y + 0.8)
        left_bottom = self._centred(head.number_line, left, ISSUER_WIDTH_MM, y + 2, 13)
        y = self._centred(NATION, right_x, right_w, top, 13, "B")
        y = self._centred(MOTTO, right_x, right_w, y, 14, "B")
        self._rule(right_x, right_w, 0.6, y + 0.8)
        y = self._centred(head.place_date, right_x, right_w, y + 2, 14, "I")
        self.set_xy(left, max(left_bottom, y) + 4)

    def signature(self, head: Letterhead) -> None:
        """The signer's capacity and name on the right half, room to sign between them."""
        if not head.signature_lines and not head.signer_name:
            return
        x, width = self.l_margin + TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2
        y = self._page_room(self.get_y() + 4, 14 * PT_MM * LINE * (len(head.signature_lines) + 4))
        for line in head.signature_lines:
            y = self._centred(line, x, width, y, 14, "B")
        self.set_y(self._centred(head.signer_name, x, width, y + 20, 14, "B"))

    def _centred(
        self, text: str, x: float, width: float, y: float, size: float, style: str = ""
    ) -> float:
        """Centred lines within [x, x + width] from ``y``; returns the y below them."""
        height = self._font(size, style)
        for words in self.lines(text, width):
            line = " ".join(words)
            self.text(x + (width - self.width(line)) / 2, self._baseline(y, height), line)
            y += height
        return y

    def _rule(self, x: float, width: float, share: float, y: float) -> None:
        length = width * share
        self.set_line_width(0.26)
        self.line(x + (width - length) / 2, y, x + (width + length) / 2, y)

    def titles(self, lines: Sequence[str]) -> None:
        y = self.get_y()
        for line in lines:
            self._page_room(y, TITLE_PT * PT_MM * LINE)
            y = self._centred(line, self.l_margin, TEXT_WIDTH_MM, y, TITLE_PT, "B")
        self.set_y(y + 4)

    def _page_room(self, y: float, height: float) -> float:
        """``y``, or the top of a new page when ``height`` does not fit below it."""
        if y + height > self.bottom:
            self.add_page()
            return self.get_y()
        return y

    def heading(self, text: str) -> None:
        height = self._font(BODY_PT, "B")
        y = self._page_room(self.get_y() + 2, height * 3)
        for words in self.lines(text, TEXT_WIDTH_MM):
            self.text(self.l_margin, self._baseline(y, height), " ".join(words))
            y += height
        self.set_y(y + 1.5)

    def paragraph(self, text: str, italic: bool = False) -> None:
        """Justified, the first line indented, as the decree's body text."""
        height = self._font(BODY_PT, "I" if italic else "")
        lines = self.lines(text, TEXT_WIDTH_MM, first=TEXT_WIDTH_MM - INDENT_MM)
        space = self.width(" ")
        y = self.get_y()
        for n, words in enumerate(lines):
            y = self._page_room(y, height)
            x = self.l_margin + (INDENT_MM if n == 0 else 0.0)
            room = TEXT_WIDTH_MM - (INDENT_MM if n == 0 else 0.0)
            sizes = [self.width(w) for w in words]
            last = n == len(lines) - 1
            gap = space if last or len(words) < 2 else (room - sum(sizes)) / (len(words) - 1)
            base = self._baseline(y, height)
            if last or len(words) < 2:
                self.text(x, base, " ".join(words))
            else:
                for word, size in zip(words, sizes, strict=True):
                    self.text(x, base, word)
                    x += size + gap
            y += height
        self.set_y(y + 2)

    def data_table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], name_column: int
    ) -> None:
        """Bordered, 12 pt, the header repeated on every page; names left, numbers centred."""
        widths = self._column_widths(header, rows, name_column)
        self.set_line_width(0.18)
        y = self._row(header, widths, None, self.get_y(), bold=True, header=header)
        for values in rows:
            y = self._row(values, widths, name_column, y, header=header)
        self.set_y(y + 3)

    def _column_widths(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], name_column: int
    ) -> list[float]:
        """Each column as wide as its longest value (within limits); the name takes the rest."""
        pad = 2 * CELL_PAD_MM[1] + 0.5
        self._font(TABLE_PT, "B")
        widths = [max(self.width(w) for w in (h.split() or [""])) + pad for h in header]
        self._font(TABLE_PT)
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

    def _row(
        self,
        values: Sequence[str],
        widths: Sequence[float],
        name_column: int | None,
        y: float,
        header: Sequence[str],
        bold: bool = False,
    ) -> float:
        line = self._font(TABLE_PT, "B" if bold else "") / LINE * CELL_LINE
        pad_y, pad_x = CELL_PAD_MM
        cells = [self.lines(v, w - 2 * pad_x) for v, w in zip(values, widths, strict=True)]
        height = max(len(c) for c in cells) * line + 2 * pad_y
        if y + height > self.bottom:
            self.add_page()
            y = self.get_y()
            if not bold:
                y = self._row(header, widths, None, y, bold=True, header=header)
                self._font(TABLE_PT)
        x = self.l_margin
        for c, (words_by_line, w) in enumerate(zip(cells, widths, strict=True)):
            self.rect(x, y, w, height)
            top = y + (height - len(words_by_line) * line) / 2
            for words in words_by_line:
                text = " ".join(words)
                left = x + pad_x if c == name_column else x + (w - self.width(text)) / 2
                self.text(left, self._baseline(top, line), text)
                top += line
            x += w
        return y + height

    def chart(self, png: bytes) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            height = CHART_WIDTH_MM * image.height / image.width
        y = self._page_room(self.get_y(), height)
        x = self.l_margin + (TEXT_WIDTH_MM - CHART_WIDTH_MM) / 2
        self.image(io.BytesIO(png), x=x, y=y, w=CHART_WIDTH_MM, h=height)
        self.set_y(y + height + 3)

    def field_profile(self, results: PublishedRun, unit: UnitEntry) -> None:
        """The unit's fields as % of their max (weak fields red), with its group's averages.

        The same chart as ``charts.field_profile_chart`` (DOCX), drawn as vector graphics:
        sharp on paper, and a fraction of the time of a picture for each of thousands.
        """
        fields = results.framework.fields
        block = unit.block if results.blocked else None  # its block's averages, none across
        averages = _field_averages(results, block)
        height, left, bottom, top = 72.0, 17.0, 9.0, 9.0
        y0 = self._page_room(self.get_y() + 2, height)
        x0 = self.l_margin + (TEXT_WIDTH_MM - CHART_WIDTH_MM) / 2
        plot_x, plot_w = x0 + left, CHART_WIDTH_MM - left - 2
        plot_top, plot_h = y0 + top, height - top - bottom
        ceiling = 112.0

        def y_of(percent: float) -> float:
            return plot_top + plot_h * (1 - percent / ceiling)

        title = f"Kết quả theo lĩnh vực của {unit.display_name} năm {results.period}"
        self._font(10)
        self.text(x0 + (CHART_WIDTH_MM - self.width(title)) / 2, y0 + 5, title)
        self._font(8)
        self.set_draw_color(200, 200, 200)
        self.set_line_width(0.1)
        for tick in range(0, 101, 20):
            y = y_of(tick)
            self.line(plot_x, y, plot_x + plot_w, y)
            label = format_percent(Decimal(tick))
            self.text(plot_x - 1.5 - self.width(label), y + 1, label)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        self.rect(plot_x, plot_top, plot_w, plot_h)
        with self.rotation(90, x0 + 3.5, plot_top + plot_h / 2):
            axis = "Tỷ lệ đạt so với điểm tối đa"
            self.text(x0 + 3.5 - self.width(axis) / 2, plot_top + plot_h / 2 + 1, axis)
        slot = plot_w / max(len(fields), 1)
        points: list[tuple[float, float]] = []
        for i, framework_field in enumerate(fields):
            code = framework_field.code
            mine = unit.field(code)
            value = _float(mine.percent) if mine is not None else None
            centre = plot_x + slot * (i + 0.5)
            bar = slot * 0.6
            if value is not None:
                weak = mine is not None and mine.weak
                self.set_fill_color(*_rgb(palette.WEAK_BAR if weak else palette.FIELD_BAR))
                self.rect(centre - bar / 2, y_of(value), bar, y_of(0) - y_of(value), style="F")
            label = "KĐG" if value is None else charts.vn_number(value) + "%"
            self.text(centre - self.width(label) / 2, y_of(value or 0) - 1, label)
            field_label = f"LV {code}"
            self.text(centre - self.width(field_label) / 2, plot_top + plot_h + 4, field_label)
            if code in averages:
                points.append((centre, y_of(averages[code])))
        colour = _rgb(palette.AVERAGE_LINE)
        self.set_draw_color(*colour)
        self.set_fill_color(*colour)
        self.set_line_width(0.3)
        with self.local_context():
            self.set_dash_pattern(dash=1.2, gap=0.8)
            for (xa, ya), (xb, yb) in itertools.pairwise(points):
                self.line(xa, ya, xb, yb)
        for x, y in points:
            self.polygon([(x, y - 1), (x + 1, y), (x, y + 1), (x - 1, y)], style="F")
        legend = charts.average_label(results, block)
        box_w = self.width(legend) + 12
        bx, by = plot_x + plot_w - box_w - 1.5, plot_top + plot_h - 7.5
        self.set_fill_color(255, 255, 255)
        self.set_draw_color(180, 180, 180)
        self.rect(bx, by, box_w, 6, style="DF")
        self.set_draw_color(*colour)
        self.set_fill_color(*colour)
        with self.local_context():
            self.set_dash_pattern(dash=1.2, gap=0.8)
            self.line(bx + 1.5, by + 3, bx + 8, by + 3)
        self.polygon(
            [(bx + 4.75, by + 2), (bx + 5.75, by + 3), (bx + 4.75, by + 4), (bx + 3.75, by + 3)],
            style="F",
        )
        self.text(bx + 10, by + 4, legend)
        self.set_draw_color(0, 0, 0)
        self.set_fill_color(255, 255, 255)
        self.set_y(y0 + height + 3)

    def bytes(self) -> bytes:
        return bytes(self.output())


def font_letters() -> str:
    """The letters of the cut-down fonts every PDF is set in first."""
    return "".join(chr(code) for code in LETTERS)
