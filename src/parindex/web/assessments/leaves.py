"""A leaf as the forms show and take it: how it is scored, and what was entered turned into points.

The framework says how each leaf is scored: by choosing one of its scale's points, by a
measured value from which the core derives the points (a ratio or steps rule), or by typing
points from 0 to its max; "không phát sinh" (KPS) gives the max where it allows it, and a
leaf may apply to some unit kinds only. The rules are the core's (``Node.score_problem``,
``Node.points_for``, ``Rule.describe``); this module says which one applies to a leaf and
words what a form shows. The officer's and the appraiser's forms both use it.

What was entered is turned into points by the core's ``core.entry.entered``, the same rule
the scores file uses.

>>> from parindex.core.framework import Node
>>> from parindex.core.rules import Rule
>>> from decimal import Decimal
>>> how(Node("2.1", "Hồ sơ đúng hạn", Decimal(4), rule=Rule("ratio")))
'rule'
"""

from __future__ import annotations

import json

from parindex.core.bonus import BonusSection
from parindex.core.framework import Framework, Node
from parindex.core.numbers import format_vn, plain_decimal
from parindex.web.fields import NO_CASE

SCALE, RULE, POINTS = "scale", "rule", "points"
"""How a leaf is entered: one of its scale's points, a measured value, or points."""


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
