"""A bordered data table as WordprocessingML, its columns as wide as their content.

Each column is measured (its longest cell, and its header's longest word: the header may
wrap, a word never splits); the name column (the unit, the field) takes the room the others
leave, so a «Hạng» column is never wide while the units' names wrap onto four lines. When the
content is wider than the page, the widest of the other columns give way first, down to
their longest word. The header row repeats on every page and stays with the first row; rows
never split; a short table is kept on one page; every column but the name column is
centred.

Written as one piece of text rather than cell by cell: python-docx's cell API is what would
dominate the time of thousands of scorecards.
"""

from __future__ import annotations

from collections.abc import Sequence

from parindex.reports.document import TABLE_PT
from parindex.reports.docx_layout import TEXT_WIDTH_MM
from parindex.reports.docx_xml import Layout, Span, cell, grid, paragraph, table_properties, text_mm

CELL_MARGIN_MM = 1.5
SLACK_MM = 2.5
"""Beyond the measured text: LibreOffice and Word do not break lines at the same width."""
NAME_MIN_SHARE = 0.4
"""The name column keeps at least this share of the width (when its names need it)."""
KEEP_TOGETHER_ROWS = 25
"""A table this short is kept on one page (each row kept with the next)."""
SHORT_NAME_SHARE = 0.3
"""A name column whose longest name needs less than this share keeps only this share."""
OTHER_MAX_SHARE = 0.3
"""No column but the name column takes more than this share of the width."""


def _words_mm(text: str, bold: bool = False) -> float:
    return max((text_mm(word, TABLE_PT, bold=bold) for word in text.split()), default=0.0)


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    name_column: int,
    width: float,
    compact: bool = False,
) -> list[float]:
    """Millimetres per column, summing to ``width``.

    Every column but the name column gets its longest cell (never less than its longest
    word); a header gets its whole text on one line while the name column keeps at least
    ``NAME_MIN_SHARE`` of the width (or half of what its longest name needs); the name column takes the rest.
    ``compact`` (a few short labels, such as the classes): the name column keeps
    ``SHORT_NAME_SHARE`` of the width and the others share what is left.
    """
    count = len(header)
    pad = 2 * CELL_MARGIN_MM + SLACK_MM
    body_need, header_need, least = [], [], []
    for c in range(count):
        body = [row[c] for row in rows if c < len(row)]
        body_need.append(max((text_mm(v, TABLE_PT) for v in body), default=0.0) + pad)
        header_need.append(text_mm(header[c], TABLE_PT, bold=True) + pad)
        word = max([_words_mm(header[c], bold=True), *(_words_mm(v) for v in body)])
        least.append(word + pad)
    need = [max(b, h) for b, h in zip(body_need, header_need, strict=True)]
    name = name_column if 0 <= name_column < count else max(range(count), key=lambda c: need[c])
    cap = OTHER_MAX_SHARE * width
    others = [c for c in range(count) if c != name]
    widths = [0.0] * count
    for c in others:
        widths[c] = max(least[c], min(body_need[c], cap))
    least_name = NAME_MIN_SHARE * width
    keep = min(need[name], max(least_name, need[name] / 2))
    spare = width - keep - sum(widths[c] for c in others)
    for c in sorted(others, key=lambda c: header_need[c] - widths[c]):
        grow = min(header_need[c], cap) - widths[c]
        if 0 < grow <= spare:  # the header on one line
            widths[c] += grow
            spare -= grow
    room = width - min(need[name], least_name)
    taken = sum(widths[c] for c in others)
    if taken > room:  # the widest columns give way, none below its longest word
        slack = sum(widths[c] - least[c] for c in others)
        share = max(0.0, min(1.0, (taken - room) / slack)) if slack else 0.0
        for c in others:
            widths[c] -= (widths[c] - least[c]) * share
    widths[name] = max(width - sum(widths[c] for c in others), 20.0)
    short = max(need[name], SHORT_NAME_SHARE * width)
    if compact and others and widths[name] > short:  # short labels: the others share the room
        extra = (widths[name] - short) / len(others)
        widths[name] = short
        for c in others:
            widths[c] += extra
    return widths


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    name_column: int = 1,
    width: float = TEXT_WIDTH_MM,
    compact: bool = False,
    shares: Sequence[float] = (),
    keep_together: bool = True,
) -> str:
    """The table (style Table Grid, 12 pt), the header bold and repeated on every page.

    ``shares``: each column's share of ``width`` instead of widths by content."""
    if shares and len(shares) == len(header):
        total = sum(shares)
        widths = [width * s / total for s in shares]
    else:
        widths = column_widths(header, rows, name_column, width, compact)
    out = ["<w:tbl>", table_properties(sum(widths), style="TableGrid", margin_mm=CELL_MARGIN_MM)]
    out.append(grid(widths))
    kept = keep_together and len(rows) <= KEEP_TOGETHER_ROWS
    for r, values in enumerate([header, *rows]):
        first = r == 0
        keep = first or (kept and r < len(rows))
        props = "<w:cantSplit/><w:tblHeader/>" if first else "<w:cantSplit/>"
        out.append(f"<w:tr><w:trPr>{props}</w:trPr>")
        for c, w in enumerate(widths):
            value = values[c] if c < len(values) else ""
            align = "center" if first or c != name_column else "left"
            layout = Layout(align=align, before=1, after=1, line=1.0, keep_next=keep)
            out.append(cell(w, paragraph(layout, Span(value, TABLE_PT, bold=first))))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
