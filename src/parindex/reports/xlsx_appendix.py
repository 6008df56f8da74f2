"""The appendix of the publishing decision (phụ lục quyết định công bố) as XLSX.

``render(results)`` takes the published run (``PublishedRun``: the ``results.json``
of format ``parindex.results/1``, read once) and returns the workbook's bytes: a sheet "Phụ lục" with
one row per unit in rank order (points per field, appraised self-assessment
points, survey points, total, applicable max, index, rank, class and the change
against the previous period), a sheet "Theo lĩnh vực" with each field's
percentage of its max and a sheet "Theo tiêu chí" with each criterion's points.

Numbers stay numbers; their formats carry the Vietnamese locale tag so Excel and
LibreOffice in Vietnamese show ``83,05``. Nothing here computes a rule of the
index: every figure is read from the results.

The workbook is written with xlsxwriter (``xlsx_stream``): a national run's appendix is
3,321 rows on two sheets, which openpyxl took seconds to style and save.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from parindex.core.narrative import block_name
from parindex.core.numbers import XLSX_INDEX, format_count, format_vn
from parindex.core.published import FieldEntry, FieldInfo, PartEntry, PublishedRun, UnitEntry
from parindex.reports.letterhead import Letterhead
from parindex.reports.xlsx_stream import (
    Book,
    Sheet,
    Style,
    collection_paused,
    font,
    page_setup,
    write_header,
    write_title,
    write_units,
)
from parindex.reports.xlsx_table import BODY_SIZE, TITLE_SIZE, CellValue, Column

AVERAGE_FILL = "F2F2F2"
WEAK_FILL = "FCE4D6"

SHEET_TITLE = "Phụ lục"
FIELDS_SHEET_TITLE = "Theo lĩnh vực"
CRITERIA_SHEET_TITLE = "Theo tiêu chí"
CRITERIA_UP_TO = 1000
"""The criteria sheet lists up to this many units (a province's); a larger run's sheet says
where its criteria are (each unit's page, results.json): 3,321 units × 100 criteria are
332,100 cells, which would triple the appendix's time even with xlsxwriter (2,7 s of CPU
against 0,9 s), and thousands of pages."""
PAGE_WIDTH = 140.0
"""About what A4 landscape holds at 100 %, in Excel's column width units."""


def render(results: PublishedRun, head: Letterhead | None = None) -> bytes:
    """The decision appendix workbook for one period's results, as XLSX bytes.

    With a letterhead that has the decision, the title carries «(Kèm theo Quyết định số …
    ngày … của …)»; otherwise the decision given to ``parindex score --decision``, if any.
    """
    with collection_paused():
        book = Book()
        attached = f"(Kèm theo {head.decision_citation()})" if head and head.decision else ""
        fields = _Fields()
        _appendix_sheet(book.sheet(SHEET_TITLE), results, fields, attached)
        _fields_sheet(book.sheet(FIELDS_SHEET_TITLE), results, fields)
        if any(f.criteria for f in results.framework.fields):
            _criteria_sheet(book.sheet(CRITERIA_SHEET_TITLE), results)
        return book.close()


# ---------------------------------------------------------------------------
# Columns


def _fields(results: PublishedRun) -> tuple[FieldInfo, ...]:
    return results.framework.fields


def _has_survey(results: PublishedRun) -> bool:
    return results.framework.has_survey


def _part(part: PartEntry | None, percent: bool = False) -> Decimal | None:
    if part is None:
        return None
    return part.percent if percent else part.score


def _with_max(label: str, maximum: Decimal | None) -> str:
    return f"{label} ({format_vn(maximum)})" if maximum is not None else label


def _unit_name(unit: UnitEntry) -> str:
    return unit.display_name


class _Fields:
    """Each unit's fields by code, gathered once per unit: ``UnitEntry.field`` searches
    them, once per cell of a field's column."""

    def __init__(self) -> None:
        self._units: dict[int, dict[str, FieldEntry]] = {}

    def __call__(self, unit: UnitEntry, code: str) -> FieldEntry | None:
        by_code = self._units.get(id(unit))  # the units live as long as the results
        if by_code is None:
            by_code = {}
            for item in unit.fields:
                by_code.setdefault(item.code, item)  # the first, as ``UnitEntry.field``
            self._units[id(unit)] = by_code
        return by_code.get(code)


def _field_score(code: str, fields: _Fields) -> Callable[[UnitEntry], CellValue]:
    def value(unit: UnitEntry) -> CellValue:
        item: FieldEntry | None = fields(unit, code)
        if item is None:
            return None
        # A field not assessed for this unit (all its criteria KĐG) has no score.
        return item.score if item.assessed else "KĐG"

    return value


def _field_percent(code: str, fields: _Fields) -> Callable[[UnitEntry], CellValue]:
    def value(unit: UnitEntry) -> CellValue:
        item = fields(unit, code)
        if item is None:
            return None
        return item.percent if item.percent is not None else "KĐG"

    return value


def _criterion_score(position: int) -> Callable[[UnitEntry], CellValue]:
    """The unit's points on the criterion at this position of the framework's criteria."""

    def value(unit: UnitEntry) -> CellValue:
        criteria = unit.criteria
        if not criteria:  # a results.json written before criteria
            return None
        # A criterion not assessed for this unit (all its leaves KĐG) has no score.
        return criteria.scores[position] if criteria.maxima[position] else "KĐG"

    return value


def _leading_columns(results: PublishedRun, names: Sequence[str]) -> list[Column]:
    name_width = min(max([18.0, *(len(n) * 0.95 + 2 for n in names)]), 34.0)
    columns = [
        Column("STT", lambda u: None, "integer", 5.5),
        Column("Mã đơn vị", lambda u: u.code, "text", 10.0),
        Column("Tên đơn vị", _unit_name, "name", name_width),
    ]
    if results.blocked:
        columns.append(Column("Khối", lambda u: u.block, "text", 10.0))
    return columns


def _appendix_columns(results: PublishedRun, names: Sequence[str], fields: _Fields) -> list[Column]:
    framework = results.framework
    columns = _leading_columns(results, names)
    group = "Điểm đạt được theo lĩnh vực"
    for item in _fields(results):
        columns.append(
            Column(
                _with_max(item.name or item.code, item.max),
                _field_score(item.code, fields),
                "points",
                12.5,
                group,
            )
        )
    columns.append(
        Column(
            _with_max("Điểm tự đánh giá qua thẩm định", framework.self_max),
            lambda u: _part(u.self_part),
            "points",
            12.5,
        )
    )
    if _has_survey(results):
        columns.append(
            Column(
                _with_max("Điểm điều tra xã hội học", framework.survey_max),
                lambda u: _part(u.survey),
                "points",
                12.5,
            )
        )
    columns += [
        Column(
            _with_max("Tổng điểm đạt được", framework.max),
            lambda u: u.score,
            "points",
            11.5,
        ),
        Column("Điểm tối đa áp dụng", lambda u: u.max, "points", 10.5),
        Column("Chỉ số CCHC (%)", lambda u: u.index, "index", 10.5),
        Column("Xếp hạng", lambda u: u.rank, "integer", 8.5),
        Column("Xếp loại", lambda u: u.class_label, "text", 11.5),
    ]
    previous_period = results.previous_period
    if previous_period:
        group = f"So với năm {previous_period}"
        columns += [
            Column(
                f"Chỉ số năm {previous_period}",
                lambda u: u.previous.index if u.previous else None,
                "index",
                10.5,
                group,
            ),
            Column(
                "Tăng/giảm (điểm)",
                lambda u: u.previous.delta if u.previous else None,
                "delta",
                10.5,
                group,
            ),
            Column(
                "Thay đổi vị thứ",
                lambda u: u.previous.rank_change if u.previous else None,
                "rank_change",
                9.5,
                group,
            ),
        ]
    return columns


def _field_percent_columns(
    results: PublishedRun, names: Sequence[str], fields: _Fields
) -> list[Column]:
    columns = _leading_columns(results, names)
    group = "Tỷ lệ điểm đạt được theo lĩnh vực (%)"
    for item in _fields(results):
        columns.append(
            Column(
                _with_max(item.name or item.code, item.max),
                _field_percent(item.code, fields),
                "index",
                12.5,
                group,
            )
        )
    columns.append(
        Column(
            "Tự đánh giá qua thẩm định (%)",
            lambda u: _part(u.self_part, percent=True),
            "index",
            12.5,
        )
    )
    if _has_survey(results):
        columns.append(
            Column(
                "Điều tra xã hội học (%)",
                lambda u: _part(u.survey, percent=True),
                "index",
                12.5,
            )
        )
    columns.append(Column("Chỉ số CCHC (%)", lambda u: u.index, "index", 10.5))
    return columns


def _units(results: PublishedRun) -> tuple[UnitEntry, ...]:
    return results.units


def _criteria_columns(results: PublishedRun, names: Sequence[str]) -> list[Column]:
    columns = _leading_columns(results, names)
    position = 0
    for item in _fields(results):
        group = f"{item.code}. {item.name}" if item.name else item.code
        for criterion in item.criteria:
            header = f"{criterion.code}. {criterion.name}" if criterion.name else criterion.code
            columns.append(
                Column(
                    _with_max(header, criterion.max),
                    _criterion_score(position),
                    "points",
                    11.0,
                    group,
                )
            )
            position += 1
    return columns


# ---------------------------------------------------------------------------
# Sheets


def _period(results: PublishedRun) -> str:
    year = results.framework.year
    return results.period or (str(year) if year is not None else "")


def _title_rows(ws: Sheet, results: PublishedRun, last_col: int, attached: str = "") -> int:
    """The title block; returns the first free row."""
    framework = results.framework
    period = _period(results)
    row = 1
    write_title(ws, row, "PHỤ LỤC", last_col, bold=True, size=TITLE_SIZE)
    row += 1
    write_title(
        ws,
        row,
        f"KẾT QUẢ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {period}".strip(),
        last_col,
        bold=True,
        size=TITLE_SIZE,
    )
    row += 1
    if framework.name:
        write_title(ws, row, framework.name, last_col, bold=True, size=BODY_SIZE + 1)
        row += 1
    decision = attached or (results.decision or "").strip()
    if decision:
        if not decision.startswith("("):
            if not decision.lower().startswith("kèm theo"):
                decision = f"Kèm theo {decision}"
            decision = f"({decision})"
        write_title(ws, row, decision, last_col, italic=True, size=BODY_SIZE + 1)
        row += 1
    return row + 1  # a blank row before the table


def _average_row(
    ws: Sheet,
    row: int,
    columns: Sequence[Column],
    label: str,
    average: Decimal,
    label_end: int,
) -> None:
    index_col = next(
        i for i, c in enumerate(columns, start=1) if c.header.startswith("Chỉ số CCHC")
    )
    style = Style(bold=True, border=True, fill=AVERAGE_FILL)
    label_style = style.centered()
    ws.merge(row, 1, row, label_end, label_style)
    for col in range(1, len(columns) + 1):
        if col == 1:
            ws.text(row, col, label, label_style)
        elif col == index_col:
            ws.number(row, col, average, replace(style, number_format=XLSX_INDEX).centered())
        else:
            ws.blank(row, col, style)


def _summary_lines(results: PublishedRun) -> list[str]:
    """Class counts and who is above or below the average: of the run, or of each block when
    ranked in blocks (no average across blocks)."""
    lines = []
    for group in results.groups:
        where = f"Khối {group.label} — " if group.label is not None else ""
        labels = [label for label in results.framework.class_labels if label]
        labels += [label for label, _ in group.classes if label not in labels]
        if labels:
            parts = [
                f"{label}: {format_count(group.class_count(label), pad=True)}" for label in labels
            ]
            lines.append(f"{where}Xếp loại (số đơn vị) — " + "; ".join(parts) + ".")
        above, below, at = group.above, group.below, group.at
        if above or below or at:
            text = (
                f"{where}Số đơn vị có chỉ số trên bình quân: {format_count(len(above), pad=True)}; "
                f"dưới bình quân: {format_count(len(below), pad=True)}"
            )
            if at:
                text += f"; bằng bình quân: {format_count(len(at), pad=True)}"
            lines.append(text + ".")
    return lines


def _appendix_sheet(ws: Sheet, results: PublishedRun, fields: _Fields, attached: str = "") -> None:
    units = _units(results)
    columns = _appendix_columns(results, [_unit_name(u) for u in units], fields)
    name_col = next(i for i, c in enumerate(columns, start=1) if c.header == "Tên đơn vị")
    header_top = _title_rows(ws, results, len(columns), attached)
    header_bottom = write_header(ws, header_top, columns)
    row = write_units(ws, header_bottom + 1, columns, units)

    label_end = name_col + (1 if results.blocked else 0)
    for group in results.groups:  # each block's average when ranked in blocks, none across
        label = "Chỉ số bình quân" + (
            f" {block_name(group.label)}" if group.label is not None else ""
        )
        _average_row(ws, row, columns, label, group.average, label_end)
        row += 1

    row += 1
    for line in _summary_lines(results):
        ws.text(row, 1, line, font(italic=True))
        row += 1

    ws.widths(columns)
    page_setup(ws, header_top, header_bottom, name_col + 1)
    ws.ws.set_zoom(90)


def _fields_sheet(ws: Sheet, results: PublishedRun, fields: _Fields) -> None:
    units = _units(results)
    columns = _field_percent_columns(results, [_unit_name(u) for u in units], fields)
    name_col = next(i for i, c in enumerate(columns, start=1) if c.header == "Tên đơn vị")
    framework = results.framework
    period = _period(results)
    write_title(
        ws,
        1,
        f"TỶ LỆ ĐIỂM ĐẠT ĐƯỢC THEO LĨNH VỰC NĂM {period}".strip(),
        len(columns),
        bold=True,
        size=TITLE_SIZE,
    )
    if framework.name:
        write_title(ws, 2, framework.name, len(columns), italic=True)
    header_top = 4
    header_bottom = write_header(ws, header_top, columns)

    # Mark the weak fields, as the results flag them.
    codes = [item.code for item in _fields(results)]
    first_field_col = name_col + 1 + (1 if results.blocked else 0)

    def weak(unit: UnitEntry) -> dict[int, str]:
        marked = {}
        for i, code in enumerate(codes):
            item = fields(unit, code)
            if item is not None and item.weak:
                marked[first_field_col + i] = WEAK_FILL
        return marked

    row = write_units(ws, header_bottom + 1, columns, units, weak)

    weak_below = framework.weak_below
    if codes:
        ws.text(
            row + 1,
            1,
            f"Ô tô màu: lĩnh vực đạt dưới {format_vn(weak_below)}% điểm tối đa.",
            font(italic=True),
        )

    ws.widths(columns)
    page_setup(ws, header_top, header_bottom, name_col + 1)
    ws.ws.set_zoom(90)


def _criteria_sheet(ws: Sheet, results: PublishedRun) -> None:
    """Each unit's points on every criterion, under its field; wider than a page, it prints
    across pages with the units' columns repeated on each."""
    units = _units(results)
    columns = _criteria_columns(results, [_unit_name(u) for u in units])
    period = _period(results)
    write_title(
        ws,
        1,
        f"ĐIỂM ĐẠT ĐƯỢC THEO TIÊU CHÍ NĂM {period}".strip(),
        len(columns),
        bold=True,
        size=TITLE_SIZE,
    )
    if results.framework.name:
        write_title(ws, 2, results.framework.name, len(columns), italic=True)
    if len(units) > CRITERIA_UP_TO:
        ws.text(
            4,
            1,
            f"Điểm theo tiêu chí của {format_count(len(units))} đơn vị có trong tệp "
            "results.json và trên trang kết quả của từng đơn vị.",
            font(italic=True),
        )
        return
    header_top = 4
    header_bottom = write_header(ws, header_top, columns)
    row = write_units(ws, header_bottom + 1, columns, units)
    ws.text(
        row + 1,
        1,
        "Điểm tối đa của tiêu chí ghi trong ngoặc; KĐG: tiêu chí không đánh giá đối với đơn vị.",
        font(italic=True),
    )

    leading = next(i for i, c in enumerate(columns) if c.group is not None)
    ws.widths(columns)
    page_setup(ws, header_top, header_bottom, leading + 1)
    lead_width = sum(c.width for c in columns[:leading])
    criteria_width = sum(c.width for c in columns[leading:])
    ws.ws.fit_to_pages(max(1, math.ceil(criteria_width / (PAGE_WIDTH - lead_width))), 0)
    ws.ws.repeat_columns(0, leading - 1)
    ws.ws.print_across()  # a unit's row page after page, then the next rows
    ws.ws.set_zoom(90)


__all__ = ["render"]
