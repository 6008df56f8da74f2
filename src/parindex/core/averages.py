"""A group's average and who is above, below and at it; its classes.

The average ("chỉ số bình quân") is the mean of the published (rounded) indices, rounded
half-up, as an office's spreadsheet computes it; a unit exactly at it is "at".
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.core.framework import Framework
from parindex.core.numbers import round2
from parindex.core.results import GroupSummary, UnitResult


def average_index(indices: Sequence[Decimal]) -> Decimal:
    """Mean of the published (rounded) indices, rounded half-up to 2 decimals.

    >>> average_index([Decimal("83.05"), Decimal("83.04"), Decimal("83.04")])
    Decimal('83.04')
    """
    if not indices:
        return Decimal(0)
    return round2(sum(indices, Decimal(0)) / len(indices))


def group_summary(
    label: str | None, members: Sequence[UnitResult], framework: Framework
) -> GroupSummary:
    """The summary of a group (``label`` None for the whole run), members in listing order."""
    average = average_index([r.index for r in members])
    return GroupSummary(
        label=label,
        of=len(members),
        average=average,
        above=tuple(r.unit.code for r in members if r.index > average),
        below=tuple(r.unit.code for r in members if r.index < average),
        at=tuple(r.unit.code for r in members if r.index == average),
        classes=tuple(
            (band.label, tuple(r.unit.code for r in members if r.class_label == band.label))
            for band in framework.classes
        ),
    )
