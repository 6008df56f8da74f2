"""A plan's rows as the core's tasks and progress, and its status as of a date.

The rule (the four national statuses, the counts) is ``core.plans``; this module only reads
the rows. A report dated after the as-of date is not known on that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from parindex.core.deadlines import Deadline, DeadlineError, parse_deadline
from parindex.core.plans import PlanStatus, Progress, Task, plan_status
from parindex.web.plans.models import Plan, PlanTask, TaskReport


def deadline_of(task: PlanTask) -> Deadline:
    """The task's deadline as the core reads it; a text stored before a rule changed and no
    longer read is kept as its stored last day (or «Thường xuyên» without one)."""
    try:
        return parse_deadline(task.deadline)
    except DeadlineError:
        if task.deadline_end is None:
            return Deadline(task.deadline, "ongoing", None)
        return Deadline(task.deadline, "date", task.deadline_end)


def core_task(task: PlanTask, tt: str | None = None) -> Task:
    """The row as the core's task; ``tt`` its key (the row's id when None)."""
    return Task(
        tt=str(task.pk) if tt is None else tt,
        heading=task.heading,
        text=task.text,
        lead=task.lead,
        partners=task.partners,
        product=task.product,
        deadline=deadline_of(task),
        row=task.position,
    )


def status_of_plan(plan: Plan, as_of: dt.date) -> PlanStatus:
    return status_of_tasks(plan.tasks.order_by("position", "pk"), as_of)


def status_of_tasks(tasks: Iterable[PlanTask], as_of: dt.date) -> PlanStatus:
    """Each task's status as of ``as_of``, in the order given. The core reads them keyed by
    the row's id, so tasks of several plans, or two rows a plan numbered alike, never mix
    their reports; the statuses returned carry the plan's TT."""
    rows = list(tasks)
    reports = TaskReport.objects.filter(task__in=rows)
    keyed = [core_task(t) for t in rows]
    progress = [Progress(str(r.task_id), r.date, r.result, r.completed, r.pk) for r in reports]
    status = plan_status(keyed, progress, as_of)
    # the statuses carry the plan's own TT again (the annexes, trang-thai.json print it)
    return replace(
        status,
        tasks=tuple(
            replace(s, task=replace(s.task, tt=t.tt))
            for t, s in zip(rows, status.tasks, strict=True)
        ),
    )
