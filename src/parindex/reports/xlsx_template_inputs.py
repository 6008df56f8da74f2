"""What each column of the fill-in workbook takes, in words and in Excel's data validation.

Four kinds of column, after the framework's rules (``Node``, ``Rule``, ``Adjustment``):

* a plain leaf: points from 0 to its max (a custom formula), ``KĐG``/``N/A``, and ``KPS``
  where "không phát sinh" gives the max;
* a leaf on a scale (``1; 0,5; 0``): a drop-down list whose source is a range of **number**
  cells on the hidden sheet «Danh sách chọn», so that a picked or typed ``0,5`` is stored as
  the number 0.5 in any locale (an inline list ``"1,0.5,0"`` would store the text of the
  item, which a Vietnamese Excel reads as a date or a thousands separator);
* a leaf with a rule: the measured value, not the points (``97,3`` or ``35/36``). Its cells
  are text-formatted so that Excel never turns ``3/4`` into a date; the formula accepts a
  number from 0 to ``MEASURE_BOUND``, a text made of digits with ``,`` ``.`` ``/`` or ``%``,
  and the words. It stays permissive: the reader (``io.scores``) reports anything else;
* a bonus or penalty item: points from 0 to its max, or from its min to 0; blank is 0.

The words here are the ones the guidance sheet prints, so the sheet and the prompts agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from parindex.core.bonus import Adjustment, describe
from parindex.core.framework import Node
from parindex.core.numbers import MINUS, format_vn, plain_decimal, xlsx_points_format
from parindex.reports.xlsx_template_cells import (
    BONUS_FILL,
    HEADER_FILL,
    SURVEY_FILL,
    VALUE_FILL,
    Value,
    number,
)

NOT_ASSESSED = ("KĐG", "N/A")
NO_CASE = "KPS"
MEASURE_BOUND = Decimal(1_000_000)
"""The largest measured value the template's validation lets through (a percent or a count)."""
MEASURE_TEXT = (
    'AND(ISTEXT({cell}),ISNUMBER(-SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell},",",""),".",""),"/","")))'
)
"""A text of digits once ``,`` ``.`` and ``/`` are gone (``97,3``, ``35/36``, ``97,3%``)."""
LISTS_SHEET = "Danh sách chọn"
VALUE_MARK = "(nhập giá trị đo)"
HOW_TO_MEASURE = "tỷ lệ % như 97,3 hoặc cặp số như 35/36"
MESSAGE_LIMIT = 255  # Excel refuses a longer prompt or error message
NO_CASE_FULL = "KPS: được tính điểm tối đa"


@dataclass(frozen=True)
class Column:
    """One input column of the scores sheet: its three header rows and what its cells take."""

    code: str
    name: str  # row 2
    top: Value  # row 3: the max as a number, or what the column takes in words
    top_format: str | None
    fill: PatternFill
    kind: str  # "points" | "scale" | "value" | "bonus"
    choices: tuple[Decimal | str, ...] = ()  # a scale leaf's drop-down list
    formula: str = ""  # a custom validation, {cell} standing for the column's first cell
    prompt_title: str = ""
    prompt: str = ""
    error_title: str = ""
    error: str = ""
    leaf: Node | None = None

    @property
    def text_cells(self) -> bool:
        """Its cells are text-formatted (a measured value: ``3/4`` must not become a date)."""
        return self.kind == "value"


def scale_words(leaf: Node) -> str:
    return "; ".join(format_vn(p) for p in leaf.scale)


def how_scored(leaf: Node) -> list[str]:
    """How a leaf is scored and entered, one line each, as the guidance sheet prints it."""
    if leaf.rule is not None:
        lines = [f"Nhập giá trị đo ({HOW_TO_MEASURE}); điểm tính tự động: {leaf.rule.describe()}"]
    elif leaf.scale:
        lines = [f"Thang điểm: {scale_words(leaf)} (chọn trong danh sách)"]
    else:
        lines = [f"Điểm từ 0 đến {format_vn(leaf.max)}"]
    if leaf.none_means_full:
        lines.append(NO_CASE_FULL)
    if leaf.applies_to:
        lines.append("Chỉ áp dụng cho: " + ", ".join(leaf.applies_to))
    return lines


def evidence_words(node: Node) -> str:
    """The evidence asked: the decision's words, «Có» when asked without words, else ""."""
    return node.evidence_text or ("Có" if node.evidence else "")


def _words(leaf: Node) -> tuple[str, ...]:
    return (*NOT_ASSESSED, NO_CASE) if leaf.none_means_full else NOT_ASSESSED


def _word_tests(leaf: Node) -> str:
    return ",".join(f'{{cell}}="{word}"' for word in _words(leaf))


def _fit(*parts: str) -> str:
    """The parts that fit Excel's 255 characters, in order; the first always."""
    text = parts[0]
    for part in parts[1:]:
        if part and len(text) + 1 + len(part) <= MESSAGE_LIMIT:
            text += " " + part
    return text[:MESSAGE_LIMIT]


def _no_case_hint(leaf: Node) -> str:
    return "«KPS» nếu không phát sinh (được điểm tối đa)." if leaf.none_means_full else ""


def leaf_column(leaf: Node) -> Column:
    """The column of a leaf: its measured value (a rule), a level of its scale, or points."""
    if leaf.rule is not None:
        return _value_column(leaf)
    if leaf.scale:
        return _scale_column(leaf)
    return _points_column(leaf)


