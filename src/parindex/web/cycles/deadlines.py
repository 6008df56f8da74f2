"""Deadlines a unit must keep, as the server enforces them: the cycle's, or the unit's extension.

The steps a unit does itself are self-assessment and explanation; past its deadline a unit can
no longer save, submit or explain (``deadline_problems``), whatever the page shows. A step
without a deadline never locks.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.problems import Problem
from parindex.core.workflow import STATE_LABELS, CycleState
from parindex.web.cycles.models import Cycle, Extension

UNIT_STEPS = {
    CycleState.SELF_ASSESSMENT: "self_assessment_due",
    CycleState.EXPLANATION: "explanation_due",
}
"""The unit's own steps and the cycle's deadline field of each."""


def cycle_due(cycle: Cycle, step: CycleState) -> dt.datetime | None:
    field = UNIT_STEPS.get(step)
    return getattr(cycle, field) if field else None


def unit_due(cycle: Cycle, unit_id: int, step: CycleState) -> dt.datetime | None:
    """The deadline of ``step`` for this unit: its extension if it has one, else the cycle's."""
    due = cycle_due(cycle, step)
    if due is None:
        return None
    extension = (
        Extension.objects.filter(cycle=cycle, unit_id=unit_id, step=step.value)
        .values_list("until", flat=True)
        .first()
    )
    return max(due, extension) if extension else due


def deadline_problems(
    cycle: Cycle, unit_id: int, step: CycleState, now: dt.datetime | None = None
) -> list[Problem]:
    """Why the unit may no longer act in ``step`` (empty: it may, as far as time goes)."""
    due = unit_due(cycle, unit_id, step)
    if due is None or (now or timezone.now()) <= due:
        return []
    return [
        Problem(
            f"đã hết hạn {STATE_LABELS[step].lower()} ({format_moment(timezone.localtime(due))}): "
            "đơn vị không sửa, không gửi được nữa; nếu có lý do chính đáng, đề nghị cơ quan "
            "thường trực CCHC gia hạn"
        )
    ]
