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


STEP_OF_FIELD = {field: step for step, field in UNIT_STEPS.items()}


def unit_dues(cycle: Cycle, step: CycleState) -> dict[int, dt.datetime]:
    """Every participant's deadline of ``step`` (its extension if later), in one query; empty
    when the step has no deadline."""
    due = cycle_due(cycle, step)
    if due is None:
        return {}
    extended = dict(
        Extension.objects.filter(cycle=cycle, step=step.value).values_list("unit_id", "until")
    )
    return {
        unit_id: max(due, extended.get(unit_id, due))
        for unit_id in cycle.participations.values_list("unit_id", flat=True)
    }


def corrected_unit_ids(cycle: Cycle) -> set[int]:
    """Units with a criterion the first appraisal scored otherwise than the unit did: they
    explain in the explanation round."""
    from parindex.web.appraisals.models import Correction

    rows = Correction.objects.filter(score__cycle=cycle, round=1).values_list(
        "score__unit_id", "score__self_score", "score__not_applicable", "appraised_score"
    )
    return {
        unit_id
        for unit_id, own, not_applicable, appraised in rows
        if (None if not_applicable else own) != appraised
    }


def pending_unit_ids(cycle: Cycle, step: CycleState) -> set[int]:
    """Participants that have not done ``step`` yet: not submitted their self-assessment;
    for the explanation, a corrected criterion not yet explained."""
    if step is CycleState.SELF_ASSESSMENT:
        return set(
            cycle.participations.filter(submitted_at__isnull=True).values_list("unit_id", flat=True)
        )
    if step is CycleState.EXPLANATION:
        from parindex.web.appraisals.models import Correction

        corrected = corrected_unit_ids(cycle)
        unexplained = Correction.objects.filter(
            score__cycle=cycle, round=1, score__unit_id__in=corrected, score__unit_explanation=None
        ).values_list(
            "score__unit_id", "score__self_score", "score__not_applicable", "appraised_score"
        )
        return {
            unit_id
            for unit_id, own, not_applicable, appraised in unexplained
            if (None if not_applicable else own) != appraised
        } & set(cycle.participations.values_list("unit_id", flat=True))
    return set()
