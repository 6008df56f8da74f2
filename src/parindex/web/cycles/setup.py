"""A cycle's setup as the admin edits it: which units may take part, what is wrong with it.

Read-only helpers shared by the edit page and the setup actions (``actions_setup``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.units import LEVEL_KINDS, LEVEL_LABELS
from parindex.core.workflow import ORDER, CycleState
from parindex.web.accounts.models import User
from parindex.web.cycles.models import Cycle
from parindex.web.frameworks.models import Criterion
from parindex.web.units.models import Unit

DEADLINE_FIELDS = (
    ("self_assessment_due", "Hạn tự đánh giá", CycleState.SELF_ASSESSMENT),
    ("appraisal_due", "Hạn thẩm định lần 1", CycleState.APPRAISAL),
    ("explanation_due", "Hạn giải trình", CycleState.EXPLANATION),
    ("final_due", "Hạn thẩm định lần 2", CycleState.FINAL_APPRAISAL),
)
"""Each deadline of a cycle: its field, its label, the step it ends."""

EDITABLE_PARTICIPANTS = (CycleState.DRAFT, CycleState.SELF_ASSESSMENT)
"""Units are added or removed only before the appraisal starts."""


def level_kinds(cycle: Cycle) -> tuple[str, ...] | None:
    """The kinds of unit the cycle's framework is for (None: any kind)."""
    return LEVEL_KINDS.get(cycle.framework.level)


def of_level(cycle: Cycle, kind: str) -> bool:
    kinds = level_kinds(cycle)
    return kinds is None or kind in kinds


def active_units(today: dt.date | None = None) -> QuerySet[Unit]:
    """Units in force today (not ended, not yet to come)."""
    day = today or timezone.localdate()
    return Unit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
    )


def addable_units(cycle: Cycle) -> QuerySet[Unit]:
    """Units in force, of the framework's level, not taking part yet."""
    rows = active_units().exclude(pk__in=cycle.participations.values("unit_id"))
    kinds = level_kinds(cycle)
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return rows.order_by("code")


def officer_unit_ids(unit_ids: set[int] | None = None) -> set[int]:
    rows = User.objects.filter(role="officer", is_active=True, unit__isnull=False)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return set(rows.values_list("unit_id", flat=True))


def officers_of(unit_ids: set[int]) -> list[User]:
    """The active officer accounts of these units (who get their notices)."""
    return list(User.objects.filter(role="officer", is_active=True, unit_id__in=unit_ids))


def cycle_fields(cycle: Cycle) -> list[tuple[str, str]]:
    """The framework's fields (top-level criteria), code and name, in order."""
    return list(
        Criterion.objects.filter(framework=cycle.framework, parent__isnull=True)
        .order_by("position")
        .values_list("code", "name")
    )


def setup_warnings(cycle: Cycle, now: dt.datetime | None = None) -> list[str]:
    """What looks wrong in the cycle's setup, for the edit page (none of it blocks a save):
    a deadline of a step not over yet already past, deadlines out of order, a participant of
    another level than the framework's, a participant without an officer account."""
    moment = now or timezone.now()
    warnings = []
    current = ORDER.index(CycleState(cycle.state))
    previous: tuple[str, dt.datetime] | None = None
    for field, label, step in DEADLINE_FIELDS:
        due: dt.datetime | None = getattr(cycle, field)
        if due is None:
            continue
        when = format_moment(timezone.localtime(due))
        if due < moment and ORDER.index(step) >= current:
            warnings.append(f"{label} ({when}) đã qua")
        if previous is not None and due < previous[1]:
            warnings.append(f"{label} ({when}) trước {previous[0].lower()}")
        previous = (label, due)
    participants = list(cycle.participations.select_related("unit"))
    kinds = level_kinds(cycle)
    if kinds is not None:
        level = LEVEL_LABELS.get(cycle.framework.level, cycle.framework.level)
        for p in participants:
            if p.unit.kind not in kinds:
                warnings.append(
                    f"{p.unit} ({p.unit.code}) không thuộc {level} như bộ tiêu chí của kỳ"
                )
    staffed = officer_unit_ids({p.unit_id for p in participants})
    for p in participants:
        if p.unit_id not in staffed:
            warnings.append(
                f"{p.unit} ({p.unit.code}) chưa có tài khoản cán bộ đầu mối: "
                "không ai tự đánh giá, không ai nhận thông báo"
            )
    return warnings
