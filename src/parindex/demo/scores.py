"""The demo's scores: leaf scores near each unit's target index, a few criteria not assessed."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

from parindex.core.framework import Framework, Node
from parindex.core.numbers import plain_decimal, round2
from parindex.demo.province import DemoUnit

NOT_ASSESSED = "KĐG"
SCORE_COLUMNS = ("unit", "criterion", "score")
QUARTER = Decimal("0.25")
HUNDREDTH = Decimal("0.01")


def leaf_difficulty(fw: Framework, rng: random.Random) -> dict[str, int]:
    """Per leaf, how readily units lose points there (by field: some fields are hard)."""
    weights = {}
    for top in fw.fields:
        weight = rng.choice((1, 1, 2, 4, 6))
        for leaf in top.leaves:
            weights[leaf.code] = weight
    return weights


def choose_not_assessed(
    fw: Framework, units: Sequence[str], rng: random.Random
) -> dict[str, set[str]]:
    """One or two self-assessed criteria not assessed (KĐG) for each of the given units.

    Only leaves with a sibling, so no criterion or field loses all its applicable points.
    """
    siblings: dict[str, int] = {}
    for top in fw.fields:
        for node in top.walk():
            for child in node.children:
                siblings[child.code] = len(node.children)
    eligible = [
        leaf.code for leaf in fw.leaves if leaf.source == "self" and siblings.get(leaf.code, 0) >= 2
    ]
    chosen: dict[str, set[str]] = {}
    for code in units:
        if eligible:
            chosen[code] = set(rng.sample(eligible, min(len(eligible), rng.randint(1, 2))))
    return chosen


def _quarters_below(maximum: Decimal) -> list[Decimal]:
    """Scores a self-assessed leaf can get short of its max: 0, 0.25, 0.5 … below max."""
    values = []
    value = Decimal(0)
    while value < maximum:
        values.append(value)
        value += QUARTER
    return values


def unit_scores(
    fw: Framework,
    target: int,
    not_assessed: set[str],
    difficulty: dict[str, int],
    rng: random.Random,
) -> dict[str, Decimal | None]:
    """Leaf scores whose index comes close to ``target`` (hundredths); None is KĐG.

    Survey leaves get a share of their max near the target; the points the
    self-assessed leaves must lose are then taken, in quarter points, from leaves
    picked mostly in the hard fields, so most other leaves stay at their max.
    """
    leaves = [leaf for leaf in fw.leaves if leaf.code not in not_assessed]
    applicable = sum((leaf.max for leaf in leaves), Decimal(0))
    wanted = applicable * Decimal(target) / 10000
    scores: dict[str, Decimal | None] = {code: None for code in not_assessed}
    got = Decimal(0)
    self_leaves: list[Node] = []
    for leaf in leaves:
        if leaf.source == "survey":
            permille = min(995, max(400, target // 10 + rng.randint(-40, 30)))
            score = round2(Decimal(permille) / 1000 * leaf.max)
            scores[leaf.code] = score
            got += score
        else:
            scores[leaf.code] = leaf.max
            got += leaf.max
            self_leaves.append(leaf)
    deficit = max(Decimal(0), got - wanted)

    keys = {leaf.code: rng.randint(1, 1000) * difficulty.get(leaf.code, 1) for leaf in self_leaves}
    picked = sorted(self_leaves, key=lambda leaf: (-keys[leaf.code], leaf.code))
    for leaf in picked:
        if deficit < QUARTER:
            break
        options = [s for s in _quarters_below(leaf.max) if leaf.max - s <= deficit]
        if options:
            score = rng.choice(options)
            scores[leaf.code] = score
            deficit -= leaf.max - score
    for leaf in picked:  # what is still missing comes off the leaves already picked
        if deficit < QUARTER:
            break
        current = scores[leaf.code]
        assert current is not None
        lowest = max(Decimal(0), current - deficit)
        score = (lowest / QUARTER).to_integral_value(rounding=ROUND_CEILING) * QUARTER
        if score < current:
            scores[leaf.code] = score
            deficit -= current - score
    return scores


def format_score(value: Decimal) -> str:
    """A score as written in the files: dot decimal, no trailing zeros (``8.5``, ``0``)."""
    return plain_decimal(round2(value))


def write_scores(
    path: Path,
    units: Sequence[DemoUnit],
    fw: Framework,
    scores: dict[str, dict[str, Decimal | None]],
    omit: set[str] | None = None,
) -> None:
    """The long scores table; leaves in ``omit`` (scored by the survey) are left out."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SCORE_COLUMNS)
        for u in units:
            for leaf in fw.leaves:
                if omit and leaf.code in omit:
                    continue
                value = scores[u.code][leaf.code]
                writer.writerow(
                    (u.code, leaf.code, NOT_ASSESSED if value is None else format_score(value))
                )
