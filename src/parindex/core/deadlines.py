"""A task's deadline as plans write it ("Thời gian thực hiện", "Thời hạn").

Accepted, case- and spacing-insensitive: a date ("30/6/2026", "Trước ngày 30/6/2026"), a
month ("Tháng 12/2026", "12/2026", "Tháng 12 năm 2026"), a quarter ("Quý II/2026", "Quý 2
năm 2026"), a half ("6 tháng đầu năm 2026", "6 tháng cuối năm 2026"), a year ("Năm 2026",
"2026"), a span ("Năm 2026-2030", "2026 - 2030", "Giai đoạn 2026–2030") and "Thường xuyên"
(no deadline, never overdue). The deadline is the LAST day of the period. Anything else is a
``DeadlineError`` with its reason in Vietnamese: never a guess.

>>> parse_deadline("Quý II/2026").end
datetime.date(2026, 6, 30)
>>> parse_deadline("  thường   xuyên ").end is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

DeadlineKind = Literal["date", "month", "quarter", "half", "year", "span", "ongoing"]

ONGOING = "thường xuyên"
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
FIRST_YEAR, LAST_YEAR = 1900, 2200


class DeadlineError(ValueError):
    """A deadline text that is none of the accepted forms; the message is Vietnamese."""


@dataclass(frozen=True)
class Deadline:
    """What the plan wrote, its kind and its last day (None: "Thường xuyên")."""

    text: str
    kind: DeadlineKind
    end: dt.date | None

    @property
    def ongoing(self) -> bool:
        return self.end is None

    def passed(self, as_of: dt.date) -> bool:
        """The deadline is behind ``as_of`` (its last day is over); never for "Thường xuyên"."""
        return self.end is not None and as_of > self.end


def _last_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_YEAR = r"(\d{4})"
_SOURCES: tuple[tuple[DeadlineKind, str], ...] = (
    ("date", rf"^(?:trước\s*)?(?:ngày\s*)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}$"),
    ("month", rf"^(?:tháng\s*)?(\d{{1,2}})\s*(?:/|\s+năm\s+)\s*{_YEAR}$"),
    ("quarter", rf"^quý\s*(iv|iii|ii|i|\d)\s*(?:/|\s+năm\s+)\s*{_YEAR}$"),
    ("half", rf"^0?6\s*tháng\s*(đầu|cuối)\s*năm\s*{_YEAR}$"),
    ("span", rf"^(?:năm|giai\s*đoạn)?\s*{_YEAR}\s*[-–—]\s*{_YEAR}$"),
    ("year", rf"^(?:năm\s*)?{_YEAR}$"),
)
_PATTERNS = tuple((kind, re.compile(source)) for kind, source in _SOURCES)

FORMS = (
    "30/6/2026, Tháng 12/2026, Quý II/2026, 6 tháng đầu năm 2026, Năm 2026, "
    "Năm 2026-2030 hoặc Thường xuyên"
)


def _normal(text: str) -> str:
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(folded.replace("\u00a0", " ").split()).rstrip(".;")


def _year(text: str, original: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DeadlineError(f"năm {year} trong thời hạn «{original}» không hợp lệ")
    return year


def _build(kind: DeadlineKind, groups: tuple[str, ...], original: str) -> Deadline:
    if kind == "date":
        day, month, year = int(groups[0]), int(groups[1]), _year(groups[2], original)
        try:
            return Deadline(original, kind, dt.date(year, month, day))
        except ValueError:
            raise DeadlineError(f"ngày «{original}» không có trong lịch") from None
    if kind == "month":
        month, year = int(groups[0]), _year(groups[1], original)
        if not 1 <= month <= 12:
            raise DeadlineError(f"tháng {month} trong thời hạn «{original}» không hợp lệ")
        return Deadline(original, kind, _last_of_month(year, month))
    if kind == "quarter":
        quarter = ROMAN_QUARTERS.get(groups[0]) or int(groups[0])
        if not 1 <= quarter <= 4:
            raise DeadlineError(f"quý {groups[0]} trong thời hạn «{original}» không hợp lệ")
        return Deadline(original, kind, _last_of_month(_year(groups[1], original), quarter * 3))
    if kind == "half":
        month = 6 if groups[0] == "đầu" else 12
        return Deadline(original, kind, _last_of_month(_year(groups[1], original), month))
    if kind == "span":
        first, last = _year(groups[0], original), _year(groups[1], original)
        if last < first:
            raise DeadlineError(f"giai đoạn «{original}» kết thúc trước khi bắt đầu")
        return Deadline(original, kind, dt.date(last, 12, 31))
    return Deadline(original, kind, dt.date(_year(groups[0], original), 12, 31))


def parse_deadline(text: str) -> Deadline:
    """The deadline a plan wrote, or DeadlineError (an empty text included)."""
    original = " ".join(unicodedata.normalize("NFC", text).split())
    normal = _normal(text)
    if not normal:
        raise DeadlineError("thiếu thời gian thực hiện")
    if normal == ONGOING:
        return Deadline(original, "ongoing", None)
    for kind, pattern in _PATTERNS:
        found = pattern.match(normal)
        if found:
            return _build(kind, found.groups(), original)
    raise DeadlineError(f"không hiểu thời hạn «{original}» (cần dạng {FORMS})")


def deadline_of_date(day: dt.date) -> Deadline:
    """A deadline typed as a date cell in a spreadsheet."""
    return Deadline(f"{day.day}/{day.month}/{day.year}", "date", day)
