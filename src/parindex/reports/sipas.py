"""The satisfaction index (SIPAS, Chỉ số hài lòng) as CSV, chart-ready JSON and a paragraph.

Every figure comes from a ``SipasResult`` (``parindex.core.sipas``); nothing here
computes a rule of the index.

* ``to_csv(result)``: UTF-8 text, one row per unit in rank order; header in Vietnamese
  (Mã đơn vị, Số phiếu, Hài lòng chung (%), then one column per component (model 1001)
  and per aspect), each percentage followed by the two bounds of its confidence interval
  named with their level ("… – KTC 95% cận dưới"); percentages with a dot decimal and two
  places, an empty cell where a unit has no valid answer or no interval (under two PSUs).
  ``totals=True`` adds the province-wide row and the average of units.
* ``to_chart_json(result)``: a JSON-ready dict for a grouped bar chart, with the
  intervals of each series, the model and the confidence level.
* ``summary_vn(result, period)``: one paragraph in the register of official reports,
  Vietnamese number style (``83,94%``), naming the method (QĐ 1001 or the 2017 model) and
  each interval with its level ("khoảng tin cậy 95%: 81,20–86,40").
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from parindex.core.narrative import join_vn
from parindex.core.numbers import format_count, format_percent, format_vn, plain_decimal
from parindex.core.sipas import Satisfaction, SipasResult, UnitSatisfaction
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


MODEL_NAMES = {
    "1001": "phương pháp của Quyết định số 1001/QĐ-BNV ngày 11/12/2023 (giai đoạn 2023 – 2026)",
    "2017": "mô hình năm yếu tố của Quyết định số 2640/QĐ-BNV ngày 10/10/2017",
}


def level_vn(result: SipasResult) -> str:
    """``khoảng tin cậy 95%``: the interval's level, as every interval is named.

    >>> from parindex.core.sipas import SipasResult, Satisfaction
    >>> level_vn(SipasResult((), (), Satisfaction(0, 0, None), None, confidence=Decimal("0.9")))
    'khoảng tin cậy 90%'
    """
    return "khoảng tin cậy " + format_percent(result.confidence * 100)


def interval_vn(s: Satisfaction) -> str | None:
    """``81,20–86,40`` (percent, two decimals), None without an interval.

    >>> interval_vn(Satisfaction(9, 7, Decimal("77.78"), Decimal("81.2"), Decimal("86.4")))
    '81,20–86,40'
    """
    if s.low is None or s.high is None:
        return None
    return format_vn(s.low, places=2, strip=False) + "–" + format_vn(s.high, places=2, strip=False)


def _with_interval(s: Satisfaction, result: SipasResult) -> str:
    """``83,05% (khoảng tin cậy 95%: 81,20–86,40)``, the parenthesis only with an interval."""
    assert s.percent is not None
    interval = interval_vn(s)
    text = percent_vn(s.percent)
    return text if interval is None else f"{text} ({level_vn(result)}: {interval})"


def _columns(result: SipasResult) -> list[tuple[str, str]]:
    """(key, name) of each figure column: the index, the components, the aspects."""
    return [
        ("", "Hài lòng chung"),
        *((f"c:{c.code}", c.name) for c in result.components),
        *((f"a:{a}", a) for a in result.aspects),
    ]


def _figure(key: str, u: UnitSatisfaction) -> Satisfaction:
    if not key:
        return u.overall
    kind, code = key.split(":", 1)
    return u.components[code] if kind == "c" else u.aspects[code]


def header(result: SipasResult) -> list[str]:
    level = "KTC " + format_percent(result.confidence * 100)
    names: list[str] = []
    for _, name in _columns(result):
        names += [f"{name} (%)", f"{name} – {level} cận dưới", f"{name} – {level} cận trên"]
    return [UNIT_HEADER, RESPONDENTS_HEADER, *names]


def _cells(figures: Sequence[Satisfaction]) -> list[str]:
    cells: list[str] = []
    for s in figures:
        cells += [_dot(s.percent), _dot(s.low), _dot(s.high)]
    return cells


def to_csv(result: SipasResult, *, totals: bool = False) -> str:
    """One row per unit in rank order; ``totals`` adds the province-wide and average rows
    (the average of units has no interval)."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(header(result))
    columns = _columns(result)
    for u in result.units:
        writer.writerow([u.unit, u.respondents, *_cells([_figure(k, u) for k, _ in columns])])
    if totals:
        province = [
            result.overall,
            *(result.component_overall[c.code] for c in result.components),
            *(result.aspect_overall[a] for a in result.aspects),
        ]
        writer.writerow([PROVINCE_ROW, result.respondents, *_cells(province)])
        averages = [
            result.average,
            *(result.component_average[c.code] for c in result.components),
            *(result.aspect_average[a] for a in result.aspects),
        ]
        writer.writerow([AVERAGE_ROW, "", *(c for p in averages for c in (_dot(p), "", ""))])
    return buffer.getvalue()


