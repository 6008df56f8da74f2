"""The class rule, once: a unit takes the first class (highest first) whose ``min`` its
index, rounded half-up to 2 decimals, reaches — compared exactly.

A ``min`` may have more decimals than the index: 84,995 is reached by 85,00, not by 84,99.
``score_run`` classifies a whole run with ``classify``; ``Framework.class_for`` asks the same
function for one index.

>>> from parindex.core.framework import ClassBand
>>> bands = (ClassBand("Tốt", Decimal("84.995")), ClassBand("Khá", Decimal(0)))
>>> class_for(Decimal("84.99"), bands).label, class_for(Decimal("84.995"), bands).label
('Khá', 'Tốt')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from parindex.core.numbers import round_half_up

if TYPE_CHECKING:
    from parindex.core.framework import ClassBand

# not score_table.IntArray: the framework imports this module, and score_table the framework
IntArray = npt.NDArray[np.int64]


def thresholds(bands: Sequence[ClassBand]) -> IntArray:
    """Each band's ``min`` as the least index in hundredths that reaches it.

    An index is a whole number of hundredths, so ``index ≥ min`` exactly when
    ``index ≥ ⌈min × 100⌉`` (truncating would let 84,99 reach a min of 84,995).

    >>> from parindex.core.framework import ClassBand
    >>> thresholds([ClassBand("A", Decimal("84.995")), ClassBand("B", Decimal(50))]).tolist()
    [8500, 5000]
    """
    return np.array(
        [int((band.min * 100).to_integral_value(rounding=ROUND_CEILING)) for band in bands],
        dtype=np.int64,
    )


def classify(index_hundredths: IntArray, bands: Sequence[ClassBand]) -> IntArray:
    """The position in ``bands`` of each unit's class, from its index in hundredths.

    >>> from parindex.core.framework import ClassBand
    >>> bands = [ClassBand("A", Decimal(90)), ClassBand("B", Decimal("50.001")), ClassBand("C", Decimal(0))]
    >>> classify(np.array([9000, 8999, 5001, 5000]), bands).tolist()
    [0, 1, 1, 2]
    """
    minimums = thresholds(bands)
    positions = np.full(len(index_hundredths), len(bands) - 1, dtype=np.int64)
    for b in reversed(range(len(bands))):
        positions = np.where(index_hundredths >= minimums[b], b, positions)
    return positions


def class_for(index: Decimal, bands: Sequence[ClassBand]) -> ClassBand:
    """The class of one index (rounded half-up to 2 decimals first)."""
    hundredths = int(round_half_up(index, 2).scaleb(2))
    return bands[int(classify(np.array([hundredths], dtype=np.int64), bands)[0])]
