"""The periodic PAR report's period and the figures it is written from (issue 15).

A report covers the first six months, the first nine months or the whole of a year
(«6 tháng đầu năm 2026», «9 tháng đầu năm 2026», «năm 2026»); its section III looks at the
next period (the last six months, the fourth quarter, the next year). Its inputs are read
once (``io.review_inputs``) into the plan's status (``core.plans.PlanStatus``), the
indicators against their targets (``IndicatorResult``) and a period's one-stop figures
(``OnestopFigures``, the counts of ``core.onestop``). Pure: no files, no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from parindex.core.onestop import Counts
from parindex.core.plans import PlanStatus

ReviewKind = Literal["6-thang", "9-thang", "nam"]
KINDS: Final[tuple[ReviewKind, ...]] = ("6-thang", "9-thang", "nam")


@dataclass(frozen=True)
class ReviewPeriod:
    kind: ReviewKind
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        month = {"6-thang": 6, "9-thang": 9, "nam": 12}[self.kind]
        return dt.date(self.year, month, 30 if month in (6, 9) else 31)

    @property
    def label(self) -> str:
        """«6 tháng đầu năm 2026», «9 tháng đầu năm 2026», «năm 2026»."""
        if self.kind == "nam":
            return f"năm {self.year}"
        months = "6" if self.kind == "6-thang" else "9"
        return f"{months} tháng đầu năm {self.year}"

    @property
    def next_start(self) -> dt.date:
        return self.end + dt.timedelta(days=1)

    @property
    def next_end(self) -> dt.date:
        if self.kind == "nam":
            return dt.date(self.year + 1, 12, 31)
        return dt.date(self.year, 12, 31)

    @property
    def next_label(self) -> str:
        """«6 tháng cuối năm 2026», «quý IV năm 2026», «năm 2027»."""
        if self.kind == "6-thang":
            return f"6 tháng cuối năm {self.year}"
        if self.kind == "9-thang":
            return f"quý IV năm {self.year}"
        return f"năm {self.year + 1}"

    def covers(self, day: dt.date) -> bool:
        """The day falls within the report's year (data may be cut off before its end)."""
        return day.year == self.year


ATTAINED: Final = "Đạt"
MISSED: Final = "Không đạt"
UNRATED: Final = "Chưa đánh giá"


@dataclass(frozen=True)
class IndicatorResult:
    """One row of chi-tieu.json: an indicator, its target as the plan writes it, the value
    measured in the period (None: not measured, never 0) and whether it was attained."""

    code: str
    name: str
    unit: str
    target: str
    value: Decimal | None
    attained: bool | None
    lead: str

    @property
    def assessment(self) -> str:
        """The «Đánh giá» column: «Đạt», «Không đạt» or «Chưa đánh giá»."""
        if self.attained is None:
            return UNRATED
        return ATTAINED if self.attained else MISSED


@dataclass(frozen=True)
class IndicatorTable:
    period: str
    indicators: tuple[IndicatorResult, ...]

    def attained(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.indicators if i.attained is True)

    def missed(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.indicators if i.attained is False)

    def unrated(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.indicators if i.attained is None)


@dataclass(frozen=True)
class OnestopUnit:
    code: str
    name: str
    level: str
    counts: Counts


@dataclass(frozen=True)
class OnestopFigures:
    """A period's one-stop figures as thong-ke.json holds them."""

    start: dt.date
    end: dt.date
    total: Counts
    levels: tuple[tuple[str, Counts], ...]
    units: tuple[OnestopUnit, ...]

    def level_map(self) -> dict[str, Counts]:
        return dict(self.levels)

    def most_late(self, n: int = 3) -> tuple[OnestopUnit, ...]:
        """The units with the most dossiers resolved late, most first (none without one)."""
        late = [u for u in self.units if u.counts.late]
        return tuple(sorted(late, key=lambda u: (-u.counts.late, u.code))[:n])


@dataclass(frozen=True)
class PlanInput:
    status: PlanStatus
    assigned_by: str
    """The document that assigned the plan («Quyết định số 3150/QĐ-UBND …»); empty: unknown."""

    @property
    def has_headings(self) -> bool:
        return all(s.task.heading for s in self.status.tasks) and bool(self.status.tasks)
