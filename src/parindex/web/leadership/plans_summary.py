"""The leaders' view of this year's plans: completion and the overdue tasks, as of today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parindex.core.plans import NOT_DONE, Counts, TaskStatus
from parindex.web.plans.models import Plan, PlanKind, PlanTask
from parindex.web.plans.status import status_of_tasks

SHOWN_OVERDUE = 10


@dataclass(frozen=True)
class PlanLine:
    plan: Plan
    counts: Counts
    permille: int  # done per thousand tasks, for the meter
    overdue: list[tuple[PlanTask, TaskStatus]]
    overdue_count: int


def plan_lines(today: dt.date) -> list[PlanLine]:
    """The yearly plans of the latest year with a plan, and the remediation plans issued for
    it, each with its counts and its first overdue tasks (oldest deadline first)."""
    latest = (
        Plan.objects.filter(kind=PlanKind.YEARLY).order_by("-year").values_list("year", flat=True)
    ).first()
    if latest is None:
        return []
    lines = []
    for plan in Plan.objects.filter(kind=PlanKind.YEARLY, year=latest).order_by("pk"):
        tasks = list(plan.tasks.select_related("lead_unit").order_by("position", "pk"))
        status = status_of_tasks(tasks, today)
        counts = status.counts
        late = sorted(
            ((t, s) for t, s in zip(tasks, status.tasks, strict=True) if s.status == NOT_DONE),
            key=lambda pair: (pair[0].deadline_end or today, pair[0].position),
        )
        lines.append(
            PlanLine(
                plan,
                counts,
                counts.done * 1000 // counts.total if counts.total else 0,
                late[:SHOWN_OVERDUE],
                len(late),
            )
        )
    return lines
