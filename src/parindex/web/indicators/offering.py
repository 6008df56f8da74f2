"""What a unit's indicator figures offer its self-assessment: beside a criterion an indicator
feeds (its ``criteria``: «framework-id:code», or a code of any framework), the unit's measure
for the cycle's year and the points that criterion's rule gives it — a suggestion: the
officer still enters the score.

The figure is the unit's for a period ending in the cycle's year, the latest such period
(the year's own figure before its first half's).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from parindex.core import indicators as core
from parindex.core.framework import Framework
from parindex.web.indicators.mappers import core_indicator, core_value, figures_text
from parindex.web.indicators.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class Suggestion:
    indicator: Indicator
    period: str
    shown: str  # «83,05%»
    figures: str  # «1.661/2.000»
    points: Decimal | None  # None: no figure to score (a denominator of 0)


def _code_for(ref: str, framework_id: str) -> str | None:
    """The criterion code a reference names in this framework, or None."""
    framework, sep, code = ref.rpartition(":")
    if sep and framework != framework_id:
        return None
    return code.strip() or None


def offers(unit_id: int, year: int, framework: Framework) -> dict[str, list[Suggestion]]:
    """Per criterion code with a rule, what the unit's figures of ``year`` suggest."""
    found: dict[str, list[Suggestion]] = {}
    fed = [i for i in Indicator.objects.exclude(criteria="") if i.criteria_list]
    if not fed:
        return found
    values: dict[int, list[IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(unit=unit_id, indicator__in=fed).select_related("unit"):
        if core.period_end_year(v.period) == year:
            values.setdefault(v.indicator_id, []).append(v)
    for indicator in fed:
        mine = values.get(indicator.pk)
        if not mine:
            continue
        latest = max(mine, key=lambda v: core.period_key(v.period))
        item = core_indicator(indicator)
        value = core_value(latest, latest.unit.code)
        exact = core.exact(item, value)
        for ref in indicator.criteria_list:
            code = _code_for(ref, framework.id)
            node = framework.node(code) if code else None
            if code is None or node is None or node.rule is None:
                continue
            points = (
                None
                if exact is None
                else node.rule.points(exact, node.max, framework.leaf_decimals)
            )
            found.setdefault(code, []).append(
                Suggestion(
                    indicator,
                    latest.period,
                    item.shown(core.measure(item, value)),
                    figures_text(latest),
                    points,
                )
            )
    return found
