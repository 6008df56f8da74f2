"""Bonus and penalty points (điểm thưởng, điểm trừ) outside the framework's maximum.

Some frameworks add a content "Điểm thưởng, điểm trừ" outside the 100 (Hà Nội 5666/QĐ-UBND,
2025): bonus items add points, penalty items take them away, each total counted at most to
its cap, and the maximum never changes. The index is then
``(points + bonus − penalty) ÷ applicable max × 100``, at least 0 and at most ``index_cap``.

>>> section = parse_bonus({"cap": 5, "penalty_cap": 5, "items": [
...     {"code": "T1", "name": "Sáng kiến", "max": 2}, {"code": "P1", "name": "Phản ánh", "min": -2}]},
...     set(), print)
>>> [(i.code, i.is_penalty, i.low, i.high) for i in section.items]
[('T1', False, Decimal('0'), Decimal('2')), ('P1', True, Decimal('-2'), Decimal('0'))]
>>> section.totals([Decimal(2), Decimal("-1.5")])
(Decimal('2'), Decimal('1.5'))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parindex.core.numbers import format_vn, to_decimal

SECTION_KEYS = {"cap", "penalty_cap", "items", "name"}
ITEM_KEYS = {"code", "name", "max", "min", "guide", "evidence"}

Report = Callable[[str, str], Any]


@dataclass(frozen=True)
class Adjustment:
    """One bonus item (points from 0 to ``max``) or penalty item (from ``min`` to 0)."""

    code: str
    name: str
    low: Decimal
    high: Decimal
    guide: str = ""
    evidence: str = ""

    @property
    def is_penalty(self) -> bool:
        return self.low < 0

    def score_problem(self, points: Decimal) -> str | None:
        """Why ``points`` cannot be this item's points (None: they can).

        >>> Adjustment("P1", "Phản ánh", Decimal(-2), Decimal(0)).score_problem(Decimal(1))
        'điểm trừ phải từ -2 đến 0 (nhập số âm, ví dụ -0,5), không phải 1'
        """
        if self.low <= points <= self.high:
            return None
        if self.is_penalty:
            return (
                f"điểm trừ phải từ {format_vn(self.low)} đến 0 (nhập số âm, ví dụ -0,5), "
                f"không phải {format_vn(points)}"
            )
        return f"điểm thưởng phải từ 0 đến {format_vn(self.high)}, không phải {format_vn(points)}"


@dataclass(frozen=True)
class BonusSection:
    """The bonus and penalty content: its items and the two caps (None: no cap)."""

    items: tuple[Adjustment, ...]
    cap: Decimal | None = None
    penalty_cap: Decimal | None = None
    name: str = "Điểm thưởng, điểm trừ"

    def item(self, code: str) -> Adjustment | None:
        return next((i for i in self.items if i.code == code), None)

    def totals(self, points: Iterable[Decimal]) -> tuple[Decimal, Decimal]:
        """(bonus, penalty) counted from the items' points in item order, caps applied;
        the penalty is returned as a positive number of points taken away."""
        values = list(points)
        bonus = sum(
            (p for i, p in zip(self.items, values, strict=True) if not i.is_penalty), Decimal(0)
        )
        penalty = -sum(
            (p for i, p in zip(self.items, values, strict=True) if i.is_penalty), Decimal(0)
        )
        if self.cap is not None:
            bonus = min(bonus, self.cap)
        if self.penalty_cap is not None:
            penalty = min(penalty, self.penalty_cap)
        return bonus, penalty


def parse_bonus(data: Any, codes: set[str], problem: Report) -> BonusSection | None:
    """Validate ``bonus:``; ``codes`` are the framework's criterion codes (no clash allowed)."""
    where = "bonus"
    if not isinstance(data, Mapping):
        problem(where, "«bonus» cần «items» (và có thể «cap», «penalty_cap»)")
        return None
    ok = True
    for key in sorted(set(map(str, data)) - SECTION_KEYS):
        problem(where, f"khóa không được hỗ trợ «{key}»")
        ok = False
    caps: dict[str, Decimal | None] = {}
    for key in ("cap", "penalty_cap"):
        raw = data.get(key)
        caps[key] = None if raw is None else to_decimal(raw)
        if raw is not None and (caps[key] is None or caps[key] < 0):  # type: ignore[operator]
            problem(where, f"«{key}» phải là số không âm, không phải «{raw}»")
            ok = False
    raw_items = data.get("items")
    items: list[Adjustment] = []
    if not isinstance(raw_items, Sequence) or isinstance(raw_items, str) or not raw_items:
        problem(where, "«bonus» cần danh sách «items» không rỗng")
        return None
    seen = set(codes)
    for n, raw in enumerate(raw_items, start=1):
        item = _parse_item(raw, f"bonus › mục thứ {n}", seen, problem)
        if item is None:
            ok = False
        else:
            items.append(item)
    if not ok:
        return None
    name = str(data.get("name") or "").strip() or "Điểm thưởng, điểm trừ"
    return BonusSection(tuple(items), caps["cap"], caps["penalty_cap"], name)


def _parse_item(raw: Any, where: str, seen: set[str], problem: Report) -> Adjustment | None:
    if not isinstance(raw, Mapping):
        problem(where, "mỗi mục thưởng/trừ cần «code», «name» và «max» (thưởng) hoặc «min» (trừ)")
        return None
    code = str(raw.get("code") or "").strip()
    name = str(raw.get("name") or "").strip()
    where = code or where
    ok = True
    for key in sorted(set(map(str, raw)) - ITEM_KEYS):
        problem(where, f"khóa không được hỗ trợ «{key}»")
        ok = False
    if not code or not name:
        problem(where, "mục thưởng/trừ cần «code» và «name»")
        ok = False
    elif code in seen:
        problem(where, f"mã «{code}» trùng với một tiêu chí hoặc mục khác")
        ok = False
    seen.add(code)
    has_max, has_min = raw.get("max") is not None, raw.get("min") is not None
    if has_max == has_min:
        problem(where, "mục thưởng cần «max» (dương), mục trừ cần «min» (âm): đúng một trong hai")
        return None
    bound = to_decimal(raw["max"] if has_max else raw["min"])
    if bound is None:
        problem(where, "«max»/«min» của mục thưởng/trừ phải là số")
        return None
    if has_max and bound <= 0:
        problem(where, f"điểm thưởng tối đa phải dương, không phải {format_vn(bound)}")
        ok = False
    if has_min and bound >= 0:
        problem(
            where,
            f"mục trừ điểm cần «min» âm (ví dụ -2), không phải {format_vn(bound)}",
        )
        ok = False
    evidence = raw.get("evidence")
    if not ok:
        return None
    return Adjustment(
        code=code,
        name=name,
        low=Decimal(0) if has_max else bound,
        high=bound if has_max else Decimal(0),
        guide=str(raw.get("guide") or "").strip(),
        evidence=str(evidence).strip() if isinstance(evidence, str) else "",
    )


def describe(item: Adjustment) -> str:
    """What an item gives, in words."""
    if item.is_penalty:
        return f"trừ tối đa {format_vn(-item.low)} điểm"
    return f"thưởng tối đa {format_vn(item.high)} điểm"
