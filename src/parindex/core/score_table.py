"""The points of a run: every unit's points for every leaf, as exact integers.

Points are held as integers in ten-thousandths of a point (``SCALE``) so that a
national run is vectorised with numpy and still exact; every figure leaves the
core as a ``Decimal``.

>>> to_units(Decimal("8.5")), to_units(Decimal("0.00001")) is None
(85000, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.units import Unit

SCALE = 10_000
"""Points are exact to 1/10,000 of a point inside vectorised code."""

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def to_units(value: Decimal) -> int | None:
    """Points as integer ten-thousandths; None if finer than that."""
    scaled = value * SCALE
    if scaled != scaled.to_integral_value():
        return None
    return int(scaled)


def from_units(value: int) -> Decimal:
    """Exact points from ten-thousandths, without a scientific exponent.

    >>> from_units(85_000), from_units(100_000), from_units(125)
    (Decimal('8.5'), Decimal('10'), Decimal('0.0125'))
    """
    return Decimal(int(value)) / SCALE


def from_hundredths(value: int) -> Decimal:
    """An index or a percentage from integer hundredths: 8305 → 83.05.

    >>> from_hundredths(8305), from_hundredths(9000)
    (Decimal('83.05'), Decimal('90.00'))
    """
    return Decimal(int(value)).scaleb(-2)


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Appraised/survey points of every unit for every leaf; N/A leaves marked.

    ``points[u, l]`` is in ten-thousandths of a point (0 where not applicable).
    ``adjustments[u, k]`` are the points of the framework's bonus/penalty item ``k``
    (ten-thousandths, negative for a penalty; 0 where none was given). ``measures`` keep
    what a rule leaf was scored from — the value as entered ("97,3", "35/36") or "KPS" —
    by (unit row, leaf column).
    """

    framework: Framework
    units: tuple[Unit, ...]
    points: IntArray
    applicable: BoolArray
    adjustments: IntArray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    measures: Mapping[tuple[int, int], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        items = len(self.framework.bonus.items) if self.framework.bonus else 0
        if self.adjustments.shape != (len(self.units), items):
            object.__setattr__(self, "adjustments", np.zeros((len(self.units), items), np.int64))

    def adjustment_totals(self) -> tuple[IntArray, IntArray]:
        """Every unit's (bonus, penalty) in ten-thousandths with the caps applied; the
        penalty is positive (the points taken away)."""
        section = self.framework.bonus
        n = len(self.units)
        if section is None or not section.items:
            return np.zeros(n, np.int64), np.zeros(n, np.int64)
        penalty_items = np.array([item.is_penalty for item in section.items], dtype=np.bool_)
        bonus = self.adjustments[:, ~penalty_items].sum(axis=1)
        penalty = -self.adjustments[:, penalty_items].sum(axis=1)
        if section.cap is not None:
            bonus = np.minimum(bonus, to_units(section.cap) or 0)
        if section.penalty_cap is not None:
            penalty = np.minimum(penalty, to_units(section.penalty_cap) or 0)
        return bonus.astype(np.int64), penalty.astype(np.int64)

    @classmethod
    def from_scores(
        cls,
        framework: Framework,
        units: Sequence[Unit],
        scores: Mapping[tuple[str, str], Decimal | None],
        adjustments: Mapping[tuple[str, str], Decimal] | None = None,
        measures: Mapping[tuple[str, str], str] | None = None,
    ) -> ScoreTable:
        """Build from (unit code, leaf code) → points, None meaning not applicable.

        Every leaf of every unit must be present; scores within 0..max. ``adjustments``
        give (unit code, bonus/penalty item code) → points (absent: 0); ``measures`` the
        value a rule leaf was scored from.
        """
        leaves = framework.leaves
        problems: list[Problem] = []
        points = np.zeros((len(units), len(leaves)), dtype=np.int64)
        applicable = np.ones((len(units), len(leaves)), dtype=np.bool_)
        for u, unit in enumerate(units):
            for j, leaf in enumerate(leaves):
                key = (unit.code, leaf.code)
                if key not in scores and not leaf.applies(unit.kind):
                    applicable[u, j] = False
                    continue
                if key not in scores:
                    problems.append(Problem("thiếu điểm", unit=unit.code, criterion=leaf.code))
                    continue
                value = scores[key]
                if value is None or not leaf.applies(unit.kind):
                    applicable[u, j] = False
                    continue
                refused = leaf.score_problem(value)
                if refused is not None:
                    problems.append(Problem(refused, unit=unit.code, criterion=leaf.code))
                    continue
                scaled = to_units(value)
                if scaled is None:
                    problems.append(
                        Problem(
                            "điểm có quá 4 chữ số thập phân", unit=unit.code, criterion=leaf.code
                        )
                    )
                    continue
                points[u, j] = scaled
        items = framework.bonus.items if framework.bonus else ()
        adjusted = np.zeros((len(units), len(items)), dtype=np.int64)
        for u, unit in enumerate(units):
            for k, item in enumerate(items):
                given = (adjustments or {}).get((unit.code, item.code))
                if given is None:
                    continue
                refused = item.score_problem(given)
                scaled = to_units(given)
                if refused is not None or scaled is None:
                    problems.append(
                        Problem(
                            refused or "điểm có quá 4 chữ số thập phân",
                            unit=unit.code,
                            criterion=item.code,
                        )
                    )
                    continue
                adjusted[u, k] = scaled
        column = {leaf.code: j for j, leaf in enumerate(leaves)}
        row = {unit.code: u for u, unit in enumerate(units)}
        kept = {
            (row[u], column[c]): text
            for (u, c), text in (measures or {}).items()
            if u in row and c in column
        }
        if problems:
            raise InputError(problems)
        return cls(framework, tuple(units), points, applicable, adjusted, kept)

    def leaf_score(self, row: int, column: int) -> Decimal | None:
        if not self.applicable[row, column]:
            return None
        return from_units(int(self.points[row, column]))
