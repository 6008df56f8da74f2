"""Rules a province applies to published results: award proposals and the leaders' rating.

Both read a published run (``PublishedRun``) and decide nothing the index has not decided:
a unit's class, its place in its block and whether it is above, at or below its group's
average are the run's own (``core.classes``, ``core.ranking``, ``core.averages``).

- ``AwardRule``: who is proposed for commendation, e.g. class «Xuất sắc» and place ≤ 3 in
  its block (the province sets both; no class set means any class, no place means any).
- ``LeaderRule``: the rating some provinces give their leaders from the index, e.g.
  «Kết quả công bố trên hoặc bằng mức trung bình quân chung: 2 điểm; dưới mức trung bình: 0».

Pure: no Django, no files.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from parindex.core.published import GroupEntry, PublishedRun, UnitEntry


@dataclass(frozen=True)
class AwardRule:
    classes: tuple[str, ...] = ()
    """The classes that qualify (empty: any class)."""
    max_rank: int | None = None
    """The last place in its block that qualifies (None: any place)."""

    def qualifies(self, unit: UnitEntry) -> bool:
        if self.classes and unit.class_label not in self.classes:
            return False
        return self.max_rank is None or unit.rank <= self.max_rank


@dataclass(frozen=True)
class AwardProposal:
    unit: UnitEntry
    block: str | None


def award_proposals(run: PublishedRun, rule: AwardRule) -> tuple[AwardProposal, ...]:
    """The units the rule proposes, block by block in the run's order, best placed first."""
    proposals = [AwardProposal(u, u.block) for u in run.units if rule.qualifies(u)]
    proposals.sort(key=lambda p: (run.block_position(p.block), p.unit.rank))
    return tuple(proposals)


@dataclass(frozen=True)
class LeaderRule:
    at_or_above: Decimal = Decimal(2)
    """Points for a unit at or above its group's average («trên hoặc bằng mức trung bình»)."""
    below: Decimal = Decimal(0)
    """Points for a unit below it."""


@dataclass(frozen=True)
class LeaderRating:
    unit: UnitEntry
    average: Decimal
    """The average of the unit's group (its block, or the run when it is not ranked in blocks)."""
    at_or_above: bool
    points: Decimal


def _group_of(run: PublishedRun, unit: UnitEntry) -> GroupEntry:
    return next(g for g in run.groups if unit.code in (*g.above, *g.at, *g.below))


def leader_ratings(run: PublishedRun, rule: LeaderRule) -> tuple[LeaderRating, ...]:
    """Every unit's rating by the rule, in the run's order (rank order)."""
    ratings = []
    for unit in run.units:
        group = _group_of(run, unit)
        ok = unit.code not in group.below
        points = rule.at_or_above if ok else rule.below
        ratings.append(LeaderRating(unit, group.average, ok, points))
    return tuple(ratings)
