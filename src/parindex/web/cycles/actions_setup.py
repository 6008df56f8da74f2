"""Editing a cycle after its creation: name and deadlines, extensions, participants, reminders.

Each function is atomic and audited; ``actions`` re-exports them (the app's one place of writes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.numbers import format_count
from parindex.core.problems import Problem
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.accounts.models import User
from parindex.web.assessments.models import Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.deadlines import UNIT_STEPS, cycle_due, pending_unit_ids
from parindex.web.cycles.models import Assignment, Cycle, Extension, Participation
from parindex.web.cycles.setup import (
    DEADLINE_FIELDS,
    EDITABLE_PARTICIPANTS,
    active_units,
    of_level,
    officers_of,
)
from parindex.web.errors import ActionError
from parindex.web.notices.models import NoticeKind
from parindex.web.notices.send import notify
from parindex.web.units.models import Unit


def _moment(value: dt.datetime | None) -> str:
    return format_moment(timezone.localtime(value)) if value else ""


@transaction.atomic
def do_edit_cycle(
    cycle: Cycle, actor: User, name: str, deadlines: dict[str, dt.datetime | None]
) -> Cycle:
    """The cycle's name and deadlines; one CYCLE_EDIT row per changed value, old and new."""
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    name = name.strip()
    if not name:
        raise ActionError("Cần ghi tên kỳ đánh giá")
    changed = []
    if name != locked.name:
        record(actor, AuditAction.CYCLE_EDIT, cycle=locked, field="name", old=locked.name, new=name)
        locked.name = name
        changed.append("name")
    for field, _label, _step in DEADLINE_FIELDS:
        if field not in deadlines:
            continue
        old, new = getattr(locked, field), deadlines[field]
        if old == new:
            continue
        record(
            actor,
            AuditAction.CYCLE_EDIT,
            cycle=locked,
            field=field,
            old=_moment(old),
            new=_moment(new),
        )
        setattr(locked, field, new)
        changed.append(field)
    if changed:
        locked.version += 1
        locked.save(update_fields=[*changed, "version"])
    return locked


def _participant(cycle: Cycle, unit: Unit) -> Participation:
    try:
        return Participation.objects.get(cycle=cycle, unit=unit)
    except Participation.DoesNotExist:
        raise ActionError(f"{unit} không tham gia kỳ đánh giá này") from None


@transaction.atomic
def do_extend_deadline(
    cycle: Cycle,
    unit: Unit,
    step: CycleState,
    until: dt.datetime,
    reason: str,
    actor: User,
) -> Extension:
    """A unit's own later deadline for a step it does itself; its officers are told."""
    _participant(cycle, unit)
    if step not in UNIT_STEPS:
        raise ActionError(f"Bước «{STATE_LABELS[step]}» không gia hạn cho từng đơn vị được")
    if not reason.strip():
        raise ActionError("Gia hạn cần ghi lý do")
    due = cycle_due(cycle, step)
    if due is None:
        raise ActionError(
            f"Kỳ đánh giá chưa có hạn {STATE_LABELS[step].lower()}: không cần gia hạn"
        )
    if until <= due:
        raise ActionError(f"Gia hạn đến {_moment(until)} không sau hạn chung ({_moment(due)})")
    previous = Extension.objects.filter(cycle=cycle, unit=unit, step=step.value).first()
    extension, _ = Extension.objects.update_or_create(
        cycle=cycle,
        unit=unit,
        step=step.value,
        defaults={"until": until, "reason": reason.strip(), "granted_by": actor},
    )
    record(
        actor,
        AuditAction.DEADLINE_EXTEND,
        cycle=cycle,
        unit=unit,
        field=UNIT_STEPS[step],
        old=_moment(previous.until if previous else due),
        new=_moment(until),
        reason=reason.strip(),
    )
    notify(
        officers_of({unit.pk}),
        NoticeKind.DEADLINE_EXTENDED,
        f"{unit} được gia hạn {STATE_LABELS[step].lower()} đến {_moment(until)}",
        f"Kỳ đánh giá «{cycle.name}». Lý do: {reason.strip()}",
        url=reverse("cycles:cycle", args=[cycle.pk]),
        cycle=cycle,
    )
    return extension


def _open_for_participants(cycle: Cycle) -> None:
    if CycleState(cycle.state) not in EDITABLE_PARTICIPANTS:
        raise ActionError(
            "Chỉ thêm, bớt đơn vị tham gia được trước khi thẩm định "
            f"(kỳ đang ở bước «{STATE_LABELS[CycleState(cycle.state)]}»)"
        )


