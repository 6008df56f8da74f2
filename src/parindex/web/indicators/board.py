"""What the indicator pages show, computed by ``core.indicator_table`` from the rows: the
province's table for a period, one indicator's units, a unit's indicators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from parindex.core import indicators as core
from parindex.core.indicator_table import ProvinceRow, UnitRow, province_rows, unit_rows
from parindex.reports.indicator_reports import Bar
from parindex.web.indicators.mappers import core_indicator, core_targets, core_value
from parindex.web.indicators.models import Indicator, IndicatorValue, Target
from parindex.web.units.models import Unit


def periods() -> list[str]:
    """The periods with a figure, newest first."""
    found = set(IndicatorValue.objects.values_list("period", flat=True).distinct())
    return sorted(found, key=core.period_key, reverse=True)


def default_period() -> str:
    known = periods()
    return known[0] if known else str(timezone.localdate().year)


def units_in_force() -> list[Unit]:
    return list(Unit.objects.filter(Unit.in_force_now()).order_by("code"))


def province_table(period: str) -> list[ProvinceRow]:
    indicators = list(Indicator.objects.all())
    targets = core_targets(Target.objects.select_related("indicator"))
    kinds = {u.code: u.kind for u in units_in_force()}
    values: dict[str, list[core.Value]] = {}
    for row in IndicatorValue.objects.filter(period=period).select_related("indicator", "unit"):
        values.setdefault(row.indicator.code, []).append(core_value(row, row.unit.code))
    return province_rows([core_indicator(i) for i in indicators], targets, values, kinds, period)


@dataclass(frozen=True)
class UnitLine:
    unit: Unit
    row: UnitRow
    stored: IndicatorValue | None
    shown: str  # the measure in the indicator's unit


def indicator_units(indicator: Indicator, period: str) -> list[UnitLine]:
    item = core_indicator(indicator)
    units = units_in_force()
    by_code = {u.code: u for u in units}
    stored = {(v.unit.code, v.period): v for v in indicator.values.select_related("unit").all()}
    values = [core_value(v, code) for (code, _), v in stored.items()]
    rows = unit_rows(
        item,
        core_targets(indicator.targets.select_related("indicator")),
        values,
        {u.code: u.kind for u in units},
        period,
    )
    return [
        UnitLine(by_code[r.unit], r, stored.get((r.unit, period)), item.shown(r.measure))
        for r in rows
    ]


def bars(indicator: Indicator, lines: Sequence[UnitLine]) -> list[Bar]:
    item = core_indicator(indicator)
    out = []
    for line in lines:
        r = line.row
        target = f" (chỉ tiêu {r.target.text})" if r.target else ""
        words = f"{item.shown(r.measure)}" + (f" — {r.verdict}" if r.verdict else "") + target
        out.append(
            Bar(str(line.unit), r.measure, r.target.value if r.target else None, r.verdict, words)
        )
    return out


@dataclass(frozen=True)
class Trend:
    period: str
    shown: str
    words: str
    measure: Decimal | None = None


def province_trend(indicator: Indicator) -> list[Trend]:
    """The province's pooled measure per period and its change (ratios and counts)."""
    item = core_indicator(indicator)
    by_period: dict[str, list[core.Value]] = {}
    for v in indicator.values.select_related("unit"):
        by_period.setdefault(v.period, []).append(core_value(v, v.unit.code))
    measures = [(p, core.pooled(item, vs)) for p, vs in by_period.items()]
    return [
        Trend(s.period, item.shown(s.measure), s.words, s.measure)
        for s in core.trend(item, measures)
    ]
