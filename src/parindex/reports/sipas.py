"""The satisfaction index (SIPAS, Chỉ số hài lòng) as CSV, chart-ready JSON and a paragraph.

Every figure comes from a ``SipasResult`` (``parindex.core.sipas``); nothing here
computes a rule of the index.

* ``to_csv(result)``: UTF-8 text, one row per unit in rank order; header in Vietnamese
  (Mã đơn vị, Số phiếu, Hài lòng chung (%), then one column per aspect); percentages
  with a dot decimal and two places, an empty cell where a unit has no valid answer.
  ``totals=True`` adds the province-wide row and the average of units.
* ``to_chart_json(result)``: a JSON-ready dict for a grouped bar chart.
* ``summary_vn(result, period)``: one paragraph in the register of official reports,
  Vietnamese number style (``83,94%``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from parindex.core.narrative import join_vn
from parindex.core.numbers import format_count, format_vn, plain_decimal
from parindex.core.sipas import SipasResult, UnitSatisfaction
from parindex.io.cells import csv_writer

TITLE = "Chỉ số hài lòng về sự phục vụ hành chính"
UNIT_HEADER = "Mã đơn vị"
RESPONDENTS_HEADER = "Số phiếu"
OVERALL_HEADER = "Hài lòng chung (%)"
OVERALL_SERIES = "Chung"
PROVINCE_ROW = "Toàn tỉnh"
AVERAGE_ROW = "Bình quân các đơn vị"


def _dot(value: Decimal | None) -> str:
    return "" if value is None else plain_decimal(value, places=2)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def percent_vn(value: Decimal) -> str:
    """``83,94%``; two decimals always, as the index is published.

    >>> percent_vn(Decimal("80"))
    '80,00%'
    """
    return format_vn(value, places=2, strip=False) + "%"


def header(result: SipasResult) -> list[str]:
    return [
        UNIT_HEADER,
        RESPONDENTS_HEADER,
        OVERALL_HEADER,
        *(f"{aspect} (%)" for aspect in result.aspects),
    ]


def to_csv(result: SipasResult, *, totals: bool = False) -> str:
    """One row per unit in rank order; ``totals`` adds the province-wide and average rows."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(header(result))
    for u in result.units:
        writer.writerow(
            [
                u.unit,
                u.respondents,
                _dot(u.overall.percent),
                *(_dot(u.aspects[a].percent) for a in result.aspects),
            ]
        )
    if totals:
        writer.writerow(
            [
                PROVINCE_ROW,
                result.respondents,
                _dot(result.overall.percent),
                *(_dot(result.aspect_overall[a].percent) for a in result.aspects),
            ]
        )
        writer.writerow(
            [
                AVERAGE_ROW,
                "",
                _dot(result.average),
                *(_dot(result.aspect_average[a]) for a in result.aspects),
            ]
        )
    return buffer.getvalue()


def to_chart_json(result: SipasResult, period: str = "") -> dict[str, Any]:
    """Categories are unit codes in rank order; one series for the overall index, one per aspect.

    Values are numbers (percent, 2 decimals) or None where a unit has no valid answer.
    """
    series: list[dict[str, Any]] = [
        {"name": OVERALL_SERIES, "data": [_number(u.overall.percent) for u in result.units]}
    ]
    for aspect in result.aspects:
        series.append(
            {"name": aspect, "data": [_number(u.aspects[aspect].percent) for u in result.units]}
        )
    return {
        "title": f"{TITLE} năm {period}" if period else TITLE,
        "unit": "%",
        "categories": [u.unit for u in result.units],
        "series": series,
        "average": _number(result.average),
        "overall": _number(result.overall.percent),
    }


def _name(code: str, names: Mapping[str, str] | None) -> str:
    return (names or {}).get(code, code)


def _extremes(
    units: Sequence[UnitSatisfaction], names: Mapping[str, str] | None
) -> tuple[str, str] | None:
    """'cao nhất là A (x%), thấp nhất là B (y%)', tied units named together; None if all equal."""
    ranked = [u for u in units if u.overall.percent is not None]
    if len(ranked) < 2:
        return None
    top = ranked[0].overall.percent
    bottom = ranked[-1].overall.percent
    assert top is not None and bottom is not None
    if top == bottom:
        return None
    highest = join_vn([_name(u.unit, names) for u in ranked if u.overall.percent == top])
    lowest = join_vn([_name(u.unit, names) for u in ranked if u.overall.percent == bottom])
    return f"{highest} ({percent_vn(top)})", f"{lowest} ({percent_vn(bottom)})"


def summary_vn(result: SipasResult, period: str, names: Mapping[str, str] | None = None) -> str:
    """One paragraph: the province-wide index, highest and lowest unit, average, aspects.

    ``period`` is the year (``"2024"``); ``names`` maps unit codes to the names to print.
    """
    subject = (
        "chỉ số hài lòng chung của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính"
    )
    overall = result.overall.percent
    if overall is None:
        return f"Năm {period}, chưa có câu trả lời hợp lệ để xác định {subject}."
    sentences: list[str] = []
    first = f"Năm {period}, {subject} đạt {percent_vn(overall)}"
    extremes = _extremes(result.units, names)
    ranked = [u for u in result.units if u.overall.percent is not None]
    if extremes is not None:
        first += f"; cao nhất là {extremes[0]}, thấp nhất là {extremes[1]}"
    elif len(ranked) > 1:
        first += f"; các đơn vị đều đạt {percent_vn(ranked[0].overall.percent or Decimal(0))}"
    sentences.append(first + ".")

    basis = (
        f"Kết quả được tính trên {format_count(result.overall.valid)} câu trả lời hợp lệ "
        f"của {format_count(result.respondents)} phiếu khảo sát"
    )
    if len(ranked) > 1 and result.average is not None:
        basis += (
            f"; chỉ số bình quân của {format_count(len(ranked))} đơn vị đạt "
            f"{percent_vn(result.average)}"
        )
    sentences.append(basis + ".")

    aspects = [(a, result.aspect_overall[a].percent) for a in result.aspects]
    measured = [(a, p) for a, p in aspects if p is not None]
    if measured:
        parts = [f"về “{a}” đạt {percent_vn(p)}" for a, p in measured]
        text = "Xét theo từng yếu tố, mức độ hài lòng " + ", ".join(parts)
        values = [p for _, p in measured]
        if len(measured) > 1 and max(values) != min(values):
            best = join_vn([f"“{a}”" for a, p in measured if p == max(values)])
            worst = join_vn([f"“{a}”" for a, p in measured if p == min(values)])
            text += f"; cao nhất là {best}, thấp nhất là {worst}"
        sentences.append(text + ".")

    silent = [u for u in result.units if u.overall.percent is None]
    if silent:
        who = join_vn([_name(u.unit, names) for u in silent])
        sentences.append(
            f"{'Các đơn vị' if len(silent) > 1 else 'Đơn vị'} {who} chưa có câu trả lời hợp lệ."
        )
    return " ".join(sentences)