@transaction.atomic
def do_add_participants(cycle: Cycle, units: Iterable[Unit], actor: User) -> int:
    """Units join the cycle (each with its empty self-assessment rows); a unit removed before
    comes back with what it had entered. Units not in force or of another level are refused,
    all at once."""
    _open_for_participants(cycle)
    members = list(units)
    active = set(active_units().filter(pk__in=[u.pk for u in members]).values_list("pk", flat=True))
    problems = [
        Problem(f"{u} ({u.code}) không còn hiệu lực", where="đơn vị")
        for u in members
        if u.pk not in active
    ] + [
        Problem(f"{u} ({u.code}) không thuộc cấp của bộ tiêu chí", where="đơn vị")
        for u in members
        if not of_level(cycle, u.kind)
    ]
    if problems:
        raise ActionError("Chưa thêm được đơn vị", problems)
    leaves = list(cycle.framework.criteria.filter(is_leaf=True, source="self"))
    added = 0
    for unit in members:
        row = Participation.every.filter(cycle=cycle, unit=unit).first()
        if row is not None and row.removed_at is None:
            continue
        if row is None:
            Participation.objects.create(cycle=cycle, unit=unit)
        else:
            Participation.every.filter(pk=row.pk).update(removed_at=None, removed_reason="")
        Score.objects.bulk_create(
            [Score(cycle=cycle, unit=unit, criterion=c) for c in leaves], ignore_conflicts=True
        )
        record(
            actor, AuditAction.PARTICIPANT_ADD, cycle=cycle, unit=unit, field="unit", new=unit.code
        )
        added += 1
    return added


@transaction.atomic
def do_remove_participant(cycle: Cycle, unit: Unit, reason: str, actor: User) -> bool:
    """The unit leaves the cycle before the appraisal, with a reason. A unit that had entered
    anything keeps its row, marked removed (its history stays); otherwise its empty rows go.
    Returns whether the row was kept."""
    _open_for_participants(cycle)
    if not reason.strip():
        raise ActionError("Rút đơn vị khỏi kỳ cần ghi lý do")
    participation = _participant(cycle, unit)
    scores = Score.objects.filter(cycle=cycle, unit=unit)
    entered = (
        participation.submitted
        or scores.exclude(
            self_score=None, not_applicable=False, explanation="", measure=""
        ).exists()
        or scores.filter(evidence__isnull=False).exists()
    )
    for assignment in Assignment.objects.filter(cycle=cycle, unit=unit).select_related("appraiser"):
        record(
            actor,
            AuditAction.CYCLE_UNASSIGN,
            cycle=cycle,
            unit=unit,
            field="appraiser",
            old=f"{assignment.appraiser.username} {assignment.field_code}".strip(),
            reason=reason.strip(),
        )
        assignment.delete()
    if entered:
        Participation.objects.filter(pk=participation.pk).update(
            removed_at=timezone.now(), removed_reason=reason.strip()
        )
    else:
        scores.delete()
        participation.delete()
    record(
        actor,
        AuditAction.PARTICIPANT_REMOVE,
        cycle=cycle,
        unit=unit,
        field="unit",
        old=unit.code,
        reason=reason.strip(),
    )
    return entered


@transaction.atomic
def do_send_reminders(cycle: Cycle, actor: User, now: dt.datetime | None = None) -> int:
    """Remind every unit that has not done the current step (not submitted, not explained):
    one REMINDER notice to each of their officers. Returns how many units were reminded."""
    step = CycleState(cycle.state)
    if step not in UNIT_STEPS:
        raise ActionError(
            f"Ở bước «{STATE_LABELS[step]}» các đơn vị không có việc phải nộp: không nhắc được"
        )
    late = pending_unit_ids(cycle, step)
    if not late:
        raise ActionError("Mọi đơn vị đã nộp: không có đơn vị nào cần nhắc")
    due = cycle_due(cycle, step)
    units = list(Unit.objects.filter(pk__in=late).order_by("code"))
    for unit in units:
        notify(
            officers_of({unit.pk}),
            NoticeKind.REMINDER,
            f"Nhắc {unit}: chưa hoàn thành bước «{STATE_LABELS[step]}»",
            f"Kỳ đánh giá «{cycle.name}»"
            + (f", hạn {_moment(due)}" if due else "")
            + ". Đề nghị đơn vị hoàn thành và gửi sớm.",
            url=reverse("cycles:cycle", args=[cycle.pk]),
            cycle=cycle,
        )
    record(
        actor,
        AuditAction.REMINDER_SEND,
        cycle=cycle,
        field=step.value,
        new=f"{format_count(len(units))} đơn vị: {', '.join(u.code for u in units)}",
    )
    return len(units)
