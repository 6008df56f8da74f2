"""The demo's scores for a framework with rules: scale points, measured values, KPS, KĐG and
bonus and penalty rows, near each unit's target index.

A unit starts with every criterion at its best (a measured value in the top line of a steps
rule, a ratio near 100%, "không phát sinh" where the criterion allows it and the draw says
so) and survey points near its target; then the points it must lose are taken from criteria
picked mostly in the hard fields, each going down its scale or to a lower measured value.
The rows are what a unit enters: a rule leaf's value (``96.5`` or ``412/420``) with the
score left empty, points on a scale, ``KPS``, ``KĐG``.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from parindex.core.framework import Framework, Node
from parindex.core.numbers import plain_decimal, round2
from parindex.core.rules import Rule

KPS = "KPS"
NOT_ASSESSED = "KĐG"
SCORE_COLUMNS = ("unit", "criterion", "score", "value")
QUARTER = Decimal("0.25")

_NO_CASE = Fraction(3, 10)  # the chance a criterion that allows it had no case in the year
# a criterion "không phát sinh" only when another is at 100%: no late dossier, no apology due
_NO_CASE_WHEN_FULL = {"3.3.2": "3.3.1"}
_RATIO_SHARES = (Fraction(1), Fraction(99, 100), Fraction(97, 100), Fraction(95, 100), Fraction(9, 10),
                 Fraction(85, 100), Fraction(8, 10), Fraction(7, 10), Fraction(6, 10))  # fmt: skip
_FULL_LOSS = (*[Fraction(0)] * 4, Fraction(1, 200), Fraction(1, 100), Fraction(2, 100))


@dataclass(frozen=True)
class Entry:
    """One row of a scores file and the points it gives (None: not assessed)."""

    criterion: str
    score: str = ""
    value: str = ""
    points: Decimal | None = Decimal(0)
    full: bool = False  # a measured value at 100% (ratio rules)


def _text(value: Decimal) -> str:
    return plain_decimal(round2(value))


def _percent(low: Fraction, high: Fraction, rng: random.Random) -> Fraction:
    """A percent with one decimal in [low, high]."""
    lo, hi = int(low * 10), int(high * 10)
    return Fraction(rng.randint(lo + (lo < low * 10), hi), 10)


def _measured(leaf: Node, rule: Rule, share: Fraction, total: int, decimals: int) -> Entry:
    """The row of a measured value: a count pair when ``total``, else a percent."""
    if total:
        done = round(share * total)
        text, fraction = f"{done}/{total}", Fraction(done * 100, total)
    else:
        fraction = share * 100
        text = plain_decimal(Decimal(fraction.numerator) / Decimal(fraction.denominator))
    points = rule.points(fraction, leaf.max, decimals)
    return Entry(leaf.code, "", text, points, full=fraction >= 100)


def _steps_entries(
    leaf: Node, rule: Rule, pair: int, decimals: int, rng: random.Random
) -> list[Entry]:
    """One value in each line of a steps rule, highest points first."""
    entries = []
    upper = Fraction(100)
    upper_strict = False  # whether the line above starts strictly above its bound
    for step in rule.steps:
        bound = Fraction(step.bound)
        low = bound + Fraction(1, 10) if step.strict else bound
        high = upper if upper_strict or upper == 100 else upper - Fraction(1, 10)
        if step is rule.steps[-1] and bound == 0:
            low = max(low, min(Fraction(40), high))
        if low <= high:
            value = _percent(low, high, rng)
            total = pair if pair and _fits(value, pair, low, high) else 0
            entries.append(_measured(leaf, rule, value / 100, total, decimals))
        upper, upper_strict = bound, step.strict
    return entries


def _fits(value: Fraction, total: int, low: Fraction, high: Fraction) -> bool:
    return low <= Fraction(round(value / 100 * total) * 100, total) <= high


def options(
    leaf: Node, decimals: int, rng: random.Random, totals: tuple[int, int] | None = None
) -> list[Entry]:
    """What a self-assessed leaf can be entered as, best first (points not increasing).

    A rule leaf's value is a count pair whose total is drawn from ``totals`` (``(0, 0)``:
    a percent), or, without ``totals``, either.
    """
    rule = leaf.rule
    if rule is None:
        values = sorted(leaf.scale, reverse=True) or [
            leaf.max - QUARTER * k for k in range(int(leaf.max / QUARTER) + 1)
        ]
        return [Entry(leaf.code, _text(v), "", v) for v in values]
    if totals is None:
        pair = rng.choice((0, rng.randint(12, 60), rng.randint(150, 2400)))
    else:
        pair = rng.randint(*totals) if totals[1] else 0
    if rule.kind == "steps":
        entries = _steps_entries(leaf, rule, pair, decimals, rng)
    else:
        full = Fraction(rule.full_at) / 100
        top = 1 - rng.choice(_FULL_LOSS)
        shares = [top] + [full * s for s in _RATIO_SHARES if full * s < top]
        entries = [_measured(leaf, rule, s, pair, decimals) for s in shares]
    ordered = sorted(entries, key=lambda e: -(e.points or 0))
    return [e for n, e in enumerate(ordered) if n == 0 or e.points != ordered[n - 1].points]


def unit_entries(
    fw: Framework,
    kind: str,
    target: int,
    not_assessed: set[str],
    difficulty: dict[str, int],
    rng: random.Random,
    bonus: Sequence[tuple[str, Decimal]] = (),
    totals: Mapping[str, tuple[int, int]] | None = None,
) -> list[Entry]:
    """Rows whose index comes near ``target`` (hundredths), bonus and penalty included;
    ``totals`` give each rule leaf the size of what it counts (see ``options``)."""
    leaves = [leaf for leaf in fw.leaves if leaf.applies(kind)]
    chosen: dict[str, Entry] = {}
    ladders: dict[str, list[Entry]] = {}
    applicable = Decimal(0)
    for leaf in leaves:
        if leaf.code in not_assessed:
            chosen[leaf.code] = Entry(leaf.code, NOT_ASSESSED, "", None)
            continue
        applicable += leaf.max
        if leaf.source == "survey":
            permille = min(995, max(400, target // 10 + rng.randint(-40, 30)))
            points = round2(Decimal(permille) / 1000 * leaf.max)
            chosen[leaf.code] = Entry(leaf.code, _text(points), "", points)
            continue
        size = totals.get(leaf.code, (0, 0)) if totals is not None else None
        ladders[leaf.code] = options(leaf, fw.leaf_decimals, rng, size)
        chosen[leaf.code] = ladders[leaf.code][0]
        if leaf.none_means_full and rng.random() < _NO_CASE:
            chosen[leaf.code] = Entry(leaf.code, KPS, "", leaf.max)
            del ladders[leaf.code]
    extra = sum((points for _, points in bonus), Decimal(0))
    got = sum((e.points or Decimal(0) for e in chosen.values()), Decimal(0)) + extra
    deficit = got - applicable * Decimal(target) / 10000

    keys = {code: rng.randint(1, 1000) * difficulty.get(code, 1) for code in ladders}
    picked = sorted(ladders, key=lambda code: (-keys[code], code))
    for _ in range(2):  # a second round lowers again what is still short
        for code in picked:
            if deficit < QUARTER:
                break
            current = chosen[code].points or Decimal(0)
            lower = [e for e in ladders[code] if 0 < current - (e.points or 0) <= deficit]
            if lower:
                entry = rng.choice(lower)
                chosen[code] = entry
                deficit -= current - (entry.points or 0)
    _link_no_case(fw, chosen, ladders)
    rows = [chosen[leaf.code] for leaf in leaves]
    rows += [Entry(code, _text(points), "", points) for code, points in bonus]
    return rows


def _link_no_case(fw: Framework, chosen: dict[str, Entry], ladders: dict[str, list[Entry]]) -> None:
    """KPS on a criterion only when its measured companion is at 100%, and then always."""
    for code, companion in _NO_CASE_WHEN_FULL.items():
        leaf, measured = fw.node(code), chosen.get(companion)
        if leaf is None or measured is None or code not in chosen or not leaf.none_means_full:
            continue
        entry = chosen[code]
        if measured.full and entry.score != KPS:
            if entry.points == leaf.max:
                chosen[code] = Entry(code, KPS, "", leaf.max)
            else:  # an apology was due: a dossier was late after all
                chosen[companion] = next(e for e in ladders[companion] if not e.full)
        elif not measured.full and entry.score == KPS:
            chosen[code] = replace(entry, score=_text(leaf.max))
