"""The points of a run: every unit's points for every leaf, as exact integers.

Points are held as integers in ten-thousandths of a point (``SCALE``) so that a
national run is vectorised with numpy and still exact; every figure leaves the
core as a ``Decimal``.

>>> to_units(Decimal("8.5")), to_units(Decimal("0.00001")) is None
(85000, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from parindex.core.framework import Framework
from parindex.core.numbers import format_vn
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
    """

    framework: Framework
    units: tuple[Unit, ...]
    points: IntArray
    applicable: BoolArray

    @classmethod
    def from_scores(
        cls,
        framework: Framework,
        units: Sequence[Unit],
        scores: Mapping[tuple[str, str], Decimal | None],
    ) -> ScoreTable:
        """Build from (unit code, leaf code) → points, None meaning not applicable.

        Every leaf of every unit must be present; scores within 0..max.
        """
        leaves = framework.leaves
        problems: list[Problem] = []
        points = np.zeros((len(units), len(leaves)), dtype=np.int64)
        applicable = np.ones((len(units), len(leaves)), dtype=np.bool_)
        for u, unit in enumerate(units):
            for j, leaf in enumerate(leaves):
                key = (unit.code, leaf.code)
                if key not in scores:
                    problems.append(Problem("thiếu điểm", unit=unit.code, criterion=leaf.code))
                    continue
                value = scores[key]
                if value is None:
                    applicable[u, j] = False
                    continue
                if value < 0 or value > leaf.max:
                    problems.append(
                        Problem(
                            f"điểm {format_vn(value)} ngoài khoảng 0–{format_vn(leaf.max)}",
                            unit=unit.code,
                            criterion=leaf.code,
                        )
                    )
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
        if problems:
            raise InputError(problems)
        return cls(framework, tuple(units), points, applicable)

    def leaf_score(self, row: int, column: int) -> Decimal | None:
        if not self.applicable[row, column]:
            return None
        return from_units(int(self.points[row, column]))
