"""The appraiser's queue, counted: per assigned unit and field, how many leaves the current
round has decided and how many it decides (round 2: only those it reopens), whether the unit
submitted. One pass over the cycle's scores; the page stays small for 150 communes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from parindex.core.framework import Framework as CoreFramework
from parindex.web.accounts.models import User
from parindex.web.appraisals.models import Correction
from parindex.web.appraisals.standing import round2_open_ids
from parindex.web.assessments.models import Score
from parindex.web.cycles.models import Assignment, Cycle, Participation
from parindex.web.units.models import Unit


@dataclass
class Cell:
    field_code: str
    done: int = 0
    total: int = 0


@dataclass
class QueueRow:
    """One unit as one appraiser appraises it (the admin sees every appraiser's rows)."""

    unit: Unit
    appraiser: User
    fields: set[str] | None  # None: every field
    submitted_at: datetime | None
    cells: list[Cell | None] = field(default_factory=list)  # one per field of the framework
    bonus: tuple[int, int] | None = None  # (decided, items) for a whole-unit appraiser

    @property
    def done(self) -> int:
        return sum(c.done for c in self.cells if c)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.cells if c)

    @property
    def left(self) -> int:
        return self.total - self.done

    @property
    def appraiser_name(self) -> str:
        return self.appraiser.get_full_name() or self.appraiser.username


def queue_rows(
    cycle: Cycle,
    assignments: list[Assignment],
    field_codes: list[str],
    round_: int,
    bonus_done: dict[int, int],
    bonus_items: int | None,
) -> list[QueueRow]:
    """One row per (unit, appraiser) of the assignments, with the counts of each field."""
    grouped: dict[tuple[int, int], QueueRow] = {}
    for a in assignments:
        key = (a.unit_id, a.appraiser_id)
        row = grouped.get(key)
        if row is None:
            row = grouped[key] = QueueRow(a.unit, a.appraiser, set(), None)
        if not a.field_code:
            row.fields = None
        elif row.fields is not None:
            row.fields.add(a.field_code)
    unit_ids = {unit_id for unit_id, _ in grouped}
    submitted = dict(
        Participation.objects.filter(cycle=cycle, unit__in=unit_ids).values_list(
            "unit", "submitted_at"
        )
    )
    totals, done = _counts(cycle, unit_ids, round_)
    for (unit_id, _), row in grouped.items():
        row.submitted_at = submitted.get(unit_id)
        for code in field_codes:
            at = (unit_id, code)
            unassigned = row.fields is not None and code not in row.fields
            if unassigned or (round_ == 1 and totals[at] <= 0):
                row.cells.append(None)
                continue
            row.cells.append(Cell(code, done[at], totals[at]))
        if bonus_items is not None and row.fields is None:
            row.bonus = (bonus_done.get(unit_id, 0), bonus_items)
    return list(grouped.values())


def _counts(
    cycle: Cycle, unit_ids: set[int], round_: int
) -> tuple[defaultdict[tuple[int, str], int], defaultdict[tuple[int, str], int]]:
    """(unit, field) → leaves the round decides, and how many of them it has decided."""
    core = cycle.framework.to_core()
    reopened = round2_open_ids(cycle, unit_ids) if round_ == 2 else None
    decided = set(
        Correction.objects.filter(
            score__cycle=cycle, score__unit__in=unit_ids, round=round_
        ).values_list("score_id", flat=True)
    )
    applies: dict[tuple[str, str], bool] = {}
    totals: defaultdict[tuple[int, str], int] = defaultdict(int)
    done: defaultdict[tuple[int, str], int] = defaultdict(int)
    for pk, unit_id, kind, field_code, code in Score.objects.filter(
        cycle=cycle, unit__in=unit_ids
    ).values_list("pk", "unit", "unit__kind", "criterion__field_code", "criterion__code"):
        if (code, kind) not in applies:
            applies[(code, kind)] = _applies(core, code, kind)
        if not applies[(code, kind)] or (reopened is not None and pk not in reopened):
            continue
        totals[(unit_id, field_code)] += 1
        if pk in decided:
            done[(unit_id, field_code)] += 1
    return totals, done


def _applies(framework: CoreFramework, code: str, kind: str) -> bool:
    leaf = framework.node(code)
    return leaf is None or leaf.applies(kind)
