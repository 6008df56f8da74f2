"""The periodic PAR report from the app's data (issue 15): the same document ``parindex
review`` writes, its inputs built from the rows instead of files — the year's plan as of the
period's end (or today), the indicators of the period, the one-stop figures of the months
from January to the period's end, the results published for the year — for the province or
for one unit (its tasks, its indicators, its dossiers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.utils import timezone

from parindex.core.indicators import ATTAINED, MISSED
from parindex.core.numbers import code_digits
from parindex.core.review import (
    IndicatorResult,
    IndicatorTable,
    OnestopFigures,
    OnestopUnit,
    PlanInput,
    ReviewPeriod,
)
from parindex.reports.letterhead import Letterhead
from parindex.reports.review_document import ReviewInputs
from parindex.services.review import review_letterhead
from parindex.web.onestop.models import RegisterImport
from parindex.web.onestop.periods import bounds, figures
from parindex.web.organisation.letterhead import stored_letterhead
from parindex.web.organisation.models import Organisation
from parindex.web.plans.models import Plan, PlanKind, PlanTask
from parindex.web.plans.status import status_of_tasks
from parindex.web.results.letterhead import organisation_letterhead
from parindex.web.units.models import Unit


def _plan(period: ReviewPeriod, unit: Unit | None, as_of: dt.date) -> PlanInput | None:
    yearly = Plan.objects.filter(kind=PlanKind.YEARLY, year=period.year)
    if unit is None:
        plan = yearly.filter(issuer__isnull=True).order_by("pk").first()
        if plan is None:
            return None
        tasks = list(plan.tasks.order_by("position", "pk"))
        assigned = f"Quyết định số {plan.decision_line}" if plan.decision_line else plan.title
    else:
        tasks = list(
            PlanTask.objects.filter(plan__in=yearly, lead_unit=unit).order_by(
                "plan_id", "position", "pk"
            )
        )
        assigned = ""
    if not tasks:
        return None
    return PlanInput(status_of_tasks(tasks, as_of), assigned)


def _indicators(period: ReviewPeriod, unit: Unit | None) -> IndicatorTable | None:
    from parindex.web.indicators.board import periods, province_table

    labels = {period.label.lower(), str(period.year)} if period.kind == "nam" else {period.label}
    chosen = next((p for p in periods() if p.lower() in {x.lower() for x in labels}), None)
    if chosen is None:
        return None
    rows = province_table(chosen)
    if unit is not None:
        return _unit_indicators(chosen, unit)
    results = []
    for row in rows:
        measures = [p.measure for p in row.parts if p.measure is not None]
        verdict = row.verdict_text
        results.append(
            IndicatorResult(
                code=row.indicator.code,
                name=row.indicator.name,
                unit=row.indicator.unit,
                target=row.target_text,
                value=measures[0] if len(measures) == 1 else None,
                attained=True if verdict == ATTAINED else False if verdict == MISSED else None,
                lead=row.indicator.lead,
            )
        )
    return IndicatorTable(
        chosen, tuple(r for r in results if r.value is not None or r.attained is not None)
    )


def _unit_indicators(chosen: str, unit: Unit) -> IndicatorTable | None:
    from parindex.core.indicator_table import unit_rows
    from parindex.web.indicators.mappers import core_indicator, core_targets, core_value
    from parindex.web.indicators.models import Indicator, Target

    targets = core_targets(Target.objects.select_related("indicator"))
    results = []
    for indicator in Indicator.objects.filter(values__unit=unit, values__period=chosen).distinct():
        values = [core_value(v, unit.code) for v in indicator.values.filter(unit=unit)]
        item = core_indicator(indicator)
        rows = [
            r
            for r in unit_rows(item, targets, values, {unit.code: unit.kind}, chosen)
            if r.unit == unit.code
        ]
        if not rows:
            continue
        row = rows[0]
        results.append(
            IndicatorResult(
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                target=row.target.text if row.target else "",
                value=row.measure,
                attained=True
                if row.verdict == ATTAINED
                else False
                if row.verdict == MISSED
                else None,
                lead=indicator.lead,
            )
        )
    return IndicatorTable(chosen, tuple(results)) if results else None


def _onestop(period: ReviewPeriod, unit: Unit | None) -> OnestopFigures | None:
    first = f"{period.year}-01"
    last = f"{period.year}-{code_digits(period.end.month, 2)}"
    made = (
        RegisterImport.objects.filter(first_month__lte=dt.date(period.year, 1, 1))
        .order_by("-last_month", "-uploaded_at")
        .first()
    )
    if made is None:
        return None
    covered = made.last_month.strftime("%Y-%m")
    last = min(last, covered)
    if last < first:
        return None
    stats = figures(made, first, last)
    names = {code: name for code, name, _ in made.units}
    units = [u for u in stats.units if unit is None or u.code == unit.code]
    if not units:
        return None
    start, end = bounds(first, last)
    chosen = replace(stats, units=tuple(units))
    return OnestopFigures(
        start,
        end,
        chosen.total,
        tuple(chosen.levels().items()),
        tuple(OnestopUnit(u.code, names.get(u.code, u.code), u.level, u.counts) for u in units),
    )


def review_inputs(period: ReviewPeriod, unit: Unit | None = None) -> ReviewInputs:
    as_of = min(period.end, timezone.localdate())
    return ReviewInputs(
        plan=_plan(period, unit, as_of),
        indicators=_indicators(period, unit),
        onestop=_onestop(period, unit),
        results=None,
    )


def review_head(unit: Unit | None = None) -> Letterhead:
    organisation = Organisation.current()
    head = stored_letterhead(organisation.letterhead) or organisation_letterhead(organisation)
    head = review_letterhead(head)
    if unit is not None:
        body = str(unit).upper()
        head = replace(head, issuer=f"UBND TỈNH\n{body}" if unit.kind in ("sở", "ban") else body,
                       name=str(unit), signer_title="", signer_name="")  # fmt: skip
    return head
