"""A plan's tasks, their progress and their status as of a date, with the four national values.

A task is a row of the plan's task table (QĐ 2629/QĐ-TTg Phụ lục II: "TT", "Nhiệm vụ, giải
pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian thực hiện"), under the
heading it is listed under. Progress is what the lead unit reports ("Kết quả thực hiện", the
date, the day it completed the task if it did). As of a date a task is:

- "Đã hoàn thành": completed by its deadline (a "Thường xuyên" task completed counts here);
- "Đã hoàn thành quá hạn": completed after its deadline;
- "Đang thực hiện": open, its deadline not passed (or "Thường xuyên");
- "Chưa hoàn thành": open, its deadline passed.

A task completed after the as-of date is open on that date; a report dated after it is not
known yet. Pure: no Django, no files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from parindex.core.deadlines import Deadline
from parindex.core.numbers import format_count, format_place

DONE: Final = "Đã hoàn thành"
DONE_LATE: Final = "Đã hoàn thành quá hạn"
IN_PROGRESS: Final = "Đang thực hiện"
NOT_DONE: Final = "Chưa hoàn thành"
STATUSES: Final = (DONE, DONE_LATE, IN_PROGRESS, NOT_DONE)
"""The four values of the "Tiến độ" column, verbatim, in the order reports list them."""


@dataclass(frozen=True)
class Task:
    tt: str
    heading: str
    """The heading the task is listed under ("I. CẢI CÁCH THỂ CHẾ"); empty if none."""
    text: str
    lead: str
    partners: str
    product: str
    deadline: Deadline
    row: int = 0
    """The row of the plan's table it was read from (0: not read from a table)."""


@dataclass(frozen=True)
class Progress:
    tt: str
    date: dt.date | None
    """The day of the report; None: undated (known whatever the as-of date)."""
    result: str
    completed: dt.date | None
    row: int = 0


def status_of(deadline: Deadline, completed: dt.date | None, as_of: dt.date) -> str:
    """One of ``STATUSES`` for a task with this deadline, completed on ``completed`` (or not)."""
    if completed is not None and completed <= as_of:
        on_time = deadline.end is None or completed <= deadline.end
        return DONE if on_time else DONE_LATE
    return NOT_DONE if deadline.passed(as_of) else IN_PROGRESS


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    status: str
    result: str
    """The latest "Kết quả thực hiện" reported by the as-of date (empty: none)."""
    completed: dt.date | None
    """The completion day, if it is on or before the as-of date."""

    @property
    def done(self) -> bool:
        return self.status in (DONE, DONE_LATE)


@dataclass(frozen=True)
class Counts:
    """How many tasks have each status, for one lead unit or the whole plan."""

    by_status: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, statuses: Iterable[TaskStatus]) -> Counts:
        counted = Counter(s.status for s in statuses)
        return cls(tuple((name, counted.get(name, 0)) for name in STATUSES))

    def __getitem__(self, status: str) -> int:
        return dict(self.by_status)[status]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.by_status)

    @property
    def done(self) -> int:
        return self[DONE] + self[DONE_LATE]

    def summary(self) -> str:
        """«hoàn thành 106/109 nhiệm vụ (02 quá hạn); 2 đang thực hiện; 1 chưa hoàn thành»."""
        parts = [f"hoàn thành {format_place(self.done, self.total)} nhiệm vụ"]
        if self[DONE_LATE]:
            parts[0] += f" (có {format_count(self[DONE_LATE])} nhiệm vụ hoàn thành quá hạn)"
        if self[IN_PROGRESS]:
            parts.append(f"{format_count(self[IN_PROGRESS])} nhiệm vụ đang thực hiện")
        if self[NOT_DONE]:
            parts.append(f"{format_count(self[NOT_DONE])} nhiệm vụ quá hạn chưa hoàn thành")
        return "; ".join(parts)


@dataclass(frozen=True)
class PlanStatus:
    as_of: dt.date
    tasks: tuple[TaskStatus, ...]

    @property
    def counts(self) -> Counts:
        return Counts.of(self.tasks)

    def leads(self) -> list[str]:
        """The lead units in the order the plan first names them."""
        return list(dict.fromkeys(s.task.lead for s in self.tasks))

    def by_lead(self) -> list[tuple[str, tuple[TaskStatus, ...], Counts]]:
        groups = []
        for lead in self.leads():
            tasks = tuple(s for s in self.tasks if s.task.lead == lead)
            groups.append((lead, tasks, Counts.of(tasks)))
        return groups

    def overdue(self) -> tuple[TaskStatus, ...]:
        """The tasks "quá hạn chưa hoàn thành" on the as-of date."""
        return tuple(s for s in self.tasks if s.status == NOT_DONE)


def plan_status(tasks: Sequence[Task], progress: Iterable[Progress], as_of: dt.date) -> PlanStatus:
    """Every task's status as of ``as_of``, from the progress reports known by then.

    A task's completion is the earliest completion day reported; its result the text of its
    latest report dated by ``as_of`` (undated reports count as the earliest).
    """
    reports: dict[str, list[Progress]] = {}
    for entry in progress:
        reports.setdefault(entry.tt, []).append(entry)
    statuses = []
    for task in tasks:
        known = [p for p in reports.get(task.tt, []) if p.date is None or p.date <= as_of]
        known.sort(key=lambda p: (p.date or dt.date.min, p.row))
        completions = [p.completed for p in reports.get(task.tt, []) if p.completed is not None]
        completed = min(completions) if completions else None
        if completed is not None and completed > as_of:
            completed = None
        result = next((p.result for p in reversed(known) if p.result), "")
        statuses.append(
            TaskStatus(task, status_of(task.deadline, completed, as_of), result, completed)
        )
    return PlanStatus(as_of, tuple(statuses))
