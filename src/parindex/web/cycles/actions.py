"""Cycles: creation (freezing the framework), state transitions, appraiser assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.scoring import BLOCK_KEYS
from parindex.core.workflow import CycleState, transition_problems
from parindex.web.access import is_appraiser
from parindex.web.accounts.models import User
from parindex.web.assessments.models import Score
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.cycles.models import Assignment, Cycle, Participation
from parindex.web.errors import ActionError
from parindex.web.frameworks.models import Framework
from parindex.web.units.models import Unit


@transaction.atomic
def do_create_cycle(
    name: str,
    framework: Framework,
    period: str,
    units: Iterable[Unit],
    actor: User,
    block_by: str = "",
    **deadlines: dt.datetime | None,
) -> Cycle:
    """A cycle with its units and an empty self-assessment row per unit and self-assessed leaf.

    ``block_by``: "" (one ranking), "kind" or "parent" (ranked within blocks).
    """
    if block_by and block_by not in BLOCK_KEYS:
        raise ActionError(f"Không xếp hạng theo khối «{block_by}» được")
    Framework.objects.filter(pk=framework.pk).update(frozen=True)
    cycle = Cycle.objects.create(
        name=name, framework=framework, period=period, block_by=block_by, **deadlines
    )
    leaves = list(framework.criteria.filter(is_leaf=True, source="self"))
    members = list(units)
    Participation.objects.bulk_create([Participation(cycle=cycle, unit=u) for u in members])
    Score.objects.bulk_create(
        [Score(cycle=cycle, unit=u, criterion=c) for u in members for c in leaves]
    )
    record(
        actor,
        AuditAction.CYCLE_CREATE,
        cycle=cycle,
        field="cycle",
        new=f"{name} ({format_count(len(members))} đơn vị)",
    )
    return cycle


@transaction.atomic
def do_transition_cycle(cycle: Cycle, target: CycleState, actor: User, reason: str = "") -> Cycle:
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    current = CycleState(locked.state)
    refused = transition_problems(current, target, reason)
    if refused:  # one reason at most: said as the message itself
        text = refused[0].message
        raise ActionError(text[:1].upper() + text[1:])
    locked.state = target
    locked.version += 1
    locked.save(update_fields=["state", "version"])
    record(
        actor,
        AuditAction.CYCLE_STATE,
        cycle=locked,
        field="state",
        old=current.value,
        new=target.value,
        reason=reason,
    )
    return locked


@transaction.atomic
def do_assign_appraiser(
    cycle: Cycle, appraiser: User, unit: Unit, actor: User, field_code: str = ""
) -> Assignment:
    if not is_appraiser(appraiser):
        raise ActionError(f"{appraiser} không phải thành viên Hội đồng thẩm định")
    assignment, _ = Assignment.objects.get_or_create(
        cycle=cycle, appraiser=appraiser, unit=unit, field_code=field_code
    )
    record(
        actor,
        AuditAction.CYCLE_ASSIGN,
        cycle=cycle,
        unit=unit,
        field="appraiser",
        new=f"{appraiser.username} {field_code}".strip(),
    )
    return assignment


@transaction.atomic
def do_unassign_appraiser(assignment: Assignment, actor: User) -> None:
    record(
        actor,
        AuditAction.CYCLE_UNASSIGN,
        cycle=assignment.cycle,
        unit=assignment.unit,
        field="appraiser",
        old=f"{assignment.appraiser.username} {assignment.field_code}".strip(),
    )
    Assignment.objects.filter(pk=assignment.pk).delete()
