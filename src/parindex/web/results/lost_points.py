"""The points a unit lost, leaf by leaf, as they stood when its results were published.

Recorded in the publication (``Publication.lost_points``) so that the unit's page never
reads the live scores and corrections: a correction made after publishing does not change
what was published. The reason shown is the appraiser's: the reason of the last round that
changed the score — a round that only accepted or confirmed it ("Chấp nhận điểm tự đánh
giá") leaves the earlier round's reason standing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parindex.core.narrative import points
from parindex.core.numbers import to_decimal
from parindex.core.workflow import final_score


@dataclass(frozen=True)
class LostPoint:
    """One leaf where the unit did not reach the max."""

    code: str
    name: str
    self_score: Decimal | None
    final: Decimal
    max: Decimal
    reason: str

    @property
    def lost(self) -> Decimal:
        return self.max - self.final

    @property
    def text(self) -> str:
        return points(self.lost)

    @property
    def score(self) -> str:
        return f"{points(self.final)}/{points(self.max)}"


Decision = tuple[int, Decimal | None, str]
"""(round, appraised score, reason) of one correction row."""


def appraisers_reason(self_score: Decimal | None, decisions: Iterable[Decision]) -> str:
    """The reason of the last round that changed the score; "" if no round changed it.

    >>> appraisers_reason(Decimal(5), [(1, Decimal(3), "Chưa niêm yết đủ"),
    ...                                (2, Decimal(3), "Chấp nhận điểm tự đánh giá")])
    'Chưa niêm yết đủ'
    >>> appraisers_reason(Decimal(5), [(1, Decimal(5), "Chấp nhận điểm tự đánh giá")])
    ''
    """
    standing, reason = self_score, ""
    for _round, value, text in sorted(decisions, key=lambda d: d[0]):
        if value is not None and value != standing:
            standing, reason = value, text.strip()
    return reason


def lost_point(
    code: str,
    name: str,
    maximum: Decimal,
    self_score: Decimal | None,
    decisions: Sequence[Decision],
) -> LostPoint | None:
    """The leaf's lost points, or None if it stands at its max."""
    by_round = {r: value for r, value, _ in decisions}
    final = final_score(self_score, by_round.get(1), by_round.get(2)) or Decimal(0)
    if final >= maximum:
        return None
    return LostPoint(
        code, name, self_score, final, maximum, appraisers_reason(self_score, decisions)
    )


def in_order(rows: Iterable[LostPoint]) -> list[LostPoint]:
    """Largest loss first."""
    return sorted(rows, key=lambda r: (-r.lost, r.code))


def lost_points_of(cycle: Any) -> dict[str, list[LostPoint]]:
    """Every unit's lost points in the cycle, from its standing scores and corrections."""
    from parindex.web.assessments.models import Score

    by_unit: dict[str, list[LostPoint]] = {}
    for p in cycle.participations.select_related("unit"):
        by_unit[p.unit.code] = []
    scores = (
        Score.objects.filter(cycle=cycle, not_applicable=False)
        .select_related("criterion", "unit")
        .prefetch_related("corrections")
    )
    for s in scores:
        decisions = [(c.round, c.appraised_score, c.reason) for c in s.corrections.all()]
        row = lost_point(
            s.criterion.code, s.criterion.name, s.criterion.max, s.self_score, decisions
        )
        if row is not None:
            by_unit.setdefault(s.unit.code, []).append(row)
    return {code: in_order(rows) for code, rows in by_unit.items()}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)  # exact, read back by to_decimal


def dumps(lost: Mapping[str, Sequence[LostPoint]]) -> str:
    return json.dumps(
        {
            code: [
                {
                    "code": r.code,
                    "name": r.name,
                    "self": _number(r.self_score),
                    "final": _number(r.final),
                    "max": _number(r.max),
                    "reason": r.reason,
                }
                for r in rows
            ]
            for code, rows in lost.items()
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def loads(text: str) -> dict[str, list[LostPoint]]:
    data = json.loads(text)
    return {
        str(code): [
            LostPoint(
                code=str(r["code"]),
                name=str(r["name"]),
                self_score=to_decimal(r["self"]) if r["self"] is not None else None,
                final=to_decimal(r["final"]) or Decimal(0),
                max=to_decimal(r["max"]) or Decimal(0),
                reason=str(r["reason"]),
            )
            for r in rows
        ]
        for code, rows in data.items()
    }
