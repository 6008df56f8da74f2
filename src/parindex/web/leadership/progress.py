"""How far a cycle's units have come: submitted, appraised (round 1 done), explained; and the
units most behind on their self-assessment. A fixed number of queries per cycle, whatever
the number of units (counts are grouped in the database, deadlines read in one query)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from parindex.core.moments import format_moment
from parindex.core.workflow import CycleState
from parindex.web.appraisals.models import Correction, Explanation
from parindex.web.assessments.models import Score
from parindex.web.cycles.deadlines import cycle_due
from parindex.web.cycles.models import Cycle, Extension, Participation
from parindex.web.units.models import Unit

WHOLE = ""
"""The block label of a cycle that is not ranked in blocks."""

BEHIND_SHOWN = 10
"""The units most behind listed per cycle (the count says how many there are in all)."""


def block_of(cycle: Cycle, unit: Unit) -> str:
    """The block the unit is ranked in: the round's block of its kind, its kind or its parent
    (``Cycle.block_by``), or none."""
    if cycle.blocks:
        for block in cycle.blocks:
            if unit.kind in block["kinds"]:
                return str(block["name"])
        return WHOLE
    if cycle.block_by == "kind":
        return unit.kind
    if cycle.block_by == "parent":
        return unit.parent.name if unit.parent_id and unit.parent else WHOLE
    return WHOLE


@dataclass(frozen=True)
class Step:
    """One step's count against the units it is counted against (a bar)."""

    done: int
    of: int

    @property
    def permille(self) -> int:
        """The bar's length, in thousandths (integers: the bar is a <meter>)."""
        return self.done * 1000 // self.of if self.of else 0


@dataclass(frozen=True)
class ProgressLine:
    """A block's (or the whole cycle's) progress."""

    label: str
    units: int
    submitted: Step
    appraised: Step
    corrected: int  # units with a round-1 score changed: those asked to explain
    explained: Step


@dataclass(frozen=True)
class Behind:
    """A unit that has not submitted its self-assessment, with its own deadline."""

    unit: Unit
    block: str
    due: dt.datetime | None
    due_text: str
    overdue: bool
    days: int | None  # whole days past (overdue) or left; None: no deadline
    scored: int  # leaves scored (or marked KĐG) so far
    leaves: int

    @property
    def share(self) -> int:
        """The leaves scored, in thousandths (for the order)."""
        return self.scored * 1000 // self.leaves if self.leaves else 0


@dataclass(frozen=True)
class CycleProgress:
    lines: tuple[ProgressLine, ...]  # the blocks, then (when blocked) the whole cycle last
    behind: tuple[Behind, ...]
    behind_count: int


def _per_unit(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    return dict(rows)


def _extensions(cycle: Cycle, step: CycleState) -> dict[int, dt.datetime]:
    """Every unit's extension of ``step`` in one query (``deadlines.unit_due`` reads one unit's)."""
    return dict(
        Extension.objects.filter(cycle=cycle, step=step.value).values_list("unit_id", "until")
    )


def due_of(
    cycle: Cycle, unit_id: int, extensions: dict[int, dt.datetime], step: CycleState
) -> dt.datetime | None:
    """As ``deadlines.unit_due``: the unit's extension if it is later, else the cycle's."""
    due = cycle_due(cycle, step)
    if due is None:
        return None
    extension = extensions.get(unit_id)
    return max(due, extension) if extension else due


def cycle_progress(cycle: Cycle, now: dt.datetime | None = None) -> CycleProgress:
    """The cycle's progress by block, and its units most behind (past or nearest their
    deadline first)."""
    now = now or timezone.now()
    participations = list(
        Participation.objects.filter(cycle=cycle)
        .select_related("unit__parent")
        .order_by("unit__code")
    )
    leaves = _per_unit(
        Score.objects.filter(cycle=cycle)
        .values("unit")
        .annotate(n=Count("id"))
        .values_list("unit", "n")
    )
    scored = _per_unit(
        Score.objects.filter(cycle=cycle)
        .filter(Q(self_score__isnull=False) | Q(not_applicable=True))
        .values("unit")
        .annotate(n=Count("id"))
        .values_list("unit", "n")
    )
    round1 = Correction.objects.filter(score__cycle=cycle, round=1)
    appraised = _per_unit(
        round1.values("score__unit").annotate(n=Count("id")).values_list("score__unit", "n")
    )
    corrected = set(
        round1.exclude(appraised_score=F("score__self_score"))
        .filter(Q(appraised_score__isnull=False))
        .values_list("score__unit", flat=True)
    )
    explained = set(
        Explanation.objects.filter(score__cycle=cycle).values_list("score__unit", flat=True)
    )
    limited = [leaf for leaf in cycle.framework.to_core().leaves if leaf.applies_to]
    extensions = _extensions(cycle, CycleState.SELF_ASSESSMENT)

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    order: list[str] = [str(b["name"]) for b in cycle.blocks] if cycle.blocks else []
    behind: list[Behind] = []
    for p in participations:
        block = block_of(cycle, p.unit)
        if block not in order:
            order.append(block)
        own = leaves.get(p.unit_id, 0) - sum(not leaf.applies(p.unit.kind) for leaf in limited)
        c = counts[block]
        c["units"] += 1
        c["submitted"] += p.submitted_at is not None
        c["appraised"] += own > 0 and appraised.get(p.unit_id, 0) >= own
        c["corrected"] += p.unit_id in corrected
        c["explained"] += p.unit_id in explained and p.unit_id in corrected
        if p.submitted_at is None:
            due = due_of(cycle, p.unit_id, extensions, CycleState.SELF_ASSESSMENT)
            days = None if due is None else ((now - due) if now > due else (due - now)).days
            behind.append(
                Behind(
                    unit=p.unit,
                    block=block,
                    due=due,
                    due_text=format_moment(timezone.localtime(due)) if due else "",
                    overdue=due is not None and now > due,
                    days=days,
                    scored=scored.get(p.unit_id, 0),
                    leaves=max(own, 0),
                )
            )
    lines = [_line(label, counts[label]) for label in order if counts[label]["units"]]
    if len(lines) > 1:
        lines.append(_line(WHOLE, sum(counts.values(), Counter())))
    # the earliest deadline first; at the same deadline, the least scored
    far = sorted(behind, key=lambda b: (b.due is None, b.due or now, b.share, b.unit.code))
    return CycleProgress(tuple(lines), tuple(far[:BEHIND_SHOWN]), len(far))


def _line(label: str, c: Counter[str]) -> ProgressLine:
    units = c["units"]
    return ProgressLine(
        label=label,
        units=units,
        submitted=Step(c["submitted"], units),
        appraised=Step(c["appraised"], units),
        corrected=c["corrected"],
        explained=Step(c["explained"], c["corrected"]),
    )
