"""Where each unit stands against its deadline, as the cycle page shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.workflow import CycleState
from parindex.web.cycles.deadlines import (
    UNIT_STEPS,
    corrected_unit_ids,
    cycle_due,
    pending_unit_ids,
    unit_dues,
)
from parindex.web.cycles.models import Cycle


@dataclass(frozen=True)
class Standing:
    label: str  # đã gửi · chưa gửi · quá hạn · gia hạn đến …
    css: str  # ok · warn · bad
    order: int  # for sorting: late first
    due: dt.datetime | None


def standings(cycle: Cycle, now: dt.datetime) -> dict[int, Standing]:
    """Each participant's standing in the step it does now (before the self-assessment opens,
    and after the explanation, the self-assessment's)."""
    state = CycleState(cycle.state)
    step = state if state in UNIT_STEPS else CycleState.SELF_ASSESSMENT
    pending = pending_unit_ids(cycle, step)
    dues = unit_dues(cycle, step)
    common = cycle_due(cycle, step)
    sent = "đã gửi" if step is CycleState.SELF_ASSESSMENT else "đã giải trình"
    participants = set(cycle.participations.values_list("unit_id", flat=True))
    exempt = (
        set() if step is CycleState.SELF_ASSESSMENT else participants - corrected_unit_ids(cycle)
    )
    result = {}
    for unit_id in sorted(participants):
        due = dues.get(unit_id)
        if unit_id in exempt:
            result[unit_id] = Standing("không phải giải trình", "muted", 4, None)
        elif unit_id not in pending:
            result[unit_id] = Standing(sent, "ok", 3, due)
        elif due is not None and now > due:
            result[unit_id] = Standing("quá hạn", "bad", 0, due)
        elif due is not None and common is not None and due > common:
            until = format_moment(timezone.localtime(due))
            result[unit_id] = Standing(f"gia hạn đến {until}", "warn", 1, due)
        else:
            result[unit_id] = Standing("chưa gửi", "warn", 2, due)
    return result
