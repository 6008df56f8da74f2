"""Deadline notices of plan tasks to their lead unit: 3 days before, 1 day before, and once the
deadline has passed (overdue).

``notify_task_deadlines(today)`` is idempotent: each (task, kind) is claimed once in
``TaskNotice`` (its unique constraint: two workers never both send), so it may run every 15
minutes (the ``check_deadlines`` background task) and from cron (``manage.py check_deadlines``)
alike. Only the nearest notice due is sent: a check missed on the 3-days day still sends the
1-day one the day before; a task overdue is told so once, whenever the check first sees it.
A task completed (a report with its day of completion) or «Thường xuyên» (no last day) never
gets one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from parindex.core.moments import format_date
from parindex.core.numbers import format_count
from parindex.web.accounts.models import User
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify
from parindex.web.plans.models import PlanTask, TaskNotice, TaskReport

SOON = ((TaskNotice.Kind.ONE_DAY, 1, "1 ngày"), (TaskNotice.Kind.THREE_DAYS, 3, "3 ngày"))
"""Each notice before the deadline, nearest first: its kind, days before, how it is said."""


@dataclass(frozen=True)
class TaskNoticeCounts:
    three_days: int = 0
    one_day: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.three_days + self.one_day + self.overdue

    def __str__(self) -> str:
        return (
            f"nhiệm vụ: {format_count(self.three_days)} báo còn 3 ngày, "
            f"{format_count(self.one_day)} báo còn 1 ngày, {format_count(self.overdue)} báo quá hạn"
        )


def task_url(task: PlanTask) -> str:
    """The task's page (``plans:task``); its path as written while that page is not routed."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("plans:task", args=[task.pk])
    except NoReverseMatch:
        return f"/nhiem-vu/{task.pk}/"


def kind_due(end: dt.date, today: dt.date) -> TaskNotice.Kind | None:
    """The notice a task with this last day is due on ``today``, if any (the nearest only)."""
    if today > end:
        return TaskNotice.Kind.OVERDUE
    for kind, days, _said in SOON:
        if today >= end - dt.timedelta(days=days):
            return kind
    return None


def _officers(unit_id: int) -> list[User]:
    return list(User.objects.filter(role="officer", is_active=True, unit_id=unit_id))


def _message(task: PlanTask, kind: TaskNotice.Kind) -> tuple[NoticeKind, str, str]:
    end = format_date(task.deadline_end) if task.deadline_end else ""
    what = f"Nhiệm vụ {task.tt} của kế hoạch «{task.plan.title}»: {task.text[:200]}"
    when = f"Thời gian thực hiện: {task.deadline} (hạn cuối {end})."
    if kind == TaskNotice.Kind.OVERDUE:
        return (
            NoticeKind.TASK_OVERDUE,
            f"Nhiệm vụ quá hạn chưa hoàn thành (hạn {end})",
            f"{what}. {when} Đề nghị báo cáo kết quả thực hiện và lý do chậm.",
        )
    said = dict((k, s) for k, _days, s in SOON)[kind]
    return (
        NoticeKind.TASK_DUE,
        f"Còn {said} đến hạn nhiệm vụ (hạn {end})",
        f"{what}. {when} Đề nghị hoàn thành và báo cáo kết quả trước hạn.",
    )


def _send(task: PlanTask, kind: TaskNotice.Kind) -> bool:
    """Claim (task, kind) and tell the lead unit's officers; False if it was claimed already.
    The claim and the notices commit together: a failure sends nothing and claims nothing."""
    try:
        with transaction.atomic():
            TaskNotice.objects.create(task=task, kind=kind)
            notice_kind, title, text = _message(task, kind)
            notify(_officers(task.lead_unit_id or 0), notice_kind, title, text, url=task_url(task))
    except IntegrityError:
        return False
    return True


def notify_task_deadlines(today: dt.date) -> TaskNoticeCounts:
    """Every notice due on ``today`` for tasks with a lead unit and a last day, not completed."""
    completed = TaskReport.objects.filter(completed__isnull=False).values("task_id")
    tasks = (
        PlanTask.objects.filter(
            lead_unit__isnull=False,
            deadline_end__isnull=False,
            deadline_end__lte=today + dt.timedelta(days=max(d for _k, d, _s in SOON)),
        )
        .exclude(pk__in=completed)
        .exclude(Exists(TaskNotice.objects.filter(task=OuterRef("pk"), kind="overdue")))
        .select_related("plan")
        .order_by("deadline_end", "pk")
    )
    sent = set(TaskNotice.objects.filter(task__in=tasks).values_list("task_id", "kind"))
    counts = {kind: 0 for kind in TaskNotice.Kind}
    for task in tasks:
        kind = kind_due(task.deadline_end, today) if task.deadline_end else None
        if kind is None or (task.pk, kind.value) in sent:
            continue
        if _send(task, kind):
            counts[kind] += 1
    return TaskNoticeCounts(
        three_days=counts[TaskNotice.Kind.THREE_DAYS],
        one_day=counts[TaskNotice.Kind.ONE_DAY],
        overdue=counts[TaskNotice.Kind.OVERDUE],
    )
