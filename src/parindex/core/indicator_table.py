"""The province's indicator table as QĐ 2629/QĐ-TTg Phụ lục I lays it out («TT · Chỉ tiêu ·
Đơn vị · Kết quả · Cơ quan chủ trì theo dõi, đánh giá»), with the two columns a report adds:
«Kết quả thực hiện» and «Đánh giá»; and one indicator's rows per unit.

A target per level («≥ 80% cấp huyện; ≥ 60% cấp xã») is one part of its row: the units of
that level pooled (numerators over denominators), and how many of them reached it.

>>> rate = Indicator("HS", "Hồ sơ xử lý trên môi trường mạng", "%", lead="VPCP")
>>> targets = [Target("HS", "p", 2021, 2025, "cấp huyện", ">", Decimal(80)),
...            Target("HS", "p", 2021, 2025, "cấp xã", ">", Decimal(60))]
>>> kinds = {"H": "huyện", "X": "xã", "Y": "xã"}
>>> values = [Value("H", "2025", Decimal(90), Decimal(100)),
...           Value("X", "2025", Decimal(50), Decimal(100)), Value("Y", "2025", Decimal(80), Decimal(100))]
>>> (row,) = province_rows([rate], targets, {"HS": values}, kinds, "2025")
>>> row.target_text, row.result_text, row.verdict_text
('> 80% cấp huyện; > 60% cấp xã', '90% cấp huyện; 65% cấp xã (2/3 đơn vị đạt)', 'Đạt')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from parindex.core.indicators import (
    ATTAINED,
    MISSED,
    Indicator,
    Target,
    Value,
    attainment,
    in_scope,
    measure,
    period_end_year,
    pooled,
    target_for,
    trend,
)
from parindex.core.numbers import format_place

NO_DATA = "Chưa có số liệu"
NO_TARGET = "Chưa có chỉ tiêu"


@dataclass(frozen=True)
class Part:
    """One scope of a province row: its target, the units' pooled measure, the verdict."""

    scope: str
    target: Target | None
    measure: Decimal | None
    verdict: str | None


@dataclass(frozen=True)
class ProvinceRow:
    number: int
    indicator: Indicator
    parts: tuple[Part, ...]
    reached: int  # units reaching their own target (each unit counted once)
    measured: int  # units with a figure and a target

    @staticmethod
    def _join(texts: Iterable[tuple[str, str]]) -> str:
        return "; ".join(f"{text} {scope}".strip() for text, scope in texts)

    @property
    def target_text(self) -> str:
        shown = [(p.target.text, p.scope) for p in self.parts if p.target is not None]
        return self._join(shown) or NO_TARGET

    @property
    def plans(self) -> str:
        return "; ".join(dict.fromkeys(p.target.plan for p in self.parts if p.target))

    @property
    def result_text(self) -> str:
        """«90% cấp huyện; 65% cấp xã (2/3 đơn vị đạt)»: the pooled measure per scope."""
        shown = [
            (self.indicator.shown(p.measure), p.scope) for p in self.parts if p.measure is not None
        ]
        text = self._join(shown)
        if self.measured:
            count = f"({format_place(self.reached, self.measured)} đơn vị đạt)"
            text = f"{text} {count}" if text else count
        return text or NO_DATA

    @property
    def verdict_text(self) -> str:
        """«Đạt» when every scope with a figure is reached, «Không đạt» when one is not."""
        verdicts = [p.verdict for p in self.parts if p.verdict is not None]
        if not verdicts:
            return NO_TARGET if all(p.target is None for p in self.parts) else NO_DATA
        return MISSED if MISSED in verdicts else ATTAINED


def _targets_of_year(targets: Sequence[Target], code: str, year: int) -> list[Target]:
    """Per scope, the newest plan's target covering ``year``."""
    newest: dict[str, Target] = {}
    for t in targets:
        known = newest.get(t.scope)
        if (
            t.indicator == code
            and t.covers(year)
            and (known is None or t.first_year >= known.first_year)
        ):
            newest[t.scope] = t
    return list(newest.values())


def province_rows(
    indicators: Sequence[Indicator],
    targets: Sequence[Target],
    values: Mapping[str, Sequence[Value]],
    kinds: Mapping[str, str],
    period: str,
) -> list[ProvinceRow]:
    """The table's rows for ``period``: each indicator with its parts (``kinds``: unit → kind)."""
    year = period_end_year(period)
    rows = []
    for number, indicator in enumerate(indicators, start=1):
        mine = [
            v
            for v in values.get(indicator.code, ())
            if v.period == period and v.unit in kinds and indicator.applies_to(kinds[v.unit])
        ]
        scoped: list[Target | None] = (
            [*_targets_of_year(targets, indicator.code, year)] if year else []
        )
        parts = []
        for target in scoped or [None]:
            scope = target.scope if target else ""
            together = pooled(indicator, [v for v in mine if in_scope(scope, kinds[v.unit])])
            parts.append(Part(scope, target, together, attainment(target, together)))
        judged = [
            attainment(
                target_for(targets, indicator.code, kinds[v.unit], year), measure(indicator, v)
            )
            for v in mine
            if year
        ]
        reached, measured = judged.count(ATTAINED), len([j for j in judged if j is not None])
        rows.append(ProvinceRow(number, indicator, tuple(parts), reached, measured))
    return rows


@dataclass(frozen=True)
class UnitRow:
    """One unit's figure for an indicator in a period, its target, verdict and trend."""

    unit: str
    value: Value | None
    measure: Decimal | None
    target: Target | None
    verdict: str | None
    trend: str  # the change from the unit's previous period with a figure


def unit_rows(
    indicator: Indicator,
    targets: Sequence[Target],
    values: Sequence[Value],
    kinds: Mapping[str, str],
    period: str,
) -> list[UnitRow]:
    """Every unit the indicator applies to (``kinds``, in their order), with or without a
    figure for ``period``."""
    year = period_end_year(period)
    by_unit: dict[str, list[Value]] = {}
    for v in values:
        by_unit.setdefault(v.unit, []).append(v)
    rows = []
    for unit, kind in kinds.items():
        if not indicator.applies_to(kind):
            continue
        history = by_unit.get(unit, [])
        now = next((v for v in history if v.period == period), None)
        found = measure(indicator, now) if now else None
        target = target_for(targets, indicator.code, kind, year) if year else None
        steps = trend(indicator, [(v.period, measure(indicator, v)) for v in history])
        words = next((s.words for s in steps if s.period == period), "")
        rows.append(UnitRow(unit, now, found, target, attainment(target, found), words))
    return rows