def to_chart_json(result: SipasResult, period: str = "") -> dict[str, Any]:
    """Categories are unit codes in rank order; one series for the overall index, one per aspect.

    Values are numbers (percent, 2 decimals) or None where a unit has no valid answer.
    """
    series: list[dict[str, Any]] = []
    for key, name in _columns(result):
        figures = [_figure(key, u) for u in result.units]
        series.append(
            {
                "name": name if key else OVERALL_SERIES,
                "data": [_number(s.percent) for s in figures],
                "intervals": [
                    None if s.low is None else [_number(s.low), _number(s.high)] for s in figures
                ],
            }
        )
    return {
        "title": f"{TITLE} năm {period}" if period else TITLE,
        "unit": "%",
        "categories": [u.unit for u in result.units],
        "series": series,
        "average": _number(result.average),
        "overall": _number(result.overall.percent),
        "overall_interval": None
        if result.overall.low is None
        else [_number(result.overall.low), _number(result.overall.high)],
        "model": result.model,
        "confidence": _number(result.confidence),
        "interval_label": level_vn(result),
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
    first = f"Năm {period}, {subject} đạt {_with_interval(result.overall, result)}"
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

    if result.components:
        parts = [
            f"{c.name[:1].lower()}{c.name[1:]} đạt {_with_interval(s, result)}"
            for c in result.components
            if (s := result.component_overall[c.code]).percent is not None
        ]
        if parts:
            sentences.append("Theo từng nội dung đo lường, " + "; ".join(parts) + ".")

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

    sentences.append(_method_sentence(result))

    silent = [u for u in result.units if u.overall.percent is None]
    if silent:
        who = join_vn([_name(u.unit, names) for u in silent])
        sentences.append(
            f"{'Các đơn vị' if len(silent) > 1 else 'Đơn vị'} {who} chưa có câu trả lời hợp lệ."
        )
    return " ".join(sentences)


def _method_sentence(result: SipasResult) -> str:
    """The method: the model, the satisfied threshold, weights, how intervals are made."""
    level = result.satisfied_at_least
    threshold = (
        f"mức trọng số {level} trở lên" if level.endswith("%") else f"phương án «{level}» trở lên"
    )
    text = (
        f"Chỉ số được tính theo {MODEL_NAMES.get(result.model, result.model)}; "
        f"câu trả lời được coi là hài lòng khi đạt {threshold}"
    )
    if result.model == "1001" and result.index_weights:
        names = {c.code: c.name for c in result.components}
        weights = [
            f"{names.get(code, code)} ({format_vn(w)})" for code, w in result.index_weights.items()
        ]
        text += "; chỉ số chung là bình quân gia quyền của " + join_vn(weights)
    if result.weighted:
        text += "; có áp dụng trọng số thiết kế của từng phiếu"
    return (
        text + f"; {level_vn(result)} được tính theo phương pháp tuyến tính hóa (Taylor), "
        "không xác định khi đơn vị có dưới hai người trả lời (hoặc cụm) hợp lệ "
        "hay khi mọi câu trả lời như nhau."
    )
