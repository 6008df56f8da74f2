"""One-stop statistics from the dossier register (Biểu số II.06a/VPCP/KSTT), per unit, level
and period, with the rates of the 766 index. Pure: numpy arrays in, exact counts out.

A dossier is a row of the provincial one-stop system's register: the receiving unit, the
channel (1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích), the day received, the day due, the
day it had its result (none while in progress), its status, the days its clock stopped (a
supplement asked for, a suspension: they extend the due day) and whether an apology letter
(Mẫu 04) was sent. Days are calendar days in Asia/Ho_Chi_Minh, as day numbers.

For a period from ``start`` to ``end`` (both days included):

- received: carried over (received before ``start``, without a result before ``start``),
  online and direct or postal (received in the period); the total is the three;
- resolved in the period (a result from ``start`` to ``end``): early (before the due day),
  on time (on the due day; returned and withdrawn dossiers count here, as the form says),
  late (after it);
- in progress at ``end`` (received by ``end``, no result by ``end``): within the deadline
  (the due day not before ``end``; a dossier waiting for a supplement counts here, as the
  form says) or overdue;
- the 766 on-time rate: (early + on time + in progress within) / received × 100; the online
  rate: online / received in the period × 100; late without an apology letter (a count).

Rates are percentages rounded half-up to 2 decimals (``core.numbers.round_half_up``); a rate
of nothing is None, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction
from typing import Final

import numpy as np
from numpy.typing import NDArray

from parindex.core.numbers import format_count, round_half_up

DIRECT, ONLINE, POSTAL = 1, 2, 3
CHANNELS: Final = {DIRECT: "Trực tiếp", ONLINE: "Trực tuyến", POSTAL: "Bưu chính công ích"}

IN_PROGRESS, DONE, RETURNED, WITHDRAWN, WAITING, STOPPED = 1, 2, 3, 4, 5, 6
STATUSES: Final = {
    IN_PROGRESS: "Đang xử lý",
    DONE: "Đã xử lý",
    RETURNED: "Trả lại",
    WITHDRAWN: "Xin rút",
    WAITING: "Chờ bổ sung",
    STOPPED: "Dừng xử lý",
}
"""The statuses of the register, as one-stop systems label them."""
OPEN_STATUSES: Final = (IN_PROGRESS, WAITING)
"""Statuses without a result: a result day beside them is a bad row."""
NO_RESULT: Final = np.iinfo(np.int32).max
"""The result day of a dossier still in progress."""

LEVELS: Final = ("tỉnh", "huyện", "xã")
"""The levels a unit receives dossiers at, in the form's order."""


@dataclass(frozen=True)
class Register:
    """The register's dossiers as columns (one entry per dossier), and the units they index."""

    unit: NDArray[np.int32]  # index into ``units``
    channel: NDArray[np.int8]
    received: NDArray[np.int32]  # day numbers
    due: NDArray[np.int32]  # the due day extended by the days the clock stopped
    finished: NDArray[np.int32]  # NO_RESULT: none
    status: NDArray[np.int8]
    apology: NDArray[np.bool_]
    units: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.unit.shape[0])


@dataclass(frozen=True)
class Counts:
    """The Biểu II.06a figures of one unit, level or the whole province for one period."""

    carried_over: int
    online: int
    direct_postal: int
    early: int
    on_time: int
    late: int
    within: int
    overdue: int
    late_without_apology: int

    @property
    def received(self) -> int:
        """«Tiếp nhận — Tổng số»: carried over and received in the period."""
        return self.carried_over + self.online + self.direct_postal

    @property
    def new(self) -> int:
        return self.online + self.direct_postal

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def in_progress(self) -> int:
        return self.within + self.overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        """766 «Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn» (đã và đang xử lý), in percent."""
        return rate(self.early + self.on_time + self.within, self.received)

    @property
    def online_rate(self) -> Decimal | None:
        """«Tỷ lệ hồ sơ nộp trực tuyến» of the dossiers received in the period, in percent."""
        return rate(self.online, self.new)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def problems(self) -> list[str]:
        """The form's identities that these figures break (none when computed here; figures
        imported from a system's form are checked the same way)."""
        found = []
        if self.received != self.resolved + self.in_progress:
            found.append(
                f"tổng tiếp nhận {format_count(self.received)} khác đã giải quyết "
                f"{format_count(self.resolved)} cộng đang giải quyết "
                f"{format_count(self.in_progress)}"
            )
        if self.late_without_apology > self.late:
            found.append("số hồ sơ quá hạn không có phiếu xin lỗi lớn hơn số hồ sơ quá hạn")
        return found


