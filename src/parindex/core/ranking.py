"""Ranking: percentages in hundredths, standard competition ranks, ranking blocks.

Ranks are standard competition ranks (1, 2, 2, 4) on the figure the decision publishes:
the index or percentage rounded half-up to 2 decimals, held as integer hundredths.

>>> competition_rank(np.array([9000, 8500, 8500, 7000])).tolist()
[1, 2, 2, 4]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from parindex.core.problems import InputError, Problem
from parindex.core.score_table import IntArray
from parindex.core.units import Unit

BLOCK_KEYS = ("kind", "parent", "block")
"""What a run may be ranked within: the kind of unit (xã, phường, …), its parent, or the
block a scheme puts it in (``Unit.block``, set by ``core.scheme``)."""

UNKNOWN_BLOCK = "(không xác định)"


def competition_rank(keys: IntArray, groups: IntArray | None = None) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4), highest key first, within each group.

    >>> competition_rank(np.array([90, 85, 85, 70])).tolist()
    [1, 2, 2, 4]
    >>> competition_rank(np.array([90, 85, 80]), groups=np.array([0, 1, 1])).tolist()
    [1, 1, 2]
    """
    ranks = np.zeros(len(keys), dtype=np.int64)
    if groups is None:
        groups = np.zeros(len(keys), dtype=np.int64)
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        group_keys = keys[members]
        ordered = np.sort(group_keys)
        above = len(ordered) - np.searchsorted(ordered, group_keys, side="right")
        ranks[members] = above + 1
    return ranks


def percent_hundredths(points: IntArray, maxima: IntArray) -> IntArray:
    """round_half_up(points / max × 100, 2) in hundredths; -1 where max is 0.

    >>> percent_hundredths(np.array([830_450, 5]), np.array([1_000_000, 0])).tolist()
    [8305, -1]
    """
    safe = np.where(maxima > 0, maxima, 1)
    result = (points * 20_000 + safe) // (2 * safe)
    return np.where(maxima > 0, result, -1).astype(np.int64)


def check_block_by(block_by: str | None) -> None:
    if block_by is not None and block_by not in BLOCK_KEYS:
        raise InputError(
            [Problem(f"không xếp hạng theo khối «{block_by}» được (chọn: {', '.join(BLOCK_KEYS)})")]
        )


def block_ids(units: Sequence[Unit], block_by: str | None) -> tuple[IntArray, list[str | None]]:
    """Each unit's block number and the blocks' labels in order of first appearance.

    >>> ids, labels = block_ids([Unit("A", "A", kind="xã"), Unit("B", "B", kind="phường"),
    ...     Unit("C", "C", kind="xã")], "kind")
    >>> ids.tolist(), labels
    ([0, 1, 0], ['xã', 'phường'])
    """
    if block_by is None:
        return np.zeros(len(units), dtype=np.int64), [None]
    labels: list[str | None] = []
    ids = []
    for unit in units:
        label = getattr(unit, block_by) or UNKNOWN_BLOCK
        if label not in labels:
            labels.append(label)
        ids.append(labels.index(label))
    return np.array(ids, dtype=np.int64), labels
