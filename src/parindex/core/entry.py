"""What was entered for a leaf, turned into points: the one rule of score files and forms.

An entry is points typed or chosen, a measured value (a rule leaf: ``97,3`` or ``35/36``),
or "không phát sinh" (KPS). ``entered`` says which points it gives, or why it cannot be
taken — the scores file, the fill-in workbook and the web's forms all call it.

>>> from decimal import Decimal
>>> from parindex.core.framework import Node
>>> from parindex.core.rules import Rule, parse_measure
>>> leaf = Node("2.1", "Hồ sơ đúng hạn", Decimal(4), rule=Rule("ratio"))
>>> entered(leaf, 2, None, parse_measure("35/36"), False)
Entered(points=Decimal('3.89'), measure='35/36')
>>> entered(leaf, 2, None, None, True)
'tiêu chí không quy định «không phát sinh» được tính điểm tối đa'
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from parindex.core.framework import Node
from parindex.core.numbers import format_vn
from parindex.core.rules import Measure

NO_CASE_MARK = "KPS"
"""How a "không phát sinh" entry is kept beside its points."""


@dataclass(frozen=True)
class Entered:
    """What an entry gives, as stored: the points and what they came from ("" for points
    typed or chosen, the measure's text, or "KPS")."""

    points: Decimal | None
    measure: str = ""


def no_case_refused() -> str:
    return "tiêu chí không quy định «không phát sinh» được tính điểm tối đa"


def entered(
    leaf: Node, decimals: int, points: Decimal | None, measure: Measure | None, no_case: bool
) -> Entered | str:
    """The points an entry gives, or why it cannot be taken (Vietnamese, without the
    criterion's code). Nothing entered gives no points (a draft left blank)."""
    if no_case:
        if not leaf.none_means_full:
            return no_case_refused()
        if measure is not None or (points is not None and points != leaf.max):
            typed = measure.text if measure is not None else format_vn(points or Decimal(0))
            return (
                f"đã chọn «không phát sinh» (được điểm tối đa) nhưng lại nhập {typed}: "
                "bỏ một trong hai"
            )
        return Entered(leaf.max, NO_CASE_MARK)
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