ZERO: Final = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0)


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, half-up to 2 decimals; None of nothing.

    >>> rate(2291, 2358), rate(0, 0)
    (Decimal('97.16'), None)
    """
    return round_half_up(Fraction(100 * part, whole), 2) if whole else None


def over_months(months: Sequence[Counts]) -> Counts:
    """A span of whole consecutive periods (the months of a quarter, say) from each one's
    figures: carried over from the first, received and resolved in any, in progress at the
    last one's end.

    >>> a = Counts(2, 1, 1, 1, 1, 0, 2, 0, 0)   # in progress at its end: 2
    >>> b = Counts(2, 3, 0, 2, 1, 0, 1, 1, 0)   # carried over: what a left
    >>> span = over_months([a, b])
    >>> span.received, span.resolved, span.in_progress, span.received == span.resolved + span.in_progress
    (7, 5, 2, True)
    """
    if not months:
        return ZERO
    first, last = months[0], months[-1]
    return Counts(
        carried_over=first.carried_over,
        online=sum(m.online for m in months),
        direct_postal=sum(m.direct_postal for m in months),
        early=sum(m.early for m in months),
        on_time=sum(m.on_time for m in months),
        late=sum(m.late for m in months),
        within=last.within,
        overdue=last.overdue,
        late_without_apology=sum(m.late_without_apology for m in months),
    )


def carry_over_problem(previous: Counts, current: Counts, label: str) -> str | None:
    """«Từ kỳ trước» of a period must be the previous period's «Đang giải quyết»."""
    if previous.in_progress == current.carried_over:
        return None
    return (
        f"{label}: chuyển từ kỳ trước {format_count(current.carried_over)} hồ sơ, "
        f"nhưng kỳ trước còn {format_count(previous.in_progress)} hồ sơ đang giải quyết"
    )


def _count(mask: NDArray[np.bool_], group: NDArray[np.int32], n: int) -> NDArray[np.int64]:
    return np.bincount(group[mask], minlength=n).astype(np.int64)


def counts_by(
    register: Register, group: NDArray[np.int32], n: int, start: int, end: int
) -> list[Counts]:
    """The figures of each of ``n`` groups (``group``: the group of each dossier, -1 for none)
    for the period from day ``start`` to day ``end``."""
    keep = group >= 0
    g = np.where(keep, group, 0).astype(np.int32)
    received, finished, due = register.received, register.finished, register.due
    status = register.status
    open_at_start = (received < start) & (finished >= start)
    new = (received >= start) & (received <= end)
    online = new & (register.channel == ONLINE)
    resolved = (finished >= start) & (finished <= end)
    excused = (status == RETURNED) | (status == WITHDRAWN)
    early = resolved & ~excused & (finished < due)
    on_time = resolved & (excused | (finished == due))
    late = resolved & ~excused & (finished > due)
    in_progress = (received <= end) & (finished > end)
    within = in_progress & ((due >= end) | (status == WAITING))
    overdue = in_progress & ~within
    columns = [
        _count(mask & keep, g, n)
        for mask in (
            open_at_start,
            online,
            new & ~online,
            early,
            on_time,
            late,
            within,
            overdue,
            late & ~register.apology,
        )
    ]
    return [Counts(*(int(c[i]) for c in columns)) for i in range(n)]


@dataclass(frozen=True)
class UnitCounts:
    code: str
    level: str
    counts: Counts


@dataclass(frozen=True)
class Statistics:
    """A period's figures: every unit (the units' file order), each level, the province."""

    start: int
    end: int
    units: tuple[UnitCounts, ...]

    @property
    def total(self) -> Counts:
        return sum((u.counts for u in self.units), ZERO)

    def levels(self) -> dict[str, Counts]:
        """The levels that received dossiers or have units, in the form's order."""
        found: dict[str, Counts] = {}
        for level in LEVELS:
            rows = [u.counts for u in self.units if u.level == level]
            if rows:
                found[level] = sum(rows, ZERO)
        return found

    def problems(self) -> list[str]:
        return [f"{u.code}: {p}" for u in self.units for p in u.counts.problems()]


def statistics(register: Register, levels: Mapping[str, str], start: int, end: int) -> Statistics:
    """The period's figures for every unit of the register (``levels``: each unit's level)."""
    per_unit = counts_by(register, register.unit, len(register.units), start, end)
    return Statistics(
        start,
        end,
        tuple(
            UnitCounts(code, levels.get(code, ""), counts)
            for code, counts in zip(register.units, per_unit, strict=True)
        ),
    )


def by_period(register: Register, periods: Sequence[tuple[int, int]]) -> list[list[Counts]]:
    """Every unit's figures for each period (a row per period): the months of a year, say."""
    n = len(register.units)
    return [counts_by(register, register.unit, n, start, end) for start, end in periods]
