"""What the officer's pages show beside the forms: each deadline (with the unit's extension) and
whether it has passed, the problems of a submission linked to their criteria."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.problems import Problem
from parindex.core.workflow import CycleState
from parindex.web.cycles.deadlines import cycle_due, deadline_problems, unit_due
from parindex.web.cycles.models import Cycle


@dataclass(frozen=True)
class Deadline:
    """A unit's deadline for one of its own steps, as the page says it."""

    label: str
    due: str
    extended: bool
    passed: bool


def deadline(cycle: Cycle, unit_id: int, step: CycleState) -> Deadline | None:
    """The step's deadline for the unit (its extension if later), None when the step has none."""
    due = unit_due(cycle, unit_id, step)
    if due is None:
        return None
    label = "Hạn tự đánh giá" if step is CycleState.SELF_ASSESSMENT else "Hạn giải trình"
    return Deadline(
        label,
        format_moment(timezone.localtime(due)),
        due != cycle_due(cycle, step),
        bool(deadline_problems(cycle, unit_id, step)),
    )


def locked(cycle: Cycle, unit_id: int, step: CycleState) -> bool:
    """Past the unit's deadline for ``step``: the server refuses every change."""
    return bool(deadline_problems(cycle, unit_id, step))


@dataclass(frozen=True)
class LinkedProblem:
    code: str
    text: str
    url: str


def linked(
    cycle: Cycle, unit_id: int, problems: tuple[Problem, ...] | list[Problem]
) -> list[LinkedProblem]:
    """Each problem with a link to its criterion on its field's page (``#tc-<code>``)."""
    fields = dict(cycle.framework.criteria.values_list("code", "field_code"))
    found = []
    for p in problems:
        field = fields.get(p.criterion, "")
        url = (
            reverse("assessments:field_page", args=[cycle.pk, unit_id, field])
            + f"#tc-{p.criterion}"
            if field
            else ""
        )
        found.append(LinkedProblem(p.criterion, p.message, url))
    return found
