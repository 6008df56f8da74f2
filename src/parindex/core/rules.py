"""Scoring rules of a leaf: points derived from a measured value, exactly.

Real decisions score many sub-criteria from a measured value: "Tỷ lệ % = đúng hạn / tổng
× 100" times the maximum (a **ratio** rule), or "Thực hiện trên 90% kế hoạch: 2 · từ 70% -
90%: 1 · Dưới 70%: 0" (a **steps** rule). The unit enters the value — a percent (``97,3``)
or a count pair (``35/36``) — and the points follow, rounded half-up to the framework's
``leaf_decimals``. The arithmetic is done on fractions, so ``35/36`` is never rounded
before the rule is applied.

>>> rule = parse_rule({"ratio": {"full_at": 100}}, Decimal(2), "3.2", print)
>>> measure = parse_measure("35/36")
>>> rule.points(measure.fraction, Decimal(2), 2)
Decimal('1.94')
>>> steps = parse_rule({"steps": [{"above": 90, "points": 2}, {"min": 70, "points": 1},
...     {"min": 0, "points": 0}]}, Decimal(2), "1.1.4", print)
>>> [steps.points(Fraction(v), Decimal(2), 2) for v in (91, 90, 70, 69)]
[Decimal('2'), Decimal('1'), Decimal('1'), Decimal('0')]
>>> steps.describe()
'trên 90%: 2 điểm; từ 70%: 1 điểm; dưới 70%: 0 điểm'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from parindex.core.numbers import format_vn, parse_decimal, round_half_up, to_decimal

NO_CASE = ("kps", "không phát sinh", "khong phat sinh")
"""How a scores file says "no case in the year" (không phát sinh)."""

_PAIR = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

Report = Callable[[str, str], Any]


@dataclass(frozen=True)
class Step:
    """One line of a steps rule: ``points`` from ``bound`` upward (``strict``: above it)."""

    bound: Decimal
    points: Decimal
    strict: bool = False

    def reached(self, value: Fraction) -> bool:
        bound = Fraction(self.bound)
        return value > bound if self.strict else value >= bound

    def describe(self) -> str:
        word = "trên" if self.strict else "từ"
        return f"{word} {format_vn(self.bound)}%: {format_vn(self.points)} điểm"


@dataclass(frozen=True)
class Rule:
    """A ratio rule (``full_at``) or a steps rule (``steps``, highest first)."""

    kind: str  # "ratio" | "steps"
    full_at: Decimal = Decimal(100)
    steps: tuple[Step, ...] = ()

    def points(self, value: Fraction, maximum: Decimal, decimals: int) -> Decimal:
        """The points of a measured value (a percent): the one rule of files and forms."""
        if self.kind == "ratio":
            share = min(Fraction(1), value / Fraction(self.full_at))
            return round_half_up(Fraction(maximum) * share, decimals)
        for step in self.steps:
            if step.reached(value):
                return step.points
        return Decimal(0)

    def describe(self) -> str:
        """The rule in words, as the guidance sheet and the forms show it."""
        if self.kind == "ratio":
            return (
                f"điểm = điểm tối đa × tỷ lệ đạt (%) ÷ {format_vn(self.full_at)}, "
                f"đủ điểm từ {format_vn(self.full_at)}%"
            )
        words = [step.describe() for step in self.steps]
        last = self.steps[-1]
        if len(self.steps) > 1 and last.bound == 0 and not last.strict:
            # the bottom line as decisions write it: "dưới 70%: 0 điểm"
            above = self.steps[-2]
            below = (
                f"từ {format_vn(above.bound)}% trở xuống"
                if above.strict
                else f"dưới {format_vn(above.bound)}%"
            )
            words[-1] = f"{below}: {format_vn(last.points)} điểm"
        elif last.bound > 0 or last.strict:
            words.append("thấp hơn: 0 điểm")
        return "; ".join(words)


@dataclass(frozen=True)
class Measure:
    """A measured value as entered: a percent (``97,3``) or a count pair (``35/36``)."""

    text: str
    fraction: Fraction

    @property
    def percent(self) -> Decimal:
        """The value as a percent, exactly when it has 4 decimals or fewer, else rounded."""
        return round_half_up(self.fraction, 4).normalize()


def parse_measure(raw: object) -> Measure | str:
    """A measured value, or why it is not one (a message in Vietnamese).

    >>> parse_measure("97,3").fraction, parse_measure("3/4").fraction
    (Fraction(973, 10), Fraction(75, 1))
    >>> parse_measure("5/4")
    'giá trị «5/4»: tử số lớn hơn mẫu số'
    """
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        number: Decimal | None = Decimal(raw)
        text = format_vn(Decimal(raw))
    else:
        text = str(raw).strip()
        pair = _PAIR.match(text)
        if pair:
            done, total = int(pair.group(1)), int(pair.group(2))
            if total == 0:
                return f"giá trị «{text}»: mẫu số bằng 0 — nếu trong năm không phát sinh, nhập KPS"
            if done > total:
                return f"giá trị «{text}»: tử số lớn hơn mẫu số"
            return Measure(f"{done}/{total}", Fraction(done * 100, total))
        number = parse_decimal(text.rstrip("%").strip())
    if number is None:
        return f"«{text}» không phải giá trị đo (nhập tỷ lệ như 97,3 hoặc cặp số như 35/36)"
    if number < 0:
        return f"giá trị {format_vn(number)} âm"
    return Measure(text, Fraction(number))


def is_no_case(raw: object) -> bool:
    """True for "KPS" / "không phát sinh" (any case)."""
    return isinstance(raw, str) and raw.strip().casefold() in NO_CASE


def parse_rule(data: Any, maximum: Decimal, where: str, problem: Report) -> Rule | None:
    """Validate ``rule:`` of a leaf; None (with problems reported) if it is not valid."""
    if not isinstance(data, Mapping) or len(data) != 1:
        problem(where, "«rule» phải là {ratio: {full_at: 100}} hoặc {steps: [...]}")
        return None
    kind, body = next(iter(data.items()))
    if kind == "ratio":
        return _parse_ratio(body, where, problem)
    if kind == "steps":
        return _parse_steps(body, maximum, where, problem)
    problem(where, f"loại quy tắc «{kind}» không được hỗ trợ (chọn ratio hoặc steps)")
    return None


def _parse_ratio(body: Any, where: str, problem: Report) -> Rule | None:
    body = body if body is not None else {}
    if not isinstance(body, Mapping) or set(map(str, body)) - {"full_at"}:
        problem(where, "quy tắc «ratio» chỉ có khóa «full_at» (tỷ lệ được đủ điểm, ví dụ 100)")
        return None
    full_at = to_decimal(body.get("full_at", 100))
    if full_at is None or full_at <= 0:
        problem(
            where,
            f"«full_at» của quy tắc ratio phải là số dương, không phải «{body.get('full_at')}»",
        )
        return None
    return Rule("ratio", full_at=full_at)


def _parse_steps(body: Any, maximum: Decimal, where: str, problem: Report) -> Rule | None:
    if not isinstance(body, Sequence) or isinstance(body, str) or not body:
        problem(where, "quy tắc «steps» cần danh sách mức, ví dụ [{min: 90, points: 2}, …]")
        return None
    steps: list[Step] = []
    ok = True
    for i, item in enumerate(body, start=1):
        label = f"mức thứ {i} của «steps»"
        if not isinstance(item, Mapping):
            problem(where, f"{label} cần «min» (hoặc «above») và «points»")
            ok = False
            continue
        keys = set(map(str, item))
        bounds = keys & {"min", "above"}
        if len(bounds) != 1 or "points" not in keys or keys - {"min", "above", "points"}:
            problem(where, f"{label} cần đúng một trong «min», «above» và «points»")
            ok = False
            continue
        strict = "above" in bounds
        bound = to_decimal(item["above" if strict else "min"])
        points = to_decimal(item["points"])
        if bound is None or points is None:
            problem(where, f"{label}: ngưỡng và điểm phải là số")
            ok = False
            continue
        if not 0 <= points <= maximum:
            problem(
                where,
                f"{label}: điểm {format_vn(points)} phải từ 0 đến {format_vn(maximum)}",
            )
            ok = False
        steps.append(Step(bound, points, strict))
    for earlier, later in itertools.pairwise(steps):
        if later.bound > earlier.bound or (
            later.bound == earlier.bound and not (earlier.strict and not later.strict)
        ):
            problem(
                where,
                f"các mức của «steps» phải từ cao xuống thấp: ngưỡng {format_vn(later.bound)} "
                f"đứng sau {format_vn(earlier.bound)}",
            )
            ok = False
        elif later.points > earlier.points:
            problem(
                where,
                f"các mức của «steps» phải có điểm giảm dần: {format_vn(later.points)} điểm "
                f"đứng sau {format_vn(earlier.points)} điểm",
            )
            ok = False
    return Rule("steps", steps=tuple(steps)) if ok else None
