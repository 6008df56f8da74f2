"""Deadlines that act by themselves: reminders before a unit's deadline, the lock once it passes.

``run_deadline_checks(now)`` is idempotent: what it has done for a unit's deadline is kept
(``DeadlineNotice``), so each reminder and each lock happen once however often it runs (the
background task every 15 minutes, ``manage.py check_deadlines`` from cron, or both). The lock
itself is the server's own check (``deadlines.deadline_problems``); this records and tells it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.deadlines import UNIT_STEPS, pending_unit_ids, unit_dues
from parindex.web.cycles.models import Cycle, DeadlineNotice
from parindex.web.cycles.setup import officers_of
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify
from parindex.web.units.models import Unit

REMINDERS = (("soon3", dt.timedelta(days=3), "3 ngày"), ("soon1", dt.timedelta(days=1), "1 ngày"))
"""Each reminder: its key, how long before the deadline it is sent, how it is said."""


@dataclass(frozen=True)
class CheckSummary:
    reminders: int = 0
    locks: int = 0

    def __str__(self) -> str:
        return f"{self.reminders} nhắc hạn, {self.locks} khoá hạn"


def _claim(cycle: Cycle, unit_id: int, step: CycleState, kind: str, due: dt.datetime) -> bool:
    """Mark this (unit, step, kind, deadline) as done; False if it was done already."""
    try:
        with transaction.atomic():
            DeadlineNotice.objects.create(
                cycle=cycle, unit_id=unit_id, step=step.value, kind=kind, due=due
            )
    except IntegrityError:
        return False
    return True


def _moment(value: dt.datetime) -> str:
    return format_moment(timezone.localtime(value))


def check_cycle(cycle: Cycle, now: dt.datetime) -> CheckSummary:
    step = CycleState(cycle.state)
    if step not in UNIT_STEPS:
        return CheckSummary()
    pending = pending_unit_ids(cycle, step)
    if not pending:
        return CheckSummary()
    dues = unit_dues(cycle, step)
    url = reverse("cycles:cycle", args=[cycle.pk])
    label = STATE_LABELS[step].lower()
    units = {u.pk: u for u in Unit.objects.filter(pk__in=pending)}
    reminders = locks = 0
    for unit_id in sorted(pending):
        due = dues.get(unit_id)
        if due is None:
            continue
        unit = units[unit_id]
        if now > due:
            if not _claim(cycle, unit_id, step, "lock", due):
                continue
            with transaction.atomic():
                record(
                    None,
                    AuditAction.DEADLINE_LOCK,
                    cycle=cycle,
                    unit=unit,
                    field=UNIT_STEPS[step],
                    new=_moment(due),
                    reason=f"hết hạn {label}, đơn vị chưa gửi",
                )
            notify(
                officers_of({unit_id}),
                NoticeKind.DEADLINE_PASSED,
                f"Đã hết hạn {label} ({_moment(due)})",
                f"Kỳ đánh giá «{cycle.name}»: {unit} chưa gửi và không sửa, không gửi được nữa; "
                "nếu có lý do chính đáng, đề nghị cơ quan thường trực CCHC gia hạn.",
                url=url,
                cycle=cycle,
            )
            locks += 1
            continue
        # the nearest threshold only: a unit added 12 hours before its deadline is not also
        # told "3 days left"
        for kind, before, said in reversed(REMINDERS):
            if now >= due - before:
                if _claim(cycle, unit_id, step, kind, due):
                    notify(
                        officers_of({unit_id}),
                        NoticeKind.DEADLINE_SOON,
                        f"Còn dưới {said} đến hạn {label} ({_moment(due)})",
                        f"Kỳ đánh giá «{cycle.name}»: {unit} chưa gửi. Đề nghị hoàn thành "
                        "và gửi trước hạn.",
                        url=url,
                        cycle=cycle,
                    )
                    reminders += 1
                break
    return CheckSummary(reminders, locks)


def run_deadline_checks(now: dt.datetime | None = None) -> CheckSummary:
    """Every open cycle's reminders and locks due at ``now`` (default: the present)."""
    moment = now or timezone.now()
    reminders = locks = 0
    states = [s.value for s in UNIT_STEPS]
    for cycle in Cycle.objects.filter(state__in=states).order_by("pk"):
        done = check_cycle(cycle, moment)
        reminders += done.reminders
        locks += done.locks
    return CheckSummary(reminders, locks)
