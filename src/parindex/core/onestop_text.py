"""The one-stop figures in the sentences the reports write («… với tổng số 2.358 hồ sơ.
Trong đó: cấp huyện: 395 hồ sơ; cấp xã: 1.963 hồ sơ.»): the one place they are worded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from parindex.core.moments import format_date
from parindex.core.numbers import format_count, format_percent
from parindex.core.onestop import Counts

LEVEL_NAMES = {"tỉnh": "cấp tỉnh", "huyện": "cấp huyện", "xã": "cấp xã"}


def dossiers(n: int) -> str:
    """«2.358 hồ sơ»."""
    return f"{format_count(n)} hồ sơ"


def percent_or_dash(value: Decimal | None) -> str:
    return "—" if value is None else format_percent(value)


def total_sentence(
    start: dt.date, end: dt.date, total: Counts, levels: Mapping[str, Counts]
) -> str:
    """The articles' sentence: the dossiers received in the period, then by level."""
    text = (
        f"Từ ngày {format_date(start)} đến ngày {format_date(end)}, tiếp nhận và xử lý hồ sơ "
        f"qua hệ thống một cửa điện tử với tổng số {dossiers(total.received)}"
    )
    if len(levels) > 1:
        parts = "; ".join(
            f"{LEVEL_NAMES.get(level, level)}: {dossiers(c.received)}"
            for level, c in levels.items()
        )
        return f"{text}. Trong đó: {parts}."
    return f"{text}."


def detail_sentence(label: str, c: Counts) -> str:
    """One level's (or unit's) figures, in the form's order, and its two rates."""
    return (
        f"{label}: tiếp nhận {dossiers(c.received)} (trực tuyến {format_count(c.online)}; "
        f"trực tiếp, qua dịch vụ bưu chính {format_count(c.direct_postal)}; "
        f"từ kỳ trước chuyển sang {format_count(c.carried_over)}); "
        f"đã giải quyết {dossiers(c.resolved)} (trước hạn {format_count(c.early)}, "
        f"đúng hạn {format_count(c.on_time)}, quá hạn {format_count(c.late)}); "
        f"đang giải quyết {dossiers(c.in_progress)} (trong hạn {format_count(c.within)}, "
        f"quá hạn {format_count(c.overdue)}). Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn "
        f"{percent_or_dash(c.on_time_rate)}; tỷ lệ hồ sơ nộp trực tuyến "
        f"{percent_or_dash(c.online_rate)}"
        + (
            f"; {dossiers(c.late_without_apology)} quá hạn chưa có phiếu xin lỗi."
            if c.late_without_apology
            else "."
        )
    )