def _value_column(leaf: Node) -> Column:
    assert leaf.rule is not None
    limit = plain_decimal(MEASURE_BOUND)
    return Column(
        leaf.code,
        f"{leaf.name} {VALUE_MARK}",
        f"giá trị % (tối đa {format_vn(leaf.max)} điểm)",
        None,
        VALUE_FILL,
        "value",
        formula=(
            f"OR(AND(ISNUMBER({{cell}}),{{cell}}>=0,{{cell}}<={limit}),{MEASURE_TEXT},"
            f"{_word_tests(leaf)})"
        ),
        prompt_title="Giá trị đo",
        prompt=_fit(
            f"Nhập giá trị đo: {HOW_TO_MEASURE}; điểm được tính tự động.",
            _no_case_hint(leaf),
            "«KĐG» nếu không đánh giá.",
            f"Cách tính: {leaf.rule.describe()}.",
        ),
        error_title="Giá trị không hợp lệ",
        error=_fit(
            f"Nhập giá trị đo: {HOW_TO_MEASURE} (không nhập điểm).",
            "«KPS» nếu không phát sinh." if leaf.none_means_full else "",
            "«KĐG» nếu tiêu chí không đánh giá đối với đơn vị. Để trống nếu chưa chấm.",
        ),
        leaf=leaf,
    )


def _fill(leaf: Node) -> PatternFill:
    return SURVEY_FILL if leaf.source == "survey" else HEADER_FILL


def _scale_column(leaf: Node) -> Column:
    levels = scale_words(leaf)
    return Column(
        leaf.code,
        leaf.name,
        number(leaf.max),
        xlsx_points_format(leaf.max),
        _fill(leaf),
        "scale",
        choices=(*leaf.scale, NOT_ASSESSED[0], *((NO_CASE,) if leaf.none_means_full else ())),
        prompt_title="Chọn mức điểm",
        prompt=_fit(f"Chọn một mức: {levels}.", _no_case_hint(leaf), "«KĐG» nếu không đánh giá."),
        error_title="Điểm không có trong thang",
        error=_fit(
            f"Tiêu chí chỉ nhận các mức điểm {levels} (chọn trong danh sách),",
            "«KPS» nếu không phát sinh," if leaf.none_means_full else "",
            "hoặc «KĐG» nếu tiêu chí không đánh giá đối với đơn vị. Để trống nếu chưa chấm.",
        ),
        leaf=leaf,
    )


def _points_column(leaf: Node) -> Column:
    shown_max = format_vn(leaf.max)
    return Column(
        leaf.code,
        leaf.name,
        number(leaf.max),
        xlsx_points_format(leaf.max),
        _fill(leaf),
        "points",
        formula=(
            f"OR(AND(ISNUMBER({{cell}}),{{cell}}>=0,{{cell}}<={plain_decimal(leaf.max)}),"
            f"{_word_tests(leaf)})"
        ),
        prompt_title="Chấm điểm",
        prompt=_fit(
            f"Số từ 0 đến {shown_max}; «KĐG» hoặc «N/A» nếu không đánh giá.", _no_case_hint(leaf)
        ),
        error_title="Điểm không hợp lệ",
        error=_fit(
            f"Điểm phải là số từ 0 đến {shown_max}, hoặc «KĐG» / «N/A» nếu tiêu chí "
            "không đánh giá đối với đơn vị.",
            "«KPS» nếu không phát sinh." if leaf.none_means_full else "",
            "Để trống nếu chưa chấm.",
        ),
        leaf=leaf,
    )


def bound_words(item: Adjustment) -> str:
    """Row 3 of an item's column: «thưởng ≤ 2», «trừ ≥ −1»."""
    if item.is_penalty:
        return f"trừ ≥ {MINUS}{format_vn(-item.low)}"
    return f"thưởng ≤ {format_vn(item.high)}"


def item_range_words(item: Adjustment) -> str:
    """What an item's cell takes: «số từ 0 đến 2», «số âm từ -1 đến 0 (ví dụ -0,5)»."""
    if item.is_penalty:
        return f"số âm từ {format_vn(item.low)} đến 0 (ví dụ -0,5)"
    return f"số từ 0 đến {format_vn(item.high)}"


def bonus_column(item: Adjustment) -> Column:
    low, high = plain_decimal(item.low), plain_decimal(item.high)
    title = "Điểm trừ" if item.is_penalty else "Điểm thưởng"
    range_words = item_range_words(item)
    return Column(
        item.code,
        item.name,
        bound_words(item),
        None,
        BONUS_FILL,
        "bonus",
        formula=f"AND(ISNUMBER({{cell}}),{{cell}}>={low},{{cell}}<={high})",
        prompt_title=title,
        prompt=_fit(f"{title}: {range_words}; để trống là 0.", f"({describe(item)})"),
        error_title=f"{title} không hợp lệ",
        error=_fit(f"{title} phải là {range_words}. Để trống nếu đơn vị không có."),
    )


def validation(column: Column, cells: str, first_cell: str, source: str = "") -> DataValidation:
    """The data validation of a column's input cells (``cells``: ``C4:C103``). A scale
    column's list comes from ``source`` (a range of the lists sheet)."""
    common = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorStyle": "stop",
        "errorTitle": column.error_title,
        "error": column.error,
        "promptTitle": column.prompt_title,
        "prompt": column.prompt,
    }
    if column.kind == "scale":
        rule = DataValidation(type="list", formula1=source, **common)
    else:
        rule = DataValidation(
            type="custom", formula1=column.formula.replace("{cell}", first_cell), **common
        )
    rule.add(cells)
    return rule
