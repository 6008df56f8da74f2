"""A leaf as the forms show and take it: how it is scored, and what was entered turned into points.

The framework says how each leaf is scored: by choosing one of its scale's points, by a
measured value from which the core derives the points (a ratio or steps rule), or by typing
points from 0 to its max; "không phát sinh" (KPS) gives the max where it allows it, and a
leaf may apply to some unit kinds only. The rules are the core's (``Node.score_problem``,
``Node.points_for``, ``Rule.describe``); this module says which one applies to a leaf and
words what a form shows. The officer's and the appraiser's forms both use it.

>>> from parindex.core.framework import Node
>>> from parindex.core.rules import Rule, parse_measure
>>> leaf = Node("2.1", "Hồ sơ đúng hạn", Decimal(4), rule=Rule("ratio"))
>>> entered(leaf, 2, None, parse_measure("35/36"), False)
Entered(points=Decimal('3.89'), measure='35/36')
>>> entered(leaf, 2, None, None, True)
'tiêu chí không quy định «không phát sinh» được tính điểm tối đa'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.bonus import BonusSection
from parindex.core.framework import Framework, Node
from parindex.core.numbers import format_vn, plain_decimal
from parindex.core.rules import Measure
from parindex.web.fields import NO_CASE

SCALE, RULE, POINTS = "scale", "rule", "points"
"""How a leaf is entered: one of its scale's points, a measured value, or points."""


@dataclass(frozen=True)
class Entered:
    """What a leaf's form gave, as stored: the points and the value they came from ("" for
    points typed or chosen, the measure's text, or "KPS")."""

    points: Decimal | None
    measure: str = ""


def entered(
    leaf: Node, decimals: int, points: Decimal | None, measure: Measure | None, no_case: bool
) -> Entered | str:
    """The points a leaf's entry gives, or why the entry cannot be taken (Vietnamese, without
    the criterion's code). Nothing entered gives no points (a draft left blank)."""
    if no_case:
        if not leaf.none_means_full:
            return "tiêu chí không quy định «không phát sinh» được tính điểm tối đa"
        if measure is not None or (points is not None and points != leaf.max):
            typed = measure.text if measure is not None else format_vn(points or Decimal(0))
            return (
                f"đã chọn «không phát sinh» (được điểm tối đa) nhưng lại nhập {typed}: "
                "bỏ một trong hai"
            )
        return Entered(leaf.max, NO_CASE)
    if leaf.rule is not None:
        if measure is None:
            if points is not None:
                return (
                    f"tiêu chí tính điểm từ giá trị đo ({leaf.rule.describe()}): nhập giá trị "
                    "(ví dụ 97,3 hoặc 35/36), điểm được tính tự động"
                )
            return Entered(None)
        derived = leaf.points_for(measure, decimals)
        if points is not None and points != derived:
            return (
                f"điểm {format_vn(points)} khác điểm tính từ giá trị {measure.text} "
                f"({format_vn(derived)})"
            )
        return Entered(derived, measure.text)
    if measure is not None:
        return "tiêu chí không tính điểm từ giá trị đo: nhập điểm"
    if points is not None and (refused := leaf.score_problem(points)) is not None:
        return refused
    return Entered(points)


def how(leaf: Node) -> str:
    """SCALE, RULE or POINTS: which input the form gives the leaf."""
    if leaf.rule is not None:
        return RULE
    return SCALE if leaf.scale else POINTS


def not_for_kind(leaf: Node, kind: str) -> str:
    """Why a unit of this kind does not score the leaf ("" when it does)."""
    return "" if leaf.applies(kind) else f"Không áp dụng cho {kind or 'loại đơn vị này'}"


def rule_data(leaf: Node, decimals: int) -> str:
    """The leaf's rule as JSON for the page's script, which shows the points as a value is
    typed (display only: the server's figure is the one stored)."""
    data: dict[str, object] = {
        "max": plain_decimal(leaf.max),
        "decimals": decimals,
        "kps": leaf.none_means_full,
    }
    if leaf.rule is not None:
        data["kind"] = leaf.rule.kind
        data["full_at"] = plain_decimal(leaf.rule.full_at)
        data["steps"] = [
            {"bound": plain_decimal(s.bound), "points": plain_decimal(s.points), "strict": s.strict}
            for s in leaf.rule.steps
        ]
    return json.dumps(data, ensure_ascii=False)


def shown(leaf: Node, framework: Framework, kind: str) -> dict[str, object]:
    """What the officer's and the appraiser's pages show of a leaf: its guide, the scale, the
    rule in words, KPS where allowed, the evidence asked, and the unit kinds it applies to."""
    return {
        "how": how(leaf),
        "guide": leaf.guide,
        "scale": "; ".join(format_vn(p) for p in leaf.scale),
        "choices": [(plain_decimal(p), format_vn(p)) for p in leaf.scale],
        "choice_labels": [format_vn(p) for p in leaf.scale],
        "rule": leaf.rule.describe() if leaf.rule is not None else "",
        "rule_data": rule_data(leaf, framework.leaf_decimals) if leaf.rule is not None else "",
        "kps": leaf.none_means_full,
        "evidence": leaf.evidence,
        "evidence_text": leaf.evidence_text,
        "applies_to": ", ".join(leaf.applies_to),
        "not_for_kind": not_for_kind(leaf, kind),
        "max": format_vn(leaf.max),
    }


def measure_shown(measure: str) -> str:
    """A stored measure as the pages show it: "Không phát sinh (KPS)" or the value as entered."""
    return "Không phát sinh (KPS)" if measure == NO_CASE else measure


def bonus_caps(section: BonusSection) -> str:
    """The section's caps in words ("cộng tối đa 5 điểm; trừ tối đa 5 điểm")."""
    parts = []
    if section.cap is not None:
        parts.append(f"điểm thưởng cộng tối đa {format_vn(section.cap)} điểm")
    if section.penalty_cap is not None:
        parts.append(f"điểm trừ tối đa {format_vn(section.penalty_cap)} điểm")
    return "; ".join(parts)
