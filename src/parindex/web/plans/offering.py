"""What a unit's plans offer its self-assessment: for each criterion, the documents of the
plans and tasks that serve it, and — beside a criterion scored by the rate of a plan's
completion — that rate and the points the framework's rule gives it (a suggestion: the
officer still enters the score).

A plan serves the criteria its ``criteria`` names (its issuing decision is their evidence;
for a yearly plan, the criterion scored by its completion); a task the criteria its own
``criteria`` names. The rate counts the tasks of the unit's yearly plans of the cycle's year
(those it issued, and those of any yearly plan it leads), as of the end of that year or
today, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q

from parindex.core.framework import Framework
from parindex.core.numbers import format_percent, format_place
from parindex.core.plans import TaskStatus
from parindex.web.plans.models import Plan, PlanKind, PlanTask, TaskFile
from parindex.web.plans.status import status_of_tasks


@dataclass(frozen=True)
class Completion:
    done: int
    total: int
    as_of: dt.date
    points: Decimal | None  # by the criterion's rule; None: the criterion has no rule

    @property
    def text(self) -> str:
        """«hoàn thành 106/109 nhiệm vụ (97,25%)»."""
        share = Decimal(self.done * 100) / Decimal(self.total) if self.total else Decimal(0)
        return (
            f"hoàn thành {format_place(self.done, self.total)} nhiệm vụ ({format_percent(share)})"
        )


@dataclass
class Offer:
    plans: list[Plan] = field(default_factory=list)
    tasks: list[tuple[PlanTask, TaskStatus, list[TaskFile]]] = field(default_factory=list)
    completion: Completion | None = None


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def offers(unit_id: int, year: int, core: Framework, today: dt.date) -> dict[str, Offer]:
    """Per criterion code, what the unit's plans of ``year`` offer (codes with nothing: absent)."""
    found: dict[str, Offer] = {}
    as_of = min(today, _year_end(year))
    plans = list(Plan.objects.filter(issuer=unit_id, year=year).exclude(criteria=""))
    for plan in plans:
        for code in plan.criteria_codes:
            if plan.issued:
                found.setdefault(code, Offer()).plans.append(plan)
    tasks = list(
        PlanTask.objects.filter(lead_unit=unit_id, plan__year=year)
        .exclude(criteria="")
        .select_related("plan")
    )
    if tasks:
        status = status_of_tasks(tasks, as_of)
        files: dict[int, list[TaskFile]] = {}
        for f in TaskFile.objects.filter(report__task__in=tasks).select_related("report"):
            files.setdefault(f.report.task_id, []).append(f)
        for task, s in zip(tasks, status.tasks, strict=True):
            for code in task.criteria_codes:
                found.setdefault(code, Offer()).tasks.append((task, s, files.get(task.pk, [])))
    yearly = Plan.objects.filter(kind=PlanKind.YEARLY, year=year).filter(
        Q(issuer=unit_id) | Q(tasks__lead_unit=unit_id)
    )
    scored = {code for p in yearly.exclude(criteria="").distinct() for code in p.criteria_codes}
    if scored:
        own = PlanTask.objects.filter(plan__kind=PlanKind.YEARLY, plan__year=year).filter(
            Q(plan__issuer=unit_id) | Q(lead_unit=unit_id)
        )
        counts = status_of_tasks(own.order_by("plan_id", "position", "pk"), as_of).counts
        for code in scored:
            node = core.node(code)
            if node is None or node.rule is None:  # a plan's decision cited, not its rate
                continue
            points = None
            if counts.total:
                rate = Fraction(counts.done * 100, counts.total)
                points = node.rule.points(rate, node.max, core.leaf_decimals)
            found.setdefault(code, Offer()).completion = Completion(
                counts.done, counts.total, as_of, points
            )
    return found
