"""ORM rows ↔ ``core.indicators`` objects: the web app never re-implements a rule."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from parindex.core import indicators as core
from parindex.core.numbers import format_vn
from parindex.web.indicators.models import Indicator, IndicatorValue, Target


def core_indicator(row: Indicator) -> core.Indicator:
    return core.Indicator(
        code=row.code,
        name=row.name,
        unit=row.unit,
        kind=row.kind,
        direction=row.direction,
        scopes=row.scope_list,
        numerator=row.numerator,
        denominator=row.denominator,
        data_source=row.data_source,
        source=row.source,
        lead=row.lead,
        note=row.note,
        criteria=row.criteria_list,
    )


def core_target(row: Target, code: str, unit: str) -> core.Target:
    return core.Target(
        code,
        row.plan,
        row.first_year,
        row.last_year,
        row.scope,
        row.comparator,
        row.value.normalize(),
        unit,
    )


def core_targets(rows: Iterable[Target]) -> list[core.Target]:
    """``rows`` with their indicator selected (``select_related("indicator")``)."""
    return [core_target(t, t.indicator.code, t.indicator.unit) for t in rows]


def _exact(number: Decimal | None) -> Decimal | None:
    return None if number is None else number.normalize()


def core_value(row: IndicatorValue, unit_code: str) -> core.Value:
    return core.Value(
        unit_code, row.period, _exact(row.numerator), _exact(row.denominator), _exact(row.value)
    )


def figures_text(row: IndicatorValue) -> str:
    """What was entered: «1.661/2.000» or «2.358»."""
    if row.numerator is not None and row.denominator is not None:
        return f"{format_vn(row.numerator)}/{format_vn(row.denominator)}"
    return "" if row.value is None else format_vn(row.value)
